"""Labels: the descriptors a text hangs on each actor, and whose voice they are in.

All from the dependency parse around each actor `Mention`, general patterns only:

- title: the words of the mention's own phrase that describe rather than name
  ("the ruthless strongman Ortega", "the embattled leader", "Ortega's regime"
  for the government it resolves to);
- apposition: "Ortega, the embattled leader," and "the country's president, Ortega";
- possession: a noun the actor owns or does, with its modifiers — the actor as its
  possessor, compound, or "of" object ("Ortega's illegitimate regime", "the Ortega
  dictatorship", "the illegitimate swearing-in of Ortega"); a person named inside an
  institution's mention gets the institution's words this way;
- modifier: a phrase the actor helps qualify through a participle ("Ortega-controlled
  election board", "US-backed riots");
- predicate: the complement of a copula or of a naming verb ("X is a dictator",
  "called X a usurper", "X was described as a menace", "recognised X as interim
  president"), a judging adverb on what the actor did ("X won legitimately"), and a
  judgement of what the actor owns or did ("X's victory was rigged", "the vote that
  returned X was rigged"); a negated one keeps its negation ("not legitimate") and
  the opposite polarity; one under a modal or a condition is no label.

A noun that names a person or group of its own ("supporters of Ortega", "an attorney
for Ortega") is another actor, not a label, and a title on a person's name is that
person's even when the resolver read the phrase as an office ("dictator Ortega").
What is said of an entity still to come ("the regime that will replace Ortega", "a
future government") labels no actor (`extract/realis.py`), and neither does a role
word the resolver placed in the one country of its sentence when that country is the
one acting on it ("U.S. attempts to change the elected government"). Polarity comes from the framing lexicon
(`knowledge/data/framing_terms.tsv`). A label whose words lie inside quote marks is in
the quoted voice, with that quote's speaker; indirect speech is the author's wording.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.label_owner import (acted_on_by_its_context, actor_tokens, name_in_a_phrase_of_its_own,
                                           named_person, placed_by_its_backer)
from newsgraph.extract.realis import negation, unasserted, unreal_entity
from newsgraph.knowledge.claims import fold, load_claim_terms
from newsgraph.knowledge.framing import FramingTerms, load_framing_terms
from newsgraph.records import Actor, Label, Mention, Quote

# Left dependents kept in a label phrase (determiners and possessors are not description).
DESCRIBING = frozenset({"amod", "compound", "nmod", "advmod", "npadvmod", "punct", "hyph"})
# How an actor attaches to a noun it owns or does.
OWNER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
COPULA_SLOTS = frozenset({"attr", "acomp"})  # acomp: only an adjective that judges
COPULAS = frozenset({"be", "become", "remain"})  # "X became a citizen": X's predicate
NAMING_SLOTS = frozenset({"oprd", "attr", "xcomp", "acomp", "dobj"})  # dobj: "branded X a usurper" parsed as two objects
# Quantifying adjectives: how many or whose, not what kind ("more writers", "other
# officials", "his own review").
QUANTIFIERS = frozenset("many few more most fewer fewest less least several numerous other such various some own".split())
# Named entity types that name the actor itself, not describe it.
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC"})


def find_labels(article_id: str, doc: Doc, mentions: Sequence[Mention], quotes: Sequence[Quote],
                kb=None, terms: FramingTerms | None = None, people: dict[str, str] | None = None,
                actors: Sequence[Actor] | None = None) -> list[Label]:
    """Every label of every actor mention of a parsed article, deduplicated.

    `kb` (the knowledge base the mentions were resolved with) tells role words that
    name an actor of their own; `people` maps a surname or name to a person actor id
    for people named inside another actor's mention (built from the mentions when
    not given); `actors` (the mentions' actors) give their countries, which tell a
    resolution contradicted by the parse.
    """
    if terms is None:
        terms = load_framing_terms()
    if kb is None:
        from newsgraph.knowledge import default

        kb = default()
    voices = Voices(quotes, doc.text)
    people = people if people is not None else _people(doc, mentions)
    countries = {a.id: a.country for a in actors or ()}
    by_token = actor_tokens(doc, mentions)
    found: dict[tuple, Label] = {}
    for m in mentions:
        if m.kind == "location":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        actor = named_person(span, m, people)
        if actor is None or unreal_entity(span.root, terms) or actor == m.actor_id and (
                placed_by_its_backer(span, m) or acted_on_by_its_context(span.root, m, by_token, countries)):
            continue
        for kind, tokens, actor_id in _attached(span, actor, people, kb, terms):
            tokens = _trim(sorted(set(tokens), key=lambda t: t.i))  # judged as it will read
            label = _make(article_id, m.sentence, actor_id, kind, tokens, terms, voices)
            if label is None or not _informative(label, kind, tokens, m, kb):
                continue
            found.setdefault((label.actor_id, label.start, label.end), label)
    for sentence, actor_id, noun in _pronoun_owned(doc, mentions, set(people.values())):
        if _another_actor(noun, kb, terms):
            continue  # "his Venezuelan counterpart": someone else
        label = _make(article_id, sentence, actor_id, "possession", _phrase(noun), terms, voices)
        if label is not None and _informative(label, "possession", _phrase(noun), None, kb):
            found.setdefault((label.actor_id, label.start, label.end), label)
    return sorted(found.values(), key=lambda l: (l.start, l.actor_id))


def _attached(span: Span, actor_id: str, people: dict[str, str], kb, terms: FramingTerms):
    """(kind, tokens, actor id) for each descriptor the parse ties to this mention."""
    head = span.root
    if is_complement(head, terms):
        return  # "a congressman, envoy to Russia, …" after "had been": its subject's label, not an actor
    name = _name_tokens(span, kb)
    own = [t for t in span if t.i not in name and _describes(t, span)]
    inside = _named_inside(span, people)
    if own and not name_in_a_phrase_of_its_own(span, name, actor_id, people, kb):
        # A head that is not a name but a person's or group's role word ("supporters of
        # X") is someone of its own; any other ("the X regime") is what X owns.
        role = None if head.i in name else (kb.role(head.lemma_) or kb.role(head.text))
        ownable = role is None or role.kind == "org"
        if actor_id in inside and head.i not in name:
            # the phrase was resolved to the person named inside it
            if ownable:
                yield "possession", own, actor_id
        else:
            yield "title", own, actor_id
            for person in inside:
                if person != actor_id and ownable and head.i not in name:
                    yield "possession", own, person
    for child in head.rights:
        if (child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and not _is_name(child)
                and not any(c.dep_ == "nummod" for c in child.children)  # "35 tons": a quantity
                and not _enumeration(child)):
            yield "apposition", _phrase(child), actor_id
    if (head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < span.start
            and not _enumeration(head) and not is_complement(head.head, terms)):
        yield "apposition", _phrase(head.head), actor_id
    owned = _owned(head, span, kb, terms)
    if owned is not None:
        kind, noun = owned
        tokens = _phrase(noun)
        if kind == "possession":
            tokens = [t for t in tokens if t.i < span.start or t.i >= span.end]
        yield kind, tokens, actor_id
    predicate = _predicate(head, terms)
    if predicate is not None:
        yield "predicate", predicate, actor_id
    for tokens in _judged_deeds(head, span, kb, terms):
        yield "predicate", tokens, actor_id


def _enumeration(appos: Token) -> bool:
    """An apposition inside a run of them ("a governor, envoy to Spain, senator, secretary
    of war and minister") is a list of posts, not a description of its neighbour; one
    across a quote mark ("… France, our oldest ally," Secretary X said) is the parser
    joining the quote's last noun to its speaker."""
    posts = ("appos",) if _is_name(appos) else ("appos", "conj")  # "allies Brazil and Colombia": names
    if appos.head.dep_ == "appos" or any(c.dep_ in posts for c in appos.children):
        return True
    low, high = sorted((appos.i, appos.head.i))
    return any(t.is_quote for t in appos.doc[low:high])


def _name_tokens(span: Span, kb) -> set[int]:
    """Tokens of the span that name the actor (its name, possessor, determiner) rather
    than describe it: the root when it is a name, the names compounded onto it, and
    every possessor. A name deeper down ("White House-sponsored") describes."""
    root = span.root
    # A capitalised head that is no role word names the actor even when the tagger
    # missed it ("Volodin wrote", a sentence-initial "Trump" tagged as a common noun).
    bare = root.text[:1].isupper() and not kb.role(root.text) and not kb.role(root.lemma_)
    out: set[int] = {root.i} if _is_name(root) or bare else set()
    for t in sorted(span, key=lambda t: -t.i):  # right to left: a compound precedes its head
        compounded = t.dep_ in ("compound", "flat") and (t.head.i in out or t.head.i == root.i)
        # A capitalised word right before a name is part of it even when the recogniser
        # left it out ("Defense Secretary Victorino Mercado"); a role word describes.
        adjacent = t.pos_ == "PROPN" and t.text[:1].isupper() and t.i + 1 in out
        if compounded and (_is_name(t) or adjacent) and not (kb.role(t.text) or kb.role(t.lemma_)):
            out.add(t.i)
        elif t.dep_ in ("det", "case", "predet"):
            out.add(t.i)
        if t.dep_ == "poss" and t.i != root.i:  # a possessor inside the phrase: "Russia's minister"
            out.update(x.i for x in t.subtree)
    return out


def _describes(token: Token, span: Span) -> bool:
    if token.is_punct and token.text not in ("-", "–"):
        return False
    if token.pos_ in ("DET", "PRON", "CCONJ", "PART", "NUM") or token.is_space or token.lower_ in QUANTIFIERS:
        return False
    if any(t.dep_ in ("nummod", "quantmod") for t in token.ancestors if t.i >= span.start) or token.dep_ in (
            "nummod", "quantmod"):
        return False  # "more than 950,000 students": a quantity, not a description
    return token.i <= span.root.i or token.head.i >= span.start and token.head.i <= span.root.i


def _is_name(token: Token) -> bool:
    return token.ent_type_ in NAME_TYPES and token.pos_ == "PROPN"


def _named_inside(span: Span, people: dict[str, str]) -> list[str]:
    """Person actors named inside a mention as owners ("the Ortega regime", "Ortega's
    government", "the government of Ortega")."""
    out = []
    for t in span:
        owner = t.dep_ in OWNER_DEPS | {"flat"} or t.dep_ == "pobj" and t.head.lower_ == "of"
        if t.pos_ == "PROPN" and t.i != span.root.i and owner:
            actor = people.get(t.text.lower())
            if actor and actor not in out:
                out.append(actor)
    return out


def _owned(head: Token, span: Span, kb, terms: FramingTerms) -> tuple[str, Token] | None:
    """The noun the actor owns or qualifies, outside its own mention span."""
    noun, kind = None, "possession"
    if head.dep_ in OWNER_DEPS and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
    elif (head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN"
          and head.head.head.lemma_.lower() not in terms.partitives):  # "a majority of X" is X, not X's
        noun = head.head.head
    elif head.dep_ == "npadvmod" and head.head.tag_ in ("VBN", "VBG") and head.head.dep_ == "amod":
        noun, kind = head.head.head, "modifier"  # "X-backed riots"
    while noun is not None and noun.i >= 2 and noun.doc[noun.i - 1].tag_ == "HYPH" and noun.head.i == noun.i - 2:
        noun = noun.head  # "swearing-in": the word after the hyphen hangs on the one before
    if noun is None or span.start <= noun.i < span.end or _is_name(noun):
        return None
    if _another_actor(noun, kb, terms):
        return None  # "supporters of X", "X's longtime ally": an actor of its own, not X's
    if head.dep_ == "compound" and any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children):
        return None  # "the first White House visit by a Gulf leader": the leader's act, not the host's
    return kind, noun


def _person_role(token: Token, kb) -> bool:
    role = kb.role(token.text) or kb.role(token.lemma_)
    return role is not None and role.kind == "person"


def _another_actor(noun: Token, kb, terms: FramingTerms) -> bool:
    """A noun that names a person or group of its own: a person or group role word, or a
    relation noun of the lexicon ("ally", "rival", "counterpart")."""
    role = kb.role(noun.lemma_) or kb.role(noun.text)
    return role is not None and role.kind in ("person", "group") or noun.lemma_.lower() in terms.relations


def _predicate(head: Token, terms: FramingTerms) -> list[Token] | None:
    """The complement a copula or a naming verb gives the actor, with its negation if
    any; also through a relative clause on the actor ("X, who is a dictator,"). None
    under a modal or a condition ("X would be a dictator", "if X is a dictator")."""
    for clause in head.rights:
        if clause.dep_ == "relcl":
            relative = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                             and c.tag_ in ("WP", "WDT")), None)
            if relative is not None:
                found = _predicate(relative, terms)
                if found is not None:
                    return found
    verb = head.head
    if head.dep_ == "nsubj" and verb.lemma_ in COPULAS:
        slots = COPULA_SLOTS
    elif head.dep_ in ("nsubjpass", "dobj") and verb.lemma_ in terms.naming_verbs:
        slots = NAMING_SLOTS
    else:
        return None
    if unasserted(verb):
        return None
    neg = negation(verb)
    # "recognised X as interim president": "as" often hangs on the object, not the verb
    as_phrases = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "as"] if slots is NAMING_SLOTS else []
    for child in list(verb.rights) + as_phrases:
        if child.dep_ in slots and child.pos_ in ("NOUN", "ADJ", "PROPN") and child.i != head.i:
            if child.pos_ == "ADJ" and not _judges([child], terms):
                continue  # "X is ready": a state, not a label; "X is illegitimate" is one
            return _negated(neg, _predicate_phrase(child))
        if child.dep_ == "prep" and child.lower_ == "as" and (child.head is head or verb.lemma_ in terms.naming_verbs):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "ADJ", "PROPN"):
                return _negated(neg, _predicate_phrase(obj))
    return None


def _judged_deeds(head: Token, span: Span, kb, terms: FramingTerms):
    """Judgements of what the actor did or owns: a judging adverb on a verb the actor is
    subject of ("X won legitimately", "X was legitimately elected"), and a judging
    predicate of a noun the actor owns, does or is named in ("X's victory is
    legitimate", "the count by X was deeply flawed", "the vote that returned X was
    rigged"). Asserted ones only; a negation is kept."""
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX") and not unasserted(head.head):
        verb = head.head
        for adverb in verb.children:
            if adverb.dep_ == "advmod" and adverb.pos_ == "ADV" and _judges([adverb], terms):
                yield _negated(negation(verb), sorted([verb, adverb], key=lambda t: t.i))
    for noun in _deeds(head, span, kb):
        if noun.dep_ not in ("nsubj", "nsubjpass") or unasserted(noun.head):
            continue
        verb = noun.head
        if noun.dep_ == "nsubjpass" and verb.tag_ == "VBN" and _judges([verb], terms):
            be = [t for t in verb.children if t.dep_ == "auxpass"]
            yield _negated(negation(verb), [noun, *be[:1], verb])  # "the vote was rigged"
        elif verb.lemma_ in COPULAS:
            slot = next((c for c in verb.rights if c.dep_ in COPULA_SLOTS and c.pos_ in ("ADJ", "NOUN", "VERB")), None)
            judgement = _predicate_phrase(slot) if slot is not None else []
            if judgement and _judges(judgement, terms):
                yield _negated(negation(verb), [noun, verb, *judgement])  # "X's victory is legitimate"


def _deeds(head: Token, span: Span, kb) -> list[Token]:
    """Nouns the actor owns, does or defines, up to three steps up: possessor or compound
    ("X's victory"), of- or by- object ("the announcement of results by X"), object or
    subject of a relative clause on the noun ("the vote that returned X"; not one in
    the future: "the regime that will replace X"). People are their own actors."""
    out, t = [], head
    for _ in range(3):
        if t.dep_ in ("poss", "compound", "nmod") and t.head.pos_ == "NOUN":
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ in ("of", "by") and t.head.head.pos_ == "NOUN":
            t = t.head.head
        elif (t.dep_ in ("dobj", "nsubj") and t.head.dep_ == "relcl" and t.head.head.pos_ == "NOUN"
              and not unasserted(t.head)):
            t = t.head.head
        else:
            break
        if span.start <= t.i < span.end or _is_name(t):
            break
        role = kb.role(t.lemma_) or kb.role(t.text)
        if role is not None and role.kind in ("person", "group"):
            break  # "supporters of X were …": people of their own
        out.append(t)
    return out


def _predicate_phrase(word: Token) -> list[Token]:
    """A complement with the words coordinated with it ("free and fair")."""
    tokens = _phrase(word)
    for child in word.rights:
        if tokens and child.dep_ in ("cc", "conj") and min(x.i for x in child.subtree) == tokens[-1].i + 1:
            tokens = tokens + ([child] if child.dep_ == "cc" else _phrase(child))
    return tokens


def _negated(neg: Token | None, tokens: list[Token]) -> list[Token]:
    return [neg, *tokens] if neg is not None and tokens else tokens


def _judges(tokens: list[Token], terms: FramingTerms) -> bool:
    """Whether the words carry a judgement: a framing term or a claim term."""
    words = [t.lower_ for t in tokens]
    if terms.polarity(words) or terms.polarity([t.lemma_.lower() for t in tokens]):
        return True
    folded = tuple(fold(" ".join(words)).split())
    claims = load_claim_terms()
    return any(folded[i:i + n] in claims for i in range(len(folded)) for n in range(1, 4))


def is_complement(head: Token, terms: FramingTerms) -> bool:
    """A mention that is itself the complement ("a dictator" in "X is a dictator", "a
    diplomat and a former ambassador") labels its subject: it is no actor of its own to
    label or to score."""
    while head.dep_ == "conj" and head.head is not head:
        head = head.head  # the second of coordinated complements is one too
    if head.dep_ == "pobj" and head.head.lower_ == "as":
        governor = head.head.head
        if governor.dep_ in ("dobj", "nsubjpass") and governor.pos_ in ("NOUN", "PROPN"):
            governor = governor.head  # "recognised X as interim president", "as" on the object
        return governor.lemma_ in terms.naming_verbs
    if head.dep_ == "dobj":  # the second of two objects ("branded X a usurper", "X was designated a …")
        return head.head.lemma_ in terms.naming_verbs and any(
            c.dep_ == "dobj" and c.i < head.i or c.dep_ == "nsubjpass" for c in head.head.children)
    return head.dep_ in COPULA_SLOTS | NAMING_SLOTS and head.head.lemma_ in terms.naming_verbs | COPULAS


def _phrase(noun: Token) -> list[Token]:
    """A noun with the left modifiers that describe it ("illegitimate swearing-in")."""
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.dep_ not in DESCRIBING or max(t.i for t in child.subtree) != start - 1:
            break
        start = min(t.i for t in child.subtree)
    doc = noun.doc
    end = noun.i + 1
    while end + 1 < len(doc) and doc[end].tag_ == "HYPH" and doc[end + 1].head.i in (noun.i, end):
        end += 2  # "swearing-in", "take-over": the hyphenated rest of the word
    tokens = [t for t in doc[start:end] if not (t.is_punct and t.text not in ("-", "–"))]
    return [t for t in tokens if t.pos_ not in ("DET", "PRON") and t.lower_ not in QUANTIFIERS]


def _informative(label: Label, kind: str, tokens: list[Token], mention: Mention, kb) -> bool:
    """Whether a label says something about the actor beyond naming it.

    A label of names only ("Venezuelan" for Venezuela) names; a lone role word that is
    all the text says of a generic group ("officials") is the group itself; a bare noun
    the actor owns or does ("its statement", "Russia's visit") describes the thing,
    not the actor — unless it is one of the actor's institutions ("Ortega's regime",
    "his government": an org role word) or carries a judgement.
    """
    words = [t for t in tokens if not t.is_punct]
    if any(c in t.text for t in words for c in "[]{}<>|"):
        return False  # a citation mark or markup run into a word ("policy.[172]"): no phrase
    if all(t.ent_type_ and t.pos_ in ("PROPN", "ADJ") for t in words):
        return False
    content = [t for t in words if t.is_alpha and t.pos_ not in ("ADP", "DET", "CCONJ", "PART")]
    if content and all(t.text[:1].isupper() and not t.is_upper for t in content) and not any(
            _person_role(t, kb) for t in content):
        return False  # capitalised words and no title among them: a name ("State of the Union", "Campaign Report")
    if not any(t.text[:1].islower() and t.is_alpha or kb.role(t.text) or kb.role(t.lemma_) for t in words):
        return False  # only names, acronyms, handles and tags: "AFP", "@handle", "D-Md."
    if kind == "title" and len(words) == 1 and mention is not None and mention.how in ("role", "role+context"):
        return False
    if kind == "possession" and len(words) == 1 and label.polarity is None:
        role = kb.role(words[0].lemma_) or kb.role(words[0].text)
        return role is not None and role.kind == "org"
    return True


def _make(article_id: str, sentence: int, actor_id: str, kind: str, tokens: list[Token],
          terms: FramingTerms, voices: "Voices") -> Label | None:
    tokens = _trim(sorted(set(tokens), key=lambda t: t.i))
    if not tokens or not any(t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") for t in tokens):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = _text(tokens)
    # A judging word used as a name judges nothing: "Democratic" in "Democratic senator"
    # (a party), "Popular" in a party's name. Capitalised inside a sentence = a name.
    judged = [t for t in tokens if not (t.text[:1].isupper() and not t.is_upper
                                        and (not t.is_sent_start or t.ent_type_ == "NORP"))]
    words = [t.lower_ for t in judged]
    lemmas = [t.lemma_.lower() for t in judged]
    score = terms.polarity(words) or terms.polarity(lemmas)
    if any(t.dep_ == "neg" for t in tokens):
        score = -score  # "not legitimate": the predicate's negation is kept in its words
    polarity = "negative" if score < 0 else "positive" if score > 0 else None
    voice, speaker = voices.at(start, end)
    return Label(article_id, sentence, start, end, actor_id, text, kind, polarity, voice, speaker)


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("case", "det") or tokens[0].pos_ == "ADP"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "case" or tokens[-1].pos_ == "ADP"):
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    """The label as written, lower-cased except names and acronyms ("US-backed opposition")."""
    out = []
    for i, t in enumerate(tokens):
        keep = t.pos_ == "PROPN" and t.ent_type_ or t.ent_type_ == "NORP" or t.is_upper
        word = t.text if keep else t.lower_
        gap = t.whitespace_ if i + 1 < len(tokens) and tokens[i + 1].i == t.i + 1 else (" " if i + 1 < len(tokens) else "")
        out.append(word + gap)
    return "".join(out).strip()


def _pronoun_owned(doc: Doc, mentions: Sequence[Mention], person_ids: set[str]) -> list[tuple[int, str, Token]]:
    """"his regime", "her government": a personal possessive goes to the most recent
    person named before it, in its sentence or the one before (as quotes resolve he/she)."""
    persons = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        person = span is not None and (span.root.ent_type_ == "PERSON" or m.actor_id in person_ids)
        if person and m.kind != "location":
            persons.append((m.end, m.sentence, m.actor_id, span.root.dep_ in ("nsubj", "nsubjpass")))
    by_token: dict[int, str] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and m.kind != "location":
            by_token.setdefault(span.root.i, m.actor_id)
    starts = [p[0] for p in persons] or [len(doc.text) + 1]
    out = []
    for sentence, sent in enumerate(doc.sents):
        for t in sent:
            if t.dep_ != "poss" or t.head.pos_ != "NOUN":
                continue
            if t.lower_ == "whose":  # "Ortega, whose regime …": the noun the clause modifies
                owner = _relative_antecedent(t.head)
                if owner is not None and owner.i in by_token:
                    out.append((sentence, by_token[owner.i], t.head))
                continue
            if t.lower_ not in ("his", "her"):
                continue
            i = bisect.bisect_right(starts, t.idx) - 1
            if i < 0 or sentence - persons[i][1] > 1:
                continue
            # In its own sentence the subject is the likelier owner ("X thanked Y for
            # helping his regime"): the first subject person before it, else the nearest.
            here = [p for p in persons[:i + 1] if p[1] == sentence and p[3]]
            out.append((sentence, (here[0] if here else persons[i])[2], t.head))
    return out


def _relative_antecedent(noun: Token) -> Token | None:
    """The noun a relative clause hangs on, from a noun inside the clause."""
    t = noun
    while t.dep_ not in ("relcl", "ROOT") and t.head is not t:
        t = t.head
    return t.head if t.dep_ == "relcl" else None


def _people(doc: Doc, mentions: Sequence[Mention]) -> dict[str, str]:
    """Surname and full name → actor, for every mention that names a person."""
    out: dict[str, str] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.ent_type_ != "PERSON" or span.root.pos_ != "PROPN" or m.how.startswith("role"):
            continue  # a name resolved through its title as an office names no person
        out.setdefault(span.root.text.lower(), m.actor_id)
    return out


class Voices:
    """Which quote, if any, holds a character span: the words' voice and speaker.

    Only words inside quote marks (direct and partial quotes) are the speaker's own;
    an indirect quote ("officials said that …") is the author's wording of a claim,
    so its words stay in the author's voice, as do words in square brackets inside a
    quote (the editor's insertion: "[the president] said").
    """

    def __init__(self, quotes: Sequence[Quote], text: str | None = None) -> None:
        self._quotes = sorted((q for q in quotes if q.kind != "indirect"), key=lambda q: q.start)
        self._starts = [q.start for q in self._quotes]
        self._text = text

    def at(self, start: int, end: int) -> tuple[str, str | None]:
        i = bisect.bisect_right(self._starts, start)
        for q in reversed(self._quotes[max(0, i - 8):i]):
            if q.start <= start and end <= q.end:
                if self._text is not None and self._text.rfind("[", q.start, start) > self._text.rfind("]", q.start, start):
                    return "author", None
                return "quoted", q.speaker_id
        return "author", None
