"""The trained coder, table-driven: `cases.tsv` holds sentences of our own wording with
the events the shipped model must find at its threshold (or "none"), keyed by the
mechanism each exercises. A case the shipped model still gets wrong is marked `miss`:
it runs as a strict expected failure, so the day a retrained model gets it right the
mark must come off (and the docs' list of known misses with it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extract.events.model import default_threshold
from newsgraph.records import Article

CASES = Path(__file__).with_name("cases.tsv")
MECHANISMS = {"active", "compound", "symmetric", "visit", "request", "pledge", "threat", "nominal", "passive",
              "claimed", "figurative", "wish", "possibility", "question", "description", "heading"}


def read_cases():
    for n, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            mechanism, text, date, expected, *known = line.split("\t")
            marks = [pytest.mark.xfail(strict=True, reason="a known miss of the shipped model")] if known == ["miss"] else []
            yield pytest.param(mechanism, text, date, expected, id=f"{n}-{mechanism}", marks=marks)


def coded(nlp, extract, text, date):
    article = Article(article_id="t", input_id=None, path="", line=None, format="txt", outlet=None, url=None,
                      title=None, byline=None, date=date, date_source="user", date_precision="day", text=text)
    records = extract(article, nlp(text))
    country = {a.id: a.country for a in records.actors}
    kept = [e for e in records.events if e.confidence >= default_threshold() and not e.negated]
    return {(country.get(e.source_id), country.get(e.target_id) or "-", e.plover, e.status) for e in kept}, records


@pytest.mark.parametrize("mechanism, text, date, expected", list(read_cases()))
def test_case(nlp, extract, mechanism, text, date, expected):
    found, records = coded(nlp, extract, text, date)
    if expected == "none":
        assert found == set(), f"{mechanism}: expected no event, got {found}"
        return
    for item in expected.split(" ; "):
        pair, plover, *status = item.split(":")
        source, target = pair.split(">")
        match = [f for f in found if f[:3] == (source, target, plover) and (not status or f[3] == status[0])]
        assert match, f"{mechanism}: {item} not among {found}"
    assert all(e.confidence is not None and e.decided_by for e in records.events)


def test_every_mechanism_has_a_case():
    assert {p.values[0] for p in read_cases()} == MECHANISMS
