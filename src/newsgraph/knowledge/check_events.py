"""The event-lexicon checker: every rule of the format, as ``file:line: [code] message``.

Run ``python -m newsgraph.knowledge.check_events`` (the shipped lexicon) or give it a
folder holding ``verbs.tsv``, ``nouns.tsv``, ``object_classes.tsv`` and
``cameo_codes.tsv`` (a user's own lexicon). It exits 1 on any error, so a bad row is
caught before the coder silently mis-codes with it.

Rules: exact headers and cell counts; CAMEO codes that exist in the codes table;
PLOVER types and modes in the controlled lists, and a PLOVER type that fits the CAMEO
root (per the CAMEO→PLOVER map, plus the documented ``EXTRA_PLOVER``); statuses,
wrappers, prepositions and particles in their lists; object classes that exist; no two
rows with the same pattern (lemma, particle, preposition, object word), spellings
folded; a note on every row.

``--build-codes CSV`` regenerates ``cameo_codes.tsv`` from the shared codebook instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import Errors, NewsgraphError
from .check import Problem
from .events import (
    CLASS_HEADER,
    CODE_HEADER,
    EVENTS_DIR,
    EXTRA_PLOVER,
    NOUN_HEADER,
    PARTICLES,
    PLOVER_MODES,
    PREPOSITIONS,
    STATUSES,
    VERB_HEADER,
    WRAPS,
    build_codes_table,
    read_table,
    spelling_key,
)


class _Report:
    """Collects problems for one folder."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int, code: str, /, **kwargs: object) -> None:
        self.problems.append(Problem(str(path), line, code, getattr(Errors, code).format(**kwargs)))

    def table(self, path: Path, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
        try:
            return read_table(path, header)
        except NewsgraphError as exc:
            self.problems.append(Problem(str(path), 0, exc.code, exc.message))
            return []


def _known(values: frozenset[str] | set[str]) -> str:
    return ", ".join(sorted(values)) or "(none)"


def check_events(folder: str | Path = EVENTS_DIR) -> list[Problem]:
    """Every problem in an event-lexicon folder (the shipped one by default)."""
    folder = Path(folder)
    report = _Report()
    codes = _check_codes(folder / "cameo_codes.tsv", report)
    classes = _check_classes(folder / "object_classes.tsv", report)
    # PLOVER types the map gives under each CAMEO root, for the fit rule.
    by_root: dict[str, set[str]] = {}
    for code, (root, plover) in codes.items():
        if plover:
            by_root.setdefault(root, set()).add(plover)
    for name, header, object_column in (("verbs.tsv", VERB_HEADER, "object"), ("nouns.tsv", NOUN_HEADER, "complement")):
        path = folder / name
        seen: dict[tuple[str, ...], int] = {}
        for line, row in report.table(path, header):
            _check_row(path, line, row, object_column, codes, classes, by_root, seen, report)
    return sorted(report.problems, key=lambda p: (p.path, p.line, p.code))


def _check_codes(path: Path, report: _Report) -> dict[str, tuple[str, str]]:
    codes: dict[str, tuple[str, str]] = {}
    lines: dict[str, int] = {}
    for line, row in report.table(path, CODE_HEADER):
        if row["code"] in codes:
            report.add(path, line, "E195", key=row["code"], line=lines[row["code"]])
        codes[row["code"]], lines[row["code"]] = (row["root"], row["plover"]), line
    return codes


def _check_classes(path: Path, report: _Report) -> dict[str, tuple[str, ...]]:
    classes: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for line, row in report.table(path, CLASS_HEADER):
        name = row["class"]
        members = tuple(m.strip() for m in row["members"].split("|") if m.strip())
        if not name or not members:
            report.add(path, line, "E197", column="class" if not name else "members")
        if name in classes:
            report.add(path, line, "E195", key=f"@{name}", line=lines[name])
        if not row["note"]:
            report.add(path, line, "E196")
        classes[name], lines[name] = members, line
    return classes


def _check_row(
    path: Path, line: int, row: dict[str, str], object_column: str, codes: dict[str, tuple[str, str]],
    classes: dict[str, tuple[str, ...]], by_root: dict[str, set[str]], seen: dict[tuple[str, ...], int],
    report: _Report,
) -> None:
    for column in ("lemma", "cameo"):
        if not row[column]:
            report.add(path, line, "E197", column=column)
    if not row["note"]:
        report.add(path, line, "E196")
    cameo, plover, mode = row["cameo"], row["plover"], row["mode"]
    if cameo and cameo not in codes:
        report.add(path, line, "E191", cameo=cameo)
    root = codes.get(cameo, (cameo[:2], ""))[0]
    if plover and plover not in PLOVER_MODES:
        report.add(path, line, "E192", column="plover", value=plover, known=_known(frozenset(PLOVER_MODES)))
    elif cameo in codes:
        expected = by_root.get(root, set()) | EXTRA_PLOVER.get(root, frozenset())
        if (plover or expected) and plover not in expected:
            report.add(path, line, "E194", plover=plover, cameo=cameo, expected=_known(expected))
    if mode and plover in PLOVER_MODES and mode not in PLOVER_MODES[plover]:
        report.add(path, line, "E193", mode=mode, plover=plover, known=_known(PLOVER_MODES[plover]))
    for column, allowed in (("status", STATUSES), ("wraps", WRAPS), ("prep", PREPOSITIONS), ("particle", PARTICLES)):
        value = row.get(column, "")
        if value and value not in allowed:
            report.add(path, line, "E192", column=column, value=value, known=_known(allowed))
    words: list[str] = []
    for part in (p.strip() for p in row[object_column].split("|")):
        if part.startswith("@"):
            if part[1:] not in classes:
                report.add(path, line, "E198", name=part[1:])
            words.extend(classes.get(part[1:], ()))
        elif part:
            words.append(part)
    key_head = (spelling_key(row["lemma"]), row.get("particle", ""), row["prep"])
    for word in dict.fromkeys(spelling_key(w) for w in words) if words else [""]:
        key = key_head + (word,)
        if key in seen:
            shown = " ".join(k for k in key if k)
            report.add(path, line, "E195", key=repr(shown), line=seen[key])
        else:
            seen[key] = line


def main(argv: list[str] | None = None) -> int:
    """Check the shipped lexicon (or the given folders); 1 if any error."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--build-codes"] and len(args) == 2:
        (EVENTS_DIR / "cameo_codes.tsv").write_text(build_codes_table(args[1]), encoding="utf-8")
        print(f"wrote {EVENTS_DIR / 'cameo_codes.tsv'}", file=sys.stderr)
        return 0
    problems = [p for folder in (args or [EVENTS_DIR]) for p in check_events(folder)]
    for problem in problems:
        print(problem)
    errors = sum(problem.is_error for problem in problems)
    print(f"{errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
