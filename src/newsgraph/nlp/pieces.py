"""Parse texts of any length: a long text is parsed in pieces and joined back into one Doc.

spaCy refuses a text longer than `nlp.max_length` (E088, one million characters) because
the parser's and tagger's working memory grows with the text, so a 5 MB article used to
be lost whole. Here such a text is cut at paragraph breaks (else line breaks, else after
a sentence's final punctuation, else at a space), each piece is parsed on its own, and the
pieces are joined with `Doc.from_docs` into a single Doc whose text is exactly the
article's. Every extractor then runs on that Doc unchanged, so every character offset
(sentences, mentions, quotes, events, labels) is into the whole article, and an actor
named in the first piece still links to its later mentions.

Texts up to `PIECE_CHARS` (all ordinary articles) are parsed exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from spacy.tokens import Doc

# A piece's size: a long news feature (≈ 10,000 words), far under spaCy's max_length,
# and small enough that parsing a batch of them keeps memory to a few hundred MB.
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


def parse(nlp, texts: Iterable[str], *, batch_size: int = 25) -> Iterator[Doc]:
    """`nlp.pipe` for texts of any length: one Doc per text, in order, each with the text's exact characters."""
    texts = list(texts)
    limit = piece_limit(nlp)
    bounds = [cut_points(text, limit) for text in texts]
    pieces = (text[a:b] for text, cuts in zip(texts, bounds) for a, b in pairwise(cuts))
    docs = nlp.pipe(pieces, batch_size=batch_size)
    for text, cuts in zip(texts, bounds):
        parts = [next(docs) for _ in range(len(cuts) - 1)]
        yield parts[0] if len(parts) == 1 else join(parts, text)


def parse_one(nlp, text: str) -> Doc:
    """`nlp(text)` for a text of any length."""
    return next(parse(nlp, [text], batch_size=1))


def join(parts: list[Doc], text: str) -> Doc:
    """One Doc from consecutive pieces of `text`; token, sentence and entity offsets shift to the whole.

    No whitespace is added between pieces (each cut already lies after whitespace or
    inside the text's own characters), so the joined text is the original; a mismatch
    would shift every later offset, so it is an error rather than a silent drift.
    """
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    if doc.text != text:
        raise ValueError("the parsed pieces do not rejoin into the article text")
    return doc
