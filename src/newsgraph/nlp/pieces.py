"""Cut a long text into pieces that spaCy parses one at a time.

spaCy refuses a text longer than `nlp.max_length` (E088, one million characters) because
the parser's working memory grows with the text, so a 5 MB article used to be lost
whole. Such a text is cut at paragraph breaks (else line breaks, else after a
sentence's final punctuation, else at a space), and each piece is parsed on its own;
`pipeline.pieces` extracts each piece's records and shifts their offsets into the whole
text. Pieces are not joined into one Doc: several extractors compare every verb with
every place in the document, so their cost grows with the square of its length (a
1.2 MB text joined whole was still extracting after 12 minutes, at 4 GB).

Texts up to `PIECE_CHARS` (all ordinary articles) are parsed whole, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Doc

# A piece's size: a long news feature (≈ 10,000 words), far under spaCy's max_length;
# extracting one took 17 s here (three times as much text took 71 s, not 51).
PIECE_CHARS = 60_000

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")


def piece_limit(nlp) -> int:
    """The longest piece parsed at once: PIECE_CHARS, or less under a lowered max_length."""
    return max(1, min(PIECE_CHARS, int(getattr(nlp, "max_length", PIECE_CHARS)) // 2))


def cut_points(text: str, limit: int) -> list[int]:
    """Offsets where `text` is cut so that no piece is longer than `limit` characters.

    Returns [0, c1, …, len(text)]; piece i is text[b[i]:b[i + 1]], so the pieces
    concatenate to the text exactly. A cut is searched in the second half of each
    window, so every piece but the last holds at least half the limit.
    """
    bounds = [0]
    start = 0
    while len(text) - start > limit:
        cut = _best_cut(text, start + max(1, limit // 2), start + limit)
        bounds.append(cut)
        start = cut
    bounds.append(len(text))
    return bounds


def _best_cut(text: str, low: int, high: int) -> int:
    """The last natural boundary in text[low:high], most natural kind first."""
    for mark in ("\n\n", "\n"):
        at = text.rfind(mark, low, high)
        if at >= 0:
            return at + len(mark)
    last = None
    for last in _SENTENCE_END.finditer(text, low, high):
        pass
    if last is not None:
        return last.end()
    at = text.rfind(" ", low, high)
    return at + 1 if at >= 0 else high


def parse_pieces(nlp, text: str) -> Iterator[tuple[int, Doc]]:
    """Each piece of `text` as (offset of the piece in the text, Doc of the piece), parsed
    lazily two at a time, so a long text never holds more than a few pieces' parses."""
    cuts = cut_points(text, piece_limit(nlp))
    docs = nlp.pipe((text[a:b] for a, b in pairwise(cuts)), batch_size=2)
    yield from zip(cuts, docs)


def is_long(nlp, text: str) -> bool:
    """True when `text` is parsed in pieces rather than whole."""
    return len(text) > piece_limit(nlp)
