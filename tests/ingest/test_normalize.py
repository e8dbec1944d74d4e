"""Normalisation keeps meaning (quotes, dashes) and folds away what carries none."""

from __future__ import annotations

from newsgraph.ingest.normalize import article_id, normalize_text, paragraphs


def test_odd_spaces_become_plain_spaces():
    text = "The\u00a0minister\u2009said\u202fso,\u3000twice\tover."
    assert normalize_text(text) == "The minister said so, twice over."


def test_invisible_characters_are_removed():
    text = "\ufeffcease\u00adfire\u200b agree\u200dment\u2060 \u202ebid\x07"
    assert normalize_text(text) == "ceasefire agreement bid"


def test_quotes_dashes_and_apostrophes_are_kept_as_written():
    text = "\u201cWe won\u2019t,\u201d she said \u2014 and left \u2013 early\u2026"
    assert normalize_text(text) == text


def test_line_ends_and_runs_of_spaces():
    text = "  First   line  \r\nsecond line\rthird\u2028fourth\n\n\n\nfifth  "
    assert normalize_text(text) == "First line\nsecond line\nthird\nfourth\n\nfifth"


def test_nfc_composes_accents():
    assert normalize_text("Nicola\u0301s") == "Nicolás"


def test_paragraphs_read_single_and_blank_line_layouts_alike():
    single = "Headline here\nFirst paragraph.\nSecond paragraph."
    double = "Headline here\n\nFirst paragraph.\n\n\nSecond paragraph.\n"
    assert paragraphs(normalize_text(single)) == paragraphs(normalize_text(double))
    assert paragraphs(normalize_text(single)) == ["Headline here", "First paragraph.", "Second paragraph."]


def test_article_id_is_stable_across_layout_and_invisible_noise():
    a = "Talks resumed on Monday.\n\nBoth sides met."
    b = "Talks\u00a0resumed on Monday.\r\nBoth sides met.\u200b\n"
    assert article_id(a) == article_id(b)
    assert len(article_id(a)) == 16 and int(article_id(a), 16) >= 0
    assert article_id(a) != article_id("Talks resumed on Tuesday.\n\nBoth sides met.")
