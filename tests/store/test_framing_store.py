"""Labels and tones: written in the article's transaction, read back and exported with names."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsgraph.errors import StoreError
from newsgraph.records import Actor, Label, Tone
from newsgraph.store import open_store
from newsgraph.store.export import export

from .fixtures import article_records


def _framed():
    records = article_records([["The harbour tyrant Ilse Varga spoke.", "“The tyrant must go,” said Tomas Reiner."]],
                              outlet="coastpost", date="2021-03-09")
    aid = records.article.article_id
    varga = Actor("ilse-varga", "Ilse Varga", "XKX", "GOV")
    reiner = Actor("tomas-reiner", "Tomas Reiner", None, None)
    labels = (
        Label(aid, 0, 4, 18, "ilse-varga", "harbour tyrant", "title", "negative", "author"),
        Label(aid, 1, 42, 48, "ilse-varga", "tyrant", "title", "negative", "quoted", "tomas-reiner"),
    )
    tones = (
        Tone(aid, "ilse-varga", "author", None, 1, -0.4, 1, 0, 0),
        Tone(aid, "ilse-varga", "quoted", "tomas-reiner", 1, -0.6, 1, 0, 0),
    )
    return dataclasses.replace(records, actors=(varga, reiner), labels=labels, tones=tones)


def test_labels_and_tones_round_trip_with_outlet_and_names(tmp_path):
    records = _framed()
    with open_store(tmp_path / "s.db") as store:
        assert store.write_batch([records]) == (1, 0)
        labels = list(store.iter_rows("labels"))
        tones = list(store.iter_rows("tones"))
    assert [(r["idx"], r["label"], r["kind"], r["polarity"], r["voice"], r["speaker_id"]) for r in labels] == [
        (0, "harbour tyrant", "title", "negative", "author", None),
        (1, "tyrant", "title", "negative", "quoted", "tomas-reiner"),
    ]
    assert {r["outlet"] for r in labels} == {"coastpost"}
    assert {r["actor_name"] for r in labels} == {"Ilse Varga"}
    assert labels[1]["speaker_name"] == "Tomas Reiner"
    assert records.article.text[labels[0]["start"]:labels[0]["end"]] == "harbour tyrant"
    assert [(t["voice"], t["speaker_id"], t["mentions"], t["score"], t["negative"]) for t in tones] == [
        ("author", None, 1, -0.4, 1), ("quoted", "tomas-reiner", 1, -0.6, 1)]


def test_a_label_naming_an_unlisted_actor_rolls_the_batch_back(tmp_path):
    records = dataclasses.replace(_framed(), actors=())
    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(StoreError):
            store.write_batch([records])
        assert store.count("articles") == 0


@pytest.mark.parametrize("table", ["labels", "tones"])
def test_framing_tables_export_as_jsonl_csv_and_parquet(tmp_path, table):
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.write_batch([_framed()])
    with open_store(path, readonly=True) as store:
        out = tmp_path / f"{table}.jsonl"
        assert export(store, table, out=out) == 2
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert rows[0]["actor_name"] == "Ilse Varga" and rows[0]["outlet"] == "coastpost"
        assert export(store, table, format="csv", out=tmp_path / f"{table}.csv") == 2
        assert export(store, table, format="parquet", out=tmp_path / f"{table}.parquet") == 2
