"""The event coder: rules propose, candidates widen, the trained model decides.

    rules.propose      the parse read through the event lexicon: a reading per pair
    candidates         every (source, target-or-none) pair a predicate joins
    assertion.assess   modality, negation, quotation: how the sentence states the act
    features           what the model weighs, by name
    model              type (or none), status and confidence

An event is kept when its confidence reaches `floor` (default: keep every candidate
with a type at all, `FLOOR`); exports and analyses apply the model's threshold, chosen
on the dev split for precision ("--min-confidence" changes it).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

import numpy as np

from spacy.tokens import Doc

from newsgraph.extract.cues import load_cues
from newsgraph.extract.events.assertion import Assertion, assess
from newsgraph.extract.events.candidates import Candidate, candidates, doc_text
from newsgraph.extract.events.features import dense_vector, featurize, plover_of
from newsgraph.extract.events.model import Decision, EventModel, default_model
from newsgraph.extract.events.rules import AMOUNT, propose
from newsgraph.extract.when import event_date
from newsgraph.extract.where import dateline_country, event_location
from newsgraph.records import Actor, Event, Mention, Quote

FLOOR = 0.05


def find_events(article_id: str, doc: Doc, mentions: Sequence[Mention], quotes: Sequence[Quote], lexicon,
                *, date: str | None = None, date_precision: str | None = None, actors: Sequence[Actor] = (),
                resolver=None, model: EventModel | None = None,
                floor: float = FLOOR, dateline: str | None = None) -> tuple[list[Event], list[Actor]]:
    """Every event of the document with its confidence, and the actors the events imply
    that no mention names (a protest's own government). `dateline` is the place the
    article was filed from, which places acts done in person (`extract.where`)."""
    model = model or default_model()
    found, implied = _candidates(article_id, doc, mentions, quotes, lexicon, date, date_precision, actors,
                                 resolver, dense=False)
    sents, text = list(doc.sents), doc_text(doc)
    dense = np.stack([dense_vector(c, doc) for c, _, _ in found]) if found else None
    best: dict[tuple, Event] = {}
    filed_from = dateline_country(dateline, resolver)
    countries = {a.id: a.country for a in actors} | {a.id: a.country for a in implied.values()}
    for (c, a, f), decision in zip(found, model.decide_many([f for _, _, f in found], dense)):
        if decision.confidence < floor:
            continue
        decision = dataclasses.replace(decision, decided_by=model.explain(f, decision.type))
        event = _record(article_id, doc, text, sents[c.sentence], c, decision, a, lexicon, mentions, date,
                        date_precision, filed_from, countries)
        key = (event.sentence, event.source_id, event.target_id, event.plover, event.negated)
        if key not in best or best[key].confidence < event.confidence:
            best[key] = event
    events = sorted(best.values(), key=lambda e: (e.sentence, e.evidence_start, -(e.confidence or 0)))
    used = {e.source_id for e in events} | {e.target_id for e in events}
    return events, [a for a in implied.values() if a.id in used]


def candidate_features(article_id: str, doc: Doc, mentions, quotes, lexicon, *, date=None, date_precision=None,
                       actors=(), resolver=None) -> list[tuple[Candidate, Assertion, dict[str, float]]]:
    """Every candidate with its assertion cues and features, the dense ones by name: what
    training reads."""
    return _candidates(article_id, doc, mentions, quotes, lexicon, date, date_precision, actors, resolver,
                       dense=True)[0]


def _candidates(article_id, doc, mentions, quotes, lexicon, date, date_precision, actors, resolver, *, dense: bool):
    """(candidate, assertion cues, named features) for every candidate, and the implied actors."""
    proposals, implied = propose(article_id, doc, mentions, quotes, lexicon, date=date,
                                 date_precision=date_precision, actors=actors, resolver=resolver)
    sectors = {a.id: a.sector for a in actors} | {a.id: a.sector for a in implied.values()}
    direct = [q for q in quotes if q.kind == "direct"]
    sents = list(doc.sents)
    speech = _speech_verbs()
    out = []
    for c in candidates(doc, mentions, proposals, functools.partial(_is_event_noun, lexicon)):
        a = assess(doc[c.trigger], sents[c.sentence], direct)
        out.append((c, a, featurize(c, doc, sents[c.sentence], a, lexicon, sectors, speech, dense=dense)))
    return out, implied


def _record(article_id: str, doc: Doc, text: str, sent, c: Candidate, d: Decision, a: Assertion, lexicon,
            mentions: Sequence[Mention], date, date_precision, dateline: str | None = None,
            countries: dict | None = None) -> Event:
    trigger = doc[c.trigger]
    cameo, mode = _coding(c, d.type, trigger, lexicon)
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    when, precision = event_date(text[start:end], start, trigger.idx, date, date_precision)
    speaker = a.quote_speaker or (c.proposal.speaker_id if c.proposal else None)
    status = d.status if d.status != "claimed" or speaker else "claimed"
    parties = {(countries or {}).get(c.source.actor_id), (countries or {}).get(c.target.actor_id) if c.target else None}
    location = event_location(doc, trigger, sent, mentions, plover=d.type, dateline=dateline,
                              date_precision=precision, parties=parties - {None})
    return Event(
        article_id=article_id, sentence=c.sentence, source_id=c.source.actor_id,
        target_id=c.target.actor_id if c.target else None, trigger=trigger.text, plover=d.type, mode=mode,
        cameo=cameo, quad_class=lexicon.quad_class(cameo), goldstein=lexicon.goldstein(cameo),
        negated=a.negated or bool(c.proposal and c.proposal.negated), status=status,
        speaker_id=speaker if status == "claimed" else None,
        amounts=tuple(m.group(0).strip() for m in AMOUNT.finditer(text, start, end)),
        evidence_start=start, evidence_end=end, date=when, date_precision=precision, location=location,
        confidence=round(d.confidence, 4), decided_by=d.decided_by)


def _coding(c: Candidate, plover: str, trigger, lexicon) -> tuple[str, str | None]:
    """The CAMEO code and PLOVER mode: the rules' when they read the same type, else the
    trigger's lexicon row when it has this type, else the type's most general code."""
    if c.proposal is not None and c.proposal.plover == plover:
        return c.proposal.cameo, c.proposal.mode
    lemma = trigger.lemma_.lower()
    entry = lexicon.noun(lemma) if trigger.pos_ == "NOUN" else lexicon.verb(lemma)
    if entry is not None and entry.plover == plover:
        return entry.cameo, entry.mode or None
    cameo = _root_codes(lexicon)[plover]
    return cameo, lexicon.code(cameo).plover_mode or None


@functools.lru_cache(maxsize=4)
def _root_codes(lexicon) -> dict[str, str]:
    """Each PLOVER type's most general CAMEO code (shortest, then lowest)."""
    out: dict[str, str] = {}
    for code in sorted(lexicon.codes.values(), key=lambda k: (len(k.code), k.code)):
        if code.plover and code.plover not in out:
            out[code.plover] = code.code
    return out


def _is_event_noun(lexicon, token) -> bool:
    return plover_of(lexicon, token.lemma_.lower(), True) != "none"


@functools.lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(load_cues().verbs)
