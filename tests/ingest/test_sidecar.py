"""Metadata sidecars: matching, precedence, malformed files, and their use by the readers."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.ingest.readers import read_raw
from newsgraph.ingest.sidecar import Sidecar, SidecarIndex, load_sidecar, merge_fields
from newsgraph.records import InputError, RawDoc

PAGE = """<html><head><title>Bridge reopens</title>
<link rel="canonical" href="https://news.example.com/bridge">
</head><body><article><h1>Bridge reopens</h1>
<p>The river bridge opened to traffic again on Monday after a month of repairs to its deck.</p>
<p>Drivers had used a ferry and a long detour through the hills while crews worked at night.</p>
</article></body></html>"""


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_exact_name_beats_patterns_and_later_patterns_win() -> None:
    sidecar = Sidecar(
        "metadata.csv",
        (
            ("a.txt", {"date": "2020-01-03"}),
            ("*.txt", {"outlet": "General", "date": "2020-01-01"}),
            ("a*", {"outlet": "Specific"}),
        ),
    )
    assert sidecar.lookup("a.txt") == {"outlet": "Specific", "date": "2020-01-03"}
    assert sidecar.lookup("b.txt") == {"outlet": "General", "date": "2020-01-01"}
    assert sidecar.lookup("b.html") == {}


def test_load_keeps_non_empty_cells(tmp_path: Path) -> None:
    text = "File,outlet,date,topic\n./one.txt,Wire,,ports\n\n*.htm?,Site,2019,\n"
    path = write(tmp_path / "metadata.csv", text)
    sidecar = load_sidecar(path)
    assert isinstance(sidecar, Sidecar)
    assert sidecar.rows == (
        ("one.txt", {"outlet": "Wire", "topic": "ports"}),
        ("*.htm?", {"outlet": "Site", "date": "2019"}),
    )


def test_malformed_sidecar_names_file_and_line(tmp_path: Path) -> None:
    cases = {
        "cells": ("file,outlet\na.txt,Wire\nb.txt,Wire,extra\n", 3, "3 cells"),
        "empty": ("file,outlet\n,Wire\n", 2, "'file' cell is empty"),
        "subdir": ("file,outlet\nsub/a.txt,Wire\n", 2, "own folder"),
        "quote": ('file,outlet\na.txt,"Wire"x\n', 2, "expected after"),
    }
    for name, (text, line, reason) in cases.items():
        path = write(tmp_path / name / "metadata.csv", text)
        problem = load_sidecar(path)
        assert isinstance(problem, InputError), name
        assert (problem.path, problem.line, problem.code) == (path, line, "E117"), name
        assert reason in problem.message, (name, problem.message)


def test_binary_sidecar_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "metadata.csv"
    path.write_bytes(b"file,outlet\n\x00\x01\x02")
    problem = load_sidecar(str(path))
    assert isinstance(problem, InputError) and problem.code == "E117" and "Binary" in problem.message


def test_index_loads_each_folder_once_and_reports_once(tmp_path: Path) -> None:
    write(tmp_path / "metadata.csv", "file,outlet\na.txt\n")
    index = SidecarIndex()
    first = index.columns_for(str(tmp_path / "a.txt"))
    second = index.columns_for(str(tmp_path / "b.txt"))
    assert first[0] == {} and isinstance(first[1], InputError)
    assert second == ({}, None)


def test_merge_precedence() -> None:
    own = {"outlet": "guess.example", "title": "Own", "meta": {"k": 1, "x": 1}, "warnings": ["[W101] w"]}
    side = {"outlet": "Sidecar", "date": "2020", "meta": {"k": 2}}
    common = {"title": "Own", "date": "2020", "warnings": ["[W101] w"]}
    assert merge_fields(own, side, sidecar_wins=True) == {
        **common, "outlet": "Sidecar", "meta": {"k": 2, "x": 1},
    }  # fmt: skip
    assert merge_fields(own, side, sidecar_wins=False) == {
        **common, "outlet": "guess.example", "meta": {"k": 1, "x": 1},
    }  # fmt: skip


def test_readers_apply_sidecar_to_plain_files(tmp_path: Path) -> None:
    rows = "file,source,date,author,topic\n*.txt,Harbour Weekly,,,\nb.txt,,2018-07-09,R. Moss,fishing\n"
    write(tmp_path / "metadata.csv", rows)
    write(tmp_path / "a.txt", "First story.")
    write(tmp_path / "b.txt", "Second story.")
    write(tmp_path / "c.text", "Third story, not matched.")
    a, b, c = read_raw([str(tmp_path)])
    assert a.fields == {"outlet": "Harbour Weekly"}
    assert b.fields == {
        "outlet": "Harbour Weekly", "date": "2018-07-09", "byline": "R. Moss", "meta": {"topic": "fishing"},
    }  # fmt: skip
    assert c.fields == {}


def test_sidecar_applies_to_files_named_one_by_one(tmp_path: Path) -> None:
    write(tmp_path / "metadata.csv", "file,outlet\nnote.txt,Valley Post\n")
    doc = next(read_raw([write(tmp_path / "note.txt", "Words.")]))
    assert doc.fields == {"outlet": "Valley Post"}


def test_sidecar_beats_html_guesses(tmp_path: Path) -> None:
    write(tmp_path / "metadata.csv", "file,outlet\nbridge.html,River Gazette\n")
    doc = next(read_raw([write(tmp_path / "bridge.html", PAGE)]))
    assert isinstance(doc, RawDoc)
    assert doc.fields["outlet"] == "River Gazette"
    assert doc.fields["title"] == "Bridge reopens"  # the page's own, where the sidecar is silent


def test_rows_beat_sidecar_which_fills_gaps(tmp_path: Path) -> None:
    write(tmp_path / "metadata.csv", "file,outlet,bias\nrows.jsonl,Dump Outlet,center\n")
    rows = [{"text": "one", "outlet": "Row Outlet"}, {"text": "two"}]
    path = write(tmp_path / "rows.jsonl", "\n".join(json.dumps(row) for row in rows))
    one, two = read_raw([path])
    assert one.fields == {"outlet": "Row Outlet", "meta": {"bias": "center"}}
    assert two.fields == {"outlet": "Dump Outlet", "meta": {"bias": "center"}}


def test_malformed_sidecar_is_reported_once_and_files_still_read(tmp_path: Path) -> None:
    sidecar = write(tmp_path / "metadata.csv", "file,outlet\na.txt,One,Two\n")
    write(tmp_path / "a.txt", "First.")
    write(tmp_path / "b.txt", "Second.")
    items = list(read_raw([str(tmp_path)]))
    assert [(type(item).__name__, getattr(item, "code", None)) for item in items] == [
        ("InputError", "E117"), ("RawDoc", None), ("RawDoc", None),
    ]  # fmt: skip
    assert (items[0].path, items[0].line) == (sidecar, 2)
    assert items[1].fields == {} and items[2].text == "Second."


def test_sidecar_only_describes_its_own_folder(tmp_path: Path) -> None:
    write(tmp_path / "metadata.csv", "file,outlet\n*.txt,Top\n")
    doc = next(read_raw([write(tmp_path / "sub" / "deep.txt", "Deep.")]))
    assert doc.fields == {}
