"""Events on real news, judged by reading: the measure that matters.

    python bench/events_judge.py draw   --seed S [--n 120] --dir DIR
    python bench/events_judge.py sample --dir DIR [--events 50] [--seed S] [--min-confidence X]
    python bench/events_judge.py recall --dir DIR --expected FILE

`draw` takes N international-news articles from the AllSides corpus (at least two of the
events issue's words: Russia, China, Iran, … embassy), never one whose sentences were
drawn for labelling (labels/events/draw-*.json), and writes them to DIR/articles.jsonl.
Pick the 15 sentences that clearly state an act from that file *before* running `sample`.

`sample` analyses them into DIR/store.db and writes DIR/events.txt: a random sample of
events kept at the model's threshold, each with its sentence, to mark right or wrong.

`recall` reads FILE (JSONL: {"doc", "start", "end", "source", "target", "type"}: the
sentence as offsets into the article's raw text, so the file holds no publisher's text) and
lists, for each expected act, the events coded in that sentence, to mark found or missed.
`data/events_recall_90417.jsonl` holds the 15 acts picked for the seed-90417 draw.

How events are judged (the rules the readers of docs/accuracy.md followed): an event is
RIGHT when its sentence states (or, for status claimed, reports) a political act by that
source toward that target — or toward no one named, when the target is "-" and the sentence
names none — and the type is the right PLOVER type or a defensible one under
docs/annotation.md; the actor names must denote the actors the sentence means. Anything
else is WRONG: no act (figurative, hypothetical, wish, description, background), a wrong
source or target (including "-" when the sentence names the target), a wrong type, or a
wrong actor. The reader sees the sentence (and the article for pronouns), never the model.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from corpus import DEFAULT_CORPUS

from newsgraph.train.paths import LABELS
from newsgraph.train.sample import draw_articles


def labelled_articles() -> set[str]:
    return {k.rsplit(":", 1)[0] for p in (LABELS / "events").glob("draw-*.json")
            for k in json.loads(p.read_text())["sentences"]}


def draw(args) -> None:
    rows = draw_articles(args.corpus, args.n, args.seed, exclude=labelled_articles(), international_share=1.0)
    args.dir.mkdir(parents=True, exist_ok=True)
    with (args.dir / "articles.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles → {args.dir / 'articles.jsonl'}")


def _store(args):
    import newsgraph

    path = args.dir / "store.db"
    if not path.exists():
        newsgraph.analyze(str(args.dir / "articles.jsonl"), store=str(path))
    return newsgraph.open_store(str(path), readonly=True)


def sample(args) -> None:
    from newsgraph.extract.events.model import default_threshold

    threshold = default_threshold() if args.min_confidence is None else args.min_confidence
    with _store(args) as store:
        events = list(store.iter_rows("events", min_confidence=threshold))
        articles = {r["article_id"]: r for r in store.iter_rows("articles")}
    events = [e for e in events if not e["negated"]]
    random.seed(args.seed)
    chosen = random.sample(events, min(args.events, len(events)))
    lines = [f"{len(events)} events at confidence ≥ {threshold} in {len(articles)} articles; {len(chosen)} drawn\n"]
    for n, e in enumerate(chosen, 1):
        lines.append(f"{n}. {e['source_name']} → {e['target_name'] or '-'}: {e['plover']} ({e['status']}) "
                     f"[{e['trigger']}] conf {e['confidence']}\n   {articles[e['article_id']]['input_id']}: "
                     f"{e['evidence_text']}\n")
    (args.dir / "events.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(chosen)} events → {args.dir / 'events.txt'}")


def recall(args) -> None:
    from newsgraph.extract.events.model import default_threshold

    threshold = default_threshold()
    expected = [json.loads(line) for line in args.expected.read_text().splitlines() if line.strip()]
    raw = {r["id"]: r["text"] for r in map(json.loads, (args.dir / "articles.jsonl").read_text().splitlines())}
    for x in expected:
        if "sentence" not in x:
            x["sentence"] = raw[x["doc"]][x["start"]:x["end"]]
    with _store(args) as store:
        ids = {r["input_id"]: r["article_id"] for r in store.iter_rows("articles")}
        for n, x in enumerate(expected, 1):
            words = x["sentence"].split()
            probe = " ".join(words[len(words) // 3:len(words) // 3 + 6])  # past any dateline cleaning removed
            rows = [e for e in store.iter_rows("events", where={"article_id": ids.get(x["doc"])}, min_confidence=0)
                    if probe in " ".join(e["evidence_text"].split())]
            print(f"{n}. expected {x['source']} → {x.get('target') or '-'}: {x['type']}\n   {x['sentence'][:200]}")
            for e in rows:
                kept = "kept" if (e["confidence"] or 0) >= threshold else "below threshold"
                print(f"   coded: {e['source_name']} → {e['target_name'] or '-'}: {e['plover']} ({e['status']}) "
                      f"conf {e['confidence']} [{kept}]")
            if not rows:
                print("   coded: nothing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--n", type=int, default=120)
    d.add_argument("--dir", type=Path, required=True)
    d.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    s = sub.add_parser("sample")
    s.add_argument("--dir", type=Path, required=True)
    s.add_argument("--events", type=int, default=50)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--min-confidence", type=float)
    r = sub.add_parser("recall")
    r.add_argument("--dir", type=Path, required=True)
    r.add_argument("--expected", type=Path, required=True)
    args = parser.parse_args()
    if getattr(args, "corpus", None) is not None and not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    {"draw": draw, "sample": sample, "recall": recall}[args.command](args)


if __name__ == "__main__":
    main()
