"""The analysis fixture store, built once per session (Datasette style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .fixtures import build_analysis_store, fixture_articles


@pytest.fixture(scope="session")
def analysis_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_analysis_store(tmp_path_factory.mktemp("analysis") / "analysis.db")


@pytest.fixture(scope="session")
def article_ids() -> dict[str, str]:
    names = ["harbour", "wire", "ledger", "quarrel", "tunnel", "vote", "rigged"]
    return {name: a.id for name, a in zip(names, fixture_articles())}
