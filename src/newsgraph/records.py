"""The record vocabulary every stage speaks.

Records are frozen dataclasses of plain values (str, int, tuples, small dicts) so
they pickle cheaply between worker processes and turn into Arrow/Parquet columns
unchanged. A record type is defined here and nowhere else.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# Where an article's date came from, strongest first ("url": a day in the URL's path).
DATE_SOURCES = ("user", "metadata", "url", "byline", "text", "inferred")
# How precise an EDTF date is (docs/dates.md): "2019-08-19" day, "2019-08" month, "2019" year,
# "2018-04/2019-09" interval; events also "../2019-08-19" before and "2010/2019-08-19" span.
DATE_PRECISIONS = ("day", "month", "year", "interval", "before", "span")


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line cleaning took out of the body, kept so nothing is lost silently."""

    text: str
    reason: str  # e.g. "promo", "share", "comments", "link-teaser", "byline", "repeated"
    paragraph: int  # index of the paragraph in the raw text it came from


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One input unit before cleaning: a file, or a row of a JSONL/CSV file.

    `text` is the body as read (HTML already reduced to text by the reader);
    `fields` holds whatever metadata the input carried (title, outlet, url, date,
    authors, plus any other columns, kept as metadata).
    """

    path: str
    line: int | None  # 1-based row/line number for JSONL/CSV rows, else None
    format: str  # txt, html, jsonl, csv
    text: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: the unit everything downstream points back to.

    `article_id` is a hash of the normalised body text, so the same article read
    twice (from two files, or twice from one) is the same record.
    """

    article_id: str
    input_id: str | None
    path: str
    line: int | None
    format: str
    outlet: str | None
    url: str | None
    title: str | None
    byline: str | None
    date: str | None
    date_source: str | None
    date_precision: str | None
    text: str
    removed: tuple[RemovedLine, ...] = ()
    captions: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InputError:
    """One input that could not become an article, with the reason, coded.

    Yielded in the article stream instead of raising, so a bad file never stops
    the batch and every failure is counted and reported.
    """

    path: str
    line: int | None
    code: str  # an error code from newsgraph.errors, e.g. "E101"
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: [{self.code}] {self.message}"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's clean text, with character offsets into it."""

    article_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: a state, government body, person in office, company, group."""

    id: str
    name: str
    country: str | None  # ISO 3166 alpha-3, or None for international/unknown
    sector: str | None  # GOV, MIL, OPP, LEG, JUD, PTY, BUS, MED, IGO, NGO, REB, CVL, COP, SPY …
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that names an actor, and how it was resolved.

    `how` names the mechanism, for audit: dictionary:person, dictionary:org,
    country, demonym, metonym:<kind>, title+nationality, role+country,
    alias:earlier-mention, alias:earlier-role, location … `kind` says what the
    span does in its sentence: actor, modifier (Russian support), location
    (in Moscow).
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    actor_id: str
    how: str
    role: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone said: the span, how it is quoted, the cue and the speaker.

    `kind` is direct (inside quote marks, with a speaker or cue), partial (a quoted
    fragment inside the author's sentence) or indirect (said that …, according to
    …). `speaker_id` is the canonical actor or None when the text gives no speaker
    (a scare quote stays unattributed rather than forced onto someone).
    `about` lists the actors the quoted text itself mentions.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker_text: str | None
    speaker_id: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    about: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, coded in PLOVER and CAMEO, tied to its sentence.

    `status` is done, intended (pledged, will), threatened, or claimed (told only
    inside a quote, by `speaker_id`). `target_id` is None for events with no target
    actor in the text. Evidence offsets are into the article's clean text.
    `confidence` is the trained coder's probability for this type; `decided_by` names
    the features that weighed most in that decision, for audit.
    """

    article_id: str
    sentence: int
    source_id: str
    target_id: str | None
    trigger: str
    plover: str
    mode: str | None
    cameo: str
    quad_class: int | None
    goldstein: float | None
    negated: bool
    status: str
    speaker_id: str | None
    amounts: tuple[str, ...]
    evidence_start: int
    evidence_end: int
    date: str | None = None
    date_precision: str | None = None
    location: str | None = None
    confidence: float | None = None
    decided_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Label:
    """A descriptor the text hangs on an actor ("dictator", "President", "illegitimate regime").

    `kind` says how it attaches: title (words naming the actor in its own phrase:
    "the ruthless strongman Ortega", "the embattled leader"), apposition, modifier
    (a phrase the actor helps describe: "Ortega-controlled election board"),
    possession (what the actor owns or does: "Ortega's illegitimate regime",
    "the illegitimate swearing-in of Ortega"), predicate ("Ortega is a dictator",
    "called Ortega a usurper"). `polarity` is the framing lexicon's verdict
    (negative, positive) or None when no word of the label carries one. `voice`
    is author, or quoted when the words lie inside a quote (`speaker_id` is that
    quote's speaker, None when unattributed). Offsets are the label's words.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    actor_id: str
    label: str
    kind: str
    polarity: str | None
    voice: str
    speaker_id: str | None = None


@dataclass(frozen=True, slots=True)
class Tone:
    """Tone toward one actor in one article, for one voice (the author, or a speaker).

    Each mention is scored from the words around it (target-dependent, not the
    whole article's mood); `score` is the mean in [-1, 1] and the counts say how
    many mentions fell in each class.
    """

    article_id: str
    actor_id: str
    voice: str
    speaker_id: str | None
    mentions: int
    score: float
    negative: int
    neutral: int
    positive: int


@dataclass(frozen=True, slots=True)
class ArticleRecords:
    """Everything extracted from one article: the output of the per-article function."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    labels: tuple[Label, ...] = ()
    tones: tuple[Tone, ...] = ()
    tokens: int = 0


def as_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready values (nested records become dicts)."""
    return dataclasses.asdict(record)
