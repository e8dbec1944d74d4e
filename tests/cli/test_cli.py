"""The CLI contract end to end: analyze → export → stats, on our examples, the seeds, and bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

from ..conftest import EXAMPLES

runner = CliRunner()


def ng(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def export_rows(store, table="articles"):
    result = ng("export", table, "--store", str(store))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_help_is_instant_and_does_not_import_spacy():
    code = (
        "import sys\n"
        "from newsgraph.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('spacy' in sys.modules, 'pyarrow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "analyze" in out and "export" in out and "stats" in out
    assert out.strip().endswith("False False")


def test_version():
    result = ng("--version")
    assert result.exit_code == 0 and result.stdout.startswith("newsgraph ")


def test_examples_end_to_end(tmp_path, nlp):
    store = tmp_path / "ex.db"
    result = ng("analyze", str(EXAMPLES), "--store", str(store), "--workers", "1")
    assert result.exit_code == 0, result.output
    rows = export_rows(store)
    assert len(rows) >= 10
    import csv

    with open(EXAMPLES / "plain" / "metadata.csv", encoding="utf-8") as f:
        in_sidecar = {r["file"] for r in csv.DictReader(f)}
    for row in rows:
        assert row["text"].strip() and row["article_id"]
        name = row["path"].rsplit("/", 1)[-1]
        if row["format"] != "txt" or name in in_sidecar:
            assert row["outlet"], f"{row['path']} has no outlet (sidecar, HTML metadata and JSONL all give one)"
        else:
            assert row["outlet"] is None  # never invented for a plain file nobody described
    mentions = export_rows(store, "mentions")
    actors = {a["actor_id"]: a for a in export_rows(store, "actors")}
    ids = {r["article_id"] for r in rows}
    assert mentions and all(m["article_id"] in ids and m["actor_id"] in actors for m in mentions)
    for m in mentions:  # every mention points at the exact text it came from
        article = next(r for r in rows if r["article_id"] == m["article_id"])
        assert article["text"][m["start"]:m["end"]] == m["text"]
    stats = json.loads(ng("stats", "--store", str(store), "--json").stdout)
    assert json.dumps(stats)  # machine-readable
    again = ng("analyze", str(EXAMPLES), "--store", str(store), "--workers", "1")
    assert again.exit_code == 0
    assert len(export_rows(store)) == len(rows)


def test_export_formats_to_files(tmp_path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "x1", "title": "Bridge reopens", "outlet": "Valley Post", "date": "2021-05-04",
                    "text": "The river bridge reopened after repairs. Traffic returned at noon."}) + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "s.db"
    assert ng("analyze", str(src), "--store", str(store), "--workers", "1").exit_code == 0
    for fmt in ("csv", "parquet", "jsonl"):
        out = tmp_path / f"articles.{fmt}"
        result = ng("export", "articles", "--store", str(store), "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    (row,) = export_rows(store)
    assert (row["input_id"], row["outlet"], row["date"], row["date_source"]) == ("x1", "Valley Post", "2021-05-04", "metadata")
    sentences = export_rows(store, "sentences")
    assert [s["text"] for s in sentences] == ["The river bridge reopened after repairs.", "Traffic returned at noon."]


def test_stdin_jsonl(tmp_path, nlp):
    store = tmp_path / "s.db"
    line = json.dumps({"text": "Talks resumed in Vienna on Tuesday. Both delegations attended."})
    result = ng("analyze", "-", "--format", "jsonl", "--store", str(store), "--workers", "1", input=line + "\n")
    assert result.exit_code == 0, result.output
    assert export_rows(store)[0]["path"] == "<stdin>"


@pytest.fixture
def mixed_folder(tmp_path):
    """Good files of every format beside one of every kind of bad input."""
    d = tmp_path / "mixed"
    d.mkdir()
    good = "Farmers blocked roads near the capital on Monday. Police reopened two highways by evening."
    (d / "good.txt").write_text(good, encoding="utf-8")
    with gzip.open(d / "good2.txt.gz", "wt", encoding="utf-8") as f:
        f.write("Lawmakers approved the budget late on Thursday. The vote was 210 to 190.")
    (d / "rows.jsonl").write_text(
        json.dumps({"text": "A new rail line opened between two northern towns."}) + "\n"
        + "{not json\n"
        + json.dumps({"title": "no text field"}) + "\n"
        + json.dumps({"text": "The mayor promised more buses for the winter."}) + "\n",
        encoding="utf-8",
    )
    (d / "rows.csv").write_text('id,text\n1,"Exports rose for a third month."\n2,"unclosed\n', encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    (d / "latin1.txt").write_bytes("Les ministres se sont réunis à Genève jeudi.".encode("latin-1"))
    with open(d / "huge.txt", "w", encoding="utf-8") as f:
        f.write(("word " * 200_000 + "\n") * 50)  # ~50 MB
    with gzip.open(d / "bomb.txt.gz", "wb", compresslevel=9) as f:
        block = b"\n" * (1 << 20)
        for _ in range(64):
            f.write(block)
    return d


def test_a_folder_mixing_good_and_bad_inputs_ingests_every_good_one(mixed_folder, tmp_path, nlp):
    store = tmp_path / "m.db"
    result = ng("analyze", str(mixed_folder), str(tmp_path / "missing.txt"), "--store", str(store), "--workers", "1")
    assert result.exit_code == 0, result.output
    texts = {r["text"] for r in export_rows(store)}
    assert "Farmers blocked roads near the capital on Monday. Police reopened two highways by evening." in texts
    assert "Lawmakers approved the budget late on Thursday. The vote was 210 to 190." in texts
    assert "A new rail line opened between two northern towns." in texts
    assert "The mayor promised more buses for the winter." in texts
    assert "Exports rose for a third month." in texts
    assert any("Genève" in t for t in texts)  # decoded with the stated fallback
    errors = export_rows(store, "input_errors")
    failed = {(e["path"].rsplit("/", 1)[-1], e["line"]) for e in errors}
    for name in ("empty.txt", "binary.txt", "huge.txt", "bomb.txt.gz", "missing.txt"):
        assert any(f == name for f, _ in failed), (name, failed)
    assert ("rows.jsonl", 2) in failed and ("rows.jsonl", 3) in failed
    assert any(f == "rows.csv" for f, _ in failed)
    for e in errors:  # one line per failure, naming the file, on stderr
        assert e["path"] in result.stderr
    assert "Traceback" not in result.output


def test_exit_code_is_non_zero_only_when_nothing_could_be_read(tmp_path, nlp):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    store = str(tmp_path / "e.db")
    assert ng("analyze", str(tmp_path / "empty.txt"), "--store", store).exit_code == 1
    (tmp_path / "ok.txt").write_text("Officials met on Friday to sign the accord.", encoding="utf-8")
    assert ng("analyze", str(tmp_path), "--store", store, "--workers", "1").exit_code == 0
    strict = ng("analyze", str(tmp_path), "--store", str(tmp_path / "f.db"), "--strict", "--workers", "1")
    assert strict.exit_code == 1 and "--strict" in strict.stderr


def test_a_store_that_is_not_a_database_is_one_clear_line(tmp_path):
    bogus = tmp_path / "not.db"
    bogus.write_text("this is not sqlite", encoding="utf-8")
    result = ng("stats", "--store", str(bogus))
    assert result.exit_code == 2
    assert "E201" in result.stderr and "Traceback" not in result.output


def test_bad_option_values_are_usage_errors(tmp_path):
    result = ng("analyze", "x.txt", "--date", "someday", "--store", str(tmp_path / "s.db"))
    assert result.exit_code == 2 and "E402" in result.stderr
    result = ng("export", "nosuchtable", "--store", str(tmp_path / "s.db"))
    assert result.exit_code == 2 and "E203" in result.stderr


def test_resolve_reads_jsonl_and_keeps_lines_aligned():
    lines = "\n".join([
        json.dumps({"text": "the Kremlin"}),
        "not json",
        json.dumps({"text": "Chilean police", "date": "2020-02-02"}),
    ]) + "\n"
    result = ng("resolve", input=lines)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o.get("actor") or {}).get("country") for o in out] == ["RUS", None, "CHL"]
    assert "error" in out[1] and "<stdin>:2" in result.stderr
