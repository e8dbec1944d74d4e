"""The store's versioned schema: an ordered list of migration steps.

The schema version lives in SQLite's own header (`PRAGMA user_version`), so a
store file says which code can read it without any extra table. `MIGRATIONS[n]`
takes a store from version n to version n + 1; opening a store for writing
applies the missing steps, each in its own transaction, so a store is always at
a whole version even if the process dies mid-upgrade.

A later issue adds its tables by appending ONE step, never by editing a shipped
one (stores already at that version would never see the edit)::

    Migration(
        "mentions: actor mentions, one row per resolved span",
        (
            '''CREATE TABLE mentions (
                article_id TEXT NOT NULL REFERENCES articles ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                actor_id TEXT,
                PRIMARY KEY (article_id, idx))''',
            "CREATE INDEX mentions_actor ON mentions (actor_id)",
        ),
    ),

then adds the table's export entry in `tables.py` and its rows to
`Store.write_batch`. Every per-article table references `articles` with
`ON DELETE CASCADE`, so deleting an article removes everything derived from it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: SQL statements run in a single transaction.

    Statements are kept separate (not one script) because `executescript`
    commits behind our back, which would break the one-transaction promise.
    """

    summary: str
    statements: tuple[str, ...]


_V1_ARTICLES = """
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY NOT NULL,
    input_id TEXT,
    path TEXT NOT NULL,
    line INTEGER,
    format TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    title TEXT,
    byline TEXT,
    date TEXT,
    date_source TEXT,
    date_precision TEXT,
    text TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]',   -- JSON list of {text, reason, paragraph}
    captions TEXT NOT NULL DEFAULT '[]',  -- JSON list of str
    meta TEXT NOT NULL DEFAULT '{}',      -- JSON object
    warnings TEXT NOT NULL DEFAULT '[]',  -- JSON list of str
    added_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs ON DELETE SET NULL
)"""

# `sentence_id` aliases the rowid: FTS5 external content is keyed by rowid, and
# only an INTEGER PRIMARY KEY rowid survives VACUUM unchanged. The natural key
# (article_id, idx) is enforced by UNIQUE and is what other tables refer to.
_V1_SENTENCES = """
CREATE TABLE sentences (
    sentence_id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (article_id, idx)
)"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "articles, sentences with an FTS5 index, runs and their input errors",
        (
            """CREATE TABLE runs (
                run_id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                args TEXT NOT NULL DEFAULT '{}',   -- JSON: the command and its arguments
                counts TEXT                        -- JSON: what the run did
            )""",
            """CREATE TABLE input_errors (
                error_id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES runs ON DELETE CASCADE,
                path TEXT NOT NULL,
                line INTEGER,
                code TEXT NOT NULL,
                message TEXT NOT NULL
            )""",
            "CREATE INDEX input_errors_run ON input_errors (run_id)",
            _V1_ARTICLES,
            "CREATE INDEX articles_outlet ON articles (outlet)",
            "CREATE INDEX articles_date ON articles (date)",
            _V1_SENTENCES,
            # remove_diacritics 2: a search for "Nicolas" finds "Nicolás".
            """CREATE VIRTUAL TABLE sentences_fts USING fts5(
                text, content='sentences', content_rowid='sentence_id',
                tokenize='unicode61 remove_diacritics 2'
            )""",
            """CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
                INSERT INTO sentences_fts (rowid, text) VALUES (new.sentence_id, new.text);
            END""",
            """CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
                INSERT INTO sentences_fts (sentences_fts, rowid, text)
                VALUES ('delete', old.sentence_id, old.text);
            END""",
            """CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN
                INSERT INTO sentences_fts (sentences_fts, rowid, text)
                VALUES ('delete', old.sentence_id, old.text);
                INSERT INTO sentences_fts (rowid, text) VALUES (new.sentence_id, new.text);
            END""",
        ),
    ),
    Migration(
        "actors and the mentions that resolve to them",
        (
            # One row per canonical actor. country/sector here are the latest known;
            # a mention keeps them as of its article's date (Lavrov: GOV in 2019).
            """CREATE TABLE actors (
                actor_id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                country TEXT,
                sector TEXT,
                wikidata TEXT,
                aliases TEXT NOT NULL DEFAULT '[]'  -- JSON list of str
            )""",
            """CREATE TABLE mentions (
                article_id TEXT NOT NULL REFERENCES articles ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                sentence INTEGER NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                country TEXT,
                sector TEXT,
                how TEXT NOT NULL,
                role TEXT,
                kind TEXT NOT NULL,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX mentions_actor ON mentions (actor_id)",
        ),
    ),
    Migration(
        "quotes: who said what, with the speaker resolved to an actor",
        (
            """CREATE TABLE quotes (
                article_id TEXT NOT NULL REFERENCES articles ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                sentence INTEGER NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                kind TEXT NOT NULL,
                cue TEXT,
                speaker_text TEXT,
                speaker_start INTEGER,
                speaker_end INTEGER,
                speaker_id TEXT,
                speaker_name TEXT,
                speaker_country TEXT,
                speaker_sector TEXT,
                about TEXT NOT NULL DEFAULT '[]',  -- JSON list of actor ids the quote mentions
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX quotes_speaker ON quotes (speaker_id)",
            # Quotes are searched like sentences: by what was said.
            """CREATE VIRTUAL TABLE quotes_fts USING fts5(
                text, content='quotes', content_rowid='rowid',
                tokenize='unicode61 remove_diacritics 2'
            )""",
            """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
                INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
            END""",
            """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
                INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
            END""",
        ),
    ),
    Migration(
        "events: who did what to whom, coded in PLOVER and CAMEO, with their evidence",
        (
            """CREATE TABLE events (
                article_id TEXT NOT NULL REFERENCES articles ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                sentence INTEGER NOT NULL,
                source_id TEXT NOT NULL,
                source_name TEXT, source_country TEXT, source_sector TEXT,
                target_id TEXT,
                target_name TEXT, target_country TEXT, target_sector TEXT,
                trigger TEXT NOT NULL,
                plover TEXT NOT NULL,
                mode TEXT,
                cameo TEXT NOT NULL,
                quad_class INTEGER,
                goldstein REAL,
                negated INTEGER NOT NULL,
                status TEXT NOT NULL,
                speaker_id TEXT,
                date TEXT,
                date_precision TEXT,
                location TEXT,
                amounts TEXT NOT NULL DEFAULT '[]',  -- JSON list of str
                evidence_start INTEGER NOT NULL,
                evidence_end INTEGER NOT NULL,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX events_dyad ON events (source_id, target_id)",
        ),
    ),
    Migration(
        "framing: the labels each article hangs on each actor, and its tone toward each, per voice",
        (
            # outlet, actor_name and speaker_name are copied in (as mentions keep
            # actor_name) so a framing export reads without a join.
            """CREATE TABLE labels (
                article_id TEXT NOT NULL REFERENCES articles ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                sentence INTEGER NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                outlet TEXT,
                actor_id TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                label TEXT NOT NULL,
                kind TEXT NOT NULL,       -- title, apposition, modifier, possession, predicate
                polarity TEXT,            -- negative, positive, or NULL: no framing term
                voice TEXT NOT NULL,      -- author or quoted
                speaker_id TEXT,
                speaker_name TEXT,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX labels_actor ON labels (actor_id)",
            """CREATE TABLE tones (
                article_id TEXT NOT NULL REFERENCES articles ON DELETE CASCADE,
                outlet TEXT,
                actor_id TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                voice TEXT NOT NULL,
                speaker_id TEXT,          -- '' is never stored: NULL for the author voice
                speaker_name TEXT,
                mentions INTEGER NOT NULL,
                score REAL NOT NULL,      -- mean per-mention score in [-1, 1]
                negative INTEGER NOT NULL,
                neutral INTEGER NOT NULL,
                positive INTEGER NOT NULL
            )""",
            "CREATE INDEX tones_article ON tones (article_id)",
            "CREATE INDEX tones_actor ON tones (actor_id)",
        ),
    ),
    Migration(
        "events as read: a stable event id, the outlet, the speaker's name and the evidence sentence",
        (
            # A view, not copies: the evidence is the article's own text between the
            # offsets, so it can never disagree with it.
            """CREATE VIEW events_public AS
            SELECT e.*, e.article_id || '-' || e.idx AS event_id, a.outlet AS outlet,
                   s.name AS speaker_name,
                   substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence_text
            FROM events e JOIN articles a ON a.article_id = e.article_id
            LEFT JOIN actors s ON s.actor_id = e.speaker_id""",
        ),
    ),
    Migration(
        "events: the trained coder's confidence and the features that decided each event",
        (
            "ALTER TABLE events ADD COLUMN confidence REAL",
            "ALTER TABLE events ADD COLUMN decided_by TEXT NOT NULL DEFAULT '[]'",  # JSON list of str
            "CREATE INDEX events_confidence ON events (confidence)",
        ),
    ),
    Migration(
        "runs: how each run ended (running, completed, interrupted, failed, abandoned) and which process ran it",
        (
            # A run is inserted 'running' with its process; the runner sets how it
            # ended. A run still 'running' whose process is gone was killed: readers
            # show it as abandoned and the next run on its host marks it so.
            "ALTER TABLE runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running'",
            "ALTER TABLE runs ADD COLUMN host TEXT",
            "ALTER TABLE runs ADD COLUMN pid INTEGER",
            # Runs from before this step: a finished one says in its counts whether it
            # was interrupted; an unfinished one keeps 'running' with no process, which
            # readers show as abandoned unless an older newsgraph still finishes it.
            """UPDATE runs SET status = CASE
                WHEN finished_at IS NULL THEN 'running'
                WHEN json_extract(counts, '$.interrupted') THEN 'interrupted'
                ELSE 'completed' END""",
            "CREATE INDEX runs_status ON runs (status)",
        ),
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in the store file (0 for a new or foreign file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection, path: str, *, readonly: bool) -> int:
    """Refuse a store this code cannot read; return its version.

    A store newer than the code is refused in both modes (its tables may mean
    something else). An older store is refused only read-only, where it cannot
    be upgraded.
    """
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError("E202", path=path, found=found, known=SCHEMA_VERSION)
    if readonly and found < SCHEMA_VERSION:
        raise StoreError("E207", path=path, found=found, known=SCHEMA_VERSION)
    return found


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Apply the missing migration steps, one transaction each; return the new version.

    The version is re-read inside each write transaction, so two processes
    opening the same new store at once do not both apply a step.
    `conn` must be in autocommit mode (isolation_level=None).
    """
    check_version(conn, path, readonly=False)
    for version, step in enumerate(MIGRATIONS, start=1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            for statement in step.statements:
                conn.execute(statement)
            # PRAGMA takes no bound parameters; version is an int we computed.
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(conn)
            raise StoreError("E206", path=path, version=version, reason=exc) from exc
        except BaseException:
            _rollback(conn)
            raise
    return schema_version(conn)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
