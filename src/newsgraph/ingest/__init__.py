"""ingest: any pile of inputs → clean `Article` records (or one `InputError` each).

    sources   paths, folders, globs, stdin, gzip, size limits, decoding
    readers   formats (txt, html, jsonl/json, csv/tsv) → RawDoc
    sidecar   metadata.csv beside plain files
    normalize Unicode and whitespace; paragraphs; the article id
    boilerplate, headline, byline, dates → article.build_article
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.ingest.article import build_article
from newsgraph.ingest.boilerplate import RepeatedLines
from newsgraph.ingest.normalize import normalize_text, paragraphs
from newsgraph.ingest.options import DEFAULT_MAX_BYTES, IngestOptions
from newsgraph.ingest.readers import read_raw
from newsgraph.records import Article, InputError, RawDoc


def iter_articles(
    paths: Sequence[str],
    options: IngestOptions = IngestOptions(),
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Stream articles from inputs, in input order; bad inputs become InputErrors.

    Inputs are read a window at a time: each window is first observed for lines an
    outlet repeats across its articles, then cleaned. Observations accumulate over
    the run, so the result depends only on the inputs and their order.
    """
    repeated = RepeatedLines()
    raw_stream = read_raw(paths, format=options.format, max_bytes=options.max_bytes, stdin=stdin)
    while True:
        window = list(itertools.islice(raw_stream, options.window))
        if not window:
            return
        for item in window:
            if isinstance(item, RawDoc):
                outlet = options.outlet or item.fields.get("outlet")
                repeated.observe(outlet, paragraphs(normalize_text(item.text)))
        for item in window:
            if isinstance(item, InputError):
                yield item
            else:
                yield _article_or_error(item, options, repeated)


def _article_or_error(raw: RawDoc, options: IngestOptions, repeated: RepeatedLines) -> Article | InputError:
    try:
        return build_article(raw, outlet=options.outlet, date=options.date, repeated=repeated)
    except NewsgraphError as exc:
        return InputError(raw.path, raw.line, exc.code, exc.message)
    except Exception as exc:  # a bug must cost one input, not the batch
        return InputError(raw.path, raw.line, "E199", Errors.E199.format(reason=f"{type(exc).__name__}: {exc}"))


__all__ = ["DEFAULT_MAX_BYTES", "IngestOptions", "iter_articles", "read_raw", "build_article"]
