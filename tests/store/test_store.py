"""The Store: idempotent batches, rollback, crash safety, concurrent reading, runs, search, stats."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsgraph
from newsgraph.errors import StoreError
from newsgraph.records import InputError, Sentence
from newsgraph.store import SCHEMA_VERSION, open_store

from .fixtures import SAMPLE_ERRORS, fixture_store, make_records, sample_records  # noqa: F401


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.db") as st:
        yield st


def test_articles_and_sentences_read_back_as_written(store):
    records = sample_records()
    assert store.write_batch(records) == (4, 0)
    rows = list(store.iter_rows("articles"))
    assert [r["article_id"] for r in rows] == [r.article.article_id for r in records]
    first, article = rows[0], records[0].article
    for field in dataclasses.fields(article):
        expected = getattr(article, field.name)
        if field.name == "removed":
            expected = [dataclasses.asdict(line) for line in expected]
        elif isinstance(expected, tuple):
            expected = list(expected)
        assert first[field.name] == expected, field.name
    sentences = list(store.iter_rows("sentences", where={"article_id": article.article_id}))
    assert [(s["idx"], s["paragraph"], s["text"]) for s in sentences] == [
        (s.index, s.paragraph, s.text) for s in records[0].sentences
    ]
    assert all(article.text[s["start"] : s["end"]] == s["text"] for s in sentences)


def test_known_ids_says_which_articles_are_stored(store):
    records = sample_records()
    store.write_batch(records[:2])
    ids = [r.article.article_id for r in records]
    assert store.known_ids(ids) == set(ids[:2])
    assert store.known_ids([]) == set()
    many = [f"absent{n}" for n in range(1200)] + [ids[0]]  # more than one IN chunk
    assert store.known_ids(many) == {ids[0]}


def test_writing_the_same_articles_again_stores_them_once(store):
    records = sample_records()
    assert store.write_batch(records) == (4, 0)
    assert store.write_batch(records) == (0, 4)
    assert store.write_batch(records[:1] * 3) == (0, 3)
    assert store.count("articles") == 4
    assert store.count("sentences") == sum(len(r.sentences) for r in records)


def test_the_same_article_twice_in_one_batch_is_stored_once_and_kept_as_first_seen(store):
    original = sample_records()[0]
    copy = dataclasses.replace(
        original, article=dataclasses.replace(original.article, path="elsewhere.txt", title="Another title")
    )
    assert store.write_batch([original, copy]) == (1, 1)
    (row,) = store.iter_rows("articles")
    assert (row["path"], row["title"]) == (original.article.path, original.article.title)
    assert store.count("sentences") == len(original.sentences)


def _wrong_sentence(records):
    """The same article with a sentence claiming to belong to another article."""
    bad = Sentence("someone-else", 99, 0, 0, 4, "Oops")
    return dataclasses.replace(records, sentences=records.sentences + (bad,))


def _unencodable_meta(records):
    return dataclasses.replace(records, article=dataclasses.replace(records.article, meta={"when": object()}))


@pytest.mark.parametrize("spoil", [_wrong_sentence, _unencodable_meta])
def test_a_record_failing_mid_batch_rolls_the_whole_batch_back(store, spoil):
    good1, good2, victim, good3 = sample_records()
    store.write_batch([good1])
    with pytest.raises(StoreError) as info:
        store.write_batch([good2, spoil(victim), good3])
    assert info.value.code == "E208"
    assert store.known_ids([r.article.article_id for r in (good2, victim, good3)]) == set()
    assert store.count("articles") == 1
    assert store.count("sentences") == len(good1.sentences)
    assert store.search("festival") == []  # nothing half-written in the index either
    # The store is still usable after the failure.
    assert store.write_batch([good2, victim, good3]) == (3, 0)


def test_a_batch_for_an_unknown_run_is_refused(store):
    with pytest.raises(StoreError) as info:
        store.write_batch(sample_records(), run_id=12345)
    assert info.value.code == "E208" and "FOREIGN KEY" in info.value.message
    assert store.count("articles") == 0


def test_runs_keep_their_arguments_counts_and_every_failure(store):
    run_id = store.start_run({"command": "analyze", "paths": ["a", "b"]})
    store.write_batch(sample_records(), run_id=run_id)
    assert store.record_errors(run_id, SAMPLE_ERRORS) == 2
    store.finish_run(run_id, {"added": 4, "failed": 2})
    (run,) = store.iter_rows("runs")
    assert run["run_id"] == run_id and run["args"] == {"command": "analyze", "paths": ["a", "b"]}
    assert run["counts"] == {"added": 4, "failed": 2} and run["finished_at"] >= run["started_at"]
    errors = [InputError(e["path"], e["line"], e["code"], e["message"]) for e in store.iter_rows("input_errors")]
    assert errors == SAMPLE_ERRORS
    assert store.count("articles", where={"outlet": "coastpost"}) == 2
    with pytest.raises(StoreError) as info:
        store.finish_run(run_id + 1, {})
    assert info.value.code == "E211"
    with pytest.raises(StoreError) as info:
        store.record_errors(run_id + 1, SAMPLE_ERRORS)
    assert info.value.code == "E211"


def test_iter_rows_filters_limits_and_refuses_unknown_names(fixture_store):  # noqa: F811
    with open_store(fixture_store, readonly=True) as store:
        assert [r["title"] for r in store.iter_rows("articles", where={"outlet": "coastpost"})] == [
            "Pilots halt Velmora harbour",
            "Festival crowds",
        ]
        assert [r["title"] for r in store.iter_rows("articles", where={"outlet": None})] == [None]
        assert store.count("articles", where={"outlet": ["coastpost", "dailyledger"]}) == 3
        assert store.count("articles", where={"outlet": []}) == 0
        assert len(list(store.iter_rows("sentences", limit=3))) == 3
        assert [r["idx"] for r in store.iter_rows("sentences", limit=2, offset=1)] == [1, 2]
        with pytest.raises(StoreError) as info:
            list(store.iter_rows("articles", where={"outlet; DROP TABLE articles": 1}))
        assert info.value.code == "E212"
        with pytest.raises(StoreError) as info:
            store.count("no_such_table")
        assert info.value.code == "E203"


def test_a_readonly_store_refuses_writes(fixture_store):  # noqa: F811
    with open_store(fixture_store, readonly=True) as store:
        for write in (
            lambda: store.write_batch(sample_records()),
            lambda: store.start_run({}),
        ):
            with pytest.raises(StoreError) as info:
                write()
            assert info.value.code == "E209"


def test_stats_describe_the_store(fixture_store):  # noqa: F811
    with open_store(fixture_store, readonly=True) as store:
        stats = store.stats()
    assert stats["path"] == os.path.abspath(fixture_store)
    assert stats["schema_version"] == SCHEMA_VERSION
    assert stats["size_bytes"] >= os.path.getsize(fixture_store) > 0
    assert stats["tables"] == {"articles": 4, "sentences": 9, "mentions": 0, "quotes": 0, "events": 0, "labels": 0, "tones": 0, "actors": 0, "runs": 1, "input_errors": 2}
    assert stats["outlets"] == {"coastpost": 2, "dailyledger": 1, None: 1}
    assert list(stats["outlets"])[0] == "coastpost"  # busiest outlet first
    assert stats["dates"] == {"first": "2019", "last": "2022-07"}
    assert (stats["runs"], stats["failures"]) == (1, 2)
    assert stats["last_run"]["counts"] == {"added": 4, "failed": 2}


def test_stats_of_an_empty_store(store):
    stats = store.stats()
    assert stats["tables"]["articles"] == 0 and stats["outlets"] == {}
    assert stats["dates"] == {"first": None, "last": None} and stats["last_run"] is None


def test_search_finds_words_with_their_article_and_offsets(fixture_store):  # noqa: F811
    with open_store(fixture_store, readonly=True) as store:
        (hit,) = store.search("flood data")
        article = next(store.iter_rows("articles", where={"article_id": hit["article_id"]}))
        assert article["text"][hit["start"] : hit["end"]] == hit["text"] == "They agreed to share flood data."
        assert hit["title"] == "Council agrees on flood data" and hit["outlet"] == "dailyledger"
        assert "[flood]" in hit["snippet"]
        assert [h["text"] for h in store.search("zurich")] == ["Ministers of the Lakeland Council met in Zürich."]
        assert store.search("flood volcano") == []  # every word must occur
        assert len(store.search("flood OR festival", raw=True)) == 2
        assert store.search('"unbalanced -quote') == []  # user text never trips FTS syntax
        for bad, raw in (("   ", False), ("AND AND", True)):
            with pytest.raises(StoreError) as info:
                store.search(bad, raw=raw)
            assert info.value.code == "E210"


def test_deleting_an_article_removes_its_sentences_and_their_index_entries(store):
    store.write_batch(sample_records())
    (hit,) = store.search("regrettable")
    with store.connection:
        store.connection.execute("DELETE FROM articles WHERE article_id = ?", (hit["article_id"],))
    assert store.search("regrettable") == []
    assert store.count("sentences", where={"article_id": hit["article_id"]}) == 0
    store.connection.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")


class _ReadsMidBatch(list):
    """A batch that runs `check` while the writer is half-way through it."""

    def __init__(self, records, check):
        super().__init__(records)
        self.check = check

    def __iter__(self):
        for n, item in enumerate(super().__iter__()):
            if n == len(self) // 2:
                self.check()
            yield item


def test_a_reader_reads_while_a_writer_is_mid_batch(tmp_path):
    path = tmp_path / "s.db"
    records = sample_records()
    seen = []
    with open_store(path) as writer:
        writer.write_batch(records[:1])
        # A short timeout: if the reader were blocked by the writer it would fail, not wait.
        with open_store(path, readonly=True, timeout=0.2) as reader:
            batch = _ReadsMidBatch(records[1:], lambda: seen.append(reader.count("articles")))
            assert writer.write_batch(batch) == (3, 0)
            assert seen == [1]  # the last committed state, without the batch in progress
            assert reader.count("articles") == 4


def _whole_articles_only(path: Path, batch: int) -> int:
    """Check a store holds only whole batches of whole articles; return the article count."""
    with open_store(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
        articles = store.count("articles")
        assert articles % batch == 0
        for row in store.iter_rows("articles"):
            stored = store.count("sentences", where={"article_id": row["article_id"]})
            assert stored == row["meta"]["sentences"]
        return articles


def test_a_writer_killed_mid_run_leaves_only_whole_articles(tmp_path):
    path = tmp_path / "crash.db"
    open_store(path).close()
    script = Path(__file__).with_name("fixtures.py")
    env = dict(os.environ, PYTHONPATH=str(Path(newsgraph.__file__).parents[1]))
    rng = random.Random(7)
    previous = 0
    for _ in range(3):
        writer = subprocess.Popen([sys.executable, str(script), "write-forever", str(path)], env=env)
        try:
            # Read while it writes: the reader never blocks and only sees whole batches.
            deadline = time.monotonic() + 30
            with open_store(path, readonly=True) as reader:
                while reader.count("articles") < previous + 80:
                    assert writer.poll() is None, "the writer process died on its own"
                    assert time.monotonic() < deadline, "the writer made no progress"
                    assert reader.count("articles") % 40 == 0
                    time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.05))  # land somewhere inside a later batch
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
        assert writer.returncode == -signal.SIGKILL
        articles = _whole_articles_only(path, batch=40)
        assert articles >= previous + 80
        previous = articles
    # The store is still a working store after the crashes.
    with open_store(path) as store:
        assert store.write_batch(sample_records()) == (4, 0)


def test_a_closed_store_says_so(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError):
        store.count("articles")


def test_sqlite_errors_are_wrapped_not_leaked(store):
    # A NOT NULL violation is an error, never a silent "already present".
    bad = sample_records()[0]
    bad = dataclasses.replace(bad, article=dataclasses.replace(bad.article, text=None))
    with pytest.raises(StoreError) as info:
        store.write_batch([bad])
    assert isinstance(info.value.__cause__, sqlite3.IntegrityError)
