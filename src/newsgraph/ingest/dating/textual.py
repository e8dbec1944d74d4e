"""Evidence of the publication date from the dates an article's text mentions.

News is written after what it reports, and soon after: a date the text names as past
(not "will vote on May 5", not "by 2030") bounds the publication from below, and the
latest such dates are usually days or weeks old. So each past date gives two pieces of
evidence: "on or after it" and, lighter, "within a recency window after it" (window
widths measured on AllSides articles, docs/dates.md). A month-day without its year
("on July 29", a dateline's "Aug 19") allows that day in every year, and the other
evidence (an office holder's tenure, a full date) picks the year; a weekday stated
with it ("on Friday, March 1") keeps only the years where it falls on that weekday.
"""

from __future__ import annotations

import datetime as _dt

from newsgraph.ingest.dates import TextDates
from newsgraph.ingest.dating.edtf import LATEST, Day, Interval, part_bounds
from newsgraph.ingest.dating.weigh import Evidence

# Weight of "on or after" and of "soon after" for each kind of mention: bare years are
# as often history or a future with no future word as the news, full dates seldom. A
# year or a month named alone says nothing of recency: on AllSides (dev seed 1) giving
# them a recency window made 0.53 of intervals contain the true day, against 0.73
# without (docs/dates.md).
AFTER = {"date": 1.0, "month": 1.0, "year": 0.5, "month-day": 1.0, "month-name": 0.5}
RECENT = {"date": 1.0, "month": 0.0, "year": 0.0, "month-day": 1.0, "month-name": 0.5}
# How long after the named date (or its month/year's end) "soon after" lasts, in days.
WINDOW = {"date": 45, "month": 60, "year": 365, "month-day": 45, "month-name": 60}
STATED_WEIGHT = 3.0  # a stated day without its year (a dateline's "Aug 19")
FIRST_YEAR = 1990  # a month-day without a year is read as one of these years' days


def mention_evidence(context: TextDates, today: Day) -> list[Evidence]:
    """Evidence from every past date mention of the text."""
    out = []
    for m in context.mentions:
        if not m.precision or not context.anchors_past(m):
            continue
        if m.kind in ("date", "month", "year"):
            found = part_bounds(m.value)
            if found:
                out.extend(_after_and_soon(m.kind, m.text, [found]))
        elif m.kind in ("month-day", "month-name"):
            allowed, constraint = context.weekdays_for(m) if m.kind == "month-day" else (None, ())
            spans = _every_year(m.value, today, allowed)
            text = " / ".join((m.text, *constraint))
            out.extend(_after_and_soon(m.kind, text, spans, yearless=True))
    return out


def stated_day_evidence(value: str, text: str, today: Day) -> Evidence | None:
    """A stated day without its year ("XXXX-08-19"): that day, in some year."""
    spans = [(first, first) for first, _ in _every_year(value, today, None)]
    return Evidence("stated-day", text, tuple(spans), STATED_WEIGHT) if spans else None


def _after_and_soon(kind: str, text: str, spans: list[Interval], yearless: bool = False) -> list[Evidence]:
    window = _dt.timedelta(days=WINDOW[kind])
    suffix = "-yearless" if yearless else ""
    after = tuple((first, LATEST) for first, _ in spans) if not yearless else ()
    soon = tuple((first, last + window) for first, last in spans)
    if not after:
        return [Evidence("soon-after" + suffix, text, soon, RECENT[kind] + AFTER[kind])]
    out = [Evidence("after", text, after, AFTER[kind])]
    return out + ([Evidence("soon-after", text, soon, RECENT[kind])] if RECENT[kind] else [])


def _every_year(value: str, today: Day, weekdays: set[int] | None) -> list[Interval]:
    """The days "XXXX-MM-DD" or "XXXX-MM" may mean, FIRST_YEAR to today."""
    out = []
    for year in range(FIRST_YEAR, today.year + 1):
        found = part_bounds(f"{year:04d}{value[4:]}")
        if found is None or found[0] > today:
            continue
        if weekdays is not None and found[0].weekday() not in weekdays:
            continue
        out.append(found)
    return out


__all__ = ["mention_evidence", "stated_day_evidence"]
