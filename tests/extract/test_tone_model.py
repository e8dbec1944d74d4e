"""The tone model's features and its NumPy forward pass, on sentences of our own."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.extract import tone, tone_model
from newsgraph.extract.tone_model import ToneModel, dense_names, featurize, predicate


def test_a_missing_model_is_a_coded_error(tmp_path):
    with pytest.raises(NewsgraphError) as info:
        ToneModel.load(tmp_path / "absent.npz")
    assert info.value.code == "E183" and "newsgraph.train tone" in str(info.value)


def _tiny(layers):
    vocab = {name: i for i, name in enumerate(["c:praise", "c:condemn", *dense_names()])}
    first = np.zeros((len(vocab), 4 if layers else 3), dtype=np.float32)
    if layers:  # hidden unit 0 fires on "praise", unit 1 on "condemn"
        first[0, 0], first[1, 1] = 2.0, 2.0
        out = np.array([[0, 0, 3], [3, 0, 0], [0, 0, 0], [0, 0, 0]], dtype=np.float32)
        return ToneModel(vocab, first, np.zeros(4, np.float32), [(out, np.zeros(3, np.float32))], {})
    first[0, 2], first[1, 0] = 3.0, 3.0
    return ToneModel(vocab, first, np.zeros(3, np.float32), [], {})


@pytest.mark.parametrize("layers", [False, True])
def test_weights_survive_a_round_trip_and_score_by_feature(tmp_path, layers):
    model = _tiny(layers)
    model.save(tmp_path / "m.npz")
    back = ToneModel.load(tmp_path / "m.npz")
    dense = np.zeros((3, len(dense_names())), dtype=np.float32)
    p = back.probabilities([{"c:praise": 1.0}, {"c:condemn": 1.0}, {"c:unknown": 1.0}], dense)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 2 and p[1].argmax() == 0  # positive, negative
    assert np.allclose(p[2], 1 / 3)  # a word the model never saw moves nothing


@pytest.mark.slow
def test_roles_tell_the_attacker_from_the_attacked(nlp):
    doc = nlp("Senator Hale attacked the mayor over the budget.")
    hale, mayor = doc[1:2], doc[4:5]
    assert predicate(hale)[1] == "subj" and predicate(mayor)[1] == "obj"
    assert predicate(hale)[0].lemma_ == "attack"
    f_hale, dense = featurize(hale)
    f_mayor, _ = featurize(mayor)
    assert "pr:subj|attack" in f_hale and "pr:obj|attack" in f_mayor
    assert dense.shape == (len(dense_names()),) and np.isfinite(dense).all()


@pytest.mark.slow
def test_negation_speech_and_quotes_are_features(nlp):
    f, _ = featurize(nlp("The council did not approve Mayor Ortiz's plan.")[5:6])
    assert "neg" in f
    f, _ = featurize(nlp("Mayor Ortiz said the plan was sound.")[1:2], speech_verbs={"say"})
    assert "speaks" in f
    doc = nlp('"Nobody trusts Ortiz anymore," a resident said.')
    target = next(t for t in doc if t.text == "Ortiz")
    f, _ = featurize(doc[target.i:target.i + 1])
    assert "quoted" in f


@pytest.mark.slow
def test_the_packaged_model_reads_praise_and_condemnation(nlp):
    doc = nlp("Voters warmly praised Governor Hale for a generous and honest budget. "
              "Critics condemned Mayor Ortiz for a cruel, corrupt and incompetent crackdown.")
    hale = next(t for t in doc if t.text == "Hale")
    ortiz = next(t for t in doc if t.text == "Ortiz")
    p = tone.probabilities([(doc[hale.i:hale.i + 1], (), None), (doc[ortiz.i:ortiz.i + 1], (), None)])
    assert tone_model.CLASSES[int(p[0].argmax())] == "positive"
    assert tone_model.CLASSES[int(p[1].argmax())] == "negative"
