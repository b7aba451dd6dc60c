// Scripted browser benchmark: how long one edit takes to re-render on a long article, and how
// long pasting (recognising + first render) takes. Run after `trunk build --release`:
//   node benches/browser/render.mjs [WORDS]
// It prints medians over repeated edits; BENCHMARKS.md records the figures.
import { serveDist, launch, openApp, paste } from '../../tests/e2e/harness.mjs';
import { ARTICLE_WORDS, longArticle } from './article.mjs';

const words = Number(process.argv[2] ?? 20000);
const text = longArticle(words);
const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  const t0 = Date.now();
  await paste(page, text);
  await page.locator('#article mark').first().waitFor();
  const pasteMs = Date.now() - t0;
  const spans = await page.locator('#article mark').count();

  // Each edit: a key press on the document, timed until Yew has rendered (the scheduler runs
  // after the event's microtasks; a zero timeout lands after it) and until the next frame.
  const result = await page.evaluate(async () => {
    const key = (k, extra = {}) =>
      document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const render = [];
    const painted = [];
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
    for (let i = 0; i < 120; i++) {
      const name = names[i % names.length];
      const t = performance.now();
      steps[name]();
      await tick();
      const r = performance.now() - t;
      render.push(r);
      (bySteps[name] ??= []).push(r);
      await frame();
      painted.push(performance.now() - t);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
    const perStep = Object.fromEntries(Object.entries(bySteps).map(([k, v]) => [k, median(v).toFixed(1)]));
    return { perStep, renderMedian: median(render), renderP95: p95(render), frameMedian: median(painted), frameP95: p95(painted) };
  });
  const f = (x) => x.toFixed(1);
  console.log(`article: ${words} words (${ARTICLE_WORDS(text)} counted), ${text.length} UTF-16 units, ${spans} spans`);
  console.log(`paste → highlighted: ${pasteMs} ms (recognise + first render, wall clock incl. driver)`);
  console.log(`edit → DOM updated: median ${f(result.renderMedian)} ms, p95 ${f(result.renderP95)} ms`);
  console.log(`edit → DOM updated, median by kind (ms): ${JSON.stringify(result.perStep)}`);
  console.log(`edit → next frame:  median ${f(result.frameMedian)} ms, p95 ${f(result.frameP95)} ms`);
} finally {
  await browser.close();
  await server.close();
}
