"""Build small fixture stores from records written for these tests (Datasette style).

`sample_records()` is a handful of invented articles (our own words), with
offsets computed the way the pipeline would; `build_fixture_store(path)` writes
them, a run and its failures to a store. `make_records(n)` makes numbered
articles for volume and crash tests. Run as a script, this module is the writer
process the crash test kills: `python fixtures.py write-forever STORE`.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from newsgraph.records import Article, ArticleRecords, InputError, RemovedLine, Sentence
from newsgraph.store import open_store


def article_records(
    paragraphs: list[list[str]],
    *,
    title: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    path: str = "fixture.txt",
    line: int | None = None,
    removed: tuple[RemovedLine, ...] = (),
    meta: dict | None = None,
) -> ArticleRecords:
    """An article whose text is the paragraphs joined, with exact sentence offsets."""
    parts: list[str] = []
    sentences: list[tuple[int, int, int, str]] = []
    cursor = 0
    for p, paragraph in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            cursor += 2
        for s, sentence in enumerate(paragraph):
            if s:
                parts.append(" ")
                cursor += 1
            sentences.append((p, cursor, cursor + len(sentence), sentence))
            parts.append(sentence)
            cursor += len(sentence)
    text = "".join(parts)
    article_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    article = Article(
        article_id=article_id,
        input_id=None,
        path=path,
        line=line,
        format="jsonl" if line is not None else "txt",
        outlet=outlet,
        url=None if outlet is None else f"https://{outlet}.example/{article_id}",
        title=title,
        byline=None,
        date=date,
        date_source=None if date is None else "metadata",
        date_precision=None if date is None else ("day", "month", "year")[2 - date.count("-")],
        text=text,
        removed=removed,
        captions=(),
        meta=meta or {},
        warnings=(),
    )
    return ArticleRecords(
        article=article,
        sentences=tuple(
            Sentence(article_id, i, p, start, end, sentence)
            for i, (p, start, end, sentence) in enumerate(sentences)
        ),
        tokens=len(text.split()),
    )


def sample_records() -> list[ArticleRecords]:
    """Four invented articles from three outlets (one without outlet or date)."""
    return [
        article_records(
            [
                ["Harbour pilots in Velmora stopped work on Tuesday.", "They asked for safer night shifts."],
                ["The port authority called the stoppage “regrettable”."],
            ],
            title="Pilots halt Velmora harbour",
            outlet="coastpost",
            date="2021-03-09",
            removed=(RemovedLine("Share this story", "share", 2), RemovedLine("Read more: ferries", "link-teaser", 3)),
            meta={"section": "ports", "tags": ["labour", "shipping"]},
        ),
        article_records(
            [["The river festival in Ostrava drew record crowds.", "Organisers counted forty thousand visitors."]],
            title="Festival crowds",
            outlet="coastpost",
            date="2022-07",
            line=3,
        ),
        article_records(
            [
                ["Ministers of the Lakeland Council met in Zürich.", "They agreed to share flood data."],
                ["Critics said the deal came too late for farmers."],
            ],
            title="Council agrees on flood data",
            outlet="dailyledger",
            date="2019",
        ),
        article_records([["An undated note with no outlet says the bridge reopens soon."]]),
    ]


SAMPLE_ERRORS = [
    InputError("inbox/broken.json", 7, "E105", "Malformed JSON: Expecting value"),
    InputError("inbox/empty.txt", None, "E104", "Empty input: no text after cleaning"),
]


def build_fixture_store(path: str | Path) -> Path:
    """A store holding `sample_records()`, one finished run and its two failures."""
    with open_store(path) as store:
        run_id = store.start_run({"command": "analyze", "paths": ["inbox"]})
        store.write_batch(sample_records(), run_id=run_id)
        store.record_errors(run_id, SAMPLE_ERRORS)
        store.finish_run(run_id, {"added": 4, "failed": 2})
    return Path(path)


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a fixture store built once per session; tests open it read-only."""
    return build_fixture_store(tmp_path_factory.mktemp("store") / "fixture.db")


def make_records(start: int, count: int, sentences: int) -> list[ArticleRecords]:
    """Numbered articles, each with `sentences` sentences and its count in meta."""
    return [
        article_records(
            [[f"Bulletin {n} sentence {i} reports routine traffic." for i in range(sentences)]],
            outlet=f"wire{n % 3}",
            meta={"sentences": sentences},
        )
        for n in range(start, start + count)
    ]


def write_forever(path: str, batch: int = 40, sentences: int = 25) -> None:
    """Write batch after batch until killed (the crash test's victim)."""
    with open_store(path) as store:
        n = 0
        while True:
            store.write_batch(make_records(n, batch, sentences))
            n += batch


if __name__ == "__main__":
    if sys.argv[1:2] == ["write-forever"]:
        write_forever(sys.argv[2])
    else:
        sys.exit("usage: fixtures.py write-forever STORE")
