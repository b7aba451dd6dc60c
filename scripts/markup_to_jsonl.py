#!/usr/bin/env python3
"""Turns hand-annotated markup ([text]P / [text]L / [text]N) into spanlight JSONL with
code-point offsets. Lines starting with # are comments; blank lines separate documents; the
lines of a document are joined by spaces, or kept as lines with --keep-lines (a headline or a
dateline on its own line).

    python3 scripts/markup_to_jsonl.py [--keep-lines] FILE.txt > FILE.jsonl"""
import json
import re
import sys

LABELS = {"P": "PERSON", "L": "PLACE", "N": "NUMBER"}
MARK = re.compile(r"\[([^\[\]]+)\]([PLN])")


def convert(paragraph):
    text, spans, pos = "", [], 0
    for m in MARK.finditer(paragraph):
        text += paragraph[pos:m.start()]
        start = len(text)
        text += m.group(1)
        spans.append({"start": start, "end": len(text), "label": LABELS[m.group(2)],
                      "text": m.group(1)})
        pos = m.end()
    text += paragraph[pos:]
    if "[" in text or "]" in text:
        raise SystemExit(f"unbalanced markup in: {paragraph[:60]}")
    return text, spans


def main():
    args = sys.argv[1:]
    joiner = "\n" if "--keep-lines" in args else " "
    paths = [a for a in args if a != "--keep-lines"]
    if len(paths) != 1:
        raise SystemExit("usage: markup_to_jsonl.py [--keep-lines] FILE.txt > FILE.jsonl")
    path = paths[0]
    src = open(path, encoding="utf-8").read()
    stem = path.rsplit("/", 1)[-1].split(".")[0]
    paras = [joiner.join(l.strip() for l in block.splitlines() if not l.startswith("#")).strip()
             for block in src.split("\n\n")]
    n = 0
    for p in paras:
        if not p:
            continue
        n += 1
        text, spans = convert(p)
        print(json.dumps({"id": f"{stem}-{n:02d}", "text": text, "spans": spans},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
