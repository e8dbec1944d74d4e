"""Text keys shared by the analyses: accent-insensitive folding, content words, shingles.

Names are compared folded ("Nicolás" = "Nicolas", case and punctuation ignored) so
a user can type a name as a keyboard allows. Content words drop function words (a
short list of ours in `knowledge/data/stopwords.txt`) so that two articles look alike
for what they are about, not for their grammar.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

STOPWORDS_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "stopwords.txt"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, accents stripped, runs of non-letters as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", plain.casefold()).strip()


def words(text: str) -> list[str]:
    """Folded word tokens (letters only; a possessive 's is dropped)."""
    out = []
    for match in _WORD.finditer(text):
        word = fold(match.group(0).replace("’", "'"))
        word = re.sub(r" s$", "", word)
        out.extend(word.split())
    return out


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_PATH.read_text(encoding="utf-8").split()
    return frozenset(word for word in lines if not word.startswith("#"))


def content_words(text: str) -> list[str]:
    """Words that say what a text is about: no function words, no one- or two-letter words."""
    stop = stopwords()
    return [w for w in words(text) if len(w) > 2 and w not in stop]


def shingles(text: str, k: int = 5) -> set[str]:
    """Overlapping k-word windows of the folded text: near-duplicates share most of them."""
    tokens = words(text)
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}
