"""Dyads over time: how much two states cooperate or clash, period by period.

From the coded events: each non-negated event between actors of two different
countries counts for their (unordered) pair, as cooperation (quad classes 1–2,
verbal and material) or conflict (3–4), with its Goldstein score summed. The
period is the event's own date, else its article's, to the month when known and
to the year otherwise; undated events are counted under `None`.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from . import dates
from .sql import kept_events, rows


def dyad_timeline(store_or_conn: Any, *, top: int = 6) -> list[dict[str, Any]]:
    """The `top` busiest country pairs, each with its counts per period, oldest first."""
    conn: sqlite3.Connection = getattr(store_or_conn, "connection", store_or_conn)
    events = rows(
        conn,
        "SELECT e.source_country, e.target_country, e.quad_class, e.goldstein, "
        "COALESCE(e.date, a.date) AS date FROM events AS e JOIN articles AS a USING (article_id) "
        f"WHERE {kept_events('e')} AND e.source_country IS NOT NULL AND e.target_country IS NOT NULL "
        "AND e.source_country != e.target_country",
    )
    table: dict[tuple[str, str], dict[str | None, dict[str, float]]] = defaultdict(dict)
    for e in events:
        pair = tuple(sorted((e["source_country"], e["target_country"])))
        cell = table[pair].setdefault(dates.period(e["date"]), {"cooperation": 0, "conflict": 0, "goldstein": 0.0})  # type: ignore[index]
        quad = e["quad_class"]
        if quad in (1, 2):
            cell["cooperation"] += 1
        elif quad in (3, 4):
            cell["conflict"] += 1
        cell["goldstein"] += e["goldstein"] or 0.0
    ranked = sorted(table.items(), key=lambda item: (-sum(c["cooperation"] + c["conflict"] for c in item[1].values()), item[0]))
    out = []
    for pair, periods in ranked[:top]:
        ordered = sorted(periods.items(), key=lambda item: dates.sort_key(item[0]))
        out.append({
            "dyad": list(pair),
            "periods": [{"period": p, **{k: round(v, 2) for k, v in c.items()}} for p, c in ordered],
            "cooperation": sum(c["cooperation"] for c in periods.values()),
            "conflict": sum(c["conflict"] for c in periods.values()),
        })
    return out
