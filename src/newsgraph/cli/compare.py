"""Render an actor comparison (`analysis.compare_actor`) as rich tables, or JSON.

Every value comes from articles, so it reaches the console only as plain text
(`terminal.printable` in a `Text`): no control code, markup or emoji code in a
title or a label acts.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from newsgraph.cli.terminal import console as make_console
from newsgraph.cli.terminal import json_text, printable, text


def print_comparison(result: dict[str, Any], *, as_json: bool = False, console: Console | None = None) -> None:
    if as_json:
        print(json_text(result, indent=2))
        return
    console = console or make_console()
    actor = result["actor"]
    where = " ".join(printable(x) for x in (actor.get("country"), actor.get("sector")) if x)
    console.print(Text.assemble(text(actor["name"], "bold"), f" ({printable(actor['actor_id'])}"
                                f"{', ' + where if where else ''})"))
    if not result["has_labels"]:
        console.print("[dim]This store has no labels table (written before framing): labels and tone are empty.[/dim]")
    for g in result["outlets"]:
        console.print()
        console.print(Text.assemble(text(g["outlet"], "bold cyan"),
                                    f" — {g['mentions']} mentions, quoted {g['quoted']}×"))
        for a in g["articles"]:
            console.print(Text(f"  {printable(a['date'] or 'undated')}  {printable(a['title'] or '(untitled)')}"))
        if g["labels"]:
            several = len(g["articles"]) > 1
            table = Table(box=None, pad_edge=False, show_edge=False)
            for col in ("label", "n", "kind", "voice", "pol") + (("articles",) if several else ()):
                table.add_column(col, justify="right" if col in ("n", "pol", "articles") else "left")
            for label in g["labels"]:
                voice = label["voice"] if label["voice"] == "author" else f"quoted: {label['speaker'] or 'unattributed'}"
                pol = {1: "+", -1: "−", 0: "0"}.get(label["polarity"], "")
                cells = [text(label["label"]), str(label["count"]), text(label["kind"] or ""), text(voice), pol]
                table.add_row(*cells, *([str(len(label["articles"]))] if several else []))
            console.print(Padding(table, (0, 0, 0, 2), expand=False))
        elif result["has_labels"]:
            console.print("  [dim]no labels[/dim]")
        for voice, tone in sorted(g["tone"].items()):
            score = "—" if tone["score"] is None else f"{tone['score']:+.2f}"
            console.print(Text(
                f"  tone ({printable(voice)}): {score}"
                + (f" [95% {tone['low']:+.2f} … {tone['high']:+.2f}]" if tone.get("low") is not None else "")
                + f" over {tone['mentions']} mentions in {tone.get('articles', '?')} articles "
                f"(−{tone['negative']} / {tone['neutral']} / +{tone['positive']})"
            ))
        if g["top_speakers"]:
            quoted = ", ".join(f"{printable(s['name'])} {s['quotes']}" for s in g["top_speakers"])
            console.print(Text(f"  quotes: {quoted}"))
