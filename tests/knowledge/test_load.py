"""Loader lookups, on small knowledge files written here (invented people and offices)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.knowledge import KnowledgeBase, default, name_key
from newsgraph.knowledge.load import HEADERS, date_bounds, surnames

PEOPLE = [
    # person_id, name, aliases, wikidata, country, sector, role, title, start, end, source
    ("tomas-ruiz-vela", "Tomás Ruiz Vela", "Tomas Ruiz|Tomás Ruiz Vela Prieto", "", "VEN", "GOV",
     "foreign_minister", "Minister of Foreign Affairs", "2010-03-01", "2015-06-30", "test"),
    ("tomas-ruiz-vela", "Tomás Ruiz Vela", "", "", "VEN", "GOV",
     "head_of_state", "President", "2015-06-30", "", "test"),
    ("tomas-ruiz-vela", "Tomás Ruiz Vela", "", "", "VEN", "PTY",
     "party_leader", "Leader of the Example Party", "2012", "", "test"),
    ("anna-berg", "Anna Berg", "", "", "SWE", "GOV", "finance_minister", "Minister for Finance",
     "2001-05", "2004", "test"),
    ("ursa-van-der-hoek", "Ursa van der Hoek", "", "", "", "IGO", "igo_head",
     "President of the Example Commission", "2019-12-01", "", "test"),
    ("li-wen-tao", "Li Wentao", "", "", "CHN", "GOV", "foreign_minister", "Foreign Minister",
     "2018", "2020", "test"),
    ("kai-moreno", "Kai Moreno", "", "", "USA", "GOV", "vice_president", "Vice President",
     "2009-01-20", "2017-01-20", "test"),
    ("kai-moreno", "Kai Moreno", "", "", "USA", "GOV", "head_of_state", "President",
     "2021-01-20", "2025-01-20", "test"),
]


def write_tsv(path: Path, table: str, rows: list[tuple[str, ...]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# test data, invented", "\t".join(HEADERS[table])]
    lines += ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def kb(tmp_path: Path) -> KnowledgeBase:
    files = [
        write_tsv(tmp_path / "people" / "test.tsv", "people", PEOPLE),
        write_tsv(tmp_path / "countries.tsv", "countries", [
            ("USA", "United States", "US|U.S.|America|United States of America", "American",
             "Americans", "test"),
            ("RUS", "Russia", "Russian Federation", "Russian", "Russians", "test"),
            ("GBR", "United Kingdom", "UK|Britain", "British", "Britons", "test"),
        ]),
        write_tsv(tmp_path / "orgs.tsv", "orgs", [
            ("who", "World Health Organization", "WHO", "", "", "IGO", "igo", "test"),
            ("example-party", "Example Party", "", "", "VEN", "PTY", "party", "test"),
            ("beacon", "Beacon", "", "", "GBR", "MED", "media", "test"),
        ]),
        write_tsv(tmp_path / "places.tsv", "places", [
            ("Kremlin", "the Kremlin", "RUS", "GOV", "seat_of_power", "test"),
            ("Brussels", "", "", "IGO", "seat_of_power", "test"),
            ("Brussels", "", "BEL", "GOV", "capital", "test"),
        ]),
        write_tsv(tmp_path / "roles.tsv", "roles", [
            ("foreign minister", "GOV", "person", "GOV", "1", "test"),
            ("protester", "CVL", "person", "CVL", "1", "test"),
            ("policeman", "COP", "person", "COP", "1", "test"),
            ("militia", "UAF", "group", "UAF", "0", "test"),
        ]),
    ]
    return KnowledgeBase.from_files(files)


def test_name_key_folds_accents_case_and_punctuation() -> None:
    assert name_key("Nicolás Maduro's") == name_key("NICOLAS MADURO")
    assert name_key("the U.S.") == name_key("US")
    assert name_key("J. D. Vance") == name_key("JD Vance")
    assert name_key("Jean-Yves") == name_key("Jean Yves")
    assert name_key("Russia\u2019s") == "russia"


def test_partial_dates_span_their_period() -> None:
    assert date_bounds("2019") == ("2019-01-01", "2019-12-31")
    assert date_bounds("2019-02") == ("2019-02-01", "2019-02-31")
    assert date_bounds("2019-02-30") is None
    assert date_bounds("19-02-03") is None


def test_country_names(kb: KnowledgeBase) -> None:
    assert kb.country_by_name("the United States") == "USA"
    assert kb.country_by_name("the U.S.") == "USA"
    assert kb.country_by_name("U.S.") == "USA"
    assert kb.country_by_name("Russia's") == "RUS"
    assert kb.country_by_name("britain") == "GBR"
    # pycountry fills in every other country, with its inverted names turned round
    assert kb.country_by_name("Republic of Korea") == "KOR"
    assert kb.country_by_name("France") == "FRA"
    assert kb.country_by_name("Atlantis") is None


def test_acronyms_need_capitals(kb: KnowledgeBase) -> None:
    assert kb.country_by_name("US") == "USA"
    assert kb.country_by_name("us") is None
    assert kb.org_by_name("WHO").org_id == "who"
    assert kb.org_by_name("who") is None
    assert kb.org_by_name("world health organization").org_id == "who"


def test_one_word_org_names_need_a_capital(kb: KnowledgeBase) -> None:
    assert kb.org_by_name("Beacon").org_id == "beacon"
    assert kb.org_by_name("BEACON").org_id == "beacon"
    assert kb.org_by_name("beacon") is None
    # longer names stay case-insensitive
    assert kb.org_by_name("example party").org_id == "example-party"


def test_demonyms(kb: KnowledgeBase) -> None:
    assert kb.country_by_demonym("Russian") == "RUS"
    assert kb.country_by_demonym("Russians") == "RUS"
    assert kb.country_by_demonym("Briton") == "GBR"
    assert kb.country_by_demonym("Martian") is None


def test_people_named_is_accent_insensitive(kb: KnowledgeBase) -> None:
    [person] = kb.people_named("Tomas Ruiz Vela")
    assert person.name == "Tomás Ruiz Vela"
    assert kb.people_named("TOMÁS RUIZ") == [person]
    assert kb.people_named("Tomás Ruiz Vela Prieto") == [person]
    assert kb.people_named("Someone Else") == []


def test_aliases_merge_across_rows(kb: KnowledgeBase) -> None:
    person = kb.person("tomas-ruiz-vela")
    assert person.aliases == ("Tomas Ruiz", "Tomás Ruiz Vela Prieto")
    assert len(person.offices) == 3


def test_surname_index(kb: KnowledgeBase) -> None:
    ruiz = kb.person("tomas-ruiz-vela")
    assert kb.people_by_surname("Vela") == [ruiz]
    # Spanish naming: the first of two surnames is the one news uses alone
    assert kb.people_by_surname("Ruiz") == [ruiz]
    assert kb.people_by_surname("van der Hoek") == [kb.person("ursa-van-der-hoek")]
    # family name first where that is the convention, and only that
    assert kb.people_by_surname("Li") == [kb.person("li-wen-tao")]
    assert kb.people_by_surname("Wentao") == []
    assert kb.people_by_surname("Berg") == [kb.person("anna-berg")]


def test_surnames_rules() -> None:
    assert surnames("Anna Berg") == ("Berg",)
    assert "Padrino" in surnames("Vladimir Padrino López", ["VEN"])
    assert "Padrino" not in surnames("Vladimir Padrino López", ["RUS"])
    assert surnames("Plato") == ()


def test_office_on_a_date_follows_the_change(kb: KnowledgeBase) -> None:
    person = kb.person("tomas-ruiz-vela")
    assert kb.office_on(person, "2011-01-01").role == "foreign_minister"
    # party leader too from 2012, but the ministry is the more salient office
    assert kb.office_on(person, "2014-01-01").role == "foreign_minister"
    assert kb.office_on(person, "2016-01-01").role == "head_of_state"
    assert kb.office_on(person, "2009-12-31") is None
    assert kb.office_on(person).role == "head_of_state"
    assert kb.office_on("tomas-ruiz-vela", "2012").role == "foreign_minister"


def test_partial_tenure_dates_read_generously(kb: KnowledgeBase) -> None:
    berg = kb.person("anna-berg")
    assert kb.office_on(berg, "2001-05-01") is not None
    assert kb.office_on(berg, "2004-12-31") is not None
    assert kb.office_on(berg, "2005-01-01") is None


def test_person_actor_is_placed_by_office(kb: KnowledgeBase) -> None:
    actor = kb.person_actor("tomas-ruiz-vela", "2011-06-01")
    assert (actor.id, actor.country, actor.sector) == ("tomas-ruiz-vela", "VEN", "GOV")
    berg = kb.person_actor("anna-berg", "2010-01-01")
    assert (berg.country, berg.sector) == ("SWE", "ELI")
    between = kb.person_actor("kai-moreno", "2019-06-01")  # between two offices: an elite without office
    assert (between.country, between.sector) == ("USA", "ELI")
    assert kb.person_actor("kai-moreno", "2022-06-01").sector == "GOV"
    assert kb.person_actor("kai-moreno", "2005-06-01").sector is None  # before any office
    igo = kb.person_actor("ursa-van-der-hoek", "2020-01-01")
    assert (igo.country, igo.sector) == (None, "IGO")


def test_places_keep_file_order(kb: KnowledgeBase) -> None:
    assert kb.place_by_name("the Kremlin").country == "RUS"
    assert kb.place_by_name("Kremlin's").sector == "GOV"
    brussels = kb.places_named("Brussels")
    assert [p.sector for p in brussels] == ["IGO", "GOV"]
    assert kb.place_by_name("Brussels").sector == "IGO"


def test_roles_singular_and_plural(kb: KnowledgeBase) -> None:
    assert kb.role("Foreign Minister").sector == "GOV"
    assert kb.role("protesters").sector == "CVL"
    assert kb.role("policemen").sector == "COP"
    assert kb.role("militias").kind == "group"
    assert kb.role("the foreign minister").person is True
    assert kb.role("astronaut") is None


def test_extend_overrides_by_id_and_adds(kb: KnowledgeBase, tmp_path: Path) -> None:
    user = write_tsv(tmp_path / "user" / "mine.tsv", "people", [
        ("anna-berg", "Anna Berg", "", "", "SWE", "GOV", "head_of_government", "Prime Minister",
         "2006", "2010", "my notes"),
        ("new-person", "Nadia Novak", "", "", "SVN", "GOV", "foreign_minister", "Foreign Minister",
         "2020", "", "my notes"),
    ])
    yaml_file = tmp_path / "user" / "orgs.yaml"
    yaml_file.write_text(
        "orgs:\n"
        "  - org_id: who\n"
        "    name: World Health Organisation\n"
        "    aliases: [WHO, OMS]\n"
        "    country: ''\n"
        "    sector: IGO\n"
        "    kind: igo\n"
        "    source: my notes\n",
        encoding="utf-8",
    )
    extended = kb.extend([user, yaml_file])
    berg = extended.person("anna-berg")
    assert [o.role for o in berg.offices] == ["head_of_government"]
    assert extended.office_on(berg, "2002") is None
    assert extended.people_named("Nadia Novak")[0].person_id == "new-person"
    assert extended.org_by_name("OMS").name == "World Health Organisation"
    assert len([o for o in extended.orgs if o.org_id == "who"]) == 1
    # the original base is unchanged
    assert kb.office_on("anna-berg", "2002").role == "finance_minister"
    assert kb.org_by_name("OMS") is None


def test_shipped_base_loads_and_resolves() -> None:
    from newsgraph.knowledge import load

    load._shipped.cache_clear()
    load.default.cache_clear()
    kb = default()  # its load time is measured in bench/load_times.py, not here
    assert kb.country_by_name("the U.S.") == "USA"
    assert kb.country_by_name("Russia's") == "RUS"
    assert kb.country_by_demonym("Venezuelan") == "VEN"
    assert kb.place_by_name("the Kremlin").country == "RUS"
    assert kb.role("foreign minister").sector == "GOV"
    [maduro] = kb.people_named("Nicolas Maduro")
    assert maduro.name == "Nicolás Maduro"
    assert maduro in kb.people_by_surname("Maduro")
    assert kb.office_on(maduro, "2010-06-01").role == "foreign_minister"
    assert kb.office_on(maduro, "2019-01-10").role == "head_of_state"
    lavrov = kb.person_actor(kb.people_named("Sergei Lavrov")[0], "2019-01-24")
    assert (lavrov.country, lavrov.sector) == ("RUS", "GOV")


def test_a_yaml_file_that_does_not_parse_is_a_coded_error_naming_it(kb: KnowledgeBase, tmp_path: Path) -> None:
    from newsgraph.errors import NewsgraphError

    bad = tmp_path / "orgs.yaml"
    bad.write_text("orgs:\n  - org_id: x\n    name: \x07bell\n", encoding="utf-8")  # a control character
    with pytest.raises(NewsgraphError, match=r"E163.*orgs\.yaml"):
        kb.extend([bad])
