"""The registry of tables a user can read and export, with their public columns.

A `TableSpec` is the public face of a store table: which columns a reader sees,
in which order, which of them hold JSON, and how each is typed in Arrow/Parquet.
Internal columns (`articles.added_at`, `sentences.sentence_id`) stay out, so
exports are stable whatever the storage needs.

A later issue exposes its table with one entry, e.g.::

    "mentions": TableSpec(
        "mentions",
        (text("article_id"), integer("idx"), integer("start"), integer("end"),
         text("actor_id"), json("resolution")),
        order_by="article_id, idx",
    ),

Every per-article table's rows carry `article_id`, so any export can be joined
back to its article and sentence. Arrow types are given as functions of the
`pyarrow` module so that reading the store never pays for importing pyarrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..errors import StoreError

# A function from the pyarrow module to a pyarrow DataType.
ArrowType = Callable[[Any], Any]

KINDS = ("text", "int", "real", "json")


@dataclass(frozen=True, slots=True)
class Column:
    """One public column.

    `kind` says how the value is stored: text, int, real, or json (stored as JSON
    text, decoded to lists/dicts on read). `arrow` types a json column in
    Parquet; a json column without it is free-form and exported as Arrow JSON.
    """

    name: str
    kind: str
    arrow: ArrowType | None = None


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A readable, exportable table: its columns in export order.

    `order_by` is the SQL order rows are read in: it should be an indexed or
    rowid order so streaming a large table needs no sort.
    """

    name: str
    columns: tuple[Column, ...]
    order_by: str = "rowid"
    description: str = ""
    source: str = ""  # the table or view rows are read from, when not `name`

    @property
    def relation(self) -> str:
        return self.source or self.name

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def json_columns(self) -> frozenset[str]:
        return frozenset(column.name for column in self.columns if column.kind == "json")


def text(name: str) -> Column:
    return Column(name, "text")


def integer(name: str) -> Column:
    return Column(name, "int")


def real(name: str) -> Column:
    return Column(name, "real")


def json(name: str, arrow: ArrowType | None = None) -> Column:
    return Column(name, "json", arrow)


def _removed_lines(pa: Any) -> Any:
    return pa.list_(
        pa.struct([("text", pa.string()), ("reason", pa.string()), ("paragraph", pa.int64())])
    )


def _strings(pa: Any) -> Any:
    return pa.list_(pa.string())


TABLES: dict[str, TableSpec] = {
    "articles": TableSpec(
        "articles",
        (
            text("article_id"),
            text("input_id"),
            text("path"),
            integer("line"),
            text("format"),
            text("outlet"),
            text("url"),
            text("title"),
            text("byline"),
            text("date"),
            text("date_source"),
            text("date_precision"),
            text("text"),
            json("removed", _removed_lines),
            json("captions", _strings),
            json("meta"),
            json("warnings", _strings),
        ),
        order_by="rowid",
        description="clean articles, one row per distinct text",
    ),
    "sentences": TableSpec(
        "sentences",
        (
            text("article_id"),
            integer("idx"),
            integer("paragraph"),
            integer("start"),
            integer("end"),
            text("text"),
        ),
        order_by="sentence_id",
        description="sentences with character offsets into their article's text",
    ),
    "mentions": TableSpec(
        "mentions",
        (
            text("article_id"),
            integer("idx"),
            integer("sentence"),
            integer("start"),
            integer("end"),
            text("text"),
            text("actor_id"),
            text("actor_name"),
            text("country"),
            text("sector"),
            text("how"),
            text("role"),
            text("kind"),
        ),
        order_by="article_id, idx",
        description="spans that name an actor, resolved as of the article's date, with how",
    ),
    "quotes": TableSpec(
        "quotes",
        (
            text("article_id"),
            integer("idx"),
            integer("sentence"),
            integer("start"),
            integer("end"),
            text("text"),
            text("kind"),
            text("cue"),
            text("speaker_text"),
            integer("speaker_start"),
            integer("speaker_end"),
            text("speaker_id"),
            text("speaker_name"),
            text("speaker_country"),
            text("speaker_sector"),
            json("about", _strings),
        ),
        order_by="article_id, idx",
        description="what was said, by whom (a canonical actor, or none for an unattributed quote)",
    ),
    "events": TableSpec(
        "events",
        (
            text("event_id"), text("article_id"), integer("idx"), integer("sentence"), text("outlet"),
            text("source_id"), text("source_name"), text("source_country"), text("source_sector"),
            text("target_id"), text("target_name"), text("target_country"), text("target_sector"),
            text("trigger"), text("plover"), text("mode"), text("cameo"), integer("quad_class"),
            real("goldstein"), integer("negated"), text("status"), text("speaker_id"), text("speaker_name"),
            text("date"), text("date_precision"), text("location"), json("amounts", _strings),
            integer("evidence_start"), integer("evidence_end"), text("evidence_text"),
            real("confidence"), json("decided_by", _strings),
        ),
        order_by="article_id, idx",
        source="events_public",
        description="events: source and target actors as of the article date, PLOVER/CAMEO coding, evidence offsets",
    ),
    "labels": TableSpec(
        "labels",
        (
            text("article_id"), integer("idx"), integer("sentence"), integer("start"), integer("end"),
            text("outlet"), text("actor_id"), text("actor_name"), text("label"), text("kind"),
            text("polarity"), text("voice"), text("speaker_id"), text("speaker_name"),
        ),
        order_by="article_id, idx",
        description="descriptors each article hangs on each actor (title, apposition, modifier, possession, predicate), with polarity and voice",
    ),
    "tones": TableSpec(
        "tones",
        (
            text("article_id"), text("outlet"), text("actor_id"), text("actor_name"), text("voice"),
            text("speaker_id"), text("speaker_name"), integer("mentions"), real("score"),
            integer("negative"), integer("neutral"), integer("positive"),
        ),
        order_by="rowid",
        description="tone toward each actor per article and voice: mentions scored, mean score, class counts",
    ),
    "actors": TableSpec(
        "actors",
        (
            text("actor_id"),
            text("name"),
            text("country"),
            text("sector"),
            text("wikidata"),
            json("aliases", _strings),
        ),
        order_by="actor_id",
        description="canonical actors that mentions resolve to",
    ),
    "runs": TableSpec(
        "runs",
        (
            integer("run_id"),
            text("started_at"),
            text("finished_at"),
            json("args"),
            json("counts"),
            text("status"),
            text("host"),
            integer("pid"),
        ),
        order_by="run_id",
        description="every ingest run: its arguments, what it did and how it ended",
    ),
    "input_errors": TableSpec(
        "input_errors",
        (
            integer("run_id"),
            text("path"),
            integer("line"),
            text("code"),
            text("message"),
        ),
        order_by="error_id",
        description="every input a run could not turn into an article, with the reason",
    ),
}


def get_table(name: str) -> TableSpec:
    """The spec of a table by name; E203 when there is no such table."""
    try:
        return TABLES[name]
    except KeyError:
        raise StoreError("E203", table=name, known=", ".join(TABLES)) from None
