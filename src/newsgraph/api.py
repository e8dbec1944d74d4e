"""The one-call Python API: `newsgraph.analyze`."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


# ---------------------------------------------------------------- notebook API (issue 15)

_COUNTRY = re.compile(r"^[A-Z]{3}$")


@contextlib.contextmanager
def _reading(store):
    """An open store from a path (read-only), an open `Store`, or None (the default path)."""
    if store is not None and hasattr(store, "connection"):
        yield store
        return
    with open_store(store, readonly=True) as st:
        yield st


def compare(actor: str, store=None) -> dict[str, Any]:
    """How each outlet names, judges and quotes one actor (as `newsgraph compare --json`)."""
    from newsgraph.analysis import compare_actor

    with _reading(store) as st:
        return compare_actor(st, actor)


def stories(store=None) -> dict[str, Any]:
    """Stories and threads of a store with their evidence (as `newsgraph stories --json`)."""
    from newsgraph.analysis import find_stories

    with _reading(store) as st:
        return find_stories(st)


def report(out: str | os.PathLike = "report.html", store=None, *, force: bool = False) -> Path:
    """Write the self-contained HTML report of a store to `out` (an existing file only
    with `force`, as `newsgraph report --force`); returns its path."""
    from newsgraph.report import write_report

    with _reading(store) as st:
        write_report(st, out, force=force)
    return Path(out)


def _side(conn, role: str, who: str | None) -> tuple[str, list[Any]]:
    """The condition for one side of an event: a country code (every actor of it), an
    actor id, or a name (found as `compare` finds actors)."""
    if who is None:
        return "", []
    if _COUNTRY.match(who):
        return f"e.{role}_country = ?", [who]
    if conn.execute("SELECT 1 FROM actors WHERE actor_id = ?", (who,)).fetchone() is None:
        from newsgraph.analysis import find_actor

        who = find_actor(conn, who)["actor_id"]
    return f"e.{role}_id = ?", [who]


def events(
    store=None,
    *,
    source: str | None = None,
    target: str | None = None,
    since: str | None = None,
    until: str | None = None,
    plover: str | None = None,
    min_confidence: float | None = None,
    dataframe: bool | None = None,
):
    """Coded events, filtered: by `source` and `target` (an actor id or name, or a country
    code for every actor of that country), by date (`since`/`until`, ISO, inclusive, on
    the event's date or else its article's), by PLOVER type.

    Events count as the analyses count them (not negated, at or above the model's
    threshold) unless `min_confidence` sets another floor. Returns a pandas DataFrame
    when pandas is installed (`dataframe=False` forces a list of dicts), else the rows.
    """
    from newsgraph.analysis.sql import kept_events, rows

    with _reading(store) as st:
        conn = st.connection
        where: list[str] = []
        params: list[Any] = []
        if min_confidence is None:
            where.append(kept_events("e"))
        else:
            where.append("e.negated = 0 AND (e.confidence IS NULL OR e.confidence >= ?)")
            params.append(float(min_confidence))
        for role, who in (("source", source), ("target", target)):
            cond, args = _side(conn, role, who)
            if cond:
                where.append(cond)
                params += args
        date = "COALESCE(e.date, a.date)"
        if since:
            where.append(f"{date} GLOB '[0-9]*' AND {date} >= ?")
            params.append(since)
        if until:
            where.append(f"{date} GLOB '[0-9]*' AND substr({date}, 1, ?) <= ?")
            params += [len(until), until]
        if plover:
            where.append("e.plover = ?")
            params.append(plover.upper())
        found = rows(
            conn,
            "SELECT e.article_id || '-' || e.idx AS event_id, e.article_id, e.idx, "
            f"{date} AS date, a.outlet, a.title, e.source_id, e.source_name, e.source_country, e.source_sector, "
            "e.target_id, e.target_name, e.target_country, e.target_sector, e.trigger, e.plover, e.mode, e.cameo, "
            "e.quad_class, e.goldstein, e.status, e.confidence, "
            "substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence "
            "FROM events AS e JOIN articles AS a USING (article_id) "
            f"WHERE {' AND '.join(f'({w})' for w in where)} ORDER BY date, e.article_id, e.idx",
            params,
        )
    if dataframe is False:
        return found
    try:
        import pandas
    except ImportError:
        if dataframe:
            raise
        return found
    return pandas.DataFrame(found, columns=list(found[0]) if found else None)
