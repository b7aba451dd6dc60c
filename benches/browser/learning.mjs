// Scripted browser benchmark of learning from corrections (issue 11): a warm-up document, then
// an annotated 1,000-word document marked done; the time until the panel shows the learned
// model, and the main thread's long tasks (over 50 ms) meanwhile, learning being in the worker.
//   node benches/browser/learning.mjs
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp } from '../../tests/e2e/harness.mjs';

const cp = (s) => Array.from(s).length;
const news = (await readFile(new URL('../../data/dev/news-holdout2.jsonl', import.meta.url), 'utf8'))
  .split('\n').filter(Boolean).map((l) => JSON.parse(l));
let text = '';
const spans = [];
for (const d of news) {
  const off = cp(text);
  for (const s of d.spans) spans.push({ start: s.start + off, end: s.end + off, label: s.label });
  text += d.text + '\n\n';
  if (text.split(/\s+/).length > 1000) break;
}
const words = text.split(/\s+/).filter(Boolean).length;
const lines = [
  JSON.stringify({ id: 'warm', text: 'Ana Ruiz flew to Lima.', spans: [{ start: 0, end: 8, label: 'PERSON' }, { start: 16, end: 20, label: 'PLACE' }] }),
  JSON.stringify({ id: 'long', text, spans }),
].join('\n');

const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles([{ name: 'bench.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines) }]);
  await page.getByRole('heading', { name: 'Documents (2)' }).waitFor();
  const panel = page.getByRole('region', { name: 'Learning' });
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  let t = Date.now();
  await page.getByRole('checkbox', { name: 'bench warm is done' }).check();
  await panel.getByText('Learned from 1 document').waitFor({ timeout: 120000 });
  const warm = Date.now() - t;
  await page.evaluate(() => { window.longTasks = []; });
  t = Date.now();
  await page.getByRole('checkbox', { name: 'bench long is done' }).check();
  await panel.getByText('Learned from 2 documents').waitFor({ timeout: 120000 });
  const long = Date.now() - t;
  const tasks = await page.evaluate(() => window.longTasks);
  const inWorker = await panel.locator('.learn-time').textContent();
  console.log(`first learning (worker start + a 5-word document): ${warm} ms`);
  console.log(`a ${words}-word document marked done → learned model shown: ${long} ms`);
  console.log(`in the worker: ${inWorker}`);
  console.log(`main-thread long tasks meanwhile: ${tasks.length}${tasks.length ? ` (longest ${Math.max(...tasks).toFixed(0)} ms)` : ''}`);
} finally {
  await browser.close();
  await server.close();
}
