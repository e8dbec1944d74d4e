"""Assertion: whether the sentence states its act, and how — the cues the status rests on.

Modality ("will", "could", "must"), negation, the verb a clause hangs on ("pledged to",
"wants to", "said that"), conditions, questions, quotation and headings. These are
features for the model and the negation of the record; they decide nothing alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.records import Quote

MODALS = frozenset("will would shall could can may might should must ought".split())
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp"})
CONDITIONS = frozenset({"if", "unless", "until", "whether"})
NEGATIONS = frozenset({"not", "never", "n't", "no"})


@dataclass(frozen=True)
class Assertion:
    modals: tuple[str, ...]        # modal auxiliaries on the trigger and the clauses above it
    negated: bool
    governors: tuple[str, ...]     # lemmas of the verbs the trigger's clause hangs on, nearest first
    links: tuple[str, ...]         # the dependency of each step up ("xcomp", "ccomp" …)
    condition: bool
    question: bool
    quote_speaker: str | None      # the speaker when the trigger sits inside a direct quote
    in_quote: bool
    heading: bool                  # the sentence has no closing punctuation (a heading or caption)
    tag: str


def assess(trigger: Token, sent: Span, direct: Sequence[Quote]) -> Assertion:
    """The assertion cues of one trigger in its sentence."""
    modals, governors, links = [], [], []
    negated = any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ == "det" for c in trigger.children)
    condition = any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in trigger.children)
    t = trigger
    for depth in range(4):
        modals += [c.lemma_.lower() for c in t.children if c.dep_ == "aux" and c.lemma_.lower() in MODALS]
        if t.dep_ not in CLAUSE_LINKS or t.head.i == t.i:
            break
        links.append(t.dep_)
        t = t.head
        governors.append(t.lemma_.lower())
        if depth == 0 and any(c.dep_ == "neg" for c in t.children):
            negated = True
        condition = condition or any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in t.children)
    speaker, in_quote = None, False
    for q in direct:
        if q.start <= trigger.idx < q.end:
            speaker, in_quote = q.speaker_id, True
            break
    text = _sentence_text(sent)
    return Assertion(tuple(modals), negated, tuple(governors), tuple(links), condition, text.endswith("?"),
                     speaker, in_quote, not text[-1:] in ".!?\"'”’" if text else False, trigger.tag_)


def _sentence_text(sent: Span) -> str:
    """The sentence's text without trailing space, built once per sentence (Span.text
    joins its tokens on every access)."""
    cache = sent.doc.user_data.setdefault("newsgraph_sentence_text", {})
    if sent.start not in cache:
        cache[sent.start] = sent.text.rstrip()
    return cache[sent.start]


def reported(assertion: Assertion, speech_verbs) -> bool:
    """Whether the act is told through a speech verb ("X said Y attacked Z")."""
    return any(g in speech_verbs for g, link in zip(assertion.governors, assertion.links) if link == "ccomp")
