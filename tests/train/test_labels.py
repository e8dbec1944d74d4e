"""Event labels: spans checked, stored as references, rebuilt from the corpus, split by article."""

from __future__ import annotations

import gzip
import json

import pytest

from newsgraph.train.events import split_of
from newsgraph.train.labels import import_raw, load, parse_raw_event, sentence_hash

SENTENCE = "The minister said he would meet the envoy of Chad; then he left."


def test_spans_become_offsets_and_nth_picks_a_later_occurrence():
    e = parse_raw_event(SENTENCE, {"source": "he", "source_nth": 2, "target": "Chad", "type": "CONSULT",
                                   "status": "intended", "trigger": "meet"})
    assert SENTENCE[e.source[0]:e.source[1]] == "he" and e.source[0] == SENTENCE.index("he would")
    assert SENTENCE[e.target[0]:e.target[1]] == "Chad" and e.status == "intended"


@pytest.mark.parametrize("raw, message", [
    ({"source": "he", "type": "CONSULT"}, "inside a word"),           # first "he" is in "The"
    ({"source": "Niger", "type": "CONSULT"}, "not in the sentence"),
    ({"source": "Chad", "type": "MEET"}, "not a PLOVER type"),
    ({"source": "Chad", "type": "CONSULT", "status": "maybe"}, "status"),
    ({"type": "CONSULT"}, "needs a source"),
])
def test_bad_spans_and_codes_are_refused(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_raw_event(SENTENCE, raw)


@pytest.fixture
def corpus(tmp_path):
    text = "Intro line.\n\n" + SENTENCE + "\n\nMore."
    path = tmp_path / "articles.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "A1", "date": "2020-01-02", "text": text}) + "\n")
    return path, text.index(SENTENCE)


def test_labels_are_stored_without_text_and_rebuilt_from_the_corpus(tmp_path, corpus):
    path, start = corpus
    key = f"A1:{start}-{start + len(SENTENCE)}"
    raw = tmp_path / "raw.jsonl"
    raw.write_text(json.dumps({"key": key, "events": [{"source": "The minister", "target": "Chad",
                                                       "type": "CONSULT", "status": "intended"}]}) + "\n"
                   + json.dumps({"key": "ours:1", "text": "Peru expelled two Bolivian diplomats.", "date": "2021-02-03",
                                 "events": [{"source": "Peru", "target": "Bolivian", "type": "SANCTION"}]}) + "\n")
    stored = tmp_path / "stored.jsonl"
    assert import_raw(raw, {key: {"text": SENTENCE}}, "L1", stored) == 2
    first = json.loads(stored.read_text().splitlines()[0])
    assert "text" not in first and first["sha"] == sentence_hash(SENTENCE)
    rows = list(load([stored], path))
    assert rows[0].text == SENTENCE and rows[0].events[0].type == "CONSULT" and rows[0].date == "2020-01-02"
    assert rows[1].text.startswith("Peru") and rows[1].doc == "ours"


def test_a_changed_corpus_is_an_error_not_wrong_labels(tmp_path, corpus):
    path, start = corpus
    stored = tmp_path / "stored.jsonl"
    stored.write_text(json.dumps({"key": f"A1:{start + 1}-{start + len(SENTENCE)}", "sha": sentence_hash(SENTENCE),
                                  "events": []}) + "\n")
    with pytest.raises(ValueError, match="changed"):
        list(load([stored], path))


def test_the_split_is_fixed_by_article():
    assert split_of("ours") == "train"
    splits = [split_of(f"doc{i}") for i in range(400)]
    assert splits == [split_of(f"doc{i}") for i in range(400)]
    share = {s: splits.count(s) / 400 for s in ("train", "dev", "test")}
    assert 0.6 < share["train"] < 0.8 and 0.08 < share["dev"] < 0.22 and 0.08 < share["test"] < 0.22
