"""`python -m newsgraph.train COMMAND`: draw sentences to label, or train a model.

    sample-events  draw sentences from the AllSides corpus for event labelling
    events         train the event coder's model from labels/events and write its weights
    tone           train the tone model from NewsMTSC's training file and write its weights
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgraph.train.paths import DEFAULT_CORPUS, LABELS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsgraph.train")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample-events", help="draw sentences for event labelling")
    s.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    s.add_argument("--articles", type=int, default=825)
    s.add_argument("--per-article", type=int, default=2)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--out", type=Path, required=True, help="task file with the sentences' text (keep it outside the repository)")
    s.add_argument("--min-actors", type=int, default=1, help="distinct actors a drawn sentence must name")
    s.add_argument("--exclude-draws", type=Path, nargs="*", default=(), help="earlier draw records whose articles to skip")
    s.add_argument("--record", type=Path, help="where to keep the draw's references (default labels/events/draw-SEED.json)")
    t = sub.add_parser("events", help="train the event model")
    t.add_argument("--labels", type=Path, default=LABELS / "events")
    t.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    t.add_argument("--out", type=Path, help="weights file (default: the packaged model)")
    t.add_argument("--cache", type=Path, help="candidate cache (a pickle of this build's candidates), rebuilt when absent; delete it after changing the extractor")
    n = sub.add_parser("tone", help="train the tone model from NewsMTSC")
    n.add_argument("--gold", type=Path, default=None, help="NewsMTSC training file (default ../shared/gold/framing/newsmtsc_train.jsonl)")
    n.add_argument("--out", type=Path, help="weights file (default: the packaged model)")
    n.add_argument("--cache", type=Path, help="folder keeping the parsed sentences between runs")
    args = parser.parse_args(argv)
    if args.command == "tone":
        from newsgraph.train.tone import DEFAULT_TRAIN, train as train_tone

        gold = args.gold or DEFAULT_TRAIN
        if not gold.exists():
            sys.exit(f"NewsMTSC training file not found: {gold} (pass --gold PATH; it lives in ../shared)")
        train_tone(gold, out=args.out, cache=args.cache)
        return 0
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (pass --corpus PATH; it lives in ../shared)")
    if args.command == "sample-events":
        from newsgraph.train.draw import draw_sentences

        import json

        exclude = {k.rsplit(":", 1)[0] for p in args.exclude_draws for k in json.loads(p.read_text())["sentences"]}
        draw_sentences(args.corpus, args.articles, args.per_article, args.seed, args.out,
                       args.record or LABELS / "events" / f"draw-{args.seed}.json",
                       min_actors=args.min_actors, exclude=exclude)
        return 0
    from newsgraph.train.events import train

    train(args.labels, args.corpus, out=args.out, cache=args.cache)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
