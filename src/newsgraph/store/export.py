"""Export a store table as JSONL, CSV or Parquet, streaming.

Rows come from `Store.iter_rows` one at a time and are written as they come
(Parquet in row groups of `batch_size`), so exporting a large store keeps memory
flat. Columns are the table's public columns in `tables.py` order, in every
format.

A file output goes through `output_file`, shared with the HTML report: never the
store itself (or its -wal/-shm/-journal files), also through a symlink or a hard
link; never an existing file unless asked (`force`); never a read-only file, even
with `force` (the read-only bit is its owner's "do not change", which a rename
would silently bypass); written to a temporary name beside it and renamed only
when complete, so a failed export never leaves a half file, and a replaced file
keeps its permissions.

- JSONL: one JSON object per line, UTF-8 (not ASCII-escaped) except the
  controls a terminal would act on (`inert_json`), nested fields as JSON values.
- CSV: a header row; nested fields JSON-encoded in the cell; NULL is empty.
  A CSV file is opened in spreadsheets, which run a cell beginning with `=`,
  `+`, `-` or `@` (or a tab or carriage return) as a formula: an outlet named
  `=HYPERLINK(…)` would act on the reader's machine. Such text cells get a
  leading single quote (OWASP's CSV-injection rule, `neutralise_cell`); a cell
  that is a plain number (`-3.5`, `+2`, `-1e3`) stays a number, and numeric
  columns are never touched. JSONL and Parquet carry every value exactly.
- Parquet: nested fields typed (`removed` is list<struct<text, reason,
  paragraph>>); free-form JSON (`meta`) is an Arrow JSON column.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
import stat
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
    force: bool = False,
) -> int:
    """Write `table` (optionally filtered as in `Store.iter_rows`) to `out`.

    For events, `min_confidence` keeps those the coder was at least that sure of
    (the CLI passes the model's threshold unless told otherwise).

    `out` is a path, a text or binary stream, or None for stdout (JSONL and
    CSV only: Parquet needs a seekable file of its own, so a path). A path is
    never the store's own file, and an existing file is replaced only with
    `force` (`output_file`). Returns the number of rows written.
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
        with output_file(out, store_path=store.path, force=force) as tmp:  # type: ignore[arg-type]
            return _write_parquet(rows, spec, tmp, batch_size)
    if format == "gdelt":
        from .gdelt import store_writer

        write = store_writer(store)
    else:
        write = _write_jsonl if format == "jsonl" else _write_csv
    if is_path:
        with output_file(out, store_path=store.path, force=force) as tmp:  # type: ignore[arg-type]
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


# Files SQLite keeps beside a store while it is open or after a crash: overwriting
# one corrupts the store as surely as overwriting the store.
STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def check_output(
    path: str | os.PathLike[str], *, store_path: str | os.PathLike[str] | None = None, force: bool = False,
) -> Path:
    """The file a write to `path` would change, or a coded refusal (E215-E218).

    A symlink is followed: the file it points to is the one written (the link
    stays). A character device or FIFO (/dev/stdout, a named pipe) is written
    into as a stream: nothing is stored there to lose.
    """
    target = Path(os.path.realpath(path))
    if store_path is not None:
        store_real = os.path.realpath(store_path)
        for suffix in STORE_SUFFIXES:
            if str(target) == store_real + suffix or _same_file(target, store_real + suffix):
                raise StoreError("E215", path=str(path), store=str(store_path))
    try:
        info = target.stat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise StoreError("E213", path=str(path), reason=exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise StoreError("E218", path=str(path), what="a folder")
    if stat.S_ISBLK(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        raise StoreError("E218", path=str(path), what="a block device" if stat.S_ISBLK(info.st_mode) else "a socket")
    if not stat.S_ISREG(info.st_mode):
        return target
    if not force:
        raise StoreError("E216", path=str(path))
    # os.access alone is not enough: for root it grants every write.
    if not os.access(target, os.W_OK) or not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise StoreError("E217", path=str(path))
    return target


def _same_file(target: Path, other: str) -> bool:
    try:
        return os.path.samefile(target, other)
    except OSError:  # either does not exist
        return False


@contextmanager
def output_file(
    path: str | os.PathLike[str], *, store_path: str | os.PathLike[str] | None = None,
    force: bool = False, failure: str = "E213",
) -> Iterator[Path]:
    """A temporary path beside `path`'s file to write to; moved onto it only on success.

    Refusals as in `check_output`. A new file gets the permissions a plain `open`
    would give (the umask applies); a replaced one keeps its own. Without `force`
    the move cannot replace a file that appeared meanwhile (a hard link, which
    fails if the name exists). An OSError while writing or moving is the coded
    error `failure` (with `path` and `reason`); the temporary file never stays.
    """
    target = check_output(path, store_path=store_path, force=force)
    if target.exists() and not target.is_file():  # a device or a pipe: a stream, written in place
        yield target
        return
    existing = target.stat() if target.exists() else None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        yield tmp
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
            os.replace(tmp, target)
        else:
            _move_new(tmp, target, path)
    except StoreError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(failure, path=str(path), reason=exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _move_new(tmp: Path, target: Path, path: str | os.PathLike[str]) -> None:
    """Give `tmp` the name `target`, failing (E216) if that name was taken meanwhile."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise StoreError("E216", path=str(path)) from None
    except OSError:  # a file system without hard links: the check above stands
        os.replace(tmp, target)
        return
    tmp.unlink()


# Characters JSON leaves raw (it escapes only U+0000-U+001F) that a terminal may act
# on (U+009B is a CSI on some) or that reorder what a reader sees (bidi overrides,
# line separators). As \uXXXX escapes a JSON reader gets the same strings back, and
# `export … | head` shows them harmlessly.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def inert_json(text: str) -> str:
    """JSON text with the characters above escaped; the same JSON value."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _json(value: Any) -> str:
    return inert_json(json.dumps(value, ensure_ascii=False))


def _write_jsonl(rows: Iterable[Row], spec: TableSpec, out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(_json(row) + "\n")
        count += 1
    return count


# What a spreadsheet reads as the start of a formula (OWASP: = + - @ tab CR), and,
# as a precaution, the full-width forms some spreadsheets fold to them.
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# A plain decimal number: a spreadsheet reads it as that number, nothing runs.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def neutralise_cell(text: str) -> str:
    """`text` as a spreadsheet may show it but never run: a formula-leading cell gets a `'`."""
    if text[:1] in FORMULA_START and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: Any, nested: bool = False) -> Any:
    """A store value as a CSV cell: NULL empty, nested values as JSON, text neutralised."""
    if value is None:
        return ""
    if nested:
        value = _json(value)
    return neutralise_cell(value) if isinstance(value, str) else value


def _write_csv(rows: Iterable[Row], spec: TableSpec, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(spec.column_names)
    nested = spec.json_columns
    count = 0
    for row in rows:
        writer.writerow(csv_cell(value, name in nested) for name, value in row.items())
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
