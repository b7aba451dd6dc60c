// Scripted browser benchmark: how long one edit takes to re-render on a long article, and how
// long pasting (recognising + first render) takes. Run after `trunk build --release`:
//   node benches/browser/render.mjs [WORDS]
// It prints medians over repeated edits; BENCHMARKS.md records the figures.
import { serveDist, launch, openApp, paste } from '../../tests/e2e/harness.mjs';
import { ARTICLE_WORDS, longArticle } from './article.mjs';
import { editLatency } from './latency.mjs';

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

  const result = await editLatency(page);
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
