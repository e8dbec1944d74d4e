"""Headlines: the article's title, from metadata or from a first line shaped like one.

Some texts begin with their headline, some straight with the lede. A headline is
short and does not end like a sentence: it may end in "?" or "!" or a closing quote,
but a period (other than one closing an abbreviation, "U.S.") marks a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.ingest.byline import parse_byline

MAX_HEADLINE_WORDS = 25

_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Dr|St|Mr|Mrs|Ms|Inc|Co|Corp|Ltd|Gov|Sen|Rep|vs)\.$")
_CLOSING_QUOTES = "\"”’'»"
_KEY = re.compile(r"[\W_]+")
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})


def is_headline(line: str) -> bool:
    """True when `line` is shaped like a headline (see the module docstring)."""
    words = line.split()
    if not 3 <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    if _names_only(line):
        return False  # a name (or names) alone is a byline, not a headline
    first = line.lstrip("\"“‘'([")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    end = line.rstrip()
    if end.endswith("..."):
        return False
    while end and end[-1] in _CLOSING_QUOTES:
        end = end[:-1].rstrip()
        if end.endswith((".", ",")):
            return False  # a quoted sentence: “... ,” he said / “... .”
    if end.endswith((",", ";", ":")):
        return False
    if end.endswith(".") and not _ABBREVIATION_END.search(end):
        return False
    return True


def _names_only(line: str) -> bool:
    """True when `line` reads as a list of people's names. One "name" of four
    capitalised words or more is a Title Case headline ("Senate Passes Tax Bill"),
    not a person: names that long are rare, headlines that short and bare are not."""
    byline = parse_byline("By " + line)
    if not byline:
        return False
    return len(byline.authors) > 1 or sum(w[:1].isupper() for w in byline.authors[0].split() if w.rstrip(".") not in _SUFFIXES) <= 3


def title_key(text: str) -> str:
    """A comparison key: case, punctuation and spacing do not tell titles apart."""
    return _KEY.sub(" ", text.casefold()).strip()


def same_title(line: str, title: str) -> bool:
    """True when a body line repeats the title, allowing a truncated metadata title
    (one key a prefix of the other, covering most of the longer)."""
    a, b = title_key(line), title_key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(short) >= 0.6 * len(long_) and len(short.split()) >= 3


def choose_title(lines: Sequence[str], metadata_title: str | None) -> tuple[str | None, str | None, int | None]:
    """(title, source, index of the body line that is the title or repeats it).

    With a metadata title, the first of the first three lines that repeats it is
    dropped (source "metadata"); otherwise the first line becomes the title when it
    is shaped like a headline and more text follows (source "text").
    """
    if metadata_title and metadata_title.strip():
        title = " ".join(metadata_title.split())
        for index, line in enumerate(lines[:3]):
            if same_title(line, title):
                return title, "metadata", index
        return title, "metadata", None
    if len(lines) >= 2 and is_headline(lines[0]):
        return lines[0], "text", 0
    return None, None, None
