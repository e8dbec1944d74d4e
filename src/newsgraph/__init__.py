"""newsgraph: news articles in; actors, events, quotes and framing out.

The public API is small and explicit:

    analyze(paths, store=None, **options) -> RunSummary   run the whole job
    open_store(path=None, readonly=False) -> Store        read (or write) a store
    iter_articles(paths, options) -> Article | InputError  ingest only, no NLP
    records: Article, RemovedLine, Sentence, InputError, ArticleRecords, Actor

Names are imported lazily so `import newsgraph` (and `newsgraph --help`) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_LAZY = {
    "analyze": "newsgraph.api",
    "open_store": "newsgraph.store",
    "iter_articles": "newsgraph.ingest",
    "IngestOptions": "newsgraph.ingest.options",
    "RunSummary": "newsgraph.pipeline.runner",
    "Article": "newsgraph.records",
    "RemovedLine": "newsgraph.records",
    "Sentence": "newsgraph.records",
    "InputError": "newsgraph.records",
    "ArticleRecords": "newsgraph.records",
    "Actor": "newsgraph.records",
    "NewsgraphError": "newsgraph.errors",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.api import analyze
    from newsgraph.errors import NewsgraphError
    from newsgraph.ingest import iter_articles
    from newsgraph.ingest.options import IngestOptions
    from newsgraph.pipeline.runner import RunSummary
    from newsgraph.records import Actor, Article, ArticleRecords, InputError, RemovedLine, Sentence
    from newsgraph.store import open_store


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
