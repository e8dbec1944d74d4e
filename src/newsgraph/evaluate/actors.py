"""Actor resolution against NGEC-style checks: text (+ context, date) → country, sector.

The file format is NGEC's actor tests as JSONL: `{"method": "agent_to_code",
"args": [text, context_country, date], "expect": {"country": ISO3, "code_1": SECTOR}}`.
Only `agent_to_code` rows are scored. How codes are compared is stated here once:

- an IGO-class gold country (IGO, EUR, UNO, NAT, AFR … — NGEC codes organisations by
  region or body) counts as right when we place the actor in sector IGO;
- gold sector codes outside our scheme are mapped to ours: JRN → MED, PRM → UAF,
  religions (BUD, CHR, MOS, SHI, SUN, JEW, HIN) → REL, UNK → no sector; codes with
  no counterpart (PRE, SOC …) are scored as they are, and so count as misses;
- "return is None" rows (no actor there) are right when we resolve nothing;
- a date of "today" means the day the evaluation runs; no date means none (a
  person's latest office). NGEC's tests were written around 2022, so "today"
  costs us where an office changed since: that is a true difference, kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.evaluate import read_jsonl
from newsgraph.extract.resolve import Resolver

IGO_CLASS = frozenset("IGO EUR UNO NAT AFR ASA WST MEA LAM SAM CAU EEU NMR SEA CAS OCE ARL".split())
SECTOR_EQUIVALENTS = {"JRN": "MED", "PRM": "UAF", "BUD": "REL", "CHR": "REL", "MOS": "REL", "SHI": "REL",
                      "SUN": "REL", "JEW": "REL", "HIN": "REL", "UNK": ""}


@dataclass
class ActorScore:
    country_right: int = 0
    country_total: int = 0
    sector_right: int = 0
    sector_total: int = 0
    none_right: int = 0
    none_total: int = 0
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "country_accuracy": ratio(self.country_right, self.country_total), "country_n": self.country_total,
            "sector_accuracy": ratio(self.sector_right, self.sector_total), "sector_n": self.sector_total,
            "no_actor_accuracy": ratio(self.none_right, self.none_total), "no_actor_n": self.none_total,
        }


def score_actor_tests(path: str | Path, resolver: Resolver | None = None) -> ActorScore:
    resolver = resolver or Resolver()
    score = ActorScore()
    for row in _rows(path):
        text, context, date = (row["args"] + ["", ""])[:3]
        hint = (resolver.kb.country_by_name(context) or resolver.kb.country_by_demonym(context)) if context else None
        found = resolver.resolve(text, _date(date), country_hint=hint)
        actor = found.actor if found else None
        expect = row["expect"]
        if "return is" in expect:
            score.none_total += 1
            score.none_right += actor is None
            if actor is not None:
                score.misses.append({"text": text, "want": "no actor", "got": _show(found)})
        if "country" in expect:
            want = expect["country"]
            got = (actor.country if actor else None) or ""
            right = (actor is not None and actor.sector == "IGO") if want in IGO_CLASS else got == want
            score.country_total += 1
            score.country_right += right
            if not right:
                score.misses.append({"text": text, "date": date, "want_country": want, "got": _show(found)})
        if "code_1" in expect:
            want = SECTOR_EQUIVALENTS.get(expect["code_1"], expect["code_1"])
            got = (actor.sector if actor else None) or ""
            score.sector_total += 1
            score.sector_right += got == want
            if got != want:
                score.misses.append({"text": text, "date": date, "want_sector": want, "got": _show(found)})
    return score


def _rows(path: str | Path) -> Iterable[dict]:
    return (row for row in read_jsonl(path) if row.get("method") == "agent_to_code")


def _date(value: str) -> str | None:
    from newsgraph.ingest.dates import parse_date

    import datetime

    if not value:
        return None
    if value.strip().lower() == "today":
        return datetime.date.today().isoformat()
    parsed = parse_date(value)
    return parsed[0] if parsed and parsed[0][:4].isdigit() else None


def _show(found) -> str:
    if found is None:
        return "nothing"
    a = found.actor
    return f"{a.id} {a.country or '-'} {a.sector or '-'} [{found.how}]"
