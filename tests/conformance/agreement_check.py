#!/usr/bin/env python3
"""Reference check of `spanlight agree` against scikit-learn and statsmodels.

For each set of annotators' files it runs `spanlight agree FILES --tokens` (each matched
document's token labels per annotator, IOB with O) and `spanlight agree FILES --json`, then
recomputes from the same token labels:
  - Cohen's kappa per pair, overall and per label (other labels read as O), with
    sklearn.metrics.cohen_kappa_score;
  - Fleiss' kappa for three or more annotators, over the documents all have, with
    statsmodels.stats.inter_rater.fleiss_kappa;
and, independently of spanlight, exact-span precision/recall/F1 of B against A from the JSONL
files themselves (documents matched by text). Undefined figures (0/0) must be null in ours and
NaN in theirs.

Files checked: tests/teams/{ann,bob}.jsonl, the same plus cy.jsonl, and seeded random
annotations of 40 documents by four annotators (spans on word boundaries, labels drawn at random,
some documents missing from some annotators).

Usage: python3 tests/conformance/agreement_check.py
Prints PASS/FAIL per check; exits 1 on any failure. Prints a skip notice and exits 0 when
scikit-learn or statsmodels is not installed.
"""

import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TEAMS = os.path.join(ROOT, "tests", "teams")

try:
    import numpy as np
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import fleiss_kappa
except ImportError as e:  # pragma: no cover
    print(f"SKIP agreement check: {e} (install scikit-learn and statsmodels)")
    sys.exit(0)

TOL = 1e-9
failures = 0


def spanlight(*args):
    run = subprocess.run(
        ["cargo", "run", "-q", "--bin", "spanlight", "--", *args],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if run.returncode != 0:
        print("FAIL: spanlight", " ".join(args), run.stderr.decode(), file=sys.stderr)
        sys.exit(1)
    return json.loads(run.stdout)


def same(ours, theirs):
    if ours is None:
        return theirs is None or (isinstance(theirs, float) and math.isnan(theirs))
    if theirs is None or (isinstance(theirs, float) and math.isnan(theirs)):
        return False
    return abs(ours - theirs) <= TOL


def check(name, ours, theirs):
    global failures
    if not same(ours, theirs):
        failures += 1
        print(f"FAIL {name}: ours {ours}, reference {theirs}")


def sk_kappa(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not a:
            return None
        return float(cohen_kappa_score(a, b))


def only(labels, label):
    return [x if x[2:] == label else "O" for x in labels]


def read_jsonl(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs.setdefault(d["text"], {(s["start"], s["end"], s["label"]) for s in d["spans"]})
    return docs


def prf(a, b, label=None):
    """Exact-span precision, recall, F1 of b against a over the texts both have."""
    both = na = nb = 0
    for text, sa in a.items():
        if text not in b:
            continue
        sb = b[text]
        if label is not None:
            sa = {s for s in sa if s[2] == label}
            sb = {s for s in sb if s[2] == label}
        both += len(sa & sb)
        na += len(sa)
        nb += len(sb)
    p = both / nb if nb else None
    r = both / na if na else None
    f = 2 * both / (na + nb) if na + nb else None
    return p, r, f


def compare(files, title):
    global failures
    before = failures
    tokens = spanlight("agree", *files, "--tokens")
    figures = spanlight("agree", *files, "--json")
    names = tokens["annotators"]
    docs = [{n: seq for n, seq in zip(names, d["labels"])} for d in tokens["documents"]]
    check(f"{title}: documents", figures["documents"], len(docs))
    jsonl = {n: read_jsonl(f) for n, f in zip(names, files)}
    for pair in figures["pairs"]:
        a, b = pair["a"], pair["b"]
        seq_a, seq_b = [], []
        for d in docs:
            if d[a] is not None and d[b] is not None:
                seq_a += d[a]
                seq_b += d[b]
        check(f"{title}: {a}/{b} overall kappa", pair["overall"]["kappa"], sk_kappa(seq_a, seq_b))
        check(f"{title}: {a}/{b} overall f1", pair["overall"]["f1"], prf(jsonl[a], jsonl[b])[2])
        used = {s[2] for n in (a, b) for spans in jsonl[n].values() for s in spans}
        if set(pair["labels"]) != used:
            failures += 1
            print(f"FAIL {title}: {a}/{b} labels {sorted(pair['labels'])} != {sorted(used)}")
        for label, fig in pair["labels"].items():
            ref = sk_kappa(only(seq_a, label), only(seq_b, label))
            check(f"{title}: {a}/{b} {label} kappa", fig["kappa"], ref)
            p, r, f = prf(jsonl[a], jsonl[b], label)
            check(f"{title}: {a}/{b} {label} precision", fig["precision"], p)
            check(f"{title}: {a}/{b} {label} recall", fig["recall"], r)
            check(f"{title}: {a}/{b} {label} f1", fig["f1"], f)
    if len(names) >= 3:
        rows = []
        for d in docs:
            if all(d[n] is not None for n in names):
                rows += list(zip(*(d[n] for n in names)))
        cats = sorted({x for row in rows for x in row})
        table = np.array([[row.count(c) for c in cats] for row in rows])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = float(fleiss_kappa(table, method="fleiss")) if rows else None
        check(f"{title}: fleiss", figures["fleiss"], ref)
    elif figures["fleiss"] is not None:
        failures += 1
        print(f"FAIL {title}: fleiss should be null for two annotators")
    print(("PASS " if failures == before else "FAIL ") + f"{title} ({len(docs)} documents, "
          f"{len(figures['pairs'])} pairs)")


WORDS = ("Kerry met Lavrov in Geneva on Monday while 3,000 people from Paris and New York "
         "marched past Zoë's café , then Anaïs Nin flew to 東京 with 12 aides 😀 .").split()


def random_files(tmp, seed=15):
    rnd = random.Random(seed)
    texts = []
    for _ in range(40):
        n = rnd.randint(0, 25)
        texts.append(" ".join(rnd.choice(WORDS) for _ in range(n)))
    texts = list(dict.fromkeys(texts))
    paths = []
    for name in ("ana", "ben", "cai", "dee"):
        path = os.path.join(tmp, f"{name}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for text in texts:
                if rnd.random() < 0.1:
                    continue  # this annotator skipped the document
                words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
                spans, i = [], 0
                while i < len(words):
                    if rnd.random() < 0.35:
                        j = min(len(words), i + rnd.randint(1, 3))
                        start, end = words[i][0], words[j - 1][1]
                        label = rnd.choice(["PERSON", "PLACE", "NUMBER"])
                        spans.append({"start": start, "end": end, "label": label,
                                      "text": text[start:end]})
                        i = j + 1
                    else:
                        i += 1
                f.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def main():
    ann, bob, cy = (os.path.join(TEAMS, f"{n}.jsonl") for n in ("ann", "bob", "cy"))
    compare([ann, bob], "fixtures, two annotators")
    compare([ann, bob, cy], "fixtures, three annotators")
    with tempfile.TemporaryDirectory() as tmp:
        files = random_files(tmp)
        compare(files[:2], "random, two annotators")
        compare(files, "random, four annotators")
    if failures:
        print(f"agreement check: {failures} figure(s) differ from the reference")
        sys.exit(1)
    print("agreement check: every kappa matches scikit-learn / statsmodels")


if __name__ == "__main__":
    main()
