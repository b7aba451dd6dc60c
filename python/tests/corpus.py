"""A corpus of a few thousand news documents from the repository's own annotated text (each
article, and each of its sentences, as a document), for the Dask test and benchmark."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def documents():
    texts = []
    for path in sorted((ROOT / "data" / "train").glob("news-train*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                texts.append(text)
                texts.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip())
    return texts


def write_jsonl(path: Path, texts, repeat: int = 1) -> int:
    """Writes ``{"id", "text"}`` lines; returns how many."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for _ in range(repeat):
            for text in texts:
                f.write(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n")
                n += 1
    return n
