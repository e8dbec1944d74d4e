"""Command definitions. Each validates its arguments and calls one library function."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsgraph import __version__

app = typer.Typer(
    name="newsgraph",
    help="Turn a pile of news articles into actors, events, quotes and framing, each tied to its sentence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

eval_app = typer.Typer(help="Score newsgraph against gold files in shared formats.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

StoreOpt = Annotated[
    Optional[Path],
    typer.Option("--store", "-s", help="SQLite store file [default: $NEWSGRAPH_STORE or ./newsgraph.db]"),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show full tracebacks.")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Replace an existing --out file (never the store itself, never a read-only file).")]


def _version(value: bool) -> None:
    if value:
        print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newsgraph: news articles in, the system they describe out."""


def reports_errors(command):
    """Turn NewsgraphErrors into one red line and exit code 2 (tracebacks with --debug)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from newsgraph.errors import NewsgraphError

        try:
            return command(*args, **kwargs)
        except NewsgraphError as exc:
            if kwargs.get("debug"):
                raise
            from newsgraph.cli.render import err
            from newsgraph.cli.terminal import text

            # the message may quote a file's content or name: shown, never acted on
            err.print(text(f"newsgraph: {exc}", "red"))
            raise typer.Exit(2) from None

    return wrapper


@app.command()
@reports_errors
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for standard input.")],
    store: StoreOpt = None,
    format: Annotated[
        Optional[str], typer.Option("--format", "-f", help="Read every input as txt, html, jsonl or csv.")
    ] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet of every plain input (a metadata.csv beside files says it per file).")] = None,
    date: Annotated[Optional[str], typer.Option(help="Publication date of every input (YYYY-MM-DD).")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes for parsing [default: 2, or fewer cores].")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per parse batch and per store transaction.")] = 25,
    max_bytes: Annotated[int, typer.Option(help="Largest article (or file) read, in bytes.")] = 10 * 1024 * 1024,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary; errors only.")] = False,
    strict: Annotated[bool, typer.Option(help="Stop at the first input that fails.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Read articles, extract what they say, and add them to the store."""
    from newsgraph.cli.render import RunReporter, err, interrupted_line, print_summary
    from newsgraph.errors import UsageError
    from newsgraph.ingest import IngestOptions
    from newsgraph.ingest.dates import parse_date
    from newsgraph.pipeline.estimate import InputCount
    from newsgraph.pipeline.runner import StrictStop, run
    from newsgraph.store import open_store

    if batch_size < 1:
        raise UsageError("E402", option="--batch-size", expected="at least 1", value=batch_size)
    if date is not None and parse_date(date) is None:
        raise UsageError("E402", option="--date", expected="a date such as 2019-08-19", value=date)
    options = IngestOptions(format=format, outlet=outlet, date=date, max_bytes=max_bytes)
    command = {"command": "analyze", "paths": paths, "format": format, "outlet": outlet, "date": date}
    with open_store(store) as st:
        count = None if quiet else InputCount(paths, format)
        reporter = RunReporter(quiet=quiet, total=count and (lambda: count.total))
        try:
            summary = run(
                paths, st, options=options, workers=workers, batch_size=batch_size,
                progress=reporter, strict=strict, stdin=sys.stdin.buffer, command=command,
            )
        except StrictStop as stop:
            reporter.close()
            err.print(f"newsgraph: stopped at the first failure (--strict): {stop.error}", markup=False)
            raise typer.Exit(1) from None
        finally:
            reporter.close()
        if summary.interrupted:
            err.print(interrupted_line(summary, count and count.total), markup=False)
            raise typer.Exit(130)
        if not quiet:
            print_summary(summary, str(st.path))
    if summary.articles == 0:
        err.print("newsgraph: no article could be read", markup=False)
        raise typer.Exit(1)


@app.command()
@reports_errors
def export(
    table: Annotated[str, typer.Argument(help="articles, sentences, mentions, actors, quotes, events, labels, tones, "
                                              "runs or input_errors.")],
    store: StoreOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, csv, parquet, or gdelt (events only: GDELT 2.0 Event TSV).")
    ] = "jsonl",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file [default: standard output].")] = None,
    force: ForceOpt = False,
    min_confidence: Annotated[Optional[float], typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Events only: keep those coded with at least this confidence [default: the model's threshold, "
             "chosen for precision 0.85 on our dev split; 0 keeps every candidate].")] = None,
    debug: DebugOpt = False,
) -> None:
    """Write a table of the store as JSONL (default), CSV or Parquet."""
    from newsgraph.store import get_table, open_store
    from newsgraph.store.export import export as export_table

    get_table(table)  # an unknown table is a usage error before any file is touched
    if table == "events" and min_confidence is None:
        from newsgraph.extract.events.model import default_threshold

        min_confidence = default_threshold()

    with open_store(store, readonly=True) as st:
        if out is None:
            from newsgraph.cli.terminal import data_stdout

            export_table(st, table, format=format, out=data_stdout(st.path), min_confidence=min_confidence)
            sys.stdout.flush()
        else:
            n = export_table(st, table, format=format, out=out, min_confidence=min_confidence, force=force)
            from newsgraph.cli.render import err
            from newsgraph.cli.terminal import printable

            err.print(f"newsgraph: wrote {n:,} row{'' if n == 1 else 's'} of {table} to {printable(out)}", markup=False)


@app.command()
@reports_errors
def stats(
    store: StoreOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Show what the store holds."""
    from newsgraph.cli.stats import print_stats
    from newsgraph.store import open_store

    from newsgraph.extract.events.model import default_threshold

    with open_store(store, readonly=True) as st:
        stats = st.stats()
        # the events table holds every candidate the model gave a type; say how many it keeps
        threshold = default_threshold()
        stats["events_kept"] = {"min_confidence": threshold,
                                "events": st.count("events", min_confidence=threshold)}
        print_stats(stats, as_json=json_)


@app.command()
@reports_errors
def compare(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias (accents optional).")],
    store: StoreOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
    debug: DebugOpt = False,
) -> None:
    """How each outlet names, judges and quotes one actor: labels, tone, speakers."""
    from newsgraph.analysis.compare import compare_actor
    from newsgraph.cli.compare import print_comparison
    from newsgraph.store import open_store

    with open_store(store, readonly=True) as st:
        print_comparison(compare_actor(st, actor), as_json=json_)


@app.command()
@reports_errors
def stories(
    store: StoreOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Print stories and threads as JSON.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Group articles about the same events into stories, and stories into threads."""
    from newsgraph.analysis.stories import find_stories
    from newsgraph.cli.stories import print_stories
    from newsgraph.store import open_store

    with open_store(store, readonly=True) as st:
        print_stories(find_stories(st), as_json=json_)


@app.command()
@reports_errors
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
    store: StoreOpt = None,
    force: ForceOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Write a self-contained HTML report of the store (charts inline, nothing fetched)."""
    from newsgraph.cli.render import err
    from newsgraph.cli.terminal import printable
    from newsgraph.report import write_report
    from newsgraph.store import open_store

    with open_store(store, readonly=True) as st:
        size = write_report(st, out, force=force)
    err.print(f"newsgraph: wrote the report to {printable(out)} ({size:,} bytes)", markup=False)


@app.command()
@reports_errors
def resolve(
    dictionary: Annotated[
        Optional[list[Path]],
        typer.Option("--dictionary", "-d", help="Extra actor dictionaries (our TSV/YAML, or PETRARCH/Phoenix .txt)."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Resolve actor phrases: JSONL in on stdin ({"text", "date"?}), one JSON line out per input."""
    from newsgraph.cli.resolve import resolve_lines

    resolve_lines(sys.stdin, sys.stdout, dictionaries=dictionary or [])


def _print_score(score: dict, misses: list) -> None:
    """Misses first, one JSON line each, then the scores as the last line (easy to `tail -1`)."""
    from newsgraph.cli.terminal import json_text

    for miss in misses:
        print(json_text(miss))
    print(json_text(score))


@eval_app.command("actors")
@reports_errors
def eval_actors(
    gold: Annotated[Path, typer.Argument(help="NGEC-style actor checks (JSONL with method agent_to_code).")],
    show_misses: Annotated[bool, typer.Option("--misses", help="List every miss.")] = False,
    dictionary: Annotated[
        Optional[list[Path]],
        typer.Option("--dictionary", "-d", help="Extra actor dictionaries (our TSV/YAML, or PETRARCH/Phoenix .txt)."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Country and sector accuracy of actor resolution on NGEC-style checks."""
    from newsgraph.evaluate.actors import score_actor_tests
    from newsgraph.extract.resolve import Resolver
    from newsgraph.knowledge import default

    kb = default().extend(dictionary) if dictionary else default()
    score = score_actor_tests(gold, Resolver(kb))
    _print_score(score.as_dict(), score.misses if show_misses else [])


@eval_app.command("quotes")
@reports_errors
def eval_quotes(
    gold: Annotated[Path, typer.Argument(help="PolNeAR-style quote annotations (JSONL).")],
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N articles.")] = None,
    show_misses: Annotated[bool, typer.Option("--misses", help="List every miss.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Direct-quote precision, recall, F1 and speaker accuracy on PolNeAR-style gold."""
    from newsgraph.evaluate.quotes import score_quotes

    misses: list = []
    score = score_quotes(gold, limit=limit, misses=misses if show_misses else None)
    _print_score(score, misses)


@eval_app.command("events")
@reports_errors
def eval_events(
    gold: Annotated[Path, typer.Argument(help="PLOVER GSR-style event annotations (JSONL).")],
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N sentences.")] = None,
    show_misses: Annotated[bool, typer.Option("--misses", help="List every sentence with a miss.")] = False,
    min_confidence: Annotated[Optional[float], typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Count events coded with at least this confidence "
        "[default: the model's threshold].")] = None,
    debug: DebugOpt = False,
) -> None:
    """Precision, recall and F1 of event coding on (source country, target country, PLOVER type)."""
    from newsgraph.evaluate.events import score_events

    misses: list = []
    score = score_events(gold, limit=limit, misses=misses if show_misses else None, min_confidence=min_confidence)
    _print_score(score, misses)


@eval_app.command("tone")
@reports_errors
def eval_tone(
    gold: Annotated[Path, typer.Argument(help="NewsMTSC-style target sentiment (JSONL, polarity 2/4/6).")],
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N sentences.")] = None,
    tune: Annotated[bool, typer.Option("--tune", help="Search the class thresholds that maximise macro-F1 on this (training) file.")] = False,
    show_misses: Annotated[bool, typer.Option("--misses", help="List every misclassified target.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Accuracy and macro-F1 of target-dependent tone (negative / neutral / positive)."""
    from newsgraph.evaluate.tone import score_tone, tune_thresholds

    if tune:
        _print_score(tune_thresholds(gold, limit=limit), [])
        return
    misses: list = []
    score = score_tone(gold, limit=limit, misses=misses if show_misses else None)
    _print_score(score, misses)

from newsgraph.cli.serve import serve_cli  # noqa: E402  (the workbench: issue 15)
app.command("serve")(reports_errors(serve_cli))
