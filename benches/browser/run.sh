#!/usr/bin/env bash
# Browser benchmarks of the app (figures go into BENCHMARKS.md): the recogniser in wasm, edit
# latency on a 20,000-word article, and a 1,000-document import and restore. Needs what
# scripts/test.sh installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --browser
trunk build --release
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
echo "== recogniser in the browser (release wasm, headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --release --target wasm32-unknown-unknown --test bench_browser -- --nocapture 2>&1 |
  grep -E '^recognise'
echo "== agreement of two annotators, 1,000 documents of 1,000 words, in the browser"
CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --release --target wasm32-unknown-unknown --test bench_agreement_browser -- --nocapture 2>&1 |
  grep -E '^agreement'
echo "== teams view: two annotators' files of 1,000 documents of 1,000 words chosen in the page"
node benches/browser/teams.mjs 1000 1000
echo "== edit latency, 20,000-word article"
node benches/browser/render.mjs 20000
echo "== 1,000 news documents: import, save, restore"
node benches/browser/workspace.mjs 1000 400
echo "== bundle size"
bash scripts/bundle-size.sh
