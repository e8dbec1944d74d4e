"""Text that is safe to show a person: no terminal control codes, no rich markup, no hard wrap.

Article metadata is written by strangers. A title holding `ESC[2J` clears the
reader's screen, an `ESC]0;…BEL` sequence retitles their window, and `[bold]` or
`:warning:` would be read by rich as markup or an emoji code. Everything newsgraph
prints from data goes through one of these:

- `printable(value)`: the text with every control sequence (CSI, OSC and other
  string sequences, 7- and 8-bit) removed whole, every other control character
  removed, line breaks and tabs turned into spaces (a carriage return could
  overwrite what came before on the line), and the bidirectional overrides that
  reorder what a reader sees ("Trojan Source") removed;
- `text(value, style)`: that, as a rich `Text`, which rich never reads as markup.
  Data is printed only this way (or with `markup=False`): rich's own `escape` is
  not enough, since it doubles a trailing backslash that then shows unless a tag
  follows;
- `json_text(obj)`: JSON for stdout. JSON already escapes C0 controls; this also
  escapes DEL, the C1 controls (U+009B is a CSI on some terminals), the line and
  paragraph separators and the bidi overrides as `\\uXXXX`, which loses nothing:
  a JSON reader gets the same strings back.

`console()` makes the rich Console every command prints through: markup and emoji
codes only where we write them, and, when output goes to a file or pipe, no hard
wrap at 80 columns (rich's default width when it cannot ask a terminal).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

# A control sequence as a terminal parses it, removed whole so that no parameter
# debris ("2J", "0;title") is left behind. ESC and the 8-bit C1 introducers both.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, erase, colours (SGR)
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS, SOS, PM, APC … ST
    r"|\x1b[ -/]*[0-~]"  # other escapes: ESC c (reset), ESC 7, ESC ( B
)
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
# What is left: C0 and C1 controls and DEL, and the bidi embeddings, overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# In a data stream shown on a terminal: line ends and tabs are the format's own; a
# carriage return stays only as part of CSV's \r\n.
_STREAM_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")

# Width for output that is not a terminal: wide enough that no line is ever wrapped.
UNWRAPPED = 32_767


def printable(value: Any) -> str:
    """`value` as one line of text a terminal only displays."""
    shown = "" if value is None else str(value)
    if shown.isprintable():  # the common case costs one scan
        return shown
    shown = _SEQUENCE.sub("", shown)
    shown = _BREAKS.sub(" ", shown)
    return _CONTROL.sub("", shown)


def text(value: Any, style: str = "") -> Text:
    """`printable(value)` as a rich Text in `style`: shown as it is, never parsed as markup."""
    return Text(printable(value), style=style)


def json_text(obj: Any, *, indent: int | None = None) -> str:
    """`obj` as JSON (UTF-8 text, not ASCII-escaped) with nothing a terminal would act on."""
    from newsgraph.store.export import inert_json

    return inert_json(json.dumps(obj, ensure_ascii=False, indent=indent, default=str))


def console(*, stderr: bool = False, file: Any = None, soft_wrap: bool = False) -> Console:
    """A Console for data: no markup or emoji codes from data, no hard wrap off a terminal.

    On a terminal rich fits the output to the window. Elsewhere (a file, a pipe, a
    CI log) rich would wrap every line at 80 columns; there the width is unlimited
    unless the user set $COLUMNS.
    """
    options = {"stderr": stderr, "file": file, "highlight": False, "emoji": False, "soft_wrap": soft_wrap}
    made = Console(**options)
    if not made.is_terminal and not os.environ.get("COLUMNS"):
        made = Console(**options, width=UNWRAPPED)
    return made


class TerminalText(io.TextIOBase):
    """A text stream onto a terminal that drops control codes from what passes through.

    For data formats (CSV, TSV, JSONL) sent to standard output when it is a terminal:
    rows and tabs stay as they are, control sequences inside cells are removed.
    Piped or redirected output is never filtered (it is data, kept exact).
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def writable(self) -> bool:
        return True

    def write(self, chunk: str) -> int:
        self.stream.write(_STREAM_CONTROL.sub("", _SEQUENCE.sub("", chunk)))
        return len(chunk)

    def flush(self) -> None:
        self.stream.flush()


def data_stdout(store_path: str | os.PathLike[str] | None = None) -> Any:
    """Standard output for an export: the binary stream, or `TerminalText` on a terminal.

    Refuses (E219) when standard output is the store itself (`>> store.db`), which
    the shell opened before newsgraph could check a name.
    """
    from newsgraph.errors import StoreError
    from newsgraph.store.export import STORE_SUFFIXES

    try:
        fd = sys.stdout.fileno()
        out = os.fstat(fd)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        out = None  # not a real file (a test runner's capture)
    if out is not None and store_path is not None:
        for suffix in STORE_SUFFIXES:
            try:
                there = os.stat(os.fspath(store_path) + suffix)
            except OSError:
                continue
            if (there.st_dev, there.st_ino) == (out.st_dev, out.st_ino):
                raise StoreError("E219", store=os.fspath(store_path))
    if sys.stdout.isatty():
        return TerminalText(sys.stdout)
    return sys.stdout.buffer
