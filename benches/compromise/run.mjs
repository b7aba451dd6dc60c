// Yardstick: compromise (npm, MIT) on the same text and gold as `spanlight eval` and the bench.
// Benchmark-only; never part of the app.
//   node run.mjs speed RAW.txt
//   node run.mjs eval GOLD.jsonl [dev]     (dev: only wikigold's held-out split)
import fs from 'node:fs';
import nlp from 'compromise';

const LABELS = { PERSON: d => d.people(), PLACE: d => d.places(), NUMBER: d => d.numbers() };

// The same split as spanlight's corpus::is_dev (FNV-1a of the id, one in five).
function isDev(id) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(id, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h % 5 === 0;
}

// compromise reports UTF-16 offsets; gold uses code points.
function cpIndex(text) {
  const map = new Map();
  let cp = 0, u = 0;
  for (const ch of text) { map.set(u, cp); u += ch.length; cp += 1; }
  map.set(u, cp);
  return u16 => map.get(u16) ?? cp;
}

function spansOf(text) {
  const doc = nlp(text);
  const toCp = cpIndex(text);
  const out = [];
  for (const [label, pick] of Object.entries(LABELS)) {
    for (const m of pick(doc).json({ offset: true })) {
      const o = m.offset || (m.terms && m.terms[0] && m.terms[0].offset);
      if (!o) continue;
      // compromise's offsets take in trailing punctuation ("Kerry," / "$4.2bn,"): trim it,
      // keeping the dot of an abbreviation (U.S.), so spans are compared fairly.
      let a = o.start, b = o.start + o.length;
      const junk = /[\s,;:!?"'“”‘’()\[\]]/;
      while (a < b && junk.test(text[a])) a++;
      while (b > a && (junk.test(text[b - 1]) || (text[b - 1] === '.' && !/[A-Z]\.[A-Z]$|^[A-Z]$/.test(text.slice(Math.max(a, b - 4), b - 1))))) b--;
      if (a < b) out.push({ label, start: toCp(a), end: toCp(b) });
    }
  }
  return out;
}

function evaluate(file, devOnly) {
  const docs = fs.readFileSync(file, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l))
    .filter(d => !devOnly || isDev(d.id));
  const c = {};
  for (const label of Object.keys(LABELS)) c[label] = { gold: 0, pred: 0, pe: 0, ge: 0, po: 0, go: 0 };
  for (const d of docs) {
    const pred = spansOf(d.text);
    for (const label of Object.keys(LABELS)) {
      const g = d.spans.filter(s => s.label === label), p = pred.filter(s => s.label === label);
      const eq = (a, b) => a.start === b.start && a.end === b.end;
      const ov = (a, b) => a.start < b.end && b.start < a.end;
      const k = c[label];
      k.gold += g.length; k.pred += p.length;
      k.pe += p.filter(x => g.some(y => eq(x, y))).length;
      k.ge += g.filter(x => p.some(y => eq(x, y))).length;
      k.po += p.filter(x => g.some(y => ov(x, y))).length;
      k.go += g.filter(x => p.some(y => ov(x, y))).length;
    }
  }
  const f = (a, b) => (b ? a / b : 0);
  const f1 = (p, r) => (p + r ? (2 * p * r) / (p + r) : 0);
  console.log(`${file} (${devOnly ? 'dev' : 'all'}: ${docs.length} documents, tagger: compromise ${nlp.version})`);
  console.log('label     gold  pred |      P      R     F1 |     P~     R~    F1~');
  for (const [label, k] of Object.entries(c)) {
    if (!k.gold) { console.log(`${label.padEnd(8)} (no gold spans in this file: not scored)`); continue; }
    const [p, r, po, ro] = [f(k.pe, k.pred), f(k.ge, k.gold), f(k.po, k.pred), f(k.go, k.gold)];
    const n = x => x.toFixed(3).padStart(6);
    console.log(`${label.padEnd(8)} ${String(k.gold).padStart(5)} ${String(k.pred).padStart(5)} | ${n(p)} ${n(r)} ${n(f1(p, r))} | ${n(po)} ${n(ro)} ${n(f1(po, ro))}`);
  }
}

function speed(file) {
  const paras = fs.readFileSync(file, 'utf8').split(/\n\s*\n/).filter(p => p.trim());
  const words = paras.reduce((n, p) => n + p.split(/\s+/).filter(Boolean).length, 0);
  spansOf(paras[0] || 'warm up');
  const t0 = process.hrtime.bigint();
  let found = 0;
  for (const p of paras) found += spansOf(p).length;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`compromise ${nlp.version}: ${words} words in ${s.toFixed(2)} s = ${Math.round(words / s)} words/s (${found} spans)`);
}

const [mode, file, extra] = process.argv.slice(2);
if (mode === 'speed') speed(file);
else if (mode === 'eval') evaluate(file, extra === 'dev');
else { console.error('usage: node run.mjs speed RAW.txt | eval GOLD.jsonl [dev]'); process.exit(2); }
