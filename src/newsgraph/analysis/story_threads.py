"""Threads: stories on one topic, followed through time.

A story's topic is its profile of distinctive words and named actors (the sum of
its articles' vectors, normalised). Stories are taken in date order; each joins the
thread whose recent stories it is closest to, when that closeness reaches
`SAME_THREAD`, or opens a thread. Comparing with a thread's last `RECENT` stories,
not its whole history, lets a topic drift the way news does (a fishing accord, then
the quarrel over its quotas) without one sprawling thread absorbing every story
that shares a common word. Which countries appear together plays no part: two
stories about the US and China can be a trade war and a pandemic.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from . import dates, tfidf

SAME_THREAD = 0.28
RECENT = 4
PROFILE_TERMS = 40
ACTOR_WEIGHT = 0.6
# Lookup: a thread is found through its recent profile's strongest terms; a term
# that indexes very many threads ("trump") finds nothing particular.
INDEX_TERMS = 12
MAX_POSTINGS = 300
CANDIDATES = 40


def profile(body_vectors: list[tfidf.Vector], actors: list[dict[str, float]]) -> tfidf.Vector:
    """A story's topic: its articles' words and (down-weighted) actors, summed and normalised."""
    total: Counter = Counter()
    for vec in body_vectors:
        total.update(vec)
    named: Counter = Counter()
    for weights in actors:
        named.update(weights)
    norm = math.sqrt(sum(v * v for v in named.values())) or 1.0
    for actor, w in named.items():
        total["@" + actor] += ACTOR_WEIGHT * w / norm * len(body_vectors)
    return tfidf.truncated(_normalised(total), PROFILE_TERMS)


def _normalised(vec: dict) -> dict:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def threads(stories: list[dict[str, Any]], profiles: dict[str, tfidf.Vector]) -> list[dict[str, Any]]:
    """Threads of stories, each with its stories oldest first and what they share.

    A thread is looked up through the strongest terms of its recent profile, and a
    story consults at most `CANDIDATES` threads (those sharing most of its strongest
    terms), so the work grows with the number of stories, not with its square.
    """
    ordered = sorted(stories, key=lambda s: (dates.sort_key(s["first_date"]), s["story_id"]))
    groups: list[dict[str, Any]] = []
    by_term: dict[str, set[int]] = defaultdict(set)
    for story in ordered:
        sid = story["story_id"]
        mine = profiles[sid]
        shared: Counter = Counter()
        for t in tfidf.top_terms(mine, INDEX_TERMS):
            if len(by_term[t]) <= MAX_POSTINGS:
                shared.update(by_term[t])
        best, best_score = None, 0.0
        for i, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]:
            closeness = tfidf.cosine(groups[i]["recent"], mine)
            if closeness >= SAME_THREAD and closeness > best_score:
                best, best_score = i, closeness
        if best is None:
            groups.append({"members": [], "words": Counter(), "closeness": [], "recent": {}, "keys": set()})
            best = len(groups) - 1
        group = groups[best]
        group["members"].append(story)
        group["closeness"].append(round(best_score, 3))
        group["words"].update(mine)
        recent: Counter = Counter()
        for other in group["members"][-RECENT:]:
            recent.update(profiles[other["story_id"]])
        group["recent"] = _normalised(recent)
        keys = set(tfidf.top_terms(group["recent"], INDEX_TERMS))
        for t in group["keys"] - keys:
            by_term[t].discard(best)
        for t in keys:
            by_term[t].add(best)
        group["keys"] = keys
    return sorted((_thread(g) for g in groups), key=lambda t: (-len(t["stories"]), dates.sort_key(t["first_date"])))


def _thread(group: dict[str, Any]) -> dict[str, Any]:
    members = group["members"]
    shared: Counter = Counter()
    for s in members:
        shared.update({tuple(d["pair"]) for d in s["dyads"]})
    known = [s["first_date"] for s in members if s["first_date"]]
    words = [t for t, _ in sorted(group["words"].items(), key=lambda item: (-item[1], item[0])) if not t.startswith("@")]
    return {
        "thread_id": _stable_id([s["story_id"] for s in members]),
        "stories": [s["story_id"] for s in members],
        "timeline": [{"story_id": s["story_id"], "date": s["first_date"], "label": s["label"], "closeness": c}
                     for s, c in zip(members, group["closeness"])],
        "terms": words[:8],
        "label": ", ".join(words[:4]),
        "dyads": [list(d) for d, n in shared.most_common() if n >= 2 or len(members) == 1][:5],
        "first_date": min(known) if known else None,
        "last_date": max(s["last_date"] for s in members if s["last_date"]) if known else None,
    }


def _stable_id(keys: list[str]) -> str:
    import hashlib

    return "t-" + hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:8]
