"""Read PETRARCH/Phoenix actor and agent dictionaries into knowledge-base records.

Users of event data already keep PETRARCH/Phoenix dictionaries (often their own
edits of the Open Event Data Alliance files), so newsgraph reads them as they are
rather than asking for a conversion. This module owns that grammar, as the
PETRARCH reader (``PETRreader.py``) and its documentation define it:

Actors (``*.actors.txt``)::

    ODA_LINDQVIST_  # comment             a head line: the entry's first name
    +PRESIDENT_LINDQVIST_                 a synonym of the entry
        [NORGOV 000101-101130]            a dated code, on an indented line
        [NORGOV >101201]                  open-ended: on and after the date
        [NORELI]                          undated: the default code
    NORDIC_RIVER_ARMY_  [NORMIL]          a code may follow the head on its line

Dates are ``YYMMDD`` (00-30 → 2000s, else 1900s) or ``YYYYMMDD``; ``<date`` ends
on the date, ``>date`` starts on it, ``a-b`` spans both, all inclusive. ``[---]``
is the null code (not an actor, or not during that period). A head line without
any code shares the codes of the entry that follows it (PETRARCH's reader works
that way, and the Phoenix files rely on it to list names without ``+``). Comments
are ``#``/``;`` to the end of the line and ``<!-- … -->`` (over several lines too);
``---STOP---`` ends the file.

Agents (``*.agents.txt``)::

    !OFFICE! = OFFICER, OFFICERS, OFFICE, OFFICES    a substitution set
    CUSTOMS_!OFFICE! [~GOV]             one role per member of the set
    SERGEANT_MAJOR {SERGEANTS_MAJOR} [~MIL]   an explicit plural
    HARBOUR_POLICE {} [~COP]            {} : no plural form
    CHARITY_BOARD [NGO~]                the code goes before the actor's code

Regular plurals are made automatically (the files assume it), but by English
rules on the head noun ("heads of state"), not PETRARCH's append-an-S.
A blank between words means "other words may intervene" to PETRARCH; a role
phrase here is plain words, so blanks and underscores both become spaces.

Phoenix codes map to our records: the first three letters are a country (ISO
3166 alpha-3, plus the few CAMEO-only codes in ``CAMEO_COUNTRIES``), a region
(``REGIONS``), or an international prefix (``IGO``, ``NGO``, ``MNC``, ``IMG`` …);
the first later triple that names a sector gives the sector (``SECTOR_MAP``,
which also documents Phoenix-only codes). Bad lines never stop a read: each one
becomes a coded warning naming ``file:line`` on the result.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Errors, NewsgraphError
from ..records import InputError
from .load import HISTORICAL_CODES, Country, Office, Org, Person, Role

__all__ = [
    "CAMEO_COUNTRIES",
    "REGIONS",
    "SECTOR_MAP",
    "PhoenixActors",
    "PhoenixAgents",
    "PhoenixCode",
    "display_name",
    "is_phoenix",
    "parse_code",
    "read_actors",
    "read_agents",
    "tables",
]

# ---------------------------------------------------------------- the code scheme

# Phoenix/CAMEO three-letter codes → our sector scheme. Codes that are already
# ours map to themselves; the rest are documented here once:
#   JRN journalists → MED;  INS insurgents, RAD radicals, SEP separatists → REB;
#   IMG international militarised group (al-Qaeda, ISIS) → REB;  PRM paramilitary →
#   UAF (unaligned armed forces, as CAMEO codes militias);  NGM NGO movement and
#   HRI human-rights groups → NGO;  MNC multinational company → BUS;  PPL/CIV
#   people, civilians → CVL;  religion codes (CHR, MUS, JEW, BUD, HIN …) → REL.
# Codes absent here (DEV development, MOD moderate, OCC occupied, UNO and other
# organisation or region identifiers) qualify an actor without naming a sector.
SECTOR_MAP: dict[str, str] = {
    **{code: code for code in (
        "GOV MIL LEG JUD PTY OPP COP SPY BUS MED IGO NGO REB CVL ELI EDU REL HLH LAB "
        "AGR ENV REF CRM UAF".split()
    )},
    "JRN": "MED",
    "INS": "REB", "RAD": "REB", "SEP": "REB", "IMG": "REB",
    "PRM": "UAF",
    "NGM": "NGO", "HRI": "NGO",
    "MNC": "BUS",
    "PPL": "CVL", "CIV": "CVL",
    **{code: "REL" for code in (
        "CHR CTH PRO ORT CPT ANG MUS SUN SHI SFI ALE DRZ MOS JEW BUD HIN SIK JAN TAO "
        "CON ZRO BAH".split()
    )},
}

# Codes that only qualify an actor (SYRINSMUS: Syrian Muslim insurgents): never the
# first triple of a code, where the same letters are an (old or private) country code.
_QUALIFIERS = frozenset({"INS", "RAD", "SEP"})

# First triples that open an international actor code instead of a country.
# NGO, NGM and MNC may be followed by the country they are based in (MNCUSA).
INTERNATIONAL = frozenset({"IGO", "NGO", "NGM", "MNC", "IMG", "INT"})
_BASED_IN = frozenset({"NGO", "NGM", "MNC"})

# CAMEO country codes that are not ISO 3166 alpha-3, and what we call them.
CAMEO_COUNTRIES: dict[str, str] = {
    "USR": "SUN",  # USSR
    "KSV": "XKX",  # Kosovo (World Bank code in CAMEO, user-assigned XKX here)
    "FRY": "YUG",  # Federal Republic of Yugoslavia
    "ROM": "ROU",  # Romania, pre-2002 code
}

# CAMEO region codes: an actor coded with one belongs to no single country.
REGIONS = frozenset(
    "AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM "
    "SAS SEA SAF WAF WST WEU ARB".split()
)

# How an org's sector names its kind (load.ORG_KINDS); sectors with no kind of
# their own (OPP, CVL, EDU, REL …) are civil-society organisations: "ngo".
_ORG_KIND = {
    "IGO": "igo", "NGO": "ngo", "MIL": "military", "COP": "police", "SPY": "intelligence",
    "LEG": "legislature", "JUD": "court", "PTY": "party", "OPP": "party", "BUS": "company",
    "MED": "media", "REB": "armed_group", "UAF": "armed_group", "CRM": "armed_group",
}

# A title for an office when the file gives none (it never does): the sector's.
SECTOR_TITLES = {
    "GOV": "Government official", "MIL": "Military officer", "LEG": "Legislator",
    "JUD": "Judicial official", "PTY": "Party official", "OPP": "Opposition figure",
    "COP": "Police official", "SPY": "Intelligence official", "BUS": "Business figure",
    "MED": "Media figure", "IGO": "International official", "NGO": "NGO official",
    "REB": "Rebel", "CVL": "Civilian", "ELI": "Elite (no office)", "EDU": "Academic",
    "REL": "Religious figure", "HLH": "Health official", "LAB": "Labour figure",
    "AGR": "Agricultural figure", "ENV": "Environmental figure", "REF": "Refugee",
    "CRM": "Criminal", "UAF": "Armed group member",
}

_CODE_RE = re.compile(r"---|[A-Z]{3}[A-Z0-9]*")
_DATE_RE = re.compile(r"\d{6}|\d{8}")


@functools.lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(HISTORICAL_CODES)


def _country(triple: str) -> str | None:
    """Our code for a CAMEO country triple, or None when it is not a known country."""
    if triple in CAMEO_COUNTRIES:
        return CAMEO_COUNTRIES[triple]
    return triple if triple in _country_codes() else None


@dataclass(frozen=True, slots=True)
class PhoenixCode:
    """One ``[CODE restriction]`` read and interpreted.

    ``start``/``end`` are ISO days (None: open on that side); ``country`` and
    ``sector`` are ours. ``bare`` is true when the code is only a country (``[AFG]``),
    ``region`` when it opens with a CAMEO region (``[EURMED]``).
    """

    code: str
    start: str | None = None
    end: str | None = None
    country: str | None = None
    sector: str | None = None
    region: bool = False
    bare: bool = False
    unknown: str | None = None  # a first triple that is no country, region or prefix

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def null(self) -> bool:
        return self.code == "---"


def _triples(code: str) -> list[str]:
    """The three-letter parts of a code; digit groups (CAMEO religion numbers) are skipped."""
    return [run[i:i + 3] for run in re.findall(r"[A-Z]+", code) for i in range(0, len(run), 3)]


def _interpret(code: str) -> tuple[str | None, str | None, bool, bool, str | None]:
    """(country, sector, region, bare, unknown first triple) of a Phoenix code."""
    parts = _triples(code)
    first, rest = parts[0], parts[1:]
    sector = next((SECTOR_MAP[t] for t in rest if t in SECTOR_MAP), None)
    if first in INTERNATIONAL:
        country = None
        if first in _BASED_IN:
            country = next((c for t in rest if (c := _country(t))), None)
        return country, SECTOR_MAP.get(first) or sector, False, False, None
    if (country := _country(first)) is not None:
        return country, sector, False, not rest, None
    if first in REGIONS:
        return None, sector, True, False, None
    if first in SECTOR_MAP and first not in _QUALIFIERS:
        return None, SECTOR_MAP[first], False, False, None
    # Unknown: a fictional or private country code (PETRARCH's test files use many).
    return first, sector, False, not rest, first


def _date(text: str) -> str | None:
    """ISO day of a PETRARCH date (YYMMDD: 00-30 → 20YY, else 19YY; or YYYYMMDD)."""
    if not _DATE_RE.fullmatch(text):
        return None
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


_RESTRICTION_RE = re.compile(
    r"(?P<op>[<>])\s*(?P<one>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+)"
)


def parse_code(inner: str) -> PhoenixCode:
    """Read the inside of ``[...]``; raise ``NewsgraphError`` (E171-E173) when malformed."""
    text = inner.strip().upper()
    match = re.match(r"([^\s<>]+)\s*(.*)$", text)
    if not match:
        raise NewsgraphError("E171", reason="empty code []")
    code, rest = match.group(1), match.group(2).strip()
    if not _CODE_RE.fullmatch(code):
        raise NewsgraphError("E171", reason=f"unreadable code [{inner.strip()}]")
    if code != "---" and any(len(run) % 3 for run in re.findall(r"[A-Z]+", code)):
        raise NewsgraphError(
            "E171", reason=f"code [{inner.strip()}] is not made of three-letter parts"
        )
    start = end = None
    if rest:
        restriction = _RESTRICTION_RE.fullmatch(rest)
        if not restriction:
            raise NewsgraphError("E171", reason=f"unreadable date restriction in [{inner.strip()}]")
        if restriction["op"]:
            day = _date(restriction["one"])
            if day is None:
                raise NewsgraphError("E172", value=restriction["one"], entry=inner.strip())
            start, end = (day, None) if restriction["op"] == ">" else (None, day)
        else:
            start, end = _date(restriction["start"]), _date(restriction["end"])
            if start is None or end is None:
                bad = restriction["start"] if start is None else restriction["end"]
                raise NewsgraphError("E172", value=bad, entry=inner.strip())
            if end < start:
                raise NewsgraphError("E173", entry=inner.strip())
    if code == "---":
        return PhoenixCode(code, start, end)
    country, sector, region, bare, unknown = _interpret(code)
    return PhoenixCode(code, start, end, country, sector, region, bare, unknown)


# ---------------------------------------------------------------- names

_SMALL = frozenset(
    "of the and for in on at to by with from de del della da das do dos du van von der den "
    "la le les di bin ibn al el y e et".split()
)
_VOWELS = frozenset("aeiouy")
_NOT_ACRONYMS = frozenset(
    "new red air war law oil gas sea aid art day all one two big top key".split()
)


def _cap(word: str) -> str:
    """'PUTIN' → 'Putin', 'MCCAIN' → 'McCain', "O'BRIEN" → "O'Brien", '"ANA"' → '"Ana"'."""
    lower = word.lower()
    if lower.startswith("mc") and len(lower) > 2 and lower[2].isalpha():
        return "Mc" + lower[2].upper() + lower[3:]
    head, apostrophe, tail = lower.partition("'")
    if apostrophe and len(head) == 1 and tail:
        return head.upper() + "'" + _cap(tail)
    for i, ch in enumerate(lower):
        if ch.isalpha():
            return lower[:i] + ch.upper() + lower[i + 1:]
    return lower


def display_name(phrase: str, org: bool = False) -> str:
    """A dictionary phrase as a name: 'VLADIMIR_PUTIN_' → 'Vladimir Putin'.

    Underscores become spaces; words are capitalised except particles and short
    function words inside a name; dotted initials (U.N., V.) stay as written. With
    ``org`` the likely acronyms stay in capitals (UN, ICJ, NATO) so the knowledge
    base treats them as acronyms (matched only in capitals).
    """
    tokens = phrase.replace("_", " ").split()
    out = []
    for i, token in enumerate(tokens):
        letters = re.sub(r"[^\w]", "", token)
        lower = token.lower()
        if "." in token and letters.isalpha() and len(letters) <= 4:
            out.append(token.upper())
        elif token.startswith("(") and token.endswith(")") and letters.isalpha():
            out.append(token.upper())
        elif i > 0 and lower in _SMALL:
            out.append(lower)
        elif org and _acronym(letters, lower, single=len(tokens) == 1):
            out.append(token.upper())
        else:
            out.append("-".join(_cap(part) for part in token.split("-")))
    return " ".join(out)


def _acronym(letters: str, lower: str, single: bool) -> bool:
    """A word of an org name that is likely an acronym: two letters (UN, EU), no
    vowel (ICJ, BBC), or a short name on its own (NATO)."""
    if not letters.isalpha() or lower in _SMALL or lower in _NOT_ACRONYMS:
        return False
    return len(letters) == 2 or not set(lower) & _VOWELS or (single and len(letters) <= 4)


def slug(name: str) -> str:
    """The id form of a name (lower-case ASCII letters and digits joined by hyphens)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))


# ---------------------------------------------------------------- reading lines


def _read_text(path: Path, warnings: list[InputError]) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NewsgraphError("E170", path=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        warnings.append(_warning(path, None, "E179", fallback="cp1252"))
        return data.decode("cp1252", errors="replace")


def _warning(path: Path, line: int | None, code: str, **kwargs: object) -> InputError:
    return InputError(str(path), line, code, getattr(Errors, code).format(**kwargs))


def _lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, raw line, content without comments) for every line up to ---STOP---.

    Comments: ``<!-- … -->`` (possibly over several lines), any line beginning
    with ``<!``, and everything after ``#`` or ``;``.
    """
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" in after:
                line = before + after.split("-->", 1)[1]
            else:
                line, in_comment = before, True
        if line.lstrip().startswith("<!"):
            continue
        content = re.split(r"[#;]", line, maxsplit=1)[0]
        if "---STOP---" in content:
            return
        yield number, raw, content.rstrip()


# ---------------------------------------------------------------- actors


@dataclass
class PhoenixActors:
    """What an actors file holds, as knowledge-base records.

    ``people`` (entries with offices), ``orgs`` (organisations and groups),
    ``countries`` (entries coded with a country alone: their names, which
    Phoenix files list with demonyms, capitals and provinces), and ``warnings``
    (one per bad line, coded, with ``file:line``). ``null`` counts entries coded
    ``[---]`` (deliberately not actors).
    """

    people: list[Person] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    null: int = 0


@dataclass
class _Entry:
    """An entry being read: its names (head first), codes and where it started."""

    line: int
    names: list[str]
    comment: str
    codes: list[tuple[int, PhoenixCode]] = field(default_factory=list)
    inline: bool = False  # the head line carried its own code


def read_actors(path: str | Path) -> PhoenixActors:
    """Read a PETRARCH/Phoenix ``.actors`` file (grammar in the module docstring).

    Raises ``NewsgraphError`` (E170) only when the file cannot be read; a bad
    line is a warning on the result and the rest of the file is read.
    """
    path = Path(path)
    result = PhoenixActors()
    entries = list(_entries(path, result.warnings))
    _Builder(path, result).build(entries)
    result.warnings.sort(key=lambda warning: warning.line or 0)
    return result


def _codes_on(
    text: str, number: int, path: Path, warnings: list[InputError]
) -> list[tuple[int, PhoenixCode]]:
    """Every ``[...]`` on a line, read; a malformed one becomes a warning."""
    codes = []
    if text.count("[") != text.count("]"):
        warnings.append(_warning(path, number, "E171", reason="unbalanced [ ]"))
        return []
    for inner in re.findall(r"\[([^\]]*)\]", text):
        try:
            codes.append((number, parse_code(inner)))
        except NewsgraphError as exc:
            warnings.append(InputError(str(path), number, exc.code, exc.message))
    return codes


def _entries(path: Path, warnings: list[InputError]) -> Iterator[_Entry]:
    """The file's entries in order, with codeless heads merged into the next entry."""
    text = _read_text(path, warnings)
    current: _Entry | None = None
    for number, raw, content in _lines(text):
        body = content.strip()
        if not body:
            continue
        if body.startswith("["):
            if current is None:
                warnings.append(_warning(path, number, "E174", what="Code line"))
            else:
                current.codes += _codes_on(body, number, path, warnings)
            continue
        if body.startswith("+"):
            if current is None:
                warnings.append(_warning(path, number, "E174", what="Synonym line"))
                continue
            # '+A_+B_' is two synonyms run together: read both.
            current.names += [name for name in body.split("+") if name.strip()]
            continue
        phrase, bracket, codes = body.partition("[")
        entry = _Entry(number, [phrase.strip()], _comment(raw))
        if bracket:
            entry.codes = _codes_on(bracket + codes, number, path, warnings)
            entry.inline = True
        if current is not None:
            if current.codes:
                yield current
            elif current.inline or entry.inline:
                # Its own code was unreadable, or the next entry brings its own
                # code: there is nothing to share, so nothing to read.
                warnings.append(_warning(path, current.line, "E175", name=current.names[0]))
            else:
                # PETRARCH gives a codeless head the codes of the entry after it.
                entry.names = current.names + entry.names
                entry.line, entry.comment = current.line, current.comment or entry.comment
        current = entry
    if current is not None:
        if current.codes:
            yield current
        else:
            warnings.append(_warning(path, current.line, "E175", name=current.names[0]))


def _comment(raw: str) -> str:
    return raw.split("#", 1)[1].strip() if "#" in raw else ""


# Words that mark a name as an organisation or group, whatever its codes say.
ORG_WORDS = frozenset(
    "ministry ministries department government administration council court courts party "
    "agency office organization organisation organizations organisations committee "
    "commission parliament congress assembly senate cabinet politburo army navy forces force "
    "police guard guards front movement brigade brigades group groups union association "
    "federation bank company corporation corp inc ltd plc institute university "
    "news radio television network alliance coalition league authority authorities service "
    "services bureau board fund programme program mission embassy junta regime secretariat "
    "tribunal nations community militia militias cartel foundation society centre center "
    "industries airlines airways holdings limited faction factions confederation wing".split()
)
# Titles that open a person's name in the files ("PRESIDENT_HELGA_BRUN_").
PERSON_TITLES = frozenset(
    "president prime minister king queen prince princess sheikh sheik emir general gen col "
    "colonel senator sen rep gov governor mayor secretary ambassador chancellor premier pope "
    "ayatollah mullah imam dr mr mrs ms sir lord lady judge vice deputy former late".split()
)
_FIRM_SECTORS = frozenset({"BUS", "MED", "NGO", "EDU", "HLH"})
# Comment words the Phoenix files put on entries copied from lists of office holders.
_LEADER_LISTS = ("countryinfo", "rulers")


class _Builder:
    """Turns entries into people, orgs and countries, by the heuristic of ``_is_person``."""

    def __init__(self, path: Path, result: PhoenixActors) -> None:
        self.path, self.result = path, result
        self.unknown: set[str] = set()
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Org] = {}
        self.countries: dict[str, Country] = {}

    def build(self, entries: Iterable[_Entry]) -> None:
        for entry in entries:
            self._note_unknown(entry)
            codes = [(line, code) for line, code in entry.codes if not code.null]
            if not codes:
                self.result.null += 1
                continue
            if not any(code.sector for _, code in codes):
                self._country(entry, codes)
            elif _is_person(entry, [code for _, code in codes]):
                self._person(entry, codes)
            else:
                self._org(entry, codes)
        self.result.people = list(self.people.values())
        self.result.orgs = list(self.orgs.values())
        self.result.countries = list(self.countries.values())

    def _note_unknown(self, entry: _Entry) -> None:
        for line, code in entry.codes:
            if code.unknown and code.unknown not in self.unknown:
                self.unknown.add(code.unknown)
                self.result.warnings.append(_warning(
                    self.path, line, "E176", what="country", value=code.unknown,
                    action="kept as the country code",
                ))

    def _names(self, entry: _Entry, org: bool) -> tuple[str, tuple[str, ...]]:
        names = [display_name(n, org=org) for n in entry.names]
        names = [n for n in dict.fromkeys(names) if n]
        return names[0], tuple(names[1:])

    def _source(self, line: int, code: PhoenixCode | None = None) -> str:
        where = f"{self.path.name}:{line}"
        if code is None:
            return where
        restriction = (
            f" {code.start or ''}..{code.end or ''}" if code.dated else ""
        )
        return f"{where} [{code.code}{restriction}]"

    def _unique(self, table: dict, base: str) -> str:
        key, n = base or "phoenix-entry", 1
        while key in table:
            n += 1
            key = f"{base}-{n}"
        return key

    def _person(self, entry: _Entry, codes: list[tuple[int, PhoenixCode]]) -> None:
        name, aliases = self._names(entry, org=False)
        person_id = slug(name)
        offices = tuple(
            Office(
                person_id=person_id,
                role="other",
                title=SECTOR_TITLES.get(code.sector or "", ""),
                country=code.country,
                sector=code.sector,
                start=code.start,
                end=code.end,
                source=self._source(line, code),
            )
            for line, code in codes
        )
        same = self.people.get(person_id)
        shared = same is not None and _countries(same.offices) & _countries(offices)
        if same is not None and same.name == name and shared:
            # The same person listed twice (e.g. once per office): one record.
            merged = tuple(dict.fromkeys(same.aliases + aliases))
            seen = {_tenure(o) for o in same.offices}
            extra = tuple(o for o in offices if _tenure(o) not in seen)
            self.people[person_id] = replace(same, aliases=merged, offices=same.offices + extra)
            return
        if same is not None:
            person_id = self._unique(self.people, person_id)
            offices = tuple(replace(o, person_id=person_id) for o in offices)
        self.people[person_id] = Person(person_id, name, aliases, None, offices)

    def _org(self, entry: _Entry, codes: list[tuple[int, PhoenixCode]]) -> None:
        code = _current([c for _, c in codes if c.sector])
        name, aliases = self._names(entry, org=True)
        kind = _ORG_KIND.get(code.sector or "", "ngo")
        if code.sector == "GOV":
            kind = "ministry" if re.search(r"minist|department", name, re.I) else "agency"
        org_id = slug(name)
        same = self.orgs.get(org_id)
        if same is not None and (same.country, same.sector) == (code.country, code.sector):
            self.orgs[org_id] = replace(same, aliases=tuple(dict.fromkeys(same.aliases + aliases)))
            return
        if same is not None:
            org_id = self._unique(self.orgs, org_id)
        self.orgs[org_id] = Org(org_id, name, aliases, None, code.country, code.sector, kind,
                                self._source(entry.line))

    def _country(self, entry: _Entry, codes: list[tuple[int, PhoenixCode]]) -> None:
        """An entry coded with countries or regions only: a country's names, or nothing.

        The country is the one the entry names today: its undated code, else the
        open-ended latest one. Sub-national codes (PSEGZA) and regions are not
        countries and not actors of their own, so they are skipped.
        """
        current = _current([c for _, c in codes])
        if not current.bare or current.country is None:
            return
        name, aliases = self._names(entry, org=False)
        same = self.countries.get(current.country)
        if same is not None:
            extra = tuple(n for n in (name, *aliases) if n not in same.names)
            self.countries[current.country] = replace(same, aliases=same.aliases + extra)
            return
        self.countries[current.country] = Country(
            current.country, name, aliases, (), (), self._source(entry.line)
        )


def _countries(offices: Iterable[Office]) -> set[str | None]:
    return {office.country for office in offices}


def _tenure(office: Office) -> tuple:
    return (office.country, office.sector, office.start, office.end)


def _current(codes: list[PhoenixCode]) -> PhoenixCode:
    """The code that describes an entry now: its default (undated) code, else the
    one ending last (an open end is latest), else the one begun last."""
    undated = [code for code in codes if not code.dated]
    if undated:
        return undated[0]
    return max(codes, key=lambda c: (c.end is None, c.end or "", c.start or ""))


def _is_person(entry: _Entry, codes: list[PhoenixCode]) -> bool:
    """Person or organisation? The files do not say, so a documented heuristic does.

    1. A name with an organisation word (ministry, army, party, bank …) is an org.
    2. Dated codes mean a person: organisations rarely change codes over time,
       office holders always do.
    3. So does a name that opens with a personal title (President, Sheikh, Gen.),
       unless a code says company, media or NGO (General Electric, King Pharmaceuticals).
    4. So does an entry copied from a list of office holders (the Phoenix files
       mark them ``# CountryInfo.txt`` or ``# IGOrulers.txt``).
    5. So does an entry coded only ELI (elites are individuals).
    Everything else (an undated code: ``[IGOUNO]``, ``[RUSMIL]``) is an org.
    """
    words = re.findall(r"[a-z]+", entry.names[0].lower())
    if set(words) & ORG_WORDS:
        return False
    if words and words[0] in PERSON_TITLES and not any(c.sector in _FIRM_SECTORS for c in codes):
        return True
    if any(code.dated for code in codes):
        return True
    if any(mark in entry.comment.lower() for mark in _LEADER_LISTS):
        return True
    return all(code.sector == "ELI" for code in codes)


# ---------------------------------------------------------------- agents


class PhoenixAgents(list[Role]):
    """The roles an agents file names (a ``list[Role]``), with the file's ``warnings``."""

    def __init__(self, roles: Iterable[Role] = (), warnings: Iterable[InputError] = ()) -> None:
        super().__init__(roles)
        self.warnings: list[InputError] = list(warnings)


_MARKER_DEF = re.compile(r"^!(\w+)!\s*=\s*(.*)$")
_MARKER = re.compile(r"!(\w+)!")
_PREPOSITIONS = frozenset("of for to at in on with from over under against de".split())


def read_agents(path: str | Path, regular_plurals: bool = True) -> PhoenixAgents:
    """Read a PETRARCH/Phoenix ``.agents`` file into roles (grammar in the module docstring).

    Each phrase becomes a ``Role``: lower case, underscores as spaces, with its
    sector (``SECTOR_MAP`` of the code's first sector triple), the CAMEO code
    without its ``~``, and a kind (person, org, group) from its head noun. Plural
    forms are roles too: the file's ``{...}`` plural, or the regular English
    plural unless ``{}`` says there is none (``regular_plurals=False`` turns the
    automatic ones off). A phrase listed twice keeps its first reading.
    """
    path = Path(path)
    warnings: list[InputError] = []
    text = _read_text(path, warnings)
    markers: dict[str, list[str]] = {}
    roles: dict[str, Role] = {}
    unknown: set[str] = set()
    for number, _raw, content in _lines(text):
        body = content.strip()
        if not body:
            continue
        if "!" in body and "=" in body:
            definition = _MARKER_DEF.match(body)
            if definition:
                markers[definition.group(1).upper()] = [
                    item.strip() for item in definition.group(2).split(",") if item.strip()
                ]
            else:
                reason = "bad substitution set: use !NAME! = a, b, c"
                warnings.append(_warning(path, number, "E171", reason=reason))
            continue
        try:
            forms, code = _agent_forms(body, markers, regular_plurals)
        except NewsgraphError as exc:
            warnings.append(InputError(str(path), number, exc.code, exc.message))
            continue
        cameo = code.replace("~", "")
        sector = next((SECTOR_MAP[t] for t in _triples(cameo) if t in SECTOR_MAP), None)
        if sector is None and cameo not in unknown:
            unknown.add(cameo)
            warnings.append(_warning(path, number, "E176", what="agent", value=cameo,
                                     action="role read with no sector"))
        for phrase, plural in forms:
            if phrase in roles:
                continue
            kind = _agent_kind(phrase, plural)
            source = f"{path.name}:{number}"
            roles[phrase] = Role(phrase, sector, kind, cameo, kind == "person", source)
    return PhoenixAgents(roles.values(), warnings)


def _agent_forms(
    body: str, markers: dict[str, list[str]], regular_plurals: bool
) -> tuple[list[tuple[str, bool]], str]:
    """The (phrase, is plural) forms of an agent line, and its code."""
    phrase_part, bracket, rest = body.partition("[")
    if not bracket:
        raise NewsgraphError("E177", phrase=_phrase(phrase_part))
    if "]" not in rest:
        raise NewsgraphError("E171", reason="code has no closing ]")
    code = rest.split("]", 1)[0].strip().upper().replace(" ", "")
    if not re.fullmatch(r"~[A-Z]{3}(?:[A-Z]{3})*|[A-Z]{3}(?:[A-Z]{3})*~", code):
        raise NewsgraphError("E171", reason=f"unreadable agent code [{code}]: use [~XXX] or [XXX~]")
    singular, brace, plural_part = phrase_part.partition("{")
    explicit: str | None = None
    if brace:
        if "}" not in plural_part:
            raise NewsgraphError("E171", reason="missing }")
        explicit = plural_part.split("}", 1)[0]
    base = _phrase(singular)
    if not base:
        raise NewsgraphError("E171", reason="no agent phrase before the code")
    forms: list[tuple[str, bool]] = []
    has_marker = bool(_MARKER.search(base))
    for form in _substitute(base, markers):
        forms.append((form, False))
        if explicit is not None:
            forms += [(p, True) for p in _substitute(_phrase(explicit), markers) if p]
        elif regular_plurals and not has_marker:
            plural = _plural(form)
            if plural:
                forms.append((plural, True))
    return forms, code


def _phrase(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def _substitute(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """Every phrase a substitution marker stands for (several markers multiply)."""
    match = _MARKER.search(phrase)
    if not match:
        return [phrase] if phrase else []
    name = match.group(1).upper()
    if name not in markers:
        raise NewsgraphError("E178", marker=name)
    out = []
    for item in markers[name]:
        filled = phrase[: match.start()] + item.replace("_", " ").lower() + phrase[match.end():]
        out += _substitute(" ".join(filled.split()), markers)
    return out


_MASS_NOUNS = frozenset(
    "police media press people public clergy personnel staff military youth aristocracy "
    "peasantry intelligentsia rabble poor underworld gangdom leadership establishment "
    "workforce diaspora judiciary".split()
)
_NOT_MEN = frozenset("human german roman shaman ottoman talisman caiman cayman".split())


def _head_index(words: list[str]) -> int:
    """The head noun of a role phrase: the word before its first preposition, else the last."""
    for i, word in enumerate(words[1:], 1):
        if word in _PREPOSITIONS:
            return i - 1
    return len(words) - 1


def _plural(phrase: str) -> str | None:
    """The regular English plural of a role phrase, on its head noun; None if it has none.

    'deputy' → 'deputies', 'envoy' → 'envoys', 'boss' → 'bosses', 'chairman' →
    'chairmen', 'head of state' → 'heads of state'. A head already ending in a
    plain -s ('forces', 'affairs') is taken as plural and gets none, and so does a
    collective noun that has no plural ('police', 'media', 'clergy').
    """
    words = phrase.split()
    i = _head_index(words)
    word = words[i]
    if not word[-1:].isalpha() or word in _MASS_NOUNS:
        return None
    if word.endswith("man") and word not in _NOT_MEN:
        new = word[:-3] + "men"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        new = word[:-1] + "ies"
    elif word.endswith(("ss", "us", "x", "z", "ch", "sh")):
        new = word + "es"
    elif word.endswith("s"):
        return None
    else:
        new = word + "s"
    return " ".join(words[:i] + [new] + words[i + 1:])


# Head nouns by kind, for roles (see _agent_kind).
_ORG_HEADS = (ORG_WORDS | frozenset(
    "church mosque temple monastery monastary seminary infirmary dispensary hospital clinic "
    "school college library treasury republic chamber firm".split()
)) - {"forces", "police", "authorities", "militias", "groups", "guards", "community",
      "services", "courts", "organizations", "organisations"}
_GROUP_HEADS = frozenset(
    "police troops forces military militia militias media press people public opposition "
    "clergy community population youth authorities personnel staff rabble poor elite crowd "
    "mob gang gangs mafia underworld gangdom crime aristocracy peasantry diaspora sector "
    "leadership establishment rebels insurgency workforce labor labour men women".split()
)
_PERSON_SUFFIXES = (
    "er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "eer", "ee", "ary",
    "ive", "ic", "al", "ite", "ar", "ard",
)
_PERSON_WORDS = frozenset(
    "chief head leader envoy deputy judge monk priest spy thief boss king queen prince "
    "princess emir sheikh sheik imam pope bishop mayor aide attache consul chair chairperson "
    "mullah rabbi nun cardinal lama guru premier president marshal colonel captain major "
    "cadet pilot sniper hostage victim youth child kid girl boy man woman person citizen "
    "mp attorney constable".split()
)


def _agent_kind(phrase: str, plural: bool) -> str:
    """Person, org or group, from the head noun (a general rule, not a word list per role).

    Organisation nouns (ministry, council, party …) make an org; collective nouns
    (police, troops, media …) and plurals make a group; nouns for people (by
    suffix: -er, -or, -ist, -ian …, or a short list of titles) make a person; any
    other noun (aerospace, organized crime) a group.
    """
    words = phrase.split()
    head = words[_head_index(words)]
    singular = _singular(head) if plural or head.endswith("s") else head
    if head in _ORG_HEADS or singular in _ORG_HEADS:
        return "org"
    if plural or head in _GROUP_HEADS:
        return "group"
    if head.endswith("s") and singular != head and _is_person_word(singular):
        return "group"
    return "person" if _is_person_word(head) else "group"


def _is_person_word(word: str) -> bool:
    return word in _PERSON_WORDS or word.endswith(_PERSON_SUFFIXES)


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "uses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# ---------------------------------------------------------------- dispatch


def is_phoenix(path: str | Path) -> bool:
    """True for a file in PETRARCH/Phoenix dictionary format (``.txt``, not a TSV table).

    The Phoenix files are ``.txt``; our tables are ``.tsv`` or YAML, so the
    suffix decides.
    """
    return Path(path).suffix.lower() == ".txt"


def _is_agents(path: Path) -> bool:
    """Agents or actors? By name (``*.agents.txt``), else by content (``[~GOV]`` codes)."""
    name = path.name.lower()
    if "agent" in name:
        return True
    if "actor" in name:
        return False
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return False
    return re.search(r"\[\s*~|[A-Z]~\s*\]", head) is not None


def tables(path: str | Path, warnings: list[InputError] | None = None) -> dict[str, list]:
    """A Phoenix file as knowledge tables: people, orgs, countries and roles.

    The shape ``load._read_tables`` builds, so ``KnowledgeBase`` can take Phoenix
    files beside TSV and YAML. The file's warnings are appended to ``warnings``.
    """
    path = Path(path)
    out: dict[str, list] = {"people": [], "orgs": [], "places": [], "countries": [], "roles": []}
    if _is_agents(path):
        agents = read_agents(path)
        out["roles"] = list(agents)
        found = agents.warnings
    else:
        actors = read_actors(path)
        out["people"], out["orgs"], out["countries"] = actors.people, actors.orgs, actors.countries
        found = actors.warnings
    if warnings is not None:
        warnings += found
    return out
