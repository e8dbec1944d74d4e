"""Opening and migrating stores: new files, version-0 files, newer files, bad files."""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph.errors import StoreError
from newsgraph.store import SCHEMA_VERSION, open_store
from newsgraph.store import schema


def _user_version(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def _tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_this_sqlite_has_fts5():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")


def test_a_new_store_is_created_at_the_current_version_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    with open_store(path) as store:
        conn = store.connection
        assert store.version == SCHEMA_VERSION == _user_version(path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert {"articles", "sentences", "sentences_fts", "runs", "input_errors"} <= _tables(path)


def test_the_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORE", str(tmp_path / "env.db"))
    with open_store() as store:
        assert store.path == str(tmp_path / "env.db")
    monkeypatch.delenv("NEWSGRAPH_STORE")
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        assert store.path == "newsgraph.db"
    assert (tmp_path / "newsgraph.db").is_file()


def test_a_version_0_file_is_migrated_and_keeps_its_other_tables(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('kept')")
    assert _user_version(path) == 0
    with open_store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.connection.execute("SELECT body FROM notes").fetchall() == [("kept",)]
    assert _user_version(path) == SCHEMA_VERSION


def test_reopening_a_current_store_changes_nothing(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


@pytest.mark.parametrize("readonly", [False, True])
def test_a_store_newer_than_the_code_is_refused(tmp_path, readonly):
    path = tmp_path / "future.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError) as info:
        open_store(path, readonly=readonly)
    assert info.value.code == "E202"
    assert _user_version(path) == SCHEMA_VERSION + 1


def test_a_file_that_is_not_sqlite_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are plain notes, not a database\n" * 100)
    for readonly in (False, True):
        with pytest.raises(StoreError) as info:
            open_store(path, readonly=readonly)
        assert info.value.code == "E201"
        assert "not a database" in info.value.message


def test_readonly_opening_never_creates_nor_migrates(tmp_path):
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError) as info:
        open_store(missing, readonly=True)
    assert info.value.code == "E201"
    assert not missing.exists()

    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(StoreError) as info:
        open_store(old, readonly=True)
    assert info.value.code == "E207"
    assert _user_version(old) == 0 and _tables(old) == {"notes"}


def test_readonly_opening_upgrades_an_older_store_it_can_write(tmp_path):
    from newsgraph.store.schema import MIGRATIONS

    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as conn:  # a store as the first release wrote it
        for statement in MIGRATIONS[0].statements:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
    with open_store(path, readonly=True) as store:
        assert store.version == SCHEMA_VERSION
        assert store.count("mentions") == 0


def test_a_missing_directory_is_reported(tmp_path):
    with pytest.raises(StoreError) as info:
        open_store(tmp_path / "nowhere" / "s.db")
    assert info.value.code == "E201" and "does not exist" in info.value.message


def test_a_failing_migration_step_is_rolled_back_whole(tmp_path):
    path = tmp_path / "clash.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (something_else TEXT)")  # clashes with step 1
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == "E206"
    # The step's earlier statements (runs, input_errors) did not survive it.
    assert _user_version(path) == 0 and _tables(path) == {"articles"}


def test_a_later_step_is_applied_alone_to_a_store_at_the_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    open_store(path).close()
    extra = schema.Migration(
        "notes", ("CREATE TABLE notes (article_id TEXT REFERENCES articles ON DELETE CASCADE, note TEXT)",)
    )
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + (extra,))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with open_store(path) as store:
        assert store.version == SCHEMA_VERSION + 1
    assert "notes" in _tables(path)
    assert _user_version(path) == SCHEMA_VERSION + 1
