"""Load time of each workbench page on a store, as a reader's browser would wait for it.

Starts `newsgraph serve` on the store (read-only), waits until the stories are computed
(in the background, at start), then loads each page kind's URLs (`serve_common.page_urls`:
the top actors and dyads, the event browser with its facets, searches, the largest
stories, articles, Datasette's own table pages) `--rounds` times each, one at a time, over
127.0.0.1, and prints p50 / p95 / max per page kind. The time is measured at the client
on the loopback interface: the server's whole work (query, template, charts) plus a
negligible network hop.

    python bench/serve_latency.py --store /tmp/stores/allsides-2000.db [--rounds 3] [--per-page 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve_common import fetch, page_urls, percentile, serving, wait_for_stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument("--log", type=Path, help="Where the server's output goes.")
    args = parser.parse_args()
    conn = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    size = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "mentions", "quotes")}
    conn.close()
    with serving(args.store, log=args.log) as base:
        stories_s = wait_for_stories(base)
        urls = page_urls(base, args.per_page)
        results = {}
        failures = []
        for kind, paths in urls.items():
            for path in paths:  # one load to warm the page's first-use costs (the knowledge base, SQLite's cache)
                fetch(base + path)
            times = []
            for _ in range(args.rounds):
                for path in paths:
                    status, _, ms = fetch(base + path)
                    if status != 200:
                        failures.append((status, path))
                    times.append(ms)
            results[kind] = {"urls": len(paths), "loads": len(times), "p50_ms": round(percentile(times, 50), 1),
                             "p95_ms": round(percentile(times, 95), 1), "max_ms": round(max(times), 1)}
    report = {"store": str(args.store), "size": size, "stories_ready_s": round(stories_s, 1), "pages": results,
              "failures": failures}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"store {args.store}: {size}; stories computed in {stories_s:.1f} s after start")
    print(f"{'page':10} {'urls':>5} {'loads':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, r in results.items():
        print(f"{kind:10} {r['urls']:>5} {r['loads']:>6} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}")
    print(f"failures: {len(failures)} {failures[:5]}")


if __name__ == "__main__":
    main()
