#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: throughput of the CLI on a large generated news file, sizes of the
# embedded model and gazetteers, accuracy, and compromise on the same text and gold as a
# yardstick. Criterion's in-process figure: cargo bench --bench recognizer.
#   scripts/bench.sh [WIKIGOLD.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
WIKIGOLD="${1:-../shared/data/wikigold.jsonl}"
OUT=target/bench
mkdir -p "$OUT"
cargo build --release --quiet

# About 10 MB of news-style paragraphs (dev + synthetic texts, repeated), as JSONL for
# `spanlight tag`, as plain text for compromise (a tenth of it: compromise is slower), and as
# a single 10 MB document.
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
paras = [json.loads(l)["text"] for f in ("data/dev/news-dev.jsonl", "data/train/synthetic-news.jsonl")
         for l in open(f, encoding="utf-8") if l.strip()]
lines, size = [], 0
while size < 10_000_000:
    for p in paras:
        lines.append(p)
        size += len(p.encode()) + 1
with open(f"{out}/news-large.jsonl", "w", encoding="utf-8") as f:
    for p in lines:
        f.write(json.dumps({"text": p}, ensure_ascii=False) + "\n")
with open(f"{out}/news-small.txt", "w", encoding="utf-8") as f:
    f.write("\n\n".join(lines[: len(lines) // 10]))
with open(f"{out}/news-one-doc.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"text": "\n\n".join(lines)}, ensure_ascii=False) + "\n")
PY

words=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$OUT/news-large.jsonl")
bytes=$(stat -c %s "$OUT/news-large.jsonl")
start=$(date +%s.%N)
./target/release/spanlight tag < "$OUT/news-large.jsonl" > "$OUT/tagged.jsonl"
end=$(date +%s.%N)
python3 -c "import sys; w,b,s=int(sys.argv[1]),int(sys.argv[2]),float(sys.argv[3]); print(f'spanlight tag (CLI, one core): {w} words, {b/1e6:.1f} MB JSONL in {s:.2f} s = {w/s:,.0f} words/s (JSON in and out included)')" "$words" "$bytes" "$(echo "$end - $start" | bc)"
/usr/bin/time -f "spanlight tag, one 10 MB document: %e s, peak memory %M KB" ./target/release/spanlight tag < "$OUT/news-one-doc.jsonl" > /dev/null

for f in data/model/names.bin data/gazetteers/*.txt; do
  printf '%-36s %8d bytes, gzipped %7d bytes\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
printf '%-36s %8d bytes, gzipped %7d bytes\n' "all embedded data" \
  "$(cat data/model/names.bin data/gazetteers/*.txt | wc -c)" \
  "$(cat data/model/names.bin data/gazetteers/*.txt | gzip -9 -c | wc -c)"

# The shipped model is trained on every training document, so held-out figures come from
# cross-validation (wikigold, and our news paragraphs by fold).
scripts/crossval.sh "$WIKIGOLD"
for f in $(scripts/dev_sets.sh); do
  ./target/release/spanlight eval "$f"
  ./target/release/spanlight eval "$f" --baseline
done

if command -v node >/dev/null; then
  (cd benches/compromise && { [ -d node_modules/compromise ] || npm ci --no-audit --no-fund --silent; })
  node benches/compromise/run.mjs speed "$OUT/news-small.txt"
  words_small=$(wc -w < "$OUT/news-small.txt")
  python3 -c "import json,sys; [print(json.dumps({'text': p})) for p in open(sys.argv[1]).read().split('\n\n')]" "$OUT/news-small.txt" > "$OUT/news-small.jsonl"
  start=$(date +%s.%N)
  ./target/release/spanlight tag < "$OUT/news-small.jsonl" > /dev/null
  end=$(date +%s.%N)
  python3 -c "import sys; w,s=int(sys.argv[1]),float(sys.argv[2]); print(f'spanlight tag on the same text: {w} words in {s:.2f} s = {w/s:,.0f} words/s')" "$words_small" "$(echo "$end - $start" | bc)"
  node benches/compromise/run.mjs eval "$WIKIGOLD" dev
  for f in $(scripts/dev_sets.sh); do node benches/compromise/run.mjs eval "$f"; done
else
  echo "node not found: compromise yardstick skipped"
fi
