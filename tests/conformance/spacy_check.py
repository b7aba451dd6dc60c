#!/usr/bin/env python3
"""Conformance check of spanlight's spaCy export with spaCy itself.

Loads every document of spaCy-format JSONL files with `Doc(nlp.vocab).from_json(...,
validate=True)` on `spacy.blank("en")` (no model download) and checks that:
  - the rebuilt Doc has exactly the exported text (our tokens follow spaCy's white-space rules);
  - `Doc.char_span(start, end, label)` returns a span for every entity, with the exported text;
  - `doc.ents` holds exactly the exported entities.
Prodigy files (`--prodigy FILE`, and by default the sample converted to prodigy) are checked
the way Prodigy's tokens are meant: `Doc(vocab, words=[t["text"]], spaces=[t["ws"]])` must
rebuild the text, and `doc[token_start : token_end + 1]` (token_end is inclusive) must be the
span's characters.
It also reports, for information, how many entities align with spaCy's *own* tokenizer
(`nlp(text).char_span(..., alignment_mode="strict")`); that is not required, since the export
carries its tokens.

Usage:
  python3 tests/conformance/spacy_check.py [FILE.jsonl ...] [--prodigy FILE.jsonl ...]
Without files it checks tests/golden/golden.spacy.jsonl and the conversion of
tests/conformance/sample.jsonl by `cargo run -q -- convert --from spanlight --to spacy`.
Prints a skip notice and exits 0 when spaCy is not installed; exits 1 on any failure.
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def convert_sample(to):
    sample = os.path.join(HERE, "sample.jsonl")
    with open(sample, "rb") as src:
        converted = subprocess.run(
            ["cargo", "run", "-q", "--", "convert", "--from", "spanlight", "--to", to],
            cwd=ROOT,
            stdin=src,
            capture_output=True,
            check=False,
        )
    if converted.returncode != 0:
        print("FAIL: converting sample.jsonl:", converted.stderr.decode(), file=sys.stderr)
        sys.exit(1)
    out = tempfile.NamedTemporaryFile("wb", suffix=f".{to}.jsonl", delete=False)
    out.write(converted.stdout)
    out.close()
    return out.name


def check_prodigy(path, nlp, Doc):
    failures, checked = 0, 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            task = json.loads(line)
            where = f"{os.path.basename(path)} line {n}"
            toks = task["tokens"]
            doc = Doc(nlp.vocab, words=[t["text"] for t in toks], spaces=[t["ws"] for t in toks])
            if doc.text != task["text"]:
                print(f"FAIL {where}: tokens + ws rebuild {doc.text!r}, not {task['text']!r}")
                failures += 1
                continue
            for s in task.get("spans", []):
                checked += 1
                span = doc[s["token_start"] : s["token_end"] + 1]
                expected = task["text"][s["start"] : s["end"]]
                if (span.start_char, span.end_char) != (s["start"], s["end"]):
                    print(f"FAIL {where}: tokens {s['token_start']}..={s['token_end']} are "
                          f"{span.text!r}, the span is {expected!r}")
                    failures += 1
    return failures, checked


def check_file(path, nlp, Doc):
    failures, ents_checked, own_aligned = 0, 0, 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            data = json.loads(line)
            where = f"{os.path.basename(path)} line {n}"
            try:
                doc = Doc(nlp.vocab).from_json(data, validate=True)
            except Exception as e:  # spaCy raises ValueError / AssertionError
                print(f"FAIL {where}: Doc.from_json refused it: {e!r}")
                failures += 1
                continue
            if doc.text != data["text"]:
                print(f"FAIL {where}: rebuilt text differs: {doc.text!r} != {data['text']!r}")
                failures += 1
            own = nlp(data["text"])
            for ent in data.get("ents", []):
                ents_checked += 1
                start, end, label = ent["start"], ent["end"], ent["label"]
                span = doc.char_span(start, end, label=label)
                expected = data["text"][start:end]
                if span is None:
                    print(f"FAIL {where}: char_span({start}, {end}) is None for {expected!r}")
                    failures += 1
                    continue
                if span.text != expected or ent.get("text", expected) != expected:
                    print(f"FAIL {where}: span text {span.text!r}, file says {ent.get('text')!r}")
                    failures += 1
                if own.char_span(start, end, label=label, alignment_mode="strict") is not None:
                    own_aligned += 1
            got = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            want = [(e["start"], e["end"], e["label"]) for e in data.get("ents", [])]
            if got != want:
                print(f"FAIL {where}: doc.ents {got} != {want}")
                failures += 1
    return failures, ents_checked, own_aligned


def main():
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError:
        print("SKIP: spaCy is not installed (pip install spacy); spaCy conformance not checked")
        return 0
    nlp = spacy.blank("en")
    args = sys.argv[1:]
    files = [a for i, a in enumerate(args) if a != "--prodigy" and (i == 0 or args[i - 1] != "--prodigy")]
    prodigy = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--prodigy"]
    if not args:
        files = [os.path.join(ROOT, "tests", "golden", "golden.spacy.jsonl"), convert_sample("spacy")]
        prodigy = [os.path.join(ROOT, "tests", "golden", "golden.prodigy.jsonl"), convert_sample("prodigy")]
    total_fail, total_ents, total_own = 0, 0, 0
    for path in files:
        f, e, o = check_file(path, nlp, Doc)
        total_fail, total_ents, total_own = total_fail + f, total_ents + e, total_own + o
    print(
        f"spaCy {spacy.__version__}: {total_ents} entities in {len(files)} file(s) checked; "
        f"{total_fail} failure(s); {total_own}/{total_ents} also align with spaCy's own "
        f"tokenizer (information only)"
    )
    prodigy_fail, prodigy_spans = 0, 0
    for path in prodigy:
        f, c = check_prodigy(path, nlp, Doc)
        prodigy_fail, prodigy_spans = prodigy_fail + f, prodigy_spans + c
    if prodigy:
        print(f"Prodigy tokens: {prodigy_spans} spans in {len(prodigy)} file(s) checked; "
              f"{prodigy_fail} failure(s)")
    return 1 if total_fail or prodigy_fail else 0


if __name__ == "__main__":
    sys.exit(main())
