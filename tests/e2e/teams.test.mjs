// Teams without a server: two annotators' exports of three documents (tests/teams) imported in
// the page; the agreement table shows the figures `spanlight agree` computes (and
// tests/cli_agree.rs checks by hand); every disagreement adjudicated with the keyboard gives the
// expected documents, which export with their annotators and survive a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { servedApp, openApp, marks, dragSelect, cpIndex } from './harness.mjs';

const env = servedApp();
const TEAMS = resolve(import.meta.dirname, '../teams');

const saved = (page) => page.getByLabel('Saving').getByText('Saved in this browser');
const teams = (page) => page.getByRole('region', { name: 'Teams' });
const status = (page) => teams(page).getByRole('region', { name: 'Adjudication' }).getByRole('status');
const spans = async (page) => (await marks(page)).map((m) => [m.text, m.label]);

/** The rows of the table of one pair: label → [precision, recall, F1, kappa]. */
async function table(page, caption) {
  const t = teams(page).getByRole('table', { name: caption });
  const rows = await t.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent, ...Array.from(tr.querySelectorAll('td')).slice(0, 4).map((td) => td.textContent)]));
  return Object.fromEntries(rows.map(([label, ...cells]) => [label, cells]));
}

/** Presses a decision key once the view is on disagreement `n` (1-based) of `of`. */
async function decide(page, key, n, of) {
  await status(page).getByText(`Disagreement ${n} of ${of}`).waitFor();
  await page.keyboard.press(key);
}

test('two annotators compared, every disagreement adjudicated by keyboard, and a reload keeps it', async () => {
  const { page, errors, pageRequests } = await openApp(env.browser, env.server.origin);
  await saved(page).waitFor();
  await page.getByRole('button', { name: 'Compare annotators…' }).click();
  await teams(page).getByLabel("Annotators' files").setInputFiles([
    { name: 'ann.jsonl', mimeType: 'application/jsonl', buffer: await readFile(`${TEAMS}/ann.jsonl`) },
    { name: 'bob.jsonl', mimeType: 'application/jsonl', buffer: await readFile(`${TEAMS}/bob.jsonl`) },
  ]);
  await teams(page).getByText('3 documents matched by text').waitFor();
  const expected = {
    NUMBER: ['0.000', '—', '0.000', '0.000'],
    PERSON: ['0.750', '0.750', '0.750', '0.763'],
    PLACE: ['0.500', '0.333', '0.400', '0.453'],
    overall: ['0.571', '0.571', '0.571', '0.629'],
  };
  assert.deepEqual(await table(page, 'bob against ann'), expected);
  const ranking = teams(page).getByRole('list', { name: 'Documents by disagreement' });
  assert.deepEqual(await ranking.locator('.doc-name').allTextContents(), ['paris', 'mayor', 'geneva']);

  // paris: Paris is PLACE for ann and PERSON for bob (take ann: F); "3" only bob (take bob: J).
  await teams(page).getByRole('button', { name: 'Adjudicate paris' }).click();
  await page.locator('#article').getByText('Merkel').waitFor();
  assert.deepEqual(await spans(page), [['Merkel', 'PERSON']], 'starts from the spans both marked');
  await decide(page, 'f', 1, 2);
  await decide(page, 'j', 2, 2);
  await status(page).getByText('All 2 disagreements decided').waitFor();
  assert.deepEqual(await spans(page), [['Merkel', 'PERSON'], ['Paris', 'PLACE'], ['3', 'NUMBER']]);
  // The export says who agreed on each span.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    teams(page).getByRole('button', { name: 'Export with annotators' }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(exported.spans.map((s) => [s.text, s.label, s.annotators]),
    [['Merkel', 'PERSON', ['ann', 'bob']], ['Paris', 'PLACE', ['ann']], ['3', 'NUMBER', ['bob']]]);

  // mayor: ann's "New York" against bob's "York": both cannot stand (B is refused), take ann.
  await teams(page).getByRole('button', { name: 'Adjudicate mayor' }).click();
  await page.locator('#article').getByText('Eric Adams').waitFor();
  await decide(page, 'b', 1, 1);
  await page.getByRole('alert').getByText(/overlap, so both cannot stay/).waitFor();
  await decide(page, 'f', 1, 1);
  await status(page).getByText('All 1 disagreements decided').waitFor();
  assert.deepEqual(await spans(page), [['New York', 'PLACE'], ['Eric Adams', 'PERSON']]);

  // geneva: Lavrov only ann's. Neither (N), then a fix of one's own with the ordinary keys,
  // undone and redone.
  await teams(page).getByRole('button', { name: 'Adjudicate geneva' }).click();
  await page.locator('#article').getByText('Kerry').waitFor();
  await decide(page, 'n', 1, 1);
  await status(page).getByText('All 1 disagreements decided').waitFor();
  assert.deepEqual(await spans(page), [['Kerry', 'PERSON'], ['Geneva', 'PLACE']]);
  const text = await page.locator('#article').textContent();
  const at = cpIndex(text, 'Lavrov');
  await dragSelect(page, at, at + 6);
  await page.keyboard.press('1');
  const final = [['Kerry', 'PERSON'], ['Lavrov', 'PERSON'], ['Geneva', 'PLACE']];
  assert.deepEqual(await spans(page), final);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await spans(page), [['Kerry', 'PERSON'], ['Geneva', 'PLACE']]);
  await page.keyboard.press('Control+Shift+Z');
  assert.deepEqual(await spans(page), final);
  await page.waitForTimeout(200);
  await saved(page).waitFor();

  // A reload brings back the team, its figures, the adjudication and the decided documents.
  await page.reload();
  await teams(page).getByText('3 documents matched by text').waitFor();
  assert.deepEqual(await table(page, 'bob against ann'), expected);
  await page.locator('#article').getByText('Lavrov').waitFor();
  assert.deepEqual(await spans(page), final);
  await status(page).getByText('All 1 disagreements decided').waitFor();
  const docs = page.getByRole('region', { name: 'Documents' });
  for (const [name, want] of [
    ['paris', [['Merkel', 'PERSON'], ['Paris', 'PLACE'], ['3', 'NUMBER']]],
    ['mayor', [['New York', 'PLACE'], ['Eric Adams', 'PERSON']]],
  ]) {
    await docs.getByRole('button', { name: new RegExp(`^Open ${name} \\(adjudicated\\)`) }).click();
    await page.locator('#article').getByText(want[0][0]).waitFor();
    assert.deepEqual(await spans(page), want, name);
  }
  assert.deepEqual(pageRequests.filter((u) => !u.startsWith(env.server.origin) && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
});

test('a file that is not annotations, or a document in one file only, is reported and changes nothing else', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  await page.getByRole('button', { name: 'Compare annotators…' }).click();
  const ann = await readFile(`${TEAMS}/ann.jsonl`, 'utf8');
  const extra = JSON.stringify({ id: 'own', text: '<b>Only</b> Cy has this.', spans: [] });
  await teams(page).getByLabel("Annotators' files").setInputFiles([
    { name: 'ann.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(ann) },
    { name: 'cy.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${ann.split('\n').slice(0, 2).join('\n')}\n${extra}\n`) },
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]) },
  ]);
  const problems = teams(page).getByRole('alert');
  await problems.getByText(/photo\.jpg is not UTF-8/).waitFor();
  await problems.getByText('cy: document own is in no other file; left out').waitFor();
  await problems.getByText('ann: document mayor is in no other file; left out').waitFor();
  assert.equal(await teams(page).locator('b').count(), 0, 'imported text is shown as text');
  await teams(page).getByText('2 documents matched by text').waitFor();
  // The annotator's name is editable and the table follows it.
  const name = teams(page).getByRole('textbox', { name: 'Annotator 2 name' });
  await name.fill('cyrus');
  await name.press('Tab');
  await teams(page).getByRole('table', { name: 'cyrus against ann' }).waitFor();
});

test('three annotators: Fleiss kappa as the CLI computes it, and a decision for each annotator', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.getByRole('button', { name: 'Compare annotators…' }).click();
  await teams(page).getByLabel("Annotators' files").setInputFiles(await Promise.all(['ann', 'bob', 'cy'].map(async (n) => (
    { name: `${n}.jsonl`, mimeType: 'application/jsonl', buffer: await readFile(`${TEAMS}/${n}.jsonl`) }))));
  // `spanlight agree tests/teams/{ann,bob,cy}.jsonl` prints 0.668 too.
  await teams(page).getByText("Fleiss' kappa over the documents all 3 have: 0.668").waitFor();
  for (const caption of ['bob against ann', 'cy against ann', 'cy against bob']) {
    await teams(page).getByRole('table', { name: caption }).waitFor();
  }
  await teams(page).getByRole('button', { name: 'Adjudicate geneva' }).click();
  await page.locator('#article').getByText('Kerry').waitFor();
  // Lavrov (ann and cy, not bob), then Monday (only cy, as a NUMBER): take cy's both times.
  await status(page).getByText('Disagreement 1 of 2').waitFor();
  await teams(page).getByRole('button', { name: 'Take cy' }).click();
  await status(page).getByText('Disagreement 2 of 2').waitFor();
  await teams(page).getByRole('button', { name: 'Take cy' }).click();
  await status(page).getByText('All 2 disagreements decided').waitFor();
  assert.deepEqual(await spans(page),
    [['Kerry', 'PERSON'], ['Lavrov', 'PERSON'], ['Geneva', 'PLACE'], ['Monday', 'NUMBER']]);
  assert.deepEqual(errors, []);
});
