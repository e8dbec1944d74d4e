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

import hashlib
from collections import defaultdict
from collections.abc import Mapping

import numpy as np

_PRIME = (1 << 61) - 1
_MAX = np.uint64((1 << 32) - 1)


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "little")


def signatures(sets: Mapping[str, set[str]], *, perms: int = 64, seed: int = 1) -> dict[str, np.ndarray]:
    """A MinHash signature per key: `perms` minima of random linear hash functions."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 31, size=perms, dtype=np.uint64)
    b = rng.integers(0, 1 << 31, size=perms, dtype=np.uint64)
    out: dict[str, np.ndarray] = {}
    for key, items in sets.items():
        if not items:
            out[key] = np.full(perms, _MAX, dtype=np.uint64)
            continue
        values = np.fromiter((_hash(s) for s in items), dtype=np.uint64, count=len(items))
        # (a*x + b) mod p, on values < 2**32 and a, b < 2**31: no uint64 overflow.
        hashed = (values[:, None] * a[None, :] + b[None, :]) % np.uint64(_PRIME)
        out[key] = (hashed & _MAX).min(axis=0)
    return out


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
