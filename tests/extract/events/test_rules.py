"""The rules' proposals (`extract/events/rules.py`), on short texts of our own.

The rules read the parse through the event lexicon; their reading is a candidate and a
feature for the trained coder, which decides (`test_coder.py`). These cases pin what
the rules propose, so a change to a construction shows up here first.
"""

from __future__ import annotations


from newsgraph.extract.events.rules import propose

from .conftest import read


def events_of(nlp, extract, text, date="2021-06-01"):
    doc, mentions, found_actors, quotes = read(nlp, extract, text, date)
    proposals, implied = propose("t", doc, mentions, quotes, extract.lexicon, date=date, date_precision="day",
                                 actors=found_actors, resolver=extract.resolver)
    actors = {a.id: a for a in list(found_actors) + list(implied.values())}

    def country(actor_id):
        a = actors.get(actor_id)
        return a.country if a else None

    return [(country(p.event.source_id), country(p.event.target_id), p.event.plover, p.event) for p in proposals]


def test_active_sanctions_with_their_target(nlp, extract):
    found = events_of(nlp, extract, "Japan imposed new sanctions on North Korea on Monday.")
    assert [(s, t, p) for s, t, p, _ in found] == [("JPN", "PRK", "SANCTION")]
    event = found[0][3]
    assert event.status == "done" and not event.negated and event.cameo.startswith("16")
    assert event.date == "2021-05-31" and event.evidence_start == 0  # the Monday before a Tuesday article


def test_compound_subjects_give_one_event_each(nlp, extract):
    found = events_of(nlp, extract, "Germany and France condemned Russia on Tuesday.")
    assert sorted((s, t, p) for s, t, p, _ in found) == [("DEU", "RUS", "ACCUSE"), ("FRA", "RUS", "ACCUSE")]


def test_a_pledge_codes_the_act_as_intended(nlp, extract):
    found = events_of(nlp, extract, "Brazil pledged to send food aid to Haiti.")
    (source, target, plover, event) = found[0]
    assert (source, target) == ("BRA", "HTI") and event.status == "intended"
    assert len(found) == 1  # the pledged act is not coded again as done


def test_negation_is_kept(nlp, extract):
    found = events_of(nlp, extract, "Chile did not recognise the new government of Peru.")
    assert found and all(e.negated for *_, e in found)


def test_reciprocal_agreement_between_compound_parties(nlp, extract):
    found = events_of(nlp, extract, "Kenyan and Ugandan officials agreed on Friday to reopen the border.")
    pairs = {(s, t) for s, t, p, _ in found if p == "AGREE"}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN")}


def test_an_event_told_inside_a_quote_is_the_speakers_claim(nlp, extract):
    text = '"Mali attacked our troops," Niger\'s defence minister said.'
    found = events_of(nlp, extract, text)
    assert found and all(e.speaker_id is not None and e.status == "claimed" for *_, e in found)


def test_no_event_without_an_actor(nlp, extract):
    assert events_of(nlp, extract, "The weather improved and the harvest began.") == []


def test_event_dates_resolve_against_the_article_date(nlp, extract):
    found = events_of(nlp, extract, "Japan imposed sanctions on North Korea last month.", date="2021-06-15")
    event = found[0][3]
    assert (event.date, event.date_precision) == ("2021-05", "month")


def test_nominal_events_name_their_parties(nlp, extract):
    found = events_of(nlp, extract, "The phone call between Kenya and Uganda lasted an hour.")
    assert {(s, t, p) for s, t, p, _ in found} == {("KEN", "UGA", "CONSULT"), ("UGA", "KEN", "CONSULT")}
    found = events_of(nlp, extract, "Analysts doubted Japan's support for Ukraine.")
    assert ("JPN", "UKR", "SUPPORT") in {(s, t, p) for s, t, p, _ in found}


def test_force_needs_someone_to_suffer_it(nlp, extract):
    found = events_of(nlp, extract, "Sudanese troops attacked a village near the border of Chad.")
    assert any(p == "ASSAULT" for _, _, p, _ in found)
    found = events_of(nlp, extract, "Sudan's government executed its new economic strategy on Monday.")
    assert not any(p == "ASSAULT" for _, _, p, _ in found)


def triples(found):
    return sorted((s, t, p) for s, t, p, _ in found if not _.negated)


def test_a_negated_promise_is_a_refusal(nlp, extract):
    found = events_of(nlp, extract, "Norway said it will not accept any more refugees from Libya.")
    assert [p for _s, _t, p, _e in found] == ["REJECT"]
    assert not found[0][3].negated and found[0][3].cameo.startswith("12")


def test_announcing_a_hostile_act_is_a_threat_and_a_friendly_one_a_promise(nlp, extract):
    hostile = events_of(nlp, extract, "Turkey announced that it would impose tariffs on Greece.")
    friendly = events_of(nlp, extract, "Turkey announced that it would send aid to Greece.")
    assert triples(hostile) == [("TUR", "GRC", "THREATEN")] and hostile[0][3].status == "threatened"
    assert triples(friendly) == [("TUR", "GRC", "AGREE")] and friendly[0][3].status == "intended"


def test_a_demand_targets_whoever_is_to_act(nlp, extract):
    found = events_of(nlp, extract, "Poland demanded that Belarus release the detained journalists.")
    assert triples(found) == [("POL", "BLR", "REQUEST")]  # the release is the demand's content, not an event


def test_a_light_verb_leaves_the_event_to_its_noun(nlp, extract):
    found = events_of(nlp, extract, "Italy announced a suspension of flights to Serbia.")
    assert triples(found) == [("ITA", "SRB", "SANCTION")]


def test_questions_and_possibilities_assert_no_event(nlp, extract):
    assert events_of(nlp, extract, "Should Canada cut off aid to Mali?") == []
    assert events_of(nlp, extract, "Canada may cut off aid to Mali.") == []


def test_failing_to_agree_is_a_rejection(nlp, extract):
    found = events_of(nlp, extract, "Serbia and Kosovo failed to reach an agreement on Sunday.")
    assert {p for *_, p, _e in found} == {"REJECT"} and {s for s, *_ in found} == {"SRB", "XKX"}


def test_a_quoted_we_is_the_speaker(nlp, extract):
    found = events_of(nlp, extract, '"We will continue to assist Ecuador," the Chilean foreign ministry said.')
    assert [(s, t, p) for s, t, p, _ in found] == [("CHL", "ECU", "AGREE")]
    assert found[0][3].speaker_id is not None


def test_a_visit_is_one_way_and_a_meeting_both_ways(nlp, extract):
    visit = events_of(nlp, extract, "The Japanese prime minister visited Vietnam on Monday.")
    meeting = events_of(nlp, extract, "Japan and Vietnam held talks on Monday.")
    assert triples(visit) == [("JPN", "VNM", "CONSULT")]
    assert triples(meeting) == [("JPN", "VNM", "CONSULT"), ("VNM", "JPN", "CONSULT")]


def test_a_state_is_no_target_of_its_own_troops(nlp, extract):
    found = events_of(nlp, extract, "Syria said it is willing to withdraw its troops from Lebanon.")
    assert triples(found) == [("SYR", "LBN", "AGREE")]


def test_an_attack_between_two_named_people_is_verbal(nlp, extract):
    words = events_of(nlp, extract, "Boris Johnson attacked Keir Starmer over the budget.")
    force = events_of(nlp, extract, "Russian forces attacked Ukrainian positions near Kharkiv.")
    assert {p for *_, p, _e in words} == {"ACCUSE"}
    assert {p for *_, p, _e in force} == {"ASSAULT"}


def test_a_hope_is_no_event(nlp, extract):
    assert events_of(nlp, extract, "Egypt hopes to sign a trade deal with Kenya.") == []


def test_the_us_as_subject_is_a_state_not_a_pronoun(nlp, extract):
    found = events_of(nlp, extract, "The US rejected calls by Iran to end the embargo.")
    assert ("USA", "IRN", "REJECT") in [(s, t, p) for s, t, p, _ in found]
    # "calls … to lift": an appeal, not a telephone call
    assert all(p != "CONSULT" for _, _, p, _ in found)


def test_what_someone_must_do_is_not_done(nlp, extract):
    found = events_of(nlp, extract, "The report found that Canada must give more money to help Haiti.")
    assert [p for _, _, p, _ in found] == []


def test_a_reduced_relative_misparsed_as_subject_still_names_the_speaker(nlp, extract):
    found = events_of(nlp, extract, "The Red Cross working in Yemen said Saudi and Emirati forces must protect hospitals.")
    assert sorted((t, p) for s, t, p, _ in found) == [("ARE", "REQUEST"), ("SAU", "REQUEST")]


def test_a_mediator_goes_between_the_parties(nlp, extract):
    found = events_of(nlp, extract, "Norway began a mediation effort between Sudan and Chad this week.")
    assert sorted((s, t, p) for s, t, p, _ in found) == [("NOR", "SDN", "CONSULT"), ("NOR", "TCD", "CONSULT")]


def test_the_content_of_a_demand_is_asked_for_not_done(nlp, extract):
    found = events_of(nlp, extract, "Mexico repeated its demand that Peru lift its limits on unions.")
    assert [(s, t, p) for s, t, p, _ in found] == [("MEX", "PER", "REQUEST")]


def test_a_text_issued_demanding_something_is_its_issuers_demand(nlp, extract):
    found = events_of(nlp, extract, "Mexico issued a statement demanding that Peru's government free the detained sailors.")
    assert [(s, t, p) for s, t, p, _ in found] == [("MEX", "PER", "REQUEST")]


def test_withdrawing_ones_own_people_concerns_the_place_they_leave(nlp, extract):
    found = events_of(nlp, extract, "Sweden said it will withdraw its monitors from Georgia.")
    assert [(s, t, p) for s, t, p, _ in found] == [("SWE", "GEO", "THREATEN")]  # a sanction announced


def test_a_protest_that_says_something_is_a_complaint(nlp, extract):
    found = events_of(nlp, extract, "Greece protested on Monday that Turkish jets had violated its airspace.")
    assert [(s, t, p) for s, t, p, _ in found] == [("GRC", "TUR", "ACCUSE")]


def test_peacekeepers_arriving_are_a_deployment_and_negotiators_returning_no_event(nlp, extract):
    found = events_of(nlp, extract, "Nepalese peacekeepers arrived in Mali last week.")
    assert [(s, t, p) for s, t, p, _ in found] == [("NPL", "MLI", "AID")]
    assert events_of(nlp, extract, "Kenyan diplomats returned to Vienna on Friday.") == []


def test_a_target_with_a_country_beats_a_group_no_country_is_known_for(nlp, extract):
    found = events_of(nlp, extract, "Canada mobilized navy reservists for a possible conflict with Venezuela.")
    assert [(s, t, p) for s, t, p, _ in found] == [("CAN", "VEN", "MOBILIZE")]
    found = events_of(nlp, extract, "France accelerated the withdrawal of some troops from Mali.")
    assert [(s, t, p) for s, t, p, _ in found] == [("FRA", "MLI", "RETREAT")]


def test_an_invasion_of_a_region_named_by_compass_is_of_its_country(nlp, extract):
    found = events_of(nlp, extract, "Turkey launched its invasion of Northern Syria on Monday.")
    assert [(s, t, p) for s, t, p, _ in found] == [("TUR", "SYR", "ASSAULT")]


def test_a_stative_passive_is_its_subjects_own_stance_or_act(nlp, extract):
    found = events_of(nlp, extract, "Azerbaijan has long been opposed to French mediation.")
    assert [(s, t, p) for s, t, p, _ in found] == [("AZE", "FRA", "REJECT")]
    found = events_of(nlp, extract, "Militia forces from Sudan were engaged in ethnic cleansing in Darfur.")
    assert [(s, p) for s, t, p, _ in found] == [("SDN", "ASSAULT")]


def test_refusing_to_answer_an_appeal_rejects_it_while_declining_comment_is_silence(nlp, extract):
    found = events_of(nlp, extract, "Syria refused to respond to an appeal from Jordan to reopen the border.")
    assert ("SYR", "JOR", "REJECT") in [(s, t, p) for s, t, p, _ in found]
    assert events_of(nlp, extract, "Iran declined to comment on the French report.") == []


def test_swearing_to_fight_is_a_threat(nlp, extract):
    found = events_of(nlp, extract, "Kurdish rebels have sworn to fight until Turkey withdraws.")
    assert [p for _, _, p, _ in found][:1] == ["THREATEN"]


def test_curfews_and_martial_law_fall_on_the_actors_own_country(nlp, extract):
    found = events_of(nlp, extract, "Kenya's interior ministry said it is ready to declare martial law.")
    assert [(s, t, p) for s, t, p, _ in found] == [("KEN", "KEN", "THREATEN")]


def test_an_invitation_is_to_what_it_invites_to(nlp, extract):
    found = events_of(nlp, extract, "Fatah rejected an invitation to join a conference of Palestinian parties.")
    assert [(s, t, p) for s, t, p, _ in found] == [("PSE", "PSE", "REJECT")]


def test_the_aim_of_an_announced_act_has_not_happened(nlp, extract):
    found = events_of(nlp, extract, "Chile's foreign minister will fly to Bolivia and Peru to mediate their quarrel over water.")
    assert {p for _, _, p, _ in found} == {"AGREE"}


def test_what_talks_are_about_is_no_event(nlp, extract):
    found = events_of(nlp, extract, "Armenia and Azerbaijan resumed talks on Monday on an Armenian troop withdrawal from Azerbaijan.")
    assert sorted((s, t, p) for s, t, p, _ in found) == [("ARM", "AZE", "CONSULT"), ("AZE", "ARM", "CONSULT")]


def test_a_protests_stated_aim_names_its_target(nlp, extract):
    found = events_of(nlp, extract, "Hundreds of Iraqi Turkmen rallied in Mosul on Saturday calling for autonomy from Iraq.")
    assert [(s, t, p) for s, t, p, _ in found] == [("IRQ", "IRQ", "PROTEST")]


def test_plural_people_named_by_role_take_the_sentences_country(nlp, extract):
    found = events_of(nlp, extract, "Angry activists blocked roads in the Ghanaian capital Accra on Monday.")
    assert [(s, p) for s, t, p, _ in found] == [("GHA", "PROTEST")]


def test_violence_with_a_weapon_but_no_wielder_is_unidentified_attackers_where_it_happened(nlp, extract):
    found = events_of(nlp, extract, "A car bomb outside the city of Kandahar killed two Canadian soldiers on Sunday.")
    assert [(s, t, p) for s, t, p, _ in found] == [("AFG", "CAN", "ASSAULT")]
    assert found[0][3].source_id == "unidentified-afg"
    # no place, no country to give them
    assert events_of(nlp, extract, "A car bomb killed two Canadian soldiers on Sunday.") == []


def test_a_blockade_to_be_tightened_is_a_threat_against_the_blockaded(nlp, extract):
    found = events_of(nlp, extract, "The European Union said it would tighten its blockade of Libya's coast with help from Malta.")
    assert [(s, t, p) for s, t, p, _ in found] == [(None, "LBY", "THREATEN")]  # the EU: an international body


def test_people_gathering_for_a_rally_hold_it(nlp, extract):
    found = events_of(nlp, extract, "Hundreds of Kenyans were converging on Mombasa for a rally on Thursday.")
    assert [(s, p) for s, t, p, _ in found] == [("KEN", "PROTEST")]
    found = events_of(nlp, extract, "Young Ghanaians blocked highways near Accra to express their anger at Togo's border rules.")
    assert [(s, t, p) for s, t, p, _ in found] == [("GHA", "TGO", "PROTEST")]


def test_a_forecast_is_no_promise_and_launched_days_of_games_are_games(nlp, extract):
    found = events_of(nlp, extract, "Indian and Japanese warships began two weeks of war games, expected to be joined later by Australian ships.")
    assert sorted((s, t, p) for s, t, p, _ in found) == [("IND", "JPN", "COOPERATE"), ("JPN", "IND", "COOPERATE")]


def test_the_thing_given_is_not_whom_it_is_given_to(nlp, extract):
    found = events_of(nlp, extract, "Britain is providing satellite images and military intelligence to Ukraine.")
    assert [(s, t) for s, t, _, _ in found] == [("GBR", "UKR")]


def test_a_noun_tagged_as_a_verb_under_a_possessive_is_no_act(nlp, extract):
    found = events_of(nlp, extract, "Iceland accepted a formula for settling its fishing quarrel with Norway.")
    assert [p for _, _, p, _ in found] == ["AGREE"]


def test_coordinated_sides_agree_with_each_other(nlp, extract):
    found = events_of(nlp, extract, "The Serbian and Croatian sides of the commission agreed on Friday to exchange records.")
    assert sorted((s, t, p) for s, t, p, _ in found) == [("HRV", "SRB", "AGREE"), ("SRB", "HRV", "AGREE")]
    found = events_of(nlp, extract, "Senior Kenyan and Ugandan officials agreed that their countries should "
                                    "cooperate to help Ugandan refugees.")
    assert sorted((s, t, p) for s, t, p, _ in found) == [("KEN", "UGA", "AGREE"), ("UGA", "KEN", "AGREE")]


def test_a_warning_that_states_a_fact_is_no_threat(nlp, extract):
    assert events_of(nlp, extract, "Kenyan lawyers warn that the jails are full.") == []
    found = events_of(nlp, extract, "Pompeo warned Lavrov that Russia would face consequences.")
    assert [(s, t, p) for s, t, p, _ in found] == [("USA", "RUS", "THREATEN")]


def test_words_do_not_reach_a_place_but_refused_acts_do(nlp, extract):
    found = [(s, t, p) for s, t, p, _ in events_of(nlp, extract, "Hungary condemned the law on Friday, speaking in Vienna.")]
    assert ("HUN", None, "ACCUSE") in found and ("HUN", "AUT", "ACCUSE") not in found
    found = events_of(nlp, extract, "India has refused to station troops in Afghanistan.")
    assert [(s, t, p) for s, t, p, _ in found] == [("IND", "AFG", "REJECT")]
