"""Conflicting claims on the fixture store: one proposition, both answers, side by side."""

from __future__ import annotations

from newsgraph.analysis.claims import _negated, _tokens, conflicting_claims, find_claims
from newsgraph.knowledge.claims import load_claim_terms
from newsgraph.store import open_store


def test_legitimacy_of_sudavia_is_contested(analysis_store):
    with open_store(analysis_store, readonly=True) as st:
        conflicts = conflicting_claims(st)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (c["subject"], c["aspect"]) == ("state:SDV", "legitimacy")
    assert c["subject_name"] == "Sudavia (state)"
    assert [(x["term"], x["voice"], x["source"], x["via"]) for x in c["for"]] == [
        ("legitimately", "author", "ledger", "label")
    ]
    assert [(x["term"], x["voice"], x["speaker"], x["via"]) for x in c["against"]] == [
        ("rigged", "quoted", "Aino Salo", "sentence")
    ]
    assert "rigged" in c["against"][0]["evidence"]


def test_agreeing_claims_are_no_conflict(analysis_store):
    with open_store(analysis_store, readonly=True) as st:
        claims = find_claims(st)
    # "fair to both fleets" judges no state's rule: the lexicon has "free and fair", not "fair".
    assert all(c["subject"] == "state:SDV" for c in claims)


def test_negation_flips_and_terms_are_data():
    tokens = _tokens("The count was not fraudulent.")
    at = [t[0] for t in tokens].index("fraudulent")
    assert _negated(tokens, at)
    terms = load_claim_terms()
    assert terms[("illegitimate",)] == ("legitimacy", -1)
    assert terms[("free", "and", "fair")] == ("legitimacy", 1)


def test_names_and_affiliations_are_no_judgements():
    from newsgraph.analysis.claims import _in_a_name

    def at(sentence, word):
        i = sentence.index(word)
        return sentence, (i, i + len(word))

    assert _in_a_name(*at("The Democratic nominee spoke.", "Democratic"))
    assert _in_a_name(*at("a democratic-led council", "democratic"))
    assert _in_a_name(*at('he said," Democratic Rep. Lee', "Democratic"))
    assert not _in_a_name(*at("“Democratic rule is back,” she said.", "Democratic"))
    assert not _in_a_name(*at("a democratic vote", "democratic"))
    assert not _in_a_name(*at("Democratic rule returned.", "Democratic"))  # sentence start: cannot tell
