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
import itertools
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
    deltas: dict[Day, float] = {lo: 0.0, hi + _ONE: 0.0}
    for item in evidence:
        for a, b in _merged(item.spans):
            if a <= hi and b >= lo:
                first, after = max(a, lo), min(b, hi) + _ONE
                deltas[first] = deltas.get(first, 0.0) + item.weight
                deltas[after] = deltas.get(after, 0.0) - item.weight
    points = sorted(deltas)
    scored, score = [], 0.0
    for a, b in itertools.pairwise(points):
        score += deltas[a]  # the weight of the evidence allowing the days a .. b-1
        scored.append(((a, b - _ONE), score))
    best = max((value for _, value in scored), default=0.0)
    if best <= 1e-9:
        return None
    chosen = [span for span, value in scored if value > 1e-9 and value >= best - margin - 1e-9]
    first, last = chosen[0][0], chosen[-1][1]
    used = [item for item in evidence if any(_overlaps(item.spans, a, b) for a, b in chosen)]
    return (first, last), used


def _merged(spans: tuple[Interval, ...]) -> list[Interval]:
    """An item's spans, overlapping ones joined, so no day counts its weight twice."""
    out: list[Interval] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + _ONE:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _overlaps(spans: tuple[Interval, ...], first: Day, last: Day) -> bool:
    return any(a <= last and first <= b for a, b in spans)
