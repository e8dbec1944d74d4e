"""PETRARCH/Phoenix dictionaries: the grammar on invented fixtures, then the real files.

Fixtures are written here in the dictionary format (people, places and groups are
made up); tests marked ``shared`` read the Phoenix files in ../shared and skip
when they are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.knowledge import KnowledgeBase
from newsgraph.knowledge.phoenix import (
    display_name,
    is_phoenix,
    parse_code,
    read_actors,
    read_agents,
    tables,
)
from newsgraph.knowledge.phoenix import _plural  # the plural rule, tested on its own

ACTORS = """\
# invented test dictionary: actors
<!-- a comment that
     spans two lines [NORGOV] -->
NORWAY_  [NOR]
+NORWEGIAN_
+FJORDHAVN_

ODA_LINDQVIST_  # CountryInfo.txt
+PRESIDENT_LINDQVIST_
+O._LINDQVIST
\t[NORELI 750101-991231]
\t[NORGOV 000101-101130]
\t[NORGOV >101201]
\t[NORELI]

BRAGE_SOLHEIM_
SOLHEIM_THE_ELDER_
\t[NORGOVMIL 19880301-19920615]  ; legacy comment
\t[NORMIL <880229]

NORDIC_RIVER_ARMY_  [NORMIL]  # an armed service
+RIVER_ARMY_

LAKE_COUNCIL_OF_NATIONS_ [IGOUNO]
SKAGEN_SHIPPING_ [MNCSWE]
+SKAGEN_LINES_+SKAGEN_FERRIES_
BROTHERHOOD_OF_THE_MIST_ [IMGMUSXYZ]
FJORD_BROADCASTING_ [NORMED] <!-- inline comment --> 

IVAR_NES_ [NORELI]
PRESIDENT_HELGA_BRUN_ [NORGOV]
KNUT_DAHL_  # IGOrulers.txt
\t[IGOUNO]

BORIS_ALTMANN_
\t[USRGOV 800101-851231]
\t[KSVGOV >080217]

NOBODY_IN_PARTICULAR_ [---]
TOVE_RASK_
\t[--- <900101]
\t[NORLEG 900101-941231]
"""

BAD_ACTORS = """\
+ORPHAN_SYNONYM_
\t[NORGOV]
GUNNAR_VIK_
\t[NORGOV 991399-000101]
\t[NORGOV 050101-040101]
\t[NORGOV 0501-060101]
\t[NOR/SWE]
\t[NORGOV 120101-130101
\t[NORGOV 120101-130101]
LOOSE_NAME_WITHOUT_CODE_
ASTRID_FOSS_ [NORGOV]
\t[ZZQGOV 100101-110101]
LAST_ENTRY_
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def actors(tmp_path: Path):
    return read_actors(write(tmp_path, "test.actors.txt", ACTORS))


def person(result, name: str):
    found = [p for p in result.people if p.name == name]
    assert len(found) == 1, [p.name for p in result.people]
    return found[0]


def org(result, name: str):
    found = [o for o in result.orgs if o.name == name]
    assert len(found) == 1, [o.name for o in result.orgs]
    return found[0]


# ---------------------------------------------------------------- codes and names


@pytest.mark.parametrize(
    "inner, code, start, end, country, sector",
    [
        ("NORGOV 991231-080507", "NORGOV", "1999-12-31", "2008-05-07", "NOR", "GOV"),
        ("NORMIL >101201", "NORMIL", "2010-12-01", None, "NOR", "MIL"),
        ("NORMIL  <  19880229", "NORMIL", None, "1988-02-29", "NOR", "MIL"),
        ("SWEGOVMIL 19880301 - 920615", "SWEGOVMIL", "1988-03-01", "1992-06-15", "SWE", "GOV"),
        ("IGOUNOKID", "IGOUNOKID", None, None, None, "IGO"),
        ("MNCSWE", "MNCSWE", None, None, "SWE", "BUS"),
        ("NGOUSACHRPRO214", "NGOUSACHRPRO214", None, None, "USA", "NGO"),
        ("USRGOV", "USRGOV", None, None, "SUN", "GOV"),
        ("SYRINSMUS", "SYRINSMUS", None, None, "SYR", "REB"),
        ("EURJRN", "EURJRN", None, None, None, "MED"),
        ("nor", "NOR", None, None, "NOR", None),
        ("ELI", "ELI", None, None, None, "ELI"),
    ],
)
def test_parse_code(inner, code, start, end, country, sector):
    parsed = parse_code(inner)
    assert (parsed.code, parsed.start, parsed.end) == (code, start, end)
    assert (parsed.country, parsed.sector) == (country, sector)


def test_two_digit_years_pivot_at_thirty():
    assert parse_code("NORGOV >300101").start == "2030-01-01"
    assert parse_code("NORGOV >310101").start == "1931-01-01"
    assert parse_code("NORGOV >000229").start == "2000-02-29"


@pytest.mark.parametrize(
    "inner, error",
    [("NORGOV 990231-000101", "E172"), ("NORGOV 1234567-20000101", "E172"),
     ("NORGOV 20000101", "E171"), ("NORGOV 300101-310101", "E173"), ("NOR/SWE", "E171"),
     ("NORGO", "E171"), ("", "E171")],
)
def test_parse_code_refuses(inner, error):
    with pytest.raises(NewsgraphError) as raised:
        parse_code(inner)
    assert raised.value.code == error


def test_display_name():
    assert display_name("VLADIMIR_PUTIN_") == "Vladimir Putin"
    assert display_name("SEAN_O'DONNELL_MCKAY_") == "Sean O'Donnell McKay"
    assert display_name("JAN_VAN_DER_BERG") == "Jan van der Berg"
    assert display_name("HASSAN_AL-RASHID") == "Hassan Al-Rashid"
    assert display_name("ROBERT_T._VALE") == "Robert T. Vale"
    assert display_name("U.N._RELIEF_MISSION_", org=True) == "U.N. Relief Mission"
    assert display_name("UN_PANEL_ON_RIVERS", org=True) == "UN Panel on Rivers"
    assert display_name("NATO_", org=True) == "NATO"
    assert display_name("RED_CRESCENT_", org=True) == "Red Crescent"


# ---------------------------------------------------------------- actors


def test_head_synonyms_and_dated_offices(actors):
    oda = person(actors, "Oda Lindqvist")
    assert oda.person_id == "oda-lindqvist"
    assert oda.aliases == ("President Lindqvist", "O. Lindqvist")
    spans = [(o.country, o.sector, o.start, o.end) for o in oda.offices]
    assert spans == [
        ("NOR", "ELI", "1975-01-01", "1999-12-31"),
        ("NOR", "GOV", "2000-01-01", "2010-11-30"),
        ("NOR", "GOV", "2010-12-01", None),
        ("NOR", "ELI", None, None),
    ]
    gov = oda.offices[1]
    assert (gov.role, gov.title) == ("other", "Government official")
    assert gov.source.startswith("test.actors.txt:12 ")


def test_open_ended_before_and_first_sector(actors):
    brage = person(actors, "Brage Solheim")
    spans = [(o.sector, o.start, o.end) for o in brage.offices]
    assert spans == [("GOV", "1988-03-01", "1992-06-15"), ("MIL", None, "1988-02-29")]


def test_codeless_head_shares_the_next_entry_codes(actors):
    # PETRARCH reads a head line without a code as a name of the entry after it.
    brage = person(actors, "Brage Solheim")
    assert brage.aliases == ("Solheim the Elder",)
    assert not [p for p in actors.people if p.name == "Solheim the Elder"]


def test_orgs_from_undated_codes(actors):
    army = org(actors, "Nordic River Army")
    assert (army.country, army.sector, army.kind) == ("NOR", "MIL", "military")
    assert army.aliases == ("River Army",)
    council = org(actors, "Lake Council of Nations")
    assert (council.country, council.sector, council.kind) == (None, "IGO", "igo")
    shipping = org(actors, "Skagen Shipping")
    assert (shipping.country, shipping.sector, shipping.kind) == ("SWE", "BUS", "company")
    assert shipping.aliases == ("Skagen Lines", "Skagen Ferries")  # '+A_+B_' is two synonyms
    mist = org(actors, "Brotherhood of the Mist")
    assert (mist.sector, mist.kind) == ("REB", "armed_group")
    assert org(actors, "Fjord Broadcasting").kind == "media"
    assert army.source == "test.actors.txt:21"


def test_person_or_org_heuristic(actors):
    names = {p.name for p in actors.people}
    assert {"Ivar Nes", "President Helga Brun", "Knut Dahl"} <= names  # ELI, title, leader list
    assert "Nordic River Army" not in names
    knut = person(actors, "Knut Dahl")
    assert [(o.country, o.sector) for o in knut.offices] == [(None, "IGO")]


def test_country_entries_and_cameo_country_codes(actors):
    norway = [c for c in actors.countries if c.iso3 == "NOR"]
    assert len(norway) == 1
    assert norway[0].name == "Norway" and norway[0].aliases == ("Norwegian", "Fjordhavn")
    boris = person(actors, "Boris Altmann")
    assert [o.country for o in boris.offices] == ["SUN", "XKX"]


def test_null_code(actors):
    assert actors.null == 1  # NOBODY_IN_PARTICULAR_ [---]
    assert not [p for p in actors.people if p.name == "Nobody in Particular"]
    tove = person(actors, "Tove Rask")
    assert [(o.sector, o.start) for o in tove.offices] == [("LEG", "1990-01-01")]


def test_good_fixture_has_no_warnings(actors):
    assert actors.warnings == []


def test_malformed_lines_warn_with_file_and_line(tmp_path):
    path = write(tmp_path, "bad.actors.txt", BAD_ACTORS)
    result = read_actors(path)
    found = [(w.line, w.code) for w in result.warnings]
    assert found == [
        (1, "E174"),   # synonym before any entry
        (2, "E174"),   # code line before any entry
        (4, "E172"),   # 13th month
        (5, "E173"),   # ends before it starts
        (6, "E172"),   # a four-digit date
        (7, "E171"),   # unreadable code
        (8, "E171"),   # unbalanced [
        (10, "E175"),  # codeless, and the next entry has its own code
        (12, "E176"),  # unknown country code, kept
        (13, "E175"),  # codeless at the end of the file
    ]
    assert all(str(w).startswith(f"{path}:{w.line}: [{w.code}]") for w in result.warnings)
    # The rest of the file is read.
    gunnar = person(result, "Gunnar Vik")
    assert [(o.start, o.end) for o in gunnar.offices] == [("2012-01-01", "2013-01-01")]
    astrid = person(result, "Astrid Foss")
    assert [o.country for o in astrid.offices] == ["NOR", "ZZQ"]


def test_stop_marker_and_missing_file(tmp_path):
    text = "EINAR_HOLM_ [NORELI]\n---STOP---\nAFTER_STOP_ [NORELI]\n"
    path = write(tmp_path, "stop.actors.txt", text)
    assert [p.name for p in read_actors(path).people] == ["Einar Holm"]
    with pytest.raises(NewsgraphError) as error:
        read_actors(tmp_path / "absent.actors.txt")
    assert error.value.code == "E170"


def test_same_person_listed_twice_is_one_record(tmp_path):
    text = ("LIV_AUNE_\n\t[NORGOV 010101-021231]\n"
            "LIV_AUNE_\n+MINISTER_AUNE_\n\t[NORGOV 030101-041231]\n\t[NORGOV 010101-021231]\n"
            "LIV_AUNE_\n\t[SWEGOV 050101-061231]\n")
    result = read_actors(write(tmp_path, "twice.actors.txt", text))
    ids = sorted(p.person_id for p in result.people)
    assert ids == ["liv-aune", "liv-aune-2"]  # another Liv Aune in another country stays apart
    first = next(p for p in result.people if p.person_id == "liv-aune")
    assert [o.start for o in first.offices] == ["2001-01-01", "2003-01-01"]
    assert first.aliases == ("Minister Aune",)


def test_records_work_in_the_knowledge_base(actors):
    kb = KnowledgeBase(people=actors.people, orgs=actors.orgs)
    oda = kb.person_actor("oda-lindqvist", "2005-06-01")
    assert (oda.country, oda.sector) == ("NOR", "GOV")
    assert kb.person_actor("oda-lindqvist", "1980-06-01").sector == "ELI"
    assert kb.people_named("President Lindqvist")[0].person_id == "oda-lindqvist"
    assert kb.org_by_name("Nordic River Army").sector == "MIL"


def test_latin1_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "old.actors.txt"
    path.write_bytes("J\u00d6RN_\u00c5S_ [NORELI]\n".encode("cp1252"))
    result = read_actors(path)
    assert [p.name for p in result.people] == ["Jörn Ås"]
    assert [w.code for w in result.warnings] == ["E179"]


# ---------------------------------------------------------------- agents

AGENTS = """\
# invented test dictionary: agents
<!-- substitution sets -->
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

FERRY_CAPTAIN [~BUS]  # regular plural
SERGEANT_MAJOR {SERGEANTS_MAJOR} [~MIL]
HARBOUR_POLICE {} [~COP]
PATROL!PERSON! [~COP]
FISHERIES_!MINIST! [~GOVAGR]
CHARITY_BOARD [NGO~]
DEPUTY [ ~GOV]
ENVOY [~GOV]
HEAD_OF_MISSION [~GOV]
QUARRY_FOREMAN [~LAB]
NEWS_DESK {} [~JRN]
HARBOUR_POLICE [~MIL]
TOWN_WATCH!WARDEN! [~CVL]
HARBOUR_MASTER
DOCK_WORKER [~LAB}
GLASS_GUILD {} [~XQZ]
"""


@pytest.fixture()
def agents(tmp_path: Path):
    return read_agents(write(tmp_path, "test.agents.txt", AGENTS))


def role(roles, phrase: str):
    found = [r for r in roles if r.phrase == phrase]
    assert len(found) == 1, phrase
    return found[0]


def test_agents_phrases_codes_and_kinds(agents):
    captain = role(agents, "ferry captain")
    assert (captain.sector, captain.cameo_agent) == ("BUS", "BUS")
    assert (captain.kind, captain.person) == ("person", True)
    assert captain.source == "test.agents.txt:6"
    fisheries = role(agents, "fisheries ministry")
    assert (fisheries.sector, fisheries.cameo_agent, fisheries.kind) == ("GOV", "GOVAGR", "org")
    charity = role(agents, "charity board")  # code before the actor's: [NGO~]
    assert (charity.sector, charity.cameo_agent, charity.kind) == ("NGO", "NGO", "org")
    assert role(agents, "news desk").sector == "MED"  # JRN → MED
    assert role(agents, "deputy").sector == "GOV"  # blank inside the brackets tolerated


def test_agents_plurals(agents):
    phrases = {r.phrase for r in agents}
    assert {"ferry captains", "deputies", "envoys", "heads of mission", "quarry foremen"} <= phrases
    assert "sergeants major" in phrases and "sergeant majors" not in phrases  # explicit plural
    assert not {p for p in phrases if p.startswith("harbour polic") and p != "harbour police"}  # {}
    assert role(agents, "ferry captains").kind == "group"
    assert role(agents, "fisheries ministries").kind == "org"


def test_agents_substitution_sets(agents):
    phrases = {r.phrase for r in agents}
    assert {"patrolman", "patrolmen", "patrolwoman", "patrolwomen", "patrolperson"} <= phrases
    assert {"fisheries minister", "fisheries ministers", "fisheries ministries"} <= phrases
    assert "patrolmans" not in phrases  # no plurals made from substituted forms
    assert role(agents, "patrolwoman").kind == "person"
    assert role(agents, "patrolmen").kind == "group"


def test_agents_duplicates_keep_the_first_reading(agents):
    assert role(agents, "harbour police").sector == "COP"


def test_agents_warnings(agents):
    found = [(w.line, w.code) for w in agents.warnings]
    assert found == [(18, "E178"), (19, "E177"), (20, "E171"), (21, "E176")]
    assert role(agents, "glass guild").sector is None
    assert all(w.path.endswith("test.agents.txt") for w in agents.warnings)


@pytest.mark.parametrize(
    "singular, plural",
    [("deputy", "deputies"), ("envoy", "envoys"), ("boss", "bosses"), ("chairman", "chairmen"),
     ("human rights monitor", "human rights monitors"), ("head of state", "heads of state"),
     ("armed forces", None), ("church", "churches"), ("riot police", None)],
)
def test_regular_plural(singular, plural):
    assert _plural(singular) == plural


def test_regular_plurals_can_be_turned_off(tmp_path):
    path = write(tmp_path, "x.agents.txt", "RIVER_PILOT [~BUS]\n")
    roles = read_agents(path, regular_plurals=False)
    assert [r.phrase for r in roles] == ["river pilot"]


# ---------------------------------------------------------------- dispatch


def test_tables_dispatch(tmp_path):
    assert is_phoenix(tmp_path / "mine.actors.txt") and not is_phoenix(tmp_path / "people.tsv")
    actors_path = write(tmp_path, "mine.actors.txt", ACTORS)
    agents_path = write(tmp_path, "mine.dict.txt", AGENTS)  # no hint in the name: content decides
    warnings: list = []
    found = tables(actors_path, warnings)
    assert len(found["people"]) == 7 and len(found["orgs"]) == 5 and found["roles"] == []
    found = tables(agents_path, warnings)
    assert found["people"] == [] and len(found["roles"]) > 20
    assert [w.code for w in warnings] == ["E178", "E177", "E171", "E176"]


# ---------------------------------------------------------------- the real Phoenix files


@pytest.fixture(scope="module")
def phoenix_dir(shared: Path) -> Path:
    path = shared / "dictionaries" / "phoenix"
    if not path.is_dir():
        pytest.skip("../shared/dictionaries/phoenix is not present")
    return path


@pytest.mark.shared
def test_phoenix_countries_file(phoenix_dir):
    result = read_actors(phoenix_dir / "Phoenix.Countries.actors.txt")  # speed: bench/load_times.py
    assert len(result.people) > 15000
    assert 180 < len(result.countries) < 260
    assert 50 < len(result.orgs) < 500
    assert len(result.warnings) < 30
    putin = [p for p in result.people if p.name == "Vladimir Putin"]
    assert len(putin) == 1
    offices = putin[0].offices
    gov = sorted((o.start, o.end) for o in offices if (o.country, o.sector) == ("RUS", "GOV"))
    assert gov == [("1999-08-09", "2000-05-07"), ("1999-12-31", "2008-05-07"), ("2008-05-08", None)]
    assert "Putin" in putin[0].aliases
    kb = KnowledgeBase(people=result.people)
    assert kb.person_actor(putin[0], "2003-01-01").sector == "GOV"
    assert kb.person_actor(putin[0], "1995-01-01").sector == "ELI"


@pytest.mark.shared
def test_phoenix_international_and_nonstate_files(phoenix_dir):
    international = read_actors(phoenix_dir / "Phoenix.International.actors.txt")
    igos = [o for o in international.orgs if o.sector == "IGO"]
    assert len(igos) > 200 and all(o.kind == "igo" and o.country is None for o in igos)
    assert sum(o.sector == "BUS" for o in international.orgs) > 3000
    assert len(international.warnings) < 20
    nonstate = read_actors(phoenix_dir / "Phoenix.MilNonState.actors.txt")
    assert len(nonstate.orgs) > 900
    assert sum(o.sector == "REB" for o in nonstate.orgs) > 800


@pytest.mark.shared
def test_phoenix_agents_file(phoenix_dir):
    roles = read_agents(phoenix_dir / "Phoenix.agents.txt")
    assert len(roles) > 4000
    by_phrase = {r.phrase: r for r in roles}
    minister = by_phrase["foreign minister"]
    assert (minister.sector, minister.person) == ("GOV", True)
    assert by_phrase["foreign ministry"].kind == "org"
    assert len(roles.warnings) < 10


@pytest.mark.shared
def test_petrarch_validation_dictionaries(phoenix_dir):
    actors = read_actors(phoenix_dir / "PETR.Validate.actors.txt")
    # Spaces inside restrictions ("< 950601", "19950601 - 19990815") are read.
    names = {p.name: p for p in actors.people}
    assert len([p for p in actors.people if p.offices]) >= 3
    assert any(o.start and o.end for p in names.values() for o in p.offices)
    assert {w.code for w in actors.warnings} <= {"E171", "E175", "E176"}
    agents = read_agents(phoenix_dir / "PETR.Validate.agents.txt")
    assert {"congressman", "congresswomen"} <= {r.phrase for r in agents}
