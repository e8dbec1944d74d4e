"""Charts for the workbench on a real time axis, drawn server-side as inline SVG.

Months run continuously from the first to the last one with data (an empty month is
a gap, not skipped), so a bar's place says when. Labels are thinned to a step of 1,
2, 3, 6, 12… months chosen so no two overprint at the chart's width; years are
written under their first labelled month. What cannot sit on a month axis (dates
known only to the year, undated rows) is counted in the caption, not drawn.

Every text goes through `escape`; bars may link to an anchor of the page (the rows
behind them). The markup carries its size (`width`/`height` and a `viewBox`), so a
chart always has a size on screen and scales down on a narrow one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

from ..report.svg import CONFLICT, COOPERATION, NEUTRAL

WIDTH = 880
HEIGHT = 190
ARTICLES = "#1c7ed6"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Steps between labelled months; the smallest that leaves room for a label is used.
STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
LABEL_ROOM = 34  # pixels one month label needs ("Sep" at 10 px, with air)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_of(period: str | None) -> tuple[int, int] | None:
    """(year, month) of a `YYYY-MM` period, else None (a year alone, or undated)."""
    match = _MONTH.match(period or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if 1 <= month <= 12 else None


def month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every month from `first` to `last`, both included."""
    out = []
    year, month = first
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def label_step(n_months: int, plot_width: float) -> int:
    """The smallest step (in months) whose labels do not overprint."""
    per_month = plot_width / max(n_months, 1)
    for step in STEPS:
        if per_month * step >= LABEL_ROOM:
            return step
    return STEPS[-1]


def _text(x: float, y: float, text: str, *, anchor: str = "middle", size: int = 10, fill: str = "#495057",
          cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (f'<text{klass} x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}">{escape(text)}</text>')


def time_chart(
    series: Iterable[Mapping[str, Any]],
    *,
    title: str,
    up: str,
    down: str | None = None,
    up_label: str | None = None,
    down_label: str | None = None,
    up_colour: str = COOPERATION,
    down_colour: str = CONFLICT,
    anchor: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Markup | None:
    """Bars per month: the `up` count above the axis and, if given, the `down` count below.

    `series` holds rows with a `period` (`YYYY-MM`, `YYYY` or None) and the counts. A bar
    links to `#{anchor}-{YYYY-MM}` when `anchor` is given. None when no row has a month.
    """
    rows = list(series)
    monthly: dict[tuple[int, int], tuple[float, float]] = {}
    unplaced = 0.0
    for row in rows:
        m = month_of(row.get("period"))
        a, b = float(row.get(up) or 0), float(row.get(down) or 0) if down else 0.0
        if m is None:
            # every row counted (an event of no quad class too), when the series says how many
            unplaced += float(row["events"]) if row.get("events") is not None else a + b
            continue
        old = monthly.get(m, (0.0, 0.0))
        monthly[m] = (old[0] + a, old[1] + b)
    if not monthly:
        if not unplaced:
            return None
        return Markup(f'<figure class="ng-chart"><figcaption>{escape(title)} — {unplaced:g} dated only to the year '
                      f'or undated: nothing to draw on a month axis</figcaption></figure>')
    months = month_range(min(monthly), max(monthly))
    left, right, top, axis_room = 44, 12, 26, 34
    plot_w = width - left - right
    plot_h = height - top - axis_room
    if down:
        up_h = down_h = plot_h / 2
    else:
        up_h, down_h = plot_h, 0.0
    zero = top + up_h
    peak_up = max(v[0] for v in monthly.values()) or 1
    peak_down = max(v[1] for v in monthly.values()) or 1
    peak = max(peak_up, peak_down) if down else peak_up
    step_px = plot_w / len(months)
    bar = max(min(step_px * 0.7, 28), 1.0)
    body = [f'<line x1="{left}" y1="{zero:.1f}" x2="{width - right}" y2="{zero:.1f}" stroke="#adb5bd"/>']
    # the scale: the peak above (and below) the axis
    body.append(_text(left - 6, top + 8, f"{peak:g}", anchor="end", size=9))
    body.append(f'<line x1="{left - 3}" y1="{top:.1f}" x2="{width - right}" y2="{top:.1f}" stroke="#f1f3f5"/>')
    if down:
        body.append(_text(left - 6, zero + down_h, f"{peak:g}", anchor="end", size=9))
        body.append(f'<line x1="{left - 3}" y1="{zero + down_h:.1f}" x2="{width - right}" y2="{zero + down_h:.1f}" '
                    f'stroke="#f1f3f5"/>')
    # the legend above the plot, where no bar can cover it
    x = left
    for label, colour in ((up_label, up_colour), (down_label if down else None, down_colour)):
        if label:
            body.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
            body.append(_text(x + 14, 13, label, anchor="start", size=10, fill="#495057"))
            x += 24 + 6.5 * len(label)
    step = label_step(len(months), plot_w)
    base = height - axis_room
    last_year = None
    for i, (year, month) in enumerate(months):
        x = left + i * step_px + step_px / 2
        a, b = monthly.get((year, month), (0.0, 0.0))
        period = f"{year:04d}-{month:02d}"
        tip = f"{MONTHS[month - 1]} {year}: {a:g} {up_label or up}" + (f", {b:g} {down_label or down}" if down else "")
        marks = []
        if a:
            h = up_h * a / peak
            marks.append(f'<rect class="bar up" x="{x - bar / 2:.1f}" y="{zero - h:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{up_colour}"><title>{escape(tip)}</title></rect>')
        if down and b:
            h = down_h * b / peak
            marks.append(f'<rect class="bar down" x="{x - bar / 2:.1f}" y="{zero:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{down_colour}"><title>{escape(tip)}</title></rect>')
        if marks and anchor:
            body.append(f'<a href="#{escape(anchor)}-{period}">{"".join(marks)}</a>')
        else:
            body.extend(marks)
        if (year * 12 + month - 1) % step == 0:
            body.append(f'<line x1="{x:.1f}" y1="{base:.1f}" x2="{x:.1f}" y2="{base + 4:.1f}" stroke="#868e96"/>')
            if step < 12:
                body.append(_text(x, base + 14, MONTHS[month - 1], cls="month"))
            if year != last_year:
                body.append(_text(x, base + (27 if step < 12 else 14), str(year), size=10, fill="#212529",
                                  cls="year"))
                last_year = year
    caption = f"{len(months)} months, {MONTHS[months[0][1] - 1]} {months[0][0]} – {MONTHS[months[-1][1] - 1]} {months[-1][0]}"
    if unplaced:
        caption += f"; {unplaced:g} more dated only to the year or undated (not drawn)"
    return Markup(
        f'<figure class="ng-chart"><svg class="chart time" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>{"".join(body)}</svg>'
        f'<figcaption>{escape(title)} — {escape(caption)}</figcaption></figure>'
    )


def bars(items: list[tuple[str, float, str | None]], *, title: str, width: int = 640) -> Markup | None:
    """Horizontal bars with labels (the report's chart, in a figure)."""
    from ..report.svg import bar_chart

    if not items:
        return None
    return Markup(f'<figure class="ng-chart">{bar_chart(items, title=title, width=width)}</figure>')


def tone(rows: list[tuple[str, float | None, float | None]], *, title: str) -> Markup | None:
    """Diverging tone bars per outlet, author and quoted voices (the report's chart)."""
    from ..report.svg import tone_chart

    if not rows:
        return None
    return Markup(f'<figure class="ng-chart">{tone_chart(rows, title=title)}'
                  f'<figcaption>{escape(title)}: darker bar the author\'s voice, lighter the quoted voices; '
                  f'−1 hostile … +1 warm</figcaption></figure>')


__all__ = ["NEUTRAL", "bars", "label_step", "month_range", "time_chart", "tone"]
