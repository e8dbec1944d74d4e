"""Import the @unitedstates congress-legislators data (CC0) into ``people/*.tsv``.

Reads a folder holding ``legislators-current.yaml`` (members in office, every term,
Wikidata ids), ``legislators-historical.csv`` (past members: last chamber, state and
party, no term dates) and ``executive.yaml`` (presidents and vice presidents with
terms), and writes two people tables in the format of ``docs/actors.md``:

- ``people/us_congress.tsv``: members of Congress as LEG ``legislator`` tenures
  (consecutive terms in one chamber, state and party make one tenure). Current
  members carry dated tenures; past members only one undated row (the source has
  no dates), restricted to those with a THOMAS id, which the Library of Congress
  gave to members serving from the 93rd Congress (1973) on.
- ``people/us_executive.tsv``: presidents and vice presidents whose terms end
  after 1975, as GOV tenures.

A person the shipped tables already hold is not duplicated: the same Wikidata id,
or the same name with a US office of the same sector, reuses that person's id,
and a tenure the tables already have (same role, start in the same year; any
legislator tenure of someone the tables already list as one) is left out. The
same name as a US official of another branch, with no Wikidata id to decide, is
left out (the shipped person stays one person); a name the shipped tables give to
someone of another country gets a state suffix.

    python -m newsgraph.knowledge.imports.us_congress /path/to/us_congress
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from newsgraph.knowledge.load import DATA_DIR, HEADERS, _read_tables, name_key

SOURCE = "@unitedstates congress-legislators"
OUTPUTS = ("us_congress.tsv", "us_executive.tsv")
SINCE = "1975-01-01"
CHAMBER = {"sen": "Senator", "rep": "Representative"}
EXECUTIVE = {"prez": ("head_of_state", "President"), "viceprez": ("vice_president", "Vice President")}


@dataclass
class Tenure:
    role: str
    sector: str
    title: str
    start: str
    end: str
    source: str


@dataclass
class Member:
    names: list[str]  # the canonical name first
    wikidata: str
    state: str
    tenures: list[Tenure]


def state_name(code: str) -> str:
    import pycountry

    sub = pycountry.subdivisions.get(code=f"US-{code}")
    return sub.name if sub is not None else code


def _names(first: str, middle: str, last: str, nickname: str, suffix: str, official: str = "") -> list[str]:
    """The canonical name as news writes it (the nickname if any), then fuller forms."""
    given = nickname or first
    if first.endswith(".") and middle and not nickname:
        given = middle  # "J. Dennis Hastert" is called Dennis Hastert
    forms = [f"{given} {last}", f"{first} {last}", f"{first} {middle} {last}" if middle else "", official]
    if suffix and suffix not in ("Jr.", "Sr."):
        forms = [f"{f} {suffix}" if f else f for f in forms[:1]] + forms  # "Joseph P. Kennedy III"
    elif suffix:
        forms += [f"{given} {last} {suffix}", f"{first} {middle} {last} {suffix}" if middle else ""]
    out: list[str] = []
    for form in forms:
        form = " ".join(form.replace('"', "").replace(",", "").split())
        if form and name_key(form) not in {name_key(o) for o in out}:
            out.append(form)
    return out


def _legislator_title(kind: str, state: str, party: str) -> str:
    title = f"U.S. {CHAMBER[kind]} from {state_name(state)}"
    return f"{title} ({party})" if party else title


def current_members(path: Path, cutoff: str) -> list[Member]:
    import yaml

    members = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        name = entry["name"]
        tenures: list[Tenure] = []
        for term in entry["terms"]:
            title = _legislator_title(term["type"], term["state"], term.get("party", ""))
            end = term["end"] if term["end"] <= cutoff else ""
            last = tenures[-1] if tenures else None
            if last is not None and last.title == title and _adjacent(last.end, term["start"]):
                last.end = end
                continue
            tenures.append(Tenure("legislator", "LEG", title, term["start"], end,
                                  f"{SOURCE}: legislators-current.yaml (CC0)"))
        tenures = [t for t in tenures if not t.end or t.end > SINCE]
        members.append(Member(
            _names(name.get("first", ""), name.get("middle", ""), name["last"], name.get("nickname", ""),
                   name.get("suffix", ""), name.get("official_full", "")),
            entry["id"].get("wikidata", ""), entry["terms"][-1]["state"], tenures,
        ))
    return members


def current_ids(path: Path) -> set[str]:
    """Bioguide ids of the members in office (someone who left and came back is in both files)."""
    import yaml

    return {entry["id"]["bioguide"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))}


def past_members(path: Path, current: set[str] = frozenset()) -> list[Member]:
    members = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["thomas_id"]:
                continue  # no THOMAS id: left Congress before 1973
            if row.get("bioguide_id") in current:
                continue  # back in office: the current file has their dated terms
            title = _legislator_title(row["type"], row["state"], row["party"])
            members.append(Member(
                _names(row["first_name"], row["middle_name"], row["last_name"], row["nickname"],
                       row["suffix"], row["full_name"]),
                "", row["state"],
                [Tenure("legislator", "LEG", title, "", "",
                        f"{SOURCE}: legislators-historical.csv (CC0; no term dates)")],
            ))
    return members


def executives(path: Path, cutoff: str) -> list[Member]:
    import yaml

    members = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        tenures: list[Tenure] = []
        for term in entry["terms"]:
            if term["end"] <= SINCE:
                continue
            role, title = EXECUTIVE[term["type"]]
            end = term["end"] if term["end"] <= cutoff else ""
            last = tenures[-1] if tenures else None
            if last is not None and last.role == role and _adjacent(last.end, term["start"]):
                last.end = end
                continue
            tenures.append(Tenure(role, "GOV", title, term["start"], end, f"{SOURCE}: executive.yaml (CC0)"))
        if tenures:
            name = entry["name"]
            members.append(Member(
                _names(name.get("first", ""), name.get("middle", ""), name["last"], name.get("nickname", ""),
                       name.get("suffix", ""), name.get("official_full", "")),
                entry["id"].get("wikidata", ""), "", tenures,
            ))
    return members


def _adjacent(end: str, start: str) -> bool:
    """Back-to-back terms (one ends on the 3rd, the next starts on the 3rd or 4th)."""
    import datetime

    if not end or not start:
        return False
    gap = datetime.date.fromisoformat(start) - datetime.date.fromisoformat(end)
    return gap.days <= 3


def _slug(text: str) -> str:
    return "-".join(name_key(text).replace("'", "").split())


class Merger:
    """Places imported members among the shipped people without duplicating anyone."""

    def __init__(self, shipped) -> None:
        self.by_wikidata = {p.wikidata: p for p in shipped if p.wikidata}
        self.by_name: dict[str, list] = {}
        for person in shipped:
            for name in person.names:
                self.by_name.setdefault(name_key(name), []).append(person)
        self.taken = {p.person_id for p in shipped}
        self.kept_out = 0

    def rows(self, members: list[Member]) -> list[list[str]]:
        rows: list[list[str]] = []
        counts: dict[str, int] = {}
        for m in members:
            counts[name_key(m.names[0])] = counts.get(name_key(m.names[0]), 0) + 1
        for m in members:
            person, sector = self._existing(m)
            if sector == "unsure":
                # Same name as a US official of another branch and no Wikidata id to tell:
                # keep the shipped person alone rather than duplicate or wrongly merge them.
                self.kept_out += len(m.tenures)
                continue
            if person is not None:
                person_id, aliases = person.person_id, []
                known = {(o.role, (o.start or "")[:4]) for o in person.offices}
                tenures = [t for t in m.tenures if (t.role, t.start[:4]) not in known]
                if any(o.role == "legislator" and o.country == "USA" for o in person.offices):
                    tenures = [t for t in tenures if t.role != "legislator"]
                self.kept_out += len(m.tenures) - len(tenures)
                known_names = {name_key(n) for n in person.names}
                aliases = [n for n in m.names if name_key(n) not in known_names]
            else:
                if counts[name_key(m.names[0])] > 1:
                    # Two members of one name: the one with a suffix goes by it (Harold Ford Jr.)
                    suffixed = [n for n in m.names if n.endswith((" Jr.", " Sr.", " II", " III", " IV"))]
                    if suffixed:
                        base = name_key(m.names[0])
                        m.names = [suffixed[0]] + [n for n in m.names if n != suffixed[0] and name_key(n) != base]
                person_id = _slug(m.names[0])
                clash = person_id in self.taken or counts.get(name_key(m.names[0]), 0) > 1 or sector == "clash"
                if clash:
                    person_id = f"{person_id}-{m.state.lower()}" if m.state else f"{person_id}-usa"
                n = 2
                base = person_id
                while person_id in self.taken:
                    person_id, n = f"{base}-{n}", n + 1
                self.taken.add(person_id)
                tenures, aliases = m.tenures, m.names[1:]
            for i, t in enumerate(tenures):
                name = person.name if person is not None else m.names[0]
                rows.append([person_id, name, "|".join(aliases) if i == 0 else "",
                             m.wikidata if i == 0 and (person is None or not person.wikidata) else "",
                             "USA", t.sector, t.role, t.title, t.start, t.end, t.source])
        return rows

    def _existing(self, m: Member):
        """The shipped person this member is, or (None, "clash") when the name is someone else's."""
        if m.wikidata and m.wikidata in self.by_wikidata:
            return self.by_wikidata[m.wikidata], None
        clash = False
        for name in m.names[:2]:
            for person in self.by_name.get(name_key(name), ()):
                if person.wikidata and m.wikidata and person.wikidata != m.wikidata:
                    clash = True
                    continue
                sectors = {o.sector for o in person.offices if o.country == "USA"}
                if sectors & {t.sector for t in m.tenures}:
                    return person, None  # same name, same kind of US office: one person
                if sectors:
                    return person, "unsure"  # a US official of another branch: maybe the same
                clash = True
        return None, "clash" if clash else None


HEADER_NOTE = {
    "us_congress.tsv": (
        "Members of the United States Congress as LEG legislator tenures, imported by\n"
        "newsgraph/knowledge/imports/us_congress.py from the @unitedstates project's\n"
        "congress-legislators data (CC0 1.0; github.com/unitedstates/congress-legislators).\n"
        "Current members: one row per run of consecutive terms in one chamber, state and party\n"
        "(a term still running has an empty end); Wikidata ids from the source.\n"
        "Past members: only those with a THOMAS id (serving from 1973 on), one row each with\n"
        "the last chamber, state and party and NO dates: the source gives none, so the row\n"
        "places the person (USA LEG) without saying when.\n"
        "People already in the other people tables keep their id; their existing tenures are\n"
        "not repeated. Do not edit by hand: rerun the import."
    ),
    "us_executive.tsv": (
        "Presidents and vice presidents of the United States whose terms end after 1975,\n"
        "imported by newsgraph/knowledge/imports/us_congress.py from the @unitedstates\n"
        "project's executive.yaml (CC0 1.0). Consecutive terms make one tenure; tenures the\n"
        "other people tables already hold are left out. Do not edit by hand: rerun the import."
    ),
}


def write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for line in HEADER_NOTE[path.name].splitlines():
            handle.write(f"# {line}\n")
        handle.write("\t".join(HEADERS["people"]) + "\n")
        for row in rows:
            handle.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")


def run(source: Path, out_dir: Path = DATA_DIR / "people") -> dict[str, int]:
    shipped_paths = [p for p in sorted(out_dir.glob("*.tsv")) if p.name not in OUTPUTS]
    merger = Merger(_read_tables(shipped_paths)["people"])
    current = current_members(source / "legislators-current.yaml", cutoff="")
    cutoff = max(t.start for m in current for t in m.tenures)  # the data's own "now"
    current = current_members(source / "legislators-current.yaml", cutoff)
    executive_rows = merger.rows(executives(source / "executive.yaml", cutoff))
    returned = current_ids(source / "legislators-current.yaml")
    congress_rows = merger.rows(current + past_members(source / "legislators-historical.csv", returned))
    write(out_dir / "us_congress.tsv", congress_rows)
    write(out_dir / "us_executive.tsv", executive_rows)
    return {"congress_rows": len(congress_rows), "executive_rows": len(executive_rows),
            "tenures_already_known": merger.kept_out}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the congress-legislators files")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "people")
    args = parser.parse_args(argv)
    print(run(args.source, args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
