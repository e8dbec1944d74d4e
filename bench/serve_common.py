"""What the workbench benchmarks share: a `newsgraph serve` process and the pages to load."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

SEARCHES = ["Trump", "Russia", "election", "sanctions", "China trade", "Supreme Court", "Iran nuclear",
            "immigration", "climate", "Putin", "vaccine", "tariffs"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 60.0) -> tuple[int, bytes, float]:
    """Status, body and wall time in ms of one GET (errors are statuses, never exceptions)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            body, status = r.read(), r.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    except (urllib.error.URLError, OSError) as exc:
        body, status = str(exc).encode(), 0
    return status, body, (time.perf_counter() - started) * 1000


@contextmanager
def serving(store: Path, *, log: Path | None = None):
    """`python -m newsgraph serve` on a free port, ready; stopped (by its pid) afterwards."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--store", str(store), "--port", str(port)],
                            stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"newsgraph serve exited with {proc.returncode}")
            if fetch(base + "/home.json", timeout=5)[0] == 200:
                break
            time.sleep(0.5)
        else:
            raise SystemExit("newsgraph serve did not answer within 120 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


def wait_for_stories(base: str, limit: float = 900.0) -> float:
    """Seconds until the stories (computed in the background at start) are ready."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        status, _, _ = fetch(base + "/stories.json", timeout=30)
        if status == 200:
            return time.monotonic() - started
        time.sleep(2)
    raise SystemExit(f"stories not ready after {limit:.0f} s")


def q(value: str) -> str:
    return urllib.parse.quote(str(value), safe="")


def page_urls(base: str, per_page: int = 20) -> dict[str, list[str]]:
    """For each page kind, up to `per_page` paths a reader would open on this store."""
    home = json.loads(fetch(base + "/home.json")[1])
    browse = json.loads(fetch(base + "/events.json")[1])
    urls: dict[str, list[str]] = {"home": ["/"]}
    urls["actor"] = [f"/actor/{q(a['actor_id'])}" for a in home["top_actors"][:per_page]]
    urls["dyad"] = [f"/dyad/{q(d['dyad'][0])}/{q(d['dyad'][1])}" for d in home["top_dyads"][:per_page]]
    events = ["/events"]
    for facet in ("plover", "country", "actor", "outlet", "date", "quad_class", "status"):
        events += [f"/events?{facet}={q(v['value'])}" for v in browse["facets"][facet][:3] if v["value"] is not None]
    urls["events"] = events[:per_page]
    urls["search"] = [f"/search?q={q(w)}" for w in SEARCHES][:per_page]
    status, body, _ = fetch(base + "/stories.json")
    if status == 200:
        listed = json.loads(body)["listed"]
        urls["stories"] = ["/stories", "/stories?min_articles=1", "/stories?blindspot=right"]
        urls["story"] = [f"/story/{q(s['story_id'])}" for s in listed[:per_page]]
    arts = json.loads(fetch(base + f"/newsgraph/articles.json?_shape=array&_col=article_id&_size={per_page}")[1])
    urls["article"] = [f"/article/{q(a['article_id'])}" for a in arts]
    urls["table"] = ["/newsgraph/events_public?_size=50", "/newsgraph/articles?_size=20&_sort_desc=date"]
    return urls


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]
