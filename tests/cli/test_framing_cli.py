"""Framing through the CLI: analyze → export labels / tones, and eval tone, on texts of our own."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
pytestmark = pytest.mark.slow

ARTICLES = [
    {"id": "a", "outlet": "harbourpost", "date": "2019-02-01",
     "text": "The autocratic strongman Nicolás Maduro toured a shipyard on Monday.\n\n"
             "“Maduro is a tyrant,” said Senator Marco Rubio."},
    {"id": "b", "outlet": "lakeledger", "date": "2019-02-02",
     "text": "President Nicolás Maduro opened a new hospital and thanked the generous nurses."},
]


def _rows(store, table):
    result = runner.invoke(app, ["export", table, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_labels_and_tones_export_with_outlet_voice_and_offsets(tmp_path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    store = tmp_path / "f.db"
    result = runner.invoke(app, ["analyze", str(src), "--store", str(store), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    texts = {r["article_id"]: r["text"] for r in _rows(store, "articles")}
    labels = [r for r in _rows(store, "labels") if r["actor_id"] == "nicolas-maduro"]
    for r in labels:
        assert texts[r["article_id"]][r["start"]:r["end"]].lower() == r["label"].lower()
    found = {(r["outlet"], r["label"], r["kind"], r["voice"], r["speaker_id"]) for r in labels}
    assert ("harbourpost", "autocratic strongman", "title", "author", None) in found
    assert ("harbourpost", "tyrant", "predicate", "quoted", "marco-rubio") in found
    assert ("lakeledger", "president", "title", "author", None) in found
    tones = [r for r in _rows(store, "tones") if r["actor_id"] == "nicolas-maduro"]
    assert {(r["outlet"], r["voice"]) for r in tones} == {
        ("harbourpost", "author"), ("harbourpost", "quoted"), ("lakeledger", "author")}
    for r in tones:
        assert r["mentions"] == r["negative"] + r["neutral"] + r["positive"]
    by = {(r["outlet"], r["voice"]): r["score"] for r in tones}
    assert by[("harbourpost", "quoted")] < 0 < by[("lakeledger", "author")]


def test_eval_tone_prints_the_scores_last(tmp_path, nlp):
    sentence = "Critics condemned Governor Hale for a cruel and corrupt budget."
    start = sentence.index("Hale")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"sentence_normalized": sentence, "targets": [
        {"from": start, "to": start + 4, "mention": "Hale", "polarity": 2.0}]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "tone", str(gold), "--misses"])
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout.splitlines()[-1])
    assert score["targets"] == 1 and score["accuracy"] == 1.0
