"""The five seed articles end to end (skipped without ../shared).

Checks by line shape, not by copying their text: no body paragraph keeps a promo,
teaser, widget or comments line; every such line is listed in `removed`.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()

from ..shapes import BOILERPLATE_SHAPES


@pytest.fixture(scope="module")
def seed_rows(seeds, tmp_path_factory, nlp):
    store = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = runner.invoke(app, ["analyze", str(seeds), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    out = runner.invoke(app, ["export", "articles", "--store", str(store)])
    rows = {json.loads(l)["path"].rsplit("/", 1)[-1][:3]: json.loads(l) for l in out.stdout.splitlines()}
    return store, rows


def test_five_clean_articles(seed_rows):
    _, rows = seed_rows
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    for key, row in rows.items():
        for paragraph in row["text"].split("\n\n"):
            assert "\u00a0" not in paragraph
            for shape in BOILERPLATE_SHAPES:
                assert not shape.search(paragraph), (key, paragraph)


def test_removed_lines_are_listed(seed_rows):
    _, rows = seed_rows
    removed = {key: [r["text"] for r in row["removed"]] for key, row in rows.items()}
    for key, shapes in {
        "000": [BOILERPLATE_SHAPES[0]],
        "001": [BOILERPLATE_SHAPES[5], BOILERPLATE_SHAPES[6], BOILERPLATE_SHAPES[2]],
        "002": [BOILERPLATE_SHAPES[1]],
        "003": [BOILERPLATE_SHAPES[3], BOILERPLATE_SHAPES[4]],
    }.items():
        for shape in shapes:
            assert any(shape.search(line) for line in removed[key]), (key, shape.pattern, removed[key])
    # the author's name printed three times at the end is gone from the body
    tail = rows["001"]["text"].split("\n\n")[-1]
    assert len(tail.split()) > 6
    assert rows["001"]["captions"] and rows["003"]["captions"]


def test_titles_only_where_the_text_starts_with_a_headline(seed_rows):
    _, rows = seed_rows
    assert rows["000"]["title"] is None and rows["004"]["title"] is None
    for key in ("001", "002", "003"):
        assert rows[key]["title"] and not rows[key]["title"].endswith(".")
        assert not rows[key]["text"].startswith(rows[key]["title"])


def test_dates_and_where_they_came_from(seed_rows):
    _, rows = seed_rows
    assert (rows["001"]["date"], rows["001"]["date_source"]) == ("2019-08-19", "byline")
    assert rows["001"]["byline"] == "Dimitri Simes"
    for key in ("000", "002", "003", "004"):
        assert rows[key]["date_source"] in ("text", "inferred"), key
        assert rows[key]["date"], key
        assert rows[key]["meta"].get("date_evidence"), key


def test_reingest_adds_nothing(seed_rows, seeds):
    store, rows = seed_rows
    result = runner.invoke(app, ["analyze", str(seeds), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0
    assert "added 0, already present 5" in result.stderr
