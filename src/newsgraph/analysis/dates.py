"""Article dates as the analyses compare them: a day, a month, a year, or unknown.

Dates come at their precision (`2019-08-19`, `2019-08`, `2019`), or with an unknown
year (`XXXX-07-29`, a day named without its year). Two articles are compared only
as far as both dates are known: days within a window agree, different years are
apart, and an unknown year says nothing either way.
"""

from __future__ import annotations

import datetime
import re

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) with None for what is not known; None without a year.

    An EDTF interval (docs/dates.md) is known as far as its two ends agree
    ("2019-03-02/2019-04-16" → 2019); an act "on or before" a date ("../2019-08-19")
    is counted at that date, as GDELT counts events at their article's date."""
    if value and "/" in value:
        start, _, end = value.partition("/")
        if start == "..":
            value = end
        else:
            agreed = []
            for a, b in zip(start.split("-"), end.split("-")):
                if a != b:
                    break
                agreed.append(a)
            value = "-".join(agreed)
    match = _DATE.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def period(value: str | None) -> str | None:
    """The month (`2019-08`) of a date, or its year (`2017`) when that is all it says."""
    parsed = parse(value)
    if parsed is None:
        return None
    year, month, _ = parsed
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def relation(a: str | None, b: str | None, *, window_days: int = 4) -> str:
    """'agree', 'apart' or 'unknown': whether two dates allow one event."""
    x, y = parse(a), parse(b)
    if x is None or y is None:
        return "unknown"
    if x[0] != y[0]:
        # Late December and early January are still neighbours.
        if abs(x[0] - y[0]) == 1 and x[1] and y[1] and {x[1], y[1]} == {1, 12}:
            return "unknown"
        return "apart"
    if x[1] is None or y[1] is None:
        return "unknown"
    if x[2] is None or y[2] is None:
        return "agree" if abs(x[1] - y[1]) <= 1 else "apart"
    try:
        gap = abs((datetime.date(*x) - datetime.date(*y)).days)  # type: ignore[arg-type]
    except ValueError:  # a day that does not exist (2019-02-30): keep to the month
        return "agree" if x[1] == y[1] else "unknown"
    return "agree" if gap <= window_days else "apart"


def sort_key(value: str | None) -> tuple[int, str]:
    """Known dates in order, unknown ones last."""
    return (0, value) if parse(value) else (1, value or "")
