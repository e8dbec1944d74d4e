"""Event dates: choosing the sentence's date expression and resolving it against the article date."""

import pytest

from newsgraph.extract.when import event_date

SENTENCE_START = 500  # offsets are article offsets: the sentence does not start at 0


def date_of(sentence: str, trigger: str, article: str | None = "2020-01-05", precision: str | None = "day"):
    """event_date for the first occurrence of the word `trigger` in `sentence`."""
    return event_date(sentence, SENTENCE_START, SENTENCE_START + sentence.index(trigger), article, precision)


# 2020-01-05 is a Sunday; 2020-01-08 a Wednesday; 2020-12-10 a Thursday.


@pytest.mark.parametrize(
    "sentence, article, expected",
    [
        ("The ministry confirmed the transfer on Friday.", "2020-01-05", ("2020-01-03", "day")),
        ("The ministry confirmed the transfer on Friday.", "2020-01-10", ("2020-01-10", "day")),
        ("The ministry confirmed the transfer last Friday.", "2020-01-10", ("2020-01-03", "day")),
        ("The ministry confirmed the transfer on Thursday.", "2020-01-06", ("2020-01-02", "day")),
    ],
)
def test_weekdays_resolve_to_the_latest_such_day(sentence, article, expected):
    assert date_of(sentence, "confirmed", article) == expected


def test_future_weekday_resolves_forward():
    assert date_of("The envoys will meet again on Friday.", "meet", "2020-01-08") == ("2020-01-10", "day")
    assert date_of("The envoys meet next Friday.", "meet", "2020-01-10") == ("2020-01-17", "day")


@pytest.mark.parametrize(
    "sentence, article, expected",
    [
        ("Mediators proposed a truce yesterday.", "2020-01-05", ("2020-01-04", "day")),
        ("Mediators proposed a truce yesterday.", "2020-03-01", ("2020-02-29", "day")),
        ("Mediators proposed a truce today.", "2020-01-05", ("2020-01-05", "day")),
        ("Mediators proposed a truce last night.", "2020-01-01", ("2019-12-31", "day")),
        ("Mediators proposed a truce three days ago.", "2020-01-05", ("2020-01-02", "day")),
        ("Mediators proposed a truce last month.", "2020-01-05", ("2019-12", "month")),
        ("Mediators proposed a truce earlier this month.", "2020-01-05", ("2020-01", "month")),
        ("Mediators proposed a truce last year.", "2020-01-05", ("2019", "year")),
        ("Mediators proposed a truce late last year.", "2020-01-05", ("2019", "year")),
        ("Mediators proposed a truce earlier this year.", "2020-06-05", ("2020", "year")),
        ("Mediators proposed a truce last week.", "2020-01-15", ("2020-01", "month")),
        ("Mediators proposed a truce this week.", "2020-01-15", ("2020-01", "month")),
        ("Mediators proposed a truce two weeks ago.", "2020-01-25", ("2020-01", "month")),
        ("Mediators proposed a truce four months ago.", "2020-01-25", ("2019-09", "month")),
        ("Mediators proposed a truce two years ago.", "2020-01-25", ("2018", "year")),
        ("Mediators proposed a truce over the weekend.", "2020-01-06", ("2020-01", "month")),
        ("Mediators proposed a truce last summer.", "2020-10-03", ("2020", "year")),
        ("Mediators proposed a truce last summer.", "2020-07-03", ("2019", "year")),
    ],
)
def test_relative_phrases(sentence, article, expected):
    assert date_of(sentence, "proposed", article) == expected


def test_a_week_across_two_months_keeps_only_the_year():
    # 2020-03-03 is a Tuesday: last week ran from 24 February to 1 March.
    assert date_of("Mediators proposed a truce last week.", "proposed", "2020-03-03") == ("2020", "year")


def test_vague_counts_widen_the_interval():
    assert date_of("Mediators proposed a truce a few days ago.", "proposed", "2020-01-20") == ("2020-01", "month")
    # across a new year the interval of the years stands, in EDTF
    assert date_of("Mediators proposed a truce several years ago.", "proposed", "2020-01-20") == ("2013/2017", "interval")


@pytest.mark.parametrize(
    "article, expected",
    [
        ("2020-12-10", ("2020-11", "month")),
        ("2020-11-02", ("2020-11", "month")),
        ("2020-10-30", ("2019-11", "month")),
    ],
)
def test_month_names_take_the_latest_such_month(article, expected):
    assert date_of("Troops withdrew from the border in November.", "withdrew", article) == expected


def test_month_name_across_the_year_boundary():
    assert date_of("The parliament dissolved itself in December.", "dissolved", "2020-01-05") == ("2019-12", "month")


def test_future_month_name_resolves_forward():
    assert date_of("Voters will go to the polls in March.", "go", "2020-10-01") == ("2021-03", "month")


def test_month_day_without_a_year():
    assert date_of("The blockade began on March 2.", "began", "2020-05-01") == ("2020-03-02", "day")
    assert date_of("The blockade began on March 2.", "began", "2020-03-01") == ("2019-03-02", "day")
    assert date_of("The blockade began on February 29.", "began", "2021-03-01") == ("2020-02-29", "day")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The accord was signed on March 2, 2019.", ("2019-03-02", "day")),
        ("The accord was signed in August 2017.", ("2017-08", "month")),
    ],
)
def test_absolute_dates_stand_as_written(sentence, expected):
    trigger = "signed"
    assert date_of(sentence, trigger, "2020-01-05") == expected
    assert date_of(sentence, trigger, None, None) == expected
    assert date_of(sentence, trigger, "XXXX-07-29", "day") == expected


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "sentence, trigger, expected",
    [
        ("The accord has held since 2010.", "held", ("2010/2020-01-05", "span")),
        ("The miners have struck since March.", "struck", ("2019-03-01/2020-01-05", "span")),
        ("The fund has lent to the port authority in recent months.", "lent", ("2019-07-03/2020-01-05", "span")),
        ("Rebels have shelled the valley over the past two years.", "shelled", ("2018-01-03/2020-01-05", "span")),
    ],
)
def test_spans_run_up_to_the_article_date(sentence, trigger, expected):
    assert date_of(sentence, trigger, "2020-01-05") == expected


def test_a_span_without_an_article_date_keeps_its_start():
    assert date_of("The accord has held since 2010.", "held", None, None) == ("2010", "year")


@pytest.mark.issue(13)
def test_no_date_expression_means_on_or_before_the_article_date():
    # never the article's day: "have withdrawn their recognition" may be months old
    assert date_of("The army sealed the crossing.", "sealed") == ("../2020-01-05", "before")
    assert date_of("The army sealed the crossing.", "sealed", "2020-01", "month") == ("../2020-01-31", "before")
    assert date_of("The army sealed the crossing.", "sealed", "2019-11/2020-02", "interval") == (
        "../2020-02-29", "before")
    assert date_of("The army sealed the crossing.", "sealed", None, None) == (None, None)
    assert date_of("The army sealed the crossing.", "sealed", "2017-01/..", "interval") == (None, None)


@pytest.mark.issue(13)
def test_an_article_interval_resolves_relative_dates_over_all_its_days():
    # written between Friday 3 and Thursday 9 January 2020: "yesterday" is one of 2-8 January
    assert date_of("Rebels shelled the town yesterday.", "shelled", "2020-01-03/2020-01-09", "interval") == (
        "2020-01", "month")
    # open-ended: nothing to resolve against
    assert date_of("Rebels shelled the town yesterday.", "shelled", "2020-01-03/..", "interval") == (None, None)


def test_unknown_article_date_leaves_relative_dates_unresolved():
    for article in (None, "XXXX-11", "XXXX-07-29"):
        assert date_of("The army sealed the crossing on Friday.", "sealed", article, "day") == (None, None)
        assert date_of("The army sealed the crossing last month.", "sealed", article, "month") == (None, None)


def test_unknown_article_date_still_uses_an_absolute_date_further_away():
    sentence = "On Friday the army sealed the crossing it had opened in May 2018."
    assert date_of(sentence, "sealed", None, None) == ("2018-05", "month")
    assert date_of(sentence, "sealed", "2020-01-05") == ("2020-01-03", "day")


def test_coarse_article_dates_resolve_at_the_precision_they_allow():
    # Known only to the month: "last year" is still certain, "yesterday" only to the year.
    assert date_of("Rebels shelled the town last year.", "shelled", "2020-11", "month") == ("2019", "year")
    assert date_of("Rebels shelled the town yesterday.", "shelled", "2020-11", "month") == ("2020", "year")
    assert date_of("Rebels shelled the town last month.", "shelled", "2020-11", "month") == ("2020-10", "month")
    # Known only to the year: "in March" could be this March or last.
    assert date_of("Rebels shelled the town in March.", "shelled", "2020", "year") == ("2019/2020", "interval")
    # A stated precision coarser than the date string wins.
    assert date_of("Rebels shelled the town.", "shelled", "2020-11-14", "month") == ("../2020-11-30", "before")


def test_the_date_nearest_the_trigger_wins():
    sentence = "The general, in command since 2015, resigned yesterday."
    assert date_of(sentence, "resigned") == ("2020-01-04", "day")
    assert date_of(sentence, "command") == ("2015/2020-01-05", "span")


def test_a_semicolon_separates_the_dates_of_two_clauses():
    sentence = "The opposition boycotted the vote in 2018; they returned to parliament last month."
    assert date_of(sentence, "returned") == ("2019-12", "month")
    # "last month" is nearer to "boycotted" in characters, but across the semicolon.
    long_first = "In 2018 the opposition, after weeks of quarrelling and threats, boycotted; it returned last month."
    assert date_of(long_first, "boycotted") == ("2018", "year")


def test_article_offsets_are_used_not_sentence_offsets():
    sentence = "Last month the envoy resigned, and yesterday the minister followed."
    start = 1234
    trigger = start + sentence.index("followed")
    assert event_date(sentence, start, trigger, "2020-01-05", "day") == ("2020-01-04", "day")
    trigger = start + sentence.index("resigned")
    assert event_date(sentence, start, trigger, "2020-01-05", "day") == ("2019-12", "month")


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "sentence, trigger, expected",
    [
        # the date of a subordinate clause after the act is that clause's
        ("Critics still charge that the envoy misled them when she spoke on March 2, 2019.", "charge",
         ("../2020-01-05", "before")),
        # a date before the act across "that ... will" dates the telling, not the act to come
        ("The spokesman said on Friday that the council will hold hearings.", "hearings", (None, None)),
        # one clause: the date is the act's, even with a future cue
        ("On Friday the envoys will meet again.", "meet", ("2020-01-10", "day")),
        # an aside about something else dates that, not the act
        ("The judge, appointed by the governor in 2007, rejected the request.", "rejected", ("../2020-01-05", "before")),
        ("The minister, on Friday, resigned.", "resigned", ("2020-01-03", "day")),
        # "by" a date: on or before it
        ("The project was abandoned by January 2016, the lawyer said.", "abandoned", ("../2016-01-31", "before")),
        ("The army had withdrawn its last units by 2015.", "withdrawn", ("../2015-12-31", "before")),
        # an act being prepared has not happened
        ("The ministry is preparing to expel the envoy.", "expel", (None, None)),
        # a pluperfect act happened on or before its clause's date
        ("The paper reported last month that investigators had met the banker.", "met", ("../2019-12-31", "before")),
        ("The paper reported last month that investigators met the banker.", "met", ("2019-12", "month")),
    ],
)
def test_a_date_of_another_clause_is_not_the_acts(sentence, trigger, expected):
    assert date_of(sentence, trigger, "2020-01-05") == expected
