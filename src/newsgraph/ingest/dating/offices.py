"""Office holders named with their titles: evidence of when an article was written.

"Secretary of State Antony Blinken" can only be written while Blinken is Secretary of
State, so the article falls within one of his tenures in that office (the knowledge
base's ``people`` tables). A title only counts when nothing before it makes it a past
or future office ("former", "then-", "ex-", "late", "future"); a surname alone ("President
Trump") counts for every known holder of that office with that surname (their
tenures' union), and not at all when more than three people share it. The scan reads
plain text with one regular expression over the titles (``titles.tsv``): no parse.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from newsgraph.ingest.dating.edtf import Day, Interval, part_bounds

TITLES_FILE = Path(__file__).with_name("titles.tsv")
# Words right before a title that make it not the office held at the time of writing.
_NOT_NOW = re.compile(r"(?:\b(?:former|ex|then|late|future|onetime|one-time|erstwhile|would-be|"
                      r"previous|past|prior|founding)\s*-?\s*|\bex-)(?:[A-Z][\w.]*\s+){0,2}$", re.IGNORECASE)
# A name: capitalised words (an initial may carry its dot: "John F. Kerry"), never across a
# sentence's end ("President George W. Bush. The").
_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"
_NAME = rf"(?P<name>{_WORD}(?:\s+(?:{_WORD}|(?:de|da|del|von|van|bin|al|el|la|le)\b)){{0,4}})"
_MAX_NAMESAKES = 3


@dataclass(frozen=True, slots=True)
class TitledName:
    """One "title + name" in the text and the tenures it allows."""

    text: str
    start: int
    person_ids: tuple[str, ...]
    tenures: tuple[Interval, ...]


@functools.lru_cache(maxsize=1)
def load_titles(path: Path = TITLES_FILE) -> dict[str, frozenset[str]]:
    """title (lower case) → the office roles it names."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["title"].strip(): frozenset(row["roles"].split("|")) for row in rows}


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    titles = sorted(load_titles(), key=len, reverse=True)
    alternatives = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    return re.compile(rf"\b(?P<title>(?i:{alternatives}))\.?\s+{_NAME}")  # "Sen. Ted Cruz"


# "the Trump administration", "the Merkel government": the leader's tenure as head of state or government.
_ADMINISTRATION = re.compile(r"\b(?P<name>[A-Z][\w'’-]+)(?:'s|’s)?\s+(?P<body>administration|government|cabinet)\b")
LEADER_ROLES = frozenset({"head_of_state", "head_of_government"})


def administrations(text: str, kb=None, *, today: Day | None = None) -> list[TitledName]:
    """Every "<surname> administration/government/cabinet" whose surname names a known
    head of state or government, with their tenures in those roles."""
    if kb is None:
        from newsgraph.knowledge.load import default

        kb = default()
    today = today or _dt.date.today()
    found = []
    for m in _ADMINISTRATION.finditer(text):
        if _NOT_NOW.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        people = kb.people_by_surname(m["name"])
        tenures, ids = [], []
        for person in people:
            spans = [t for o in person.offices if o.role in LEADER_ROLES and (t := _tenure(o, today))]
            if spans:
                ids.append(person.person_id)
                tenures.extend(spans)
        if tenures and len(ids) <= _MAX_NAMESAKES:
            found.append(TitledName(m.group(0), m.start(), tuple(ids), tuple(_merge(tenures))))
    return found


def titled_names(text: str, kb=None, *, today: Day | None = None) -> list[TitledName]:
    """Every titled office holder the knowledge base knows, with their tenures."""
    if kb is None:
        from newsgraph.knowledge.load import default

        kb = default()
    today = today or _dt.date.today()
    titles = load_titles()
    found = []
    for m in _pattern().finditer(text):
        title = " ".join(m["title"].lower().split())
        if not m["title"][0].isupper() and len(title.split()) == 1:
            continue  # "the president" as a word, not a title
        if _NOT_NOW.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        people = _people(kb, m["name"])
        roles = titles.get(title, frozenset())
        tenures, ids = [], []
        for person in people:
            spans = [_tenure(o, today) for o in person.offices if o.role in roles]
            spans = [s for s in spans if s]
            if spans:
                ids.append(person.person_id)
                tenures.extend(spans)
        if tenures and len(ids) <= _MAX_NAMESAKES:
            found.append(TitledName(m.group(0), m.start(), tuple(ids), tuple(_merge(tenures))))
    return found


def _people(kb, name: str) -> list:
    """The people a name after a title may be: the longest leading run of its words that
    names someone, else its first word as a surname ("President Trump said")."""
    words = name.split()
    for k in range(len(words), 1, -1):
        if people := kb.people_named(" ".join(words[:k]).rstrip(".,'’")):
            return people
    surname = re.sub(r"['’]s?$", "", words[0].rstrip(".,"))
    return kb.people_by_surname(surname) or kb.people_named(surname)


def _tenure(office, today: Day) -> Interval | None:
    start = part_bounds(office.start) if office.start else None
    end = part_bounds(office.end) if office.end else None
    if start is None:
        return None
    # A successor takes office on the day the tenure ends: that day is theirs.
    last = end[1] - _dt.timedelta(days=1) if end and end[0] == end[1] else end[1] if end else today
    return (start[0], last) if start[0] <= last else None


def _merge(spans: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + _dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
