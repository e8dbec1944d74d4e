"""Features of a candidate: what the model weighs to decide its type, or none.

Sparse, named features (a name → 1.0): the trigger and what the lexicon makes of it (and
of every predicate on the path between the actors), the rules' reading, the dependency path,
the actors' kinds, the assertion cues, and the words between. Names are readable, so the
features that decided an event can be shown to whoever audits it.

Dense features: the parser's own contextual vectors (spaCy's tok2vec, `doc.tensor`, 96
numbers a token) of the trigger and of the two actors' heads, scaled to unit length. They
let what is learnt of "accused" reach "lambasted", which no word list of ours names.
"""

from __future__ import annotations

import bisect
import functools

import numpy as np
from spacy.tokens import Doc, Span

from newsgraph.extract.events.assertion import Assertion, reported
from newsgraph.extract.events.candidates import Candidate, head_index


DENSE_PREFIXES = ("vt", "vs", "vg")  # trigger, source head, target head
WIDTH = 96  # the model's tok2vec width


def dense_names() -> list[str]:
    """The names of the dense features, in the order `dense_vector` fills them."""
    return [f"{p}{k}" for p in DENSE_PREFIXES for k in range(WIDTH)]


def dense_vector(c: Candidate, doc: Doc) -> np.ndarray:
    """The dense features of a candidate as one vector (zeros where a part is missing)."""
    out = np.zeros(len(DENSE_PREFIXES) * WIDTH, dtype=np.float32)
    for n, i in enumerate((c.trigger, _head_index(doc, c.source),
                           _head_index(doc, c.target) if c.target is not None else None)):
        if i is not None and doc.tensor is not None and len(doc.tensor) and doc.tensor.shape[1] == WIDTH:
            v = np.asarray(doc.tensor[i], dtype=np.float32)
            out[n * WIDTH:(n + 1) * WIDTH] = v / (float(np.linalg.norm(v)) or 1.0)
    return out


def featurize(c: Candidate, doc: Doc, sent: Span, a: Assertion, lexicon, sectors: dict[str, str | None],
              speech_verbs, *, dense: bool = True) -> dict[str, float]:
    """The named features of a candidate; with `dense`, the dense ones too, by name (as
    training reads them; at run time `dense_vector` gives them as one array instead)."""
    trigger = doc[c.trigger]
    lemma = trigger.lemma_.lower()
    f: dict[str, float] = {"bias": 1.0}

    def on(name: str) -> None:
        f[name] = 1.0

    lex = plover_of(lexicon, lemma, trigger.pos_ == "NOUN")
    on(f"trig={lemma}")
    on(f"trig_pos={trigger.pos_}")
    on(f"trig_dep={trigger.dep_}")  # a relative clause or modifier often only identifies (background)
    on(f"lex+trig_dep={lex}+{trigger.dep_}")
    if _unresolved_object(doc, trigger, c):
        on("object_unresolved")  # the sentence names whom, but no actor was found there
        if c.target is None:
            on("notarget+object_unresolved")
    on(f"tag={a.tag}")
    on(f"lex={lex}")
    obj = next((ch for ch in trigger.children if ch.dep_ in ("dobj", "obj")), None)
    if obj is not None:
        on(f"obj={obj.lemma_.lower()}")
        on(f"trig+obj={lemma}+{obj.lemma_.lower()}")
        objlex = plover_of(lexicon, obj.lemma_.lower(), True)
        if objlex != "none":
            on(f"objlex={objlex}")
    for ch in trigger.children:
        if ch.dep_ == "prt":
            on(f"trig+prt={lemma}+{ch.lower_}")
    p = c.proposal
    if p is not None:
        on(f"rule={p.plover}")
        on(f"rule_status={p.status}")
        on(f"rule_cameo={p.cameo[:3]}")
        on(f"rule+lex={p.plover}+{lex}")
        if p.negated:
            on("rule_negated")
    else:
        on("rule=none")
        on(f"norule+lex={lex}")
    path = c.path
    on(f"path={'/'.join(path[:6])}")
    on(f"plen={min(len(path), 8)}")
    on(f"sdep={path[0]}")
    if c.target is None:
        on("target=none")
        on(f"notarget+lex={lex}")
    else:
        on(f"tdep={path[-1]}")
        ti = head_index(doc, c.target.start, c.target.end)
        if ti is not None:
            root = doc[ti]
            if root.dep_ == "pobj":
                on(f"tprep={root.head.lower_}")
                on(f"lex+tprep={lex}+{root.head.lower_}")
        on(f"tkind={c.target.kind}")
        on(f"tsector={sectors.get(c.target.actor_id) or 'STATE'}")
        on(f"lex+tdep={lex}+{path[-1]}")
    on(f"skind={c.source.kind}")
    on(f"ssector={sectors.get(c.source.actor_id) or 'STATE'}")
    on(f"lex+sdep={lex}+{path[0]}")
    on(f"shows={c.source.how.split(':')[0]}")
    for m in a.modals:
        on(f"modal={m}")
        on(f"modal+lex={m}+{lex}")
    if a.negated:
        on("negated")
    for g, link in list(zip(a.governors, a.links))[:2]:
        on(f"gov={g}")
        on(f"gov+link={g}+{link}")
    if a.condition:
        on("condition")
    if a.question:
        on("question")
    if a.in_quote:
        on("in_quote")
    if reported(a, speech_verbs):
        on("reported")
    if a.heading:
        on("heading")
    if a.in_quote:
        on("quote_by_source" if a.quote_speaker == c.source.actor_id else "quote_by_other")
    # the trigger's clause: what it hangs on, its markers, tense and auxiliaries (hypotheticals,
    # background, reported speech)
    up = trigger
    for depth in range(2):
        if up.head.i == up.i:
            break
        up = up.head
        on(f"anc{depth}={up.lemma_.lower()}")
        on(f"anc{depth}_dep={up.dep_}")
    for t in (trigger, trigger.head):
        for ch in t.children:
            if ch.dep_ == "mark":
                on(f"mark={ch.lower_}")
            elif ch.dep_ in ("aux", "auxpass") and t is trigger:
                on(f"aux={ch.lemma_.lower()}")
            elif ch.dep_ == "det" and t is trigger and trigger.pos_ == "NOUN":
                on(f"det={ch.lower_}")
    for key in ("Tense", "VerbForm", "Aspect"):
        for value in trigger.morph.get(key):
            on(f"{key.lower()}={value}")
    if c.target is not None:
        on("order=st" if c.source.start < c.target.start else "order=ts")
    length, title_case = _sentence_shape(sent)
    on(f"slen={min(length // 10, 6)}")
    if title_case:
        on("titlecase")  # a headline, a link list or a caption run into the sentence
    for t in _path_tokens(doc, c):
        plover = plover_of(lexicon, t.lemma_.lower(), t.pos_ == "NOUN")
        if plover != "none":
            on(f"pathlex={plover}")
        if t.pos_ == "VERB":
            on(f"pathverb={t.lemma_.lower()}")
    if dense:
        for name, x in zip(dense_names(), dense_vector(c, doc)):
            if x or not name.startswith("vg") or c.target is not None:
                f[name] = float(x)
    lo = min(c.source.end, c.target.start if c.target else c.source.end)
    hi = max(c.source.start, c.target.end if c.target else c.source.start)
    starts = _token_starts(doc)
    first = max(bisect.bisect_left(starts, lo), sent.start)
    last = min(bisect.bisect_left(starts, hi), sent.end)
    between = [t for t in doc[first:last] if not t.is_punct and not t.is_stop] if first < last else []
    for t in between[:8]:
        on(f"btw={t.lemma_.lower()}")
    if len(between) > 8:
        on("btw_long")
    return f


def _sentence_shape(sent: Span) -> tuple[int, bool]:
    """The sentence's length in tokens and whether most of its words are title case,
    computed once per sentence."""
    cache = sent.doc.user_data.setdefault("newsgraph_sentence_shape", {})
    if sent.start not in cache:
        words = [t for t in sent if t.is_alpha]
        cache[sent.start] = (len(sent), bool(words) and sum(t.is_title for t in words) / len(words) > 0.5)
    return cache[sent.start]


def _token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, computed once per document (kept in its user data)."""
    starts = doc.user_data.get("newsgraph_token_starts")
    if starts is None:
        starts = doc.user_data["newsgraph_token_starts"] = [t.idx for t in doc]
    return starts


@functools.lru_cache(maxsize=65536)
def plover_of(lexicon, lemma: str, noun: bool) -> str:
    """The PLOVER type the lexicon gives a bare lemma (as a noun or a verb), or "none"."""
    entry = lexicon.noun(lemma) if noun else lexicon.verb(lemma)
    return entry.plover if entry is not None and entry.plover else "none"


def _unresolved_object(doc: Doc, trigger, c: Candidate) -> bool:
    """Whether the trigger's object, or the object of a preposition it governs, is a noun
    phrase in which no mention of the candidate's target lies."""
    spans = []
    for ch in trigger.children:
        if ch.dep_ in ("dobj", "dative") and ch.pos_ in ("NOUN", "PROPN"):
            spans.append(ch)
        elif ch.dep_ == "prep":
            spans += [g for g in ch.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
    if not spans:
        return False
    if c.target is None:
        return True
    return not any(t.left_edge.idx <= c.target.start < t.right_edge.idx + len(t.right_edge) for t in spans)


def _head_index(doc: Doc, mention) -> int | None:
    return head_index(doc, mention.start, mention.end)


def _path_tokens(doc: Doc, c: Candidate):
    """The trigger, its object and complement, and the words between the actors' heads
    on the way up to their joint (what a predicate can hide behind)."""
    trigger = doc[c.trigger]
    yield trigger
    for ch in trigger.children:
        if ch.dep_ in ("dobj", "xcomp", "ccomp", "attr"):
            yield ch
    s = _head_index(doc, c.source)
    if s is not None:
        t = doc[s]
        for _ in range(4):
            if t.head.i == t.i:
                break
            t = t.head
            yield t
