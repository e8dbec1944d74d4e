"""The workbench in process (Datasette's ASGI client, no network): every page and its
JSON twin, the figures checked against SQL, hostile rows rendered inert, nothing writable."""

from __future__ import annotations

import itertools
import re
import sqlite3
import urllib.parse

import pytest

from newsgraph.web import queries
from newsgraph.web.charts import LABEL_ROOM, time_chart

from .stores import EVIL_ID, HOSTILE_STRINGS, PWN

pytestmark = pytest.mark.issue(15)


def sql(path, query, params=()):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def kept(alias="e"):
    from newsgraph.analysis.sql import kept_events

    return kept_events(alias)


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def test_home_counts_match_sql(client, fixture_store):
    data = client.get("/home.json").json()
    counts = data["counts"]
    assert counts["articles"] == sql(fixture_store, "SELECT count(*) FROM articles")[0][0] == 9
    assert counts["events"] == sql(fixture_store, f"SELECT count(*) FROM events AS e WHERE {kept()}")[0][0]
    assert counts["quotes"] == sql(fixture_store, "SELECT count(*) FROM quotes")[0][0]
    by_month = {r["period"]: r["articles"] for r in data["articles_by_month"]}
    assert by_month["2023-05"] == 3 and by_month["2024-06"] == 1
    assert data["top_dyads"][0]["dyad"] == ["NRL", "SDV"]
    html = client.get("/").text
    assert f'data-count="articles"><b>{counts["articles"]}</b>' in html
    assert html.count("<svg") >= 2 and "Articles by month" in html


def test_actor_page_labels_tone_quotes(client, fixture_store):
    data = client.get("/actor/tomas-brel.json").json()
    assert data["actor"]["name"] == "Tomás Brel"
    assert data["actor"]["mentions"] == sql(fixture_store, "SELECT count(*) FROM mentions WHERE actor_id = 'tomas-brel'")[0][0]
    ledger = next(g for g in data["outlets"] if g["outlet"] == "ledger")
    assert {(label["label"], label["voice"]) for label in ledger["labels"]} >= {("legitimately elected", "author"), ("Premier", "author")}
    harbour = next(g for g in data["outlets"] if g["outlet"] == "harbourtimes")
    assert harbour["tone"]["quoted"]["mentions"] == 1 and harbour["tone"]["quoted"]["score"] == -0.6
    varga = client.get("/actor/ilse-varga.json").json()
    assert varga["quotes_by"]["total"] == sql(fixture_store, "SELECT count(*) FROM quotes WHERE speaker_id = 'ilse-varga'")[0][0] == 1
    html = client.get("/actor/tomas-brel").text
    assert "<h1>Tomás Brel</h1>" in html and f'data-count="mentions">{data["actor"]["mentions"]}<' in html
    assert "legitimately elected" in html and 'class="chart tone"' in html


def test_country_page_counts_every_actor_of_the_country(client, fixture_store):
    data = client.get("/actor/NRL.json").json()
    assert data["scope"] == "country"
    want = sql(fixture_store, f"SELECT count(*) FROM events AS e WHERE e.source_country = 'NRL' AND {kept()}")[0][0]
    assert data["as_source"]["events"] == want == 4
    assert {p["other"] for p in data["partners"]} == {"SDV"}
    html = client.get("/actor/NRL").text
    assert 'class="chart time"' in html and "2023" in html


def test_dyad_both_ways_with_evidence(client, fixture_store):
    data = client.get("/dyad/NRL/SDV.json").json()
    for key, (a, b) in (("a_to_b", ("NRL", "SDV")), ("b_to_a", ("SDV", "NRL"))):
        want = sql(fixture_store, f"SELECT count(*) FROM events AS e WHERE source_country = ? AND target_country = ? "
                                  f"AND {kept()}", (a, b))[0][0]
        assert data[key]["events"] == want
        assert sum(len(p["events"]) for p in data[key]["by_period"]) == want
    assert (data["a_to_b"]["events"], data["b_to_a"]["events"]) == (4, 1)
    first = data["a_to_b"]["by_period"][0]["events"][0]
    trigger = next(m for m in first["marks"] if m["kind"] == "trigger")
    assert first["evidence"][trigger["start"]:trigger["end"]] == "signed"
    html = client.get("/dyad/NRL/SDV").text
    assert '<mark class="trigger">signed</mark>' in html
    assert 'href="#ab-2023-05"' in html and 'id="ab-2023-05"' in html  # each bar links to its events
    assert f'href="/article/{first["article_id"]}?s=0#s-0"' in html


def test_event_browser_facets_and_filters(client, fixture_store):
    data = client.get("/events.json").json()
    total = sql(fixture_store, f"SELECT count(*) FROM events AS e WHERE {kept()}")[0][0]
    assert data["total"] == total
    assert sum(f["count"] for f in data["facets"]["plover"]) == total
    assert set(data["facets"]) == set(queries.FACETS)
    accuse = client.get("/events.json?plover=ACCUSE").json()
    assert accuse["total"] == sql(fixture_store, f"SELECT count(*) FROM events AS e WHERE plover = 'ACCUSE' AND {kept()}")[0][0]
    assert all(e["plover"] == "ACCUSE" for e in accuse["events"])
    ledger = client.get("/events.json?outlet=ledger&date=2024").json()
    assert ledger["total"] == 2 and {e["plover"] for e in ledger["events"]} == {"ACCUSE", "REJECT"}
    assert client.get("/events.json?quad_class=3&country=SDV").json()["total"] == 2
    everything = client.get("/events.json?min_confidence=0").json()
    assert everything["total"] >= total
    html = client.get("/events?plover=AGREE").text
    assert "plover = AGREE" in html and html.count('class="ev"') == 3


def test_stories_and_story_page(client, fixture_store):
    data = client.get("/stories.json?min_articles=1").json()
    assert data["stories"] == len(data["listed"])
    assert sum(s["articles"] for s in data["listed"]) == 9
    accord = max(data["listed"], key=lambda s: s["articles"])
    assert accord["articles"] >= 3
    story = client.get(f"/story/{accord['story_id']}.json").json()
    assert sum(len(c["articles"]) for c in story["columns"]) == accord["articles"]
    assert {c["source"] for c in story["columns"]} >= {"harbourtimes", "ledger"}
    html = client.get(f"/story/{accord['story_id']}").text
    assert "Side by side" in html and "harbourtimes" in html
    # every conflicting claim made in a story's articles shows on its page (as the analysis finds them)
    from newsgraph.analysis import conflicting_claims

    conn = sqlite3.connect(f"file:{fixture_store}?mode=ro", uri=True)
    claims = conflicting_claims(conn)
    conn.close()
    for s in data["listed"]:
        page = client.get(f"/story/{s['story_id']}.json").json()
        inside = {x["article_id"] for c in page["columns"] for x in c["articles"]}
        want = {(c["subject"], c["aspect"]) for c in claims
                if any(x["article_id"] in inside for x in c["for"] + c["against"])}
        assert {(c["subject"], c["aspect"]) for c in page["conflicts"]} == want


def test_a_retired_story_id_redirects(client):
    story = client.bench.analyses.stories["stories"][0]
    client.bench.retired["s-0ld0ld00"] = story["articles"][0]["article_id"]
    r = client.get("/story/s-0ld0ld00.json")
    assert r.status_code == 301 and r.headers["location"].endswith(f"/story/{story['story_id']}.json")


def test_coverage_and_blindspot():
    arts = [{"article_id": "a", "outlet": "L", "date": "2020-01-02"}, {"article_id": "b", "outlet": "C", "date": "2020-01-01"}]
    bias = {"a": "Lean Left", "b": "Center"}
    cov = queries.coverage(arts, bias)
    assert cov["blindspot"] == "right" and cov["sides"] == {"left": 1, "center": 1, "right": 0}
    assert cov["first"] == {"source": "C", "date": "2020-01-01"}
    assert queries.coverage(arts, {"a": "left", "b": "right"})["blindspot"] is None
    assert queries.coverage(arts[:1], bias)["blindspot"] is None  # one article is alone, not a blindspot
    # the stories analysis' own verdict wins when it gives one
    assert queries.coverage(arts, bias, {"blindspot": False})["blindspot"] is None


def test_search_sentences_and_quotes(client, fixture_store):
    data = client.get("/search.json?q=accord").json()
    assert data["sentences_total"] == sql(fixture_store, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'accord'")[0][0]
    assert data["quotes_total"] == 1
    html = client.get("/search?q=accord").text
    assert "<mark>accord</mark>" in html.lower() or "<mark>Accord</mark>" in html
    odd = client.get('/search.json?q=%22+OR+NEAR(').json()  # user text never trips FTS syntax
    assert "error" not in odd


def test_article_page_marks_the_sentence(client, fixture_store):
    aid = sql(fixture_store, "SELECT article_id FROM articles WHERE outlet = 'harbourtimes' ORDER BY date LIMIT 1")[0][0]
    html = client.get(f"/article/{aid}?s=2").text
    assert re.search(r'class="sentence here" id="s-2">“This accord', html)
    data = client.get(f"/article/{aid}.json").json()
    assert data["article"]["article_id"] == aid and len(data["events"]) == 1


def test_not_found_and_lookup(client):
    assert client.get("/actor/nobody-at-all").status_code == 404
    assert client.get("/story/s-00000000.json").status_code == 404
    assert client.get("/article/nope.json").json() == {"error": "Article 'nope' not found"}
    found = client.get("/actor?q=Brel")
    assert found.status_code == 302 and found.headers["location"].endswith("/actor/tomas-brel")
    assert client.get("/actor?q=Zzzyzx").status_code == 404
    found = client.get("/actor.json?q=Varga")
    assert found.status_code == 302 and found.headers["location"].endswith("/actor/ilse-varga.json")
    assert "error" in client.get("/actor.json?q=Zzzyzx").json()


def test_datasette_own_pages_stay(client):
    assert client.get("/newsgraph").status_code == 200
    assert client.get("/newsgraph/events_public.json?_shape=array&_size=2").status_code == 200
    csv = client.get("/newsgraph/articles.csv")
    assert csv.status_code == 200 and csv.text.startswith("article_id")


def hostile_pages(path):
    """Every workbench page (and some of Datasette's) for the hostile rows."""
    aid = sql(path, "SELECT article_id FROM articles ORDER BY rowid LIMIT 1")[0][0]
    return [
        "/", "/home.json", f"/actor/{q(EVIL_ID)}", f"/actor/{q(EVIL_ID)}.json", "/actor/EVL", "/actor/OTH",
        "/dyad/EVL/OTH", f"/dyad/{q(EVIL_ID)}/OTH", "/events", "/events?min_confidence=0",
        f"/events?actor={q(EVIL_ID)}", f"/events?outlet={q('<script>')}", "/stories?min_articles=1",
        "/search?q=Evilland", "/search?q=" + q("<script>"), f"/article/{aid}", f"/article/{aid}?s=1",
        "/newsgraph/articles", "/newsgraph/actors", "/newsgraph/events_public",
    ]


def test_hostile_rows_render_inert(hostile_store):
    from .conftest import Client

    c = Client(hostile_store)
    try:
        stories = c.get("/stories.json?min_articles=1").json()["listed"]
        pages = hostile_pages(hostile_store) + [f"/story/{s['story_id']}" for s in stories]
        for page in pages:
            r = c.get(page)
            assert r.status_code == 200, page
            body = r.text
            if page.endswith(".json") or ".json?" in page:
                r.json()
                continue
            for raw in HOSTILE_STRINGS[:2]:
                assert raw not in body, (page, raw)
            assert "<img" not in body, page
            assert not re.search(r"<svg[^>]*onload", body), page
            assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", body, re.IGNORECASE), page
            if not page.startswith("/newsgraph"):
                assert "<script" not in body, page  # the workbench's pages carry no script at all
                assert "script-src" not in r.headers["content-security-policy"]
        assert "Evilland &lt;script&gt;" in c.get("/actor/EVL").text
        assert PWN in c.get("/actor/EVL.json").json()["actor"]["name"]  # JSON keeps the data as it is
    finally:
        c.close()


def test_nothing_is_writable(client, fixture_store):
    before = sql(fixture_store, "SELECT count(*) FROM articles")[0][0]
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for page in ("/", "/newsgraph/articles", "/newsgraph/-/insert", "/newsgraph/articles/-/insert", "/-/messages"):
            r = c_request(client, method, page)
            assert r.status_code == 405, (method, page)
    r = client.get("/newsgraph.json?sql=" + q("DELETE FROM articles"))
    assert r.status_code == 400
    db = client.ds.get_database("newsgraph")
    assert client.loop.run_until_complete(db.execute_fn(lambda c: c.execute("PRAGMA query_only").fetchone()[0])) == 1
    with pytest.raises(sqlite3.OperationalError):  # even Datasette's own write connection cannot write
        client.loop.run_until_complete(db.execute_write("DELETE FROM articles"))
    assert sql(fixture_store, "SELECT count(*) FROM articles")[0][0] == before


def c_request(client, method, page):
    return client.request(method, page, data={"sql": "DELETE FROM articles", "row": "{}"})


def test_serve_binds_loopback_by_default(tmp_path):
    import inspect

    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.cli.serve import LOOPBACK, is_loopback, serve, serve_cli

    assert inspect.signature(serve_cli).parameters["host"].default == LOOPBACK == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == LOOPBACK
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "missing.db")])
    assert result.exit_code == 2 and "E430" in result.output


@pytest.mark.parametrize("months", [1, 7, 18, 40, 120, 400])
def test_time_axis_labels_never_overprint(months):
    rows = []
    year, month = 2001, 1
    for i in range(months):
        rows.append({"period": f"{year:04d}-{month:02d}", "up": i % 5 + 1, "down": i % 3})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    rows.append({"period": "2001", "up": 4, "down": 0})
    rows.append({"period": None, "up": 2, "down": 0})
    svg = str(time_chart(rows, title="t", up="up", down="down"))
    assert 'width="880"' in svg and 'viewBox="0 0 880 190"' in svg
    assert svg.count('class="bar up"') == months
    assert "6 more dated only to the year or undated" in svg
    for cls in ("month", "year"):
        xs = [float(x) for x in re.findall(rf'<text class="{cls}" x="([\d.]+)"', svg)]
        assert all(b - a >= LABEL_ROOM - 0.01 for a, b in itertools.pairwise(xs)), (cls, xs)
    years = [int(y) for y in re.findall(r'<text class="year"[^>]*>(\d+)<', svg)]
    assert years == sorted(set(years)) and 2001 <= years[0] <= 2002 and years[-1] <= 2001 + months // 12


def test_time_axis_keeps_empty_months():
    svg = str(time_chart([{"period": "2019-01", "n": 1}, {"period": "2019-12", "n": 2}], title="t", up="n"))
    assert "12 months, Jan 2019 – Dec 2019" in svg and svg.count('class="bar up"') == 2
    assert "<svg" not in time_chart([{"period": None, "n": 3}], title="t", up="n")  # said, not drawn
    assert time_chart([], title="t", up="n") is None


def test_analyses_follow_a_growing_store(tmp_path):
    """Stories are computed in the background; a grown store is recomputed while the old result is served."""
    from newsgraph.store import open_store
    from newsgraph.web.state import Workbench

    from ..analysis.fixtures import build_analysis_store
    from .stores import hostile_records

    path = build_analysis_store(tmp_path / "growing.db")
    bench = Workbench(str(path), "newsgraph", min_interval=0)
    bench.refresh()
    assert bench.wait(120) is not None and bench.analyses.fingerprint[0] == 7
    from ..analysis.fixtures import ACCORD, _accord

    copy = _accord(ACCORD[:3] + ["A third paper ran the wire copy of the Kessel accord."], "thirdpaper", "2023-05-10",
                   "Kessel fishing accord signed")  # joins the accord's story, whose id then changes
    with open_store(path) as store:
        store.write_batch(hostile_records()[:1] + [copy.records()])
    current = queries.fingerprint(sqlite3.connect(path))
    status = bench.status(current)
    assert status["stale"] and status["computed_on_articles"] == 7 and status["store_articles"] == 9
    bench.refresh(current)
    assert bench.analyses is not None  # the old result is still served meanwhile
    bench._done.wait(120)
    assert bench.analyses.fingerprint == current and not bench.status(current)["stale"]
    assert sum(s["articles"] for s in bench.analyses.summaries) == 9
    # a story id from before still leads to the story its article is in now
    assert bench.retired
    for old_id, article_id in bench.retired.items():
        new_id = bench.successor(old_id)
        assert any(a["article_id"] == article_id for s in bench.analyses.stories["stories"]
                   if s["story_id"] == new_id for a in s["articles"])


def _outward_address() -> str | None:
    """This machine's address on its outward interface (no packet is sent), if it has one."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_cli_serves_on_loopback_only(fixture_store):
    """`newsgraph serve` as a user runs it: answers on 127.0.0.1, not on the machine's other address."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--store", str(fixture_store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and status != 200:
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/home.json", timeout=5).status
            except OSError:
                time.sleep(0.3)
        assert status == 200
        outward = _outward_address()
        if outward:
            with pytest.raises(OSError), socket.create_connection((outward, port), timeout=3):
                pass
    finally:
        proc.terminate()
        proc.wait(10)
