"""Mentions in parsed text and within-article linking, on short texts of our own."""

from __future__ import annotations


from newsgraph.extract.link import ArticleLinker
from newsgraph.extract.mentions import find_mentions
from newsgraph.extract.resolve import Resolver


def mentions_of(nlp, resolver, text, date="2021-06-01"):
    found, actors = find_mentions("a", nlp(text), resolver, date)
    by_id = {a.id: a for a in actors}
    return [(m.text, by_id[m.actor_id], m) for m in found]


def test_a_title_and_nationality_travel_with_an_unknown_name_and_later_references_link(nlp, resolver):
    text = ("Chilean Ambassador to Peru Tomas Ibarra met traders on Monday. "
            "Ibarra said exports would grow. The diplomat added that talks would continue.")
    rows = mentions_of(nlp, resolver, text)
    first = next(a for t, a, _ in rows if t.endswith("Tomas Ibarra"))
    assert (first.country, first.sector) == ("CHL", "GOV")
    assert next(a for t, a, _ in rows if t == "Ibarra").id == first.id
    diplomat = next((a, m) for t, a, m in rows if t == "The diplomat")
    assert diplomat[0].id == first.id and diplomat[1].how == "alias:earlier-role"


def test_a_ministry_named_once_in_full_is_the_ministry_later(nlp, resolver):
    text = ("Egypt's Foreign Ministry criticised the decision. "
            "The ministry said it had summoned the envoy.")
    rows = mentions_of(nlp, resolver, text)
    full = next(a for t, a, _ in rows if t == "Egypt's Foreign Ministry")
    assert next(a for t, a, _ in rows if t == "The ministry").id == full.id


def test_plural_groups_are_not_linked_to_one_person(nlp, resolver):
    text = "Kenyan Foreign Minister Jane Otieno spoke first. Kenyan officials then left the room."
    rows = mentions_of(nlp, resolver, text)
    officials = next(a for t, a, _ in rows if t == "Kenyan officials")
    assert officials.id != next(a for t, a, _ in rows if "Otieno" in t).id
    assert (officials.country, officials.sector) == ("KEN", "GOV")


def test_a_capital_is_the_government_when_it_acts_and_a_place_when_it_is_where(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Moscow rejected the proposal at a meeting in Moscow.")
    (t1, a1, m1), (t2, a2, m2) = [r for r in rows if r[0] == "Moscow"]
    assert (a1.country, a1.sector, m1.kind) == ("RUS", "GOV", "actor")
    assert (a2.sector, m2.kind) == (None, "location")


def test_a_leaders_institution_by_possession(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Angela Merkel's government approved the plan.", date="2015-03-01")
    government = next(a for t, a, _ in rows if t.endswith("government"))
    assert (government.country, government.sector) == ("DEU", "GOV")


def test_the_linker_prefers_the_article_over_the_dictionary_for_surnames():
    resolver = Resolver()
    linker = ArticleLinker(resolver, "2020-01-01")
    first = linker.resolve("Bolivian Interior Minister Carlos Maduro")  # not the Venezuelan
    assert linker.resolve("Maduro").actor.id == first.actor.id


def test_a_role_at_the_end_of_a_modifier_chain_keeps_its_nationality(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Police seized rifles from Honduran armed groups on Monday.")
    group = next(a for t, a, _ in rows if t.endswith("armed groups"))
    assert (group.country, group.sector) == ("HND", "REB")
    # a participle describes rather than places: the board is not a role of the controller
    rows = mentions_of(nlp, resolver, "Nicolás Maduro spoke. The Maduro-controlled election board met.")
    assert any(a.name == "Nicolás Maduro" for t, a, _ in rows if t == "Maduro")


def test_plural_groups_placed_by_their_own_phrase_belong_to_that_country(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Opposition groups in Zambia and Malawi's envoy met.")
    groups = next(a for t, a, _ in rows if t == "Opposition groups")
    assert (groups.country, groups.sector) == ("ZMB", "OPP")
    # unplaced plural institutions stay many states' ("ministries" of whom?)
    rows = mentions_of(nlp, resolver, "Ministries across the region and Malawi's envoy met.")
    assert all(a.country is None for t, a, _ in rows if t == "Ministries")


def test_a_group_belongs_to_where_its_clause_happens_not_to_the_attribution(nlp, resolver):
    text = "Soldiers detained students in Kumasi over a march against sending troops to Mali."
    students = next(a for t, a, _ in mentions_of(nlp, resolver, text) if t == "students")
    assert students.country == "GHA"  # Kumasi is in Ghana; Mali is only what they marched about
    text = "Rebels shelled a market, killing 20 people, aid workers in Nairobi said."
    people = next(a for t, a, _ in mentions_of(nlp, resolver, text) if t.endswith("20 people"))
    assert people.country is None  # Nairobi is where the report came from


def test_a_nationality_before_the_first_conjunct_is_the_seconds_too(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Russian jets and tanks pounded positions near the city of Kharkiv.")
    tanks = next(a for t, a, _ in rows if t == "tanks")
    assert tanks.country == "RUS"
    kharkiv = next(m for t, a, m in rows if t == "Kharkiv")
    assert kharkiv.kind == "location"  # "the city of Kharkiv" is where, not who


def test_a_minority_belongs_to_the_country_it_lives_in(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Several hundred ethnic Hungarians rallied in Slovakia on Tuesday.")
    people = next(a for t, a, _ in rows if t == "Hungarians")
    assert (people.country, people.sector) == ("SVK", "CVL")
    rows = mentions_of(nlp, resolver, "The Hungarians of southern Slovakia voted on Sunday.")
    assert next(a for t, a, _ in rows if t.endswith("Hungarians")).country == "SVK"
    rows = mentions_of(nlp, resolver, "Hungarians voted on Sunday in Budapest.")
    assert next(a for t, a, _ in rows if t == "Hungarians").country == "HUN"


def test_a_member_of_a_body_named_in_apposition_belongs_to_it(nlp, resolver):
    rows = mentions_of(nlp, resolver, "A member of the Jordanian parliament, Omar Haddad, walked out of the session.")
    member = next(a for t, a, _ in rows if t.startswith("A member"))
    assert (member.country, member.sector) == ("JOR", "LEG")
    rows = mentions_of(nlp, resolver, "Rebels wounded the chief of Uganda's militia partners.")
    assert not any(t.startswith("the chief") and a.country == "UGA" for t, a, _ in rows)


def test_an_unknown_office_holder_serves_the_one_country_the_sentence_is_about(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Judge Pedro Alvarenga charged several Bolivian officials with fraud.")
    judge = next(a for t, a, _ in rows if t.endswith("Pedro Alvarenga"))
    assert (judge.country, judge.sector) == ("BOL", "JUD")
    rows = mentions_of(nlp, resolver, "President Pedro Alvarenga met Chilean and Peruvian envoys.")
    assert next(a for t, a, _ in rows if t.endswith("Pedro Alvarenga")).country is None  # two countries: unknown


def test_a_surname_links_to_the_articles_own_full_mention_first(nlp, tmp_path):
    from newsgraph.knowledge import default

    people = tmp_path / "people" / "namesakes.tsv"
    people.parent.mkdir()
    people.write_text(
        "person_id\tname\taliases\twikidata\tcountry\tsector\trole\ttitle\tstart\tend\tsource\n"
        "hanna-west\tHanna West\t\t\tISL\tGOV\thead_of_state\tPresident\t2016\t\ttest\n"
        "gustav-ormeling\tGustav Ormeling\t\t\tNOR\tGOV\tforeign_minister\tForeign Minister\t2019\t\ttest\n",
        encoding="utf-8")
    resolver = Resolver(default().extend([people]))
    text = ("Farm lobbyist Greta Ormeling visited the port in May. "
            "Ormeling said prices had doubled. Mr. Ormeling's cousin disagreed. "
            "Critics in the West were unconvinced.")
    rows = mentions_of(nlp, resolver, text, "2021-06-01")
    greta = next(a for t, a, _ in rows if t.endswith("Greta Ormeling"))
    # the article's own Ormeling, not the foreign minister of the same surname
    assert next(a for t, a, _ in rows if t == "Ormeling").id == greta.id
    assert all(a.id not in ("hanna-west", "gustav-ormeling") for _, a, _ in rows)
    assert not any(t == "May" for t, _, _ in rows)  # a month is no one


def test_a_us_state_named_with_its_own_places_is_not_the_country(nlp, resolver):
    text = ("Poll workers in Georgia counted ballots through the night in Macon. "
            "Georgia's governor said the count would finish on Friday.")
    rows = mentions_of(nlp, resolver, text, "2020-11-06")
    assert all(a.country != "GEO" for _, a, _ in rows)
    assert any(t.startswith("Georgia") and a.country == "USA" for t, a, _ in rows)


def test_where_someone_goes_or_a_citys_district_is_a_place(nlp, resolver):
    text = ("The trade minister flew to Brussels on Monday. "
            "Shells later hit Kharkiv's northern districts.")
    rows = {t: m for t, _, m in mentions_of(nlp, resolver, text, "2022-05-02")}
    assert rows["Brussels"].kind == "location"
    assert rows["Kharkiv"].kind == "location"


def test_blocs_found_in_running_text_are_not_people(nlp, resolver):
    text = "Oil exporters among the Gulf states shrugged, while the West weighed new tariffs."
    rows = mentions_of(nlp, resolver, text, "2023-03-01")
    blocs = {a.name for t, a, m in rows if m.how == "metonym:bloc"}
    assert blocs == {"the Gulf states", "the West"}


def test_a_foreign_acronym_counts_only_where_the_article_is_about_its_country(nlp, resolver):
    # "PPP" is Pakistan's party only in a story that names Pakistan
    home = mentions_of(nlp, resolver, "Farmers in Iowa said the PPP money arrived late. Kansas lenders agreed.",
                       "2020-06-01")
    assert all(a.country != "PAK" for _, a, _ in home)
    abroad = mentions_of(nlp, resolver, "In Pakistan, the PPP boycotted the vote in Karachi.", "2020-06-01")
    assert any(a.country == "PAK" and a.sector == "PTY" for _, a, _ in abroad)


def test_a_description_in_apposition_does_not_change_what_a_state_is(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Norway, a large donor to the fund, said it would keep paying.")
    norway = next(a for t, a, _ in rows if t == "Norway")
    assert (norway.id, norway.country, norway.sector) == ("NOR", "NOR", None)


def test_a_bare_family_name_links_to_the_first_word_where_names_put_it_first(nlp, resolver):
    text = ("Chinese Foreign Minister Wang Yi met his Kenyan counterpart in Nairobi. "
            "Wang said the loans would continue.")
    rows = mentions_of(nlp, resolver, text, date="2022-01-06")
    assert next(a for t, a, _ in rows if t == "Wang").id == "wang-yi"


def test_a_surname_the_article_gave_in_full_is_a_mention_whatever_its_tag(nlp, resolver):
    text = ("The UN spokesman, Stephane Dujarric, told reporters the convoy had been hit. "
            "Dujarric later said the trucks burned.")
    rows = mentions_of(nlp, resolver, text)
    spokesman = next(a for t, a, _ in rows if t == "The UN spokesman")
    assert spokesman.name == "Stephane Dujarric"  # a role with a name beside it is that person
    assert next(a for t, a, _ in rows if t == "Dujarric").id == spokesman.id


def test_a_name_after_a_roles_to_phrase_names_the_holder_not_the_body(nlp, resolver):
    text = "The US ambassador to the UN, Nikki Haley, said the vote was a disgrace."
    rows = mentions_of(nlp, resolver, text, date="2018-05-01")
    assert next(a for t, a, _ in rows if t == "The US ambassador").id == "nikki-haley"
    un = next(a for t, a, _ in rows if t == "UN")
    assert un.id != "nikki-haley" and un.country != "USA"


def test_a_persons_home_state_a_background_and_a_title_word_are_no_actors(nlp, resolver):
    text = ("Republican Rep. Mike Johnson of Louisiana said the panel should wait. "
            "The senator, who is of Cuban heritage, voted no. "
            "Acting White House chief of staff Mick Mulvaney refused to testify.")
    rows = mentions_of(nlp, resolver, text, date="2019-11-01")
    kinds = {t: m.kind for t, _, m in rows}
    assert kinds["Louisiana"] == "location"
    assert "Cuban" not in kinds and "staff" not in kinds


def test_a_hyphenated_given_name_is_still_a_name(nlp, resolver):
    rows = mentions_of(nlp, resolver, "Yeon Eui-sook says she finds the situation in the port town scary.")
    assert [(t, a.id) for t, a, _ in rows][:1] == [("Yeon Eui-sook", "yeon-eui-sook")]
