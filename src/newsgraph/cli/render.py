"""How runs look on a terminal and in a log: progress, errors, summaries.

Everything goes to stderr so stdout stays clean for data (`export` pipes JSONL).
On a terminal a rich progress line; elsewhere (CI logs, nohup) a plain line every
few seconds, never carriage-return frames.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from rich.text import Text

from newsgraph.cli.terminal import console, printable

if TYPE_CHECKING:  # the runner imports spaCy; rendering must not
    from newsgraph.pipeline.runner import RunSummary

err = console(stderr=True, soft_wrap=True)


class RunReporter:
    """Progress callback for `pipeline.runner.run`; prints each failure as it happens.

    `total` says how many inputs the run will settle once counted (None while
    unknown): with it, a bar with percentage and time left on a terminal, and a
    plain line with the percentage every `interval` seconds in a log.
    """

    def __init__(self, *, quiet: bool = False, interval: float = 5.0, total=None) -> None:
        self.quiet = quiet
        self.interval = interval
        self.total = total or (lambda: None)
        self.shown_errors = 0
        self.started = time.monotonic()
        self.last_line = self.started
        self.live = None
        self.task = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import (BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            from rich.table import Column

            # bar, share and time left first: on a narrow terminal the counts' end is cut, not the ETA
            self.live = Progress(
                SpinnerColumn(), BarColumn(bar_width=20), TaskProgressColumn(),
                TimeRemainingColumn(table_column=Column(min_width=7, no_wrap=True)),
                TimeElapsedColumn(table_column=Column(min_width=7, no_wrap=True)),
                TextColumn("{task.description}", table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis")),
                console=err, transient=True,
            )
            self.task = self.live.add_task("starting", total=None)
            self.live.start()

    def __call__(self, summary: RunSummary) -> None:
        for error in summary.errors[self.shown_errors:]:
            err.print(Text.assemble(("error", "red"), " ", printable(error)))  # data: never markup
        self.shown_errors = len(summary.errors)
        if self.quiet:
            return
        seconds = time.monotonic() - self.started
        line = describe(summary, seconds)
        total = self.total()
        if total is not None:
            total = max(total, summary.settled)  # the count is an estimate: never past 100 %
        if self.live is not None:
            self.live.update(self.task, description=line, completed=summary.settled, total=total)
        elif time.monotonic() - self.last_line >= self.interval:
            self.last_line = time.monotonic()
            print(f"newsgraph: {share(summary.settled, total, seconds)}{line}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


def share(done: int, total: int | None, seconds: float) -> str:
    """'140 of 2,000 (7%), about 3 min left — ' for a log line; '' while the total is unknown."""
    if not total:
        return ""
    left = ""
    if 0 < done < total:
        left = f", about {_duration(seconds / done * (total - done))} left"
    return f"{done:,} of {total:,} ({100 * done // total}%){left} — "


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def describe(s: RunSummary, seconds: float) -> str:
    rate = s.articles / seconds if seconds > 0 else 0.0
    parts = [f"{s.read:,} read", f"{s.added:,} added", f"{s.present:,} already present"]
    if s.failed:
        parts.append(f"{s.failed:,} failed")
    if s.skipped:
        parts.append(f"{s.skipped:,} skipped")
    return ", ".join(parts) + f" ({rate:.1f} articles/s)"


def interrupted_line(s: RunSummary, total: int | None = None) -> str:
    """The one line Ctrl-C leaves: what was kept, what was not, and how to go on."""
    kept = f"{s.added:,} article{'s' if s.added != 1 else ''} stored"
    if s.present:
        kept += f" ({s.present:,} already present)"
    if s.failed:
        kept += f", {s.failed:,} failed"
    left = s.unfinished
    if total is not None:
        left = max(left, total - s.settled)
        rest = f"{left:,} not analysed"
    else:
        rest = f"{left:,} read but not analysed, and any inputs not yet read"
    return f"Interrupted: {kept}; {rest}; rerun the same command to continue"


def print_summary(s: RunSummary, store_path: str) -> None:
    status = "[yellow]interrupted[/yellow] — rerun the same command to finish" if s.interrupted else "done"
    err.print(f"newsgraph analyze: {status}", markup=True)
    err.print(
        f"  added {s.added:,}, already present {s.present:,}, failed {s.failed:,}, skipped {s.skipped:,}"
        f" — {s.sentences:,} sentences, {s.tokens:,} tokens in {s.seconds:.1f} s"
        f" ({s.workers} worker{'s' if s.workers != 1 else ''})",
        markup=False,
    )
    if s.skips:
        shown = ", ".join(printable(e.path) for e in s.skips[:3])
        more = f" and {len(s.skips) - 3} more" if len(s.skips) > 3 else ""
        err.print(f"  skipped (not article files): {shown}{more}", markup=False)
    if s.failed:
        err.print(f"  failures are kept in the store: newsgraph export input_errors --store {printable(store_path)}", markup=False)
    err.print(f"  store: {printable(store_path)}", markup=False)
