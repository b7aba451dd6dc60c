"""spanlight: people, places and numbers in text, with the same Rust core and model as the app.

Offsets are Python string offsets (code points), end exclusive::

    >>> import spanlight
    >>> spanlight.recognize("Angela Merkel visited Paris.")
    [(0, 13, 'PERSON'), (22, 27, 'PLACE')]

``recognize_batch(texts, threads=N)`` runs without the GIL on every core; ``convert`` turns one
export format into another; ``Model.load(path)`` reads a learned model. ``nlp.add_pipe("spanlight")``
adds the recogniser to a spaCy pipeline (see ``spanlight.pipeline``), and ``spanlight.batch``
tags JSONL lines as ``spanlight tag`` does, for Dask and other batch engines.
"""

from ._spanlight import VERSION, Model, convert, recognize, recognize_batch

__version__ = VERSION
__all__ = ["Model", "convert", "recognize", "recognize_batch", "__version__"]
