"""EDTF (ISO 8601-2) dates and intervals as newsgraph stores them, and back.

A publication or event date is one of: a day ``2019-08-19``, a month ``2019-08``, a
year ``2019``, a closed interval ``2018-04-09/2019-09-10`` or ``2018-04/2019-09`` (whole
months at both ends), an interval open at one end (``2019-01-10/..`` on or after,
``../2019-08-19`` on or before), or a day of an unknown year ``XXXX-07-29``. Every
known form reads back as the first and last day it can mean (`bounds`), which is all
that sorting, containment and the resolver's "as of" need.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

Day = _dt.date
Interval = tuple[Day, Day]

# The days an open end stands for: the first day a date can name, and a far future.
EARLIEST = Day(1, 1, 1)
LATEST = Day(2099, 12, 31)

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def part_bounds(text: str) -> Interval | None:
    """First and last day of ``2019``, ``2019-08`` or ``2019-08-19``; None otherwise."""
    match = _PART.match(text.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return Day(year, 1, 1), Day(year, 12, 31)
        if day is None:
            return Day(year, month, 1), Day(year, month, calendar.monthrange(year, month)[1])
        return Day(year, month, day), Day(year, month, day)
    except ValueError:
        return None


def bounds(value: str | None) -> Interval | None:
    """First and last day an EDTF date or interval can mean; open ends are
    EARLIEST/LATEST; None for an unknown year or anything that is not a date."""
    if not value:
        return None
    if "/" not in value:
        return part_bounds(value)
    start, _, end = value.partition("/")
    first = (EARLIEST, EARLIEST) if start == ".." else part_bounds(start)
    last = (LATEST, LATEST) if end == ".." else part_bounds(end)
    if first is None or last is None or first[0] > last[1]:
        return None
    return first[0], last[1]


def representative_day(value: str | None) -> str | None:
    """One ISO day standing for a date when a single day is needed ("as of" for office
    holders): the day itself, else the middle of the interval, else its known end."""
    found = bounds(value)
    if found is None:
        return None
    first, last = found
    if first == EARLIEST:
        return last.isoformat()
    if last == LATEST:
        return first.isoformat()
    return (first + (last - first) / 2).isoformat()


def label(first: Day, last: Day) -> tuple[str, str]:
    """The EDTF form and precision of the days first..last.

    A single day, a whole month or a whole year is written as such (precision day,
    month, year); any other span is an interval (precision "interval"), its ends
    written as days when it is under a quarter long, else widened to whole months
    so the value stays readable ("2018-04/2019-09") and still contains every day.
    """
    if first == last:
        return first.isoformat(), "day"
    month_end = calendar.monthrange(last.year, last.month)[1]
    whole_month_start, whole_month_end = first.day == 1, last.day == month_end
    if (first.year, first.month) == (last.year, last.month) and whole_month_start and whole_month_end:
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first == Day(first.year, 1, 1) and last == Day(first.year, 12, 31):
        return f"{first.year:04d}", "year"
    start = ".." if first <= EARLIEST else _end_text(first, (last - first).days)
    end = ".." if last >= LATEST else _end_text(last, (last - first).days)
    return f"{start}/{end}", "interval"


def _end_text(day: Day, width: int) -> str:
    return day.isoformat() if width < 92 else f"{day.year:04d}-{day.month:02d}"
