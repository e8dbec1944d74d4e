"""Which pairs of articles may report one event, and the evidence for each pair.

Comparing every pair of a large store is quadratic. Candidates come from blocking
instead: each article is reduced to a few keys (its strongest distinctive words, the
rarer actors it names, the figures it states), and an SQL self-join on those keys,
restricted to articles whose dates lie within `WINDOW_DAYS` of each other, counts
the keys two articles share (GROUP BY pair). An undated article is compared only on
rare keys, with more of them needed. Only the pairs so found are scored.

A pair's score weighs the headline-and-lead similarity most (what an event is sits
there), then the body, the shared actors and the shared figures; the bar it must
clear rises with the days between the two articles. Every scored pair keeps its
parts and readable reasons, so a person can see why two articles were grouped and
confirm or split those that only nearly were.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from . import tfidf
from .story_features import ArticleFeatures

WINDOW_DAYS = 3
KEY_TERMS = 25
# A key shared by more than this many articles is not a block: it is a beat.
MAX_KEY_DF = 400
MIN_SHARED = {"dated": 3, "undated": 5}
UNDATED_KEY_DF = 20
WEIGHTS = {"lead": 0.45, "body": 0.3, "actors": 0.15, "numbers": 0.1, "rare": 0.1}
# Shared rare words count fully from this many on.
RARE_FULL = 10
# The bar by days apart (0, 1, 2, 3 …) and for an undated article: recall first. It
# rises gently, since protests, trials and wars are reported over several days; an
# undated article has no calendar to vouch for it and needs much more.
SAME_STORY = (0.12, 0.13, 0.14, 0.15)
SAME_STORY_UNDATED = 0.35
NEAR_MISS = 0.04  # pairs this far under the bar are listed for a person to judge


def _keys(doc: ArticleFeatures) -> Iterable[str]:
    yield from ("t:" + t for t in tfidf.top_terms(doc.body, KEY_TERMS))
    yield from ("a:" + a for a in doc.actors)
    yield from ("n:" + n for n in doc.numbers)


def candidate_pairs(docs: dict[str, ArticleFeatures]) -> dict[tuple[str, str], int]:
    """Pairs of articles worth scoring, with how many blocking keys they share."""
    ids = sorted(docs)
    index = {k: i for i, k in enumerate(ids)}
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE keys (doc INTEGER, key TEXT, lo INTEGER, hi INTEGER)")
    db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?)",
                   ((index[k], key, docs[k].lo, docs[k].hi) for k in ids for key in set(_keys(docs[k]))))
    db.execute("CREATE TABLE df AS SELECT key, COUNT(*) AS n FROM keys GROUP BY key")
    db.execute(f"DELETE FROM keys WHERE key IN (SELECT key FROM df WHERE n > {MAX_KEY_DF} OR n < 2)")
    db.execute("CREATE INDEX keys_key ON keys (key, lo)")
    found: dict[tuple[str, str], int] = {}
    dated = db.execute(
        "SELECT x.doc, y.doc, COUNT(*) FROM keys AS x JOIN keys AS y "
        "ON y.key = x.key AND y.doc > x.doc AND y.lo <= x.hi + :w AND y.hi >= x.lo - :w "
        "WHERE x.lo IS NOT NULL GROUP BY x.doc, y.doc HAVING COUNT(*) >= :m",
        {"w": WINDOW_DAYS, "m": MIN_SHARED["dated"]},
    )
    undated = db.execute(
        "SELECT x.doc, y.doc, COUNT(*) FROM keys AS x JOIN df USING (key) JOIN keys AS y "
        "ON y.key = x.key AND y.doc != x.doc AND (y.lo IS NOT NULL OR y.doc > x.doc) "
        "WHERE x.lo IS NULL AND df.n <= :df GROUP BY x.doc, y.doc HAVING COUNT(*) >= :m",
        {"df": UNDATED_KEY_DF, "m": MIN_SHARED["undated"]},
    )
    for x, y, n in list(dated) + list(undated):
        a, b = sorted((ids[x], ids[y]))
        found[(a, b)] = max(n, found.get((a, b), 0))
    db.close()
    return found


def days_apart(x: ArticleFeatures, y: ArticleFeatures) -> int | None:
    """Days between the nearest days two dates allow (None when either is undated)."""
    if x.lo is None or y.lo is None or x.hi is None or y.hi is None:
        return None
    return max(0, y.lo - x.hi, x.lo - y.hi)


def bar(days: int | None) -> float:
    """The score a pair needs to be one story, by the days between its articles."""
    if days is None:
        return SAME_STORY_UNDATED
    return SAME_STORY[days] if days < len(SAME_STORY) else 2.0


def _years_apart(x: ArticleFeatures, y: ArticleFeatures) -> bool:
    """Whether two known years differ (a year-end and the next January stay neighbours)."""
    if x.year is None or y.year is None or x.year == y.year:
        return False
    if abs(x.year - y.year) > 1:
        return True
    later = x if x.year > y.year else y
    earlier = y if later is x else x
    # Only a late-December date and an early-January one may be one event across years.
    return not (later.lo is None or later.lo - date(later.year, 1, 1).toordinal() <= WINDOW_DAYS) or not (
        earlier.hi is None or date(earlier.year, 12, 31).toordinal() - earlier.hi <= WINDOW_DAYS)


def _weighted_jaccard(x: dict[str, float], y: dict[str, float]) -> float:
    union = sum(x.values()) + sum(v for k, v in y.items() if k not in x)
    return sum(v for k, v in x.items() if k in y) / union if union else 0.0


def score_pair(x: ArticleFeatures, y: ArticleFeatures, names: dict[str, str], *, keep_weak: bool = False) -> dict | None:
    """The evidence that two articles report one event: parts, score, bar and reasons.

    None for a pair too far under its bar to be even a near miss (unless `keep_weak`):
    a large store has many such pairs and nobody reads them.
    """
    shared_numbers = sorted(x.numbers & y.numbers)
    shared_rare = x.rare & y.rare
    parts = {
        "lead": tfidf.cosine(x.lead, y.lead),
        "body": tfidf.cosine(x.body, y.body),
        "actors": _weighted_jaccard(x.actors, y.actors),
        "numbers": min(1.0, 0.5 * len(shared_numbers)),
        "rare": min(1.0, len(shared_rare) / RARE_FULL),
    }
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    days = days_apart(x, y)
    if days is None and _years_apart(x, y):
        return None  # "2019" and 2016-04-23 cannot be one event, however alike
    if score < bar(days) - NEAR_MISS and not keep_weak:
        return None
    shared_actors = sorted(set(x.actors) & set(y.actors), key=lambda a: -x.actors[a])[:4]
    terms = sorted(set(x.lead) & set(y.lead), key=lambda t: -x.lead[t] * y.lead[t])[:5]
    reasons = []
    if terms:
        reasons.append(f"title/lead words {', '.join(terms)} ({parts['lead']:.2f})")
    if parts["body"] >= 0.1:
        reasons.append(f"texts alike ({parts['body']:.2f})")
    if shared_actors:
        reasons.append("both name " + ", ".join(names.get(a, a) for a in shared_actors))
    if shared_numbers:
        reasons.append("same figures " + ", ".join(shared_numbers))
    if shared_rare:
        rare = sorted(shared_rare, key=lambda t: -x.body[t] * y.body[t])
        reasons.append(f"{len(rare)} rare words shared: " + ", ".join(rare[:6]))
    reasons.append("undated" if days is None else f"{days} day(s) apart")
    return {
        "a": x.article_id, "b": y.article_id, "days": days,
        **{k: round(v, 3) for k, v in parts.items()},
        "score": round(score, 3), "bar": bar(days),
        "same_story": score >= bar(days), "reasons": reasons,
    }


def scored_pairs(docs: dict[str, ArticleFeatures], names: dict[str, str]) -> list[dict]:
    """The candidate pairs that reach at least the near-miss band, scored, best first."""
    pairs = [p for a, b in candidate_pairs(docs) if (p := score_pair(docs[a], docs[b], names)) is not None]
    pairs.sort(key=lambda p: (-p["score"], p["a"], p["b"]))
    return pairs
