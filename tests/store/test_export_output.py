"""Where an export or report may be written (issue 17, item 2): nothing lost, nothing overwritten.

Every command with --out refuses the store's own files (by name, symlink or hard
link), refuses an existing file unless --force, never replaces a read-only file,
keeps a replaced file's permissions, and leaves nothing half-written.
"""

from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import StoreError
from newsgraph.store import export, open_store
from newsgraph.store.export import output_file

from .fixtures import build_fixture_store

runner = CliRunner()

# (command line, what it writes) for every command that takes --out
WRITERS = [
    ("export", "articles"),
    ("export", "articles", "--format", "csv"),
    ("export", "sentences", "--format", "parquet"),
    ("report",),
]


@pytest.fixture
def store(tmp_path):
    """A fresh store per test: some tests try to destroy it."""
    return build_fixture_store(tmp_path / "fixture.db")


def run(args, store, out, *extra):
    return runner.invoke(app, [*args, "--store", str(store), "--out", str(out), *extra])


def store_is_intact(path) -> bool:
    with open_store(path, readonly=True) as st:
        return st.count("articles") == 4 and st.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_the_store_itself_is_refused_always(store, args, force):
    before = store.read_bytes()
    result = run(args, store, store, *(["--force"] if force else []))
    assert result.exit_code == 2 and "[E215]" in result.stderr
    assert store.read_bytes() == before and store_is_intact(store)


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_symlink_or_hard_link_to_the_store_is_refused(store, tmp_path, args):
    link = tmp_path / "looks-new.html"
    link.symlink_to(store)
    hard = tmp_path / "hard.db"
    os.link(store, hard)
    for out in (link, hard, tmp_path / "." / store.name):
        result = run(args, store, out, "--force")
        assert result.exit_code == 2 and "[E215]" in result.stderr, out
    assert link.is_symlink() and store_is_intact(store)


def test_the_stores_wal_and_journal_files_are_refused(store):
    for suffix in ("-wal", "-shm", "-journal"):
        result = run(("report",), store, f"{store}{suffix}", "--force")
        assert result.exit_code == 2 and "[E215]" in result.stderr, suffix
    assert store_is_intact(store)


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_an_existing_file_needs_force(store, tmp_path, args):
    out = tmp_path / "mine.out"
    out.write_text("a file the user keeps\n", encoding="utf-8")
    result = run(args, store, out)
    assert result.exit_code == 2 and "[E216]" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "a file the user keeps\n"
    forced = run(args, store, out, "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() != b"a file the user keeps\n" and out.stat().st_size > 100


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(store, tmp_path):
    out = tmp_path / "shared.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert run(("export", "articles"), store, out, "--force").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.jsonl"
    umask = os.umask(0o022)
    try:
        assert run(("export", "articles"), store, fresh).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # 0666 less the umask, as a plain open gives


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_read_only_file_is_never_replaced(store, tmp_path, args):
    out = tmp_path / "archived.out"
    out.write_text("published\n", encoding="utf-8")
    out.chmod(0o444)
    result = run(args, store, out, "--force")
    assert result.exit_code == 2 and "[E217]" in result.stderr
    assert out.read_text(encoding="utf-8") == "published\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


def test_a_symlink_to_another_file_is_written_through_and_stays_a_link(store, tmp_path):
    real = tmp_path / "site" / "report.html"
    real.parent.mkdir()
    real.write_text("old report", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(real)
    assert run(("report",), store, link).exit_code == 2  # it exists
    assert run(("report",), store, link, "--force").exit_code == 0
    assert link.is_symlink() and "<html" in real.read_text(encoding="utf-8")


def test_a_folder_is_not_a_file(store, tmp_path):
    result = run(("export", "articles"), store, tmp_path, "--force")
    assert result.exit_code == 2 and "[E218]" in result.stderr


def test_a_character_device_is_written_as_a_stream(store):
    if not os.path.exists(os.devnull):
        pytest.skip("no null device")
    result = run(("export", "articles"), store, os.devnull)
    assert result.exit_code == 0, result.output


def test_a_failed_write_leaves_neither_a_half_file_nor_a_temporary(tmp_path):
    out = tmp_path / "half.txt"
    with pytest.raises(RuntimeError), output_file(out) as tmp:
        tmp.write_text("the first half", encoding="utf-8")
        raise RuntimeError("disk on fire")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appears_while_writing_is_not_overwritten(tmp_path):
    out = tmp_path / "race.txt"
    with pytest.raises(StoreError) as info, output_file(out) as tmp:
        tmp.write_text("ours", encoding="utf-8")
        out.write_text("theirs", encoding="utf-8")  # another program got there first
    assert info.value.code == "E216" and out.read_text(encoding="utf-8") == "theirs"
    assert list(tmp_path.iterdir()) == [out]


def test_the_library_refuses_the_store_too(store, tmp_path):
    with open_store(store, readonly=True) as st:
        with pytest.raises(StoreError) as info:
            export(st, "articles", format="csv", out=store, force=True)
        assert info.value.code == "E215"
        out = tmp_path / "a.jsonl"
        assert export(st, "articles", out=out) == 4
        with pytest.raises(StoreError) as info:
            export(st, "articles", out=out)
        assert info.value.code == "E216"
        assert export(st, "articles", out=out, force=True) == 4


def test_standard_output_appending_to_the_store_is_refused(store, tmp_path):
    """`newsgraph export articles >> store.db`: the shell opened the store before we ran."""
    import subprocess
    import sys

    before = store.read_bytes()
    with open(store, "ab") as stdout:
        done = subprocess.run([sys.executable, "-m", "newsgraph", "export", "articles", "--store", str(store)],
                              stdout=stdout, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 2 and "[E219]" in done.stderr
    assert store.read_bytes() == before
