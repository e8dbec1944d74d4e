"""How many events the coder finds on real news, and a random sample to judge by hand.

    python bench/events_sample.py [--n 200] [--show 30] [--seed 7] [--corpus PATH]

Runs ingest, the parse and extraction over the first N AllSides articles in one
process, then prints events per sentence and per article, the PLOVER types found,
and a random sample of events with their evidence sentence, for a person to mark
right or wrong (the over-coding check: PETRARCH's users complain of events where
there are none).
"""

from __future__ import annotations

import collections
import random

from corpus import arguments, first_articles

from newsgraph.extract import Extractor
from newsgraph.nlp import load_pipeline


def main() -> None:
    args = arguments(__doc__, n=200, show=30, seed=7)
    articles = first_articles(args.corpus, args.n)
    nlp, extract = load_pipeline(), Extractor()
    sentences = 0
    found = []
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=25)):
        records = extract(article, doc)
        sentences += len(records.sentences)
        names = {a.id: a.name for a in records.actors}
        for e in records.events:
            found.append((article, e, names))
    types = collections.Counter(e.plover for _, e, _ in found)
    print(f"{len(articles)} articles, {sentences:,} sentences, {len(found):,} events: "
          f"{len(found) / max(sentences, 1):.3f} per sentence, {len(found) / max(len(articles), 1):.1f} per article")
    print("types:", ", ".join(f"{t} {n}" for t, n in types.most_common()))
    random.seed(args.seed)
    print(f"\n{args.show} events at random (judge each: right source, target and type?):")
    for n, (article, e, names) in enumerate(random.sample(found, min(args.show, len(found))), 1):
        target = names.get(e.target_id, "-") if e.target_id else "-"
        flags = ("NOT " if e.negated else "") + e.status
        print(f"{n:2}. {names.get(e.source_id, e.source_id)} → {target}: {e.plover} {e.cameo} ({flags}) "
              f"[{e.trigger}]\n    {article.text[e.evidence_start:e.evidence_end][:220]}")


if __name__ == "__main__":
    main()
