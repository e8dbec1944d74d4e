"""Word lists mention finding and resolution consult (data/name_words.txt, data/motion_verbs.txt)."""

from __future__ import annotations

import functools

from .load import DATA_DIR


def _words(file: str) -> frozenset[str]:
    words: set[str] = set()
    with open(DATA_DIR / file, encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                words.update(line.lower().split())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Surnames that are also common words, months or given names: they need a person context."""
    return _words("name_words.txt")


@functools.lru_cache(maxsize=1)
def motion_verbs() -> frozenset[str]:
    """Verbs of going somewhere (lemmas): "travelled to Brussels" names a place, not an actor."""
    return _words("motion_verbs.txt")


def is_common_word(word: str) -> bool:
    """True for "West", "May", "Francis": a capitalised word that is no name by itself."""
    return word.strip().lower() in name_words()
