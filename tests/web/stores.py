"""Stores for the workbench tests, built through the real store API.

- `build_hostile_store`: two invented articles whose text, title, outlet, URL, AllSides
  rating, actor names and ids, quotes and labels hold markup and `javascript:` URLs, with
  events between the hostile actors, so every page has something hostile to show;
- `build_workbench_store`: our `examples/` (and the seeds when `../shared` is there)
  analysed by the real pipeline, plus the analysis fixture's invented articles (known
  dyads, labels, tones, a conflicting claim) and the hostile ones.
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

PWN = "window.__pwned = 1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'"><img src=x onerror="{PWN}">'
JS_URL = f"javascript:{PWN}"
HOSTILE_STRINGS = (SCRIPT, IMG, JS_URL)

EVIL = Actor("EVL", f"Evilland {SCRIPT}", "EVL", None)
EVIL_ID = 'evil"><svg onload=window.__pwned=1>'
EVIL_PERSON = Actor(EVIL_ID, f"Minister {IMG}", "EVL", "GOV", aliases=(SCRIPT,))
OTHER = Actor("OTH", "Otherland", "OTH", None)


def _hostile_article(sentences: list[str], *, outlet: str, title: str, date: str, url: str | None,
                     bias: str | None) -> tuple[Article, list[Sentence], list[int]]:
    text = " ".join(sentences)
    aid = hashlib.sha256(text.encode()).hexdigest()[:16]
    starts, at = [], 0
    for s in sentences:
        starts.append(at)
        at += len(s) + 1
    article = Article(aid, None, f"{aid}.jsonl", 1, "jsonl", outlet, url, title, f"By {IMG}", date, "metadata",
                      "day", text, meta={"bias_text": bias} if bias else {})
    return article, [Sentence(aid, i, 0, st, st + len(s), s) for i, (st, s) in enumerate(zip(starts, sentences))], starts


def hostile_records() -> list[ArticleRecords]:
    out = []
    for n, (outlet, bias) in enumerate(((f"Outlet {SCRIPT}", "left"), (f"Outlet {IMG}", f"right {SCRIPT}"))):
        sentences = [
            f"Evilland {SCRIPT} threatened Otherland on Monday {n}.",
            f"“We will answer {IMG},” said Minister {IMG} of Evilland.",
            f"Readers were told to visit {JS_URL} for more.",
        ]
        article, sents, starts = _hostile_article(
            sentences, outlet=outlet, title=f"Title {SCRIPT} {IMG} {n}", date=f"2024-0{n + 3}-02",
            url=JS_URL, bias=bias)
        aid, text = article.article_id, article.text

        def span(i: int, words: str, text: str = text, starts: list[int] = starts) -> tuple[int, int]:
            start = text.index(words, starts[i])
            return start, start + len(words)

        e0, e1 = span(0, f"Evilland {SCRIPT}")
        o0, o1 = span(0, "Otherland")
        q0, q1 = span(1, f"“We will answer {IMG},”")
        m0, m1 = span(1, f"Minister {IMG}")
        mentions = (
            Mention(aid, 0, e0, e1, text[e0:e1], "EVL", "country", None, "actor"),
            Mention(aid, 0, o0, o1, "Otherland", "OTH", "country", None, "actor"),
            Mention(aid, 1, m0, m1, text[m0:m1], EVIL_ID, "dictionary:person", None, "actor"),
        )
        s0 = sents[0]
        events = (
            Event(aid, 0, "EVL", "OTH", "threatened", "THREATEN", None, "138", 3, -7.0, False, "threatened", None, (),
                  s0.start, s0.end, date=article.date, confidence=0.9),
            Event(aid, 1, EVIL_ID, "OTH", f"answer {SCRIPT}", "ACCUSE", None, "112", 3, -2.0, False, "done", None, (),
                  sents[1].start, sents[1].end, date=article.date, confidence=0.8),
        )
        quotes = (Quote(aid, 1, q0, q1, text[q0:q1], "direct", "said", text[m0:m1], EVIL_ID, m0, m1, ("EVL", "OTH")),)
        labels = (Label(aid, 1, m0, m0 + len("Minister"), EVIL_ID, f"minister {SCRIPT}", "title", "negative", "author"),)
        tones = (Tone(aid, EVIL_ID, "author", None, 2, -0.5, 1, 1, 0), Tone(aid, "OTH", "quoted", EVIL_ID, 1, 0.4, 0, 0, 1))
        out.append(ArticleRecords(article=article, sentences=tuple(sents), mentions=mentions,
                                  actors=(EVIL, EVIL_PERSON, OTHER), quotes=quotes, events=events, labels=labels,
                                  tones=tones, tokens=len(text.split())))
    return out


def build_hostile_store(path: str | Path) -> Path:
    with open_store(path) as store:
        store.write_batch(hostile_records())
    return Path(path)


def build_workbench_store(path: str | Path, inputs: list[Path]) -> Path:
    """The examples (and seeds) through the real pipeline, then the invented articles."""
    from newsgraph.api import analyze

    from ..analysis.fixtures import fixture_articles

    analyze([str(p) for p in inputs], store=path, workers=1)
    with open_store(path) as store:
        store.write_batch([a.records() for a in fixture_articles()])
        store.write_batch(hostile_records())
    return Path(path)


__all__ = ["HOSTILE_STRINGS", "PWN", "build_hostile_store", "build_workbench_store"]
