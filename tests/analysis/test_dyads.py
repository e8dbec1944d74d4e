"""Cooperation and conflict per pair of countries, by period."""

from __future__ import annotations

from newsgraph.analysis.dyads import dyad_timeline
from newsgraph.store import open_store


def test_accord_then_quarrel(analysis_store):
    with open_store(analysis_store, readonly=True) as st:
        timeline = dyad_timeline(st)
    assert [d["dyad"] for d in timeline] == [["NRL", "SDV"]]
    periods = {p["period"]: p for p in timeline[0]["periods"]}
    assert list(periods) == ["2023-05", "2024-02"]
    assert (periods["2023-05"]["cooperation"], periods["2023-05"]["conflict"]) == (3, 0)
    assert (periods["2024-02"]["cooperation"], periods["2024-02"]["conflict"]) == (0, 2)
    assert periods["2024-02"]["goldstein"] == -6.0
