"""Render `Store.stats()` for people (a table) or programs (JSON).

Nested figures (a run's arguments and counts) are indented under their key; an
absent value shows as "—" and an absent key (articles without an outlet) as
"(not given)", never as Python's `None`. Outlet names and paths come from data,
so they reach the console only as plain text (`terminal.text`), never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.cli.terminal import console as make_console
from newsgraph.cli.terminal import json_text, printable, text

NONE = "—"
NO_KEY = "(not given)"


def print_stats(stats: dict, *, as_json: bool = False, console: Console | None = None) -> None:
    if as_json:
        print(json_text(stats, indent=2))
        return
    console = console or make_console()
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    for key, value in stats.items():
        # each line is printable already; the line breaks are ours
        table.add_row(text(str(key).replace("_", " ")), Text("\n".join(_lines(value))))
    console.print(table)


def _lines(value: Any, depth: int = 0) -> list[str]:
    """The value as display lines; a dict is one "key: value" line per entry, nested ones indented."""
    if isinstance(value, dict):
        if not value:
            return [NONE]
        lines = []
        indent = "  " * depth
        for k, v in value.items():
            name = NO_KEY if k is None or k == "" else printable(k)
            inner = _lines(v, depth + 1)
            if isinstance(v, dict) and v:
                lines.append(f"{indent}{name}:")
                lines.extend(inner)
            else:
                lines.append(f"{indent}{name}: {inner[0]}")
        return lines
    return [_scalar(value)]


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value) or NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if value is None or value == "":
        return NONE
    return printable(value)
