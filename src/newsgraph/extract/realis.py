"""Whether a phrase names an entity that exists, and whether a predicate is asserted.

A label says what a text holds an actor to be. Words said of something still to come
("the democratic regime that will replace X", "a future government", "wants a
democratic government") describe no existing actor, even when the resolver gave the
phrase one; a judgement under a modal or a condition ("X would be illegitimate", "if X
is a dictator") is not asserted. Both read the parse and the lexicon's word lists
(`prospective`, `irrealis-verb` in `knowledge/data/framing_terms.tsv`); the modal and
condition words are the event coder's (`extract/events/assertion.py`).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.events.assertion import CONDITIONS, MODALS
from newsgraph.knowledge.framing import FramingTerms

INDEFINITE = frozenset({"a", "an", "any", "another"})


def unreal_entity(head: Token, terms: FramingTerms) -> bool:
    """The noun names an entity still to come or only wished for: a prospective
    modifier ("the future government"), a restrictive relative clause in the future or
    a modal ("the regime that will replace X"), an indefinite object of a verb of
    wishing, seeking or making, or of a modal verb ("wants a democratic government",
    "would welcome a new leader"), or of "without" ("without an inclusive government")."""
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON":
        return False
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
            words = "".join(t.text for t in child.subtree).lower()
            if words in terms.prospective or child.lemma_.lower() in terms.prospective:
                return True
    for clause in head.rights:
        if clause.dep_ == "relcl" and _restrictive(head, clause) and modal(clause):
            return True
    det = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
    if det in INDEFINITE and head.dep_ == "pobj" and head.head.lower_ == "without":
        return True  # "cannot succeed without an inclusive government": one that is lacking
    if det in INDEFINITE and head.dep_ in ("dobj", "attr", "oprd"):
        verb = head.head
        return verb.lemma_.lower() in terms.irrealis_verbs or modal(verb)
    return False


def modal(verb: Token) -> bool:
    """A modal or future auxiliary on the verb ("will replace", "would be", "is going to")."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in MODALS:
            return True
        if child.dep_ == "aux" and child.lower_ == "going" and verb.tag_ == "VB":
            return True
    return False


def unasserted(verb: Token) -> bool:
    """The verb's clause is not asserted: a modal on it or on the verb its clause hangs
    from, a condition ("if", "unless") on it or on that clause, or a question."""
    if modal(verb):
        return True
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
           for c in verb.children):
        return True  # "if he stays, X is a usurper": the clause holds only under the condition
    t = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in t.children):
            return True
        if t.dep_ not in ("advcl", "ccomp", "xcomp", "conj", "relcl") or t.head is t:
            break
        t = t.head
        if t.dep_ != "relcl" and modal(t):
            return True  # "failure would mean America was a dictatorship": the clause a modal governs
    return _question(verb)


def _question(verb: Token) -> bool:
    """The verb's clause ends in a question mark ("Is X a tyrant?", also inside a quote
    that a cue follows: "“Is X a tyrant?” asked the senator")."""
    doc, j = verb.doc, verb.right_edge.i
    while j < len(doc) and (doc[j].is_quote or doc[j].is_space) and j > verb.i:
        j -= 1
    if doc[j].text == "?":
        return True
    k = verb.right_edge.i + 1
    while k < len(doc) and (doc[k].is_quote or doc[k].is_space):
        k += 1
    return k < len(doc) and doc[k].text == "?"


def negation(verb: Token) -> Token | None:
    """The word that negates the verb ("not", "never", "n't"), if any."""
    return next((c for c in verb.children if c.dep_ == "neg"), None)


def _restrictive(head: Token, clause: Token) -> bool:
    """A relative clause not set off by a comma defines its noun ("the regime that will
    replace X"); one after a comma only adds to it ("the minister, who will travel …")."""
    first = min(t.i for t in clause.subtree)
    return first == 0 or not head.doc[first - 1].is_punct
