"""How runs look on a terminal and in a log: progress, errors, summaries.

Everything goes to stderr so stdout stays clean for data (`export` pipes JSONL).
On a terminal a rich progress line; elsewhere (CI logs, nohup) a plain line every
few seconds, never carriage-return frames.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from newsgraph.cli.terminal import console, escaped, printable

if TYPE_CHECKING:  # the runner imports spaCy; rendering must not
    from newsgraph.pipeline.runner import RunSummary

err = console(stderr=True, soft_wrap=True)


class RunReporter:
    """Progress callback for `pipeline.runner.run`; prints each failure as it happens."""

    def __init__(self, *, quiet: bool = False, interval: float = 5.0) -> None:
        self.quiet = quiet
        self.interval = interval
        self.shown_errors = 0
        self.started = time.monotonic()
        self.last_line = self.started
        self.live = None
        self.task = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.live = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=None),
                TimeElapsedColumn(), console=err, transient=True,
            )
            self.task = self.live.add_task("starting", total=None)
            self.live.start()

    def __call__(self, summary: RunSummary) -> None:
        for error in summary.errors[self.shown_errors:]:
            err.print(f"[red]error[/red] {escaped(error)}", markup=True, highlight=False)
        self.shown_errors = len(summary.errors)
        if self.quiet:
            return
        line = describe(summary, time.monotonic() - self.started)
        if self.live is not None:
            self.live.update(self.task, description=line)
        elif time.monotonic() - self.last_line >= self.interval:
            self.last_line = time.monotonic()
            print(f"newsgraph: {line}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


def describe(s: RunSummary, seconds: float) -> str:
    rate = s.articles / seconds if seconds > 0 else 0.0
    parts = [f"{s.read:,} read", f"{s.added:,} added", f"{s.present:,} already present"]
    if s.failed:
        parts.append(f"{s.failed:,} failed")
    if s.skipped:
        parts.append(f"{s.skipped:,} skipped")
    return ", ".join(parts) + f" ({rate:.1f} articles/s)"


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
