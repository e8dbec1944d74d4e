"""What the workbench keeps between requests: the whole-store analyses, computed once.

Stories and conflicting claims read every article (`analysis.find_stories`,
`analysis.conflicting_claims`): seconds to a minute on thousands of articles, far too
slow for a page. They are computed in a background thread on their own read-only
connection, when the server starts and again when the store has grown (an `analyze`
writing beside the server); until the new result is ready the pages show the last one
and say on how many articles it was computed. Nothing is written anywhere.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from . import queries

# Recompute at most this often while the store keeps growing (a long analyze).
MIN_INTERVAL = 60.0


@dataclass
class Analyses:
    stories: dict[str, Any]
    claims: list[dict[str, Any]]
    bias: dict[str, str]
    summaries: list[dict[str, Any]]
    fingerprint: tuple[int, int]
    seconds: float


def connect_readonly(path: str) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(path) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only = 1")
    conn.execute("PRAGMA busy_timeout = 15000")
    return conn


def compute(path: str) -> Analyses:
    """Stories, their summaries and coverage, and the conflicting claims, over the whole store."""
    from ..analysis import conflicting_claims, find_stories

    started = time.perf_counter()
    conn = connect_readonly(path)
    try:
        conn.execute("BEGIN")  # one snapshot for every query, even while analyze writes
        key = queries.fingerprint(conn)
        stories = find_stories(conn)
        stories.pop("pairs", None)  # the audit trail of every scored pair: large, not shown
        claims = conflicting_claims(conn)
        bias = queries.bias_by_article(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return Analyses(stories, claims, bias, queries.story_summaries(stories, bias), key,
                    round(time.perf_counter() - started, 2))


@dataclass
class Workbench:
    """Per-server state: the store's path and the cached analyses."""

    path: str
    database: str
    min_interval: float = MIN_INTERVAL
    analyses: Analyses | None = None
    error: str | None = None
    started_at: float | None = None
    finished_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _done: threading.Event = field(default_factory=threading.Event)
    _memo: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # A story's id is a hash of its articles: when the store grows, a story that gains an
    # article gets a new id. Old ids are kept with one of their articles, so a link
    # made earlier still leads to the story that article is in now.
    retired: dict[str, str] = field(default_factory=dict)

    def memo(self, name: str, key: Any, compute):
        """A page's data kept while the store is unchanged (`key`: its fingerprint)."""
        found = self._memo.get(name)
        if found is not None and found[0] == key:
            return found[1]
        value = compute()
        self._memo[name] = (key, value)
        return value

    def refresh(self, current: tuple[int, int] | None = None) -> None:
        """Start computing the analyses unless they are current or being computed."""
        with self._lock:
            if self.started_at is not None:
                return
            if self.analyses is not None and (current is None or current == self.analyses.fingerprint):
                return
            if self.analyses is not None and time.monotonic() - self.finished_at < self.min_interval:
                return
            self.started_at = time.monotonic()
            self._done.clear()
        threading.Thread(target=self._run, name="newsgraph-analyses", daemon=True).start()

    def _run(self) -> None:
        try:
            result, error = compute(self.path), None
        except Exception as exc:  # noqa: BLE001 — shown on the page, the server goes on
            result, error = None, f"{type(exc).__name__}: {exc}"
        with self._lock:
            if result is not None:
                if self.analyses is not None:
                    now = {st["story_id"] for st in result.stories["stories"]}
                    for st in self.analyses.stories["stories"]:
                        if st["story_id"] not in now and st["articles"]:
                            self.retired[st["story_id"]] = st["articles"][0]["article_id"]
                self.analyses = result
            self.error = error
            self.started_at = None
            self.finished_at = time.monotonic()
            self._done.set()

    def successor(self, story_id: str) -> str | None:
        """The current story holding an article of a story id that no longer exists."""
        article_id = self.retired.get(story_id)
        if article_id is None or self.analyses is None:
            return None
        for st in self.analyses.stories["stories"]:
            if any(a["article_id"] == article_id for a in st["articles"]):
                return st["story_id"]
        return None

    def wait(self, seconds: float) -> Analyses | None:
        """The analyses, waiting up to `seconds` when none are ready yet."""
        if self.analyses is None and self.started_at is not None:
            self._done.wait(seconds)
        return self.analyses

    def status(self, current: tuple[int, int]) -> dict[str, Any]:
        """What a page says about the analyses it shows."""
        a = self.analyses
        return {
            "computing": self.started_at is not None,
            "computing_for": round(time.monotonic() - self.started_at, 1) if self.started_at is not None else None,
            "computed_on_articles": a.fingerprint[0] if a else None,
            "store_articles": current[0],
            "stale": bool(a and a.fingerprint != current),
            "seconds": a.seconds if a else None,
            "error": self.error,
        }
