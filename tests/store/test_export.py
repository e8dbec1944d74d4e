"""Exports: every format round-trips with the exact column order, streams, and fails cleanly."""

from __future__ import annotations

import csv
import importlib
import io
import json
import tracemalloc

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsgraph.errors import StoreError
from newsgraph.store import FORMATS, TABLES, export, open_store

from .fixtures import fixture_store, make_records  # noqa: F401

# `newsgraph.store.export` the attribute is the function; this is the module.
export_module = importlib.import_module("newsgraph.store.export")

ARTICLE_COLUMNS = [
    "article_id", "input_id", "path", "line", "format", "outlet", "url", "title", "byline", "date",
    "date_source", "date_precision", "text", "removed", "captions", "meta", "warnings",
]  # fmt: skip


@pytest.fixture
def store(fixture_store):  # noqa: F811
    with open_store(fixture_store, readonly=True) as st:
        yield st


def test_the_articles_columns_are_in_the_documented_order():
    assert list(TABLES["articles"].column_names) == ARTICLE_COLUMNS


def test_jsonl_round_trips_unescaped_utf8(store, tmp_path):
    out = tmp_path / "articles.jsonl"
    assert export(store, "articles", out=out) == 4
    raw = out.read_bytes().decode("utf-8")
    assert "Zürich" in raw and "“regrettable”" in raw  # not \u-escaped
    rows = [json.loads(line) for line in raw.splitlines()]
    assert all(list(row) == ARTICLE_COLUMNS for row in rows)
    assert rows == list(store.iter_rows("articles"))
    assert rows[0]["removed"][0] == {"text": "Share this story", "reason": "share", "paragraph": 2}
    assert rows[0]["meta"] == {"section": "ports", "tags": ["labour", "shipping"]}


@pytest.mark.parametrize("stream", [io.BytesIO, io.StringIO])
def test_jsonl_and_csv_write_to_a_caller_stream_and_leave_it_open(store, stream):
    for format in ("jsonl", "csv"):
        out = stream()
        assert export(store, "runs", format=format, out=out) == 1
        assert not out.closed
        value = out.getvalue()
        text = value.decode("utf-8") if isinstance(value, bytes) else value
        assert '"command"' in text


def test_jsonl_goes_to_stdout_by_default(store, capsys):
    assert export(store, "input_errors") == 2
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["E105", "E104"]


def test_csv_round_trips_with_a_header_and_json_cells(store, tmp_path):
    out = tmp_path / "articles.csv"
    assert export(store, "articles", format="csv", out=out) == 4
    with open(out, encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == ARTICLE_COLUMNS
    expected = list(store.iter_rows("articles"))
    for row, want in zip(rows, expected, strict=True):
        cells = dict(zip(header, row))
        assert cells["text"] == want["text"]  # newlines inside a cell survive
        assert json.loads(cells["removed"]) == want["removed"]
        assert json.loads(cells["meta"]) == want["meta"]
        assert cells["line"] == ("" if want["line"] is None else str(want["line"]))
        assert cells["date"] == (want["date"] or "")


def test_parquet_round_trips_with_typed_nested_columns(store, tmp_path):
    out = tmp_path / "articles.parquet"
    assert export(store, "articles", format="parquet", out=out) == 4
    table = pq.read_table(out)
    assert table.column_names == ARTICLE_COLUMNS
    removed = pa.list_(pa.struct([("text", pa.string()), ("reason", pa.string()), ("paragraph", pa.int64())]))
    assert table.schema.field("removed").type == removed
    assert table.schema.field("captions").type == pa.list_(pa.string())
    assert table.schema.field("line").type == pa.int64()
    rows = table.to_pylist()
    for row, want in zip(rows, store.iter_rows("articles"), strict=True):
        row["meta"] = json.loads(row["meta"])  # free-form JSON travels as JSON text
        assert row == want
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_exports_in_every_format(store, tmp_path, table, format):
    out = tmp_path / f"{table}.{format}"
    assert export(store, table, format=format, out=out) == store.count(table)
    if format == "parquet":
        assert pq.read_table(out).column_names == list(TABLES[table].column_names)
    elif format == "csv":
        assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(TABLES[table].column_names)


def test_parquet_is_written_in_row_groups_of_the_batch_size(store, tmp_path):
    out = tmp_path / "sentences.parquet"
    assert export(store, "sentences", format="parquet", out=out, batch_size=4) == 9
    assert pq.ParquetFile(out).metadata.num_row_groups == 3


def test_export_can_be_filtered(store, tmp_path):
    out = tmp_path / "a.jsonl"
    assert export(store, "articles", out=out, where={"outlet": "dailyledger"}) == 1


def test_parquet_needs_a_path(store):
    for out in (None, io.BytesIO()):
        with pytest.raises(StoreError) as info:
            export(store, "articles", format="parquet", out=out)
        assert info.value.code == "E205"


def test_unknown_formats_and_tables_are_refused(store, tmp_path):
    with pytest.raises(StoreError) as info:
        export(store, "articles", format="xlsx", out=tmp_path / "a.xlsx")
    assert info.value.code == "E204"
    with pytest.raises(StoreError) as info:
        export(store, "nonsense", out=tmp_path / "a.jsonl")
    assert info.value.code == "E203"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_previous_file_and_no_temporary(store, tmp_path, monkeypatch):
    out = tmp_path / "articles.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    calls = []

    def failing_json(value):
        calls.append(value)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return json.dumps(value)

    monkeypatch.setattr(export_module, "_json", failing_json)
    with pytest.raises(RuntimeError):
        export(store, "articles", out=out, force=True)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert list(tmp_path.iterdir()) == [out]


def test_an_unwritable_destination_is_reported(store, tmp_path):
    with pytest.raises(StoreError) as info:
        export(store, "articles", out=tmp_path / "no" / "such" / "dir.jsonl")
    assert info.value.code == "E213"


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.db"
    with open_store(path) as st:
        for start in range(0, 1000, 500):
            st.write_batch(make_records(start, 500, 20))
    return path


@pytest.mark.parametrize("format", ["jsonl", "parquet"])
def test_export_memory_stays_flat_on_a_larger_store(big_store, tmp_path, format):
    out = tmp_path / f"sentences.{format}"
    with open_store(big_store, readonly=True) as st:
        tracemalloc.start()
        try:
            written = export(st, "sentences", format=format, out=out, batch_size=500)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert written == 20_000
    # Holding 20,000 row dicts at once would take over 10 MB of Python objects.
    assert out.stat().st_size > 0 and peak < 1_500_000
