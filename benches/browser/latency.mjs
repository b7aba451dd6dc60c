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

/**
 * Presses edit keys on the open article as a person would (trusted key events from the driver,
 * `gapMs` apart) and reads Chromium's own Event Timing for each keydown: from the key's
 * timestamp, through any wait for the main thread and the handlers, to the next paint after
 * them (rounded by Chromium to 8 ms). Only keydowns of 16 ms or more are reported by the
 * browser (its least threshold), so the result is how many keys took that long, and the
 * slowest, out of all the keydowns sent.
 */
export async function keyToPaint(page, count = 60, gapMs = 150) {
  await page.evaluate(() => {
    window.__slowKeys = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown') window.__slowKeys.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  });
  await page.locator('#article').focus();
  await page.keyboard.press('Tab');
  const keys = ['2', '1', 'Tab', 'Enter', 'Delete', 'Control+z'];
  let keydowns = 0;
  for (let i = 0; i < count; i++) {
    const k = keys[i % keys.length];
    await page.keyboard.press(k);
    keydowns += k.split('+').length;
    await page.waitForTimeout(gapMs);
  }
  // Entries come after the paint they end at.
  await page.waitForTimeout(500);
  const slow = await page.evaluate(() => window.__slowKeys);
  slow.sort((a, b) => a - b);
  // All keydowns in order, those not reported being under 16 ms: the p95 is one of the slow
  // ones only if it falls among them.
  const at = Math.floor(keydowns * 0.95) - (keydowns - slow.length);
  return { keydowns, slow: slow.length, slowest: slow.at(-1) ?? 0, p95: at >= 0 ? `${slow[at]}` : 'under 16' };
}

/**
 * Records the long tasks of every page `page` loads from now on, from the page's start: read
 * gives each as "duration (at start)", in ms from that page's navigation.
 */
export async function recordLongTasksFromStart(page) {
  await page.addInitScript(() => {
    window.__startTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__startTasks.push(`${Math.round(e.duration)} (at ${Math.round(e.startTime)})`);
      }
    }).observe({ type: 'longtask' });
  });
  return { read: () => page.evaluate(() => window.__startTasks) };
}

/** Starts recording long tasks on the page; `read()` gives their count and the longest, in ms. */
export async function recordLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__longTaskStarts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longTasks.push(e.duration);
        window.__longTaskStarts.push(e.startTime);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
  return {
    read: () => page.evaluate(() => ({
      count: window.__longTasks.length,
      longest: Math.max(0, ...window.__longTasks),
    })),
  };
}

/**
 * Runs `fn` under a Chromium trace and returns the page's main-thread timeline events
 * (complete events only, `ph` X, times in µs) with the timeout each timer was set for.
 */
export async function traceDuring(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await fn();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const timeouts = new Map(events.filter((e) => e.name === 'TimerInstall').map((e) => [e.args.data.timerId, e.args.data.timeout]));
  const main = events.filter((e) => e.ph === 'X' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  return { main, timeout: (e) => timeouts.get(e.args?.data?.timerId) };
}
