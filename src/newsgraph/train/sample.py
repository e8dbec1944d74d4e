"""Draw sentences from the AllSides corpus for labelling, reproducibly.

Half the articles are international news (the filter of the events issue: at least two
of a fixed list of state, bloc and diplomacy words), half are drawn from everything
else, so US domestic politics is in the sample too. From each article a few sentences
that name at least one actor are drawn; the sentence's place is kept as offsets into
the corpus row's raw `text`, which never changes, so labels can be stored as
references and the text rebuilt from ../shared.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

INTERNATIONAL_WORDS = ("Russia", "China", "Iran", "Venezuela", "Ukraine", "Israel", "Syria", "North Korea",
                       "NATO", "United Nations", "sanctions", "minister", "embassy")


def is_international(text: str) -> bool:
    """The events issue's filter: at least two of the words above appear."""
    return sum(1 for w in INTERNATIONAL_WORDS if w in text) >= 2


def corpus_rows(corpus: Path) -> Iterator[dict]:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def draw_articles(corpus: Path, n: int, seed: int, *, exclude: set[str] = frozenset(),
                  international_share: float = 0.5) -> list[dict]:
    """n corpus rows: `international_share` of them international, the rest from the rest."""
    rows = [r for r in corpus_rows(corpus) if r.get("id") not in exclude and len(r.get("text") or "") > 400]
    rng = random.Random(seed)
    intl = [r for r in rows if is_international(r["text"])]
    other = [r for r in rows if not is_international(r["text"])]
    k = round(n * international_share)
    return rng.sample(intl, min(k, len(intl))) + rng.sample(other, min(n - k, len(other)))


def raw_offsets(raw: str, sentence: str) -> tuple[int, int] | None:
    """Where a cleaned sentence sits in the raw text, allowing any run of whitespace
    (cleaning normalises spaces and line breaks) — or None when cleaning changed it."""
    start = raw.find(sentence)
    if start >= 0:
        return start, start + len(sentence)
    words = sentence.split()
    if not words:
        return None
    m = re.search(r"\s+".join(map(re.escape, words)), raw)
    return (m.start(), m.end()) if m else None
