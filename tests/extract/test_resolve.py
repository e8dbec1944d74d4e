"""Each resolution path on general cases of our own (not sentences from any corpus)."""

from __future__ import annotations

import pytest

from newsgraph.extract.resolve import Resolver


def placed(resolver, text, date=None):
    found = resolver.resolve(text, date)
    assert found is not None, text
    return found.actor.country, found.actor.sector


@pytest.mark.parametrize("text, want", [
    ("Germany", ("DEU", None)),
    ("the U.S.", ("USA", None)),
    ("Brazilians", ("BRA", None)),
])
def test_countries_and_demonyms(resolver, text, want):
    assert placed(resolver, text) == want


@pytest.mark.parametrize("text, country, sector", [
    ("the Kremlin", "RUS", "GOV"),
    ("the White House", "USA", "GOV"),
    ("Beijing", "CHN", "GOV"),
    ("the Pentagon", "USA", "MIL"),
])
def test_seats_of_power_stand_for_their_institution(resolver, text, country, sector):
    assert placed(resolver, text) == (country, sector)


def test_a_metonym_and_the_government_it_stands_for_are_one_actor(resolver):
    assert resolver.resolve("the Kremlin").actor.id == resolver.resolve("Moscow").actor.id


def test_person_as_of_the_date(resolver):
    # One person, two offices: the date decides which one places them.
    assert placed(resolver, "Vladimir Putin", "2009-06-01") == ("RUS", "GOV")
    assert resolver.resolve("Angela Merkel", "2012-01-01").actor.sector == "GOV"
    assert resolver.resolve("Angela Merkel", "2023-01-01").actor.sector == "ELI"


def test_accents_and_surnames(resolver):
    a = resolver.resolve("Nicolas Maduro", "2020-01-01").actor
    assert resolver.resolve("Nicolás Maduro", "2020-01-01").actor.id == a.id
    assert a.country == "VEN" and a.sector == "GOV"


@pytest.mark.parametrize("text, country, sector", [
    ("Chilean Foreign Minister Ana Torres", "CHL", "GOV"),          # unknown name: title + nationality
    ("Kenya's ambassador to Japan Peter Mwangi", "KEN", "GOV"),       # the possessor, not the PP country
    ("opposition leader Maria Lopez", None, "OPP"),
    ("Peruvian police", "PER", "COP"),
    ("Ukrainian troops", "UKR", "MIL"),
    ("Egypt's Foreign Ministry", "EGY", "GOV"),
    ("Shanghai police", "CHN", "COP"),                                 # a city places the actor
])
def test_composition_for_the_unknown(resolver, text, country, sector):
    assert placed(resolver, text) == (country, sector)


def test_a_sponsor_is_not_the_country(resolver):
    found = resolver.resolve("Iranian-backed militias")
    assert found.actor.country is None


def test_former_office_holders_are_elites(resolver):
    assert placed(resolver, "former Chilean minister Ana Torres")[1] == "ELI"


def test_a_leader_of_a_body_belongs_to_it(resolver):
    assert placed(resolver, "Gazprom spokesman")[1] == "BUS"


def test_nothing_for_non_actors(resolver):
    for text in ("puppies", "the weather", "He", "yesterday"):
        assert resolver.resolve(text) is None, text


def test_a_surname_under_another_title_is_someone_else(resolver):
    found = resolver.resolve("Cardinal Putin")
    assert found is None or found.actor.id != resolver.resolve("Vladimir Putin").actor.id


def test_user_dictionaries_add_and_override(tmp_path):
    from newsgraph.knowledge import default

    ours = tmp_path / "people.tsv"
    ours.write_text(
        "person_id\tname\taliases\twikidata\tcountry\tsector\trole\ttitle\tstart\tend\tsource\n"
        "tomas-ibarra\tTomas Ibarra\t\t\tCHL\tGOV\tambassador\tAmbassador to Peru\t2020\t\tour newsroom\n",
        encoding="utf-8",
    )
    phoenix = tmp_path / "local.actors.txt"
    phoenix.write_text("MARTA_QUISPE_  # local lists\n\t[PERGOV 200101-251231]\n", encoding="utf-8")
    resolver = Resolver(default().extend([ours, phoenix]))
    assert placed(resolver, "Tomas Ibarra", "2021-01-01") == ("CHL", "GOV")
    assert placed(resolver, "Marta Quispe", "2021-01-01") == ("PER", "GOV")
    # The shipped base is untouched.
    assert Resolver().resolve("Tomas Ibarra", "2021-01-01") is None


def test_a_shared_surname_is_the_person_in_office_then(tmp_path):
    from newsgraph.knowledge import default

    people = tmp_path / "people.tsv"
    people.write_text(
        "person_id\tname\taliases\twikidata\tcountry\tsector\trole\ttitle\tstart\tend\tsource\n"
        "ana-quispe\tAna Quispe\t\t\tPER\tGOV\thead_of_state\tPresident\t2001\t2006\ttest\n"
        "luis-quispe\tLuis Quispe\t\t\tBOL\tGOV\thead_of_state\tPresident\t2015\t\ttest\n",
        encoding="utf-8",
    )
    resolver = Resolver(default().extend([people]))
    assert resolver.resolve("Quispe", "2003-05-01").actor.id == "ana-quispe"
    assert resolver.resolve("Quispe", "2020-05-01").actor.id == "luis-quispe"
    assert resolver.resolve("Quispe").actor.id == "luis-quispe"  # no date: the one in office last


# -- precision-first surnames (issue 12) ------------------------------------------------
# Invented people, so the cases do not move when the shipped tables grow.
NAMESAKES = (
    "person_id\tname\taliases\twikidata\tcountry\tsector\trole\ttitle\tstart\tend\tsource\n"
    "orsolya-brandtner\tOrsolya Brandtner\t\t\tHUN\tGOV\thead_of_government\tPrime Minister\t2020-03-01\t2024-12-31\ttest\n"
    "piet-kalverdijk\tPiet Kalverdijk\t\t\tNLD\tLEG\tlegislator\tMember of the House\t2018\t\ttest\n"
    "hanna-west\tHanna West\t\t\tISL\tGOV\thead_of_state\tPresident\t2016\t\ttest\n"
    "dora-kalverdijk\tDora Kalverdijk\t\t\tNLD\tGOV\tother\tMinister for Housing\t2019\t2022\ttest\n"
)


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory):
    from newsgraph.knowledge import default

    path = tmp_path_factory.mktemp("kb") / "people" / "namesakes.tsv"
    path.parent.mkdir()
    path.write_text(NAMESAKES, encoding="utf-8")
    return Resolver(default().extend([path]))


def test_a_bare_surname_means_only_someone_prominent_on_the_date(namesakes):
    # a sitting head of government is meant by her surname alone
    assert namesakes.resolve("Brandtner", "2021-05-01").actor.id == "orsolya-brandtner"
    # before she held office the surname alone means no one
    assert namesakes.resolve("Brandtner", "2015-05-01") is None
    # a backbencher and a housing minister share a surname: neither is meant by it alone
    assert namesakes.resolve("Kalverdijk", "2020-05-01") is None


def test_a_title_picks_the_namesake_whose_office_fits(namesakes):
    assert namesakes.resolve("Minister Kalverdijk", "2020-05-01").actor.id == "dora-kalverdijk"
    assert namesakes.resolve("lawmaker Kalverdijk", "2020-05-01").actor.id == "piet-kalverdijk"


def test_a_surname_that_is_a_common_word_needs_a_person_context(namesakes):
    for text in ("West", "the West"):  # the bloc, never President West
        found = namesakes.resolve(text, "2020-05-01")
        assert found is None or found.actor.id != "hanna-west"
    assert namesakes.resolve("President West", "2020-05-01").actor.id == "hanna-west"


def test_another_generation_is_another_person(namesakes):
    assert namesakes.resolve("Orsolya Brandtner Jr.", "2021-05-01") is None
    assert namesakes.resolve("Brandtner III", "2021-05-01") is None


def test_an_honorific_names_a_person_but_not_a_distant_namesake(namesakes):
    found = namesakes.resolve("Mr. Kalverdijk", "2020-05-01")
    assert found.how == "name+honorific" and found.actor.id not in ("piet-kalverdijk", "dora-kalverdijk")
    assert namesakes.resolve("Ms. Brandtner", "2021-05-01").actor.id == "orsolya-brandtner"


# -- places, blocs and look-alikes (issue 12) ---------------------------------------------

@pytest.mark.parametrize("text", ["the West", "Western governments", "the Gulf states",
                                  "the international community"])
def test_a_bloc_of_states_is_one_actor_and_no_person_or_country(resolver, text):
    found = resolver.resolve(text, "2022-09-01")
    assert found.how == "metonym:bloc"
    assert (found.actor.country, found.actor.sector) == (None, None)


def test_prc_is_china(resolver):
    assert placed(resolver, "PRC officials", "2019-01-01") == ("CHN", "GOV")
    assert placed(resolver, "the PRC", "2019-01-01")[0] == "CHN"


@pytest.mark.parametrize("text", ["North Carolina", "South Dakota", "New Mexico", "Ohio"])
def test_a_us_state_is_in_the_united_states(resolver, text):
    assert placed(resolver, text, "2020-01-01")[0] == "USA"


def test_a_country_that_shares_a_us_states_name_is_the_country_unless_the_article_says(resolver):
    assert placed(resolver, "Georgia", "2020-01-01")[0] == "GEO"
    regions = resolver.regions_meant(["Georgia", "Macon"])  # a city of the US state
    assert placed_in(resolver, "Georgia", regions)[0] == "USA"
    assert placed_in(resolver, "Georgia's governor", regions) == ("USA", "GOV")
    assert not resolver.regions_meant(["Georgia", "Tbilisi", "Batumi"])


def placed_in(resolver, text, regions):
    found = resolver.resolve(text, "2020-01-01", regions=regions)
    return found.actor.country, found.actor.sector


def test_a_popes_title_and_name_is_the_pope_not_a_namesake(resolver):
    found = resolver.resolve("Pope Francis", "2018-03-01")
    assert found.actor.id == "pope-francis" and found.actor.sector == "REL"
    assert resolver.resolve("Benedict XVI", "2008-03-01").actor.id == "pope-benedict-xvi"


def test_a_country_before_a_surname_picks_the_namesake_who_served_it(namesakes):
    # two Kalverdijks, both Dutch: the country alone cannot choose …
    found = namesakes.resolve("the Netherlands' Kalverdijk", "2020-05-01")
    assert found is None or found.actor.id not in ("piet-kalverdijk", "dora-kalverdijk")
    # … but a namesake of another country is ruled out by it
    assert namesakes.resolve("Hungary's Brandtner", "2015-05-01").actor.id == "orsolya-brandtner"


def test_a_town_that_shares_a_backbenchers_surname_is_the_town(namesakes):
    # no one prominent is called Lincoln or Cleveland; the cities are meant
    for town in ("Lincoln police", "Cleveland officials"):
        assert placed(namesakes, town, "2019-06-01")[0] == "USA"


def test_a_leaders_administration_years_later_is_still_their_countrys(namesakes):
    # out of office in 2030, but "the Brandtner government" is Hungary's
    assert placed(namesakes, "the Brandtner government", "2030-01-01") == ("HUN", "GOV")
    assert placed(namesakes, "Brandtner government officials", "2030-01-01") == ("HUN", "GOV")


def test_a_member_of_a_leaders_body_is_not_the_leader(namesakes):
    found = namesakes.resolve("Brandtner campaign spokesman", "2030-01-01")
    assert found is None or found.actor.id != "orsolya-brandtner"


def test_a_capitalised_role_after_a_surname_is_no_part_of_a_name(namesakes):
    # headline case: "Brandtner Government Falls"
    assert placed(namesakes, "Brandtner Government", "2021-05-01") == ("HUN", "GOV")


def test_a_surname_still_means_a_leader_shortly_after_they_leave_office(namesakes):
    # Brandtner left office at the end of 2024: in mid-2025 she is still "Brandtner" …
    found = namesakes.resolve("Brandtner", "2025-06-01")
    assert found.actor.id == "orsolya-brandtner" and found.actor.sector == "ELI"
    # … but not a decade on, when the surname alone is no evidence
    assert namesakes.resolve("Brandtner", "2035-06-01") is None


@pytest.mark.parametrize("text, want", [
    ("Xinhua News Agency", "xinhua"),          # the descriptor is not a body of its own
    ("Shin Bet Security Service", "shin-bet"),  # "Security Service" alone is MI5's alias
])
def test_a_name_followed_by_words_describing_it_is_the_named_body(resolver, text, want):
    assert resolver.resolve(text, "2021-01-01").actor.id == want


@pytest.mark.parametrize("text, want", [
    ("Gen. Whitfield", ("whitfield", "MIL")),   # one person by title and surname, not every general
    ("Sen. Whitfield", ("whitfield", "LEG")),
])
def test_a_title_and_an_unknown_surname_name_one_person(resolver, text, want):
    found = resolver.resolve(text, "2015-05-25")
    assert (found.actor.id, found.actor.sector) == want and found.how == "title"


def test_a_military_rank_abbreviation_is_a_title_that_finds_its_holder(resolver):
    assert resolver.resolve("Gen. Soleimani", "2015-05-25").actor.id == "qasem-soleimani"
