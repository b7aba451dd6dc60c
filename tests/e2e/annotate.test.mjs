// The whole loop as a person does it: paste, see highlights, add by selecting, relabel, delete,
// undo, export (download and clipboard), with text whose offsets every peer tool gets wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp, openApp, paste, dragSelect, marks, cpSlice, cpIndex } from './harness.mjs';

// Emoji (ZWJ), a combining accent, CJK, CRLF line ends: UTF-16, bytes and code points disagree.
const ARTICLE =
  '👩‍🔬 Scientist Anaïs Nin-Dubois met Jose\u0301 Ramos in 東京 on Tuesday.\r\n' +
  'They spoke for 3 hours about 50,000 refugees in northern Syria.\r\n' +
  'Kerry said Washington would give $4.2 billion.';

const env = servedApp();

function assertMarksMatchText(list, text) {
  for (const m of list) {
    assert.equal(m.text, cpSlice(text, m.start, m.end), `mark ${m.label} ${m.start}..${m.end}`);
  }
}

test('pasting an article highlights people, places and numbers at once', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, ARTICLE);
  await page.locator('#article').waitFor();
  assert.equal(await page.locator('#article').textContent(), ARTICLE, 'text shown exactly, CRLF kept');
  const found = await marks(page);
  assertMarksMatchText(found, ARTICLE);
  const labels = new Set(found.map((m) => m.label));
  for (const l of ['PERSON', 'PLACE', 'NUMBER']) assert.ok(labels.has(l), `some ${l} is highlighted`);
  assert.ok(found.every((m) => m.status === 'suggested'), 'recogniser output starts as suggestions');
  const legend = page.getByRole('region', { name: 'Labels' });
  for (const l of ['PERSON', 'PLACE', 'NUMBER']) {
    await legend.getByRole('button', { name: new RegExp(`Label as ${l}`) }).waitFor();
  }
  assert.deepEqual(errors, []);
});

test('select, label, relabel, delete, undo and export, by mouse and keyboard', async () => {
  const { page, errors, pageRequests } = await openApp(env.browser, env.server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, ARTICLE);
  await page.locator('#article').waitFor();

  // Add: drag from inside "Anaïs" to inside "Dubois"; the selection snaps to whole tokens.
  const name = 'Anaïs Nin-Dubois';
  const start = cpIndex(ARTICLE, name);
  const end = start + Array.from(name).length;
  await dragSelect(page, start + 2, end - 2);
  const panel = page.getByRole('region', { name: 'Selection' });
  await panel.getByText(name, { exact: true }).waitFor();
  await page.keyboard.press('1');
  let found = await marks(page);
  let added = found.find((m) => m.start === start && m.end === end);
  assert.deepEqual(added, { label: 'PERSON', start, end, status: 'accepted', text: name });

  // Relabel by the menu: the selected span's label select.
  await page.locator(`#article mark[data-start="${start}"]`).click();
  await panel.getByRole('combobox', { name: 'Label of the selected span' }).selectOption('PLACE');
  found = await marks(page);
  assert.equal(found.find((m) => m.start === start).label, 'PLACE');
  // ...and by its hotkey.
  await page.keyboard.press('1');
  found = await marks(page);
  assert.equal(found.find((m) => m.start === start).label, 'PERSON');

  // A span across the emoji and combining accent: "Jose\u0301 Ramos".
  const jose = cpIndex(ARTICLE, 'Jose');
  const joseEnd = cpIndex(ARTICLE, ' in 東京');
  await dragSelect(page, jose, joseEnd);
  await page.getByRole('button', { name: /Label as PERSON/ }).click();
  found = await marks(page);
  assert.ok(found.some((m) => m.start === jose && m.end === joseEnd && m.label === 'PERSON'));

  // Delete one with the keyboard, one with the button, then undo the last deletion.
  const before = found.length;
  await page.locator(`#article mark[data-start="${jose}"]`).click();
  await page.keyboard.press('Delete');
  assert.equal((await marks(page)).length, before - 1);
  const other = (await marks(page)).find((m) => m.start !== start);
  await page.locator(`#article mark[data-start="${other.start}"]`).click();
  await page.getByRole('button', { name: 'Delete the selected span' }).click();
  assert.equal((await marks(page)).length, before - 2);
  await page.keyboard.press('Control+z');
  found = await marks(page);
  assert.equal(found.length, before - 1);
  assert.ok(found.some((m) => m.start === other.start), 'undo brings the span back');
  assertMarksMatchText(found, ARTICLE);

  // Export: the download is <name>.json with code-point offsets and the exact text.
  await page.getByRole('textbox', { name: 'Document name' }).fill('field notes');
  await page.getByRole('textbox', { name: 'Document name' }).press('Tab');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Export JSON/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'field-notes.json');
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.version, 1);
  assert.equal(exported.text, ARTICLE);
  assert.deepEqual(exported.labels.map((l) => l.name), ['PERSON', 'PLACE', 'NUMBER']);
  const shown = await marks(page);
  assert.deepEqual(
    exported.spans.map((s) => [s.start, s.end, s.label, s.text, s.status]),
    shown.map((m) => [m.start, m.end, m.label, m.text, m.status]),
  );
  for (const s of exported.spans) assert.equal(s.text, cpSlice(ARTICLE, s.start, s.end));
  assert.ok(exported.spans.some((s) => s.start === start && s.text === name && s.label === 'PERSON'));

  // Copy: the clipboard holds the same JSON.
  await page.getByRole('button', { name: 'Copy JSON to the clipboard' }).click();
  await page.getByText('Copied the JSON to the clipboard').waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(copied, exported);

  // Nothing but the app's own files was requested.
  const foreign = pageRequests.filter((u) => !u.startsWith(env.server.origin) && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
});

test('the sample article loads from its button and markup in pasted text stays text', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.getByRole('button', { name: 'Load sample article' }).first().click();
  await page.locator('#article mark').first().waitFor();
  assert.ok((await marks(page)).length >= 5);
  await page.getByRole('button', { name: 'New document' }).click();
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.click();
  const markup = '<img src=x onerror="window.hacked=1"> <b>Angela Merkel</b> visited Paris.';
  await paste(page, markup);
  await page.locator('#article').waitFor();
  assert.equal(await page.locator('#article').textContent(), markup);
  assert.equal(await page.locator('#article img, #article b').count(), 0);
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.deepEqual(errors, []);
});

test('empty text gets a clear message, not a blank page', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  await page.getByRole('button', { name: 'Highlight people, places and numbers' }).click();
  await page.getByRole('alert').getByText(/text is empty/).waitFor();
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
});
