"""The event lexicon: predicates that news uses for political events, coded in CAMEO and PLOVER.

The coder finds a predicate in the parse (a verb lemma with its particle, the
preposition that introduces its target or charge, and the head of its object; or an
event noun with its preposition and complement) and asks ``EventLexicon`` what it
means. The words are data (``knowledge/data/events/``, format in
``docs/events-lexicon.md``): a newsroom's own verbs are a line in a table, not code.

Lookups pick the most specific row that matches (an object class beats a
preposition, which beats the bare lemma), and ignore British/American spelling
("recognise" finds "recognize"). The codebook figures per CAMEO code (label,
Goldstein score, quad class, PLOVER type) come from ``cameo_codes.tsv``, generated
from the published codebook by ``build_codes_table``.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import NewsgraphError

EVENTS_DIR = Path(__file__).parent / "data" / "events"

VERB_HEADER = ("lemma", "particle", "prep", "object", "cameo", "plover", "mode", "status", "wraps", "note")
NOUN_HEADER = ("lemma", "prep", "complement", "cameo", "plover", "mode", "note")
CLASS_HEADER = ("class", "members", "note")
CODE_HEADER = ("code", "root", "label", "goldstein", "goldstein_gdelt", "quad_class", "plover", "plover_mode")

# Words the prep and particle columns may hold (the checker enforces them).
PREPOSITIONS = frozenset(
    "about above across after against along alongside amid among as at before behind between by despite "
    "during for from in inside into like near of off on onto out outside over past per through throughout "
    "to toward towards under until upon via with within without".split()
)
PARTICLES = frozenset(
    "up down out off in on over back away through along about around across forward ahead apart aside "
    "together by".split()
)

STATUSES = frozenset({"done", "intended", "threatened", "claimed"})
# What a wrapper verb hands to the coder: its open clausal complement ("vowed to
# retaliate") or its finite complement clause ("claimed that rebels attacked").
WRAPS = frozenset({"xcomp", "ccomp"})

# PLOVER event types and their modes, as the PLOVER codebook (NGEC 2025) lists them.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "ban", "arrest", "relations", "rights", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "ban", "censor", "curfew", "arrest", "deport", "withhold",
                         "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                          "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                          "crowd-control", "cleansing", "massacre", "unconventional"}),
}
PLOVER_TYPES = frozenset(PLOVER_MODES)

# PLOVER types a row may give for a CAMEO root beyond those the CAMEO→PLOVER map
# lists for that root. The map (2021) leaves appeals (02) unmapped, though
# PLOVER's REQUEST covers them; and codes economic sanctions (163) as COERCE,
# though the 2025 codebook's SANCTION (curtail commercial exchanges) fits them.
# Public statements (01) have no PLOVER type: their rows leave it empty.
EXTRA_PLOVER: dict[str, frozenset[str]] = {
    "02": frozenset({"REQUEST"}),
    "16": frozenset({"SANCTION", "COERCE"}),
    "08": frozenset({"CONCEDE", "RETREAT"}),
    "17": frozenset({"SANCTION"}),  # court convictions (SANCTION convict) sit under arrest/charge (173)
    "11": frozenset({"SANCTION"}),  # guilty verdicts (116) are SANCTION convict in the 2025 codebook
}

# CAMEO root labels: the codebook table leaves most root rows unlabelled.
ROOT_LABELS = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject",
    "13": "Threaten", "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations",
    "17": "Coerce", "18": "Assault", "19": "Fight", "20": "Use unconventional mass violence",
}

# Modes of the 2021 map that the 2025 codebook renamed; others it dropped ("ease").
_MODE_RENAMES = {("THREATEN", "political"): "rights", ("COERCE", "martial-law"): "curfew"}

# Whole-word spelling pairs the suffix rules below do not reach (British → key form).
_SPELLINGS = {
    "judgement": "judgment", "enrol": "enroll", "fulfil": "fulfill", "instil": "instill",
    "practise": "practice", "defence": "defense", "offence": "offense", "licence": "license",
    "programme": "program", "manoeuvre": "maneuver", "pretence": "pretense", "cheque": "check",
    "catalogue": "catalog", "dialogue": "dialog", "storey": "story", "centre": "center",
    "theatre": "theater", "metre": "meter", "kidnapping": "kidnaping", "worshipping": "worshiping",
}
_SUFFIXES = (
    (re.compile(r"isation$"), "ization"), (re.compile(r"isations$"), "izations"),
    (re.compile(r"ise$"), "ize"), (re.compile(r"yse$"), "yze"),
    (re.compile(r"([^aeiou])our$"), r"\1or"), (re.compile(r"([^aeiou])ours$"), r"\1ors"),
)


@functools.lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """One key for British and American spellings ("recognise", "recognize" → "recognize").

    Hyphens and underscores count as spaces ("cease-fire" is "cease fire").

    Applied to the data and to every query alike, so a word that the rules bend
    oddly ("promise" → "promize") still meets itself; only two real words made
    equal would collide, and the checker reports that as a duplicate.
    """
    word = " ".join(word.lower().replace("_", " ").replace("-", " ").split())
    word = _SPELLINGS.get(word, word)
    for pattern, replacement in _SUFFIXES:
        word = pattern.sub(replacement, word)
    return word


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: a predicate pattern and its event coding."""

    kind: str  # "verb" or "noun"
    lemma: str
    particle: str
    prep: str
    object: tuple[str, ...]  # object (verbs) or complement (nouns) head lemmas; () matches any
    cameo: str
    plover: str  # "" for public statements (CAMEO 01), which PLOVER does not code
    mode: str
    status: str
    wraps: str
    note: str
    line: int

    @property
    def specificity(self) -> int:
        """How much of the context the row constrains: an object outweighs a preposition."""
        return 2 * bool(self.object) + bool(self.prep)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """The codebook figures for one CAMEO code."""

    code: str
    root: str
    label: str
    goldstein: float | None
    goldstein_gdelt: float | None
    quad_class: int | None
    plover: str
    plover_mode: str


def read_table(path: Path, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a lexicon TSV as (line, {column: cell}); a bad header or cell count is E190.

    ``#`` lines are comments. Cells are stripped; short rows are an error, not padded,
    so a missing tab cannot silently shift every column.
    """
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            numbered = [(n, line.rstrip("\r\n")) for n, line in enumerate(handle, 1)
                        if line.strip() and not line.startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsgraphError("E190", path=path, line=0, reason=exc) from exc
    if not numbered:
        raise NewsgraphError("E190", path=path, line=0, reason="empty table")
    first, head = numbered[0]
    found = tuple(cell.strip() for cell in head.split("\t"))
    if found != header:
        raise NewsgraphError("E190", path=path, line=first,
                             reason=f"header must be {' '.join(header)}, got {' '.join(found)}")
    rows = []
    for number, text in numbered[1:]:
        cells = [cell.strip() for cell in text.split("\t")]
        if len(cells) != len(header):
            raise NewsgraphError("E190", path=path, line=number,
                                 reason=f"{len(cells)} cells, the header has {len(header)}")
        rows.append((number, dict(zip(header, cells))))
    return rows


def load_classes(path: Path) -> dict[str, tuple[str, ...]]:
    """Object classes (``@name`` in an object cell) → their member lemmas."""
    return {row["class"]: tuple(m.strip() for m in row["members"].split("|") if m.strip())
            for _, row in read_table(path, CLASS_HEADER)}


def expand_objects(cell: str, classes: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """An object cell ("deal|treaty", "@agreement", mixed) → spelling keys; unknown classes raise KeyError."""
    members: list[str] = []
    for part in (p.strip() for p in cell.split("|")):
        if not part:
            continue
        members.extend(classes[part[1:]] if part.startswith("@") else (part,))
    return tuple(dict.fromkeys(spelling_key(m) for m in members))


class EventLexicon:
    """Verb and noun patterns with the CAMEO codebook, indexed by lemma for fast lookup."""

    def __init__(self, verbs: Iterable[Entry], nouns: Iterable[Entry], codes: dict[str, CameoCode],
                 classes: dict[str, tuple[str, ...]] | None = None) -> None:
        self.codes = codes
        self.classes = classes or {}
        self._verbs: dict[tuple[str, str], list[Entry]] = {}
        self._nouns: dict[str, list[Entry]] = {}
        self.verb_entries = tuple(verbs)
        self.noun_entries = tuple(nouns)
        for entry in self.verb_entries:
            self._verbs.setdefault((spelling_key(entry.lemma), entry.particle), []).append(entry)
        for entry in self.noun_entries:
            self._nouns.setdefault(spelling_key(entry.lemma), []).append(entry)

    @classmethod
    def from_dir(cls, folder: str | Path = EVENTS_DIR) -> EventLexicon:
        """Read ``verbs.tsv``, ``nouns.tsv``, ``object_classes.tsv`` and ``cameo_codes.tsv`` from a folder."""
        folder = Path(folder)
        classes = load_classes(folder / "object_classes.tsv")
        codes = load_codes(folder / "cameo_codes.tsv")
        verbs = [_entry("verb", path, line, row, classes)
                 for path in [folder / "verbs.tsv"] for line, row in read_table(path, VERB_HEADER)]
        nouns = [_entry("noun", path, line, row, classes)
                 for path in [folder / "nouns.tsv"] for line, row in read_table(path, NOUN_HEADER)]
        return cls(verbs, nouns, codes, classes)

    def verb(self, lemma: str, particle: str | None = None, prep: str | None = None,
             object: str | None = None) -> Entry | None:
        """The most specific verb row for this context, or None.

        The particle must match exactly (absent means none: "back down" is not
        "back"); a row's preposition and object, when it has them, must match
        the query; among matches the most specific wins, then the earliest row.
        """
        rows = self._verbs.get((spelling_key(lemma), (particle or "").lower()), ())
        return _best(rows, prep, object)

    def in_class(self, lemma: str, *names: str) -> bool:
        """Whether a head lemma belongs to one of these object classes ("home" is @property)."""
        key = spelling_key(lemma)
        return any(key in self._class_keys(name) for name in names)

    def _class_keys(self, name: str) -> frozenset[str]:
        cache = self.__dict__.setdefault("_class_cache", {})
        if name not in cache:
            cache[name] = frozenset(spelling_key(m) for m in self.classes.get(name, ()))
        return cache[name]

    def noun(self, lemma: str, prep: str | None = None, complement: str | None = None) -> Entry | None:
        """The most specific event-noun row ("talks" + "with"; "imposition" + "of" + "sanction")."""
        return _best(self._nouns.get(spelling_key(lemma), ()), prep, complement)

    def code(self, cameo: str) -> CameoCode:
        try:
            return self.codes[cameo]
        except KeyError:
            raise NewsgraphError("E191", cameo=cameo) from None

    def label(self, cameo: str) -> str:
        return self.code(cameo).label

    def goldstein(self, cameo: str, scale: str = "cameo") -> float | None:
        """Goldstein score: the CAMEO scale, or GDELT's lookup (``scale="gdelt"``) where they differ."""
        code = self.code(cameo)
        return code.goldstein_gdelt if scale == "gdelt" else code.goldstein

    def quad_class(self, cameo: str) -> int | None:
        return self.code(cameo).quad_class

    def intended(self, cameo: str) -> str:
        """The CAMEO code for a promise of this act ("pledged to send aid" → 033x)."""
        return _derived(cameo, recoding()["intended"], self.codes)

    def threatened(self, cameo: str) -> str:
        """The CAMEO code for a threat of this act ("threatened sanctions" → 1312)."""
        return _derived(cameo, recoding()["threatened"], self.codes)


WORD_CLASS_HEADER = ("name", "kind", "members", "note")
RECODING_HEADER = ("kind", "from", "to", "note")
WORD_KINDS = ("words", "codes", "types", "classes")


@functools.lru_cache(maxsize=4)
def word_classes(path: str | Path = EVENTS_DIR / "word_classes.tsv") -> dict[str, frozenset[str] | tuple[str, ...]]:
    """The word classes the event rules read (name → members): code prefixes as a tuple
    (for ``str.startswith``), everything else as a set."""
    out: dict[str, frozenset[str] | tuple[str, ...]] = {}
    for line, row in read_table(Path(path), WORD_CLASS_HEADER):
        if row["kind"] not in WORD_KINDS:
            raise NewsgraphError("E190", path=path, line=line, reason=f"kind must be one of {', '.join(WORD_KINDS)}")
        if row["name"] in out:
            raise NewsgraphError("E195", key=row["name"], line=line)
        members = row["members"].split()
        out[row["name"]] = tuple(members) if row["kind"] == "codes" else frozenset(members)
    return out


@functools.lru_cache(maxsize=4)
def recoding(path: str | Path = EVENTS_DIR / "recoding.tsv") -> dict[str, dict[str, str]]:
    """kind (intended, threatened, refused) → {CAMEO code prefix → the code it becomes}."""
    out: dict[str, dict[str, str]] = {}
    for line, row in read_table(Path(path), RECODING_HEADER):
        if not (row["from"].isdigit() and row["to"].isdigit()):
            raise NewsgraphError("E190", path=path, line=line, reason="from and to must be CAMEO codes")
        out.setdefault(row["kind"], {})[row["from"]] = row["to"]
    return out


def _derived(cameo: str, table: dict[str, str], codes: dict[str, CameoCode]) -> str:
    for length in range(len(cameo), 0, -1):
        found = table.get(cameo[:length])
        if found and found in codes:
            return found
    return cameo


def _best(rows: Iterable[Entry], prep: str | None, obj: str | None) -> Entry | None:
    prep = (prep or "").lower()
    key = spelling_key(obj) if obj else ""
    best: Entry | None = None
    for entry in rows:
        if entry.prep and entry.prep != prep:
            continue
        if entry.object and key not in entry.object:
            continue
        if best is None or entry.specificity > best.specificity:
            best = entry
    return best


def _entry(kind: str, path: Path, line: int, row: dict[str, str], classes: dict[str, tuple[str, ...]]) -> Entry:
    cell = row.get("object", row.get("complement", ""))
    try:
        objects = expand_objects(cell, classes)
    except KeyError as exc:
        raise NewsgraphError("E198", name=exc.args[0]) from None
    return Entry(
        kind=kind, lemma=row["lemma"].lower(), particle=row.get("particle", "").lower(),
        prep=row["prep"].lower(), object=objects, cameo=row["cameo"], plover=row["plover"],
        mode=row["mode"], status=row.get("status") or "done", wraps=row.get("wraps", ""),
        note=row["note"], line=line,
    )


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def load_codes(path: Path) -> dict[str, CameoCode]:
    """The CAMEO codes table (generated by ``build_codes_table``)."""
    return {
        row["code"]: CameoCode(
            row["code"], row["root"], row["label"], _float(row["goldstein"]), _float(row["goldstein_gdelt"]),
            int(row["quad_class"]) if row["quad_class"] else None, row["plover"], row["plover_mode"],
        )
        for _, row in read_table(path, CODE_HEADER)
    }


def build_codes_table(source: str | Path) -> str:
    """The text of ``cameo_codes.tsv``, built from the shared codebook CSV (``cameo_codes.csv``).

    Codes with no label anywhere are placeholders and are left out. A missing
    Goldstein score falls back to GDELT's lookup, then to the parent code's; a
    missing PLOVER type to the parent's. Modes are the 2025 codebook's names.
    """
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = [
        "# CAMEO codes with their codebook figures: label, Goldstein score (CAMEO scale; GDELT's",
        "# lookup beside it), Phoenix quad class, and the PLOVER type/mode of the CAMEO->PLOVER map.",
        "# Source: the CAMEO 1.1b3 codebook (Gerner, Schrodt et al.), GDELT's Goldstein lookup and",
        "# Schrodt's CAMEO2PLOVER table (2021), as compiled in the shared codebook cameo_codes.csv.",
        "# Generated by newsgraph.knowledge.events.build_codes_table; do not edit by hand.",
        "\t".join(CODE_HEADER),
    ]
    done: dict[str, tuple[str, str, str, str]] = {}
    for row in rows:
        code, root = row["cameo_code"], row["root_code"]
        label = row["label"] or row["label_icews_variant"] or (ROOT_LABELS.get(code, "") if code == root else "")
        if not label:
            continue
        parent = done.get(code[:-1], ("", "", "", "")) if len(code) > 2 else ("", "", "", "")
        goldstein = row["goldstein_cameo_scale"] or row["goldstein_gdelt_lookup"] or parent[0]
        gdelt = row["goldstein_gdelt_lookup"] or goldstein
        plover = row["plover_2021"] or (parent[2] if len(code) > 3 else "")
        mode = row["plover_mode"].strip() if row["plover_2021"] else (parent[3] if len(code) > 3 else "")
        mode = _MODE_RENAMES.get((plover, mode), mode)
        if mode not in PLOVER_MODES.get(plover, ()):
            mode = ""
        done[code] = (goldstein, gdelt, plover, mode)
        lines.append("\t".join((code, root, label.strip(), goldstein, gdelt, row["phoenix_quad_class"],
                                plover, mode)))
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=1)
def default() -> EventLexicon:
    """The shipped lexicon, read once per process."""
    return EventLexicon.from_dir(EVENTS_DIR)
