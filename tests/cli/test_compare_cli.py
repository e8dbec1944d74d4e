"""`newsgraph compare` with a query that names several actors lists them (issue 15, item 5)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.analysis.compare import compare_actor
from newsgraph.cli import app
from newsgraph.errors import UsageError
from newsgraph.store import open_store

from .builders import hostile_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return hostile_store(tmp_path_factory.mktemp("compare") / "two-anselms.db")


def test_a_first_name_shared_by_two_actors_lists_both(store):
    result = runner.invoke(app, ["compare", "Anselm", "--store", str(store)])
    assert result.exit_code == 2
    assert "[E404]" in result.stderr and "2 actors" in result.stderr
    assert "anselm-roth" in result.stderr and "anselm-keller" in result.stderr
    # the most mentioned first, each with what tells them apart
    assert result.stderr.index("anselm-roth") < result.stderr.index("anselm-keller")
    assert "TRN GOV; 3 mentions" in result.stderr and "TRN BUS; 2 mentions" in result.stderr
    assert result.stdout == ""  # no comparison of a guessed actor


def test_the_candidates_are_data_for_other_faces(store):
    with open_store(store, readonly=True) as st, pytest.raises(UsageError) as info:
        compare_actor(st, "anselm")
    assert info.value.code == "E404"
    assert [c["actor_id"] for c in info.value.candidates] == ["anselm-roth", "anselm-keller"]


@pytest.mark.parametrize("query", ["Anselm Keller", "anselm-keller", "Keller"])
def test_a_query_that_names_one_actor_still_compares(store, query):
    result = runner.invoke(app, ["compare", query, "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actor"]["actor_id"] == "anselm-keller"
