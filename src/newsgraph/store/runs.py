"""Which process a run belongs to, and whether that process still lives.

A run killed outright (kill -9, the out-of-memory killer, a power cut) cannot mark
its own end, so its row stays 'running'. Whoever reads the store later tells such a
run from a live one by its process: same host, the pid still alive, and that process
started no later than the run did (a pid reused by a newer process is not the run's).
"""

from __future__ import annotations

import os
import socket
from datetime import datetime

STATUSES = ("running", "completed", "interrupted", "failed", "abandoned")


def this_process() -> tuple[str, int]:
    """(host, pid) recorded with a run."""
    return socket.gethostname(), os.getpid()


def seen_status(status: str, finished_at: str | None, host: str | None, pid: int | None, started_at: str) -> str:
    """A run's status as a reader should show it: 'running' only while its process lives.

    A run still 'running' with a finish time was finished by a newsgraph older than
    the status column; one on another host cannot be checked and is shown as stored.
    """
    if status != "running":
        return status
    if finished_at is not None:
        return "completed"
    if host is not None and host != socket.gethostname():
        return status
    return "running" if pid is not None and _alive_since(pid, started_at) else "abandoned"


def _alive_since(pid: int, started_at: str) -> bool:
    """True when process `pid` exists and began no later than `started_at` (ISO, UTC)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, owned by someone else
    except OSError:
        return False
    began = _process_start(pid)
    if began is None:
        return True  # no /proc: trust the pid
    try:
        run_began = datetime.fromisoformat(started_at).timestamp()
    except ValueError:
        return True
    return began <= run_began + 2.0  # started_at has whole seconds; allow the clock's rounding


def _process_start(pid: int) -> float | None:
    """When process `pid` started (epoch seconds), from Linux's /proc; None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/stat") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith("btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None
