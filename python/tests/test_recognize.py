"""recognize, recognize_batch, convert and Model against the CLI on the same input."""

import json
import threading
import time

import pytest

import spanlight
from conftest import ROOT, TEXTS, cli_spans, run_cli


def test_recognize_gives_what_the_cli_gives_in_python_string_offsets():
    expected = cli_spans(TEXTS)
    assert sum(map(len, expected)) > 50, "plenty of spans to compare"
    for text, want in zip(TEXTS, expected):
        got = spanlight.recognize(text)
        assert got == want
        for start, end, _ in got:
            # Code points are Python's own string offsets: slicing gives the span.
            assert text[start:end].strip() == text[start:end] and text[start:end]
    merkel = spanlight.recognize(TEXTS[2])[0]
    assert merkel == (4, 17, "PERSON") and TEXTS[2][4:17] == "Angela Merkel"


def test_recognize_batch_keeps_order_on_any_number_of_threads():
    texts = TEXTS * 20
    expected = [spanlight.recognize(t) for t in texts]
    for threads in (1, 2, 3, 64, None):
        assert spanlight.recognize_batch(texts, threads=threads) == expected
    assert spanlight.recognize_batch([]) == []


def test_recognize_batch_releases_the_gil():
    # While a long batch runs, another Python thread keeps running: it counts the whole time.
    texts = TEXTS * 400
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.01)
    before = ticks
    start = time.perf_counter()
    spanlight.recognize_batch(texts, threads=1)
    elapsed = time.perf_counter() - start
    during = ticks - before
    done.set()
    counter.join()
    assert during >= 2, f"the other thread ran only {during} times in {elapsed:.2f}s"


def test_convert_writes_what_the_cli_writes():
    lines = [json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(TEXTS) if t]
    tagged = run_cli(["tag"], "".join(lines))
    for to in ["spanlight", "spacy", "prodigy", "doccano", "label-studio", "conll"]:
        assert spanlight.convert(tagged, from_="spanlight", to=to) == run_cli(
            ["convert", "--from", "spanlight", "--to", to], tagged
        ), to


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: spanlight.convert("{}", from_="nope", to="spacy"), r'unknown format "nope" \(known: .*label-studio'),
        (lambda: spanlight.convert('{"text": "a"}\nnot json\n', from_="spanlight", to="spacy"), r"^line 2: "),
        (
            lambda: spanlight.convert(
                '{"text": "Kerry", "spans": [{"start": 0, "end": 3, "label": "PERSON", "text": "Kerry"}]}',
                from_="spanlight",
                to="spacy",
            ),
            r"^line 1: ",
        ),
        (lambda: spanlight.convert('{"text": "a"}', from_="spanlight", to="brat"), r"brat"),
        (lambda: spanlight.recognize("Kerry\ud800 flew."), r"surrogate"),
        (lambda: spanlight.recognize_batch(["a"], threads=0), r"threads must be at least 1"),
        (lambda: spanlight.Model.load(__file__), r"not a spanlight model file"),
    ],
)
def test_bad_input_raises_value_error_and_nothing_crashes(call, message):
    with pytest.raises(ValueError, match=message):
        call()
    assert spanlight.recognize(TEXTS[2])[0] == (4, 17, "PERSON"), "and it keeps working"


def test_a_missing_model_file_is_an_os_error():
    with pytest.raises(FileNotFoundError):
        spanlight.Model.load(ROOT / "no-such-model.bin")


def test_a_loaded_model_recognises_as_the_embedded_one_when_it_is_the_same_file():
    model = spanlight.Model.load(ROOT / "data" / "model" / "names.bin")
    assert [model.recognize(t) for t in TEXTS] == [spanlight.recognize(t) for t in TEXTS]
    assert model.recognize_batch(TEXTS, threads=2) == [spanlight.recognize(t) for t in TEXTS]


def test_version():
    assert spanlight.__version__ == "0.1.0"
