"""Rule proposals: who did what to whom, read from the dependency parse and coded from the lexicon.

The rules were the coder until the trained model (`model.py`) took the decision; they now
propose candidates and their reading is a feature.

For every verb of a sentence that has actors, the predicate is looked up in the event
lexicon (`knowledge/events.py`) with what selects its reading — a particle, the
preposition that introduces the target, the head of the object ("impose *sanctions*
*on* X"). Participants come from the parse, resolved through the actor mentions:

- source: the subject (active), the "by" agent (passive), the subject of the verb a
  complement or coordinated verb depends on ("pledged to continue supporting");
- target: the object, the object of the preposition the lexicon names, the passive
  subject ("sanctions were imposed on X by Y": Y → X);
- compound actors give one event per pair ("Russia and China" → two events);
- intention verbs (pledge, vow, plan, threaten) wrap their complement: the complement
  is coded and the status says intended or threatened; "not"/"never" negate;
- an event inside a direct quote is kept with the quote's speaker (claimed).

Nothing here names an actor or a sentence: verbs and nouns are data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.events.candidates import doc_text
from newsgraph.extract.when import event_date
from newsgraph.knowledge.events import recoding, word_classes
from newsgraph.records import Actor, Event, Mention, Quote

# The word lists the rules read, and what a refused promise is recoded as: data, in
# knowledge/data/events/word_classes.tsv and recoding.tsv.
WORDS = word_classes()

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "obj", "attr", "oprd")
PASSIVE_SUBJECT = "nsubjpass"
NEGATIONS = WORDS["negations"]
MODAL_INTENT = WORDS["modal_intent"]
AMOUNT = re.compile(
    r"(?:(?:US)?\$|€|£|¥)\s?\d[\d,.]*\s*(?:billion|million|trillion|bn|m)?"
    r"|\b\d[\d,.]*\s*(?:billion|million|thousand)?\s*(?:dollars|euros|rubles|roubles|yuan|barrels|tons|tonnes"
    r"|troops|soldiers|personnel|specialists|bombers|warships|jets|aircraft|tanks|missiles|people)\b",
    re.I,
)


class Proposal(NamedTuple):
    """An event the rules propose, with the token that triggered it."""

    event: Event
    trigger: int


def propose(article_id: str, doc: Doc, mentions: Sequence[Mention], quotes: Sequence[Quote], lexicon,
            *, date: str | None = None, date_precision: str | None = None,
            actors: Sequence[Actor] = (), resolver=None) -> tuple[list[Proposal], dict[str, Actor]]:
    """The rules' reading of every sentence, and the actors it implies that no mention
    names (a protest's own government, unidentified attackers).

    The rules are a candidate generator and a feature for the trained coder, not the
    final word: `coder.find_events` decides. An event's date comes from the date
    expression of its sentence nearest the trigger, resolved against the article date
    (`when.event_date`).
    """
    coder = _Coder(article_id, doc, mentions, quotes, lexicon)
    coder.date, coder.date_precision = date, date_precision
    coder.countries = {a.id: a.country for a in actors}
    coder.bare_states = {a.id for a in actors if a.country and not a.sector}
    coder.resolver = resolver
    events = coder.run()
    return [Proposal(e, coder.trigger_of[id(e)]) for e in events], dict(coder.extra)


class _Coder:
    def __init__(self, article_id: str, doc: Doc, mentions: Sequence[Mention], quotes: Sequence[Quote],
                 lexicon) -> None:
        self.article_id = article_id
        self.doc = doc
        self.lexicon = lexicon
        self.text = doc_text(doc)
        # Actor mentions by token: which actor a token belongs to.
        self.actor_at: dict[int, Mention] = {}
        self.also_at: dict[int, list[Mention]] = {}  # further actors of a coordinated phrase
        for m in mentions:
            if m.kind == "location":
                continue
            for token in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                if self.actor_at.setdefault(token.i, m) is not m and m.how.endswith("+coordinated"):
                    self.also_at.setdefault(token.i, []).append(m)
        self.locations = [m for m in mentions if m.kind == "location"]
        self.direct = [q for q in quotes if q.kind == "direct"]
        self.date: str | None = None
        self.date_precision: str | None = None
        self.consumed: set[int] = set()
        self.countries: dict[str, str | None] = {}
        self.bare_states: set[str] = set()  # actors that are a state named as such ("Serbia")
        self.resolver = None
        self.extra: dict[str, Actor] = {}
        self.trigger_of: dict[int, int] = {}  # id(event) → index of its trigger token

    def run(self) -> list[Event]:
        events: list[Event] = []
        for index, sent in enumerate(self.doc.sents):
            if not any(t.i in self.actor_at for t in sent) or _question(sent):
                continue  # a question asserts no event ("Should the U.S. cut off aid?")
            for token in sent:
                if (token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT") and token.i not in self.consumed:
                    found = self._code_verb(index, sent, token)
                    if found:  # its objects, phrases and complements are part of this event
                        self.consumed.update(_phrase_tokens(token))
                    events += found
            for token in sent:
                if token.pos_ == "NOUN" and token.i not in self.consumed:
                    events += self._code_noun(index, sent, token)
        return _unique(events)

    # -- verbs ------------------------------------------------------------------------------
    def _code_verb(self, index: int, sent: Span, verb: Token) -> list[Event]:
        if self._aim_of_protest(verb) or _not_asserted(verb):
            return []
        if verb.lemma_ == "be":
            return self._code_disposition(index, sent, verb)
        demand = self._code_obligation(index, sent, verb)
        if demand:
            return demand
        complement = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
        if _forms(verb) & FAILURES and complement is not None:
            return self._code_failure(index, sent, verb, complement)
        entry = self._lookup(verb)
        if entry is None:
            return []
        if (_forms(verb) & CAUTIONS and entry.plover == "THREATEN" and complement is not None
                and complement.dep_ == "ccomp" and not self._addressee(verb) and not _modal_intent(complement)):
            return []  # "campaigners warn that prisons are overcrowded": a gloomy remark (CAMEO 012), no threat
        if entry.plover == "PROTEST" and complement is not None and complement.dep_ == "ccomp":
            # "… are failing refugees, a rights group protested": a protest that says
            # something is a complaint (CAMEO 111), made about whoever the words accuse
            entry = self.lexicon.verb("criticize") or entry
        obj = _object(verb)
        if obj is not None and complement is None and not entry.object and not self._actors_under(obj) and (
                entry.wraps and not _forms(verb) & COMMISSIVES or _forms(verb) & LIGHT_VERBS):
            # "undertook a mediation mission", "announced a suspension of links": without a
            # complement the verb only carries the act its object names (a nominal event)
            return []
        if _helps_do(verb, entry):
            return []
        coded, coding = verb, _Coding(entry.cameo, entry.plover, entry.mode, entry.status or "done")
        if entry.wraps and entry.status in ("intended", "threatened"):
            # "pledged to continue supporting", "threatened to impose sanctions": the act
            # inside is coded, as a promise or a threat of it.
            inner = next((c for c in verb.children if c.dep_ in (entry.wraps, "xcomp", "ccomp")
                          or c.dep_ == "advcl" and _purpose(c) and c.left_edge.i == verb.i + 1), None)
            # ("have sworn to fight" parsed as a purpose clause right after the verb)
            while inner is not None and _forms(inner) & ASPECTUAL and self._lookup(inner) is None:
                # "pledged to continue supporting": the act is what continues
                self.consumed.add(inner.i)
                inner = next((c for c in inner.children if c.dep_ == "xcomp"), inner)
                if _forms(inner) & ASPECTUAL:
                    break
            inner_entry = self._lookup(inner) if inner is not None else None
            if inner_entry is None and inner is not None and inner.pos_ in ("VERB", "AUX"):
                inner_entry = self._object_event(inner)  # "would maintain its support of X"
            if inner_entry is not None and inner_entry.plover:
                coded = inner
                self.consumed.add(inner.i)  # coded here, as the promise or threat; not again as done
                coding = self._intention(inner_entry.cameo, inner_entry.plover, entry.status)
        if not coding.plover:
            return []  # a plain statement: PLOVER codes no event for it
        if coding.cameo[:2] in FORCE_ROOTS and not (entry.object and coded is verb) and not self._object_can_suffer(coded):
            return []  # "executing a strategy", "attacking a problem": force needs someone to suffer it
        if coding.status == "done" and _modal_intent(coded):
            # "Portugal will support …", "they would boycott the talks": a promise or a threat
            coding = self._intention(coding.cameo, coding.plover, "intended")
        if coding.status == "intended" and _conditional(coded):
            # "will withdraw its force unless the president …": a promise held over someone
            coding = self._intention(coding.cameo, "THREATEN", "threatened")
        negated = any(c.dep_ == "neg" for c in list(coded.children) + list(verb.children))
        coding, negated = self._refusal(coding, negated)
        if coding.plover == "PROTEST":  # "rallied to demand reforms", "calling for …": the aim is the protest's
            self.consumed.update(t.i for c in _aims(coded) for t in c.subtree)
        sources = self._sources(verb)
        if not sources and coding.cameo[:2] in FORCE_ROOTS:
            sources = self._unattributed(verb, sent)
        if not sources:
            return []
        if coding.cameo.startswith("042") and self._peacekeepers_act(verb):
            # "NATO peacekeeping troops have arrived in Bosnia": a deployment, not a visit
            code = self.lexicon.code("074")
            coding = _Coding("074", code.plover or "AID", code.plover_mode or None, coding.status)
        targets = self._verb_targets(coded, entry if coded is verb else self._lookup(coded), coding, sources)
        if coding.cameo in VERBAL_FORCE and targets and all(_is_person(m) for m in sources + targets):
            # "Trump attacked Comey", "the senator slammed the governor": between two people
            # named as such, with no weapon said, an attack is words (CAMEO 111)
            code = self.lexicon.code("111")
            coding = _Coding("111", code.plover or "ACCUSE", code.plover_mode or None, coding.status)
        if not targets and coding.cameo[:2] in FORCE_ROOTS and _object(coded) is None and len(sources) < 2:
            return []  # "Cuba punches above its weight": force with no one and nowhere it falls
        speaker = self._speaker_for(coded)
        homes = {self.countries.get(m.actor_id) for m in sources}
        if len(sources) >= 2 and _symmetric(coding) and targets and all(
                self.countries.get(t.actor_id) in homes for t in targets):
            targets = []  # "Hungarian and Romanian officials agreed … Romanian refugees": with each other
        if not targets and len(sources) >= 2 and _symmetric(coding):
            # "Hungarian and Romanian officials agreed": each side acts toward the other
            # (not "Germany and France condemned …": a joint accusation of someone unnamed)
            return [self._event(index, sent, coded, coding, a, b, negated, speaker)
                    for a in sources for b in sources if a.actor_id != b.actor_id]
        events = [self._event(index, sent, coded, coding, source, target, negated, speaker)
                  for source in sources for target in (targets or [None])
                  if target is None or target.actor_id != source.actor_id]
        if _mutual(coding):
            # Meetings, calls and talks are held by both sides.
            events += [self._event(index, sent, coded, coding, target, source, negated, speaker)
                       for source in sources for target in targets if target.actor_id != source.actor_id]
        return events

    def _verb_targets(self, verb: Token, entry, coding: "_Coding", sources: list[Mention]) -> list[Mention]:
        """Whom the act is done to, from the nearest evidence outwards: the verb's own
        phrase, its complement or condition, the act it serves ("sent inspectors to Bosnia
        to investigate"), the place it reaches, an actor inside its phrases, and for a
        protest with no one named, the protesters' own government."""
        targets = self._other_side(self._targets(verb, entry, sources), sources)
        if not targets:
            targets = self._other_side(self._complement_targets(verb, coding.plover), sources)
        if not targets and verb.dep_ in ("advcl", "xcomp") and verb.head.i != verb.i:
            head = verb.head
            targets = self._other_side(self._targets(head, self._lookup(head), sources), sources)
        if not targets and coding.plover == "PROTEST":
            for aim in _aims(verb):  # "calling for independence from Iraq": whom the aim is put to
                targets = self._other_side(self._targets(aim, self._lookup(aim), sources)
                                           or self._complement_targets(aim, "REQUEST"), sources)
                if targets:
                    break
        verbal = coding.cameo[:2] in VERBAL_ROOTS or entry is not None and (
            entry.plover in ("ACCUSE", "REQUEST")
            or entry.plover == "REJECT" and not any(c.dep_ == "xcomp" for c in verb.children))
        if not targets and not verbal:
            # words do not reach a place: "denounced … unrest in Montenegro" is not against
            # Montenegro; "refused to deploy peacekeepers in Iraq" concerns Iraq
            targets = self._place_target(verb, sources, coding.plover)
        if not targets:
            targets = self._named_within(verb, sources)
        if not targets and coding.plover == "PROTEST":
            targets = self._own_government(sources)
        if not targets and coding.cameo.startswith(DOMESTIC_CODES):
            targets = self._own_country(sources)
        return targets

    def _addressee(self, verb: Token) -> list[Mention]:
        """Whom a speech act is addressed to: its object or "to" phrase ("warned Lavrov that")."""
        for child in verb.children:
            if child.dep_ in OBJECTS or child.dep_ == "dative":
                found = self._actors_under(child)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "to":
                found = self._actors_under(next((c for c in child.children if c.dep_ == "pobj"), None))
                if found:
                    return found
        return []

    def _unattributed(self, verb: Token, sent: Span) -> list[Mention]:
        """"A roadside bombing near Samarra killed …", "was killed by an explosive device
        outside Basra": violence that names a weapon but no one wielding it is coded, as
        event data sets do, to unidentified attackers of the country where it happened."""
        weapon = next((c for c in verb.children if c.dep_ in ("nsubj", "agent", "prep")
                       and any(t.lemma_.lower() in UNATTRIBUTED for t in c.subtree if t.pos_ == "NOUN")), None)
        if weapon is None or self.resolver is None:
            return []
        here = {self.countries.get(m.actor_id) for m in self.locations if sent.start_char <= m.start < sent.end_char}
        here.discard(None)
        if len(here) != 1:
            return []
        country = here.pop()
        c = self.resolver.kb.country(country)
        actor = Actor(f"unidentified-{country.lower()}", f"Unidentified attackers ({c.name if c else country})",
                      country, "UAF")
        self.extra[actor.id] = actor
        return [Mention(self.article_id, -1, weapon.idx, weapon.idx + len(weapon), weapon.text, actor.id,
                        "unattributed", None, "actor")]

    def _own_government(self, sources: list[Mention]) -> list[Mention]:
        """A protest that names no target is against the protesters' own government
        (the convention of CAMEO and PLOVER coders)."""
        return self._at_home(sources, "GOV", "protest-target")

    def _own_country(self, sources: list[Mention]) -> list[Mention]:
        """Curfews, martial law, bans on parties and their easing fall on the actor's own
        country when no one else is named ("prepared to impose martial law")."""
        return self._at_home([s for s in sources if s.actor_id != self.countries.get(s.actor_id)],
                             None, "domestic-target")

    def _at_home(self, sources: list[Mention], sector: str | None, how: str) -> list[Mention]:
        """A target the text implies, not names: each source's own country (or its body of
        `sector`), tied to the source's words as evidence."""
        out = []
        for source in sources:
            country = self.countries.get(source.actor_id)
            if not country or self.resolver is None:
                continue
            actor = self.resolver.sector_actor(country, sector) if sector else self.resolver.country_actor(country)
            self.extra[actor.id] = actor
            out.append(Mention(source.article_id, source.sentence, source.start, source.end, source.text,
                               actor.id, how, None, "actor"))
        return out

    def _object_event(self, verb: Token):
        """The event noun a verb with no reading of its own takes as object ("maintain
        its support", "continue the talks"), as a lexicon row."""
        if not _forms(verb) & (LIGHT_VERBS | ASPECTUAL | SUSTAINING):
            return None  # "postpone the demonstration" undoes what the noun names
        obj = _object(verb)
        if obj is None or obj.pos_ != "NOUN":
            return None
        entry = self.lexicon.noun(obj.lemma_.lower())
        return entry if entry is not None and entry.plover else None

    def _aim_of_protest(self, verb: Token) -> bool:
        """"began a hunger strike to demand …", "staged rallies to protest …": the aim of a
        protest the sentence names as a noun is part of that protest, not another event."""
        if verb.dep_ != "advcl" or not _purpose(verb):
            return False
        obj = _object(verb.head)
        if obj is None:
            return False
        compound = next((c for c in obj.children if c.dep_ == "compound" and c.i == obj.i - 1), None)
        lemmas = [obj.lemma_.lower()] + ([f"{compound.lemma_.lower()}-{obj.lemma_.lower()}"] if compound else [])
        return any((e := self.lexicon.noun(lemma)) is not None and e.plover == "PROTEST" for lemma in lemmas)

    def _code_failure(self, index: int, sent: Span, verb: Token, act: Token) -> list[Event]:
        """"failed to reach agreement", "failed to agree on a date": a cooperative act not
        achieved reads as a rejection (PLOVER REJECT); any other act failed is no event."""
        entry = self._lookup(act)
        self.consumed.update(t.i for t in act.subtree)
        if entry is None or entry.plover not in COOPERATIVE:
            return []
        sources = self._sources(verb)
        targets = self._other_side(self._targets(act, entry, sources), sources)
        code = self.lexicon.code("120")
        coding = _Coding("120", "REJECT", code.plover_mode or None, "done")
        speaker = self._speaker_for(verb)
        if not targets and len(sources) >= 2:
            return [self._event(index, sent, verb, coding, a, b, False, speaker)
                    for a in sources for b in sources if a.actor_id != b.actor_id]
        return [self._event(index, sent, verb, coding, a, t, False, speaker)
                for a in sources for t in (targets or [None])]

    def _refusal(self, coding: "_Coding", negated: bool) -> tuple["_Coding", bool]:
        """"X will not accept refugees", "is not willing to meet": a negated promise is a
        refusal (PLOVER REJECT, CAMEO 12x), an event in its own right; a negated act
        that was done ("did not recognise") stays a negated event."""
        if not negated or coding.status != "intended":
            return coding, negated
        cameo = next((v for k, v in REFUSAL_OF.items() if coding.cameo.startswith(k)), "120")
        code = self.lexicon.code(cameo)
        return _Coding(cameo, "REJECT", code.plover_mode or None, "done"), False

    def _complement_targets(self, verb: Token, plover: str | None = None) -> list[Mention]:
        """No target in the verb's own phrase: whoever its complement or condition names.

        "demanded that Turkey release …" and "urged the EU to …" (the one who is to act),
        "refused to meet Jordan's king", "threatened to stop the talks if Washington …"
        (the act's target, or the one whose conduct the threat is conditional on).
        """
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
                subject = next((c for c in child.children if c.dep_ in SUBJECTS), None)
                found = self._actors_under(subject) or self._targets(child, self._lookup(child))
                if found:
                    return found
        if plover not in ("THREATEN", "REQUEST", "COERCE", "SANCTION"):
            return []  # a promise made on a condition is not made to whoever the condition names
        clauses = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
        for child in (c for clause in clauses for c in clause.children):
            if child.dep_ == "advcl" and any(m.lower_ in CONDITIONS for m in child.children if m.dep_ == "mark"):
                found = self._actors_under(next((c for c in child.children if c.dep_ in SUBJECTS), None))
                if found:
                    return found
        return []

    def _intention(self, cameo: str, plover: str, status: str) -> "_Coding":
        """The coding of an act announced rather than done.

        PLOVER reads the act's kind: the intention of a friendly act is AGREE (CAMEO
        03x: "pledged to send aid"), of a hostile one THREATEN (CAMEO 13x: "will impose
        sanctions", "would boycott the vote"), and an explicit threat is always one.
        """
        if status == "threatened" or plover in HOSTILE_ACTS:
            cameo = self.lexicon.threatened(cameo) or cameo
            code = self.lexicon.code(cameo)
            if not cameo.startswith("13"):
                cameo, code = "130", self.lexicon.code("130")
            return _Coding(cameo, "THREATEN", code.plover_mode or None, "threatened")
        cameo = self.lexicon.intended(cameo) or cameo
        code = self.lexicon.code(cameo)
        if not cameo.startswith("03"):
            cameo, code = "030", self.lexicon.code("030")
        return _Coding(cameo, "AGREE", code.plover_mode or None, "intended")

    def _other_side(self, targets: list[Mention], sources: list[Mention]) -> list[Mention]:
        """Targets that are not the source again: "officials agreed their countries should
        cooperate", "the president promised to democratise Serbia", "withdraw its troops"
        — a state acting on itself or its own is no dyad. A group of the same country
        stays ("allowed Turkish refugees to return")."""
        own = {s.actor_id for s in sources}
        countries = {self.countries.get(s.actor_id) for s in sources} - {None}
        return [t for t in targets if t.actor_id not in own
                and not (self.countries.get(t.actor_id) in countries
                         and (t.actor_id in self.bare_states or t.how == "role+possessor"))]

    def _peacekeepers_act(self, verb: Token) -> bool:
        """Whether the verb's subject is a peacekeeping force ("the first deployment of UN
        peacekeepers", "Bangladeshi peacekeeping troops")."""
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        return subject is not None and any(
            self.lexicon.in_class(t.lemma_.lower(), "peacekeeper") and t.lemma_.lower() not in ("observer", "monitor", "inspector")
            for t in subject.subtree)

    def _object_can_suffer(self, verb: Token) -> bool:
        obj = _object(verb)
        if obj is None:
            return True
        if self._actors_under(obj) or obj.ent_type_ in ("PERSON", "NORP", "GPE", "ORG", "FAC", "LOC"):
            return True
        lemma = obj.lemma_.lower()
        if lemma in VICTIMS or obj.pos_ == "PRON" or self.lexicon.in_class(lemma, *VICTIM_CLASSES):
            return True
        return self.resolver is not None and self.resolver.kb.role(lemma) is not None  # "the deputy chief"

    def _named_within(self, verb: Token, sources: list[Mention]) -> list[Mention]:
        """Last resort: the first actor named inside the verb's object or prepositional
        phrases ("rejected an invitation to a meeting of Palestinian factions", "agreed to
        extend the mandate of the force in Lebanon")."""
        for child in verb.children:
            if child.dep_ not in (*OBJECTS, "dative", "prep"):
                continue
            for token in child.subtree:
                mention = self.actor_at.get(token.i)
                # only in the verb's own noun phrases ("invest in Venezuelan oil"), not in a
                # clause inside them ("the efforts … resisting U.S. attempts")
                if mention is not None and _within_phrase(token, child):
                    found = self._other_side([mention], sources)
                    if found:
                        return found
            for m in self.locations:
                lo, hi = self.doc[child.left_edge.i].idx, self.doc[child.right_edge.i].idx
                if lo <= m.start <= hi and self._other_side([m], sources):
                    return [m]
        return []

    def _place_target(self, verb: Token, sources: list[Mention], plover: str | None = None) -> list[Mention]:
        """No actor as target: the country where it happens, when the act reaches a
        place ("arrived in Amman", "opened an embassy in Tehran"). A place at home is
        the target only of what a state does to its own people (a curfew in the
        capital, troops sent into a province), not of a promise made there."""
        lo = min(t.idx for t in verb.subtree)
        hi = max(t.idx + len(t) for t in verb.subtree)
        own = {m.actor_id for m in sources}
        home = {self.countries.get(m.actor_id) for m in sources} - {None}
        for m in self.locations:
            if lo <= m.start < hi and m.actor_id not in own and (
                    plover in DOMESTIC_ACTS or self.countries.get(m.actor_id) not in home):
                return [m]
        return []

    def _code_noun(self, index: int, sent: Span, noun: Token) -> list[Event]:
        """Nominal events: "Russia's support for Venezuela", "US sanctions on Iran", "a phone
        call between the two foreign ministers", "the visit by Chinese officials to Kenya"."""
        if noun.head.lower_ == "in" and any(c.dep_ in ("acl", "xcomp") and _purpose(c) for c in noun.children):
            return []  # "in order to …", "in a bid to …": a purpose phrase, not an event
        preps = [c for c in noun.children if c.dep_ == "prep"]
        compound = next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1), None)
        lemmas = [noun.lemma_.lower()]
        if compound is not None:  # "hunger strike", "peace talks": the compound row first
            lemmas.insert(0, f"{compound.lemma_.lower()}-{noun.lemma_.lower()}")
            if noun.lemma_.lower() in EFFORT_HEADS:  # "a mediation mission": the act is the compound's
                lemmas.append(compound.lemma_.lower())
        # "calls by Annan to adopt reforms", "an appeal to stop": an infinitive after the noun
        # reads as its "for" phrase (an appeal for the act), never as a telephone call
        infinitive = any(c.dep_ == "acl" and _purpose(c) for c in noun.children)
        entry = next((e for lemma in lemmas for e in self._noun_readings(lemma, preps, infinitive) if e is not None), None)
        if entry is None or not entry.plover:
            return []
        if self._topic_of_talks(noun):
            return []  # "negotiations on an Israeli troop pullback": what is talked about
        modal = _modal_head(noun)
        if modal in UNREAL_HEADS or _denied_existence(noun):
            return []  # "there is no alternative to talks", "the need for aid": nothing happened
        carried = self._light_verb_sources(noun)  # "Italy announced a suspension of …"
        between = next((p for p in preps if p.lower_ == "between"), None)
        if between is None and entry.cameo.startswith("045"):
            # "launched a mediation effort on Saturday between …": the phrase may hang on the verb
            between = next((p for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "between"), None)
        if between is not None and entry.cameo.startswith("045"):
            # "a mediation mission between Syria and Arafat": the parties are whom the mediator
            # goes between; the mediator is whoever undertakes it
            targets = self._actors_under(next((c for c in between.children if c.dep_ == "pobj"), None))
            owner = next((c for c in noun.children if c.dep_ in ("poss", "amod") and c.i in self.actor_at), None)
            sources = self._other_side(self._actors_under(owner) or carried, targets)
            if not targets:
                return []
        elif between is not None:
            parties = self._actors_under(next((c for c in between.children if c.dep_ == "pobj"), None))
            if len(parties) < 2:
                return []
            sources, targets = parties, []
        else:
            owner = next((c for c in noun.children if c.dep_ in ("poss", "compound", "amod")
                          and c.i in self.actor_at), None)
            if entry.cameo[:2] in FORCE_ROOTS:
                owner = None  # "Mubarak's ouster", "Ailes' death": the possessor is the one who suffers
            agent = next((p for p in preps if p.lower_ == "by"), None)
            sources = self._actors_under(owner) or (
                self._actors_under(next((c for c in agent.children if c.dep_ == "pobj"), None)) if agent else [])
            if not sources and owner is None and agent is None:
                sources = carried
            targets, weak = [], []
            of = next((c for p in preps if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), None)
            # "a suspension of air links with Serbia": the target may hang on the complement
            for prep in preps + ([c for c in of.children if c.dep_ == "prep"] if of is not None else []):
                if (prep.lower_ in TARGET_PREPS or prep.lower_ == entry.prep) and prep.lower_ != "between":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    # "investments in Venezuela's oil industry": the possessor of the phrase
                    targets = self._actors_under(pobj) or self._actors_under(
                        next((c for c in pobj.children if c.dep_ == "poss"), None) if pobj is not None else None)
                    targets = self._other_side(targets, sources)
                    if targets and self._placed(targets):
                        break
                    weak = weak or targets
            targets = targets or weak  # "the withdrawal of some forces from Panama": Panama
            if not targets and carried:
                # "issued a stern reminder to Iraq": the target may hang on the light verb
                head = noun.head
                for prep in (c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS):
                    targets = self._other_side(
                        self._actors_under(next((c for c in prep.children if c.dep_ == "pobj"), None)), sources)
                    if targets:
                        break
            if not targets and owner is not None and not carried:
                return []  # "Russia's endorsement", "US support": a stance named in passing, with no one it concerns
        if not sources:
            return []
        if not targets and entry.plover == "REQUEST":
            targets = self._other_side(self._content_subjects(noun), sources)  # "its demand that Israel …"
        if not targets and entry.plover == "PROTEST" and noun.head.pos_ == "VERB":
            for aim in _aims(noun.head):  # "began a hunger strike to protest against Sweden's decision"
                targets = self._other_side(self._targets(aim, self._lookup(aim), sources), sources)
                if targets:
                    break
        if not targets and entry.plover == "PROTEST":
            targets = self._own_government(sources)  # "a hunger strike" with no one named
        if not targets and entry.cameo.startswith(DOMESTIC_CODES):
            targets = self._own_country(sources)  # "declared a state of siege"
        if not targets and len(sources) < 2 and entry.cameo[:2] in FORCE_ROOTS:
            return []  # "a search for common ground", "an assault on democracy": force needs a victim
        coding = _Coding(entry.cameo, entry.plover, entry.mode or None, "done")
        if modal in PROSPECT_HEADS:  # "the prospect of greater support": announced, not done
            coding = self._intention(entry.cameo, entry.plover, "intended")
        elif between is None and noun.dep_ in OBJECTS and carried and _modal_intent(noun.head):
            # "it would tighten the blockade", "will hold talks": the act is announced
            coding = self._intention(entry.cameo, entry.plover, "intended")
        speaker = self._speaker_for(noun)
        if not targets and len(sources) >= 2 and (between is not None or _symmetric(coding)):
            return [self._event(index, sent, noun, coding, a, b, False, speaker)
                    for a in sources for b in sources if a.actor_id != b.actor_id]
        return [self._event(index, sent, noun, coding, a, t, False, speaker)
                for a in sources for t in (targets or [None]) if t is None or t.actor_id != a.actor_id]

    def _noun_readings(self, lemma: str, preps: list[Token], infinitive: bool):
        """Lexicon rows for an event noun, most telling first: by each of its prepositions
        (and "of"'s object), by "for" when an infinitive states its aim, then bare."""
        for prep in preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            yield self.lexicon.noun(lemma, prep=prep.lower_,
                                    complement=obj.lemma_.lower() if obj is not None and prep.lower_ == "of" else None)
        if infinitive:
            entry = self.lexicon.noun(lemma, prep="for")
            yield entry if entry is not None and entry.prep == "for" else None
        yield self.lexicon.noun(lemma)

    def _topic_of_talks(self, noun: Token) -> bool:
        """Whether the noun is the subject matter of talks or of an appeal ("talks on a
        withdrawal", "an agreement over the release of prisoners")."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in TOPIC_PREPS:
            return False
        governor = prep.head
        if governor.pos_ == "NOUN":
            found = self.lexicon.noun(governor.lemma_.lower())
        elif governor.pos_ == "VERB":
            found = self._lookup(governor)
            obj = _object(governor)
            if (found is None or not found.plover) and obj is not None and obj.pos_ == "NOUN":
                found = self.lexicon.noun(obj.lemma_.lower())  # "renewed negotiations today on …"
        else:
            return False
        return found is not None and found.plover in ("CONSULT", "REQUEST", "AGREE")

    def _content_subjects(self, noun: Token) -> list[Mention]:
        """Who is to act in the clause a noun of appeal governs ("the demand that Israel …")."""
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
        for clause in clauses:
            content = _content_of(clause)
            if content is not None and content.i == noun.i:
                found = self._actors_under(next((c for c in clause.children if c.dep_ in SUBJECTS), None))
                if found:
                    return found
        return []

    def _light_verb_sources(self, noun: Token) -> list[Mention]:
        """Who does a nominal event the verb only carries: "Italy announced a suspension of
        …", "activists staged rallies", "started a hunger strike", "in protest against"."""
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head  # "launched artillery, mortar and rocket fire": the first conjunct's verb
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in SPANS:
            noun = noun.head.head  # "launched 10 days of war games": the games are launched
        head = noun.head
        if noun.dep_ in OBJECTS and _forms(head) & (LIGHT_VERBS | ASPECTUAL):
            return self._sources(head)  # "continued their hunger strike"
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in" and head.head.pos_ in ("VERB", "AUX"):
            return self._sources(head.head)  # "… in protest against the decision"
        if (noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for" and head.head.pos_ == "VERB"
                and _forms(head.head) & GATHERING):
            return self._sources(head.head)  # "thousands were converging for a rally in Lagos"
        return []

    def _code_obligation(self, index: int, sent: Span, verb: Token) -> list[Event]:
        """"Russia said Sudan must return the helicopter": a demand by the speaker on
        whoever must act (CAMEO 10, PLOVER REQUEST)."""
        if verb.lemma_.lower() not in SPEECH_VERBS:
            return []
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None or not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in clause.children):
            return []
        sources = self._sources(verb)
        targets = self._other_side(self._actors_under(next((c for c in clause.children if c.dep_ in SUBJECTS), None)),
                                   sources)  # "the president said the country must …" is no demand on another
        if not sources or not targets:
            return []
        self.consumed.add(clause.i)
        code = self.lexicon.code("100")
        coding = _Coding("100", code.plover or "REQUEST", code.plover_mode or None, "done")
        negated = any(c.dep_ == "neg" for c in verb.children)
        return [self._event(index, sent, clause, coding, s, t, negated, self._speaker_for(verb))
                for s in sources for t in targets if s.actor_id != t.actor_id]

    def _code_disposition(self, index: int, sent: Span, verb: Token) -> list[Event]:
        """"X is ready / willing / prepared / committed to <act>": a promise of the act."""
        adjective = next((c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in INTENT_ADJECTIVES), None)
        if adjective is None:
            return []
        act = next((c for c in adjective.children if c.dep_ == "xcomp"), None)
        if act is None:  # "committed to opening up": the act is a gerund after "to"
            prep = next((c for c in adjective.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            act = next((c for c in prep.children if c.dep_ == "pcomp"), None) if prep is not None else None
        if act is None:
            return []
        entry = self._lookup(act)
        if entry is not None and entry.plover:
            coding = self._intention(entry.cameo, entry.plover, "intended")
        else:  # ready to do something the lexicon has no event for: still a commitment
            entry, coding = None, _Coding("030", "AGREE", None, "intended")
        self.consumed.add(act.i)
        sources = self._sources(verb)
        targets = self._targets(act, entry, sources) or self._place_target(act, sources, coding.plover)
        if not targets and coding.cameo.startswith(DOMESTIC_CODES):
            targets = self._own_country(sources)  # "is prepared to impose martial law"
        coding, negated = self._refusal(coding, any(c.dep_ == "neg" for c in verb.children))
        speaker = self._speaker_for(act)
        return [self._event(index, sent, act, coding, source, target, negated, speaker)
                for source in sources for target in (targets or [None])
                if target is None or target.actor_id != source.actor_id]

    def _lookup(self, verb: Token):
        entry = self._lookup_as(verb, verb.lemma_.lower())
        if entry is None and verb.pos_ == "VERB":
            # the lemmatiser's misses ("staged" → "stag", "hopes" → "hop"): the word's plain forms
            for form in sorted(_forms(verb) - {verb.lemma_.lower()}, key=len, reverse=True):
                entry = self._lookup_as(verb, form) if len(form) > 2 else None
                if entry is not None:
                    return entry
        if entry is None and verb.lemma_.lower().startswith("re") and len(verb.lemma_) > 5:
            # "reimposed", "reopened", "re-establish": the act again is the act
            base = verb.lemma_.lower()[2:].lstrip("-")
            entry = self._lookup_as(verb, base)
        return entry

    def _lookup_as(self, verb: Token, lemma: str):
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt" and not _up_to_number(c)), None)
        if _object(verb) is None and any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children):
            # "agreed to lift the embargo (with strings attached)": with an act as complement
            # the row that wraps it wins over a reading selected by some other preposition
            entry = self.lexicon.verb(lemma, particle=particle)
            if entry is not None and entry.wraps:
                return entry
        obj = _object(verb)
        if obj is not None and obj.i in self.actor_at:
            # "supplied Venezuela with arms", "provided Kyiv with aid": the thing is the "with" object
            given = next((p for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"), None)
            obj = next((c for c in given.children if c.dep_ == "pobj"), obj) if given is not None else obj
        while obj is not None and obj.lemma_.lower() in MEASURES:
            # "25,000 tons of food aid", "$5 million worth of goods": the thing, not the measure
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if inner is None:
                break
            obj = inner
        obj_lemma = obj.lemma_.lower() if obj is not None else None
        preps = [c.lower_ for c in verb.children if c.dep_ in ("prep", "agent", "dative")]
        if obj is not None:  # "impose sanctions on X": the preposition may hang on the object
            preps += [c.lower_ for c in obj.children if c.dep_ == "prep"]
        if obj is None:  # "engage in talks": a row for the preposition's object comes first
            for prep in (c for c in verb.children if c.dep_ == "prep"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                entry = self.lexicon.verb(lemma, particle=particle, prep=prep.lower_,
                                          object=pobj.lemma_.lower()) if pobj is not None else None
                if entry is not None and entry.object:
                    return entry
        found = None
        for prep in preps + [None]:
            found = self.lexicon.verb(lemma, particle=particle, prep=prep, object=obj_lemma)
            if found is not None:
                break
        if obj is not None and (found is None or not found.object):
            # "providing photographs and other intelligence", "allow the return of inspectors":
            # a conjunct, or what the object's "of" names, may select a reading the head does not
            for other in _object_alternatives(obj):
                entry = next((e for p in preps + [None]
                              if (e := self.lexicon.verb(lemma, particle=particle, prep=p, object=other.lemma_.lower()))
                              is not None and e.object), None)
                if entry is not None:
                    return entry
        return found

    # -- participants ---------------------------------------------------------------------------
    def _sources(self, verb: Token) -> list[Mention]:
        for _ in range(4):
            passive = any(c.dep_ == PASSIVE_SUBJECT for c in verb.children)
            if passive:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                if agent is not None:
                    found = self._actors_under(next((c for c in agent.children if c.dep_ == "pobj"), None))
                    if found:
                        return found
                if agent is None and _forms(verb) & STATIVE_PASSIVES:
                    # "Vietnam is committed to opening up", "Serb forces were engaged in
                    # ethnic cleansing", "Israel is opposed to": a state of the subject
                    return self._actors_under(next(c for c in verb.children if c.dep_ == PASSIVE_SUBJECT))
                return []
            subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            if subject is not None and subject.dep_ == "csubj" and subject.tag_ == "VBG":
                # "Criticising the EU for …, the minister has vowed": a misparse; the actor
                # right before the verb is its subject.
                before = self._actor_before(verb)
                if before:
                    return before
            if subject is not None and subject.tag_ == "VBG" and subject.dep_ == "nsubj":
                # "The Red Cross operating in Iraq said": a reduced relative misparsed as
                # the subject; the one who operates is the one who speaks
                subject = next((c for c in subject.children if c.dep_ in SUBJECTS), subject)
            if subject is not None:
                found = self._actors_under(subject)
                if found:
                    return found
                if subject.tag_ == "PRP" and verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head.i != verb.i:
                    return self._sources(verb.head)  # "Iraq said it would allow …": it is Iraq
                if subject.tag_ in ("WDT", "WP"):  # "Russia, which sent bombers": the antecedent
                    found = self._actors_under(verb.head)
                    if found:
                        return found
                return []
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                # "Castro applauding Maduro", "troops firing on protesters": the noun does it;
                # "issued a declaration demanding …": whoever issued the text does
                found = self._actors_under(verb.head)
                if (not found and verb.head.lemma_.lower() in TEXT_NOUNS and verb.head.dep_ in OBJECTS
                        and verb.head.head.pos_ == "VERB"):
                    return self._sources(verb.head.head)
                return found
            if verb.dep_ == "csubj" and verb.tag_ == "VBG":
                # "Accusing the US of …, the minister pledged": a fronted participle; the
                # actor it names itself ("rejecting the views of X would …") is not its agent
                comma = next((t for t in self.doc[verb.i:verb.head.i] if t.text == ","), None)
                if comma is None:
                    return []
                return [m for m in self._actor_before(verb.head) if m.start > comma.idx]
            if verb.dep_ not in ("xcomp", "conj", "ccomp", "advcl", "relcl") or verb.head.i == verb.i:
                return []
            verb = verb.head
        return []

    def _targets(self, verb: Token, entry, own: Sequence[Mention] = ()) -> list[Mention]:
        """The first candidate target phrase that names someone other than the source —
        unless it names only groups no country is known for ("mobilized reservists for a
        war against Iraq", "the withdrawal of some forces from Panama"), when a later
        phrase that names a country is the better reading."""
        first: list[Mention] = []
        for found in self._target_candidates(verb, entry):
            found = self._other_side(found, own) if own else found
            if not found:
                continue
            if self._placed(found):
                return found
            first = first or found
        return first

    def _placed(self, found: list[Mention]) -> bool:
        """Whether a phrase names someone beyond a group no country is known for."""
        return any(self.countries.get(m.actor_id) or m.how != "role" for m in found)

    def _target_candidates(self, verb: Token, entry):
        """Target phrases in order of preference: passive subject, the lexicon's
        preposition, the object (or its possessor or prepositional actor), other
        target prepositions."""
        passive_subject = next((c for c in verb.children if c.dep_ == PASSIVE_SUBJECT), None)
        if passive_subject is not None:
            yield self._actors_under(passive_subject)
        if entry is not None and entry.plover == "ACCUSE":
            # "complained to the UN over Israeli raids": the one complained of, not the addressee
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in MATTER_PREPS):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                yield self._actors_under(pobj)
                if pobj is not None:
                    yield self._actors_under(next((c for c in pobj.children if c.dep_ in ("poss", "amod", "compound")
                                                   and c.i in self.actor_at), None))
        if entry is not None and entry.prep and entry.prep not in TARGET_PREPS:
            # "accused the US of destabilising Venezuela": "of" names the charge, the object the target
            obj = _object(verb)
            if obj is not None:
                yield self._actors_under(obj)
        if entry is not None and entry.prep:
            for prep in (c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == entry.prep):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                yield self._actors_under(pobj)
                if pobj is not None:  # "engage in talks with the United States"
                    for inner in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                        yield self._actors_under(next((c for c in inner.children if c.dep_ == "pobj"), None))
            obj = _object(verb)
            if obj is not None:  # "impose sanctions on X": the preposition hangs on the object
                for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == entry.prep):
                    yield self._actors_under(next((c for c in prep.children if c.dep_ == "pobj"), None))
        obj = _object(verb)
        moves = ("from",) if _forms(verb) & WITHDRAWALS else ("to", "into") if _forms(verb) & SENDINGS else ()
        if moves:
            # "will withdraw inspectors from Iraq", "dispatched inspectors to Esfahan in Iran":
            # who is moved is the actor's own; the place left or reached is whom it concerns
            for holder in [verb] + ([obj] if obj is not None else []):
                for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in moves):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    yield self._actors_under(pobj)
                    if pobj is not None:  # "to the Esfahan facilities in central Iran"
                        yield [m for m in self.locations if pobj.left_edge.idx <= m.start <= pobj.right_edge.idx]
        objects = [c for c in verb.children if c.dep_ in OBJECTS or c.dep_ == "dative"]
        for child in objects + ([obj] if obj is not None and obj not in objects else []):
            given = entry is not None and entry.object and child.dep_ != "dative" and any(
                t.lemma_.lower() in entry.object for t in [child, *child.conjuncts])
            if not given:  # "providing photographs and other military intelligence": the thing given
                yield self._actors_under(child)
            # "praised Haiti's efforts", "held talks with Romania's leaders": the
            # object's possessor, or the actor its own preposition names — but what is
            # discussed is a topic ("to discuss Croatia's advance" is no talk with Croatia)
            owner = next((c for c in child.children if c.dep_ == "poss"), None)
            if entry is None or entry.plover != "CONSULT":
                yield self._actors_under(owner)
            for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS):
                # "rejected calls by Belarus's rulers", "crimes by Croatian extremists",
                # "disapproval for the United States' policies"
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                yield self._actors_under(pobj)
                if pobj is not None and prep.lower_ != "of":  # not "the chief of Israel's militia ally"
                    yield self._actors_under(next((c for c in pobj.children if c.dep_ == "poss"), None))
            for acl in (c for c in child.children if c.dep_ in ("acl", "relcl")):
                # "condemned the steps taken by Egypt's government": the agent of what it did
                agent = next((c for c in acl.children if c.dep_ == "agent"), None)
                if agent is not None:
                    yield self._actors_under(next((c for c in agent.children if c.dep_ == "pobj"), None))
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            yield self._actors_under(pobj)
            if pobj is not None:  # "protested against Sweden's decision"
                yield self._actors_under(next((c for c in pobj.children if c.dep_ == "poss"), None))
                for inner in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                    # "mobilized reservists for a possible war against Iraq"
                    yield self._actors_under(next((c for c in inner.children if c.dep_ == "pobj"), None))

    def _actors_under(self, token: Token | None) -> list[Mention]:
        """The actors a noun phrase names: its own mention and those of its conjuncts."""
        if token is None:
            return []
        if token.lower_ in FIRST_PERSON and token.pos_ == "PRON":  # "US" is no "us"
            # "we will continue to assist Venezuela" inside a quote: the speaker
            return self._speaker_mention(token)
        while token.lemma_.lower() in QUANTITIES or token.lower_ in QUANTITIES:
            # "thousands of Iraqi Kurds", "a group of Moroccan diplomats": who, not how many
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if inner is None:
                break
            token = inner
        heads = [token] + [c for c in token.conjuncts if c.i > token.i]
        found: list[Mention] = []
        for head in heads:
            mention = self.actor_at.get(head.i)
            if mention is None:  # a title or descriptor hung on the name: "Minister … Wang Yi"
                descriptor = next((t for t in head.children
                                   if t.i in self.actor_at and t.dep_ in ("compound", "appos", "nmod", "amod")), None)
                mention = self.actor_at[descriptor.i] if descriptor is not None else None
                if descriptor is not None and descriptor.dep_ == "amod":
                    # "the Turkish and Greek sides": each coordinated nationality is a side
                    found += [self.actor_at[c.i] for c in descriptor.conjuncts
                              if c.i in self.actor_at and self.actor_at[c.i] not in found and self.actor_at[c.i] is not mention]
            if mention is None and head.pos_ in ("NOUN", "PROPN"):
                # "leaders of the coalition", "the withdrawal of Serbian forces": a head that is
                # no actor itself stands for the actor its "of" phrase names
                of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if inner is not None and inner.i in self.actor_at:
                    found += [m for m in self._actors_under(inner) if m not in found]
                    continue
            if mention is not None and mention not in found:
                found.append(mention)
                found += [m for m in self.also_at.get(head.i, ()) if m not in found]
        return found

    def _actor_before(self, verb: Token) -> list[Mention]:
        i = verb.i - 1
        while i >= 0 and self.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
            i -= 1
        mention = self.actor_at.get(i)
        return [mention] if mention is not None else []

    def _speaker_mention(self, token: Token) -> list[Mention]:
        for q in self.direct:
            if q.start <= token.idx < q.end and q.speaker_id:
                return [Mention(self.article_id, -1, token.idx, token.idx + len(token), token.text,
                                q.speaker_id, "quote-speaker", None, "actor")]
        return []

    def _speaker_for(self, verb: Token) -> str | None:
        """An event told inside a direct quote is the speaker's claim."""
        for q in self.direct:
            if q.start <= verb.idx < q.end:
                return q.speaker_id
        return None

    # -- the record --------------------------------------------------------------------------------
    def _event(self, index: int, sent: Span, verb: Token, coding: "_Coding", source: Mention,
               target: Mention | None, negated: bool, speaker: str | None) -> Event:
        start, end = sent.start_char, sent.end_char
        while end > start and self.text[end - 1].isspace():
            end -= 1
        amounts = tuple(m.group(0).strip() for m in AMOUNT.finditer(self.text, start, end))
        status = "claimed" if speaker is not None and coding.status == "done" else coding.status
        date, precision = event_date(self.text[start:end], start, verb.idx, self.date, self.date_precision)
        event = Event(
            article_id=self.article_id, sentence=index, source_id=source.actor_id,
            target_id=target.actor_id if target else None, trigger=verb.text,
            plover=coding.plover, mode=coding.mode or None, cameo=coding.cameo,
            quad_class=self.lexicon.quad_class(coding.cameo), goldstein=self.lexicon.goldstein(coding.cameo),
            negated=negated, status=status, speaker_id=speaker, amounts=amounts,
            evidence_start=start, evidence_end=end, date=date, date_precision=precision,
            location=self._location(sent),
        )
        self.trigger_of[id(event)] = verb.i
        return event

    def _location(self, sent: Span) -> str | None:
        """The country of the first place the sentence says something happened in."""
        for m in self.locations:
            if sent.start_char <= m.start < sent.end_char:
                return m.actor_id
        return None


class _Coding(NamedTuple):
    cameo: str
    plover: str
    mode: str | None
    status: str


SPEECH_VERBS = WORDS["speech_verbs"]
OBLIGATION = WORDS["obligation"]
FORCE_ROOTS = WORDS["force_roots"]
VICTIMS = WORDS["victims"]
VICTIM_CLASSES = WORDS["victim_classes"]
QUANTITIES = WORDS["quantities"]
MEASURES = WORDS["measures"]
INTENT_ADJECTIVES = WORDS["intent_adjectives"]
LIGHT_VERBS = WORDS["light_verbs"]
WH_WORDS = WORDS["wh_words"]
EPISTEMIC = WORDS["epistemic"]
NAMING_VERBS = WORDS["naming_verbs"]
FIRST_PERSON = WORDS["first_person"]
UNREAL_HEADS = WORDS["unreal_heads"]
PROSPECT_HEADS = WORDS["prospect_heads"]
CIRCUMSTANCES = WORDS["circumstances"]
DOMESTIC_ACTS = WORDS["domestic_acts"]
DOMESTIC_CODES = WORDS["domestic_codes"]
STATIVE_PASSIVES = WORDS["stative_passives"]
TOPIC_PREPS = WORDS["topic_preps"]
UNATTRIBUTED = WORDS["unattributed"]
VERBAL_ROOTS = WORDS["verbal_roots"]
CAUTIONS = WORDS["cautions"]
FORECASTS = WORDS["forecasts"]
SPANS = WORDS["spans"]
GATHERING = WORDS["gathering"]
SENDINGS = WORDS["sendings"]
WITHDRAWALS = WORDS["withdrawals"]
TEXT_NOUNS = WORDS["text_nouns"]
CONTENT_NOUNS = WORDS["content_nouns"]
EFFORT_HEADS = WORDS["effort_heads"]
ASPECTUAL = WORDS["aspectual"]
VERBAL_FORCE = WORDS["verbal_force"]
SYMMETRIC = WORDS["symmetric"]
REFUSALS = WORDS["refusals"]
SPEAKING = WORDS["speaking"]
DESIRES = WORDS["desires"]
SUSTAINING = WORDS["sustaining"]
ASKING = WORDS["asking"]
COMMISSIVES = WORDS["commissives"]
FAILURES = WORDS["failures"]
COOPERATIVE = WORDS["cooperative"]
REFUSAL_OF = recoding()["refused"]
CONDITIONS = WORDS["conditions"]
HOSTILE_ACTS = WORDS["hostile_acts"]
ONE_WAY_CONSULT = WORDS["one_way_consult"]
TARGET_PREPS = WORDS["target_preps"]
OBJECT_PREPS = WORDS["object_preps"]
MATTER_PREPS = WORDS["matter_preps"]


def _phrase_tokens(verb: Token) -> list[int]:
    """The verb's own phrase: objects, prepositional phrases and complements.

    A complement is what the event is about — the act urged, refused, agreed to or
    threatened ("urged Iran to halt enrichment", "refused to send troops") — not an
    event of its own; adverbial, relative and coordinated clauses are.
    """
    out = []
    for child in verb.children:
        if child.dep_ in ("advcl", "conj", "relcl", "parataxis", "csubj"):
            continue
        if child.dep_ == "prep" and (child.i < verb.i or child.lower_ in CIRCUMSTANCES):
            continue  # "In talks with Rodríguez, Lavrov vowed …", "after a meeting with": events of their own
        out += [t.i for t in child.subtree]
    return out


def _denied_existence(noun: Token) -> bool:
    """"There is no alternative to talks", "there were no talks": a negated existential."""
    head = noun.head
    if noun.dep_ not in ("attr", "nsubj") or head.lemma_ != "be" or not any(c.dep_ == "expl" for c in head.children):
        return False
    return any(t.lower_ in NEGATIONS for t in head.subtree if t.i < noun.i) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _modal_head(noun: Token) -> str | None:
    """The noun an event noun hangs on through "of/to/for": "the prospect *of* support"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "to", "for") and head.head.pos_ == "NOUN":
        return head.head.lemma_.lower()
    return None


def _within_phrase(token: Token, top: Token) -> bool:
    """Whether the token hangs under `top` through nouns and prepositions only."""
    while token.i != top.i:
        if token.head.i == token.i:
            return False
        if token.pos_ in ("VERB", "AUX") and not (
                token.dep_ == "acl" and _purpose(token) and token.head.lemma_.lower() in CONTENT_NOUNS):
            return False  # a clause, unless it is what an invitation or offer is to do
        token = token.head
    return True


def _symmetric(coding: "_Coding") -> bool:
    """Acts two parties do to each other: agreeing, meeting, cooperating, fighting,
    rejecting, and the diplomatic ties or treaties they establish (CAMEO 050, 057)."""
    return coding.plover in SYMMETRIC or coding.cameo in ("050", "057")


def _forms(token: Token) -> set[str]:
    """The lemma and the plain word forms, for closed verb lists the lemmatiser can miss
    ("hopes" → "hop")."""
    low = token.lower_
    return {token.lemma_.lower(), low, low[:-1], low[:-2]}


def _is_person(mention: Mention) -> bool:
    """A person named by name (a politician, an official), not a force or a group."""
    return mention.how.startswith(("dictionary:person", "name", "title", "dictionary:surname", "alias:earlier"))


def _not_asserted(verb: Token) -> bool:
    """Verbs that assert no event: possibilities and advice, naming ("call X a coup"),
    asking a question, refusing to comment, and what is only wished for."""
    if _hypothetical(verb) or _naming(verb) or _asks_a_question(verb):
        return True
    if any(c.dep_ == "poss" for c in verb.children):
        return True  # "its fisheries dispute" tagged as a verb: a noun, not an act
    if _forms(verb) & FORECASTS and (verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)):
        return True  # "(is) expected to be joined later": a forecast, not a promise
    if _forms(verb) & REFUSALS and any(c.dep_ == "xcomp" and _forms(c) & SPEAKING and not _answers_an_appeal(c)
                                       for c in verb.children):
        return True  # "declined to comment": silence is no rejection ("refused to respond to a demand" is)
    if _content_of(verb) is not None:
        return True  # "its demand that Israel ease restrictions": asked for, not done
    if _purpose_of_announced(verb):
        return True  # "offered its troops to help him oust Aoun": the aim of a promise is not done
    if verb.dep_ == "xcomp" and _forms(verb.head) & FORECASTS and (
            verb.head.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.head.children)):
        return True
    return verb.dep_ in ("xcomp", "ccomp") and bool(_forms(verb.head) & DESIRES)  # "hopes to meet"


def _content_of(verb: Token) -> Token | None:
    """The noun of appeal or proposal whose content a clause is: "the demand that Israel
    ease …", "reiterated its call that …" (the clause hung on the verb), "a plan to …"."""
    head = verb.head
    if verb.dep_ in ("acl", "ccomp", "relcl") and head.lemma_.lower() in CONTENT_NOUNS and not any(
            c.dep_ in SUBJECTS + ("dobj",) and c.lower_ in ("which", "that") for c in verb.children):
        return head
    if verb.dep_ == "ccomp" and head.pos_ == "VERB":
        noun = next((c for c in head.children if c.dep_ in OBJECTS and c.i < verb.i), None)
        if noun is not None and noun.lemma_.lower() in CONTENT_NOUNS:
            return noun
    return None


def _purpose_of_announced(verb: Token) -> bool:
    """Whether the verb states the aim of an act only promised, threatened or asked for:
    "will visit Dakar to mediate", "offered troops to help oust", "would blockade Paris to
    demand …". The announced act is the event; its purpose has not happened."""
    crossed = False
    while verb.head.i != verb.i:
        if verb.dep_ == "advcl" and _purpose(verb):
            crossed = True
        elif verb.dep_ not in ("xcomp", "conj"):
            return False
        verb = verb.head
        if crossed and (_forms(verb) & (COMMISSIVES | DESIRES | ASKING) or any(
                c.dep_ == "aux" and c.lower_ in MODAL_INTENT for c in verb.children)):
            return True
    return False


def _answers_an_appeal(verb: Token) -> bool:
    """"respond to a demand from the US": speaking to an appeal, whose refusal rejects it."""
    return any(c.dep_ == "prep" and any(o.dep_ == "pobj" and o.lemma_.lower() in CONTENT_NOUNS for o in c.children)
               for c in verb.children)


def _question(sent: Span) -> bool:
    return sent.text.rstrip().rstrip("\"'”’)").rstrip().endswith("?")


def _asks_a_question(verb: Token) -> bool:
    """"asked whether he considered …", "asked Barr why": a question, not a request."""
    return verb.lemma_.lower() in ("ask", "wonder", "inquire", "enquire") and any(
        c.dep_ in ("ccomp", "xcomp", "dobj") and any(m.lower_ in WH_WORDS for m in c.children if m.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr"))
        or c.dep_ == "dobj" and c.lemma_.lower() in ("question", "questions")
        for c in verb.children)


def _helps_do(verb: Token, entry) -> bool:
    """"help them understand", "helped make the case": helping someone do something is
    no aid unless the lexicon names what is given."""
    return verb.lemma_.lower() in ("help", "assist") and not entry.object and any(
        c.dep_ in ("xcomp", "ccomp") for c in verb.children)


def _hypothetical(verb: Token) -> bool:
    """"may retaliate", "could send", "should cut off", "would fight" (outside reported
    speech): a possibility or advice, not an event."""
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if _modals_over(verb) & (EPISTEMIC | OBLIGATION):
        return True  # "must allocate more to help with …": what someone must do is not done
    if "would" in modals or "'d" in modals:
        return not _reported(verb)
    return False


def _modals_over(verb: Token) -> set[str]:
    """The modals of a clause and of the clauses it completes or serves: in "should
    agree to send troops to help" each verb is under "should"."""
    found: set[str] = set()
    while True:
        found |= {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if verb.head.i == verb.i or not (verb.dep_ in ("xcomp", "conj") or verb.dep_ == "advcl" and _purpose(verb)):
            return found
        verb = verb.head


def _reported(verb: Token) -> bool:
    """Whether the clause is the content of a saying, promising or believing verb."""
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in ("ccomp", "parataxis") or verb.dep_ == "ROOT" and any(
        c.dep_ in ("ccomp", "parataxis") and c.lemma_ in ("say", "tell", "add", "announce") for c in verb.children)


def _naming(verb: Token) -> bool:
    """"call Egypt a coup", "branded the vote a fraud": a verb of naming, not of doing."""
    return bool(_forms(verb) & NAMING_VERBS) and any(
        c.dep_ in ("oprd", "attr") or c.dep_ == "ccomp" and c.pos_ == "NOUN" for c in verb.children)


def _modal_intent(verb: Token) -> bool:
    """"will support", "would continue to assist": a future act, announced."""
    while True:
        if any(c.lower_ in MODAL_INTENT for c in verb.children if c.dep_ == "aux"):
            return True
        if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in ASPECTUAL:
            return False
        verb = verb.head


def _conditional(verb: Token) -> bool:
    """An "unless" clause makes an announced act a condition put to someone."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark")
               for c in verb.children)


def _aims(verb: Token) -> list[Token]:
    """A protest's stated aims: "… to demand reforms", "…, calling for independence"."""
    return [c for c in verb.children if c.dep_ == "advcl" and (_purpose(c) or c.tag_ == "VBG")]


def _purpose(clause: Token) -> bool:
    """"… to demand reforms": an infinitive clause of purpose."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _object(verb: Token) -> Token | None:
    """The verb's direct object; in "kidnapped up to 16 advisers" (a misparse) the advisers."""
    obj = next((c for c in verb.children if c.dep_ in OBJECTS), None)
    if obj is None:
        particle = next((c for c in verb.children if c.dep_ == "prt" and _up_to_number(c)), None)
        if particle is not None:
            to = next(c for c in particle.children if c.lower_ == "to")
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    return obj


def _object_alternatives(obj: Token) -> list[Token]:
    """Other heads an object offers the lexicon: its conjuncts and its "of" complement."""
    out = list(obj.conjuncts) + [c for c in obj.children if c.dep_ == "compound"]  # "mediation efforts"
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        inner = [c for c in of.children if c.dep_ == "pobj"]
        out += inner
        for thing in inner:  # "the delivery of 1,000 tons of grain": through the measure
            if thing.lemma_.lower() in MEASURES:
                out += _object_alternatives(thing)
    return out


def _up_to_number(particle: Token) -> bool:
    """"kidnapped up to 16 advisers": "up to" a number is a quantity, not a particle."""
    return particle.lower_ == "up" and any(c.lower_ == "to" and any(g.like_num for g in c.subtree)
                                           for c in particle.children)


def _mutual(coding: "_Coding") -> bool:
    return coding.plover == "CONSULT" and not coding.cameo.startswith(ONE_WAY_CONSULT)


def _unique(events: list[Event]) -> list[Event]:
    """One event per sentence, dyad and PLOVER type: "telephoned … to discuss" is one
    consultation, not two. A consultation needs a counterpart ("the cabinet met" is none)."""
    seen, out = set(), []
    for e in events:
        if e.plover == "CONSULT" and e.target_id is None:
            continue
        key = (e.sentence, e.source_id, e.target_id, e.plover, e.negated)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
