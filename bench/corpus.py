"""What the bench scripts share: where the benchmark corpus is and how a sample is taken."""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "allsides" / "articles.jsonl.gz"


def arguments(doc: str, *, n: int, show: int, seed: int) -> argparse.Namespace:
    """The options every sampling script takes: --n, --show, --seed, --corpus."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=n)
    parser.add_argument("--show", type=int, default=show)
    parser.add_argument("--seed", type=int, default=seed)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (pass --corpus PATH to a JSONL(.gz) with a 'text' field)")
    return args


def first_rows(corpus: Path, n: int, out: Path) -> None:
    """Copy the first n lines of a JSONL(.gz) corpus to `out`."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i == n:
                break
            dst.write(line)


def first_articles(corpus: Path, n: int) -> list:
    """The first n rows of a corpus read and cleaned as `newsgraph analyze` would (failures left out)."""
    import tempfile

    from newsgraph.ingest import IngestOptions, iter_articles
    from newsgraph.records import Article

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        first_rows(corpus, n, sample)
        return [a for a in iter_articles([str(sample)], IngestOptions()) if isinstance(a, Article)]
