"""What each extraction stage costs next to the parse, in one process, on real news.

    python bench/extract_cost.py [--n 100] [--corpus PATH]

Parses the first N AllSides articles once (`nlp.pipe`, batch 25, timed), then runs
each stage of `Extractor` over the parsed documents in the order the extractor
runs them — mentions, quotes, events, labels, tone — timing each stage on its own
(the knowledge base and lexicon are built before the clock starts: a worker builds
them once). Prints seconds per stage and each stage's share of parse + extraction,
which is what the stage adds to `newsgraph analyze` before storing.
"""

from __future__ import annotations

import time

from corpus import arguments, first_articles

from newsgraph.extract import Extractor, find_events, find_labels, find_mentions, find_quotes, find_tones
from newsgraph.extract import _day_or_none
from newsgraph.nlp import load_pipeline


def main() -> None:
    args = arguments(__doc__, n=100, show=0, seed=0)
    articles = first_articles(args.corpus, args.n)
    nlp, extract = load_pipeline(), Extractor()
    start = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=25))
    parse = time.perf_counter() - start
    kb, lexicon = extract.resolver.kb, extract.lexicon
    from newsgraph.extract.events.model import default_threshold

    threshold = default_threshold()
    seconds = dict.fromkeys(("mentions", "quotes", "events", "labels", "tone"), 0.0)
    events = 0
    for article, doc in zip(articles, docs):
        date = _day_or_none(article.date)
        t0 = time.perf_counter()
        mentions, actors = find_mentions(article.article_id, doc, extract.resolver, date)
        t1 = time.perf_counter()
        quotes = find_quotes(article.article_id, doc, mentions, actors, kb)
        t2 = time.perf_counter()
        found, _implied = find_events(article.article_id, doc, mentions, quotes, lexicon, date=article.date,
                                      date_precision=article.date_precision, actors=actors,
                                      resolver=extract.resolver)
        t3 = time.perf_counter()
        labels = find_labels(article.article_id, doc, mentions, quotes, kb)
        t4 = time.perf_counter()
        find_tones(article.article_id, doc, mentions, quotes, labels)
        t5 = time.perf_counter()
        for name, a, b in (("mentions", t0, t1), ("quotes", t1, t2), ("events", t2, t3), ("labels", t3, t4),
                           ("tone", t4, t5)):
            seconds[name] += b - a
        events += sum(1 for e in found if e.confidence >= threshold)
    total = parse + sum(seconds.values())
    tokens = sum(len(d) for d in docs)
    print(f"{len(articles)} articles, {tokens:,} tokens, {events:,} events at confidence ≥ {threshold}")
    print(f"{'parse':<9} {parse:7.2f} s  {parse / total:6.1%} of parse + extraction")
    for name, value in seconds.items():
        print(f"{name:<9} {value:7.2f} s  {value / total:6.1%}   ({value / parse:.1%} of the parse)")


if __name__ == "__main__":
    main()
