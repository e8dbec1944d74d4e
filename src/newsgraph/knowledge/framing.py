"""The framing lexicon: which label words judge an actor, which verbs hang a label, and
which words say an entity does not exist yet ("the future government", "wants a new
leader"), so that what is said of it labels no actor.

The words are data (`knowledge/data/framing_terms.tsv`), chosen by us, so an analyst's
own judgement words are a line in a table rather than a code change.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import NewsgraphError

FRAMING_PATH = Path(__file__).resolve().parent / "data" / "framing_terms.tsv"
HEADER = ["term", "kind", "polarity"]
KINDS = frozenset({"descriptor", "naming-verb", "partitive", "prospective", "irrealis-verb", "relation"})
POLARITIES = {"negative": -1, "positive": 1, "neutral": 0}


@dataclass(frozen=True, slots=True)
class FramingTerms:
    """Descriptor terms (tuple of words → -1/+1), naming verbs and partitive nouns (lemmas).

    `prospective`: modifiers that make a noun an entity still to come ("future",
    "would-be"); `irrealis_verbs`: verbs whose indefinite object is only wished for or
    sought ("wants a democratic government"), so it is no existing actor; `relations`:
    nouns that name another actor by its tie to the owner ("X's ally"), so no label of X.
    """

    descriptors: dict[tuple[str, ...], int]
    naming_verbs: frozenset[str]
    partitives: frozenset[str] = frozenset()
    longest: int = 1  # words in the longest descriptor phrase
    prospective: frozenset[str] = frozenset()
    irrealis_verbs: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()

    def polarity(self, words: list[str]) -> int:
        """Sum of the polarities of the terms found in `words` (lower-case words or lemmas).

        A phrase term ("democratically elected") is matched before its own words, so
        its words are not counted twice.
        """
        total, i = 0, 0
        longest = self.longest
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                value = self.descriptors.get(tuple(words[i:i + n]))
                if value is not None:
                    total += value
                    i += n
                    break
            else:
                i += 1
        return total


@functools.lru_cache(maxsize=4)
def load_framing_terms(path: str | Path = FRAMING_PATH) -> FramingTerms:
    """Read a framing table; a malformed row is a coded error naming its line."""
    descriptors: dict[tuple[str, ...], int] = {}
    verbs: set[str] = set()
    partitives: set[str] = set()
    lists: dict[str, set[str]] = {"prospective": set(), "irrealis-verb": set(), "relation": set()}
    with open(path, encoding="utf-8") as f:
        lines = [(n, line) for n, line in enumerate(f, start=1) if line.strip() and not line.startswith("#")]
    rows = csv.reader((line for _, line in lines), delimiter="\t")
    header = next(rows, None)
    if header != HEADER:
        raise NewsgraphError("E181", path=path, line=lines[0][0] if lines else 1,
                             reason=f"header must be {', '.join(HEADER)} (got {header})")
    for (n, _), row in zip(lines[1:], rows):
        if len(row) != 3 or row[1] not in KINDS or row[2] not in POLARITIES or not row[0].strip():
            raise NewsgraphError("E181", path=path, line=n, reason=f"bad row {row!r}")
        term, kind, polarity = row
        if kind == "naming-verb":
            verbs.add(term)
        elif kind == "partitive":
            partitives.add(term)
        elif kind in lists:
            lists[kind].add(term)
        else:
            descriptors[tuple(term.lower().split())] = POLARITIES[polarity]
    longest = max((len(k) for k in descriptors), default=1)
    return FramingTerms(descriptors, frozenset(verbs), frozenset(partitives), longest,
                        frozenset(lists["prospective"]), frozenset(lists["irrealis-verb"]),
                        frozenset(lists["relation"]))
