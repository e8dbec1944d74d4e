"""Whose label: when the parse says a mention's words belong to someone other than the
actor the resolver gave the mention, or to nobody.

- A person's name resolved through its title as an office ("dictator Maduro" read as
  a government by role and country) is the person: the title is theirs.
- A name inside a prepositional phrase under a head that is no name ("a defense
  attorney for President Trump") is not what the head names: the head is someone else.
- A role word placed by a country that only qualifies a participle inside its phrase
  ("the U.S.-backed dictator of Pakistan") is not that country's either.
- A role word placed in the one country of its sentence (how "role+context") is
  contradicted when it is the object of an act by that very country ("U.S. attempts
  to change the elected government": the country is the agent, not the owner), or when
  its own phrase places it elsewhere ("foreign governments", "Western government",
  "their governments").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.records import Mention

PLACES = frozenset({"GPE", "LOC", "NORP", "ORG", "FAC"})


def named_person(span: Span, mention: Mention, people: dict[str, str]) -> str | None:
    """The actor a mention's labels belong to: the mention's, or the person its name
    root names when the resolver read it by its role word (None when that person is
    not among the article's actors: better no label than the office's)."""
    root = span.root
    if mention.how.startswith("role") and root.ent_type_ == "PERSON" and root.pos_ == "PROPN":
        return people.get(root.text.lower())
    return mention.actor_id


def name_in_a_phrase_of_its_own(span: Span, name: set[int], actor_id: str, people: dict[str, str], kb) -> bool:
    """The actor's name sits in a prepositional phrase (not "of") under a head that is
    not a name: the head's words are another person's title. A phrase that names a
    place or body before the person is an office's ("Ambassador to Venezuela Sergey
    Melik-Bagdasarov", the name run into the place by the parser)."""
    if span.root.i in name:
        return False
    for t in span:
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and people.get(t.text.lower(), actor_id) == actor_id:
            prep = next((a for a in t.ancestors if a.dep_ == "prep" and span.start <= a.i < span.end), None)
            if prep is None or prep.lower_ == "of":
                continue
            obj = [x for x in prep.subtree if x.i > prep.i]
            if not any(x.ent_type_ in PLACES or kb.country_by_name(x.text) for x in obj):
                return True
    return False


def actor_tokens(doc: Doc, mentions: Sequence[Mention]) -> dict[int, str]:
    """Token index → the actor of the mention covering it (locations left out)."""
    out: dict[int, str] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and m.kind != "location":
            for t in span:
                out.setdefault(t.i, m.actor_id)
    return out


def acted_on_by_its_context(head: Token, mention: Mention, by_token: dict[int, str],
                            countries: dict[str, str | None]) -> bool:
    """Whether a context-placed role word is contradicted by the parse (then its words
    are left off rather than hung on the wrong state): its own phrase places it
    elsewhere ("foreign governments", "Western democratic government", "their
    governments" — a place word or possessor the resolver did not use), or it is the
    object of an act by its own context country."""
    country = countries.get(mention.actor_id)
    if mention.how != "role+context" or country is None:
        return False
    if any(c.dep_ == "poss" or c.lower_ == "foreign" or c.ent_type_ in ("NORP", "GPE", "LOC")
           for c in head.children if c.i < head.i):
        return True
    if head.dep_ == "dobj":
        verb = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "against" and head.head.dep_ == "prep":
        verb = head.head.head  # "U.S. moves against the government"; "wrote on social media" is no act on it
    else:
        return False
    return any(countries.get(by_token.get(a.i, "")) == country for a in agents(verb))


def agents(verb: Token) -> list[Token]:
    """Who does what the verb says: its subject or by-agent, the subject of the verb it
    completes ("tried to change"), or the owner of the noun it completes ("U.S.
    attempts to change")."""
    out = [c for c in verb.children if c.dep_ == "nsubj"]
    out += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ == "xcomp":
        out += [c for c in verb.head.children if c.dep_ == "nsubj"]
    elif verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        out += [c for c in verb.head.children if c.dep_ in ("poss", "compound", "nmod", "amod")]
    return out


def placed_by_its_backer(span: Span, mention: Mention) -> bool:
    """A role word placed by a country named inside its phrase ("role+country") when that
    country only qualifies a participle ("the U.S.-backed dictator of Pakistan",
    "Moscow-backed rebels"): the country is the backer, not the owner, so the phrase's
    words are left off rather than hung on it."""
    if not mention.how.startswith("role+country"):
        return False
    for t in span:
        if t.i == span.root.i:
            continue
        if (t.head.tag_ in ("VBN", "VBG") and t.head.dep_ == "amod" and t.dep_ in ("npadvmod", "compound", "nmod")
                and t.text[:1].isupper()):
            return True  # "U.S. - backed" split by the tokenizer
        first, _, rest = t.text.partition("-")
        if first[:1].isupper() and rest.lower().endswith("ed") and t.dep_ == "amod":
            return True  # "U.S.-backed" kept as one token
    return False
