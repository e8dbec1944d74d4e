"""Conflicting claims: one proposition, both answers, side by side.

Claims are read from labels (which the parse attached to the actor they judge); these
tests check the lexicon matching, the holder and the sides, on the fixture store and on
small stores of our own rows.
"""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph.analysis.claims import _in_a_name, _negated, _tokens, conflicting_claims, find_claims
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
        ("rigged", "quoted", "Aino Salo", "label")
    ]
    assert "rigged" in c["against"][0]["evidence"]
    assert [(s["speaker"], s["voice"], len(s["sentences"])) for s in c["speakers_against"]] == [("Aino Salo", "quoted", 1)]
    assert [s["voice"] for s in c["speakers_for"]] == ["author"]


def test_agreeing_claims_are_no_conflict(analysis_store):
    with open_store(analysis_store, readonly=True) as st:
        claims = find_claims(st)
    # "fair to both fleets" judges no state's rule: the lexicon has "free and fair", not "fair".
    assert all(c["subject"] == "state:SDV" for c in claims)


def test_negation_inside_a_label_flips_and_terms_are_data():
    tokens = _tokens("count was not fraudulent")
    at = [t[0] for t in tokens].index("fraudulent")
    assert _negated(tokens, at)
    tokens = _tokens("non-democratic rule")
    assert _negated(tokens, [t[0] for t in tokens].index("democratic"))
    terms = load_claim_terms()
    assert terms[("illegitimate",)] == ("legitimacy", -1)
    assert terms[("free", "and", "fair")] == ("legitimacy", 1)


def test_names_and_affiliations_are_no_judgements():
    def at(sentence, word):
        i = sentence.index(word)
        return sentence, (i, i + len(word))

    assert _in_a_name(*at("The Democratic nominee spoke.", "Democratic"))
    assert _in_a_name(*at("a democratic-led council", "democratic"))
    assert _in_a_name(*at('he said," Democratic Rep. Lee', "Democratic"))
    assert _in_a_name(*at("Democratic leaders met.", "Democratic"))  # at a sentence start too
    assert not _in_a_name(*at("a democratic vote", "democratic"))


# A store of our own rows: one article per tuple (outlet, sentence, labels, quotes).
ACTORS = [("VOS", "Vosland", "VOS", None), ("vos-gov", "Government of Vosland", "VOS", "GOV"),
          ("ana-pell", "Ana Pell", "VOS", "GOV"), ("lio-marr", "Lio Marr", "KAR", "GOV"),
          ("rioters", "rioters", None, "CVL"), ("govts", "governments", "VOS", "GOV")]


def _store(articles) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.executescript(
        'CREATE TABLE articles (article_id TEXT, outlet TEXT, title TEXT, date TEXT);'
        'CREATE TABLE actors (actor_id TEXT, name TEXT, country TEXT, sector TEXT);'
        'CREATE TABLE sentences (article_id TEXT, idx INTEGER, start INTEGER, text TEXT);'
        'CREATE TABLE quotes (article_id TEXT, start INTEGER, "end" INTEGER, kind TEXT, speaker_id TEXT, '
        'speaker_name TEXT, speaker_text TEXT);'
        'CREATE TABLE labels (article_id TEXT, sentence INTEGER, start INTEGER, "end" INTEGER, actor_id TEXT, '
        'label TEXT, kind TEXT, polarity TEXT, voice TEXT, speaker_id TEXT, speaker_name TEXT);'
        'CREATE TABLE mentions (article_id TEXT, sentence INTEGER, actor_id TEXT, how TEXT);')
    conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?)", ACTORS)
    for n, (outlet, sentence, labels, quotes) in enumerate(articles):
        aid = f"a{n}"
        conn.execute("INSERT INTO articles VALUES (?, ?, '', '2024-01-01')", (aid, outlet))
        conn.execute("INSERT INTO sentences VALUES (?, 0, 0, ?)", (aid, sentence))
        for words, actor, polarity, voice, speaker in labels:
            i = sentence.index(words.split()[0])
            j = sentence.index(words.split()[-1], i) + len(words.split()[-1])
            kind = "modifier" if "-backed" in words else "predicate"
            conn.execute("INSERT INTO labels VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                         (aid, i, j, actor, words, kind, polarity, voice, speaker))
            conn.execute("INSERT INTO mentions VALUES (?, 0, ?, ?)", (aid, actor, "role" if actor == "govts" else "dictionary"))
        for text, kind, speaker, name in quotes:
            i = sentence.index(text)
            conn.execute("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, NULL)", (aid, i, i + len(text), kind, speaker, name))
    return conn


def test_the_speaker_of_an_indirect_quote_holds_the_claim():
    conn = _store([("herald", "Observers said that Pell won legitimately, Marr told reporters.",
                    [("won legitimately", "ana-pell", "positive", "author", None)],
                    [("that Pell won legitimately", "indirect", "lio-marr", "Lio Marr")])])
    [claim] = find_claims(conn)
    assert (claim["subject"], claim["polarity"], claim["voice"], claim["speaker"]) == ("state:VOS", 1, "quoted", "Lio Marr")


def test_a_negated_predicate_is_a_claim_of_the_other_side():
    conn = _store([("herald", "Pell's victory was not legitimate.",
                    [("victory was not legitimate", "ana-pell", "negative", "author", None)], [])])
    assert [c["polarity"] for c in find_claims(conn)] == [-1]


def test_the_label_polarity_of_other_words_does_not_flip_a_term():
    # "regime" is negative in the framing lexicon; "legitimate" still answers yes.
    conn = _store([("herald", "They backed the legitimate regime of Vosland.",
                    [("legitimate regime", "vos-gov", "negative", "author", None)], [])])
    assert [c["polarity"] for c in find_claims(conn)] == [1]


def test_an_actor_that_holds_no_rule_is_judged_by_no_claim():
    conn = _store([("herald", "The rioters were legitimate, some said.",
                    [("legitimate", "rioters", "positive", "author", None)], [])])
    assert find_claims(conn) == []


def test_each_side_lists_its_speakers_with_their_sentences():
    conn = _store([
        ("herald", "Vosland's dictator Pell spoke.", [("dictator", "ana-pell", "negative", "author", None)], []),
        ("herald", "The autocrat Pell left.", [("autocrat", "ana-pell", "negative", "author", None)], []),
        ("courier", "“Pell's rule is democratic,” Marr said.",
         [("rule is democratic", "ana-pell", "positive", "quoted", "lio-marr")],
         [("“Pell's rule is democratic,”", "direct", "lio-marr", "Lio Marr")]),
    ])
    [c] = conflicting_claims(conn)
    assert c["aspect"] == "democracy"
    assert [(s["speaker"], s["voice"], s["sentences"]) for s in c["speakers_against"]] == [
        ("herald", "author", ["Vosland's dictator Pell spoke.", "The autocrat Pell left."])]
    assert [(s["speaker_id"], s["voice"]) for s in c["speakers_for"]] == [("lio-marr", "quoted")]


@pytest.mark.parametrize("label", ["Democratic rule"])
def test_a_capitalised_term_in_a_label_is_a_name(label):
    conn = _store([("herald", "The Democratic rule of Vosland held.", [(label, "vos-gov", "positive", "author", None)], [])])
    assert find_claims(conn) == []


def test_a_bare_role_word_the_resolver_could_not_place_judges_no_state():
    # the shared generic actor "governments" carries a country in the store, but this
    # sentence placed it nowhere ("role"): no claim on Vosland
    conn = _store([("herald", "Empires toppled democratically elected governments.",
                    [("democratically elected governments", "govts", "positive", "author", None)], [])])
    assert find_claims(conn) == []


def test_a_modifier_judges_what_the_actor_backs_not_the_actor():
    conn = _store([("herald", "Rebels toppled the Vosland-backed dictator Lio Marr.",
                    [("Vosland-backed dictator", "vos-gov", "negative", "author", None)], [])])
    assert find_claims(conn) == []
