"""Tone on NewsMTSC: the context choices we compared, and a trained linear model we did not ship.

    python bench/tone_baselines.py [--gold ../shared/gold/framing]

Parses the train and devtest_mt splits once, then for each way of choosing a target's
context (whole sentence, governing clause, ±5/±10 tokens, clause and sentence mixed,
with or without the framing polarity of the target's labels) tunes the two class
thresholds on train and reports macro-F1 on devtest. Then fits a multinomial logistic
regression (NumPy, L2 1e-4) on train over VADER scores of the clause, sentence and window,
the target's dependency role, and the clause's lemmas (seen 3+ times in train), and
reports it on devtest — the size of the gain a learned model gives over lexicon rules.
Figures: docs/accuracy.md ("Framing").
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

import numpy as np

from newsgraph.evaluate.tone import CLASSES, GOLD_CLASS, metrics
from newsgraph.extract import tone
from newsgraph.extract.labels import find_labels
from newsgraph.knowledge import default
from newsgraph.nlp import load_pipeline
from newsgraph.records import Mention

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE.parent.parent / "shared" / "gold" / "framing"
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "appos", "conj")


def targets(nlp, path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    out = []
    for row, doc in zip(rows, nlp.pipe((r["sentence_normalized"] for r in rows), batch_size=64)):
        for t in row["targets"]:
            span = doc.char_span(t["from"], t["to"], alignment_mode="expand")
            if span is not None and len(span):
                out.append((doc, span, GOLD_CLASS[int(t["polarity"])]))
    return out


def compound(text):
    return tone.analyzer().polarity_scores(text)["compound"]


def label_shift(doc, span, kb):
    m = Mention("g", 0, span.start_char, span.end_char, span.text, "t", "g", None, "actor")
    labels = find_labels("g", doc, [m], (), kb)
    return sum(-tone.LABEL_WEIGHT if l.polarity == "negative" else tone.LABEL_WEIGHT if l.polarity == "positive" else 0
               for l in labels)


STRATEGIES = {
    "sentence": lambda d, s: compound(d.text),
    "clause": lambda d, s: compound(" ".join(t.text for t in tone.clause_of(s))),
    "window ±5": lambda d, s: compound(d[max(0, s.start - 5):s.end + 5].text),
    "window ±10": lambda d, s: compound(d[max(0, s.start - 10):s.end + 10].text),
    "clause+sentence (shipped)": lambda d, s: tone.context_score(s),
}


def tuned(train_scores, train_gold):
    grid = [round(x * 0.05, 2) for x in range(-12, 13)]
    return max((metrics([(tone.classify(s, lo, hi), g) for s, g in zip(train_scores, train_gold)])["macro_f1"], lo, hi)
               for lo in grid for hi in grid if hi >= lo)


def features(doc, span):
    a = tone.analyzer()
    clause = a.polarity_scores(" ".join(t.text for t in tone.clause_of(span)))
    sent = a.polarity_scores(doc.text)
    win = a.polarity_scores(doc[max(0, span.start - 10):span.end + 10].text)
    dense = [clause["compound"], clause["pos"], clause["neg"], sent["compound"], sent["pos"], sent["neg"],
             win["compound"], win["pos"], win["neg"], 1.0] + [float(span.root.dep_ == d) for d in DEPS]
    words = {t.lemma_.lower() for t in tone.clause_of(span)
             if not (span.start <= t.i < span.end or t.is_punct or t.is_stop)}
    return dense, words


def logistic(X, y, l2=1e-4, iters=400, lr=0.5):
    W = np.zeros((X.shape[1], 3))
    onehot = np.eye(3)[y]
    for _ in range(iters):
        P = X @ W
        P = np.exp(P - P.max(1, keepdims=True))
        P /= P.sum(1, keepdims=True)
        W -= lr * (X.T @ (P - onehot) / len(y) + l2 * W)
    return W


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args()
    nlp, kb = load_pipeline(), default()
    data = {split: targets(nlp, args.gold / f"newsmtsc_{split}.jsonl") for split in ("train", "devtest_mt")}
    gold = {k: [g for _, _, g in v] for k, v in data.items()}
    shifts = {k: [label_shift(d, s, kb) for d, s, _ in v] for k, v in data.items()}
    print("| context | thresholds (train) | train macro-F1 | devtest macro-F1 | devtest accuracy |")
    print("|---|---|---|---|---|")
    for name, fn in STRATEGIES.items():
        for with_labels in (False, True):
            scores = {k: [fn(d, s) + (shifts[k][i] if with_labels else 0) for i, (d, s, _) in enumerate(v)]
                      for k, v in data.items()}
            f1, lo, hi = tuned(scores["train"], gold["train"])
            dev = metrics([(tone.classify(s, lo, hi), g) for s, g in zip(scores["devtest_mt"], gold["devtest_mt"])])
            label = name + (" + labels" if with_labels else "")
            print(f"| {label} | {lo}, {hi} | {f1} | {dev['macro_f1']} | {dev['accuracy']} |", flush=True)
    feats = {k: [features(d, s) for d, s, _ in v] for k, v in data.items()}
    counts = collections.Counter(w for _, words in feats["train"] for w in words)
    vocab = {w: i for i, (w, c) in enumerate(counts.most_common()) if c >= 3}

    def matrix(rows):
        X = np.zeros((len(rows), len(rows[0][0]) + len(vocab)))
        for i, (dense, words) in enumerate(rows):
            X[i, :len(dense)] = dense
            for w in words:
                if w in vocab:
                    X[i, len(dense) + vocab[w]] = 1.0
        return X

    y = {k: np.array([CLASSES.index(g) for g in gold[k]]) for k in gold}
    X = {k: matrix(v) for k, v in feats.items()}
    W = logistic(X["train"], y["train"])
    for k in ("train", "devtest_mt"):
        m = metrics([(CLASSES[p], CLASSES[g]) for p, g in zip((X[k] @ W).argmax(1), y[k])])
        print(f"logistic regression (VADER features + {len(vocab)} clause lemmas), {k}: macro-F1 {m['macro_f1']}, "
              f"accuracy {m['accuracy']}, F1 {m['f1']}")


if __name__ == "__main__":
    main()
