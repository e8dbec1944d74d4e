"""Merging a long article's pieces: offsets, sentence numbers, paragraphs, actors and tones."""

from __future__ import annotations

from newsgraph.pipeline.pieces import merge
from newsgraph.records import Actor, Article, ArticleRecords, Mention, Sentence, Tone

TEXT = "Oslo spoke.\n\nLima replied.\n\nOslo agreed."
CUT = TEXT.index("Lima")


def _article() -> Article:
    return Article(article_id="a", input_id=None, path="a.txt", line=None, format="txt", outlet=None, url=None,
                   title=None, byline=None, date=None, date_source=None, date_precision=None, text=TEXT)


def _piece(text: str, tone: Tone) -> ArticleRecords:
    """Records of one piece, as the extractor gives them: offsets into the piece."""
    sentences, start = [], 0
    for i, part in enumerate(p for p in text.split("\n\n") if p):
        start = text.index(part, start)
        sentences.append(Sentence("a", i, i, start, start + len(part), part))
    first = sentences[0]
    mention = Mention("a", 0, first.start, first.start + 4, first.text[:4], tone.actor_id, "country", None, "actor")
    return ArticleRecords(article=_article(), sentences=tuple(sentences), mentions=(mention,),
                          actors=(Actor(tone.actor_id, tone.actor_id.upper(), None, "GOV"),), tones=(tone,), tokens=3)


def test_records_of_pieces_point_into_the_whole_text_with_one_tone_per_actor_and_voice():
    one = _piece(TEXT[:CUT], Tone("a", "nor", "author", None, mentions=1, score=1.0, negative=0, neutral=0, positive=1))
    two = _piece(TEXT[CUT:], Tone("a", "nor", "author", None, mentions=3, score=-1.0, negative=3, neutral=0, positive=0))
    merged = merge(_article(), [(0, one), (CUT, two)])
    assert [TEXT[s.start:s.end] for s in merged.sentences] == ["Oslo spoke.", "Lima replied.", "Oslo agreed."]
    assert [(s.index, s.paragraph) for s in merged.sentences] == [(0, 0), (1, 1), (2, 2)]
    assert [(m.sentence, TEXT[m.start:m.end]) for m in merged.mentions] == [(0, "Oslo"), (1, "Lima")]
    assert [a.id for a in merged.actors] == ["nor"] and merged.tokens == 6
    (tone,) = merged.tones
    assert (tone.mentions, tone.negative, tone.positive, tone.score) == (4, 3, 1, -0.5)
