"""Scoring newsgraph against gold files in shared formats, so users can measure it
on their own material: `newsgraph eval actors|quotes|…`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read_jsonl(path: str | Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows of a gold file, the first `limit` lines only when given."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)
