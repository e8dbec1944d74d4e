"""Hidden-date test: how well newsgraph dates an article whose date field is removed.

Draws N AllSides articles with a known day (seeded), feeds each to the ingest step with
its date field removed (URL kept), and once more with the URL removed too, and compares
the inferred EDTF date or interval with the true day: the share whose interval contains
the true day, the share within 7 days (the interval's nearest day is at most 7 days
away), the median interval width in days (open ends and no date count as infinitely
wide), how many URLs carry a date, and where the dates came from.

    python bench/dates_hidden.py [--seed 13] [--n 300] [--misses 10]

Needs the shared corpus (../shared or /work/shared); no NLP parse is run.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import statistics
import sys
import time
from pathlib import Path

from newsgraph.ingest.article import build_article
from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.dating import bounds, url_date
from newsgraph.ingest.dating.edtf import EARLIEST, LATEST
from newsgraph.records import RawDoc

CORPUS = ("../shared/corpus/allsides/articles.jsonl.gz", "/work/shared/corpus/allsides/articles.jsonl.gz")


def draw(n: int, seed: int) -> list[dict]:
    path = next((Path(p) for p in CORPUS if Path(p).exists()), None)
    if path is None:
        sys.exit("the AllSides corpus is not there (../shared/corpus/allsides)")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            parsed = parse_date(row.get("date") or "")
            if parsed and parsed[1] == "day" and (row.get("text") or "").strip():
                row["true"] = parsed[0]
                rows.append(row)
    return random.Random(seed).sample(rows, n)


def run(rows: list[dict], keep_url: bool) -> dict:
    import datetime as dt

    contains = near = 0
    widths, sources, misses = [], collections.Counter(), []
    started = time.perf_counter()
    for i, row in enumerate(rows):
        fields = {"title": row.get("title"), "outlet": row.get("source"), "byline": row.get("authors")}
        if keep_url:
            fields["url"] = row.get("url")
        article = build_article(RawDoc("allsides", i + 1, "jsonl", row["text"], fields))
        true = dt.date.fromisoformat(row["true"])
        found = bounds(article.date)
        sources[article.date_source or "none"] += 1
        if found is None:
            widths.append(float("inf"))
            misses.append((row["true"], article.date, row.get("title")))
            continue
        first, last = found
        inside = first <= true <= last
        contains += inside
        gap = 0 if inside else min(abs((first - true).days), abs((last - true).days))
        near += gap <= 7 and (last - first).days <= 14
        width = (last - first).days + 1 if EARLIEST < first and last < LATEST else float("inf")
        widths.append(width)
        if not inside:
            misses.append((row["true"], article.date, row.get("title")))
    n = len(rows)
    return {
        "contains": contains / n, "within_7_days": near / n, "median_width_days": statistics.median(widths),
        "sources": dict(sources.most_common()), "seconds": round(time.perf_counter() - started, 1),
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--misses", type=int, default=10)
    args = parser.parse_args()
    rows = draw(args.n, args.seed)
    dated_urls = sum(1 for r in rows if url_date(r.get("url")))
    day_urls = sum(1 for r in rows if (u := url_date(r.get("url"))) and u[1] == "day")
    print(f"seed {args.seed}, {len(rows)} articles; URLs with a date: {dated_urls} ({day_urls} to the day)")
    for keep_url in (True, False):
        result = run(rows, keep_url)
        misses = result.pop("misses")
        print(("with URL   " if keep_url else "without URL"), json.dumps(result))
        for miss in misses[: args.misses]:
            print("   miss:", *miss)


if __name__ == "__main__":
    main()
