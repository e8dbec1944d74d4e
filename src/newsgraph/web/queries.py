"""The workbench's questions to the store, one small named function each.

Every function takes an open `sqlite3.Connection` (Datasette's read-only one, or a
`Store`'s) and returns plain data — dicts, lists, numbers — that the HTML page and its
JSON twin both show. Events count as the analyses count them (`analysis.sql.kept_events`:
not negated, at or above the model's confidence threshold) unless a page is asked for
a lower floor. Highlights are offsets, never markup: the template escapes the text and
marks the spans, so a stored `<script>` stays text.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from typing import Any

from ..analysis.dyads import dyad_timeline
from ..analysis.sql import has_table, json_list, kept_events, rows, source_of

TOP = 20
PAGE = 50
# A side of a dyad or a filter given as three capitals is a country: every actor of it.
_COUNTRY = re.compile(r"^[A-Z]{3}$")
# Sides of the spectrum in AllSides' `bias_text`; "mixed" and "center" are neither side.
LEFT = frozenset({"left", "lean left"})
RIGHT = frozenset({"right", "lean right"})
CONFIDENCE_BUCKETS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))

def period_sql(expr: str) -> str:
    """SQL for the month (`YYYY-MM`) of a date, its year when that is all it says, else NULL.

    A date that is an EDTF interval (`2019-03-02/2019-04-16`, `../2019-01-29`, `2017-01/..`)
    has a month only when both ends fall in it; an unknown year (`XXXX-07-29`) has none.
    Such dates are counted apart from the time axis, never drawn on a month they may miss.
    """
    d = f"({expr})"
    month = "[0-9][0-9][0-9][0-9]-[0-9][0-9]"
    return (
        f"CASE WHEN instr({d}, '/') = 0 AND {d} GLOB '{month}*' THEN substr({d}, 1, 7) "
        f"WHEN instr({d}, '/') = 0 AND {d} GLOB '[0-9][0-9][0-9][0-9]' THEN {d} "
        f"WHEN {d} GLOB '{month}*/{month}*' AND substr({d}, 1, 7) = substr({d}, instr({d}, '/') + 1, 7) "
        f"THEN substr({d}, 1, 7) END"
    )


def period_of(date: str | None) -> str | None:
    """The same as `period_sql`, in Python."""
    if not date:
        return None
    if "/" in date:
        a, _, b = date.partition("/")
        return a[:7] if re.match(r"^\d{4}-\d{2}", a) and a[:7] == b[:7] else None
    if re.match(r"^\d{4}-\d{2}", date):
        return date[:7]
    return date if re.match(r"^\d{4}$", date) else None


EVENT_COLUMNS = (
    "e.article_id || '-' || e.idx AS event_id, e.article_id, e.idx, e.sentence, "
    "COALESCE(e.date, a.date) AS date, a.outlet, a.title, "
    "e.source_id, e.source_name, e.source_country, e.source_sector, "
    "e.target_id, e.target_name, e.target_country, e.target_sector, "
    "e.trigger, e.plover, e.mode, e.cameo, e.quad_class, e.goldstein, e.status, e.negated, e.confidence, "
    "e.evidence_start, e.evidence_end, "
    "substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence"
)
MONTHLY = (
    f"{period_sql('COALESCE(e.date, a.date)')} AS period, "
    "sum(e.quad_class IN (1, 2)) AS cooperation, sum(e.quad_class IN (3, 4)) AS conflict, "
    "round(sum(COALESCE(e.goldstein, 0)), 2) AS goldstein, count(*) AS events"
)


def is_country(key: str | None) -> bool:
    return bool(key and _COUNTRY.match(key))


def fingerprint(conn: sqlite3.Connection) -> tuple[int, int]:
    """What identifies the store's content cheaply: articles are only ever added whole."""
    n, last = conn.execute("SELECT count(*), COALESCE(max(rowid), 0) FROM articles").fetchone()
    return int(n), int(last)


# ------------------------------------------------------------------ home


def counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """How much the store holds; events are the kept ones (and all candidates beside)."""
    one = lambda sql: conn.execute(sql).fetchone()[0]
    out = {
        "articles": one("SELECT count(*) FROM articles"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM articles"),
        "sentences": one("SELECT count(*) FROM sentences"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "actors": one("SELECT count(*) FROM actors"),
        "events": one(f"SELECT count(*) FROM events WHERE {kept_events()}"),
        "event_candidates": one("SELECT count(*) FROM events"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "labels": one("SELECT count(*) FROM labels") if has_table(conn, "labels") else 0,
    }
    first, last = conn.execute(
        "SELECT min(date), max(date) FROM articles WHERE date GLOB '[0-9][0-9][0-9][0-9]*' AND instr(date, '/') = 0"
    ).fetchone()
    out["first_date"], out["last_date"] = first, last
    return out


def articles_by_month(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Articles per period (`YYYY-MM`, a year alone, or None when undated)."""
    return rows(
        conn,
        f"SELECT {period_sql('date')} AS period, count(*) AS articles FROM articles GROUP BY period ORDER BY period",
    )


def top_actors(conn: sqlite3.Connection, limit: int = TOP) -> list[dict[str, Any]]:
    """The most mentioned actors (role words and places left out)."""
    # counted on mentions alone, named afterwards (a join inside the grouping costs twice as much)
    return rows(
        conn,
        "SELECT t.actor_id, a.name, a.country, a.sector, t.mentions, t.articles FROM ("
        "SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions "
        "WHERE kind != 'location' AND actor_id NOT LIKE 'role-%' GROUP BY actor_id ORDER BY mentions DESC LIMIT ?"
        ") AS t JOIN actors AS a USING (actor_id) ORDER BY t.mentions DESC, a.name LIMIT ?",
        (2 * limit, limit),
    )


def top_dyads(conn: sqlite3.Connection, limit: int = 12) -> list[dict[str, Any]]:
    """The busiest pairs of countries (`analysis.dyad_timeline`), with their totals."""
    return [
        {"dyad": d["dyad"], "cooperation": d["cooperation"], "conflict": d["conflict"],
         "events": d["cooperation"] + d["conflict"],
         "goldstein": round(sum(p["goldstein"] for p in d["periods"]), 2)}
        for d in dyad_timeline(conn, top=limit)
    ]


def outlets(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Each outlet with its articles, dates and AllSides rating (`bias_text`) when the input had one."""
    return rows(
        conn,
        "SELECT outlet, count(*) AS articles, min(date) AS first_date, max(date) AS last_date, "
        "max(CASE WHEN json_valid(meta) THEN json_extract(meta, '$.bias_text') END) AS bias_text "
        "FROM articles GROUP BY outlet ORDER BY articles DESC, outlet",
    )


def home(conn: sqlite3.Connection) -> dict[str, Any]:
    return {
        "counts": counts(conn),
        "articles_by_month": articles_by_month(conn),
        "top_actors": top_actors(conn),
        "top_dyads": top_dyads(conn),
        "outlets": outlets(conn),
    }


# ------------------------------------------------------------------ events


def _side(prefix: str, key: str) -> tuple[str, str]:
    """The condition for one side of an event: an actor by id, or a country (every actor of it)."""
    column = f"e.{prefix}_country" if is_country(key) else f"e.{prefix}_id"
    return f"{column} = ?", key


def _floor(min_confidence: float | None) -> tuple[str, list[Any]]:
    """Kept events (the analyses' rule), or every non-negated candidate above a chosen floor."""
    if min_confidence is None:
        return kept_events("e"), []
    return "(e.negated = 0 AND (e.confidence IS NULL OR e.confidence >= ?))", [float(min_confidence)]


def monthly(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """Cooperation (quad classes 1–2), conflict (3–4) and Goldstein summed, per period."""
    return rows(
        conn,
        f"SELECT {MONTHLY} FROM events AS e JOIN articles AS a USING (article_id) WHERE {where} "
        "GROUP BY period ORDER BY period",
        params,
    )


def event_rows(conn: sqlite3.Connection, where: str, params: list[Any], *, limit: int = PAGE,
               offset: int = 0, order: str = "date DESC, e.article_id, e.idx") -> list[dict[str, Any]]:
    """Events with their evidence sentence and the spans to highlight in it."""
    found = rows(
        conn,
        f"SELECT {EVENT_COLUMNS} FROM events AS e JOIN articles AS a USING (article_id) WHERE {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )
    for e in found:
        e["source"] = source_of(e)
        e["marks"] = evidence_marks(conn, e)
    return found


def evidence_marks(conn: sqlite3.Connection, event: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans of the evidence sentence to highlight: the source, the target and the trigger.

    Offsets are relative to the evidence text. The actors are their mentions in the
    sentence; the trigger is its first whole-word occurrence (a lemma's inflections too).
    """
    base, text = event["evidence_start"], event.get("evidence") or ""
    marks: list[dict[str, Any]] = []
    wanted = {event["source_id"]: "source", event.get("target_id"): "target"}
    for m in conn.execute(
        'SELECT start, "end", actor_id FROM mentions WHERE article_id = ? AND sentence = ? ORDER BY start',
        (event["article_id"], event["sentence"]),
    ):
        kind = wanted.get(m[2])
        if kind and base <= m[0] < m[1] <= base + len(text):
            marks.append({"start": m[0] - base, "end": m[1] - base, "kind": kind})
    trigger = (event.get("trigger") or "").strip()
    if trigger:
        found = re.search(r"\b" + re.escape(trigger) + r"\w*", text, re.IGNORECASE)
        if found:
            marks.append({"start": found.start(), "end": found.end(), "kind": "trigger"})
    return _non_overlapping(marks)


def _non_overlapping(marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in sorted(marks, key=lambda m: (m["start"], -m["end"])):
        if out and m["start"] < out[-1]["end"]:
            continue
        out.append(m)
    return out


# The event browser's filters: name -> (SQL condition with one parameter).
FILTERS = {
    "plover": "e.plover = ?",
    "quad_class": "e.quad_class = ?",
    "status": "e.status = ?",
    "outlet": "a.outlet = ?",
    "date": f"{period_sql('COALESCE(e.date, a.date)')} LIKE ? || '%'",
    "source": None,  # an actor id or a country: see _side
    "target": None,
    "actor": None,  # either side
    "country": "(e.source_country = ? OR e.target_country = ?)",
}
FACETS = ("plover", "quad_class", "country", "actor", "outlet", "date", "status", "confidence")


def browse_where(filters: dict[str, str], min_confidence: float | None) -> tuple[str, list[Any]]:
    """The WHERE of the event browser for the given filters (each value a parameter)."""
    where, params = _floor(min_confidence)
    parts, args = [where], list(params)
    for name, value in filters.items():
        if value in (None, "") or name not in FILTERS:
            continue
        if name in ("source", "target"):
            cond, v = _side(name, value)
            parts.append(cond)
            args.append(v)
        elif name == "actor":
            if is_country(value):
                parts.append("(e.source_country = ? OR e.target_country = ?)")
            else:
                parts.append("(e.source_id = ? OR e.target_id = ?)")
            args += [value, value]
        elif name == "country":
            parts.append(FILTERS[name])
            args += [value, value]
        elif name == "quad_class":
            parts.append(FILTERS[name])
            args.append(int(value) if str(value).isdigit() else -1)
        else:
            parts.append(FILTERS[name])
            args.append(value)
    return " AND ".join(f"({p})" for p in parts), args


def _facets(selected: list[dict[str, Any]], filters: dict[str, str], limit: int = 15) -> dict[str, list[dict[str, Any]]]:
    """Counts of each facet's values among the selected events (as Datasette's facets count)."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    names: dict[str, str] = {}
    by_month = bool(filters.get("date"))
    for e in selected:
        counts["plover"][e["plover"]] += 1
        counts["quad_class"][e["quad_class"]] += 1
        counts["status"][e["status"]] += 1
        counts["outlet"][e["outlet"]] += 1
        period = e["period"]
        counts["date"][period if by_month or period is None else period[:4]] += 1
        for c in {e["source_country"], e["target_country"]} - {None}:
            counts["country"][c] += 1
        names[e["source_id"]] = e["source_name"] or e["source_id"]
        counts["actor"][e["source_id"]] += 1
        if e["target_id"] and e["target_id"] != e["source_id"]:
            names[e["target_id"]] = e["target_name"] or e["target_id"]
            counts["actor"][e["target_id"]] += 1
        c = e["confidence"]
        for lo, hi in CONFIDENCE_BUCKETS:
            if c is not None and lo <= c < hi:
                counts["confidence"][f"{lo:.1f}"] += 1
    out: dict[str, list[dict[str, Any]]] = {}
    for name, counter in counts.items():
        if name == "confidence":
            out[name] = [{"value": f"{lo:.1f}", "label": f"{lo:.1f}–{min(hi, 1.0):.1f}", "count": counter[f"{lo:.1f}"]}
                         for lo, hi in CONFIDENCE_BUCKETS if counter[f"{lo:.1f}"]]
            continue
        if name == "date":  # newest first, undated last
            ordered = sorted(((v, n) for v, n in counter.items() if v is not None), reverse=True)
            ordered += [(None, counter[None])] if None in counter else []
            if by_month:
                ordered = [(v, n) for v, n in ordered if v is None or v.startswith(filters["date"])]
            ordered = ordered[:60]
        else:
            ordered = sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
        out[name] = [{"value": v, "label": names.get(v, v) if name == "actor" else _facet_label(name, v), "count": n}
                     for v, n in ordered]
    return out


def _monthly_of(selected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cooperation, conflict and Goldstein per period of the selected events (as `monthly`)."""
    cells: dict[Any, dict[str, Any]] = {}
    for e in selected:
        cell = cells.setdefault(e["period"], {"period": e["period"], "cooperation": 0, "conflict": 0,
                                              "goldstein": 0.0, "events": 0})
        cell["cooperation"] += e["quad_class"] in (1, 2)
        cell["conflict"] += e["quad_class"] in (3, 4)
        cell["goldstein"] += e["goldstein"] or 0.0
        cell["events"] += 1
    for cell in cells.values():
        cell["goldstein"] = round(cell["goldstein"], 2)
    return sorted(cells.values(), key=lambda c: (c["period"] is not None, c["period"] or ""))


QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _facet_label(name: str, value: Any) -> str:
    if value is None:
        return "(none)" if name != "date" else "undated"
    if name == "quad_class":
        return f"{value} {QUAD_CLASSES.get(value, '')}".strip()
    return str(value)


def browse(conn: sqlite3.Connection, filters: dict[str, str], *, min_confidence: float | None = None,
           page: int = 1) -> dict[str, Any]:
    """The event browser: the filtered events (a page of them), their months, and the facets.

    One pass reads the few columns facets and months need for every selected event; the
    page of events with their evidence is a second, limited query.
    """
    where, params = browse_where(filters, min_confidence)
    selected = rows(
        conn,
        f"SELECT e.plover, e.quad_class, e.status, a.outlet, {period_sql('COALESCE(e.date, a.date)')} AS period, "
        "e.source_country, e.target_country, e.source_id, e.source_name, e.target_id, e.target_name, "
        "e.confidence, e.goldstein FROM events AS e JOIN articles AS a USING (article_id) "
        f"WHERE {where}",
        params,
    )
    total = len(selected)
    page = max(1, page)
    return {
        "filters": {k: v for k, v in filters.items() if v not in (None, "")},
        "min_confidence": min_confidence,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE)),
        "events": event_rows(conn, where, params, offset=(page - 1) * PAGE),
        "monthly": _monthly_of(selected),
        "facets": _facets(selected, filters),
    }


# ------------------------------------------------------------------ actor


def actor_row(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    found = rows(conn, "SELECT actor_id, name, country, sector, wikidata, aliases FROM actors WHERE actor_id = ?",
                 (actor_id,))
    if not found:
        return None
    actor = found[0]
    actor["aliases"] = json_list(actor["aliases"])
    return actor


def offices(actor_id: str) -> list[dict[str, Any]]:
    """The offices the knowledge base knows the person held, with dates, latest first."""
    from ..knowledge import default

    person = default().person(actor_id)
    if person is None:
        return []
    return [
        {"title": o.title, "role": o.role, "country": o.country, "sector": o.sector, "start": o.start,
         "end": o.end, "source": o.source}
        for o in sorted(person.offices, key=lambda o: o.start or "", reverse=True)
    ]


def knowledge_wikidata(actor_id: str) -> str | None:
    from ..knowledge import default

    person = default().person(actor_id)
    return person.wikidata if person else None


def partners(conn: sqlite3.Connection, key: str, limit: int = TOP) -> list[dict[str, Any]]:
    """Who the actor (or country) acts toward and is acted on by, with cooperation and conflict."""
    kept = kept_events("e")
    if is_country(key):
        sql = (
            "SELECT other, max(name) AS name, sum(role = 'source') AS as_source, sum(role = 'target') AS as_target, "
            "sum(quad_class IN (1, 2)) AS cooperation, sum(quad_class IN (3, 4)) AS conflict, count(*) AS events FROM ("
            f"SELECT e.target_country AS other, e.target_country AS name, 'source' AS role, e.quad_class FROM events AS e "
            f"WHERE e.source_country = ? AND e.target_country IS NOT NULL AND e.target_country != ? AND {kept} "
            f"UNION ALL SELECT e.source_country, e.source_country, 'target', e.quad_class FROM events AS e "
            f"WHERE e.target_country = ? AND e.source_country IS NOT NULL AND e.source_country != ? AND {kept}) "
            "GROUP BY other ORDER BY events DESC, other LIMIT ?"
        )
        params: list[Any] = [key, key, key, key, limit]
    else:
        sql = (
            "SELECT other, max(name) AS name, sum(role = 'source') AS as_source, sum(role = 'target') AS as_target, "
            "sum(quad_class IN (1, 2)) AS cooperation, sum(quad_class IN (3, 4)) AS conflict, count(*) AS events FROM ("
            f"SELECT e.target_id AS other, e.target_name AS name, 'source' AS role, e.quad_class FROM events AS e "
            f"WHERE e.source_id = ? AND e.target_id IS NOT NULL AND e.target_id != ? AND {kept} "
            f"UNION ALL SELECT e.source_id, e.source_name, 'target', e.quad_class FROM events AS e "
            f"WHERE e.target_id = ? AND e.source_id != ? AND {kept}) "
            "GROUP BY other ORDER BY events DESC, other LIMIT ?"
        )
        params = [key, key, key, key, limit]
    return rows(conn, sql, params)


QUOTE_COLUMNS = ("q.article_id, q.idx, q.sentence, q.text, q.kind, q.cue, q.speaker_id, "
                 "COALESCE(q.speaker_name, q.speaker_text) AS speaker, a.outlet, a.date, a.title")


def quotes_by(conn: sqlite3.Connection, actor_id: str, limit: int = TOP) -> dict[str, Any]:
    total = conn.execute("SELECT count(*) FROM quotes WHERE speaker_id = ?", (actor_id,)).fetchone()[0]
    found = rows(conn, f"SELECT {QUOTE_COLUMNS} FROM quotes AS q JOIN articles AS a USING (article_id) "
                       "WHERE q.speaker_id = ? ORDER BY a.date DESC, q.article_id, q.idx LIMIT ?", (actor_id, limit))
    return {"total": total, "quotes": _sourced(found)}


def quotes_about(conn: sqlite3.Connection, actor_id: str, limit: int = TOP) -> dict[str, Any]:
    """Quotes that mention the actor (its id in the quote's `about`), by anyone else."""
    cond = ("q.about LIKE ? AND EXISTS (SELECT 1 FROM json_each(q.about) WHERE value = ?) "
            "AND (q.speaker_id IS NULL OR q.speaker_id != ?)")
    params = [f'%"{actor_id}"%', actor_id, actor_id]  # LIKE narrows cheaply; json_each decides
    total = conn.execute(f"SELECT count(*) FROM quotes AS q WHERE {cond}", params).fetchone()[0]
    found = rows(conn, f"SELECT {QUOTE_COLUMNS} FROM quotes AS q JOIN articles AS a USING (article_id) "
                       f"WHERE {cond} ORDER BY a.date DESC, q.article_id, q.idx LIMIT ?", [*params, limit])
    return {"total": total, "quotes": _sourced(found)}


def _sourced(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in found:
        r["source"] = source_of(r)
    return found


def framing_by_outlet(conn: sqlite3.Connection, actor_id: str, *, labels_per_outlet: int = 30) -> list[dict[str, Any]]:
    """Outlet by outlet (`sql.source_of`): mentions of the actor, the labels hung on it with
    their count, kind and voice, the tone toward it per voice (weighted by mentions), and
    how often it is quoted. The figures `newsgraph compare` gives, read through the
    actor's indexes only (compare reads every quote of the store: too slow for a page)."""
    groups: dict[str, dict[str, Any]] = {}

    def group(row: dict[str, Any]) -> dict[str, Any]:
        key = source_of(row)
        return groups.setdefault(key, {"outlet": key, "articles": 0, "mentions": 0, "labels": {}, "tone": {},
                                       "quoted": 0})

    # grouped in SQL as `source_of` groups: by outlet, an article without one on its own
    for r in rows(conn, "SELECT min(m.article_id) AS article_id, a.outlet, count(*) AS n, "
                        "count(DISTINCT m.article_id) AS articles FROM mentions AS m JOIN articles AS a "
                        "USING (article_id) WHERE m.actor_id = ? "
                        "GROUP BY COALESCE(a.outlet, 'article ' || m.article_id)", (actor_id,)):
        g = group(r)
        g["mentions"] += r["n"]
        g["articles"] += r["articles"]
    if has_table(conn, "labels"):
        for r in rows(conn, "SELECT l.article_id, a.outlet, l.label, l.kind, l.polarity, l.voice, l.speaker_id, "
                            "COALESCE(s.name, l.speaker_name) AS speaker FROM labels AS l "
                            "JOIN articles AS a USING (article_id) LEFT JOIN actors AS s ON s.actor_id = l.speaker_id "
                            "WHERE l.actor_id = ?", (actor_id,)):
            g = group(r)
            entry = g["labels"].setdefault((r["label"].casefold(), r["voice"], r["speaker_id"]), {
                "label": r["label"], "kind": r["kind"], "polarity": r["polarity"], "voice": r["voice"],
                "speaker_id": r["speaker_id"], "speaker": r["speaker"], "count": 0})
            entry["count"] += 1
    if has_table(conn, "tones"):
        for r in rows(conn, "SELECT t.article_id, a.outlet, CASE WHEN t.voice = 'author' THEN 'author' ELSE 'quoted' END "
                            "AS voice, sum(t.mentions) AS mentions, sum(t.score * t.mentions) AS weighted, "
                            "sum(t.negative) AS negative, sum(t.neutral) AS neutral, sum(t.positive) AS positive "
                            "FROM tones AS t JOIN articles AS a USING (article_id) WHERE t.actor_id = ? "
                            "GROUP BY t.article_id, 3", (actor_id,)):
            tone = group(r)["tone"].setdefault(r["voice"], {"mentions": 0, "weighted": 0.0, "negative": 0,
                                                            "neutral": 0, "positive": 0})
            for k in ("mentions", "weighted", "negative", "neutral", "positive"):
                tone[k] += r[k] or 0
    for r in rows(conn, "SELECT q.article_id, a.outlet, count(*) AS n FROM quotes AS q JOIN articles AS a "
                        "USING (article_id) WHERE q.speaker_id = ? GROUP BY q.article_id", (actor_id,)):
        group(r)["quoted"] += r["n"]
    out = []
    for g in groups.values():
        g["labels"] = sorted(g["labels"].values(), key=lambda e: (e["voice"] != "author", -e["count"],
                                                                  e["label"].casefold()))[:labels_per_outlet]
        for tone in g["tone"].values():
            weighted = tone.pop("weighted")
            tone["score"] = round(weighted / tone["mentions"], 3) if tone["mentions"] else None
        out.append(g)
    return sorted(out, key=lambda g: (-g["mentions"], g["outlet"]))


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    """Everything the actor page shows; None when the store has no such actor."""
    found = actor_row(conn, actor_id)
    if found is None:
        return None
    mentions, articles = conn.execute(
        "SELECT count(*), count(DISTINCT article_id) FROM mentions WHERE actor_id = ?", (actor_id,)
    ).fetchone()
    found["mentions"], found["articles"] = mentions, articles
    found["offices"] = offices(actor_id)
    found["wikidata"] = found["wikidata"] or knowledge_wikidata(actor_id)
    country_scope = is_country(actor_id) and found["country"] == actor_id
    kept = kept_events("e")
    # A country's page is the country's: every actor of it (state, officials, people).
    if country_scope:
        src_cond, tgt_cond = "e.source_country = ?", "e.target_country = ?"
    else:
        src_cond, tgt_cond = "e.source_id = ?", "e.target_id = ?"
    as_source = monthly(conn, f"{src_cond} AND {kept}", [actor_id])
    as_target = monthly(conn, f"{tgt_cond} AND {kept}", [actor_id])
    return {
        "actor": found,
        "scope": "country" if country_scope else "actor",
        "as_source": {"events": sum(p["events"] for p in as_source), "monthly": as_source},
        "as_target": {"events": sum(p["events"] for p in as_target), "monthly": as_target},
        "partners": partners(conn, actor_id),
        "quotes_by": quotes_by(conn, actor_id),
        "quotes_about": quotes_about(conn, actor_id),
        "outlets": framing_by_outlet(conn, actor_id),
        "has_labels": has_table(conn, "labels"),
        "has_tones": has_table(conn, "tones"),
    }


# ------------------------------------------------------------------ dyad


def side_name(conn: sqlite3.Connection, key: str) -> str:
    found = conn.execute("SELECT name FROM actors WHERE actor_id = ?", (key,)).fetchone()
    return found[0] if found else key


def dyad(conn: sqlite3.Connection, a: str, b: str, *, limit: int = 150) -> dict[str, Any]:
    """A → B and B → A: monthly cooperation and conflict, and the events behind each bar."""
    kept = kept_events("e")
    out: dict[str, Any] = {"a": {"key": a, "name": side_name(conn, a), "country": is_country(a)},
                           "b": {"key": b, "name": side_name(conn, b), "country": is_country(b)}}
    for name, (x, y) in (("a_to_b", (a, b)), ("b_to_a", (b, a))):
        sx, vx = _side("source", x)
        ty, vy = _side("target", y)
        where = f"{sx} AND {ty} AND {kept}"
        series = monthly(conn, where, [vx, vy])
        events = event_rows(conn, where, [vx, vy], limit=limit, order="date, e.article_id, e.idx")
        by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in events:
            by_period[period_of(e["date"]) or "undated or imprecise"].append(e)
        out[name] = {
            "events": sum(p["events"] for p in series),
            "cooperation": sum(p["cooperation"] or 0 for p in series),
            "conflict": sum(p["conflict"] or 0 for p in series),
            "goldstein": round(sum(p["goldstein"] or 0 for p in series), 2),
            "monthly": series,
            "by_period": [{"period": p, "events": evs} for p, evs in
                          sorted(by_period.items(), key=lambda item: (item[0][0] not in "0123456789", item[0]))],
            "shown": len(events),
        }
    return out


# ------------------------------------------------------------------ search and articles


def fts_query(text: str) -> str:
    """An FTS5 query requiring every word of `text`, each quoted (user text never trips FTS syntax)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in text.split())


# Snippet markers that cannot occur in stored text (control characters); the page
# escapes the snippet first and only then turns these into <mark> elements.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


def search(conn: sqlite3.Connection, text: str, *, limit: int = PAGE) -> dict[str, Any]:
    """Sentences and quotes holding every word of `text`, best first (FTS5 rank)."""
    match = fts_query(text)
    out: dict[str, Any] = {"q": text, "sentences": [], "quotes": [], "sentences_total": 0, "quotes_total": 0}
    if not match:
        return out
    snippet = f"snippet({{t}}, 0, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 24)"
    try:
        out["sentences_total"] = conn.execute(
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?", (match,)).fetchone()[0]
        out["sentences"] = _sourced(rows(
            conn,
            f"SELECT s.article_id, s.idx AS sentence, {snippet.format(t='sentences_fts')} AS snippet, "
            "a.title, a.outlet, a.date FROM sentences_fts JOIN sentences AS s ON s.sentence_id = sentences_fts.rowid "
            "JOIN articles AS a ON a.article_id = s.article_id WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit)))
        if has_table(conn, "quotes_fts"):
            out["quotes_total"] = conn.execute(
                "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (match,)).fetchone()[0]
            out["quotes"] = _sourced(rows(
                conn,
                f"SELECT q.article_id, q.sentence, q.kind, {snippet.format(t='quotes_fts')} AS snippet, q.speaker_id, "
                "COALESCE(q.speaker_name, q.speaker_text) AS speaker, a.title, a.outlet, a.date "
                "FROM quotes_fts JOIN quotes AS q ON q.rowid = quotes_fts.rowid "
                "JOIN articles AS a ON a.article_id = q.article_id WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?",
                (match, limit)))
    except sqlite3.OperationalError as exc:
        out["error"] = str(exc)
    return out


def safe_url(url: str | None) -> str | None:
    """An article's URL when it is http(s); anything else (javascript:, data:) is not linked."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article: its metadata, its sentences by paragraph, and what was found in it."""
    found = rows(conn, "SELECT article_id, outlet, title, byline, date, date_source, url, meta FROM articles "
                       "WHERE article_id = ?", (article_id,))
    if not found:
        return None
    art = found[0]
    art["url"] = safe_url(art["url"])
    art["bias_text"] = _bias(art.pop("meta"))
    art["source"] = source_of(art)
    paragraphs: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in rows(conn, "SELECT idx, paragraph, text FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,)):
        paragraphs[s["paragraph"]].append(s)
    kept = kept_events("e")
    return {
        "article": art,
        "paragraphs": [paragraphs[p] for p in sorted(paragraphs)],
        "events": event_rows(conn, f"e.article_id = ? AND {kept}", [article_id], limit=200,
                             order="e.sentence, e.idx"),
        "quotes": rows(conn, "SELECT idx, sentence, text, kind, speaker_id, "
                             "COALESCE(speaker_name, speaker_text) AS speaker FROM quotes WHERE article_id = ? ORDER BY idx",
                       (article_id,)),
        "actors": rows(conn, "SELECT actor_id, max(actor_name) AS name, count(*) AS mentions FROM mentions "
                             "WHERE article_id = ? AND kind != 'location' GROUP BY actor_id ORDER BY mentions DESC, name",
                       (article_id,)),
    }


def _bias(meta: Any) -> str | None:
    import json

    if not meta:
        return None
    try:
        value = json.loads(meta).get("bias_text")
    except (TypeError, ValueError, AttributeError):
        return None
    return str(value) if value else None


def bias_by_article(conn: sqlite3.Connection) -> dict[str, str]:
    """AllSides' `bias_text` of every article that has one."""
    return {
        r[0]: str(r[1]) for r in conn.execute(
            "SELECT article_id, json_extract(meta, '$.bias_text') FROM articles "
            "WHERE json_valid(meta) AND json_extract(meta, '$.bias_text') IS NOT NULL")
    }


# ------------------------------------------------------------------ stories


def side_of(bias: str | None) -> str | None:
    """left, center or right for an AllSides rating; None when unknown or mixed."""
    b = (bias or "").strip().casefold()
    if b in LEFT:
        return "left"
    if b in RIGHT:
        return "right"
    if b in ("center", "centre"):
        return "center"
    return None


def coverage(articles: list[dict[str, Any]], bias: dict[str, str],
             computed: dict[str, Any] | None = None) -> dict[str, Any]:
    """Who covered a story and from which side; a blindspot when only one side did.

    When the stories analysis gives its own coverage (`computed`: who was publishing
    and did not cover the story, its blindspot verdict), that verdict is the one shown,
    so the page and `newsgraph stories` agree. Otherwise a blindspot is a story of two
    articles or more whose rated articles come from the left and not the right, or the
    right and not the left (the centre counts for neither); a story of one article is
    simply alone. `blindspot` names the side that did not cover it.
    """
    sides: dict[str, int] = {"left": 0, "center": 0, "right": 0}
    for a in articles:
        side = side_of(bias.get(a["article_id"]))
        if side:
            sides[side] += 1
    blindspot = None
    if computed and "blindspot" in computed:
        if computed["blindspot"]:
            blindspot = "right" if sides["left"] else "left"
    elif len(articles) >= 2:
        if sides["left"] and not sides["right"]:
            blindspot = "right"  # the right did not cover it
        elif sides["right"] and not sides["left"]:
            blindspot = "left"
    first = min((a for a in articles if a.get("date")), key=lambda a: a["date"], default=None)
    return {
        "outlets": sorted({source_of(a) for a in articles}),
        "sides": sides,
        "rated": sum(sides.values()),
        "blindspot": blindspot,
        "first": {"source": source_of(first), "date": first["date"]} if first else None,
        "not_covering": [o.get("outlet") if isinstance(o, dict) else o
                         for o in (computed or {}).get("not_covering", [])],
        "not_covering_total": (computed or {}).get("not_covering_total", 0),
    }


def _label(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("label") or value.get("what")
    return value or None


def story_summaries(result: dict[str, Any], bias: dict[str, str]) -> list[dict[str, Any]]:
    """Every story with its size, dates, outlets, a label and its coverage."""
    out = []
    for s in result["stories"]:
        arts = s["articles"]
        out.append({
            "story_id": s["story_id"],
            "label": _label(s.get("label")) or next((a["title"] for a in arts if a.get("title")), None) or s["story_id"],
            "articles": len(arts),
            "first_date": s.get("first_date"), "last_date": s.get("last_date"),
            "terms": s.get("terms", [])[:6],
            "coverage": coverage(arts, bias, s.get("coverage")),
        })
    out.sort(key=lambda s: (-s["articles"], -(len(s["coverage"]["outlets"])), s["first_date"] or "", s["story_id"]))
    return out


def story(conn: sqlite3.Connection, result: dict[str, Any], claims: list[dict[str, Any]], story_id: str,
          bias: dict[str, str]) -> dict[str, Any] | None:
    """One story: its articles side by side by outlet, what each reports, its conflicting claims."""
    found = next((s for s in result["stories"] if s["story_id"] == story_id), None)
    if found is None:
        return None
    ids = [a["article_id"] for a in found["articles"]]
    columns: dict[str, dict[str, Any]] = {}
    kept = kept_events("e")
    for a in found["articles"]:
        key = a.get("source") or source_of(a)
        col = columns.setdefault(key, {"source": key, "outlet": a.get("outlet"),
                                       "bias_text": bias.get(a["article_id"]), "articles": []})
        lead = [r[0] for r in conn.execute(
            "SELECT text FROM sentences WHERE article_id = ? ORDER BY idx LIMIT 2", (a["article_id"],))]
        col["articles"].append({
            "article_id": a["article_id"], "title": a.get("title"), "date": a.get("date"),
            "bias_text": bias.get(a["article_id"]),
            "lead": " ".join(lead),
            "events": event_rows(conn, f"e.article_id = ? AND {kept}", [a["article_id"]], limit=8,
                                 order="e.confidence DESC, e.idx"),
            "quotes": rows(conn, "SELECT text, kind, speaker_id, COALESCE(speaker_name, speaker_text) AS speaker "
                                 "FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL ORDER BY idx LIMIT 4",
                           (a["article_id"],)),
        })
    inside = set(ids)
    conflicts = []
    for c in claims:
        pro = [x for x in c["for"] if x["article_id"] in inside]
        con = [x for x in c["against"] if x["article_id"] in inside]
        if pro or con:
            conflicts.append({
                "subject": c["subject"], "subject_name": c["subject_name"], "aspect": c["aspect"],
                "for": pro, "against": con,
                "elsewhere": len(c["for"]) + len(c["against"]) - len(pro) - len(con),
                "within": bool(pro and con),
            })
    conflicts.sort(key=lambda c: (not c["within"], -(len(c["for"]) + len(c["against"]))))
    return {
        "story_id": story_id,
        "label": _label(found.get("label")) or next((a["title"] for a in found["articles"] if a.get("title")), story_id),
        "first_date": found.get("first_date"), "last_date": found.get("last_date"),
        "terms": found.get("terms", []), "actors": found.get("actors", []), "dyads": found.get("dyads", []),
        "event_types": found.get("event_types", []),
        "coverage": coverage(found["articles"], bias, found.get("coverage")),
        "columns": list(columns.values()),
        "conflicts": conflicts,
        "near_misses": [
            {k: m.get(k) for k in ("a", "b", "story_a", "story_b", "title_a", "title_b", "source_a", "source_b",
                                   "score", "reasons")}
            for m in found.get("near_misses", [])
        ],
    }
