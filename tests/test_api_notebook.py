"""The Python API for notebooks: events, compare, stories and report, listed by dir()."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

import newsgraph

from .analysis.conftest import analysis_store, article_ids  # noqa: F401  (session fixtures)

pytestmark = pytest.mark.issue(15)


def test_dir_lists_the_api():
    names = dir(newsgraph)
    for name in ("analyze", "open_store", "events", "compare", "stories", "report"):
        assert name in names and name in newsgraph.__all__
    assert "importlib" not in names and "TYPE_CHECKING" not in names


def test_import_stays_light():
    code = "import sys, newsgraph; print('newsgraph.api' in sys.modules, 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_events_filters_match_sql(analysis_store):
    rows = newsgraph.events(analysis_store, source="NRL", dataframe=False)
    conn = sqlite3.connect(analysis_store)
    from newsgraph.analysis.sql import kept_events

    want = conn.execute(f"SELECT count(*) FROM events AS e WHERE source_country = 'NRL' AND {kept_events('e')}").fetchone()[0]
    assert len(rows) == want == 4
    assert {r["plover"] for r in rows} == {"AGREE", "ACCUSE"} and rows[0]["evidence"].startswith("President Ilse Varga")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert len(newsgraph.events(analysis_store, source="Norland", target="SDV", since="2024-01-01", dataframe=False)) == 1
    assert len(newsgraph.events(analysis_store, until="2023-05", dataframe=False)) == 3
    assert len(newsgraph.events(analysis_store, plover="reject", dataframe=False)) == 1
    with newsgraph.open_store(analysis_store, readonly=True) as st:  # an open store works too
        assert len(newsgraph.events(st, target="NRL", dataframe=False)) == 1


def test_events_as_dataframe_when_pandas_is_there(analysis_store):
    pandas = pytest.importorskip("pandas")
    frame = newsgraph.events(analysis_store, source="NRL")
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 4 and "goldstein" in frame.columns


def test_events_rows_without_pandas(analysis_store, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    rows = newsgraph.events(analysis_store, source="NRL")
    assert isinstance(rows, list) and len(rows) == 4
    with pytest.raises(ImportError):
        newsgraph.events(analysis_store, dataframe=True)


def test_compare_stories_report(analysis_store, tmp_path):
    result = newsgraph.compare("Brel", analysis_store)
    assert result["actor"]["actor_id"] == "tomas-brel" and result["outlets"]
    stories = newsgraph.stories(analysis_store)
    assert sum(len(s["articles"]) for s in stories["stories"]) == 7
    out = newsgraph.report(tmp_path / "r.html", analysis_store)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    import newsgraph.report as package  # the subpackage stays a package, and callable

    assert callable(newsgraph.report) and package.write_report
