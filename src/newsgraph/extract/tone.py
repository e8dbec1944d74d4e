"""Tone toward each actor: target-dependent, from the words around each of its mentions.

GDELT's one tone number per article cannot say whom the negativity targets; here each
mention is classed on its own (negative, neutral, positive) by the trained model of
`extract.tone_model`: features of its clause, the predicate it is an argument of, the
words near it, the labels hung on it, whether it speaks, negation, VADER's scores of its
context, and the parser's vectors around it. The lexicon score alone (VADER plus label
polarity, what this module did before) reached macro-F1 0.548 on NewsMTSC's devtest;
the model's figures are in docs/accuracy.md. A mention's score is P(positive) −
P(negative), in [-1, 1], so a mean over mentions still reads as a tone.

Scores are aggregated per (article, actor, voice, speaker): the author's voice and
each quoted speaker's apart, since "the dictator" in a rival's quote is not the
outlet's own judgement.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc, Span, Token

from newsgraph.extract import tone_model
from newsgraph.extract.cues import load_cues
from newsgraph.extract.labels import Voices, is_complement
from newsgraph.knowledge.framing import load_framing_terms
from newsgraph.records import Label, Mention, Quote, Tone

# The lexicon baseline's classes: a score below NEGATIVE is negative, above POSITIVE
# positive (tuned on NewsMTSC train).
NEGATIVE, POSITIVE = 0.0, 0.15
# Weight of one judging label word against VADER's compound score.
LABEL_WEIGHT = 0.5
# Dependencies that open a clause of their own.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "csubj", "parataxis", "xcomp", "pcomp", "acl"})


@functools.lru_cache(maxsize=1)
def analyzer():
    """VADER's analyser, built once per process (it reads its lexicon from the package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def clause_ranges(span: Span) -> list[tuple[int, int]]:
    """Token ranges (start, end) of the clause governing a target span (see `_clause`)."""
    return _clause(span)[1]


def _clause(span: Span) -> tuple[Token, list[tuple[int, int]]]:
    """Token ranges of the clause governing a target span, nested clauses without it left out.

    Subtrees are read as ranges (the parser is projective, so a subtree is contiguous),
    and a nested clause that does not hold the target is not walked at all: cheap
    enough to run for every mention.
    """
    head = span.root
    while head.dep_ not in CLAUSE_DEPS and head.head.i != head.i:
        head = head.head
    skip: list[tuple[int, int]] = []
    stack = list(head.children)
    while stack:
        t = stack.pop()
        a, b = t.left_edge.i, t.right_edge.i + 1
        if t.dep_ in CLAUSE_DEPS and (b <= span.start or a >= span.end):
            skip.append((a, b))
        else:
            stack.extend(t.children)
    ranges, i = [], head.left_edge.i
    for a, b in sorted(skip):
        if a >= i:
            if a > i:
                ranges.append((i, a))
            i = b
    if i < head.right_edge.i + 1:
        ranges.append((i, head.right_edge.i + 1))
    return head, ranges


def clause_of(span: Span) -> list[Token]:
    """The words of the clause governing a target span (see `clause_ranges`)."""
    doc = span.doc
    return [doc[i] for a, b in clause_ranges(span) for i in range(a, b)]


def context_score(span: Span, sentence: Span | None = None, text: str | None = None) -> float:
    """VADER compound score around a target, in [-1, 1]: the mean of its clause's and
    its sentence's. The clause alone is more target-specific but often too short to
    carry the tone; the mix scored best on NewsMTSC train (docs/accuracy.md). A clause
    headed by a speech verb ("X said …", "Y told X …") is scored alone: what is reported
    is not said about the one reporting it or being told (a target inside the report
    has the report as its clause).

    `sentence` and `text` (the document's text, read once) spare the caller's loop
    from rebuilding them per mention."""
    doc = span.doc
    sentence = sentence if sentence is not None else span.sent
    text = text if text is not None else doc.text
    head, ranges = _clause(span)
    if sum(b - a for a, b in ranges) >= len(sentence):
        return _compound(text[sentence.start_char:sentence.end_char])  # the clause is the sentence
    parts = []
    for a, b in ranges:
        last = doc[b - 1]
        parts.append(text[doc[a].idx:last.idx + len(last.text)])
    clause = _compound(" ".join(parts))
    if head.lemma_ in load_cues().verbs:
        return clause
    return 0.5 * clause + 0.5 * _compound(text[sentence.start_char:sentence.end_char])


@functools.lru_cache(maxsize=4096)
def _compound(text: str) -> float:
    return analyzer().polarity_scores(text)["compound"]


def lexicon_score(span: Span, labels: Sequence[Label] = (), sentence: Span | None = None,
                  text: str | None = None) -> float:
    """The former score: clause tone (VADER) plus the labels' framing, clipped to [-1, 1].

    Kept as the baseline the model is measured against (`eval tone --baseline`)."""
    score = context_score(span, sentence, text)
    for label in labels:
        if label.polarity == "negative":
            score -= LABEL_WEIGHT
        elif label.polarity == "positive":
            score += LABEL_WEIGHT
    return max(-1.0, min(1.0, score))


def target_features(span: Span, labels: Sequence[Label] = (), sentence: Span | None = None):
    """The model's features of one target mention (named, dense): see `tone_model.featurize`."""
    return tone_model.featurize(span, sentence, labels, _speech_verbs())


@functools.lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(load_cues().verbs)


def probabilities(targets: Sequence[tuple[Span, Sequence[Label], Span | None]]) -> np.ndarray:
    """P(negative, neutral, positive) of many (span, labels, sentence) targets in one pass."""
    if not targets:
        return np.zeros((0, 3), dtype=np.float32)
    feats, dense = zip(*(target_features(span, labels, sentence) for span, labels, sentence in targets))
    return tone_model.default_model().probabilities(list(feats), np.stack(dense))


def mention_score(span: Span, labels: Sequence[Label] = (), sentence: Span | None = None,
                  text: str | None = None) -> float:
    """The score of one mention: P(positive) − P(negative) under the model, in [-1, 1].

    `text` is accepted for callers of the former lexicon score; the model reads the doc."""
    p = probabilities([(span, labels, sentence)])[0]
    return float(p[2] - p[0])


def classify(score: float, negative: float = NEGATIVE, positive: float = POSITIVE) -> str:
    """negative, neutral or positive for a lexicon score, by its thresholds (the baseline)."""
    return "negative" if score < negative else "positive" if score > positive else "neutral"


def find_tones(article_id: str, doc: Doc, mentions: Sequence[Mention], quotes: Sequence[Quote],
               labels: Sequence[Label] = ()) -> list[Tone]:
    """Tone toward every actor of an article, per voice: one `Tone` per (actor, voice, speaker).

    A mention's voice is the quote whose marks hold it (the speaker's), else the
    author's. Its labels are those hung on the same actor in the same sentence. A
    mention of an institution that names its owner ("the X regime", "X's government",
    "his government": a possession label inside the mention) is scored for the owner
    too — what is said of X's regime is said of X. Every mention of the article goes
    through the model in one batch; a mention's class is the model's most probable one.
    """
    text = doc.text  # Doc.text joins every token: read it once
    voices = Voices(quotes, text)
    terms = load_framing_terms()
    by_sentence: dict[tuple[int, str], list[Label]] = {}
    for label in labels:
        by_sentence.setdefault((label.sentence, label.actor_id), []).append(label)
    keys: list[tuple[str, str, str | None]] = []
    targets: list[tuple[Span, Sequence[Label], Span | None]] = []
    seen: set[tuple[int, int, str]] = set()
    sents = list(doc.sents)
    owners = _owners_inside(mentions, labels)
    for m in mentions:
        if m.kind == "location" or (m.start, m.end, m.actor_id) in seen:
            continue
        seen.add((m.start, m.end, m.actor_id))
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0 or is_complement(span.root, terms):
            continue  # "a tyrant" in "X is a tyrant" is said of X, not someone to score
        voice, speaker = voices.at(m.start, m.end)
        sentence = sents[m.sentence] if m.sentence < len(sents) else None
        for actor_id in (m.actor_id, *owners.get((m.start, m.end), ())):
            if actor_id != m.actor_id and (m.start, m.end, actor_id) in seen:
                continue
            seen.add((m.start, m.end, actor_id))
            keys.append((actor_id, voice, speaker))
            targets.append((span, by_sentence.get((m.sentence, actor_id), ()), sentence))
    groups: dict[tuple[str, str, str | None], list[np.ndarray]] = {}
    for key, p in zip(keys, probabilities(targets)):
        groups.setdefault(key, []).append(p)
    tones = []
    for (actor_id, voice, speaker), ps in groups.items():
        classes = [int(np.argmax(p)) for p in ps]
        score = sum(float(p[2] - p[0]) for p in ps) / len(ps)
        tones.append(Tone(article_id, actor_id, voice, speaker, len(ps), round(score, 4),
                          classes.count(0), classes.count(1), classes.count(2)))
    return tones


def _owners_inside(mentions: Sequence[Mention], labels: Sequence[Label]) -> dict[tuple[int, int], list[str]]:
    """Mention span → the other actors a possession label inside it gives it as owners."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    out: dict[tuple[int, int], list[str]] = {}
    for label in labels:
        if label.kind != "possession":
            continue
        for m in by_sentence.get(label.sentence, ()):
            if m.start <= label.start and label.end <= m.end and m.actor_id != label.actor_id:
                owners = out.setdefault((m.start, m.end), [])
                if label.actor_id not in owners:
                    owners.append(label.actor_id)
    return out
