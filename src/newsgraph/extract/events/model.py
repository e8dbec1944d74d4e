"""The trained decision: whether a candidate is an event, of which PLOVER type, its
status, and how sure.

Three logistic regressions over the features of `features.py`: whether the candidate is
an event at all (trained on every candidate), which of PLOVER's 16 types it is (trained
on the events), and its status (done, intended, threatened, claimed). The confidence of
an event is P(event) × P(type | event). Splitting the decision lets the rarer types
borrow what all events share (an actor as subject of a predicate, an asserted verb)
instead of each learning it from its own few examples. Trained by `python -m newsgraph.train events` from the
labels in `labels/events`; the weights ship in `model/events.npz` and are read with
NumPy alone (no scikit-learn at run time). Scoring a candidate is a sum of the weights
of its features: cheap beside the parse.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.errors import NewsgraphError

MODEL_PATH = Path(__file__).parent / "model" / "events.npz"
NONE = "NONE"


@dataclass(frozen=True)
class Decision:
    type: str                 # NONE or a PLOVER type: the most probable event type
    confidence: float         # probability of that type (of an event at all, when NONE wins)
    status: str
    decided_by: tuple[str, ...]


@dataclass(frozen=True)
class _Linear:
    classes: tuple[str, ...]
    weights: np.ndarray       # (features, classes)
    bias: np.ndarray          # (classes,)

    def probabilities(self, rows: list[int], values: np.ndarray) -> np.ndarray:
        z = values @ self.weights[rows] + self.bias
        z = np.exp(z - z.max())
        return z / z.sum()

    def batch(self, rows: np.ndarray, owners: np.ndarray, values: np.ndarray, n: int,
              dense: np.ndarray | None, dense_rows: np.ndarray) -> np.ndarray:
        """Class probabilities of n candidates at once: their sparse features as (row,
        owner, value) triples, their dense features as one matrix."""
        z = np.tile(self.bias, (n, 1))
        np.add.at(z, owners, self.weights[rows] * values[:, None])
        if dense is not None and len(dense_rows):
            z += dense[:, dense_rows >= 0] @ self.weights[dense_rows[dense_rows >= 0]]
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)


class EventModel:
    """Weights and the threshold chosen on the dev split (`meta["threshold"]`)."""

    def __init__(self, vocab: dict[str, int], event: _Linear, types: _Linear, status: _Linear, meta: dict) -> None:
        from newsgraph.extract.events.features import dense_names

        self.vocab, self.event, self.types, self.status, self.meta = vocab, event, types, status, meta
        self.threshold = float(meta.get("threshold", 0.5))
        # where each dense feature's weights sit (-1: the model never saw it)
        self._dense_rows = np.array([vocab.get(name, -1) for name in dense_names()], dtype=np.int64)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> EventModel:
        path = Path(path)
        if not path.exists():
            raise NewsgraphError("E189", path=path)
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            vocab = {name: i for i, name in enumerate(meta.pop("features"))}
            event = _Linear((NONE, "EVENT"), z["event_weights"], z["event_bias"])
            types = _Linear(tuple(meta["types"]), z["type_weights"], z["type_bias"])
            status = _Linear(tuple(meta["statuses"]), z["status_weights"], z["status_bias"])
        return cls(vocab, event, types, status, meta)

    def save(self, path: str | Path) -> None:
        meta = dict(self.meta, features=sorted(self.vocab, key=self.vocab.get), types=list(self.types.classes),
                    statuses=list(self.status.classes))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, meta=np.array(json.dumps(meta)),
                            event_weights=self.event.weights.astype(np.float32),
                            event_bias=self.event.bias.astype(np.float32),
                            type_weights=self.types.weights.astype(np.float32),
                            type_bias=self.types.bias.astype(np.float32),
                            status_weights=self.status.weights.astype(np.float32),
                            status_bias=self.status.bias.astype(np.float32))

    def decide_many(self, features: list[dict[str, float]], dense: np.ndarray | None = None) -> list[Decision]:
        """Decisions for many candidates in one pass: the named features of each, and
        (at run time) their dense features as a matrix in `features.dense_names` order."""
        if not features:
            return []
        rows, owners, values = [], [], []
        for i, f in enumerate(features):
            for name, value in f.items():
                j = self.vocab.get(name)
                if j is not None:
                    rows.append(j)
                    owners.append(i)
                    values.append(value)
        r, o, v = np.array(rows, dtype=np.int64), np.array(owners, dtype=np.int64), np.array(values, dtype=np.float32)
        n, dr = len(features), self._dense_rows
        p_event = self.event.batch(r, o, v, n, dense, dr)[:, 1]
        p_type = self.types.batch(r, o, v, n, dense, dr)
        p_status = self.status.batch(r, o, v, n, dense, dr)
        out = []
        for i, f in enumerate(features):
            best = int(np.argmax(p_type[i]))
            out.append(Decision(self.types.classes[best], float(p_event[i] * p_type[i, best]),
                                self.status.classes[int(np.argmax(p_status[i]))], ()))
        return out

    def explain(self, features: dict[str, float], type_: str) -> tuple[str, ...]:
        """The named features that pushed most toward an event of this type (for audit)."""
        names = [f for f in features if f in self.vocab and "=" in f]
        if not names:
            return ()
        rows = [self.vocab[f] for f in names]
        values = np.array([features[f] for f in names], dtype=np.float32)
        k = self.types.classes.index(type_)
        weights = (self.event.weights[rows, 1] - self.event.weights[rows, 0] + self.types.weights[rows, k]) * values
        return tuple(names[i] for i in np.argsort(-weights) if weights[i] > 0)[:3]

    def decide(self, features: dict[str, float]) -> Decision:
        """One candidate, its dense features by name (as training reads them)."""
        (decision,) = self.decide_many([features])
        return dataclasses.replace(decision, decided_by=self.explain(features, decision.type))


@functools.lru_cache(maxsize=1)
def default_model() -> EventModel:
    """The packaged model, loaded once per process."""
    return EventModel.load()


def default_threshold() -> float:
    """The confidence at which exports and analyses keep an event by default."""
    return default_model().threshold
