"""Event labels: checked from a labeller's raw file, stored as references, rebuilt into text.

A labeller writes sentence text spans (exact substrings); the stored form keeps only
character offsets into the sentence and a hash of the sentence, so the repository holds
no publisher's text. `load` rebuilds each sentence from the AllSides corpus (or takes a
sentence we wrote ourselves, stored whole) and checks the hash, so a changed corpus is
an error, not silently wrong labels.

    python -m newsgraph.train.labels check RAW --tasks TASKS
    python -m newsgraph.train.labels import RAW --tasks TASKS --labeller NAME --out FILE
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("done", "intended", "threatened", "claimed")


@dataclass(frozen=True)
class GoldEvent:
    source: tuple[int, int]          # offsets into the sentence
    target: tuple[int, int] | None
    type: str
    status: str
    negated: bool = False
    trigger: tuple[int, int] | None = None
    mode: str | None = None
    source_name: str | None = None
    target_name: str | None = None


@dataclass(frozen=True)
class LabelledSentence:
    key: str                         # "<doc>:<start>-<end>" or "ours:<n>"
    text: str
    events: tuple[GoldEvent, ...]
    labeller: str
    date: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def doc(self) -> str:
        return self.key.rsplit(":", 1)[0]


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _span(sentence: str, text: str | None, nth: int | None, what: str) -> tuple[int, int] | None:
    if text is None:
        return None
    start = -1
    for _ in range(max(1, nth or 1)):
        start = sentence.find(text, start + 1)
        if start < 0:
            raise ValueError(f"{what} {text!r} is not in the sentence" + (f" {nth} times" if nth and nth > 1 else ""))
    end = start + len(text)
    if (start > 0 and sentence[start - 1].isalnum() and text[0].isalnum()
            or end < len(sentence) and sentence[end].isalnum() and text[-1].isalnum()):
        raise ValueError(f"{what} {text!r} (occurrence {nth or 1}) sits inside a word: set {what}_nth to the "
                         f"occurrence you mean, counting every occurrence of the characters")
    return start, end


def parse_raw_event(sentence: str, raw: dict) -> GoldEvent:
    """A labeller's event (spans as text) as offsets, or ValueError saying what is wrong."""
    if raw.get("type") not in PLOVER:
        raise ValueError(f"type {raw.get('type')!r} is not a PLOVER type")
    if raw.get("status", "done") not in STATUSES:
        raise ValueError(f"status {raw.get('status')!r} is not one of {', '.join(STATUSES)}")
    if not raw.get("source"):
        raise ValueError("an event needs a source span")
    return GoldEvent(
        source=_span(sentence, raw["source"], raw.get("source_nth"), "source"),
        target=_span(sentence, raw.get("target"), raw.get("target_nth"), "target"),
        type=raw["type"], status=raw.get("status", "done"), negated=bool(raw.get("negated")),
        trigger=_span(sentence, raw.get("trigger"), raw.get("trigger_nth"), "trigger") if raw.get("trigger") else None,
        mode=raw.get("mode") or None, source_name=raw.get("source_name") or None,
        target_name=raw.get("target_name") or None)


def read_raw(raw_path: Path, tasks: dict[str, dict]) -> tuple[list[tuple[str, list[GoldEvent], dict]], list[str]]:
    """Every line of a raw label file, checked: (key, events, raw row) and error lines."""
    out, errors = [], []
    for n, line in enumerate(raw_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            key = row["key"]
            if key not in tasks and not key.startswith("ours:"):
                raise KeyError(f"{key} is neither a drawn sentence nor one of ours (ours:N)")
            sentence = tasks[key]["text"] if key in tasks else row["text"]
            events = [parse_raw_event(sentence, e) for e in row.get("events") or []]
        except (ValueError, KeyError, TypeError) as exc:
            errors.append(f"{raw_path}:{n}: {type(exc).__name__}: {exc}")
            continue
        out.append((key, events, row))
    return out, errors


def _event_json(e: GoldEvent) -> dict:
    row = {"source": list(e.source), "target": list(e.target) if e.target else None, "type": e.type,
           "status": e.status}
    if e.negated:
        row["negated"] = True
    for name in ("trigger",):
        if getattr(e, name):
            row[name] = list(getattr(e, name))
    for name in ("mode", "source_name", "target_name"):
        if getattr(e, name):
            row[name] = getattr(e, name)
    return row


def import_raw(raw_path: Path, tasks: dict[str, dict], labeller: str, out: Path) -> int:
    """Write the stored form of a raw file: references and offsets, no corpus text."""
    rows, errors = read_raw(raw_path, tasks)
    for e in errors:
        print(e, file=sys.stderr)
    with out.open("w", encoding="utf-8") as f:
        for key, events, row in rows:
            stored = {"key": key, "labeller": labeller, "events": [_event_json(e) for e in events]}
            if key in tasks:
                stored["sha"] = sentence_hash(tasks[key]["text"])
            else:  # a sentence we wrote: kept whole
                stored["text"], stored["date"] = row["text"], row.get("date")
            f.write(json.dumps(stored, ensure_ascii=False) + "\n")
    return len(rows)


def _gold(row: dict) -> GoldEvent:
    return GoldEvent(source=tuple(row["source"]), target=tuple(row["target"]) if row.get("target") else None,
                     type=row["type"], status=row.get("status", "done"), negated=bool(row.get("negated")),
                     trigger=tuple(row["trigger"]) if row.get("trigger") else None, mode=row.get("mode"),
                     source_name=row.get("source_name"), target_name=row.get("target_name"))


def corpus_texts(corpus: Path, ids: set[str]) -> dict[str, dict]:
    from newsgraph.train.sample import corpus_rows

    return {r["id"]: r for r in corpus_rows(corpus) if r["id"] in ids}


def load(files: list[Path], corpus: Path) -> Iterator[LabelledSentence]:
    """Labelled sentences with their text: AllSides references rebuilt from the corpus
    (hash checked), our own sentences as stored."""
    rows = [dict(json.loads(line), second=f.name.startswith("second-"))
            for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = {r["key"].rsplit(":", 1)[0] for r in rows if not r["key"].startswith("ours:")}
    articles = corpus_texts(corpus, ids) if ids else {}
    for r in rows:
        if r["key"].startswith("ours:"):
            text, date, extra = r["text"], r.get("date"), {}
        else:
            doc, span = r["key"].rsplit(":", 1)
            start, end = map(int, span.split("-"))
            article = articles.get(doc)
            if article is None:
                raise ValueError(f"label {r['key']}: article {doc} is not in the corpus")
            text = article["text"][start:end]
            if sentence_hash(text) != r.get("sha"):
                raise ValueError(f"label {r['key']}: the corpus text has changed (hash mismatch)")
            date, extra = article.get("date"), {"article": article}
        extra["second"] = r["second"]  # a blind second labelling, for agreement only
        yield LabelledSentence(r["key"], text, tuple(_gold(e) for e in r["events"]), r.get("labeller", "?"),
                               date, extra)


def _tasks(path: Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {f"{r['doc']}:{r['start']}-{r['end']}": r for r in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsgraph.train.labels")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check a raw label file against its task file")
    c.add_argument("raw", type=Path)
    c.add_argument("--tasks", type=Path)
    i = sub.add_parser("import", help="store a raw label file as references")
    i.add_argument("raw", type=Path)
    i.add_argument("--tasks", type=Path)
    i.add_argument("--labeller", required=True)
    i.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    tasks = _tasks(args.tasks)
    if args.command == "check":
        rows, errors = read_raw(args.raw, tasks)
        for e in errors:
            print(e)
        missing = set(tasks) - {k for k, _, _ in rows}
        print(f"{len(rows)} sentences ok, {sum(len(e) for _, e, _ in rows)} events, {len(errors)} errors, "
              f"{len(missing)} task sentences not yet labelled")
        return 1 if errors else 0
    n = import_raw(args.raw, tasks, args.labeller, args.out)
    print(f"{n} sentences → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
