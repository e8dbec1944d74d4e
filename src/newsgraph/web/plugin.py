"""The `newsgraph` Datasette plugin: the workbench's pages and their JSON twins.

Each view reads its request, runs one `queries` function on Datasette's read-only
connection (`Database.execute_fn`), and renders either the page (a packaged template,
autoescaped, charts from `charts`) or the same data as JSON (`.json` on the path).
Datasette's own table pages, JSON and CSV stay where they are (`/newsgraph/...`).

Nothing can be written through the server: only GET and HEAD are answered (any other
method is 405 before Datasette sees it), the store is opened `mode=ro`, every connection
Datasette makes to it is `PRAGMA query_only`, and the write permissions are refused. The workbench's pages load nothing but themselves: their
Content-Security-Policy allows no script at all, and the charts are inline SVG.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import weakref
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from . import charts, queries
from .state import Workbench

DATABASE = "newsgraph"
# How long a stories page waits for the first computation before saying it is under way.
WAIT_SECONDS = 2.0
CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
BUSY_TIMEOUT_MS = 15_000
WRITE_ACTIONS = frozenset({
    "insert-row", "delete-row", "update-row", "create-table", "alter-table", "drop-table",
})

_workbenches: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def attach(datasette, path: str, database: str = DATABASE) -> Workbench:
    """Tie a Datasette instance to the store it serves (done by `web.make_datasette`)."""
    bench = Workbench(path=path, database=database)
    _workbenches[datasette] = bench
    return bench


def workbench(datasette) -> Workbench | None:
    return _workbenches.get(datasette)


# ------------------------------------------------------------------ hooks


@hookimpl
def startup(datasette):
    bench = workbench(datasette)
    if bench is None:
        return
    env = datasette.jinja_env
    env.filters["ng_marked"] = marked
    env.filters["ng_snippet"] = snippet
    env.filters["ng_n"] = lambda n: f"{n or 0:,}"
    env.filters["ng_q"] = lambda v: urllib.parse.quote(str(v), safe="")
    env.filters["ng_quoted"] = quoted

    def warm() -> None:
        from ..knowledge import default

        default()  # the actor pages' offices: load the knowledge base once, off the request path

    threading.Thread(target=warm, name="newsgraph-knowledge", daemon=True).start()
    bench.refresh()


@hookimpl
def prepare_connection(conn, database, datasette):
    bench = workbench(datasette)
    if bench is not None and database == bench.database:  # Datasette's own _internal db stays writable
        conn.execute("PRAGMA query_only = 1")
        # A reader waits for a busy WAL (a writer's checkpoint on a loaded machine) rather
        # than fail the page after Python's default 5 s.
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    if workbench(datasette) is not None and action in WRITE_ACTIONS:
        return False
    return None


READ_METHODS = frozenset({"GET", "HEAD"})


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every request that is not a read (POST, PUT, DELETE…) before Datasette sees it."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope.get("type") == "http" and scope.get("method") not in READ_METHODS \
                    and workbench(datasette) is not None:
                await send({"type": "http.response.start", "status": 405, "headers": [
                    (b"allow", b"GET, HEAD"), (b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body",
                            "body": b"newsgraph serve is read-only: only GET and HEAD are answered\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl
def register_routes(datasette):
    # Datasette builds its routes while it is constructed, before `attach`: the views
    # check for a workbench when called, and answer 404 on a Datasette without one.
    return [
        (r"^/$", home_view),
        (r"^/home(?P<json>\.json)?$", home_view),
        (r"^/actor(?P<json>\.json)?$", actor_lookup_view),
        (r"^/actor/(?P<actor_id>[^/]+?)(?P<json>\.json)?$", actor_view),
        (r"^/dyad/(?P<a>[^/]+)/(?P<b>[^/]+?)(?P<json>\.json)?$", dyad_view),
        (r"^/events(?P<json>\.json)?$", events_view),
        (r"^/stories(?P<json>\.json)?$", stories_view),
        (r"^/story/(?P<story_id>[^/]+?)(?P<json>\.json)?$", story_view),
        (r"^/search(?P<json>\.json)?$", search_view),
        (r"^/article/(?P<article_id>[^/]+?)(?P<json>\.json)?$", article_view),
    ]


# ------------------------------------------------------------------ helpers


def marked(text: str | None, marks: list[dict[str, Any]] | None) -> Markup:
    """The text escaped, with each mark's span wrapped in <mark class="kind">."""
    text = text or ""
    out, at = [], 0
    for m in sorted(marks or [], key=lambda m: m["start"]):
        start, end = int(m["start"]), int(m["end"])
        if start < at or not (0 <= start < end <= len(text)):
            continue
        out.append(escape(text[at:start]))
        out.append(Markup('<mark class="{}">{}</mark>').format(m.get("kind", ""), text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


QUOTE_MARKS = "\"“”‘’'«»„"


def quoted(text: str | None) -> str:
    """Quoted words between quote marks, unless they carry their own."""
    text = (text or "").strip()
    return text if text[:1] in QUOTE_MARKS else f"“{text}”"


def snippet(text: str | None) -> Markup:
    """An FTS snippet escaped, its match markers turned into <mark>."""
    escaped = str(escape(text or ""))
    return Markup(escaped.replace(queries.MARK_OPEN, "<mark>").replace(queries.MARK_CLOSE, "</mark>"))


def _arg(request, name: str) -> str:
    return request.url_vars.get(name) and urllib.parse.unquote(request.url_vars[name]) or ""


def _wants_json(request) -> bool:
    return bool(request.url_vars.get("json")) or request.args.get("_format") == "json"


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), status=status,
                    headers={"X-Content-Type-Options": "nosniff"}, content_type="application/json; charset=utf-8")


async def _page(datasette, request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    bench = workbench(datasette)
    html = await datasette.render_template(
        template, {"database": bench.database if bench else DATABASE, "nav_q": request.args.get("q", ""), **context},
        request=request)
    return Response.html(html, status=status, headers=HEADERS)


async def _not_found(datasette, request, what: str) -> Response:
    if _wants_json(request):
        return _json({"error": f"{what} not found"}, 404)
    return await _page(datasette, request, "newsgraph_error.html", {"title": "Not found", "message": f"{what} not found."}, 404)


async def _run(datasette, fn):
    bench = workbench(datasette)
    if bench is None:
        from datasette.utils.asgi import NotFound

        raise NotFound("this Datasette is not serving a newsgraph store")
    return await datasette.get_database(bench.database).execute_fn(fn)


def _timed(data: dict[str, Any], started: float) -> dict[str, Any]:
    data["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return data


# ------------------------------------------------------------------ views


async def home_view(datasette, request):
    started = time.perf_counter()
    bench = workbench(datasette)

    def home(conn):  # the same for every reader until the store grows: computed once per state
        return dict(bench.memo("home", queries.fingerprint(conn), lambda: queries.home(conn)))

    data = _timed(await _run(datasette, home), started)
    if _wants_json(request):
        return _json(data)
    return await _page(datasette, request, "newsgraph_home.html", {
        **data, "title": "Home",
        "articles_chart": charts.time_chart(
            data["articles_by_month"], title="Articles by month", up="articles", up_label="articles",
            up_colour=charts.ARTICLES),
        "actors_chart": charts.bars([(a["name"], a["mentions"], a["sector"]) for a in data["top_actors"][:12]],
                                    title="Most mentioned actors"),
    })


async def actor_lookup_view(datasette, request):
    """`/actor?q=Maduro`: the actor a name means (as `compare` finds it), else the near names."""
    from ..analysis import find_actor
    from ..errors import UsageError

    q = request.args.get("q", "").strip()

    def find(conn):
        try:
            return find_actor(conn, q), None
        except UsageError as exc:
            return None, exc.message

    found, error = await _run(datasette, find) if q else (None, "Type a name.")
    if found:
        target = f"/actor/{urllib.parse.quote(found['actor_id'], safe='')}" + (".json" if _wants_json(request) else "")
        return Response.redirect(datasette.urls.path(target))
    if _wants_json(request):
        return _json({"error": error}, 404)
    return await _page(datasette, request, "newsgraph_error.html", {"title": "No such actor", "message": error}, 404)


async def actor_view(datasette, request):
    started = time.perf_counter()
    actor_id = _arg(request, "actor_id")
    data = await _run(datasette, lambda conn: queries.actor(conn, actor_id))
    if data is None:
        return await _not_found(datasette, request, f"Actor {actor_id!r}")
    _timed(data, started)
    if _wants_json(request):
        return _json(data)
    name = data["actor"]["name"]
    tone_rows = [(g["outlet"], (g["tone"].get("author") or {}).get("score"), (g["tone"].get("quoted") or {}).get("score"))
                 for g in data["outlets"] if g["tone"]][:15]
    return await _page(datasette, request, "newsgraph_actor.html", {
        **data, "title": name, "subject": data["actor"],  # Datasette's context owns the name `actor`
        "source_chart": charts.time_chart(data["as_source"]["monthly"], title=f"What {name} did, by month",
                                          up="cooperation", down="conflict", up_label="cooperation",
                                          down_label="conflict"),
        "target_chart": charts.time_chart(data["as_target"]["monthly"], title=f"What others did to {name}, by month",
                                          up="cooperation", down="conflict", up_label="cooperation",
                                          down_label="conflict"),
        "tone_chart": charts.tone(tone_rows, title=f"Tone toward {name} by outlet"),
    })


async def dyad_view(datasette, request):
    started = time.perf_counter()
    a, b = _arg(request, "a"), _arg(request, "b")
    data = _timed(await _run(datasette, lambda conn: queries.dyad(conn, a, b)), started)
    if _wants_json(request):
        return _json(data)
    na, nb = data["a"]["name"], data["b"]["name"]
    directions = []
    for key, code, x, y in (("a_to_b", "ab", data["a"], data["b"]), ("b_to_a", "ba", data["b"], data["a"])):
        chart = charts.time_chart(data[key]["monthly"], title=f"{x['name']} → {y['name']}", up="cooperation",
                                  down="conflict", up_label="cooperation", down_label="conflict", anchor=code)
        directions.append({"key": key, "code": code, "source": x, "target": y, "data": data[key], "chart": chart})
    return await _page(datasette, request, "newsgraph_dyad.html", {
        **data, "title": f"{na} ↔ {nb}", "directions": directions})


BROWSE_PARAMS = ("plover", "quad_class", "country", "actor", "source", "target", "outlet", "date", "status")


async def events_view(datasette, request):
    started = time.perf_counter()
    filters = {k: request.args.get(k, "").strip() for k in BROWSE_PARAMS if request.args.get(k, "").strip()}
    floor = request.args.get("min_confidence", "").strip()
    try:
        min_confidence = float(floor) if floor else None
    except ValueError:
        min_confidence = None
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        page = 1
    data = _timed(await _run(datasette, lambda conn: queries.browse(conn, filters, min_confidence=min_confidence,
                                                                    page=page)), started)
    if _wants_json(request):
        return _json(data)

    def link(**change) -> str:
        params = {**filters, **({"min_confidence": floor} if floor else {}), **change}
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return datasette.urls.path("/events") + ("?" + urllib.parse.urlencode(params) if params else "")

    return await _page(datasette, request, "newsgraph_events.html", {
        **data, "title": "Events", "link": link, "floor": floor,
        "chart": charts.time_chart(data["monthly"], title="The selected events by month", up="cooperation",
                                   down="conflict", up_label="cooperation", down_label="conflict"),
    })


async def _analyses(datasette, request):
    """The cached stories and claims (started if need be) and what the page should say about them."""
    bench = workbench(datasette)
    current = await _run(datasette, queries.fingerprint)
    bench.refresh(current)
    analyses = bench.wait(WAIT_SECONDS)
    return bench, analyses, bench.status(current)


async def _computing(datasette, request, status) -> Response:
    if _wants_json(request):
        return Response(json.dumps({"computing": True, **status}), status=503,
                        headers={"Retry-After": "5"}, content_type="application/json; charset=utf-8")
    return await _page(datasette, request, "newsgraph_error.html", {
        "title": "Stories are being computed",
        "message": (f"Stories and claims are being computed over {status['store_articles']:,} articles "
                    f"({status['computing_for'] or 0:g} s so far); reload in a few seconds."
                    + (f" Last error: {status['error']}" if status.get("error") else "")),
    }, 503)


async def stories_view(datasette, request):
    started = time.perf_counter()
    _, analyses, status = await _analyses(datasette, request)
    if analyses is None:
        return await _computing(datasette, request, status)
    try:
        min_articles = max(1, int(request.args.get("min_articles", "2")))
    except ValueError:
        min_articles = 2
    blindspot = request.args.get("blindspot", "")
    listed = [s for s in analyses.summaries if s["articles"] >= min_articles
              and (not blindspot or s["coverage"]["blindspot"] == blindspot)]
    data = _timed({
        "status": status,
        "stories": len(analyses.summaries),
        "alone": sum(1 for s in analyses.summaries if s["articles"] == 1),
        "threads": len(analyses.stories.get("threads", [])),
        "blindspots": sum(1 for s in analyses.summaries if s["coverage"]["blindspot"]),
        "min_articles": min_articles,
        "listed": listed[:500],
        "more": max(0, len(listed) - 500),
    }, started)
    if _wants_json(request):
        return _json(data)
    return await _page(datasette, request, "newsgraph_stories.html", {**data, "title": "Stories"})


async def story_view(datasette, request):
    started = time.perf_counter()
    story_id = _arg(request, "story_id")
    bench, analyses, status = await _analyses(datasette, request)
    if analyses is None:
        return await _computing(datasette, request, status)
    data = await _run(datasette, lambda conn: queries.story(conn, analyses.stories, analyses.claims, story_id,
                                                             analyses.bias))
    if data is None:
        moved = bench.successor(story_id)  # the store grew and the story with it: its id changed
        if moved:
            target = f"/story/{urllib.parse.quote(moved, safe='')}" + (".json" if _wants_json(request) else "")
            return Response.redirect(datasette.urls.path(target), status=301)
        return await _not_found(datasette, request, f"Story {story_id!r}")
    data["status"] = status
    _timed(data, started)
    if _wants_json(request):
        return _json(data)
    return await _page(datasette, request, "newsgraph_story.html", {**data, "title": data["label"]})


async def search_view(datasette, request):
    started = time.perf_counter()
    q = request.args.get("q", "")
    data = _timed(await _run(datasette, lambda conn: queries.search(conn, q)), started)
    if _wants_json(request):
        return _json(data)
    return await _page(datasette, request, "newsgraph_search.html", {**data, "title": f"Search: {q}" if q else "Search"})


async def article_view(datasette, request):
    started = time.perf_counter()
    article_id = _arg(request, "article_id")
    data = await _run(datasette, lambda conn: queries.article(conn, article_id))
    if data is None:
        return await _not_found(datasette, request, f"Article {article_id!r}")
    _timed(data, started)
    if _wants_json(request):
        return _json(data)
    try:
        sentence = int(request.args.get("s", ""))
    except ValueError:
        sentence = None
    return await _page(datasette, request, "newsgraph_article.html", {
        **data, "title": data["article"]["title"] or article_id, "sentence": sentence})
