"""Train the tone model from NewsMTSC's training file (`python -m newsgraph.train tone`).

NewsMTSC (Hamborg & Donnay 2021, MIT) marks the sentiment of news sentences toward a
named target. Its `train` file is split by a fixed hash of the article each sentence
comes from (the gid's `allsides_<a>_<b>` prefix) into fit (85 %) and dev (15 %), so
sentences of one article never sit on both sides; hyper-parameters and the model kind
(class-balanced logistic regression, or a one-hidden-layer network) are chosen by dev
macro-F1, then the winner is refit on the whole training file with the same settings.
The devtest file is never read here: it is what `newsgraph eval tone` reports.

Everything is seeded and single-threaded in effect (lbfgs; Adam with a fixed
`random_state`), so the same data and code give the same weights. Parsing the ~7,800
sentences is the slow part: `--cache DIR` keeps the parsed docs (with their tok2vec
tensors) to retrain after changing the features only.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import time
from collections import Counter
from pathlib import Path

import numpy as np

DEFAULT_TRAIN = Path(__file__).resolve().parents[3].parent / "shared" / "gold" / "framing" / "newsmtsc_train.jsonl"
DEV_SHARE = 15  # percent of articles held out for choosing
MIN_COUNT = 2  # a named feature must occur this often in the fit part to get a weight


def group_of(gid: str) -> str:
    """The article a NewsMTSC sentence comes from: its gid up to the third underscore."""
    return "_".join(gid.split("_")[:3])


def is_dev(gid: str) -> bool:
    return int(hashlib.sha1(group_of(gid).encode()).hexdigest(), 16) % 100 < DEV_SHARE


def parsed(path: Path, cache: Path | None = None, nlp=None) -> list[tuple[dict, object]]:
    """(row, Doc) for every row of a NewsMTSC file, parsed once and cached when asked."""
    from spacy.tokens import Doc

    if nlp is None:
        from newsgraph.nlp import load_pipeline

        nlp = load_pipeline()
    target = cache / f"{path.stem}.pkl" if cache else None
    if target is not None and target.exists():
        with open(target, "rb") as f:
            stored = pickle.load(f)
        return [(row, Doc(nlp.vocab).from_bytes(data)) for row, data in stored]
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    docs = list(nlp.pipe((r["sentence_normalized"] for r in rows), batch_size=64))
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as f:
            pickle.dump([(row, doc.to_bytes(exclude=["user_data"])) for row, doc in zip(rows, docs)], f)
    return list(zip(rows, docs))


def examples(pairs) -> list[tuple[dict[str, float], np.ndarray, str, str]]:
    """(named features, dense vector, gold class, gid) of every usable target."""
    from newsgraph.evaluate.tone import row_targets
    from newsgraph.extract import tone
    from newsgraph.knowledge import default

    kb = default()
    out = []
    for row, doc in pairs:
        for _, span, labels, gold in row_targets(row, doc, kb):
            features, dense = tone.target_features(span, labels)
            out.append((features, dense, gold, row["primary_gid"]))
    return out


def matrix(rows, vocab: dict[str, int]):
    """A CSR matrix of named features (columns: vocab) beside the dense block."""
    from scipy import sparse

    data, indices, indptr = [], [], [0]
    for features, dense, *_ in rows:
        for name, value in features.items():
            j = vocab.get(name)
            if j is not None:
                indices.append(j)
                data.append(value)
        indptr.append(len(indices))
    named = sparse.csr_matrix((np.array(data, dtype=np.float32), np.array(indices), np.array(indptr)),
                              shape=(len(rows), len(vocab)))
    return sparse.hstack([named, sparse.csr_matrix(np.stack([r[1] for r in rows]))], format="csr")


def macro_f1(gold, predicted, classes) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, predicted, labels=list(classes), average="macro"))


def candidates():
    """The settings tried, in order: (kind, parameters)."""
    for c in (0.1, 0.2, 0.3, 0.5):
        yield "linear", {"C": c}
    for alpha in (1e-1, 1.0):
        yield "mlp", {"hidden": 64, "alpha": alpha, "epochs": 6}


def fit(kind: str, params: dict, x, y: np.ndarray, weights: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    if kind == "linear":
        model = LogisticRegression(C=params["C"], class_weight="balanced", max_iter=3000)
        model.fit(x, y)
        return model
    model = MLPClassifier(hidden_layer_sizes=(params["hidden"],), alpha=params["alpha"], max_iter=params["epochs"],
                          batch_size=64, learning_rate_init=1e-3, random_state=14, shuffle=True)
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x, y, sample_weight=weights)
    return model


def balanced_weights(y: np.ndarray) -> np.ndarray:
    counts = Counter(y.tolist())
    return np.array([len(y) / (len(counts) * counts[c]) for c in y.tolist()], dtype=np.float64)


def to_tone_model(model, kind: str, vocab: dict[str, int], meta: dict):
    """The fitted scikit-learn model as NumPy weights (`extract.tone_model.ToneModel`)."""
    from newsgraph.extract.tone_model import CLASSES, ToneModel, dense_names

    names = sorted(vocab, key=vocab.get) + dense_names()
    full = {name: i for i, name in enumerate(names)}
    order = [list(model.classes_).index(c) for c in CLASSES]
    if kind == "linear":
        return ToneModel(full, model.coef_.T[:, order].astype(np.float32), model.intercept_[order].astype(np.float32),
                         [], meta)
    (w0, w1), (b0, b1) = model.coefs_, model.intercepts_
    return ToneModel(full, w0.astype(np.float32), b0.astype(np.float32),
                     [(w1[:, order].astype(np.float32), b1[order].astype(np.float32))], meta)


def train(gold: Path = DEFAULT_TRAIN, *, out: Path | None = None, cache: Path | None = None) -> dict:
    """Choose on dev, refit on all of train, write the weights; returns the choice's figures."""
    from newsgraph.extract.tone_model import CLASSES, MODEL_PATH

    started = time.time()
    rows = examples(parsed(Path(gold), cache))
    fit_rows = [r for r in rows if not is_dev(r[3])]
    dev_rows = [r for r in rows if is_dev(r[3])]
    counts = Counter(name for r in fit_rows for name in r[0])
    vocab = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT or n.startswith("#")))}
    x_fit, x_dev = matrix(fit_rows, vocab), matrix(dev_rows, vocab)
    y_fit = np.array([r[2] for r in fit_rows])
    y_dev = np.array([r[2] for r in dev_rows])
    print(f"{len(rows)} targets: fit {len(fit_rows)}, dev {len(dev_rows)}; {len(vocab)} named features "
          f"(parsed and featurised in {time.time() - started:.0f} s)", flush=True)
    tried = []
    for kind, params in candidates():
        t = time.time()
        model = fit(kind, params, x_fit, y_fit, balanced_weights(y_fit))
        score = macro_f1(y_dev, model.predict(x_dev), CLASSES)
        tried.append({"kind": kind, **params, "dev_macro_f1": round(score, 4)})
        print(f"  {kind} {params}: dev macro-F1 {score:.4f} ({time.time() - t:.0f} s)", flush=True)
    best = max(tried, key=lambda r: r["dev_macro_f1"])
    kind = best["kind"]
    params = {k: v for k, v in best.items() if k not in ("kind", "dev_macro_f1")}
    counts = Counter(name for r in rows for name in r[0])
    vocab = {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_COUNT or n.startswith("#")))}
    y = np.array([r[2] for r in rows])
    model = fit(kind, params, matrix(rows, vocab), y, balanced_weights(y))
    meta = {"trained_on": "NewsMTSC newsmtsc_train.jsonl (Hamborg & Donnay 2021, MIT)",
            "train_sha256": hashlib.sha256(Path(gold).read_bytes()).hexdigest(), "targets": len(rows),
            "dev_share": DEV_SHARE, "chosen": best, "tried": tried}
    path = out or MODEL_PATH
    to_tone_model(model, kind, vocab, meta).save(path)
    print(f"chose {kind} {params} (dev macro-F1 {best['dev_macro_f1']}); refit on all {len(rows)} targets; "
          f"wrote {path} ({Path(path).stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f} s")
    return best
