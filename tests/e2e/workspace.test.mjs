// Many documents: import by picker and by drop (every format, plus bad files), the document
// list, exports in every format, the workspace file, and no request leaving the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp, openApp, paste, marks, cpSlice } from './harness.mjs';

const env = servedApp();

const file = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
const docList = (page) => page.getByRole('region', { name: 'Documents' });
const docNames = (page) => docList(page).locator('.doc-name').allTextContents();

async function importFiles(page, files, format = '') {
  if (format) await page.getByRole('combobox', { name: 'Import format' }).selectOption(format);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(files);
}

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8'), path: await d.path() };
}

test('importing many files of every kind; bad ones are named and change nothing', async () => {
  const { page, errors, pageRequests } = await openApp(env.browser, env.server.origin);
  await importFiles(page, [
    file('talks.txt', 'Kerry met Lavrov in Geneva on 3 May.\r\nThey spoke for 2 hours.'),
    file('batch.jsonl', ['Angela Merkel visited Paris.', 'Turkey hosts 2.7 million refugees.', 'Sergei Lavrov flew to Vienna.']
      .map((text, i) => JSON.stringify({ id: `n${i}`, text })).join('\n')),
    file('pair.txt', 'Zoë met José in 東京'),
    file('pair.ann', 'T1\tPERSON 0 3\tZoë\nT2\tPLACE 16 18\t東京\n'),
    file('reviewed.jsonl', JSON.stringify({ text: 'Paris 👋 Kerry', label: [[0, 5, 'PLACE'], [9, 14, 'PERSON']] })),
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]) },
    file('drift.jsonl', JSON.stringify({ version: 1, text: '😀 Kerry', spans: [{ start: 1, end: 6, label: 'PERSON', text: 'Kerry' }] })),
  ]);
  await page.getByRole('alert').getByText(/photo\.jpg is not UTF-8/).waitFor();
  const alert = await page.getByRole('alert').textContent();
  assert.match(alert, /drift\.jsonl/);
  assert.match(alert, /drifted/);
  assert.deepEqual(await docNames(page), ['talks', 'batch n0', 'batch n1', 'batch n2', 'pair', 'reviewed']);
  // Bare texts were recognised; annotated ones kept their spans, doccano's UTF-16 offsets included.
  const suggested = await marks(page);
  assert.ok(suggested.length > 0 && suggested.every((m) => m.status === 'suggested'));
  await docList(page).getByRole('button', { name: /^Open reviewed/ }).click();
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.label, m.status]), [['Paris', 'PLACE', 'accepted'], ['Kerry', 'PERSON', 'accepted']]);
  await docList(page).getByRole('button', { name: /^Open pair/ }).click();
  assert.deepEqual((await marks(page)).map((m) => m.text), ['Zoë', '東京']);
  assert.deepEqual(pageRequests.filter((u) => !u.startsWith(env.server.origin) && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
});

test('dropping files on the page imports them; the document list renames, duplicates, deletes and undoes', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Kerry met Lavrov.'], 'one.txt', { type: 'text/plain' }));
    dt.items.add(new File(['Merkel visited Ankara.'], 'two.txt', { type: 'text/plain' }));
    document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await docList(page).getByText('two').waitFor();
  assert.deepEqual(await docNames(page), ['one', 'two']);
  const list = docList(page);
  await list.getByRole('button', { name: 'Rename one' }).click();
  await list.getByRole('textbox', { name: 'New name for one' }).fill('first');
  await list.getByRole('textbox', { name: 'New name for one' }).press('Enter');
  await list.getByRole('button', { name: 'Duplicate first', exact: true }).click();
  assert.deepEqual(await docNames(page), ['first', 'first copy', 'two']);
  await list.getByRole('checkbox', { name: 'two is done' }).check();
  await list.getByRole('button', { name: 'Delete first', exact: true }).click();
  assert.deepEqual(await docNames(page), ['first copy', 'two']);
  await list.getByRole('button', { name: 'Undo delete' }).click();
  assert.deepEqual(await docNames(page), ['first', 'first copy', 'two']);
  await list.getByRole('button', { name: /^Open two: .*done/ }).click();
  assert.equal(await page.locator('#article').textContent(), 'Merkel visited Ankara.');
  assert.equal(await page.getByRole('textbox', { name: 'Document name' }).inputValue(), 'two', 'the name box shows the open document');
  await list.getByRole('button', { name: /^Open first copy/ }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Document name' }).inputValue(), 'first copy');
  await list.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
  assert.equal((await docNames(page)).length, 4);
});

test('exports in every format carry the same spans; brat as a pair or a zip; the workspace file restores', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  const text = 'Zoë 👩‍🔬 met Kerry\r\nin 東京.';
  await importFiles(page, [
    file('a.jsonl', JSON.stringify({ version: 1, text, spans: [{ start: 0, end: 3, label: 'PERSON' }, { start: 12, end: 17, label: 'PERSON' }, { start: 22, end: 24, label: 'PLACE' }] })),
    file('b.txt', 'Lavrov flew to Vienna.'),
  ]);
  await docList(page).getByText('b', { exact: true }).waitFor();
  await docList(page).getByRole('button', { name: /^Open a/ }).click();
  const pick = (f) => page.getByRole('combobox', { name: 'Export format' }).selectOption(f);
  const one = () => page.getByRole('button', { name: 'Export this document' }).click();
  const all = () => page.getByRole('button', { name: 'Export all documents' }).click();
  const want = [[0, 3, 'PERSON'], [12, 17, 'PERSON'], [22, 24, 'PLACE']];

  await pick('spacy');
  let d = await download(page, one);
  assert.equal(d.name, 'a.jsonl');
  const spacy = JSON.parse(d.text);
  assert.equal(spacy.text, text);
  assert.deepEqual(spacy.ents.map((e) => [e.start, e.end, e.label]), want);

  await pick('prodigy');
  d = await download(page, all);
  assert.equal(d.name, 'workspace.jsonl');
  const lines = d.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.deepEqual(lines[0].spans.map((s) => [s.start, s.end, s.label]), want);
  for (const s of lines[0].spans) assert.equal(cpSlice(text, s.start, s.end), cpSlice(lines[0].text, s.start, s.end));

  await pick('doccano');
  d = await download(page, one);
  const doccano = JSON.parse(d.text);
  // doccano counts UTF-16 units: the emoji before "Kerry" takes more than one.
  const u16 = (cp) => Array.from(text).slice(0, cp).join('').length;
  assert.deepEqual(doccano.label, want.map(([s, e, l]) => [u16(s), u16(e), l]));

  await pick('label-studio');
  d = await download(page, one);
  const ls = JSON.parse(d.text);
  const results = (Array.isArray(ls) ? ls[0] : ls).annotations[0].result;
  assert.deepEqual(results.map((r) => [r.value.start, r.value.end, r.value.labels[0], r.value.text]),
    want.map(([s, e, l]) => [s, e, l, cpSlice(text, s, e)]));

  await pick('conll');
  d = await download(page, one);
  assert.match(d.text, /Zoë\tB-PERSON|Zoë B-PERSON/);

  await pick('brat');
  const pair = [];
  page.on('download', async (x) => pair.push(x.suggestedFilename()));
  await one();
  await page.waitForTimeout(300);
  assert.deepEqual(pair.sort(), ['a.ann', 'a.txt']);
  d = await download(page, all);
  assert.equal(d.name, 'workspace-brat.zip');
  assert.equal((await readFile(d.path)).subarray(0, 2).toString(), 'PK');

  d = await download(page, () => page.getByRole('button', { name: 'Save workspace file' }).click());
  assert.equal(d.name, 'spanlight-workspace.json');
  const fresh = await openApp(env.browser, env.server.origin);
  await importFiles(fresh.page, [file('backup.json', d.text)]);
  await docList(fresh.page).getByText('b', { exact: true }).waitFor();
  assert.deepEqual(await docNames(fresh.page), ['a', 'b']);
  await docList(fresh.page).getByRole('button', { name: /^Open a/ }).click();
  assert.deepEqual((await marks(fresh.page)).map((m) => [m.start, m.end, m.label]), want);
});

test('a thousand documents import with a progress bar and the page stays responsive', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  const lines = Array.from({ length: 1000 }, (_, i) =>
    JSON.stringify({ id: i, text: `Reporter ${i}: Angela Merkel met Sergei Lavrov in Vienna on May ${(i % 28) + 1}, with ${i} aides.` }));
  await importFiles(page, [file('news.jsonl', lines.join('\n'))]);
  await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
  // While it works, the page still answers.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await docList(page).getByRole('heading', { name: 'Documents (1,000)' }).waitFor({ timeout: 60000 });
  assert.ok((await marks(page)).length >= 3);

  // The list renders the rows in view, not a thousand of them, yet every one can be reached:
  // by scrolling the list, and by the filter box.
  const rows = () => docList(page).locator('.doc').count();
  assert.ok((await rows()) < 60, `rows rendered: ${await rows()}`);
  await docList(page).locator('.doc-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await docList(page).getByText('news 999', { exact: true }).waitFor();
  assert.ok((await rows()) < 60);
  const filter = docList(page).getByRole('searchbox', { name: 'Filter documents by name' });
  await filter.fill('news 512');
  await docList(page).getByRole('status').filter({ hasText: '1 of 1,000 match' }).waitFor();
  assert.deepEqual(await docNames(page), ['news 512']);
  await docList(page).getByRole('button', { name: /^Open news 512/ }).click();
  await page.locator('#article').getByText('Reporter 512:').waitFor();
  await filter.fill('');
  await docList(page).getByText('news 0', { exact: true }).waitFor({ state: 'detached' });
  // The open document stays in view when the filter is cleared.
  await docList(page).getByRole('button', { name: /^Open news 512/ }).waitFor();
});

test('the sample article never replaces work: with a document open it arrives as a new one', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, 'Kerry met Lavrov in Geneva.');
  await page.locator('#article').waitFor();
  await page.getByRole('button', { name: 'Load sample article' }).first().click();
  await docList(page).getByText('sample-article').waitFor();
  assert.deepEqual(await docNames(page), ['article', 'sample-article']);
  await docList(page).getByRole('button', { name: /^Open article/ }).click();
  assert.equal(await page.locator('#article').textContent(), 'Kerry met Lavrov in Geneva.');
});
