"""Stories (articles about the same event) and threads (stories on one topic over time).

A reader's question is "who else covered this?". Grouping is recall-first, and
every grouping shows its evidence:

- `story_features` reads each article once: headline and lead words, body words,
  the rarer actors it names, the figures it states, the days its date allows, its
  outlet's side (AllSides' `bias_text`);
- `story_pairs` finds candidate pairs by blocking (an SQL self-join on shared keys
  within a few days) and scores each: lead and body similarity, shared actors,
  shared figures, days apart, with readable reasons;
- `story_groups` merges the best pairs first without chaining unrelated events,
  and keeps the near misses (pairs just under the bar, merges refused) for a person
  to confirm or split; near-duplicates (MinHash, `minhash`) always join;
- `story_coverage` labels each story (what, where, when) and says who covered it,
  who first, the left/centre/right mix and who was publishing but did not;
- `story_threads` follows topics through time.

Everything is computed on demand from the store; nothing is written back.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from collections import Counter
from typing import Any

from . import dates, minhash
from .sql import has_table
from .story_coverage import Activity, central, coverage, label, side
from .story_features import ArticleFeatures, day_span, load
from .story_groups import group
from .story_pairs import scored_pairs
from .story_threads import profile, threads

__all__ = ["find_stories", "story_around", "story_of"]

NEAR_DUPLICATE = 0.6
MAX_STORY_NEAR_MISSES = 8
# `story_around` looks this many days either side of the article: a story spans at
# most a week (`story_groups.MAX_SPAN_DAYS`), and pairs reach 3 days beyond it.
AROUND_DAYS = 10


def _names(conn: sqlite3.Connection) -> dict[str, str]:
    if not has_table(conn, "actors"):
        return {}
    return dict(conn.execute("SELECT actor_id, name FROM actors"))


def _near_duplicates(docs: dict[str, ArticleFeatures]) -> list[dict]:
    """Near-duplicate pairs as grouping evidence: the same copy joins whatever its dates."""
    found = minhash.near_duplicate_signatures({k: d.sketch for k, d in docs.items()}, threshold=NEAR_DUPLICATE)
    return [{"a": a, "b": b, "days": None, "lead": None, "body": None, "actors": None, "numbers": None,
             "near_duplicate": j, "score": 1.0 + j, "bar": 1.0, "same_story": True,
             "reasons": [f"near-duplicate text (shingle overlap {j:.2f})"]} for a, b, j in found]


def find_stories(store_or_conn: Any) -> dict[str, Any]:
    """Stories and threads of a store, with the evidence that joined them.

    Returns `{"stories", "threads", "pairs", "near_misses"}`. Each story has a
    `label` (with `what`, `where`, `when`), its articles (each with `joined_by`: the
    pair and reasons that brought it in), `coverage` (outlets, first, sides, who did
    not cover it), its scored `pairs`, its `near_misses`, top terms, actors, event
    types and dyads. Each thread has its stories oldest first (`timeline`). `pairs`
    holds every scored pair at or near the bar; `near_misses` the pairs a person
    should judge.
    """
    conn = getattr(store_or_conn, "connection", store_or_conn)
    docs = load(conn)
    stories, pairs, near_misses = _stories(conn, docs)
    profiles = {s["story_id"]: profile([docs[a["article_id"]].body for a in s["articles"]],
                                       [docs[a["article_id"]].actors for a in s["articles"]]) for s in stories}
    for s in stories:
        s["terms"] = [t for t in profiles[s["story_id"]] if not t.startswith("@")][:8]
    return {"stories": stories, "threads": threads(stories, profiles), "pairs": pairs, "near_misses": near_misses}


def story_around(store_or_conn: Any, article_id: str, *, days: int = AROUND_DAYS) -> dict[str, Any] | None:
    """The story of one article, grouped among the articles dated within `days` of it.

    For a page that asks "who else covered this?" without grouping the whole store:
    the same pairs, bars and merging as `find_stories`, over the neighbourhood only
    (word rarity is then the neighbourhood's, so a score can differ slightly). An
    undated article, or one not in the store, gives its story alone or None.
    """
    conn = getattr(store_or_conn, "connection", store_or_conn)
    found = conn.execute("SELECT date FROM articles WHERE article_id = ?", (article_id,)).fetchone()
    if found is None:
        return None
    lo, hi = day_span(found[0])
    if lo is None or hi is None:
        docs = {k: d for k, d in load(conn, found[0], found[0]).items() if k == article_id}
    else:
        docs = load(conn, date.fromordinal(lo - days).isoformat(), date.fromordinal(hi + days).isoformat())
    stories, _, _ = _stories(conn, docs)
    return story_of({"stories": stories}, article_id)


def _stories(conn: sqlite3.Connection, docs: dict[str, ArticleFeatures]) -> tuple[list[dict], list[dict], list[dict]]:
    """Stories (terms not yet set), every scored pair, and the near misses."""
    names = _names(conn)
    duplicates = _near_duplicates(docs)
    dup_keys = {(p["a"], p["b"]) for p in duplicates}
    pairs = duplicates + [p for p in scored_pairs(docs, names) if (p["a"], p["b"]) not in dup_keys]
    pairs.sort(key=lambda p: (-p["score"], p["a"], p["b"]))
    groups, near, joined_by = group(docs, pairs)
    score = {(p["a"], p["b"]): p["score"] for p in pairs}
    activity = Activity(docs)
    story_of_article: dict[str, str] = {}
    stories = []
    for keys in groups:
        keys.sort(key=lambda k: (dates.sort_key(docs[k].row["date"]), k))
        story = _story(keys, docs, names, score, activity, joined_by)
        story_of_article.update({k: story["story_id"] for k in keys})
        stories.append(story)
    by_id = {s["story_id"]: s for s in stories}
    for p in pairs:
        sid = story_of_article[p["a"]]
        if p["same_story"] and sid == story_of_article[p["b"]]:
            by_id[sid]["pairs"].append(p)
            if "near_duplicate" in p:
                by_id[sid]["near_duplicates"].append([p["a"], p["b"], p["near_duplicate"]])
    near_misses = [_near_miss(p, docs, story_of_article) for p in near]
    for m in near_misses:
        for sid in {m["story_a"], m["story_b"]}:
            if len(by_id[sid]["near_misses"]) < MAX_STORY_NEAR_MISSES:
                by_id[sid]["near_misses"].append(m)
    stories.sort(key=lambda s: (dates.sort_key(s["first_date"]), s["story_id"]))
    return stories, pairs, near_misses


def story_of(result: dict[str, Any], article_id: str) -> dict[str, Any] | None:
    """The story (from `find_stories`) that holds an article, or None."""
    for s in result["stories"]:
        if any(a["article_id"] == article_id for a in s["articles"]):
            return s
    return None


def _near_miss(p: dict, docs: dict[str, ArticleFeatures], story_of_article: dict[str, str]) -> dict:
    a, b = docs[p["a"]].row, docs[p["b"]].row
    return {**p, "story_a": story_of_article[p["a"]], "story_b": story_of_article[p["b"]],
            "title_a": a["title"], "title_b": b["title"], "source_a": a["source"], "source_b": b["source"]}


def _story(keys: list[str], docs: dict[str, ArticleFeatures], names: dict[str, str],
           score: dict[tuple[str, str], float], activity: Activity, joined_by: dict[str, dict]) -> dict[str, Any]:
    actors: Counter = Counter()
    dyads: Counter = Counter()
    events: Counter = Counter()
    for k in keys:
        actors.update(docs[k].actors)
        dyads.update(docs[k].dyads)
        events.update(docs[k].events)
    known = [docs[k].row["date"] for k in keys if dates.parse(docs[k].row["date"])]
    center = central(keys, score)
    articles = []
    for k in keys:
        via = joined_by.get(k)
        articles.append({
            **docs[k].row, "side": side(docs[k].bias), "bias": docs[k].bias, "central": k == center,
            "joined_by": None if via is None else {"with": via["b"] if via["a"] == k else via["a"],
                                                   "score": via["score"], "reasons": via["reasons"]},
        })
    return {
        "story_id": "s-" + hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:8],
        **label(keys, docs, center),
        "articles": articles,
        "first_date": min(known) if known else None,
        "last_date": max(known) if known else None,
        "coverage": coverage(keys, docs, activity),
        "terms": [],
        "actors": [names.get(a, a) for a, _ in actors.most_common(8)],
        "event_types": [e for e, _ in events.most_common(5)],
        "dyads": [{"pair": list(d), "weight": n}
                  for d, n in sorted(dyads.items(), key=lambda item: (-item[1], item[0]))[:6] if n >= 2],
        "pairs": [],
        "near_misses": [],
        "near_duplicates": [],
    }
