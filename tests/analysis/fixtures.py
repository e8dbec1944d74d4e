"""A fixture store for the analyses, built once per session through the real store API.

Seven invented articles (our own words, about invented countries) from three outlets:

- a fishing accord between Norland (NRL) and Sudavia (SDV), reported by two outlets
  the day it was signed, and once more as wire copy (a near-duplicate of the first);
- a quarrel over the same quotas nine months later (a new story, the same thread);
- a rail tunnel in Ostmark (OST), about nothing else (a thread of its own);
- Sudavia's election, "legitimately" won for one outlet and "rigged" for a Norland
  minister quoted by another (a conflicting claim).

Offsets are found in the text, so the records are exactly what the pipeline writes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from newsgraph.records import (
    Actor, Article, ArticleRecords, Event, Label, Mention, Quote, Sentence, Tone,
)
from newsgraph.store import open_store

ACTORS = {
    "NRL": Actor("NRL", "Norland", "NRL", None),
    "SDV": Actor("SDV", "Sudavia", "SDV", None),
    "OST": Actor("OST", "Ostmark", "OST", None),
    "ilse-varga": Actor("ilse-varga", "Ilse Varga", "NRL", "GOV", aliases=("President Varga",)),
    "tomas-brel": Actor("tomas-brel", "Tomás Brel", "SDV", "GOV", aliases=("Premier Brel",)),
    "aino-salo": Actor("aino-salo", "Aino Salo", "NRL", "GOV"),
    "rail-board": Actor("rail-board", "<script>alert(1)</script> Rail Board", "OST", "BUS"),
}

ACCORD = [
    "President Ilse Varga of Norland and Premier Tomás Brel of Sudavia signed the Kessel fishing accord on Wednesday.",
    "The accord fixes cod and herring quotas for the Grey Sound until the next spawning survey.",
    "“This accord is fair to both fleets,” Varga said at the quayside in Kessel.",
    "Trawler crews in Kessel cheered as the quota tables were read aloud.",
]


class _Article:
    """Collects one article's records, finding each span in the text."""

    def __init__(self, sentences: list[str], *, outlet: str | None, date: str | None, title: str | None) -> None:
        self.sentences = sentences
        self.text = " ".join(sentences)
        self.id = hashlib.sha256(self.text.encode()).hexdigest()[:16]
        self.outlet, self.date, self.title = outlet, date, title
        self.starts = []
        at = 0
        for s in sentences:
            self.starts.append(at)
            at += len(s) + 1
        self.mentions, self.quotes, self.events, self.labels, self.tones = [], [], [], [], []

    def span(self, sentence: int, words: str) -> tuple[int, int]:
        start = self.text.index(words, self.starts[sentence])
        return start, start + len(words)

    def mention(self, sentence: int, words: str, actor_id: str, kind: str = "actor") -> _Article:
        start, end = self.span(sentence, words)
        self.mentions.append(Mention(self.id, sentence, start, end, words, actor_id, "dictionary:person", None, kind))
        return self

    def quote(self, sentence: int, words: str, speaker_id: str | None, speaker_text: str | None) -> _Article:
        start, end = self.span(sentence, words)
        self.quotes.append(Quote(self.id, sentence, start, end, words, "direct", "said", speaker_text, speaker_id))
        return self

    def event(self, sentence: int, source: str, target: str, plover: str, quad: int, goldstein: float, trigger: str) -> _Article:
        s0, s1 = self.starts[sentence], self.starts[sentence] + len(self.sentences[sentence])
        self.events.append(Event(self.id, sentence, source, target, trigger, plover, None, "057", quad, goldstein,
                                 False, "done", None, (), s0, s1, date=self.date))
        return self

    def label(self, sentence: int, words: str, actor_id: str, kind: str, polarity: str | None,
              voice: str = "author", speaker_id: str | None = None) -> _Article:
        start, end = self.span(sentence, words)
        self.labels.append(Label(self.id, sentence, start, end, actor_id, words, kind, polarity, voice, speaker_id))
        return self

    def tone(self, actor_id: str, voice: str, speaker_id: str | None, score: float, mentions: int = 1) -> _Article:
        neg, pos = int(score < 0) * mentions, int(score > 0) * mentions
        self.tones.append(Tone(self.id, actor_id, voice, speaker_id, mentions, score, neg, mentions - neg - pos, pos))
        return self

    def records(self) -> ArticleRecords:
        precision = None if self.date is None else ("day", "month", "year")[2 - self.date.count("-")]
        article = Article(self.id, None, f"{self.id}.txt", None, "txt", self.outlet, None, self.title, None,
                          self.date, "metadata" if self.date else None, precision, self.text)
        used = {m.actor_id for m in self.mentions} | {q.speaker_id for q in self.quotes if q.speaker_id}
        used |= {e.source_id for e in self.events} | {e.target_id for e in self.events if e.target_id}
        used |= {label.actor_id for label in self.labels} | {label.speaker_id for label in self.labels if label.speaker_id}
        used |= {t.actor_id for t in self.tones}
        return ArticleRecords(
            article=article,
            sentences=tuple(Sentence(self.id, i, 0, st, st + len(s), s) for i, (st, s) in enumerate(zip(self.starts, self.sentences))),
            mentions=tuple(self.mentions), actors=tuple(ACTORS[a] for a in sorted(used)),
            quotes=tuple(self.quotes), events=tuple(self.events), labels=tuple(self.labels),
            tones=tuple(self.tones), tokens=len(self.text.split()),
        )


def _accord(sentences: list[str], outlet: str, date: str, title: str) -> _Article:
    a = _Article(sentences, outlet=outlet, date=date, title=title)
    first = sentences[0]
    for words, actor in (("Ilse Varga", "ilse-varga"), ("Tomás Brel", "tomas-brel"), ("Norland", "NRL"), ("Sudavia", "SDV")):
        if words in first:
            a.mention(0, words, actor)
    a.event(0, "NRL", "SDV", "AGREE", 1, 4.0, "signed")
    return a


def fixture_articles() -> list[_Article]:
    harbour = _accord(ACCORD, "harbourtimes", "2023-05-10", "Norland and Sudavia sign a fishing accord")
    harbour.quote(2, "“This accord is fair to both fleets,”", "ilse-varga", "Varga").mention(2, "Varga", "ilse-varga")
    harbour.label(0, "President", "ilse-varga", "title", None).label(0, "Premier", "tomas-brel", "title", None)
    harbour.tone("tomas-brel", "author", None, 0.2)
    wire = _accord(ACCORD[:3] + ["Officials in Kessel called the signing a quiet ceremony."], "wirecopy", "2023-05-10",
                   "Fishing accord signed in Kessel")
    ledger = _accord([
        "Sudavia and Norland agreed on Wednesday to share the cod and herring of the Grey Sound under a new accord.",
        "Premier Tomás Brel of Sudavia and President Ilse Varga put their names to the fishing accord in Kessel.",
        "Quotas will stand until a spawning survey is done, and fleets from both sides may land their catch in Kessel.",
    ], "ledger", "2023-05-11", "A fishing accord for the Grey Sound")
    ledger.mention(1, "Tomás Brel", "tomas-brel").mention(1, "Ilse Varga", "ilse-varga")
    ledger.label(1, "Premier", "tomas-brel", "title", None).tone("tomas-brel", "author", None, 0.1)
    quarrel = _Article([
        "Norland accused Sudavia of overfishing the Grey Sound, nine months after the two signed their fishing accord.",
        "Norland's fisheries office said Sudavian trawlers had landed twice their herring quota.",
        "Sudavia rejected the charge and summoned Norland's envoy.",
    ], outlet="ledger", date="2024-02-02", title="Norland accuses Sudavia over herring")
    quarrel.mention(0, "Norland", "NRL").mention(0, "Sudavia", "SDV").mention(2, "Sudavia", "SDV").mention(2, "Norland", "NRL")
    quarrel.event(0, "NRL", "SDV", "ACCUSE", 3, -2.0, "accused").event(2, "SDV", "NRL", "REJECT", 3, -4.0, "rejected")
    tunnel = _Article([
        "Ostmark opened a rail tunnel under the Hollow Ridge, cutting the journey from Pell to Marrow by an hour.",
        "The <script>alert(1)</script> Rail Board said freight trains would use the tunnel at night.",
    ], outlet="harbourtimes", date="2024-06", title="Ostmark opens the Hollow Ridge tunnel")
    tunnel.mention(0, "Ostmark", "OST").mention(1, "<script>alert(1)</script> Rail Board", "rail-board")
    vote = _Article([
        "The legitimately elected Premier Tomás Brel began a second term in Sudavia on Sunday.",
        "Crowds in the capital waved flags as the new cabinet was sworn in.",
    ], outlet="ledger", date="2024-09-15", title="Brel begins a second term")
    vote.mention(0, "Premier Tomás Brel", "tomas-brel").mention(0, "Sudavia", "SDV", "location")
    vote.label(0, "legitimately elected", "tomas-brel", "title", "positive").tone("tomas-brel", "author", None, 0.5)
    rigged = _Article([
        "“The vote that returned Brel was rigged,” said Aino Salo, the foreign minister of Norland.",
        "Salo said Norland would not send a delegation to the swearing-in.",
    ], outlet="harbourtimes", date="2024-09-16", title="Norland minister calls Sudavian vote rigged")
    rigged.mention(0, "Brel", "tomas-brel").mention(0, "Aino Salo", "aino-salo").mention(0, "Norland", "NRL", "modifier")
    rigged.mention(1, "Salo", "aino-salo").mention(1, "Norland", "NRL")
    rigged.quote(0, "“The vote that returned Brel was rigged,”", "aino-salo", "Aino Salo")
    rigged.label(0, "rigged", "tomas-brel", "predicate", "negative", "quoted", "aino-salo")  # "the vote that returned X"
    rigged.tone("tomas-brel", "quoted", "aino-salo", -0.6)
    return [harbour, wire, ledger, quarrel, tunnel, vote, rigged]


def build_analysis_store(path: str | Path) -> Path:
    with open_store(path) as store:
        store.write_batch([a.records() for a in fixture_articles()])
    return Path(path)
