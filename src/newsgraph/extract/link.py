"""Within-article linking: later mentions go to the actor introduced earlier.

News introduces an actor once in full ("Chilean Ambassador to Peru Tomas
Ibarra") and then refers back by surname ("Ibarra"), by title
or role ("the ambassador", "the diplomat", "the ministry", "the Russian FM").
The linker keeps the actors an article has introduced, most recent last, and
resolves such references against them before the knowledge base:

- a name that is the tail of an earlier person's name is that person;
- a role phrase with no name of its own is the most recent earlier actor whose
  role ends in the same word ("the ministry" ← "Russia's Foreign Ministry"), or,
  for a person role, the most recent earlier person of the same sector and, when
  the phrase names one, the same country ("the diplomat" ← the ambassador).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Span

from newsgraph.extract.resolve import GENERATIONS, HONORIFICS, Resolution, Resolver
from newsgraph.knowledge import name_key
from newsgraph.knowledge.load import DATA_DIR, read_rows
from newsgraph.records import Actor


@functools.lru_cache(maxsize=1)
def families() -> dict[str, frozenset[str]]:
    """General role nouns → the title words they can refer back to (knowledge/data/role_families.tsv)."""
    path = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "role_families.tsv"
    out: dict[str, frozenset[str]] = {}
    with open(path, encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        next(rows)
        for anaphor, refers_to, _source in rows:
            out[anaphor] = frozenset(refers_to.split("|"))
    return out


@functools.lru_cache(maxsize=1)
def family_name_first() -> frozenset[str]:
    """Countries whose people news names family name first (knowledge/data/name_order.tsv)."""
    _, rows = read_rows(DATA_DIR / "name_order.tsv")
    return frozenset(cells[0] for _, cells in rows)


def _family_name(item: "_Introduced") -> str:
    """The word a later bare mention of this person repeats: the first for family-name-first names."""
    if item.actor.country in family_name_first() and len(item.name_words) > 1:
        return item.name_words[0]
    return item.name_words[-1]


# Resolutions that describe a kind of actor, not one actor: candidates for linking.
GENERIC = frozenset({"role", "role+country"})


@dataclass(slots=True)
class _Introduced:
    actor: Actor
    role: str | None
    person: bool
    name_words: tuple[str, ...]
    sentence: int = -1  # the index of its sentence in the article
    subject: bool = False


DEFINITE = frozenset({"the", "this", "that"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})


def _anaphoric(text: str, span: Span | None) -> bool:
    """A definite, singular role phrase with nothing new to say: "the diplomat",
    "the Russian ministry", a capitalised "Foreign Ministry" — not "officials",
    not "the country's acting president"."""
    words = text.split()
    if len(words) < 2 or len(words) > 4:
        return False
    if span is not None:
        head = span.root
        if head.tag_ in ("NNS", "NNPS"):
            return False
        if any(t.dep_ in ("poss", "case") or t.tag_ in ("VBN", "VBG", "JJS") for t in span if t.i != head.i):
            return False
    if all(w[:1].isupper() for w in words):
        return True  # "Foreign Ministry" in "the Foreign Ministry statement": a named body
    return words[0].lower() in DEFINITE


class ArticleLinker:
    def __init__(self, resolver: Resolver, date: str | None, regions: frozenset[str] = frozenset()) -> None:
        self.resolver = resolver
        self.date = date
        self.regions = regions  # country names the article means as regions ("Georgia" the US state)
        self.introduced: list[_Introduced] = []
        self._at_token: dict[int, _Introduced] = {}
        self._actors: dict[str, Actor] = {}

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def surnames(self) -> frozenset[str]:
        """The last words of the names of the people introduced so far (lower case)."""
        return frozenset(w for i in self.introduced if i.person and len(i.name_words) > 1
                         for w in {i.name_words[-1], _family_name(i)})

    def resolve(self, text: str, span: Span | None = None, sentence: int = -1) -> Resolution | None:
        found = self.resolver.resolve(text, self.date, regions=self.regions)
        # The article beats the dictionary: "Ibarra" after "Tomas Ibarra" is that
        # person, not a city of that name.
        linked = self._by_name(text)
        if linked is None and found is not None and found.how in GENERIC:
            if text.split()[0].lower() in POSSESSIVE_PRONOUNS:
                linked = self._by_possessor(found, text.split()[0].lower(), span, sentence)
            elif _anaphoric(text, span):
                linked = self._by_role(found)
        result = linked or found
        if result is not None:
            self._remember(result, text, span, sentence)
        return result

    # -- linking -------------------------------------------------------------------
    def _by_name(self, text: str) -> Resolution | None:
        words = tuple(name_key(text).split())
        if not words or not text[:1].isupper() or text.split()[0].lower() in DEFINITE:
            return None  # "the West", "the Mills": a name takes no article
        if words[-1] in GENERATIONS:
            return None  # "Trump Jr." after "Donald Trump" is the son
        while len(words) > 1 and words[0] in HONORIFICS:
            words = words[1:]  # "Mr. Gingrich" after "Newt Gingrich"
        for item in reversed(self.introduced):
            if item.person and len(words) < len(item.name_words) and (
                    item.name_words[-len(words):] == words or words == (_family_name(item),)):
                return Resolution(item.actor, "alias:earlier-mention", item.role)
        return None

    def _by_possessor(self, found: Resolution, pronoun: str, span: Span | None, sentence: int) -> Resolution | None:
        """"his government": the body of that kind in the country of the person the
        pronoun points to — the subject (or the subject's possessor) of the nearest
        clause above it, else the person last named; "its"/"their" point to the last
        actor that is not a person."""
        role = self.resolver.kb.role(found.role) if found.role else None
        if role is None or role.person:
            return None
        personal = pronoun in ("his", "her")
        owner = self._clause_subject(span) if personal and span is not None else None
        if owner is None:
            candidates = [i for i in self.introduced if i.person == personal and i.actor.country]
            owner = candidates[-1] if candidates else None
        if owner is None or not owner.actor.country:
            return None
        return self.resolver.institution(owner.actor.country, found.role, "role+possessor")

    def _clause_subject(self, span: Span) -> _Introduced | None:
        for verb in span.root.ancestors:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            for child in verb.children:
                if child.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                for token in child.subtree:
                    item = self._at_token.get(token.i)
                    if item is not None and item.person:
                        return item
        return None

    def _by_role(self, found: Resolution) -> Resolution | None:
        role = self.resolver.kb.role(found.role) if found.role else None
        if role is None:
            return None
        last = found.role.split()[-1]
        for item in reversed(self.introduced):
            if item.actor.id == found.actor.id:
                continue
            if found.actor.country and item.actor.country and item.actor.country != found.actor.country:
                continue
            if not item.role or item.person != role.person:
                continue  # a group ("the opposition") never refers back to one person
            their_last = item.role.split()[-1]
            if their_last == last or role.person and item.person and their_last in families().get(last, ()):
                return Resolution(item.actor, "alias:earlier-role", item.role)
        return None

    def place(self, actor_id: str, country: str) -> None:
        """Give a person the text names only by title ("President X", unknown to the
        knowledge base) the country their sentence is about; every mention keeps the id."""
        actor = self._actors.get(actor_id)
        if actor is not None and not actor.country:
            self._actors[actor_id] = replace(actor, country=country)

    def note(self, result: Resolution, text: str | None = None, span: Span | None = None,
             sentence: int = -1) -> Resolution:
        """Count an actor the caller derived itself (a location's country, a person
        known only by name); with `text` it is also an antecedent for later mentions."""
        self._actors.setdefault(result.actor.id, result.actor)
        if text is not None:
            self._remember(result, text, span, sentence)
        return result

    def _remember(self, result: Resolution, text: str, span: Span | None = None, sentence: int = -1) -> None:
        actor = result.actor
        if result.role is None and result.how.startswith("dictionary:org"):
            # A body named in full is also known by its kind: "the ministry" after
            # "the Russian Foreign Ministry".
            result = Resolution(actor, result.how, self._role_suffix(text))
        self._actors.setdefault(actor.id, actor)
        role = self.resolver.kb.role(result.role) if result.role else None
        if result.how in GENERIC and not (role and role.kind == "org"):
            return  # a group ("officials") is no antecedent; a named body ("Egypt's ministry") is
        if result.how.startswith("alias:"):
            # Named again: the actor is now the most recent, and maybe the subject here.
            earlier = next((i for i in reversed(self.introduced) if i.actor.id == actor.id), None)
            if earlier is not None:
                self._add(_Introduced(actor, earlier.role, earlier.person, earlier.name_words, sentence,
                                      span is not None and span.root.dep_ in ("nsubj", "nsubjpass")), span)
            return
        person = result.how.startswith(("dictionary:person", "title", "apposition", "name")) or (
            result.how == "dictionary:surname") or bool(role and role.person)
        subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
        self._add(_Introduced(actor, result.role, person, tuple(name_key(actor.name).split()), sentence, subject),
                  span)

    def _role_suffix(self, text: str) -> str | None:
        words = text.split()
        for k in range(min(3, len(words)), 0, -1):
            phrase = " ".join(words[-k:])
            if self.resolver.kb.role(phrase) is not None:
                return phrase.lower()
        return None

    def _add(self, item: _Introduced, span: Span | None) -> None:
        self.introduced.append(item)
        if span is not None:
            for i in range(span.start, span.end):
                self._at_token[i] = item
