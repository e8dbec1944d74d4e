"""Publication dates from evidence (issue 13): each kind of evidence on texts of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.ingest.article import build_article
from newsgraph.ingest.dating import bounds, infer_date, representative_day, url_date
from newsgraph.ingest.dating.edtf import label
from newsgraph.ingest.dating.offices import titled_names
from newsgraph.ingest.dating.weigh import Evidence, weigh
from newsgraph.records import RawDoc

pytestmark = pytest.mark.issue(13)
TODAY = dt.date(2026, 6, 1)
D = dt.date


def infer(text, **kw):
    return infer_date(text, today=TODAY, **kw)


# ---------------------------------------------------------------- EDTF


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2019-08-19", D(2019, 8, 19), D(2019, 8, 19)),
        ("2019-02", D(2019, 2, 1), D(2019, 2, 28)),
        ("2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("2018-04/2019-09", D(2018, 4, 1), D(2019, 9, 30)),
        ("2021-01-26/2025-01-19", D(2021, 1, 26), D(2025, 1, 19)),
    ],
)
def test_edtf_bounds(value, first, last):
    assert bounds(value) == (first, last)


def test_edtf_open_ends_and_unknown_years():
    assert bounds("2019-01-10/..")[0] == D(2019, 1, 10)
    assert bounds("../2019-08-19")[1] == D(2019, 8, 19)
    assert bounds("XXXX-07-29") is None and bounds(None) is None and bounds("2019-02-30") is None


def test_labels_say_day_month_year_or_interval():
    assert label(D(2019, 8, 19), D(2019, 8, 19)) == ("2019-08-19", "day")
    assert label(D(2019, 8, 1), D(2019, 8, 31)) == ("2019-08", "month")
    assert label(D(2019, 1, 1), D(2019, 12, 31)) == ("2019", "year")
    assert label(D(2019, 3, 2), D(2019, 4, 16)) == ("2019-03-02/2019-04-16", "interval")
    # long intervals widen to whole months, still containing every day
    assert label(D(2018, 4, 9), D(2019, 9, 10)) == ("2018-04/2019-09", "interval")


def test_the_resolver_gets_one_day_inside_an_interval():
    assert representative_day("2019-08-19") == "2019-08-19"
    assert representative_day("2019-03-01/2019-03-31") == "2019-03-16"
    assert representative_day("2019-01-10/..") == "2019-01-10"
    assert representative_day("XXXX-07-29") is None


# ---------------------------------------------------------------- URL


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://news.example/2019/08/19/talks-resume/", ("2019-08-19", "day")),
        ("https://news.example/world/2019/aug/19/talks-resume", ("2019-08-19", "day")),
        ("https://news.example/2017/1/5/1234567/talks", ("2017-01-05", "day")),
        ("https://news.example/a/20190819-talks-resume", ("2019-08-19", "day")),
        ("https://news.example/2019/11/talks-resume-191125.html", ("2019-11", "month")),
        ("https://news.example/world/2019/0819/talks-resume", ("2019-08-19", "day")),
        ("https://news.example/politics/2018/june/talks-resume", ("2018-06", "month")),
    ],
)
def test_a_url_carries_a_date(url, expected):
    assert url_date(url, today=TODAY)[:2] == expected


@pytest.mark.parametrize("url", ["https://news.example/story/401511-talks", "https://news.example/2031/01/01/x",
                                 "https://news.example/x?d=2019/08/19", None, "https://news.example/2019/13/40/x"])
def test_a_url_without_a_date(url):
    assert url_date(url, today=TODAY) is None


def test_a_url_day_outranks_the_text_and_a_url_month_bounds_it():
    fields = {"url": "https://gazette.example/2019/08/19/ferry"}
    article = build_article(RawDoc("x", 1, "jsonl", "The ferry line reopened on March 2, 2015.", fields))
    assert (article.date, article.date_source) == ("2019-08-19", "url")
    assert article.meta["date_evidence"] == [{"kind": "url", "text": "2019/08/19"}]
    # a month in the URL: the text's dates narrow the date inside that month
    text = "The ferry line reopened on Tuesday, November 12, 2019, after a month of repairs."
    fields = {"url": "https://gazette.example/2019/11/ferry-reopens"}
    article = build_article(RawDoc("x", 1, "jsonl", text, fields))
    first, last = bounds(article.date)
    assert D(2019, 11, 12) <= first and last <= D(2019, 11, 30)


# ---------------------------------------------------------------- office holders


def test_a_titled_office_holder_bounds_the_date_by_the_tenure():
    found = titled_names("Secretary of State Antony Blinken met the envoy.", today=TODAY)
    assert [f.tenures for f in found] == [((D(2021, 1, 26), D(2025, 1, 19)),)]
    dating = infer("Secretary of State Antony Blinken met the envoy. National Security Adviser Jake Sullivan "
                   "joined them.")
    assert dating.source == "inferred" and dating.precision == "interval"
    # Sullivan's tenure is the same: the tenure, written in whole months
    assert dating.date == "2021-01/2025-01"
    assert {e["kind"] for e in dating.evidence} == {"office"}


def test_a_surname_with_its_title_counts_every_tenure_in_that_office():
    (found,) = titled_names("President Obama spoke.", today=TODAY)
    assert found.person_ids == ("barack-obama",) and found.tenures == ((D(2009, 1, 20), D(2017, 1, 19)),)


@pytest.mark.parametrize("text", ["Former Secretary of State Antony Blinken spoke.",
                                  "Then-Secretary of State Antony Blinken spoke.",
                                  "the president spoke to reporters."])
def test_past_titles_and_bare_role_words_are_no_evidence(text):
    assert titled_names(text, today=TODAY) == []


def test_two_office_holders_narrow_each_other():
    # Bolton advised Trump 2018-04-09 .. 2019-09-10; Pompeo became Secretary of State 2018-04-26
    dating = infer("National security adviser John Bolton and Secretary of State Mike Pompeo briefed "
                   "President Trump.")
    first, last = bounds(dating.date)
    assert (first, last) == (D(2018, 4, 1), D(2019, 9, 30))  # 2018-04-26/2019-09-09, written in months


# ---------------------------------------------------------------- dates named in the text


def test_an_article_is_written_on_or_after_the_dates_it_reports_and_soon_after():
    dating = infer("The ferry line reopened after repairs that began on March 2, 2020.\n\nPassengers returned.")
    assert dating.date == "2020-03-02/2020-04-16"
    kinds = {e["kind"] for e in dating.evidence}
    assert kinds == {"after", "soon-after"}


def test_future_dates_and_bounds_are_not_anchors():
    dating = infer("The council reopened the port on June 3, 2021. It will vote on a new budget on "
                   "January 5, 2023, and must repay the loan by 2030.")
    assert bounds(dating.date)[0] == D(2021, 6, 3)


def test_a_look_back_title_is_outweighed_by_the_news():
    text = ("When President Obama signed the accord, few expected it to last. On March 3, 2018, "
            "President Trump said he would leave it. Secretary of State Mike Pompeo agreed.")
    first, last = bounds(infer(text).date)
    assert D(2018, 3, 1) <= first and last <= D(2021, 1, 31)  # not Obama's years


def test_a_day_without_its_year_takes_the_year_the_other_evidence_allows():
    # a stated day ("Aug 19" of a dateline) and a tenure: Bolton advised Trump on two August 19ths,
    # so the interval runs from the first to the second (in months), and no further
    dating = infer("National security adviser John Bolton arrived.", stated=["Aug 19"])
    assert dating.date == "2018-08/2019-08"
    assert {e["kind"] for e in dating.evidence} == {"office", "stated-day"}
    dating = infer("Secretary of State Mike Pompeo and national security adviser John Bolton arrived.",
                   stated=["Sep 15"])
    assert (dating.date, dating.precision) == ("2018-09-15", "day")  # Bolton left on 10 September 2019


def test_a_month_day_and_its_weekday_pick_the_year_within_a_tenure():
    # 2 March fell on a Saturday in 2019, within Pompeo's tenure; in 2018 he was not yet in office
    text = "Secretary of State Mike Pompeo called his counterpart on March 2 over the weekend."
    first, last = bounds(infer(text).date)
    assert D(2019, 3, 2) <= first and last <= D(2019, 4, 30)


def test_a_stated_date_wins_outright():
    dating = infer("Published: August 19, 2019\nThe ferry line reopened on March 2, 2015.")
    assert (dating.date, dating.source) == ("2019-08-19", "text")


def test_a_day_without_any_year_stays_edtf_unspecified():
    dating = infer("The ferry line reopened on July 29 after repairs.")
    assert (dating.date, dating.precision) == ("XXXX-07-29", "day")


def test_no_evidence_no_date():
    assert infer("The ferry line reopened after repairs.") == type(infer("x"))(None, None, None, ())


# ---------------------------------------------------------------- weighing


def test_weighing_takes_the_days_the_heaviest_agreeing_evidence_allows():
    a = Evidence("a", "a", ((D(2019, 1, 1), D(2019, 12, 31)),), 1.0)
    b = Evidence("b", "b", ((D(2019, 6, 1), D(2020, 6, 30)),), 1.0)
    c = Evidence("c", "c", ((D(2010, 1, 1), D(2010, 12, 31)),), 0.5)  # outvoted
    (first, last), used = weigh([a, b, c], (D(1900, 1, 1), TODAY))
    assert (first, last) == (D(2019, 6, 1), D(2019, 12, 31)) and used == [a, b]
    assert weigh([], (D(1900, 1, 1), TODAY)) is None


# ---------------------------------------------------------------- the seeds

# Publication days judged from each seed's own text (docs/dates.md): 000 the day after
# Maduro's second inauguration (Thursday 10 January 2019); 001 its byline; 002 the week
# after Blinken's statement on the 28 July 2024 election; 003 the weekend of the
# Pompeo-Lavrov call of Saturday 2 March 2019; 004 after Russia's "late Thursday
# statement" on the US sanctions that followed the 30 July 2017 vote.
SEED_DAYS = {"000": D(2019, 1, 11), "001": D(2019, 8, 19), "002": D(2024, 8, 5), "003": D(2019, 3, 3),
             "004": D(2017, 8, 11)}


@pytest.mark.shared
def test_every_seed_interval_contains_its_publication_day(seeds):
    for path in sorted(seeds.glob("*.txt")):
        article = build_article(RawDoc(str(path), None, "txt", path.read_text(encoding="utf-8")))
        first, last = bounds(article.date)
        assert first <= SEED_DAYS[path.name[:3]] <= last, (path.name, article.date)
        assert article.date_source == "byline" or article.meta["date_evidence"], path.name
