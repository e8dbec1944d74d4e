"""What cleaning removes from real scraped text, for a human to judge its precision.

    python bench/cleaning_sample.py [--n 2000] [--show 30] [--seed 1] [--corpus PATH]

Reads the first N articles of the AllSides corpus (../shared/corpus/allsides/
articles.jsonl.gz by default) through newsgraph's ingest (readers, the
cross-article repetition pre-pass, cleaning), then prints how many lines were
removed for each reason, how many captions were set apart, the time per article,
and a random sample of removed lines to read.
"""

from __future__ import annotations

import collections
import random
import tempfile
import time
from pathlib import Path

from corpus import arguments, first_rows

from newsgraph.ingest import IngestOptions, iter_articles
from newsgraph.records import Article

def main() -> None:
    args = arguments(__doc__, n=2000, show=30, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        first_rows(args.corpus, args.n, sample)
        reasons: collections.Counter[str] = collections.Counter()
        removed: list[tuple[str, str]] = []
        captions = articles = failed = 0
        start = time.perf_counter()
        for item in iter_articles([str(sample)], IngestOptions()):
            if not isinstance(item, Article):
                failed += 1
                continue
            articles += 1
            captions += len(item.captions)
            for line in item.removed:
                reasons[line.reason] += 1
                removed.append((line.reason, line.text))
        seconds = time.perf_counter() - start
    print(f"{articles:,} articles ({failed} failed) in {seconds:.1f} s ({1000 * seconds / max(articles, 1):.1f} ms each)")
    print(f"removed lines: {sum(reasons.values()):,}; captions set apart: {captions:,}")
    for reason, count in reasons.most_common():
        print(f"  {reason:<14} {count:6,}")
    random.seed(args.seed)
    print(f"\n{args.show} removed lines at random:")
    for reason, text in random.sample(removed, min(args.show, len(removed))):
        print(f"  [{reason}] {text[:110]}")


if __name__ == "__main__":
    main()
