#!/usr/bin/env python3
"""Writes one JSONL line holding a long news text, for measuring `spanlight tag` on it.

    python3 benches/memory/long_line.py 50 > /tmp/long50.jsonl
    /usr/bin/time -v target/release/spanlight tag < /tmp/long50.jsonl > /dev/null

The text is the articles of data/train/*.jsonl over and over, in file order, until it is the
given number of megabytes (10^6 bytes of UTF-8), cut at a space. By default the articles are
joined by a space, so the text is a single line; with `--articles` each article is a line of
its own, so the text has a dateline (`KHARTOUM (AFP) -`) every few hundred words.
"""

import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.join(HERE, "..", "..", "data", "train")


def articles():
    texts = []
    for path in sorted(glob.glob(os.path.join(TRAIN, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    texts.append(json.loads(line)["text"].replace("\n", " ").strip())
    return [t for t in texts if t]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("megabytes", type=float, help="size of the text, in MB (10^6 bytes)")
    p.add_argument("--articles", action="store_true", help="one article per line of the text")
    a = p.parse_args()
    target = int(a.megabytes * 1_000_000)
    sep = "\n" if a.articles else " "
    parts, size, i = [], 0, 0
    texts = articles()
    while size < target:
        t = texts[i % len(texts)]
        parts.append(t)
        size += len(t.encode("utf-8")) + 1
        i += 1
    text = sep.join(parts).encode("utf-8")[:target]
    # Cut at the last space so that no word (or UTF-8 sequence) is cut in two.
    text = text[: text.rfind(b" ")].decode("utf-8")
    json.dump({"id": "long-%gMB" % a.megabytes, "text": text}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
