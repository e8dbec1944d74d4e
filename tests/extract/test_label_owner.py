"""Labels on the right actor: whose descriptor a phrase is, read from the parse.

One case per mechanism (`extract/label_owner.py`, `extract/realis.py`, the predicate
patterns of `extract/labels.py`); sentences are our own.
"""

from __future__ import annotations

import pytest

from newsgraph.extract.labels import find_labels
from newsgraph.extract.mentions import find_mentions
from newsgraph.extract.quotes import find_quotes

pytestmark = pytest.mark.slow
MADURO = "nicolas-maduro"


def labelled(nlp, resolver, text, date="2019-03-01"):
    doc = nlp(text)
    mentions, actors = find_mentions("a", doc, resolver, date)
    quotes = find_quotes("a", doc, mentions, actors, resolver.kb)
    return find_labels("a", doc, mentions, quotes, resolver.kb, actors=actors)


def words_of(labels, actor):
    return {l.label for l in labels if l.actor_id == actor}


# (mechanism, text, actor, label that must be there or None, label that must not be anywhere or on actor)
CASES = [
    ("title-for-the-object-of-recognise-as",
     "Several governments recognised opposition leader Juan Guaidó as Venezuela's interim president in January.",
     "juan-guaido", "interim president", ("venezuela-government", "interim president")),
    ("apposition-belongs-to-its-head",
     "Rudy Giuliani, a personal lawyer for President Donald Trump, spoke to reporters on Tuesday.",
     "rudy-giuliani", "personal lawyer", ("donald-trump", "personal lawyer")),
    ("future-entity-in-a-relative-clause",
     "Nicolás Maduro spoke. Officials praised the free government that will succeed Maduro next year.",
     None, None, ("venezuela-government", "free government")),
    ("prospective-modifier",
     "Nicolás Maduro spoke. Exiles in Miami planned the future democratic government of Venezuela.",
     None, None, ("venezuela-government", "future democratic government")),
    ("wished-for-indefinite-object",
     "Nicolás Maduro spoke. Protesters in Caracas want a democratic government.",
     None, None, ("venezuela-government", "democratic government")),
    ("title-on-a-person-name-read-as-an-office",
     "Nicolás Maduro spoke. Critics met the drug-linked dictator Maduro in Havana on Monday.",
     MADURO, "drug-linked dictator", None),
    ("negated-predicate-of-what-the-actor-owns",
     "Nicolás Maduro spoke. Monitors said Maduro's victory was not legitimate.",
     MADURO, "victory was not legitimate", None),
    ("judging-adverb-on-the-actors-act",
     "Nicolás Maduro spoke. The electoral council said that Maduro won the vote legitimately.",
     MADURO, "won legitimately", None),
    ("judged-noun-defined-by-a-clause-on-the-actor",
     "Nicolás Maduro spoke. The ballot that kept Maduro in office was rigged, opposition leaders said.",
     MADURO, "ballot was rigged", None),
    ("modal-predicate-is-no-label",
     "Nicolás Maduro spoke. Without elections Maduro would be a tyrant.",
     None, None, (MADURO, "tyrant")),
    ("relation-noun-is-another-actor",
     "Nicolás Maduro spoke. A longtime Venezuelan ally of Maduro was arrested in Bogotá.",
     None, None, (MADURO, "longtime Venezuelan ally")),
    ("possessive-pronoun-relation-is-another-actor",
     "Vladimir Putin phoned his Belarusian counterpart, Alexander Lukashenko, on Friday.",
     None, None, ("vladimir-putin", "Belarusian counterpart")),
    ("a-complement-is-no-actor-of-its-own",
     "Before that, Pierce had been a governor, envoy to Spain, senator, secretary of war and minister to France.",
     None, None, ("role-governor", "envoy")),
    ("a-run-of-appositions-is-a-list-not-a-description",
     "Before that, Pierce had been a governor, envoy to Spain, senator, secretary of war and minister to France.",
     None, None, ("ESP", "senator")),
    ("a-government-lacking-is-no-existing-one",
     "Nicolás Maduro spoke. No aid to Venezuela can work without an honest government in Caracas.",
     None, None, ("venezuela-government", "honest government")),
    ("a-fan-is-another-actor",
     "Nicolás Maduro spoke. Rosa Ortiz, never a big Maduro fan, wrote a long essay.",
     None, None, (MADURO, "big fan")),
    ("become-is-a-copula",
     "Mohamed Morsi had become the nation's first democratically elected president a year earlier.",
     "mohamed-morsi", "first democratically elected president", ("role-president", "first democratically elected president")),
    ("a-passive-naming-verb-names-its-subject",
     "The Revolutionary Guard was designated a terrorist group by the State Department in April.",
     "irgc", "terrorist group", ("role-terrorist-group", "terrorist group")),
    ("coordinated-complements-are-complements",
     "Bill Richardson is a longtime diplomat and a former U.S. ambassador to the United Nations.",
     None, None, ("usa-eli", "former ambassador")),
    ("a-visit-by-someone-else-is-not-the-hosts",
     "The first White House visit by a Gulf leader since the deal will look forward.",
     None, None, ("us-government", "first visit")),
    ("capitalised-words-without-a-title-are-a-name",
     "He gave the Republican response to the State of the Union address.[61] As of August 2012, Paul Ryan had sponsored 70 bills.",
     None, None, ("USA", "State of Union")),
    ("no-apposition-across-a-quote-mark",
     '"The visit honours the bond between our nations and Chile, our oldest partner," Press Secretary Josh Earnest said.',
     None, None, ("josh-earnest", "oldest partner")),
    ("coordinated-names-keep-their-apposition",
     "Aid came through the neighbours and U.S. allies Brazil and Colombia on Monday.",
     "BRA", "U.S. allies", None),
    ("a-question-is-no-label",
     "“Is Maduro a tyrant?” asked the senator.",
     None, None, (MADURO, "tyrant")),
    ("a-clause-under-a-modal-verb-is-no-label",
     "Nicolás Maduro spoke. Critics said a lost vote would mean Maduro was a dictator.",
     None, None, (MADURO, "dictator")),
    ("a-place-word-of-its-own-contradicts-the-context",
     "The claim is that China can improve on supposedly chaotic Western democratic government.",
     None, None, ("chinese-government", "supposedly chaotic Western democratic government")),
    ("a-chief-of-an-actor-is-a-person-of-its-own",
     "McGahn later told the White House's then-chief of staff, Reince Priebus, about the request.",
     None, None, ("us-government", "then-chief")),
    ("a-backer-named-in-the-phrase-is-not-its-owner",
     "Guatemalans toppled the U.S.-backed dictator in 1944.",
     None, None, ("us-government", "u.s.-backed dictator")),
    ("conditional-predicate-is-no-label",
     "Nicolás Maduro spoke. If he stays, Maduro is a usurper, the senator argued.",
     None, None, (MADURO, "usurper")),
]


@pytest.mark.parametrize("mechanism,text,actor,present,absent", CASES, ids=[c[0] for c in CASES])
def test_label_owner(nlp, resolver, mechanism, text, actor, present, absent):
    labels = labelled(nlp, resolver, text)
    if present is not None:
        assert present in words_of(labels, actor), [(l.actor_id, l.label) for l in labels]
    if absent is not None:
        wrong_actor, words = absent
        assert words not in words_of(labels, wrong_actor), [(l.actor_id, l.label) for l in labels]


@pytest.mark.parametrize("text", [
    "Officials condemned British attempts to topple the lawfully elected government on Tuesday.",
    "The ministry said Washington tried to overthrow the legitimate government.",
])
def test_the_object_of_an_act_by_its_context_country_is_not_that_country(nlp, resolver, text):
    labels = labelled(nlp, resolver, text)
    assert not any("elected" in l.label or "legitimate" in l.label for l in labels), \
        [(l.actor_id, l.label) for l in labels]
