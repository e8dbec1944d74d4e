"""Quotes: spans, kinds, cues and speakers, on short texts of our own."""

from __future__ import annotations

import pytest

from newsgraph.extract.cues import load_cues
from newsgraph.extract.mentions import find_mentions
from newsgraph.extract.quotes import find_quotes, quote_spans
from newsgraph.errors import NewsgraphError


def quotes_of(nlp, resolver, text, date="2019-03-01"):
    doc = nlp(text)
    mentions, actors = find_mentions("a", doc, resolver, date)
    return find_quotes("a", doc, mentions, actors)


def spans(text):
    return [text[s.start:s.end] for s in quote_spans(text)]


# -- quote marks (no model needed) -------------------------------------------------------
def test_apostrophes_inside_words_do_not_open_quotes():
    text = "Moscow’s envoy said “we don’t plan any change” and left. It's the region's mood."
    assert spans(text) == ["“we don’t plan any change”"]


def test_straight_marks_pair_by_their_neighbours():
    text = 'The mayor said: "Roads close at noon." Residents were "surprised".'
    assert spans(text) == ['"Roads close at noon."', '"surprised"']


def test_a_quote_over_several_paragraphs_reopens_each_paragraph_and_closes_once():
    text = "The envoy spoke at length.\n\n“First paragraph of it.\n\n“Second one goes on.\n\n“And the end.”\n\nDone."
    found = quote_spans(text)
    assert [text[s.start:s.end] for s in found] == ["“First paragraph of it.", "“Second one goes on.", "“And the end.”"]
    assert [s.continued for s in found] == [False, True, True]


def test_single_marks_quote_a_headline_but_not_a_possessive():
    text = "Farmers' union: 'We will block the roads'"
    assert spans(text) == ["'We will block the roads'"]


def test_the_cue_lexicon_has_verbs_phrases_and_documents(tmp_path):
    cues = load_cues()
    assert cues.verbs["say"] == "subject" and cues.verbs["quote"] == "object"
    assert cues.phrases[("according", "to")] == "pobj"
    assert "statement" in cues.documents
    bad = tmp_path / "cues.tsv"
    bad.write_text("cue\tkind\tspeaker\nsay\tverb\tnobody\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="E180"):
        load_cues(bad)


# -- kinds and speakers (parsed) ---------------------------------------------------------
@pytest.mark.slow
def test_a_quote_split_around_its_cue_is_two_direct_quotes_of_one_speaker(nlp, resolver):
    text = "“The grain will move,” Sergei Shoigu, Russia’s defence minister, said on Friday. “Ships are waiting.”"
    qs = quotes_of(nlp, resolver, text)
    direct = [q for q in qs if q.kind == "direct"]
    assert [q.text for q in direct] == ["“The grain will move,”", "“Ships are waiting.”"]
    assert {q.speaker_id for q in direct} == {"sergei-shoigu"}
    assert direct[0].cue == "said" and direct[0].speaker_text == "Sergei Shoigu"


@pytest.mark.slow
def test_a_speaker_after_the_quote_in_inverted_order(nlp, resolver):
    qs = quotes_of(nlp, resolver, "“Prices will fall by spring,” said Vladimir Putin.")
    assert qs[0].kind == "direct" and qs[0].speaker_id == "vladimir-putin"


@pytest.mark.slow
def test_a_partial_quote_goes_to_the_speaker_of_its_sentence_and_a_scare_quote_to_nobody(nlp, resolver):
    text = ("Russia's Foreign Ministry accused Washington of “reckless” meddling in the vote.\n\n"
            "Analysts doubt the so-called “reset” will last.")
    qs = [q for q in quotes_of(nlp, resolver, text) if q.kind == "partial"]
    assert [q.text for q in qs] == ["“reckless”", "“reset”"]
    assert qs[0].speaker_id == "russia-mfa" and qs[0].cue == "accused"
    assert qs[1].speaker_id is None and qs[1].cue is None


@pytest.mark.slow
def test_a_pronoun_speaker_is_the_last_person_named(nlp, resolver):
    text = ("Vladimir Putin met farmers in Kursk on Monday.\n\n"
            "“Harvests are the best in a decade,” he told them.")
    q = next(q for q in quotes_of(nlp, resolver, text) if q.kind == "direct")
    assert q.speaker_text == "he" and q.speaker_id == "vladimir-putin"


@pytest.mark.slow
def test_a_cueless_quote_in_the_next_paragraph_continues_the_speaker(nlp, resolver):
    text = ("“We are ready to talk,” Vladimir Putin said.\n\n"
            "“But nobody should expect us to give in.”\n\n"
            "Markets rose after the remarks.")
    direct = [q for q in quotes_of(nlp, resolver, text) if q.kind == "direct"]
    assert len(direct) == 2 and direct[1].speaker_id == "vladimir-putin" and direct[1].cue is None


@pytest.mark.slow
def test_the_statement_speaks_for_its_issuer(nlp, resolver):
    text = ("Russia's Foreign Ministry issued a statement on Tuesday.\n\n"
            "“Sanctions only harm ordinary people,” the statement said.")
    q = next(q for q in quotes_of(nlp, resolver, text) if q.kind == "direct")
    assert q.speaker_id == "russia-mfa"


@pytest.mark.slow
def test_indirect_quotes_with_that_according_to_and_reported_by(nlp, resolver):
    text = ("Vladimir Putin said that the pipeline would open in May. "
            "According to Sergei Lavrov, the talks had stalled. "
            "TASS quoted Shoigu as saying “the units are ready for any order.”")
    qs = quotes_of(nlp, resolver, text)
    said = next(q for q in qs if q.kind == "indirect" and q.cue == "said")
    assert said.text == "that the pipeline would open in May" and said.speaker_id == "vladimir-putin"
    acc = next(q for q in qs if q.cue == "according to")
    assert acc.text == "the talks had stalled" and acc.speaker_id == "sergei-lavrov"
    tass = next(q for q in qs if q.text.startswith("“the units"))
    assert tass.speaker_id == "sergei-shoigu"


@pytest.mark.slow
def test_a_headline_quote_after_a_name_and_a_colon(nlp, resolver):
    text = "Nicolás Maduro: 'We will not surrender to pressure'\n\nThe president spoke in Caracas."
    q = quotes_of(nlp, resolver, text, "2019-02-01")[0]
    assert q.kind == "direct" and q.speaker_id == "nicolas-maduro"


@pytest.mark.slow
def test_about_lists_the_actors_the_quote_mentions(nlp, resolver):
    text = "“Venezuela will never bow to Washington,” Nicolás Maduro said."
    q = next(q for q in quotes_of(nlp, resolver, text, "2019-02-01") if q.kind == "direct")
    assert q.speaker_id == "nicolas-maduro"
    assert "VEN" in q.about and "nicolas-maduro" not in q.about


# -- reported speech and narration -----------------------------------------------------------
def test_a_fronted_participle_is_not_the_speaker(nlp, resolver):
    text = ("Criticising the European Union for \u201cunfair\u201d tariffs, Chinese Foreign Minister Wang Yi "
            "has said that Beijing will respond to \u201cany pressure from Brussels.\u201d")
    quotes = quotes_of(nlp, resolver, text, date="2019-06-01")
    indirect = next(q for q in quotes if q.kind == "indirect")
    assert indirect.speaker_id == "wang-yi"
    inside = next(q for q in quotes if q.text.startswith("\u201cany"))
    assert inside.kind == "partial" and inside.speaker_id == "wang-yi"


def test_narration_is_not_a_quote(nlp, resolver):
    text = ("It is worth noting that the council met twice in May. "
            "The statement suggests that the ministry is softening its line.")
    assert [q for q in quotes_of(nlp, resolver, text) if q.kind == "indirect"] == []


def test_a_quoted_phrase_without_a_verb_is_partial_and_unattributed(nlp, resolver):
    text = 'Analysts have long been wary of denouncing "creeping annexation" in public.'
    (quote,) = quotes_of(nlp, resolver, text)
    assert quote.kind == "partial" and quote.speaker_id is None


def test_a_news_agency_that_reports_is_not_the_speaker(nlp, resolver):
    text = ("Chinese Foreign Minister Wang Yi criticised the tariffs, calling them "
            "\u201ca blatant act of bullying,\u201d according to Reuters.")
    quote = next(q for q in quotes_of(nlp, resolver, text, date="2019-06-01") if q.kind == "partial")
    assert quote.speaker_id == "wang-yi"


def test_a_day_after_the_cue_is_when_not_who(nlp, resolver):
    text = "“The bridge reopens next week,” said Tuesday the regional transport chief Ilse Varga."
    [quote] = quotes_of(nlp, resolver, text)
    assert "Tuesday" not in (quote.speaker_text or "")


def test_a_surname_speaker_is_the_articles_person_not_a_namesake(nlp, resolver):
    text = ("Campaign adviser Rhona Mills spoke to reporters on Friday. "
            "“We will not back down,” Mills said.")
    quotes = quotes_of(nlp, resolver, text, "2011-05-06")
    assert quotes and quotes[-1].speaker_id == "rhona-mills"  # not Ghana's President Mills


@pytest.mark.slow
def test_a_relative_pronoun_speaks_for_the_noun_its_clause_describes(nlp, resolver):
    text = ("The Russian Foreign Ministry, which said the strikes were illegal, summoned the envoy. "
            "Senator Jane Whitfield, who argued that the deal was weak, voted against it.")
    found = quotes_of(nlp, resolver, text)
    assert [(q.speaker_text, q.speaker_id) for q in found] == [
        ("The Russian Foreign Ministry", "russia-mfa"), ("Senator Jane Whitfield", "jane-whitfield")]


@pytest.mark.slow
def test_a_phrase_quoted_as_what_someone_called_something_is_theirs(nlp, resolver):
    text = 'The Iraqi government called the strikes a "declaration of war." The so-called "peace plan" was dropped.'
    found = [q for q in quotes_of(nlp, resolver, text) if q.kind == "partial"]
    assert [(q.text, q.speaker_id) for q in found] == [('"declaration of war."', "irq-gov"),
                                                       ('"peace plan"', None)]


@pytest.mark.slow
def test_the_writers_own_i_is_narration_not_the_last_person_named(nlp, resolver):
    text = 'Senator Ben Cardin spoke on Monday. I would say that the sanctions came late. "I think we will win," he said.'
    found = quotes_of(nlp, resolver, text)
    assert [(q.kind, q.speaker_id) for q in found] == [("direct", "ben-cardin")]


@pytest.mark.slow
def test_she_does_not_go_to_a_man_the_text_calls_mr(nlp, resolver):
    text = ('Secretary of State Hillary Clinton met the envoy on Monday. Mr. Gingrich arrived later. '
            '"Decline it," she said.')
    found = quotes_of(nlp, resolver, text, date="2012-05-01")
    assert [(q.speaker_text, q.speaker_id) for q in found] == [("she", "hillary-clinton")]


@pytest.mark.slow
def test_an_unnamed_official_and_a_papers_editorial_get_the_right_speakers(nlp, resolver):
    text = ('Defense Secretary Jim Mattis spoke on Monday. "The orders were clear," the official told the paper. '
            'An unsigned editorial in the Global Times argued that the plan was a fluke.')
    found = quotes_of(nlp, resolver, text, date="2018-02-06")
    assert [q.speaker_id for q in found] == ["role-official", "global-times"]
