// Never losing work: every change is saved in the browser and a reload brings back the
// workspace (names, spans, the open document, its undo history); full or missing storage is
// said plainly, offers an export, and the work in the page goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp, openApp, paste, dragSelect, marks, cpIndex } from './harness.mjs';

const env = servedApp();

// Ready and saved; an empty first load has nothing to say "Saved" about, so the state is read
// from the indicator's data-state.
const saved = (page) => page.locator('.save-state[data-state="saved"]');

/** Waits until the last change has been written. */
async function settle(page) {
  await page.waitForTimeout(150);
  await saved(page).waitFor();
}

test('a reload brings back the documents, their spans, the open one and its undo history', async () => {
  const { page, pageRequests, errors } = await openApp(env.browser, env.server.origin);
  await saved(page).waitFor();
  const text = 'Zoë 👩‍🔬 met Kerry\r\nin 東京 on Tuesday.';
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, text);
  await page.locator('#article').waitFor();
  while ((await marks(page)).length) {
    await page.locator('#article mark').first().click();
    await page.keyboard.press('Delete');
  }
  const kerry = cpIndex(text, 'Kerry');
  await dragSelect(page, kerry, kerry + 5);
  await page.keyboard.press('1');
  await dragSelect(page, 0, 3);
  await page.keyboard.press('1');
  await page.getByRole('textbox', { name: 'Document name' }).fill('field notes');
  await page.getByRole('textbox', { name: 'Document name' }).press('Tab');
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, 'Lavrov flew to Vienna.');
  await page.locator('#article').waitFor();
  await page.getByRole('button', { name: /^Open field notes/ }).click();
  const before = await marks(page);
  await settle(page);

  await page.reload();
  await page.locator('#article').waitFor();
  assert.equal(await page.locator('#article').textContent(), text, 'the open document, CRLF and all');
  assert.deepEqual(await marks(page), before);
  assert.deepEqual(await page.locator('.documents .doc-name').allTextContents(), ['field notes', 'article']);
  await page.keyboard.press('Control+z');
  assert.equal((await marks(page)).length, before.length - 1, 'undo history survived the reload');
  await settle(page);
  await page.reload();
  await page.locator('#article').waitFor();
  assert.equal((await marks(page)).length, before.length - 1, 'and the undo itself was saved');
  assert.deepEqual(pageRequests.filter((u) => !u.startsWith(env.server.origin) && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
});

test('a full storage is said plainly, offers an export, and nothing in the page is lost', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  await saved(page).waitFor();
  // From now on the browser refuses to store more.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    window.__restorePut = () => { IDBObjectStore.prototype.put = put; };
  });
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, 'Kerry met Lavrov in Geneva.');
  await page.locator('#article').waitFor();
  const alert = page.locator('.save-failed');
  await alert.getByText(/storage is full/).waitFor();
  await page.getByLabel('Saving').getByText('Not saved').waitFor();
  // The work goes on in the page.
  await page.locator('#article mark').first().click();
  await page.keyboard.press('Delete');
  const left = (await marks(page)).length;
  const [d] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: 'Save workspace file' }).click()]);
  const file = JSON.parse(await readFile(await d.path(), 'utf8'));
  assert.equal(file.documents[0].document.text, 'Kerry met Lavrov in Geneva.');
  assert.equal(file.documents[0].document.spans.length, left);
  // Space again: the next change saves everything that was pending.
  await page.evaluate(() => window.__restorePut());
  await page.keyboard.press('Control+z');
  await settle(page);
  await page.reload();
  await page.locator('#article').waitFor();
  assert.equal((await marks(page)).length, left + 1);
});

test('without storage (private mode) the page says so and works in memory', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.server.origin + '/');
  await page.locator('.save-failed').getByText(/does not let spanlight save/).waitFor();
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await page.keyboard.insertText('Kerry met Lavrov.');
  await page.getByRole('button', { name: 'Highlight people, places and numbers' }).click();
  await page.locator('#article').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs never overwrite each other unseen: the other tab stops saving and says so', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  const open = async () => {
    const page = await context.newPage();
    await page.goto(env.server.origin + '/');
    await saved(page).waitFor();
    return page;
  };
  const a = await open();
  const b = await open();
  await a.getByRole('textbox', { name: 'Article text' }).click();
  await paste(a, 'Kerry met Lavrov in Geneva.');
  await a.locator('#article').waitFor();
  await settle(a);
  // Tab b hears it and stops writing; its own edit stays in the page, unsaved.
  await b.locator('.save-failed').getByText(/saved from another tab/).waitFor();
  await b.getByRole('textbox', { name: 'Article text' }).click();
  await paste(b, 'Merkel flew to Ankara.');
  await b.locator('#article').waitFor();
  await b.waitForTimeout(300);
  await a.reload();
  await a.locator('#article').waitFor();
  assert.equal(await a.locator('#article').textContent(), 'Kerry met Lavrov in Geneva.', "a's work was not overwritten");
  // Reloading b continues with the saved workspace.
  await b.locator('.save-failed').getByRole('button', { name: 'Reload' }).click();
  await b.locator('#article').waitFor();
  assert.equal(await b.locator('#article').textContent(), 'Kerry met Lavrov in Geneva.');
  await context.close();
});

test('a long article saved in chunks comes back after a reload with its edits and undo', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await saved(page).waitFor();
  // Thousands of spans: autosave keeps them in chunk records of their own.
  const line = 'Kerry met Lavrov in Geneva on Monday with 300 delegates.';
  const text = Array.from({ length: 1500 }, () => line).join('\n');
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, text);
  await page.locator('#article mark').first().waitFor();
  const count = async () => (await page.locator('.legend .count').allTextContents())
    .map((c) => Number(c.replaceAll(',', ''))).reduce((a, b) => a + b, 0);
  const all = await count();
  assert.ok(all > 3000, `${all} spans`);
  await settle(page);
  // Delete the first span and relabel the next; each change writes a chunk, not every span.
  await page.locator('#article').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Tab');
  await page.keyboard.press('3');
  const first = await page.locator('#article mark').first().getAttribute('data-start');
  const legend = await page.locator('.legend').textContent();
  await settle(page);

  await page.reload();
  await page.locator('#article mark').first().waitFor();
  assert.equal(await count(), all - 1, 'the deletion came back');
  assert.equal(await page.locator('.legend').textContent(), legend, 'and the relabelling');
  assert.equal(await page.locator('#article mark').first().getAttribute('data-start'), first);
  await page.locator('#article').focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => [...document.querySelectorAll('.legend .count')]
    .map((c) => Number(c.textContent.replaceAll(',', ''))).reduce((a, b) => a + b, 0) === n, all);
  assert.equal(await page.locator('#article mark').first().getAttribute('data-start'), '0', 'undo brings the first span back');
  assert.deepEqual(errors, []);
});
