"""One actor, outlet by outlet: the labels hung on it, the tone toward it, who speaks.

For an actor (found by id, name or alias, accents ignored: `actors.find_actor`) and
for each outlet (an article without an outlet stands alone, `sql.source_of`):

- labels with their counts, kind and voice — the author's, or a quoted speaker's,
  named — and the sentences they come from (the `labels` table);
- tone toward the actor, the author's and the quoted voices' kept apart (`tones`), with
  the number of mentions and articles behind it and a 95 % interval (`tone_interval`);
- how often the actor is quoted, and whom the outlet quotes most (`quotes`).

A store written before labels and tones existed still compares: those parts are
empty, and `has_labels`/`has_tones` say why.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from typing import Any

from . import dates
from .actors import find_actor
from .sql import has_table, polarity, rows, source_of

TOP_SPEAKERS = 5


def compare_actor(store_or_conn: Any, query: str) -> dict[str, Any]:
    """The comparison for the actor `query` names (UsageError E420 if none does)."""
    conn: sqlite3.Connection = getattr(store_or_conn, "connection", store_or_conn)
    actor = find_actor(conn, query)
    actor_id = actor["actor_id"]
    articles = {a["article_id"]: a for a in rows(conn, "SELECT article_id, outlet, title, date FROM articles")}
    groups: dict[str, dict[str, Any]] = {}

    def group(article_id: str) -> dict[str, Any]:
        article = articles[article_id]
        key = source_of(article)
        g = groups.setdefault(key, {
            "outlet": key, "articles": {}, "mentions": 0, "labels": [], "tone": {},
            "quoted": 0, "top_speakers": [],
        })
        g["articles"].setdefault(article_id, {"article_id": article_id, "title": article["title"], "date": article["date"]})
        return g

    for m in rows(conn, "SELECT article_id, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY article_id", (actor_id,)):
        group(m["article_id"])["mentions"] += m["n"]

    has_labels = has_table(conn, "labels")
    if has_labels:
        _labels(conn, actor_id, group)
    has_tones = has_table(conn, "tones")
    if has_tones:
        _tones(conn, actor_id, group)
    _quotes(conn, actor_id, articles, group, groups)

    outlets = sorted(groups.values(), key=lambda g: (-g["mentions"], g["outlet"]))
    for g in outlets:
        g["articles"] = sorted(g["articles"].values(), key=lambda a: dates.sort_key(a["date"]))
    return {"actor": actor, "outlets": outlets, "has_labels": has_labels, "has_tones": has_tones}


def _labels(conn: sqlite3.Connection, actor_id: str, group) -> None:
    found = rows(
        conn,
        'SELECT l.article_id, l.sentence, l.label, l.kind, l.polarity, l.voice, l.speaker_id, '
        'COALESCE(s.name, l.speaker_name) AS speaker_name, t.text AS evidence FROM labels AS l '
        'LEFT JOIN actors AS s ON s.actor_id = l.speaker_id '
        'LEFT JOIN sentences AS t ON t.article_id = l.article_id AND t.idx = l.sentence '
        'WHERE l.actor_id = ? ORDER BY l.article_id, l.idx',
        (actor_id,),
    )
    per_group: dict[int, dict[tuple, dict[str, Any]]] = defaultdict(dict)
    owners: dict[int, dict[str, Any]] = {}
    for row in found:
        g = group(row["article_id"])
        owners[id(g)] = g
        key = (row["label"].casefold(), row["voice"], row["speaker_id"])
        entry = per_group[id(g)].setdefault(key, {
            "label": row["label"], "kind": row["kind"], "polarity": polarity(row["polarity"]),
            "voice": row["voice"], "speaker_id": row["speaker_id"], "speaker": row["speaker_name"],
            "count": 0, "articles": [], "evidence": [],
        })
        entry["count"] += 1
        if row["article_id"] not in entry["articles"]:
            entry["articles"].append(row["article_id"])
        if row["evidence"] and row["evidence"] not in entry["evidence"] and len(entry["evidence"]) < 3:
            entry["evidence"].append(row["evidence"])
    for gid, entries in per_group.items():
        owners[gid]["labels"] = sorted(entries.values(), key=lambda e: (e["voice"] != "author", -e["count"], e["label"].casefold()))


def _tones(conn: sqlite3.Connection, actor_id: str, group) -> None:
    found = rows(
        conn,
        "SELECT article_id, voice, speaker_id, mentions, score, negative, neutral, positive "
        "FROM tones WHERE actor_id = ? ORDER BY article_id",
        (actor_id,),
    )
    sums: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    per_article: dict[int, dict[str, dict[str, list[float]]]] = defaultdict(lambda: defaultdict(dict))
    owners: dict[int, dict[str, Any]] = {}
    for row in found:
        g = group(row["article_id"])
        owners[id(g)] = g
        voice = "author" if row["voice"] == "author" else "quoted"
        total = sums[id(g)][voice]
        n = row["mentions"] or 0
        total["mentions"] += n
        total["weighted"] += (row["score"] or 0.0) * n
        for side in ("negative", "neutral", "positive"):
            total[side] += row[side] or 0
        article = per_article[id(g)][voice].setdefault(row["article_id"], [0.0, 0.0])
        article[0] += (row["score"] or 0.0) * n
        article[1] += n
    for gid, voices in sums.items():
        tone = {}
        for voice, t in voices.items():
            articles = [(w, n) for w, n in per_article[gid][voice].values() if n]
            low, high = tone_interval(articles)
            tone[voice] = {
                "mentions": int(t["mentions"]), "articles": len(articles),
                "score": round(t["weighted"] / t["mentions"], 3) if t["mentions"] else None,
                "low": low, "high": high,
                "negative": int(t["negative"]), "neutral": int(t["neutral"]), "positive": int(t["positive"]),
            }
        owners[gid]["tone"] = tone


# Resamples of the bootstrap and its seed: fixed, so a comparison reads the same each run.
RESAMPLES, SEED = 2000, 14


def tone_interval(articles: list[tuple[float, float]], level: float = 0.95,
                  resamples: int = RESAMPLES, seed: int = SEED) -> tuple[float | None, float | None]:
    """A percentile bootstrap interval of the mention-weighted mean tone, resampling articles.

    `articles` holds (sum of mention scores, mentions) per article. Articles, not
    mentions, are resampled: mentions of one actor in one article share a writer, a
    story and often a sentence, so treating them as independent would make the
    interval far too narrow. The bootstrap keeps the statistic the table shows (the
    mean over mentions) where a t-interval would need the unweighted mean of article
    means, and needs no normality of scores bounded in [-1, 1]. Seeded, so the same
    store gives the same interval. None below two articles: one article is no sample
    of an outlet. With few articles (under ten or so) percentile intervals run narrow.
    """
    if len(articles) < 2:
        return None, None
    import numpy as np

    sums = np.array([a for a, _ in articles], dtype=np.float64)
    counts = np.array([n for _, n in articles], dtype=np.float64)
    means = bootstrap_means(sums, counts, resamples, seed)
    tail = (1.0 - level) / 2
    return round(float(np.quantile(means, tail)), 3), round(float(np.quantile(means, 1 - tail)), 3)


def bootstrap_means(sums, counts, resamples: int = RESAMPLES, seed: int = SEED):
    """Mention-weighted means of `resamples` resamples of the articles (NumPy arrays)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(sums), size=(resamples, len(sums)))
    return sums[pick].sum(axis=1) / counts[pick].sum(axis=1)


def tone_difference(a: list[tuple[float, float]], b: list[tuple[float, float]], level: float = 0.95,
                    resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    """Whether two outlets' tones differ: the bootstrap interval of the difference a − b.

    Each side's articles are resampled on their own (the outlets are independent
    samples); the difference is significant at `level` when its interval excludes 0.
    `p` is the two-sided bootstrap p-value (twice the smaller tail share past 0).
    """
    import numpy as np

    if len(a) < 2 or len(b) < 2:
        return {"difference": None, "low": None, "high": None, "p": None, "significant": False}
    def arr(xs, k):
        return np.array([x[k] for x in xs], dtype=np.float64)

    da = bootstrap_means(arr(a, 0), arr(a, 1), resamples, seed)
    db = bootstrap_means(arr(b, 0), arr(b, 1), resamples, seed + 1)
    diff = da - db
    point = arr(a, 0).sum() / arr(a, 1).sum() - arr(b, 0).sum() / arr(b, 1).sum()
    tail = (1.0 - level) / 2
    low, high = float(np.quantile(diff, tail)), float(np.quantile(diff, 1 - tail))
    p = min(1.0, 2 * min(float((diff <= 0).mean()), float((diff >= 0).mean())))
    return {"difference": round(float(point), 3), "low": round(low, 3), "high": round(high, 3), "p": round(p, 4),
            "significant": low > 0 or high < 0}


def article_tones(conn: sqlite3.Connection, actor_id: str, voice: str = "author") -> dict[str, list[tuple[float, float]]]:
    """Outlet → (sum of mention scores, mentions) per article, for one voice: the input
    of `tone_interval` and `tone_difference`."""
    articles = {a["article_id"]: a for a in rows(conn, "SELECT article_id, outlet FROM articles")}
    clause = "voice = 'author'" if voice == "author" else "voice != 'author'"
    per: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for row in rows(conn, f"SELECT article_id, mentions, score FROM tones WHERE actor_id = ? AND {clause} "
                          "ORDER BY article_id", (actor_id,)):
        n = row["mentions"] or 0
        if not n:
            continue
        acc = per[source_of(articles[row["article_id"]])].setdefault(row["article_id"], [0.0, 0.0])
        acc[0] += (row["score"] or 0.0) * n
        acc[1] += n
    return {outlet: [(w, n) for w, n in arts.values()] for outlet, arts in per.items()}


def _quotes(conn: sqlite3.Connection, actor_id: str, articles, group, groups) -> None:
    speakers_by_group: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for q in rows(conn, "SELECT article_id, speaker_id, speaker_name FROM quotes WHERE speaker_id IS NOT NULL"):
        if q["speaker_id"] == actor_id:
            group(q["article_id"])["quoted"] += 1
        key = source_of(articles[q["article_id"]])
        speakers_by_group[key][q["speaker_id"]] += 1
        names[q["speaker_id"]] = q["speaker_name"] or q["speaker_id"]
    for key, g in groups.items():
        g["top_speakers"] = [
            {"speaker_id": s, "name": names[s], "quotes": n}
            for s, n in sorted(speakers_by_group[key].items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
        ]
