"""Bylines: who wrote an article (and when), from the lines that say so.

A byline line names people, optionally an affiliation (outlet, desk or role) and a
date: "By Jane Roe | August 19, 2019 | 4:45 AM EDT", "By Jane Roe and John Doe",
"JANE ROE, Reuters", "By Jane Roe, diplomatic correspondent". The parser accepts a
line only when every part of it is one of those three things, so a sentence that
happens to start with "By" ("By contrast, ...", "By Friday, the talks ...") is not
a byline. When a text has no byline, a promo line can still name its author
("Follow Jane Roe on Twitter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.ingest.dates import MONTHS, WEEKDAYS, parse_date

# Words that make a phrase an affiliation (outlet, desk, role), not a person.
ORG_WORDS = frozenset(
    """press news times post journal daily weekly magazine review tribune herald gazette observer
    telegraph guardian independent monitor examiner spectator standard chronicle wire service agency
    network media radio television tv online digital staff writer writers reporter reporters
    correspondent correspondents editor editors columnist contributor contributing bureau desk team
    analyst producer chief senior political diplomatic national international foreign affairs
    reuters bloomberg report insider beast intercept caller federalist associated""".split()
)
# Of those, the ones no person's name contains.
_ORG_ONLY = frozenset(
    """press news times post journal daily weekly magazine review tribune herald gazette wire service
    agency network media radio television tv online staff reporter correspondent editor columnist
    contributor bureau desk reuters bloomberg report associated""".split()
)
_HONORIFICS = frozenset("mr mrs ms dr prof sen rep gov sir dame lord lady rev".split())
_PARTICLES = frozenset("de da das do dos di du del della der den van von la le al el bin ibn ben y".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_NOT_NAMES = frozenset(
    set(MONTHS) | set(WEEKDAYS)
    | set("the this that these those a an all some most many now then contrast comparison late early mid".split())
    | set("noon midnight today tomorrow yesterday tonight election day".split())
    # function words: a phrase holding one is a clause or a headline, not a name
    | set("of in on for to with at from by over after as is are was were be has have not no new says said"
          " who how why what when where despite amid against into about than".split())
)
SOCIAL_NETWORKS = ("Twitter", "Facebook", "Instagram", "Threads", "Bluesky", "LinkedIn", "TikTok", "YouTube", "Mastodon", "X")

_BY = re.compile(r"^(?:By|BY|by)[:\s]\s*")
_SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_TIME = re.compile(r"^(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,5})?$")
_TRAILING_DATE = re.compile(
    r"^(?P<head>.+?)(?:,|\s+on|\s+[-–—])?\s+(?P<date>(?:(?:Updated|Published|Posted):?\s*)?"
    r"(?:[A-Z][a-z]{2,8}day,?\s+)?[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}.*)$"
)
_WORD = re.compile(r"^(?:[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*|[A-Z][A-Z'’\-]+|[A-Z]\.?(?:[A-Z]\.)*|Mc[A-Z][a-z]+)$")


@dataclass(frozen=True, slots=True)
class Byline:
    """What a byline line says: the authors, an affiliation, a date (ISO, precision)."""

    authors: tuple[str, ...]
    affiliation: str | None = None
    date: str | None = None
    precision: str | None = None

    @property
    def text(self) -> str:
        """The authors as one string, the way Article.byline holds them."""
        return ", ".join(self.authors)


def person_name(phrase: str) -> str | None:
    """`phrase` as a person's name (honorifics dropped, ALL CAPS title-cased), or None
    when it is not shaped like one: two to five capitalised words, initials, name
    particles (de, van, bin ...) inside, no possessive, no month or weekday."""
    tokens = phrase.replace("\u2019", "'").split()
    while tokens and tokens[0].rstrip(".").lower() in _HONORIFICS:
        tokens = tokens[1:]
    if not 2 <= len(tokens) <= 5:
        return None
    for i, token in enumerate(tokens):
        bare = token.rstrip(",").lower().rstrip(".")
        if bare in _NOT_NAMES or bare in _ORG_ONLY or bare.endswith("'s"):
            return None
        if 0 < i < len(tokens) - 1 and bare in _PARTICLES:
            continue
        if i == len(tokens) - 1 and bare in _SUFFIXES:
            continue
        if not _WORD.match(token.rstrip(",")):
            return None
    if tokens[-1].rstrip(".").lower() in _SUFFIXES and len(tokens) < 3:
        return None
    if all(t.isupper() and len(t) > 2 for t in tokens):
        if len(tokens) > 4:
            return None
        tokens = [t.capitalize() for t in tokens]
    return " ".join(tokens)


def _has_org_word(phrase: str) -> bool:
    return any(w.lower().strip(".,'’") in ORG_WORDS for w in phrase.split())


def is_affiliation(phrase: str) -> bool:
    """True for an outlet, desk or role: "Reuters", "BBC News, Washington DC",
    "diplomatic correspondent", "CNN". Short, no sentence end, and an org/role word
    or a short acronym: capitalised words alone could as well be a headline."""
    words = phrase.replace(",", " ").split()
    if not words or len(words) > 8 or phrase.rstrip().endswith((".", "!", "?", ":")):
        return False
    if _has_org_word(phrase):
        return True
    return all(w.isupper() and 2 <= len(w) <= 5 and w.isalpha() for w in words)


def _names(segment: str) -> tuple[list[str], str | None] | None:
    """Authors and an affiliation from "Jane Roe and John Doe, Reuters"; None when the
    segment does not start with a person's name or has a part that is neither.

    Several authors separated by commas must end with "and"/"&" ("A, B and C"):
    otherwise what follows the first comma is an affiliation ("A, BBC News").
    """
    parts = [re.sub(r"^(?:and|&)\s+", "", p.strip()) for p in segment.split(",") if p.strip()]
    listed = len(parts) > 1 and re.search(r"(?:^|\s)(?:and|&)\s", segment.split(",")[-1])
    authors: list[str] = []
    for index, part in enumerate(parts):
        if index == 0 or listed:
            subs = [s.strip() for s in re.split(r"\s+(?:and|&)\s+", part) if s.strip()]
            names = [person_name(s) for s in subs]
            if all(names):
                authors.extend(n for n in names if n)
                continue
        if not authors:
            return None
        rest = ", ".join(parts[index:])
        return (authors, rest) if is_affiliation(rest) else None
    return (authors, None) if authors else None


def parse_byline(line: str) -> Byline | None:
    """The byline a line states, or None when the line is not a byline.

    A line without "By" must carry more than names (an affiliation or a date):
    a lone name is as likely a caption, a signature or a sub-heading.
    """
    text = " ".join(line.split()).strip(" |•·—–-")
    if text.endswith(":"):
        return None  # a speaker label in a transcript ("JANE ROE, HOST:")
    has_by = bool(_BY.match(text))
    text = _BY.sub("", text, count=1)
    if not text or len(text.split()) > 24:
        return None
    authors: list[str] = []
    affiliations: list[str] = []
    date: tuple[str, str] | None = None
    for segment in (s for s in _SEGMENT_SPLIT.split(text) if s):
        if not authors and (m := _TRAILING_DATE.match(segment)):
            names, parsed = _names(m["head"].rstrip(" ,")), parse_date(m["date"])
            if names and parsed:
                authors, affiliation = names
                affiliations.extend([affiliation] if affiliation else [])
                date = parsed
                continue
        if date is None and (parsed := parse_date(segment)):
            date = parsed
        elif _TIME.match(segment):
            continue
        elif not authors:
            names = _names(segment)
            if names is None:
                if has_by and not affiliations and is_affiliation(segment) and _has_org_word(segment):
                    affiliations.append(segment)  # "By New York Times staff"
                    continue
                return None
            authors, affiliation = names
            affiliations.extend([affiliation] if affiliation else [])
        elif is_affiliation(segment):
            affiliations.append(segment)
        else:
            return None
    if not authors and affiliations and has_by:
        return Byline(authors=(), affiliation=", ".join(affiliations), date=date[0] if date else None,
                      precision=date[1] if date else None)
    if not authors or not (has_by or affiliations or date):
        return None
    return Byline(
        authors=tuple(dict.fromkeys(authors)),
        affiliation=", ".join(affiliations) or None,
        date=date[0] if date else None,
        precision=date[1] if date else None,
    )


_PROMO_AUTHOR = re.compile(
    rf"^[-–•*\s]*Follow\s+(?P<who>.+?)\s+(?:on|at)\s+(?:{'|'.join(SOCIAL_NETWORKS)})\b"
)
_ROLE_BEFORE_NAME = re.compile(
    r"^.*\b(?:reporter|writer|columnist|correspondent|editor|chief|contributor|author|host)\s+", re.IGNORECASE
)


def author_from_promo(line: str) -> str | None:
    """The person a promo line asks readers to follow ("Follow Jane Roe on Twitter",
    "Follow staff reporter Jane Roe on Facebook"), or None."""
    m = _PROMO_AUTHOR.match(line.strip())
    if not m:
        return None
    for who in re.split(r"\s+(?:and|&)\s+|,\s*", m["who"]):
        name = person_name(_ROLE_BEFORE_NAME.sub("", who))
        if name:
            return name
    return None
