"""The one-call Python API: `newsgraph.analyze`."""

from __future__ import annotations

import os
from collections.abc import Sequence

from newsgraph.ingest.options import IngestOptions
from newsgraph.pipeline.runner import RunSummary, run
from newsgraph.store import open_store


def analyze(
    paths: str | os.PathLike | Sequence[str | os.PathLike],
    store: str | os.PathLike | None = None,
    *,
    format: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    workers: int | None = None,
    batch_size: int = 25,
) -> RunSummary:
    """Ingest, analyse and store articles, as `newsgraph analyze` does; returns the summary."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = IngestOptions(format=format, outlet=outlet, date=date)
    with open_store(store) as st:
        return run([os.fspath(p) for p in paths], st, options=options, workers=workers, batch_size=batch_size)
