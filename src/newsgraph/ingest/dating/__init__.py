"""An article's publication date from evidence, weighed, as an EDTF date or interval.

Strongest first (`ingest.article` applies the first two): the user's --date, the
input's metadata, a day in the URL's path, a byline's date, and a date the text states
as its own (a "Published:" line, a dateline with its year). Without those the date is
inferred (`infer_date`) from everything the text implies — office holders named with
their titles (`offices`), the dates it names as past and how recent news is
(`textual`), a stated day without its year — weighed (`weigh`) into the narrowest
interval the heaviest agreeing evidence allows, inside the month a URL names when it
names only a month. The evidence used is kept, so a reader can audit the date.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.ingest.dates import TextDates, infer_publication_date
from newsgraph.ingest.dating.edtf import (
    EARLIEST,
    LATEST,
    Day,
    bounds,
    label,
    representative_day,
)
from newsgraph.ingest.dating.offices import administrations, titled_names
from newsgraph.ingest.dating.textual import mention_evidence, stated_day_evidence
from newsgraph.ingest.dating.url import url_date
from newsgraph.ingest.dating.weigh import Evidence, weigh

__all__ = ["Dating", "Evidence", "bounds", "infer_date", "representative_day", "url_date"]

OFFICE_WEIGHT = 1.0
ADMINISTRATION_WEIGHT = 0.5  # "the Obama administration" is as often a look back as the news
OFFICE_CAP = 3
# Days supported within this weight of the best stay in the estimate: on AllSides (dev seed 1,
# no URL) 0.74 of intervals contained the true day with no margin, 0.80 with 0.5 (docs/dates.md).
MARGIN = 0.5  # mentions of one person counted at most (a profile repeats one name)


@dataclass(frozen=True, slots=True)
class Dating:
    """A publication date (EDTF), its precision ("day", "month", "year", "interval"),
    where it came from ("text", "inferred"), and the evidence that supports it."""

    date: str | None
    precision: str | None
    source: str | None
    evidence: tuple[dict, ...] = ()


def infer_date(
    text: str,
    *,
    stated: Sequence[str] = (),
    within: str | None = None,
    kb=None,
    today: Day | None = None,
) -> Dating:
    """The publication date of `text` from its own evidence.

    `stated` are lines the caller knows state the date (a dateline's date); `within` an
    EDTF date the publication is known to lie in (the month of a URL). A stated date with
    its year wins outright (source "text"); otherwise the evidence is weighed (source
    "inferred"). A day named without its year and nothing to place the year gives the
    EDTF "XXXX-MM-DD"; no evidence at all gives no date.
    """
    today = today or _dt.date.today()
    stated_estimate = infer_publication_date(text, stated=stated)
    if stated_estimate.source == "text" and not stated_estimate.date.startswith("XXXX"):
        found = bounds(stated_estimate.date)
        outside = within and found and not _inside(found, bounds(within))
        if not outside:
            evidence = ({"kind": "stated", "text": stated_estimate.evidence[0]},)
            return Dating(stated_estimate.date, stated_estimate.precision, "text", evidence)
    context = TextDates(text)
    evidence = mention_evidence(context, today)
    if stated_estimate.source == "text":
        day = stated_day_evidence(stated_estimate.date, stated_estimate.evidence[0], today)
        evidence += [day] if day else []
    evidence += _office_evidence(text, kb, today)
    domain = bounds(within) if within else (EARLIEST, today)
    domain = (domain[0], min(domain[1], today)) if domain else (EARLIEST, today)
    weighed = weigh(evidence, domain, MARGIN)
    if weighed is None:
        if within:
            return Dating(within, _precision(within), "url", ({"kind": "url", "text": within},))
        return _yearless(stated_estimate)
    (first, last), used = weighed
    if all(item.kind.endswith("-yearless") or item.kind == "stated-day" for item in used) and not within:
        return _yearless(stated_estimate)
    # an estimate that runs up to today is open-ended: nothing bounds it but the clock
    date, precision = label(first, last if last < today else LATEST)
    return Dating(date, precision, "inferred", tuple(_audit(item) for item in used))


def _office_evidence(text: str, kb, today: Day) -> list[Evidence]:
    counts: dict[tuple[str, ...], int] = {}
    out = []
    for found in titled_names(text, kb, today=today):
        counts[found.person_ids] = counts.get(found.person_ids, 0) + 1
        if counts[found.person_ids] <= OFFICE_CAP:
            out.append(Evidence("office", found.text, found.tenures, OFFICE_WEIGHT))
    for found in administrations(text, kb, today=today):
        key = ("administration", *found.person_ids)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= OFFICE_CAP:
            out.append(Evidence("administration", found.text, found.tenures, ADMINISTRATION_WEIGHT))
    return out


def _yearless(estimate) -> Dating:
    """The old reading of a month-day with no year to place it ("XXXX-07-29"), or nothing."""
    if estimate.date and estimate.date.startswith("XXXX") and estimate.precision == "day":
        return Dating(estimate.date, "day", estimate.source, tuple({"kind": "yearless", "text": t}
                                                                   for t in estimate.evidence))
    return Dating(None, None, None, ())


def _inside(inner, outer) -> bool:
    return outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _precision(value: str) -> str:
    return {4: "year", 7: "month"}.get(len(value), "day")


def _audit(item: Evidence) -> dict:
    """The evidence as meta keeps it: what, the words, and the days it allows."""
    spans = [label(a, b)[0] if b < LATEST else f"{a.isoformat()}/.." for a, b in item.spans[:3]]
    more = len(item.spans) - 3
    return {"kind": item.kind, "text": item.text, "allows": spans + ([f"+{more} more"] if more > 0 else []),
            "weight": item.weight}

