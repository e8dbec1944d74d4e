"""The analyses over the five seed articles (skipped without ../shared).

The seeds are one topic over 2017–2024 (Russia backs Venezuela's government against
US pressure), five different events from four outlets: five stories, one thread.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsgraph.analysis import compare_actor, conflicting_claims, find_stories
from newsgraph.cli import app
from newsgraph.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def seed_store(seeds, tmp_path_factory, nlp):
    store = tmp_path_factory.mktemp("seeds-analysis") / "seeds.db"
    result = CliRunner().invoke(app, ["analyze", str(seeds), "--store", str(store), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return store


def test_five_seeds_are_five_stories(seed_store):
    with open_store(seed_store, readonly=True) as st:
        result = find_stories(st)
    assert len(result["stories"]) == 5


@pytest.mark.xfail(strict=True, reason="known weakness (issue 15): topic threads weigh words all five seeds "
                   "share least, so five articles on one story stay five threads; country-pair threads, "
                   "which did join them, mixed unrelated stories on real news")
def test_five_seed_stories_make_one_thread(seed_store):
    with open_store(seed_store, readonly=True) as st:
        result = find_stories(st)
    assert [len(t["stories"]) for t in result["threads"]] == [5]


def test_maduro_compared_with_labels_and_voice(seed_store):
    with open_store(seed_store, readonly=True) as st:
        result = compare_actor(st, "Nicolas Maduro")
    assert result["actor"]["actor_id"] == "nicolas-maduro"
    assert len(result["outlets"]) == 5  # no outlet is given: each article stands alone
    labelled = [g for g in result["outlets"] if g["labels"]]
    assert len(labelled) >= 4
    voices = {l["voice"] for g in labelled for l in g["labels"]}
    assert voices == {"author", "quoted"}
    negative = {l["label"].casefold() for g in labelled for l in g["labels"] if l["polarity"] == -1}
    assert "dictator" in negative


def test_venezuelan_rule_is_contested(seed_store):
    with open_store(seed_store, readonly=True) as st:
        conflicts = {(c["subject"], c["aspect"]): c for c in conflicting_claims(st)}
    legitimacy = conflicts[("state:VEN", "legitimacy")]
    assert legitimacy["for"] and legitimacy["against"]
    assert {c["voice"] for c in legitimacy["for"] + legitimacy["against"]} >= {"quoted"}
