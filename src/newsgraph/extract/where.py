"""Where an event happened: a place phrase attached to the act, or the dateline.

The place of an act is where it was done, not the country the sentence is about:
"the clashes in Caracas" and "Pompeo met Lavrov in Sochi" are placed, "Pompeo spoke by
phone with Lavrov about the situation in Venezuela" is not (the place qualifies
"situation", not the call), and "Russia took a swipe at the United States" names a
target, not a place. So a location mention (`extract.mentions`, kind "location")
places the act only when its preposition hangs on the act: on the trigger, or on the
verb whose object the trigger is ("held talks in Minsk"), or on the trigger's
complement ("agreed to meet in Minsk"). A country needs a preposition of containment
("in", "across"); a town may also be "at", "near", "outside"; a motion verb's goal is
its place ("flew to Brussels").

The place of the occasion an act is set in is the act's ("during their meeting in
Moscow, Maduro thanked Putin"), and so is the place of its participants ("clashes
between police and protesters in Caracas"). Without a place phrase, an act of the time
of writing done in person (meetings, protests, force: `where.tsv`) reported under a
dateline ("CARACAS —") is placed at the dateline; a call, a letter, a statement is not
placed at all.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsgraph.knowledge.words import motion_verbs
from newsgraph.records import Mention

WORDS_FILE = Path(__file__).with_name("where.tsv")
_COUNTRY_HOW = ("country", "demonym")  # a metonym's place is a building or a city: "at the White House"
# Dependents that put the trigger's own verb (or complement) in charge of its place.
_LIGHT = ("dobj", "attr", "nsubjpass", "pobj")
# ... and a participial clause shares its main clause's setting: "In San Francisco, the mayor
# issued guidance Monday, requiring residents to stay inside".
_COMPLEMENT = ("xcomp", "ccomp", "conj", "advcl")


@functools.lru_cache(maxsize=1)
def load_words(path: Path = WORDS_FILE) -> dict[str, frozenset[str]]:
    """key → its words, from `where.tsv`."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, values = line.partition("\t")
            out[key.strip()] = frozenset(values.split())
    return out


def event_location(doc: Doc, trigger: Token, sent: Span, mentions: Sequence[Mention], *,
                   plover: str | None = None, dateline: str | None = None,
                   date_precision: str | None = None, parties: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The location actor id (a country) of the act at `trigger`, or None.

    The dateline places only an act of the time of writing (undated, "before", or dated
    to the day) by or toward an actor of the dateline's country (`parties`: the source's
    and target's countries): "Russia sent bombers to Venezuela late last year" is not
    placed at a Moscow dateline, nor "European officials discussed it" at a Washington one."""
    words = load_words()
    acts = _act_tokens(trigger, words, physical=plover in words["placed_types"])
    for m in mentions:
        if m.kind != "location" or not sent.start_char <= m.start < sent.end_char:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and _placed(span.root, acts, m.how, words):
            return m.actor_id
    current = date_precision in (None, "before", "day")
    if (dateline and current and dateline in parties and plover in words["placed_types"]
            and not _remote(trigger, sent, words)):
        return dateline
    return None


def _act_tokens(trigger: Token, words: dict[str, frozenset[str]], physical: bool = False) -> set[int]:
    """The tokens a place phrase of the act may hang on: the trigger, the verb whose
    object or complement it is, its own complement, the occasion it is set in ("during
    their meeting"), its participants ("between police and protesters"), and, for an act
    done to something in person, its object ("stormed the mission in Benghazi"; not
    "praised the hospital in Quito")."""
    base = [trigger]
    if trigger.dep_ in _LIGHT or trigger.dep_ in _COMPLEMENT:
        base.append(trigger.head)  # "held talks in Minsk", "announced in Lima that it would impose"
    light = trigger.lemma_.lower() in _light_verbs()
    base += [t for t in trigger.children if t.dep_ == "xcomp" or t.dep_ == "dobj" and (light or physical)]
    acts = {t.i for t in base}
    for token in base:
        for prep in token.children:
            if prep.dep_ != "prep":
                continue
            occasion = prep.lower_ in words["setting_preps"] and token.pos_ in ("VERB", "AUX")
            if occasion or prep.lower_ in words["participant_preps"]:
                for noun in prep.children:
                    if noun.dep_ == "pobj":
                        acts.update(t.i for t in (noun, *noun.conjuncts))
    return acts


@functools.lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    """Verbs that carry a nominal act ("hold talks", "stage a protest"): the event lexicon's."""
    from newsgraph.knowledge.events import word_classes

    return frozenset(word_classes()["light_verbs"])


def _placed(head: Token, acts: set[int], how: str, words: dict[str, frozenset[str]]) -> bool:
    """True when the place phrase whose noun is `head` attaches to one of the act tokens."""
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "pobj":
        head = head.head.head  # "in the town of Samarra": the phrase is "in the town"
    if head.dep_ == "poss":
        head = head.head  # "in Kharkiv's suburbs"
    if head.dep_ != "pobj":
        return head.dep_ == "npadvmod" and head.head.i in acts  # "the talks Monday Geneva" is rare
    prep = head.head
    country = how in _COUNTRY_HOW
    allowed = words["country_preps"] if country else words["place_preps"]
    motion = prep.lower_ in ("to", "into") and prep.head.lemma_.lower() in motion_verbs()
    return prep.head.i in acts and (prep.lower_ in allowed or motion)


def _remote(trigger: Token, sent: Span, words: dict[str, frozenset[str]]) -> bool:
    """True when the act is done from afar: a remote word is the trigger or hangs near it."""
    first = (trigger, trigger.head, *trigger.children)
    near = set(first)
    for token in first:
        near.update(token.children)
    return any(t.lower_ in words["remote_words"] or t.lemma_.lower() in words["remote_words"] for t in near)


def dateline_country(dateline: str | None, resolver) -> str | None:
    """The country actor id of a dateline's place ("CARACAS" → VEN), when it names one."""
    if not dateline or resolver is None:
        return None
    found = resolver.resolve(dateline.title() if dateline.isupper() else dateline)
    country = found.actor.country if found is not None else None
    return resolver.country_actor(country).id if country else None
