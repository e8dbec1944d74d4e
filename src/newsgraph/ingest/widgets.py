"""Inline widgets: interface text scraped into the middle of a sentence.

Some sites hang a pop-up card on a person's name: the page shows "President Trump
on Sunday said", but its text holds the card too — the person's full name, its last
word glued to the first of several teaser headlines, and a "MORE" link:

    President Trump Donald John TrumpTrump faces high stakes … MORE on Sunday said

Left in, the card puts headlines inside a sentence and makes actors out of debris
("Trump Trump"). The card is recognised by its shape alone, never by a name list:
the surname said twice around a full name — "<name as said> <full name>" — then a
MORE within a short reach. The full name must either be glued to the teaser that
follows it ("TrumpTrump faces") or begin with the first name the sentence used
("Paul Ryan Paul Davis Ryan Retirees …"); the display name itself may be glued to the
card ("Jason CrowJason CrowHouse …"). Removing the full name, the teasers and the
MORE leaves the sentence as printed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_FULL_NAME = 5  # words of a full name before its surname ("Addison (Mitch) Mitchell")
MAX_CARD = 700  # characters from the card's surname to its MORE
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_MORE = re.compile(r"\s*\bMORE(?![\w])")
# A word of a name: Capitalised, an initial ("J."), or a nickname in brackets.
_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w'’\-]*\.?|\([A-Z][\w'’.\- ]*\)|\"[A-Z][\w'’.\-]*\""
    r"|de|da|di|du|del|della|der|den|van|von|la|le|al|el|bin|ibn|ben|y)$"
)
# Inside one whitespace token, two lower-case letters followed by a capital, a digit or
# a quote: where one scraped element ends and the next, glued on, begins. Two, so that
# the capital inside McConnell, DeSantis or LaHood is not taken for a seam.
_GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z0-9'‘“\"])")
_TOKEN = re.compile(r"\S+")


class _Word(NamedTuple):
    text: str
    start: int
    glued_to_next: bool  # the next word followed without a space


def strip_name_cards(line: str) -> tuple[str, list[str]]:
    """`line` without its name cards, and the cards removed (in order)."""
    if "MORE" not in line:
        return line, []
    removed: list[str] = []
    while card := _find_card(line):
        start, end = card
        removed.append(line[start:end].strip())
        line = line[:start].rstrip() + line[end:]  # "...Trump" + " on Sunday" / "’s" / ", one"
    return line, removed


def _words(line: str) -> list[_Word]:
    """Whitespace tokens, each split where a glued element begins."""
    words: list[_Word] = []
    for token in _TOKEN.finditer(line):
        cuts = [0, *(g.start() for g in _GLUE.finditer(token.group())), len(token.group())]
        for a, b in zip(cuts, cuts[1:]):
            words.append(_Word(token.group()[a:b], token.start() + a, b < len(token.group())))
    return words


def _find_card(line: str) -> tuple[int, int] | None:
    """(start, end) of the first card: from its full name through its MORE."""
    words = _words(line)
    for j, surname in enumerate(words):
        if not surname.text[:1].isupper() or len(surname.text) < 2 or not _NAME_WORD.match(surname.text):
            continue
        first = _full_name_start(words, j)
        if first is None:
            continue
        end = surname.start + len(surname.text)
        if not (surname.glued_to_next or words[first].text == _display_first_name(words, first)):
            continue
        more = _MORE.search(line, end, end + MAX_CARD)
        if more:
            return words[first].start, more.end()
    return None


def _full_name_start(words: list[_Word], j: int) -> int | None:
    """Index of the first word of a full name ending in words[j] when the words before
    it end with the same surname (the name as the sentence says it), else None."""
    surname = words[j].text
    for back in range(1, MAX_FULL_NAME + 1):
        at = j - back
        if at < 1:
            return None
        word = words[at].text
        if back > 1 and (word == surname or word in _SUFFIXES and words[at - 1].text == surname):
            return at + 1
        if not _NAME_WORD.match(word):
            return None
    return None


def _display_first_name(words: list[_Word], first: int) -> str | None:
    """The first name of the name as said, just before the full name at `first`."""
    at = first - 1
    if words[at].text in _SUFFIXES:
        at -= 1
    return words[at - 1].text if at >= 1 else None
