"""Weigh date evidence: the days most of it agrees on.

Each piece of evidence is a set of day intervals the publication date may lie in, with
a weight ("written after 2019-01-10", "while Bolton was national security adviser",
"within weeks of the latest date it names"). Evidence can conflict — a title used in a
look back ("President Obama signed the law"), a future year with no future word — so
instead of intersecting everything, a sweep over the interval ends finds the days where
the total weight of the evidence that allows them is greatest. The estimate is the
span of those days: one interval if they are contiguous, their hull otherwise.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from newsgraph.ingest.dating.edtf import Day, Interval

_ONE = _dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason the date lies in `spans`: `kind` names the mechanism, `text` the words."""

    kind: str
    text: str
    spans: tuple[Interval, ...]
    weight: float

    def allows(self, first: Day, last: Day) -> bool:
        return any(a <= first and last <= b for a, b in self.spans)


def weigh(evidence: list[Evidence], domain: Interval, margin: float = 0.0) -> tuple[Interval, list[Evidence]] | None:
    """The days within `domain` that the heaviest agreeing evidence allows, and that
    evidence; None when no evidence falls within the domain. Days supported within
    `margin` of the heaviest are kept too: a reading nearly as well supported is not
    ruled out."""
    lo, hi = domain
    cuts = {lo, hi + _ONE}
    for item in evidence:
        for a, b in item.spans:
            if a <= hi and b >= lo:
                cuts.update((max(a, lo), min(b, hi) + _ONE))
    points = sorted(cuts)
    scored = []
    for a, b in zip(points, points[1:]):
        first, last = a, b - _ONE
        scored.append(((first, last), sum(item.weight for item in evidence if item.allows(first, last))))
    best = max((score for _, score in scored), default=0.0)
    if best <= 0:
        return None
    chosen = [span for span, score in scored if score > 0 and score >= best - margin - 1e-9]
    first, last = chosen[0][0], chosen[-1][1]
    used = [item for item in evidence if any(item.allows(a, b) for a, b in chosen)]
    return (first, last), used
