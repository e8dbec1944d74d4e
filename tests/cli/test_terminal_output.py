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
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli.terminal import json_text, printable, text

from ..store.fixtures import build_fixture_store
from .builders import CLEAR, ESC, HOSTILE, OUTLET, TITLE, TITLE_TEXT, hostile_store

runner = CliRunner()
RED_CLOSE = "[/red]"
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


@pytest.mark.parametrize("value", [f"[bold]loud[/bold] {RED_CLOSE}", "ends in a backslash\\", ":warning: [link=x]y"])
def test_data_is_not_read_as_markup(value):
    import io

    from newsgraph.cli.terminal import console as make_console

    out = io.StringIO()
    console = make_console(file=out)  # the console every command prints through
    console.print(text(value, "bold"))
    console.print(text(value))
    assert out.getvalue().splitlines() == [value, value]


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
    assert re.search(r"paths: inbox/ *$", result.output, re.MULTILINE)  # the run's path, its codes removed
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


# Property tests (Hypothesis): any text, including every control character and
# rich's markup brackets, comes out inert, and JSON loses nothing.

hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(["\x1b", "\x9b", "\x9d", "\x07", "\r", "\n", "[", "]", "/", "\\", "=", ";", ":", "\u202e"]),
    ),
)
SHOWN_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(hostile_text)
def test_printable_never_leaves_a_control_character(text):
    shown = printable(text)
    assert not SHOWN_CONTROL.search(shown)
    assert printable(shown) == shown  # nothing left to remove


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Zl", "Zp")).filter(
    lambda c: not 0x202A <= ord(c) <= 0x202E and not 0x2066 <= ord(c) <= 0x2069)))
def test_text_without_controls_is_shown_unchanged(text):
    assert printable(text) == text


@given(st.dictionaries(st.one_of(st.none(), hostile_text), st.integers(0, 10**6), max_size=4), hostile_text)
def test_stats_print_any_outlet_and_path_as_itself(outlets, path):
    """Whatever outlets and paths a store holds, stats shows each exactly as `printable` makes it."""
    import io

    from newsgraph.cli.stats import print_stats
    from newsgraph.cli.terminal import console

    screen = io.StringIO()
    print_stats({"path": path, "outlets": outlets}, console=console(file=screen))
    shown = screen.getvalue()
    assert not SHOWN_CONTROL.search(shown.replace("\n", ""))
    if "None" not in path and not any("None" in k for k in outlets if k):
        assert "None" not in shown
    lines = [line.rstrip() for line in shown.splitlines()]
    if printable(path).strip():
        assert any(line.endswith(printable(path).rstrip()) for line in lines)
    for outlet, n in outlets.items():
        name = "(not given)" if outlet in (None, "") else printable(outlet)
        assert f"{name}: {n:,}" in shown


@given(st.recursive(st.none() | st.booleans() | st.integers() | hostile_text,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
                    max_leaves=8))
def test_json_text_is_exact_and_inert(value):
    text = json_text(value)
    assert json.loads(text) == value
    assert not SHOWN_CONTROL.search(text)


def test_a_data_stream_on_a_terminal_keeps_rows_and_drops_codes():
    import io

    from newsgraph.cli.terminal import TerminalText

    screen = io.StringIO()
    stream = TerminalText(screen)
    stream.write(f'id,title\r\n1,"{CLEAR}two\rlines\t{TITLE}ok"\r\n')
    assert screen.getvalue() == 'id,title\r\n1,"twolines\tok"\r\n'


def test_resolve_echoes_hostile_input_escaped_and_exact():
    line = json.dumps({"text": f"Minister{CLEAR} Roth\x9b2J", "date": "2022-04-05"}) + "\n"
    result = runner.invoke(app, ["resolve"], input=line + "not json\n")
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert len(out) == 2
    assert_inert(result.stdout)
    assert json.loads(out[0])["text"] == f"Minister{CLEAR} Roth\x9b2J"  # the value itself is kept
    assert "E403" in json.loads(out[1])["error"]


def on_a_terminal(*args: str) -> bytes:
    """Run newsgraph with stdout and stderr on a pseudo-terminal; what the terminal received."""
    pty = pytest.importorskip("pty")
    import os
    import subprocess
    import sys

    controller, terminal = pty.openpty()
    env = dict(os.environ, COLUMNS="200", TERM="xterm-256color")
    with subprocess.Popen([sys.executable, "-m", "newsgraph", *args], stdout=terminal, stderr=terminal,
                          stdin=subprocess.DEVNULL, env=env) as process:
        os.close(terminal)
        received = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            received += chunk
        process.wait(timeout=60)
    os.close(controller)
    return received


@pytest.mark.parametrize("args", [
    ("export", "articles", "--format", "csv"),
    ("export", "articles"),
    ("compare", "anselm-roth"),
    ("stats",),
    ("compare", f"Anselm{CLEAR}"),  # an error message quoting the query
])
def test_a_real_terminal_receives_no_control_sequence_from_data(store, args):
    received = on_a_terminal(*args, "--store", str(store)).decode("utf-8", "replace")
    assert "\x1b[2J" not in received and "\x1b]0;" not in received and "\x9b" not in received
    assert "\x07" not in received and "\x1bc" not in received
    assert "Tarn" in received or "E420" in received or "E404" in received  # it did print the data


def test_stats_dates_ignore_a_day_without_its_year(tmp_path):
    """`XXXX-07-29` sorts after every year as text; the store's last date is its latest real one."""
    from .builders import dated_store

    path = dated_store(tmp_path / "dated.db", 20)  # 2020-01-01 … 2020-01-20, some undated or year-unknown
    result = json.loads(ng("stats", "--store", str(path), "--json").stdout)
    assert result["dates"] == {"first": "2020-01-01", "last": "2020-01-20"}


def test_analyze_error_lines_show_file_names_as_written(monkeypatch):
    """A failure quoting a file name (ESC, markup, a trailing backslash) is one inert line."""
    import io
    from types import SimpleNamespace

    from newsgraph.cli import render
    from newsgraph.cli.terminal import console

    screen = io.StringIO()
    monkeypatch.setattr(render, "err", console(file=screen))
    reporter = render.RunReporter(quiet=True)
    reporter(SimpleNamespace(errors=[f"inbox/{CLEAR}[/red]{TITLE}notes\\: [E104] Empty input"], settled=0))
    assert screen.getvalue() == "error inbox/[/red]notes\\: [E104] Empty input\n"
