"""Tone toward each actor: target-dependent scores, per voice, on sentences of our own."""

from __future__ import annotations

import pytest

from newsgraph.extract import tone
from newsgraph.extract.labels import find_labels
from newsgraph.extract.mentions import find_mentions
from newsgraph.extract.quotes import find_quotes

pytestmark = pytest.mark.slow


def tones_of(nlp, resolver, text, date="2019-03-01"):
    doc = nlp(text)
    mentions, actors = find_mentions("a", doc, resolver, date)
    quotes = find_quotes("a", doc, mentions, actors, resolver.kb)
    labels = find_labels("a", doc, mentions, quotes, resolver.kb)
    return {(t.actor_id, t.voice, t.speaker_id): t for t in tone.find_tones("a", doc, mentions, quotes, labels)}


def test_the_clause_around_each_target_decides_its_tone(nlp, resolver):
    text = ("Angela Merkel praised the brave and generous relief workers. "
            "Separately, Viktor Orbán was condemned for a brutal and corrupt crackdown on reporters.")
    tones = tones_of(nlp, resolver, text)
    assert tones[("angela-merkel", "author", None)].positive == 1
    assert tones[("viktor-orban", "author", None)].negative == 1
    assert tones[("viktor-orban", "author", None)].score < 0 < tones[("angela-merkel", "author", None)].score


def test_quoted_and_author_voices_are_kept_apart(nlp, resolver):
    text = ("Vladimir Putin opened the new terminal on Monday. "
            "“Putin is a ruthless tyrant who wrecks everything,” said Senator Marco Rubio.")
    tones = tones_of(nlp, resolver, text)
    author = tones[("vladimir-putin", "author", None)]
    quoted = tones[("vladimir-putin", "quoted", "marco-rubio")]
    assert author.mentions == 1 and quoted.mentions == 1
    assert quoted.negative == 1 and quoted.score < author.score


def test_a_negative_label_pulls_a_flat_sentence_down(nlp):
    doc = nlp("The dictator arrived in the capital on Tuesday.")
    span = doc[0:2]
    from newsgraph.records import Label

    label = Label("a", 0, 4, 12, "x", "dictator", "title", "negative", "author")
    assert tone.mention_score(span, [label]) < tone.mention_score(span)
    assert tone.lexicon_score(span, [label]) < tone.lexicon_score(span)
    assert tone.classify(tone.lexicon_score(span, [label])) == "negative"


def test_a_mention_score_is_the_model_s_positive_minus_negative(nlp):
    doc = nlp("Fans cheered coach Lina Berg, praising her brilliant and generous leadership.")
    span = doc[3:5]
    p = tone.probabilities([(span, (), None)])[0]
    assert p.sum() == pytest.approx(1.0, abs=1e-5)
    assert tone.mention_score(span) == pytest.approx(float(p[2] - p[0]), abs=1e-6)
    assert p.argmax() == 2


def test_what_is_said_of_a_persons_regime_counts_toward_the_person(nlp, resolver):
    text = "Nicolás Maduro spoke on Monday. The brutal Maduro regime jailed and tortured peaceful protesters."
    tones = tones_of(nlp, resolver, text)
    maduro = tones[("nicolas-maduro", "author", None)]
    assert maduro.mentions == 2 and maduro.negative >= 1


def test_counts_add_up_to_the_mentions_scored(nlp, resolver):
    text = "Angela Merkel spoke in Berlin. Merkel was warmly applauded. Merkel then left."
    t = tones_of(nlp, resolver, text)[("angela-merkel", "author", None)]
    assert t.mentions == t.negative + t.neutral + t.positive == 3
    assert -1.0 <= t.score <= 1.0


def test_classify_uses_the_baseline_thresholds():
    assert tone.classify(-0.5) == "negative"
    assert tone.classify(0.9) == "positive"
    assert tone.classify(tone.POSITIVE) == "neutral"
    assert tone.classify(0.1, negative=-0.2, positive=0.05) == "positive"
