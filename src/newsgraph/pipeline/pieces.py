"""A long article's records, from the records of its pieces (`nlp.pieces` cuts and parses them).

Each piece is extracted on its own, then its records are moved into the whole article:
character offsets shift by where the piece starts, sentence numbers by the sentences
before it, paragraphs are counted over the whole text as `extract.sentences` counts
them, actors are listed once, and an actor's tone in several pieces becomes one tone
(counts added, the score averaged over all its mentions). What is lost against a
whole-text pass is linking across pieces: a bare "Maduro" in one piece does not reach
back to "Nicolás Maduro" named only in an earlier piece.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from newsgraph.records import Article, ArticleRecords, Sentence, Tone

# Record fields holding character offsets into the article text.
_OFFSETS = ("start", "end", "speaker_start", "speaker_end", "evidence_start", "evidence_end")


def merge(article: Article, pieces: Iterable[tuple[int, ArticleRecords]]) -> ArticleRecords:
    """One article's records from (offset of the piece, records of the piece), in text order."""
    parts: dict[str, list] = {"sentences": [], "mentions": [], "quotes": [], "events": [], "labels": []}
    actors: dict[str, object] = {}
    tones: dict[tuple, list[Tone]] = {}
    tokens = 0
    for offset, records in pieces:
        first = len(parts["sentences"])
        for name, rows in parts.items():
            rows.extend(_moved(r, offset, first) for r in getattr(records, name))
        for actor in records.actors:
            actors.setdefault(actor.id, actor)
        for tone in records.tones:
            tones.setdefault((tone.actor_id, tone.voice, tone.speaker_id), []).append(tone)
        tokens += records.tokens
    return ArticleRecords(
        article=article,
        sentences=_paragraphs(article.text, parts["sentences"]),
        mentions=tuple(parts["mentions"]),
        actors=tuple(actors.values()),
        quotes=tuple(parts["quotes"]),
        events=tuple(parts["events"]),
        labels=tuple(parts["labels"]),
        tones=tuple(_one_tone(same) for same in tones.values()),
        tokens=tokens,
    )


def _moved(record, offset: int, first_sentence: int):
    """`record` with its offsets and sentence number counted from the start of the article."""
    changes = {name: getattr(record, name) + offset
               for name in _OFFSETS if hasattr(record, name) and getattr(record, name) is not None}
    if isinstance(record, Sentence):
        changes["index"] = record.index + first_sentence
    elif hasattr(record, "sentence"):
        changes["sentence"] = record.sentence + first_sentence
    return dataclasses.replace(record, **changes)


def _paragraphs(text: str, sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """Paragraph numbers over the whole text: blank-line breaks before each sentence."""
    out, paragraph, cursor = [], 0, 0
    for s in sentences:
        paragraph += text.count("\n\n", cursor, s.start)
        cursor = s.start
        out.append(dataclasses.replace(s, paragraph=paragraph))
    return tuple(out)


def _one_tone(tones: list[Tone]) -> Tone:
    """Tones toward one actor in one voice from several pieces: counts add up, the score is
    the mean over every mention (each piece's score is already a mean over its own)."""
    if len(tones) == 1:
        return tones[0]
    mentions = sum(t.mentions for t in tones)
    score = sum(t.score * t.mentions for t in tones) / mentions if mentions else 0.0
    return dataclasses.replace(
        tones[0], mentions=mentions, score=score, negative=sum(t.negative for t in tones),
        neutral=sum(t.neutral for t in tones), positive=sum(t.positive for t in tones),
    )
