"""Charts as inline SVG, drawn by our own code: no JavaScript, no fonts, no network.

Each function returns a `Markup` string of one `<svg>` element. Every piece of text
that reaches the markup goes through `escape`, so an actor named `<script>` is
drawn as text, never run. Charts carry a `<title>` for screen readers and a fixed
viewBox, so they scale with the page and always have a size.
"""

from __future__ import annotations

from markupsafe import Markup, escape

COOPERATION = "#2b8a3e"
CONFLICT = "#c92a2a"
NEUTRAL = "#868e96"
SECTOR_COLOURS = {
    "GOV": "#1c7ed6", "MIL": "#5f3dc4", "OPP": "#e8590c", "LEG": "#0b7285", "JUD": "#5c940d",
    "BUS": "#f08c00", "MED": "#c2255c", "IGO": "#364fc7", "NGO": "#087f5b", "CVL": "#495057",
}


def _svg(width: int, height: int, title: str, body: list[str], cls: str) -> Markup:
    return Markup(
        f'<svg class="chart {cls}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 11, fill: str = "#212529") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}">{escape(text)}</text>')


def bar_chart(items: list[tuple[str, float, str | None]], *, title: str, width: int = 640) -> Markup:
    """Horizontal bars: (label, value, sector or None) each, longest first as given."""
    row, label_w = 20, 210
    height = max(row * len(items) + 10, 30)
    top = max((v for _, v, _ in items), default=0) or 1
    body = []
    for i, (label, value, sector) in enumerate(items):
        y = 5 + i * row
        w = (width - label_w - 50) * value / top
        colour = SECTOR_COLOURS.get(sector or "", NEUTRAL)
        short = label if len(label) <= 32 else label[:31] + "…"
        body.append(_text(label_w - 6, y + 13, short, anchor="end"))
        body.append(f'<rect x="{label_w}" y="{y + 2}" width="{max(w, 1):.1f}" height="{row - 6}" fill="{colour}">'
                    f"<title>{escape(label)}: {value:g}</title></rect>")
        body.append(_text(label_w + w + 4, y + 13, f"{value:g}", size=10, fill="#495057"))
    return _svg(width, height, title, body, "bars")


def dyad_chart(dyad: dict, *, width: int = 640, height: int = 150) -> Markup:
    """Cooperation above the axis, conflict below, one column per period (oldest left)."""
    periods = dyad["periods"]
    name = "–".join(dyad["dyad"])
    left, bottom_pad, top_pad = 40, 28, 14
    mid = top_pad + (height - top_pad - bottom_pad) / 2
    half = (height - top_pad - bottom_pad) / 2
    peak = max((max(p["cooperation"], p["conflict"]) for p in periods), default=0) or 1
    step = (width - left - 10) / max(len(periods), 1)
    bar = min(step * 0.6, 36)
    body = [f'<line x1="{left}" y1="{mid:.1f}" x2="{width - 10}" y2="{mid:.1f}" stroke="#adb5bd"/>',
            _text(4, top_pad + 8, "coop", size=9, fill=COOPERATION),
            _text(4, height - bottom_pad, "conflict", size=9, fill=CONFLICT)]
    for i, p in enumerate(periods):
        x = left + i * step + (step - bar) / 2
        up = half * p["cooperation"] / peak
        down = half * p["conflict"] / peak
        label = p["period"] or "undated"
        tip = f"{name} {label}: {p['cooperation']} cooperation, {p['conflict']} conflict, Goldstein {p['goldstein']:+g}"
        if up:
            body.append(f'<rect class="coop" x="{x:.1f}" y="{mid - up:.1f}" width="{bar:.1f}" height="{up:.1f}" '
                        f'fill="{COOPERATION}"><title>{escape(tip)}</title></rect>')
        if down:
            body.append(f'<rect class="conflict" x="{x:.1f}" y="{mid:.1f}" width="{bar:.1f}" height="{down:.1f}" '
                        f'fill="{CONFLICT}"><title>{escape(tip)}</title></rect>')
        body.append(_text(x + bar / 2, height - 8, label, anchor="middle", size=9, fill="#495057"))
    return _svg(width, height, f"Cooperation and conflict between {name} by period", body, "dyad")


def tone_chart(rows: list[tuple[str, float | None, float | None]], *, title: str, width: int = 640) -> Markup:
    """Diverging bars from −1 to +1 per outlet: the author's tone and the quoted voices'."""
    row, label_w = 34, 210
    height = max(row * len(rows) + 24, 40)
    span = width - label_w - 20
    zero = label_w + span / 2
    body = [f'<line x1="{zero:.1f}" y1="4" x2="{zero:.1f}" y2="{height - 18}" stroke="#adb5bd"/>',
            _text(label_w, height - 4, "−1", size=9), _text(zero, height - 4, "0", anchor="middle", size=9),
            _text(label_w + span, height - 4, "+1", anchor="end", size=9)]
    for i, (label, author, quoted) in enumerate(rows):
        y = 6 + i * row
        short = label if len(label) <= 32 else label[:31] + "…"
        body.append(_text(label_w - 6, y + 17, short, anchor="end"))
        for j, (voice, score) in enumerate((("author", author), ("quoted", quoted))):
            if score is None:
                continue
            w = span / 2 * abs(score)
            x = zero if score >= 0 else zero - w
            colour = COOPERATION if score >= 0 else CONFLICT
            opacity = "1" if voice == "author" else "0.55"
            body.append(f'<rect class="tone" x="{x:.1f}" y="{y + j * 13:.1f}" width="{max(w, 1):.1f}" height="11" '
                        f'fill="{colour}" fill-opacity="{opacity}"><title>{escape(label)} ({voice}): {score:+.2f}</title></rect>')
    return _svg(width, height, title, body, "tone")


def timeline(points: list[tuple[str, str | None, int]], *, title: str, width: int = 640) -> Markup:
    """Stories as dots on a time axis by year (size: articles); undated stories sit at the right end."""
    height = 70
    years = sorted({int(d[:4]) for _, d, _ in points if d and d[:4].isdigit()})
    lo, hi = (years[0], years[-1]) if years else (0, 1)
    hi = max(hi, lo + 1)
    left, right = 30, width - 90
    body = [f'<line x1="{left}" y1="30" x2="{right}" y2="30" stroke="#adb5bd"/>']
    for year in range(lo, hi + 1) if years else []:
        x = left + (right - left) * (year - lo) / (hi - lo + 1)
        body.append(f'<line x1="{x:.1f}" y1="26" x2="{x:.1f}" y2="34" stroke="#adb5bd"/>')
        body.append(_text(x + (right - left) / (hi - lo + 1) / 2, 50, str(year), anchor="middle", size=9, fill="#495057"))
    undated = 0
    for label, date, n in points:
        if date and date[:4].isdigit():
            month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 6
            x = left + (right - left) * (int(date[:4]) + (month - 0.5) / 12 - lo) / (hi - lo + 1)
            y = 30
        else:
            x, y = right + 20 + (undated % 4) * 14, 22 + (undated // 4) * 14
            undated += 1
        body.append(f'<circle class="story" cx="{x:.1f}" cy="{y}" r="{4 + min(n, 6)}" fill="#1c7ed6" fill-opacity="0.7">'
                    f"<title>{escape(label)} ({escape(date or 'undated')}, {n} articles)</title></circle>")
    if undated:
        body.append(_text(right + 20, 64, "undated", size=9, fill="#495057"))
    return _svg(width, height, title, body, "timeline")
