// Scripted browser benchmark of the teams view: two annotators' spanlight JSONL of DOCS
// documents of WORDS words each (news text; the first annotator marks capitalised words and
// numbers, the second the same with every 7th span dropped and every 11th relabelled), chosen in
// "Compare annotators…"; timed until the agreement table and the ranked documents are shown.
//   node benches/browser/teams.mjs [DOCS] [WORDS]
import { serveDist, launch, openApp } from '../../tests/e2e/harness.mjs';
import { longArticle } from './article.mjs';

const docs = Number(process.argv[2] ?? 1000);
const words = Number(process.argv[3] ?? 1000);
const pool = longArticle(words * 3).split(/\s+/).filter(Boolean);
const LABELS = ['PERSON', 'PLACE', 'NUMBER'];

function documents() {
  const a = [];
  const b = [];
  for (let d = 0; d < docs; d++) {
    const ws = [`Document ${d}.`];
    for (let i = 0; i < words; i++) ws.push(pool[(d * 37 + i) % pool.length]);
    const text = ws.join(' ');
    const spans = [];
    let at = 0;
    for (const w of ws) {
      const start = Array.from(text.slice(0, text.indexOf(w, at))).length;
      at = text.indexOf(w, at) + w.length;
      const word = w.replace(/[^\p{L}\p{N}]+$/u, '');
      if (/^\p{Lu}\p{Ll}+$/u.test(word) || /^\d+$/.test(word)) {
        const label = /^\d/.test(word) ? 'NUMBER' : LABELS[word.length % 2];
        spans.push({ start, end: start + Array.from(word).length, label, text: word });
      }
    }
    const other = spans
      .filter((_, i) => i % 7 !== 3)
      .map((s, i) => (i % 11 === 5 ? { ...s, label: LABELS[(LABELS.indexOf(s.label) + 1) % 3] } : s));
    a.push(JSON.stringify({ id: `doc-${d}`, text, spans }));
    b.push(JSON.stringify({ id: `doc-${d}`, text, spans: other }));
  }
  return [a.join('\n'), b.reverse().join('\n')];
}

const [ann, bob] = documents();
const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.origin);

  await page.getByRole('button', { name: 'Compare annotators…' }).click();
  const teams = page.getByRole('region', { name: 'Teams' });
  // The moment the table enters the page, seen from inside it (a busy page answers the test
  // driver late).
  await page.evaluate(() => {
    window.__shown = null;
    new MutationObserver((_, obs) => {
      if (document.querySelector('table.agreement')) { window.__shown = performance.now(); obs.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true });
  });
  // Timed from the input's change event: handing 40 MB to the browser through the driver is
  // not the page's time.
  await page.evaluate(() => {
    document.querySelector('input[aria-label="Annotators\' files"]')
      .addEventListener('change', () => { window.__chosen = performance.now(); }, { capture: true });
  });
  const t0 = Date.now();
  await teams.getByLabel("Annotators' files").setInputFiles([
    { name: 'ann.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(ann) },
    { name: 'bob.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(bob) },
  ]);
  await teams.getByText(`${docs} documents matched by text`).waitFor({ timeout: 600000 });
  await teams.getByRole('table', { name: 'bob against ann' }).waitFor();
  const shown = Date.now() - t0;
  const inPage = Math.round(await page.evaluate(() => window.__shown - window.__chosen));
  const overall = await teams.getByRole('table', { name: 'bob against ann' })
    .locator('tbody tr').last().textContent();
  console.log(`teams view, ${docs} docs of ${words} words, 2 annotators (${(ann.length / 1e6).toFixed(1)} MB each): ` +
    `files chosen -> table in the page after ${inPage} ms (the driver saw it after ${shown} ms); ` +
    `overall row: ${overall}`);
} finally {
  await browser.close();
  await server.close();
}
