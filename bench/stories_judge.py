"""Stories judged by reading: recall of hand-picked same-event pairs, and a sample to read.

    python bench/stories_judge.py STORE [--pairs bench/data/stories_pairs_500.jsonl]
                                  [--limit 500] [--sample 20] [--seed N]

`--limit` keeps the store's first N articles (by insertion order, which is the order
of the corpus rows) and drops the rest before grouping, in a temporary copy, so that
"the first 500 AllSides articles" means the same rows as the pairs file was picked
from. Recall counts a pair as found when both articles land in one story. The sample
prints `--sample` random multi-article stories (seeded) with every article's outlet,
date and title and the reason each member joined, for a person to judge.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.analysis.stories import find_stories

CHILD_TABLES = ("sentences", "mentions", "quotes", "events", "labels", "tones")


def limited_copy(store: Path, limit: int, workdir: Path) -> Path:
    """A copy of the store holding only its first `limit` articles."""
    out = workdir / "limited.db"
    src = sqlite3.connect(store)
    dst = sqlite3.connect(out)
    src.backup(dst)
    src.close()
    keep = f"(SELECT article_id FROM articles ORDER BY rowid LIMIT {int(limit)})"
    for table in CHILD_TABLES:
        dst.execute(f"DELETE FROM {table} WHERE article_id NOT IN {keep}")
    dst.execute(f"DELETE FROM articles WHERE article_id NOT IN {keep}")
    dst.commit()
    dst.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--pairs", type=Path, default=Path(__file__).parent / "data" / "stories_pairs_500.jsonl")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the sample and the recall rows here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = limited_copy(args.store, args.limit, Path(tmp)) if args.limit else args.store
        conn = sqlite3.connect(path)
        input_of = dict(conn.execute("SELECT article_id, input_id FROM articles"))
        started = time.perf_counter()
        result = find_stories(conn)
        elapsed = time.perf_counter() - started
        conn.close()
    story_of = {input_of[a["article_id"]]: s["story_id"] for s in result["stories"] for a in s["articles"]}
    multi = [s for s in result["stories"] if len(s["articles"]) > 1]
    alone = sum(1 for s in result["stories"] if len(s["articles"]) == 1)
    print(f"{len(input_of)} articles, {len(result['stories'])} stories, {len(multi)} with 2+ articles, "
          f"{alone} articles alone, {len(result['threads'])} threads; grouped in {elapsed:.1f} s")
    rows = []
    found: dict[str, int] = {}
    total: dict[str, int] = {}
    for line in args.pairs.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        same = story_of.get(pair["a"]) is not None and story_of.get(pair["a"]) == story_of.get(pair["b"])
        kind = pair.get("set", "measure")
        total[kind] = total.get(kind, 0) + 1
        found[kind] = found.get(kind, 0) + same
        rows.append({**pair, "grouped": same})
        print(f"  {'GROUPED' if same else 'missed '} [{kind}] {pair['a']} {pair['b']}  {pair['event']}")
    for kind in total:
        if total[kind]:
            print(f"recall ({kind}): {found[kind]}/{total[kind]} = {found[kind] / total[kind]:.2f}")
    sample = random.Random(args.seed).sample(multi, min(args.sample, len(multi)))
    print(f"\n{len(sample)} random multi-article stories (seed {args.seed}):")
    for i, story in enumerate(sample, 1):
        print(f"\n[{i}] {story['story_id']} {story.get('label', '')}")
        for a in story["articles"]:
            why = a.get("joined_by") or ""
            print(f"    {a['date'] or 'undated':10} {a['source'][:24]:24} {(a['title'] or '')[:90]}  {why}")
    if args.json:
        args.json.write_text(json.dumps({"recall": rows, "sample": sample}, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    sys.exit(main())
