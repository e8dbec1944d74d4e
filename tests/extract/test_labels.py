"""Labels: the descriptors hung on each actor, by syntactic pattern, with their voice.

Sentences are our own; each test names the general pattern it checks.
"""

from __future__ import annotations

import pytest

from newsgraph.extract.labels import find_labels
from newsgraph.extract.mentions import find_mentions
from newsgraph.extract.quotes import find_quotes
from newsgraph.errors import NewsgraphError
from newsgraph.knowledge.framing import load_framing_terms

pytestmark = pytest.mark.slow
MADURO = "nicolas-maduro"


def labels_of(nlp, resolver, text, date="2019-03-01"):
    doc = nlp(text)
    mentions, actors = find_mentions("a", doc, resolver, date)
    quotes = find_quotes("a", doc, mentions, actors, resolver.kb)
    return find_labels("a", doc, mentions, quotes, resolver.kb)


def of(labels, actor=MADURO):
    return {(l.label, l.kind, l.polarity, l.voice) for l in labels if l.actor_id == actor}


def test_title_words_before_a_name(nlp, resolver):
    labels = labels_of(nlp, resolver, "Reporters waited as the autocratic strongman Nicolás Maduro left the hall.")
    assert ("autocratic strongman", "title", "negative", "author") in of(labels)


def test_a_neutral_title_is_a_label_without_polarity(nlp, resolver):
    labels = labels_of(nlp, resolver, "On Monday President Nicolás Maduro opened a new bridge.")
    assert ("president", "title", None, "author") in of(labels)


def test_apposition_after_the_name(nlp, resolver):
    text = "Nicolás Maduro, the embattled leader, did not attend the summit in Lima."
    assert ("embattled leader", "apposition", "negative", "author") in of(labels_of(nlp, resolver, text))


def test_possessed_noun_and_its_modifiers(nlp, resolver):
    text = "Nicolás Maduro spoke on Friday. Banks kept their distance from Maduro's repressive regime."
    assert ("repressive regime", "possession", "negative", "author") in of(labels_of(nlp, resolver, text))


def test_an_of_phrase_belongs_to_its_object(nlp, resolver):
    text = "Nicolás Maduro spoke. Few envoys came to the illegal swearing-in of Maduro on Thursday."
    assert ("illegal swearing-in", "possession", "negative", "author") in of(labels_of(nlp, resolver, text))


def test_a_person_named_inside_an_institution_gets_its_words(nlp, resolver):
    text = "Nicolás Maduro flew home. Sanctions hit the Maduro regime again in May."
    found = of(labels_of(nlp, resolver, text))
    assert ("regime", "possession", "negative", "author") in found


def test_a_participle_modifier_names_what_the_actor_controls(nlp, resolver):
    text = "Nicolás Maduro spoke. The Maduro-controlled election board announced the count."
    found = of(labels_of(nlp, resolver, text))
    assert any(kind == "modifier" and "controlled election board" in label for label, kind, _, _ in found)


def test_copula_and_naming_verb_predicates(nlp, resolver):
    text = "Nicolás Maduro spoke. Maduro is a tyrant. Activists branded Maduro a usurper."
    found = of(labels_of(nlp, resolver, text))
    assert ("tyrant", "predicate", "negative", "author") in found
    assert ("usurper", "predicate", "negative", "author") in found


def test_a_predicate_in_a_relative_clause(nlp, resolver):
    text = "Nicolás Maduro spoke. Maduro, who is a tyrant, left early."
    assert ("tyrant", "predicate", "negative", "author") in of(labels_of(nlp, resolver, text))


def test_a_negated_predicate_keeps_its_negation_and_flips(nlp, resolver):
    text = "Nicolás Maduro spoke. Maduro is not a tyrant."
    found = of(labels_of(nlp, resolver, text))
    assert ("not tyrant", "predicate", "positive", "author") in found
    assert not any(label == "tyrant" for label, *_ in found)


def test_positive_framing_terms(nlp, resolver):
    text = "Nicolás Maduro spoke. Diplomats met Maduro's democratically elected government in Caracas."
    found = of(labels_of(nlp, resolver, text))
    assert ("democratically elected government", "possession", "positive", "author") in found


def test_a_judging_word_used_as_a_name_judges_nothing(nlp, resolver):
    text = "On Friday the Democratic senator Chris Coons met reporters."
    labels = [l for l in labels_of(nlp, resolver, text) if l.actor_id == "chris-coons"]
    assert labels and all(l.polarity is None for l in labels)


def test_a_sentence_initial_name_is_not_a_title(nlp, resolver):
    labels = labels_of(nlp, resolver, "Maduro’s speech, however, drew loud boos in the hall.")
    assert not any(l.kind == "title" for l in labels if l.actor_id == MADURO)


def test_words_inside_quote_marks_are_the_speakers_voice(nlp, resolver):
    text = "Nicolás Maduro spoke. “Maduro is a tyrant,” said Senator Marco Rubio."
    labels = [l for l in labels_of(nlp, resolver, text) if l.actor_id == MADURO and l.label == "tyrant"]
    assert [(l.voice, l.speaker_id) for l in labels] == [("quoted", "marco-rubio")]


def test_square_brackets_inside_a_quote_are_the_editors_words(nlp, resolver):
    text = "Nicolás Maduro spoke. “We back [Venezuelan President] Nicolás Maduro fully,” said Senator Marco Rubio."
    labels = [l for l in labels_of(nlp, resolver, text) if l.actor_id == MADURO and "president" in l.label.lower()]
    assert labels and all(l.voice == "author" and l.speaker_id is None for l in labels)


def test_supporters_of_an_actor_are_not_its_label(nlp, resolver):
    text = "Nicolás Maduro spoke. Loyal supporters of Maduro marched in Caracas."
    assert not any("supporter" in label for label, *_ in of(labels_of(nlp, resolver, text)))


def test_a_part_of_an_actor_is_not_its_possession(nlp, resolver):
    labels = labels_of(nlp, resolver, "Storms cut the power in a large part of Venezuela and the capital of Peru.")
    assert not any("part" in label for label, *_ in of(labels, "VEN"))


def test_a_possessive_pronoun_goes_to_the_subject_it_follows(nlp, resolver):
    text = "Nicolás Maduro thanked Vladimir Putin for backing his regime."
    labels = labels_of(nlp, resolver, text)
    assert ("regime", "possession", "negative", "author") in of(labels)
    assert not of(labels, "vladimir-putin") & {("regime", "possession", "negative", "author")}


def test_label_offsets_point_at_the_words(nlp, resolver):
    text = "Reporters waited as the autocratic strongman Nicolás Maduro left the hall."
    for label in labels_of(nlp, resolver, text):
        assert text[label.start:label.end].lower() == label.label.lower()


def test_framing_terms_match_phrases_before_words():
    terms = load_framing_terms()
    assert terms.polarity("democratically elected".split()) == 1
    assert terms.polarity(["illegitimate", "regime"]) == -2
    assert terms.polarity(["president"]) == 0
    assert "call" in terms.naming_verbs


def test_a_malformed_framing_table_is_a_coded_error(tmp_path):
    path = tmp_path / "framing_terms.tsv"
    path.write_text("term\tkind\tpolarity\ntyrant\tdescriptor\tawful\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="E181"):
        load_framing_terms(path)


def test_a_citation_mark_run_into_words_is_no_label(nlp, resolver):
    text = 'His views were conservative, with a focus on fiscal policy.[172] Ryan "played a central role" in the debates.'
    assert not any("[" in l.label or "]" in l.label for l in labels_of(nlp, resolver, text))


def test_the_rest_of_a_name_is_no_title(nlp, resolver):
    text = "Alex Wang, an environmental law professor at the University of California Los Angeles, told me."
    assert not any(l.label == "Angeles" for l in labels_of(nlp, resolver, text))
