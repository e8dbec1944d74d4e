"""Unicode and whitespace normalisation, paragraphs, and the article id.

Scraped text carries non-breaking and typographic spaces, zero-width marks, soft
hyphens and mixed line ends; none of these change meaning, but they break
tokenisers, string matching and hashing. We fold them away here, once, and keep
everything that does carry meaning: curly quotes, dashes and apostrophes stay as
written (NFKC would turn them into ASCII look-alikes and lose the distinction
between a hyphen and a dash), so we use NFC only.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata

# Spaces of every width become one plain space; odd line separators a newline.
_ODD_SPACES = "\t\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ODD_BREAKS = "\u0085\u2028\u2029"
_REPLACEMENTS: dict[str, str] = {c: " " for c in _ODD_SPACES} | {c: "\n" for c in _ODD_BREAKS}

_SPACE_RUN = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")


@functools.cache
def _invisible() -> frozenset[str]:
    """Every format control (category Cf: zero-width marks, soft hyphen, BOM, bidi
    marks, tag characters) and control character (Cc) but the ones mapped above and
    "\n". Built once, from the planes where such characters exist."""
    ranges = itertools.chain(range(0x20000), range(0xE0000, 0xE1000))
    return frozenset(
        chr(cp) for cp in ranges
        if unicodedata.category(chr(cp)) in ("Cf", "Cc") and chr(cp) not in _REPLACEMENTS and cp != 0x0A
    )


def normalize_text(text: str) -> str:
    """Text in one canonical form: NFC, plain spaces, LF line ends, stripped lines.

    Blank lines are kept (collapsed to one) so paragraph layout survives; quote
    marks, dashes and apostrophes are left exactly as they were.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    present = set(text)  # translate only what occurs: a full table is slow on long texts
    table: dict[int, str | None] = {ord(c): _REPLACEMENTS[c] for c in present.intersection(_REPLACEMENTS)}
    table.update((ord(c), None) for c in present.intersection(_invisible()))
    if table:
        text = text.translate(table)
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of `text`.

    Real inputs come both with blank lines between paragraphs and with one paragraph
    per line; treating every non-empty line as a paragraph reads both the same way.
    Pass normalised text (lines are stripped here either way).
    """
    return [line.strip() for line in text.split("\n") if line.strip()]


def article_id(text: str) -> str:
    """First 16 hex digits of the SHA-256 of the normalised raw text.

    Computed before boilerplate removal, so an improved cleaning rule never changes
    an id and re-ingesting the same input is always a no-op. Paragraphs are joined
    with a blank line, so the same article with single or double line breaks gets
    the same id.
    """
    canonical = "\n\n".join(paragraphs(normalize_text(text)))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
