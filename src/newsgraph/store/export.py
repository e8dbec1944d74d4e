"""Export a store table as JSONL, CSV or Parquet, streaming.

Rows come from `Store.iter_rows` one at a time and are written as they come
(Parquet in row groups of `batch_size`), so exporting a large store keeps memory
flat. Columns are the table's public columns in `tables.py` order, in every
format. A file output is written to a temporary name beside it and renamed when
complete: an interrupted export never leaves a truncated file under the real
name.

- JSONL: one JSON object per line, UTF-8 (not ASCII-escaped), nested fields as
  JSON values.
- CSV: a header row; nested fields JSON-encoded in the cell; NULL is empty.
- Parquet: nested fields typed (`removed` is list<struct<text, reason,
  paragraph>>); free-form JSON (`meta`) is an Arrow JSON column.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, TextIO

from ..errors import StoreError
from .sqlite import Store
from .tables import TableSpec, get_table

FORMATS = ("jsonl", "csv", "parquet")
# Rows per Parquet row group: big enough to compress well, small enough to hold.
BATCH_ROWS = 2000

# Formats that hold one table only: GDELT's Event file is a row per event.
TABLE_FORMATS = {"gdelt": "events"}

Output = str | os.PathLike[str] | IO[str] | IO[bytes] | None
Row = dict[str, Any]


def export(
    store: Store,
    table: str,
    *,
    format: str = "jsonl",
    out: Output = None,
    where: Mapping[str, Any] | None = None,
    batch_size: int = BATCH_ROWS,
    min_confidence: float | None = None,
) -> int:
    """Write `table` (optionally filtered as in `Store.iter_rows`) to `out`.

    For events, `min_confidence` keeps those the coder was at least that sure of
    (the CLI passes the model's threshold unless told otherwise).

    `out` is a path, a text or binary stream, or None for stdout (JSONL and
    CSV only: Parquet needs a seekable file of its own, so a path). Returns the
    number of rows written.
    """
    spec = get_table(table)
    if format not in FORMATS and format not in TABLE_FORMATS:
        raise StoreError("E204", format=format, known=", ".join((*FORMATS, *TABLE_FORMATS)))
    if TABLE_FORMATS.get(format, table) != table:
        raise StoreError("E214", format=format, only=TABLE_FORMATS[format], table=table)
    is_path = isinstance(out, (str, os.PathLike))
    if format == "parquet" and not is_path:
        raise StoreError("E205")
    rows = store.iter_rows(table, where=where, min_confidence=min_confidence)
    if format == "parquet":
        with _atomic(Path(out)) as tmp:  # type: ignore[arg-type]
            return _write_parquet(rows, spec, tmp, batch_size)
    if format == "gdelt":
        from .gdelt import store_writer

        write = store_writer(store)
    else:
        write = _write_jsonl if format == "jsonl" else _write_csv
    if is_path:
        with _atomic(Path(out)) as tmp:  # type: ignore[arg-type]
            # newline="": csv writes its own \r\n; JSONL lines end in \n alone.
            with open(tmp, "w", encoding="utf-8", newline="") as stream:
                return write(rows, spec, stream)
    return _write_stream(write, rows, spec, sys.stdout if out is None else out)


def _write_stream(
    write: Callable[[Iterable[Row], TableSpec, TextIO], int],
    rows: Iterable[Row],
    spec: TableSpec,
    out: IO[Any],
) -> int:
    """Write to a caller's stream: text as is, binary through a UTF-8 wrapper."""
    if isinstance(out, io.TextIOBase) or not _is_binary(out):
        count = write(rows, spec, out)  # type: ignore[arg-type]
        out.flush()
        return count
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
    try:
        count = write(rows, spec, wrapper)
        wrapper.flush()
    finally:
        wrapper.detach()  # the caller owns the stream: leave it open
    return count


def _is_binary(out: IO[Any]) -> bool:
    return isinstance(out, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(out, "mode", "")


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it only on success."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError("E213", path=str(path), reason=exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_jsonl(rows: Iterable[Row], spec: TableSpec, out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(_json(row) + "\n")
        count += 1
    return count


def _write_csv(rows: Iterable[Row], spec: TableSpec, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(spec.column_names)
    nested = spec.json_columns
    count = 0
    for row in rows:
        writer.writerow(
            "" if value is None else _json(value) if name in nested else value
            for name, value in row.items()
        )
        count += 1
    return count


def arrow_schema(spec: TableSpec) -> Any:
    """The table's Arrow schema: the Parquet file's columns, in export order."""
    import pyarrow as pa

    free_json = pa.json_() if hasattr(pa, "json_") else pa.string()
    fields = []
    for column in spec.columns:
        if column.kind == "int":
            kind = pa.int64()
        elif column.kind == "real":
            kind = pa.float64()
        elif column.kind == "text":
            kind = pa.string()
        elif column.arrow is not None:
            kind = column.arrow(pa)
        else:
            kind = free_json
        fields.append(pa.field(column.name, kind))
    return pa.schema(fields)


def _write_parquet(rows: Iterable[Row], spec: TableSpec, path: Path, batch_size: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(spec)
    # Free-form JSON columns go to Arrow as JSON text; typed ones as values.
    as_text = [c.name for c in spec.columns if c.kind == "json" and c.arrow is None]
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[Row] = []
        for row in rows:
            for name in as_text:
                if row[name] is not None:
                    row[name] = _json(row[name])
            batch.append(row)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
