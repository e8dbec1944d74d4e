"""The shipped knowledge data: coverage and a sample of facts the resolver depends on."""

from __future__ import annotations

import pycountry
import pytest

from newsgraph.knowledge import default, load_countries, load_orgs, load_people, load_places, load_roles
from newsgraph.knowledge.load import HISTORICAL_CODES, ROLES, SECTORS

# UN member states that pycountry lists under a different short name are still ISO codes,
# so coverage is checked by code: 193 members, 2 observers, plus Taiwan and Kosovo.
EXTRA = {"VAT", "PSE", "TWN", "XKX"}


@pytest.fixture(scope="module")
def kb():
    return default()


def test_countries_cover_un_members_and_demonyms(kb) -> None:
    ours = {c.iso3: c for c in load_countries() if c.source != "pycountry"}
    un_members = [c for c in ours.values() if c.source.startswith("UN Member States")]
    assert len(un_members) == 193
    assert EXTRA <= set(ours)
    missing_demonym = [c.iso3 for c in un_members if not c.demonym_adj]
    # Dominica and the Republic of the Congo share their demonym with a neighbour; left out
    assert sorted(missing_demonym) == ["COG", "DMA"]
    assert kb.country_by_name("Soviet Union") == "SUN"
    assert kb.country_by_name("Ivory Coast") == "CIV"
    assert kb.country_by_name("Britain") == "GBR"
    assert kb.country_by_demonym("Britons") == "GBR"
    assert kb.country_by_demonym("Filipinos") == "PHL"
    assert kb.country_by_name("Korea") is None  # ambiguous on purpose


def test_every_capital_and_metonym_resolves(kb) -> None:
    places = load_places()
    capitals = {p.country for p in places if p.kind == "capital"}
    un_members = {c.iso3 for c in load_countries() if c.source.startswith("UN Member States")}
    assert un_members - capitals == set()
    for name, country, sector in [("the Kremlin", "RUS", "GOV"), ("the Pentagon", "USA", "MIL"),
                                  ("Downing Street", "GBR", "GOV"), ("Langley", "USA", "SPY"),
                                  ("Lubyanka", "RUS", "SPY"), ("Capitol Hill", "USA", "LEG"),
                                  ("Élysée", "FRA", "GOV"), ("Elysee", "FRA", "GOV"),
                                  ("Planalto", "BRA", "GOV"), ("Knesset", "ISR", "LEG")]:
        place = kb.place_by_name(name)
        assert (place.country, place.sector) == (country, sector), name
    assert kb.place_by_name("Brussels").sector == "IGO"


def test_codes_and_sectors_are_known() -> None:
    valid = {c.alpha_3 for c in pycountry.countries} | set(HISTORICAL_CODES)
    for org in load_orgs():
        assert org.sector in SECTORS and (org.country is None or org.country in valid), org
    for person in load_people():
        for office in person.offices:
            assert office.role in ROLES, office


def test_sizes() -> None:
    assert len(load_orgs()) >= 400
    assert len(load_roles()) >= 300
    regional = [o for p in load_people() for o in p.offices
                if o.source and o.country in {"USA", "RUS", "VEN", "GBR", "FRA", "DEU", "UKR"}]
    assert len(regional) >= 600


def test_roles_map_to_sectors(kb) -> None:
    for phrase, sector in [("foreign minister", "GOV"), ("defence minister", "GOV"),
                           ("minister of defense", "GOV"), ("troops", "MIL"), ("riot police", "COP"),
                           ("rebels", "REB"), ("protesters", "CVL"), ("lawmaker", "LEG"),
                           ("opposition leader", "OPP"), ("state media", "MED"), ("cleric", "REL"),
                           ("militia", "UAF"), ("central bank", "GOV"), ("dictator", "GOV")]:
        assert kb.role(phrase).sector == sector, phrase
    assert kb.role("protester").cameo_agent == "OPP"  # CAMEO codes protesters as opposition


@pytest.mark.parametrize("name,date,role,country", [
    ("Nicolas Maduro", "2010-06-01", "foreign_minister", "VEN"),
    ("Nicolás Maduro", "2019-01-10", "head_of_state", "VEN"),
    ("Delcy Rodriguez", "2016-01-01", "foreign_minister", "VEN"),
    ("Delcy Rodríguez", "2020-01-01", "vice_president", "VEN"),
    ("Jorge Arreaza", "2019-01-24", "foreign_minister", "VEN"),
    ("Vladimir Padrino", "2019-02-23", "defence_minister", "VEN"),
    ("Juan Guaido", "2019-02-01", "opposition_leader", "VEN"),
    ("Juan Guaido", "2019-01-10", "speaker", "VEN"),
    ("Sergey Lavrov", "2019-01-24", "foreign_minister", "RUS"),
    ("Vladimir Putin", "2010-01-01", "head_of_government", "RUS"),
    ("Vladimir Putin", "2019-01-01", "head_of_state", "RUS"),
    ("Dmitry Peskov", "2019-01-01", "press_secretary", "RUS"),
    ("Mike Pompeo", "2019-01-24", "foreign_minister", "USA"),
    ("John Bolton", "2019-01-28", "national_security_adviser", "USA"),
    ("Elliott Abrams", "2019-03-01", "other", "USA"),
    ("Donald Trump", "2019-01-23", "head_of_state", "USA"),
    ("Emmanuel Macron", "2019-01-01", "head_of_state", "FRA"),
])
def test_people_hold_office_on_dates(kb, name: str, date: str, role: str, country: str) -> None:
    people = kb.people_named(name)
    assert people, name
    office = kb.office_on(people[0], date)
    assert (office.role, office.country) == (role, country), (name, date, office)


def test_surnames_reach_key_people(kb) -> None:
    for surname, person_id in [("Maduro", "nicolas-maduro"), ("Padrino", "vladimir-padrino-lopez"),
                               ("Guaidó", "juan-guaido"), ("Lavrov", "sergei-lavrov"),
                               ("von der Leyen", "ursula-von-der-leyen"), ("Machado", "maria-corina-machado")]:
        assert person_id in [p.person_id for p in kb.people_by_surname(surname)], surname
