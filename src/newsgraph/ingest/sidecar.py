"""Metadata sidecars: a `metadata.csv` that describes the files beside it.

Plain text files carry no outlet, date or title; a user who knows them writes one
CSV per folder instead of editing every file:

    file,outlet,date,topic
    *.txt,Coastal Tribune,,
    storm.txt,,2021-03-04,weather

`file` is a name in the same folder or a glob pattern (`*`, `?`, `[...]`) matched
against names in that folder; the other columns become fields (outlet, date, title,
url, byline, id and their usual aliases, as for JSONL/CSV rows), and unknown columns
go to `meta`. A CSV named `metadata.csv` with a `file` column and no `text` column is
a sidecar; with a `text` column it is an ordinary article CSV.

Precedence, from strongest:
1. Within a sidecar, a row naming the file exactly beats pattern rows; among
   pattern rows the later one wins (general rules first, exceptions after, as in
   .gitignore). Empty cells never override anything.
2. For one-article files (txt, html) the sidecar beats what the reader extracted:
   HTML metadata is a guess (a hostname standing in for the outlet, a date found in
   the page), the sidecar is what the user wrote down about this very file.
3. For row files (jsonl, json, csv) the row beats the sidecar: a row's columns are
   per-article data written on purpose; the sidecar only fills the gaps (say, the
   outlet of a whole dump).
`meta` merges key by key with the same precedence; warnings are never overridden.

A malformed sidecar yields one E117 naming it and the line, and is then ignored
whole: applying half of it would attach metadata the user did not mean.
"""

from __future__ import annotations

import csv
import fnmatch
import os
import re
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import InputFailure
from newsgraph.ingest.sources import (
    MAX_BYTES,
    SIDECAR_NAME,
    decode_bytes,
    error,
    is_sidecar,
    open_input,
    read_document,
)
from newsgraph.records import InputError

_PATTERN = re.compile(r"[*?\[]")


@dataclass(frozen=True, slots=True)
class Sidecar:
    """A parsed sidecar: (file name or pattern, its non-empty columns) per row."""

    path: str
    rows: tuple[tuple[str, dict[str, str]], ...]

    def lookup(self, name: str) -> dict[str, str]:
        """The columns that apply to the file `name` (a bare file name)."""
        merged: dict[str, str] = {}
        exact = [cols for pattern, cols in self.rows if pattern == name]
        for pattern, cols in self.rows:
            if _PATTERN.search(pattern) and fnmatch.fnmatchcase(name, pattern):
                merged.update(cols)
        for cols in exact:
            merged.update(cols)
        return merged


def load_sidecar(path: str, *, max_bytes: int = MAX_BYTES) -> Sidecar | InputError:
    """Parse a sidecar file, or return the one E117 error that explains why not."""
    try:
        with open_input(path) as opened:
            text, _ = decode_bytes(read_document(opened, max_bytes=max_bytes))
    except InputFailure as failure:
        return error(path, None, "E117", reason=failure.message)
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[tuple[str, dict[str, str]]] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                continue
            line = reader.line_num
            if len(cells) != len(header):
                reason = f"{len(cells)} cells, the header has {len(header)}"
                return error(path, line, "E117", reason=reason)
            columns = {key: value for key, value in zip(header, cells) if value.strip()}
            name = columns.pop(_file_key(header), "").strip().removeprefix("./")
            if not name:
                return error(path, line, "E117", reason="the 'file' cell is empty")
            if "/" in name or os.sep in name:
                reason = f"{name!r} is not a name in the sidecar's own folder"
                return error(path, line, "E117", reason=reason)
            rows.append((name, columns))
    except csv.Error as exc:
        return error(path, reader.line_num, "E117", reason=str(exc))
    return Sidecar(path, tuple(rows))


def _file_key(header: list[str]) -> str:
    return next(key for key in header if key.lower() == "file")


class SidecarIndex:
    """Finds, loads and caches the sidecar of each folder, once per read."""

    def __init__(self, *, max_bytes: int = MAX_BYTES) -> None:
        self._max_bytes = max_bytes
        self._by_folder: dict[str, Sidecar | None] = {}

    def columns_for(self, path: str) -> tuple[dict[str, str], InputError | None]:
        """Sidecar columns for a file, and the sidecar's error the first time it is met."""
        folder = os.path.dirname(path) or "."
        problem = None
        if folder not in self._by_folder:
            candidate = os.path.join(folder, SIDECAR_NAME)
            found: Sidecar | InputError | None = None
            if is_sidecar(candidate):
                found = load_sidecar(candidate, max_bytes=self._max_bytes)
            if isinstance(found, InputError):
                problem, found = found, None
            self._by_folder[folder] = found
        sidecar = self._by_folder[folder]
        return (sidecar.lookup(os.path.basename(path)) if sidecar else {}), problem


def merge_fields(
    own: dict[str, Any], sidecar: dict[str, Any], *, sidecar_wins: bool
) -> dict[str, Any]:
    """Merge mapped sidecar fields into a document's fields (precedence: module doc)."""
    strong, weak = (sidecar, own) if sidecar_wins else (own, sidecar)
    merged = {**weak, **strong}
    meta = {**weak.get("meta", {}), **strong.get("meta", {})}
    if meta:
        merged["meta"] = meta
    warnings = [*own.get("warnings", ()), *sidecar.get("warnings", ())]
    if warnings:
        merged["warnings"] = warnings
    return merged
