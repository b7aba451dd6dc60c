// Scripted browser benchmark: how long one edit takes to re-render on a long article, and how
// long pasting (recognising + first render) takes, and how many elements the page holds. Run
// after `trunk build --release`:
//   node benches/browser/render.mjs [WORDS] [EDITS]
// It prints medians over repeated edits; BENCHMARKS.md records the figures.
import { serveDist, launch, openApp, paste } from '../../tests/e2e/harness.mjs';
import { ARTICLE_WORDS, longArticle } from './article.mjs';
import { editLatency, keyToPaint } from './latency.mjs';

const words = Number(process.argv[2] ?? 20000);
const edits = Number(process.argv[3] ?? 120);
const text = longArticle(words);
const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  const t0 = Date.now();
  await paste(page, text);
  await page.locator('#article mark').first().waitFor({ timeout: 600000 });
  const pasteMs = Date.now() - t0;
  const spans = await page.locator('#article mark').count();
  const elements = () => page.evaluate(() => ({
    page: document.getElementsByTagName('*').length,
    article: document.querySelectorAll('#article *').length,
  }));
  const atTop = await elements();

  const result = await editLatency(page, edits);
  const f = (x) => x.toFixed(1);
  console.log(`article: ${words} words (${ARTICLE_WORDS(text)} counted), ${text.length} UTF-16 units, ${spans} spans rendered`);
  console.log(`paste → highlighted: ${pasteMs} ms (recognise + first render, wall clock incl. driver)`);
  console.log(`edit → DOM updated: median ${f(result.renderMedian)} ms, p95 ${f(result.renderP95)} ms`);
  console.log(`edit → DOM updated, median by kind (ms): ${JSON.stringify(result.perStep)}`);
  console.log(`edit → laid out:    median ${f(result.layoutMedian)} ms, p95 ${f(result.layoutP95)} ms (DOM updated, then style and layout forced)`);
  console.log(`edit → next frame:  median ${f(result.frameMedian)} ms, p95 ${f(result.frameP95)} ms`);
  console.log(`edit → next frame, median / p95 by kind (ms): ${JSON.stringify(result.framePerStep)}`);
  const painted = await keyToPaint(page, 120, 150);
  console.log(`keys pressed 150 ms apart, keydown → next paint (Chromium's Event Timing): ${painted.slow} of ${painted.keydowns} keydowns 16 ms or more, slowest ${painted.slowest} ms; p95 ${painted.p95} ms`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await page.waitForTimeout(500);
  const inMiddle = await elements();
  console.log(`DOM elements: page ${atTop.page}, article ${atTop.article} (after the edits, scrolled to the middle: ${inMiddle.page}, ${inMiddle.article})`);
} finally {
  await browser.close();
  await server.close();
}
