"""Small stores written through the real store API, for the CLI's output tests.

`hostile_store(path)`: articles whose titles, outlets and actor names hold what a
stranger's metadata may hold — terminal control sequences (clear screen, window
title, colours, 8-bit CSI), rich markup and emoji codes — and two actors sharing a
first name (an ambiguous query). `dated_store(path, n)`: `n` dated articles with one
event and one quote each, for tables too long to show whole.

All texts are our own invented wording.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from newsgraph.records import (
    Actor,
    Article,
    ArticleRecords,
    Event,
    Label,
    Mention,
    Quote,
    Sentence,
    Tone,
)
from newsgraph.store import open_store

ESC = "\x1b"
CLEAR = f"{ESC}[2J"
TITLE = f"{ESC}]0;owned window{chr(7)}"
RED = f"{ESC}[31m"
CSI8 = "\x9b1;31m"
# Everything that must never reach a terminal as is.
HOSTILE = (CLEAR, TITLE, RED, CSI8, ESC, "\x9b", "\x07")

OUTLET = f"{RED}Gazette{ESC}[0m [bold]of[/bold] Tarn"
TITLE_TEXT = f"{CLEAR}Harbour {TITLE}strike [link=https://example.invalid]spreads[/link] :warning: {CSI8}"

ACTORS = {
    "anselm-roth": Actor("anselm-roth", f"Anselm Roth{CLEAR}", "TRN", "GOV", aliases=("Minister Roth",)),
    "anselm-keller": Actor("anselm-keller", "Anselm Keller", "TRN", "BUS"),
    "TRN": Actor("TRN", "Tarnland", "TRN", None),
}


def _records(
    sentences: list[str], *, outlet: str | None, date: str | None, title: str | None,
    mentions: list[tuple[int, str, str]] = (), events: list[tuple[int, str, str | None, str, int, float]] = (),
    quotes: list[tuple[int, str, str | None]] = (), labels: list[tuple[int, str, str]] = (),
) -> ArticleRecords:
    """One article's records, every span found in its text."""
    text = " ".join(sentences)
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    starts, at = [], 0
    for s in sentences:
        starts.append(at)
        at += len(s) + 1

    def span(sentence: int, words: str) -> tuple[int, int]:
        start = text.index(words, starts[sentence])
        return start, start + len(words)

    precision = None if date is None else ("day", "month", "year")[2 - date.count("-")]
    article = Article(article_id, None, f"{article_id}.txt", None, "txt", outlet, None, title, None, date,
                      "metadata" if date else None, precision, text)
    used = set()
    made_mentions = []
    for sentence, words, actor_id in mentions:
        made_mentions.append(Mention(article_id, sentence, *span(sentence, words), words, actor_id,
                                     "dictionary:person", None, "actor"))
        used.add(actor_id)
    made_events = []
    for sentence, source, target, plover, quad, goldstein in events:
        s0 = starts[sentence]
        made_events.append(Event(article_id, sentence, source, target, "said", plover, None, "010", quad, goldstein,
                                 False, "done", None, (), s0, s0 + len(sentences[sentence]), date=date,
                                 confidence=0.99))
        used |= {source} | ({target} if target else set())
    made_quotes = []
    for sentence, words, speaker in quotes:
        made_quotes.append(Quote(article_id, sentence, *span(sentence, words), words, "direct", "said", speaker,
                                 speaker))
        used |= {speaker} if speaker else set()
    made_labels = []
    made_tones = []
    for sentence, words, actor_id in labels:
        made_labels.append(Label(article_id, sentence, *span(sentence, words), actor_id, words, "title", None, "author"))
        made_tones.append(Tone(article_id, actor_id, "author", None, 1, -0.4, 1, 0, 0))
        used.add(actor_id)
    return ArticleRecords(
        article=article,
        sentences=tuple(Sentence(article_id, i, 0, st, st + len(s), s) for i, (st, s) in enumerate(zip(starts, sentences))),
        mentions=tuple(made_mentions), actors=tuple(ACTORS[a] for a in sorted(used)), quotes=tuple(made_quotes),
        events=tuple(made_events), labels=tuple(made_labels), tones=tuple(made_tones), tokens=len(text.split()),
    )


def hostile_records() -> list[ArticleRecords]:
    roth = [
        "Minister Anselm Roth of Tarnland promised the dockers a new contract.",
        "Anselm Keller, who owns the largest shipyard, said nothing.",
    ]
    second = [
        "Anselm Roth met the union again on Friday, and Anselm Keller joined him.",
        "Roth said the talks would go on.",
    ]
    return [
        _records(roth, outlet=OUTLET, date="2022-04-05", title=TITLE_TEXT,
                 mentions=[(0, "Anselm Roth", "anselm-roth"), (0, "Tarnland", "TRN"), (1, "Anselm Keller", "anselm-keller")],
                 labels=[(0, "Minister", "anselm-roth")]),
        _records(second, outlet="Tarn Courier", date="2022-04-08", title=f"Talks{ESC}c go on",
                 mentions=[(0, "Anselm Roth", "anselm-roth"), (0, "Anselm Keller", "anselm-keller"),
                           (1, "Roth", "anselm-roth")]),
    ]


def hostile_store(path: str | Path) -> Path:
    with open_store(path) as store:
        run = store.start_run({"command": "analyze", "paths": [f"inbox/{CLEAR}{TITLE}"]})
        store.write_batch(hostile_records(), run_id=run)
        store.finish_run(run, {"added": 2})
    return Path(path)


def dated_records(n: int) -> list[ArticleRecords]:
    """`n` articles a day apart from 2020-01-01, one event and one quote each.

    Every seventh is undated and every eleventh knows its day but not its year (EDTF
    `XXXX-07-29`): both must sort after every dated article.
    """
    from datetime import date, timedelta

    out = []
    for i in range(n):
        day = None if i % 7 == 3 else "XXXX-07-29" if i % 11 == 5 else (date(2020, 1, 1) + timedelta(days=i)).isoformat()
        sentences = [f"Tarnland offered aid to the port of Kessmar for the {i}th time, officials said.",
                     f"“We will be there, bulletin {i},” said Anselm Roth."]
        out.append(_records(sentences, outlet=f"wire{i % 2}", date=day, title=f"Bulletin {i}",
                            mentions=[(0, "Tarnland", "TRN"), (1, "Anselm Roth", "anselm-roth")],
                            events=[(0, "TRN", None, "AID", 2, 7.0)],
                            quotes=[(1, f"“We will be there, bulletin {i},”", "anselm-roth")]))
    return out


def dated_store(path: str | Path, n: int) -> Path:
    with open_store(path) as store:
        store.write_batch(dated_records(n))
    return Path(path)
