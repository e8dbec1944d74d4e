"""What the CLI prints from data is shown, never acted on (issue 17, item 8; issue 15, item 5).

A store whose titles, outlets, actor names and run arguments hold terminal control
sequences, rich markup and emoji codes (`builders.hostile_store`) goes through every
command that prints data; no control character may reach the output, and the
visible words must.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli.terminal import escaped, json_text, printable

from ..store.fixtures import build_fixture_store
from .builders import CLEAR, ESC, HOSTILE, OUTLET, TITLE, TITLE_TEXT, hostile_store

runner = CliRunner()
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return hostile_store(tmp_path_factory.mktemp("hostile") / "hostile.db")


def ng(*args: str):
    result = runner.invoke(app, list(args))
    return result


def assert_inert(output: str) -> None:
    for code in HOSTILE:
        assert code not in output, repr(code)
    assert not CONTROL.search(output), repr(CONTROL.search(output))


@pytest.mark.parametrize("text, shown", [
    (f"a{CLEAR}b", "ab"),
    (f"window {TITLE}title", "window title"),
    (f"{ESC}]8;;https://example.invalid{ESC}\\link{ESC}]8;;{ESC}\\", "link"),  # a hyperlink, ST-terminated
    ("\x9b31mred\x9b0m", "red"),  # 8-bit CSI
    (f"reset{ESC}c now", "reset now"),  # ESC c resets the terminal
    (f"lone {ESC}", "lone "),
    ("one\r\ntwo\tthree", "one two three"),  # a carriage return could overwrite the line
    ("left\u202eright", "leftright"),  # a bidi override reorders what is seen
    ("bell\x07 and null\x00", "bell and null"),
    ("Zürich “quoted” – 3 €", "Zürich “quoted” – 3 €"),  # ordinary text is untouched
])
def test_printable_removes_sequences_whole_and_keeps_the_words(text, shown):
    assert printable(text) == shown


def test_escaped_text_is_not_read_as_markup():
    from rich.console import Console
    import io

    out = io.StringIO()
    Console(file=out, width=200).print(escaped(f"[bold]loud[/bold] {RED_CLOSE}"))
    assert out.getvalue().strip() == f"[bold]loud[/bold] {RED_CLOSE}"


RED_CLOSE = "[/red]"


def test_json_text_escapes_what_json_leaves_raw_and_loses_nothing():
    value = {"name": f"x{CLEAR}\x9b1m\u2028\u202ey"}
    text = json_text(value)
    assert_inert(text)
    assert "\u2028" not in text and "\u202e" not in text
    assert json.loads(text) == value


def test_compare_shows_hostile_metadata_inert(store):
    result = ng("compare", "anselm-roth", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "Gazette [bold]of[/bold] Tarn" in result.output  # markup shown as written
    assert "Harbour strike [link=https://example.invalid]spreads[/link] :warning:" in result.output
    assert "⚠" not in result.output  # no emoji code interpreted
    assert "Anselm Roth (anselm-roth, TRN GOV)" in result.output


def test_compare_json_keeps_the_exact_values_without_raw_controls(store):
    result = ng("compare", "anselm-roth", "--store", str(store), "--json")
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    data = json.loads(result.stdout)
    assert data["actor"]["name"] == f"Anselm Roth{CLEAR}"
    assert OUTLET in {g["outlet"] for g in data["outlets"]}
    titles = {a["title"] for g in data["outlets"] for a in g["articles"]}
    assert TITLE_TEXT in titles


def test_stats_shows_hostile_outlets_and_run_arguments_inert(store):
    result = ng("stats", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "Gazette [bold]of[/bold] Tarn: 1" in result.output
    assert re.search(r"paths: inbox/ *$", result.output, re.M)  # the run's path, its codes removed
    json_result = ng("stats", "--store", str(store), "--json")
    assert_inert(json_result.stdout)
    assert OUTLET in json.loads(json_result.stdout)["outlets"]


def test_stories_show_hostile_titles_inert(store):
    result = ng("stories", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert "Gazette [bold]of[/bold] Tarn" in result.output


def test_error_messages_quoting_input_are_not_markup(store):
    result = ng("compare", f"[/red]{CLEAR}nobody", "--store", str(store))
    assert result.exit_code == 2
    assert "E420" in result.output and "[/red]" in result.output
    assert_inert(result.output)


def test_stats_never_prints_none(tmp_path):
    """The fixture store has an article without outlet or date and a run with absent values."""
    store = build_fixture_store(tmp_path / "f.db")
    result = ng("stats", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "None" not in result.output
    assert "(not given): 1" in result.output


def test_piped_output_is_not_wrapped_at_80_columns(store, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    result = ng("stories", "--store", str(store))
    lines = result.output.splitlines()
    title_line = next(line for line in lines if "Harbour strike" in line)
    assert "spreads[/link] :warning:" in title_line  # the whole title on its row
    assert len(title_line) > 100
