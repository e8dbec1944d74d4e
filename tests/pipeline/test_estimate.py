"""The progress total: inputs counted cheaply, and the log line that shows it."""

from __future__ import annotations

import gzip
import io
import json

from newsgraph.cli.render import RunReporter, interrupted_line
from newsgraph.pipeline.estimate import count_inputs
from newsgraph.pipeline.runner import RunSummary


def test_a_folder_counts_its_article_files_and_a_jsonl_or_csv_file_its_rows(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Two.</p>", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps({"text": f"t{i}"}) for i in range(5)) + "\n\n",
                                         encoding="utf-8")
    (tmp_path / "rows.csv").write_text('id,text\n1,"a\nmultiline cell"\n2,b\n', encoding="utf-8")
    assert count_inputs([str(tmp_path)]) == 1 + 1 + 5 + 2
    assert count_inputs([str(tmp_path / "rows.jsonl"), str(tmp_path / "a.txt")]) == 6
    assert count_inputs([str(tmp_path / "missing.txt")]) == 1  # it will be one failed input


def test_what_cannot_be_counted_cheaply_leaves_the_total_unknown(tmp_path):
    with gzip.open(tmp_path / "rows.jsonl.gz", "wt") as out:
        out.write('{"text": "a"}\n')
    assert count_inputs([str(tmp_path / "rows.jsonl.gz")]) is None
    assert count_inputs(["-"]) is None
    (tmp_path / "rows.jsonl").write_text('{"text": "a"}\n' * 1000, encoding="utf-8")
    assert count_inputs([str(tmp_path / "rows.jsonl")], deadline=0.0) is None  # out of time


def test_in_a_log_progress_is_a_plain_line_with_the_share_done(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    summary = RunSummary(read=4, added=2, present=1, failed=1)
    RunReporter(interval=0.0, total=lambda: 10)(summary)
    RunReporter(interval=0.0)(summary)
    RunReporter(quiet=True, total=lambda: 10)(summary)
    lines = err.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in err.getvalue()
    assert lines[0].startswith("newsgraph: 4 of 10 (40%), about ") and " left — 4 read, 2 added" in lines[0]
    assert lines[1].startswith("newsgraph: 4 read, 2 added")  # no total: no share


def test_the_interrupted_line_says_what_was_kept_and_what_was_not():
    summary = RunSummary(read=200, added=140, present=0, failed=0, interrupted=True)
    assert interrupted_line(summary, total=2000) == (
        "Interrupted: 140 articles stored; 1,860 not analysed; rerun the same command to continue")
    assert interrupted_line(summary) == ("Interrupted: 140 articles stored; 60 read but not analysed, "
                                         "and any inputs not yet read; rerun the same command to continue")
