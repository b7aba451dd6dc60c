// Correcting spans as an annotator does all day: by keyboard alone, by mouse, with undo,
// suggestions, apply-to-all, labels of one's own, the overview, and the help panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp, openApp, paste, dragSelect, marks, cpIndex, cpSlice } from './harness.mjs';

const env = servedApp();

async function start(text) {
  const app = await openApp(env.browser, env.server.origin);
  await app.page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(app.page, text);
  await app.page.locator('#article').waitFor();
  return app;
}

const selectedMark = (page) => page.locator('#article mark[aria-current="true"]');
const markAt = (page, start) => page.locator(`#article mark[data-start="${start}"]`);

/** Removes every suggestion so a test starts from a known, empty annotation. */
async function clearSpans(page) {
  while ((await marks(page)).length) {
    await page.locator('#article mark').first().click();
    await page.keyboard.press('Delete');
  }
}

test('keyboard alone: tab through spans, make one from a caret, resize, delete, undo, redo', async () => {
  const text = 'Yesterday Foreign Minister Jean-Marc Ayrault met Sergei Lavrov in Geneva for 3 hours.';
  const { page, errors } = await start(text);
  // Tab reaches the article, then walks the spans in order.
  await page.locator('#article').focus();
  await page.keyboard.press('Tab');
  const all = await marks(page);
  assert.ok(all.length >= 2, 'the recogniser found some spans');
  assert.equal(await selectedMark(page).getAttribute('data-start'), String(all[0].start));
  await page.keyboard.press('ArrowRight');
  assert.equal(await selectedMark(page).getAttribute('data-start'), String(all[1].start));
  await page.keyboard.press('Shift+Tab');
  assert.equal(await selectedMark(page).getAttribute('data-start'), String(all[0].start));
  await page.keyboard.press('Escape');
  assert.equal(await selectedMark(page).count(), 0);

  await clearSpans(page);
  // A caret before "Jean", then Shift+→ word by word, then the PERSON key.
  const jean = cpIndex(text, 'Jean');
  await page.mouse.click(...(await caretPoint(page, jean)));
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  let found = await marks(page);
  assert.deepEqual(found.map((m) => [m.text, m.label, m.status]), [['Jean-Marc', 'PERSON', 'accepted']]);
  // The new span is selected: grow its end by a word, its start by a word, shrink the start back.
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal((await marks(page))[0].text, 'Jean-Marc Ayrault');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  assert.equal((await marks(page))[0].text, 'Minister Jean-Marc Ayrault');
  await page.keyboard.press('Alt+Shift+ArrowRight');
  assert.equal((await marks(page))[0].text, 'Jean-Marc Ayrault');
  await page.keyboard.press('Delete');
  assert.equal((await marks(page)).length, 0);
  await page.keyboard.press('Control+z');
  assert.equal((await marks(page))[0].text, 'Jean-Marc Ayrault');
  await page.keyboard.press('Control+z');
  assert.equal((await marks(page))[0].text, 'Minister Jean-Marc Ayrault', 'resizes undo one by one');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+y');
  assert.equal((await marks(page)).length, 0, 'redo replays the deletion');
  assert.deepEqual(errors, []);
});

/** The viewport point just left of code point `cp` in the article (for a caret click). */
async function caretPoint(page, cp) {
  return page.evaluate((at) => {
    const root = document.getElementById('article');
    const u16 = Array.from(root.textContent).slice(0, at).join('').length;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let left = u16;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (left < n.length) {
        const r = document.createRange();
        r.setStart(n, left);
        r.setEnd(n, left + 1);
        const rect = r.getBoundingClientRect();
        return [rect.left + 1, rect.top + rect.height / 2];
      }
      left -= n.length;
    }
    throw new Error('past the end');
  }, cp);
}

test('suggestions: accept one, accept all, export only accepted', async () => {
  const text = 'Kerry met Lavrov in Geneva and Vienna on 3 May with 40 aides.';
  const { page } = await start(text);
  const before = await marks(page);
  assert.ok(before.length >= 3 && before.every((m) => m.status === 'suggested'));
  await markAt(page, before[0].start).click();
  await page.keyboard.press('Enter');
  assert.equal((await marks(page))[0].status, 'accepted');
  await page.getByRole('checkbox', { name: 'Only accepted spans' }).check();
  const [d1] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export JSON/ }).click()]);
  const only = JSON.parse(await readFile(await d1.path(), 'utf8'));
  assert.deepEqual(only.spans.map((s) => s.start), [before[0].start]);
  await page.locator('#article').focus();
  await page.keyboard.press('Shift+Enter');
  assert.ok((await marks(page)).every((m) => m.status === 'accepted'));
  const [d2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export JSON/ }).click()]);
  assert.equal(JSON.parse(await readFile(await d2.path(), 'utf8')).spans.length, before.length);
  await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
  assert.equal((await marks(page)).filter((m) => m.status === 'suggested').length, before.length - 1);
});

test('apply to all occurrences labels and unlabels every whole-word match in one undo step', async () => {
  const text = 'The talks moved from Jordan to Jordanian towns, and back to Jordan; Jordan agreed.';
  const { page } = await start(text);
  await clearSpans(page);
  const first = cpIndex(text, 'Jordan');
  await dragSelect(page, first, first + 6);
  await page.keyboard.press('2');
  await page.keyboard.press('a');
  let found = await marks(page);
  assert.deepEqual(found.map((m) => [m.text, m.label]), [['Jordan', 'PLACE'], ['Jordan', 'PLACE'], ['Jordan', 'PLACE']]);
  assert.ok(!found.some((m) => cpSlice(text, m.start, m.end + 3) === 'Jordanian'));
  await page.keyboard.press('Control+z');
  assert.equal((await marks(page)).length, 1, 'one undo undoes them all');
  await page.keyboard.press('Control+y');
  await markAt(page, found[1].start).click();
  await page.keyboard.press('Backspace');
  await page.getByRole('button', { name: /Apply the last decision to every “Jordan”/ }).click();
  assert.equal((await marks(page)).length, 0);
});

test('labels of ones own: add, use by hotkey, rename, recolour, reorder, delete with a question', async () => {
  const text = 'Analysts at Acme Corp said Kerry met Lavrov.';
  const { page } = await start(text);
  await clearSpans(page);
  const legend = page.getByRole('region', { name: 'Labels' });
  await legend.getByRole('button', { name: 'Edit labels' }).click();
  await legend.getByRole('textbox', { name: 'New label name' }).fill('<b>ORG</b>');
  await legend.getByRole('button', { name: 'Add label' }).click();
  const org = '<b>ORG</b>';
  await legend.getByRole('button', { name: `Label as ${org} (key 4)` }).waitFor();
  const acme = cpIndex(text, 'Acme');
  await dragSelect(page, acme, acme + 9);
  await page.keyboard.press('4');
  let found = await marks(page);
  assert.deepEqual(found.map((m) => [m.text, m.label]), [['Acme Corp', org]]);
  assert.equal(await page.locator('#article b, .legend b').count(), 0, 'label names are text, not HTML');

  assert.equal(await legend.getByRole('textbox', { name: `Name of label ${org}` }).inputValue(), org);
  assert.equal(await legend.getByLabel('Colour of label PERSON').inputValue(), '#ffd36e');
  await legend.getByRole('textbox', { name: `Name of label ${org}` }).fill('COMPANY');
  await legend.getByRole('textbox', { name: `Name of label ${org}` }).press('Enter');
  assert.equal((await marks(page))[0].label, 'COMPANY');
  await legend.getByRole('button', { name: 'Move COMPANY up' }).click();
  const names = await legend.locator('.label-button .name').allTextContents();
  assert.deepEqual(names, ['PERSON', 'PLACE', 'COMPANY', 'NUMBER']);
  await legend.getByRole('button', { name: 'Label as COMPANY (key 3)' }).waitFor();
  await legend.getByLabel('Colour of label COMPANY').evaluate((el) => {
    el.value = '#123456';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const style = await page.locator('#article mark').first().getAttribute('style');
  assert.match(style, /#123456/);

  await legend.getByRole('button', { name: 'Delete label COMPANY' }).click();
  await legend.getByText('Delete COMPANY and its 1 span?').waitFor();
  assert.equal((await marks(page)).length, 1, 'nothing is deleted before the answer');
  await legend.getByRole('button', { name: 'Yes, delete label COMPANY' }).click();
  assert.equal((await marks(page)).length, 0);
  assert.equal(await legend.getByRole('button', { name: /Label as COMPANY/ }).count(), 0);
  await page.keyboard.press('Control+z');
  assert.equal((await marks(page))[0].label, 'COMPANY');
});

test('the overview lists spans by label and scrolls to the one chosen; handles resize by drag', async () => {
  const filler = 'Nothing to see in this sentence at all. '.repeat(60);
  const text = `Kerry met Lavrov. ${filler}At the end, Angela Merkel flew to Ankara.`;
  const { page } = await start(text);
  const overview = page.getByRole('region', { name: 'Spans by label' });
  const ankara = (await marks(page)).find((m) => m.text === 'Ankara');
  assert.ok(ankara, 'Ankara is highlighted');
  await overview.getByRole('button', { name: /Ankara/ }).click();
  const mark = markAt(page, ankara.start);
  assert.equal(await mark.getAttribute('aria-current'), 'true');
  const where = await mark.evaluate((m) => {
    const r = m.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: window.innerHeight, y: window.scrollY };
  });
  assert.ok(where.top >= 0 && where.bottom <= where.height, `in view: ${JSON.stringify(where)}`);

  // Drag the start handle of "Ankara" left over "to": the span grows by a word.
  const handle = mark.locator('.handle.start');
  const box = await handle.boundingBox();
  const to = await caretPoint(page, cpIndex(text, 'to Ankara'));
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(to[0] + 2, to[1], { steps: 5 });
  await page.mouse.up();
  const grown = (await marks(page)).find((m) => m.end === ankara.end);
  assert.equal(grown.text, 'to Ankara');
  assert.equal(grown.status, 'accepted');
});

test('help lists the shortcuts; every control has a name and is reachable by keyboard', async () => {
  const { page } = await start('Kerry met Lavrov in Geneva on 3 May.');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  for (const keys of ['Ctrl+Z', 'Shift+→ / Shift+←', 'Delete / Backspace', '1 … 9']) {
    await help.getByText(keys, { exact: true }).waitFor();
  }
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea, [tabindex]')]
      .filter((el) => {
        const labelled = el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent;
        return !(labelled && labelled.trim());
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);

  // Tab from the top: every enabled control gets focus at some point, the article too.
  const want = await page.evaluate(() => {
    // Controls a person can see and reach; a hidden file input is reached through its button.
    const els = [...document.querySelectorAll('button:not([disabled]), input, select, textarea, [tabindex="0"]')]
      .filter((el) => el.getClientRects().length > 0 && el.tabIndex >= 0);
    els.forEach((el, i) => el.setAttribute('data-tabcheck', String(i)));
    return els.length;
  });
  await page.evaluate(() => document.activeElement?.blur());
  const seen = new Set();
  for (let i = 0; i < want + 30 && seen.size < want; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement?.getAttribute('data-tabcheck'));
    if (at !== null && at !== undefined) seen.add(at);
  }
  assert.equal(seen.size, want, 'every control is reachable with Tab');
});

test('a small menu at a fresh selection labels it with one click', async () => {
  const text = 'The delegation flew from Geneva to Vienna.';
  const { page } = await start(text);
  await clearSpans(page);
  const at = cpIndex(text, 'Vienna');
  await dragSelect(page, at + 1, at + 4);
  const menu = page.getByRole('group', { name: 'Label the selection' });
  await menu.waitFor();
  const box = await menu.boundingBox();
  const mark = await page.evaluate(() => window.getSelection().getRangeAt(0).getBoundingClientRect().bottom);
  assert.ok(box.y >= mark - 1 && box.y < mark + 40, 'the menu sits under the selection');
  await menu.getByRole('button', { name: 'PLACE (2)' }).click();
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.label]), [['Vienna', 'PLACE']]);
  await menu.waitFor({ state: 'detached' });
});

test('finding again brings back rejected suggestions, keeps accepted spans, and undoes', async () => {
  const text = 'Kerry met Lavrov in Geneva and Vienna on 3 May.';
  const { page } = await start(text);
  const found = await marks(page);
  assert.ok(found.length >= 3);
  await markAt(page, found[0].start).click();
  await page.keyboard.press('Enter');
  await markAt(page, found[1].start).click();
  await page.keyboard.press('Delete');
  assert.equal((await marks(page)).length, found.length - 1);
  await page.getByRole('button', { name: /^Find again/ }).click();
  const again = await marks(page);
  assert.equal(again.length, found.length);
  assert.equal(again[0].status, 'accepted', 'an accepted span stays accepted');
  assert.equal(again[1].status, 'suggested');
  await page.keyboard.press('Control+z');
  assert.equal((await marks(page)).length, found.length - 1);
});
