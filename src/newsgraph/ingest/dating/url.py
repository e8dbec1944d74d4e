"""The publication date a URL carries in its path (``/2019/08/19/``, ``/2019/aug/19/``,
``/2019-08-19-``, ``/20190819/``, ``/2019/0819/``, ``/2019/11/``, ``/2018/june/``).

Publishers put the day of first publication in the path, so such a date is evidence
as strong as metadata; a year and month alone narrow the date to that month. Only
the path is read (a query string's numbers are ids, not dates), and a year must be
plausible for online news (1994 to next year) so article ids are not read as dates.
"""

from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import urlsplit

from newsgraph.ingest.dates import MONTHS

_SEP = r"[/_-]"
_Y = r"(?P<y>(?:199[4-9]|20[0-9]{2}))"
_M = r"(?P<m>0?[1-9]|1[0-2]|[A-Za-z]{3,9})"
_D = r"(?P<d>0?[1-9]|[12][0-9]|3[01])"
_PATTERNS = (
    re.compile(rf"(?:^|/){_Y}{_SEP}{_M}{_SEP}{_D}(?=$|[/_.-])"),
    re.compile(rf"(?:^|[/_-]){_Y}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?=$|[/_.-])"),
    re.compile(rf"(?:^|/){_Y}/(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?=/)"),
    re.compile(rf"(?:^|/){_Y}/{_M}(?=/)"),
)


def url_date(url: str | None, *, today: _dt.date | None = None) -> tuple[str, str, str] | None:
    """(ISO date, precision "day" or "month", the matched part of the path), or None."""
    if not url or not isinstance(url, str):
        return None
    try:
        path = urlsplit(url.strip() if "//" in url else "//" + url.strip()).path
    except ValueError:
        return None
    horizon = (today or _dt.date.today()).year + 1
    for pattern in _PATTERNS:
        for m in pattern.finditer(path):
            month = _month(m["m"])
            year = int(m["y"])
            if month is None or year > horizon:
                continue
            day = m.groupdict().get("d")
            try:
                if day:
                    return _dt.date(year, month, int(day)).isoformat(), "day", m.group(0).strip("/_-")
                return f"{year:04d}-{month:02d}", "month", m.group(0).strip("/_-")
            except ValueError:
                continue
    return None


def _month(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return MONTHS.get(token.lower())
