"""The report's charts: escaped text, a size, one mark per value."""

from __future__ import annotations

from newsgraph.report import svg


def test_bar_chart_escapes_and_sizes():
    chart = str(svg.bar_chart([("<b>Front</b> & co", 3, "GOV"), ("Ostmark", 1, None)], title="a <title>"))
    assert "<b>" not in chart and "&lt;b&gt;Front&lt;/b&gt; &amp; co" in chart
    assert chart.startswith("<svg") and 'width="640"' in chart and chart.count("<rect") == 2


def test_dyad_chart_draws_cooperation_up_and_conflict_down():
    dyad = {"dyad": ["NRL", "SDV"], "periods": [
        {"period": "2023-05", "cooperation": 2, "conflict": 0, "goldstein": 8.0},
        {"period": None, "cooperation": 0, "conflict": 1, "goldstein": -2.0},
    ]}
    chart = str(svg.dyad_chart(dyad))
    assert chart.count('class="coop"') == 1 and chart.count('class="conflict"') == 1
    assert "undated" in chart and "2023-05" in chart


def test_tone_and_timeline_handle_missing_values():
    tone = str(svg.tone_chart([("ledger", 0.5, None), ("post", None, -0.25)], title="tone"))
    assert tone.count('class="tone"') == 2
    line = str(svg.timeline([("a", "2021-03-01", 2), ("b", None, 1)], title="stories"))
    assert line.count('class="story"') == 2 and "undated" in line
