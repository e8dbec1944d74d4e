"""Date parsing, date finding in text, and publication-date inference."""

from __future__ import annotations

import pytest

from newsgraph.ingest.dates import find_dates, infer_publication_date, parse_date


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-08-19", ("2019-08-19", "day")),
        ("2019-08-19T04:45:00-04:00", ("2019-08-19", "day")),
        ("2019-08-19T04:45:00.000Z", ("2019-08-19", "day")),
        ("2019-08-19 04:45:00 UTC", ("2019-08-19", "day")),
        ("20190819", ("2019-08-19", "day")),
        ("August 19, 2019", ("2019-08-19", "day")),
        ("Aug. 19, 2019", ("2019-08-19", "day")),
        ("Sept. 3, 2019", ("2019-09-03", "day")),
        ("19 Aug 2019", ("2019-08-19", "day")),
        ("Mon, 19 Aug 2019 04:45:00 -0400", ("2019-08-19", "day")),
        ("Monday, August 19, 2019 4:45 AM EDT", ("2019-08-19", "day")),
        ("2019/08/19", ("2019-08-19", "day")),
        ("08/19/2019", ("2019-08-19", "day")),
        ("19/08/2019", ("2019-08-19", "day")),
        ("19.08.2019", ("2019-08-19", "day")),
        ("Published: Aug 19, 2019", ("2019-08-19", "day")),
        ("2019-08", ("2019-08", "month")),
        ("August 2019", ("2019-08", "month")),
        ("2019", ("2019", "year")),
    ],
)
def test_parse_date_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "soon", "2019-02-30", "13/13/2019", "2 hours ago", "XXXX-07-29"])
def test_parse_date_rejects(value):
    assert parse_date(value) is None


def _kinds(text):
    return [(d.kind, d.value) for d in find_dates(text)]


def test_find_dates_kinds_and_offsets():
    text = (
        "On March 2, 2019 the envoy arrived. In 2017 talks failed. The vote on July 30 was "
        "disputed, and in November the council met. Aides spoke late Thursday and over the weekend, "
        "and again last month."
    )
    found = find_dates(text)
    assert [(d.kind, d.value) for d in found] == [
        ("date", "2019-03-02"),
        ("year", "2017"),
        ("month-day", "XXXX-07-30"),
        ("month-name", "XXXX-11"),
        ("weekday", "thursday"),
        ("relative", "over the weekend"),
        ("relative", "last month"),
    ]
    for d in found:
        assert text[d.start : d.end] == d.text


def test_find_dates_month_year_and_relative_phrases():
    assert ("month", "2018-11") in _kinds("It began in November 2018 and ended yesterday.")
    assert ("relative", "yesterday") in _kinds("It began in November 2018 and ended yesterday.")
    assert ("relative", "late last year") in _kinds("The bombers flew in late last year.")
    assert ("relative", "earlier this month") in _kinds("He visited earlier this month.")


def test_find_dates_does_not_take_may_the_verb_or_bare_numbers():
    assert _kinds("Officials may meet again. The fund holds 2019 barrels and 1,500 rifles.") == []
    assert _kinds("The talks resumed in May.") == [("month-name", "XXXX-05")]


def test_inference_takes_the_latest_past_date_as_lower_bound():
    text = "The accord was signed on June 4, 2018. Since 2015 the two sides had talked."
    estimate = infer_publication_date(text)
    assert (estimate.date, estimate.precision, estimate.source) == ("2018-06-04", "day", "inferred")
    assert estimate.evidence == ("June 4, 2018",)


def test_inference_ignores_future_dates():
    text = "The council met on May 3, 2020. It will vote again on January 15, 2021."
    assert infer_publication_date(text).date == "2020-05-03"


def test_month_day_takes_the_year_of_full_dates():
    text = "The pact dated from April 2, 2019. Then on April 20 the envoy resigned."
    assert infer_publication_date(text).date == "2019-04-20"


def test_month_day_with_a_bare_year_needs_a_weekday_to_confirm():
    # 2 March 2019 was a Saturday: "over the weekend" confirms the year
    confirmed = "Ties have grown since 2019. The March 2 call took place over the weekend."
    estimate = infer_publication_date(confirmed)
    assert (estimate.date, estimate.precision) == ("2019-03-02", "day")
    assert "over the weekend" in estimate.evidence
    # 5 March 2019 was a Tuesday, 2020 a Thursday: no year fits, so the bare year stands
    unconfirmed = "Ties have grown since 2019. The March 5 call took place over the weekend."
    assert infer_publication_date(unconfirmed).date == "2019"
    # without any weekday the month-day is not tied to a bare year
    assert infer_publication_date("Ties have grown since 2019. The March 5 call went well.").date == "2019"


def test_without_a_year_the_month_day_is_an_edtf_date():
    estimate = infer_publication_date("The vote on July 29 was disputed; on July 28 polls closed.")
    assert (estimate.date, estimate.precision, estimate.source) == ("XXXX-07-29", "day", "inferred")


def test_last_month_moves_a_month_estimate_on():
    text = "In November 2018 the envoy left. Last month, the minister followed."
    estimate = infer_publication_date(text)
    assert (estimate.date, estimate.precision) == ("2018-12", "month")
    assert estimate.evidence == ("November 2018", "Last month")


def test_stated_dates_win_and_are_source_text():
    assert infer_publication_date("Published: 19 Aug 2019\nThe talks ended in 2017.").source == "text"
    dateline = "MOSCOW, Aug 19 (Reuters) - Talks began on Aug. 2, 2019, officials said."
    estimate = infer_publication_date(dateline)
    assert (estimate.date, estimate.source) == ("2019-08-19", "text")
    assert infer_publication_date("Talks go on.", stated=["March 3"]).date == "XXXX-03-03"


def test_nothing_gives_no_date():
    estimate = infer_publication_date("Officials met yesterday and will meet again next week.")
    assert estimate.date is None and estimate.precision is None and estimate.source is None


@pytest.mark.issue(13)
def test_a_month_name_that_is_a_name_is_not_a_month():
    text = "Since May's deal failed, Prime Minister Theresa May sought a vote. In May 2019 she quit."
    assert [(d.kind, d.value) for d in find_dates(text) if d.kind != "relative"] == [("month", "2019-05")]
