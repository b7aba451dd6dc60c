"""Tagging JSONL as ``spanlight tag`` does, in batches, for a distributed engine such as Dask::

    import dask.bag as db
    from distributed import Client
    from spanlight.batch import tag_lines

    client = Client("tcp://scheduler:8786")   # or distributed.LocalCluster()
    db.read_text("corpus/*.jsonl").map_partitions(tag_lines).to_textfiles("tagged/*.jsonl")

Each partition is recognised with ``recognize_batch`` (every core of the worker, no GIL).
"""

import json
from typing import Iterable, List, Optional

from . import recognize_batch


def _doc(line: str, n: int) -> dict:
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"line {n}: not JSON: {e}") from None
    if not isinstance(doc, dict):
        raise ValueError(f'line {n}: expected a JSON object like {{"text": "..."}}')
    if "text" not in doc:
        raise ValueError(f'line {n}: missing "text" field')
    if not isinstance(doc["text"], str):
        raise ValueError(f'line {n}: "text" must be a string')
    return doc


def tag_docs(lines: Iterable[str], threads: Optional[int] = None) -> List[dict]:
    """Each JSONL line ``{"text": ...}`` (other fields kept) with ``"spans"`` added:
    ``[{"start", "end", "label", "text"}]`` in code points. Blank lines are skipped, as the CLI
    skips them; a bad line raises ``ValueError`` naming its line in this batch."""
    docs = [_doc(line, n) for n, line in enumerate(lines, 1) if line.strip()]
    found = recognize_batch([d["text"] for d in docs], threads=threads)
    for doc, spans in zip(docs, found):
        text = doc["text"]
        doc["spans"] = [
            {"start": s, "end": e, "label": label, "text": text[s:e]} for s, e, label in spans
        ]
    return docs


def tag_lines(lines: Iterable[str], threads: Optional[int] = None) -> List[str]:
    """:func:`tag_docs` written back as JSONL lines (no newline at the end)."""
    return [json.dumps(d, ensure_ascii=False) for d in tag_docs(lines, threads)]
