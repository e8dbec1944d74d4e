"""Conflicting claims: one proposition, answered yes by some and no by others.

A claim is an evaluative word from the claim lexicon (`knowledge/claims.py`:
"legitimate" +1, "rigged" −1 on the aspect *legitimacy*) said of a subject, by a
holder. The subject is what the judged actor stands for (`actors.polity`: Maduro,
his government, his election body and Venezuela are all "the Venezuelan state").
Claims on one (subject, aspect) with both polarities from different holders are a
conflict, shown side by side with their speakers and sentences.

Claims are read from the `labels` table, not from word positions: a label is a
descriptor the parse attached at extraction to the actor its phrase names
(`extract/labels.py`), so who is judged, negation ("was not legitimate" is kept in
the label's words, with the opposite polarity), and what is only future or
hypothetical ("the regime that will replace X", "would be illegitimate": no label)
are decided there, on the parse, once. This module only weighs the label's words
against the claim lexicon and finds the holder: the quoted speaker for words inside
quote marks, the speaker of an indirect quote ("observers said that X won
legitimately") whose span holds the label, else the outlet. Reading stored labels
keeps the analysis free of the parser, with no schema change; a store analysed
before this rule gets these claims when its articles are analysed again.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from typing import Any

from ..knowledge.claims import load_claim_terms
from .actors import polity
from .sql import has_table, rows, source_of
from .text import fold

_TOKEN = re.compile(r"\w+(?:[’']\w+)*|[^\w\s]", re.UNICODE)
_NEGATORS = frozenset("not no never nothing neither nor hardly without non n't".split())


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group(0)) or m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _negated(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """A negation inside the label's own words before the term: the parser put it there
    ("victory was not legitimate"), so it negates this predicate ("non-democratic" too).
    The label's polarity is not used: it sums every framing word ("legitimate regime"
    would read as negative), while the claim is about this one term."""
    window = [t[0] for t in tokens[:i]]
    return any(w in _NEGATORS or w.endswith("n t") or w.endswith("n't") for w in window)


def _match_terms(tokens, terms, longest):
    """(first token, last token, aspect, polarity, term) for each lexicon term found."""
    words = [t[0] for t in tokens]
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            hit = terms.get(tuple(words[i : i + n]))
            if hit:
                yield i, i + n - 1, hit[0], hit[1], " ".join(words[i : i + n])
                i += n
                break
        else:
            i += 1


_AFFILIATION = re.compile(r"[-‐]\s*(?:led|controlled|run|backed|leaning|majority|held|aligned)\b", re.IGNORECASE)


def _in_a_name(sentence: str, at: tuple[int, int]) -> bool:
    """A judgement word that is part of a name or an affiliation, not a judgement.

    Capitalised it is a name ("the Democratic nominee", "the Democratic Republic of the
    Congo", "Democratic leaders"); joined to -led, -controlled, -backed … it says who holds
    something ("a Democratic-led House"), not how rightful it is.
    """
    start, end = at
    if _AFFILIATION.match(sentence, end):
        return True
    # Capitalised even where a sentence or a quotation opens: there a judgement word and a
    # name ("Democratic leaders said …") look alike, and news opens with names far more often.
    return start < len(sentence) and sentence[start].isupper()


def _holder(label: dict[str, Any], quotes: list[dict], article: dict) -> dict[str, Any]:
    """Who asserts the label: its quoted speaker, else the speaker of an indirect quote
    holding it, else the outlet."""
    if label["voice"] and label["voice"] != "author":
        return {"voice": "quoted", "speaker_id": label["speaker_id"],
                "speaker": label["speaker_name"] or "unattributed quote"}
    for q in quotes:
        if q["kind"] == "indirect" and q["start"] <= label["start"] and label["end"] <= q["end"]:
            return {"voice": "quoted", "speaker_id": q["speaker_id"],
                    "speaker": q["speaker_name"] or q["speaker_text"] or "unattributed quote"}
    return {"voice": "author", "speaker_id": None, "speaker": source_of(article)}


def find_claims(store_or_conn: Any) -> list[dict[str, Any]]:
    """Every claim in the store: who judged which subject on which aspect, and where."""
    conn: sqlite3.Connection = getattr(store_or_conn, "connection", store_or_conn)
    if not has_table(conn, "labels"):
        return []
    terms = load_claim_terms()
    longest = max(len(k) for k in terms)
    articles = {a["article_id"]: a for a in rows(conn, "SELECT article_id, outlet, title, date FROM articles")}
    actors = {a["actor_id"]: a for a in rows(conn, "SELECT actor_id, name, country, sector FROM actors")}
    quotes: dict[str, list[dict]] = defaultdict(list)
    for q in rows(conn, 'SELECT article_id, start, "end", kind, speaker_id, speaker_name, speaker_text FROM quotes'):
        quotes[q["article_id"]].append(q)
    unplaced = _unplaced(conn)
    claims: dict[tuple, dict[str, Any]] = {}
    for label in _labels(conn):
        actor = actors.get(label["actor_id"])
        subject = polity(actor) if actor else None
        if subject is None or (label["article_id"], label["sentence"], label["actor_id"]) in unplaced:
            continue
        if label["kind"] == "modifier":
            continue  # "the U.S.-backed dictator": the actor qualifies the judged one, is not it
        tokens = _tokens(label["label"])
        for first, _, aspect, sign, term in _match_terms(tokens, terms, longest):
            if _negated(tokens, first):
                sign = -sign
            start, end, at = _located(label, term)
            evidence = label["evidence"] or ""
            if at and _in_a_name(evidence, at):
                continue
            key = (label["article_id"], label["sentence"], term, subject[0])
            if key in claims:
                continue
            article = articles[label["article_id"]]
            claims[key] = {
                "article_id": label["article_id"], "source": source_of(article), "outlet": article["outlet"],
                "date": article["date"], "sentence": label["sentence"], "start": start, "end": end,
                "term": term, "aspect": aspect, "polarity": sign, "subject": subject[0],
                "subject_name": _subject_name(subject, actors), "actor_id": label["actor_id"],
                "actor": actor["name"], "label": label["label"], "kind": label["kind"],
                **_holder(label, quotes[label["article_id"]], article),
                "evidence": label["evidence"], "evidence_at": at, "via": "label",
            }
    return sorted(claims.values(), key=lambda c: (c["subject"], c["aspect"], c["article_id"], c["start"]))


def _unplaced(conn) -> set[tuple[str, int, str]]:
    """(article, sentence, actor) where the actor is only a bare role word the resolver
    could not place ("democratically elected governments", how "role"): whatever country
    the shared generic actor carries in the store, this sentence names no state's rule."""
    found: dict[tuple[str, int, str], bool] = {}
    for m in rows(conn, "SELECT article_id, sentence, actor_id, how FROM mentions"):
        key = (m["article_id"], m["sentence"], m["actor_id"])
        found[key] = found.get(key, True) and m["how"] == "role"
    return {key for key, bare in found.items() if bare}


def _labels(conn) -> list[dict[str, Any]]:
    return rows(
        conn,
        'SELECT l.article_id, l.sentence, l.start, l."end", l.label, l.kind, l.polarity, l.voice, '
        "l.speaker_id, l.actor_id, COALESCE(a.name, l.speaker_name) AS speaker_name, s.text AS evidence, "
        "s.start AS sentence_start FROM labels AS l "
        "LEFT JOIN actors AS a ON a.actor_id = l.speaker_id "
        "LEFT JOIN sentences AS s ON s.article_id = l.article_id AND s.idx = l.sentence "
        "ORDER BY l.article_id, l.start",
    )


def _located(label: dict[str, Any], term: str) -> tuple[int, int, tuple[int, int] | None]:
    """Offsets of the judging words, found in the label's span of the sentence (a label's
    text may drop or re-case words of the span it stands for)."""
    start, end = label["start"], label["end"]
    base, sentence = label["sentence_start"], label["evidence"] or ""
    if base is None:
        return start, end, None
    pattern = r"\b" + r"\W+".join(map(re.escape, term.split())) + r"\b"
    found = re.compile(pattern, re.IGNORECASE).search(sentence, max(0, start - base), max(0, end - base))
    if not found:
        return start, end, None
    return base + found.start(), base + found.end(), found.span()


def _subject_name(subject: tuple[str, str], actors: dict[str, dict]) -> str:
    if not subject[0].startswith("state:"):
        return subject[1]
    country = subject[0].split(":", 1)[1]
    return f"{actors[country]['name'] if country in actors else country} (state)"


def conflicting_claims(store_or_conn: Any) -> list[dict[str, Any]]:
    """Propositions with claims of both polarities from different holders, side by side.

    Each conflict: subject, aspect, `for` and `against` (claims with polarity +1 and
    −1), `holders_for` / `holders_against` (their names), and `speakers_for` /
    `speakers_against`: each holder with its voice and the sentences it said them in.
    Largest disagreements first.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for claim in find_claims(store_or_conn):
        groups[(claim["subject"], claim["aspect"])].append(claim)
    conflicts = []
    for (subject, aspect), claims in groups.items():
        pro = [c for c in claims if c["polarity"] > 0]
        con = [c for c in claims if c["polarity"] < 0]
        if not pro or not con or len({_holder_key(c) for c in claims}) < 2:
            continue
        conflicts.append({
            "subject": subject, "subject_name": claims[0]["subject_name"], "aspect": aspect,
            "for": pro, "against": con,
            "holders_for": sorted({c["speaker"] for c in pro}),
            "holders_against": sorted({c["speaker"] for c in con}),
            "speakers_for": _speakers(pro), "speakers_against": _speakers(con),
        })
    conflicts.sort(key=lambda c: (-(len(c["for"]) + len(c["against"])), c["subject"], c["aspect"]))
    return conflicts


def _speakers(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One side's holders, each with its voice, source and the sentences of its claims."""
    out: dict[tuple, dict[str, Any]] = {}
    for c in claims:
        entry = out.setdefault(_holder_key(c), {"speaker": c["speaker"], "speaker_id": c["speaker_id"],
                                                "voice": c["voice"], "source": c["source"], "sentences": []})
        if c["evidence"] and c["evidence"] not in entry["sentences"]:
            entry["sentences"].append(c["evidence"])
    return sorted(out.values(), key=lambda e: (-len(e["sentences"]), e["speaker"]))


def _holder_key(claim: dict[str, Any]) -> tuple:
    if claim["voice"] == "author":
        return ("author", claim["source"])
    return ("quoted", claim["speaker_id"] or claim["speaker"])
