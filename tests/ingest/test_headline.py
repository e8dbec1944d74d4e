"""A first line becomes the title only when it is shaped like a headline."""

from __future__ import annotations

import pytest

from newsgraph.ingest.headline import choose_title, is_headline, same_title


@pytest.mark.parametrize(
    "line",
    [
        "Harbour Strike Ends After Nine Days",
        "Will the ceasefire hold?",
        "Minister quits over ‘unworkable’ plan",
        "Court backs union in pay dispute with U.S.",
        "Floods: what we know so far!",
        "Senate Passes Tax Bill",  # Title Case, no function word: four words are not a name
        "Regional Ministers Agree Common Tariff",
    ],
)
def test_headlines(line):
    assert is_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "The harbour strike ended on Tuesday after nine days of talks.",
        "“We will not sign this,” the minister said.",
        "Officials said the talks would continue,",
        "lower-case start is not a headline",
        "Strike ends",  # too short to tell from a sub-heading
        "Maria Lopez and Tom Becker",  # names are a byline
        "Ana Silva",
        "Martin Luther King Jr.",
        " ".join(["word"] * 30),
    ],
)
def test_not_headlines(line):
    assert not is_headline(line)


def test_metadata_title_wins_and_its_repeat_is_dropped():
    lines = ["Harbour strike ends after nine days", "The strike ended on Tuesday.", "More text."]
    assert choose_title(lines, "Harbour Strike Ends After Nine Days") == (
        "Harbour Strike Ends After Nine Days", "metadata", 0,
    )
    assert choose_title(lines[1:], "Harbour Strike Ends") == ("Harbour Strike Ends", "metadata", None)


def test_first_line_title_needs_text_after_it():
    assert choose_title(["Harbour Strike Ends After Nine Days", "The strike ended."], None)[0]
    assert choose_title(["Harbour Strike Ends After Nine Days"], None) == (None, None, None)
    assert choose_title(["The strike ended on Tuesday.", "More text."], None) == (None, None, None)


def test_truncated_metadata_title_matches():
    assert same_title("Harbour strike ends after nine days of talks", "Harbour strike ends after nine days")
    assert not same_title("Harbour strike", "Harbour strike ends after nine days of talks")
