"""Pick the sentences to label from drawn articles: those that name an actor."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from newsgraph.train.sample import draw_articles, is_international, raw_offsets


def parse_rows(rows: list[dict]):
    """(row, Article, Doc, mentions) for each row that reads as an article."""
    from newsgraph.extract import Extractor, find_mentions
    from newsgraph.ingest import IngestOptions, iter_articles
    from newsgraph.nlp import load_pipeline
    from newsgraph.records import Article

    by_id = {r["id"]: r for r in rows}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        articles = [a for a in iter_articles([str(path)], IngestOptions()) if isinstance(a, Article)]
    nlp = load_pipeline()
    extractor = Extractor()
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=25), strict=True):
        date = article.date if article.date and article.date[:4].isdigit() else None
        mentions, _ = find_mentions(article.article_id, doc, extractor.resolver, date)
        yield by_id[article.input_id], article, doc, mentions


def draw_sentences(corpus: Path, n_articles: int, per_article: int, seed: int, out: Path, record: Path,
                   *, min_actors: int = 1, exclude: set[str] = frozenset()) -> None:
    rows = draw_articles(corpus, n_articles, seed, exclude=exclude)
    rng = random.Random(seed + 1)
    tasks = []
    for row, article, doc, mentions in parse_rows(rows):
        sents = list(doc.sents)
        actors_in: dict[int, set[str]] = {}
        for m in mentions:
            if m.kind != "location":
                actors_in.setdefault(m.sentence, set()).add(m.actor_id)
        eligible = [i for i in sorted(actors_in) if len(actors_in[i]) >= min_actors and 6 <= len(sents[i]) <= 90]
        for i in sorted(rng.sample(eligible, min(per_article, len(eligible)))):
            sent = sents[i]
            where = raw_offsets(row["text"], sent.text.strip())
            if where is None:
                continue
            tasks.append({
                "doc": row["id"], "start": where[0], "end": where[1], "text": row["text"][where[0]:where[1]],
                "title": row.get("title"), "date": row.get("date"), "outlet": row.get("source"),
                "topic": row.get("topic"), "international": is_international(row["text"]),
                "before": sents[i - 1].text.strip() if i else "",
            })
    out.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({
        "seed": seed, "articles": n_articles, "per_article": per_article, "min_actors": min_actors,
        "excluded_articles": len(exclude),
        "how": "train.sample.draw_articles (half international by the events-issue filter, half the rest), "
               "then per article up to per_article sentences at random among those of 6-90 tokens naming at least "
               "min_actors distinct actors; articles of earlier draws excluded",
        "sentences": [f"{t['doc']}:{t['start']}-{t['end']}" for t in tasks],
    }, indent=1), encoding="utf-8")
    print(f"{len(tasks)} sentences from {len(rows)} articles → {out}")
