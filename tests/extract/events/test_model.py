"""The event model: weights saved and read back, decisions from named features."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.extract.events.model import MODEL_PATH, EventModel, _Linear
from newsgraph.train.labels import PLOVER


def toy() -> EventModel:
    vocab = {"bias": 0, "trig=sanction": 1, "modal=may": 2}
    event = _Linear(("NONE", "EVENT"), np.array([[1.0, -1.0], [-2.0, 2.0], [1.5, -1.5]], dtype=np.float32),
                    np.zeros(2, dtype=np.float32))
    types = _Linear(("SANCTION", "ACCUSE"), np.array([[0.0, 0.0], [3.0, 0.0], [-1.0, 0.0]], dtype=np.float32),
                    np.zeros(2, dtype=np.float32))
    status = _Linear(("done", "intended"), np.array([[0.5, 0.0], [0.0, 0.0], [0.0, 1.0]], dtype=np.float32),
                     np.zeros(2, dtype=np.float32))
    return EventModel(vocab, event, types, status, {"threshold": 0.6})


def test_decisions_follow_the_weights():
    m = toy()
    sure = m.decide({"bias": 1.0, "trig=sanction": 1.0})
    assert sure.type == "SANCTION" and sure.confidence > 0.8 and sure.status == "done"
    assert "trig=sanction" in sure.decided_by
    unsure = m.decide({"bias": 1.0, "trig=sanction": 1.0, "modal=may": 1.0})
    assert unsure.confidence < sure.confidence and unsure.status == "intended"
    assert m.decide({"bias": 1.0, "never-seen": 1.0}).confidence < 0.5  # unknown features weigh nothing


def test_weights_round_trip(tmp_path):
    m = toy()
    m.save(tmp_path / "m.npz")
    back = EventModel.load(tmp_path / "m.npz")
    assert back.vocab == m.vocab and back.threshold == 0.6
    f = {"bias": 1.0, "trig=sanction": 1.0}
    assert back.decide(f) == m.decide(f)


def test_a_missing_model_is_a_coded_error(tmp_path):
    with pytest.raises(NewsgraphError, match="E189"):
        EventModel.load(tmp_path / "absent.npz")


def test_the_packaged_model_is_small_and_sane():
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 50 * 2**20
    m = EventModel.load()
    assert set(m.types.classes) <= set(PLOVER) and m.event.classes == ("NONE", "EVENT")
    assert 0.0 < m.threshold < 1.0 and m.meta["min_precision"] == 0.85
    assert m.types.weights.shape == (len(m.vocab), len(m.types.classes))


def test_dense_features_by_name_and_as_a_matrix_decide_alike():
    """Training reads the dense features by name; the coder passes them as one matrix."""
    from newsgraph.extract.events.features import dense_names

    names = dense_names()
    vocab = {"bias": 0, names[0]: 1, names[100]: 2}
    event = _Linear(("NONE", "EVENT"), np.array([[0.5, -0.5], [-1.0, 2.0], [0.0, 1.5]], dtype=np.float32),
                    np.zeros(2, dtype=np.float32))
    types = _Linear(("SANCTION", "ACCUSE"), np.array([[0.0, 0.0], [1.0, -1.0], [-2.0, 0.5]], dtype=np.float32),
                    np.zeros(2, dtype=np.float32))
    status = _Linear(("done", "intended"), np.zeros((3, 2), dtype=np.float32), np.zeros(2, dtype=np.float32))
    m = EventModel(vocab, event, types, status, {"threshold": 0.5})
    by_name = m.decide_many([{"bias": 1.0, names[0]: 0.6, names[100]: -0.3}, {"bias": 1.0, names[100]: 0.9}])
    matrix = np.zeros((2, len(names)), dtype=np.float32)
    matrix[0, 0], matrix[0, 100], matrix[1, 100] = 0.6, -0.3, 0.9
    as_matrix = m.decide_many([{"bias": 1.0}, {"bias": 1.0}], matrix)
    for a, b in zip(by_name, as_matrix):
        assert a.type == b.type and abs(a.confidence - b.confidence) < 1e-5
    assert m.explain({"bias": 1.0, "trig=x": 1.0}, "SANCTION") == ()  # unknown names explain nothing
