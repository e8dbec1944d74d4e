"""The worker pool and the runner's policy for dead workers, with stand-in work (no model: fast)."""

from __future__ import annotations

import os
import signal
import time

import pytest

from newsgraph.pipeline.runner import RunSummary, _Engine
from newsgraph.pipeline.workers import Batch, Died, Done, WorkerPool, WorkersCannotStart
from newsgraph.records import Article, InputError

from .test_runner import MemoryStore


# Top-level so that spawned workers can import them.
def ready() -> None:
    pass


def cannot_load() -> None:
    raise OSError("no model here")


def echo(items: list, delay: float) -> list:
    """Upper-cases each item; an item 'die' kills its own worker like the OOM killer would."""
    if "die" in items:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(delay)
    return [item.upper() for item in items]


def _submit(pool: WorkerPool, batch: Batch, seen: list, timeout: float = 60.0) -> None:
    """Give `batch` to the pool once a worker is ready (loaded) and idle; events met meanwhile go to `seen`."""
    deadline = time.monotonic() + timeout
    while not pool.has_idle():
        assert time.monotonic() < deadline, "no worker became ready"
        seen.extend(pool.events(0.2))
    pool.submit(batch)


def _drain(pool: WorkerPool, expected: int, events: list | None = None, timeout: float = 60.0) -> list:
    events, deadline = events if events is not None else [], time.monotonic() + timeout
    while len(events) < expected and time.monotonic() < deadline:
        events.extend(pool.events(1.0))
    return events


def test_a_worker_that_dies_costs_only_its_own_batch_and_is_replaced():
    pool = WorkerPool(2, ready, (), echo, (0.5,))
    try:
        before = set(pool.pids)
        events: list = []
        _submit(pool, Batch(["a", "b"]), events)
        _submit(pool, Batch(["c", "die"]), events)
        events = _drain(pool, 2, events)
        done = [e for e in events if isinstance(e, Done)]
        died = [e for e in events if isinstance(e, Died)]
        assert [e.results for e in done] == [["A", "B"]]
        assert len(died) == 1 and died[0].batch.articles == ["c", "die"] and died[0].started
        assert "SIGKILL" in died[0].reason
        after = set(pool.pids)
        assert len(after) == 2 and len(after & before) == 1  # one replaced, one kept
        _submit(pool, Batch(["e"]), [])  # the replacement works
        assert [e.results for e in _drain(pool, 1) if isinstance(e, Done)] == [["E"]]
    finally:
        pool.stop()
    assert not any(_alive(pid) for pid in after)


def test_workers_that_cannot_start_stop_the_pool_with_the_reason():
    pool = WorkerPool(2, cannot_load, (), echo, (0.0,))
    with pytest.raises(WorkersCannotStart, match="no model here"):
        _drain(pool, 1)
    assert pool.pids == []


def test_stop_ends_busy_workers_at_once():
    pool = WorkerPool(2, ready, (), echo, (60.0,))
    pids = pool.pids
    _submit(pool, Batch(["slow"]), [])
    _submit(pool, Batch(["slower"]), [])
    time.sleep(0.5)
    started = time.monotonic()
    pool.stop()
    assert time.monotonic() - started < 5.0  # generous: SIGTERM ends them at once
    assert not any(_alive(pid) for pid in pids)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# -- the runner's policy ----------------------------------------------------------

def _article(n: int) -> Article:
    return Article(
        article_id=f"id{n}", input_id=None, path=f"f{n}.txt", line=None, format="txt", outlet=None,
        url=None, title=None, byline=None, date=None, date_source=None, date_precision=None, text=f"Text {n}.",
    )


def _engine() -> tuple[_Engine, MemoryStore]:
    store = MemoryStore()
    summary = RunSummary(run_id=store.start_run({}))
    return _Engine(store, summary, workers=2, batch_size=3, model="unused", progress=None), store


def test_the_batch_a_worker_died_running_is_retried_once_article_by_article_then_failed():
    engine, store = _engine()
    batch = Batch([_article(1), _article(2), _article(3)])
    engine._handle(Died(batch, "killed by SIGKILL", started=True))
    retries = list(engine.queued)
    assert [b.articles for b in retries] == [[a] for a in batch.articles] and all(b.retry for b in retries)
    assert engine.summary.failed == 0  # a first death is not a failure

    engine.queued.clear()
    engine._handle(Died(retries[1], "killed by SIGKILL", started=True))
    assert engine.summary.failed == 1 and not engine.queued
    (error,) = store.errors  # recorded in the store at once, not only at the end
    assert (error.path, error.code) == ("f2.txt", "E303") and "second try" in error.message


def test_a_batch_whose_worker_died_before_starting_it_is_resubmitted_as_it_was():
    engine, _ = _engine()
    batch = Batch([_article(1), _article(2)])
    engine.queued.append(Batch([_article(3)]))
    engine._handle(Died(batch, "killed by SIGKILL", started=False))
    assert engine.queued[0] is batch and not batch.retry
    assert engine.summary.failed == 0 and engine.pool_replaced == 1


def test_a_worker_dying_idle_costs_nothing():
    engine, _ = _engine()
    engine._handle(Died(None, "exited with status 1", started=True))
    assert not engine.queued and engine.summary.failed == 0 and engine.pool_replaced == 1


def test_results_of_a_finished_batch_are_stored():
    engine, store = _engine()
    engine._handle(Done(Batch([_article(1)]), [InputError("f1.txt", None, "E302", "bad")]))
    assert engine.summary.failed == 1 and store.errors[0].code == "E302"
