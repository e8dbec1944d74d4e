"""The claim lexicon: evaluative words, the proposition (aspect) each bears on, its polarity.

"legitimate" and "rigged" both answer one question — is this rule rightful? — with
opposite answers; that shared question is what lets `analysis.claims` put two
outlets' sentences side by side. The words are data (`data/claims.tsv`, chosen by
us): an analyst adds an aspect or a word with a line, not with code.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from pathlib import Path

from ..errors import NewsgraphError


def fold(text: str) -> str:
    """Lower case, accents stripped, non-letters as spaces: how terms are matched."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", plain.casefold()).strip()


CLAIMS_PATH = Path(__file__).resolve().parent / "data" / "claims.tsv"
HEADER = ["term", "aspect", "polarity", "note"]


@functools.lru_cache(maxsize=4)
def load_claim_terms(path: str | Path = CLAIMS_PATH) -> dict[tuple[str, ...], tuple[str, int]]:
    """Folded word tuple of each term → (aspect, polarity -1 or 1)."""
    terms: dict[tuple[str, ...], tuple[str, int]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, None)
        if header is None or header[: len(HEADER)] != HEADER:
            raise NewsgraphError("E182", path=path, line=1, reason=f"header must be {HEADER}")
        for line, row in enumerate(reader, start=2):
            if not row or not row[0].strip():
                continue
            try:
                polarity = int(row[2])
                if polarity not in (-1, 1) or not row[1].strip():
                    raise ValueError("polarity must be -1 or 1, aspect non-empty")
            except (IndexError, ValueError) as exc:
                raise NewsgraphError("E182", path=path, line=line, reason=exc) from exc
            terms[tuple(fold(row[0]).split())] = (row[1].strip(), polarity)
    return terms
