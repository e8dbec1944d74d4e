"""Analyses read the EDTF dates of issue 13: intervals as far as their ends agree."""

import pytest

from newsgraph.analysis import dates

pytestmark = pytest.mark.issue(13)


def test_an_interval_is_known_as_far_as_its_ends_agree():
    assert dates.parse("2019-03-02/2019-04-16") == (2019, None, None)
    assert dates.period("2019-03-02/2019-03-20") == "2019-03"
    assert dates.parse("2021-07/2024-09") is None and dates.parse("2017-01/..") is None


def test_an_act_on_or_before_a_date_counts_at_that_date():
    assert dates.period("../2019-08-19") == "2019-08"
    assert dates.relation("../2019-08-19", "2019-08-20") == "agree"
