"""The analyst's workbench: Datasette over a store, with the `newsgraph` plugin.

`make_datasette(path)` returns a Datasette instance serving the store read-only as the
database `newsgraph` (its own table pages, JSON and CSV at `/newsgraph/...`) with the
workbench's pages added by the plugin (`plugin.py`): home, actor, dyad, story,
event browser, search and article, each with a JSON twin. The plugin is this package,
registered with Datasette's plugin manager in code: nothing to install or configure.

- `queries`: the SQL behind each page, returning plain data
- `charts`: inline SVG on a real month axis
- `state`: the whole-store analyses (stories, claims), computed once in the background
- `templates/`: the pages (Jinja, autoescaped; no script, nothing fetched)
"""

from __future__ import annotations

import os
from pathlib import Path

from .plugin import (  # noqa: F401 (hooks)
    DATABASE,
    asgi_wrapper,
    permission_allowed,
    prepare_connection,
    register_routes,
    startup,
)

SETTINGS = {
    "default_page_size": 50,
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 500,
    "allow_download": False,
    "suggest_facets": False,
}


def register_plugin() -> None:
    """Register this package with Datasette's plugin manager, once per process."""
    import sys

    from datasette.plugins import pm

    module = sys.modules[__name__]
    if not pm.is_registered(module):
        pm.register(module, name="newsgraph")


def make_datasette(path: str | os.PathLike[str], *, database: str = DATABASE):
    """A Datasette serving the store at `path` read-only, with the workbench's pages."""
    from datasette.app import Database, Datasette

    from . import plugin

    register_plugin()
    where = str(Path(path).resolve())
    ds = Datasette(settings=SETTINGS, memory=False, metadata={
        "title": "newsgraph workbench",
        "databases": {database: {"description": "A newsgraph store, served read-only."}},
    })
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=where, is_mutable=True), name=database)
    plugin.attach(ds, where, database)
    return ds


__all__ = ["DATABASE", "make_datasette", "register_plugin"]
