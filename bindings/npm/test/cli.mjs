// Shared by the package's tests: the built package, and spanlight's CLI run on the same input.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const PACKAGE = resolve(ROOT, 'target/npm/spanlight');
const CLI = process.env.SPANLIGHT_CLI ?? resolve(ROOT, 'target/debug/spanlight');

for (const [path, how] of [[PACKAGE, 'scripts/build-npm.sh'], [CLI, 'cargo build --bin spanlight']]) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run ${how} first`);
}

/** Runs `spanlight ARGS` with `input` on stdin; returns stdout (stderr is shown on failure). */
export function cli(args, input) {
  return execFileSync(CLI, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Texts whose offsets disagree in every unit: emoji (ZWJ, flags), combining accents, CJK, CRLF,
 *  and the annotated news of data/dev. */
export const TEXTS = [
  '👩‍🔬 Scientist Anaïs Nin-Dubois met Jose\u0301 Ramos in 東京 on Tuesday.\r\nThey spoke for 3 hours.',
  'Kerry 🇺🇸 said Washington would give $4.2 billion to 50,000 refugees in northern Syria.',
  '😀😀😀 Angela Merkel visited Paris 👋 on 3 May with 40 aides.',
  '',
  'no names here at all',
  ...readFileSync(resolve(ROOT, 'data/dev/news-dev.jsonl'), 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text),
];

/** The CLI's spans (code points) for each of `texts`. */
export function cliSpans(texts) {
  const out = cli(['tag'], texts.map((text) => JSON.stringify({ text })).join('\n') + '\n');
  return out.trim().split('\n').map((l) => JSON.parse(l).spans);
}
