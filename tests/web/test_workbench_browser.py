"""The workbench in a real browser: a real server (uvicorn on 127.0.0.1), headless Chromium.

On a store built from `examples/` (and the seeds when `../shared` is there) plus the
analysis fixture's articles, each page opens, shows the figures SQL gives, draws every
chart with a size on screen and requests nothing from another origin. On a store of
hostile rows (markup and `javascript:` URLs in every text field) no script runs on any
page. Screenshots go to `$NEWSGRAPH_SCREENSHOTS` (`docs/screenshots` for the docs),
else to a temporary folder. Marked `browser`; skipped without Chromium or Playwright.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, SHARED
from .stores import EVIL_ID, build_hostile_store, build_workbench_store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.issue(15)]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`newsgraph serve` in a thread: the same Datasette, plugin and uvicorn."""

    def __init__(self, path: Path) -> None:
        import uvicorn

        from newsgraph.web import make_datasette
        from newsgraph.web.plugin import workbench

        self.ds = make_datasette(path)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.ds.app(), host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started, "the server did not start"
        workbench(self.ds).wait(180)  # stories and claims ready before the first story page

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("NEWSGRAPH_WORKBENCH_STORE")  # a store built beforehand, copied, never written
    path = tmp_path_factory.mktemp("browser") / "workbench.db"
    if prebuilt:
        for suffix in ("", "-wal"):
            if os.path.exists(prebuilt + suffix):
                shutil.copy(prebuilt + suffix, str(path) + suffix)
        return path
    pytest.importorskip("spacy")
    inputs = [EXAMPLES] + ([SHARED / "corpus" / "seeds"] if (SHARED / "corpus" / "seeds").is_dir() else [])
    return build_workbench_store(path, inputs)


@pytest.fixture(scope="module")
def served(store):
    server = Server(store)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    out = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def one(path: Path, query: str, params=()):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(query, params).fetchone()[0]
    finally:
        conn.close()


def kept(alias="e"):
    from newsgraph.analysis.sql import kept_events

    return kept_events(alias)


def open_page(browser, url: str, shots: Path | None = None, name: str | None = None):
    """The page loaded, what it requested, and the on-screen size of every chart."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    sizes = page.eval_on_selector_all(
        "svg.chart", "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")
    if shots is not None and name:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
    return page, requests, failed, sizes


def number(page, selector: str) -> int:
    return int(page.inner_text(selector).strip().split()[0].replace(",", ""))


def check_offline(url: str, requests: list[str], failed: list[str]) -> None:
    origin = urllib.parse.urlsplit(url)[:2]
    assert all(urllib.parse.urlsplit(r)[:2] == origin for r in requests), requests  # nothing from elsewhere
    assert not failed, failed


def test_pages_show_the_store(browser, served, store, shots):
    pages = []

    # Home: the counts, and charts with a size
    page, requests, failed, sizes = open_page(browser, served.url + "/", shots, "home")
    assert number(page, '[data-count="articles"] b') == one(store, "SELECT count(*) FROM articles")
    assert number(page, '[data-count="events"] b') == one(store, f"SELECT count(*) FROM events AS e WHERE {kept()}")
    assert len(sizes) >= 2 and all(w > 300 and h > 50 for w, h in sizes), sizes
    pages.append((page, requests, failed, served.url + "/"))

    # an actor: the most mentioned one with events
    actor = one(store, "SELECT source_id FROM events AS e WHERE source_id NOT LIKE 'role-%' AND "
                       f"{kept()} GROUP BY source_id ORDER BY count(*) DESC LIMIT 1")
    url = served.url + "/actor/" + urllib.parse.quote(actor, safe="")
    page, requests, failed, sizes = open_page(browser, url, shots, "actor")
    assert number(page, '[data-count="mentions"]') == one(store, "SELECT count(*) FROM mentions WHERE actor_id = ?", (actor,))
    column = "source_country" if actor.isupper() and len(actor) == 3 else "source_id"
    assert number(page, '[data-count="as_source"]') == one(
        store, f"SELECT count(*) FROM events AS e WHERE {column} = ? AND {kept()}", (actor,))
    assert sizes and all(w > 300 and h > 50 for w, h in sizes), sizes
    pages.append((page, requests, failed, url))

    # the busiest dyad of countries, both ways
    a, b = sorted(one(store, "SELECT source_country || ' ' || target_country FROM events AS e WHERE "
                             f"source_country != target_country AND {kept()} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").split())
    url = f"{served.url}/dyad/{a}/{b}"
    page, requests, failed, sizes = open_page(browser, url, shots, "dyad")
    for key, (x, y) in (("a_to_b", (a, b)), ("b_to_a", (b, a))):
        want = one(store, f"SELECT count(*) FROM events AS e WHERE source_country = ? AND target_country = ? AND {kept()}", (x, y))
        assert number(page, f'[data-count="{key}"]') == want
    assert sizes and all(w > 300 and h > 50 for w, h in sizes), sizes
    assert page.eval_on_selector_all("mark.trigger", "els => els.length") > 0
    pages.append((page, requests, failed, url))

    # the event browser, filtered by the busiest type
    plover = one(store, f"SELECT plover FROM events AS e WHERE {kept()} GROUP BY plover ORDER BY count(*) DESC LIMIT 1")
    url = f"{served.url}/events?plover={plover}"
    page, requests, failed, sizes = open_page(browser, url, shots, "events")
    assert number(page, '[data-count="total"]') == one(store, f"SELECT count(*) FROM events AS e WHERE plover = ? AND {kept()}", (plover,))
    assert page.eval_on_selector_all(".facet", "els => els.length") == 8
    assert all(w > 300 and h > 50 for w, h in sizes), sizes
    pages.append((page, requests, failed, url))

    # stories, and the biggest story side by side
    url = served.url + "/stories"
    page, requests, failed, _ = open_page(browser, url, shots, "stories")
    pages.append((page, requests, failed, url))
    first = page.eval_on_selector('#list a[href^="/story/"]', "a => a.getAttribute('href')")
    url = served.url + first
    page, requests, failed, _ = open_page(browser, url, shots, "story")
    n = number(page, '[data-count="articles"]')
    assert n >= 2 and page.eval_on_selector_all(".cols .col", "els => els.length") == number(page, '[data-count="outlets"]')
    pages.append((page, requests, failed, url))

    # search
    url = served.url + "/search?q=Maduro"
    page, requests, failed, _ = open_page(browser, url, shots, "search")
    assert number(page, '[data-count="sentences"]') == one(
        store, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\"Maduro\"'")
    assert page.eval_on_selector_all("#sentences mark", "els => els.length") > 0
    pages.append((page, requests, failed, url))

    # an article, its sentence marked
    aid, sentence = one(store, "SELECT article_id || ' ' || sentence FROM events AS e "
                               f"WHERE {kept()} LIMIT 1").split()
    url = f"{served.url}/article/{aid}?s={sentence}#s-{sentence}"
    page, requests, failed, _ = open_page(browser, url, shots, "article")
    assert page.eval_on_selector_all("span.sentence.here", "els => els.length") == 1
    pages.append((page, requests, failed, url))

    for page, requests, failed, url in pages:
        check_offline(url, requests, failed)
        page.close()
    if os.environ.get("NEWSGRAPH_SCREENSHOTS"):
        assert all((shots / f"{n}.png").stat().st_size > 10_000 for n in
                   ("home", "actor", "dyad", "events", "stories", "story", "search", "article"))


def test_hostile_rows_run_nothing(browser, tmp_path):
    path = build_hostile_store(tmp_path / "hostile.db")
    server = Server(path)
    try:
        conn = sqlite3.connect(path)
        aid = conn.execute("SELECT article_id FROM articles LIMIT 1").fetchone()[0]
        conn.close()
        evil = urllib.parse.quote(EVIL_ID, safe="")
        urls = ["/", f"/actor/{evil}", "/actor/EVL", "/actor/OTH", "/dyad/EVL/OTH", f"/dyad/{evil}/OTH", "/events",
                f"/events?actor={evil}", "/stories?min_articles=1", "/search?q=Evilland", f"/article/{aid}?s=1",
                "/newsgraph/articles", "/newsgraph/actors", "/newsgraph/events_public"]
        ran: list[str] = []
        for u in urls:
            page = browser.new_page()
            page.on("dialog", lambda d: (ran.append(d.message), d.dismiss()))
            page.goto(server.url + u, wait_until="load")
            page.wait_for_timeout(100)
            assert page.evaluate("() => window.__pwned") is None, u
            assert page.eval_on_selector_all("img", "els => els.length") == 0, u
            assert page.eval_on_selector_all("a[href^='javascript:' i]", "els => els.length") == 0, u
            if not u.startswith("/newsgraph"):
                assert page.eval_on_selector_all("script", "els => els.length") == 0, u
            else:  # Datasette's own pages have their own scripts, but none of ours
                assert page.evaluate("() => [...document.scripts].some(s => s.text.includes('__pwned'))") is False, u
            page.close()
        assert ran == []
    finally:
        server.stop()
