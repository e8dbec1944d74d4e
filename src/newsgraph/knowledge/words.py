"""Word lists the resolver consults: surnames that are also ordinary words (data/name_words.txt)."""

from __future__ import annotations

import functools

from .load import DATA_DIR


@functools.lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Surnames that are also common words, months or given names: they need a person context."""
    words: set[str] = set()
    with open(DATA_DIR / "name_words.txt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                words.update(line.lower().split())
    return frozenset(words)


def is_common_word(word: str) -> bool:
    """True for "West", "May", "Francis": a capitalised word that is no name by itself."""
    return word.strip().lower() in name_words()
