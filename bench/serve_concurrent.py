"""Pages load while `newsgraph analyze` writes: none may fail.

Seeds a store with a few articles, starts `newsgraph serve` on it, then starts
`newsgraph analyze` on `--articles` more rows of the corpus into the same store and,
for as long as it writes, loads workbench pages one after another (home, actors, dyads,
the event browser with facets, search, stories, a story, articles, Datasette's own
table pages and their JSON), refreshing the list of pages from the growing store. Every
load that is not HTTP 200 is a failure. Prints the loads made while the writer ran, the
failures, and how the article count the home page showed grew.

    python bench/serve_concurrent.py [--articles 300] [--loads 200] [--corpus PATH] [--workers 1]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_CORPUS
from serve_common import fetch, page_urls, percentile, serving


def rows(corpus: Path, start: int, n: int, out: Path) -> None:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in itertools.islice(src, start, start + n):
            dst.write(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--loads", type=int, default=200, help="Loads wanted while the writer runs.")
    parser.add_argument("--seed-articles", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--pause", type=float, default=0.2, help="Seconds between loads.")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = tmp / "concurrent.db"
        seed, batch = tmp / "seed.jsonl", tmp / "batch.jsonl"
        rows(args.corpus, 0, args.seed_articles, seed)
        rows(args.corpus, args.seed_articles, args.articles, batch)
        subprocess.run([sys.executable, "-m", "newsgraph", "analyze", str(seed), "--store", str(store), "--quiet",
                        "--workers", str(args.workers)], check=True)
        with serving(store, log=tmp / "serve.log") as base:
            urls = page_urls(base, 8)
            writer = subprocess.Popen([sys.executable, "-m", "newsgraph", "analyze", str(batch), "--store", str(store),
                                       "--quiet", "--workers", str(args.workers)])
            started = time.monotonic()
            loads, failures, times, seen = 0, [], [], []
            kinds = itertools.cycle(sorted(urls))
            picks = {k: itertools.cycle(v) for k, v in urls.items()}
            while writer.poll() is None:
                kind = next(kinds)
                path = next(picks[kind]) if urls[kind] else "/"
                for p in (path, path.split("?")[0] + ".json" + ("?" + path.split("?")[1] if "?" in path else "")
                          if not path.startswith("/newsgraph") and path != "/" else path):
                    status, body, ms = fetch(base + p)
                    loads += 1
                    times.append(ms)
                    if status != 200:
                        failures.append({"status": status, "path": p, "body": body[:200].decode("utf-8", "replace")})
                if loads % 40 < 2:  # follow the growing store: new actors, dyads, stories
                    status, body, _ = fetch(base + "/home.json")
                    if status == 200:
                        seen.append((round(time.monotonic() - started), json.loads(body)["counts"]["articles"]))
                    urls = page_urls(base, 8)
                    picks = {k: itertools.cycle(v) for k, v in urls.items()}
                time.sleep(args.pause)
            writer_seconds = time.monotonic() - started
            final = json.loads(fetch(base + "/home.json")[1])["counts"]["articles"]
        server_log = (tmp / "serve.log").read_text(errors="replace")
        errors = [line for line in server_log.splitlines() if "Error" in line or "error" in line][-20:]
    print(json.dumps({
        "writer_exit": writer.returncode, "writer_seconds": round(writer_seconds, 1),
        "articles_at_start": seen[0][1] if seen else None, "articles_at_end": final,
        "loads_while_writing": loads, "failures": len(failures), "failed": failures[:10],
        "p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1) if times else None,
        "articles_seen_over_time": seen, "enough_loads": loads >= args.loads, "server_errors": errors,
    }, indent=2))


if __name__ == "__main__":
    main()
