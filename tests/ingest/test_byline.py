"""Byline lines parsed into authors, affiliation and date; sentences are not bylines."""

from __future__ import annotations

import pytest

from newsgraph.ingest.byline import author_from_promo, parse_byline, person_name


def test_byline_with_date_and_time():
    found = parse_byline("By Maria Lopez | March 4, 2021 | 9:15 AM EST")
    assert found.authors == ("Maria Lopez",)
    assert (found.date, found.precision) == ("2021-03-04", "day")


@pytest.mark.parametrize(
    "line, authors, affiliation",
    [
        ("By Maria Lopez and Tom Becker", ("Maria Lopez", "Tom Becker"), None),
        ("By Maria Lopez, Tom Becker and Ana Silva", ("Maria Lopez", "Tom Becker", "Ana Silva"), None),
        ("MARIA LOPEZ, Reuters", ("Maria Lopez",), "Reuters"),
        ("By Maria Lopez, Europe correspondent", ("Maria Lopez",), "Europe correspondent"),
        ("By Maria Lopez, Daily Ledger, Lisbon", ("Maria Lopez",), "Daily Ledger, Lisbon"),
        ("Tom Becker | Associated Press", ("Tom Becker",), "Associated Press"),
        ("By Sen. Ana Silva", ("Ana Silva",), None),
        ("By J. R. Okafor Jr.", ("J. R. Okafor Jr.",), None),
    ],
)
def test_byline_forms(line, authors, affiliation):
    found = parse_byline(line)
    assert found is not None, line
    assert found.authors == authors
    assert found.affiliation == affiliation


def test_date_inside_the_name_segment():
    found = parse_byline("By Maria Lopez on April 2, 2020")
    assert found.authors == ("Maria Lopez",) and found.date == "2020-04-02"


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, the northern provinces voted against the plan.",
        "By Friday, both delegations had left the capital.",
        "By Election Day, the lead had shrunk.",
        "By Mr. Becker's count, forty ships were stopped.",
        "Maria Lopez",  # a lone name needs "By", an affiliation or a date
        "Stumping For Governors, Mayor Gets His Own Boost",
        "MARIA LOPEZ, HOST:",
        "By the numbers: exports fell 4 percent",
    ],
)
def test_sentences_and_headlines_are_not_bylines(line):
    assert parse_byline(line) is None


def test_person_name_shapes():
    assert person_name("MARIA LOPEZ") == "Maria Lopez"
    assert person_name("Ludwig van Beethoven") == "Ludwig van Beethoven"
    assert person_name("Associated Press") is None
    assert person_name("Friday Morning") is None
    assert person_name("Madonna") is None


@pytest.mark.parametrize(
    "line, author",
    [
        ("Follow Maria Lopez on Twitter", "Maria Lopez"),
        ("Follow Tom Becker on Facebook, Twitter at @tbecker, or email him at tb@example.org.", "Tom Becker"),
        ("Follow staff reporter Ana Silva on Instagram: @anasilva", "Ana Silva"),
        ("Follow us on Twitter @ledgerdesk", None),
        ("Follow Ana on Twitter", None),
        ("Follow the money, investigators said.", None),
    ],
)
def test_author_from_promo(line, author):
    assert author_from_promo(line) == author
