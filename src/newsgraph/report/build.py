"""Gather a store's figures for the report and render them into the template."""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..analysis import compare_actor, conflicting_claims, dyad_timeline, find_stories
from ..analysis.sql import has_table, kept_events, rows, source_of
from . import svg

TOP_ACTORS = 15
FRAMED_ACTORS = 6
MAX_ROWS = 300
# A big store has hundreds of outlets and stories: the report shows the largest.
MAX_OUTLETS = 12
MAX_THREADS = 30
MAX_CONFLICTS = 20
TEMPLATES = Path(__file__).resolve().parent / "templates"


ACTOR_MENTIONS = "m.kind != 'location' AND m.actor_id NOT LIKE 'role-%'"


def _top_actors(conn) -> list[dict[str, Any]]:
    return rows(
        conn,
        "SELECT m.actor_id, a.name, a.country, a.sector, count(*) AS mentions, "
        "count(DISTINCT m.article_id) AS articles FROM mentions AS m JOIN actors AS a USING (actor_id) "
        f"WHERE {ACTOR_MENTIONS} GROUP BY m.actor_id ORDER BY mentions DESC, a.name LIMIT ?",
        (TOP_ACTORS,),
    )


def _actors_partial(conn, shown: int, store_name: str) -> dict[str, Any] | None:
    total = conn.execute(f"SELECT count(DISTINCT m.actor_id) FROM mentions AS m WHERE {ACTOR_MENTIONS}").fetchone()[0]
    return _partial(shown, total, "actors", f"newsgraph export actors --store {store_name} --format csv --out actors.csv",
                    "most mentioned first")


def _framed(conn, actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The comparison for the most labelled actors (or the most mentioned, before labels)."""
    if has_table(conn, "labels"):
        ids = [r["actor_id"] for r in rows(
            conn, "SELECT actor_id, count(*) AS n FROM labels WHERE actor_id NOT LIKE 'role-%' "
            "GROUP BY actor_id ORDER BY n DESC, actor_id LIMIT ?",
            (FRAMED_ACTORS,))]
    else:
        ids = []
    ids = ids or [a["actor_id"] for a in actors if a["sector"] and a["country"]][:FRAMED_ACTORS]
    out = []
    for actor_id in ids:
        result = compare_actor(conn, actor_id)
        result["more_outlets"] = max(0, len(result["outlets"]) - MAX_OUTLETS)
        result["outlets"] = result["outlets"][:MAX_OUTLETS]
        tone_rows = [
            (g["outlet"], (g["tone"].get("author") or {}).get("score"), (g["tone"].get("quoted") or {}).get("score"))
            for g in result["outlets"] if g["tone"]
        ]
        result["tone_chart"] = svg.tone_chart(tone_rows, title=f"Tone toward {result['actor']['name']} by outlet") if tone_rows else None
        out.append(result)
    return out


# Newest first; a date whose year is unknown (EDTF "XXXX-07-29") or absent goes last.
# Within a period the more precise date comes first ("2019-08-19" before "2019-08").
RECENT_FIRST = "({d} IS NULL OR {d} NOT GLOB '[0-9][0-9][0-9][0-9]*'), {d} DESC"


def _partial(shown: int, total: int, what: str, rest: str | None, order: str) -> dict[str, Any] | None:
    """What the report says when a table shows only part: "showing N of M", the order, and where the rest is."""
    if shown >= total:
        return None
    return {"shown": shown, "total": total, "what": what, "order": order, "rest": rest}


def _dyads_partial(conn, shown: int, store_name: str) -> dict[str, Any] | None:
    """How many country pairs the events hold, counted as `dyad_timeline` pairs them (either direction)."""
    total = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT min(e.source_country, e.target_country), "
        "max(e.source_country, e.target_country) FROM events AS e "
        f"WHERE {kept_events('e')} AND e.source_country IS NOT NULL AND e.target_country IS NOT NULL "
        "AND e.source_country != e.target_country)"
    ).fetchone()[0]
    return _partial(shown, total, "country pairs", f"newsgraph export events --store {store_name} --format csv "
                    "--out events.csv", "busiest first")


def _events(conn, store_name: str) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The most recent kept events (the most confident first within a day), and what was left out."""
    events = rows(
        conn,
        "SELECT e.article_id, COALESCE(e.date, a.date) AS date, a.outlet, e.source_name, e.target_name, "
        "e.plover, e.cameo, e.quad_class, e.goldstein, e.status, e.negated, e.trigger, "
        "substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence "
        f"FROM events AS e JOIN articles AS a USING (article_id) WHERE {kept_events('e')} "
        f"ORDER BY {RECENT_FIRST.format(d='COALESCE(e.date, a.date)')}, e.confidence DESC, e.article_id, e.idx "
        "LIMIT ?",
        (MAX_ROWS,),
    )
    total = conn.execute(f"SELECT count(*) FROM events AS e WHERE {kept_events('e')}").fetchone()[0]
    return events, _partial(len(events), total, "events", f"newsgraph export events --store {store_name} --format csv "
                            "--out events.csv", "most recent first, undated last")


def _quotes(conn, store_name: str) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The most recent quotes, direct ones first within a day, and what was left out."""
    quotes = rows(
        conn,
        "SELECT q.article_id, a.outlet, a.date, q.kind, q.text, q.speaker_name, q.speaker_text "
        "FROM quotes AS q JOIN articles AS a USING (article_id) "
        f"ORDER BY {RECENT_FIRST.format(d='a.date')}, q.kind = 'direct' DESC, q.article_id, q.idx LIMIT ?",
        (MAX_ROWS,),
    )
    total = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    return quotes, _partial(len(quotes), total, "quotes", f"newsgraph export quotes --store {store_name} --format csv "
                            "--out quotes.csv", "most recent first, undated last")


def _framing_partial(conn, shown: int, store_name: str) -> dict[str, Any] | None:
    """How many actors have labels, of which the report frames only the most labelled."""
    if not has_table(conn, "labels"):
        return None
    total = conn.execute("SELECT count(DISTINCT actor_id) FROM labels WHERE actor_id NOT LIKE 'role-%'").fetchone()[0]
    return _partial(shown, total, "labelled actors", f"newsgraph compare ACTOR --store {store_name}",
                    "most labelled first")


def report_data(store) -> dict[str, Any]:
    """Everything the report shows, as plain data plus the charts' SVG markup."""
    conn = store.connection
    stats = store.stats()
    name = os.path.basename(store.path)
    actors = _top_actors(conn)
    dyads = dyad_timeline(conn)
    events, events_partial = _events(conn, name)
    quotes, quotes_partial = _quotes(conn, name)
    for row in events + quotes:
        row["source"] = source_of(row)
    claims = conflicting_claims(conn)
    framing = _framed(conn, actors)
    stories = find_stories(conn)
    story_by_id = {s["story_id"]: s for s in stories["stories"]}
    plover = Counter(e["plover"] for e in rows(conn, f"SELECT plover FROM events WHERE {kept_events()}"))
    return {
        "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "store": name,
        "stats": stats,
        "actors": actors,
        "actors_partial": _actors_partial(conn, len(actors), name),
        "actors_chart": svg.bar_chart([(a["name"], a["mentions"], a["sector"]) for a in actors],
                                      title="Most mentioned actors") if actors else None,
        "plover_chart": svg.bar_chart(sorted(((k, v, None) for k, v in plover.items()), key=lambda t: -t[1]),
                                      title="Events by PLOVER type") if plover else None,
        "dyads": [dict(d, chart=svg.dyad_chart(d)) for d in dyads],
        "dyads_partial": _dyads_partial(conn, len(dyads), name),
        "events": events,
        "events_partial": events_partial,
        "quotes": quotes,
        "quotes_partial": quotes_partial,
        "framing": framing,
        "framing_partial": _framing_partial(conn, len(framing), name),
        "stories": stories,
        "story_by_id": story_by_id,
        "timeline": svg.timeline([(s["articles"][0]["title"] or s["story_id"], s["first_date"], len(s["articles"]))
                                  for s in stories["stories"]], title="Stories over time") if stories["stories"] else None,
        "claims": claims[:MAX_CONFLICTS],
        "claims_partial": _partial(min(len(claims), MAX_CONFLICTS), len(claims), "conflicting claims", None,
                                   "largest disagreements first"),
        "threads": stories["threads"][:MAX_THREADS],
        "more_threads": max(0, len(stories["threads"]) - MAX_THREADS),
        "has_labels": has_table(conn, "labels"),
        "has_tones": has_table(conn, "tones"),
    }


def render_report(store) -> str:
    """The report's HTML text."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["mark"] = _mark
    return env.get_template("report.html").render(**report_data(store))


def _mark(claim: dict[str, Any]):
    """The claim's evidence sentence with the judging words highlighted (escaped first)."""
    from markupsafe import Markup, escape

    text = claim["evidence"] or ""
    at = claim.get("evidence_at")
    if not at or not (0 <= at[0] < at[1] <= len(text)):
        return escape(text)
    start, end = at
    return Markup(f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}")


def write_report(store, path: str | os.PathLike[str], *, force: bool = False) -> int:
    """Write the report to `path`; return its size in bytes.

    The same rules as every file newsgraph writes (`store.export.output_file`):
    never the store itself, an existing file only with `force`, a read-only one
    never, and through a temporary file so a failure leaves no half report.
    """
    from ..store.export import check_output, output_file

    check_output(path, store_path=store.path, force=force)  # refuse before the work, not after
    html = render_report(store).encode("utf-8")
    with output_file(path, store_path=store.path, force=force, failure="E421") as tmp:
        Path(tmp).write_bytes(html)
    return len(html)
