"""Target-dependent tone scored against NewsMTSC-style gold (JSONL).

Each row has `sentence_normalized` and `targets[{from, to, mention, polarity}]`, with
polarity 2 (negative), 4 (neutral) or 6 (positive) toward the target. The sentence is
parsed as it is, each target span scored by `extract.tone.mention_score` — its clause's
VADER tone plus the framing polarity of the labels `extract.labels` hangs on it, as in
an analysis — and classed by thresholds. Reported: accuracy and macro-F1 over the three
classes, and per-class F1.

Thresholds are tuned on a training file only (`tune_thresholds`, `eval tone --tune`) and
then fixed in `extract/tone.py`; the reported split never sees them chosen. Published best
on NewsMTSC is about 0.83 macro-F1 (fine-tuned RoBERTa, Hamborg & Donnay 2021).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.evaluate import read_jsonl
from newsgraph.extract import tone
from newsgraph.extract.labels import find_labels
from newsgraph.records import Mention

CLASSES = ("negative", "neutral", "positive")
GOLD_CLASS = {2: "negative", 4: "neutral", 6: "positive"}
REFERENCE = {"system": "fine-tuned RoBERTa (NewsMTSC paper)", "macro_f1": 0.83}


def target_scores(gold_path: str | Path, *, nlp=None, limit: int | None = None) -> list[tuple[float, str, dict]]:
    """(score, gold class, target info) for every target of the gold file."""
    if nlp is None:
        from newsgraph.nlp import load_pipeline

        nlp = load_pipeline()
    from newsgraph.knowledge import default

    kb = default()
    rows = list(read_jsonl(gold_path, limit))
    out = []
    texts = (row["sentence_normalized"] for row in rows)
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=64)):
        for target in row["targets"]:
            gold = GOLD_CLASS.get(int(target["polarity"]))
            span = doc.char_span(target["from"], target["to"], alignment_mode="expand")
            if gold is None or span is None or len(span) == 0:
                continue
            mention = Mention("gold", 0, span.start_char, span.end_char, span.text, "target", "gold", None, "actor")
            labels = find_labels("gold", doc, [mention], (), kb)
            score = tone.mention_score(span, labels)
            out.append((score, gold, {"text": row["sentence_normalized"], "target": target.get("mention"),
                                      "labels": [l.label for l in labels]}))
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
               negative: float = tone.NEGATIVE, positive: float = tone.POSITIVE) -> dict[str, Any]:
    """Accuracy and macro-F1 of target-dependent tone at the given thresholds."""
    scored = target_scores(gold_path, nlp=nlp, limit=limit)
    pairs = []
    for score, gold, info in scored:
        predicted = tone.classify(score, negative, positive)
        pairs.append((predicted, gold))
        if misses is not None and predicted != gold:
            misses.append({**info, "gold": gold, "predicted": predicted, "score": round(score, 3)})
    result = metrics(pairs)
    result["thresholds"] = {"negative": negative, "positive": positive}
    result["reference"] = REFERENCE
    return result


def tune_thresholds(gold_path: str | Path, *, nlp=None, limit: int | None = None) -> dict[str, Any]:
    """The (negative, positive) thresholds that maximise macro-F1 on a training file."""
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
