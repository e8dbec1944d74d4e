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
    assert _in_a_name(*at("Democratic leaders met.", "Democratic"))  # at a sentence start too
    assert not _in_a_name(*at("a democratic vote", "democratic"))


def _attach(sentence, term, names):
    """The name a term in `sentence` is attached to, with `names` as resolved mentions."""
    from newsgraph.analysis.claims import _target

    tokens = _tokens(sentence)
    starts, ends = {}, {}
    for name, polity in names.items():
        i = sentence.index(name)
        covered = [k for k, t in enumerate(tokens) if t[1] < i + len(name) and t[2] > i]
        m = {"name": name, "_polity": polity, "_first": covered[0], "_last": covered[-1]}
        starts[covered[0]], ends[covered[-1]] = m, m
    words = [t[0] for t in tokens]
    first = words.index(term)
    found = _target(tokens, first, first, starts, ends)
    return found and found["name"]


def test_a_term_judges_the_phrase_it_opens_or_the_subject_of_its_copula():
    state = ("state:XXX", "X")
    assert _attach("the illegitimate inauguration of Premier Vos", "illegitimate", {"Premier Vos": state}) == "Premier Vos"
    assert _attach("the legitimate government of Vos", "legitimate", {"government": None, "Vos": state}) == "Vos"
    assert _attach("Vos's victory is legitimate", "legitimate", {"Vos": state}) == "Vos"
    assert _attach("the Vos dictatorship", "dictatorship", {"Vos": state}) == "Vos"
    assert _attach("a legitimate fear for Ruritanians", "legitimate", {"Ruritanians": state}) is None
    assert _attach("Vos met a legitimate rival", "legitimate", {"Vos": state}) is None  # no copula
