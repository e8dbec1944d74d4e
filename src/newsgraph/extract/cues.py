"""The quote-cue lexicon: which words attribute speech, and where their speaker sits.

The words are data (`knowledge/data/cues.tsv`), so a newsroom's own verbs ("fumed",
"quipped") are a line in a table, not a code change. Verbs are matched by lemma,
fixed phrases ("according to") by their lower-case words, documents ("the statement
said") stand for whoever issued them.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import NewsgraphError

CUES_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "cues.tsv"
KINDS = frozenset({"verb", "phrase", "document"})
SPEAKERS = frozenset({"subject", "object", "pobj", "owner"})


@dataclass(frozen=True, slots=True)
class Cues:
    """Speech verbs (lemma → speaker slot), phrases (words → slot), document nouns."""

    verbs: dict[str, str]
    phrases: dict[tuple[str, ...], str]
    documents: frozenset[str]


@functools.lru_cache(maxsize=4)
def load_cues(path: str | Path = CUES_PATH) -> Cues:
    """Read a cue table; a malformed row is a coded error naming its line."""
    verbs: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    documents: set[str] = set()
    with open(path, encoding="utf-8") as f:
        rows = csv.reader((line for line in f if line.strip() and not line.startswith("#")), delimiter="\t")
        header = next(rows, None)
        if header != ["cue", "kind", "speaker"]:
            raise NewsgraphError("E180", path=path, line=1, reason=f"header must be cue, kind, speaker (got {header})")
        for n, row in enumerate(rows, start=2):  # data rows, counted after the header
            if len(row) != 3 or row[1] not in KINDS or row[2] not in SPEAKERS:
                raise NewsgraphError("E180", path=path, line=n, reason=f"bad row {row!r}")
            cue, kind, speaker = row
            if kind == "verb":
                verbs[cue] = speaker
            elif kind == "phrase":
                phrases[tuple(cue.split())] = speaker
            else:
                documents.add(cue)
    return Cues(verbs, phrases, frozenset(documents))
