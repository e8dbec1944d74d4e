"""build_article: the cleaning steps in order and the precedence of sources."""

from __future__ import annotations

import re

import pytest

from newsgraph.errors import InputFailure, UsageError
from newsgraph.ingest.article import build_article, outlet_from_url
from newsgraph.ingest.boilerplate import RepeatedLines
from newsgraph.ingest.normalize import article_id
from newsgraph.records import RawDoc

TEXT = """Harbour Strike Ends After Nine Days

By Maria Lopez | June 3, 2021 | 8:00 AM

LISBON (Reuters) - Dock workers returned to the quays on Thursday after the union accepted a pay offer.

“We got most of what we asked for,” union leader Ana Silva said.

The strike had halted shipping since May 25, 2021, stranding dozens of container ships.

Follow Maria Lopez on Twitter @mlopez
"""


def raw(text: str = TEXT, **fields) -> RawDoc:
    return RawDoc(path="in/story.txt", line=None, format="txt", text=text, fields=fields)


def test_text_only_input():
    article = build_article(raw())
    assert article.title == "Harbour Strike Ends After Nine Days"
    assert article.byline == "Maria Lopez" and article.meta["byline_source"] == "text"
    assert (article.date, article.date_source, article.date_precision) == ("2021-06-03", "byline", "day")
    assert article.meta["dateline"] == "LISBON"
    assert article.text.startswith("Dock workers returned")
    assert article.text.endswith("container ships.")
    assert "\n\n" in article.text and "Follow" not in article.text
    reasons = {r.reason for r in article.removed}
    assert {"title", "byline", "dateline", "promo"} <= reasons
    assert article.outlet is None and article.url is None


def test_id_is_computed_before_cleaning_and_stable():
    article = build_article(raw())
    headline, rest = TEXT.split("\n", 1)
    assert article.title == headline
    assert article.article_id == article_id(rest)  # the raw text less its headline: byline, promo kept
    assert build_article(raw(TEXT.replace("\n\n", "\n"))).article_id == article.article_id


BODY = """The finance ministers of the region met in Nairobi on Friday to agree a common tariff.

They said talks on the details would continue next month in Kampala."""
HEADLINE = "Ministers of the Region Agree on a Common Tariff"


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    ("fmt", "text", "fields"),
    [
        ("txt", f"{HEADLINE}\n\n{BODY}", {}),  # the headline is the first line
        ("jsonl", BODY, {"title": HEADLINE}),  # the headline is a field
        ("jsonl", f"{HEADLINE}\n{BODY}", {"title": HEADLINE}),  # both: the line repeats the field
        ("jsonl", f"{HEADLINE.upper()}\n{BODY}", {"title": HEADLINE}),  # repeated in capitals
        ("jsonl", BODY, {}),  # no headline at all
    ],
)
def test_identity_ignores_where_the_headline_came_from(fmt: str, text: str, fields: dict):
    article = build_article(RawDoc(f"in/a.{fmt}", 1, fmt, text, fields))
    assert article.article_id == article_id(BODY)
    assert article.text == BODY


@pytest.mark.issue(17)
def test_a_title_case_headline_without_function_words_is_found_either_way():
    headline = "Regional Ministers Agree Common Tariff"
    as_text = build_article(RawDoc("a.txt", None, "txt", f"{headline}\n\n{BODY}", {}))
    as_row = build_article(RawDoc("a.jsonl", 1, "jsonl", BODY, {"title": headline}))
    assert as_text.title == headline and as_text.article_id == as_row.article_id


@pytest.mark.issue(17)
def test_a_different_body_under_the_same_headline_is_another_article():
    first = build_article(RawDoc("a.txt", None, "txt", f"{HEADLINE}\n\n{BODY}", {}))
    other = build_article(RawDoc("b.txt", None, "txt", f"{HEADLINE}\n\n{BODY} Ministers disagreed.", {}))
    assert first.article_id != other.article_id


def test_metadata_wins_over_text():
    article = build_article(raw(title="Strike over", byline="Jane Roe", date="2021-06-04T10:00:00Z",
                                outlet="Harbour Ledger", url="https://www.ledger.example/a", id="row-7"))
    assert article.title == "Strike over" and article.meta["title_source"] == "metadata"
    # a first line that does not repeat the metadata title is not dropped
    assert article.text.startswith("Harbour Strike Ends After Nine Days\n\nDock workers")
    same = build_article(raw(title="Harbour strike ends after nine days"))
    assert same.text.startswith("Dock workers") and any(r.reason == "title" for r in same.removed)
    assert article.byline == "Jane Roe" and article.meta["byline_source"] == "metadata"
    assert (article.date, article.date_source) == ("2021-06-04", "metadata")
    assert article.outlet == "Harbour Ledger" and article.input_id == "row-7"


def test_user_arguments_win_over_metadata():
    article = build_article(raw(outlet="Harbour Ledger", date="2021-06-04"), outlet="Port Weekly", date="2021-06-05")
    assert article.outlet == "Port Weekly" and article.meta["outlet_source"] == "user"
    assert (article.date, article.date_source, article.date_precision) == ("2021-06-05", "user", "day")


def test_bad_user_date_is_a_usage_error():
    with pytest.raises(UsageError) as info:
        build_article(raw(), date="next tuesday")
    assert info.value.code == "E402"


def test_unreadable_metadata_date_warns_and_falls_back():
    article = build_article(raw(date="sometime"))
    assert article.date_source == "byline"
    assert any(w.startswith("[E130]") for w in article.warnings)


def test_outlet_from_url_host():
    assert build_article(raw(url="https://www.ledger.example/news/1")).outlet == "ledger.example"
    assert outlet_from_url("http://news.ledger.example:8080/x") == "news.ledger.example"
    assert outlet_from_url("not a url") is None
    assert outlet_from_url(None) is None


def test_date_from_text_when_nothing_else():
    text = "The ferry line reopened after repairs that began on March 2, 2020.\n\nPassengers returned on Monday."
    article = build_article(raw(text))
    # written on or after the date it names, and soon after (an interval, not a point)
    assert (article.date, article.date_precision, article.date_source) == (
        "2020-03-02/2020-04-16", "interval", "inferred")
    assert "March 2, 2020" in [e["text"] for e in article.meta["date_evidence"]]
    assert article.title is None  # the text starts with its lede


def test_promo_author_when_no_byline():
    text = "The ferry line reopened on Monday.\n\nPassengers returned.\n\nFollow Ana Silva on Twitter"
    article = build_article(raw(text))
    assert article.byline == "Ana Silva" and article.meta["byline_source"] == "promo"


def test_captions_from_fields_and_text_and_meta_kept():
    text = "Workers on the quay (L) greet the first ship\nTOM BECKER/AFP/Getty Images\n" + TEXT
    article = build_article(raw(text, captions=["A crane at dawn."], meta={"section": "ports"}, warnings=["W101 x"]))
    assert article.captions == ("A crane at dawn.", "Workers on the quay (L) greet the first ship")
    assert article.meta["section"] == "ports" and article.warnings == ("W101 x",)


def test_nothing_left_is_e104():
    for text in ("", "   \n\n ", "Advertisement\n\nShare this\n\nRead more:"):
        with pytest.raises(InputFailure) as info:
            build_article(raw(text))
        assert info.value.code == "E104"


def test_repeated_lines_are_passed_through():
    repeated = RepeatedLines()
    for i in range(3):
        repeated.observe("Ledger", [f"Story {i}.", "Ledger readers get the morning briefing free"])
    article = build_article(raw(TEXT + "\nLedger readers get the morning briefing free\n", outlet="Ledger"),
                            repeated=repeated)
    assert "briefing" not in article.text
    assert any(r.reason == "outlet-repeat" for r in article.removed)


# ---------------------------------------------------------------- the seed articles

from ..shapes import BOILERPLATE_SHAPES


@pytest.fixture(scope="module")
def seed_articles(seeds):
    return {path.name[:3]: build_article(RawDoc(str(path), None, "txt", path.read_text(encoding="utf-8")))
            for path in sorted(seeds.glob("*.txt"))}


@pytest.mark.shared
def test_seeds_clean_bodies_and_listed_removals(seed_articles):
    assert sorted(seed_articles) == ["000", "001", "002", "003", "004"]
    found_in_removed = set()
    for key, article in seed_articles.items():
        for paragraph in article.text.split("\n\n"):
            assert "\u00a0" not in paragraph
            for shape in BOILERPLATE_SHAPES:
                assert not shape.search(paragraph), (key, paragraph)
        for line in article.removed:
            found_in_removed |= {i for i, shape in enumerate(BOILERPLATE_SHAPES) if shape.search(line.text)}
        # the author's name printed at the end is gone, news paragraphs end the body
        assert len(article.text.split("\n\n")[-1].split()) > 6, key
    assert found_in_removed == set(range(len(BOILERPLATE_SHAPES)))
    assert seed_articles["001"].meta["dateline"] and seed_articles["001"].captions
    assert seed_articles["003"].captions


@pytest.mark.shared
def test_seeds_titles_only_where_the_text_starts_with_a_headline(seed_articles):
    assert seed_articles["000"].title is None and seed_articles["004"].title is None
    for key in ("001", "002", "003"):
        title = seed_articles[key].title
        assert title and not title.endswith(".")
        assert not seed_articles[key].text.startswith(title)


@pytest.mark.shared
def test_seeds_dates(seed_articles):
    first = seed_articles["001"]
    assert (first.date, first.date_source, first.byline) == ("2019-08-19", "byline", "Dimitri Simes")
    for key in ("000", "002", "003", "004"):
        article = seed_articles[key]
        assert article.date_source in ("text", "inferred"), key
        assert article.date and article.date_precision in ("day", "month", "year", "interval"), key
        assert article.meta["date_evidence"], key
        if article.date.startswith("XXXX"):
            assert article.date_precision == "day" and re.fullmatch(r"XXXX-\d\d-\d\d", article.date)
