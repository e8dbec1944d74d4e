"""Long texts are analysed in pieces, with every offset into the whole text."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from newsgraph.extract import Extractor
from newsgraph.nlp.pieces import cut_points
from newsgraph.pipeline.process import analyze_batch
from newsgraph.records import Article, ArticleRecords

PLACES = ["Lisbon", "Oslo", "Nairobi", "Lima", "Hanoi", "Accra", "Quito", "Riga"]
PEOPLE = ["Prime Minister Ana Ferreira", "Foreign Minister Jonas Berg", "President Ama Owusu"]


def long_text(paragraphs: int, seed: int = 7) -> str:
    """Paragraphs of our own wording with names, quotes and acts, so every extractor has work."""
    r = random.Random(seed)
    out = []
    for i in range(paragraphs):
        who, where, other = r.choice(PEOPLE), r.choice(PLACES), r.choice(PLACES)
        out.append(
            f"{who} met the mayor of {where} on Monday to discuss the harbour. "
            f"\"We will not accept new tariffs from {other},\" {who.split()[-1]} said. "
            f"Officials in {other} accused {where} of blocking {r.randint(2, 900)} trucks, and the "
            f"dishonest council promised aid to farmers."
        )
    return "\n\n".join(out)


def test_cuts_rejoin_the_text_and_prefer_paragraph_breaks():
    text = long_text(40)
    cuts = cut_points(text, 2_000)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    pieces = [text[a:b] for a, b in pairwise(cuts)]
    assert "".join(pieces) == text
    assert all(len(p) <= 2_000 for p in pieces) and all(len(p) >= 1_000 for p in pieces[:-1])
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # every cut is at a paragraph break


@pytest.mark.parametrize("text, kind", [
    ("One line without breaks. " * 200, "sentence"),
    ("word " * 1000, "space"),
    ("x" * 5000, "anywhere"),
])
def test_without_paragraphs_a_cut_falls_after_a_sentence_else_a_space_else_anywhere(text, kind):
    cuts = cut_points(text, 1_000)
    pieces = [text[a:b] for a, b in pairwise(cuts)]
    assert "".join(pieces) == text and max(map(len, pieces)) <= 1_000
    if kind == "sentence":
        assert all(p.endswith(". ") for p in pieces[:-1])
    elif kind == "space":
        assert all(p.endswith(" ") for p in pieces[:-1])


@pytest.mark.slow
def test_a_text_longer_than_spacy_takes_is_analysed_with_offsets_into_the_whole_text(nlp, monkeypatch):
    text = long_text(60)  # about 13,000 characters
    monkeypatch.setattr(nlp, "max_length", 4_000)  # pieces of 2,000: seven or more of them
    with pytest.raises(ValueError, match="E088"):
        nlp(text)  # what used to lose the article
    article = Article(
        article_id="long", input_id=None, path="long.txt", line=None, format="txt", outlet="Test Post",
        url=None, title=None, byline=None, date="2024-03-01", date_source="user", date_precision="day", text=text,
    )
    (records,) = analyze_batch([article], nlp, Extractor())
    assert isinstance(records, ArticleRecords), records
    assert records.sentences[-1].end == len(text.rstrip())
    for s in records.sentences:
        assert text[s.start:s.end] == s.text
    last_piece_start = cut_points(text, 2_000)[-2]
    assert any(m.start > last_piece_start for m in records.mentions)  # offsets beyond the first piece
    for m in records.mentions:
        assert text[m.start:m.end] == m.text
    assert records.quotes and records.labels and records.events
    for q in records.quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
    for e in records.events:
        s = records.sentences[e.sentence]
        assert s.start <= e.evidence_start < e.evidence_end <= s.end
        assert e.trigger.lower().split()[0] in text[e.evidence_start:e.evidence_end].lower()
    for label in records.labels:
        s = records.sentences[label.sentence]
        assert s.start <= label.start < label.end <= s.end
        assert label.label.split()[-1].lower() in text[label.start:label.end].lower()


@pytest.mark.slow
def test_pieces_cut_at_paragraphs_give_the_sentences_of_the_whole_text(nlp, monkeypatch):
    text = long_text(20)
    article = Article(
        article_id="long", input_id=None, path="long.txt", line=None, format="txt", outlet=None,
        url=None, title=None, byline=None, date="2024-03-01", date_source="user", date_precision="day", text=text,
    )
    extract = Extractor()
    (whole,) = analyze_batch([article], nlp, extract)
    monkeypatch.setattr(nlp, "max_length", 2_000)
    (pieces,) = analyze_batch([article], nlp, extract)
    assert len(cut_points(text, 1_000)) > 4
    assert pieces.sentences == whole.sentences  # indices, paragraphs, offsets, text
    assert pieces.tokens == whole.tokens
    assert len({a.id for a in pieces.actors}) == len(pieces.actors)
    # a piece finds no span the whole text does not; it may miss links back to an earlier piece
    assert {(m.start, m.end) for m in pieces.mentions} <= {(m.start, m.end) for m in whole.mentions}
    assert len(pieces.mentions) >= 0.9 * len(whole.mentions)
