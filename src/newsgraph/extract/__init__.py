"""Pure functions from a parsed article to records. No I/O in this package."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.sentences import sentences
from newsgraph.records import Article, ArticleRecords


def extract_records(article: Article, doc: Doc) -> ArticleRecords:
    """Everything newsgraph extracts from one parsed article."""
    return ArticleRecords(
        article=article,
        sentences=sentences(article.article_id, doc),
        tokens=len(doc),
    )


__all__ = ["extract_records", "sentences"]
