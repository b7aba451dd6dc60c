#!/usr/bin/env bash
# Five-fold cross-validation: trains with each fold of every training file held out and scores
# the held-out documents, pooled per corpus: wikigold, and our hand-annotated news paragraphs
# (data/train/news-train*.jsonl), the Brown corpus passages (data/train/brown-train.jsonl:
# other voices, 1961) and more of its press and other non-fiction
# (data/train/brown-{press,nonfiction}-train.jsonl). Steadier than one held-out fold for
# comparing features or data. Prints exact-match P/R/F1 per label.
#   scripts/crossval.sh [WIKIGOLD.jsonl] [EPOCHS]
# Trains as scripts/train_model.sh does; TRAIN="a.jsonl b.jsonl" trains on other files instead.
# SEEDS="1 2 3" pools runs with several shuffle seeds, to tell a change from luck;
# ENSEMBLE=N sets how many perceptrons each model averages (4, as train's default).
set -euo pipefail
cd "$(dirname "$0")/.."
WIKIGOLD="${1:-../shared/data/wikigold.jsonl}"
EPOCHS="${2:-12}"
cargo build --release --quiet
NEWS=(data/train/news-train*.jsonl)
BROWN=(data/train/brown-*train.jsonl)
DEFAULT_TRAIN="$(scripts/train_model.sh --inputs "$WIKIGOLD")"
tmp=$(mktemp -d)
for seed in ${SEEDS:-1592594996}; do
  for k in 0 1 2 3 4; do
    # shellcheck disable=SC2086
    ./target/release/spanlight train "$tmp/m.bin" ${TRAIN:-$DEFAULT_TRAIN} \
      --holdout "$k" --epochs "$EPOCHS" --seed "$seed" --ensemble "${ENSEMBLE:-4}" > /dev/null
    ./target/release/spanlight eval "$WIKIGOLD" --fold "$k" --model "$tmp/m.bin" > "$tmp/wikigold-$k-$seed.txt"
    for f in "${NEWS[@]}"; do
      ./target/release/spanlight eval "$f" --fold "$k" --model "$tmp/m.bin" > "$tmp/news-$(basename "$f")-$k-$seed.txt"
    done
    for f in "${BROWN[@]}"; do
      # Each Brown file is its own corpus: brown (the first passages), press, nonfiction.
      corpus=$(basename "$f" -train.jsonl)
      corpus=${corpus#brown-}
      ./target/release/spanlight eval "$f" --fold "$k" --model "$tmp/m.bin" > "$tmp/$corpus-$k-$seed.txt"
    done
  done
done
python3 - "$tmp" <<'PY'
import sys, glob, re, os
tot = {}
for f in sorted(glob.glob(sys.argv[1] + "/*.txt")):
    corpus = os.path.basename(f).split("-")[0]
    for line in open(f):
        m = re.match(r"(PERSON|PLACE)\s+(\d+)\s+(\d+) \|\s+([\d.]+)", line)
        if m:
            g, p, prec = int(m.group(2)), int(m.group(3)), float(m.group(4))
            t = tot.setdefault((corpus, m.group(1)), [0, 0, 0])
            t[0] += g; t[1] += p; t[2] += round(prec * p)
for (corpus, l), (g, p, ok) in sorted(tot.items(), key=lambda x: (x[0][0] != "news", x[0])):
    P = ok / p if p else 0; R = ok / g if g else 0
    F = 2 * P * R / (P + R) if P + R else 0
    print(f"5-fold {corpus:<8} {l:<7} gold {g:5} pred {p:5}  P {P:.3f}  R {R:.3f}  F1 {F:.3f}")
PY
rm -rf "$tmp"
