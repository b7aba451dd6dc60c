#!/usr/bin/env python3
"""Turns hand-annotated markup ([text]P / [text]L / [text]N) into spanlight JSONL with
code-point offsets. Lines starting with # are comments; blank lines separate documents."""
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
    src = open(sys.argv[1], encoding="utf-8").read()
    stem = sys.argv[1].rsplit("/", 1)[-1].split(".")[0]
    paras = [" ".join(l.strip() for l in block.splitlines() if not l.startswith("#")).strip()
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
