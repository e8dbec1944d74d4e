"""Render stories and threads (`analysis.find_stories`) as rich tables, or JSON.

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


def print_stories(result: dict[str, Any], *, as_json: bool = False, console: Console | None = None) -> None:
    if as_json:
        out = {k: v for k, v in result.items() if k != "pairs"}
        print(json_text(out, indent=2))
        return
    console = console or make_console()
    stories = {s["story_id"]: s for s in result["stories"]}
    console.print(f"[bold]{len(result['threads'])} threads, {len(stories)} stories, "
                  f"{sum(len(s['articles']) for s in stories.values())} articles[/bold]")
    for thread in result["threads"]:
        dyads = printable(", ".join("–".join(d) for d in thread["dyads"]) or "no shared dyad")
        span = printable(f"{thread['first_date'] or '?'} … {thread['last_date'] or '?'}")
        console.print()
        console.print(Text.assemble(text(f"thread {thread['thread_id']}", "bold cyan"),
                                    f": {len(thread['stories'])} stories, {span}; dyads {dyads}"))
        console.print(text(f"  words: {', '.join(thread['terms'][:8])}"))
        table = Table(box=None, pad_edge=False, show_edge=False)
        for col in ("story", "date", "source", "title", "words"):
            table.add_column(col)
        for sid in thread["stories"]:
            story = stories[sid]
            for i, a in enumerate(story["articles"]):
                table.add_row(
                    text(sid) if i == 0 else "", text(a["date"] or "undated"), text(a["source"]),
                    text(a["title"] or ""), text(", ".join(story["terms"][:5])) if i == 0 else "",
                )
        console.print(table)
