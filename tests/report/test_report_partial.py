"""The report says when a table shows only part of the store, and shows the newest part (issue 15, item 5)."""

from __future__ import annotations

import re

import pytest

from newsgraph.report import render_report, report_data
from newsgraph.report.build import MAX_ROWS
from newsgraph.store import open_store

from ..cli.builders import dated_store

N = MAX_ROWS + 40


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = dated_store(tmp_path_factory.mktemp("report") / "many.db", N)
    with open_store(path, readonly=True) as st:
        yield st


@pytest.fixture(scope="module")
def data(big):
    return report_data(big)


def is_dated(value) -> bool:
    return bool(value) and value[:4].isdigit()


@pytest.mark.parametrize("table", ["events", "quotes"])
def test_the_newest_come_first_and_the_undated_last(data, big, table):
    shown = data[table]
    assert len(shown) == MAX_ROWS
    dates = [row["date"] for row in shown]
    dated = [d for d in dates if is_dated(d)]
    assert dated == sorted(dated, reverse=True)
    first_undated = next(i for i, d in enumerate(dates) if not is_dated(d))
    assert all(not is_dated(d) for d in dates[first_undated:])  # no dated row after an undated one
    newest = big.connection.execute("SELECT max(date) FROM articles WHERE date GLOB '[0-9]*'").fetchone()[0]
    assert dates[0] == newest


@pytest.mark.parametrize("table", ["events", "quotes"])
def test_a_cut_table_says_showing_n_of_m_and_where_the_rest_is(data, big, table):
    note = data[f"{table}_partial"]
    assert note["shown"] == MAX_ROWS and note["total"] == big.count(table) == N
    html = render_report(big)
    section = html[html.index(f'id="{table}"'):]
    section = section[:section.index("</section>")]
    assert re.search(rf"Showing {MAX_ROWS} of {N} {table}", section)
    assert f"newsgraph export {table} --store many.db" in section
    assert "newsgraph serve --store many.db" in section


def test_a_whole_table_has_no_note(tmp_path):
    path = dated_store(tmp_path / "few.db", 12)
    with open_store(path, readonly=True) as st:
        data = report_data(st)
        html = render_report(st)
    assert data["events_partial"] is None and data["quotes_partial"] is None
    assert len(data["events"]) == 12 and "Showing" not in html


def test_the_country_pair_count_agrees_with_the_dyad_timeline(tmp_path):
    from newsgraph.analysis import dyad_timeline
    from newsgraph.report.build import _dyads_partial

    from ..analysis.fixtures import build_analysis_store

    path = build_analysis_store(tmp_path / "analysis.db")
    with open_store(path, readonly=True) as st:
        every = dyad_timeline(st, top=1000)
        assert every, "the fixture has events between two countries"
        note = _dyads_partial(st.connection, 0, "analysis.db")
        assert note["total"] == len(every)
        assert _dyads_partial(st.connection, len(every), "analysis.db") is None


def test_the_framing_section_counts_the_labelled_actors(tmp_path):
    from newsgraph.report.build import FRAMED_ACTORS, _framing_partial

    from ..analysis.fixtures import build_analysis_store

    path = build_analysis_store(tmp_path / "analysis.db")
    with open_store(path, readonly=True) as st:
        labelled = {row["actor_id"] for row in st.iter_rows("labels") if not row["actor_id"].startswith("role-")}
        assert labelled
        assert _framing_partial(st.connection, 0, "analysis.db")["total"] == len(labelled)
        data = report_data(st)
    assert len(data["framing"]) == min(FRAMED_ACTORS, len(labelled))
    assert data["framing_partial"] is None  # the fixture's few labelled actors are all shown
