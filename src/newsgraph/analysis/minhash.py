"""Near-duplicate detection: MinHash signatures of word shingles, banded for LSH.

Wire copy republished with a new headline or a trimmed last paragraph shares most
of its 5-word shingles with the original. Comparing every pair of shingle sets is
quadratic; MinHash sketches each set in a fixed number of hashes whose agreement
estimates their Jaccard similarity, and locality-sensitive hashing (bands of rows)
proposes only the pairs likely to be similar. Candidates are then checked on the
exact Jaccard, so LSH can only miss, never invent, a near-duplicate.

Written here (about 60 lines on NumPy) rather than taken from a package: the
project needs one similarity, and this keeps it dependency-free and deterministic.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Mapping

import numpy as np

_PRIME = (1 << 61) - 1
_MAX = np.uint64((1 << 32) - 1)


def _hash(shingle: str) -> int:
    """A stable 32-bit hash (CRC-32: in C, several times faster than a keyed digest, and
    the same in every process, unlike Python's salted `hash`)."""
    return zlib.crc32(shingle.encode("utf-8"))


class Sketcher:
    """MinHash signatures one set at a time, so a caller need not hold every set at once."""

    def __init__(self, *, perms: int = 64, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.perms = perms
        self.a = rng.integers(1, 1 << 31, size=perms, dtype=np.uint64)
        self.b = rng.integers(0, 1 << 31, size=perms, dtype=np.uint64)

    def sign(self, items: set[str]) -> np.ndarray:
        """`perms` minima of random linear hash functions over the set."""
        if not items:
            return np.full(self.perms, _MAX, dtype=np.uint64)
        values = np.fromiter((_hash(s) for s in items), dtype=np.uint64, count=len(items))
        # (a*x + b) mod p, on values < 2**32 and a, b < 2**31: no uint64 overflow.
        hashed = (values[:, None] * self.a[None, :] + self.b[None, :]) % np.uint64(_PRIME)
        return (hashed & _MAX).min(axis=0)


def signatures(sets: Mapping[str, set[str]], *, perms: int = 64, seed: int = 1) -> dict[str, np.ndarray]:
    """A MinHash signature per key: `perms` minima of random linear hash functions."""
    sketcher = Sketcher(perms=perms, seed=seed)
    return {key: sketcher.sign(items) for key, items in sets.items()}


def estimated_jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """The share of agreeing minima: an unbiased estimate of the sets' Jaccard similarity."""
    empty = x[0] == _MAX and y[0] == _MAX
    return 0.0 if empty else float(np.mean(x == y))


def near_duplicate_signatures(sigs: Mapping[str, np.ndarray], *, threshold: float = 0.6) -> list[tuple[str, str, float]]:
    """Pairs (a, b, estimated jaccard) from signatures alone, for when the sets were not kept."""
    found = []
    for x, y in sorted(candidate_pairs(sigs)):
        score = estimated_jaccard(sigs[x], sigs[y])
        if score >= threshold:
            found.append((x, y, round(score, 3)))
    return found


def candidate_pairs(sigs: Mapping[str, np.ndarray], *, bands: int = 16) -> set[tuple[str, str]]:
    """Pairs of keys whose signatures agree on at least one whole band."""
    pairs: set[tuple[str, str]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[str]] = defaultdict(list)
        for key, sig in sigs.items():
            rows = len(sig) // bands
            buckets[sig[band * rows : (band + 1) * rows].tobytes()].append(key)
        for keys in buckets.values():
            if 1 < len(keys) <= 200:  # a huge bucket is boilerplate, not a duplicate
                keys = sorted(keys)
                pairs.update((x, y) for i, x in enumerate(keys) for y in keys[i + 1 :])
    return pairs


def jaccard(x: set[str], y: set[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def near_duplicates(sets: Mapping[str, set[str]], *, threshold: float = 0.6) -> list[tuple[str, str, float]]:
    """Pairs (a, b, jaccard) of texts whose shingle sets overlap at least `threshold`."""
    sigs = signatures(sets)
    found = []
    for x, y in sorted(candidate_pairs(sigs)):
        score = jaccard(sets[x], sets[y])
        if score >= threshold:
            found.append((x, y, round(score, 3)))
    return found
