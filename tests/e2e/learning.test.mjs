// Learning from the person's corrections, like a person: a new label DRUG given to an invented
// word three times, the document marked done, and the word is suggested as DRUG in new text;
// still after a reload; gone after a reset; and an exported model brings it into a fresh page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openApp, paste, dragSelect, marks, cpIndex } from './harness.mjs';

const env = servedApp();

// The indicator's state, which it keeps also while it shows no words (an empty page claims none).
const saved = (page) => page.locator('.save-state[data-state="saved"]');
const learning = (page) => page.getByRole('region', { name: 'Learning' });

async function newDocument(page, text) {
  await page.getByRole('button', { name: 'New document' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, text);
  await page.locator('#article').waitFor();
}

const drugs = async (page) => (await marks(page)).filter((m) => m.label === 'DRUG').map((m) => [m.text, m.status]);

const TAUGHT = 'The patient was given Zorvexin on Monday. Zorvexin lowered the fever, and a second dose of Zorvexin followed.';
const NEW = 'Doctors in Leeds now prescribe Zorvexin to children.';

/** Pastes TAUGHT, adds the label DRUG and gives it to the three Zorvexins, as a person does. */
async function teach(page) {
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, TAUGHT);
  await page.locator('#article').waitFor();
  const legend = page.getByRole('region', { name: 'Labels' });
  await legend.getByRole('button', { name: 'Edit labels' }).click();
  await legend.getByRole('textbox', { name: 'New label name' }).fill('DRUG');
  await legend.getByRole('button', { name: 'Add label' }).click();
  await legend.getByRole('button', { name: 'Label as DRUG (key 4)' }).waitFor();
  let from = 0;
  for (let k = 0; k < 3; k++) {
    const at = cpIndex(TAUGHT.slice(from), 'Zorvexin') + from;
    await dragSelect(page, at, at + 8);
    await page.keyboard.press('4');
    // The next drag is measured on the page as it is once this highlight is drawn.
    await page.waitForFunction((n) => document.querySelectorAll('#article mark[data-label="DRUG"]').length === n, k + 1);
    from = at + 8;
  }
  assert.deepEqual(await drugs(page), Array(3).fill(['Zorvexin', 'accepted']));
}

test('a new label learned from three examples is suggested in new text, kept, reset and carried over', async () => {
  const { page, errors, pageRequests } = await openApp(env.browser, env.server.origin);
  await saved(page).waitFor();
  await teach(page);
  await learning(page).getByText('The shipped model: nothing learned yet').waitFor();

  // Marking it done learns.
  await page.getByRole('checkbox', { name: 'article is done' }).check();
  await learning(page).getByText('Learned from 1 document').waitFor();
  await learning(page).getByText('DRUG: 3 spans').waitFor();
  assert.ok(env.server.requests.includes('/spanlight-worker_bg.wasm'), 'learned in the Web Worker');
  await newDocument(page, NEW);
  assert.deepEqual(await drugs(page), [['Zorvexin', 'suggested']]);

  // After a reload the model is still the learned one.
  await page.waitForTimeout(150);
  await saved(page).waitFor();
  await page.reload();
  await page.locator('#article').waitFor();
  await learning(page).getByText('Learned from 1 document').waitFor();
  await newDocument(page, 'Nurses gave Zorvexin twice.');
  assert.deepEqual(await drugs(page), [['Zorvexin', 'suggested']]);

  // Export the model, then reset: the suggestion goes from the documents not done.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    learning(page).getByRole('button', { name: 'Export model' }).click(),
  ]);
  const modelPath = await download.path();
  assert.equal(download.suggestedFilename(), 'spanlight-model.bin');
  page.once('dialog', (d) => d.accept());
  await learning(page).getByRole('button', { name: 'Reset to the shipped model' }).click();
  await learning(page).getByText('The shipped model: nothing learned yet').waitFor();
  assert.deepEqual(await drugs(page), []);
  await newDocument(page, NEW);
  assert.deepEqual(await drugs(page), []);
  await page.waitForTimeout(150);
  await saved(page).waitFor();
  await page.reload();
  await page.locator('#article').waitFor();
  await learning(page).getByText('The shipped model: nothing learned yet').waitFor();

  // A fresh page (another browser profile) importing the model suggests the same.
  const fresh = await openApp(env.browser, env.server.origin);
  const chooser = fresh.page.waitForEvent('filechooser');
  await learning(fresh.page).getByRole('button', { name: 'Import model…' }).click();
  await (await chooser).setFiles(modelPath);
  await learning(fresh.page).getByText('An imported model').waitFor();
  await fresh.page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(fresh.page, NEW);
  await fresh.page.locator('#article').waitFor();
  assert.deepEqual(await drugs(fresh.page), [['Zorvexin', 'suggested']]);
  // A file that is not a model is refused with a reason.
  const bad = fresh.page.waitForEvent('filechooser');
  await learning(fresh.page).getByRole('button', { name: 'Import model…' }).click();
  await (await bad).setFiles({ name: 'notes.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('SLPM\x03\x00abcdef') });
  await fresh.page.getByRole('alert').getByText(/Cannot use notes\.bin as a model/).waitFor();
  await learning(fresh.page).getByText('An imported model').waitFor();

  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  assert.deepEqual(pageRequests.filter((u) => !u.startsWith(env.server.origin) && !u.startsWith('blob:')), []);
});

test('where the worker cannot load, the page learns by itself', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  let blocked = 0;
  await context.route(/spanlight-worker/, (route) => {
    blocked += 1;
    return route.fulfill({ status: 404, body: 'gone' });
  });
  await teach(page);
  await page.getByRole('checkbox', { name: 'article is done' }).check();
  await learning(page).getByText('Learned from 1 document').waitFor();
  await newDocument(page, NEW);
  assert.deepEqual(await drugs(page), [['Zorvexin', 'suggested']]);
  assert.ok(blocked > 0, 'the worker was asked for and refused');
  // The browser reports the missing script; nothing else goes wrong.
  assert.deepEqual(errors.filter((e) => !/spanlight-worker|404|Failed to load/.test(e)), []);
});
