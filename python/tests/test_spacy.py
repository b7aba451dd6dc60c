"""The spaCy component: nlp.add_pipe("spanlight") on a blank English pipeline sets doc.ents."""

import subprocess
import sys

import spacy

import spanlight
from conftest import ROOT, TEXTS
from spanlight.pipeline import SpanlightRecognizer


def ents(doc):
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def test_add_pipe_sets_doc_ents_from_the_recogniser():
    nlp = spacy.blank("en")
    nlp.add_pipe("spanlight")
    assert nlp.pipe_names == ["spanlight"]
    found = [spanlight.recognize(t) for t in TEXTS]
    assert sum(map(len, found)) > 50
    # On these texts spaCy's tokens agree with spanlight's edges: the entities are the spans.
    assert [ents(doc) for doc in nlp.pipe(TEXTS)] == found
    doc = nlp("Angela Merkel visited Paris on 3 May.")
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("Angela Merkel", "PERSON"), ("Paris", "PLACE")]


def test_a_span_inside_a_spacy_token_widens_to_the_token_and_overlaps_are_dropped():
    nlp = spacy.blank("en")
    component = SpanlightRecognizer()
    component._recognize = lambda text: [(0, 5, "PLACE"), (3, 8, "PERSON"), (15, 21, "PLACE")]
    doc = component(nlp("Parisian talks Geneva"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Parisian", "PLACE"), ("Geneva", "PLACE")]


def test_the_component_can_use_a_model_file():
    nlp = spacy.blank("en")
    nlp.add_pipe("spanlight", config={"model": str(ROOT / "data" / "model" / "names.bin")})
    assert [ents(d) for d in nlp.pipe(TEXTS)] == [spanlight.recognize(t) for t in TEXTS]


def test_spacy_finds_the_component_without_importing_spanlight_first(tmp_path):
    # Through the package's spacy_factories entry point, in a fresh interpreter.
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en'); nlp.add_pipe('spanlight')\n"
        "print([(e.text, e.label_) for e in nlp('Angela Merkel visited Paris.').ents])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "[('Angela Merkel', 'PERSON'), ('Paris', 'PLACE')]"
