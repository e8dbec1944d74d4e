"""Candidates and assertion cues, on sentences of our own wording."""

from __future__ import annotations

import pytest

from newsgraph.extract.events import candidate_features
from newsgraph.extract.events.assertion import assess
from newsgraph.extract.events.candidates import MAX_PATH

from .conftest import read


def cands(nlp, extract, text, date="2022-03-01"):
    doc, mentions, actors, quotes = read(nlp, extract, text, date)
    country = {a.id: a.country for a in actors}
    found = candidate_features("t", doc, mentions, quotes, extract.lexicon, date=date, date_precision="day",
                               actors=actors, resolver=extract.resolver)
    return doc, [(country.get(c.source.actor_id), country.get(c.target.actor_id) if c.target else None, c, a, f)
                 for c, a, f in found]


def test_every_ordered_pair_and_no_target_is_a_candidate(nlp, extract):
    _, found = cands(nlp, extract, "Peru accused Chile of spying.")
    pairs = {(s, t) for s, t, *_ in found}
    assert {("PER", "CHL"), ("CHL", "PER"), ("PER", None), ("CHL", None)} <= pairs


def test_the_trigger_is_the_word_that_joins_the_pair(nlp, extract):
    doc, found = cands(nlp, extract, "Japan imposed new sanctions on North Korea.")
    c = next(c for s, t, c, *_ in found if (s, t) == ("JPN", "PRK"))
    assert doc[c.trigger].lemma_ in ("impose", "sanction")
    assert c.proposal is not None and c.proposal.plover == "SANCTION"  # the rules' reading rides along


def test_one_candidate_per_pair_and_paths_are_short(nlp, extract):
    _, found = cands(nlp, extract, "Kenya thanked Uganda, and Kenya's president later called Uganda's leader.")
    keys = [(s, t) for s, t, *_ in found]
    assert len(keys) == len(set((c.sentence, c.source.actor_id, c.target.actor_id if c.target else None)
                                for _, _, c, _, _ in found))
    assert all(len(c.path) - 1 <= MAX_PATH for _, _, c, _, _ in found if c.path != ("rule",))


def test_features_name_the_rule_reading_and_the_trigger(nlp, extract):
    _, found = cands(nlp, extract, "Japan imposed new sanctions on North Korea.")
    f = next(f for s, t, _, _, f in found if (s, t) == ("JPN", "PRK"))
    assert f["rule=SANCTION"] == 1.0 and any(k.startswith("trig=") for k in f)


@pytest.mark.parametrize("text, cue", [
    ("Canada may cut off aid to Mali.", "modal=may"),
    ("Chile did not recognise the government of Peru.", "negated"),
    ("Brazil pledged to send food aid to Haiti.", "gov=pledge"),
    ("Should Canada cut off aid to Mali?", "question"),
    ('"Mali attacked our troops," Niger\'s defence minister said.', "in_quote"),
    ("Officials said Russia sent bombers to Venezuela.", "reported"),
])
def test_assertion_cues_reach_the_features(nlp, extract, text, cue):
    _, found = cands(nlp, extract, text)
    assert any(cue in f for *_, f in found), [sorted(k for k in f if "=" not in k or k.startswith(("modal", "gov")))
                                             for *_, f in found]


def test_a_heading_is_marked(nlp):
    doc = nlp("Opposition claims and US support")
    sent = next(doc.sents)
    assert assess(doc[0], sent, []).heading
