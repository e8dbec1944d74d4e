"""The knowledge-data checker: every rule of the format, as ``file:line: message``.

Run ``python -m newsgraph.knowledge.check`` (the shipped data) or give it files
and folders (a user's own dictionaries). It exits 1 when any error is found, so
CI and contributors catch a bad row before the resolver silently mis-reads it.
Warnings (``W…``) are printed but do not fail the run.

Rules: exact headers; cell counts; ISO 3166 alpha-3 codes (pycountry, plus the
documented ``HISTORICAL_CODES``); sectors, roles, kinds and CAMEO agent codes in
their controlled lists; dates that parse, with start ≤ end; slug ids, one name
per person_id, no duplicate ids; a source note on every row; names that point
to two countries; and no overlapping tenures of a single-holder office in one
country (acting terms and shared "Co-" offices excepted).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Errors, NewsgraphError
from .load import (
    CAMEO_AGENTS,
    CAMEO_RE,
    DATA_DIR,
    HEADERS,
    HISTORICAL_CODES,
    OPEN_END,
    ORG_KINDS,
    PLACE_KINDS,
    ROLE_KINDS,
    ROLES,
    SECTORS,
    SINGLE_HOLDER_ROLES,
    SLUG_RE,
    UNKNOWN_START,
    WIKIDATA_RE,
    _yaml_rows,
    date_bounds,
    name_key,
    read_rows,
    split_cell,
    table_of,
)

REQUIRED: dict[str, tuple[str, ...]] = {
    "people": ("person_id", "name", "sector", "role", "title"),
    "orgs": ("org_id", "name", "sector", "kind"),
    "places": ("name", "sector", "kind"),
    "countries": ("iso3", "name"),
    "roles": ("phrase", "kind"),
}
KINDS = {"orgs": ORG_KINDS, "places": PLACE_KINDS, "roles": ROLE_KINDS}


@dataclass(frozen=True, slots=True)
class Problem:
    """One rule broken by one row (or header) of one file."""

    path: str
    line: int
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.code}] {self.message}"


@dataclass
class _Tenure:
    path: str
    line: int
    person_id: str
    country: str
    role: str
    title: str
    start: tuple[str, str]
    end: tuple[str, str]


@dataclass
class _State:
    """What the checker remembers across rows and files (ids, names, tenures)."""

    problems: list[Problem] = field(default_factory=list)
    person_names: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    tenures: list[_Tenure] = field(default_factory=list)
    seen: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)

    def add(self, path: Path | str, line: int, code: str, /, **kwargs: object) -> None:
        message = getattr(Errors, code).format(**kwargs)
        self.problems.append(Problem(str(path), line, code, message))


def _valid_iso3(code: str) -> bool:
    import pycountry

    return code in HISTORICAL_CODES or pycountry.countries.get(alpha_3=code) is not None


def _known(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def check_files(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem in the given files, TSV or YAML (folders are searched for ``*.tsv``)."""
    state = _State()
    for path in _expand(paths):
        if path.name in AUXILIARY:
            _check_auxiliary(path, AUXILIARY[path.name], state)
            continue
        _check_file(path, state)
    _check_overlaps(state)
    return sorted(state.problems, key=lambda p: (p.path, p.line, p.code))


# Small tables the extractors read beside the actor tables: every cell required.
AUXILIARY: dict[str, tuple[str, ...]] = {
    "role_families.tsv": ("anaphor", "refers_to", "source"),
    "name_order.tsv": ("country", "note"),  # family-name-first countries (extract.link)
    "gendered_words.tsv": ("word", "gender"),  # honorifics and gendered role nouns (extract.gender)
    "cues.tsv": (),  # the quote-cue lexicon: its own loader checks it
    "claims.tsv": (),  # the claim lexicon (analysis.claims): its own loader checks it
    "framing_terms.tsv": (),  # the framing lexicon: its own loader checks it
}


def _check_auxiliary(path: Path, header: tuple[str, ...], state: "_State") -> None:
    if not header:
        return
    found, rows = read_rows(path)
    if tuple(found) != header:
        state.add(path, 1, "E150", found=" ".join(found), expected=" ".join(header))
        return
    for line, cells in rows:
        for column, cell in zip(header, cells + [""] * len(header)):
            if not cell:
                state.add(path, line, "E160", column=column)


def check_data(data_dir: str | Path = DATA_DIR) -> list[Problem]:
    """Every problem in a knowledge data folder (the shipped one by default)."""
    return check_files([data_dir])


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    for path in map(Path, paths):
        if path.is_dir():
            # events/ holds the event lexicon, checked by check_events
            yield from sorted(p for p in path.rglob("*.tsv") if "events" not in p.relative_to(path).parts[:-1])
        else:
            yield path


def _read(path: Path) -> tuple[tuple[str, ...], list[tuple[int, list[str]]]]:
    """Header and numbered rows of a TSV file, or of a YAML user file (rows numbered 1…)."""
    if path.suffix.lower() not in {".yaml", ".yml"}:
        return read_rows(path)
    table, rows = _yaml_rows(path)
    header = HEADERS[table]
    return header, [(i, [row.get(column, "") for column in header]) for i, row in enumerate(rows, 1)]


def _check_file(path: Path, state: _State) -> None:
    try:
        header, rows = _read(path)
    except (OSError, UnicodeDecodeError, NewsgraphError, yaml.YAMLError) as exc:
        state.add(path, 0, "E163", path=path, reason=exc)
        return
    table = table_of(path, header)
    if table is None:
        state.add(path, 0, "E165", path=path)
        return
    expected = HEADERS[table]
    if header != expected:
        state.add(path, _header_line(path), "E150", expected=", ".join(expected),
                  found=", ".join(header))
        return
    country_names: dict[str, tuple[str, int]] = {}
    for line, cells in rows:
        if len(cells) != len(expected):
            state.add(path, line, "E151", found=len(cells), expected=len(expected))
            continue
        row = dict(zip(expected, (cell.strip() for cell in cells)))
        _check_common(table, row, path, line, state)
        if table == "people":
            _check_person_row(row, path, line, state)
        elif table == "countries":
            _check_country_row(row, path, line, state, country_names)
        else:
            _check_unique(table, row, path, line, state)


def _header_line(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            if text.strip() and not text.startswith("#"):
                return number
    return 0


def _check_common(table: str, row: dict[str, str], path: Path, line: int, state: _State) -> None:
    """Rules every table shares: required cells, source, codes, controlled lists."""
    for column in REQUIRED[table]:
        if not row[column] and not (table == "places" and column == "sector" and row.get("kind") in ("region", "bloc")):
            state.add(path, line, "E160", column=column)  # a region places an actor, a bloc spans states: no sector
    if not row["source"]:
        state.add(path, line, "E159")
    code = row.get("country") or row.get("iso3")
    if code and not _valid_iso3(code):
        state.add(path, line, "E152", code=code)
    sector = row.get("sector")
    if sector and sector not in SECTORS:
        state.add(path, line, "E153", column="sector", value=sector, known=_known(SECTORS))
    kind = row.get("kind")
    if kind and table in KINDS and kind not in KINDS[table]:
        state.add(path, line, "E153", column="kind", value=kind, known=_known(KINDS[table]))
    wikidata = row.get("wikidata")
    if wikidata and not WIKIDATA_RE.match(wikidata):
        state.add(path, line, "E162", value=wikidata)
    for column in ("person_id", "org_id"):
        if row.get(column) and not SLUG_RE.match(row[column]):
            state.add(path, line, "E156", column=column, value=row[column])
    if table == "roles":
        _check_role_row(row, path, line, state)


def _check_role_row(row: dict[str, str], path: Path, line: int, state: _State) -> None:
    phrase, agent = row["phrase"], row["cameo_agent"]
    if phrase != phrase.lower():
        state.add(path, line, "E166", value=phrase)
    if agent and not (CAMEO_RE.match(agent) and all(
        agent[i:i + 3] in CAMEO_AGENTS for i in range(0, len(agent), 3)
    )):
        state.add(path, line, "E153", column="cameo_agent", value=agent, known=_known(CAMEO_AGENTS))
    if row["person"] not in {"0", "1"}:
        state.add(path, line, "E153", column="person", value=row["person"], known="0, 1")


def _check_unique(table: str, row: dict[str, str], path: Path, line: int, state: _State) -> None:
    if table == "orgs":
        key = ("org_id", row["org_id"])
    elif table == "roles":
        key = ("phrase", name_key(row["phrase"]))
    else:
        key = ("place", name_key(row["name"]), row["country"], row["kind"])
    _once(key, " ".join(key[1:]) if table == "places" else row[key[0]], path, line, state)


def _once(key: tuple[str, ...], shown: str, path: Path, line: int, state: _State) -> None:
    """Remember a key; a second row with the same key is a duplicate."""
    first = state.seen.get(key)
    if first is None:
        state.seen[key] = (Path(path).name, line)
    else:
        state.add(path, line, "E161", what=key[0], value=shown, line=f"{first[1]} of {first[0]}")


def _check_country_row(
    row: dict[str, str], path: Path, line: int, state: _State, names: dict[str, tuple[str, int]]
) -> None:
    """Country codes once; a name or demonym must not point at two countries."""
    _once(("iso3", row["iso3"]), row["iso3"], path, line, state)
    forms = [("name", n) for n in (row["name"], *split_cell(row["aliases"]))]
    forms += [("demonym", d) for d in split_cell(row["demonym_adj"]) + split_cell(row["demonym_people"])]
    for what, form in forms:
        key = f"{what}:{name_key(form)}"
        other = names.setdefault(key, (row["iso3"], line))
        if other[0] != row["iso3"]:
            state.add(path, line, "E164", what=what, value=form, this=row["iso3"],
                      other=other[0], line=other[1])


def _check_person_row(row: dict[str, str], path: Path, line: int, state: _State) -> None:
    person_id, role = row["person_id"], row["role"]
    if role and role not in ROLES:
        state.add(path, line, "E153", column="role", value=role, known=_known(ROLES))
    first = state.person_names.get(person_id)
    if first is None:
        state.person_names[person_id] = (row["name"], str(path), line)
    else:
        if first[0] != row["name"]:
            state.add(path, line, "E157", person_id=person_id, name=row["name"],
                      other=first[0], line=f"{first[2]} of {first[1]}")
        if row["aliases"]:
            state.add(path, line, "W150", person_id=person_id)
    bounds = {}
    for column in ("start", "end"):
        if row[column]:
            bounds[column] = date_bounds(row[column])
            if bounds[column] is None:
                state.add(path, line, "E154", value=row[column], column=column)
    if None in bounds.values():
        return
    start, end = bounds.get("start"), bounds.get("end")
    if start and end and start[0] > end[1]:
        state.add(path, line, "E155", start=row["start"], end=row["end"])
        return
    key = ("tenure", person_id, role, row["title"], row["country"], row["start"])
    _once(key, f"{person_id} {row['title']} {row['start']}", path, line, state)
    if role in SINGLE_HOLDER_ROLES and row["country"] and not _shared_or_acting(row["title"]):
        # An unknown start may be any day, so it never proves an overlap.
        state.tenures.append(_Tenure(
            str(path), line, person_id, row["country"], role, row["title"],
            start or (UNKNOWN_START, OPEN_END), end or (OPEN_END, OPEN_END),
        ))


def _shared_or_acting(title: str) -> bool:
    """Acting terms and shared offices (Co-President) may overlap another holder's."""
    words = title.lower().split()
    return "acting" in words or any(word.startswith("co-") for word in words)


def _check_overlaps(state: _State) -> None:
    """Two people in one single-holder office at once (a handover day is allowed).

    Offices are grouped by country and role; speakers also by title, since a
    two-chamber parliament has two. Partial dates overlap only when they must.
    """
    groups: dict[tuple[str, ...], list[_Tenure]] = {}
    for tenure in state.tenures:
        key = (tenure.country, tenure.role)
        if tenure.role == "speaker":
            key += (name_key(tenure.title),)
        groups.setdefault(key, []).append(tenure)
    for tenures in groups.values():
        tenures.sort(key=lambda t: t.start[0])
        for i, this in enumerate(tenures):
            for other in tenures[i + 1:]:
                if other.start[0] >= this.end[1]:
                    break
                if other.person_id == this.person_id:
                    continue
                # Must overlap: the later one surely starts before the earlier surely ends.
                if other.start[1] < this.end[0] and this.start[1] < other.end[0]:
                    state.add(other.path, other.line, "E158", role=this.role, country=this.country,
                              this=other.person_id, other=this.person_id,
                              line=f"{this.line} of {Path(this.path).name}")


def main(argv: list[str] | None = None) -> int:
    """Check the shipped data (or the given files/folders); 1 if any error."""
    args = sys.argv[1:] if argv is None else argv
    problems = check_files(args or [DATA_DIR])
    for problem in problems:
        print(problem)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
