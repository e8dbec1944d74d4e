"""When an event happened: the date expression of its sentence, resolved against the article date.

News dates events relative to the day of writing ("on Friday", "last month", "in
November"), so an event's date is the sentence's date expression anchored on the
article date. Finding the expressions is `ingest.dates.find_dates`' job; this module
only chooses one and resolves it.

Every expression resolves to an interval of days (first, last): "on Friday" is one
day, "last month" a whole month, "over the weekend" a Saturday and a Sunday, "a few
days ago" the days two to four days back. The result carries the finest precision at
which the interval's ends agree (same day → "day", same month → "month", same year →
"year"; across a new year, the EDTF interval of the years, precision "interval"). One
mechanism thus covers vague phrases and article dates known only to the month, the
year or an interval: the expression is resolved against the first and the last day
the article could have been written, and the union is labelled the same way.

More conventions (docs/dates.md): a sentence with no date expression for the act dates
it "on or before the article date" (EDTF "../2019-08-19", precision "before"), never at
the article's day, and an undated act still to come ("will hold briefings") has no
date; a date in another clause is not the act's (after the trigger inside a
subordinate clause, before it across a future cue); a pluperfect act ("had met") is on
or before its clause's date; a span that runs up to the time of writing ("since
2010", "in recent months", "over the past two years") is an EDTF interval ending at
the article date (precision "span").
"""

from __future__ import annotations

import datetime as _dt
import re

from newsgraph.ingest.dates import FUTURE as FUTURE_CUE
from newsgraph.ingest.dates import WEEKDAYS, DateMention, find_dates
from newsgraph.ingest.dating.edtf import EARLIEST, LATEST, bounds

__all__ = ["event_date"]

Day = _dt.date
Interval = tuple[Day, Day]

_ABSOLUTE = ("date", "month", "year")
# Clause breaks that a date seldom reaches across to the verb: semicolons, dashes and a
# comma before a coordinating or contrasting conjunction ("..., and yesterday ...").
_CLAUSE_BREAK = re.compile(r";|\s[—–-]\s|—|–|,\s+(?:and|but|while|whereas|though|although|yet)\b")
_COUNTS = {
    "a": (1, 1), "one": (1, 1), "two": (2, 2), "three": (3, 3), "four": (4, 4), "five": (5, 5),
    "six": (6, 6), "seven": (7, 7), "eight": (8, 8), "nine": (9, 9), "ten": (10, 10),
    "a few": (2, 4), "several": (3, 7),
}
_AGO = re.compile(r"^(?P<n>a few|[a-z]+|[0-9]+) (?P<unit>day|week|month|year)s? ago$")
# Months of each season (northern hemisphere); winter is named by the year it ends in.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 2)}
_MODIFIER = re.compile(r"^(?:late|early|earlier|later) (?=(?:today|tonight|last|this|next|yesterday))")
# Spans that run up to the time of writing: "since 2010", "in recent months", "over the
# past two years", "so far this year".
_SINCE = re.compile(r"^(?:since|from)\b", re.IGNORECASE)
_RECENT = re.compile(
    r"\b(?:in|over|during|for) (?:the )?(?:recent|past|last) (?:(?P<n>a few|several|[a-z]+|[0-9]+) )?"
    r"(?P<unit>days|weeks|months|years)\b", re.IGNORECASE)
# A subordinate clause after the trigger: its date is its own verb's.
_SUBORDINATE = re.compile(r"\b(?:when|that|after|before|because|while|which|who|whom|whose|where)\b",
                          re.IGNORECASE)
# "had met", "had already met": the act precedes its clause's date.
_PLUPERFECT = re.compile(r"\b(?:had|'d)\s+(?:\w+ly\s+|not\s+|never\s+)?(?:been\s+)?$", re.IGNORECASE)
# The future of the clause itself (FUTURE_CUE also reads "ahead of", "planned", "next").
_MODAL = re.compile(r"\b(?:will|won't|shall|going to|set to|plans? to|expected to)\b|'ll\b", re.IGNORECASE)
# "abandoned by January 2016": the act is done on or before the date.
_BY = re.compile(r"\bby\s+(?:the\s+(?:end|middle|start)\s+of\s+)?$", re.IGNORECASE)
# A future cue right before the trigger: an undated act to come has no date yet.
_AHEAD = re.compile(r"\b(?:will|won't|shall|'ll|would|plans? to|planning to|set to|expected to|going to"
                    r"|prepar(?:es|ing) to|poised to|ready to|intends? to|intending to)"
                    r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_RECENT_DEFAULT = {"days": 7, "weeks": 4, "months": 6, "years": 3}  # "in recent months": about half a year


def event_date(
    sentence_text: str,
    sentence_start: int,
    trigger_offset: int,
    article_date: str | None,
    article_precision: str | None,
) -> tuple[str | None, str | None]:
    """(ISO date, precision) of the event whose trigger is at `trigger_offset`.

    Offsets are into the article text. The sentence's date expression nearest to the
    trigger is taken (fewest clause breaks between them, then fewest characters:
    without a parse, distance is the cheap stand-in for "in the trigger's clause").
    A sentence with no date expression dates its event at the article date. When the
    article date is unknown (None or EDTF "XXXX-..."), only dates that carry their own
    year count; otherwise (None, None).
    """
    anchor = _article_interval(article_date, article_precision)
    trigger = trigger_offset - sentence_start
    mentions = [m for m in find_dates(sentence_text) if anchor is not None or m.kind in _ABSOLUTE]
    mentions += _recent_spans(sentence_text) if anchor is not None else []
    mentions = [m for m in mentions if not _other_clause(sentence_text, m, trigger)]
    ahead = bool(_AHEAD.search(sentence_text[max(0, trigger - 40) : max(trigger, 0)]))
    if not mentions:
        return (None, None) if ahead else _before(article_date, anchor)
    best = min(mentions, key=lambda m: _closeness(sentence_text, m, trigger))
    if best.kind == "span":
        assert anchor is not None
        return _span(_recent_start(best, anchor[0]), anchor[1])
    if best.kind in _ABSOLUTE:
        if _SINCE.match(best.text) and anchor is not None:
            return _span(bounds(best.value)[0], anchor[1], best.value)  # type: ignore[index]
        if _BY.search(sentence_text[max(0, best.start - 20) : best.start]) or best.text.lower().startswith("by "):
            return f"../{bounds(best.value)[1].isoformat()}", "before"  # type: ignore[index]
        return _earlier(sentence_text, trigger, best.value, best.precision)
    assert anchor is not None
    forward = _forward(sentence_text, best, trigger)
    ends = [_resolve(best, day, forward) for day in anchor]
    if any(end is None for end in ends):
        return None, None
    first, last = min(e[0] for e in ends if e), max(e[1] for e in ends if e)
    if _SINCE.match(best.text):
        return _span(first, anchor[1])
    return _earlier(sentence_text, trigger, *_label((first, last)))


def _other_clause(text: str, mention: DateMention, trigger: int) -> bool:
    """True when the date belongs to another clause than the act: it follows the trigger
    inside a subordinate clause ("charge that Rice misled ... when she said on Sept. 16"),
    or it precedes the trigger across a clause and a future cue ("told reporters Monday
    that Trump will hold briefings"; but "On Friday the envoys will meet" is one clause)."""
    if _aside(text, mention, trigger) and len(_aside_words(text, mention)) >= 2:
        return True  # "Mendez, nominated by George W. Bush in 2007, denied the request"
    if mention.start > trigger:
        return bool(_SUBORDINATE.search(text, max(trigger, 0), mention.start))
    between = text[mention.end : max(trigger, mention.end)]
    return bool(_SUBORDINATE.search(between) and _MODAL.search(between))


def _aside_words(text: str, mention: DateMention) -> list[str]:
    """The words of the comma-bounded aside around a mention, other than the mention and
    the little words that only carry it ("The minister, on Friday, resigned" has none)."""
    before = text.rfind(",", 0, mention.start)
    after = text.find(",", mention.end)
    rest = text[before + 1 : mention.start] + " " + text[mention.end : after]
    return [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in _CARRIERS]


_CARRIERS = frozenset({"on", "in", "at", "late", "early", "since", "by", "during", "the", "of", "last", "this", "next"})


def _earlier(text: str, trigger: int, date: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """A pluperfect act ("reported last month that investigators had met") happened on or
    before the date of its clause, not on it."""
    if date is None or not _PLUPERFECT.search(text[max(0, trigger - 30) : max(trigger, 0)]):
        return date, precision
    found = bounds(date)
    return (f"../{found[1].isoformat()}", "before") if found else (date, precision)


def _before(article_date: str | None, anchor: Interval | None) -> tuple[str | None, str | None]:
    """An act the sentence does not date happened on or before the article was written:
    EDTF "../2019-08-19" (precision "before"), never the article's day as if it were
    the act's ("have withdrawn their recognition" may be months old)."""
    if anchor is not None:
        return f"../{anchor[1].isoformat()}", "before"
    found = bounds(article_date)
    if found is not None and found[1] < LATEST:
        return f"../{found[1].isoformat()}", "before"
    return None, None


def _span(first: Day, last: Day, start: str | None = None) -> tuple[str | None, str | None]:
    """A state or series of acts running from `first` (written `start`: "2010") up to
    the time of writing: EDTF "2010/2020-01-05", precision "span"."""
    if first > last:
        return None, None
    return f"{start or first.isoformat()}/{last.isoformat()}", "span"


def _recent_spans(text: str) -> list[DateMention]:
    return [DateMention(m.start(), m.end(), m.group(0), "span", m.group(0).lower(), None)
            for m in _RECENT.finditer(text)]


def _recent_start(mention: DateMention, today: Day) -> Day:
    m = _RECENT.search(mention.text)
    assert m is not None
    unit = m["unit"].lower()
    count = _COUNTS.get((m["n"] or "").lower(), (0, 0))[1] or (
        int(m["n"]) if m["n"] and m["n"].isdigit() else _RECENT_DEFAULT[unit])
    days = {"days": 1, "weeks": 7, "months": 31, "years": 366}[unit] * count
    return today - _dt.timedelta(days=days)


# ---------------------------------------------------------------- choosing


def _closeness(text: str, mention: DateMention, trigger: int) -> tuple[int, int, int]:
    """Sort key: clause breaks between trigger and mention, character gap, then text order.

    The gap is measured from the trigger word's ends. A date set off by commas on both
    sides, away from the trigger ("The general, in command since 2015, resigned"), is
    an aside about something else and counts as one more break.
    """
    word = re.match(r"\w*", text[max(trigger, 0) :])
    trigger_end = trigger + (len(word.group(0)) if word else 0)
    if mention.start < trigger_end and trigger < mention.end:
        return 0, 0, mention.start
    lo, hi = (mention.end, trigger) if mention.end <= trigger else (trigger_end, mention.start)
    breaks = len(_CLAUSE_BREAK.findall(text, max(lo, 0), max(hi, 0)))
    return breaks + _aside(text, mention, trigger), hi - lo, mention.start


def _aside(text: str, mention: DateMention, trigger: int) -> int:
    """1 when the mention sits between two commas and the trigger outside them."""
    before = text.rfind(",", 0, mention.start)
    after = text.find(",", mention.end)
    return int(before >= 0 and after >= 0 and not before < trigger < after)


def _forward(text: str, mention: DateMention, trigger: int = -1) -> bool:
    """True when the expression points ahead: "next Friday", a future cue just before it,
    or one between it and a later trigger ("On Friday the envoys will meet")."""
    lead = mention.text.split(" ", 1)[0].lower()
    if lead in ("next", "this") and mention.kind == "weekday":
        return True
    if lead == "last":
        return False
    if trigger > mention.end and _MODAL.search(text, mention.end, trigger):
        return True
    return bool(FUTURE_CUE.search(text[max(0, mention.start - 60) : mention.start]))


# ---------------------------------------------------------------- resolving


def _article_interval(date: str | None, precision: str | None) -> Interval | None:
    """First and last day the article could have been written, or None when unknown or
    open-ended (an EDTF interval such as "2017-01/.." bounds nothing on one side)."""
    if not date or not re.fullmatch(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?(?:/[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)?",
                                    date):
        return None
    if "/" not in date:
        parts = date.split("-")
        depth = {"year": 1, "month": 2, "day": 3}.get(precision or "", 3)
        date = "-".join(parts[: min(depth, len(parts))])
    found = bounds(date)
    if found is None or found[0] <= EARLIEST or found[1] >= LATEST:
        return None
    return found


def _resolve(mention: DateMention, today: Day, forward: bool) -> Interval | None:
    """The days a relative expression denotes, seen from `today`."""
    if mention.kind == "weekday":
        return _weekday(mention, today, forward)
    if mention.kind == "month-name":
        return _month_name(int(mention.value[5:7]), today, forward)
    if mention.kind == "month-day":
        return _month_day(int(mention.value[5:7]), int(mention.value[8:10]), today, forward)
    if mention.kind == "relative":
        return _relative(mention.value, today, forward)
    return None


def _weekday(mention: DateMention, today: Day, forward: bool) -> Interval:
    """"on Friday": the latest Friday on or before today; "last Friday" strictly before;
    "next"/"this Friday" or a future cue: the first Friday after today."""
    target = WEEKDAYS.index(mention.value)
    if forward:
        day = today + _dt.timedelta(days=(target - today.weekday() - 1) % 7 + 1)
    else:
        back = (today.weekday() - target) % 7
        if back == 0 and mention.text.lower().startswith("last"):
            back = 7
        day = today - _dt.timedelta(days=back)
    return day, day


def _month_name(month: int, today: Day, forward: bool) -> Interval:
    """"in November": the latest November up to today's month (the next one when forward)."""
    if forward:
        year = today.year if month >= today.month else today.year + 1
    else:
        year = today.year if month <= today.month else today.year - 1
    return _month_interval(year, month)


def _month_day(month: int, day: int, today: Day, forward: bool) -> Interval | None:
    """"March 2": in today's year, or the year before when that would be after today
    (after, when forward). February 29 moves on to the nearest leap year that fits."""
    step = 1 if forward else -1
    year = today.year
    for _ in range(9):
        try:
            candidate = Day(year, month, day)
        except ValueError:
            year += step
            continue
        if (candidate >= today) if forward else (candidate <= today):
            return candidate, candidate
        year += step
    return None


def _relative(phrase: str, today: Day, forward: bool) -> Interval | None:
    """Relative phrases of `find_dates`: yesterday, last month, over the weekend, two weeks ago ..."""
    phrase = _MODIFIER.sub("", phrase)
    one = _dt.timedelta(days=1)
    if phrase in ("yesterday", "last night"):
        return today - one, today - one
    if phrase in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return today, today
    if m := _AGO.match(phrase):
        return _ago(m["n"], m["unit"], today)
    if phrase.endswith("weekend"):
        return _weekend(phrase, today, forward)
    which, _, unit = phrase.partition(" ")
    shift = {"last": -1, "this": 0, "next": 1}.get(which)
    if shift is None:
        return None
    if unit == "week":
        monday = today - _dt.timedelta(days=today.weekday()) + _dt.timedelta(weeks=shift)
        return monday, (today if shift == 0 and not forward else monday + _dt.timedelta(days=6))
    if unit == "month":
        year, month = _add_months(today.year, today.month, shift)
        return _month_interval(year, month)
    if unit == "year":
        return Day(today.year + shift, 1, 1), Day(today.year + shift, 12, 31)
    if unit in _SEASONS:
        return _season(unit, shift, today)
    return None


def _ago(count: str, unit: str, today: Day) -> Interval | None:
    low, high = _COUNTS.get(count, (int(count), int(count)) if count.isdigit() else (0, -1))
    if high < low:
        return None
    if unit in ("day", "week"):
        days = 7 if unit == "week" else 1
        slack = 3 if unit == "week" else 0  # "two weeks ago" is about, not exactly, 14 days
        return today - _dt.timedelta(days=high * days + slack), today - _dt.timedelta(days=low * days - slack)
    if unit == "month":
        first, last = _add_months(today.year, today.month, -high), _add_months(today.year, today.month, -low)
        return _month_interval(*first)[0], _month_interval(*last)[1]
    return Day(today.year - high, 1, 1), Day(today.year - low, 12, 31)


def _weekend(phrase: str, today: Day, forward: bool) -> Interval:
    """The weekend meant: "next weekend" or a future cue → the coming one; "last weekend"
    in a weekend article → the one before; otherwise the latest weekend up to today."""
    if phrase.startswith("next") or forward and not phrase.startswith("last"):
        saturday = today + _dt.timedelta(days=(5 - today.weekday()) % 7)
        return saturday, saturday + _dt.timedelta(days=1)
    saturday = today - _dt.timedelta(days=(today.weekday() - 5) % 7)
    if phrase.startswith("last") and today.weekday() >= 5:
        saturday -= _dt.timedelta(weeks=1)
    return saturday, min(saturday + _dt.timedelta(days=1), today)


def _season(name: str, shift: int, today: Day) -> Interval:
    """"last summer": the latest summer that ended before today; "this summer": this
    year's; "next summer": the first that has not begun."""
    first, last = _SEASONS[name]
    year = today.year
    if shift < 0:
        year = today.year if Day(today.year, last, 1) < Day(today.year, today.month, 1) else today.year - 1
    elif shift > 0:
        year = today.year if Day(today.year, first, 1) > today else today.year + 1
    return _month_interval(year, first)[0], _month_interval(year, last)[1]


# ---------------------------------------------------------------- helpers


def _add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + shift
    return index // 12, index % 12 + 1


def _month_interval(year: int, month: int) -> Interval:
    nxt_year, nxt_month = _add_months(year, month, 1)
    return Day(year, month, 1), Day(nxt_year, nxt_month, 1) - _dt.timedelta(days=1)


def _label(interval: Interval) -> tuple[str | None, str | None]:
    """The finest (date, precision) that covers the whole interval; across a new year,
    the EDTF interval of the years ("2015/2017", precision "interval")."""
    first, last = interval
    if first == last:
        return first.isoformat(), "day"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return f"{first.year:04d}/{last.year:04d}", "interval"
