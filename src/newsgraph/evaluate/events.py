"""Event coding scored against PLOVER GSR-style gold (JSONL).

Each row has `text` and `expected_events [{source, target, event}]`, actors as
Phoenix-style codes (`HUNGOV`: country + sector; `IGO`, `NGO` for international
bodies; a few legacy country codes). What is compared, stated once:

- each sentence is coded on its own (no article date); an event is the triple
  (source country, target country, PLOVER type) — and, for the second figure,
  with sectors (`HUN GOV`);
- our actor's "country" is its ISO code, or `IGO`/`NGO` when it is an international
  body with no country; an event with no target actor has target "";
- an international body has no country: at the country level its kind stands in its place
  (IGO, NGO, IMG, ISM), so an intergovernmental body and an NGO are different classes, the
  way CAMEO codes them;
- only events at or above the model's confidence threshold count (what an export keeps),
  unless `min_confidence` says otherwise;
- legacy gold labels are mapped to PLOVER 2 names: FIGHT → ASSAULT, DEMAND →
  REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE; legacy codes JAP → JPN, ITL →
  ITA, VTN → VNM;
- the gold codes states that no longer exist by their successor (Soviet → RUS, East
  German → DEU, Czechoslovak → CZE, Yugoslav → SRB), so ours are compared that way too;
- matching is per sentence, one-to-one (multisets): precision = matched / ours,
  recall = matched / gold.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.evaluate import read_jsonl

LEGACY_EVENTS = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
BODIES = frozenset({"IGO", "NGO", "IMG", "ISM"})
SUCCESSORS = {"SUN": "RUS", "DDR": "DEU", "CSK": "CZE", "YUG": "SRB"}


def _gold_actor(code: str | None) -> tuple[str, str]:
    """(country, sector); an international body's sector is its kind (IGO, NGO …)."""
    code = (code or "").strip()
    if not code:
        return "", ""
    if code[:3] in BODIES:
        return code[:3], code[:3]
    return LEGACY_COUNTRIES.get(code[:3], code[:3]), code[3:6]


def _ours(actor) -> tuple[str, str]:
    if actor is None:
        return "", ""
    if actor.country:
        return SUCCESSORS.get(actor.country, actor.country), actor.sector or ""
    if actor.sector in ("IGO", "NGO"):
        return actor.sector, actor.sector
    return "", actor.sector or ""


def score_events(gold_path: str | Path, *, nlp=None, limit: int | None = None,
                 misses: list | None = None, min_confidence: float | None = None,
                 extract=None) -> dict[str, Any]:
    from newsgraph.extract import Extractor
    from newsgraph.records import Article

    if nlp is None:
        from newsgraph.nlp import load_pipeline

        nlp = load_pipeline()
    extract = extract or Extractor()
    if min_confidence is None:
        from newsgraph.extract.events.model import default_threshold

        min_confidence = default_threshold()
    hits = hits_sector = n_pred = n_gold = sentences = 0
    for row in read_jsonl(gold_path, limit):
        sentences += 1
        text = row["text"]
        article = Article(article_id="gsr", input_id=row.get("id"), path="", line=None, format="txt",
                          outlet=None, url=None, title=None, byline=None, date=None, date_source=None,
                          date_precision=None, text=text)
        records = extract(article, nlp(text))
        actors = {a.id: a for a in records.actors}
        ours = []
        for e in records.events:
            if e.negated or e.confidence is not None and e.confidence < min_confidence:
                continue
            src, tgt = _ours(actors.get(e.source_id)), _ours(actors.get(e.target_id))
            ours.append(((src[0], tgt[0], e.plover), (src, tgt, e.plover)))
        gold = []
        for g in row["expected_events"]:
            src, tgt = _gold_actor(g.get("source")), _gold_actor(g.get("target"))
            event = LEGACY_EVENTS.get(g["event"], g["event"])
            gold.append(((src[0], tgt[0], event), (src, tgt, event)))
        n_pred += len(ours)
        n_gold += len(gold)
        matched = sum((Counter(k for k, _ in ours) & Counter(k for k, _ in gold)).values())
        hits += matched
        hits_sector += sum((Counter(k for _, k in ours) & Counter(k for _, k in gold)).values())
        if misses is not None and (matched < len(gold) or matched < len(ours)):
            misses.append({"id": row.get("id"), "text": text[:160], "gold": [k for k, _ in gold],
                           "ours": [k for k, _ in ours]})

    def prf(h: int) -> dict[str, float | None]:
        p = h / n_pred if n_pred else None
        r = h / n_gold if n_gold else None
        f = 2 * p * r / (p + r) if p and r else None
        return {"precision": _round(p), "recall": _round(r), "f1": _round(f)}

    return {"sentences": sentences, "gold_events": n_gold, "predicted_events": n_pred,
            "country_country_type": prf(hits), "with_sectors": prf(hits_sector)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)
