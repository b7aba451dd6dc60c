#!/usr/bin/env bash
# The ablation table of BENCHMARKS.md: each stage of the recogniser off (SPANLIGHT_OFF), scored
# with the embedded model on news-holdout2, news-test and forum-test, and with five fold models
# (trained once, one seed, as scripts/train_model.sh trains) on the held-out folds of our news,
# of all the Brown passages pooled and of Wikigold. Exact F1; prints a Markdown table.
#   scripts/ablation.sh [WIKIGOLD.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
WIKIGOLD="${1:-../shared/data/wikigold.jsonl}"
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for k in 0 1 2 3 4; do
  # shellcheck disable=SC2046
  ./target/release/spanlight train "$tmp/m$k.bin" $(scripts/train_model.sh --inputs "$WIKIGOLD") \
    --holdout "$k" > /dev/null
done
python3 - "$tmp" "$WIKIGOLD" <<'PY'
import glob, os, re, subprocess, sys
tmp, wikigold = sys.argv[1], sys.argv[2]
B = "./target/release/spanlight"

def ev(f, off, extra):
    env = dict(os.environ, SPANLIGHT_OFF=off)
    out = subprocess.run([B, "eval", f] + extra, capture_output=True, text=True, env=env,
                         check=True).stdout
    r = {}
    for m in re.finditer(r"^(PERSON|PLACE|NUMBER)\s+(\d+)\s+(\d+) \|\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out, re.M):
        r[m.group(1)] = (int(m.group(2)), int(m.group(3)), float(m.group(4)), float(m.group(6)))
    return r

def pooled(files, off):
    tot = {}
    for k in range(5):
        for f in files:
            for l, (g, p, prec, _) in ev(f, off, ["--fold", str(k), "--model", f"{tmp}/m{k}.bin"]).items():
                t = tot.setdefault(l, [0, 0, 0]); t[0] += g; t[1] += p; t[2] += round(prec * p)
    out = {}
    for l, (g, p, ok) in tot.items():
        P = ok / p if p else 0; R = ok / g if g else 0
        out[l] = 2 * P * R / (P + R) if P + R else 0
    return out

news = sorted(glob.glob("data/train/news-train*.jsonl"))
brown = sorted(glob.glob("data/train/brown-*train.jsonl"))
cols = ["holdout2 PER", "holdout2 PLA", "holdout2 NUM", "news-test PER", "news-test PLA",
        "news-test NUM", "forum-test PER", "forum-test PLA", "CV news PER", "CV news PLA",
        "CV Brown PER", "CV Brown PLA", "CV wikigold PER", "CV wikigold PLA"]
print("| stages off | " + " | ".join(cols) + " |")
print("|---" * (len(cols) + 1) + "|")
for off in ["", "headlines", "constraints", "compose", "tidy", "rules", "headlines,constraints,compose"]:
    h = ev("data/dev/news-holdout2.jsonl", off, [])
    t = ev("data/dev/news-test.jsonl", off, [])
    fo = ev("data/learn/forum-test.jsonl", off, [])
    cn, cb, cw = pooled(news, off), pooled(brown, off), pooled([wikigold], off)
    cells = [h["PERSON"][3], h["PLACE"][3], h["NUMBER"][3], t["PERSON"][3], t["PLACE"][3],
             t["NUMBER"][3], fo["PERSON"][3], fo["PLACE"][3], cn["PERSON"], cn["PLACE"],
             cb["PERSON"], cb["PLACE"], cw["PERSON"], cw["PLACE"]]
    print(f"| {off or 'none (all on)'} | " + " | ".join(f"{c:.3f}" for c in cells) + " |", flush=True)
PY
