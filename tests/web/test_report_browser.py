"""The HTML report in a real browser: it renders its charts and requests nothing.

Opens the report from a file:// URL in headless Debian Chromium through Playwright,
records every request the page makes, and checks the charts have a size on screen.
Marked `browser`; skipped when Chromium or Playwright is absent (`.ci/run` installs
Chromium when it can).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgraph.report import write_report
from newsgraph.store import open_store

from ..analysis.conftest import analysis_store, article_ids  # noqa: F401  (session fixtures)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(os.environ.get("NEWSGRAPH_SCREENSHOT", "/tmp/newsgraph-report.png"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_report_renders_offline(browser, analysis_store, tmp_path):
    report = tmp_path / "report.html"
    with open_store(analysis_store, readonly=True) as st:
        write_report(st, report)
    url = report.resolve().as_uri()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")
    sizes = page.eval_on_selector_all(
        "svg.chart", "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    marks = page.eval_on_selector_all("svg.chart rect, svg.chart circle", "els => els.length")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.close()
    assert requests == [url]
    assert len(sizes) >= 4 and all(w > 0 and h > 0 for w, h in sizes)
    assert marks > 10
    assert SCREENSHOT.stat().st_size > 10_000
