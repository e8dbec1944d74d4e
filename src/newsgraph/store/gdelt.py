"""Export events as GDELT 2.0 Event table rows, so GDELT users can load them unchanged.

One tab-separated line per event, the 61 columns of the GDELT 2.0 Event Codebook
(V2.0, 2/19/2015) in its order, no header line (GDELT files have none), lines
ending in ``\\n``. Tabs and line breaks inside a value become spaces: the format
has no quoting. What we fill, and how:

- GLOBALEVENTID: a stable 63-bit integer hashed from article id + event index,
  so re-exporting the same store gives the same ids (GDELT's own ids are
  sequential, and the codebook says not to sort by them either).
- SQLDATE / MonthYear / Year / FractionDate: never empty, never a padded day.
  GDELT itself stamps an event with the day of the article that reports it (its
  codebook: most events are dated by publication), so: the event's own date when
  it is a day; else the article's publication day; else, for an article dated only
  to a month, a year or an interval, its last day (the latest the report can be), or
  the first when open-ended; else the same of the event's own date ("../2019-08-19",
  on or before, gives 20190819); else the export day (DATEADDED's). A month or a year
  is never padded to its first day (2017 is not 20170101). Our precision travels
  beside the file, not in it (GDELT has no column for it and its readers count 61):
  the events table's `date` (EDTF) and `date_precision` join on GLOBALEVENTID,
  which is `event_id(article_id, idx)` (docs/dates.md). FractionDate is YYYY + ((month-1)·30 + day)/365 to four
  places: the codebook's "(MONTH * 30 + DAY) / 365" with a zero-based month,
  which is what published GDELT rows carry (20190125 → 2019.0685) and the only
  reading that stays within the codebook's stated 0–0.9999 range.
- Actor1* / Actor2*: source / target. Code is the CAMEO actor code, country then
  sector (RUS + GOV → RUSGOV; an IGO with no country → IGO). CountryCode is the
  actor's ISO 3166 alpha-3 (CAMEO's country codes); Type1Code its sector. Name is
  upper-cased as GDELT writes names. KnownGroup, Ethnic, Religion and Type2/3 are
  empty: our actors carry no such codes. No target → all Actor2 columns empty.
- IsRootEvent: 1 when the event's sentence is its article's first, else 0.
- EventCode: the CAMEO code; EventBaseCode and EventRootCode its 3- and 2-digit
  prefixes (a level-1 or level-2 code is its own base code, as in the codebook).
- QuadClass: GDELT's 1–4 from the root code (01–05 verbal cooperation, 06–08
  material cooperation, 09–13 verbal conflict, 14–20 material conflict); our
  stored quad class is Phoenix's, which has a 0 that GDELT lacks.
- GoldsteinScale: GDELT's Goldstein lookup for the code (``cameo_codes.tsv``,
  column goldstein_gdelt), else the event's stored score.
- NumMentions / NumSources / NumArticles: 1 (each row is one article's event).
- AvgTone: empty until framing exists.
- Actor1Geo_* / Actor2Geo_*: Type 0, the rest empty (we place events, not actors).
- ActionGeo_*: from the event's location, which the coder resolves to a country:
  Type 1 (COUNTRY), FullName the country's name, CountryCode and FeatureID the
  country code. GDELT writes FIPS 10-4 codes here; we write ISO 3166 alpha-3,
  having no FIPS table (join on the Actor*CountryCode convention instead).
  ADM1/ADM2/Lat/Long are empty: we have no gazetteer coordinates.
- DATEADDED: the export time (or ``added``), YYYYMMDDHHMMSS in UTC.
- SOURCEURL: the article's URL, else its source path.

Negated events ("Russia did not send troops") are left out by default: GDELT has
no column that says an event did not happen, so a row would assert the opposite.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timezone
from typing import Any, TextIO

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

Row = dict[str, Any]
# Looks up a row of another table by its key: a dict, or a store-backed lookup.
Lookup = Mapping[str, Row]

# YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time (not by more digits).
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d-])")
_CODE = re.compile(r"[A-Z]{3}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNSAFE = re.compile(r"[\t\r\n]+")
# GDELT QuadClass by CAMEO root code (GDELT Event Codebook, QuadClass).
_QUADS = ((5, 1), (8, 2), (13, 3), (20, 4))


def write_gdelt(
    rows: Iterable[Row],
    out: TextIO,
    *,
    articles: Lookup | None = None,
    actors: Lookup | None = None,
    added: datetime | None = None,
    include_negated: bool = False,
) -> int:
    """Write `events` rows (as `Store.iter_rows("events")` yields them) as GDELT lines.

    `articles` maps article id → its row (url, path, date) for SOURCEURL and an
    undated event's date; `actors` maps actor id → its row to name an event's
    location. Either may be None (the columns they feed stay empty or fall back).
    Returns the number of lines written.
    """
    stamp = (added or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")
    count = 0
    for row in rows:
        if row.get("negated") and not include_negated:
            continue
        article = articles.get(row["article_id"]) if articles is not None else None
        out.write("\t".join(gdelt_fields(row, article=article, actors=actors, added=stamp)) + "\n")
        count += 1
    return count


def gdelt_fields(
    row: Row, *, article: Row | None = None, actors: Lookup | None = None, added: str = ""
) -> list[str]:
    """One event row as the 61 GDELT column values, as text, in codebook order."""
    date = _date_fields(stamp_day(row.get("date"), (article or {}).get("date"), added[:8]))
    cameo = row.get("cameo") or ""
    fields = [
        str(event_id(row["article_id"], row["idx"])),
        *date,
        *_actor_fields(row, "source"),
        *_actor_fields(row, "target"),
        "1" if row.get("sentence") == 0 else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        _text(quad_class(cameo) or row.get("quad_class")),
        _score(_gdelt_goldstein(cameo), row.get("goldstein")),
        "1", "1", "1",
        "",  # AvgTone: no framing yet
        *_no_geo(),
        *_no_geo(),
        *_action_geo(row.get("location"), actors),
        added,
        (article or {}).get("url") or (article or {}).get("path") or "",
    ]  # fmt: skip
    return [_UNSAFE.sub(" ", value) for value in fields]


def event_id(article_id: str, idx: int) -> int:
    """A stable positive 63-bit id (fits a signed 64-bit column) for an article's idx-th event."""
    digest = hashlib.blake2b(f"{article_id}/{idx}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


def actor_code(country: str | None, sector: str | None) -> str:
    """The CAMEO actor code: country then sector, each a 3-letter code (RUS, GOV → RUSGOV)."""
    return "".join(part for part in (country, sector) if part and _CODE.fullmatch(part))


def quad_class(cameo: str) -> int | None:
    """GDELT's quad class (1–4) of a CAMEO code, from its root; None if not a CAMEO code."""
    if len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return next((quad for last, quad in _QUADS if 1 <= root <= last), None)


def stamp_day(event_date: str | None, article_date: str | None, added: str = "") -> str | None:
    """The day a GDELT row is stamped with (ISO), by the module docstring's rule: the
    event's day, the article's day, the last day of the article's date (a month, a year,
    an interval; the first when open-ended), the same of the event's own date, the
    export day."""
    from ..ingest.dating.edtf import EARLIEST, LATEST, bounds

    for value in (event_date, article_date):
        if value and _DAY.fullmatch(value.strip()):
            return value.strip()
    for value in (article_date, event_date):
        found = bounds(value)
        if found is not None:
            first, last = found
            if last < LATEST:
                return last.isoformat()
            if first > EARLIEST:
                return first.isoformat()
    if re.fullmatch(r"\d{8}", added or ""):
        return f"{added[:4]}-{added[4:6]}-{added[6:8]}"
    return None


def _date_fields(value: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate of a day; empty only without one."""
    match = _DATE.match((value or "").strip())
    if not match or not match.group(3):
        return ["", "", "", ""]
    year, month, day = match.group(1), match.group(2), match.group(3)
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return ["", "", "", ""]
    fraction = int(year) + ((int(month) - 1) * 30 + int(day)) / 365
    return [f"{year}{month}{day}", f"{year}{month}", year, f"{fraction:.4f}"]


def _actor_fields(row: Row, role: str) -> list[str]:
    """Code, Name, CountryCode, KnownGroup, Ethnic, Religion1/2, Type1/2/3 of one actor."""
    if not row.get(f"{role}_id"):
        return [""] * 10
    country, sector = row.get(f"{role}_country"), row.get(f"{role}_sector")
    name = (row.get(f"{role}_name") or "").upper()
    type1 = sector if sector and _CODE.fullmatch(sector) else ""
    return [actor_code(country, sector), name, country or "", "", "", "", "", type1, "", ""]


def _no_geo() -> list[str]:
    return ["0", "", "", "", "", "", "", ""]


def _action_geo(location: str | None, actors: Lookup | None) -> list[str]:
    """The ActionGeo block from the event's location (an actor id resolved to a country)."""
    country, name = _country_of(location, actors)
    if not country:
        return _no_geo()
    return ["1", name, country, "", "", "", "", country]


def _country_of(location: str | None, actors: Lookup | None) -> tuple[str | None, str]:
    """The location's country code and the country's name, from the actors table or ISO 3166."""
    if not location:
        return None, ""
    actor = actors.get(location) if actors is not None else None
    iso = (actor or {}).get("country") or (location if _CODE.fullmatch(location) else None)
    if not iso:
        return None, ""
    if actor and actor.get("actor_id", location) == iso and actor.get("name"):
        return iso, actor["name"]
    return iso, _country_name(iso)


@functools.lru_cache(maxsize=512)
def _country_name(iso: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso)
    return getattr(country, "common_name", None) or getattr(country, "name", "") if country else ""


@functools.lru_cache(maxsize=1)
def _gdelt_scores() -> dict[str, float | None]:
    from ..knowledge.events import EVENTS_DIR, load_codes

    return {code: entry.goldstein_gdelt for code, entry in load_codes(EVENTS_DIR / "cameo_codes.tsv").items()}


def _gdelt_goldstein(cameo: str) -> float | None:
    return _gdelt_scores().get(cameo) if cameo else None


def _score(*values: float | None) -> str:
    value = next((v for v in values if v is not None), None)
    return "" if value is None else f"{float(value):.1f}"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class StoreLookup(Mapping[str, Row]):
    """A read-only, lazily queried view of one store table by key (articles by id).

    Export streams events ordered by article, so a small cache of the latest keys
    answers nearly every lookup and memory stays flat however large the store.
    """

    def __init__(self, store: Any, table: str, key: str, columns: tuple[str, ...], cache: int = 256):
        self._sql = f'SELECT {", ".join(columns)} FROM {table} WHERE "{key}" = ?'
        self._count = f"SELECT count(*) FROM {table}"
        self._keys = f'SELECT "{key}" FROM {table}'
        self._store, self._columns = store, columns
        self._get: Callable[[str], Row | None] = functools.lru_cache(maxsize=cache)(self._fetch)

    def _fetch(self, key: str) -> Row | None:
        found = self._store.connection.execute(self._sql, (key,)).fetchone()
        return None if found is None else dict(zip(self._columns, found))

    def __getitem__(self, key: str) -> Row:
        row = self._get(key)
        if row is None:
            raise KeyError(key)
        return row

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self._store.connection.execute(self._keys))

    def __len__(self) -> int:
        return int(self._store.connection.execute(self._count).fetchone()[0])


def store_writer(store: Any, **options: Any) -> Callable[[Iterable[Row], Any, TextIO], int]:
    """A writer with `export.py`'s (rows, spec, out) signature that looks up the store's
    articles and actors as it goes: the hook `export(..., format="gdelt")` uses."""
    articles = StoreLookup(store, "articles", "article_id", ("article_id", "url", "path", "date"))
    actors = StoreLookup(store, "actors", "actor_id", ("actor_id", "name", "country"))

    def write(rows: Iterable[Row], spec: Any, out: TextIO) -> int:
        return write_gdelt(rows, out, articles=articles, actors=actors, **options)

    return write
