"""Cleaning measured on real text: the AllSides corpus in ../shared (skipped without it).

The figures behind issue 17's cleaning items, kept as floors so a change that brings
the debris back fails here: name cards ("President Trump Donald John TrumpTeaser …
MORE on Sunday said") and gallery counters ("Hide Caption 3 of 12") left in bodies.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from newsgraph.ingest.boilerplate import clean_paragraphs
from newsgraph.ingest.normalize import normalize_text, paragraphs
from newsgraph.ingest.widgets import strip_name_cards

pytestmark = [pytest.mark.shared, pytest.mark.slow]

# A card left in a paragraph: a word glued to a capitalised word, then MORE within reach.
CARD_LEFT = re.compile(r"[a-z][A-Z][a-z][^\n]{0,400}?\bMORE\b")
HINTS = (" MORE", "aption", "•", "\\u2022")  # cheap tests on the raw JSON line
COUNTER = re.compile(r"\b(?:Hide|Show) Caption\b|\b\d+ of \d+ • •", re.IGNORECASE)


@pytest.fixture(scope="module")
def allsides(shared: Path) -> list[dict]:
    path = shared / "corpus" / "allsides" / "articles.jsonl.gz"
    if not path.is_file():
        pytest.skip("../shared/corpus/allsides/articles.jsonl.gz is not present")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = [line for line in handle if any(hint in line for hint in HINTS)]  # json.loads only these
    return [row for row in map(json.loads, lines) if " MORE" in row["text"] or COUNTER.search(row["text"])]


@pytest.mark.issue(17)
def test_name_cards_are_cut_from_almost_every_paragraph_that_holds_one(allsides: list[dict]) -> None:
    holding = [p for row in allsides for p in row["text"].split("\n") if CARD_LEFT.search(p)]
    left = [p for p in holding if CARD_LEFT.search(strip_name_cards(p)[0])]
    assert len(holding) > 1000  # the corpus still has what this measures
    assert len(left) / len(holding) < 0.03, left[:5]


@pytest.mark.issue(17)
def test_no_gallery_counter_is_left_in_a_body(allsides: list[dict]) -> None:
    galleries = [row for row in allsides if COUNTER.search(row["text"])]
    assert len(galleries) > 400
    for row in galleries:
        cleaned = clean_paragraphs(paragraphs(normalize_text(row["text"])))
        assert not [line for _, line in cleaned.kept if COUNTER.search(line)], row["id"]
