"""Render `Store.stats()` for people (a table) or programs (JSON)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table


def print_stats(stats: dict, *, as_json: bool = False) -> None:
    if as_json:
        print(json.dumps(stats, ensure_ascii=False, indent=2, default=str))
        return
    console = Console()
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    for key, value in stats.items():
        table.add_row(key.replace("_", " "), _cell(value))
    console.print(table)


def _cell(value) -> str:
    if isinstance(value, dict):
        if not value:
            return "—"
        return "\n".join(f"{k}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value) or "—"
    if isinstance(value, int):
        return f"{value:,}"
    return "—" if value is None else str(value)
