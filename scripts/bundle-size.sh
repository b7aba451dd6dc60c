#!/usr/bin/env bash
# Prints the release bundle's sizes, raw and gzipped (-9), after `trunk build --release`.
set -euo pipefail
cd "$(dirname "$0")/../dist"
total_raw=0; total_gz=0
printf '%-8s %10s %10s\n' file raw gzipped
for kind in wasm js css html; do
  for f in *."$kind"; do
    [ -e "$f" ] || continue
    raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '%-8s %10d %10d\n' "$kind" "$raw" "$gz"
  done
done
printf '%-8s %10d %10d\n' total "$total_raw" "$total_gz"
