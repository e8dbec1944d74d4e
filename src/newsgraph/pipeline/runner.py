"""Run the whole job: inputs → articles → NLP in worker processes → the store.

The main process reads and cleans inputs (cheap), skips articles the store already
holds (before the expensive parse), and is the only writer to the store: one
transaction per batch, so an interrupted or killed run leaves whole articles only and
a rerun completes the job. Parsing runs in worker processes with one model each
(`workers.py`); small jobs run in-process, where starting workers would cost more
than it saves. A worker that dies costs only a second try of the batch it held.
The run's row in the store says how it ended: completed, interrupted or failed (a
run whose process was killed stays 'running' and is later seen as abandoned).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from newsgraph.errors import Errors, ModelError, StoreError
from newsgraph.extract import Extractor
from newsgraph.ingest import IngestOptions, iter_articles
from newsgraph.nlp import MODEL_NAME, load_pipeline
from newsgraph.pipeline.process import (
    Result,
    analyze_batch,
    init_worker,
    worker_analyze,
)
from newsgraph.pipeline.workers import (
    Batch,
    Died,
    Done,
    WorkerPool,
    WorkersCannotStart,
    sigint_ignored,
)
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
    workers_replaced: int = 0
    interrupted: bool = False
    run_id: int | None = None
    errors: list[InputError] = field(default_factory=list)
    skips: list[InputError] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.added + self.present

    @property
    def unfinished(self) -> int:
        """Inputs read but neither stored, found present nor failed: lost to an interruption, rerun finds them."""
        return self.read - self.added - self.present - self.failed

    @property
    def settled(self) -> int:
        """Inputs whose outcome is final (stored, present, failed or skipped): progress counts these."""
        return self.added + self.present + self.failed + self.skipped

    def as_dict(self) -> dict:
        return {
            "read": self.read, "added": self.added, "present": self.present,
            "failed": self.failed, "skipped": self.skipped, "unfinished": self.unfinished,
            "sentences": self.sentences, "tokens": self.tokens, "seconds": round(self.seconds, 3),
            "workers": self.workers, "workers_replaced": self.workers_replaced,
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
    """Analyse every input into `store`; returns the summary (also saved as a run).

    Ctrl-C stops at once and returns a summary marked interrupted (status
    'interrupted' in the store); any other exception marks the run 'failed' and
    propagates. Workers that keep dying before they are ready raise E304.
    """
    summary = RunSummary()
    workers = default_workers() if workers is None else max(1, workers)
    started = time.perf_counter()
    summary.run_id = store.start_run(command or {"paths": list(paths)})
    engine = _Engine(store, summary, workers=workers, batch_size=batch_size, model=model, progress=progress)
    status = "failed"
    try:
        engine.consume(iter_articles(paths, options, stdin=stdin), strict=strict)
        engine.finish()
        status = "completed"
    except KeyboardInterrupt:
        summary.interrupted = True
        status = "interrupted"
    except WorkersCannotStart as exc:
        raise ModelError("E304", reason=str(exc)) from None
    finally:
        with sigint_ignored():  # a second Ctrl-C must not cut the bookkeeping short
            engine.abort()
            summary.seconds = time.perf_counter() - started
            summary.workers = engine.workers_used
            summary.workers_replaced = engine.pool_replaced
            engine.record_errors()
            store.finish_run(summary.run_id, summary.as_dict(), status=status)
    return summary


class _Engine:
    """Batches new articles, parses them in-process or in worker processes, writes results."""

    def __init__(self, store, summary: RunSummary, *, workers: int, batch_size: int, model: str,
                 progress: Progress | None) -> None:
        self.store = store
        self.summary = summary
        self.workers = workers
        self.batch_size = max(1, batch_size)
        self.model = model
        self.progress = progress or (lambda s: None)
        self.pending: list[Article] = []
        self.queued: deque[Batch] = deque()
        self.pool: WorkerPool | None = None
        self.pool_replaced = 0
        self.seen: set[str] = set()
        self.workers_used = 0
        self.extract: Extractor | None = None
        self.recorded = 0  # how many of summary.errors are already in the store

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
                self.queued.append(Batch(self.pending))
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
        """Parse queued batches: in-process for one worker, else in the pool once there is enough work."""
        if self.pool is None:
            if self.workers == 1:
                while self.queued:
                    self._run_in_process(self.queued.popleft().articles)
                return
            if len(self.queued) < 2:
                return
            self.pool = WorkerPool(self.workers, init_worker, (self.model,), worker_analyze, (self.batch_size,))
            self.workers_used = self.workers
        self._pump(keep=self.workers)

    def _pump(self, *, keep: int) -> None:
        """Feed idle workers and store what they finish, until at most `keep` batches wait
        (with keep=0: until every batch is done). Reading pauses here, so memory stays flat."""
        while True:
            while self.queued and self.pool.has_idle():
                self.pool.submit(self.queued.popleft())
            enough = len(self.queued) <= keep and (keep > 0 or self.pool.busy == 0)
            events = self.pool.events(0 if enough else None)
            for event in events:
                self._handle(event)
            if enough and not events:
                return

    def _handle(self, event: Done | Died) -> None:
        if isinstance(event, Done):
            self._store(event.results)
            return
        batch = event.batch
        self.pool_replaced += 1
        if batch is None:
            return
        if not event.started:
            self.queued.appendleft(batch)  # it never ran: resubmitted as it was, no failure
        elif batch.retry:
            reason = f"{event.reason}; it was the second try"
            self._store([InputError(a.path, a.line, "E303", Errors.E303.format(reason=reason))
                         for a in batch.articles])
        else:
            # Its one retry goes article by article, so an article that kills its
            # worker again (too big for memory) costs only itself.
            self.queued.extendleft(Batch([a], retry=True) for a in reversed(batch.articles))

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
        self.record_errors()
        self.progress(self.summary)

    def _write(self, records: list[ArticleRecords]) -> None:
        added, present = self.store.write_batch(records, run_id=self.summary.run_id)
        self.summary.added += added
        self.summary.present += present
        self.summary.sentences += sum(len(r.sentences) for r in records)
        self.summary.tokens += sum(r.tokens for r in records)

    def record_errors(self) -> None:
        """Keep the failures met so far in the store, so a run killed later has not lost them."""
        new = self.summary.errors[self.recorded:]
        if new:
            self.store.record_errors(self.summary.run_id, new)
            self.recorded += len(new)

    def finish(self) -> None:
        if self.pending:
            self.queued.append(Batch(self.pending))
            self.pending = []
        if self.pool is None:
            while self.queued:
                self._run_in_process(self.queued.popleft().articles)
        else:
            self._pump(keep=0)
            self.pool.close()
            self.pool = None

    def abort(self) -> None:
        """Stop the workers now; what they held is not stored (a rerun parses it)."""
        if self.pool is not None:
            self.pool.stop()
            self.pool = None
        self.queued.clear()
        self.pending = []
