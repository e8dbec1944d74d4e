"""What a user can say about their inputs, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.ingest.sources import MAX_BYTES as DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Options for turning inputs into articles.

    `outlet` and `date` are the user's word for every plain input of the run (the
    `--outlet`/`--date` flags); a `metadata.csv` sidecar says it per file instead.
    `window` is how many inputs are read ahead to learn lines an outlet repeats
    across its articles (its boilerplate) before those inputs are cleaned.
    """

    format: str | None = None
    outlet: str | None = None
    date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    window: int = 500
