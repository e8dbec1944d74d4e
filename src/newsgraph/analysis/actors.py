"""Finding an actor by what a user types, and the polity a state actor stands for.

A user names an actor by id (`nicolas-maduro`), name or alias, with or without
accents ("Nicolas Maduro" finds "Nicolás Maduro"), or by part of a name ("Maduro")
when only one actor is that much the best fit. When nothing matches, the error
lists the nearest names, so a typo is one step from the right query.
"""

from __future__ import annotations

import difflib
import sqlite3
from typing import Any

from ..errors import UsageError
from .sql import json_list, rows
from .text import fold

# Sectors that act for a state: a label or judgement of any of them is one of the
# state's rule (the legitimacy of "the Maduro government", of "Maduro's inauguration").
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


def _actors(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows(
        conn,
        "SELECT a.actor_id, a.name, a.country, a.sector, a.aliases, "
        "(SELECT count(*) FROM mentions AS m WHERE m.actor_id = a.actor_id) AS mentions "
        "FROM actors AS a",
    )


def _names(actor: dict[str, Any]) -> list[str]:
    return [actor["actor_id"], actor["name"], *json_list(actor.get("aliases"))]


def find_actor(conn: sqlite3.Connection, query: str) -> dict[str, Any]:
    """The actor `query` names: by id, folded name or alias, else by all its words.

    Several equally good matches are UsageError E404, which lists them (picking the
    most mentioned would show the wrong actor's framing without a word); no match
    is E420 with near candidates.
    """
    actors = _actors(conn)
    key = fold(query)
    exact = [a for a in actors if a["actor_id"] == query.strip()]
    if not exact:
        exact = [a for a in actors if key and any(fold(n) == key for n in _names(a))]
    if not exact and key:
        wanted = set(key.split())
        exact = [a for a in actors if any(wanted <= set(fold(n).split()) for n in _names(a))]
    if len(exact) > 1:  # "Sergei" for Lavrov and Shoigu: the user says which, we do not guess
        raise _ambiguous(query, exact)
    if exact:
        best = exact[0]
        return {k: v for k, v in best.items() if k != "aliases"} | {"aliases": json_list(best["aliases"])}
    raise UsageError("E420", query=query, near=_near(actors, key))


MAX_CANDIDATES = 8


def _ambiguous(query: str, matches: list[dict[str, Any]]) -> UsageError:
    """E404 listing the actors `query` names, most mentioned first; `.candidates` holds them as data."""
    matches = sorted(matches, key=lambda a: (-a["mentions"], a["name"]))
    shown = []
    for a in matches[:MAX_CANDIDATES]:
        what = " ".join(x for x in (a["country"], a["sector"]) if x)
        n = a["mentions"]
        shown.append(f"{a['name']} ({a['actor_id']}{', ' + what if what else ''}; {n} mention{'' if n == 1 else 's'})")
    more = f" and {len(matches) - MAX_CANDIDATES} more" if len(matches) > MAX_CANDIDATES else ""
    error = UsageError("E404", query=query, count=len(matches), candidates="; ".join(shown) + more)
    error.candidates = [{k: v for k, v in a.items() if k != "aliases"} for a in matches]
    return error


def _near(actors: list[dict[str, Any]], key: str) -> str:
    by_name: dict[str, str] = {}
    for actor in actors:
        for name in _names(actor):
            by_name.setdefault(fold(name), actor["name"])
    close = difflib.get_close_matches(key, list(by_name), n=8, cutoff=0.5)
    # A typo in one word of a longer name ("Madura" for "Nicolás Maduro").
    words = {w: name for name in by_name for w in name.split() if len(w) > 2}
    for part in key.split():
        close += [words[w] for w in difflib.get_close_matches(part, list(words), n=3, cutoff=0.7)]
    names = list(dict.fromkeys(by_name[c] for c in close))[:5]
    return "; near: " + ", ".join(names) if names else " (the store has no actor of that name)"


# Contenders for rule that are not the state: their legitimacy is a question of its own.
CONTENDER_SECTORS = frozenset({"OPP", "PTY", "REB"})


def polity(actor: dict[str, Any]) -> tuple[str, str] | None:
    """The subject a judgement of this actor's rule is about, as (key, display name).

    A state actor (the country itself, a government body, an office-holder) stands for
    its state's rule: judgements of Maduro, of "the Venezuelan government" and of
    Venezuela are judgements of one subject. An opposition, a party or a rebel group is
    its own subject. Anyone else (civilians, media, companies, a role word with no
    country) holds no rule to judge, so a "legitimate grievance" of protesters is no claim.
    """
    country, sector = actor.get("country"), actor.get("sector")
    actor_id = actor.get("actor_id") or ""
    if country and (actor_id == country or sector in STATE_SECTORS):
        return f"state:{country}", f"{country} state"
    if sector in CONTENDER_SECTORS:
        return f"actor:{actor_id}", actor.get("name") or actor_id
    return None
