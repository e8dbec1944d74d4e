"""Workbench fixtures: stores built once per session, and an in-process client.

`Client` drives a Datasette instance made by `newsgraph.web.make_datasette` through
`datasette.client` (ASGI, no network), on one event loop of its own, after the
whole-store analyses (stories, claims) are ready.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from ..analysis.fixtures import build_analysis_store
from .stores import build_hostile_store, hostile_records


class Client:
    def __init__(self, path: Path) -> None:
        from newsgraph.web import make_datasette
        from newsgraph.web.plugin import workbench

        self.loop = asyncio.new_event_loop()
        self.ds = make_datasette(path)
        self.loop.run_until_complete(self.ds.invoke_startup())
        self.bench = workbench(self.ds)
        self.bench.wait(120)

    def get(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.get(path, **kwargs))

    def request(self, method: str, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.request(method, path, **kwargs))

    def close(self) -> None:
        for db in self.ds.databases.values():
            db.close()
        self.loop.close()


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analysis fixture's invented articles and the hostile ones, in one store."""
    from newsgraph.store import open_store

    path = build_analysis_store(tmp_path_factory.mktemp("web") / "workbench.db")
    with open_store(path) as store:
        store.write_batch(hostile_records())
    return path


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_store(tmp_path_factory.mktemp("web") / "hostile.db")


@pytest.fixture(scope="module")
def client(fixture_store):
    c = Client(fixture_store)
    yield c
    c.close()
