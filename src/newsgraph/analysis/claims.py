"""Conflicting claims: one proposition, answered yes by some and no by others.

A claim is an evaluative word from the claim lexicon (`knowledge/claims.py`:
"legitimate" +1, "rigged" −1 on the aspect *legitimacy*) said of a subject, by a
holder. The subject is what the judged actor stands for (`actors.polity`: Maduro,
his government, his election body and Venezuela are all "the Venezuelan state");
the holder is a quoted speaker when the words sit inside a quote, else the outlet.
Claims on one (subject, aspect) with both polarities from different holders are a
conflict, shown side by side with their sentences.

Claims come from two places: the `labels` table (descriptors already attached to
an actor by the parse) and, for what labels miss, a scan of the sentences that
attaches a term to an actor by position — the noun phrase it opens ("illegitimate
inauguration of Maduro", "legitimate government of X"), a name right before it
("the Maduro dictatorship"), or a subject before a copula ("X's victory is
legitimate", "X was rigged"). The scan is shallow: see docs/framing.md for its limits.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from typing import Any

from ..knowledge.claims import load_claim_terms
from .actors import polity
from .sql import has_table, polarity, rows, source_of
from .text import fold

_TOKEN = re.compile(r"\w+(?:[’']\w+)*|[^\w\s]", re.UNICODE)
# Words that end the noun phrase a term opens: clauses, verbs of being, conjunctions.
_PHRASE_END = frozenset(
    "that which who whom whose will would is are was were be been has have had and or but "
    "to , ; : . ! ? ( )".split()
)
# Words that make a term before them predicative: "X is legitimate", "X won legitimately".
_PREDICATE = frozenset(
    "is are was were be been being remains remain seems seem appears appear looks "
    "won win wins elected as became become considered".split()
)
_NEGATORS = frozenset("not no never nothing neither nor hardly without n't".split())
_CLAUSE_BREAK = frozenset(", ; : . ! ?".split())
_QUOTE_MARKS = frozenset("“ ” \" ‘ ’ '".split())
HEAD_WORDS = 2
_DETERMINERS = frozenset("the a an its his her their this that these those".split())
# Prepositions that lead from a judged noun to something else ("a legitimate fear for …").
_LINKS = frozenset("for about with to from by on at over against including like than".split())
BEFORE_WINDOW = 8


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group(0)) or m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _negated(tokens: list[tuple[str, int, int]], i: int) -> bool:
    window = [t[0] for t in tokens[max(0, i - 3) : i]]
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


def _owner(tokens, mention: dict, starts: dict[int, dict]):
    """The mention itself if it stands for a subject, else its owner: "the government of X"."""
    if mention["_polity"] is not None:
        return mention
    j = mention["_last"] + 1
    while j < len(tokens) and tokens[j][0] in _QUOTE_MARKS:
        j += 1
    if j + 1 < len(tokens) and tokens[j][0] in ("of", "in") and (j + 1) in starts:
        owner = starts[j + 1]
        return owner if owner["_polity"] is not None else None
    return None


def _target(tokens, first: int, last: int, starts: dict[int, dict], ends: dict[int, dict]):
    """The mention a term at tokens[first..last] judges, by the positions above; or None."""
    # A descriptor inside the name phrase: "Cuban dictator Raul Castro", "the legitimate government".
    inside = [m for m in starts.values() if m["_first"] <= first and last <= m["_last"]]
    if inside:
        return _owner(tokens, min(inside, key=lambda m: m["_last"] - m["_first"]), starts)
    # The noun phrase the term opens: a mention within its next two words ("legitimate
    # Venezuelan government"), or the owner its head names with of/in ("illegitimate
    # inauguration of Maduro"). Any other word (for, about, with …) leads away from it.
    k, skipped = last + 1, 0
    while k < len(tokens) and skipped <= HEAD_WORDS:
        mention = starts.get(k)
        if mention is not None:
            return _owner(tokens, mention, starts)
        word = tokens[k][0]
        if word in ("of", "in"):
            j = k + 1
            while j < len(tokens) and tokens[j][0] in _DETERMINERS:
                j += 1
            owner = starts.get(j)
            return _owner(tokens, owner, starts) if owner is not None else None
        if word in _PHRASE_END or word in _LINKS:
            break
        skipped += 1
        k += 1
    # A name right before the term ("the Maduro dictatorship"), or a subject before a copula.
    predicative = False
    k = first - 1
    while k >= 0 and k >= first - BEFORE_WINDOW:
        word = tokens[k][0]
        if word in _CLAUSE_BREAK:
            return None
        mention = ends.get(k)
        if mention is not None:
            adjacent = k == first - 1
            return mention if (adjacent or predicative) and mention["_polity"] is not None else None
        if word in _PREDICATE:
            predicative = True
        k -= 1
    return None


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


def _holder(quotes: list[dict], start: int, article: dict) -> dict[str, Any]:
    for q in quotes:
        if q["start"] <= start < q["end"]:
            return {"voice": "quoted", "speaker_id": q["speaker_id"],
                    "speaker": q["speaker_name"] or q["speaker_text"] or "unattributed quote"}
    return {"voice": "author", "speaker_id": None, "speaker": source_of(article)}


def find_claims(store_or_conn: Any) -> list[dict[str, Any]]:
    """Every claim in the store: who judged which subject on which aspect, and where."""
    conn: sqlite3.Connection = getattr(store_or_conn, "connection", store_or_conn)
    terms = load_claim_terms()
    longest = max(len(k) for k in terms)
    articles = {a["article_id"]: a for a in rows(conn, "SELECT article_id, outlet, title, date FROM articles")}
    actors = {a["actor_id"]: a for a in rows(conn, "SELECT actor_id, name, country, sector FROM actors")}
    quotes: dict[str, list[dict]] = defaultdict(list)
    for q in rows(conn, 'SELECT article_id, start, "end", speaker_id, speaker_name, speaker_text FROM quotes'):
        quotes[q["article_id"]].append(q)
    claims: dict[tuple, dict[str, Any]] = {}

    def add(article_id, sentence, start, end, term, aspect, sign, actor_id, evidence, via, holder=None, at=None):
        if evidence and at and _in_a_name(evidence, at):
            return
        actor = actors.get(actor_id)
        subject = polity(actor) if actor else None
        if subject is None:
            return
        key = (article_id, sentence, term, subject[0])
        if key in claims:
            return
        country = subject[0].split(":", 1)[1] if subject[0].startswith("state:") else None
        name = f"{actors[country]['name'] if country in actors else country} (state)" if country else subject[1]
        claims[key] = {
            "article_id": article_id, "source": source_of(articles[article_id]),
            "outlet": articles[article_id]["outlet"], "date": articles[article_id]["date"],
            "sentence": sentence, "start": start, "end": end, "term": term, "aspect": aspect,
            "polarity": sign, "subject": subject[0], "subject_name": name,
            "actor_id": actor_id, "actor": actor["name"],
            **(holder or _holder(quotes[article_id], start, articles[article_id])),
            "evidence": evidence, "evidence_at": at, "via": via,
        }

    if has_table(conn, "labels"):
        _from_labels(conn, terms, longest, add)
    _from_sentences(conn, terms, longest, add)
    return sorted(claims.values(), key=lambda c: (c["subject"], c["aspect"], c["article_id"], c["start"]))


def _from_labels(conn, terms, longest, add) -> None:
    found = rows(
        conn,
        'SELECT l.article_id, l.sentence, l.start, l."end", l.label, l.polarity, l.voice, '
        "l.speaker_id, l.actor_id, COALESCE(a.name, l.speaker_name) AS speaker_name, s.text AS evidence, "
        "s.start AS sentence_start FROM labels AS l "
        "LEFT JOIN actors AS a ON a.actor_id = l.speaker_id "
        "LEFT JOIN sentences AS s ON s.article_id = l.article_id AND s.idx = l.sentence",
    )
    for label in found:
        tokens = _tokens(label["label"])
        for first, _, aspect, sign, term in _match_terms(tokens, terms, longest):
            own = polarity(label["polarity"])
            if own and own * sign < 0:
                sign = -sign  # the label's own polarity knows a negation the word alone does not
            elif _negated(tokens, first):
                sign = -sign
            holder = None
            if label["voice"] and label["voice"] != "author":
                holder = {"voice": "quoted", "speaker_id": label["speaker_id"],
                          "speaker": label["speaker_name"] or "unattributed quote"}
            # Offsets of the judging words, found in the label's span of the sentence (a
            # label's text may drop or re-case words of the span it stands for).
            start, end, at = label["start"], label["end"], None
            base, sentence = label["sentence_start"], label["evidence"] or ""
            if base is not None:
                pattern = r"\b" + r"\W+".join(map(re.escape, term.split())) + r"\b"
                found = re.compile(pattern, re.IGNORECASE).search(sentence, max(0, start - base), max(0, end - base))
                if found:
                    at = found.span()
                    start, end = base + at[0], base + at[1]
            add(label["article_id"], label["sentence"], start, end, term, aspect,
                sign, label["actor_id"], label["evidence"], "label", holder, at)


def _from_sentences(conn, terms, longest, add) -> None:
    mentions: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for m in rows(conn, 'SELECT article_id, sentence, start, "end", actor_id, country, sector, kind FROM mentions'):
        m["_polity"] = polity(m) if m["kind"] != "location" or m["country"] else None
        mentions[(m["article_id"], m["sentence"])].append(m)
    for s in _candidate_sentences(conn, terms):
        tokens = _tokens(s["text"])
        hits = list(_match_terms(tokens, terms, longest))
        if not hits:
            continue
        starts, ends = {}, {}
        for m in mentions.get((s["article_id"], s["idx"]), []):
            covered = [i for i, t in enumerate(tokens) if t[1] < m["end"] - s["start"] and t[2] > m["start"] - s["start"]]
            if covered:
                m["_first"], m["_last"] = covered[0], covered[-1]
                starts.setdefault(covered[0], m)
                ends.setdefault(covered[-1], m)
        for first, last, aspect, sign, term in hits:
            target = _target(tokens, first, last, starts, ends)
            if target is None:
                continue
            if _negated(tokens, first):
                sign = -sign
            start = s["start"] + tokens[first][1]
            add(s["article_id"], s["idx"], start, s["start"] + tokens[last][2], term, aspect, sign,
                target["actor_id"], s["text"], "sentence", at=(tokens[first][1], tokens[last][2]))


def _candidate_sentences(conn, terms) -> list[dict[str, Any]]:
    """Sentences holding a lexicon term, found by the FTS5 index rather than read one by one."""
    match = " OR ".join('"' + " ".join(term) + '"' for term in sorted(terms))
    try:
        return rows(
            conn,
            "SELECT s.article_id, s.idx, s.start, s.text FROM sentences_fts "
            "JOIN sentences AS s ON s.sentence_id = sentences_fts.rowid "
            "WHERE sentences_fts MATCH ? ORDER BY s.article_id, s.idx",
            (match,),
        )
    except sqlite3.OperationalError:  # a store without the index: read every sentence
        return rows(conn, "SELECT article_id, idx, start, text FROM sentences ORDER BY article_id, idx")


def conflicting_claims(store_or_conn: Any) -> list[dict[str, Any]]:
    """Propositions with claims of both polarities from different holders, side by side.

    Each conflict: subject, aspect, `for` and `against` (claims with polarity +1 and
    −1), and the holders on each side. Largest disagreements first.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for claim in find_claims(store_or_conn):
        groups[(claim["subject"], claim["aspect"])].append(claim)
    conflicts = []
    for (subject, aspect), claims in groups.items():
        pro = [c for c in claims if c["polarity"] > 0]
        con = [c for c in claims if c["polarity"] < 0]
        holders_pro = {_holder_key(c) for c in pro}
        holders_con = {_holder_key(c) for c in con}
        if not pro or not con or len(holders_pro | holders_con) < 2:
            continue
        conflicts.append({
            "subject": subject, "subject_name": claims[0]["subject_name"], "aspect": aspect,
            "for": pro, "against": con,
            "holders_for": sorted({c["speaker"] for c in pro}),
            "holders_against": sorted({c["speaker"] for c in con}),
        })
    conflicts.sort(key=lambda c: (-(len(c["for"]) + len(c["against"])), c["subject"], c["aspect"]))
    return conflicts


def _holder_key(claim: dict[str, Any]) -> tuple:
    if claim["voice"] == "author":
        return ("author", claim["source"])
    return ("quoted", claim["speaker_id"] or claim["speaker"])
