"""Event location: a place phrase attached to the act, or the dateline for acts done in person."""

from __future__ import annotations

import pytest

from newsgraph.extract import find_mentions
from newsgraph.extract.where import dateline_country, event_location, load_words

pytestmark = pytest.mark.issue(13)

# sentence, trigger word, PLOVER type, dateline country, expected location, mechanism
CASES = [
    ("Police and protesters clashed in Caracas on Sunday.", "clashed", "ASSAULT", None, "VEN", "place phrase on the act"),
    ("The two presidents held talks in Minsk on Friday.", "talks", "CONSULT", None, "BLR", "place phrase on the light verb"),
    ("The defence minister flew to Ankara on Tuesday.", "flew", "CONSULT", None, "TUR", "goal of a motion verb"),
    ("Riot police detained dozens of students across Nicaragua.", "detained", "COERCE", None, "NIC", "country with a preposition of containment"),
    ("The foreign minister spoke by phone with his Chilean counterpart about the crisis in Bolivia.", "spoke",
     "CONSULT", None, None, "place of the topic, not of the act"),
    ("Norway took a swipe at Sweden over its fishing quotas.", "took", "ACCUSE", None, None, "target, not place"),
    ("The government imposed new sanctions on Russia.", "imposed", "SANCTION", None, None, "target, not place"),
    ("During their meeting in Havana last week, the two leaders signed a trade pact.", "signed", "AGREE", None,
     "CUB", "place of the occasion"),
    ("At a rally in Lima on Sunday, the senator announced that Peru would expel the envoy.", "expel", "SANCTION",
     None, "PER", "place of the occasion"),
    ("The summit ended in clashes between police and farmers in Quito.", "clashes", "ASSAULT", None, "ECU",
     "place of the participants"),
    ("Gunmen stormed the embassy in Tripoli before dawn.", "stormed", "ASSAULT", None, "LBY",
     "place of the object of an act in person"),
    ("The senators huddled with the president at the White House on Monday.", "huddled", "CONSULT", None,
     "us-government", "a seat of power is a place"),
    ("In Managua, the mayor issued an order on Monday, requiring residents to stay inside.", "requiring",
     "REQUEST", None, "NIC", "setting of the main clause"),
    ("The minister praised the new hospital in Quito.", "praised", "SUPPORT", None, None,
     "place of the object, not of the act"),
    ("Soldiers detained dozens of students.", "detained", "COERCE", "NIC", "NIC", "dateline for an act in person"),
    ("The ministry accused the opposition of plotting a coup.", "accused", "ACCUSE", "NIC", None,
     "a statement is not placed by the dateline"),
    ("The president spoke by telephone with the rebel leader.", "spoke", "CONSULT", "NIC", None,
     "a call is not placed by the dateline"),
]


@pytest.mark.parametrize("sentence, trigger, plover, dateline, expected, mechanism", CASES,
                         ids=[c[5] + ": " + c[1] for c in CASES])
def test_event_location(nlp, resolver, sentence, trigger, plover, dateline, expected, mechanism):
    doc = nlp(sentence)
    mentions, _ = find_mentions("t", doc, resolver, "2020-01-05")
    token = next(t for t in doc if t.text == trigger)
    sent = next(iter(doc.sents))
    parties = {"NIC"}  # the acting soldiers, ministry, president are Nicaragua's
    assert event_location(doc, token, sent, mentions, plover=plover, dateline=dateline, parties=parties) == expected


def test_the_dateline_places_only_acts_of_the_time_of_writing(nlp, resolver):
    doc = nlp("Soldiers detained dozens of students late last year.")
    mentions, _ = find_mentions("t", doc, resolver, "2020-01-05")
    token = next(t for t in doc if t.text == "detained")
    sent = next(iter(doc.sents))
    placed = {"plover": "COERCE", "dateline": "NIC"}
    assert event_location(doc, token, sent, mentions, **placed, date_precision="year", parties={"NIC"}) is None
    assert event_location(doc, token, sent, mentions, **placed, date_precision="before", parties={"NIC"}) == "NIC"
    # nor an act of foreigners the reporter was not filing about
    assert event_location(doc, token, sent, mentions, **placed, date_precision="before", parties={"FRA"}) is None


def test_every_mechanism_has_a_case():
    mechanisms = {c[5] for c in CASES}
    assert {"place phrase on the act", "dateline for an act in person", "target, not place",
            "a call is not placed by the dateline"} <= mechanisms
    assert {"country_preps", "place_preps", "remote_words", "placed_types", "setting_preps",
            "participant_preps"} <= set(load_words())


def test_a_dateline_names_its_country(resolver):
    assert dateline_country("CARACAS", resolver) == "VEN"
    assert dateline_country("Moscow", resolver) == "RUS"
    assert dateline_country(None, resolver) is None
