"""`newsgraph serve`: the workbench (Datasette and the newsgraph plugin) over a store.

The store is checked first with newsgraph's own reader (it exists, is a store this
version can read), then served read-only: `analyze` may keep writing to it, and the
pages show what is committed. The server binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_store(path: str | os.PathLike[str]) -> str:
    """The store's path when it can be served; UsageError E430/E431 otherwise."""
    from newsgraph.errors import NewsgraphError, UsageError
    from newsgraph.store import open_store

    where = os.fspath(path)
    if not os.path.isfile(where):
        raise UsageError("E430", path=where)
    try:
        with open_store(where, readonly=True) as st:
            mode = st.connection.execute("PRAGMA journal_mode").fetchone()[0]
    except NewsgraphError as exc:
        raise UsageError("E431", path=where, reason=exc.message) from exc
    if mode != "wal":
        print(f"newsgraph: {where} is not in WAL mode ({mode}); pages may wait while it is written",
              file=sys.stderr)
    return where


def serve(path: str | os.PathLike[str], *, host: str = LOOPBACK, port: int = 8001) -> None:
    """Serve the workbench until interrupted."""
    import uvicorn

    from newsgraph.errors import UsageError
    from newsgraph.web import make_datasette

    if not 0 < port < 65536:
        raise UsageError("E402", option="--port", expected="a port number 1-65535", value=port)
    where = check_store(path)
    ds = make_datasette(where)
    if not is_loopback(host):
        print(f"newsgraph: serving on {host}, reachable from other machines; the store is read-only, "
              "but anyone who can reach the port can read it", file=sys.stderr)
    print(f"newsgraph: serving {where} at http://{host}:{port}/ (read-only; Ctrl-C stops)", file=sys.stderr)
    try:
        uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    except OSError as exc:
        raise UsageError("E432", host=host, port=port, reason=exc) from exc


def serve_cli(
    store: Annotated[
        Optional[Path],
        typer.Option("--store", "-s", help="SQLite store file [default: $NEWSGRAPH_STORE or ./newsgraph.db]"),
    ] = None,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option(help="Address to bind; the default answers this machine only.")] = LOOPBACK,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks.")] = False,
) -> None:
    """Browse the store in a web browser: actors, dyads, stories, events, search (read-only)."""
    from newsgraph.store.sqlite import default_path

    serve(store if store is not None else default_path(), host=host, port=port)
