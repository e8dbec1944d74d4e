"""Actor mentions and quote speakers on real news, for judging by reading.

    python bench/actors_judge.py --dir DIR [--mentions 50] [--quotes 40] [--seed S]

Reads DIR/store.db (made by `bench/events_judge.py sample` from DIR/articles.jsonl) and
writes DIR/mentions.txt and DIR/quotes.txt: random mentions (actor, country and sector as
of the article's date, with their sentence) and random quotes (speaker as resolved, with
the quote's sentence), to mark right or wrong. A mention is right when the actor, its
country and its sector are the ones the sentence means as of the article's date; a quote
is right when its speaker is the person or body who said it (an unresolved speaker is
wrong unless the text names none).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import newsgraph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--mentions", type=int, default=50)
    parser.add_argument("--quotes", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with newsgraph.open_store(str(args.dir / "store.db"), readonly=True) as store:
        articles = {r["article_id"]: r for r in store.iter_rows("articles")}
        sentences = {(r["article_id"], r["idx"]): r["text"] for r in store.iter_rows("sentences")}
        mentions = [m for m in store.iter_rows("mentions") if m["kind"] != "location"]
        quotes = list(store.iter_rows("quotes"))
    rng = random.Random(args.seed)
    lines = []
    for n, m in enumerate(rng.sample(mentions, min(args.mentions, len(mentions))), 1):
        a = articles[m["article_id"]]
        lines.append(f"{n}. \"{m['text']}\" → {m['actor_name']} ({m['country'] or '-'} {m['sector'] or '-'}) "
                     f"[{m['how']}] {a['date']} {a['input_id']}\n   {sentences[(m['article_id'], m['sentence'])]}\n")
    (args.dir / "mentions.txt").write_text("\n".join(lines), encoding="utf-8")
    lines = []
    for n, q in enumerate(rng.sample(quotes, min(args.quotes, len(quotes))), 1):
        a = articles[q["article_id"]]
        lines.append(f"{n}. speaker \"{q['speaker_text'] or '-'}\" → {q['speaker_name'] or 'unresolved'} "
                     f"({q['kind']}, cue {q['cue'] or '-'}) {a['date']} {a['input_id']}\n"
                     f"   {sentences[(q['article_id'], q['sentence'])]}\n")
    (args.dir / "quotes.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"{min(args.mentions, len(mentions))} mentions, {min(args.quotes, len(quotes))} quotes → {args.dir}")


if __name__ == "__main__":
    main()
