"""Target-dependent tone scored against NewsMTSC-style gold (JSONL).

Each row has `sentence_normalized` and `targets[{from, to, mention, polarity}]`, with
polarity 2 (negative), 4 (neutral) or 6 (positive) toward the target. The sentence is
parsed as it is and each target span classed as an analysis classes a mention: the
labels `extract.labels` hangs on it, then the trained model of `extract.tone_model`
(its most probable class). Reported: accuracy and macro-F1 over the three classes,
and per-class F1.

`baseline=True` scores the former lexicon method instead (VADER of the clause plus the
labels' polarity, classed by thresholds tuned on the training file with
`tune_thresholds`), so the gain can be measured on the same split. The model was
chosen on a dev split of the training file (`train/tone.py`); the devtest file never
took part. Published best on NewsMTSC is about 0.83 macro-F1 (fine-tuned RoBERTa,
Hamborg & Donnay 2021).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.evaluate import read_jsonl
from newsgraph.extract import tone, tone_model
from newsgraph.extract.labels import find_labels
from newsgraph.records import Mention

CLASSES = ("negative", "neutral", "positive")
GOLD_CLASS = {2: "negative", 4: "neutral", 6: "positive"}
REFERENCE = {"system": "fine-tuned RoBERTa (NewsMTSC paper)", "macro_f1": 0.83}


def targets(gold_path: str | Path, *, nlp=None, limit: int | None = None):
    """(span, labels, gold class, target info) for every target of the gold file."""
    if nlp is None:
        from newsgraph.nlp import load_pipeline

        nlp = load_pipeline()
    from newsgraph.knowledge import default

    kb = default()
    rows = list(read_jsonl(gold_path, limit))
    texts = (row["sentence_normalized"] for row in rows)
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=64)):
        for target, span, labels, gold in row_targets(row, doc, kb):
            yield span, labels, gold, {"text": row["sentence_normalized"], "target": target.get("mention"),
                                       "labels": [l.label for l in labels]}


def row_targets(row: dict, doc, kb):
    """(target, span, labels, gold class) of each usable target of one parsed gold row:
    the span classed as an analysis classes a mention, with the labels extraction hangs
    on it. Training (`train/tone.py`) reads its rows through this too, so the two
    cannot drift apart."""
    for target in row["targets"]:
        gold = GOLD_CLASS.get(int(target["polarity"]))
        span = doc.char_span(target["from"], target["to"], alignment_mode="expand")
        if gold is None or span is None or len(span) == 0:
            continue
        mention = Mention("gold", 0, span.start_char, span.end_char, span.text, "target", "gold", None, "actor")
        yield target, span, find_labels("gold", doc, [mention], (), kb), gold


def target_scores(gold_path: str | Path, *, nlp=None, limit: int | None = None) -> list[tuple[float, str, dict]]:
    """(lexicon score, gold class, target info) for every target: the baseline's input."""
    return [(tone.lexicon_score(span, labels), gold, info) for span, labels, gold, info in targets(gold_path, nlp=nlp, limit=limit)]


def target_predictions(gold_path: str | Path, *, nlp=None, limit: int | None = None) -> list[tuple[str, str, dict]]:
    """(model class, gold class, target info with the class probabilities) for every target."""
    found = list(targets(gold_path, nlp=nlp, limit=limit))
    probs = tone.probabilities([(span, labels, None) for span, labels, _, _ in found])
    out = []
    for (_, _, gold, info), p in zip(found, probs):
        out.append((CLASSES[int(p.argmax())], gold, {**info, "p": [round(float(x), 3) for x in p]}))
    return out


def metrics(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-class F1 of (predicted, gold) pairs."""
    per_class = {}
    for c in CLASSES:
        tp = sum(1 for p, g in pairs if p == c and g == c)
        n_pred = sum(1 for p, _ in pairs if p == c)
        n_gold = sum(1 for _, g in pairs if g == c)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        per_class[c] = round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0
    accuracy = sum(1 for p, g in pairs if p == g) / len(pairs) if pairs else 0.0
    return {"targets": len(pairs), "accuracy": round(accuracy, 3),
            "macro_f1": round(sum(per_class.values()) / len(CLASSES), 3), "f1": per_class}


def score_tone(gold_path: str | Path, *, nlp=None, limit: int | None = None, misses: list | None = None,
               baseline: bool = False, negative: float = tone.NEGATIVE, positive: float = tone.POSITIVE) -> dict[str, Any]:
    """Accuracy and macro-F1 of target-dependent tone: the model's, or (`baseline`) the
    lexicon score's at the given thresholds."""
    if baseline:
        scored = [(tone.classify(s, negative, positive), g, {**info, "score": round(s, 3)})
                  for s, g, info in target_scores(gold_path, nlp=nlp, limit=limit)]
    else:
        scored = target_predictions(gold_path, nlp=nlp, limit=limit)
    pairs = []
    for predicted, gold, info in scored:
        pairs.append((predicted, gold))
        if misses is not None and predicted != gold:
            misses.append({**info, "gold": gold, "predicted": predicted})
    result = metrics(pairs)
    if baseline:
        result["thresholds"] = {"negative": negative, "positive": positive}
    else:
        result["model"] = tone_model.default_model().meta.get("chosen")
    result["reference"] = REFERENCE
    return result


def tune_thresholds(gold_path: str | Path, *, nlp=None, limit: int | None = None) -> dict[str, Any]:
    """The (negative, positive) thresholds of the lexicon baseline that maximise macro-F1 on a training file."""
    scored = target_scores(gold_path, nlp=nlp, limit=limit)
    grid = [round(x * 0.05, 2) for x in range(-12, 13)]
    best = None
    for lo in grid:
        for hi in grid:
            if hi < lo:
                continue
            pairs = [(tone.classify(s, lo, hi), g) for s, g, _ in scored]
            m = metrics(pairs)
            if best is None or m["macro_f1"] > best[0]["macro_f1"]:
                best = (m, lo, hi)
    m, lo, hi = best
    return {**m, "thresholds": {"negative": lo, "positive": hi}}
