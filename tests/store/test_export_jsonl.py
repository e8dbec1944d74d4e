"""JSONL export keeps every value exactly, yet `export … | head` shows nothing a terminal acts on."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.store import export, open_store
from newsgraph.store.export import inert_json

from .fixtures import article_records

RAW_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
TITLE = "Port strike\x9b2J spreads\u202e to the\u2028docks\x1b]0;x\x07"


def test_a_title_with_control_codes_is_exported_exactly_and_inert(tmp_path):
    path = tmp_path / "c1.db"
    with open_store(path) as store:
        store.write_batch([article_records([["Dockers in Velmora walked out on Monday."]], title=TITLE, outlet="wire")])
    out = tmp_path / "articles.jsonl"
    with open_store(path, readonly=True) as store:
        assert export(store, "articles", out=out) == 1
    raw = out.read_text(encoding="utf-8")
    assert not RAW_CONTROL.search(raw.rstrip("\n"))
    assert json.loads(raw)["title"] == TITLE


@given(st.text())
def test_inert_json_is_the_same_json_value(text):
    encoded = inert_json(json.dumps({"t": text}, ensure_ascii=False))
    assert json.loads(encoded) == {"t": text}
    assert not RAW_CONTROL.search(encoded)
