// What the browser benchmarks measure on an open page: how long a key press takes to reach the
// DOM and the next frame, and the long tasks (over 50 ms) the main thread ran meanwhile.

/**
 * Times `count` edits by keyboard on the open article (relabel, next, accept, delete, undo).
 * Each key follows the last one's frame at once, or after `gapMs` more: keys a frame apart
 * (faster than a key held down repeats) put the previous edit's autosave, 20 ms after it, into
 * the next key's time; a gap shows each edit with the page otherwise at rest.
 */
export async function editLatency(page, count = 120, gapMs = 0) {
  return page.evaluate(async ([count, gapMs]) => {
    const key = (k, extra = {}) =>
      document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
    // Yew renders after the event's microtasks; a zero timeout lands after it.
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const render = [];
    const painted = [];
    const laidOut = [];
    document.getElementById('article').focus();
    key('Tab');
    await frame();
    const steps = {
      relabel: () => key('2'),
      relabelBack: () => key('1'),
      next: () => key('Tab'),
      accept: () => key('Enter'),
      delete: () => key('Delete'),
      undo: () => key('z', { ctrlKey: true }),
    };
    const names = Object.keys(steps);
    const bySteps = {};
    const framesBySteps = {};
    for (let i = 0; i < count; i++) {
      const name = names[i % names.length];
      const t = performance.now();
      steps[name]();
      await tick();
      const r = performance.now() - t;
      render.push(r);
      (bySteps[name] ??= []).push(r);
      // Style and layout of the change, forced now: the work the edit adds to the next frame.
      // (The frame figure below cannot go under the wait for the next vsync, up to 16.7 ms.)
      void document.getElementById('article').offsetHeight;
      laidOut.push(performance.now() - t);
      await frame();
      painted.push(performance.now() - t);
      (framesBySteps[name] ??= []).push(performance.now() - t);
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
    const perStep = Object.fromEntries(Object.entries(bySteps).map(([k, v]) => [k, median(v).toFixed(1)]));
    const framePerStep = Object.fromEntries(Object.entries(framesBySteps).map(([k, v]) => [k, `${median(v).toFixed(1)} / ${p95(v).toFixed(1)}`]));
    return {
      perStep, framePerStep, renderMedian: median(render), renderP95: p95(render),
      layoutMedian: median(laidOut), layoutP95: p95(laidOut), frameMedian: median(painted), frameP95: p95(painted),
    };
  }, [count, gapMs]);
}

/** Starts recording long tasks on the page; `read()` gives their count and the longest, in ms. */
export async function recordLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return {
    read: () => page.evaluate(() => ({
      count: window.__longTasks.length,
      longest: Math.max(0, ...window.__longTasks),
    })),
  };
}
