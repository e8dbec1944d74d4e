"""`newsgraph resolve`: phrases in, actors out, one JSON line each, in order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from newsgraph.cli.render import err
from newsgraph.cli.terminal import json_text, printable


def resolve_lines(lines: Iterable[str], out: TextIO, *, dictionaries: Sequence[Path] = ()) -> int:
    """Resolve each JSONL input; a bad line gets an error line on stderr and an
    output line with `"error"`, so outputs stay aligned with inputs."""
    from newsgraph.extract.resolve import Resolver
    from newsgraph.knowledge import default

    kb = default().extend(dictionaries) if dictionaries else default()
    resolver = Resolver(kb)
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if isinstance(item, str):
                item = {"text": item}
            text, date = item["text"], item.get("date")
            if not isinstance(text, str):
                raise TypeError("'text' must be a string")
        except (ValueError, KeyError, TypeError) as exc:
            failures += 1
            err.print(f"<stdin>:{number}: [E403] not a resolvable line: {printable(exc)}", markup=False)
            out.write(json_text({"line": number, "error": f"E403: {exc}"}) + "\n")
            continue
        found = resolver.resolve(text, _day(date))
        record = {"text": text, "date": date, "actor": None, "how": None}
        if found is not None:
            record.update(found.as_dict())
        out.write(json_text(record) + "\n")
    out.flush()
    return failures


def _day(date) -> str | None:
    """Dates as the resolver takes them (ISO); anything else (e.g. "today") means no date."""
    if isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
        return date[:10]
    return None
