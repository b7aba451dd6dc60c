#!/usr/bin/env bash
# Builds the npm package into target/npm/spanlight (and its tarball target/npm/spanlight-*.tgz):
# the core's recogniser and formats as WebAssembly (bindings/npm, no Yew) with wasm-bindgen's
# web glue, one .wasm for Node and browsers, and hand-written entries and TypeScript types.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=target/npm/spanlight
cargo build --locked --release --target wasm32-unknown-unknown -p spanlight-npm
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name spanlight \
  target/wasm32-unknown-unknown/release/spanlight_npm.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types \
  "$out/spanlight_bg.wasm" -o "$out/spanlight_bg.wasm"
cp bindings/npm/package/{node.js,browser.js,index.d.ts,README.md} "$out/"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' bindings/npm/Cargo.toml | head -1)
sed "s/@VERSION@/$version/" bindings/npm/package/package.json > "$out/package.json"
(cd target/npm && rm -f spanlight-*.tgz && npm pack ./spanlight --silent >/dev/null)

wasm_gz=$(gzip -9 -c "$out/spanlight_bg.wasm" | wc -c)
js_gz=$(cat "$out"/{spanlight.js,node.js} | gzip -9 | wc -c)
echo "target/npm/spanlight: wasm $(stat -c %s "$out/spanlight_bg.wasm") bytes," \
  "$wasm_gz gzipped; JS $js_gz gzipped; tarball $(stat -c %s target/npm/spanlight-*.tgz) bytes"
