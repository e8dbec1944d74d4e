"""What the article's own words say about a person's gender, for pronouns.

"she said" goes to the last person the article named — but not to one the text
calls "Mr." or "the congressman". Only words in the mentions themselves count
(an honorific, a gendered role noun: knowledge/data/gendered_words.tsv); a person
the text gives no such word stays open to either pronoun, and one given both kinds
of word is left open too. Names are never guessed from: that needs a name list
that would be wrong for many of the world's names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from newsgraph.knowledge.load import DATA_DIR, read_rows
from newsgraph.records import Mention

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}


@functools.lru_cache(maxsize=1)
def gendered_words() -> dict[str, str]:
    _, rows = read_rows(DATA_DIR / "gendered_words.tsv")
    return {word: gender for _, (word, gender) in rows}


def genders_in(mentions: Iterable[Mention]) -> dict[str, str]:
    """Actor id → "f" or "m" where the article's mentions of that actor say so, and agree."""
    words = gendered_words()
    seen: dict[str, set[str]] = {}
    for m in mentions:
        text = re.findall(r"[a-z]+", m.text.lower())
        # the first word (an honorific) and the head (the last word), never a word inside
        # ("the president's wife" is no woman's mention of the president)
        for word in {*text[:1], *text[-1:], *re.findall(r"[a-z]+", (m.role or "").lower())}:
            gender = words.get(word)
            if gender is not None:
                seen.setdefault(m.actor_id, set()).add(gender)
    return {actor: next(iter(g)) for actor, g in seen.items() if len(g) == 1}
