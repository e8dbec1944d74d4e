"""Real runs in a subprocess, hurt from outside: kill -9, a dead worker, Ctrl-C.

Articles are generated here, in our own wording and short, so a 100-article run takes
seconds of parsing. Workers are found through /proc (children of the analysis running
the spawn entry point), as an operator or the out-of-memory killer would meet them.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through Linux's /proc"),
]

PLACES = ["Lisbon", "Oslo", "Nairobi", "Lima", "Hanoi", "Accra", "Quito", "Tbilisi", "Riga", "Dakar"]
GROUPS = ["dock workers", "teachers", "nurses", "farmers", "bus drivers", "miners"]
TABLES = ("sentences", "mentions", "quotes", "events", "labels", "tones")
WAIT = 240.0  # generous bounds for a loaded machine; a healthy run needs a fraction


def write_articles(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            r = random.Random(i)
            place, other, group = r.choice(PLACES), r.choice(PLACES), r.choice(GROUPS)
            text = (f"{group.title()} gather in {place}\n\n"
                    f"The mayor of {place} said on Monday that {r.randint(10, 9000)} {group} would meet at the harbour. "
                    f"Officials in {other} promised to send {r.randint(2, 90)} buses.\n\n"
                    f"\"We will keep the harbour open,\" said a spokesman for the council of {place}.")
            out.write(json.dumps({"id": f"gen-{i}", "text": text, "outlet": "Generated Gazette",
                                  "date": "2024-03-01"}) + "\n")
    return path


def start(store: Path, inputs: Path, *options: str) -> subprocess.Popen:
    """`newsgraph analyze` in its own process group, as a terminal would run it."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "analyze", str(inputs), "--store", str(store), *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def query(store: Path, sql: str) -> list[tuple]:
    try:
        conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return []  # not created or not migrated yet


def stored(store: Path) -> int:
    rows = query(store, "SELECT count(*) FROM articles")
    return rows[0][0] if rows else 0


def wait_until(condition, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the run ended (exit {proc.returncode}) before {what}: {proc.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def workers_of(pid: int) -> list[int]:
    """Worker processes of the analysis `pid`: its children started through multiprocessing's spawn."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid and b"spawn_main" in command:
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def all_gone(pids: list[int], within: float = 10.0) -> bool:
    """True once none of `pids` runs (a killed process takes a moment to free its memory)."""
    deadline = time.monotonic() + within
    while any(alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def rows_per_article(store: Path) -> dict[str, tuple[int, ...]]:
    """Each article's number of rows in every derived table: what a partial article would lack."""
    counts = {aid: [0] * len(TABLES) for (aid,) in query(store, "SELECT article_id FROM articles")}
    for i, table in enumerate(TABLES):
        for aid, n in query(store, f"SELECT article_id, count(*) FROM {table} GROUP BY article_id"):
            counts[aid][i] = n
    return {aid: tuple(c) for aid, c in counts.items()}


def test_kill_9_at_three_moments_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    inputs = write_articles(tmp_path / "articles.jsonl", 100)
    reference = tmp_path / "reference.db"
    clean = start(reference, inputs, "--workers", "2", "--batch-size", "5")
    assert clean.wait(WAIT * 2) == 0, clean.stderr.read()[-2000:]
    expected = rows_per_article(reference)
    assert len(expected) == 100 and all(c[0] > 0 for c in expected.values())

    store = tmp_path / "crashed.db"
    moments = [
        ("workers started, nothing stored", lambda s, p: bool(workers_of(p.pid))),
        ("a few batches stored", lambda s, p: stored(s) >= 20),
        ("most batches stored", lambda s, p: stored(s) >= 70),
    ]
    for what, moment in moments:
        proc = start(store, inputs, "--workers", "2", "--batch-size", "5")
        wait_until(lambda moment=moment, proc=proc: moment(store, proc), proc, what)
        workers = workers_of(proc.pid)
        os.killpg(proc.pid, signal.SIGKILL)  # the analysis and its workers, all at once
        proc.wait(WAIT)
        assert query(store, "PRAGMA integrity_check") == [("ok",)], what
        got = rows_per_article(store)
        assert {aid: got[aid] for aid in got} == {aid: expected[aid] for aid in got}, f"a partial article ({what})"
        assert query(store, "SELECT status FROM runs ORDER BY run_id DESC LIMIT 1") == [("running",)]
        assert all_gone(workers)

    final = start(store, inputs, "--workers", "2", "--batch-size", "5")
    assert final.wait(WAIT * 2) == 0, final.stderr.read()[-2000:]
    assert rows_per_article(store) == expected  # the exact count, every article whole
    assert query(store, "PRAGMA integrity_check") == [("ok",)]
    statuses = [s for (s,) in query(store, "SELECT status FROM runs ORDER BY run_id")]
    assert statuses == ["abandoned", "abandoned", "abandoned", "completed"]


def test_a_killed_worker_is_replaced_and_every_article_is_stored(tmp_path):
    inputs = write_articles(tmp_path / "articles.jsonl", 60)
    store = tmp_path / "s.db"
    proc = start(store, inputs, "--workers", "2", "--batch-size", "5")
    wait_until(lambda: stored(store) >= 5, proc, "the first batch is stored")
    victim = workers_of(proc.pid)[0]
    os.kill(victim, signal.SIGKILL)
    assert proc.wait(WAIT) == 0, proc.stderr.read()[-2000:]
    failed = query(store, "SELECT count(*) FROM input_errors WHERE code = 'E303'")[0][0]
    assert stored(store) + failed == 60 and stored(store) >= 55  # a killed worker's batch is retried
    ((status, counts),) = query(store, "SELECT status, counts FROM runs")
    assert status == "completed" and json.loads(counts)["workers_replaced"] >= 1


def test_ctrl_c_stops_at_once_with_one_line_and_exit_130(tmp_path):
    inputs = write_articles(tmp_path / "articles.jsonl", 400)
    store = tmp_path / "s.db"
    proc = start(store, inputs, "--workers", "2", "--batch-size", "5")
    wait_until(lambda: stored(store) >= 5, proc, "the first batch is stored")
    workers = workers_of(proc.pid)
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
    proc.wait(WAIT)
    took = time.monotonic() - sent
    stderr = proc.stderr.read()
    assert proc.returncode == 130, stderr[-2000:]
    assert took < 10.0  # generous bound for a loaded machine; the aim is under 2 s
    assert "Traceback" not in stderr
    (line,) = [l for l in stderr.splitlines() if l.startswith("Interrupted:")]
    assert f"{stored(store)} articles stored" in line and "rerun the same command" in line
    assert query(store, "SELECT status FROM runs") == [("interrupted",)]
    assert all_gone(workers)
