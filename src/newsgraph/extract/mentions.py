"""Actor mentions in a parsed article, each resolved to a canonical actor.

A mention is a noun phrase that names an actor: a named entity (person,
organisation, country, city, nationality) or a phrase headed by a role word from
the knowledge base ("the diplomat", "Russia's Foreign Ministry", "protesters").
Its span runs over the modifiers to the left of its head, so titles and
nationalities travel with the name ("Chilean Foreign Minister Ana Torres");
an apposition ("Wang Yi, China's foreign minister") describes it.

Resolution goes through `resolve.Resolver` (the knowledge base, as of the article
date), then through the article itself (`link.ArticleLinker`): a surname, a title
or a role noun ("the diplomat", "the ministry") is linked to the actor introduced
earlier. A capital inside a place phrase ("talks in Moscow") is a location, not
the government acting.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.cues import load_cues
from newsgraph.knowledge.load import is_acronym
from newsgraph.knowledge.words import motion_verbs
from newsgraph.extract.link import ArticleLinker
from newsgraph.extract.resolve import Resolution, Resolver
from newsgraph.records import Actor, Mention

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Entities whose words name no actor, even capitalised ("in May", "The American Pageant").
# (Not CARDINAL: the recogniser swallows "Hundreds of Iraqi Turkmen" into one.)
NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "WORK_OF_ART", "LAW"})
# Left dependents that belong to a mention's span.
LEFT_DEPS = frozenset({"det", "compound", "amod", "poss", "nmod", "case", "nummod", "quantmod", "punct"})
# Prepositions that make a place a location rather than an acting government.
# Prepositions inside a title ("Ambassador to Venezuela", "Minister of Defence").
TITLE_PREPS = frozenset({"to", "of", "for", "at", "in"})
STATE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})
PLACE_NOUNS = frozenset("town city village province region district capital area suburb outskirts sector "
                        "neighbourhood neighborhood port island enclave state quarter centre center".split())
PLACE_PREPS = frozenset("in at near outside inside across within around throughout".split())
# Nouns a nationality describes without naming an actor: "of Cuban heritage".
ORIGIN_NOUNS = frozenset("heritage descent origin origins ancestry background roots extraction parentage "
                         "birth".split())


def find_mentions(article_id: str, doc: Doc, resolver: Resolver, date: str | None) -> tuple[list[Mention], list[Actor]]:
    """Every actor mention in the document and the distinct actors they resolve to."""
    places = [ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC")]
    linker = ArticleLinker(resolver, date, resolver.regions_meant(places))
    mentions: list[Mention] = []
    text = doc.text  # Doc.text joins every token on each call: read it once
    # Entities by token, computed once: Span.ents rescans the whole document.
    ent_of: dict[int, Span] = {}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            for i in range(ent.start, ent.end):
                ent_of[i] = ent
    for index, sent in enumerate(doc.sents):
        for span, appos, inner in _candidate_spans(sent, resolver, ent_of, linker.surnames()):
            resolution, kind = _resolve_span(span, appos, resolver, linker, index)
            if resolution is None and inner:
                # the outer phrase names no actor ("allies of President X"): its parts may
                span, appos = inner[0]
                resolution, kind = _resolve_span(span, appos, resolver, linker, index)
            if resolution is None:
                continue
            start, end = span.start_char, span.end_char
            mentions.append(Mention(
                article_id=article_id, sentence=index, start=start, end=end, text=text[start:end],
                actor_id=resolution.actor.id, how=resolution.how, role=resolution.role, kind=kind,
            ))
            for other in _coordinated(span, resolver, date):
                # "Kenyan and Ugandan officials": one phrase, an actor per nationality
                if other.actor.id != resolution.actor.id:
                    linker.note(other)
                    mentions.append(Mention(
                        article_id=article_id, sentence=index, start=start, end=end, text=text[start:end],
                        actor_id=other.actor.id, how=other.how + "+coordinated", role=other.role, kind=kind,
                    ))
    mentions = _acronyms_in_play(mentions, linker)
    mentions = _in_context(mentions, resolver, linker, doc)
    used = {m.actor_id for m in mentions}
    return mentions, [a for a in linker.actors() if a.id in used]


def _in_context(mentions: list[Mention], resolver: Resolver, linker: ArticleLinker, doc: Doc) -> list[Mention]:
    """Groups named by role alone ("rebels", "the opposition", "the police") belong to
    the place their phrase puts them in ("security forces in Guinea", "refugees from
    Iraq"), else to the country their sentence is about, when it names exactly one, else
    to the country of the places where the sentence happens, when they are in one.
    Event coders call this the context country; a group with no country cannot be
    placed in a dyad, and with two countries in the sentence the text does not say
    which is meant."""
    countries = {a.id: a.country for a in linker.actors()}
    sectors = {a.id: a.sector for a in linker.actors()}
    saying = frozenset(load_cues().verbs)
    places = {m.start: countries.get(m.actor_id) for m in mentions if m.kind == "location"}
    # "the Albanians of southern Serbia": a state named in the group's own phrase places it too
    states = {**places, **{m.start: countries.get(m.actor_id) for m in mentions if m.how == "country"}}
    by_sentence: dict[int, set[str]] = {}
    located: dict[int, list[tuple[str, Token]]] = {}
    roots: dict[int, Token] = {}  # each mention's head token, found once
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            roots[m.start] = span.root
        if not countries.get(m.actor_id):
            continue
        if m.kind != "location":
            by_sentence.setdefault(m.sentence, set()).add(countries[m.actor_id])
        elif span is not None:
            located.setdefault(m.sentence, []).append((countries[m.actor_id], span.root))

    def clause_places(root: Token, sentence: int) -> set[str]:
        """Countries of the places the mention's own clause happens in, not the attribution's."""
        top = _clause_top(root, saying)
        if top is None:
            return set()
        return {c for c, place in located.get(sentence, ()) if _within_clause(place, top, saying)}

    out = []
    for m in mentions:
        root = roots.get(m.start)
        if root is None:
            out.append(m)
            continue
        if m.how == "demonym" and m.kind == "actor" and m.text[-1:] == "s":
            # "ethnic Albanians in southern Serbia": people of a nation living in another
            # country are that country's population (the coders' residence convention)
            home = _placed_in(root, states)
            if home is None and any(c.lower_ == "ethnic" for c in root.children):
                # "ethnic Albanians demonstrated in Serbia": the minority's clause happens there
                where = clause_places(root, m.sentence)
                home = next(iter(where)) if len(where) == 1 else None
            if home and home != countries.get(m.actor_id):
                actor = resolver.sector_actor(home, "CVL")
                linker.note(Resolution(actor, "demonym+residence"))
                out.append(Mention(m.article_id, m.sentence, m.start, m.end, m.text, actor.id,
                                   "demonym+residence", m.role, m.kind))
                continue
        if m.how == "title" and not countries.get(m.actor_id) and sectors.get(m.actor_id) in STATE_SECTORS:
            # "Judge Alejandro Rivera … against Chilean officials": an office holder the
            # knowledge base does not know serves the one country the sentence is about
            here = by_sentence.get(m.sentence, set()) | clause_places(root, m.sentence)
            if len(here) == 1:
                countries[m.actor_id] = next(iter(here))
                linker.place(m.actor_id, countries[m.actor_id])
            out.append(m)
            continue
        role = resolver.kb.role(m.role) if m.role else None
        if m.how != "role" or countries.get(m.actor_id) or (
                sectors.get(m.actor_id) in ("IGO", "NGO") and role is not None and role.sector != sectors[m.actor_id]):
            out.append(m)  # placed already, or people of an international body ("Red Cross officials")
            continue
        country = placed = _placed_in(root, places) or _shared_nationality(root, resolver)
        # Else an unambiguous context: one country in the sentence (places counting only
        # in the group's own clause), or else one country where the clause happens:
        # "police prevented the demonstration by students … in Sivas … against sending troops to Iraq"
        where = clause_places(root, m.sentence)
        here = by_sentence.get(m.sentence, set()) | where
        if country is None:
            country = next(iter(here)) if len(here) == 1 else None
        if country is None:
            country = next(iter(where)) if len(where) == 1 else None
        plural = role is not None and m.text.lower().endswith("s") and not role.phrase.endswith("s")
        if country is None or role is None or role.person and not plural or (
                role.kind == "org" and plural and not placed):
            out.append(m)  # "most governments", "ministries": many states' institutions, not one
            continue
        actor = resolver.sector_actor(country, role.sector)
        linker.note(Resolution(actor, "role+context"))
        out.append(Mention(m.article_id, m.sentence, m.start, m.end, m.text, actor.id, "role+context",
                           m.role, m.kind))
    return out


def _acronyms_in_play(mentions: list[Mention], linker: ArticleLinker) -> list[Mention]:
    """An organisation named only by a short acronym counts when the article is about its
    country: "PPP" in a story set in Ohio is no Pakistani party, "ANC" in a story about
    Chile no South African one. Its country must be named by some other mention (a
    country, demonym, city, person or body of it); news introduces a foreign acronym with
    its country or its long form, which resolve without this test."""
    countries = {a.id: a.country for a in linker.actors()}

    def by_acronym(m: Mention) -> bool:
        return m.how.startswith("dictionary:org") and is_acronym(m.text.removeprefix("the ").removeprefix("The "))

    named = {countries.get(m.actor_id) for m in mentions if not by_acronym(m)}
    return [m for m in mentions if not (by_acronym(m) and countries.get(m.actor_id)
                                        and countries[m.actor_id] not in named)]


def _shared_nationality(root: Token, resolver: Resolver) -> str | None:
    """"Israeli helicopters and tanks": a nationality before the first conjunct is the
    second one's too."""
    if root.dep_ != "conj":
        return None
    for child in root.head.children:
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE") and child.i < root.head.i:
            found = resolver.resolve(child.text)
            if found is not None and found.actor.country and not found.actor.sector:
                return found.actor.country
    return None


def _clause_top(root: Token, saying: frozenset[str]) -> Token | None:
    """The top of the clause a mention acts in, or None when the mention is in the
    attribution itself ("…, relief officials in Nairobi said")."""
    top = root
    while top.dep_ not in ("ccomp", "parataxis", "ROOT") and top.head.i != top.i:
        top = top.head
    return None if top.dep_ == "ROOT" and top.lemma_.lower() in saying else top


def _within_clause(place: Token, top: Token, saying: frozenset[str]) -> bool:
    """Whether a place hangs inside the clause `top` heads, not inside a reported-speech
    clause below it."""
    t = place
    while t.i != top.i:
        if t.head.i == t.i or t.dep_ in ("ccomp", "parataxis") and t.lemma_.lower() in saying:
            return False
        t = t.head
    return True


def _placed_in(root: Token, places: dict[int, str | None]) -> str | None:
    """The country of the place a group's own phrase names: "protesters in Baghdad"."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "inside", "of", "throughout", "across"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    start = pobj.left_edge.idx
                    found = next((c for s, c in places.items() if start <= s <= pobj.idx and c), None)
                    if found:
                        return found
    return None


def _candidate_spans(sent: Span, resolver: Resolver, ent_of: dict[int, Span],
                     surnames: frozenset[str] = frozenset()) -> list[tuple[Span, Span | None, list]]:
    """Mention spans of a sentence (outermost only), each with its apposition if any and
    the spans it absorbed, largest first.

    `surnames` are the names the article has already given people in full: "Dujarric
    later said" is that person even when the tagger reads the word as an adjective.
    """
    heads: dict[int, Token] = {}
    for i in range(sent.start, sent.end):
        ent = ent_of.get(i)
        if ent is not None and ent.start == i:
            heads[ent.root.i] = ent.root
    for token in sent:
        if (token.i not in ent_of and token.i not in heads and token.text[:1].isupper() and token.lower_ in surnames
                and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "ROOT")):
            heads[token.i] = token
            continue
        if (token.pos_ in ("NOUN", "PROPN") and token.i not in heads and _is_role_head(token, resolver)
                and not _inside_title(token, resolver)):
            heads[token.i] = token
        elif token.pos_ == "NOUN" and token.i not in heads and token.n_lefts and _names_bloc(token, resolver):
            heads[token.i] = token  # "the Gulf states", "Western countries": a bloc of states
        elif token.pos_ == "NOUN" and token.i not in heads and token.lemma_.lower() == "member" and _of_a_body(token, resolver):
            heads[token.i] = token  # "a member of the Syrian parliament": someone of the body named
        elif (token.pos_ == "PROPN" and token.i not in ent_of and token.dep_ not in ("compound", "flat")
              and token.text[:1].isupper() and token.ent_type_ not in NOT_NAMES):
            # (a word inside a date, an amount or a title of a work is none: "in May")
            heads[token.i] = token  # a name the entity recogniser missed ("Volodin wrote")
    spans: list[tuple[Span, Span | None, list]] = []
    covered: dict[int, list] = {}
    # Outermost first: a head that sits inside another head's span is absorbed, and kept
    # as a fallback in case the outer phrase names no one ("allies of President X").
    for head in sorted(heads.values(), key=lambda t: -len(list(t.subtree))):
        span = _span_of(head, ent_of.get(head.i))
        outer = next((covered[i] for i in range(span.start, span.end) if i in covered), None)
        if outer is not None:
            if head.dep_ not in ("poss",) or head.i in covered:
                outer.append((span, _apposition(head, resolver)))
                continue
        inner: list = []
        for i in range(span.start, span.end):
            covered[i] = inner
        spans.append((span, _apposition(head, resolver), inner))
    return sorted(spans, key=lambda s: s[0].start)


def _is_role_head(token: Token, resolver: Resolver) -> bool:
    if token.dep_ in ("compound", "amod"):
        return False
    kb = resolver.kb
    if kb.role(token.text) is not None or kb.role(token.lemma_) is not None:
        return True
    # Any tail of the modifier chain may be the role: in "Palestinian armed groups" the
    # role is "armed groups", the nationality only places it.
    # A participle before it ("Maduro-controlled election board") describes, not places.
    chain = _left_chain(token) if token.n_lefts else [token]
    return any(kb.role(" ".join(t.text for t in chain[i:])) is not None for i in range(len(chain) - 1)
               if not any(t.tag_ in ("VBN", "VBG", "VBD") for t in chain[:i]))


def _inside_title(token: Token, resolver: Resolver) -> bool:
    """"chief of staff", "head of state": the role word after "of" completes a title; the
    title's own head is the mention, and "staff" alone names no one."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "of" or prep.i != token.i - 1:
        return False
    return resolver.kb.role(f"{prep.head.text} of {token.text}") is not None or (
        prep.head.i == prep.i - 1 and _is_role_head(prep.head, resolver))


def _names_bloc(head: Token, resolver: Resolver) -> bool:
    """A noun whose modifiers make the name of a bloc of states ("Gulf states")."""
    chain = _left_chain(head)
    return len(chain) > 1 and any(
        p.kind == "bloc" for p in resolver.kb.places_named(" ".join(t.text for t in chain)))


def _of_a_body(head: Token, resolver: Resolver) -> bool:
    """"member of the Syrian parliament", "members of the Association of …": the "of"
    object is itself a body (not "the chief of Israel's militia ally")."""
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return obj is not None and (obj.ent_type_ in ("ORG", "GPE", "NORP") or _is_role_head(obj, resolver))


def _left_chain(head: Token) -> list[Token]:
    tokens = [head]
    for child in reversed(list(head.lefts)):
        if child.dep_ in ("compound", "amod") and child.i == tokens[0].i - 1:
            tokens.insert(0, child)
    return tokens


def _span_of(head: Token, ent: Span | None) -> Span:
    """The head with the contiguous left modifiers that belong to it.

    Titles, names, nationalities, possessors and role words travel with the head;
    a participle ("destabilizing", "elected") does only when the head is a role
    word, where it is part of how the text describes the actor.
    """
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in LEFT_DEPS or max(t.i for t in child.subtree) != start - 1:
            break
        if ent is not None and not _belongs_to_name(child, ent.label_ == "PERSON"):
            break
        start = min(t.i for t in child.subtree)
    end = head.i + 1
    if ent is not None:
        start, end = min(start, ent.start), max(end, ent.end)
    else:
        end = max(end, _named_holder_end(head), _of_body_end(head))
    doc = head.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _named_holder_end(head: Token) -> int:
    """"Ambassador to Peru Tomas Ibarra": a title whose phrase ends in
    a person's name runs to the end of that name (the parser often hangs the name
    inside the prepositional phrase)."""
    for child in head.rights:
        if child.dep_ != "prep" or child.i != head.i + 1 or child.lower_ not in TITLE_PREPS or head.tag_ in ("NNS", "NNPS"):
            continue
        last = max(t.i for t in child.subtree)
        if head.doc[last].ent_type_ == "PERSON":
            return last + 1
    return head.i + 1


def _of_body_end(head: Token) -> int:
    """"the president of Armenia", "leaders of Romania's new government": a role word
    followed by "of" and the body or country it belongs to runs to the end of that."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == head.i + 1:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in ("GPE", "NORP", "ORG") or any(
                    t.ent_type_ in ("GPE", "NORP", "ORG") for t in obj.subtree)):
                return max(t.i for t in obj.subtree) + 1
    return head.i + 1


def _belongs_to_name(child: Token, person: bool) -> bool:
    """A left modifier of a named entity that is part of how it is named: before a
    person any descriptor ("socialist dictator", "authoritarian Venezuelan
    President"); before a place or body only names, titles and possessors."""
    if child.tag_ in ("VBG", "VBN") or child.is_punct or any(t.is_quote for t in child.subtree):
        return False
    if person and child.dep_ in ("compound", "amod", "nmod", "poss"):
        return True
    return any(t.is_title or t.is_upper or t.dep_ in ("poss", "case") or t.ent_type_ for t in child.subtree)


ROLE_PREPS = frozenset({"to", "of", "for", "at", "in"})


def _apposition(head: Token, resolver: Resolver) -> Span | None:
    """The phrase set beside the head that says who or what it is.

    "the US envoy to the UN, Nikki Haley": the parser often hangs the name on the
    nearest noun ("UN"); a person's name after a role's own "to"/"of" phrase names the
    holder of the role, never the body in that phrase.
    """
    for child in head.rights:
        if child.dep_ == "appos":
            if _names_role_holder(head, child, resolver):
                return None
            return _subtree_span(child)
    if head.pos_ in ("NOUN", "PROPN") and _is_role_head(head, resolver):
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ROLE_PREPS:
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            # the name hangs on the body ("UN" → appos) or is read as a second object
            beside = [c for obj in objects[:1] for c in obj.rights if c.dep_ == "appos"] + objects[1:]
            holder = next((c for c in beside if _names_role_holder(objects[0], c, resolver)), None)
            if holder is not None:
                return _subtree_span(holder)
    return None


def _names_role_holder(obj: Token, beside: Token, resolver: Resolver) -> bool:
    """Whether `beside`, set after the object of a role's preposition, names the role's holder."""
    if not (beside.dep_ in ("appos", "pobj") and beside.i > obj.i and obj.ent_type_ != "PERSON"
            and obj.dep_ == "pobj" and obj.head.lower_ in ROLE_PREPS and obj.head.head.pos_ == "NOUN"
            and _is_role_head(obj.head.head, resolver)):
        return False
    if beside.ent_type_ == "PERSON":
        return True
    # The recogniser often reads "the UN, Nikki Haley" as one organisation: a known person's name is one.
    found = resolver.resolve(_subtree_span(beside).text) if beside.pos_ == "PROPN" else None
    return found is not None and found.how.startswith("dictionary:person")


def _subtree_span(token: Token) -> Span:
    return token.doc[min(t.i for t in token.subtree):max(t.i for t in token.subtree) + 1]


def _resolve_span(span: Span, appos: Span | None, resolver: Resolver, linker: ArticleLinker,
                  sentence: int) -> tuple[Resolution | None, str]:
    head = span.root
    text = span.text
    first = span[0]
    if (first.is_sent_start and not first.ent_type_ and len(span) > 1
            and (first.pos_ in ("ADJ", "ADV", "NUM") and resolver.resolve(first.text) is None  # "Ghanaian authorities" keeps its demonym
                 or first.pos_ == "PROPN" and span[1].ent_type_ == "NORP" and resolver.resolve(text) is None)):
        # "Angry French workers", "Young Algerians": capitalised only because it opens the sentence
        text = text[:1].lower() + text[1:]
    kind = "modifier" if head.dep_ in ("compound", "amod") else "actor"
    if kind == "modifier" and head.head.lemma_.lower() in ORIGIN_NOUNS:
        return None, kind  # "a senator of Cuban heritage": a background, not Cuba
    if appos is not None:
        text = f"{text}, {appos.text}"
    resolution = linker.resolve(text, span, sentence)
    if (appos is not None and resolution is not None and resolution.how in ("role", "role+country")
            and _is_named_person(appos) and linker.resolver.kb.role(resolution.role or "") is not None
            and linker.resolver.kb.role(resolution.role).person):
        # "the UN spokesman, Stephane Dujarric": a person the knowledge base does not know,
        # placed by the role the text gives them.
        name, a = appos.text, resolution.actor
        resolution = linker.note(Resolution(Actor(_slug(name), name, a.country, a.sector), "apposition",
                                            resolution.role), text, span, sentence)
    if resolution is None and _is_named_person(span):
        # Someone the knowledge base does not know: still one actor, by name, so
        # later mentions, quotes and events can point to them.
        name = span.text
        resolution = linker.note(Resolution(Actor(_slug(name), name, None, None), "name"), text, span, sentence)
    if resolution is None:
        return None, kind
    if _in_place_phrase(head) and (resolution.how in ("country", "demonym", "city", "region")
                                   or resolution.how.startswith("metonym:")):
        kind = "location"
    if kind == "location" and (resolution.how.startswith("metonym:capital") or resolution.how == "city"):
        # "talks in Moscow": the city as a place, its country as the actor it belongs to.
        country = resolution.actor.country
        resolution = linker.note(Resolution(resolver.country_actor(country), "location"))
    return resolution, kind


def _coordinated(span: Span, resolver: Resolver, date: str | None) -> list[Resolution]:
    """The other readings of a phrase whose nationality is coordinated: for "Kenyan and
    Ugandan officials", "Ugandan officials"."""
    head = span.root
    out = []
    for token in span:
        if token.dep_ == "conj" and token.ent_type_ in ("NORP", "GPE") and token.head.dep_ in ("amod", "compound", "nmod"):
            found = resolver.resolve(f"{token.text} {head.text}", date)
            if found is None and resolver.resolve(f"{token.head.text} {head.text}", date) is None:
                # "the Turkish and Greek sides": the head names no role, each nationality its state
                found = resolver.resolve(token.text, date)
            if found is not None:
                out.append(found)
    return out


def _is_named_person(span: Span) -> bool:
    """A PERSON entity of two or more capitalised words with nothing else in the span."""
    words = [t for t in span if not t.is_punct and not _joined_by_hyphen(t)]
    return (len(words) >= 2 and all(t.ent_type_ == "PERSON" and t.text[:1].isupper() for t in words))


def _joined_by_hyphen(token: Token) -> bool:
    """The second part of a hyphenated name ("Eui-sook", "Ji-won"), which keeps its case."""
    i = token.i
    return i >= 2 and token.doc[i - 1].text == "-" and not token.doc[i - 1].whitespace_ \
        and not token.doc[i - 2].whitespace_


def _slug(name: str) -> str:
    from newsgraph.knowledge import name_key

    return "-".join(name_key(name).replace("'", "").split()) or "unknown"


def _in_place_phrase(head: Token) -> bool:
    """"talks in Moscow", "near the town of Samarra", "outside the Iraqi city of Basra",
    "flew to Brussels", "Aleppo's eastern neighbourhoods"."""
    if head.dep_ == "poss" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True  # a city's part is a place: "Kharkiv's suburbs were shelled"
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lemma_.lower() in PLACE_PREPS:
        return True
    if prep.lower_ == "of" and prep.head.ent_type_ == "PERSON" and prep.i == prep.head.i + 1:
        return True  # "Rep. Mike Johnson of Louisiana": where the person is from
    if prep.lower_ in ("to", "into") and prep.head.lemma_.lower() in motion_verbs():
        return True  # where someone goes is a place, not an addressee
    place = prep.head  # "the town of Samarra": a place noun named by its "of" phrase
    return prep.lower_ == "of" and place.lemma_.lower() in PLACE_NOUNS
