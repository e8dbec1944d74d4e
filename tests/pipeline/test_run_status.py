"""How a run ended, in the store: completed, interrupted, failed, or abandoned when its process died."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from newsgraph.pipeline.runner import StrictStop, run
from newsgraph.store import open_store
from newsgraph.store.schema import MIGRATIONS

from .test_runner import STORIES, MemoryStore


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _status(store, run_id: int) -> str:
    return store.connection.execute("SELECT status FROM runs WHERE run_id = ?", (run_id,)).fetchone()[0]


def test_a_run_is_running_with_its_process_until_it_says_how_it_ended(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        run_id = store.start_run({"command": "analyze"})
        (row,) = store.iter_rows("runs")
        assert row["status"] == "running" and row["pid"] > 0 and row["host"]
        assert store.stats()["last_run"]["status"] == "running"  # this process lives
        store.finish_run(run_id, {"added": 1}, status="interrupted")
        assert _status(store, run_id) == "interrupted"
        with pytest.raises(ValueError):
            store.finish_run(run_id, {}, status="running")


def test_a_run_whose_process_is_gone_is_seen_as_abandoned_and_marked_by_the_next_run(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        killed = store.start_run({"command": "analyze"})
        store.connection.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (_dead_pid(), killed))
        assert _status(store, killed) == "running"
        stats = store.stats()
        assert stats["last_run"]["status"] == "abandoned" and stats["runs_by_status"] == {"abandoned": 1}
        live = store.start_run({"command": "analyze"})
        assert _status(store, killed) == "abandoned" and _status(store, live) == "running"


def test_a_pid_reused_by_a_newer_process_does_not_keep_a_killed_run_alive(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        old = store.start_run({"command": "analyze"})
        # this test's own (live) pid, but the run began before this process existed
        store.connection.execute("UPDATE runs SET started_at = '2001-01-01T00:00:00+00:00' WHERE run_id = ?", (old,))
        assert store.stats()["last_run"]["status"] == "abandoned"


def test_runs_from_before_the_status_column_get_one_on_migration(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for version, step in enumerate(MIGRATIONS[:7], start=1):
        for statement in step.statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
    for finished, counts in [("2024-01-01T00:00:00+00:00", {"interrupted": False}),
                             ("2024-01-02T00:00:00+00:00", {"interrupted": True}), (None, None)]:
        conn.execute("INSERT INTO runs (started_at, finished_at, counts) VALUES ('2024-01-01T00:00:00+00:00', ?, ?)",
                     (finished, counts and json.dumps(counts)))
    conn.close()
    with open_store(path) as store:
        assert [r["status"] for r in store.iter_rows("runs")] == ["completed", "interrupted", "running"]
        # the unfinished one has no process on record: it is shown as abandoned, not as running
        assert store.run_statuses() == {"abandoned": 1, "completed": 1, "interrupted": 1}


def test_the_runner_records_completed_interrupted_and_failed(tmp_path):
    for i, text in enumerate(STORIES):
        (tmp_path / f"story{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    store = MemoryStore()

    def ctrl_c(summary):
        if summary.read:
            raise KeyboardInterrupt

    summary = run([str(tmp_path / "story0.txt")], store, workers=1, progress=ctrl_c)
    assert summary.interrupted and store.runs[-1]["status"] == "interrupted"
    assert summary.unfinished == 1 and store.runs[-1]["counts"]["unfinished"] == 1

    with pytest.raises(StrictStop):
        run([str(tmp_path / "empty.txt")], store, workers=1, strict=True)
    assert store.runs[-1]["status"] == "failed"


@pytest.mark.slow
def test_a_finished_run_is_completed(tmp_path, nlp):
    (tmp_path / "story.txt").write_text(STORIES[0], encoding="utf-8")
    store = MemoryStore()
    run([str(tmp_path)], store, workers=1)
    assert store.runs[-1]["status"] == "completed"
