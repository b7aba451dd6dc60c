"""The spaCy pipeline component: ``nlp.add_pipe("spanlight")`` sets ``doc.ents``.

spaCy finds it through the package's ``spacy_factories`` entry point, so importing spanlight
first is not needed.
"""

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from . import Model, recognize


class SpanlightRecognizer:
    """Replaces a document's entities with spanlight's PERSON, PLACE and NUMBER spans."""

    def __init__(self, model: Optional[str] = None):
        self._recognize = Model.load(model).recognize if model else recognize

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for start, end, label in self._recognize(doc.text):
            # spaCy's tokens can be coarser than spanlight's ("3-day"): widen to whole tokens.
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        doc.ents = filter_spans(ents)
        return doc


@Language.factory("spanlight", default_config={"model": None})
def make_spanlight(nlp: Language, name: str, model: Optional[str]) -> SpanlightRecognizer:
    """``model``: the path of a learned model file; the embedded model when ``None``."""
    return SpanlightRecognizer(model)
