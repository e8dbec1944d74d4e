"""A corpus of bad inputs beside good ones, written by a fixture, analysed end to end.

Every kind of bad input a user's folder can hold — including the ones issue 17 found
(a symlink loop, stray NUL bytes, deep HTML, a malformed JSON line, the same article
with its headline as a field and as a first line) — must cost that input alone, with
one coded error, while every good article is stored once. Nothing here is committed
as a file: the fixture writes it all into tmp_path, in our own wording.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
ROOT_READS_ALL = not hasattr(os, "geteuid") or os.geteuid() == 0

HEADLINE = "Ministers of the Region Agree on a Common Tariff"
BODY = (
    "The finance ministers of the region met in Nairobi on Friday to agree a common tariff.\n\n"
    "They said talks on the details would continue next month in Kampala."
)
# Each good article, by a phrase only it contains: what must be stored.
GOOD = {
    "plain.txt": "Farmers blocked roads near the capital on Monday.",
    "headline.txt / rows.jsonl:1": "finance ministers of the region met in Nairobi",
    "rows.jsonl:3": "The port authority reopened the northern quay",
    "rows.csv:2": "Exports rose for a third month",
    "nul.txt": "The court adjourned the hearing until Thursday.",
    "deep.html": "The council approved the new harbour budget",
    "latin1.txt": "Les ministres se sont réunis à Genève jeudi.",
    "nested/inner.txt": "Nurses in three provinces ended their strike",
}


def nested_page(levels: int, sentence: str) -> str:
    return f"<html><body>{'<div>' * levels}<p>{sentence}</p>{'</div>' * levels}</body></html>"


@pytest.fixture
def bad_input_corpus(tmp_path: Path) -> tuple[Path, set[str]]:
    """A folder of good and bad inputs, and the error codes it must give."""
    d = tmp_path / "corpus"
    (d / "nested").mkdir(parents=True)
    codes = set()
    # good inputs, including the cases that already passed before issue 17
    (d / "plain.txt").write_text(GOOD["plain.txt"] + " Police reopened two highways by evening.", encoding="utf-8")
    (d / "headline.txt").write_text(f"{HEADLINE}\n\n{BODY}\n", encoding="utf-8")
    (d / "latin1.txt").write_bytes(GOOD["latin1.txt"].encode("latin-1"))
    (d / "nested" / "inner.txt").write_text(GOOD["nested/inner.txt"] + " after a pay deal.", encoding="utf-8")
    (d / "rows.csv").write_text(f'id,text\n1,"{GOOD["rows.csv:2"]}."\n', encoding="utf-8")
    # the same article as headline.txt, its headline a field (stored once: same id)
    rows = [
        json.dumps({"title": HEADLINE, "text": BODY}),
        '{"text": "a string that never ends',  # E105, worded "... starting at column 10"
        json.dumps({"text": GOOD["rows.jsonl:3"] + "\u0000 after repairs to the crane."}),  # NUL stripped
    ]
    (d / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (d / "nul.txt").write_bytes(GOOD["nul.txt"].replace("hearing", "hear\x00ing\x00").encode("utf-8"))
    (d / "deep.html").write_text(nested_page(400, GOOD["deep.html"] + " after a long debate."), encoding="utf-8")
    # bad inputs, one error each
    (d / "abyss.html").write_text(nested_page(3000, "Nobody will read this sentence."), encoding="utf-8")
    codes.add("E124")
    (d / "empty.txt").write_text("", encoding="utf-8")
    codes.add("E104")
    (d / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    codes.add("E103")
    with gzip.open(d / "bomb.txt.gz", "wb", compresslevel=9) as handle:
        for _ in range(64):
            handle.write(b"\n" * (1 << 20))
    codes.add("E119")
    codes.add("E105")
    (d / "loop").mkdir()
    os.symlink("b", d / "loop" / "a")
    os.symlink("a", d / "loop" / "b")
    codes.add("E120")
    os.symlink("gone.txt", d / "broken.txt")
    codes.add("E121")
    os.symlink("..", d / "nested" / "up")
    codes.add("E122")
    if not ROOT_READS_ALL:
        (d / "closed").mkdir()
        (d / "closed" / "secret.txt").write_text("Unreachable words.", encoding="utf-8")
        (d / "closed").chmod(0)
    # skipped, not failed
    (d / ".hidden.txt").write_text("A hidden note.", encoding="utf-8")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 64)
    yield d, codes
    if not ROOT_READS_ALL:
        (d / "closed").chmod(0o755)


def _export(store: Path, table: str) -> list[dict]:
    result = runner.invoke(app, ["export", table, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.issue(17)
def test_bad_inputs_cost_themselves_alone_and_every_good_article_is_stored_once(bad_input_corpus, tmp_path, nlp):
    corpus, expected_codes = bad_input_corpus
    store = tmp_path / "bad.db"
    result = runner.invoke(app, ["analyze", str(corpus), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output

    articles = _export(store, "articles")
    assert len(articles) == len(GOOD)  # headline.txt and rows.jsonl:1 are one article
    for where, phrase in GOOD.items():
        assert sum(phrase in a["text"] for a in articles) == 1, where
    same = next(a for a in articles if GOOD["headline.txt / rows.jsonl:1"] in a["text"])
    assert same["title"] == HEADLINE

    errors = _export(store, "input_errors")
    assert {e["code"] for e in errors} == expected_codes
    by_name = {(Path(e["path"]).name, e["code"]) for e in errors}
    assert {("a", "E120"), ("b", "E120"), ("broken.txt", "E121"), ("up", "E122")} <= by_name
    assert {("abyss.html", "E124"), ("empty.txt", "E104"), ("picture.txt", "E103"), ("bomb.txt.gz", "E119")} <= by_name
    jsonl = [e for e in errors if e["code"] == "E105"]
    assert [(Path(e["path"]).name, e["line"]) for e in jsonl] == [("rows.jsonl", 2)]
    assert "at at" not in jsonl[0]["message"]
    for error in errors:  # one line per failure on stderr, naming the path
        assert error["path"] in result.stderr

    again = runner.invoke(app, ["analyze", str(corpus), "--store", str(store), "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert len(_export(store, "articles")) == len(GOOD)  # a rerun stores nothing new
