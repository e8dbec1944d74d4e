"""How many inputs a run will meet, counted cheaply beside the run, for a progress bar's total.

A folder's files and a JSONL or CSV file's rows are counted without cleaning or
parsing anything; whatever cannot be counted cheaply (standard input, gzip, a JSON
document, a file over `MAX_COUNT_BYTES`, counting longer than `MAX_SECONDS`) leaves
the total unknown, and progress falls back to counts without a percentage. The count
is an estimate of the items the run settles (articles, failed and skipped inputs):
a CSV cell spanning lines or a whole file refused as too large makes it inexact, and
progress treats it as such.
"""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from collections.abc import Sequence

from newsgraph.ingest.sources import STDIN, expand_paths, format_for

MAX_COUNT_BYTES = 1 << 30
MAX_SECONDS = 10.0


class Unknown(Exception):
    """The total cannot be counted cheaply."""


def count_inputs(paths: Sequence[str], format: str | None = None, *, deadline: float | None = None) -> int | None:
    """Items (articles, failed or skipped inputs) the run over `paths` will settle; None if unknown."""
    deadline = time.monotonic() + MAX_SECONDS if deadline is None else deadline
    total = 0
    try:
        for item in expand_paths(paths):
            if time.monotonic() > deadline:
                raise Unknown
            total += 1 if not isinstance(item, str) else _items_in(item, format, deadline)
    except (Unknown, OSError):
        return None
    return total


def _items_in(path: str, format: str | None, deadline: float) -> int:
    if path == STDIN or path.lower().endswith(".gz") or path.lower().endswith(".json"):
        raise Unknown
    kind = format or format_for(path)
    if kind not in ("jsonl", "csv"):
        return 1
    if os.path.getsize(path) > MAX_COUNT_BYTES:
        raise Unknown
    with open(path, "rb") as handle:
        if kind == "jsonl":
            return sum(1 for line in handle if line.strip() and _in_time(deadline))
        text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
        delimiter = "\t" if path.lower().endswith(".tsv") else ","
        rows = sum(1 for row in csv.reader(text, delimiter=delimiter) if any(row) and _in_time(deadline))
        return max(0, rows - 1)  # the header


def _in_time(deadline: float) -> bool:
    if time.monotonic() > deadline:
        raise Unknown
    return True


class InputCount:
    """`count_inputs` in a background thread, so the run starts at once; `total` is None until known."""

    def __init__(self, paths: Sequence[str], format: str | None = None) -> None:
        self.total: int | None = None
        self._thread = threading.Thread(target=self._count, args=(list(paths), format), daemon=True,
                                        name="newsgraph-count")
        self._thread.start()

    def _count(self, paths: list[str], format: str | None) -> None:
        try:
            self.total = count_inputs(paths, format)
        except Exception:  # noqa: BLE001 — a count is a nicety: never fail a run over it
            self.total = None
