"""How long newsgraph takes to get ready: what a worker pays once before its first article.

    python bench/load_times.py [--repeat 3]

Times, each in a fresh cache and best of --repeat: the shipped knowledge base
(`newsgraph.knowledge.default`), the event lexicon (`EventLexicon.from_dir`), the
Phoenix country dictionary when ../shared/dictionaries/phoenix is present, and the
refusal of a 60 MB gzip bomb (it must stop early, not expand the whole file). These
were timed assertions in the test suite once; figures belong here, tests check behaviour.
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def knowledge_base() -> None:
    from newsgraph.knowledge import load

    load._shipped.cache_clear()
    load.default.cache_clear()
    load.default()


def event_lexicon() -> None:
    from newsgraph.knowledge.events import EVENTS_DIR, EventLexicon

    EventLexicon.from_dir(EVENTS_DIR)


def phoenix(path: Path):
    from newsgraph.knowledge.phoenix import read_actors

    return lambda: read_actors(path)


def gzip_bomb(folder: Path):
    from newsgraph.errors import InputFailure
    from newsgraph.ingest.readers import read_raw

    path = folder / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"\n" * (60 * 1024 * 1024)))

    def refuse() -> None:
        try:
            for _ in read_raw([str(path)]):
                pass
        except InputFailure:
            pass

    return refuse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = [("knowledge base", best(knowledge_base, args.repeat)),
            ("event lexicon", best(event_lexicon, args.repeat))]
    countries = SHARED / "dictionaries" / "phoenix" / "Phoenix.Countries.actors.txt"
    if countries.is_file():
        rows.append(("Phoenix countries dictionary", best(phoenix(countries), args.repeat)))
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("gzip bomb refused", best(gzip_bomb(Path(tmp)), args.repeat)))
    for name, seconds in rows:
        print(f"{name:<30} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
