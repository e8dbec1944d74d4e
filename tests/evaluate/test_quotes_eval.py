"""The direct-quote scorer, on a tiny gold file of our own and on PolNeAR dev."""

from __future__ import annotations

import json

import pytest

from newsgraph.evaluate.quotes import score_quotes


@pytest.mark.slow
def test_scorer_counts_matches_misses_and_speakers(nlp, tmp_path):
    text = "“We will win the vote,” Vladimir Putin said.\n\nOthers called it a “sham” election."
    q = "“We will win the vote,”"
    gold = {"id": "x", "publication_date": "2019-01-01", "text": text, "quotes": [
        {"quote": q, "quote_spans": [[0, len(q)]], "speaker": "Vladimir Putin",
         "speaker_spans": [[text.index("Vladimir"), text.index(" said")]], "cue": "said", "type": "direct"},
        {"quote": "missed", "quote_spans": [[text.index("Others"), len(text)]], "speaker": None,
         "speaker_spans": [], "cue": None, "type": "direct"},
    ]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    score = score_quotes(path, nlp=nlp)
    assert score["gold_direct_spans"] == 2 and score["predicted_direct"] == 1
    assert score["strict"]["precision"] == 1.0 and score["strict"]["recall"] == 0.5
    assert score["speaker_accuracy"] == 1.0


@pytest.mark.slow
@pytest.mark.shared
def test_polnear_dev_floor(nlp, shared):
    path = shared / "gold" / "quotes" / "polnear_dev.jsonl"
    if not path.is_file():
        pytest.skip("PolNeAR dev is not present")
    score = score_quotes(path, nlp=nlp, limit=20)
    assert score["lenient"]["f1"] >= 0.88  # 0.916 when written
    assert score["strict"]["f1"] >= 0.85  # 0.892
    assert score["speaker_accuracy"] >= 0.78  # 0.817
