"""Name cards scraped into sentences: the card goes, the sentence stays as printed.

The cases are our own wording in the shape of the cards found on real pages (a full
name glued to teaser headlines, closed by MORE); see ingest/widgets.py.
"""

from __future__ import annotations

import pytest

from newsgraph.ingest.boilerplate import clean_paragraphs
from newsgraph.ingest.widgets import strip_name_cards

TEASERS = "Harbour strike ends after nine days Council weighs new budget Ferry returns to the lake"

CARDS = [
    # the full name glued to the first teaser
    (f"Mayor Okafor Ines Adaeze Okafor{TEASERS} MORE on Friday said the port would reopen.",
     "Mayor Okafor on Friday said the port would reopen."),
    # a nickname in brackets and a possessive after MORE
    (f"Judge Maria Lindqvist Maria (Mia) Helena Lindqvist{TEASERS} MORE’s ruling came late.",
     "Judge Maria Lindqvist’s ruling came late."),
    # a surname whose capital inside is not a seam
    (f"Senator Ann McAllister Ann Louise McAllister{TEASERS} MORE (R-Maine) objected.",
     "Senator Ann McAllister (R-Maine) objected."),
    # no seam, but the full name starts with the first name as said
    (f"Speaker Tomas Brenn Tomas Erik Brenn {TEASERS} MORE, the host, spoke first.",
     "Speaker Tomas Brenn, the host, spoke first."),
    # the name as said glued to the card, and a suffix
    (f"They invited Lena OduyaLena OduyaCouncil {TEASERS} MORE (Ore.) and Carl Webb Jr. Carl (Chip) Webb{TEASERS} MORE to speak.",
     "They invited Lena Oduya (Ore.) and Carl Webb Jr. to speak."),
    # a name particle inside the full name
    (f"Mayor Anna de Vries Anna Maria de Vries{TEASERS} MORE declined.", "Mayor Anna de Vries declined."),
]  # fmt: skip


@pytest.mark.issue(17)
@pytest.mark.parametrize(("line", "expected"), CARDS)
def test_a_name_card_is_cut_and_the_sentence_reads_as_printed(line: str, expected: str) -> None:
    kept, cards = strip_name_cards(line)
    assert kept == expected
    assert cards and all(card.endswith("MORE") and TEASERS.split()[0] in card for card in cards)


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    "line",
    [
        "The company said MORE people bought tickets than in any year before.",  # MORE without a card
        "Okafor met Ines Okafor, her cousin, and said MORE talks would follow.",  # surname twice, no card shape
        "He met Paul Brenn in Oslo. Brenn said nothing. MORE TO COME",  # no full name between
        "Tomas Brenn Anna Webb Brenn signed the letter with MORE",  # full name starts with another first name, no seam
        "The iPhone maker McAllister Holdings bought McDonaldCo shares, MORE or less.",
    ],
)
def test_text_without_a_card_is_left_alone(line: str) -> None:
    assert strip_name_cards(line) == (line, [])


@pytest.mark.issue(17)
def test_cleaning_records_the_card_as_a_removed_widget() -> None:
    paragraphs = [
        "Port Reopens After Strike",
        f"Mayor Okafor Ines Adaeze Okafor{TEASERS} MORE on Friday said the port would reopen.",
        "Dock workers returned on Saturday.",
    ]
    cleaned = clean_paragraphs(paragraphs)
    assert [line for _, line in cleaned.kept][1] == "Mayor Okafor on Friday said the port would reopen."
    widgets = [r for r in cleaned.removed if r.reason == "widget"]
    assert len(widgets) == 1 and widgets[0].paragraph == 1 and widgets[0].text.startswith("Ines Adaeze Okafor")
