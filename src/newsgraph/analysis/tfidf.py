"""Distinctive words: TF-IDF vectors of articles and their cosine similarity.

Two reports of the same event share its rare words (the place, the ship, the
treaty) far more than two articles on the same beat do. Vectors are sparse dicts,
log-scaled term frequency times smoothed inverse document frequency, L2-normalised.
Pairs to compare come from an inverted index over each article's top terms, so a
large store is not compared pair by pair.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

Vector = dict[str, float]


def vectors(docs: Mapping[str, Sequence[str]]) -> dict[str, Vector]:
    """A normalised TF-IDF vector per document (documents given as word lists)."""
    df: Counter[str] = Counter()
    for tokens in docs.values():
        df.update(set(tokens))
    n = len(docs)
    out: dict[str, Vector] = {}
    for key, tokens in docs.items():
        tf = Counter(tokens)
        vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[key] = {t: v / norm for t, v in vec.items()}
    return out


def cosine(x: Vector, y: Vector) -> float:
    if len(x) > len(y):
        x, y = y, x
    return sum(v * y.get(t, 0.0) for t, v in x.items())


def top_terms(vec: Vector, k: int = 12) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda item: (-item[1], item[0]))[:k]]


def candidate_pairs(vecs: Mapping[str, Vector], *, k: int = 30, min_shared: int = 2) -> set[tuple[str, str]]:
    """Pairs of documents that share at least `min_shared` of their top-k terms."""
    index: dict[str, list[str]] = defaultdict(list)
    for key, vec in vecs.items():
        for term in top_terms(vec, k):
            index[term].append(key)
    shared: Counter[tuple[str, str]] = Counter()
    for keys in index.values():
        if len(keys) > 500:  # a term in this many top lists is not distinctive
            continue
        keys = sorted(keys)
        for i, x in enumerate(keys):
            for y in keys[i + 1 :]:
                shared[(x, y)] += 1
    return {pair for pair, count in shared.items() if count >= min_shared}


def truncated(vec: Vector, k: int) -> Vector:
    """The k strongest terms of a vector, normalised again: a bounded sketch of a long text."""
    if len(vec) <= k:
        return vec
    kept = dict(sorted(vec.items(), key=lambda item: (-item[1], item[0]))[:k])
    norm = math.sqrt(sum(v * v for v in kept.values())) or 1.0
    return {t: v / norm for t, v in kept.items()}
