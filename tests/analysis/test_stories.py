"""Stories and threads on the fixture store, and the pieces they are built from."""

from __future__ import annotations

from newsgraph.analysis import dates, minhash, tfidf
from newsgraph.analysis.stories import find_stories
from newsgraph.analysis.text import shingles
from newsgraph.store import open_store


def _stories(path):
    with open_store(path, readonly=True) as st:
        return find_stories(st)


def test_same_event_from_three_outlets_is_one_story(analysis_store, article_ids):
    result = _stories(analysis_store)
    by_article = {a["article_id"]: s["story_id"] for s in result["stories"] for a in s["articles"]}
    assert by_article[article_ids["harbour"]] == by_article[article_ids["ledger"]] == by_article[article_ids["wire"]]
    assert by_article[article_ids["quarrel"]] != by_article[article_ids["harbour"]]
    assert by_article[article_ids["tunnel"]] not in {by_article[k] for k in article_ids.values() if k != article_ids["tunnel"]}


def test_wire_copy_is_a_near_duplicate(analysis_store, article_ids):
    accord = next(s for s in _stories(analysis_store)["stories"] if len(s["articles"]) == 3)
    pairs = {frozenset(p[:2]) for p in accord["near_duplicates"]}
    assert frozenset((article_ids["harbour"], article_ids["wire"])) in pairs
    assert frozenset((article_ids["harbour"], article_ids["ledger"])) not in pairs


def test_threads_follow_the_dyad_across_time(analysis_store, article_ids):
    result = _stories(analysis_store)
    story_of = {a["article_id"]: s["story_id"] for s in result["stories"] for a in s["articles"]}
    thread_of = {sid: t["thread_id"] for t in result["threads"] for sid in t["stories"]}
    assert thread_of[story_of[article_ids["harbour"]]] == thread_of[story_of[article_ids["quarrel"]]]
    assert thread_of[story_of[article_ids["tunnel"]]] != thread_of[story_of[article_ids["harbour"]]]
    accord_thread = next(t for t in result["threads"] if story_of[article_ids["harbour"]] in t["stories"])
    assert ["NRL", "SDV"] in accord_thread["dyads"]
    assert accord_thread["stories"][0] == story_of[article_ids["harbour"]]  # oldest first


def test_story_ids_are_stable(analysis_store):
    assert [s["story_id"] for s in _stories(analysis_store)["stories"]] == [
        s["story_id"] for s in _stories(analysis_store)["stories"]
    ]


def test_minhash_finds_what_exact_jaccard_finds():
    base = "the harbour council voted on tuesday to widen the northern channel for larger ferries " * 3
    sets = {
        "a": shingles(base + "and the work starts in spring"),
        "b": shingles(base + "and the work begins next spring"),
        "c": shingles("a choir from the valley sang at the opening of the new library on saturday"),
    }
    found = {(x, y) for x, y, _ in minhash.near_duplicates(sets, threshold=0.6)}
    assert found == {("a", "b")}
    assert minhash.jaccard(sets["a"], sets["c"]) == 0


def test_tfidf_prefers_rare_shared_words():
    vecs = tfidf.vectors({
        "a": ["quota", "herring", "accord", "minister"],
        "b": ["quota", "herring", "treaty", "minister"],
        "c": ["tunnel", "rail", "minister"],
    })
    assert tfidf.cosine(vecs["a"], vecs["b"]) > tfidf.cosine(vecs["a"], vecs["c"])
    assert abs(tfidf.cosine(vecs["a"], vecs["a"]) - 1) < 1e-9


def test_dates_compare_only_as_far_as_known():
    assert dates.relation("2023-05-10", "2023-05-12") == "agree"
    assert dates.relation("2023-05-10", "2023-06-30") == "apart"
    assert dates.relation("2017", "2019-08-19") == "apart"
    assert dates.relation("XXXX-07-29", "XXXX-07-30") == "unknown"
    assert dates.relation("2019-02-30", "2019-02-01") in {"agree", "unknown"}
    assert dates.period("2019-08-19") == "2019-08" and dates.period("2017") == "2017"
    assert dates.period("XXXX-07-29") is None


def test_threads_go_by_topic_not_by_which_countries_appear_together():
    from newsgraph.analysis.story_threads import threads

    def story(sid, date, pair):
        return {"story_id": sid, "first_date": date, "last_date": date, "label": sid,
                "dyads": [{"pair": list(pair), "weight": 3}]}

    stories = [story("s1", "2020-01-01", ("AAA", "BBB")), story("s2", "2021-01-01", ("CCC", "DDD")),
               story("s3", "2022-01-01", ("AAA", "BBB"))]
    profiles = {"s1": {"quota": 0.8, "herring": 0.6}, "s2": {"quota": 0.6, "herring": 0.8},
                "s3": {"tunnel": 0.8, "rail": 0.6}}
    result = threads(stories, profiles)
    assert sorted(t["stories"] for t in result) == [["s1", "s2"], ["s3"]]
    assert result[0]["timeline"][1]["closeness"] > 0.9
