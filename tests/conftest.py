"""Session-wide fixtures: the spaCy model (loaded once) and the shared corpora.

`../shared` holds gold sets and publishers' texts; a user's clone does not have it,
so tests that read it skip cleanly when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (gold sets and corpora live beside the repository)")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    path = shared / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def resolver():
    """The shipped knowledge base and its indexes, built once (about a second)."""
    from newsgraph.extract.resolve import Resolver

    return Resolver()
