// The single-file build (scripts/build-single.sh): dist/single/spanlight.html opened from disk,
// with no server at all, runs the whole loop (paste, highlight, correct, export, autosave and a
// reload) and asks for nothing: every request the browser sees is recorded, and none may be made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, paste, dragSelect, marks, cpIndex } from './harness.mjs';

const FILE = resolve(import.meta.dirname, '../../dist/single/spanlight.html');
const URL_ = pathToFileURL(FILE).href;

let browser;
before(async () => {
  await stat(FILE).catch(() => {
    throw new Error(`${FILE} is missing: run scripts/build-single.sh first`);
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A page on the single file, recording every request, and blocking any but the file itself. */
async function openSingle(context) {
  const requests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url === URL_ ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(URL_);
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
  return { page, requests, errors };
}

/** Requests other than loading the page itself (blob: and data: are the page's own bytes). */
const foreign = (requests) =>
  requests.filter((u) => u !== URL_ && !u.startsWith('blob:') && !u.startsWith('data:'));

test('from file://, the single page runs the whole loop, keeps the work, and requests nothing', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, requests, errors } = await openSingle(context);
  assert.equal(new URL(page.url()).protocol, 'file:');

  // Storage on file://: Chromium allows IndexedDB there; if a browser refuses it, the page says
  // so and offers the workspace file (checked in the next test), and this test says which.
  // The indicator's data-state says where saving stands, also while it shows no words (an
  // empty page claims nothing).
  const saving = page.locator('.save-state[data-state="saved"], .save-state[data-state="failed"]');
  await saving.waitFor({ state: 'attached' });
  const canSave = (await saving.getAttribute('data-state')) === 'saved';
  assert.ok(canSave, 'Chromium keeps IndexedDB for file:// pages');

  const text = 'Angela Merkel met Sergei Lavrov in Vienna on 3 May 👩‍🔬, with 40 aides.';
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, text);
  await page.locator('#article mark').first().waitFor();
  const found = await marks(page);
  assert.deepEqual(new Set(found.map((m) => m.label)), new Set(['PERSON', 'PLACE', 'NUMBER']));

  // Correct: delete a suggestion, add a span by selecting it.
  const vienna = cpIndex(text, 'Vienna');
  await page.locator(`#article mark[data-start="${vienna}"]`).click();
  await page.keyboard.press('Delete');
  assert.ok(!(await marks(page)).some((m) => m.start === vienna));
  await dragSelect(page, vienna, vienna + 6);
  await page.keyboard.press('1');
  const added = (await marks(page)).find((m) => m.start === vienna);
  assert.deepEqual(added, { label: 'PERSON', start: vienna, end: vienna + 6, status: 'accepted', text: 'Vienna' });

  // Export: the download holds what the page shows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Export JSON/ }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.text, text);
  assert.ok(exported.spans.some((s) => s.start === vienna && s.end === vienna + 6 && s.label === 'PERSON'));

  // Autosave: a reload from disk brings the work back.
  const shown = await marks(page);
  await page.waitForTimeout(150);
  await page.getByLabel('Saving').getByText('Saved in this browser').waitFor();
  await page.reload();
  await page.locator('#article').waitFor();
  assert.equal(await page.locator('#article').textContent(), text);
  assert.deepEqual(await marks(page), shown);

  assert.deepEqual(foreign(requests), [], 'no request but the file itself');
  assert.deepEqual(errors, []);
  await context.close();
});

test('from file://, where storage is refused the page says so and offers the workspace file', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const { page, requests, errors } = await openSingle(context);
  const alert = page.locator('.save-failed');
  await alert.getByText(/does not let spanlight save/).waitFor();
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await page.keyboard.insertText('Kerry met Lavrov in Geneva.');
  await page.getByRole('button', { name: 'Highlight people, places and numbers' }).click();
  await page.locator('#article mark').first().waitFor();
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Save workspace file' }).click(),
  ]);
  const file = JSON.parse(await readFile(await d.path(), 'utf8'));
  assert.equal(file.documents[0].document.text, 'Kerry met Lavrov in Geneva.');
  assert.deepEqual(foreign(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single page holds everything: no external script, style, link or asset', async () => {
  const html = await readFile(FILE, 'utf8');
  assert.doesNotMatch(html, /<script[^>]*\bsrc=/i);
  assert.doesNotMatch(html, /<link[^>]*rel="(stylesheet|modulepreload|preload)"/i);
  assert.doesNotMatch(html, /data-trunk/);
  assert.match(html, /default-src 'none'/, 'its policy forbids every request');
});
