"""Maduro's labels and tone on the five seeds, as reviewed in docs/accuracy.md (skipped without ../shared)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
pytestmark = [pytest.mark.slow, pytest.mark.shared]
MADURO = "nicolas-maduro"


@pytest.fixture(scope="module")
def framing(seeds, tmp_path_factory, nlp):
    store = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = runner.invoke(app, ["analyze", str(seeds), "--store", str(store), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output

    def rows(table):
        out = runner.invoke(app, ["export", table, "--store", str(store)])
        return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]

    seed = {r["article_id"]: r["path"].rsplit("/", 1)[-1][:3] for r in rows("articles")}
    labels: dict[str, set] = {}
    for r in rows("labels"):
        if r["actor_id"] == MADURO:
            labels.setdefault(seed[r["article_id"]], set()).add((r["label"], r["kind"], r["polarity"], r["voice"]))
    tones = {seed[r["article_id"]]: r for r in rows("tones") if r["actor_id"] == MADURO and r["voice"] == "author"}
    return labels, tones


def test_the_outlets_that_call_him_dictator(framing):
    labels, _ = framing
    assert ("dictator", "title", "negative", "author") in labels["000"]
    assert ("illegitimate inauguration", "possession", "negative", "author") in labels["000"]
    assert ("socialist dictator", "title", "negative", "author") in labels["003"]
    assert ("legitimate government", "possession", "positive", "quoted") in labels["003"]


def test_the_outlet_that_calls_him_president(framing):
    labels, tones = framing
    assert ("president", "title", None, "author") in labels["002"]
    assert not any(pol == "negative" and voice == "author" for _, _, pol, voice in labels["002"])
    assert tones["002"]["score"] > 0 > tones["000"]["score"]
    assert tones["003"]["score"] < 0
