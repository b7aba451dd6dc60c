// An article over the page's 20 MB limit is refused before any work, with the offer to split it
// into documents (by size or by paragraph count); the parts come in through the worker with their
// highlights, and joined they are the article again. One text of about 20.4 MB serves all tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp, openApp, paste } from './harness.mjs';

const env = servedApp();

// ASCII only, so that characters and bytes agree.
const PARAGRAPHS = [
  'Delegates from {n} countries gathered in Lisbon on Monday, where Chancellor Ingrid Halvorsen opened the talks on fishing quotas.',
  'Farmers near Toulouse said the drought had cut their harvest by {n} per cent, and the mayor, Paul Martin, asked Paris for funds.',
  'Analysts in Singapore expect shipping costs to rise again next month, said Mei Tanaka, who follows the container trade.',
];
const LIMIT = 20_000_000;

const paragraphs = [];
let bytes = 0;
for (let i = 0; bytes < LIMIT + 400_000; i++) {
  const p = PARAGRAPHS[i % PARAGRAPHS.length].replaceAll('{n}', String(3 + (i % 40)));
  paragraphs.push(p);
  bytes += p.length + 2;
}
const TEXT = paragraphs.join('\n\n') + '\n';
const P = paragraphs.length;

async function importFile(page) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles([{ name: 'chronicle.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) }]);
  const dialog = page.getByRole('dialog', { name: 'Split into documents' });
  await dialog.waitFor({ timeout: 60000 });
  return dialog;
}

test('a .txt over the limit is refused with the offer to split it; the parts are the whole file, highlighted', async () => {
  assert.ok(TEXT.length > LIMIT && TEXT.length < LIMIT * 1.05);
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();

  let dialog = await importFile(page);
  await page.getByRole('alert').getByText(/chronicle\.txt is 20\.4 MB; spanlight opens articles of up to 20 MB/).waitFor();
  await dialog.getByRole('heading', { name: 'chronicle.txt is too long to open' }).waitFor();
  // By size (1 MB at first): the count is shown before anything happens.
  const least = Math.ceil(TEXT.length / 1_000_000);
  const count = dialog.locator('.parts-count');
  const bySize = Number((await count.textContent()).match(/That makes (\d+) documents/)[1]);
  assert.ok(bySize >= least && bySize <= least + 1, `${bySize} documents of up to 1 MB`);
  await dialog.getByRole('spinbutton', { name: 'Megabytes per document' }).fill('25');
  await dialog.getByText('parts of 25.0 MB would be over the page\'s limit of 20 MB').waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Split', exact: true }).isDisabled(), true);
  // Escape closes the offer; nothing was added.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: 'Documents (1)' }).waitFor();

  // Again, by paragraph count, from the keyboard.
  dialog = await importFile(page);
  assert.equal(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement), true,
    'the focus is in the offer');
  await dialog.getByText(`paragraphs each (of ${P.toLocaleString('en-US')})`).waitFor();
  const each = Math.ceil(P / 12);
  const expected = Math.ceil(P / each);
  const field = dialog.getByRole('spinbutton', { name: 'Paragraphs per document' });
  await field.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(String(each));
  assert.equal(await dialog.getByRole('radio', { name: 'documents of', exact: true }).isChecked(), true);
  await dialog.getByText(`That makes ${expected} documents.`).waitFor();
  const split = dialog.getByRole('button', { name: `Split into ${expected} documents` });
  await split.focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: `Documents (${expected})` }).waitFor({ timeout: 180000 });
  await page.getByRole('status').getByText(`Imported ${expected} documents`).waitFor({ timeout: 60000 });

  const list = page.getByRole('region', { name: 'Documents' });
  await list.getByRole('button', { name: new RegExp(`^Open chronicle \\(part 1 of ${expected}\\):`) }).waitFor();
  await list.getByRole('button', { name: new RegExp(`^Open chronicle \\(part ${expected} of ${expected}\\):`) }).waitFor();

  // The saved workspace holds every part, in order: joined, they are the file; each is highlighted.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.transfer').getByRole('button', { name: 'Save workspace file' }).click(),
  ]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  const docs = saved.documents;
  assert.deepEqual(docs.map((d) => d.name), Array.from({ length: expected }, (_, i) => `chronicle (part ${i + 1} of ${expected})`));
  assert.ok(docs.map((d) => d.document.text).join('') === TEXT, 'the parts joined are the file');
  for (const d of docs) {
    assert.ok(d.document.text.length <= LIMIT);
    const people = d.document.spans.filter((s) => s.label === 'PERSON' && d.document.text.slice(s.start, s.end) === 'Ingrid Halvorsen');
    assert.ok(people.length > 100, `${d.name}: ${people.length} spans of Ingrid Halvorsen`);
  }
  assert.deepEqual(errors, []);
});

test('a paste over the limit is offered in parts too, named after the paste', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, TEXT);
  const dialog = page.getByRole('dialog', { name: 'Split into documents' });
  await dialog.getByRole('heading', { name: 'Pasted text is too long to open' }).waitFor({ timeout: 60000 });
  await dialog.getByRole('spinbutton', { name: 'Megabytes per document' }).fill('2.5');
  const least = Math.ceil(TEXT.length / 2_500_000);
  const said = dialog.getByText(new RegExp(`^That makes (${least}|${least + 1}) documents\\.$`));
  await said.waitFor();
  const n = Number((await said.textContent()).match(/(\d+)/)[1]);
  await dialog.getByRole('button', { name: `Split into ${n} documents` }).click();
  await page.getByRole('heading', { name: `Documents (${n})` }).waitFor({ timeout: 180000 });
  const list = page.getByRole('region', { name: 'Documents' });
  await list.getByRole('button', { name: new RegExp(`^Open Pasted text \\(part ${n} of ${n}\\):`) }).waitFor();
  await page.locator('#article mark[data-label="PERSON"]').first().waitFor({ timeout: 60000 });
  assert.deepEqual(errors, []);
});

test('a .txt over the limit chosen with other files: the others are imported, and it is offered in parts', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Mayor Paul Martin visited Toulouse on Friday.\n') },
    { name: 'chronicle.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) },
  ]);
  const dialog = page.getByRole('dialog', { name: 'Split into documents' });
  await dialog.getByRole('heading', { name: 'chronicle.txt is too long to open' }).waitFor({ timeout: 60000 });
  const list = page.getByRole('region', { name: 'Documents' });
  await list.getByRole('button', { name: /^Open notes:/ }).waitFor();
  const split = dialog.getByRole('button', { name: /^Split into \d+ documents$/ });
  const n = Number((await split.textContent()).match(/(\d+)/)[1]);
  await split.click();
  await list.getByRole('button', { name: new RegExp(`^Open chronicle \\(part ${n} of ${n}\\):`) }).waitFor({ timeout: 180000 });
  await list.getByRole('button', { name: /^Open notes:/ }).waitFor();
  assert.deepEqual(errors, []);
});
