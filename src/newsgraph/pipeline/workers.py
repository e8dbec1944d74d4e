"""Worker processes that each hold the model and parse one batch at a time.

Why not `concurrent.futures.ProcessPoolExecutor`: when one of its workers dies (the
out-of-memory killer, `kill -9`) the whole pool breaks, every batch in flight fails
with it, later submissions raise `BrokenProcessPool`, and nothing says which batch the
dead worker was running. Here each worker has its own pipe and is given one batch at a
time, so the pool knows exactly which batch a dead worker held: only that batch is
handed back (the runner retries it once), and the worker is replaced. A pipe per worker
also means a worker killed half-way through sending cannot jam the others, as a killed
writer holding a shared queue's lock would.

Workers ignore SIGINT (set before they start, so even their start-up is covered):
Ctrl-C belongs to the main process, which stops them at once — their unsent work is
not in the store, and the store only ever holds whole batches. A worker whose main
process vanishes (kill -9) sees its pipe close and exits after at most its current batch.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Any

_CONTEXT = get_context("spawn")
# Consecutive workers that die before they are ready before the pool gives up.
STARTUP_DEATHS = 3


@dataclass
class Batch:
    """Articles parsed together; `retry` marks a second try after a worker died on it."""

    articles: list
    retry: bool = False


@dataclass
class Done:
    """A worker finished `batch`; `results` are in the batch's order."""

    batch: Batch
    results: list


@dataclass
class Died:
    """A worker died holding `batch` (None if idle); `started` is False when it died
    before it was ready, so the batch never ran and owes no retry."""

    batch: Batch | None
    reason: str
    started: bool


class WorkersCannotStart(Exception):
    """Workers keep dying before they are ready (the model cannot load, no memory)."""


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    batch: Batch | None = None


class WorkerPool:
    """`size` worker processes running `work(batch_articles, *args)` after `init(*init_args)`.

    `init` and `work` must be importable top-level functions (they are pickled by name
    into spawned processes). `pids` is the pool's own bookkeeping of live workers.
    """

    def __init__(self, size: int, init: Callable, init_args: tuple, work: Callable, work_args: tuple = ()) -> None:
        self.size = size
        self._init, self._init_args = init, init_args
        self._work, self._work_args = work, work_args
        self._workers: list[_Worker] = [self._spawn() for _ in range(size)]
        self._startup_deaths = 0

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers]

    @property
    def busy(self) -> int:
        return sum(w.batch is not None for w in self._workers)

    def has_idle(self) -> bool:
        """A worker is ready (its model loaded) and holds no batch."""
        return any(w.ready and w.batch is None for w in self._workers)

    def submit(self, batch: Batch) -> None:
        """Give `batch` to a ready, idle worker (call only when `has_idle()`).

        Only ready workers get batches: the send never waits on a model still loading,
        and a batch given to a worker that dies was being run by it.
        """
        worker = next(w for w in self._workers if w.ready and w.batch is None)
        worker.batch = batch
        try:
            worker.conn.send((batch.articles, self._work_args))
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            pass  # it died just now; `events` reports it with this batch

    def events(self, timeout: float | None) -> list[Done | Died]:
        """What happened within `timeout` seconds (None: until something does).

        A dead worker is replaced before this returns.
        """
        by_handle: dict[Any, _Worker] = {}
        for w in self._workers:
            by_handle[w.conn] = w
            by_handle[w.process.sentinel] = w
        out: list[Done | Died] = []
        handled: set[int] = set()
        for handle in wait(list(by_handle), timeout):
            worker = by_handle[handle]
            if id(worker) in handled:
                continue
            handled.add(id(worker))
            out.extend(self._read(worker))
        return out

    def _read(self, worker: _Worker) -> list[Done | Died]:
        """Drain what `worker` sent; if it has died, report it and put a fresh worker in its place."""
        out: list[Done | Died] = []
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message == "ready":
                    worker.ready = True
                    self._startup_deaths = 0
                elif isinstance(message, tuple) and message[0] == "failed":
                    self.stop()  # every worker would fail alike: the run cannot go on
                    raise WorkersCannotStart(message[1])
                elif worker.batch is not None:
                    out.append(Done(worker.batch, message))
                    worker.batch = None
            if worker.process.is_alive():
                return out
        except (EOFError, OSError):
            pass  # the pipe closed or broke: the process is gone or going
        started = worker.ready
        out.append(Died(worker.batch, self._bury(worker), started))
        return out

    def _bury(self, worker: _Worker) -> str:
        """Reap a dead worker, put a new one in its place, and say how it died."""
        worker.process.join(1.0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(1.0)
        reason = _exit_reason(worker.process.exitcode)
        worker.conn.close()
        if not worker.ready:
            self._startup_deaths += 1
            if self._startup_deaths >= STARTUP_DEATHS:
                self._workers.remove(worker)
                raise WorkersCannotStart(f"{self._startup_deaths} in a row; the last {reason}")
        self._workers[self._workers.index(worker)] = self._spawn()
        return reason

    def _spawn(self) -> _Worker:
        parent, child = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=_serve, args=(child, self._init, self._init_args, self._work), daemon=True,
            name="newsgraph-worker",
        )
        with sigint_ignored():  # inherited through exec: the child ignores Ctrl-C from its first instruction
            process.start()
        child.close()  # only the worker holds its end, so its death reads as EOF here
        return _Worker(process, parent)

    def close(self, timeout: float = 5.0) -> None:
        """Let idle workers exit on their own; stop any that do not within `timeout`."""
        for w in self._workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        for w in self._workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
        self.stop()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop every worker now (Ctrl-C, a failed run): SIGTERM, then SIGKILL after `timeout`."""
        for w in self._workers:
            if w.process.is_alive():
                w.process.terminate()
        deadline = time.monotonic() + timeout
        for w in self._workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1.0)
            w.conn.close()
        self._workers = []


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (the out-of-memory killer sends it)" if code == -signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exited with status {code}"


class sigint_ignored:
    """Ignore Ctrl-C for a moment: while spawning a worker (which inherits it), while a
    run writes down how it ended (main thread only; elsewhere signals cannot be set)."""

    def __enter__(self) -> None:
        self.saved = None
        if threading.current_thread() is threading.main_thread():
            self.saved = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            signal.signal(signal.SIGINT, self.saved)


def _serve(conn: Connection, init: Callable, init_args: tuple, work: Callable) -> None:
    """A worker's life: initialise once, then parse batches until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        init(*init_args)
    except Exception as exc:  # noqa: BLE001 — the main process reports it, coded
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the main process is gone
        if message is None:
            return
        articles, args = message
        results = work(articles, *args)
        try:
            conn.send(results)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return
