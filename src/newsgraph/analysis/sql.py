"""Small helpers for the analysis SQL: rows as dicts, and tables that may not exist yet.

Analysis reads stores written by several versions of newsgraph; a table added by a
later schema step (labels, tones) is simply absent from an older store, and the
analyses that use it then report nothing for it instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any


def rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """The rows of a query as dicts keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the store has the table (older stores lack the later ones)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone()
    return found is not None


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """The column names of a table (empty when the table is absent)."""
    return {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}


def json_list(value: Any) -> list[Any]:
    """A JSON list column decoded (tolerating NULL and already-decoded values)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    try:
        decoded = json.loads(value)
    except (TypeError, ValueError):
        return []
    return decoded if isinstance(decoded, list) else []


def source_of(article: dict[str, Any]) -> str:
    """Who published an article, for grouping: its outlet, or the article itself.

    The outlet is never guessed (see `analyze --outlet`); articles without one are
    not lumped together as one unknown outlet but each shown on its own.
    """
    if article.get("outlet"):
        return str(article["outlet"])
    return f"article {article['article_id'][:8]}"


_POLARITY = {"negative": -1, "positive": 1, "neutral": 0, "-1": -1, "1": 1, "0": 0}


def polarity(value: Any) -> int | None:
    """A label's polarity as -1/0/1 whether the store spells it as a word or a number."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return (value > 0) - (value < 0)
    return _POLARITY.get(str(value).strip().casefold())


def kept_events(alias: str = "") -> str:
    """The SQL condition for events an analysis counts: not negated, and coded with at
    least the model's threshold of confidence (rows from before the model have none)."""
    from newsgraph.extract.events.model import default_threshold

    p = f"{alias}." if alias else ""
    return f"({p}negated = 0 AND ({p}confidence IS NULL OR {p}confidence >= {default_threshold():.4f}))"
