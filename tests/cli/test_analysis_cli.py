"""compare, stories and report through the CLI, on the analysis fixture store."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from newsgraph.cli import app

from ..analysis.conftest import analysis_store, article_ids  # noqa: F401  (session fixtures)

runner = CliRunner()


def test_compare_prints_each_outlet(analysis_store):
    result = runner.invoke(app, ["compare", "Tomas Brel", "--store", str(analysis_store)])
    assert result.exit_code == 0, result.output
    for outlet in ("harbourtimes", "ledger", "wirecopy"):
        assert outlet in result.stdout
    assert "legitimately elected" in result.stdout and "tone (quoted)" in result.stdout


def test_compare_json(analysis_store):
    result = runner.invoke(app, ["compare", "tomas-brel", "--store", str(analysis_store), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["actor"]["name"] == "Tomás Brel" and len(data["outlets"]) == 3


def test_compare_unknown_actor_is_a_coded_error(analysis_store):
    result = runner.invoke(app, ["compare", "Ilse Vargo", "--store", str(analysis_store)])
    assert result.exit_code == 2
    assert "[E420]" in result.stderr and "Ilse Varga" in result.stderr


def test_stories_json(analysis_store):
    result = runner.invoke(app, ["stories", "--store", str(analysis_store), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["stories"]) == 5 and len(data["threads"]) == 4
    table = runner.invoke(app, ["stories", "--store", str(analysis_store)])
    assert table.exit_code == 0 and "4 threads, 5 stories, 7 articles" in table.stdout


def test_report_is_self_contained_and_escaped(analysis_store, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--store", str(analysis_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") >= 4
    # nothing to fetch: no scripts, no external references, a CSP that forbids requests
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Rail Board" in html
    assert "default-src 'none'" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", html)
    assert "@import" not in html and "url(" not in html
    for section in ("actors", "dyads", "events", "quotes", "framing", "stories", "claims"):
        assert f'id="{section}"' in html
    assert "<mark>rigged</mark>" in html and "<mark>legitimately</mark>" in html


def test_report_to_a_missing_folder_is_a_coded_error(analysis_store, tmp_path):
    result = runner.invoke(app, ["report", "--store", str(analysis_store), "--out", str(tmp_path / "no" / "r.html")])
    assert result.exit_code == 2 and "[E421]" in result.stderr
