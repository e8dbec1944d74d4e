"""The trained tone model: what is said of a target, read from the words around it.

A lexicon score of the target's clause (what `extract.tone` did before) cannot tell
"Trump attacked the senator" (negative toward Trump as the attacker? toward the
senator?) from its mirror, and has no entry for most of the words news uses to judge
("botched", "walked back", "under fire"). So each mention becomes named features of its
neighbourhood — the words of its clause and sentence, the words right before and
after it weighted by distance, the predicate it is an argument of and in which role,
the words that modify it, negation, the labels hung on it, whether it speaks or sits
inside a quote, VADER's scores of its clause, sentence and windows — plus the parser's
own contextual vectors (spaCy's tok2vec, `doc.tensor`) pooled over the target, its
clause, its sentence and its predicate, which carry what no word list names.

A classifier over these (multinomial logistic regression, or a one-hidden-layer
network, whichever scored the best macro-F1 on a dev split of NewsMTSC's training
file) was trained by `python -m newsgraph.train tone`; its weights ship in
`model/tone.npz` (derived from NewsMTSC, MIT: see `model/NOTICE`) and are read here
with NumPy alone, so no scikit-learn is needed at run time.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import NewsgraphError

MODEL_PATH = Path(__file__).parent / "model" / "tone.npz"
CLASSES = ("negative", "neutral", "positive")
WIDTH = 96  # the parser's tok2vec width
DENSE_PARTS = ("vt", "vc", "vs", "vp")  # target, clause, sentence, predicate
WINDOW = 6  # words either side read with a distance weight
# Dependencies that open a clause of their own (as in `extract.tone`).
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "csubj", "parataxis", "xcomp", "pcomp", "acl"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
OBJECT_DEPS = frozenset({"dobj", "obj", "iobj", "dative", "attr", "oprd"})
OPEN_QUOTES = "\"“”«»"


def dense_names() -> list[str]:
    """The dense features' names, in the order `featurize` fills its vector."""
    return [f"{p}{k}" for p in DENSE_PARTS for k in range(WIDTH)]


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=8192)
def _compound(text: str) -> float:
    return _vader().polarity_scores(text)["compound"] if text.strip() else 0.0


def _valence(word: str) -> float:
    return _vader().lexicon.get(word.lower(), 0.0) / 4.0


def _sign(value: float) -> str:
    return "pos" if value > 0.05 else "neg" if value < -0.05 else "0"


def _word(t: Token) -> str:
    return t.lemma_.lower() if t.pos_ != "PROPN" else t.text.lower()


def _content(t: Token) -> bool:
    return not (t.is_punct or t.is_space or t.like_num)


def clause_head(span: Span) -> Token:
    """The token heading the clause a target sits in."""
    head = span.root
    while head.dep_ not in CLAUSE_DEPS and head.head.i != head.i:
        head = head.head
    return head


def clause_tokens(span: Span) -> list[Token]:
    """The words of the target's clause, clauses nested in it that do not hold the target left out."""
    head = clause_head(span)
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        if t is not head and t.dep_ in CLAUSE_DEPS and (t.right_edge.i < span.start or t.left_edge.i >= span.end):
            continue
        out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def predicate(span: Span) -> tuple[Token | None, str]:
    """The verb or adjective the target is an argument of, and its role there.

    Roles: subj, obj, pobj:<preposition> (through one preposition), poss (the target owns
    a noun that is the argument: "Trump's remarks"), mod (it modifies or names another
    noun), other. None when the target heads its own sentence.
    """
    t = span.root
    role, steps = None, 0
    while t.head.i != t.i and steps < 4:
        dep, head = t.dep_, t.head
        if role is None:
            if dep in SUBJECT_DEPS:
                role = "subj"
            elif dep in OBJECT_DEPS:
                role = "obj"
            elif dep == "pobj":
                role = f"pobj:{head.lower_}"
            elif dep == "poss":
                role = "poss"
            elif dep in ("compound", "amod", "appos", "nmod", "conj"):
                role = "mod"
            else:
                role = "other"
        if head.pos_ in ("VERB", "AUX", "ADJ") and dep not in ("conj",):
            return head, role
        t, steps = head, steps + 1
    return None, role or "root"


def _tree_distances(span: Span, sentence: Span) -> dict[int, int]:
    """Steps in the parse from the target (its whole span as one node) to each word of its sentence."""
    inside = range(span.start, span.end)
    dist = {i: 0 for i in inside}
    frontier = list(inside)
    while frontier:
        nxt = []
        for i in frontier:
            t = sentence.doc[i]
            for n in (t.head, *t.children):
                if n.i not in dist and sentence.start <= n.i < sentence.end:
                    dist[n.i] = dist[i] + 1
                    nxt.append(n.i)
        frontier = nxt
    return dist


def _in_quote(sentence_text: str, offset: int) -> bool:
    """Whether an odd number of quote marks precede `offset` in the sentence."""
    before = sentence_text[:offset]
    return sum(before.count(q) for q in OPEN_QUOTES) % 2 == 1


def _mean(doc: Doc, idx: Sequence[int]) -> np.ndarray:
    tensor = doc.tensor
    if not len(idx) or tensor is None or not len(tensor) or tensor.shape[1] != WIDTH:
        return np.zeros(WIDTH, dtype=np.float32)
    v = np.asarray(tensor[list(idx)], dtype=np.float32).mean(axis=0)
    return v / (float(np.linalg.norm(v)) or 1.0)


def featurize(span: Span, sentence: Span | None = None, labels: Sequence = (),
              speech_verbs: frozenset[str] | set[str] = frozenset()) -> tuple[dict[str, float], np.ndarray]:
    """Named features and the dense vector of one target mention.

    `labels` are the `Label`s hung on the target's actor in its sentence (their polarity
    and kind are read); `speech_verbs` the lemmas of quote cues (`cues.load_cues().verbs`),
    which mark a target that speaks ("X said") or whose clause is reported speech.
    """
    doc = span.doc
    sentence = sentence if sentence is not None else span.sent
    f: dict[str, float] = {}

    def on(name: str, value: float = 1.0) -> None:
        f[name] = f.get(name, 0.0) + value

    inside = set(range(span.start, span.end))
    clause = clause_tokens(span)
    clause_idx = {t.i for t in clause}
    for t in clause:
        if t.i not in inside and _content(t):
            on(f"c:{_word(t)}")
    tokens = list(sentence)  # a spaCy Token is built anew at each iteration: build them once
    for t in tokens:
        if t.i not in inside and t.i not in clause_idx and _content(t):
            on(f"s:{_word(t)}", 0.5)
    words = [t for t in tokens if t.i not in inside and _content(t)]
    left = [t for t in words if t.i < span.start][::-1][:WINDOW]
    right = [t for t in words if t.i >= span.end][:WINDOW]
    lv = rv = 0.0
    for side, near in (("l", left), ("r", right)):
        for d, t in enumerate(near, start=1):
            on(f"{side}:{_word(t)}", 1.0 / d)
            val = _valence(t.lower_) / d
            if side == "l":
                lv += val
            else:
                rv += val
        if near:
            on(f"{side}1:{_word(near[0])}")
        if len(near) > 1:
            on(f"{side}2:{_word(near[0])}_{_word(near[1])}" if side == "r" else f"{side}2:{_word(near[1])}_{_word(near[0])}")
    on("#val_left", lv)
    on("#val_right", rv)

    root = span.root
    on(f"dep:{root.dep_}")
    pred, role = predicate(span)
    on(f"role:{role}")
    negated = False
    if pred is not None:
        lemma = pred.lemma_.lower()
        on(f"p:{lemma}")
        on(f"pr:{role}|{lemma}")
        on("#val_pred", _valence(pred.lower_) or _valence(lemma))
        negated = any(c.dep_ == "neg" for c in pred.children)
        if negated:
            on(f"pn:{lemma}")
        if lemma in speech_verbs:
            on("speaks" if role == "subj" else "told")
        for c in pred.children:
            if c.dep_ in ("dobj", "acomp", "attr", "oprd", "xcomp", "advmod") and c.i not in inside:
                on(f"pc:{role}|{_word(c)}")
    head = clause_head(span)
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in speech_verbs:
        on("reported")
    if any(t.dep_ == "neg" for t in clause):
        on("neg")
        if negated:
            on("neg_pred")
    for t in span:
        for c in t.children:
            if c.i not in inside and c.dep_ in ("amod", "compound", "appos", "relcl", "acl", "advmod", "nmod"):
                for w in c.subtree if c.dep_ in ("amod", "compound", "appos") else (c,):
                    if _content(w):
                        on(f"m:{_word(w)}")
    on(f"ent:{root.ent_type_ or root.pos_}")
    if root.pos_ == "PRON":
        on("pron")
    # Span.text joins the sentence's tokens only; Doc.text would join the whole article
    # for every mention (it was 80 % of the tone's cost).
    sentence_text = sentence.text
    if _in_quote(sentence_text, span.start_char - sentence.start_char):
        on("quoted")
    for label in labels:
        pol = getattr(label, "polarity", None) or "none"
        on(f"lab:{pol}")
        on(f"labk:{getattr(label, 'kind', '')}|{pol}")

    on("#vader_sent", _compound(sentence_text))
    on("#vader_clause", _compound(" ".join(t.text for t in clause if t.i not in inside)))
    on("#vader_left", _compound(" ".join(t.text for t in tokens if t.i < span.start)))
    on("#vader_right", _compound(" ".join(t.text for t in tokens if span.end <= t.i)))
    on("#position", (span.start - sentence.start) / max(1, len(sentence)))
    # Words near the target in the parse tree, not in the line: in "X praised Y but
    # attacked Z" the tree keeps "attacked" one step from Z and two from Y.
    dist = _tree_distances(span, sentence)
    tpos = tneg = 0.0
    for t in tokens:
        d = dist.get(t.i)
        if d is None or t.i in inside or not _content(t):
            continue
        if d <= 3:
            on(f"t:{_word(t)}", 1.0 / d)
        val = _valence(t.lower_)
        if val > 0:
            tpos += val / d
        elif val < 0:
            tneg += val / d
    on("#tree_pos", tpos)
    on("#tree_neg", tneg)
    # The same sentiment means different things for a subject, an object, a speaker:
    # the role crossed with the sign of the sentence's and the clause's tone.
    sent, clause_tone = _sign(f["#vader_sent"]), _sign(f["#vader_clause"])
    on(f"x:{role}|{sent}|{clause_tone}")
    on(f"xq:{int('quoted' in f)}|{sent}")

    dense = np.concatenate([
        _mean(doc, range(span.start, span.end)),
        _mean(doc, [i for i in sorted(clause_idx) if i not in inside]),
        _mean(doc, [t.i for t in tokens if t.i not in inside]),
        _mean(doc, [pred.i] if pred is not None else []),
    ])
    return f, dense


class ToneModel:
    """Weights read with NumPy: one softmax layer, or a ReLU hidden layer and a softmax.

    `first` holds one row per named feature (`vocab`) and per dense feature; `layers`
    the further (weights, bias) pairs, empty for a linear model.
    """

    def __init__(self, vocab: dict[str, int], first: np.ndarray, bias: np.ndarray,
                 layers: list[tuple[np.ndarray, np.ndarray]], meta: dict) -> None:
        self.vocab, self.first, self.bias, self.layers, self.meta = vocab, first, bias, layers, meta
        self.classes = tuple(meta.get("classes", CLASSES))
        self._dense_rows = np.array([vocab.get(n, -1) for n in dense_names()], dtype=np.int64)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> ToneModel:
        path = Path(path)
        if not path.exists():
            raise NewsgraphError("E183", path=path)
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            vocab = {name: i for i, name in enumerate(meta.pop("features"))}
            layers = [(z[f"w{k}"].astype(np.float32), z[f"b{k}"].astype(np.float32)) for k in range(1, meta["layers"])]
            return cls(vocab, z["w0"].astype(np.float32), z["b0"].astype(np.float32), layers, meta)

    def save(self, path: str | Path) -> None:
        meta = dict(self.meta, features=sorted(self.vocab, key=self.vocab.get), classes=list(self.classes),
                    layers=1 + len(self.layers))
        arrays = {"w0": self.first.astype(np.float16 if self.layers else np.float32), "b0": self.bias.astype(np.float32)}
        for k, (w, b) in enumerate(self.layers, start=1):
            arrays[f"w{k}"], arrays[f"b{k}"] = w.astype(np.float32), b.astype(np.float32)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, meta=np.array(json.dumps(meta)), **arrays)

    def probabilities(self, features: Sequence[dict[str, float]], dense: np.ndarray | None) -> np.ndarray:
        """Class probabilities (rows: targets; columns: `classes`) of many targets at once."""
        n = len(features)
        if n == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        rows, owners, values = [], [], []
        for i, fs in enumerate(features):
            for name, value in fs.items():
                j = self.vocab.get(name)
                if j is not None:
                    rows.append(j)
                    owners.append(i)
                    values.append(value)
        z = np.tile(self.bias, (n, 1))
        if rows:
            r = np.array(rows, dtype=np.int64)
            np.add.at(z, np.array(owners, dtype=np.int64), self.first[r] * np.array(values, dtype=np.float32)[:, None])
        if dense is not None:
            keep = self._dense_rows >= 0
            z += np.asarray(dense, dtype=np.float32)[:, keep] @ self.first[self._dense_rows[keep]]
        for w, b in self.layers:
            z = np.maximum(z, 0.0) @ w + b
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)


@functools.lru_cache(maxsize=1)
def default_model() -> ToneModel:
    """The packaged model, loaded once per process."""
    return ToneModel.load()
