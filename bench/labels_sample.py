"""Labels and tone on real news, and a random sample of labels to judge by hand.

    python bench/labels_sample.py [--n 100] [--show 40] [--seed 7] [--corpus PATH]

Runs ingest, the parse and extraction over the first N AllSides articles in one
process, then prints labels per article by kind, voice and polarity, the most frequent
judging labels, and a random sample of labels with their sentence, for a person to mark
right or wrong: is it a descriptor the text hangs on that actor, in that voice?
"""

from __future__ import annotations

import collections
import random

from corpus import arguments, first_articles

from newsgraph.extract import Extractor
from newsgraph.nlp import load_pipeline


def main() -> None:
    args = arguments(__doc__, n=100, show=40, seed=7)
    articles = first_articles(args.corpus, args.n)
    nlp, extract = load_pipeline(), Extractor()
    found, tones = [], 0
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=25)):
        records = extract(article, doc)
        names = {a.id: a.name for a in records.actors}
        sentences = {s.index: s.text for s in records.sentences}
        found.extend((label, names, sentences[label.sentence]) for label in records.labels)
        tones += len(records.tones)
    n = max(len(articles), 1)
    print(f"{len(articles)} articles, {len(found):,} labels ({len(found) / n:.1f} per article), {tones:,} tone rows")
    for field in ("kind", "voice", "polarity"):
        counts = collections.Counter(getattr(label, field) for label, _, _ in found)
        print(f"{field}:", ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    judging = collections.Counter(label.label for label, _, _ in found if label.polarity)
    print("judging labels:", ", ".join(f"{k} {v}" for k, v in judging.most_common(25)))
    random.seed(args.seed)
    print(f"\n{args.show} labels at random (judge each: a descriptor of that actor, in that voice?):")
    for i, (label, names, sentence) in enumerate(random.sample(found, min(args.show, len(found))), 1):
        voice = label.voice if label.voice == "author" else f"quoted {names.get(label.speaker_id, label.speaker_id)}"
        print(f"{i:2}. {names.get(label.actor_id, label.actor_id)}: {label.label!r} ({label.kind}, "
              f"{label.polarity or '-'}, {voice})\n    {sentence[:220]}")


if __name__ == "__main__":
    main()
