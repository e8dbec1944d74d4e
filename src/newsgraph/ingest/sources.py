"""Where ingest's bytes come from: paths expanded, files opened, bytes decoded.

This module owns the ways an input can be bad before any format is parsed — it is
not there, it cannot be read, it is too big, it is not text — and the limits that keep
one input from exhausting memory. Expansion yields `InputError` records (missing paths,
skips); opening and decoding raise `InputFailure`, which the readers turn into records,
so a bad file never stops the batch. Skips (hidden files, files that are not articles)
carry an S code so a summary can count "skipped" apart from "failed".
"""

from __future__ import annotations

import codecs
import csv
import glob
import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from newsgraph.errors import Errors, InputFailure
from newsgraph.records import InputError

MAX_BYTES = 10 * 1024 * 1024  # per file (txt, html, json) or per row (jsonl, csv)
MAX_EXPANSION = 100  # text compresses ~3-10:1; far beyond 100:1 is a decompression bomb
EXPANSION_GRACE = 1024 * 1024  # output measured before the ratio is trusted
STDIN = "-"
STDIN_PATH = "<stdin>"
SIDECAR_NAME = "metadata.csv"
FORMAT_BY_EXTENSION = {
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
}  # fmt: skip

_GLOB_CHARS = re.compile(r"[*?\[]")
_SNIFF_BYTES = 8192  # how much of a file's head the binary check looks at
_BUFFER = 64 * 1024
_PACKED_CHUNK = 8 * 1024
_MB = 1024 * 1024
# Bytes that never occur in text (tab, newlines, form feed and ESC excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_CONTROL_SHARE = 0.10
_NUL_SHARE, _FEW_NULS = 0.01, 16  # more NULs than 1% of a text's head (or 16) are not strays
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, .epub ...)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip data (compressed twice?)"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def error(path: str, line: int | None, code: str, **kwargs: object) -> InputError:
    """An InputError record whose message is the coded template, formatted."""
    return InputError(path, line, code, getattr(Errors, code).format(**kwargs))


def warning(code: str, **kwargs: object) -> str:
    """A warning as it travels on `RawDoc.fields["warnings"]`: "[W101] message"."""
    return f"[{code}] " + getattr(Errors, code).format(**kwargs)


def human_size(size: int) -> str:
    """Bytes for people: "10 MB", "512 KB", "80 bytes"."""
    for unit, scale in (("MB", _MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def format_for(path: str) -> str | None:
    """The reader format a file name implies ("a.jsonl.gz" → "jsonl"), or None."""
    name = os.path.basename(path).lower().removesuffix(".gz")
    return FORMAT_BY_EXTENSION.get(os.path.splitext(name)[1])


# ---------------------------------------------------------------------------- expansion


def expand_paths(paths: Sequence[str]) -> Iterator[str | InputError]:
    """Expand what a user typed into concrete inputs, in a stable order.

    Files are kept as given (any extension: the user named them); folders are walked
    recursively in sorted order, keeping article files only; glob patterns (`*`, `?`,
    `[`, `**`) expand in sorted order; `-` is standard input. A metadata sidecar met
    in a folder or a glob is consumed (the readers apply it), not reported.
    """
    for given in map(os.fspath, paths):
        if given == STDIN:
            yield STDIN
        elif os.path.isdir(given):
            yield from _walk_root(given)
        elif problem := unreachable(given):
            yield problem
        elif os.path.lexists(given):
            yield error(given, None, "S103") if is_sidecar(given) else given
        elif _GLOB_CHARS.search(given):
            yield from _expand_glob(given)
        else:
            yield error(given, None, "E101")


def is_sidecar(path: str) -> bool:
    """True for a `metadata.csv` with a `file` column and no `text` column."""
    if os.path.basename(path) != SIDECAR_NAME:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.readline(_BUFFER)
        header = next(csv.reader([decode_line(head.removeprefix(codecs.BOM_UTF8))[0]]), [])
    except (OSError, csv.Error):
        return False  # reading it as articles will report what is wrong with it
    names = {cell.strip().lower() for cell in header}
    return "file" in names and "text" not in names


def _walk_root(folder: str) -> Iterator[str | InputError]:
    found = unwalkable = False
    for item in _walk(folder, set(), ()):
        found = found or isinstance(item, str)
        unwalkable = unwalkable or (isinstance(item, InputError) and item.path == folder)
        yield item
    if not found and not unwalkable:  # a folder that cannot be listed said so already
        yield error(folder, None, "E118")


def _walk(folder: str, seen: set[str], ancestors: tuple[str, ...]) -> Iterator[str | InputError]:
    """Article files under `folder`, sorted; every path that cannot be walked is one error.

    A tree is the user's, so anything can be in it: a folder we may not list (E120),
    a symbolic link that loops on itself or cannot be resolved (E120), one whose
    target is gone (E121), one that leads back to a folder above it (E122). Each costs
    that path alone. A folder reached twice by different names is read once, silently:
    its articles are not lost, and reading them again would only duplicate them.
    """
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    ancestors = (*ancestors, real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield error(folder, None, "E120", reason=_reason(exc))
        return
    for entry in entries:
        path = os.path.join(folder, entry.name)
        if entry.name.startswith("."):
            yield error(path, None, "S102")
            continue
        if problem := unreachable(path):
            yield problem
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:  # EACCES, ENAMETOOLONG ...
            yield error(path, None, "E120", reason=_reason(exc))
            continue
        target = os.path.realpath(path) if entry.is_symlink() else None
        if is_dir and target is not None and target in ancestors:
            yield error(path, None, "E122", target=target)
        elif is_dir:
            yield from _walk(path, seen, ancestors)
        elif not is_file:
            yield error(path, None, "S104")
        elif format_for(entry.name) is None:
            yield error(path, None, "S101", what=_extension_text(entry.name))
        elif not is_sidecar(path):
            yield path


def unreachable(path: str) -> InputError | None:
    """The error for a symbolic link that leads nowhere, or None for any other path.

    A link whose target is gone is E121; one that cannot be resolved at all (a loop,
    `a -> b -> a`, or a chain too long) is E120. Asked before anything follows the
    link, so the walk never meets the OSError that would end it.
    """
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except FileNotFoundError:
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return error(path, None, "E121", target=target)
    except OSError as exc:  # ELOOP, EACCES on a folder on the way, ENAMETOOLONG
        return error(path, None, "E120", reason=_reason(exc))
    return None


def _expand_glob(pattern: str) -> Iterator[str | InputError]:
    """Glob matches in sorted order; folders among them are walked.

    A matched file with an unknown extension is read only when the pattern itself
    names that extension (`dump/*.data`); `dump/*` skips the pictures beside the text.
    """
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield error(pattern, None, "E113")
        return
    extension = os.path.splitext(os.path.basename(pattern))[1]
    names_extension = bool(extension) and not _GLOB_CHARS.search(extension)
    seen: set[str] = set()
    walked: set[str] = set()  # shared: `**` through a symlink cycle lists one folder many times
    for match in matches:
        if problem := unreachable(match):
            items: Iterator[str | InputError] = iter([problem])
        elif os.path.isdir(match):
            items = _walk(match, walked, ())
        elif format_for(match) is None and not names_extension:
            items = iter([error(match, None, "S101", what=_extension_text(match))])
        elif is_sidecar(match):
            continue
        else:
            items = iter([match])
        for item in items:  # a file reached by several names is read once
            key = os.path.realpath(item) if isinstance(item, str) else _link_identity(item.path)
            if key not in seen:
                seen.add(key)
                yield item


def _link_identity(path: str) -> str:
    """The path with its folder resolved but not itself: one key per link, however reached."""
    folder, name = os.path.split(os.path.normpath(path))
    return os.path.join(os.path.realpath(folder or "."), name)


def _extension_text(name: str) -> str:
    extension = os.path.splitext(os.path.basename(name))[1]
    return f"extension {extension}" if extension else "no extension"


# ---------------------------------------------------------------------------- opening


@dataclass
class Opened:
    """An input opened for reading: its bytes decompressed, bounded and guarded."""

    path: str  # as the user knows it ("<stdin>" for standard input)
    stream: io.BufferedReader  # decompressed bytes; supports peek() and readline()
    compressed: bool
    size: int | None  # on-disk size of an uncompressed regular file, else None


@contextmanager
def open_input(path: str, *, stdin: BinaryIO | None = None) -> Iterator[Opened]:
    """Open a file (or `-`, standard input), decompressing gzip transparently.

    Gzip is recognised by its magic bytes, so `cat x.jsonl.gz | newsgraph -` works
    too. Read errors, corrupt gzip data and decompression bombs surface from the
    stream as `InputFailure` (E102, E110, E109), wherever the reading happens.
    """
    if path == STDIN:
        raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        shown, owned = STDIN_PATH, False
    else:
        raw, shown, owned = _open_file(path), path, True
    try:
        size = _regular_size(raw)
        source = _Guard(raw)
        buffered = io.BufferedReader(source, _BUFFER)
        if buffered.peek(2)[:2] != b"\x1f\x8b":
            yield Opened(shown, buffered, False, size)
            return
        # Fed in small chunks, so the bytes counted are the bytes gzip has consumed.
        packed = _Guard(buffered, chunk=_PACKED_CHUNK)
        unzipped = gzip.GzipFile(fileobj=packed, mode="rb")
        guarded = _Guard(unzipped, compressed=packed)
        yield Opened(shown, io.BufferedReader(guarded, _BUFFER), True, None)
    finally:
        if owned:
            raw.close()


def _open_file(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputFailure("E101") from None
    except OSError as exc:
        raise InputFailure("E102", reason=_reason(exc)) from None


def _regular_size(raw: BinaryIO) -> int | None:
    try:
        info = os.fstat(raw.fileno())
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


class _Guard(io.RawIOBase):
    """Counts the bytes passing through and turns low-level failures into coded ones.

    Wrapped around a gzip stream it also watches the expansion ratio against the
    compressed bytes consumed: past the first EXPANSION_GRACE bytes of output, more
    than MAX_EXPANSION:1 is a bomb, and the file is abandoned at once — a stream of
    rows has no total size limit, and a bomb of empty rows would otherwise cost
    minutes of parsing.
    """

    def __init__(
        self, inner: BinaryIO, *, compressed: _Guard | None = None, chunk: int | None = None
    ) -> None:
        super().__init__()
        self._inner = inner
        self._compressed = compressed
        self._chunk = chunk
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(min(len(buffer), self._chunk or len(buffer)))
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputFailure("E110", reason=str(exc) or type(exc).__name__) from None
        except OSError as exc:
            raise InputFailure("E102", reason=_reason(exc)) from None
        size = len(data)
        buffer[:size] = data
        self.count += size
        packed = self._compressed
        if packed is not None and self.count > EXPANSION_GRACE:
            if self.count > MAX_EXPANSION * max(packed.count, 1):
                raise InputFailure("E119", ratio=MAX_EXPANSION)
        return size


def read_document(opened: Opened, *, max_bytes: int = MAX_BYTES) -> bytes:
    """All the bytes of a one-document input, refusing more than `max_bytes`.

    A regular file's size is checked before reading; other streams are read at most
    one byte past the limit, so a huge input never sits whole in memory.
    """
    limit = human_size(max_bytes)
    if opened.size is not None and opened.size > max_bytes:
        raise InputFailure("E108", limit=limit, size=human_size(opened.size))
    data = opened.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        if opened.compressed:
            raise InputFailure("E109", limit=limit)
        raise InputFailure("E108", limit=limit, size=f"more than {limit}")
    return data


# ---------------------------------------------------------------------------- decoding


def binary_reason(head: bytes, *, any_nul: bool = True) -> str | None:
    """Why the first bytes of an input look like something other than text, or None.

    A few NUL bytes in otherwise valid UTF-8 are debris (a bad export, a padded
    field), not a sign of binary data: they are stripped later (E123) and the text
    kept. Many NULs, or NULs among bytes that are not UTF-8, mean binary. With
    `any_nul` False (row files) NULs are left to the rows, which strip them too.
    """
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return f"looks like {kind}"
    nuls = head.count(0)
    if any_nul and nuls and (nuls > max(_FEW_NULS, len(head) * _NUL_SHARE) or not _is_utf8_head(head.replace(b"\x00", b""))):
        return "contains NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES)) - nuls
    if head and controls / len(head) > _CONTROL_SHARE:
        return f"{controls * 100 // len(head)}% control characters"
    return None


def _is_utf8_head(data: bytes) -> bool:
    """True when `data` is UTF-8, allowing a character cut off at the end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def strip_nuls(text: str, warnings: list[str]) -> str:
    """`text` without NUL characters; how many were removed goes to `warnings` (E123)."""
    count = text.count("\x00")
    if count:
        warnings.append(warning("E123", count=count))
        text = text.replace("\x00", "")
    return text


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, list[str]]:
    """Text and warnings from a whole input's bytes.

    UTF-8 (BOM stripped) or UTF-16 with a BOM; otherwise the encoding the document
    declares (`declared`, e.g. an HTML meta charset), else cp1252 (latin-1 where cp1252
    has holes) with warning W101. A few NUL bytes are stripped (E123); binary content
    → E103; nothing but whitespace → E104.
    """
    warnings: list[str] = []
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputFailure("E103", reason="invalid UTF-16 text") from None
        reason = binary_reason(text[: _SNIFF_BYTES // 2].encode("utf-8", "replace"))
    else:
        data = data.removeprefix(codecs.BOM_UTF8)
        reason = binary_reason(data[:_SNIFF_BYTES])
        if reason is None:
            text, fallback = _decode(data, declared)
            if fallback:
                warnings.append(warning("W101", fallback=fallback))
    if reason:
        raise InputFailure("E103", reason=reason)
    text = strip_nuls(text, warnings)
    if not text.strip():
        raise InputFailure("E104")
    return text, warnings


def decode_line(data: bytes) -> tuple[str, str | None]:
    """One line of a row file: UTF-8, else cp1252/latin-1 and the fallback's name."""
    return _decode(data, None)


def _decode(data: bytes, declared: str | None) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), None  # the document said so: no warning
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def check_text_stream(opened: Opened) -> None:
    """Fail a row file early from the head of its stream: E104 empty, E103 binary.

    A file of blank lines is caught later by the reader, which counts its rows.
    """
    head = opened.stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if not head:
        raise InputFailure("E104")
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", "ignore").encode("utf-8", "replace")
    reason = binary_reason(head.removeprefix(codecs.BOM_UTF8), any_nul=False)
    if reason:
        raise InputFailure("E103", reason=reason)


@dataclass(frozen=True, slots=True)
class Line:
    """A decoded line of a row file; `text` is None when it was too long to keep."""

    number: int  # 1-based
    text: str | None
    fallback: str | None  # the encoding used when the line was not valid UTF-8
    size: int  # bytes (characters for UTF-16 input)


def iter_lines(stream: io.BufferedReader, *, max_bytes: int = MAX_BYTES) -> Iterator[Line]:
    """The lines of a stream, decoded one by one, line endings kept (for csv).

    Memory stays flat: a line longer than `max_bytes` is reported (text None) and
    read past in chunks, never held whole. Each line falls back to cp1252 on its
    own, so one bad byte in a 200 MB dump flags one row, not the file.
    """
    head = stream.peek(4)
    if head.startswith(_UTF16_BOMS):
        yield from _utf16_lines(stream, max_bytes)
        return
    if head.startswith(codecs.BOM_UTF8):
        stream.read(len(codecs.BOM_UTF8))
    number = 0
    while raw := stream.readline(max_bytes + 1):
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _skip_line(stream.readline)
            yield Line(number, None, None, size)
            continue
        text, fallback = decode_line(raw)
        yield Line(number, text, fallback, len(raw))


def _utf16_lines(stream: io.BufferedReader, max_bytes: int) -> Iterator[Line]:
    text = io.TextIOWrapper(stream, encoding="utf-16", newline="")
    try:
        number = 0
        while line := text.readline(max_bytes + 1):
            number += 1
            if len(line) > max_bytes and not line.endswith("\n"):
                yield Line(number, None, None, len(line) + _skip_line(text.readline))
            else:
                yield Line(number, line, None, len(line))
    except UnicodeDecodeError:
        raise InputFailure("E103", reason="invalid UTF-16 text") from None
    finally:
        text.detach()  # leave the byte stream to its owner


def _skip_line(readline: object) -> int:
    """Read to the end of an over-long line in chunks; return how much was skipped."""
    skipped = 0
    while chunk := readline(_BUFFER):  # type: ignore[operator]
        skipped += len(chunk)
        if chunk[-1:] in ("\n", b"\n"):
            break
    return skipped
