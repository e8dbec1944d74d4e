"""Training the tone model: the dev split by article, and NumPy inference equal to scikit-learn's."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.extract.tone_model import CLASSES, ToneModel, dense_names
from newsgraph.train.tone import (
    DEV_SHARE,
    balanced_weights,
    fit,
    group_of,
    is_dev,
    matrix,
    to_tone_model,
)

pytest.importorskip("sklearn")


def test_sentences_of_one_article_fall_on_one_side():
    assert group_of("allsides_1018_408_1_Hillary Clinton_2_17") == "allsides_1018_408"
    gids = [f"allsides_{a}_7_{s}_Someone_0_4" for a in range(400) for s in range(3)]
    for a in range(400):
        assert len({is_dev(f"allsides_{a}_7_{s}_Someone_0_4") for s in range(3)}) == 1
    share = 100 * sum(map(is_dev, gids)) / len(gids)
    assert abs(share - DEV_SHARE) < 6  # a hash, so near the share, and the same every run
    assert [is_dev(g) for g in gids] == [is_dev(g) for g in gids]


def _rows(n=90, seed=3):
    """Invented examples: 'good' words make a target positive, 'bad' ones negative."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        gold = CLASSES[i % 3]
        features = {"c:good": 1.0} if gold == "positive" else {"c:bad": 1.0} if gold == "negative" else {"c:met": 1.0}
        features["#vader_sent"] = float(rng.normal())
        rows.append((features, rng.normal(size=len(dense_names())).astype(np.float32), gold, f"g{i}"))
    return rows


@pytest.mark.parametrize("kind,params", [("linear", {"C": 1.0}), ("mlp", {"hidden": 8, "alpha": 0.01, "epochs": 30})])
def test_shipped_weights_give_scikit_learn_s_probabilities(kind, params, tmp_path):
    rows = _rows()
    vocab = {name: i for i, name in enumerate(sorted({n for r in rows for n in r[0]}))}
    x = matrix(rows, vocab)
    y = np.array([r[2] for r in rows])
    model = fit(kind, params, x, y, balanced_weights(y))
    to_tone_model(model, kind, vocab, {}).save(tmp_path / "tone.npz")
    ours = ToneModel.load(tmp_path / "tone.npz").probabilities([r[0] for r in rows], np.stack([r[1] for r in rows]))
    theirs = model.predict_proba(x)[:, [list(model.classes_).index(c) for c in CLASSES]]
    assert np.allclose(ours, theirs, atol=2e-3)  # the MLP's first layer is stored as float16
    assert (ours.argmax(axis=1) == np.array([CLASSES.index(g) for g in y])).mean() > 0.8  # it learnt the words
