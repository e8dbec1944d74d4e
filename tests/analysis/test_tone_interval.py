"""Per-outlet tone intervals and differences: bootstrap over articles, seeded."""

from __future__ import annotations

import pytest

from newsgraph.analysis.compare import tone_difference, tone_interval


def _articles(means, mentions=3):
    return [(m * mentions, mentions) for m in means]


def test_one_article_gives_no_interval():
    assert tone_interval(_articles([0.4])) == (None, None)


def test_interval_holds_the_mean_and_is_the_same_each_run():
    articles = _articles([-0.5, -0.2, 0.0, 0.1, -0.3, -0.4, 0.2, -0.1])
    low, high = tone_interval(articles)
    mean = sum(a for a, _ in articles) / sum(n for _, n in articles)
    assert low < mean < high
    assert tone_interval(articles) == (low, high)


def test_articles_not_mentions_set_the_width():
    """Ten mentions in one article are one piece of evidence, not ten: an outlet with two
    articles of many mentions keeps a wide interval."""
    few = tone_interval([(-0.8 * 10, 10), (0.6 * 10, 10)])
    many = tone_interval(_articles([-0.8, 0.6] * 10, mentions=1))
    assert few[1] - few[0] > many[1] - many[0]


def test_mentions_weight_the_mean():
    _, high = tone_interval([(-0.9 * 9, 9), (0.9, 1)] * 8)
    assert high < 0  # the heavy negative articles dominate the mention-weighted mean


def test_a_clear_gap_between_outlets_is_significant_and_an_equal_pair_is_not():
    harsh = _articles([-0.6, -0.5, -0.7, -0.4, -0.55, -0.65, -0.5, -0.45])
    mild = _articles([0.1, 0.0, 0.2, -0.1, 0.15, 0.05, 0.1, 0.0])
    gap = tone_difference(harsh, mild)
    assert gap["significant"] and gap["high"] < 0 and gap["difference"] == pytest.approx(-0.6, abs=0.05)
    same = tone_difference(mild, list(reversed(mild)))
    assert not same["significant"] and same["low"] < 0 < same["high"]


def test_too_few_articles_is_never_significant():
    assert tone_difference(_articles([-0.9]), _articles([0.9, 0.8]))["significant"] is False
