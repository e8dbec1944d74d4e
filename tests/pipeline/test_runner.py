"""The runner against an in-memory store: counting, idempotence, failures, workers."""

from __future__ import annotations

import pytest

from newsgraph.ingest import IngestOptions
from newsgraph.extract import Extractor
from newsgraph.pipeline.process import analyze_batch
from newsgraph.pipeline.runner import StrictStop, run
from newsgraph.records import Article, ArticleRecords, InputError


class MemoryStore:
    """Just enough of the Store interface to watch what the runner does."""

    path = ":memory:"

    def __init__(self) -> None:
        self.articles: dict[str, ArticleRecords] = {}
        self.transactions: list[list[str]] = []
        self.errors: list[InputError] = []
        self.runs: list[dict] = []

    def known_ids(self, ids):
        return {i for i in ids if i in self.articles}

    def write_batch(self, batch, *, run_id=None):
        self.transactions.append([r.article.article_id for r in batch])
        added = 0
        for r in batch:
            if r.article.article_id not in self.articles:
                self.articles[r.article.article_id] = r
                added += 1
        return added, len(batch) - added

    def start_run(self, args):
        self.runs.append({"args": args})
        return len(self.runs)

    def record_errors(self, run_id, errors):
        self.errors.extend(errors)

    def finish_run(self, run_id, counts, *, status="completed"):
        self.runs[run_id - 1].update(counts=counts, status=status)


STORIES = [
    "Port workers strike in Rotterdam\n\nDock workers walked out on Monday over pay. Shipping lines rerouted vessels.",
    "Central bank holds rates\n\nThe bank kept its main rate at 4 percent. Its governor said inflation was easing.",
    "Floods close schools\n\nHeavy rain closed schools across the region. The army sent boats to stranded villages.",
]


@pytest.fixture
def corpus(tmp_path):
    for i, text in enumerate(STORIES):
        (tmp_path / f"story{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    return tmp_path


def test_run_adds_articles_counts_failures_and_is_idempotent(corpus, nlp):
    store = MemoryStore()
    first = run([str(corpus)], store, workers=1, batch_size=2)
    assert (first.added, first.present, first.failed) == (3, 0, 1)
    assert first.errors[0].path.endswith("empty.txt")
    assert store.errors == first.errors  # failures are kept, not only printed
    assert first.sentences >= 6 and first.tokens > 30
    assert [len(t) for t in store.transactions] == [2, 1]  # one transaction per batch

    second = run([str(corpus)], store, workers=1, batch_size=2)
    assert (second.added, second.present, second.failed) == (0, 3, 1)
    assert len(store.transactions) == 2  # already-stored articles are never parsed again
    assert store.runs[-1]["counts"]["present"] == 3


def test_the_same_text_twice_in_one_run_is_stored_once(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    (tmp_path / "copy.txt").write_text(STORIES[0], encoding="utf-8")
    summary = run([str(tmp_path)], MemoryStore(), workers=1)
    assert (summary.added, summary.present) == (1, 1)


def test_strict_stops_at_the_first_failure(corpus, nlp):
    store = MemoryStore()
    with pytest.raises(StrictStop) as stop:
        run([str(corpus / "empty.txt"), str(corpus / "story0.txt")], store, workers=1, strict=True)
    assert stop.value.error.path.endswith("empty.txt")
    assert store.articles == {}
    assert store.errors and store.runs[0]["counts"]["failed"] == 1


def test_user_outlet_reaches_the_article(corpus, nlp):
    store = MemoryStore()
    run([str(corpus / "story1.txt")], store, options=IngestOptions(outlet="Harbour Ledger"), workers=1)
    (records,) = store.articles.values()
    assert records.article.outlet == "Harbour Ledger"


@pytest.mark.slow
def test_worker_pool_gives_the_same_records_as_in_process(corpus, nlp):
    alone, pooled = MemoryStore(), MemoryStore()
    run([str(corpus)], alone, workers=1, batch_size=1)
    summary = run([str(corpus)], pooled, workers=2, batch_size=1)
    assert summary.workers == 2
    assert alone.articles == pooled.articles


class _BrokenOn:
    """A stand-in model whose batch call fails, as spaCy would on one bad text."""

    def __init__(self, nlp, bad: str) -> None:
        self.nlp, self.bad = nlp, bad

    def pipe(self, texts, batch_size):
        texts = list(texts)
        if self.bad in texts:
            raise ValueError("boom")
        return self.nlp.pipe(texts, batch_size=batch_size)

    def __call__(self, text):
        if text == self.bad:
            raise ValueError("boom")
        return self.nlp(text)


def _article(text: str, n: int) -> Article:
    return Article(
        article_id=f"id{n}", input_id=None, path=f"f{n}.txt", line=None, format="txt", outlet=None,
        url=None, title=None, byline=None, date=None, date_source=None, date_precision=None, text=text,
    )


def test_one_article_failing_in_nlp_costs_only_itself(nlp):
    articles = [_article("Fine text here.", 0), _article("This one breaks.", 1), _article("Also fine.", 2)]
    results = analyze_batch(articles, _BrokenOn(nlp, "This one breaks."), Extractor())
    assert [type(r).__name__ for r in results] == ["ArticleRecords", "InputError", "ArticleRecords"]
    assert results[1].code == "E302" and results[1].path == "f1.txt"
