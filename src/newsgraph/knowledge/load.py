"""Loaders for the actor knowledge base, and the lookups the resolver needs.

The knowledge base is data (TSV files under ``knowledge/data/``, format in
``docs/actors.md``), read here once per process with the plain ``csv`` module and
cached. ``KnowledgeBase`` holds the tables and the indexes built over them:
country names and demonyms, people by name, alias and surname, offices as of a
date, organisations, places (capitals and seats of power) and role words.
Everything is keyed by ``name_key``, so lookups ignore case, accents, "the",
possessive "'s" and dots ("U.S.").

The format rules (headers, controlled lists, dates) are stated here once; the
checker (``check.py``) enforces them strictly, the loader only as far as it must
to build records.
"""

from __future__ import annotations

import csv
import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import NewsgraphError
from ..records import Actor

DATA_DIR = Path(__file__).parent / "data"

# ---------------------------------------------------------------- the format

# Column headers, exactly as each file must spell them.
HEADERS: dict[str, tuple[str, ...]] = {
    "people": (
        "person_id", "name", "aliases", "wikidata", "country", "sector",
        "role", "title", "start", "end", "source",
    ),
    "orgs": ("org_id", "name", "aliases", "wikidata", "country", "sector", "kind", "source"),
    "places": ("name", "aliases", "country", "sector", "kind", "source"),
    "countries": ("iso3", "name", "aliases", "demonym_adj", "demonym_people", "source"),
    "roles": ("phrase", "sector", "kind", "cameo_agent", "person", "source"),
}

# Our sector scheme (docs/actors.md maps it to CAMEO and PLOVER agent codes).
SECTORS = frozenset(
    "GOV MIL LEG JUD PTY OPP COP SPY BUS MED IGO NGO REB CVL ELI EDU REL HLH LAB "
    "AGR ENV REF CRM UAF".split()
)

# The controlled office roles of people, as the format lists them.
ROLES = frozenset(
    "head_of_state head_of_government vice_president deputy_head_of_government "
    "foreign_minister deputy_foreign_minister defence_minister interior_minister "
    "finance_minister economy_minister energy_minister justice_minister "
    "central_bank_governor speaker legislator opposition_leader party_leader "
    "military_chief intelligence_chief ambassador un_ambassador press_secretary "
    "chief_of_staff national_security_adviser judge governor mayor company_head "
    "igo_head rebel_leader other".split()
)

# When a person holds several offices at once, the first role in this order is
# the one that names them (a president who also leads a party is the president;
# an opposition leader who chairs parliament, as Guaidó did, is the opposition).
ROLE_SALIENCE = (
    "head_of_state", "head_of_government", "igo_head", "vice_president",
    "deputy_head_of_government", "foreign_minister", "defence_minister",
    "finance_minister", "interior_minister", "economy_minister", "energy_minister",
    "justice_minister", "national_security_adviser", "central_bank_governor",
    "opposition_leader", "speaker", "military_chief", "intelligence_chief", "un_ambassador",
    "deputy_foreign_minister", "ambassador", "chief_of_staff", "press_secretary",
    "party_leader", "rebel_leader", "company_head", "governor", "mayor", "judge",
    "legislator", "other",
)
_SALIENCE = {role: rank for rank, role in enumerate(ROLE_SALIENCE)}

# Offices one person holds at a time in a country: tenures must not overlap.
SINGLE_HOLDER_ROLES = frozenset({
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "finance_minister", "interior_minister", "central_bank_governor", "speaker",
})

ORG_KINDS = frozenset(
    "ministry agency legislature court party company media igo ngo military police "
    "intelligence armed_group".split()
)
# Places: the format names capital and seat_of_power (and blocs of states); the rest reuse org kinds
# for buildings that stand for one institution (the Pentagon, the Knesset).
PLACE_KINDS = frozenset({"capital", "seat_of_power", "city", "region", "bloc"}) | ORG_KINDS
ROLE_KINDS = frozenset({"person", "org", "group"})

# CAMEO agent codes; a cameo_agent cell joins one or more (GOV, GOVMIL).
CAMEO_AGENTS = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY IGO MED EDU BUS CRM CVL AGR ELI ENV HLH HRI LAB "
    "LEG REF MOD RAD UAF NGO NGM IMG INS SEP DEV CHR CTH PRO MUS SUN SHI JEW BUD HIN "
    "REL".split()
)

# Codes ISO 3166-1 no longer (or never officially) lists that news still names.
# Kept short and explicit: every other country code must be a current ISO code.
HISTORICAL_CODES: dict[str, str] = {
    "SUN": "Soviet Union (USSR), dissolved 1991",
    "YUG": "Yugoslavia (SFRY, then FR Yugoslavia until 2003)",
    "SCG": "Serbia and Montenegro, 2003-2006",
    "CSK": "Czechoslovakia, dissolved 1993",
    "DDR": "East Germany (GDR), until 1990",
    "ZAR": "Zaire, now the Democratic Republic of the Congo",
    "BUR": "Burma, old code of Myanmar",
    "TMP": "East Timor, old code of Timor-Leste",
    "YMD": "South Yemen, until 1990",
    "ANT": "Netherlands Antilles, dissolved 2010",
    "XKX": "Kosovo: user-assigned code used by the EU, IMF and World Bank",
}

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")
CAMEO_RE = re.compile(r"^(?:[A-Z]{3})+$")

# Bounds that compare before and after every real ISO date string.
UNKNOWN_START = "0000-01-01"
OPEN_END = "9999-12-31"


def date_bounds(text: str) -> tuple[str, str] | None:
    """The earliest and latest day a (partial) date can mean, as ISO strings.

    ``"2019"`` is ``("2019-01-01", "2019-12-31")``. ISO strings compare in date
    order, so ranges need no date objects. ``None`` when the text is not a date.
    """
    match = DATE_RE.match(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{month}-01", f"{year}-{month}-31"
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return text.strip(), text.strip()


def split_cell(cell: str | None) -> tuple[str, ...]:
    """A multi-value cell (``a|b|c``) as a tuple of its non-empty values."""
    if not cell:
        return ()
    return tuple(value.strip() for value in cell.split("|") if value.strip())


# ---------------------------------------------------------------- name keys

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_FOLD = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})
_DASHES = re.compile(r"[\-\u2010-\u2015]")
_SINGLE_LETTERS = re.compile(r"\b([^\W\d_]) (?=[^\W\d_]\b)")
_PLAIN = re.compile(r"^[A-Za-z0-9 ]*$")


@functools.lru_cache(maxsize=262_144)
def name_key(text: str) -> str:
    """The form names are compared in: accent-, case- and punctuation-insensitive.

    "Nicolás Maduro", "NICOLAS MADURO" and "Nicolas Maduro's" share a key; so do
    "the United States" and "United States", "U.S." and "US", "J. D. Vance" and
    "JD Vance". Index and query both go through it, so it only has to agree with
    itself.
    """
    if _PLAIN.match(text):  # most names: skip the Unicode work
        text = " ".join(text.lower().split())
    else:
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
        text = text.translate(_FOLD).strip()
        text = re.sub(r"'s?$", "", text)
        text = _DASHES.sub(" ", text.replace(".", ""))
        text = " ".join(re.sub(r"[^\w' ]", " ", text).split())
    if " " in text and _SINGLE_LETTERS.search(text):
        text = _SINGLE_LETTERS.sub(r"\1", text)
    return text[4:] if text.startswith("the ") else text


def is_acronym(text: str) -> bool:
    """True for short all-capital names (US, U.S., WHO, UAE) that clash with words.

    Such a name matches only a query that is not all lower case, so "who" and
    "us" in running text never become the WHO or the United States.
    """
    letters = re.sub(r"[.\s\-&']", "", text)
    return letters.isalpha() and letters.isupper() and len(letters) <= 6


def _mostly_upper(text: str) -> bool:
    """"U.S.", "the U.N.": the letters that matter are capitals."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters) and letters[0].isupper()


def _all_lower(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not any(ch.isupper() for ch in text)


class NameIndex:
    """Names → values, looked up by ``name_key``; acronyms need a capitalised query.

    With ``one_word_capitalised`` a one-word name also needs a query that is not
    all lower case: organisation names such as Labour, Memorial or Amazon are
    ordinary words in lower case.
    """

    def __init__(self, one_word_capitalised: bool = False) -> None:
        self._words: dict[str, list[Any]] = {}
        self._capitalised: dict[str, list[Any]] = {}
        self._acronyms: dict[str, list[Any]] = {}
        self._one_word = one_word_capitalised

    def add(self, name: str, value: Any) -> None:
        key = name_key(name)
        if not key:
            return
        if is_acronym(name):
            table = self._acronyms  # ANA, WHO, US: only when written in capitals
        elif self._one_word and " " not in key:
            table = self._capitalised
        else:
            table = self._words
        values = table.setdefault(key, [])
        if value not in values:
            values.append(value)

    def __contains__(self, name: str) -> bool:
        return bool(self.get(name))

    def get(self, text: str) -> list[Any]:
        """Every value the text names, in the order they were added."""
        key = name_key(text)
        found = list(self._words.get(key, ()))
        if not _all_lower(text):
            found += [v for v in self._capitalised.get(key, ()) if v not in found]
        if is_acronym(text) or _mostly_upper(text):
            found += [v for v in self._acronyms.get(key, ()) if v not in found]
        return found


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Office:
    """One tenure of one office: a row of ``people/*.tsv``."""

    person_id: str
    role: str
    title: str
    country: str | None
    sector: str | None
    start: str | None
    end: str | None  # None: still in office
    source: str

    @property
    def acting(self) -> bool:
        """Acting terms may overlap a substantive holder's (a caretaker, a disputed post)."""
        return "acting" in self.title.lower().split()

    def covers(self, day: str) -> bool:
        """True when the tenure may include the ISO day (partial dates read generously)."""
        return _start(self) <= day <= _end(self)


@dataclass(frozen=True, slots=True)
class Person:
    """A known person: canonical name, every alias from all their rows, their offices."""

    person_id: str
    name: str
    aliases: tuple[str, ...]
    wikidata: str | None
    offices: tuple[Office, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation: ministry, legislature, court, party, company, media, IGO, group."""

    org_id: str
    name: str
    aliases: tuple[str, ...]
    wikidata: str | None
    country: str | None
    sector: str | None
    kind: str
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Place:
    """A place that can stand for an actor: a capital, a seat of power, an HQ."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    kind: str
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Role:
    """A role word ("foreign minister", "rebels") and the sector it puts an actor in."""

    phrase: str
    sector: str | None
    kind: str
    cameo_agent: str | None
    person: bool
    source: str


@dataclass(frozen=True, slots=True)
class Country:
    """A country with the names news uses for it (ours first, then pycountry's)."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonym_adj: tuple[str, ...]
    demonym_people: tuple[str, ...]
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


# ---------------------------------------------------------------- reading files


def read_rows(path: Path) -> tuple[tuple[str, ...], list[tuple[int, list[str]]]]:
    """The header and the (line number, cells) rows of a TSV file.

    Comment lines (``#``) and blank lines are skipped; line numbers are the
    file's own, for error messages. Quotes are literal (``QUOTE_NONE``).
    """
    with open(path, encoding="utf-8", newline="") as handle:
        numbered = [
            (number, line.rstrip("\r\n"))
            for number, line in enumerate(handle, 1)
            if line.strip() and not line.startswith("#")
        ]
    reader = csv.reader(
        (line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    rows = [(number, cells) for (number, _), cells in zip(numbered, reader)]
    if not rows:
        return (), []
    return tuple(rows[0][1]), rows[1:]


def table_of(path: Path, header: tuple[str, ...] | None = None) -> str | None:
    """Which table a file holds: by its header, else by its name (people/x.tsv)."""
    for table, expected in HEADERS.items():
        if header == expected:
            return table
    if path.parent.name == "people":
        return "people"
    return path.stem if path.stem in HEADERS else None


def _dict_rows(path: Path) -> tuple[str, list[dict[str, str]]]:
    """A knowledge file (TSV, or YAML with the same field names) as a table name and dicts."""
    if path.suffix.lower() in {".yaml", ".yml"}:
        return _yaml_rows(path)
    header, rows = read_rows(path)
    table = table_of(path, header)
    if table is None or header != HEADERS[table]:
        raise NewsgraphError(
            "E150", expected=HEADERS.get(table or "", "a known header"), found=header
        )
    return table, [dict(zip(header, cells + [""] * (len(header) - len(cells)))) for _, cells in rows]


def _yaml_rows(path: Path) -> tuple[str, list[dict[str, str]]]:
    """A YAML user file: ``{table: [rows]}`` (one table) or a bare list of rows.

    A bare list names its table by its fields (person_id → people, org_id → orgs,
    iso3 → countries, phrase → roles, else places). Lists become ``a|b`` cells.
    """
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:  # a user's file: name it and say where, never a traceback
        raise NewsgraphError("E163", path=str(path), reason=" ".join(str(exc).split())) from None
    if isinstance(data, dict):
        if len(data) != 1 or next(iter(data)) not in HEADERS:
            raise NewsgraphError("E165", path=str(path))
        table, rows = next(iter(data.items()))
    else:
        rows = data
        first = rows[0] if rows else {}
        table = next(
            (t for f, t in (("person_id", "people"), ("org_id", "orgs"), ("iso3", "countries"),
                            ("phrase", "roles")) if f in first),
            "places",
        )
    cells = []
    for row in rows or ():
        cells.append({
            field: "|".join(map(str, value)) if isinstance(value, list)
            else ("" if value is None else str(value))
            for field, value in row.items()
        })
    return table, cells


def _people_from(rows: Iterable[dict[str, str]]) -> list[Person]:
    """Group tenure rows by person_id; the first row names the person, aliases merge."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault(row["person_id"], []).append(row)
    people = []
    for person_id, person_rows in grouped.items():
        aliases: list[str] = []
        for row in person_rows:
            aliases += [a for a in split_cell(row.get("aliases")) if a not in aliases]
        wikidata = next((r["wikidata"] for r in person_rows if r.get("wikidata")), None)
        offices = tuple(
            Office(
                person_id=person_id,
                role=row.get("role") or "other",
                title=row.get("title", ""),
                country=row.get("country") or None,
                sector=row.get("sector") or None,
                start=row.get("start") or None,
                end=row.get("end") or None,
                source=row.get("source", ""),
            )
            for row in person_rows
        )
        people.append(Person(person_id, person_rows[0]["name"], tuple(aliases), wikidata, offices))
    return people


def _record(table: str, row: dict[str, str]) -> Any:
    get = lambda field: row.get(field) or None  # noqa: E731
    if table == "orgs":
        return Org(row["org_id"], row["name"], split_cell(row.get("aliases")), get("wikidata"),
                   get("country"), get("sector"), row.get("kind", ""), row.get("source", ""))
    if table == "places":
        return Place(row["name"], split_cell(row.get("aliases")), get("country"),
                     get("sector"), row.get("kind", ""), row.get("source", ""))
    if table == "roles":
        return Role(row["phrase"].strip().lower(), get("sector"), row.get("kind", ""),
                    get("cameo_agent"), row.get("person", "").strip() in {"1", "true", "yes"},
                    row.get("source", ""))
    if table == "countries":
        return Country(row["iso3"], row["name"], split_cell(row.get("aliases")),
                       split_cell(row.get("demonym_adj")), split_cell(row.get("demonym_people")),
                       row.get("source", ""))
    raise ValueError(table)


def _read_tables(paths: Iterable[Path]) -> dict[str, list[Any]]:
    """Records of every table found in the files, in file order."""
    tables: dict[str, list[Any]] = {table: [] for table in HEADERS}
    people_rows: list[dict[str, str]] = []
    for path in paths:
        table, rows = _dict_rows(Path(path))
        if table == "people":
            people_rows += rows
        else:
            tables[table] += [_record(table, row) for row in rows]
    tables["people"] = _people_from(people_rows)
    return tables


def _read_phoenix(paths: Iterable[Path]) -> dict[str, list[Any]]:
    """PETRARCH/Phoenix dictionaries as our tables (their warnings are dropped here;
    `newsgraph.knowledge.phoenix` reports them)."""
    from . import phoenix

    tables: dict[str, list[Any]] = {table: [] for table in HEADERS}
    for path in paths:
        for table, records in phoenix.tables(path).items():
            tables[table] += records
    return tables


def _added(ours: list[Any], theirs: list[Any], key: Any) -> list[Any]:
    """Ours, with new records of theirs appended and their spellings of ours as aliases."""
    index = {key(record): i for i, record in enumerate(ours)}
    out = list(ours)
    for record in theirs:
        at = index.get(key(record))
        if at is None:
            index[key(record)] = len(out)
            out.append(record)
            continue
        mine = out[at]
        extra = tuple(a for a in record.names if name_key(a) not in {name_key(n) for n in mine.names})
        if extra:
            out[at] = replace(mine, aliases=mine.aliases + extra)
    return out


@functools.lru_cache(maxsize=None)
def _shipped() -> dict[str, tuple[Any, ...]]:
    paths = [DATA_DIR / f"{table}.tsv" for table in ("countries", "places", "orgs", "roles")]
    paths += sorted((DATA_DIR / "orgs").glob("*.tsv"))
    paths += sorted((DATA_DIR / "people").glob("*.tsv"))
    tables = _read_tables(path for path in paths if path.exists())
    return {table: tuple(records) for table, records in tables.items()}


def load_people() -> list[Person]:
    """Every person in ``people/*.tsv``, each with all their offices and aliases."""
    return list(_shipped()["people"])


def load_orgs() -> list[Org]:
    return list(_shipped()["orgs"])


def load_places() -> list[Place]:
    return list(_shipped()["places"])


def load_roles() -> list[Role]:
    return list(_shipped()["roles"])


def load_countries() -> list[Country]:
    """Our ``countries.tsv`` merged with pycountry: every ISO country, news names first."""
    return _merge_pycountry(_shipped()["countries"])


def _merge_pycountry(ours: Iterable[Country]) -> list[Country]:
    import pycountry

    by_code = {country.iso3: country for country in ours}
    merged = []
    for entry in pycountry.countries:
        names = [getattr(entry, "common_name", None), entry.name, getattr(entry, "official_name", None)]
        names += [_uninvert(n) for n in names if n and ", " in n]
        names = [n for n in dict.fromkeys(names) if n and ", " not in n]
        if entry.alpha_3 in by_code:
            country = by_code.pop(entry.alpha_3)
            extra = tuple(n for n in names if n not in country.names)
            merged.append(replace(country, aliases=country.aliases + extra))
        else:
            merged.append(Country(entry.alpha_3, names[0], tuple(names[1:]), (), (), "pycountry"))
    merged += by_code.values()  # historical and user-assigned codes (SUN, XKX …)
    return merged


def _uninvert(name: str) -> str:
    """'Korea, Republic of' → 'Republic of Korea' (pycountry writes names inverted)."""
    head, _, tail = name.partition(", ")
    return f"{tail} {head}"


# ---------------------------------------------------------------- surnames

_PARTICLES = frozenset(
    "de del della da das do dos du van von der den la le di al el bin ibn ben abu ter".split()
)
# Naming conventions that decide which token is the surname news uses alone.
_SURNAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "KHM"})
# Family name first, but English given names are common too (Carrie Lam, Lawrence Wong).
_SURNAME_FIRST_OR_LAST = frozenset({"HKG", "MAC", "SGP"})
_TWO_SURNAMES = frozenset(
    "ESP MEX VEN COL ARG CUB NIC BOL CHL PER ECU URY PRY GTM HND SLV CRI PAN DOM".split()
)


def surnames(name: str, countries: Iterable[str | None] = ()) -> tuple[str, ...]:
    """The forms news uses for a person by surname alone.

    The last token; a particle phrase whole ("von der Leyen", "bin Salman");
    the first token alone for people whose offices are all where the family name
    comes first (Xi Jinping, Kim Jong Un), and as well as the last where English
    given names are common (Hong Kong, Singapore); the first of two Spanish
    surnames (Padrino in Vladimir Padrino López) for people whose offices are in
    Spanish-speaking countries.
    """
    tokens = name.split()
    if len(tokens) < 2:
        return ()
    codes = set(countries)
    if codes & _SURNAME_FIRST and not codes - _SURNAME_FIRST:
        return (tokens[0],)
    found = [tokens[-1]]
    for i in range(1, len(tokens) - 1):
        if tokens[i].lower() in _PARTICLES:
            found.append(" ".join(tokens[i:]))
            break
    if codes & (_SURNAME_FIRST | _SURNAME_FIRST_OR_LAST):
        found.append(tokens[0])
    if len(tokens) >= 3 and codes & _TWO_SURNAMES and tokens[-2].lower() not in _PARTICLES:
        found += [tokens[-2], " ".join(tokens[-2:])]
    return tuple(dict.fromkeys(found))


def _singulars(key: str) -> list[str]:
    """Candidate singulars of a plural role phrase (protesters, militias, policemen)."""
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = []
    if last.endswith("men"):
        forms.append(last[:-3] + "man")
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if last.endswith("es"):
        forms.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        forms.append(last[:-1])
    return [prefix + form for form in forms]


# ---------------------------------------------------------------- the knowledge base


class KnowledgeBase:
    """The loaded tables and the lookup indexes over them.

    Build it once (``default()``) and share it; it never changes after
    construction. ``extend`` returns a new base with a user's files on top.
    """

    def __init__(
        self,
        people: Iterable[Person] = (),
        orgs: Iterable[Org] = (),
        places: Iterable[Place] = (),
        countries: Iterable[Country] = (),
        roles: Iterable[Role] = (),
    ) -> None:
        self.people = tuple(people)
        self.orgs = tuple(orgs)
        self.places = tuple(places)
        self._our_countries = tuple(countries)
        self.countries = tuple(_merge_pycountry(self._our_countries))
        self.roles = tuple(roles)
        self._index()

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> KnowledgeBase:
        """A base made only of the given files (TSV or YAML, any tables)."""
        tables = _read_tables(Path(p) for p in paths)
        return cls(tables["people"], tables["orgs"], tables["places"], tables["countries"],
                   tables["roles"])

    def _index(self) -> None:
        self._person = {person.person_id: person for person in self.people}
        self._org = {org.org_id: org for org in self.orgs}
        self._country = {country.iso3: country for country in self.countries}
        self._people_names, self._surnames = NameIndex(), NameIndex()
        for person in self.people:
            countries = {office.country for office in person.offices}
            for name in person.names:
                self._people_names.add(name, person)
            for name in person.names:
                for surname in surnames(name, countries):
                    self._surnames.add(surname, person)
        self._org_names = NameIndex(one_word_capitalised=True)
        for org in self.orgs:
            for name in org.names:
                self._org_names.add(name, org)
        self._place_names = NameIndex()
        for place in self.places:
            for name in place.names:
                self._place_names.add(name, place)
        self._roles = {name_key(role.phrase): role for role in reversed(self.roles)}
        # Country names: ours (the forms news uses) first; pycountry's where still free.
        self._country_names, self._demonyms = NameIndex(), NameIndex()
        for country in self._our_countries:
            for name in country.names:
                self._country_names.add(name, country.iso3)
        for country in self.countries:
            for name in country.names:
                if not self._country_names.get(name):
                    self._country_names.add(name, country.iso3)
        for country in self.countries:
            for adj in country.demonym_adj:
                self._demonyms.add(adj, country.iso3)
            for noun in country.demonym_people:
                self._demonyms.add(noun, country.iso3)
                if noun.endswith("s") and not noun.endswith("ss") and not self._demonyms.get(noun[:-1]):
                    self._demonyms.add(noun[:-1], country.iso3)

    # -- extension

    def extend(self, paths: Iterable[str | Path]) -> KnowledgeBase:
        """A new base with a user's files added on top of this one.

        Our formats (TSV with our headers, or YAML with the same field names) are
        the user's word: their rows replace ours with the same id — a person (all
        their offices) by person_id, an org by org_id, a country by iso3, a role by
        phrase, a place by name. PETRARCH/Phoenix dictionaries (`.txt`) only add:
        an entry whose id we already have gives its spellings as aliases and
        leaves our curated offices alone; a country adds the names that are free.
        """
        paths = [Path(p) for p in paths]
        user = _read_tables(p for p in paths if p.suffix.lower() != ".txt")
        legacy = _read_phoenix(p for p in paths if p.suffix.lower() == ".txt")

        def merged(ours: Iterable[Any], theirs: list[Any], key: Any) -> list[Any]:
            replaced = {key(record) for record in theirs}
            return [r for r in ours if key(r) not in replaced] + theirs

        people = merged(self.people, user["people"], lambda p: p.person_id)
        orgs = merged(self.orgs, user["orgs"], lambda o: o.org_id)
        roles = merged(self.roles, user["roles"], lambda r: name_key(r.phrase))
        return KnowledgeBase(
            _added(people, legacy["people"], lambda p: p.person_id),
            _added(orgs, legacy["orgs"], lambda o: o.org_id),
            merged(self.places, user["places"], lambda p: name_key(p.name)),
            merged(self._our_countries, user["countries"], lambda c: c.iso3) + legacy["countries"],
            roles + [r for r in legacy["roles"] if name_key(r.phrase) not in {name_key(x.phrase) for x in roles}],
        )

    # -- countries

    def country(self, iso3: str) -> Country | None:
        return self._country.get(iso3.upper())

    def country_by_name(self, text: str) -> str | None:
        """The ISO3 code a name of a country means ("the U.S.", "Russia's"), or None."""
        found = self._country_names.get(text)
        return found[0] if len(found) == 1 else None

    def country_by_demonym(self, text: str) -> str | None:
        """The ISO3 code a demonym means ("Venezuelan", "Russians"); None if unknown or ambiguous."""
        found = self._demonyms.get(text)
        return found[0] if len(found) == 1 else None

    # -- people

    def person(self, person_id: str) -> Person | None:
        return self._person.get(person_id)

    def people_named(self, name: str) -> list[Person]:
        """People whose name or an alias is this name (accent- and case-insensitive)."""
        return self._people_names.get(name)

    def people_by_surname(self, surname: str) -> list[Person]:
        """People news may call by this surname alone ("Maduro", "von der Leyen")."""
        return self._surnames.get(surname)

    def offices_on(self, person: Person | str, date: str | datetime.date | None) -> list[Office]:
        """A person's offices held on a date, most salient first (all offices if date is None)."""
        person = self._person.get(person) if isinstance(person, str) else person
        if person is None:
            return []
        offices = list(person.offices)
        if date is not None:
            day = _day(date)
            offices = [office for office in offices if office.covers(day)]
        return _by_salience(offices)

    def office_on(self, person: Person | str, date: str | datetime.date | None = None) -> Office | None:
        """The office that names a person on a date; with no date, their most salient.

        Partial dates count generously (a tenure ending "2019" covers all of 2019).
        Among offices held at once the most salient role wins (ROLE_SALIENCE),
        then the one begun last. With no date there is no "now" to place the
        person in, so the office they are best known by names them (a former
        prime minister who is now a backbencher is the prime minister).
        """
        if date is not None:
            offices = self.offices_on(person, date)
            return offices[0] if offices else None
        offices = self.offices_on(person, None)
        return offices[0] if offices else None

    def person_actor(self, person: Person | str, date: str | datetime.date | None = None) -> Actor | None:
        """The person as an Actor, placed by their office on the date (Lavrov → RUS GOV).

        Out of office after a tenure — after all of them, or between two — they are ELI
        (an elite with no office) of their last office's country; before any, their
        sector is unknown.
        """
        person = self._person.get(person) if isinstance(person, str) else person
        if person is None:
            return None
        office = self.office_on(person, date)
        country, sector = (office.country, office.sector) if office else (None, None)
        if office is None and person.offices:
            last = self.office_on(person, None)
            country = last.country if last else None
            if date is not None and any(_day(date) > _end(o) for o in person.offices):
                sector = "ELI"
        return Actor(person.person_id, person.name, country, sector, person.wikidata, person.aliases)

    # -- organisations, places, roles

    def org(self, org_id: str) -> Org | None:
        return self._org.get(org_id)

    def orgs_named(self, name: str) -> list[Org]:
        return self._org_names.get(name)

    def org_by_name(self, name: str) -> Org | None:
        """The organisation a name or alias means (first listed when several share it)."""
        found = self._org_names.get(name)
        return found[0] if found else None

    def org_actor(self, org: Org | str) -> Actor | None:
        org = self._org.get(org) if isinstance(org, str) else org
        if org is None:
            return None
        return Actor(org.org_id, org.name, org.country, org.sector, org.wikidata, org.aliases)

    def places_named(self, name: str) -> list[Place]:
        return self._place_names.get(name)

    def place_by_name(self, name: str) -> Place | None:
        """The place a name means; when several share it, the first listed (the file's
        order puts the reading news means most often first: Brussels → the EU)."""
        found = self._place_names.get(name)
        return found[0] if found else None

    def role(self, phrase: str) -> Role | None:
        """The role a phrase names ("Foreign Minister", "protesters"), singular or plural."""
        key = name_key(phrase)
        if key in self._roles:
            return self._roles[key]
        for form in _singulars(key):
            if form in self._roles:
                return self._roles[form]
        return None


def _day(date: str | datetime.date) -> str:
    if isinstance(date, datetime.date):
        return date.isoformat()[:10]
    bounds = date_bounds(str(date)[:10])
    if bounds is None:
        raise ValueError(f"not a date: {date!r}")
    return bounds[0]


def _end(office: Office) -> str:
    bounds = date_bounds(office.end) if office.end else None
    return bounds[1] if bounds else OPEN_END


def _start(office: Office) -> str:
    bounds = date_bounds(office.start) if office.start else None
    return bounds[0] if bounds else UNKNOWN_START


def _by_salience(offices: Iterable[Office]) -> list[Office]:
    """Most salient role first; among equals, the tenure begun last first."""
    latest_first = sorted(offices, key=_start, reverse=True)
    return sorted(latest_first, key=lambda office: _SALIENCE.get(office.role, len(_SALIENCE)))


@functools.lru_cache(maxsize=1)
def default() -> KnowledgeBase:
    """The shipped knowledge base, built once per process."""
    tables = _shipped()
    return KnowledgeBase(tables["people"], tables["orgs"], tables["places"], tables["countries"],
                         tables["roles"])
