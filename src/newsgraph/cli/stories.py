"""Render stories and threads (`analysis.find_stories`) for a reader, or as JSON.

Threads come first, each with its stories oldest first; a story of several articles
shows its label, each article with its outlet's side and the reason it joined, who
covered it first, the left/centre/right mix and who was publishing but did not; the
pairs that nearly joined follow at the end, for a person to confirm or split.

Titles, sources and words come from articles: they reach the console only as plain
text (`terminal.text`), never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.cli.terminal import console as make_console
from newsgraph.cli.terminal import json_text, printable, text

MAX_NEAR_MISSES = 20
MAX_ABSENT_SHOWN = 6


def print_stories(result: dict[str, Any], *, as_json: bool = False, console: Console | None = None) -> None:
    if as_json:
        out = {k: v for k, v in result.items() if k != "pairs"}
        print(json_text(out, indent=2))
        return
    console = console or make_console()
    stories = {s["story_id"]: s for s in result["stories"]}
    multi = sum(1 for s in stories.values() if len(s["articles"]) > 1)
    alone = sum(1 for s in stories.values() if len(s["articles"]) == 1)
    console.print(f"[bold]{len(result['threads'])} threads, {len(stories)} stories, "
                  f"{sum(len(s['articles']) for s in stories.values())} articles[/bold] "
                  f"({multi} stories of several articles, {alone} articles alone)")
    for thread in result["threads"]:
        span = printable(f"{thread['first_date'] or '?'} … {thread['last_date'] or '?'}")
        console.print()
        console.print(Text.assemble(text(f"thread {thread['thread_id']}", "bold cyan"),
                                    f": {len(thread['stories'])} stories, {span}; topic ",
                                    text(", ".join(thread["terms"][:6]))))
        for sid in thread["stories"]:
            _print_story(console, stories[sid])
    near = result.get("near_misses") or []
    if near:
        console.print()
        console.print(f"[bold]Near misses[/bold] ({len(near)}; the first {min(len(near), MAX_NEAR_MISSES)}): "
                      "pairs just under the bar, or merges refused; confirm or split")
        for m in near[:MAX_NEAR_MISSES]:
            why = m.get("refused") or f"score {m['score']:.2f} under the bar {m['bar']:.2f}"
            console.print(Text.assemble(f"  {m['score']:.2f} ", text(f"{m['source_a']}: {m['title_a'] or ''}"),
                                        "  ~  ", text(f"{m['source_b']}: {m['title_b'] or ''}")))
            console.print(Text.assemble("       ", text(f"{why}; " + "; ".join(m["reasons"]), "dim")))


def _print_story(console: Console, story: dict[str, Any]) -> None:
    if len(story["articles"]) == 1:
        a = story["articles"][0]
        console.print(Text.assemble("  ", text(story["story_id"], "dim"), " ", text(a["date"] or "undated"), "  ",
                                    text(_source(a)), "  ", text(a["title"] or "")))
        return
    console.print(Text.assemble("  ", text(story["story_id"], "bold"), "  ", text(story["label"], "bold")))
    table = Table(box=None, pad_edge=False, show_edge=False, show_header=False)
    for _ in range(4):
        table.add_column()
    for a in story["articles"]:
        via = a.get("joined_by")
        table.add_row("    " + printable(a["date"] or "undated"), text(_source(a)), text(a["title"] or ""),
                      text("; ".join(via["reasons"]), "dim") if via else text("", "dim"))
    console.print(table)
    cov = story["coverage"]
    first = cov["first"]
    sides = " · ".join(f"{side} {n}" for side, n in cov["sides"].items())
    parts = [f"first: {first['outlet']} on {first['date']}" if first else "first: undated", f"sides: {sides}"]
    if cov["sides_missing"]:
        parts.append("no " + " or ".join(cov["sides_missing"]) + (" (blindspot)" if cov["blindspot"] else ""))
    if cov["not_covering"]:
        shown = ", ".join(o["outlet"] for o in cov["not_covering"][:MAX_ABSENT_SHOWN])
        more = cov["not_covering_total"] - min(len(cov["not_covering"]), MAX_ABSENT_SHOWN)
        parts.append(f"publishing then but not on it: {shown}" + (f" (+{more})" if more > 0 else ""))
    console.print(Text.assemble("    ", text("; ".join(parts), "italic")))


def _source(article: dict[str, Any]) -> str:
    return f"{article['source']} [{article['side']}]" if article.get("side") else article["source"]
