// Keyboard alone, screen reader and eye (issue 13): every path works without a mouse, the
// accessibility tree names what is on screen, highlights are readable in both themes, and the
// small things a new user trips on (a second paste, a half-broken import, label names, a jumpy
// layout) behave as a person expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servedApp, openApp, paste, marks, tempDir } from './harness.mjs';

const env = servedApp();

/** What has the focus, in words: its accessible name or its text. */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'BODY';
    return a.id === 'article' ? '#article' : a.getAttribute('aria-label') || a.textContent.trim();
  });

/** Presses Tab (or Shift+Tab) until the focus is on what `wanted` matches; fails after `max`. */
async function tabTo(page, wanted, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (typeof wanted === 'string' ? now === wanted : wanted.test(now)) return i + 1;
  }
  throw new Error(`Tab never reached ${wanted}`);
}

const status = (page) => page.locator('.status-line > .status').textContent();
const review = (page) => page.locator('.span-panel .review').textContent();

test('keyboard alone from page load to export: make, relabel, resize, review, labels, documents', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  // The first Tab stop is the skip link; it takes the keyboard to the text box.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Skip to the text box');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'article-input');
  const text = 'Yesterday Foreign Minister Jean-Marc Ayrault met Sergei Lavrov in Geneva for 3 hours.';
  await paste(page, text);
  await page.locator('#article').waitFor();
  assert.equal(await focused(page), '#article', 'the article takes the focus when it appears');
  const suggested = (await marks(page)).filter((m) => m.status === 'suggested');
  assert.ok(suggested.length >= 3, `the recogniser found suggestions: ${JSON.stringify(suggested)}`);

  // Making a span: → puts the caret before "Yesterday", → again before "Foreign"; Shift+→
  // twice selects "Foreign Minister"; 2 labels it.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('.span-panel').textContent(), /Caret before “Foreign”/);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2');
  const made = () => page.locator('#article mark[data-start="10"]');
  assert.equal(await made().textContent(), 'Foreign Minister');
  assert.equal(await made().getAttribute('data-label'), 'PLACE');
  assert.equal(await made().getAttribute('data-status'), 'accepted');
  assert.match(await status(page), /Added PLACE “Foreign Minister”/);
  // Relabelling: the new span is selected; 1 makes it a PERSON.
  await page.keyboard.press('1');
  assert.equal(await made().getAttribute('data-label'), 'PERSON');
  // Resizing: the start a word on, then back.
  await page.keyboard.press('Alt+Shift+ArrowRight');
  assert.equal(await page.locator('#article mark[aria-current="true"]').textContent(), 'Minister');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  assert.equal(await made().textContent(), 'Foreign Minister');

  // Reviewing every suggestion: J, then Enter accepts and Delete rejects, each moving on.
  await page.keyboard.press('Escape');
  const total = suggested.length;
  assert.equal(await review(page), `${total} to decide: press J to review them`);
  await page.keyboard.press('j');
  assert.equal(await review(page), `1 of ${total} to decide`);
  for (let left = total; left > 0; left--) {
    const current = await page.locator('#article mark[aria-current="true"]').getAttribute('data-status');
    assert.equal(current, 'suggested', 'review selects only suggestions');
    await page.keyboard.press(left % 2 ? 'Enter' : 'Delete');
    if (left > 1) assert.match(await review(page), new RegExp(`of ${left - 1} to decide$`));
  }
  assert.equal(await review(page), 'Nothing left to decide');
  assert.match(await status(page), /every suggestion is decided/);
  const decided = await marks(page);
  assert.ok(decided.every((m) => m.status === 'accepted'));
  assert.equal(decided.length, 1 + Math.ceil(total / 2), 'half accepted, half rejected, plus ours');

  // Editing labels: Tab on to "Edit labels", add ORG; "org" is refused.
  await tabTo(page, 'Edit labels');
  await page.keyboard.press('Enter');
  await tabTo(page, 'New label name');
  await page.keyboard.type('ORG');
  await page.keyboard.press('Enter');
  await page.locator('.legend [data-label="ORG"]').waitFor();
  await page.keyboard.type('org');
  await page.keyboard.press('Enter');
  assert.equal(await status(page), 'There is already a label "ORG"');
  assert.equal(await page.locator('.legend .label-button').count(), 4);
  // Renaming it: Shift+Tab back to its name field, a new name, Enter.
  await tabTo(page, 'Name of label ORG', { back: true });
  await page.keyboard.press('Control+a');
  await page.keyboard.type('COMPANY');
  await page.keyboard.press('Enter');
  assert.equal(await status(page), 'Renamed the label ORG to COMPANY');
  await page.locator('.legend [data-label="COMPANY"]').waitFor();

  // Switching documents: a paste with the article open starts a second document, and says so.
  await page.locator('#article').focus();
  await paste(page, 'Angela Merkel visited Paris on 3 May.');
  await page.getByText('Angela Merkel visited Paris').waitFor();
  assert.match(await status(page), /^Opened the pasted text as a new document, “article \(2\)”/);
  assert.equal(await page.locator('.documents li').count(), 2);
  await tabTo(page, /^Open article:/);
  await page.keyboard.press('Enter');
  await page.getByText('Foreign Minister').first().waitFor();
  assert.match(await status(page), /^Opened “article”/);

  // Importing: Enter on "Import files…" opens the file chooser (the chooser itself aside).
  const chooser = page.waitForEvent('filechooser');
  await tabTo(page, 'Import files…');
  await page.keyboard.press('Enter');
  const jsonl = join(await tempDir(), 'more.jsonl');
  await writeFile(jsonl, '{"text": "Zarif flew to Rome."}\n');
  await (await chooser).setFiles(jsonl);
  await page.getByText('Zarif flew to Rome.').waitFor();
  assert.equal(await page.locator('.documents li').count(), 3);
  await page.keyboard.press('Shift+Tab'); // the focus stays on the page, near the import
  await tabTo(page, /^Open article:/, { back: true });
  await page.keyboard.press('Enter');
  await page.getByText('Foreign Minister').first().waitFor();

  // Exporting: Tab to "Export JSON" (backwards: it is in the toolbar) and press Enter.
  const download = page.waitForEvent('download');
  await tabTo(page, /^Export JSON/, { back: true });
  await page.keyboard.press('Enter');
  const file = join(await tempDir(), 'out.json');
  await (await download).saveAs(file);
  const out = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(out.text, text);
  assert.ok(out.spans.some((s) => s.text === 'Foreign Minister' && s.label === 'PERSON'));
  assert.ok(out.spans.every((s) => s.status === 'accepted'));
  assert.deepEqual(errors, []);
});

test('the help dialog keeps the focus while open and gives it back when closed', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, 'Kerry met Lavrov in Geneva.');
  await page.locator('#article').waitFor();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  const inside = () => page.evaluate(() => !!document.activeElement.closest('[role=dialog]'));
  assert.ok(await inside(), 'the focus moves into the dialog');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inside(), 'Tab stays in the dialog');
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inside(), 'Shift+Tab stays in the dialog');
  }
  // Keys for the page behind do nothing while the dialog is open.
  const before = await marks(page);
  await page.keyboard.press('j');
  await page.keyboard.press('Delete');
  assert.deepEqual(await marks(page), before);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), '#article', 'focus is back where it was');
  // From a toolbar button, the focus returns to that button.
  await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Enter'); // "Close" has the focus
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'Keyboard shortcuts (?)');
});

test('the accessibility tree names the controls, the article, its spans and the live regions', async () => {
  const { page } = await openApp(env.browser, env.server.origin);
  const empty = await page.locator('body').ariaSnapshot();
  assert.match(empty, /link "Skip to the text box"/);
  assert.match(empty, /textbox "Article text"/);
  assert.equal((empty.match(/button "Load sample article"/g) ?? []).length, 1, 'one sample button');
  await page.getByRole('button', { name: 'Load sample article' }).click();
  await page.locator('#article mark').first().waitFor();
  const tree = await page.locator('body').ariaSnapshot();
  for (const wanted of [
    /link "Skip to the article"/,
    /document "Article: arrow keys move the caret by words/,
    /navigation "Document"/,
    /button "Undo \(Ctrl\+Z\)"/,
    /button "Label as PERSON \(key 1\)"/,
    /region "Selection"/,
    /status/,
  ]) {
    assert.match(tree, wanted);
  }
  // Chromium's own tree, as a screen reader gets it: each highlight says its label and status.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const named = nodes
    .filter((n) => !n.ignored && n.role?.value === 'mark')
    .map((n) => n.name?.value ?? '');
  const shown = await marks(page);
  assert.equal(named.length, shown.length, `one mark node per highlight: ${named.slice(0, 3)}`);
  for (const m of shown.slice(0, 10)) {
    assert.ok(named.includes(`${m.label}: ${m.text} (${m.status})`), `${m.label} ${m.text}: ${named}`);
  }
  const live = nodes.filter((n) => n.properties?.some((p) => p.name === 'live' && p.value.value === 'polite'));
  assert.ok(live.length >= 2, 'the status line and the selection panel are live regions');
});

// Every label colour the app hands out (defaults, new labels, labels met in files) and a few a
// person might pick, the darkest and lightest included.
const COLOURS = [
  '#ffd36e', '#8fd3ff', '#b8f2a0',
  '#f4b6c2', '#c9b6f4', '#f7c99b', '#a8e6cf', '#f2e394', '#b6d7f4', '#e0c3a8', '#d4f0a0',
  '#f4a6c6', '#c9b3ff', '#ffb38a', '#9ee6d6', '#e6e38a', '#a6c8ff', '#d9b38c', '#d9d9d9',
  '#000000', '#ffffff', '#1d3557', '#e63946', '#2a9d8f',
];

/** A spanlight file with one accepted and one suggested span per colour; the suggested one
 *  is followed by "'s", where a label tag could cover the text. */
function paletteFile() {
  let text = '';
  const spans = [];
  const labels = COLOURS.map((color, i) => ({ name: `L${i}`, color, hotkey: null }));
  COLOURS.forEach((_, i) => {
    const a = `Alpha${i}`;
    spans.push({ start: text.length, end: text.length + a.length, label: `L${i}`, text: a, status: 'accepted' });
    text += `${a} met `;
    const b = `Beta${i}`;
    spans.push({ start: text.length, end: text.length + b.length, label: `L${i}`, text: b, status: 'suggested' });
    text += `${b}'s friend.\n`;
  });
  return JSON.stringify({ version: 1, text, spans, labels });
}

/** Contrast of every highlight, computed from the page's computed CSS. */
function measure() {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  // Any CSS colour (rgb(), color(srgb …), with alpha) painted over `under`, as 0–255 RGB.
  const paint = (colour, under = 'white') => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = under;
    ctx.fillRect(0, 0, 1, 1);
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  };
  const rgb = (c) => `rgb(${c.join(',')})`;
  const lum = (c) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const article = document.getElementById('article');
  const page = paint(getComputedStyle(document.documentElement).backgroundColor);
  const surface = paint(getComputedStyle(article).backgroundColor, rgb(page));
  return Array.from(article.querySelectorAll('mark')).map((m) => {
    const css = getComputedStyle(m);
    const tag = getComputedStyle(m, '::after');
    const fill = paint(css.backgroundColor, rgb(surface));
    const edge = paint(css.borderBottomColor, rgb(surface));
    // The next character's box: the tag must end before it.
    const next = m.nextSibling?.nodeType === Node.TEXT_NODE ? m.nextSibling : null;
    let gap = null;
    if (next && next.length) {
      const r = document.createRange();
      r.setStart(next, 0);
      r.setEnd(next, 1);
      gap = r.getBoundingClientRect().left - m.getBoundingClientRect().right;
    }
    return {
      label: m.dataset.label,
      status: m.dataset.status,
      text: contrast(paint(css.color, rgb(fill)), fill),
      tagText: contrast(paint(tag.color, rgb(fill)), fill),
      tagSize: parseFloat(tag.fontSize),
      edge: contrast(edge, surface),
      edgeStyle: css.borderBottomStyle,
      gap,
    };
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`highlights are readable in the ${colorScheme} theme, for every label colour`, async (t) => {
    const context = await env.browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(env.server.origin + '/');
    const input = page.getByLabel('Files to import');
    const file = join(await tempDir(), 'palette.json');
    await writeFile(file, paletteFile());
    await input.setInputFiles(file);
    await page.locator('#article mark').first().waitFor();
    const found = await page.evaluate(measure);
    assert.equal(found.length, COLOURS.length * 2);
    for (const m of found) {
      const what = `${colorScheme} ${m.label} (${COLOURS[m.label.slice(1)]}) ${m.status}`;
      assert.ok(m.text >= 4.5, `${what}: text ${m.text.toFixed(2)} : 1`);
      assert.ok(m.tagText >= 4.5, `${what}: tag ${m.tagText.toFixed(2)} : 1`);
      assert.ok(m.edge >= 3, `${what}: edge against the page ${m.edge.toFixed(2)} : 1`);
      assert.ok(m.tagSize >= 12, `${what}: tag ${m.tagSize}px`);
      // Suggested and accepted differ in shape, not only in colour.
      assert.equal(m.edgeStyle, m.status === 'suggested' ? 'dashed' : 'solid', what);
      if (m.gap !== null) assert.ok(m.gap >= -0.5, `${what}: the tag covers the next letter (${m.gap})`);
    }
    const least = (k) => Math.min(...found.map((m) => m[k])).toFixed(2);
    t.diagnostic(`${colorScheme}: least contrast text ${least('text')}, tag ${least('tagText')}, edge ${least('edge')}; tag ${found[0].tagSize}px`);
    await context.close();
  });
}

test('a second paste, a half-broken import, label names and a steady layout', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.reload();
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
  // An empty first load claims nothing about saving.
  await page.locator('.save-state[data-state="saved"]').waitFor();
  assert.equal((await page.locator('.save-state').textContent()).trim(), '');
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, 'Kerry met Lavrov in Geneva.');
  await page.locator('#article').waitFor();
  // The layout does not move when a message comes and goes.
  const top = () => page.locator('.workspace').evaluate((w) => w.getBoundingClientRect().top);
  const at = await top();
  await page.locator('#article mark').first().click();
  await page.keyboard.press('Delete');
  assert.match(await status(page), /^Deleted/);
  assert.equal(await top(), at, 'the status line keeps its height');
  // "A" with nothing to repeat says so plainly.
  await page.keyboard.press('a');
  assert.match(await status(page), /There is no other “.+” span to remove/);
  assert.equal(await top(), at);

  // A JSONL file with two bad lines: the good ones come in, the bad ones are listed once each.
  const dir = await tempDir();
  const jsonl = join(dir, 'batch.jsonl');
  await writeFile(jsonl, '{"text": "Zarif in Tehran"}\n{"text": oops}\n{"text": "Rome"}\n{"text": 7}\n');
  await page.getByLabel('Files to import').setInputFiles(jsonl);
  await page.locator('.documents').getByText('batch 3').waitFor();
  const message = await status(page);
  assert.match(message, /^batch\.jsonl \(spanlight\): imported 2 of 4; skipped line 2: not JSON.*; line 4: /);
  assert.equal((message.match(/line/g) ?? []).length, 2, `one line number per bad line: ${message}`);
  assert.equal(await top(), at, 'a long message lies over the page, it does not push it');

  // Label names: unique regardless of case, and a long one (from a file) stays in its panel.
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await page.getByRole('textbox', { name: 'New label name' }).fill('person');
  await page.keyboard.press('Enter');
  assert.equal(await status(page), 'There is already a label "PERSON"');
  const long = 'VERY_LONG_LABEL_'.repeat(19);
  const file = join(dir, 'long.json');
  const text = 'Kerry met Lavrov.';
  await writeFile(file, JSON.stringify({
    version: 1, text, spans: [{ start: 0, end: 5, label: long, text: 'Kerry', status: 'accepted' }],
  }));
  await page.getByLabel('Files to import').setInputFiles(file);
  await page.locator(`.legend [data-label="${long}"]`).waitFor();
  const overflow = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.side, .files, .article, .legend button'))
      .map((el) => el.getBoundingClientRect().right)
      .filter((right) => right > document.documentElement.clientWidth + 1));
  assert.deepEqual(overflow, [], 'no panel is pushed off the screen');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true);

  assert.deepEqual(consoleLines.filter((l) => /integrity/i.test(l)), [], 'no integrity warning');
  assert.deepEqual(errors, []);
});
