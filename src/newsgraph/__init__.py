"""newsgraph: news articles in; actors, events, quotes and framing out.

The public API is small and explicit:

    analyze(paths, store=None, **options) -> RunSummary   run the whole job
    open_store(path=None, readonly=False) -> Store        read (or write) a store
    iter_articles(paths, options) -> Article | InputError  ingest only, no NLP
    events(store, source=, target=, since=, ...) -> rows   coded events (a DataFrame with pandas)
    compare(actor, store) -> dict                          one actor, outlet by outlet
    stories(store) -> dict                                 stories and threads with their evidence
    report(out, store) -> Path                             the self-contained HTML report
    records: Article, RemovedLine, Sentence, InputError, ArticleRecords, Actor

Names are imported lazily so `import newsgraph` (and `newsgraph --help`) stays fast.
"""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_LAZY = {
    "analyze": "newsgraph.api",
    "events": "newsgraph.api",
    "compare": "newsgraph.api",
    "stories": "newsgraph.api",
    "report": "newsgraph.api",
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
    from newsgraph.api import analyze, compare, events, report, stories
    from newsgraph.errors import NewsgraphError
    from newsgraph.ingest import iter_articles
    from newsgraph.ingest.options import IngestOptions
    from newsgraph.pipeline.runner import RunSummary
    from newsgraph.records import Actor, Article, ArticleRecords, InputError, RemovedLine, Sentence
    from newsgraph.store import open_store


class _CallableModule(types.ModuleType):
    """A subpackage that is also the API function of its name: `newsgraph.report` is the
    report package and `newsgraph.report(out, store)` writes a report. (Importing a
    subpackage sets the parent's attribute to it, so the function could not keep the name.)"""

    def __call__(self, *args, **kwargs):
        from newsgraph import api

        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


def _callable_package(module: types.ModuleType) -> None:
    """Make a subpackage callable as the API function of its name (see `_CallableModule`)."""
    if not isinstance(module, _CallableModule):
        module.__class__ = _CallableModule


def __getattr__(name: str):
    if name == "report":
        module = importlib.import_module("newsgraph.report")
        _callable_package(module)
        return module
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API (lazy names included) and the module's own dunders."""
    return sorted(set(__all__) | {name for name in globals() if name.startswith("__")})
