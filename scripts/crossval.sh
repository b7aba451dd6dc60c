#!/usr/bin/env bash
# Five-fold cross-validation on wikigold: trains with each fold held out (plus the synthetic
# sentences) and pools the counts. Steadier than the single held-out fold for comparing
# features. Prints exact-match P/R/F1 per label.
#   scripts/crossval.sh [WIKIGOLD.jsonl] [EPOCHS]
# Trains as scripts/train_model.sh does (wikigold twice, the synthetic sentences, our news
# paragraphs three times);
# EXTRA="" trains on wikigold once alone; EXTRA="a.jsonl b.jsonl" adds other data instead.
# SEEDS="1 2 3" pools runs with several shuffle seeds, to tell a change from luck;
# ENSEMBLE=N sets how many perceptrons each model averages (4, as train's default).
set -euo pipefail
cd "$(dirname "$0")/.."
WIKIGOLD="${1:-../shared/data/wikigold.jsonl}"
EPOCHS="${2:-12}"
cargo build --release --quiet
NEWS=data/train/news-train.jsonl
tmp=$(mktemp -d)
for seed in ${SEEDS:-1592594996}; do
  for k in 0 1 2 3 4; do
    ./target/release/spanlight train "$tmp/m$k.bin" "$WIKIGOLD" ${EXTRA-$WIKIGOLD data/train/synthetic-news.jsonl $NEWS $NEWS $NEWS} \
      --holdout "$k" --epochs "$EPOCHS" --seed "$seed" --ensemble "${ENSEMBLE:-4}" > /dev/null
    ./target/release/spanlight eval "$WIKIGOLD" --fold "$k" --model "$tmp/m$k.bin" > "$tmp/e$k-$seed.txt"
  done
done
python3 - "$tmp" <<'PY'
import sys, glob, re
gold = {}; pred = {}; ok = {}
for f in glob.glob(sys.argv[1] + "/e*.txt"):
    for line in open(f):
        m = re.match(r"(PERSON|PLACE)\s+(\d+)\s+(\d+) \|\s+([\d.]+)", line)
        if m:
            l = m.group(1); g, p, prec = int(m.group(2)), int(m.group(3)), float(m.group(4))
            gold[l] = gold.get(l, 0) + g; pred[l] = pred.get(l, 0) + p
            ok[l] = ok.get(l, 0) + round(prec * p)
for l in gold:
    P = ok[l] / pred[l] if pred[l] else 0; R = ok[l] / gold[l]
    F = 2 * P * R / (P + R) if P + R else 0
    print(f"5-fold {l:<7} gold {gold[l]:5} pred {pred[l]:5}  P {P:.3f}  R {R:.3f}  F1 {F:.3f}")
PY
rm -rf "$tmp"
