"""Comparing one actor outlet by outlet on the fixture store."""

from __future__ import annotations

import pytest

from newsgraph.analysis.compare import compare_actor
from newsgraph.errors import UsageError
from newsgraph.store import open_store


@pytest.fixture(scope="module")
def brel(analysis_store):
    with open_store(analysis_store, readonly=True) as st:
        return compare_actor(st, "Tomas Brel")  # typed without the accent


def test_actor_found_by_name_alias_id_and_part(analysis_store):
    with open_store(analysis_store, readonly=True) as st:
        for query in ("tomas-brel", "TOMÁS BREL", "Premier Brel", "Brel"):
            assert compare_actor(st, query)["actor"]["actor_id"] == "tomas-brel", query


def test_no_match_lists_near_names(analysis_store):
    with open_store(analysis_store, readonly=True) as st:
        with pytest.raises(UsageError) as info:
            compare_actor(st, "Tomas Bral")
    assert info.value.code == "E420" and "Tomás Brel" in str(info.value)


def test_labels_per_outlet_with_voice(brel):
    outlets = {g["outlet"]: g for g in brel["outlets"]}
    assert set(outlets) == {"harbourtimes", "ledger", "wirecopy"}
    ledger = {(l["label"], l["voice"], l["count"], l["polarity"]) for l in outlets["ledger"]["labels"]}
    assert ledger == {("Premier", "author", 1, None), ("legitimately elected", "author", 1, 1)}
    assert [a["date"] for a in outlets["ledger"]["articles"]] == ["2023-05-11", "2024-09-15"]
    assert outlets["wirecopy"]["labels"] == []


def test_tone_keeps_author_and_quoted_apart(brel):
    outlets = {g["outlet"]: g for g in brel["outlets"]}
    harbour = outlets["harbourtimes"]["tone"]
    assert harbour["author"]["score"] == pytest.approx(0.2)
    assert harbour["quoted"]["score"] == pytest.approx(-0.6) and harbour["quoted"]["negative"] == 1
    assert outlets["ledger"]["tone"]["author"]["score"] == pytest.approx(0.3)  # mean of 0.1 and 0.5


def test_who_each_outlet_quotes(analysis_store, brel):
    outlets = {g["outlet"]: g for g in brel["outlets"]}
    speakers = {s["speaker_id"]: s["quotes"] for s in outlets["harbourtimes"]["top_speakers"]}
    assert speakers == {"ilse-varga": 1, "aino-salo": 1}
    assert all(g["quoted"] == 0 for g in brel["outlets"])
    with open_store(analysis_store, readonly=True) as st:
        varga = compare_actor(st, "Ilse Varga")
    assert {g["outlet"]: g["quoted"] for g in varga["outlets"]}["harbourtimes"] == 1
