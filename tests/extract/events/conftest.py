"""What the event tests share: one extractor (knowledge base and lexicon built once) and
a sentence read up to the event stage."""

from __future__ import annotations

import pytest

from newsgraph.extract import Extractor, find_mentions, find_quotes


@pytest.fixture(scope="session")
def extract():
    return Extractor()


def read(nlp, extract, text, date):
    """(doc, mentions, actors, quotes) of a text, as the event stage receives them."""
    doc = nlp(text)
    mentions, actors = find_mentions("t", doc, extract.resolver, date)
    return doc, mentions, actors, find_quotes("t", doc, mentions, actors, extract.resolver.kb)
