"""What story grouping knows about each article: its words, names, numbers, dates and side.

Two reports of one event share its distinctive words in the headline and first
paragraphs (the lead), the people and bodies they name, its figures ("2.1 million",
"13 states") and a few days of the calendar. Each of these is read here once per
article, by SQL over the store, into an `ArticleFeatures` row; `story_pairs` then
compares rows. Only the title and the first `BODY_WORDS` content words of a text are
read: what an event is appears early in a news story, and the bound keeps a large
store's vectors small.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import minhash, tfidf
from .sql import has_table, rows, source_of
from .text import content_words, shingles, words

LEAD_WORDS = 60
BODY_WORDS = 300
# Near-duplicates are told by their openings: wire copy keeps its first paragraphs.
SHINGLE_WORDS = 200
# Body vectors keep their strongest terms only: memory stays linear in articles.
BODY_TERMS = 80
# A word among the strongest terms of at most this share of articles (and never
# fewer than RARE_MIN_DF) is rare: two reports of one event share several such words (names of places, people,
# things) that two articles on the same beat seldom do.
RARE_SHARE = 0.01
RARE_MIN_DF = 5
# An actor named in more than this share of articles ("United States", "people")
# says nothing about which event an article reports.
COMMON_ACTOR = 0.08
# Figures: a number with its unit or scale. Years and small counts are everywhere.
_NUMBER = re.compile(
    r"(?<![\w.])\$?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(%|percent|per cent|million|billion|trillion|"
    r"points?|states|people|votes|jobs|deaths|cases|troops|seats|days|years?-old)?",
    re.IGNORECASE,
)
# A date that allows more days than this (a year, a season) cannot place an event.
MAX_SPAN_DAYS = 31
_SCALE = {"million": "m", "billion": "bn", "trillion": "tn", "percent": "%", "per cent": "%", "%": "%"}


@dataclass
class ArticleFeatures:
    """One article as story grouping sees it (`lo`/`hi`: the days its date allows)."""

    article_id: str
    row: dict[str, Any]
    lo: int | None
    hi: int | None
    bias: str | None
    lead_words: list[str]
    body_words: list[str]
    lead: tfidf.Vector = field(default_factory=dict)
    body: tfidf.Vector = field(default_factory=dict)
    actors: dict[str, float] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)
    places: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    dyads: Counter = field(default_factory=Counter)
    sketch: Any = None  # MinHash signature of the opening's shingles (near-duplicates)
    rare: frozenset = frozenset()  # body words few articles of the store use
    year: int | None = None  # known even when the day is not ("2019"): two years apart never meet


def day_span(value: str | None) -> tuple[int | None, int | None]:
    """The first and last day (ordinals) a date allows: a day, a month, a short interval.

    A year alone, an unknown year, or an interval longer than `MAX_SPAN_DAYS` allows
    too much to place an event, so it is treated as undated.
    """
    start, _, end = (value or "").partition("/")
    lo, hi = _bounds(start)
    if end:
        hi = _bounds(end)[1]
    if lo is None or hi is None or hi - lo > MAX_SPAN_DAYS:
        return None, None
    return lo, hi


def _bounds(value: str) -> tuple[int | None, int | None]:
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not match:
        return None, None
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    try:
        if day:
            d = date(year, month, int(day)).toordinal()
            return d, d
        first = date(year, month, 1).toordinal()
        return first, date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
    except ValueError:
        return None, None


def numbers(text: str) -> set[str]:
    """The figures a text states, normalised ('2.1 million' → '2.1m', '$60 billion' → '60bn').

    A bare number counts only from 20 up and when it is not a year: small counts and
    years are in every story.
    """
    out = set()
    for match in _NUMBER.finditer(text):
        raw, unit = match.group(1).replace(",", ""), (match.group(2) or "").lower()
        value = float(raw)
        if not unit and (value < 20 or (1900 <= value <= 2100 and "." not in raw)):
            continue
        unit = _SCALE.get(unit, unit.rstrip("s"))
        out.add(f"{value:g}{unit}" if unit in ("", "%", "m", "bn", "tn") else f"{value:g} {unit}")
    return out


def _bias(meta: str | None) -> str | None:
    try:
        value = json.loads(meta or "{}").get("bias_text")
    except (TypeError, ValueError, AttributeError):
        return None
    return str(value).casefold() if value else None


def load(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> dict[str, ArticleFeatures]:
    """Every article's features, read in a few queries (no per-article query).

    `since`/`until` (ISO dates, inclusive) keep only the articles dated between them:
    the neighbourhood of one article, for a page that asks who else covered it.
    """
    where, params = _window(since, until)
    docs: dict[str, ArticleFeatures] = {}
    sketcher = minhash.Sketcher()
    for a in rows(conn, "SELECT article_id, outlet, title, date, url, meta, "
                        f"substr(text, 1, {BODY_WORDS * 12}) AS head FROM articles {where} ORDER BY rowid", params):
        title = content_words(a.get("title") or "")
        tokens = words(a["head"])
        body = content_words(tokens)[:BODY_WORDS]
        lo, hi = day_span(a["date"])
        row = {"article_id": a["article_id"], "outlet": a["outlet"], "source": source_of(a),
               "date": a["date"], "title": a["title"], "url": a["url"]}
        lead_text = (a.get("title") or "") + " " + " ".join(a["head"].split()[:LEAD_WORDS])
        year = re.match(r"^(\d{4})", a["date"] or "")
        docs[a["article_id"]] = ArticleFeatures(
            a["article_id"], row, lo, hi, _bias(a["meta"]),
            title * 2 + body[:LEAD_WORDS], title * 2 + body,
            numbers=numbers(lead_text), sketch=sketcher.sign(shingles(tokens[:SHINGLE_WORDS])),
            year=int(year.group(1)) if year else None,
        )
    for key, vec in tfidf.vectors({k: d.lead_words for k, d in docs.items()}).items():
        docs[key].lead = vec
    for key, vec in tfidf.vectors({k: d.body_words for k, d in docs.items()}).items():
        docs[key].body = tfidf.truncated(vec, BODY_TERMS)
    # A word is rare when it is among the strongest terms of few articles: what a few
    # articles are about, not merely what few articles contain. (Counting every article
    # a word is in instead was measured: fewer same-event pairs found, and no fewer
    # two-event stories in a dense store; docs/stories.md.)
    df: Counter = Counter()
    for d in docs.values():
        d.lead_words = d.body_words = []  # the vectors hold what is needed
        df.update(d.body)
    limit = max(RARE_MIN_DF, RARE_SHARE * len(docs))
    for d in docs.values():
        d.rare = frozenset(t for t in d.body if df[t] <= limit)
    scope = f"WHERE article_id IN (SELECT article_id FROM articles {where})" if where else ""
    _actors(conn, docs, scope, params)
    _events(conn, docs, scope, params)
    return docs


def _window(since: str | None, until: str | None) -> tuple[str, list[str]]:
    """The SQL condition on articles.date for a window (ISO strings compare in date order)."""
    if since is None and until is None:
        return "", []
    # '~' sorts after any date text, so every date of the last day (or month) is kept.
    return "WHERE date >= ? AND date <= ?", [since or "0000", (until or "9999") + "~"]


def _actors(conn: sqlite3.Connection, docs: dict[str, ArticleFeatures], scope: str, params: list) -> None:
    """Actors named in each article, weighted by rarity (IDF); places apart for the label."""
    if not has_table(conn, "mentions"):
        return
    found = conn.execute(f"SELECT article_id, actor_id, text, kind, country, sector, sentence FROM mentions {scope}",
                         params).fetchall()
    # Rarity is the store's, not the window's: a name common everywhere stays common.
    n = max(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0], 1)
    df = _actor_df(conn, {m[1] for m in found} if scope else None)
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in found:
        doc = docs.get(m[0])
        if doc is None:
            continue
        if m[3] == "location":
            doc.places[m[2]] += 1  # as written ("Tampa", "Hong Kong"), not the actor it stands for
            continue
        if m[4] and m[5] in (None, "GOV", "MIL", "LEG", "JUD", "OPP", "REB", "PTY"):
            by_sentence[(m[0], m[6])].add(m[4])
        share = df.get(m[1], 1) / n
        if share <= COMMON_ACTOR or n < 50:
            doc.actors[m[1]] = math.log((1 + n) / (1 + df.get(m[1], 1))) + 1
    for (article_id, _), countries in by_sentence.items():
        ordered = sorted(countries)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1:]:
                docs[article_id].dyads[(x, y)] += 1


def _actor_df(conn: sqlite3.Connection, actor_ids: set[str] | None) -> dict[str, int]:
    """In how many articles each actor is named: all actors, or only those asked for
    (a neighbourhood's: counting every actor of a large store took most of a page's time)."""
    sql = "SELECT actor_id, COUNT(DISTINCT article_id) FROM mentions"
    if actor_ids is None:
        return dict(conn.execute(sql + " GROUP BY actor_id"))
    ids, out = sorted(actor_ids), {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update(conn.execute(f"{sql} WHERE actor_id IN ({','.join('?' * len(chunk))}) GROUP BY actor_id", chunk))
    return out


def _events(conn: sqlite3.Connection, docs: dict[str, ArticleFeatures], scope: str, params: list) -> None:
    """The kinds of coded events each article reports (for the story's summary only)."""
    if not has_table(conn, "events"):
        return
    from .sql import kept_events

    condition = f"{scope} AND {kept_events()}" if scope else f"WHERE {kept_events()}"
    for e in conn.execute(f"SELECT article_id, plover, source_country, target_country FROM events {condition}",
                          params):
        doc = docs.get(e[0])
        if doc is not None:
            doc.events[e[1]] += 1
            if e[2] and e[3] and e[2] != e[3]:
                doc.dyads[tuple(sorted((e[2], e[3])))] += 2
