"""The store: where articles and everything extracted from them are kept.

An SQLite file (WAL mode, FTS5 over sentences) written one transaction per
batch and read by the CLI, the web UI and the exports; see `sqlite.py` for the
Store, `schema.py` for migrations, `tables.py` for what can be read and
exported, and `export.py` for the JSONL/CSV/Parquet writers.
"""

from __future__ import annotations

from .export import FORMATS, export
from .schema import SCHEMA_VERSION
from .sqlite import Store, default_path, open_store
from .tables import TABLES, Column, TableSpec, get_table

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "TABLES",
    "Column",
    "Store",
    "TableSpec",
    "default_path",
    "export",
    "get_table",
    "open_store",
]
