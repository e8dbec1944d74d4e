"""The per-article unit of work: clean Article in, records out.

Pure given the model, so the same function runs in-process, in a local process
pool, or on a Ray cluster worker. Worker processes keep one model for their life.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.errors import Errors
from newsgraph.extract import Extractor
from newsgraph.nlp import load_pipeline
from newsgraph.nlp.pieces import is_long, parse_pieces
from newsgraph.pipeline.pieces import merge
from newsgraph.records import Article, ArticleRecords, InputError

Result = ArticleRecords | InputError


def analyze_batch(articles: Sequence[Article], nlp, extract: Extractor, *, batch_size: int = 25) -> list[Result]:
    """Parse a batch with `nlp.pipe` and extract records from each article.

    If the batch fails as a whole, it is retried article by article so one bad
    article costs only itself. A text too long to parse whole is analysed on its own,
    in pieces (`pipeline.pieces`), with its offsets into the whole text.
    """
    results: list[Result | None] = [None] * len(articles)
    short = [i for i, a in enumerate(articles) if not is_long(nlp, a.text)]
    try:
        docs = nlp.pipe((articles[i].text for i in short), batch_size=batch_size)
        for i, doc in zip(short, docs, strict=True):
            results[i] = extract(articles[i], doc)
    except Exception:
        results = [None] * len(articles)
    return [r if r is not None else _analyze_one(a, nlp, extract) for a, r in zip(articles, results)]


def _analyze_one(article: Article, nlp, extract: Extractor) -> Result:
    try:
        if is_long(nlp, article.text):
            return merge(article, ((offset, extract(article, doc)) for offset, doc in parse_pieces(nlp, article.text)))
        return extract(article, nlp(article.text))
    except Exception as exc:
        return InputError(article.path, article.line, "E302", Errors.E302.format(reason=f"{type(exc).__name__}: {exc}"))


# --- worker-process side -------------------------------------------------------

_worker: tuple | None = None


def init_worker(model: str) -> None:
    """Process-pool initialiser: load the model and knowledge once for this worker's life."""
    import os

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    global _worker
    _worker = (load_pipeline(model), Extractor())


def worker_analyze(articles: Sequence[Article], batch_size: int) -> list[Result]:
    nlp, extract = _worker
    return analyze_batch(articles, nlp, extract, batch_size=batch_size)
