"""The Store: newsgraph's SQLite file, opened for one writer and many readers.

SQLite in WAL mode lets the web UI read while an ingest writes (readers see the
last committed batch and never block the writer). Every write is one explicit
transaction, so a crash or a bad record leaves only whole batches behind, and
writing an article is idempotent on its content-hash id, so re-running an
ingest over the same files stores nothing twice.

The connection runs in autocommit mode (`isolation_level=None`) and this module
issues BEGIN/COMMIT itself: the stdlib's implicit transactions would otherwise
decide where a batch starts and ends.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..records import ArticleRecords, InputError
from .runs import STATUSES, seen_status, this_process
from .schema import SCHEMA_VERSION, check_version, migrate, schema_version
from .tables import TABLES, TableSpec, get_table

DEFAULT_PATH = "newsgraph.db"
ENV_VAR = "NEWSGRAPH_STORE"
# How long a writer waits for another writer's lock before giving up (seconds).
DEFAULT_TIMEOUT = 10.0
# Ids per `IN (...)` query: far below SQLite's bound-variable limit on any build.
_ID_CHUNK = 500

_ARTICLE_COLUMNS = (
    "article_id", "input_id", "path", "line", "format", "outlet", "url", "title",
    "byline", "date", "date_source", "date_precision", "text", "removed", "captions",
    "meta", "warnings", "added_at", "run_id",
)  # fmt: skip
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))}) "
    # ON CONFLICT names the key, so other constraint failures still raise
    # (INSERT OR IGNORE would silently drop a row with a NULL text).
    "ON CONFLICT (article_id) DO NOTHING"
)
_INSERT_SENTENCE = (
    'INSERT INTO sentences (article_id, idx, paragraph, start, "end", text) '
    "VALUES (?, ?, ?, ?, ?, ?)"
)

# An actor's identity is shared by every article; its country and sector are kept
# from the first article that knew them (each mention also keeps its own, as of its date).
_UPSERT_ACTOR = (
    "INSERT INTO actors (actor_id, name, country, sector, wikidata, aliases) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (actor_id) DO UPDATE SET country = COALESCE(actors.country, excluded.country), "
    "sector = COALESCE(actors.sector, excluded.sector), wikidata = COALESCE(actors.wikidata, excluded.wikidata)"
)
_INSERT_MENTION = (
    'INSERT INTO mentions (article_id, idx, sentence, start, "end", text, actor_id, actor_name, country, '
    "sector, how, role, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

_INSERT_QUOTE = (
    'INSERT INTO quotes (article_id, idx, sentence, start, "end", text, kind, cue, speaker_text, speaker_start, '
    "speaker_end, speaker_id, speaker_name, speaker_country, speaker_sector, about) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

_INSERT_EVENT = "INSERT INTO events VALUES (" + ", ".join("?" * 28) + ")"
_INSERT_LABEL = "INSERT INTO labels VALUES (" + ", ".join("?" * 14) + ")"
_INSERT_TONE = "INSERT INTO tones VALUES (" + ", ".join("?" * 12) + ")"


def default_path() -> str:
    """`$NEWSGRAPH_STORE`, else `newsgraph.db` in the working directory."""
    return os.environ.get(ENV_VAR) or DEFAULT_PATH


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    readonly: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Store:
    """Open (and create or migrate, unless read-only) the store at `path`.

    Read-only opening never creates a file nor changes its schema: it is what a
    reader such as the web UI uses next to a running ingest.
    """
    where = os.fspath(path) if path is not None else default_path()
    if readonly:
        _upgrade_if_older(where, timeout)
        conn = _connect_readonly(where, timeout)
    else:
        conn = _connect_writable(where, timeout)
    try:
        if readonly:
            version = check_version(conn, where, readonly=True)
        else:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            version = migrate(conn, where)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError("E201", path=where, reason=exc) from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, where, readonly=readonly, version=version)


def _upgrade_if_older(path: str, timeout: float) -> None:
    """A store written by an older newsgraph is migrated once, when its file can be
    written, so reading commands keep working after an upgrade; otherwise reading
    stops with E207, which says how to migrate it."""
    if not os.path.isfile(path) or not os.access(path, os.W_OK):
        return
    try:
        uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
        probe = sqlite3.connect(uri, uri=True, timeout=timeout)
        try:
            found = schema_version(probe)
            older = 1 <= found < SCHEMA_VERSION  # 0 is a new or foreign file: never touched here
        finally:
            probe.close()
    except sqlite3.DatabaseError:
        return  # not a store: the read-only open says so (E201)
    if older:
        open_store(path, timeout=timeout).close()


def _connect_writable(path: str, timeout: float) -> sqlite3.Connection:
    target = Path(path)
    if target.is_dir():
        raise StoreError("E201", path=path, reason="it is a directory")
    if not target.parent.is_dir():
        reason = f"directory {str(target.parent)!r} does not exist"
        raise StoreError("E201", path=path, reason=reason)
    try:
        return sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError("E201", path=path, reason=exc) from exc


def _connect_readonly(path: str, timeout: float) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise StoreError("E201", path=path, reason="no such store file")
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
    try:
        return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError("E201", path=path, reason=exc) from exc


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _plain(value: Any) -> Any:
    """json.dumps hook: nested records (RemovedLine …) become objects."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _encode(value: Any) -> str:
    """JSON text for a nested column; anything not plain data is an error, loudly."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class Store:
    """An open store. Plain synchronous methods; use as a context manager.

    A Store wraps one connection and, like it, belongs to the thread that
    opened it: a threaded reader opens one Store per thread (opening is cheap).
    """

    def __init__(
        self, conn: sqlite3.Connection, path: str, *, readonly: bool, version: int
    ) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self.version = version

    # -- lifecycle ---------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            if not self.readonly:
                conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # an optimisation hint, never worth failing a close
        finally:
            conn.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for read queries (analysis SQL); write through methods."""
        if self._conn is None:
            raise StoreError("E201", path=self.path, reason="the store is closed")
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole.

        BEGIN IMMEDIATE takes the write lock up front, so two writers queue on
        the busy timeout instead of failing half-way through a batch.
        """
        if self.readonly:
            raise StoreError("E209", path=self.path)
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError("E208", path=self.path, reason=exc) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- articles ----------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` already stored, so the pipeline can skip them early."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), _ID_CHUNK):
            chunk = wanted[start : start + _ID_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.connection.execute(
                f"SELECT article_id FROM articles WHERE article_id IN ({marks})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def write_batch(
        self, batch: Sequence[ArticleRecords], *, run_id: int | None = None
    ) -> tuple[int, int]:
        """Store a batch in ONE transaction; return (added, already_present).

        An article already stored (same id) is left untouched with everything
        derived from it. Any failure rolls the whole batch back and raises E208,
        so the store never holds an article without its sentences.
        """
        added = present = 0
        added_at = _now()
        try:
            with self._transaction() as conn:
                for records in batch:
                    if self._insert_article(conn, records, added_at, run_id):
                        added += 1
                    else:
                        present += 1
        except (TypeError, ValueError) as exc:
            # A record that cannot be encoded; _transaction already rolled back.
            raise StoreError("E208", path=self.path, reason=exc) from exc
        return added, present

    def _insert_article(
        self, conn: sqlite3.Connection, records: ArticleRecords, added_at: str, run_id: int | None
    ) -> bool:
        """Insert one article and its sentences; False when it was already stored.

        Later tables (mentions, events, quotes …) add their rows here, after the
        article row, so they share its idempotence and its transaction.
        """
        article = records.article
        row = (
            article.article_id, article.input_id, article.path, article.line, article.format,
            article.outlet, article.url, article.title, article.byline, article.date,
            article.date_source, article.date_precision, article.text,
            _encode(article.removed), _encode(article.captions), _encode(article.meta),
            _encode(article.warnings), added_at, run_id,
        )  # fmt: skip
        if conn.execute(_INSERT_ARTICLE, row).rowcount == 0:
            return False
        sentences = []
        for sentence in records.sentences:
            if sentence.article_id != article.article_id:
                raise ValueError(
                    f"sentence {sentence.index} belongs to article {sentence.article_id!r}, "
                    f"not {article.article_id!r}"
                )
            sentences.append(
                (article.article_id, sentence.index, sentence.paragraph,
                 sentence.start, sentence.end, sentence.text)
            )  # fmt: skip
        conn.executemany(_INSERT_SENTENCE, sentences)
        actors = {actor.id: actor for actor in records.actors}
        conn.executemany(_UPSERT_ACTOR, [
            (a.id, a.name, a.country, a.sector, a.wikidata, _encode(list(a.aliases))) for a in actors.values()
        ])
        mentions = []
        for idx, m in enumerate(records.mentions):
            actor = actors.get(m.actor_id)
            if actor is None:
                raise ValueError(f"mention {idx} names actor {m.actor_id!r}, which the article does not list")
            mentions.append((article.article_id, idx, m.sentence, m.start, m.end, m.text, m.actor_id,
                             actor.name, actor.country, actor.sector, m.how, m.role, m.kind))
        conn.executemany(_INSERT_MENTION, mentions)
        quotes = []
        for idx, q in enumerate(records.quotes):
            speaker = actors.get(q.speaker_id) if q.speaker_id else None
            if q.speaker_id and speaker is None:
                raise ValueError(f"quote {idx} names speaker {q.speaker_id!r}, which the article does not list")
            quotes.append((article.article_id, idx, q.sentence, q.start, q.end, q.text, q.kind, q.cue,
                           q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_id,
                           speaker.name if speaker else None, speaker.country if speaker else None,
                           speaker.sector if speaker else None, _encode(list(q.about))))
        conn.executemany(_INSERT_QUOTE, quotes)
        events = []
        for idx, e in enumerate(records.events):
            source, target = actors.get(e.source_id), actors.get(e.target_id) if e.target_id else None
            if source is None or e.target_id and target is None:
                raise ValueError(f"event {idx} names an actor the article does not list")
            events.append((article.article_id, idx, e.sentence, e.source_id, source.name, source.country,
                           source.sector, e.target_id, target.name if target else None,
                           target.country if target else None, target.sector if target else None,
                           e.trigger, e.plover, e.mode, e.cameo, e.quad_class, e.goldstein, int(e.negated),
                           e.status, e.speaker_id, e.date, e.date_precision, e.location,
                           _encode(list(e.amounts)), e.evidence_start, e.evidence_end, e.confidence,
                           _encode(list(e.decided_by))))
        conn.executemany(_INSERT_EVENT, events)
        self._insert_framing(conn, records, actors)
        return True

    @staticmethod
    def _insert_framing(conn: sqlite3.Connection, records: ArticleRecords, actors: dict) -> None:
        """Labels and tones, with the outlet and actor names copied in for export."""
        article = records.article

        def name(actor_id: str | None, what: str) -> str | None:
            if actor_id is None:
                return None
            if actor_id not in actors:
                raise ValueError(f"{what} names actor {actor_id!r}, which the article does not list")
            return actors[actor_id].name

        conn.executemany(_INSERT_LABEL, [
            (article.article_id, idx, l.sentence, l.start, l.end, article.outlet, l.actor_id,
             name(l.actor_id, f"label {idx}"), l.label, l.kind, l.polarity, l.voice, l.speaker_id,
             name(l.speaker_id, f"label {idx}"))
            for idx, l in enumerate(records.labels)
        ])
        conn.executemany(_INSERT_TONE, [
            (article.article_id, article.outlet, t.actor_id, name(t.actor_id, "a tone"), t.voice, t.speaker_id,
             name(t.speaker_id, "a tone"), t.mentions, t.score, t.negative, t.neutral, t.positive)
            for t in records.tones
        ])

    # -- runs --------------------------------------------------------------

    def start_run(self, args: Mapping[str, Any]) -> int:
        """Record the start of a run (its command, arguments and process); return its id.

        Runs of this host left 'running' by a process that no longer exists were
        killed; they are marked 'abandoned' here, so the table says so from now on.
        """
        host, pid = this_process()
        with self._transaction() as conn:
            self._mark_abandoned(conn, host)
            cursor = conn.execute(
                "INSERT INTO runs (started_at, args, status, host, pid) VALUES (?, ?, 'running', ?, ?)",
                (_now(), _encode(dict(args)), host, pid),
            )
        return int(cursor.lastrowid)

    @staticmethod
    def _mark_abandoned(conn: sqlite3.Connection, host: str) -> None:
        rows = conn.execute(
            "SELECT run_id, finished_at, host, pid, started_at FROM runs "
            "WHERE status = 'running' AND host = ? AND pid IS NOT NULL", (host,)
        ).fetchall()
        gone = [(run_id,) for run_id, *rest in rows if seen_status("running", *rest) == "abandoned"]
        conn.executemany("UPDATE runs SET status = 'abandoned' WHERE run_id = ?", gone)

    def record_errors(self, run_id: int, errors: Iterable[InputError]) -> int:
        """Keep every input failure of a run in the store; return how many."""
        rows = [(run_id, e.path, e.line, e.code, e.message) for e in errors]
        with self._transaction() as conn:
            self._require_run(conn, run_id)
            conn.executemany(
                "INSERT INTO input_errors (run_id, path, line, code, message) "
                "VALUES (?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def finish_run(self, run_id: int, counts: Mapping[str, Any], *, status: str = "completed") -> None:
        """Record the end of a run: what it did (articles added, failures …) and how it
        ended (completed, interrupted or failed)."""
        if status not in STATUSES or status == "running":
            raise ValueError(f"a run cannot finish as {status!r}")
        with self._transaction() as conn:
            self._require_run(conn, run_id)
            conn.execute(
                "UPDATE runs SET finished_at = ?, counts = ?, status = ? WHERE run_id = ?",
                (_now(), _encode(dict(counts)), status, run_id),
            )

    def run_statuses(self) -> dict[str, int]:
        """How many runs ended each way, a killed run ('running' with its process gone) as abandoned."""
        counts: dict[str, int] = {}
        rows = self.connection.execute(
            "SELECT run_id, status, finished_at, host, pid, started_at FROM runs"
        )
        for run_id, *row in rows:
            status = self._seen_status(dict(zip(("status", "finished_at", "host", "pid", "started_at"), row)))
            counts[status] = counts.get(status, 0) + 1
        return dict(sorted(counts.items()))

    @staticmethod
    def _seen_status(run: Mapping[str, Any]) -> str:
        return seen_status(run["status"], run["finished_at"], run["host"], run["pid"], run["started_at"])

    def _require_run(self, conn: sqlite3.Connection, run_id: int) -> None:
        if conn.execute("SELECT 1 FROM runs WHERE run_id = ?", (run_id,)).fetchone() is None:
            raise StoreError("E211", run_id=run_id, path=self.path)

    # -- reading -----------------------------------------------------------

    def iter_rows(
        self,
        table: str,
        *,
        where: Mapping[str, Any] | None = None,
        limit: int | None = None,
        offset: int = 0,
        min_confidence: float | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stream a table's public columns, in its export order, JSON decoded.

        `where` filters on equality: `{"outlet": "X"}`; None matches NULL; a list,
        tuple or set matches any of its values. `min_confidence` keeps events the
        coder was at least that sure of (rows coded before the model, with no
        confidence, are kept). Rows are read lazily from SQLite, so iterating a
        large table keeps memory flat.
        """
        spec = get_table(table)
        clause, params = _where_clause(spec, where, min_confidence)
        columns = ", ".join(f'"{name}"' for name in spec.column_names)
        sql = f"SELECT {columns} FROM {spec.relation}{clause} ORDER BY {spec.order_by}"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else int(limit), int(offset)]
        cursor = self.connection.execute(sql, params)
        return _decoded_rows(cursor, spec)

    def count(self, table: str, *, where: Mapping[str, Any] | None = None,
              min_confidence: float | None = None) -> int:
        """Number of rows in a table (optionally filtered as in `iter_rows`)."""
        spec = get_table(table)
        clause, params = _where_clause(spec, where, min_confidence)
        row = self.connection.execute(f"SELECT count(*) FROM {spec.relation}{clause}", params).fetchone()
        return int(row[0])

    def search(self, query: str, limit: int = 20, *, raw: bool = False) -> list[dict[str, Any]]:
        """Sentences matching `query` in the FTS5 index, best first.

        By default every word of `query` must occur (each is quoted, so user
        text never trips FTS syntax); `raw=True` passes FTS5 query syntax
        (OR, NEAR, prefix*) through. Each hit carries its article id and the
        sentence's offsets into the article text.
        """
        match = query.strip() if raw else _all_words(query)
        if not match:
            raise StoreError("E210", query=query, reason="it has no words")
        sql = """
            SELECT s.article_id, s.idx, s.paragraph, s.start, s."end", s.text,
                   snippet(sentences_fts, 0, '[', ']', '…', 16) AS snippet,
                   a.title, a.outlet, a.date
            FROM sentences_fts
            JOIN sentences AS s ON s.sentence_id = sentences_fts.rowid
            JOIN articles AS a ON a.article_id = s.article_id
            WHERE sentences_fts MATCH ?
            ORDER BY rank
            LIMIT ?
        """
        try:
            cursor = self.connection.execute(sql, (match, int(limit)))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor]
        except sqlite3.OperationalError as exc:
            raise StoreError("E210", query=query, reason=exc) from exc

    def stats(self) -> dict[str, Any]:
        """What is in the store: sizes, counts, outlets, dates, runs and failures."""
        conn = self.connection
        size = sum(
            os.path.getsize(self.path + suffix)
            for suffix in ("", "-wal")
            if os.path.exists(self.path + suffix)
        )
        outlets = dict(
            conn.execute(
                "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet"
            ).fetchall()
        )
        first, last = conn.execute(
            # a day without its year (EDTF "XXXX-07-29") sorts after every year: not a bound
            "SELECT min(date), max(date) FROM articles WHERE date GLOB '[0-9][0-9][0-9][0-9]*'"
        ).fetchone()
        runs = get_table("runs")
        cursor = conn.execute(
            f"SELECT {', '.join(runs.column_names)} FROM runs ORDER BY run_id DESC LIMIT 1"
        )
        last_run = next(_decoded_rows(cursor, runs), None)
        if last_run is not None:
            last_run["status"] = self._seen_status(last_run)
        return {
            "path": os.path.abspath(self.path),
            "schema_version": self.version,
            "size_bytes": size,
            "tables": {name: self.count(name) for name in TABLES},
            "outlets": outlets,
            "dates": {"first": first, "last": last},
            "runs": self.count("runs"),
            "runs_by_status": self.run_statuses(),
            "failures": self.count("input_errors"),
            "last_run": last_run,
        }


def _where_clause(spec: TableSpec, where: Mapping[str, Any] | None,
                  min_confidence: float | None = None) -> tuple[str, list[Any]]:
    """A parameterised WHERE for equality filters on public columns only, and for a table
    with confidences (events) a floor on them; rows with no confidence (coded before the
    model) always pass."""
    parts: list[str] = []
    params: list[Any] = []
    if min_confidence is not None and "confidence" in spec.column_names:
        parts.append("(confidence IS NULL OR confidence >= ?)")
        params.append(float(min_confidence))
    for column, value in (where or {}).items():
        if column not in spec.column_names:
            raise StoreError(
                "E212", column=column, table=spec.name, known=", ".join(spec.column_names)
            )
        if value is None:
            parts.append(f'"{column}" IS NULL')
        elif isinstance(value, (list, tuple, set, frozenset)):
            values = list(value)
            if not values:
                parts.append("0")  # matches nothing, like an empty IN
                continue
            parts.append(f'"{column}" IN ({", ".join("?" * len(values))})')
            params.extend(values)
        else:
            parts.append(f'"{column}" = ?')
            params.append(value)
    return (" WHERE " + " AND ".join(parts), params) if parts else ("", [])


def _decoded_rows(cursor: sqlite3.Cursor, spec: TableSpec) -> Iterator[dict[str, Any]]:
    names = spec.column_names
    json_columns = spec.json_columns
    for values in cursor:
        row = dict(zip(names, values))
        for name in json_columns:
            row[name] = _decode(row[name])
        yield row


def _all_words(query: str) -> str:
    """An FTS5 query requiring every word, each quoted as a phrase."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


__all__ = ["DEFAULT_PATH", "ENV_VAR", "Store", "default_path", "open_store"]
