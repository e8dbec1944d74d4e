"""Dates: parse metadata date strings, find dates in text, infer a publication date.

Three jobs, one vocabulary of month and weekday names:

- `parse_date` reads the date strings inputs carry as metadata (ISO 8601, RFC 2822,
  "August 19, 2019", "19 Aug 2019", "2019/08/19" ...) into an ISO date and a precision.
- `find_dates` finds date expressions in running text with their offsets: full dates,
  month + year, bare years in context ("in 2017"), month-day without a year
  ("March 2"), month names in context ("In November"), weekdays ("late Thursday") and
  relative phrases ("last month", "over the weekend"). Hand-written patterns over
  month and weekday names: a general date parser run on free text is slow and finds
  dates in numbers and words that are not dates.
- `infer_publication_date` estimates when an undated article was published.

Inference rests on one observation: news reports events that already happened, so
the publication date is on or after the latest date the text mentions (dates in a
future context, "will vote on May 5", are not used). The estimate is that lower
bound, made more precise where the text allows:

- a month-day without a year ("the March 2 call") takes the year of the text's full
  dates; when the text only has bare years ("since 2017"), the year is accepted only if
  a weekday stated with the month-day confirms it ("on Friday, March 1" must be a
  Friday, "March 2 ... over the weekend" a Saturday or Sunday), trying the latest bare
  year and the next;
- "last month" beside a month-level estimate ("In November ... last month") moves the
  estimate one month on: the month the writer names is not the one they call last month.

When no year can be established but a month-day can, the date is an EDTF date with an
unspecified year: "XXXX-07-29" (precision "day"), or "XXXX-11" (precision "month")
for a month alone. EDTF (ISO 8601-2) keeps such dates sortable by month and day and
readable by tools that know the format; the year stays honestly unknown.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
WEEKDAYS = [calendar.day_name[i].lower() for i in range(7)]  # monday .. sunday

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|2[01][0-9]{2})"

# Public building blocks for other patterns that contain dates (datelines, bylines).
MONTH_PATTERN, DAY_PATTERN, YEAR_PATTERN = _MONTH, _DAY, _YEAR

_FULL_MDY = re.compile(rf"\b(?P<m>{_MONTH}) (?P<d>{_DAY})(?:,? (?P<y>{_YEAR}))\b")
_FULL_DMY = re.compile(rf"\b(?P<d>{_DAY}) (?:of )?(?P<m>{_MONTH}),? (?P<y>{_YEAR})\b")
_FULL_ISO = re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])\b")
_FULL_US = re.compile(rf"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12][0-9]|0?[1-9])/(?P<y>{_YEAR})\b")
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH}),? (?:of )?(?P<y>{_YEAR})\b")
_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH}) (?P<d>{_DAY})\b(?![:.,]?[0-9])")
_DAY_MONTH = re.compile(rf"\b(?P<d>{_DAY}) (?:of )?(?P<m>{_MONTH})\b")
# Bare years only after a word that makes them a time ("in 2017", "since 2010").
_YEAR_IN_CONTEXT = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ff]rom|[Oo]f|[Uu]ntil|[Bb]y|[Tt]hroughout|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate"
    rf"|[Mm]id|[Cc]irca|[Yy]ear|[Ss]ummer|[Ww]inter|[Ss]pring|[Ff]all|[Aa]utumn)[ -](?P<y>{_YEAR})\b(?![-/][0-9])"
)
# Month names in context: "In November", "since March" (not "may" the verb or "the March").
_MONTH_IN_CONTEXT = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]hroughout|[Ff]rom|[Bb]efore|[Aa]fter)"
    rf" (?P<m>{_MONTH})(?! [0-9])\b"
)
_WEEKDAY_MENTION = re.compile(
    rf"\b(?:(?i:on|late|early|last|this|next|since|by|until|from)(?: (?:on|in the|the))? )?(?P<w>{_WEEKDAY})(?:'s)?\b"
)
_RELATIVE = re.compile(
    r"\b(?:(?:late|early|earlier|later) )?(?:"
    r"yesterday|today|tonight|last night|this (?:morning|afternoon|evening)"
    r"|(?:earlier|later) (?:today|this (?:week|month|year))"
    r"|(?:last|this|next) (?:week|weekend|month|year|spring|summer|fall|autumn|winter)"
    r"|(?:over|at|during) the weekend"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|[0-9]+) (?:days?|weeks?|months?|years?) ago"
    r")\b",
    re.IGNORECASE,
)
# Words shortly before a date that put it in the future ("will vote on May 5").
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|scheduled|slated|set to|plans? to|planned|planning|expected to|due to|due on"
    r"|upcoming|next|ahead of|deadline)\b",
    re.IGNORECASE,
)
# A date right after these words bounds an event, not the report ("by 2030", "until May").
_BOUNDING = re.compile(r"\b(?:by|until|till|before)\s+(?:the\s+)?$", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^(?:Published|Updated|Posted|Last updated|First published|Last modified|Originally published)"
    r"(?: on)?\s*:?\s*(?P<date>.+)$",
    re.IGNORECASE,
)
_DATELINE_DATE = re.compile(
    rf"^[A-Z][A-Za-z.' -]{{1,40}}(?:, [A-Z][A-Za-z.' ]{{1,30}})?, (?P<date>{_MONTH} {_DAY}(?:, {_YEAR})?) \("
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[A-Z“\"‘(])|\n+")
_WEEKEND = re.compile(r"\b(?:over|at|during|this|last) (?:the )?weekend\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text.

    `kind`: "date" (value "2019-08-19"), "month" ("2019-08"), "year" ("2019"),
    "month-day" ("XXXX-03-02"), "month-name" ("XXXX-11"), "weekday" ("friday"),
    "relative" (the phrase, lower-cased: "last month"). `precision` is set for the
    first five kinds.
    """

    start: int
    end: int
    text: str
    kind: str
    value: str
    precision: str | None


@dataclass(frozen=True, slots=True)
class DateEstimate:
    """A publication date and how it was reached; `evidence` lists the phrases used."""

    date: str | None
    precision: str | None
    source: str | None  # "text" (stated) or "inferred"
    evidence: tuple[str, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- parse_date


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _day(token: str) -> int:
    return int(re.sub(r"(st|nd|rd|th)$", "", token))


def _iso(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str] | None:
    """The ISO form and precision of a (partial) date, or None if it does not exist."""
    try:
        if day is not None and month is not None:
            return _dt.date(year, month, day).isoformat(), "day"
        if month is not None:
            _dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}", "month"
        _dt.date(year, 1, 1)
        return f"{year:04d}", "year"
    except ValueError:
        return None


_ISO_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+| ?[A-Z]{2,5})?)?$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T[0-9]+Z?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_MDY_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DMY_DOT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_LABEL = re.compile(r"^(?:published|updated|posted|last updated|date|on)\b\s*:?\s*", re.IGNORECASE)


def parse_date(value: str) -> tuple[str, str] | None:
    """(ISO date, precision) from a metadata date string, or None.

    Accepts ISO 8601 (with or without time and zone: the date part is kept, as the
    publisher wrote it), "2019/08/19", US "08/19/2019" (day first when the first
    number cannot be a month), "19.08.2019", RFC 2822, and month-name forms
    ("August 19, 2019", "Aug. 19, 2019", "19 Aug 2019", "Monday, August 19, 2019
    4:45 AM EDT", "August 2019"). Precision is "day", "month" or "year".
    """
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    text = _LABEL.sub("", text).strip()
    if not text:
        return None
    if m := _ISO_FULL.match(text) or _ISO_BASIC.match(text) or _YMD_SLASH.match(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _ISO_MONTH.match(text):
        return _iso(int(m[1]), int(m[2]))
    if m := _ISO_YEAR.match(text):
        return _iso(int(m[1])) if 1000 <= int(m[1]) <= 2999 else None
    if m := _MDY_SLASH.match(text):
        first, second = int(m[1]), int(m[2])
        month, day = (second, first) if first > 12 else (first, second)
        return _iso(int(m[3]), month, day)
    if m := _DMY_DOT.match(text):
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    for pattern in (_FULL_MDY, _FULL_DMY, _FULL_ISO):
        if m := pattern.search(text):
            return _iso(int(m["y"]), _month_number(m["m"]), _day(m["d"]))
    if m := _MONTH_YEAR.search(text):
        return _iso(int(m["y"]), _month(m["m"]))
    return None


def _month_number(token: str) -> int:
    return int(token) if token.isdigit() else _month(token)


# ---------------------------------------------------------------- find_dates


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in text order, without overlaps.

    Longer, more precise forms win: "March 2, 2019" is one full date, not a
    month-day and a year.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []

    def add(start: int, end: int, kind: str, value: str, precision: str | None) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMention(start, end, text[start:end], kind, value, precision))

    for pattern in (_FULL_MDY, _FULL_DMY, _FULL_ISO, _FULL_US):
        for m in pattern.finditer(text):
            if parsed := _iso(int(m["y"]), _month_number(m["m"]), _day(m["d"])):
                add(m.start(), m.end(), "date", parsed[0], "day")
    for m in _MONTH_YEAR.finditer(text):
        if _real_month(m, text) and (parsed := _iso(int(m["y"]), _month(m["m"]))):
            add(m.start(), m.end(), "month", parsed[0], "month")
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
            month, day = _month(m["m"]), _day(m["d"])
            if _real_month(m, text) and _iso(2000, month, day):  # 2000 is a leap year
                add(m.start(), m.end(), "month-day", f"XXXX-{month:02d}-{day:02d}", "day")
    for m in _YEAR_IN_CONTEXT.finditer(text):
        add(m.start(), m.end(), "year", m["y"], "year")
    for m in _MONTH_IN_CONTEXT.finditer(text):
        if _real_month(m, text):
            add(m.start(), m.end("m"), "month-name", f"XXXX-{_month(m['m']):02d}", "month")
    for m in _WEEKDAY_MENTION.finditer(text):
        add(m.start(), m.end(), "weekday", m["w"].lower(), None)
    for m in _RELATIVE.finditer(text):
        add(m.start(), m.end(), "relative", m.group(0).lower(), None)
    found.sort(key=lambda d: d.start)
    return found


# Capitalised words a month may follow that are not a first name or a title ("The March 2 call").
_NOT_NAMES = frozenset("the a an in on since during until by early late mid from before after through "
                       "throughout last this next of and or but at".split()) | frozenset(WEEKDAYS)


def _real_month(m: re.Match[str], text: str) -> bool:
    """False for "May" the verb and "March" the noun: the word must be capitalised
    and, for those two, stand before a number or after a time word. A month name that
    is a name ("Theresa May", "by May's government") is not a month: a possessive
    follows it, or a capitalised word precedes it."""
    word = m["m"].rstrip(".")
    if not word[0].isupper():
        return False
    before = re.search(r"\b([A-Z][a-z]+)\s+$", text[max(0, m.start("m") - 20) : m.start("m")])
    if re.match(r"['’]s\b", text[m.end("m") :]) or before and before[1].lower() not in _NOT_NAMES:
        return False
    if word in ("May", "March") and m.start("m") == m.start():
        # a bare "May 5" / "March 2" is fine; "May" the modal is not followed by a number
        return bool(re.match(r"\s+[0-9]", text[m.end("m"):]))
    return True


# ---------------------------------------------------------------- inference

# Words that put a date in the future, shared with event dating (`extract.when`).
FUTURE = _FUTURE


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A date the publication is on or after, with the phrases that support it."""

    value: str
    precision: str
    evidence: tuple[str, ...]
    start: int  # offset of the mention, to find its sentence

    @property
    def key(self) -> tuple[int, int, int, int]:
        parts = [int(p) if p.isdigit() else 0 for p in self.value.split("-")] + [0, 0]
        return parts[0], parts[1], parts[2], len(self.value)


class TextDates:
    """The text split into sentences, with its date mentions: what inference reads."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions = find_dates(text)
        self.spans: list[tuple[int, int]] = []
        start = 0
        for m in _SENTENCE_END.finditer(text):
            self.spans.append((start, m.start()))
            start = m.end()
        self.spans.append((start, len(text)))
        self._starts = [start for start, _ in self.spans]

    def sentence(self, offset: int) -> int:
        """The index of the sentence holding `offset` (a gap between two is the earlier's)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def anchors_past(self, mention: DateMention) -> bool:
        """True when the mention dates something that already happened: not in a future
        context ("will meet on May 5"), not a bound ("by 2030", "until March")."""
        start = self.spans[self.sentence(mention.start)][0]
        before = self.text[start : mention.start]
        lead = mention.text.split(" ", 1)[0] + " " if " " in mention.text else ""
        return not (_FUTURE.search(before[-60:]) or _BOUNDING.search(before[-30:] + lead))

    def weekdays_for(self, mention: DateMention) -> tuple[set[int] | None, tuple[str, ...]]:
        """Weekdays (0 = Monday) a month-day must fall on: a weekday named in its own
        sentence, a weekend phrase in its sentence or the one before or after.
        None when the text says nothing about it."""
        index = self.sentence(mention.start)
        allowed: set[int] | None = None
        evidence: list[str] = []
        for other in self.mentions:
            if other.kind == "weekday" and self.sentence(other.start) == index:
                day = {WEEKDAYS.index(other.value)}
                allowed = day if allowed is None else allowed & day
                evidence.append(other.text)
        for i in range(max(0, index - 1), min(len(self.spans), index + 2)):
            if m := _WEEKEND.search(self.text, *self.spans[i]):
                allowed = {5, 6} if allowed is None else allowed & {5, 6}
                evidence.append(m.group(0))
        return allowed, tuple(evidence)


def infer_publication_date(text: str, *, stated: Sequence[str] = ()) -> DateEstimate:
    """When `text` was most likely published, and from what.

    `stated` are strings the caller knows state the publication date (the date of a
    dateline, a "Published: ..." line it removed); the text's own "Published:"/
    "Updated:" lines and Reuters-style datelines ("CITY, Aug 19 (Reuters) -") count
    too. Those give source "text"; otherwise the estimate is inferred from the dates
    the text mentions (see the module docstring). No date at all gives date None.
    """
    context = TextDates(text)
    own = []
    for line in text.split("\n"):
        line = line.strip()
        if _PUBLISHED.match(line) and len(line.split()) <= 12:
            own.append(line)
        elif m := _DATELINE_DATE.match(line):
            own.append(m["date"])
    if found := _stated([*stated, *own]):
        date, precision, line = found
        if date.startswith("XXXX"):
            date = _year_of_full_dates(context, date) or date
        return DateEstimate(date, precision, "text", (line,))
    return _inferred(context)


def _stated(lines: Iterable[str]) -> tuple[str, str, str] | None:
    """The first line that states a date: (date, precision, line). A month-day alone
    ("Aug 19", the date of a dateline) gives an EDTF date with an unspecified year."""
    for line in lines:
        line = " ".join(line.split())
        m = _PUBLISHED.match(line)
        candidate = m["date"] if m else line
        if parsed := parse_date(candidate):
            return parsed[0], parsed[1], line
        if m := re.fullmatch(rf"(?:{_WEEKDAY},? )?(?P<m>{_MONTH}) (?P<d>{_DAY})", candidate.strip(" ,.")):
            month, day = _month(m["m"]), _day(m["d"])
            if _iso(2000, month, day):
                return f"XXXX-{month:02d}-{day:02d}", "day", line
    return None


def _year_of_full_dates(context: TextDates, partial: str) -> str | None:
    """A stated month-day ("XXXX-08-19") in the year of the text's latest full date."""
    years = [
        int(m.value[:4]) for m in context.mentions if m.kind in ("date", "month") and context.anchors_past(m)
    ]
    if not years:
        return None
    parsed = _iso(max(years), int(partial[5:7]), int(partial[8:10]))
    return parsed[0] if parsed else None


def _inferred(context: TextDates) -> DateEstimate:
    past = [m for m in context.mentions if m.precision and context.anchors_past(m)]
    absolute = [m for m in past if m.kind in ("date", "month", "year")]
    strong = max((int(m.value[:4]) for m in absolute if m.kind != "year"), default=None)
    bare = max((int(m.value) for m in absolute if m.kind == "year"), default=None)

    candidates = [_Candidate(m.value, m.precision or "", (m.text,), m.start) for m in absolute]
    unresolved: list[_Candidate] = []
    for m in past:
        if m.kind in ("month-day", "month-name"):
            resolved = _resolve_year(context, m, strong, bare)
            if resolved:
                candidates.append(resolved)
            else:
                unresolved.append(_Candidate(m.value, m.precision or "", (m.text,), m.start))
    pool = candidates or unresolved
    if not pool:
        return DateEstimate(None, None, None, ())
    best = max(pool, key=lambda c: c.key)
    if best.precision == "month":
        best = _after_last_month(context, best)
    return DateEstimate(best.value, best.precision, "inferred", best.evidence)


def _resolve_year(context: TextDates, m: DateMention, strong: int | None, bare: int | None) -> _Candidate | None:
    """A year for a month-day or a month name, when the text establishes one.

    The year of the text's full dates is taken as it is (or the next one, when a
    stated weekday rules the first out); a bare year only when a stated weekday
    confirms it, since bare years are as often history ("since 2010") as news.
    """
    month = int(m.value[5:7])
    if m.kind == "month-name":
        return _Candidate(f"{strong:04d}-{month:02d}", "month", (m.text,), m.start) if strong else None
    day = int(m.value[8:10])
    allowed, constraint = context.weekdays_for(m)
    if strong is not None:
        years = [strong, strong + 1] if allowed is not None else [strong]
    elif bare is not None and allowed is not None:
        years = [bare, bare + 1]
    else:
        return None
    for year in years:
        parsed = _iso(year, month, day)
        if parsed and (allowed is None or _dt.date(year, month, day).weekday() in allowed):
            return _Candidate(parsed[0], "day", (m.text, *constraint), m.start)
    return None


def _after_last_month(context: TextDates, best: _Candidate) -> _Candidate:
    """Move a month-level estimate on by one month when the text also says "last month"
    in another sentence: the month it names is older than the one it calls last month."""
    named = context.sentence(best.start)
    for m in context.mentions:
        if m.kind == "relative" and m.value.endswith("last month") and context.sentence(m.start) != named:
            year, month = best.value[:4], int(best.value[5:7])
            if month == 12:
                year, month = (year if year == "XXXX" else f"{int(year) + 1:04d}"), 0
            return _Candidate(f"{year}-{month + 1:02d}", "month", (*best.evidence, m.text), best.start)
    return best
