"""Train the event coder's model from our labelled sentences.

1. Each labelled sentence is found in its article as newsgraph reads it (cleaned,
   parsed, actors resolved); our own sentences are read alone.
2. Every candidate of those sentences (`extract.events.candidates`) gets its features,
   and a label: the type of the gold event whose source and target its actors match,
   else NONE (the sentence was labelled exhaustively, so the negatives are real).
3. Articles are split once into train, dev and test by a hash of their id (70/15/15);
   our own sentences are training data only. Regularisation and the confidence
   threshold are chosen on dev (threshold: the lowest that keeps dev precision ≥ 0.85);
   test is scored once, at the end.
4. Two logistic regressions (type, status) are fit with scikit-learn (deterministic:
   lbfgs, fixed order) and written as plain arrays to `extract/events/model/events.npz`.

Scores are event-level at (sentence, source actor, target actor, type): a gold event
whose actors newsgraph never finds counts as missed.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.train.labels import GoldEvent, LabelledSentence, load

MIN_PRECISION = 0.85
MIN_PREDICTED = 20  # a precision measured on fewer dev events than this is noise, not a target met
C_GRID = (0.05, 0.1, 0.3)


def split_of(doc: str) -> str:
    """train, dev or test, fixed by the article id (our own sentences: train)."""
    if doc.startswith("ours"):
        return "train"
    h = int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 20
    return "train" if h < 14 else "dev" if h < 17 else "test"


@dataclass
class Example:
    key: str                  # the labelled sentence
    split: str
    features: dict[str, float]
    type: str                 # gold type or NONE
    status: str | None
    pair: tuple[str, str | None]
    gold_matches: tuple[int, ...]   # which gold events of the sentence this candidate realises

    @property
    def second(self) -> bool:
        """From a blind second labelling: agreement only, never trained on."""
        return self.split == "second"


@dataclass
class SentenceGold:
    key: str
    split: str
    events: list[tuple[GoldEvent, frozenset[str], frozenset[str] | None]]  # with actor ids found


def _near(text: str, needle: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Where `needle` sits in text[lo:hi], spaces flexible."""
    i = text.find(needle, lo, hi)
    if i >= 0:
        return i, i + len(needle)
    words = needle.split()
    if not words:
        return None
    m = re.compile(r"\s+".join(map(re.escape, words))).search(text, lo, hi)
    return (m.start(), m.end()) if m else None


def _articles(labelled: list[LabelledSentence]):
    """(Article, [labelled sentences]) for every article the labels touch."""
    from newsgraph.ingest import IngestOptions, iter_articles
    from newsgraph.records import Article

    by_doc: dict[str, list[LabelledSentence]] = {}
    for s in labelled:
        by_doc.setdefault(s.doc, []).append(s)
    rows = [ss[0].extra["article"] for d, ss in by_doc.items() if not d.startswith("ours")]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        for a in iter_articles([str(path)], IngestOptions()):
            if isinstance(a, Article) and a.input_id in by_doc:
                yield a, by_doc.pop(a.input_id)
    for d, ss in by_doc.items():
        if d.startswith("ours"):
            for s in ss:
                aid = hashlib.sha256(s.text.encode()).hexdigest()[:16]
                yield Article(aid, s.key, "labels/events/written.jsonl", None, "txt", None, None, None, None,
                              s.date, "user" if s.date else None, "day" if s.date else None, s.text), [s]
        else:
            print(f"warning: article {d} did not read as an article; its labels are left out", file=sys.stderr)


_worker: tuple | None = None


def _init_worker() -> None:
    global _worker
    from newsgraph.extract import Extractor
    from newsgraph.nlp import load_pipeline

    _worker = (load_pipeline(), Extractor())


def _examples_of(batch: list) -> tuple[list[Example], list[SentenceGold]]:
    """Examples and gold of a batch of (Article, labelled sentences), in a worker."""
    from newsgraph.extract import find_mentions, find_quotes
    from newsgraph.extract.events import candidate_features

    nlp, ex = _worker
    examples: list[Example] = []
    golds: list[SentenceGold] = []
    for (article, sentences), doc in zip(batch, nlp.pipe((a.text for a, _ in batch), batch_size=25), strict=True):
        date = article.date if article.date and article.date[:4].isdigit() else None
        mentions, actors = find_mentions(article.article_id, doc, ex.resolver, date)
        quotes = find_quotes(article.article_id, doc, mentions, actors, ex.resolver.kb)
        cands = candidate_features(article.article_id, doc, mentions, quotes, ex.lexicon, date=article.date,
                                   date_precision=article.date_precision, actors=actors, resolver=ex.resolver)
        names = {a.id: a.name.lower() for a in actors}
        sents = list(doc.sents)
        for s in sentences:
            where = _near(article.text, s.text, 0, len(article.text))
            if where is None:
                print(f"warning: {s.key}: sentence not found in the cleaned article; left out", file=sys.stderr)
                continue
            lo, hi = where
            idxs = {i for i, sent in enumerate(sents) if sent.start_char < hi and sent.end_char > lo}
            local = [m for m in mentions if m.sentence in idxs]

            def actors_at(span, name, s=s, lo=lo, hi=hi, local=local):
                if span is None:
                    return None
                at = _near(article.text, s.text[span[0]:span[1]], lo + max(0, span[0] - 5), hi)
                ids = frozenset(m.actor_id for m in local if at and m.start < at[1] and m.end > at[0])
                if not ids and name:
                    ids = frozenset(m.actor_id for m in local if names.get(m.actor_id) == name.lower())
                return ids

            gold = [(e, actors_at(e.source, e.source_name), actors_at(e.target, e.target_name)) for e in s.events]
            split = "second" if s.extra.get("second") else split_of(s.doc)
            golds.append(SentenceGold(s.key, split, gold))
            for c, _a, feats in cands:
                if c.sentence not in idxs:
                    continue
                t = c.target.actor_id if c.target else None
                # a candidate with no target realises only a gold event with no target: when
                # the sentence names a target newsgraph does not find, "no one" is wrong
                hits = tuple(k for k, (e, src, tgt) in enumerate(gold)
                             if c.source.actor_id in src and (
                                 (t is None and tgt is None) or (t is not None and tgt and t in tgt)))
                first = gold[hits[0]][0] if hits else None
                examples.append(Example(s.key, split, feats, first.type if first else "NONE",
                                        first.status if first else None, (c.source.actor_id, t), hits))
    return examples, golds


def build_examples(labelled: list[LabelledSentence], workers: int = 2) -> tuple[list[Example], list[SentenceGold]]:
    """Every candidate of the labelled sentences with its features and label, built in a
    pool of `workers` processes (one model each); the order is the input's, so training
    is deterministic."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    pairs = list(_articles(labelled))
    for _, ss in pairs:  # the raw corpus row is not needed past this point
        for s in ss:
            s.extra.pop("article", None)
    batches = [pairs[i:i + 40] for i in range(0, len(pairs), 40)]
    examples: list[Example] = []
    golds: list[SentenceGold] = []
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_init_worker) as pool:
        for n, (ex, gs) in enumerate(pool.map(_examples_of, batches), 1):
            examples += ex
            golds += gs
            print(f"  {min(n * 40, len(pairs))}/{len(pairs)} articles", file=sys.stderr)
    return examples, golds


def _matrix(examples: list[Example], vocab: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, e in enumerate(examples):
        for f, v in e.features.items():
            j = vocab.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
                vals.append(v)
    return csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(len(examples), len(vocab)))


def _fit(X, y, C: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, solver="lbfgs").fit(X, y)


def score(examples: list[Example], golds: list[SentenceGold], probs: np.ndarray, classes: list[str],
          threshold: float) -> dict:
    """Event-level precision, recall, F1 at (sentence, source, target, type), and the
    per-candidate event/NONE accuracy, at a threshold."""
    none = classes.index("NONE")
    masked = probs.copy()
    masked[:, none] = -1
    best = masked.argmax(axis=1)
    conf = masked.max(axis=1)
    predicted: dict[tuple, tuple[str, tuple[int, ...]]] = {}
    for e, k, p in zip(examples, best, conf):
        if p >= threshold:
            key = (e.key, e.pair, classes[k])
            predicted[key] = (classes[k], predicted.get(key, ("", ()))[1] + e.gold_matches)
    gold_by_key = {g.key: g for g in golds}
    found: set[tuple[str, int]] = set()
    tp_pred = 0
    for (key, _pair, t), (_, hits) in predicted.items():
        ok = [h for h in hits if gold_by_key[key].events[h][0].type == t]
        if ok:
            tp_pred += 1
            found.update((key, h) for h in ok)
    n_gold = sum(len(g.events) for g in golds)
    p = tp_pred / len(predicted) if predicted else 0.0
    r = len(found) / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    is_event = np.array([e.type != "NONE" for e in examples])
    acc = float(((conf >= threshold) == is_event).mean()) if len(examples) else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "predicted": len(predicted),
            "gold": n_gold, "found": len(found), "event_none_accuracy": round(acc, 3), "threshold": threshold}


def agreement(examples: list[Example]) -> dict:
    """Cohen's kappa between the first and the blind second labels of the same candidates:
    on event/NONE and on type (NONE included), with the raw agreement beside them."""
    from sklearn.metrics import cohen_kappa_score

    first = {(e.key, e.pair): e.type for e in examples if not e.second}
    pairs = [(first[(e.key, e.pair)], e.type) for e in examples if e.second and (e.key, e.pair) in first]
    if not pairs:
        return {"candidates": 0}
    a, b = zip(*pairs)
    ea, eb = [x != "NONE" for x in a], [x != "NONE" for x in b]
    return {"sentences": len({e.key for e in examples if e.second}), "candidates": len(pairs),
            "events_first": sum(ea), "events_second": sum(eb),
            "kappa_event": round(float(cohen_kappa_score(ea, eb)), 3),
            "kappa_type": round(float(cohen_kappa_score(a, b)), 3),
            "agreement_type": round(sum(x == y for x, y in pairs) / len(pairs), 3)}


def errors_by_kind(examples: list[Example], golds: list[SentenceGold], probs: np.ndarray, classes: list[str],
                   threshold: float) -> dict:
    """What the model gets wrong at a threshold, by kind: the next round starts here."""
    none = classes.index("NONE")
    masked = probs.copy()
    masked[:, none] = -1
    best, conf = masked.argmax(axis=1), masked.max(axis=1)
    kinds: Counter = Counter()
    by_key = {g.key: g for g in golds}
    realised: set[tuple[str, int]] = set()
    for e, k, p in zip(examples, best, conf):
        predicted = classes[k] if p >= threshold else None
        if predicted and e.type == "NONE":
            gold = by_key[e.key]
            if e.pair[1] is None and any(ev.target is not None and e.pair[0] in src for ev, src, _ in gold.events):
                kinds["spurious: no target, though the sentence names one"] += 1
            elif any(e.pair[0] in src for _, src, _ in gold.events):
                kinds["spurious: right source, wrong or reversed target"] += 1
            elif gold.events:
                kinds["spurious: an actor that is not the source of the sentence's events"] += 1
            else:
                kinds[f"spurious: no event in the sentence ({predicted})"] += 1
        elif predicted and predicted != e.type:
            kinds[f"wrong type: {e.type} coded as {predicted}"] += 1
        elif predicted:
            realised.update((e.key, h) for h in e.gold_matches)
        elif e.type != "NONE":
            kinds[f"missed: candidate below the threshold ({e.type})"] += 1
            realised.update((e.key, h) for h in e.gold_matches)  # counted here, not again below
    for g in golds:
        for h, (ev, src, tgt) in enumerate(g.events):
            if (g.key, h) in realised:
                continue
            if not src:
                kinds["missed: source not found as an actor"] += 1
            elif ev.target is not None and not tgt:
                kinds["missed: target not found as an actor"] += 1
            elif (g.key, h) not in {(e.key, x) for e in examples if e.key == g.key for x in e.gold_matches}:
                kinds["missed: no candidate joins the pair"] += 1
    return dict(kinds.most_common())


def choose_threshold(examples, golds, probs, classes) -> tuple[float, bool]:
    """The lowest threshold at which dev precision reaches MIN_PRECISION (the most recall
    at that precision), and True; when no threshold reaches it on at least MIN_PREDICTED
    events, the one with the best dev F0.5 (precision weighed twice as much as recall:
    precision first, but not at the price of coding almost nothing), and False."""
    grid = [round(float(t), 3) for t in np.arange(0.05, 0.96, 0.025)]
    scores = [score(examples, golds, probs, classes, t) for t in grid]
    for t, sc in zip(grid, scores):
        if sc["precision"] >= MIN_PRECISION and sc["predicted"] >= MIN_PREDICTED:
            return t, True
    def f_half(sc: dict) -> float:
        p, r = sc["precision"], sc["recall"]
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0

    best = max(zip(grid, scores), key=lambda x: (f_half(x[1]), x[0]))
    return best[0], False


class TwoStage:
    """P(event) from every candidate, P(type | event) from the events: see `model.py`."""

    def __init__(self, X, y, c_event: float, c_type: float) -> None:
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y)
        self.event = LogisticRegression(C=c_event, max_iter=3000).fit(X, y != "NONE")
        positive = y != "NONE"
        self.type = LogisticRegression(C=c_type, max_iter=3000).fit(X[positive], y[positive])
        self.classes = ["NONE"] + list(self.type.classes_)

    def probs(self, X) -> np.ndarray:
        pe = self.event.predict_proba(X)[:, 1]
        return np.hstack([(1 - pe)[:, None], pe[:, None] * self.type.predict_proba(X)])


def train(labels_dir: Path, corpus: Path, *, out: Path | None = None, cache: Path | None = None) -> dict:
    from sklearn.metrics import cohen_kappa_score  # noqa: F401  (fail early when the extra is missing)

    from newsgraph.extract.events.model import MODEL_PATH, EventModel, _Linear

    files = sorted(labels_dir.glob("*.jsonl"))
    if cache is not None and cache.exists():
        examples, golds = pickle.loads(cache.read_bytes())
    else:
        labelled = list(load(files, corpus))
        print(f"{len(labelled)} labelled sentences from {len(files)} files", file=sys.stderr)
        examples, golds = build_examples(labelled)
        if cache is not None:
            cache.write_bytes(pickle.dumps((examples, golds)))
    by = {s: [e for e in examples if e.split == s] for s in ("train", "dev", "test")}
    gold_by = {s: [g for g in golds if g.split == s] for s in ("train", "dev", "test")}
    seen = Counter(f for e in by["train"] for f in e.features)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= 2))}
    X = {s: _matrix(by[s], vocab) for s in by}
    y = {s: [e.type for e in by[s]] for s in by}
    print(f"candidates: train {len(by['train'])}, dev {len(by['dev'])}, test {len(by['test'])}; "
          f"events among them: {Counter(t != 'NONE' for t in y['train'])[True]} train; features {len(vocab)}",
          file=sys.stderr)
    best = None
    for c_event in C_GRID:
        for c_type in (1.0, 3.0):
            m = TwoStage(X["train"], y["train"], c_event, c_type)
            probs = m.probs(X["dev"])
            t, met = choose_threshold(by["dev"], gold_by["dev"], probs, m.classes)
            dev = score(by["dev"], gold_by["dev"], probs, m.classes, t)
            print(f"  C event {c_event}, C type {c_type}: dev at {t} ({'target met' if met else 'best F0.5'}): {dev}",
                  file=sys.stderr)
            fh = 1.25 * dev["precision"] * dev["recall"] / (0.25 * dev["precision"] + dev["recall"] or 1)
            key = (met, dev["recall"] if met else fh)
            if best is None or key > best[0]:
                best = (key, (c_event, c_type), m, t, dev, met)
    _, C, model, threshold, dev, met = best
    test = score(by["test"], gold_by["test"], model.probs(X["test"]), model.classes, threshold)
    curve = {str(t): score(by["test"], gold_by["test"], model.probs(X["test"]), model.classes, t)
             for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)}
    errors = errors_by_kind(by["dev"], gold_by["dev"], model.probs(X["dev"]), model.classes, threshold)
    positives = [i for i, e in enumerate(by["train"]) if e.type != "NONE"]
    status_model = _fit(X["train"][positives], [by["train"][i].status for i in positives], C[1])
    meta = {"C_event": C[0], "C_type": C[1], "threshold": threshold, "min_precision": MIN_PRECISION,
            "precision_target_met_on_dev": met, "dev": dev, "test": test, "test_curve": curve,
            "agreement": agreement(examples), "dev_errors": errors,
            "labels": {s: len(gold_by[s]) for s in gold_by}, "candidates": {s: len(by[s]) for s in by},
            "label_files": [p.name for p in files],
            "types_train": dict(Counter(y["train"]))}
    ev = model.event
    event_w = np.hstack([-ev.coef_.T, ev.coef_.T]).astype(np.float32)  # two columns: NONE, EVENT
    event_b = np.array([-ev.intercept_[0], ev.intercept_[0]], dtype=np.float32)
    weights = np.asarray(model.type.coef_.T, dtype=np.float32)
    bias = np.asarray(model.type.intercept_, dtype=np.float32)
    sw = np.asarray(status_model.coef_.T, dtype=np.float32)
    sb = np.asarray(status_model.intercept_, dtype=np.float32)
    if sw.shape[1] == 1:  # two status classes: scikit-learn keeps one column
        sw, sb = np.hstack([-sw, sw]) / 2, np.array([-sb[0], sb[0]], dtype=np.float32) / 2
    # scikit-learn's binary coefficients are for the positive class against a zero
    # baseline; halving them on each side keeps the softmax of the two columns equal to it
    em = EventModel(vocab, _Linear(("NONE", "EVENT"), event_w / 2, event_b / 2),
                    _Linear(tuple(model.type.classes_), weights, bias),
                    _Linear(tuple(status_model.classes_), sw, sb), meta)
    em.save(out or MODEL_PATH)
    print(json.dumps({k: meta[k] for k in ("dev", "test", "test_curve", "agreement", "dev_errors", "threshold",
                                            "precision_target_met_on_dev")}, indent=1))
    return meta
