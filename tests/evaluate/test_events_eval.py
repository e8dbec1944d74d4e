"""The event scorer, on a tiny gold file of our own, and the actor-code rules it states."""

from __future__ import annotations

import json

import pytest

from newsgraph.evaluate.events import _gold_actor, _ours, score_events
from newsgraph.records import Actor


def test_gold_codes_map_to_country_and_sector():
    assert _gold_actor("HUNGOV") == ("HUN", "GOV")
    assert _gold_actor("JAPMIL") == ("JPN", "MIL")  # legacy code
    assert _gold_actor("IGOUNO") == ("IGO", "IGO")  # an international body: its kind stands for a country
    assert _gold_actor("NGO") == ("NGO", "NGO")  # and IGO and NGO are different classes, as in CAMEO
    assert _gold_actor(None) == ("", "")


def test_our_actors_map_the_same_way():
    assert _ours(Actor("SUN", "Soviet Union", "SUN", None)) == ("RUS", "")  # compared by successor
    assert _ours(Actor("amnesty", "Amnesty International", None, "NGO")) == ("NGO", "NGO")
    assert _ours(Actor("role-officials", "officials", None, "GOV")) == ("", "GOV")  # unplaced, not international
    assert _ours(None) == ("", "")


@pytest.mark.slow
def test_scorer_counts_per_sentence_matches(nlp, tmp_path):
    rows = [
        {"id": "a", "text": "Japan imposed new sanctions on North Korea on Monday.",
         "expected_events": [{"source": "JPNGOV", "target": "PRK", "event": "SANCTION"}]},
        {"id": "b", "text": "Chile praised Peru on Tuesday.",
         "expected_events": [{"source": "CHL", "target": "PER", "event": "DISAPPROVE"}]},  # legacy label, wrong on purpose
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    def extract(article, doc):  # the coder's place: one fixed event per sentence, so only the scorer is tested
        from newsgraph.records import ArticleRecords, Event

        actors = (Actor("JPN", "Japan", "JPN", None), Actor("PRK", "North Korea", "PRK", None),
                  Actor("CHL", "Chile", "CHL", None), Actor("PER", "Peru", "PER", None))
        src, tgt, plover = ("JPN", "PRK", "SANCTION") if "Japan" in article.text else ("CHL", "PER", "SUPPORT")
        event = Event(article.article_id, 0, src, tgt, "x", plover, None, "000", None, None, False, "done", None, (),
                      0, len(article.text), confidence=0.99)
        low = Event(article.article_id, 0, tgt, src, "x", "ASSAULT", None, "000", None, None, False, "done", None,
                    (), 0, len(article.text), confidence=0.01)  # below any threshold: not counted
        return ArticleRecords(article=article, sentences=(), mentions=(), actors=actors, quotes=(),
                              events=(event, low), labels=(), tones=(), tokens=0)

    misses: list = []
    score = score_events(path, nlp=nlp, misses=misses, extract=extract, min_confidence=0.5)
    assert score["gold_events"] == 2 and score["predicted_events"] == 2
    assert score["country_country_type"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert [m["id"] for m in misses] == ["b"] and misses[0]["gold"] == [("CHL", "PER", "ACCUSE")]
