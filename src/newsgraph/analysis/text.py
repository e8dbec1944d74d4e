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


# Combining marks (accents) left by NFKD decomposition: the blocks Latin, Greek and
# Cyrillic text use. A regex removes them far faster than a test per character.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def words(text: str) -> list[str]:
    """Folded word tokens (letters only; a possessive 's is dropped).

    The text is folded once, then split: folding word by word cost most of the time
    of grouping a store's articles into stories.
    """
    plain = _MARKS.sub("", unicodedata.normalize("NFKD", text.replace("’", "'"))).casefold()
    out = []
    for token in _WORD.findall(plain):
        if token.endswith("'s"):
            token = token[:-2]
        out.extend(token.split("'") if "'" in token else (token,))
    return out


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_PATH.read_text(encoding="utf-8").split()
    return frozenset(word for word in lines if not word.startswith("#"))


def content_words(text: str | list[str]) -> list[str]:
    """Words that say what a text is about: no function words, no one- or two-letter words.

    Takes a text, or its `words` already split (so a caller that also needs
    shingles splits once).
    """
    stop = stopwords()
    tokens = words(text) if isinstance(text, str) else text
    return [w for w in tokens if len(w) > 2 and w not in stop]


def shingles(text: str | list[str], k: int = 5) -> set[str]:
    """Overlapping k-word windows of the folded text: near-duplicates share most of them."""
    tokens = words(text) if isinstance(text, str) else text
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}
