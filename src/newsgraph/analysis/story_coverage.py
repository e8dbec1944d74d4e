"""What a reader asks of a story: what happened, where, when, and who else covered it.

The label names the event by its most central article's headline (the one closest
to all the others), the place most often named across the story, and its dates.
Coverage lists each outlet with its articles, who published first, the left /
centre / right mix (AllSides' `bias_text`, when the store has it), and the outlets
that were publishing in those days but not on this story: the "who did not" that
makes a blindspot visible.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from . import dates
from .story_features import ArticleFeatures

SIDES = ("left", "center", "right")
_SIDE = {"left": "left", "lean left": "left", "center": "center", "centre": "center",
         "right": "right", "lean right": "right"}
MAX_ABSENT = 12


def side(bias: str | None) -> str | None:
    """left, center or right from an AllSides-style rating (lean left counts as left)."""
    return _SIDE.get((bias or "").strip().casefold())


def central(keys: list[str], pair_score: dict[tuple[str, str], float]) -> str:
    """The member most related to the others (ties: the earliest listed)."""
    def total(k: str) -> float:
        return sum(pair_score.get((k, o) if k < o else (o, k), 0.0) for o in keys if o != k)

    return max(keys, key=lambda k: (total(k), -keys.index(k)))


def label(keys: list[str], docs: dict[str, ArticleFeatures], center: str) -> dict[str, Any]:
    """A one-line label with its parts: what (a headline), where (a place), when (dates)."""
    what = docs[center].row["title"] or "untitled"
    # The place most articles name (then the most named): one article's aside about
    # another city should not locate the story.
    named_by: Counter = Counter()
    times: Counter = Counter()
    for k in keys:
        named_by.update(set(docs[k].places))
        times.update(docs[k].places)
    where = min(named_by, key=lambda p: (-named_by[p], -times[p], p)) if named_by else None
    known = sorted(d for d in (docs[k].row["date"] for k in keys) if dates.parse(d))
    when = None if not known else known[0] if known[0] == known[-1] else f"{known[0]} to {known[-1]}"
    line = " — ".join(x for x in (what, where, when or "undated") if x)
    return {"label": line, "what": what, "where": where, "when": when}


class Activity:
    """Which outlets published on which days: who could have covered a story and did not."""

    def __init__(self, docs: dict[str, ArticleFeatures]) -> None:
        self.by_day: dict[int, set[str]] = defaultdict(set)
        self.side: dict[str, str | None] = {}
        for d in docs.values():
            outlet = d.row["outlet"]
            if not outlet:
                continue
            self.side.setdefault(outlet, side(d.bias))
            if d.lo is not None and d.lo == d.hi:
                self.by_day[d.lo].add(outlet)

    def active(self, lo: int | None, hi: int | None, margin: int = 1) -> set[str]:
        if lo is None or hi is None:
            return set()
        out: set[str] = set()
        for day in range(lo - margin, hi + margin + 1):
            out |= self.by_day.get(day, set())
        return out


def coverage(keys: list[str], docs: dict[str, ArticleFeatures], activity: Activity) -> dict[str, Any]:
    """Who covered the story (first, and by side) and who was publishing but did not."""
    outlets: dict[str, dict[str, Any]] = {}
    for k in keys:
        row = docs[k].row
        entry = outlets.setdefault(row["source"], {"outlet": row["source"], "side": side(docs[k].bias),
                                                   "bias": docs[k].bias, "articles": []})
        entry["articles"].append(k)
    dated = [k for k in keys if docs[k].lo is not None]
    first = min(dated, key=lambda k: (docs[k].lo, docs[k].row["date"]), default=None)
    mix = Counter(e["side"] or "unknown" for e in outlets.values())
    los = [docs[k].lo for k in dated]
    his = [docs[k].hi for k in dated]
    absent = sorted(activity.active(min(los, default=None), max(his, default=None)) - set(outlets))
    covered = {s for s in SIDES if mix.get(s)}
    return {
        "outlets": sorted(outlets.values(), key=lambda e: (e["outlet"])),
        "first": None if first is None else {"outlet": docs[first].row["source"], "date": docs[first].row["date"],
                                             "article_id": first},
        "sides": {s: mix.get(s, 0) for s in SIDES} | ({"unknown": mix["unknown"]} if mix.get("unknown") else {}),
        "sides_missing": [s for s in SIDES if s not in covered] if covered else [],
        "blindspot": (covered == {"left"} or covered == {"right"}) and len(outlets) > 1,
        "not_covering": [{"outlet": o, "side": activity.side.get(o)} for o in absent[:MAX_ABSENT]],
        "not_covering_total": len(absent),
    }
