// Scripted browser benchmark: a long article pasted, saved, edited (Tab, Delete, Tab, relabel)
// and saved again, then the page reloaded: how long until the article is shown again, and
// whether the legend's counts (the edits) came back. Run after `trunk build --release`:
//   node benches/browser/reload.mjs [WORDS]
import { serveDist, launch, openApp, paste } from '../../tests/e2e/harness.mjs';
import { longArticle } from './article.mjs';
import { recordLongTasksFromStart } from './latency.mjs';

const words = Number(process.argv[2] ?? 3400000);
const text = longArticle(words);
const server = await serveDist();
const browser = await launch();
const saved = (page) => page.locator('.save-state[data-state="saved"]');
const legend = (page) => page.evaluate(() => document.querySelector('.legend')?.textContent);
try {
  const { page } = await openApp(browser, server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, text);
  await page.locator('#article mark').first().waitFor({ timeout: 600000 });
  let t = Date.now();
  await saved(page).waitFor({ timeout: 600000 });
  console.log(`highlighted → first save done: ${Date.now() - t} ms`);
  await page.evaluate(() => document.getElementById('article').focus());
  for (const k of ['Tab', 'Delete', 'Tab', '2']) await page.keyboard.press(k);
  await page.waitForTimeout(300);
  await saved(page).waitFor({ timeout: 600000 });
  const before = await legend(page);
  // Long tasks of the reload, recorded from the new page's start until well after it shows,
  // each with when it began (ms from the new page's start), to tell start-up from reading.
  const tasks = await recordLongTasksFromStart(page);
  t = Date.now();
  await page.reload();
  await page.locator('#article mark').first().waitFor({ timeout: 600000 });
  const shown = Date.now() - t;
  await page.waitForTimeout(3000);
  const taskList = await tasks.read();
  console.log(`reload → shown: ${shown} ms; main-thread tasks over 50 ms in the reload's first ${((shown + 3000) / 1000).toFixed(1)} s: ${taskList.length ? taskList.join(', ') + ' ms' : 'none'}`);
  const after = await legend(page);
  console.log(`legend after the edits: ${before}`);
  console.log(`legend after the reload: ${after} (${before === after ? 'same' : 'DIFFERENT'})`);
} finally {
  await browser.close();
  await server.close();
}
