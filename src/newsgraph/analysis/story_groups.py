"""Stories from scored pairs: merged best pair first, without chaining unrelated events.

Single-link grouping (join any two articles whose pair clears the bar) chains: an
article on two events bridges their stories, and a busy week becomes one blob. Here
pairs are taken best first and two groups merge only when most of the article pairs
across them are at least near-related (average-link in spirit: `COHESION`) and the
merged story spans at most `MAX_SPAN_DAYS`. A merge refused for either reason is kept
as a near miss with its reason, next to the pairs that fell just under the bar.
"""

from __future__ import annotations

from .story_features import ArticleFeatures
from .story_pairs import NEAR_MISS

COHESION = 0.5
MAX_SPAN_DAYS = 7


class Groups:
    """Articles in groups, each group with its members and the dates it spans."""

    def __init__(self, docs: dict[str, ArticleFeatures]) -> None:
        self.group = {k: k for k in docs}
        self.members = {k: [k] for k in docs}
        self.span = {k: (d.lo, d.hi) for k, d in docs.items()}

    def merged_span(self, a: str, b: str) -> tuple[int | None, int | None]:
        (lo1, hi1), (lo2, hi2) = self.span[a], self.span[b]
        los = [x for x in (lo1, lo2) if x is not None]
        his = [x for x in (hi1, hi2) if x is not None]
        return (min(los) if los else None, max(his) if his else None)

    def merge(self, a: str, b: str) -> None:
        keep, gone = sorted((a, b))
        self.span[keep] = self.merged_span(a, b)
        for k in self.members[gone]:
            self.group[k] = keep
        self.members[keep].extend(self.members.pop(gone))
        del self.span[gone]


def group(docs: dict[str, ArticleFeatures], pairs: list[dict]) -> tuple[list[list[str]], list[dict], dict[str, dict]]:
    """(stories as lists of article ids, near misses, the pair that brought each article in)."""
    score = {(p["a"], p["b"]): p for p in pairs}
    groups = Groups(docs)
    joined_by: dict[str, dict] = {}
    refused: list[dict] = []
    refusals: dict[tuple, str] = {}
    for p in pairs:
        if not p["same_story"]:
            continue
        ga, gb = groups.group[p["a"]], groups.group[p["b"]]
        if ga == gb:
            continue
        # A refusal stands until one of the two groups changes (its size is its version):
        # without this, every pair across two big groups would redo the same count.
        version = (ga, gb, len(groups.members[ga]), len(groups.members[gb]))
        if version not in refusals:
            refusals[version] = _refusal(groups, ga, gb, score) or ""
        why = refusals[version]
        if why:
            refused.append({**p, "refused": why})
            continue
        # The article that joins is the one from the smaller group (the later one when
        # both stand alone), so the earliest report reads as the story's start.
        newcomer = max((p["a"], p["b"]), key=lambda k: (-len(groups.members[groups.group[k]]),
                                                        docs[k].lo if docs[k].lo is not None else 1 << 30, k))
        joined_by[newcomer] = p
        groups.merge(ga, gb)
    near = [p for p in pairs if not p["same_story"] and p["score"] >= p["bar"] - NEAR_MISS
            and groups.group[p["a"]] != groups.group[p["b"]]]
    near += [p for p in refused if groups.group[p["a"]] != groups.group[p["b"]]]
    near.sort(key=lambda p: (-p["score"], p["a"], p["b"]))
    return list(groups.members.values()), near, joined_by


def _refusal(groups: Groups, ga: str, gb: str, score: dict) -> str | None:
    """Why two groups may not merge, or None when they may."""
    lo, hi = groups.merged_span(ga, gb)
    if lo is not None and hi is not None and hi - lo > MAX_SPAN_DAYS:
        return f"the merged story would span {hi - lo} days"
    xs, ys = groups.members[ga], groups.members[gb]
    if len(xs) * len(ys) == 1:
        return None
    related = 0
    for x in xs:
        for y in ys:
            p = score.get((x, y) if x < y else (y, x))
            related += p is not None and p["score"] >= p["bar"] - NEAR_MISS
    if related < COHESION * len(xs) * len(ys):
        return f"only {related} of {len(xs) * len(ys)} article pairs across the two groups are related"
    return None
