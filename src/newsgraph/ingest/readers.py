"""Readers: every input becomes `RawDoc` records (one per article) or `InputError`s.

`read_raw` is the one entry point: it expands the paths (sources.py), picks a reader
per input by extension or `format=`, applies folder sidecars (sidecar.py), and yields
in input order. Nothing raises out of the stream for a bad input: a file that cannot
be read yields one error and the next file is read; a bad row yields one error and
the next row is read.

Formats: txt (a file is an article), html (trafilatura reduces the page to text and
metadata, offline), jsonl and csv/tsv (a row is an article, streamed so a 200 MB dump
keeps memory flat), json (one object or an array of objects, read as one bounded
document). `RawDoc.format` speaks the four record formats: json rows say "jsonl",
tsv rows say "csv".
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, BinaryIO

from newsgraph.errors import InputFailure, UsageError
from newsgraph.ingest.sidecar import SidecarIndex, merge_fields
from newsgraph.ingest.sitename import site_name
from newsgraph.ingest.sources import (
    MAX_BYTES,
    STDIN,
    STDIN_PATH,
    Line,
    Opened,
    check_text_stream,
    decode_bytes,
    error,
    expand_paths,
    format_for,
    human_size,
    iter_lines,
    open_input,
    read_document,
    strip_nuls,
    warning,
)
from newsgraph.records import InputError, RawDoc

FORMATS = ("txt", "html", "jsonl", "json", "csv", "tsv")
_RECORD_FORMAT = {"json": "jsonl", "tsv": "csv"}
_DELIMITER = {"csv": ",", "tsv": "\t"}
# Normalised field ← the row keys it is taken from, first non-empty wins.
FIELD_SOURCES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title",),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "url": ("url",),
    "date": ("date", "published", "publish_date", "pubdate"),
    "byline": ("byline", "authors", "author"),
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF = 4096
_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_PARSER_DEPTH = 255  # libxml2 drops elements nested deeper (without its "huge" option)
_DEEP_PARSER_DEPTH = 2047  # and deeper than this even with it


def read_raw(
    paths: Sequence[str],
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDoc | InputError]:
    """Read every input named by `paths` (files, folders, globs, `-`) as raw documents.

    `format` overrides the format every input's extension implies; `max_bytes` bounds
    each file (txt, html, json) or each row (jsonl, csv); `stdin` replaces the process's
    standard input for `-` (tests, embedding).
    """
    if isinstance(paths, str):
        paths = [paths]
    if not isinstance(max_bytes, int) or max_bytes < 1:
        raise UsageError("E402", option="max_bytes", expected="a positive integer", value=max_bytes)
    if format is not None and format not in FORMATS:
        for given in paths:  # every input fails, and says why
            yield error(given, None, "E111", format=format, known=", ".join(FORMATS))
        return
    sidecars = SidecarIndex(max_bytes=max_bytes)
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        side: dict[str, Any] = {}
        if item != STDIN:
            columns, problem = sidecars.columns_for(item)
            if problem is not None:
                yield problem
            side = map_fields(columns)
        yield from _read_input(item, format, max_bytes, stdin, side)


def normalise_key(key: str) -> str:
    """A field name as matched against FIELD_SOURCES: "Publish Date" → "publish_date"."""
    return re.sub(r"[\s\-]+", "_", str(key).strip().lower())


def map_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised fields of a row (or sidecar line), everything else kept in `meta`.

    Values stay as given (dates are parsed by the cleaning step); numbers become
    strings and a list of authors is joined with ", ". A key considered but not used
    (a `source` beside an `outlet`) stays in `meta`; only empty ones are dropped.
    """
    by_name: dict[str, str] = {}
    for key in row:
        by_name.setdefault(normalise_key(key), key)
    fields: dict[str, Any] = {}
    used = {by_name["text"]} if "text" in by_name else set()
    for name, sources in FIELD_SOURCES.items():
        for source in sources:
            key = by_name.get(source)
            if key is None:
                continue
            value = _as_text(row[key])
            if value is None and _is_blank(row[key]):
                used.add(key)  # an empty author or date says nothing: not even meta
            elif value and name not in fields:
                fields[name] = value
                used.add(key)
    meta = {key: value for key, value in row.items() if key not in used}
    if meta:
        fields["meta"] = meta
    return fields


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple)) and not _as_text(value))


def _as_text(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item).strip() for item in value if str(item).strip())
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return value if isinstance(value, str) and value.strip() else None


# ---------------------------------------------------------------------------- dispatch


def _read_input(
    path: str, format: str | None, max_bytes: int, stdin: BinaryIO | None, side: dict[str, Any]
) -> Iterator[RawDoc | InputError]:
    shown = STDIN_PATH if path == STDIN else path
    try:
        with open_input(path, stdin=stdin) as opened:
            fmt = format or (_sniff(opened) if path == STDIN else format_for(path) or "txt")
            if fmt in ("jsonl", "csv", "tsv"):
                check_text_stream(opened)
                if fmt == "jsonl":
                    rows = _jsonl_docs(opened, max_bytes)
                else:
                    rows = _csv_docs(opened, fmt, max_bytes)
                for doc in rows:
                    yield _with_sidecar(doc, side, sidecar_wins=False)
                return
            data = read_document(opened, max_bytes=max_bytes)
        if fmt == "json":
            for doc in _json_docs(shown, data):
                yield _with_sidecar(doc, side, sidecar_wins=False)
        else:
            reader = _html_doc if fmt == "html" else _txt_doc
            yield _with_sidecar(reader(shown, data), side, sidecar_wins=True)
    except InputFailure as failure:
        yield InputError(shown, None, failure.code, failure.message)


def _with_sidecar(
    doc: RawDoc | InputError, side: dict[str, Any], *, sidecar_wins: bool
) -> RawDoc | InputError:
    if isinstance(doc, InputError) or not side:
        return doc
    fields = merge_fields(doc.fields, side, sidecar_wins=sidecar_wins)
    return RawDoc(doc.path, doc.line, doc.format, doc.text, fields)


def _sniff(opened: Opened) -> str:
    """Standard input's format from its first bytes: `{` jsonl, `[` json, `<` html."""
    head = opened.stream.peek(_SNIFF)[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if head[:1] == b"<":
        return "html"
    if head[:1] == b"[":
        return "json"
    if head[:1] == b"{":
        first, newline, _ = head.partition(b"\n")
        if newline:  # one object spread over lines is a json document, not jsonl
            try:
                json.loads(first)
            except ValueError:
                return "json"
        return "jsonl"
    return "txt"


# ---------------------------------------------------------------------------- documents


def _txt_doc(path: str, data: bytes) -> RawDoc:
    text, warnings = decode_bytes(data)
    return RawDoc(path, None, "txt", text, {"warnings": warnings} if warnings else {})


def _html_doc(path: str, data: bytes) -> RawDoc | InputError:
    """Body text (paragraphs as lines) and metadata of an HTML page, parsed offline."""
    from trafilatura import bare_extraction  # heavy import: only when HTML is read
    from trafilatura.utils import load_html

    text, warnings = decode_bytes(data, declared=_declared_charset(data[:_SNIFF]))
    text = _NOT_IN_HTML.sub("", text)  # control characters: lxml and the extractor choke on them
    try:
        tree = load_html(text)
        if tree is not None and _depth(tree) >= _PARSER_DEPTH:
            tree = _deep_tree(text)  # the default parser dropped what lay deeper
            depth = _depth(tree)
            if depth >= _DEEP_PARSER_DEPTH:
                shown = f"{_DEEP_PARSER_DEPTH} or more"
                return error(path, None, "E124", depth=shown, limit=_DEEP_PARSER_DEPTH, action="not read")
            limit, action = _PARSER_DEPTH, "read again with a parser that allows deeper pages"
            warnings.append(warning("E124", depth=depth, limit=limit, action=action))
        captions = _captions(tree) if tree is not None else []  # before extraction prunes it
        named = site_name(tree) if tree is not None else None
        doc = tree is not None and bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=False,
        )
    except Exception:  # a page that trips the extractor costs that page, not the batch
        doc = None
    if not doc or not (doc.text or "").strip():
        return error(path, None, "E112")
    found = {
        "title": doc.title,
        "byline": doc.author,
        "date": doc.date,
        "url": doc.url,
        "outlet": named or doc.hostname,  # never a tagline or a handle (see sitename.py)
    }
    fields: dict[str, Any] = {key: value for key, value in found.items() if value}
    if captions:
        fields["captions"] = captions
    if warnings:
        fields["warnings"] = warnings
    return RawDoc(path, None, "html", doc.text, fields)


def _depth(tree: Any) -> int:
    """How deep the element tree goes (the root is 1), in one pass."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _deep_tree(text: str) -> Any:
    """The page parsed without libxml2's default depth limit (up to its hard one).

    Pages nested hundreds of levels deep exist (generated layouts, hostile input);
    the default parser silently drops everything below its limit, text included.
    """
    from lxml.html import HTMLParser, fromstring

    parser = HTMLParser(huge_tree=True, encoding="utf-8", collect_ids=False, default_doctype=False,
                        remove_comments=True, remove_pis=True)  # fmt: skip
    # as bytes: lxml refuses a str holding control characters, which libxml2 itself skips
    return fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)


def _declared_charset(head: bytes) -> str | None:
    match = _CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _captions(tree: Any) -> list[str]:
    captions: list[str] = []
    for node in tree.iter("figcaption"):
        caption = " ".join(node.text_content().split())
        if caption and caption not in captions:
            captions.append(caption)
    return captions


def _json_docs(path: str, data: bytes) -> Iterator[RawDoc | InputError]:
    """One object, or an array of objects: a row each, with the line it starts on."""
    text, warnings = decode_bytes(data)
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    in_array = text.startswith("[", pos)
    if in_array:
        pos = _skip_space(text, pos + 1)
        if text.startswith("]", pos):
            raise InputFailure("E104")  # an empty array
    while pos < len(text):
        if in_array and text.startswith("]", pos):
            pos = _skip_space(text, pos + 1)
            in_array = False
            continue
        line = text.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield error(path, exc.lineno, "E105", reason=json_reason(exc))
            return
        except RecursionError:
            yield error(path, line, "E105", reason="nested too deeply")
            return
        yield _row_doc(path, line, "jsonl", value, warnings)
        pos = _skip_space(text, pos)
        if in_array and text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif pos < len(text) and not (in_array and text.startswith("]", pos)):
            found = text[pos : pos + 10]
            line = text.count("\n", 0, pos) + 1
            yield error(path, line, "E105", reason=f"unexpected {found!r} after a value")
            return
    if in_array:
        yield error(path, text.count("\n") + 1, "E105", reason="the array is not closed")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


# ---------------------------------------------------------------------------- rows


def _jsonl_docs(opened: Opened, max_bytes: int) -> Iterator[RawDoc | InputError]:
    path, rows = opened.path, 0
    for line in iter_lines(opened.stream, max_bytes=max_bytes):
        if line.text is None:
            rows += 1
            yield _too_large(path, line.number, line.size, max_bytes)
            continue
        if not line.text.strip():
            continue
        rows += 1
        warnings = _fallback_warnings([line])
        try:
            value = json.loads(strip_nuls(line.text.rstrip("\r\n"), warnings))  # a cut string is "Unterminated"
        except json.JSONDecodeError as exc:
            yield error(path, line.number, "E105", reason=json_reason(exc))
            continue
        except RecursionError:
            yield error(path, line.number, "E105", reason="nested too deeply")
            continue
        yield _row_doc(path, line.number, "jsonl", value, warnings)
    if not rows:
        raise InputFailure("E104")


def _csv_docs(opened: Opened, fmt: str, max_bytes: int) -> Iterator[RawDoc | InputError]:
    """Rows of a CSV/TSV file under a header line; a row may span lines (quoted)."""
    path, header, rows = opened.path, None, 0
    lines = _RowLines(iter_lines(opened.stream, max_bytes=max_bytes), max_bytes)
    for line, cells in _csv_records(lines, _DELIMITER[fmt], max_bytes, path):
        if header is None and not isinstance(cells, InputError):
            header = cells
            if "text" not in {normalise_key(cell) for cell in header}:
                yield error(path, line, "E106", fields=_field_list(header))
                return
            continue
        rows += 1
        if isinstance(cells, InputError):
            yield cells
        elif len(cells) != len(header or ()):
            reason = f"{len(cells)} fields where the header has {len(header or ())}"
            yield error(path, line, "E107", reason=reason)
        else:
            warnings = _fallback_warnings(lines.lines)
            if nuls := sum(cell.count("\x00") for cell in cells):  # stray bytes: strip, keep the row
                warnings.append(warning("E123", count=nuls))
                cells = [cell.replace("\x00", "") for cell in cells]
            yield _row_doc(path, line, "csv", dict(zip(header or (), cells)), warnings)
    if not rows:  # nothing, or a header alone
        raise InputFailure("E104")


def _csv_records(
    lines: _RowLines, delimiter: str, max_bytes: int, path: str
) -> Iterator[tuple[int, list[str] | InputError]]:
    """(start line, cells) per non-blank record, or the error that record raised."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))  # long article texts
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        lines.start_row()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except _RowTooLarge as exc:
            yield lines.row_start or 0, _too_large(path, lines.row_start, exc.size, max_bytes)
            continue
        except csv.Error as exc:
            lines.abandon_row()
            yield lines.row_start or 0, error(path, lines.row_start, "E107", reason=str(exc))
            continue
        if cells and cells != [""]:
            yield lines.row_start or 0, cells


class _RowTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class _RowLines:
    """Feeds csv.reader one line at a time and keeps each row under `max_bytes`.

    A row that outgrows the limit is abandoned mid-way (csv.reader starts afresh on
    its next call). If it stopped inside a quoted field, the rest of that field is
    read past by quote parity (RFC 4180 doubles quotes, so an odd count means
    "inside"), so the row's tail is not misread as new rows. The same resync follows
    a malformed row.
    """

    def __init__(self, lines: Iterator[Line], max_bytes: int) -> None:
        self._lines = lines
        self._max_bytes = max_bytes
        self._inside_quotes = False  # of an abandoned row, still to read past
        self.start_row()

    def start_row(self) -> None:
        self.row_start: int | None = None
        self.lines: list[Line] = []
        self._size = 0
        self._quotes = 0

    def abandon_row(self) -> None:
        self._inside_quotes = self._quotes % 2 == 1

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        while self._inside_quotes:
            tail = next(self._lines)
            self._inside_quotes ^= (tail.text or "").count('"') % 2 == 1
        line = next(self._lines)
        if self.row_start is None:
            self.row_start = line.number
        self._size += line.size
        self._quotes += (line.text or "").count('"')
        if line.text is None or self._size > self._max_bytes:
            self.abandon_row()
            raise _RowTooLarge(self._size)
        self.lines.append(line)
        return line.text


# ---------------------------------------------------------------------------- row records


def _row_doc(
    path: str, line: int, fmt: str, value: Any, warnings: list[str]
) -> RawDoc | InputError:
    """A row (JSON object or CSV record) as a RawDoc, or the reason it is not one."""
    if not isinstance(value, dict):
        return error(path, line, "E116", kind=type(value).__name__)
    text_key = next((key for key in value if normalise_key(key) == "text"), None)
    if text_key is None:
        return error(path, line, "E106", fields=_field_list(value))
    text = value[text_key]
    if not isinstance(text, str):
        return error(path, line, "E114")
    if not text.strip():
        return error(path, line, "E104")
    fields = map_fields(value)
    if warnings:
        fields["warnings"] = list(warnings)
    return RawDoc(path, line, fmt, text, fields)


def json_reason(exc: json.JSONDecodeError) -> str:
    """The decoder's complaint and where: some of its messages end in "at" already
    ("Unterminated string starting at"), which would read "at at column"."""
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def _too_large(path: str, line: int | None, size: int, max_bytes: int) -> InputError:
    return error(path, line, "E115", limit=human_size(max_bytes), size=human_size(size))


def _fallback_warnings(lines: list[Line]) -> list[str]:
    fallback = next((line.fallback for line in lines if line.fallback), None)
    return [warning("W101", fallback=fallback)] if fallback else []


def _field_list(keys: Any, most: int = 12) -> str:
    names = [str(key) for key in keys]
    shown = ", ".join(names[:most]) + (", ..." if len(names) > most else "")
    return shown or "none"
