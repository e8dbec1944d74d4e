"""Story grouping end to end on a small store of our own wording, and its parts alone.

The store: a bridge collapse in the invented port of Varnholm reported by three
outlets of three sides over two days, in different words; a claims release reported
by two outlets with the same figure; an orchestra tour on the collapse's day from
an outlet that did not cover the collapse; the bridge's repair budget three weeks
later (a new story, the same thread); a dated piece on a school lunch plan.
"""

from __future__ import annotations

import hashlib

import pytest

from newsgraph.analysis import story_groups, story_pairs
from newsgraph.analysis.stories import find_stories, story_of
from newsgraph.analysis.story_features import ArticleFeatures, day_span, numbers
from newsgraph.records import Article, ArticleRecords
from newsgraph.store import open_store

ARTICLES = {
    "collapse_left": ("Left Ledger", "left", "2024-03-04", "Varnholm harbour bridge collapses into the Selk estuary",
                      "The harbour bridge at Varnholm collapsed into the Selk estuary early on Monday, "
                      "sending two lorries into the water. Divers from the Varnholm coastguard pulled both "
                      "drivers out alive. Engineers had warned in a survey that the bridge's steel cables "
                      "were corroded. The mayor of Varnholm ordered every crossing of the estuary closed."),
    "collapse_center": ("Middle Post", "center", "2024-03-04", "Bridge falls in Varnholm, drivers rescued",
                        "Two lorry drivers were rescued from the Selk estuary after the Varnholm harbour bridge "
                        "gave way on Monday morning. The coastguard said divers reached them within minutes. "
                        "A survey of the corroded cables had been shelved, officials in Varnholm said."),
    "collapse_right": ("Right Herald", "right", "2024-03-05", "Who ignored the Varnholm bridge survey?",
                       "A day after the Varnholm harbour bridge collapsed into the Selk estuary, questions "
                       "turned to the shelved survey of its corroded cables. The mayor of Varnholm closed the "
                       "estuary crossings while coastguard divers searched the wreck."),
    "claims_a": ("Left Ledger", "left", "2024-03-07", "Jobless claims in Ostrava province fall to 1.7 million",
                 "Claims for unemployment aid in Ostrava province fell to 1.7 million last week, the labour "
                 "office said on Thursday, the lowest count since the mills reopened."),
    "claims_b": ("Right Herald", "right", "2024-03-07", "Another 1.7 million file for jobless aid in Ostrava",
                 "The labour office of Ostrava province counted 1.7 million new claims for jobless aid in "
                 "the week, down from the week before as the mills took workers back."),
    "orchestra": ("Middle Post", "center", "2024-03-04", "Kessel orchestra begins a spring tour",
                  "The Kessel chamber orchestra opened its spring tour with a concert of sea shanties and "
                  "string quartets, playing to a full hall in the old customs house."),
    "repair": ("Middle Post", "center", "2024-03-26", "Varnholm council approves money to rebuild its bridge",
               "The Varnholm council approved money to rebuild the harbour bridge that collapsed into the "
               "Selk estuary this month, with new steel cables and a survey every year."),
    "lunch": ("Left Ledger", "left", "2024-03-05", "Schools in Pell to serve free lunches",
              "Every primary school in Pell will serve free lunches from autumn, the education board "
              "decided, paying for cooks from a tax on sugary drinks."),
}


def _records(name: str) -> ArticleRecords:
    outlet, bias, date, title, text = ARTICLES[name]
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    article = Article(article_id, name, f"{name}.txt", None, "txt", outlet, None, title, None, date, "metadata", "day",
                      text, meta={"bias_text": bias})
    return ArticleRecords(article=article, sentences=(), mentions=(), actors=(), quotes=(), events=(), labels=(),
                          tones=(), tokens=len(text.split()))


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = tmp_path_factory.mktemp("story-grouping") / "stories.db"
    with open_store(path) as store:
        store.write_batch([_records(name) for name in ARTICLES])
    with open_store(path, readonly=True) as store:
        return find_stories(store)


def _id(name: str) -> str:
    return hashlib.sha256(ARTICLES[name][4].encode()).hexdigest()[:16]


def _story(result, name):
    return story_of(result, _id(name))


def test_three_outlets_in_different_words_are_one_story(result):
    story = _story(result, "collapse_left")
    assert {a["article_id"] for a in story["articles"]} == {_id("collapse_left"), _id("collapse_center"),
                                                            _id("collapse_right")}
    assert _story(result, "orchestra")["story_id"] != story["story_id"]
    assert _story(result, "repair")["story_id"] != story["story_id"]  # three weeks later: a new story


def test_a_shared_figure_counts_as_evidence(result):
    story = _story(result, "claims_a")
    assert _story(result, "claims_b")["story_id"] == story["story_id"]
    pair = story["pairs"][0]
    assert pair["numbers"] > 0 and any("1.7m" in r for r in pair["reasons"])


def test_every_joined_article_says_why(result):
    story = _story(result, "collapse_left")
    joined = [a for a in story["articles"] if a["joined_by"]]
    assert len(joined) == 2
    for a in joined:
        assert a["joined_by"]["score"] >= story_pairs.SAME_STORY[1]
        assert any("title/lead words" in r for r in a["joined_by"]["reasons"])
        assert any("day(s) apart" in r for r in a["joined_by"]["reasons"])


def test_label_names_what_and_when(result):
    story = _story(result, "collapse_left")
    assert story["when"] == "2024-03-04 to 2024-03-05"
    assert story["what"] in {ARTICLES[n][3] for n in ("collapse_left", "collapse_center", "collapse_right")}
    assert story["label"].startswith(story["what"]) and story["label"].endswith(story["when"])


def test_coverage_says_who_first_which_sides_and_who_did_not(result):
    cov = _story(result, "collapse_left")["coverage"]
    assert cov["first"]["date"] == "2024-03-04"
    assert cov["sides"] == {"left": 1, "center": 1, "right": 1}
    assert cov["sides_missing"] == [] and not cov["blindspot"]
    claims = _story(result, "claims_a")["coverage"]
    assert claims["sides"]["center"] == 0 and claims["sides_missing"] == ["center"]
    # Middle Post published (the orchestra) on the claims' window? No: it was silent then.
    assert [o["outlet"] for o in claims["not_covering"]] == []
    lunch = _story(result, "lunch")["coverage"]
    assert {"Middle Post", "Right Herald"} <= {o["outlet"] for o in lunch["not_covering"]}


def test_threads_follow_the_topic_into_a_later_story(result):
    thread_of = {sid: t for t in result["threads"] for sid in t["stories"]}
    bridge = thread_of[_story(result, "collapse_left")["story_id"]]
    assert _story(result, "repair")["story_id"] in bridge["stories"]
    assert _story(result, "orchestra")["story_id"] not in bridge["stories"]
    assert bridge["stories"][0] == _story(result, "collapse_left")["story_id"]  # oldest first
    assert [step["date"] for step in bridge["timeline"]] == sorted(step["date"] for step in bridge["timeline"])


def test_numbers_and_dates_are_read_as_an_event_allows():
    assert numbers("Another 2.1 million file claims; $60 billion; 13 states; 4.4 percent") == {
        "2.1m", "60bn", "13 state", "4.4%"}
    assert numbers("In 2019, 7 of the 12 judges agreed") == set()  # a year and small counts say nothing
    assert day_span("2020-05-28") == (737573, 737573)
    assert day_span("2020-02")[1] - day_span("2020-02")[0] == 28
    assert day_span("2020") == (None, None) and day_span("XXXX-07-29") == (None, None)


def _features(key: str, day: int | None) -> ArticleFeatures:
    return ArticleFeatures(key, {"article_id": key, "outlet": key, "source": key, "date": None, "title": key},
                           day, day, None, [], [])


def test_groups_merge_best_first_without_chaining():
    """a–b and c–d are two events; a weak bridge b–c must not fuse them."""
    docs = {k: _features(k, 100) for k in "abcd"}

    def pair(x, y, score):
        return {"a": x, "b": y, "score": score, "bar": 0.12, "same_story": score >= 0.12, "reasons": []}

    pairs = [pair("a", "b", 0.5), pair("c", "d", 0.45), pair("b", "c", 0.2)]
    groups, near, joined_by = story_groups.group(docs, pairs)
    assert sorted(sorted(g) for g in groups) == [["a", "b"], ["c", "d"]]
    assert near[0]["a"] == "b" and "article pairs across" in near[0]["refused"]
    assert set(joined_by) == {"b", "d"}


def test_a_story_may_not_stretch_past_its_span():
    docs = {"a": _features("a", 100), "b": _features("b", 103), "c": _features("c", 106), "d": _features("d", 109)}
    pairs = [{"a": x, "b": y, "score": 0.3, "bar": 0.15, "same_story": True, "reasons": []}
             for x, y in (("a", "b"), ("b", "c"), ("c", "d"))]
    groups, near, _ = story_groups.group(docs, pairs)
    assert max(len(g) for g in groups) <= 3
    assert any("span" in p.get("refused", "") for p in near)


def test_blocking_pairs_only_articles_close_in_time():
    from newsgraph.analysis import tfidf

    vec = tfidf.vectors({"x": ["quay", "crane", "strike", "dockers", "varnholm"],
                         "y": ["quay", "crane", "strike", "dockers", "varnholm"],
                         "z": ["quay", "crane", "strike", "dockers", "varnholm"]})
    docs = {k: _features(k, day) for k, day in (("x", 100), ("y", 102), ("z", 160))}
    for k in docs:
        docs[k].body = vec[k]
    assert set(story_pairs.candidate_pairs(docs)) == {("x", "y")}


def test_one_articles_story_from_its_neighbourhood_alone(result, tmp_path):
    from newsgraph.analysis.stories import story_around

    path = tmp_path / "around.db"
    with open_store(path) as store:
        store.write_batch([_records(name) for name in ARTICLES])
    with open_store(path, readonly=True) as store:
        around = story_around(store, _id("collapse_right"))
        assert story_around(store, "no-such-article") is None
    assert around["story_id"] == _story(result, "collapse_left")["story_id"]
    assert around["coverage"]["sides"] == {"left": 1, "center": 1, "right": 1}


def test_a_known_year_keeps_undated_articles_apart():
    """'2019' and 2016-04-23: the same words cannot make them one event."""
    from newsgraph.analysis import tfidf

    vec = tfidf.vectors({"x": ["missile", "submarine", "launch"], "y": ["missile", "submarine", "launch"]})
    x, y = _features("x", 736077), _features("y", None)
    x.year, y.year = 2016, 2019
    x.body = x.lead = vec["x"]
    y.body = y.lead = vec["y"]
    assert story_pairs.score_pair(x, y, {}, keep_weak=True) is None
    y.year = 2016
    assert story_pairs.score_pair(x, y, {}, keep_weak=True)["lead"] > 0.99
