"""Run the whole job: inputs → articles → NLP in worker processes → the store.

The main process reads and cleans inputs (cheap), skips articles the store already
holds (before the expensive parse), and is the only writer to the store: one
transaction per batch, so an interrupted run leaves whole articles only and a rerun
completes the job. Parsing runs in a process pool with one model per worker; small
jobs run in-process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context

from newsgraph.errors import Errors, StoreError
from newsgraph.extract import Extractor
from newsgraph.ingest import IngestOptions, iter_articles
from newsgraph.nlp import MODEL_NAME, load_pipeline
from newsgraph.pipeline.process import Result, analyze_batch, init_worker, worker_analyze
from newsgraph.records import Article, ArticleRecords, InputError


class StrictStop(Exception):
    """Raised by `run` under strict=True at the first failed input."""

    def __init__(self, error: InputError) -> None:
        self.error = error
        super().__init__(str(error))


@dataclass
class RunSummary:
    """What a run did; `errors` holds every failure (also kept in the store)."""

    read: int = 0
    added: int = 0
    present: int = 0
    failed: int = 0
    skipped: int = 0
    sentences: int = 0
    tokens: int = 0
    seconds: float = 0.0
    workers: int = 0
    interrupted: bool = False
    run_id: int | None = None
    errors: list[InputError] = field(default_factory=list)
    skips: list[InputError] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.added + self.present

    def as_dict(self) -> dict:
        return {
            "read": self.read, "added": self.added, "present": self.present,
            "failed": self.failed, "skipped": self.skipped, "sentences": self.sentences,
            "tokens": self.tokens, "seconds": round(self.seconds, 3), "workers": self.workers,
            "interrupted": self.interrupted,
        }


Progress = Callable[[RunSummary], None]


def default_workers() -> int:
    """Both cores of a laptop by default; never more processes than cores."""
    return max(1, min(2, os.cpu_count() or 1))


def run(
    paths: Sequence[str],
    store,
    *,
    options: IngestOptions = IngestOptions(),
    workers: int | None = None,
    batch_size: int = 25,
    model: str = MODEL_NAME,
    progress: Progress | None = None,
    strict: bool = False,
    stdin=None,
    command: dict | None = None,
) -> RunSummary:
    """Analyse every input into `store`; returns the summary (also saved as a run)."""
    summary = RunSummary()
    workers = default_workers() if workers is None else max(1, workers)
    started = time.perf_counter()
    summary.run_id = store.start_run(command or {"paths": list(paths)})
    engine = _Engine(store, summary, workers=workers, batch_size=batch_size, model=model, progress=progress)
    try:
        engine.consume(iter_articles(paths, options, stdin=stdin), strict=strict)
        engine.finish()
    except KeyboardInterrupt:
        summary.interrupted = True
        engine.abort()
    except StrictStop:
        engine.abort()
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        summary.workers = engine.workers_used
        store.record_errors(summary.run_id, summary.errors)
        store.finish_run(summary.run_id, summary.as_dict())
    return summary


class _Engine:
    """Batches new articles, parses them in-process or in a pool, writes results."""

    def __init__(self, store, summary: RunSummary, *, workers: int, batch_size: int, model: str,
                 progress: Progress | None) -> None:
        self.store = store
        self.summary = summary
        self.workers = workers
        self.batch_size = max(1, batch_size)
        self.model = model
        self.progress = progress or (lambda s: None)
        self.pending: list[Article] = []
        self.queued: deque[list[Article]] = deque()
        self.in_flight: deque[tuple[Future, list[Article]]] = deque()
        self.pool: ProcessPoolExecutor | None = None
        self.seen: set[str] = set()
        self.workers_used = 0
        self.extract: Extractor | None = None

    # -- reading ---------------------------------------------------------------
    def consume(self, items: Iterable[Article | InputError], *, strict: bool) -> None:
        for item in items:
            if isinstance(item, InputError):
                self._fail_or_skip(item, strict)
                continue
            self.summary.read += 1
            if item.article_id in self.seen or self.store.known_ids([item.article_id]):
                self.summary.present += 1
                self.progress(self.summary)
                continue
            self.seen.add(item.article_id)
            self.pending.append(item)
            if len(self.pending) >= self.batch_size:
                self.queued.append(self.pending)
                self.pending = []
                self._dispatch()
            self.progress(self.summary)

    def _fail_or_skip(self, error: InputError, strict: bool) -> None:
        if error.code.startswith("S"):
            self.summary.skipped += 1
            self.summary.skips.append(error)
        else:
            self.summary.read += 1
            self.summary.failed += 1
            self.summary.errors.append(error)
            if strict:
                raise StrictStop(error)
        self.progress(self.summary)

    # -- parsing ---------------------------------------------------------------
    def _dispatch(self) -> None:
        """Send queued batches to the pool once there is enough work to pay for it."""
        if self.pool is None:
            if self.workers == 1:
                while self.queued:
                    self._run_in_process(self.queued.popleft())
                return
            if len(self.queued) < 2:
                return
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=get_context("spawn"), initializer=init_worker, initargs=(self.model,)
            )
            self.workers_used = self.workers
        while self.queued:
            while len(self.in_flight) >= 2 * self.workers:
                self._collect_one()
            batch = self.queued.popleft()
            self.in_flight.append((self.pool.submit(worker_analyze, batch, self.batch_size), batch))

    def _collect_one(self) -> None:
        future, batch = self.in_flight.popleft()
        try:
            results = future.result()
        except BrokenProcessPool as exc:
            results = [
                InputError(a.path, a.line, "E303", Errors.E303.format(reason=str(exc) or "killed"))
                for a in batch
            ]
        self._store(results)

    def _run_in_process(self, batch: list[Article]) -> None:
        self.workers_used = max(self.workers_used, 1)
        if self.extract is None:
            self.extract = Extractor()
        self._store(analyze_batch(batch, load_pipeline(self.model), self.extract, batch_size=self.batch_size))

    def _store(self, results: list[Result]) -> None:
        good = [r for r in results if isinstance(r, ArticleRecords)]
        for r in results:
            if isinstance(r, InputError):
                self.summary.failed += 1
                self.summary.errors.append(r)
        if good:
            try:
                self._write(good)
            except StoreError:
                # The batch was rolled back whole; write article by article so one
                # record the store refuses costs only itself.
                for record in good:
                    try:
                        self._write([record])
                    except StoreError as exc:
                        a = record.article
                        self.summary.failed += 1
                        self.summary.errors.append(InputError(a.path, a.line, exc.code, exc.message))
        self.progress(self.summary)

    def _write(self, records: list[ArticleRecords]) -> None:
        added, present = self.store.write_batch(records, run_id=self.summary.run_id)
        self.summary.added += added
        self.summary.present += present
        self.summary.sentences += sum(len(r.sentences) for r in records)
        self.summary.tokens += sum(r.tokens for r in records)

    def finish(self) -> None:
        if self.pending:
            self.queued.append(self.pending)
            self.pending = []
        if self.pool is None:
            while self.queued:
                self._run_in_process(self.queued.popleft())
        else:
            self._dispatch()
            while self.in_flight:
                self._collect_one()
            self.pool.shutdown()

    def abort(self) -> None:
        if self.pool is not None:
            for future, _ in self.in_flight:
                future.cancel()
            self.pool.shutdown(wait=False, cancel_futures=True)
            for proc in list(getattr(self.pool, "_processes", {}).values()):
                proc.terminate()
