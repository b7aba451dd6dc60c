// The npm package as a user gets it: the tarball installed with npm, imported by its name from
// Node, checked against the CLI (`spanlight tag`, `spanlight convert`) on the same input.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, PACKAGE, TEXTS, cli, cliSpans } from './cli.mjs';

let spanlight;
before(async () => {
  const tarball = readdirSync(resolve(PACKAGE, '..')).find((f) => /^spanlight-.*\.tgz$/.test(f));
  assert.ok(tarball, 'scripts/build-npm.sh packs a tarball');
  const dir = mkdtempSync(join(tmpdir(), 'spanlight-npm-'));
  writeFileSync(join(dir, 'package.json'), '{"private": true}');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error',
    resolve(PACKAGE, '..', tarball)], { cwd: dir, stdio: 'inherit' });
  const entry = createRequire(join(dir, 'index.js')).resolve('spanlight');
  assert.match(entry, /node_modules[/\\]spanlight[/\\]node\.js$/, 'Node resolves the node entry');
  spanlight = await import(pathToFileURL(entry).href);
});

test('recognize with code points gives exactly what `spanlight tag` gives', () => {
  const expected = cliSpans(TEXTS);
  TEXTS.forEach((text, i) => {
    assert.deepEqual(spanlight.recognize(text, { units: 'codepoints' }), expected[i], `text ${i}`);
  });
  assert.ok(expected.flat().length > 50, 'the texts have plenty of spans to compare');
});

test('by default offsets are JavaScript string indices: text.slice(start, end) is the span', () => {
  const expected = cliSpans(TEXTS);
  TEXTS.forEach((text, i) => {
    const got = spanlight.recognize(text);
    const cps = Array.from(text);
    const u16 = (cp) => cps.slice(0, cp).join('').length;
    assert.deepEqual(got, expected[i].map((s) => ({ ...s, start: u16(s.start), end: u16(s.end) })));
    for (const s of got) assert.equal(text.slice(s.start, s.end), s.text);
  });
  // The emoji before the name count two units each, one code point each.
  const [merkel] = spanlight.recognize(TEXTS[2]);
  assert.deepEqual([merkel.start, merkel.text], [7, 'Angela Merkel']);
  assert.equal(spanlight.recognize(TEXTS[2], { units: 'codepoints' })[0].start, 4);
});

test('convert writes what `spanlight convert` writes, for every format with one file', () => {
  const tagged = cli(['tag'], TEXTS.filter((t) => t).map((text, i) => JSON.stringify({ id: i, text })).join('\n'));
  for (const to of ['spanlight', 'spacy', 'prodigy', 'doccano', 'label-studio', 'conll']) {
    const expected = cli(['convert', '--from', 'spanlight', '--to', to], tagged);
    assert.equal(spanlight.convert(tagged, { from: 'spanlight', to }), expected, to);
  }
  const spacy = spanlight.convert(tagged, { from: 'spanlight', to: 'spacy' });
  assert.equal(spanlight.convert(spacy, { from: 'spacy', to: 'spanlight' }),
    cli(['convert', '--from', 'spacy', '--to', 'spanlight'], spacy), 'and back');
});

test('bad input throws an Error that says what is wrong, and the package keeps working', () => {
  const throwsError = (fn, message) =>
    assert.throws(fn, (e) => e instanceof Error && message.test(e.message), String(message));
  throwsError(() => spanlight.recognize(42), /text must be a string, not number/);
  throwsError(() => spanlight.recognize(), /text must be a string, not undefined/);
  throwsError(() => spanlight.recognize('Kerry\ud800 flew.'), /not valid Unicode text: unpaired surrogate at index 5/);
  throwsError(() => spanlight.recognize('Kerry', { units: 'bytes' }), /unknown units "bytes"/);
  throwsError(() => spanlight.recognize('Kerry', 'utf16'), /options must be an object/);
  throwsError(() => spanlight.convert('{}', { from: 'spanlight' }), /options.to is required/);
  throwsError(() => spanlight.convert('{}', { from: 'nope', to: 'spacy' }), /unknown format "nope" \(known: .*label-studio/);
  throwsError(() => spanlight.convert('{"text": "a"}\nnot json\n', { from: 'spanlight', to: 'spacy' }), /^line 2: /);
  throwsError(() => spanlight.convert(
    '{"text": "Kerry", "spans": [{"start": 0, "end": 3, "label": "PERSON", "text": "Kerry"}]}',
    { from: 'spanlight', to: 'spacy' }), /line 1: .*Ker/);
  throwsError(() => spanlight.convert('{"text": "a"}', { from: 'spanlight', to: 'brat' }), /brat/);
  assert.equal(spanlight.recognize('Kerry flew to Paris.')[0].text, 'Kerry', 'still working');
});

test('version is the package version', () => {
  const pkg = JSON.parse(readFileSync(resolve(PACKAGE, 'package.json'), 'utf8'));
  assert.equal(spanlight.version, pkg.version);
  assert.match(spanlight.version, /^\d+\.\d+\.\d+/);
  const cargo = readFileSync(resolve(ROOT, 'Cargo.toml'), 'utf8');
  assert.ok(cargo.includes(`version = "${spanlight.version}"`), 'the same as the Rust crate');
});
