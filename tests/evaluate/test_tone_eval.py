"""The target-dependent tone scorer, on a tiny gold file of our own and on NewsMTSC devtest."""

from __future__ import annotations

import json

import pytest

from newsgraph.evaluate.tone import metrics, score_tone, tune_thresholds

pytestmark = pytest.mark.slow


def _gold(tmp_path):
    rows = []
    for sentence, target, polarity in [
        ("Critics condemned Governor Hale for a cruel and corrupt budget.", "Hale", 2),
        ("Mayor Ortiz said the library will open on Monday.", "Ortiz", 4),
        ("Fans cheered the brilliant and generous coach Lina Berg.", "Lina Berg", 6),
    ]:
        start = sentence.index(target)
        rows.append({"primary_gid": target, "sentence_normalized": sentence,
                     "targets": [{"from": start, "to": start + len(target), "mention": target, "polarity": polarity}]})
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_scorer_classes_each_target_and_reports_macro_f1(nlp, tmp_path):
    misses: list = []
    score = score_tone(_gold(tmp_path), nlp=nlp, misses=misses)
    assert score["targets"] == 3
    assert score["accuracy"] == 1.0 and score["macro_f1"] == 1.0, misses
    assert set(score["f1"]) == {"negative", "neutral", "positive"}


def test_baseline_is_the_lexicon_score_at_its_thresholds(nlp, tmp_path):
    score = score_tone(_gold(tmp_path), nlp=nlp, baseline=True)
    assert score["targets"] == 3 and score["thresholds"] == {"negative": 0.0, "positive": 0.15}


def test_tuning_returns_thresholds_in_order(nlp, tmp_path):
    tuned = tune_thresholds(_gold(tmp_path), nlp=nlp)
    assert tuned["thresholds"]["negative"] <= tuned["thresholds"]["positive"]
    assert tuned["macro_f1"] == 1.0


def test_metrics_macro_average_over_three_classes():
    m = metrics([("negative", "negative"), ("neutral", "positive"), ("positive", "positive")])
    assert m["accuracy"] == pytest.approx(0.667, abs=1e-3)
    assert m["f1"]["negative"] == 1.0 and m["f1"]["neutral"] == 0.0
    assert m["macro_f1"] == pytest.approx((1.0 + 0.0 + 0.667) / 3, abs=1e-3)


@pytest.mark.shared
def test_newsmtsc_devtest_floor(nlp, shared):
    path = shared / "gold" / "framing" / "newsmtsc_devtest_mt.jsonl"
    if not path.is_file():
        pytest.skip("NewsMTSC devtest is not present")
    score = score_tone(path, nlp=nlp, limit=200)
    assert score["macro_f1"] >= 0.58  # see docs/accuracy.md for the full-file figure
