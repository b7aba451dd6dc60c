// A large import, like a person: 2,000 documents recognised off the page's thread (in the
// learning Web Worker), a progress bar that moves, Cancel that adds nothing, and the same import
// on the page's own thread when the worker cannot load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openApp, marks } from './harness.mjs';

const env = servedApp();

const DOCS = 2000;
const names = ['Angela Merkel', 'Sergei Lavrov', 'John Kerry', 'Ngozi Okonjo-Iweala'];
const places = ['Geneva', 'Paris', 'Ankara', 'Lagos', 'Vienna'];
const jsonl = (tag) => Array.from({ length: DOCS }, (_, i) => {
  const sentences = Array.from({ length: 12 }, (_, k) =>
    `${names[(i + k) % names.length]} met officials in ${places[(i * 3 + k) % places.length]} on ${1 + ((i + k) % 28)} May, and ${100 + i + k} people attended.`);
  return JSON.stringify({ id: `${tag}-${i}`, text: sentences.join(' ') });
}).join('\n');

const docCount = async (page) => {
  const heading = await page.getByRole('region', { name: 'Documents' }).getByRole('heading').first().textContent();
  return Number(heading.match(/\(([\d,]+)\)/)[1].replace(/,/g, ''));
};

/** Records every value the import progress bar shows, from the page itself. */
async function watchProgress(page) {
  await page.evaluate(() => {
    window.progressSeen = [];
    const seen = () => {
      const bar = document.querySelector('progress[aria-label="Import progress"]');
      if (bar) window.progressSeen.push([Number(bar.getAttribute('value')), Number(bar.getAttribute('max'))]);
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
}

async function importJsonl(page, name, text) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles([{ name, mimeType: 'application/jsonl', buffer: Buffer.from(text) }]);
}

test('a large import is recognised in the worker with a moving progress bar; Cancel adds nothing', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  // A fresh page's one empty document gives way to the imported ones.
  assert.equal(await docCount(page), 1);
  await watchProgress(page);

  // The first import is cancelled once the bar has moved: no document of it is added.
  await importJsonl(page, 'first.jsonl', jsonl('first'));
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await page.waitForFunction(() => window.progressSeen.some(([v, max]) => v > 0 && v < max));
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await page.getByText('Import cancelled: no documents were added').waitFor();
  assert.equal(await bar.count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Import files…' }).isDisabled(), false);

  // The second runs to the end: exactly its documents are added, each recognised.
  await page.evaluate(() => { window.progressSeen = []; });
  await importJsonl(page, 'second.jsonl', jsonl('second'));
  const total = DOCS.toLocaleString('en-US');
  await page.getByRole('heading', { name: `Documents (${total})` }).waitFor({ timeout: 120000 });
  assert.equal(await bar.count(), 0);
  const seen = await page.evaluate(() => window.progressSeen);
  const values = new Set(seen.map(([v]) => v));
  assert.ok(seen.every(([, max]) => max === DOCS), 'the bar counts the imported documents');
  assert.ok([...values].filter((v) => v > 0 && v < DOCS).length >= 3, `the bar moved: ${[...values]}`);
  assert.ok(page.workers().length >= 1, 'the import started the worker');
  // The cancelled import left nothing behind, even after its worker batches came back.
  await page.waitForTimeout(500);
  assert.equal(await docCount(page), DOCS);
  const list = page.getByRole('region', { name: 'Documents' });
  assert.equal(await list.getByRole('button', { name: /^Open first / }).count(), 0);

  // A document from the end of the import has the recogniser's suggestions.
  await page.getByRole('searchbox', { name: 'Filter documents by name' }).fill('second-1999');
  await list.getByRole('button', { name: /^Open second second-1999:/ }).click();
  const found = await marks(page);
  assert.ok(found.some((m) => m.text === 'Ngozi Okonjo-Iweala' || m.text === 'John Kerry'), JSON.stringify(found.slice(0, 5)));
  assert.ok(found.some((m) => m.label === 'PLACE'));
  assert.ok(found.every((m) => m.status === 'suggested'));
  assert.deepEqual(errors, []);
});

test('without a worker (its script cannot load) a large import is recognised on the page', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  await context.route(/spanlight-worker/, (route) => route.abort());
  await watchProgress(page);
  await importJsonl(page, 'here.jsonl', jsonl('here'));
  const total = DOCS.toLocaleString('en-US');
  await page.getByRole('heading', { name: `Documents (${total})` }).waitFor({ timeout: 120000 });
  const values = new Set(await page.evaluate(() => window.progressSeen.map(([v]) => v)));
  assert.ok([...values].filter((v) => v > 0 && v < DOCS).length >= 3, `the bar moved: ${[...values]}`);
  const list = page.getByRole('region', { name: 'Documents' });
  await page.getByRole('searchbox', { name: 'Filter documents by name' }).fill('here-7');
  await list.getByRole('button', { name: /^Open here here-7:/ }).click();
  const found = await marks(page);
  assert.ok(found.some((m) => m.label === 'PERSON') && found.some((m) => m.label === 'PLACE'));
  // The failed worker script is the browser's console error, nothing of the app's.
  assert.deepEqual(errors.filter((e) => !/spanlight-worker|Failed to load resource|net::ERR_FAILED/.test(e)), []);
});

test('documents of a large import appear as they arrive; Cancel takes them back, also from storage, and a bad line is named', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  const list = page.getByRole('region', { name: 'Documents' });
  const openName = () => page.locator('.doc.open .doc-name').textContent();
  await importJsonl(page, 'mine.jsonl', '{"id": "a", "text": "Kerry met Lavrov."}\n{"id": "b", "text": "Zarif flew to Geneva."}');
  await page.getByRole('heading', { name: 'Documents (2)' }).waitFor();
  await list.getByRole('button', { name: /^Open mine b:/ }).click();
  assert.equal(await openName(), 'mine b');
  await watchProgress(page);

  // Over a megabyte: read and recognised in the worker, added batch by batch.
  await importJsonl(page, 'big.jsonl', jsonl('big'));
  await page.waitForFunction(() => window.progressSeen.some(([v, max]) => v > 0 && v < max));
  const arrived = await docCount(page);
  assert.ok(arrived > 2 && arrived < DOCS + 2, `documents listed while importing: ${arrived}`);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await page.getByText('Import cancelled: no documents were added').waitFor();
  assert.equal(await docCount(page), 2);
  assert.deepEqual(await list.locator('.doc-name').allTextContents(), ['mine a', 'mine b']);
  assert.equal(await openName(), 'mine b', 'the document open before is open again');
  // What autosave had written of the import is gone from storage too.
  await page.waitForTimeout(500);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Documents (2)' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await docCount(page), 2);

  // A large file with bad lines keeps the rest and names each bad line, as a small one does.
  const lines = jsonl('part').split('\n');
  lines[4] = '{"text": "unterminated';
  lines[1499] = 'not json at all';
  await importJsonl(page, 'part.jsonl', lines.join('\n'));
  const total = (DOCS - 2 + 2).toLocaleString('en-US');
  await page.getByRole('heading', { name: `Documents (${total})` }).waitFor({ timeout: 120000 });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const message = await alert.textContent();
  assert.ok(message.startsWith(`part.jsonl (spanlight): imported 1,998 of 2,000; skipped line 5: `), message);
  assert.ok(message.includes('; line 1500: not JSON'), message);
  await page.getByRole('searchbox', { name: 'Filter documents by name' }).fill('part-1999');
  await list.getByRole('button', { name: /^Open part part-1999:/ }).click();
  const found = await marks(page);
  assert.ok(found.some((m) => m.label === 'PERSON') && found.some((m) => m.label === 'PLACE'));
  assert.deepEqual(errors, []);
});

test('a large workspace file comes in through the worker with its names, done marks and spans', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  const N = 700;
  const documents = Array.from({ length: N }, (_, i) => {
    const text = ['Kerry met Lavrov.', ...Array.from({ length: 40 }, (_, k) =>
      `Officials in ${places[(i + k) % places.length]} counted ${100 + i + k} people on ${1 + (k % 28)} May.`)].join(' ');
    return {
      name: `w${i}`,
      done: i % 350 === 0,
      document: { version: 1, text, spans: [{ start: 0, end: 5, label: 'PERSON' }], labels: [{ name: 'PERSON', color: '#ffd36e' }] },
    };
  });
  const file = JSON.stringify({ kind: 'spanlight-workspace', version: 1, current: 0, documents });
  assert.ok(file.length > 1_000_000, 'large enough for the worker');
  await importJsonl(page, 'backup.json', file);
  await page.getByRole('heading', { name: `Documents (${N})` }).waitFor({ timeout: 120000 });
  const list = page.getByRole('region', { name: 'Documents' });
  assert.equal(await list.getByRole('checkbox', { name: 'w0 is done' }).isChecked(), true);
  assert.equal(await list.getByRole('checkbox', { name: 'w1 is done' }).isChecked(), false);
  await page.getByRole('searchbox', { name: 'Filter documents by name' }).fill('w350');
  assert.equal(await list.getByRole('checkbox', { name: 'w350 is done' }).isChecked(), true);
  await page.getByRole('searchbox', { name: 'Filter documents by name' }).fill('w699');
  await list.getByRole('button', { name: /^Open w699:/ }).click();
  // Its spans came with it: nothing recognised over them.
  const found = await marks(page);
  assert.deepEqual(found.map((m) => [m.start, m.end, m.label, m.status]), [[0, 5, 'PERSON', 'accepted']]);
  assert.deepEqual(errors, []);
});
