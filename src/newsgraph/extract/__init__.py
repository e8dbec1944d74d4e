"""Pure functions from a parsed article to records. No I/O in this package.

    sentences  sentence spans: the evidence every fact points to
    resolve    a phrase → a canonical actor, as of a date (knowledge base + composition)
    link       later mentions → the actor introduced earlier in the article
    mentions   actor mentions in a parsed document
    quotes     who said what: quote spans, cues, speakers resolved through the mentions
    events     who did what to whom: rule-made candidates, decided by a trained model
    labels     the descriptors the text hangs on each actor, with their voice
    tone       tone toward each actor, from the words around its mentions, per voice
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.events import find_events
from newsgraph.extract.labels import find_labels
from newsgraph.extract.mentions import find_mentions
from newsgraph.extract.quotes import find_quotes
from newsgraph.extract.resolve import Resolution, Resolver
from newsgraph.extract.sentences import sentences
from newsgraph.extract.tone import find_tones
from newsgraph.ingest.dating.edtf import representative_day
from newsgraph.records import Article, ArticleRecords


class Extractor:
    """Everything newsgraph extracts from one parsed article.

    Holds what is expensive to build (the knowledge base and its indexes), so a
    worker process builds one and keeps it, like its spaCy model.
    """

    def __init__(self, resolver: Resolver | None = None, lexicon=None) -> None:
        from newsgraph.knowledge import events

        self.resolver = resolver or Resolver()
        self.lexicon = lexicon or events.default()

    def __call__(self, article: Article, doc: Doc) -> ArticleRecords:
        date = _day_or_none(article.date)
        mentions, actors = find_mentions(article.article_id, doc, self.resolver, date)
        quotes = find_quotes(article.article_id, doc, mentions, actors, self.resolver.kb)
        events, implied = find_events(article.article_id, doc, mentions, quotes, self.lexicon,
                                      date=article.date, date_precision=article.date_precision,
                                      actors=actors, resolver=self.resolver,
                                      dateline=article.meta.get("dateline"))
        actors = list(actors) + [a for a in implied if a.id not in {x.id for x in actors}]
        labels = find_labels(article.article_id, doc, mentions, quotes, self.resolver.kb, actors=actors)
        tones = find_tones(article.article_id, doc, mentions, quotes, labels)
        return ArticleRecords(
            article=article,
            sentences=sentences(article.article_id, doc),
            mentions=tuple(mentions),
            actors=tuple(actors),
            quotes=tuple(quotes),
            events=tuple(events),
            labels=tuple(labels),
            tones=tuple(tones),
            tokens=len(doc),
        )


def _day_or_none(date: str | None) -> str | None:
    """The article date as the resolver takes it; an unknown year ("XXXX-07-29") is no date,
    an interval ("2018-04/2019-09") its middle day (`ingest.dating.representative_day`)."""
    if not date or not date[:4].isdigit():
        return None
    return representative_day(date) if "/" in date else date


__all__ = ["Extractor", "Resolution", "Resolver", "find_events", "find_labels", "find_mentions", "find_quotes",
           "find_tones", "sentences"]
