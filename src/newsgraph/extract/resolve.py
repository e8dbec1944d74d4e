"""Resolve a phrase that names an actor to a canonical Actor, as of a date.

"Chilean Foreign Minister Ana Torres", "Russia's ambassador to Poland",
"the Kremlin", "ordinary Kazakhs", "Shanghai police": each is read as a sequence
of known pieces found in the knowledge base — people, organisations, countries,
demonyms, capitals and seats of power, role words — and the pieces are composed
by general rules:

- a known person wins, placed by their office on the date (Putin in 2009 → RUS GOV);
- a known organisation comes next, unless a role word heads the phrase
  ("Gazprom's chief executive" is a BUS person of RUS, not Gazprom itself);
- otherwise the head role word gives the sector, and the first country named
  outside a prepositional phrase gives the country ("Russia's ambassador *to
  Poland*" is Russian); "X-backed", "X-funded" name a sponsor, never the country,
  while "X-led" and "X-based" say whose forces or where they are ("Saudi-led
  coalition", "a Trinidad-based group") and give the country when nothing else does;
- a generic head ("official", "spokesman", "officer") takes its sector from a
  more specific role or institution before it ("intelligence agency officer");
- "former" makes an office holder an elite with no office (ELI);
- a capital or seat of power alone stands for the government (the Kremlin).

No rule names a particular actor: everything specific is data in `knowledge/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from newsgraph.knowledge import KnowledgeBase, Role, default, name_key
from newsgraph.knowledge.cities import city, city_region
from newsgraph.knowledge.words import is_common_word
from newsgraph.records import Actor

# Words that introduce a phrase that does not name the actor's own country.
PREPOSITIONS = frozenset("to in at of from for with on near against over into across by inside outside".split())
# Determiners, quantifiers and vague modifiers that carry no identity.
COMPASS = frozenset("north south east west northern southern eastern western central northeast northwest southeast southwest".split())
FILLERS = frozenset(
    """a an the some several many few two three four five six seven eight nine ten dozens dozen hundreds
    thousands scores over about around nearly almost more than group groups team teams number of its his
    her their our other another all any each top senior local ethnic""".split()
)
# Modifiers that place the actor rather than sponsor it: led or based by/in X.
LOCATING = ("-led", "-based")
# A sponsor modifier: "US-backed opposition" is backed by the US, not of it.
SPONSOR = re.compile(r"^(?P<who>.+?)-(?:backed|led|sponsored|funded|supported|controlled|allied|aligned|based|linked|friendly|installed|appointed)$", re.I)
FORMER = frozenset({"former", "ex", "retired", "erstwhile", "onetime", "one-time"})
# Heads that say "someone of" an institution; they inherit its sector when one is named.
GENERIC_HEADS = frozenset(
    """official officials spokesman spokeswoman spokesperson representative member members head chief
    leader leaders officer officers staff employee employees envoy aide aides source sources agent
    gunmen fighters militants supporters loyalists""".split()
)
# Pronouns are never names, even where a surname is spelled the same ("He").
PRONOUNS = frozenset("i you he she it we they me him her us them his its our their who whom".split())
# Heads that name someone by their relation to the named actor: "U.S. allies" are
# not the U.S., "Venezuela's neighbours" are not Venezuela.
RELATIONAL = frozenset("ally allies partner partners neighbour neighbours neighbor neighbors rival rivals "
                       "adversary adversaries enemy enemies foe foes".split())
# Offices so prominent that news names their holder by surname alone, with no first
# mention: "Putin said", "Blinken met". Anyone else needs the full name first.
PROMINENT = frozenset({"head_of_state", "head_of_government", "vice_president", "foreign_minister",
                       "defence_minister", "finance_minister", "interior_minister", "justice_minister",
                       "central_bank_governor", "speaker", "igo_head"})
# How long after leaving a prominent office a surname alone still means its holder.
RECENT_YEARS = 2
# Honorifics: they say a person is meant ("Mr. West"), never who.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "madam", "sir", "dame"})
# Generational suffixes: "X Jr." is not X.
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
MAX_NGRAM = 7
# Cities this large are places before they are anyone's surname.
BIG_CITY = 1_000_000
WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?|[,;()]", re.U)


@dataclass(frozen=True, slots=True)
class Resolution:
    """An actor and how it was found; `how` names the mechanism for audit."""

    actor: Actor
    how: str
    role: str | None = None

    def as_dict(self) -> dict:
        a = self.actor
        return {"actor": {"id": a.id, "name": a.name, "country": a.country, "sector": a.sector,
                          "wikidata": a.wikidata}, "how": self.how, "role": self.role}


@dataclass(slots=True)
class _Piece:
    kind: str  # person, org, country, demonym, place, role
    start: int
    end: int
    text: str
    value: object
    in_pp: bool = False
    sponsor: bool = False
    candidates: tuple = ()  # a bare surname: the people it may be, chosen in context


@dataclass(slots=True)
class _Reading:
    pieces: list[_Piece] = field(default_factory=list)
    former: bool = False
    names: list[str] = field(default_factory=list)  # capitalised words left unexplained
    name_at: list[int] = field(default_factory=list)  # their token positions
    length: int = 0
    tokens: list[str] = field(default_factory=list)
    honorific: bool = False  # "Mr.", "Ms.": a person is meant

    def add_name(self, token: str, at: int) -> None:
        self.names.append(token)
        self.name_at.append(at)


class Resolver:
    """Phrase → Resolution, backed by a KnowledgeBase (the shipped one by default)."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or default()
        self._orgs_by_role: dict[tuple[str, str], object] | None = None
        self._offices: dict[tuple[str, str], list] | None = None
        self._lookups: dict[str, tuple[str, object]] = {}
        self._date: str | None = None
        self._regions: frozenset[str] = frozenset()

    # -- public -----------------------------------------------------------------
    def resolve(self, text: str, date: str | None = None, *, country_hint: str | None = None,
                regions: frozenset[str] = frozenset()) -> Resolution | None:
        """The actor a phrase names, or None when it names none we can place.

        `regions` holds the name keys of names that are both a country and a region of
        another country ("Georgia") that the article means as the region
        (`regions_meant`)."""
        text = " ".join(text.replace("’", "'").split())
        if not text:
            return None
        self._date = date  # surnames are disambiguated by who held office then
        self._regions = regions
        head, _, apposition = text.partition(", ")
        found = self._resolve_simple(head, date, country_hint)
        if apposition:
            described = self._resolve_simple(apposition, date, country_hint)
            found = _merge_apposition(found, described, head)
        return found

    # -- reading ----------------------------------------------------------------
    def _resolve_simple(self, text: str, date: str | None, country_hint: str | None) -> Resolution | None:
        whole = self._whole(text, date)
        if whole is not None:
            return whole
        reading = self._read(text)
        return self._compose(reading, text, date, country_hint)

    def _whole(self, text: str, date: str | None) -> Resolution | None:
        """The phrase as one name: a person, organisation, country, demonym, place."""
        stripped = _strip_fillers(text)
        kb = self.kb
        people = kb.people_named(stripped)
        if len(people) == 1:
            return Resolution(kb.person_actor(people[0], date), "dictionary:person")
        org = kb.org_by_name(stripped)
        if org is not None:
            return Resolution(kb.org_actor(org), "dictionary:org")
        iso = kb.country_by_name(stripped)
        region = self._region_meant(stripped, iso)
        if region is not None:
            return Resolution(self.country_actor(region.country), "region")
        if iso:
            return Resolution(self.country_actor(iso), "country")
        iso = kb.country_by_demonym(stripped)
        if iso:
            return Resolution(self.country_actor(iso), "demonym")
        place = kb.place_by_name(stripped)
        if place is not None and place.kind == "region" and place.country:
            return Resolution(self.country_actor(place.country), "region")
        if place is not None:
            # a capital or seat of power stands for its institution; a bloc ("the West",
            # "the Gulf states") is one actor of several states, never a person
            return Resolution(self._place_actor(place), f"metonym:{place.kind}")
        if len(stripped.split()) == 1 and stripped[:1].isupper() and stripped.lower() not in PRONOUNS:
            people = kb.people_by_surname(stripped)
            person = self.by_surname(people, date, stripped) if people else None
            if person is not None:
                return Resolution(kb.person_actor(person, date), "dictionary:surname")
        return None

    def _read(self, text: str) -> _Reading:
        tokens = WORD.findall(text)
        reading = _Reading()
        in_pp = False
        i = 0
        while i < len(tokens):
            token = tokens[i]
            low = token.lower()
            if low in PREPOSITIONS and i > 0:
                in_pp = True
                i += 1
                continue
            if token in ",;()":
                in_pp = False
                i += 1
                continue
            if low in FILLERS:
                i += 1
                continue
            if low.rstrip(".") in HONORIFICS and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
                reading.honorific = True
                i += 1
                continue
            if low in FORMER or low.startswith("ex-"):
                reading.former = True
                if low.startswith("ex-"):
                    tokens[i] = token[3:]
                    continue
                i += 1
                continue
            sponsor = SPONSOR.match(token)
            if sponsor:
                piece = self._lookup_piece(sponsor.group("who"), i, i + 1)
                if piece is not None:
                    piece.sponsor = not token.lower().endswith(LOCATING)
                    reading.pieces.append(piece)
                i += 1
                continue
            piece = self._longest(tokens, i)
            if piece is not None and piece.kind == "person" and piece.end - piece.start == 1 and (
                    reading.name_at and reading.name_at[-1] == i - 1
                    or _is_name_word(tokens, i + 1) and self.kb.role(tokens[i + 1]) is None):
                piece = None  # a surname inside a longer unknown name is not that person
                # (a capitalised role after it is no name: "the Maduro Regime", a headline)
            if piece is not None and piece.kind == "person" and piece.end < len(tokens) and (
                    tokens[piece.end].lower().rstrip(".") in GENERATIONS):
                # "Donald Trump Jr.", "Ruiz III": a namesake of another generation, not the
                # person the knowledge base holds under the shorter name
                for k in range(i, piece.end + 1):
                    reading.add_name(tokens[k], k)
                i = piece.end + 1
                continue
            if piece is not None and piece.kind in ("country", "demonym", "place", "city", "org") and (
                    reading.name_at and reading.name_at[-1] == i - 1
                    or piece.kind == "city" and _is_name_word(tokens, piece.end) and _is_name_like(self._longest(tokens, piece.end))):
                reading.add_name(token, i)  # "Latin America", "New Mexico": another proper name
                i += 1
                continue
            if piece is not None:
                piece.in_pp = in_pp
                reading.pieces.append(piece)
                i = piece.end
                continue
            if token[:1].isupper() and low not in FILLERS and low not in COMPASS:
                reading.add_name(token, i)  # "South Lebanon" is Lebanon; "South Sudan" matched whole above
            i += 1
        reading.length = len(tokens)
        reading.tokens = tokens
        return reading

    def _longest(self, tokens: list[str], i: int) -> _Piece | None:
        for n in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
            span = tokens[i:i + n]
            if any(t in ",;()" for t in span):
                continue
            piece = self._lookup_piece(" ".join(span), i, i + n)
            if piece is not None:
                return piece
        return None

    def _lookup_piece(self, phrase: str, start: int, end: int) -> _Piece | None:
        found = self._lookups.get(phrase)
        if found is None:
            found = self._lookup(phrase) or ("", None)
            if len(self._lookups) > 200_000:
                self._lookups.clear()
            self._lookups[phrase] = found
        kind, value = found
        if kind == "country":
            region = self._region_meant(phrase, value)
            if region is not None:
                return _Piece("place", start, end, phrase, region)
        if kind == "surname":
            # who a surname means depends on the title before it: chosen in _compose;
            # a town of that name is what it names when no one is meant
            people, town = value
            return _Piece("person", start, end, phrase, town, candidates=people)
        return _Piece(kind, start, end, phrase, value) if kind else None

    def _region_meant(self, name: str, iso: str | None):
        """The region a country's name stands for in this article ("Georgia" the US state)."""
        if not iso or name_key(name) not in self._regions:
            return None
        return next((p for p in self.kb.places_named(name) if p.kind == "region" and p.country
                     and p.country != iso), None)

    def regions_meant(self, places: list[str]) -> frozenset[str]:
        """Of the place names an article uses, those that name both a country and a region
        of another country and that the article means as the region: it also names a
        city in that region (Atlanta) or another region of that country (North
        Carolina). A US state is a state of the US, not the country of the same name."""
        kb = self.kb
        meant = set()
        keys = {name_key(p) for p in places}
        for name in places:
            iso = kb.country_by_name(name)
            if not iso or name_key(name) in meant:
                continue
            for region in kb.places_named(name):
                if region.kind != "region" or not region.country or region.country == iso:
                    continue
                for other in places:
                    if name_key(other) == name_key(name) or kb.country_by_name(other):
                        continue
                    if any(p.kind == "region" and p.country == region.country for p in kb.places_named(other)) \
                            or city_region(other) == (region.country, name_key(region.name)):
                        meant.add(name_key(name))
                        break
        return frozenset(meant & keys)

    def by_surname(self, people, date: str | None, surname: str = ""):
        """The one person a bare surname means with no other evidence, or None.

        Only someone so prominent on the date that the surname alone means them: a
        sitting holder of a PROMINENT office (with no date, the one whose best-known
        office is), and only one such. A surname that is also an ordinary word or a
        given name ("West", "May", "Francis") means no one without a title or a first
        name. Everyone else needs the article to have named them in full first
        (`link.ArticleLinker`); a distant namesake is worse than no actor."""
        if surname and is_common_word(surname):
            return None
        prominent = [p for p in people if self._prominent(p, date)]
        if not prominent and date is not None:
            # no one of that name holds such an office now: someone who left one lately is
            # still called by surname ("Pompeo" months after leaving office)
            prominent = [p for p in people if self._lately_prominent(p, date)]
        if len(prominent) > 1 and date is None:
            # no date: news names the current Maduro, not a Honduran president of the 2000s
            def last_end(p):
                return max((o.end or "9999") for o in p.offices if o.start or o.end)
            prominent.sort(key=last_end, reverse=True)
            if last_end(prominent[0]) > last_end(prominent[1]):
                return prominent[0]
        return prominent[0] if len(prominent) == 1 else None

    def _lately_prominent(self, person, date: str) -> bool:
        """Left a PROMINENT office within RECENT_YEARS before the date."""
        day = date[:10]
        since = f"{int(day[:4]) - RECENT_YEARS:04d}{day[4:]}"
        return any(o.role in PROMINENT and o.end and since <= o.end[:10] <= day for o in person.offices)

    def _prominent(self, person, date: str | None) -> bool:
        office = self.kb.office_on(person, date)
        return office is not None and office.role in PROMINENT and (date is not None or office.start is not None)

    def by_title(self, people, head: "_Piece", date: str | None):
        """The one person a title + surname means ("Deputy Secretary Hicks", "President
        Ruiz"): among the people of that surname, the one whose office on the date (any
        office with no date) fits the title — its sector, or a title that ends in the
        same word — and, when several fit, the one that is prominent."""
        role = head.value
        word = name_key(head.text).split()[-1] if head.text else ""
        def fits(office) -> bool:
            if office.start is None and office.end is None and date is not None:
                return False  # an undated tenure cannot say who held a title on a day
            return bool(role.sector and office.sector == role.sector
                        or word and word in name_key(office.title).split())
        fitting = []
        for person in people:
            offices = self.kb.offices_on(person, date)
            if any(fits(o) for o in offices):
                fitting.append(person)
        if len(fitting) == 1:
            return fitting[0]
        prominent = [p for p in fitting if self._prominent(p, date)]
        return prominent[0] if len(prominent) == 1 else None

    def _choose_surnames(self, r: "_Reading", date: str | None) -> None:
        """Give each bare-surname piece its person, by the title before it if any, else
        only when prominent; a surname that means no one stays an unexplained name."""
        for piece in [p for p in r.pieces if p.candidates]:
            head = next((q for q in reversed(r.pieces) if q.kind == "role" and q.end <= piece.start
                         and q.value.person and not _is_generic(q)), None)
            country = self._country_of([q for q in r.pieces if q.kind in ("country", "demonym") and q.end <= piece.start])
            body = _head_role(r.pieces)  # the phrase must be headed by the body itself
            if body is not None and (body.start < piece.end
                                     or body.value.kind not in ("org", "group") and _singular(body)):
                body = None  # "Clinton campaign chairman" is a person, not the campaign
            leaders = [p for p in piece.candidates if any(o.role in PROMINENT for o in p.offices)]
            if body is not None and leaders and len({self.kb.office_on(p).country for p in leaders}) == 1:
                # "the Bush administration", "the Obama White House" years later: the body
                # a leader of that name led, in the one country all such leaders served
                piece.value, piece.candidates = leaders[0], ()
                continue
            if head is not None and head.end == piece.start:
                person = self.by_title(piece.candidates, head, date)
            elif country is not None:
                # "Egypt's Morsi", "the Venezuelan Maduro": the namesake who served that country
                served = [p for p in piece.candidates if any(o.country == country for o in p.offices)]
                if len(served) > 1:
                    served = [p for p in served if self._prominent(p, date)]
                person = served[0] if len(served) == 1 else None
            else:
                # after "Mr."/"Ms." a common word is a name, but still needs prominence
                person = self.by_surname(piece.candidates, date, "" if r.honorific else piece.text)
            if person is not None:
                piece.value, piece.candidates = person, ()
                continue
            if piece.value is not None and not leaders:  # "Cleveland", "Lincoln": the town, no one's surname
                piece.kind, piece.candidates = "city", ()
                continue
            r.pieces.remove(piece)
            r.add_name(piece.text, piece.start)
        order = sorted(range(len(r.name_at)), key=lambda k: r.name_at[k])
        r.names = [r.names[k] for k in order]
        r.name_at = [r.name_at[k] for k in order]

    def _lookup(self, phrase: str) -> tuple[str, object] | None:
        """What a phrase names in the knowledge base, by kind; cached per phrase
        because the same words recur in every article (it does not depend on dates)."""
        kb = self.kb
        if phrase.lower() in FILLERS:
            return None
        capitalised = phrase[:1].isupper()
        if capitalised and " " in phrase:
            people = kb.people_named(phrase)
            if len(people) == 1:
                return "person", people[0]
        if capitalised or " " in phrase:
            org = kb.org_by_name(phrase)
            if org is not None and (capitalised or org.kind not in ("ministry", "agency", "military", "police")):
                return "org", org
        iso = kb.country_by_name(phrase) if capitalised else None
        if iso:
            return "country", iso
        iso = kb.country_by_demonym(phrase) if capitalised else None
        if iso:
            return "demonym", iso
        if capitalised:
            place = kb.place_by_name(phrase)
            if place is not None and place.kind != "bloc":  # a bloc only as a whole phrase
                return "place", place
            found = city(phrase)
            if found and not (found[1] < BIG_CITY and " " not in phrase and kb.people_by_surname(phrase)):
                # A known politician's surname outweighs a mid-size town of that name
                # ("the Bush administration" is not a town in Egypt); big cities stay places.
                return "city", found[0]
        role = kb.role(phrase)
        if role is not None:
            return "role", role
        if phrase.lower() in GENERIC_HEADS:
            # "members of SANDF": a head that only says "someone of" the body named next
            return "role", Role(phrase.lower(), None, "group", None, phrase.lower().endswith("s") is False,
                                "newsgraph: generic head")
        if capitalised and " " not in phrase and phrase.lower() not in PRONOUNS:
            people = kb.people_by_surname(phrase)
            if people:
                town = city(phrase)
                return "surname", (tuple(people), town[0] if town else None)
        return None

    # -- composing ----------------------------------------------------------------
    def _compose(self, r: _Reading, text: str, date: str | None, hint: str | None) -> Resolution | None:
        kb = self.kb
        self._choose_surnames(r, date)
        own = [p for p in r.pieces if not p.sponsor]
        head = _head_role(own)
        # A person named inside a prepositional phrase is someone else ("allies of
        # Maduro") unless the name ends the phrase after a title ("Ambassador to
        # Peru Tomas Ibarra").
        people = [p for p in own if p.kind == "person" and not self._title_clash(p, head, date)
                  and (not p.in_pp or p.end == r.length and head is not None and head.value.person
                       and head.start < p.start)]
        if people and head is not None and head.start > people[-1].start and (
                head.value.kind in ("org", "group") or not _singular(head)):
            # "Maduro's regime", "the Trump administration": the body the person leads.
            leader = kb.person_actor(people[-1].value, date)
            return self._institution(leader.country, head, "role+person")
        if people:
            actor = kb.person_actor(people[-1].value, date)
            if date is None and head is not None and head.value.sector and actor.sector != head.value.sector:
                actor = self._as_titled(people[-1].value, head.value.sector) or actor
            if r.former and actor.sector not in (None, "ELI"):
                actor = _with(actor, sector="ELI")
            how = "dictionary:person+title" if head else "dictionary:person"
            return Resolution(actor, how, head.text.lower() if head else None)
        country = self._country_of(own) or hint
        if r.honorific and head is None and r.names and r.name_at[-1] == r.length - 1:
            # "Mr. Gingrich" with no full name before it: a person the text names,
            # unknown to us — never a namesake from the knowledge base
            name = " ".join(r.names[k] for k in range(len(r.names)) if r.name_at[k] >= r.length - len(r.names))
            return Resolution(Actor(_slug(name), name, country, None), "name+honorific")
        orgs = [p for p in own if p.kind == "org"]
        named_org = [p for p in orgs if not p.in_pp]
        if named_org and (head is None or head.start < named_org[-1].start):
            last = named_org[-1]
            if len(named_org) > 1 and named_org[-2].end == last.start:
                # "Shin Bet Security Service", "Xinhua News Agency": a name, then words
                # describing it that happen to be another body's alias
                last = named_org[-2]
            return self._org_resolution(last, own)
        if head is None:
            places = [p for p in own if p.kind == "place" and not p.in_pp]
            places = [p for p in places if p.value.kind != "region"]
            if places:
                return Resolution(self._place_actor(places[0].value), f"metonym:{places[0].value.kind}")
            cities = [p for p in own if p.kind == "city" and not p.in_pp]
            if cities and len(own) == 1:
                # A city that acts or suffers ("Mariupol was shelled") stands for its people.
                return Resolution(self.sector_actor(cities[0].value, "CVL"), "city")
            if country:
                return Resolution(self.country_actor(country), "country")
            return None
        if head.text.lower().split()[-1] in RELATIONAL:
            return None
        # A role heads the phrase. "President of the Riigikogu", "Gazprom spokesman":
        # a leader or member of a named body belongs to that body's sector.
        body = _body_of(head, own)
        igo = [p for p in own if p.kind == "org" and p.value.kind == "igo" and p.end <= head.start and not p.in_pp]
        if (body is None and igo and not self._country_of(own) and not (people and head.value.person)
                and head.value.sector not in ("LEG", "JUD")):  # the body's own assembly or court keeps its branch
            # "UN peacekeepers", "NATO troops", "EU foreign ministers": the people an
            # international body sends or convenes act for it, wherever they are
            return Resolution(self.kb.org_actor(igo[-1].value), "role+igo", head.text.lower())
        sector = body.value.sector if body is not None and body.value.sector else _sector_for(head, own)
        if body is not None and body.kind == "org" and body.value.country and body.value.kind != "igo":
            country = country if country and not body.in_pp else body.value.country
        role = head.value
        if r.former and role.person:
            sector = "ELI"
        name = _unknown_name(r, head) if role.person else None
        if name:
            actor = Actor(_slug(name), name, country, sector)
            return Resolution(actor, "title+nationality" if country else "title", head.text.lower())
        if role.person and country and date and not r.former and _singular(head):
            holder = self.office_holder(country, head.text, date)
            if holder is not None:
                return Resolution(holder, "office-holder", head.text.lower())
        if body is None and not role.person:
            return self._institution(country, head, "role+country" if country else "role", sector)
        if country:
            return Resolution(self.sector_actor(country, sector), "role+country", head.text.lower())
        actor = Actor(_group_id(None, sector, head.text), head.text.lower(), None, sector)
        return Resolution(actor, "role", head.text.lower())

    def _institution(self, country: str | None, head: _Piece, how: str, sector: str | None = None) -> Resolution:
        return self.institution(country, head.text, how, sector or head.value.sector)

    def institution(self, country: str | None, phrase: str, how: str, sector: str | None = None) -> Resolution:
        """A body named by role and country: the knowledge base's own entry when it has
        one ("Russia's Foreign Ministry" is the ministry listed for RUS), else the
        country's sector as a whole (RUS GOV)."""
        role = self.kb.role(phrase)
        sector = sector or (role.sector if role else None)
        if country:
            org = self._org_index().get((country, name_key(phrase)))
            if org is not None:
                return Resolution(self.kb.org_actor(org), how.replace("role", "dictionary:org+role", 1), phrase.lower())
        if country:
            return Resolution(self.sector_actor(country, sector), how, phrase.lower())
        actor = Actor(_group_id(country, sector, phrase), phrase.lower(), None, sector)
        return Resolution(actor, how, phrase.lower())

    def _org_index(self) -> dict[tuple[str, str], object]:
        """(country, generic name) → org: "Russian Foreign Ministry" is RUS's "foreign ministry"."""
        if self._orgs_by_role is None:
            index: dict[tuple[str, str], object] = {}
            for org in self.kb.orgs:
                if not org.country:
                    continue
                for name in org.names:
                    words = name_key(name).split()
                    for cut in range(0, min(3, len(words))):
                        lead = " ".join(words[:cut])
                        if cut and not (self.kb.country_by_name(lead) or self.kb.country_by_demonym(lead)):
                            continue
                        index.setdefault((org.country, " ".join(words[cut:])), org)
            self._orgs_by_role = index
        return self._orgs_by_role

    def office_holder(self, country: str, title: str, date: str) -> Actor | None:
        """The one person holding that office in that country on that date ("the
        Venezuelan president" in 2019 is Maduro), or None when not exactly one."""
        holders = {o.person_id for o in self._office_index().get((country, _office_key(title)), ())
                   if o.covers(date[:10])}
        if len(holders) != 1:
            return None
        return self.kb.person_actor(holders.pop(), date)

    def _office_index(self) -> dict[tuple[str, str], list]:
        if self._offices is None:
            index: dict[tuple[str, str], list] = {}
            for person in self.kb.people:
                for office in person.offices:
                    if not office.country or office.acting:
                        continue
                    keys = {_office_key(office.title), _office_key(office.role.replace("_", " "))}
                    for key in keys:
                        index.setdefault((office.country, key), []).append(office)
            self._offices = index
        return self._offices

    def _as_titled(self, person, sector: str) -> Actor | None:
        """With no date, a title says which office is meant ("Cuban dictator Raúl
        Castro" is the head of state, not the later party leader)."""
        offices = [o for o in person.offices if o.sector == sector]
        if not offices:
            return None
        office = max(offices, key=lambda o: o.end or "9999")
        return Actor(person.person_id, person.name, office.country, office.sector, person.wikidata, person.aliases)

    def _title_clash(self, person: _Piece, head: _Piece | None, date: str | None) -> bool:
        """A surname alone under a title of another sector is someone else ("Pope
        Francis" is not a UN official named Francis)."""
        if head is None or person.end - person.start > 1 or not head.value.person or head.start > person.start:
            return False
        actor = self.kb.person_actor(person.value, date)
        return bool(actor.sector and head.value.sector and actor.sector != head.value.sector
                    and not _is_generic(head))

    def _org_resolution(self, piece: _Piece, pieces: list[_Piece]) -> Resolution:
        """A named organisation; an explicit other country makes its name a generic
        institution of that country ("Chile's Defense Department")."""
        org = piece.value
        actor = self.kb.org_actor(org)
        if org.kind == "igo":
            return Resolution(actor, "dictionary:org")
        explicit = self._country_of([p for p in pieces if p is not piece and p.kind in ("country", "demonym", "place")])
        if explicit and org.country and explicit != org.country:
            return Resolution(Actor(_slug(f"{explicit} {piece.text}"), f"{piece.text} ({explicit})", explicit, org.sector),
                              "institution+country")
        if explicit and org.country is None:
            actor = _with(actor, country=explicit)
        return Resolution(actor, "dictionary:org")

    def _country_of(self, pieces: list[_Piece]) -> str | None:
        """The first country named outside a prepositional phrase, else inside one."""
        for want_pp in (False, True):
            for p in pieces:
                if p.in_pp != want_pp:
                    continue
                if p.kind in ("country", "demonym", "city"):
                    return p.value
                if p.kind == "place" and p.value.country:
                    return p.value.country
                if p.kind == "org" and p.value.country and p.value.kind != "igo":
                    return p.value.country
        return None

    def country_actor(self, iso: str) -> Actor:
        country = self.kb.country(iso)
        return Actor(iso, country.name if country else iso, iso, None)

    def _place_actor(self, place) -> Actor:
        """A capital or seat of power stands for the institution it houses."""
        sector = place.sector or ("GOV" if place.kind in ("capital", "seat_of_power") else None)
        if place.country and place.kind in ("capital", "seat_of_power"):
            return self.sector_actor(place.country, sector)
        return Actor(_slug(place.name), place.name, place.country, sector)

    def sector_actor(self, country: str, sector: str | None) -> Actor:
        """A country's sector as one actor: RUS GOV is "Government of Russia".

        When the knowledge base lists that body itself (an org named "Government of
        Venezuela"), its entry is the one actor, so every path lands on one id.
        """
        for body in SECTOR_BODIES.get(sector or "", ()):
            org = self._org_index().get((country, body))
            if org is not None:
                return self.kb.org_actor(org)
        c = self.kb.country(country)
        cname = c.name if c else country
        label = SECTOR_NAMES.get(sector or "", sector or "")
        return Actor(_group_id(country, sector, ""), f"{label} of {cname}" if label else cname, country, sector)


# -- helpers ------------------------------------------------------------------------

def _head_role(pieces: list[_Piece]) -> _Piece | None:
    """The role that heads the phrase: the last role outside a prepositional phrase
    ("Deputy Minister of Defense" is a deputy minister), or the first inside one."""
    outside = [p for p in pieces if p.kind == "role" and not p.in_pp]
    if outside:
        return outside[-1]
    inside = [p for p in pieces if p.kind == "role"]
    return inside[0] if inside else None


# Heads that lead or speak for a body: "president of X" is X's, not a head of state.
LEADS = frozenset(
    """president chairman chairwoman chair head leader director secretary-general secretary general
    spokesman spokeswoman spokesperson member members chief executive ceo founder commander""".split()
)


def _body_of(head: _Piece, pieces: list[_Piece]) -> _Piece | None:
    """The organisation a leading or generic head belongs to: right after it in an
    "of/for" phrase ("president of the Riigikogu"), or just before it ("Gazprom spokesman")."""
    word = head.text.lower().split()[-1]
    if word not in LEADS and word not in GENERIC_HEADS:
        return None
    after = [p for p in pieces if p.start >= head.end and p.kind == "org"]
    if after and after[0].in_pp:
        return after[0]
    before = [p for p in pieces if p.end <= head.start and p.kind in ("org", "place") and not p.in_pp]
    return before[-1] if before else None


def _is_generic(piece: _Piece) -> bool:
    return piece.text.lower().split()[-1] in GENERIC_HEADS


def _sector_for(head: _Piece, pieces: list[_Piece]) -> str | None:
    """A generic head takes the sector of a more specific role or institution before it."""
    if _is_generic(head):
        for p in reversed([q for q in pieces if q.start < head.start]):
            if p.kind == "role" and p.value.sector and not _is_generic(p):
                return p.value.sector
            if p.kind in ("org", "place") and p.value.sector:
                return p.value.sector
    return head.value.sector


def _unknown_name(r: _Reading, title: "_Piece | None" = None) -> str | None:
    """The run of capitalised words the knowledge base did not explain that ends the
    phrase: a person's name ("… Ambassador to Peru Tomas Ibarra"), or a surname right
    after a person's title ("Gen. Whitfield": one person, not every general).
    Unexplained words elsewhere ("professor at the University of St. Andrews in
    Scotland") name something else."""
    if not r.name_at or r.name_at[-1] != r.length - 1:
        return None
    run = [r.names[-1]]
    for k in range(len(r.name_at) - 2, -1, -1):
        if r.name_at[k] != r.name_at[k + 1] - 1:
            break
        run.insert(0, r.names[k])
    first = r.name_at[-len(run)]
    if first > 0 and r.tokens[first - 1].lower() in ("the", "of"):
        return None  # "President of the Human Rights League": a body, not a person
    if len(run) >= 2 or len(run[0]) > 2 and "-" in run[0]:
        return " ".join(run)
    if title is not None and title.end == first and len(run[0]) > 1:
        return run[0]
    return None


def _office_key(title: str) -> str:
    """Titles compared as one spelling: "Defense Minister" is "defence minister"."""
    key = name_key(title).replace("defense", "defence")
    return {"head of state": "president", "head of government": "prime minister"}.get(key, key)


def _singular(head: _Piece) -> bool:
    return name_key(head.text) == name_key(head.value.phrase)


def _is_name_like(piece: _Piece | None) -> bool:
    """Nothing known, or only a one-word surname: the rest of someone's name."""
    return piece is None or piece.kind == "person" and piece.end - piece.start == 1


def _is_name_word(tokens: list[str], i: int) -> bool:
    return 0 <= i < len(tokens) and tokens[i][:1].isupper() and tokens[i].lower() not in FILLERS


def _strip_fillers(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in FILLERS:
        words.pop(0)
    return " ".join(words)


def _merge_apposition(found: Resolution | None, described: Resolution | None, head: str) -> Resolution | None:
    """"Harry Tseng, Taiwan's deputy foreign minister": the name with the description's place."""
    if described is None:
        return found
    head_names = [w for w in head.split() if w[:1].isupper()]
    if found is None and len(head_names) < 2 and not described.how.startswith(("role", "title", "dictionary:person")):
        return described  # "U.S. allies Brazil and Colombia": the apposition names the actor
    if found is None or found.actor.country is None and found.actor.sector is None:
        a = described.actor
        name = " ".join(w for w in head.split() if w[:1].isupper()) or a.name
        return Resolution(Actor(_slug(name), name, a.country, a.sector), "apposition", described.role)
    if found.how in ("role", "role+country") and described.how.startswith(("dictionary:", "title")):
        return Resolution(described.actor, described.how + "+apposition", found.role)  # "the prime minister, Rutte"
    if found.actor.id == found.actor.country:
        return found  # "Norway, a large donor to the fund": a state stays the state, whatever it is called
    if found.actor.country is None or found.actor.sector is None:
        a = found.actor
        return Resolution(_with(a, country=a.country or described.actor.country,
                                sector=a.sector or described.actor.sector), found.how + "+apposition", found.role)
    return found


def _with(actor: Actor, **changes) -> Actor:
    return replace(actor, **changes)


def _slug(text: str) -> str:
    return "-".join(name_key(text).replace("'", "").split()) or "unknown"


def _group_id(country: str | None, sector: str | None, role: str) -> str:
    """RUS GOV → "rus-gov"; with no country the role names the group ("role-protesters")."""
    if country:
        return "-".join(x for x in (country, sector) if x).lower()
    return f"role-{_slug(role)}"


# What a country's sector as a whole is called, to find it in the organisations table.
SECTOR_BODIES = {"GOV": ("government",), "MIL": ("armed forces", "military")}

SECTOR_NAMES = {
    "GOV": "Government", "MIL": "Military", "LEG": "Legislature", "JUD": "Judiciary", "OPP": "Opposition",
    "COP": "Police", "SPY": "Intelligence services", "PTY": "Parties", "BUS": "Business", "MED": "Media",
    "CVL": "Civilians", "REB": "Rebels", "NGO": "NGOs", "ELI": "Elites", "EDU": "Education",
    "REL": "Religious groups", "HLH": "Health sector", "LAB": "Labour", "AGR": "Agriculture",
    "REF": "Refugees", "CRM": "Criminals", "UAF": "Armed groups", "IGO": "International organisations",
}
