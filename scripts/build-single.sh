#!/usr/bin/env bash
# Writes dist/single/spanlight.html: the whole app (wasm, JS, CSS, model, lexicons) in one file
# that works from file:// with no server and no network.
#   scripts/build-single.sh              builds the release app with trunk first
#   scripts/build-single.sh --reuse-dist uses the release build already in dist/
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ "${1:-}" != "--reuse-dist" ]; then
  trunk build --release
fi
# trunk replaces dist/ on every build, so the single page is written after it, beside its files.
python3 scripts/single_html.py dist dist/single/spanlight.html
raw=$(stat -c %s dist/single/spanlight.html)
gz=$(gzip -9 -c dist/single/spanlight.html | wc -c)
echo "dist/single/spanlight.html: $raw bytes ($gz gzipped)"
