"""Shared by the Python package's tests: spanlight's CLI run on the same input, as the reference."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("SPANLIGHT_CLI", ROOT / "target" / "debug" / "spanlight"))

# Offsets disagree in every unit here: emoji (ZWJ, flags), combining accents, CJK, CRLF.
TEXTS = [
    "👩‍🔬 Scientist Anaïs Nin-Dubois met Jose\u0301 Ramos in 東京 on Tuesday.\r\nThey spoke for 3 hours.",
    "Kerry 🇺🇸 said Washington would give $4.2 billion to 50,000 refugees in northern Syria.",
    "😀😀😀 Angela Merkel visited Paris 👋 on 3 May with 40 aides.",
    "",
    "no names here at all",
] + [
    json.loads(line)["text"]
    for line in (ROOT / "data" / "dev" / "news-dev.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def run_cli(args, stdin: str) -> str:
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run `cargo build --bin spanlight` first")
    done = subprocess.run(
        [str(CLI), *args], input=stdin.encode("utf-8"), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")


def cli_spans(texts):
    """The CLI's spans for each text, as ``(start, end, label)`` in code points."""
    out = run_cli(["tag"], "".join(json.dumps({"text": t}) + "\n" for t in texts))
    return [
        [(s["start"], s["end"], s["label"]) for s in json.loads(line)["spans"]]
        for line in out.splitlines()
    ]
