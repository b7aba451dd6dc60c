// A long article (about 3 MB): the page renders only the paragraphs near the view, yet scrolling,
// the keyboard, find and export all reach the whole text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp, openApp, paste, marks } from './harness.mjs';

const env = servedApp();

const PARAGRAPHS = [
  'Delegates from {n} countries gathered in Lisbon on Monday, where Chancellor Ingrid Halvorsen opened the talks on fishing quotas that have divided the northern ports for {n} years.',
  'Farmers near Toulouse said the drought had cut their harvest by {n} per cent, and the mayor, Paul Rivière, asked Paris for emergency funds before the winter.',
  'The river authority in Cairo reported that water levels had fallen for the {n}th week in a row, the longest dry spell recorded since the dam was finished.',
  'Analysts in Singapore expect shipping costs to rise again next month, said Mei Tanaka, who follows the container trade for a bank in the city.',
];
const LAST = 'In the closing session the Xylophonist Guild of Reykjavik thanked Margarethe Oyelaran for 17 years of service.';

/** About `bytes` of text in paragraphs, ending with LAST. */
function longArticle(bytes) {
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = PARAGRAPHS[i % PARAGRAPHS.length].replaceAll('{n}', String(3 + (i % 40)));
    out.push(p);
    size += p.length + 2;
  }
  out.push(LAST);
  return out.join('\n\n');
}

const TEXT = longArticle(3_000_000);

const inArticle = (page, needle) =>
  page.evaluate((n) => document.getElementById('article').textContent.includes(n), needle);

/** Whether the paragraph holding `needle` is rendered and inside the view. */
const shown = (page, needle) =>
  page.evaluate((n) => {
    const para = [...document.querySelectorAll('#article .para')].find((p) => p.textContent.includes(n));
    if (!para) return false;
    const r = para.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, needle);

const waitShown = (page, needle) =>
  page.waitForFunction((n) => {
    const para = [...document.querySelectorAll('#article .para')].find((p) => p.textContent.includes(n));
    if (!para) return false;
    const r = para.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, needle, { timeout: 20000 });

const waitSelectedShown = (page) =>
  page.waitForFunction(() => {
    const r = document.querySelector('#article mark[aria-current="true"]')?.getBoundingClientRect();
    return r && r.bottom > 0 && r.top < window.innerHeight;
  }, null, { timeout: 20000 });

async function toTop(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelector('#article .para')?.dataset.start === '0');
}

test('a 3 MB article: a small DOM, scrolling, keyboard, find and export reach all of it', async () => {
  assert.ok(TEXT.length > 2_900_000);
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, TEXT);
  await page.locator('#article mark').first().waitFor({ timeout: 120000 });

  // The list counts its words once its tokens are built (a slice at a time, after it opened).
  const meta = page.locator('.doc.open .doc-meta');
  await meta.filter({ hasText: /^[\d,]+ words/ }).waitFor({ timeout: 60000 });
  const words = Number((await meta.textContent()).match(/^([\d,]+) words/)[1].replaceAll(',', ''));
  const spaced = TEXT.split(/\s+/).length;
  assert.ok(words > spaced * 0.9 && words < spaced * 1.2, `${words} words, ${spaced} between spaces`);

  // Only a window of paragraphs is in the page, and the spacers give the whole height.
  const dom = await page.evaluate(() => ({
    all: document.getElementsByTagName('*').length,
    article: document.querySelectorAll('#article *').length,
    text: document.getElementById('article').textContent.length,
    height: document.getElementById('article').getBoundingClientRect().height,
  }));
  assert.ok(dom.article < 3000, `the article has ${dom.article} elements`);
  assert.ok(dom.all < 6000, `the page has ${dom.all} elements`);
  assert.ok(dom.text < TEXT.length / 20, `the article renders ${dom.text} characters`);
  assert.ok(dom.height > 200_000, `the article is ${dom.height} px high, as if all there`);
  assert.equal(await inArticle(page, 'Xylophonist'), false, 'the end is not rendered at first');

  // Scrolling to the end shows the last paragraph.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await waitShown(page, LAST);
  assert.equal(await page.locator('#article .para').last().textContent(), LAST);
  const windowed = await page.evaluate(() => document.querySelectorAll('#article *').length);
  assert.ok(windowed < 3000, `still ${windowed} elements at the end`);

  // By keyboard from the top: Tab selects the first span, ← the last one, far below.
  await toTop(page);
  assert.equal(await inArticle(page, 'Xylophonist'), false);
  await page.locator('#article').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowLeft');
  const selected = page.locator('#article mark[aria-current="true"]');
  await selected.waitFor();
  const last = Number(await selected.getAttribute('data-start'));
  assert.ok(last > TEXT.length * 0.99, `the last span starts at ${last}`);
  await waitShown(page, LAST);
  const lastText = await selected.textContent();
  assert.ok(LAST.includes(lastText), `the last span is "${lastText}", in the last paragraph`);
  // Delete it, then undo: it comes back.
  await page.keyboard.press('Delete');
  await page.locator(`#article mark[data-start="${last}"]`).waitFor({ state: 'detached' });
  await page.keyboard.press('Control+z');
  await page.locator(`#article mark[data-start="${last}"]`).waitFor();
  assert.equal(await page.locator(`#article mark[data-start="${last}"]`).textContent(), lastText);

  // J / K from the top: K goes round to a suggestion far below; scrolled up again (so that it
  // is not rendered), K goes to the one before it and J back, each brought into view.
  await page.keyboard.press('Escape');
  await toTop(page);
  await page.locator('#article').focus();
  await page.keyboard.press('k');
  await selected.waitFor();
  const far = Number(await selected.getAttribute('data-start'));
  assert.ok(far > TEXT.length * 0.99, `K selected ${far} of ${TEXT.length}`);
  await waitSelectedShown(page);
  await toTop(page);
  assert.equal(await selected.count(), 0, 'scrolled away, the selected span is not rendered');
  await page.keyboard.press('k');
  await selected.waitFor();
  const before = Number(await selected.getAttribute('data-start'));
  assert.ok(before < far && before > TEXT.length * 0.98, `K selected ${before}, before ${far}`);
  await waitSelectedShown(page);
  await toTop(page);
  await page.keyboard.press('j');
  await page.locator(`#article mark[data-start="${far}"][aria-current="true"]`).waitFor();
  await waitSelectedShown(page);

  // Find: Ctrl+F in the article opens the app's find box; Enter reveals the match.
  await page.keyboard.press('Escape');
  await toTop(page);
  await page.locator('#article').focus();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find in the article' });
  await find.waitFor();
  assert.equal(await find.evaluate((el) => el === document.activeElement), true, 'the box has the focus');
  await find.fill('no such word anywhere');
  await find.press('Enter');
  await page.getByText('No match for “no such word anywhere”').waitFor();
  // Part of a word finds it (the selection snaps to the whole word); typing goes on in the box.
  await find.fill('xylo');
  await find.press('Enter');
  await waitShown(page, LAST);
  await page.waitForFunction(() => window.getSelection().toString() === 'Xylophonist');
  await page.keyboard.type('phonist');
  assert.equal(await find.inputValue(), 'xylophonist');
  await find.press('Enter');
  await page.waitForFunction(() => window.getSelection().toString() === 'Xylophonist');
  assert.equal(await shown(page, LAST), true);
  await find.press('Escape');
  assert.equal(await find.count(), 0, 'Esc closes the find box');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'article');
  // The match stays selected: a label key makes it a span (undone again).
  await page.keyboard.press('1');
  const made = page.locator('#article mark[data-label="PERSON"]', { hasText: /^Xylophonist$/ });
  await made.waitFor();
  await page.keyboard.press('Control+z');
  await made.waitFor({ state: 'detached' });

  // At the end, a click selects the span under the mouse, by its offset in the whole text.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await waitShown(page, LAST);
  const lastMark = page.locator('#article .para').last().locator('mark').last();
  const clickedAt = await lastMark.getAttribute('data-start');
  await lastMark.click();
  assert.equal(await page.locator('#article mark[aria-current="true"]').getAttribute('data-start'), clickedAt);

  // Export: every span of the document, not only the rendered ones.
  await toTop(page);
  const counts = await page.locator('.legend .count').allTextContents();
  const total = counts.map((c) => Number(c.replaceAll(',', ''))).reduce((a, b) => a + b, 0);
  const rendered = await page.locator('#article mark').count();
  assert.ok(total > rendered * 10, `${total} spans, ${rendered} rendered`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Export JSON/ }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.text, TEXT);
  assert.equal(exported.spans.length, total);
  assert.ok(exported.spans.some((s) => s.start === last && s.text === lastText), 'the span near the end is exported');
  assert.deepEqual(errors, []);
});

// A paste, a text-box submit or a lone .txt file of 250 KB or more opens at once with its text,
// and the Web Worker finds its spans. Texts just over that size keep the run quick.
const LONG_PASTE = longArticle(260_000);

/** Records, from the page, whether the article was ever shown with text but no highlights. */
const watchTextBeforeMarks = (page) => page.evaluate(() => {
  window.textBeforeMarks = false;
  new MutationObserver(() => {
    const a = document.getElementById('article');
    if (a && a.textContent.length > 0 && !a.querySelector('mark')) window.textBeforeMarks = true;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
});

test('a long paste shows its text, then its highlights from the worker; one undo takes it back', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await watchTextBeforeMarks(page);
  await page.getByRole('textbox', { name: 'Article text' }).click();
  await paste(page, LONG_PASTE);
  await page.locator('#article mark').first().waitFor({ timeout: 60000 });
  assert.equal(await page.evaluate(() => window.textBeforeMarks), true, 'the text came before its highlights');
  assert.ok(page.workers().length >= 1, 'the worker recognised it');
  const found = await marks(page);
  assert.ok(found.some((m) => m.text === 'Ingrid Halvorsen' && m.label === 'PERSON'), JSON.stringify(found.slice(0, 4)));
  assert.ok(found.some((m) => m.text === 'Lisbon' && m.label === 'PLACE'));
  assert.ok(found.every((m) => m.status === 'suggested'));
  await page.getByRole('status').getByText(/Found [\d,]+ spans/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel recognition' }).count(), 0);

  // One undo takes back the paste with its highlights; redo brings both.
  await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
  assert.equal(await page.locator('#article').count(), 0);
  await page.getByRole('button', { name: 'Redo (Ctrl+Shift+Z)' }).click();
  await page.locator('#article mark').first().waitFor();
  assert.deepEqual(errors, []);
});

test("a long paste's text and highlights survive a reload (the text saved in parts, the spans in many chunks)", async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  await paste(page, LONG_PASTE);
  await page.locator('#article mark').first().waitFor({ timeout: 60000 });
  await page.getByRole('status').getByText(/Found [\d,]+ spans/).waitFor();
  const row = page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Open article:/ });
  const meta = await row.getAttribute('aria-label');
  assert.match(meta, /[\d,]+ spans/);
  const before = await marks(page);
  // The spans' save starts a frame after they arrive, and is written over several tasks.
  await page.waitForTimeout(300);
  await page.locator('.save-state[data-state="saved"]').waitFor({ timeout: 60000 });

  await page.reload();
  await page.locator('#article mark').first().waitFor({ timeout: 60000 });
  assert.equal(await row.getAttribute('aria-label'), meta, 'as many spans, all still to decide');
  assert.deepEqual(await marks(page), before);
  const text = await page.evaluate(() => document.getElementById('article').textContent);
  assert.ok(text.startsWith(LONG_PASTE.slice(0, 200)), text.slice(0, 200));
  assert.deepEqual(errors, []);
});

test('Cancel recognition leaves the pasted text without highlights and says so', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  // The worker is held back until Cancel has been pressed: recognition cannot finish first.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await context.route(/spanlight-worker_loader/, async (route) => { await held; await route.continue(); });
  await paste(page, LONG_PASTE);
  await page.locator('#article').getByText('Ingrid Halvorsen').first().waitFor();
  assert.equal(await page.locator('#article mark').count(), 0);
  await page.getByRole('progressbar', { name: 'Recognising' }).waitFor();
  await page.getByRole('button', { name: 'Cancel recognition' }).click();
  await page.getByText(/Recognition cancelled: the text is open without highlights/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel recognition' }).count(), 0);
  release();

  // A second long paste comes after the first in the worker: once it is highlighted, the
  // cancelled one's answer has come and gone.
  await paste(page, LONG_PASTE.replaceAll('Lisbon', 'Porto'));
  await page.locator('#article mark').first().waitFor({ timeout: 60000 });
  const list = page.getByRole('region', { name: 'Documents' });
  await list.getByRole('button', { name: /^Open article:/ }).first().click();
  await page.locator('#article').getByText('Lisbon').first().waitFor();
  assert.equal(await page.locator('#article mark').count(), 0, 'the cancelled text stays plain');
  assert.deepEqual(errors, []);
});

test('a long lone .txt file opens with its text first, then its highlights', async () => {
  const { page, errors } = await openApp(env.browser, env.server.origin);
  await page.locator('.save-state[data-state="saved"]').waitFor();
  await watchTextBeforeMarks(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles([{ name: 'fisheries.txt', mimeType: 'text/plain', buffer: Buffer.from(LONG_PASTE) }]);
  await page.locator('#article mark').first().waitFor({ timeout: 60000 });
  assert.equal(await page.evaluate(() => window.textBeforeMarks), true, 'the text came before its highlights');
  assert.equal(await page.getByRole('textbox', { name: 'Document name' }).inputValue(), 'fisheries');
  const found = await marks(page);
  assert.ok(found.some((m) => m.text === 'Ingrid Halvorsen' && m.label === 'PERSON'));
  const list = page.getByRole('region', { name: 'Documents' });
  assert.equal(await list.getByRole('button', { name: /^Open / }).count(), 1, 'the blank document made way');
  assert.deepEqual(errors, []);
});

test('without a worker (its script cannot load) a long paste is still highlighted, on the page', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  await context.route(/spanlight-worker/, (route) => route.abort());
  await paste(page, LONG_PASTE);
  await page.locator('#article mark').first().waitFor({ timeout: 60000 });
  const found = await marks(page);
  assert.ok(found.some((m) => m.text === 'Ingrid Halvorsen' && m.label === 'PERSON'));
  await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).waitFor();
  assert.deepEqual(errors.filter((e) => !/spanlight-worker|Failed to load resource|net::ERR_FAILED/.test(e)), []);
});
