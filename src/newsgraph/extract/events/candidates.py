"""Candidates: every (source, target-or-none) pair a predicate joins in a sentence.

Recall is decided here, so the net is wide: each actor mention of a sentence may act, on
each other mention (a place included: "deployed troops to Syria") within a short
dependency path, or on no one. The rules' proposals join the set, with the actors they
imply that no mention names. Deciding is the model's job, not this module's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.records import Event, Mention

MAX_PATH = 7          # dependency edges between source and target heads
PREDICATE_POS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Candidate:
    """One possible event: who may act on whom, through which word, and what the rules read."""

    sentence: int
    source: Mention
    target: Mention | None
    trigger: int                   # token index of the predicate or event noun joining them
    path: tuple[str, ...]          # dependency labels from source up to the joint and down to target
    proposal: Event | None = None  # the rules' reading of this pair, if they read one


def head(doc: Doc, mention: Mention) -> Token | None:
    """The syntactic head of a mention's span (the token whose head lies outside it)."""
    i = head_index(doc, mention.start, mention.end)
    return doc[i] if i is not None else None


def head_index(doc: Doc, start: int, end: int) -> int | None:
    """The index of the head token of the characters start:end, found once per document."""
    cache = doc.user_data.setdefault("newsgraph_heads", {})
    if (start, end) not in cache:
        span = doc.char_span(start, end, alignment_mode="expand")
        cache[(start, end)] = span.root.i if span is not None and len(span) else None
    return cache[(start, end)]


def doc_text(doc: Doc) -> str:
    """The document's text, joined once (Doc.text rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text


def ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def joint(a: Token, b: Token) -> tuple[Token, list[Token], list[Token]] | None:
    """The lowest common head of two tokens and the chains from each up to it."""
    up_a, up_b = ancestors(a), ancestors(b)
    on_b = {t.i for t in up_b}
    for n, t in enumerate(up_a):
        if t.i in on_b:
            m = next(k for k, u in enumerate(up_b) if u.i == t.i)
            return t, up_a[:n + 1], up_b[:m + 1]
    return None


def trigger_of(top: Token, down: list[Token], is_event_noun) -> Token:
    """The word that carries the act: the first predicate or event noun on the target's
    side below the joint ("imposed sanctions on X": sanctions), else the joint itself."""
    for t in reversed(down[1:-1]):
        if t.pos_ in PREDICATE_POS or t.pos_ == "NOUN" and is_event_noun(t):
            return t
    return top


def governing_predicate(token: Token) -> Token:
    """The nearest predicate above a token (its own clause's verb), or the root."""
    for t in ancestors(token)[1:]:
        if t.pos_ in PREDICATE_POS or t.pos_ == "NOUN" and t.dep_ == "ROOT":
            return t
    return ancestors(token)[-1]


def candidates(doc: Doc, mentions: Sequence[Mention], proposals: Sequence[tuple[Event, int]],
               is_event_noun) -> list[Candidate]:
    """Every candidate of the document, one per (sentence, source actor, target actor):
    the pair's closest mentions stand for it, and the rules' proposal rides along."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    found: dict[tuple[int, str, str | None], Candidate] = {}

    def keep(c: Candidate) -> None:
        key = (c.sentence, c.source.actor_id, c.target.actor_id if c.target else None)
        old = found.get(key)
        if old is None or len(c.path) < len(old.path):
            found[key] = c

    for index, ms in by_sentence.items():
        heads = {id(m): head(doc, m) for m in ms}
        for s in ms:
            hs = heads[id(s)]
            if s.kind == "location" or hs is None:
                continue
            keep(Candidate(index, s, None, governing_predicate(hs).i, (hs.dep_,)))
            for t in ms:
                ht = heads[id(t)]
                if t.actor_id == s.actor_id or ht is None or ht.i == hs.i:
                    continue
                j = joint(hs, ht)
                if j is None:
                    continue
                top, up, down = j
                path = tuple(x.dep_ for x in up[:-1]) + ("^",) + tuple(x.dep_ for x in reversed(down[:-1]))
                if len(path) - 1 > MAX_PATH:
                    continue
                keep(Candidate(index, s, t, trigger_of(top, down, is_event_noun).i, path))
    out = list(found.values())
    by_pair = {(c.sentence, c.source.actor_id, c.target.actor_id if c.target else None): n for n, c in enumerate(out)}
    for event, trigger in proposals:
        key = (event.sentence, event.source_id, event.target_id)
        n = by_pair.get(key)
        if n is not None:
            c = out[n]
            if c.proposal is None:
                out[n] = Candidate(c.sentence, c.source, c.target, trigger, c.path, event)
            continue
        # the rules read a pair no mention pair gives (an implied or unattributed actor)
        source = _stand_in(event.source_id, event, mentions)
        target = _stand_in(event.target_id, event, mentions) if event.target_id else None
        by_pair[key] = len(out)
        out.append(Candidate(event.sentence, source, target, trigger, ("rule",), event))
    return out


def _stand_in(actor_id: str, event: Event, mentions: Sequence[Mention]) -> Mention:
    """A mention of the actor in the event's sentence, or a placeholder at the evidence."""
    for m in mentions:
        if m.actor_id == actor_id and m.sentence == event.sentence:
            return m
    return Mention(event.article_id, event.sentence, event.evidence_start, event.evidence_start, "",
                   actor_id, "implied", None, "actor")
