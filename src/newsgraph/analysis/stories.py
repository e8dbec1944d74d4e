"""Stories (articles about the same events) and threads (stories on one topic over time).

A story groups articles that report the same events: near-duplicates (shared
shingles, `minhash`), and articles whose dates allow one event and that share its
distinctive words (TF-IDF cosine, `tfidf`), its actors and its coded events (who
did what to whom). A thread links stories that keep returning to the same pairs
of states (dyads) across time, in words not foreign to each other, the way an
analyst follows "Russia and the US over Venezuela" through years of separate events.

Everything is computed on demand from the store; nothing is written back. Stories
are single-link over scored pairs (it can chain two stories through a bridging
article); threads grow in date order by closeness to the whole thread.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import dates, minhash, tfidf
from .actors import STATE_SECTORS
from .sql import kept_events, rows, source_of
from .text import content_words, shingles

# How much each kind of evidence counts towards "the same event", and the bar it
# must clear: lower when the dates agree, higher when a date is unknown; articles
# whose dates are apart are one story only when they are near-duplicates.
WEIGHTS = {"text": 0.6, "actors": 0.15, "dyads": 0.1, "events": 0.15}
SAME_STORY = {"agree": 0.30, "unknown": 0.45}
# Distinctive words alone suffice at this cosine: real coverage often resolves few
# actors or events, and two reports of one event still share its rare words.
SAME_STORY_TEXT = {"agree": 0.30, "unknown": 0.50}
# Up to this many articles every pair is scored; beyond, only pairs sharing top terms.
ALL_PAIRS = 600
NEAR_DUPLICATE = 0.6
# Threads: cosine of the stories' dyad profiles (TF-IDF over stories), counting only
# the pairs a story returns to (weight 2 or more: two sentences, or one coded event).
SAME_THREAD = 0.35
THREAD_WORDS = 0.10
CORE_DYAD = 2
# Who makes a pair of states: the state itself, its organs, its political contenders.
# A news agency or a company of another country quoted as a source makes none.
DYAD_SECTORS = STATE_SECTORS | {"OPP", "REB", "PTY", "ELI"}


@dataclass
class _Doc:
    article: dict[str, Any]
    words: list[str]
    actors: set[str] = field(default_factory=set)
    dyads: Counter[tuple[str, str]] = field(default_factory=Counter)
    events: set[tuple[str, str, str]] = field(default_factory=set)


def _load(conn: sqlite3.Connection) -> dict[str, _Doc]:
    docs: dict[str, _Doc] = {}
    for a in rows(conn, "SELECT article_id, outlet, title, date, text FROM articles ORDER BY rowid"):
        title = a.get("title") or ""
        docs[a["article_id"]] = _Doc(a, content_words(title) * 2 + content_words(a["text"]))
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in rows(conn, "SELECT article_id, sentence, actor_id, country, sector, kind FROM mentions"):
        doc = docs.get(m["article_id"])
        if doc is None or m["kind"] == "location":
            continue
        doc.actors.add(m["actor_id"])
        if m["country"] and (m["sector"] is None or m["sector"] in DYAD_SECTORS):
            by_sentence[(m["article_id"], m["sentence"])].add(m["country"])
    for (article_id, _), countries in by_sentence.items():
        ordered = sorted(countries)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1 :]:
                docs[article_id].dyads[(x, y)] += 1
    for e in rows(
        conn,
        "SELECT article_id, source_country, target_country, source_sector, target_sector, plover "
        f"FROM events WHERE {kept_events()}",
    ):
        doc = docs.get(e["article_id"])
        if doc is None:
            continue
        src, tgt = e["source_country"] or "?", e["target_country"] or "?"
        doc.events.add((e["plover"], src, tgt))
        political = all(x is None or x in DYAD_SECTORS for x in (e["source_sector"], e["target_sector"]))
        if src != "?" and tgt != "?" and src != tgt and political:
            doc.dyads[tuple(sorted((src, tgt)))] += 2  # type: ignore[index]
    return docs


def _jaccard(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def pair_score(x: _Doc, y: _Doc, vx: tfidf.Vector, vy: tfidf.Vector) -> dict[str, float]:
    """The evidence that two articles report the same events, part by part."""
    parts = {
        "text": tfidf.cosine(vx, vy),
        "actors": _jaccard(x.actors, y.actors),
        "dyads": _jaccard(set(x.dyads), set(y.dyads)),
        "events": _jaccard(x.events, y.events),
    }
    parts["score"] = sum(WEIGHTS[k] * v for k, v in parts.items())
    return {k: round(v, 3) for k, v in parts.items()}


class _Union:
    def __init__(self, keys) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k):
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list]:
        out: dict = defaultdict(list)
        for k in self.parent:
            out[self.find(k)].append(k)
        return list(out.values())


def _stable_id(prefix: str, keys: list[str]) -> str:
    return prefix + hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:8]


def _dyad_vectors(profiles: dict[str, Counter]) -> dict[str, dict]:
    """TF-IDF over stories of their dyad counts: a dyad in every story counts least."""
    df: Counter = Counter()
    for counts in profiles.values():
        df.update(set(counts))
    n = len(profiles)
    out = {}
    for key, counts in profiles.items():
        vec = {d: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[d])) + 1) for d, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[key] = {d: v / norm for d, v in vec.items()}
    return out


def find_stories(store_or_conn: Any) -> dict[str, Any]:
    """Stories and threads of a store, with the evidence that joined them.

    Returns `{"stories": [...], "threads": [...], "pairs": [...]}`: each story its
    articles (outlet, date, title), its near-duplicate pairs, top actors and dyads;
    each thread its stories in date order and the dyads they share; `pairs` the
    scored article pairs that were considered (for audit).
    """
    conn = getattr(store_or_conn, "connection", store_or_conn)
    docs = _load(conn)
    vecs = tfidf.vectors({k: d.words for k, d in docs.items()})
    union = _Union(docs)
    duplicates = minhash.near_duplicates(
        {k: shingles(d.article["text"]) for k, d in docs.items()}, threshold=NEAR_DUPLICATE
    )
    for x, y, _ in duplicates:
        union.join(x, y)
    candidates = tfidf.candidate_pairs(vecs) if len(docs) > ALL_PAIRS else {
        (x, y) for i, x in enumerate(sorted(docs)) for y in sorted(docs)[i + 1 :]
    }
    pairs = []
    for x, y in sorted(candidates):
        relation = dates.relation(docs[x].article["date"], docs[y].article["date"])
        score = pair_score(docs[x], docs[y], vecs[x], vecs[y])
        same = relation in SAME_STORY and (
            score["score"] >= SAME_STORY[relation] or score["text"] >= SAME_STORY_TEXT[relation]
        )
        pairs.append({"a": x, "b": y, "dates": relation, **score, "same_story": same})
        if same:
            union.join(x, y)
    stories = [_story(sorted(g, key=lambda k: dates.sort_key(docs[k].article["date"])), docs, vecs, duplicates)
               for g in union.groups()]
    stories.sort(key=lambda s: (dates.sort_key(s["first_date"]), s["story_id"]))
    words = {}
    for story in stories:
        centroid: Counter = Counter()
        for a in story["articles"]:
            centroid.update(vecs[a["article_id"]])
        words[story["story_id"]] = _normalised(centroid)
    return {"stories": stories, "threads": _threads(stories, words), "pairs": pairs}


def _story(keys: list[str], docs: dict[str, _Doc], vecs: dict, duplicates: list) -> dict[str, Any]:
    actors: Counter = Counter()
    dyads: Counter = Counter()
    terms: Counter = Counter()
    events: Counter = Counter()
    for k in keys:
        actors.update(docs[k].actors)
        dyads.update(docs[k].dyads)
        events.update(plover for plover, _, _ in docs[k].events)
        for t, v in vecs[k].items():
            terms[t] += v
    known = [docs[k].article["date"] for k in keys if dates.parse(docs[k].article["date"])]
    inside = set(keys)
    return {
        "story_id": _stable_id("s-", keys),
        "articles": [
            {"article_id": k, "outlet": docs[k].article["outlet"], "source": source_of(docs[k].article),
             "date": docs[k].article["date"], "title": docs[k].article["title"]}
            for k in keys
        ],
        "first_date": min(known) if known else None,
        "last_date": max(known) if known else None,
        "terms": [t for t, _ in terms.most_common(8)],
        "actors": [a for a, _ in actors.most_common(8)],
        "event_types": [e for e, _ in events.most_common(5)],
        "dyads": [{"pair": list(d), "weight": n} for d, n in sorted(dyads.items(), key=lambda item: (-item[1], item[0]))[:6]],
        "near_duplicates": [[x, y, s] for x, y, s in duplicates if x in inside and y in inside],
    }


def _normalised(vec: dict) -> dict:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def _threads(stories: list[dict[str, Any]], words: dict[str, tfidf.Vector]) -> list[dict[str, Any]]:
    """Stories in date order, each joining the most similar thread so far or opening one.

    A story joins a thread when its dyad profile is close to the thread's (cosine ≥
    SAME_THREAD) and its words are not foreign to the thread's (cosine ≥ THREAD_WORDS).
    Comparing with the thread as a whole, not with any one member, keeps one story
    that shares a pair with two topics from chaining them together.
    """
    profiles = {
        s["story_id"]: Counter({tuple(d["pair"]): d["weight"] for d in s["dyads"] if d["weight"] >= CORE_DYAD})
        for s in stories
    }
    dyad_vecs = _dyad_vectors(profiles)
    ordered = sorted(stories, key=lambda s: (dates.sort_key(s["first_date"]), s["story_id"]))
    groups: list[dict[str, Any]] = []
    by_dyad: dict[tuple, set[int]] = defaultdict(set)
    for story in ordered:
        sid = story["story_id"]
        mine = dyad_vecs[sid]
        best, best_score = None, 0.0
        for i in sorted(set().union(*(by_dyad[d] for d in mine))) if mine else ():
            group = groups[i]
            d = tfidf.cosine(_normalised(group["dyads"]), mine)
            w = tfidf.cosine(_normalised(group["words"]), words[sid])
            if d >= SAME_THREAD and w >= THREAD_WORDS and d + w > best_score:
                best, best_score = i, d + w
        if best is None:
            groups.append({"members": [], "dyads": Counter(), "words": Counter()})
            best = len(groups) - 1
        group = groups[best]
        group["members"].append(story)
        group["dyads"].update(mine)
        group["words"].update(words[sid])
        for d in mine:
            by_dyad[d].add(best)
    threads = []
    for group in groups:
        members = group["members"]
        shared: Counter = Counter()
        for s in members:
            shared.update({tuple(d["pair"]) for d in s["dyads"] if d["weight"] >= CORE_DYAD})
        common = [list(d) for d, n in shared.most_common() if n == len(members) or n >= 2][:5]
        known = [s["first_date"] for s in members if s["first_date"]]
        threads.append({
            "thread_id": _stable_id("t-", [s["story_id"] for s in members]),
            "stories": [s["story_id"] for s in members],
            "dyads": common,
            "terms": [t for t, _ in sorted(group["words"].items(), key=lambda item: (-item[1], item[0]))[:8]],
            "first_date": min(known) if known else None,
            "last_date": max(s["last_date"] for s in members if s["last_date"]) if known else None,
        })
    threads.sort(key=lambda t: (-len(t["stories"]), dates.sort_key(t["first_date"])))
    return threads
