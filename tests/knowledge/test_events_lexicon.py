"""The event lexicon: lookups by specificity and spelling, the checker's rules, the shipped data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.knowledge.check_events import check_events, main
from newsgraph.knowledge.events import EVENTS_DIR, EventLexicon, build_codes_table, default, spelling_key

SHARED_CODEBOOK = Path(__file__).resolve().parents[3] / "shared" / "codebooks" / "cameo_codes.csv"


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return default()


def test_object_beats_preposition_beats_bare_lemma(lexicon: EventLexicon) -> None:
    assert lexicon.verb("sign", object="treaty").cameo == "057"
    assert lexicon.verb("impose", prep="on", object="sanction").cameo == "163"
    assert lexicon.verb("send", object="troop").plover == "MOBILIZE"
    assert lexicon.verb("send", object="medicine").cameo == "073"
    assert lexicon.verb("accuse", prep="of", object="espionage").cameo == "1125"
    assert lexicon.verb("accuse", prep="of").cameo == "112"
    assert lexicon.verb("accuse").cameo == "112"


def test_particle_must_match(lexicon: EventLexicon) -> None:
    assert lexicon.verb("back", "down").plover == "CONCEDE"
    assert lexicon.verb("back").plover == "SUPPORT"
    assert lexicon.verb("pull", "out", "of").plover == "RETREAT"
    assert lexicon.verb("step", "sideways") is None


def test_both_spellings(lexicon: EventLexicon) -> None:
    assert lexicon.verb("recognise") == lexicon.verb("recognize")
    assert lexicon.verb("recognise").cameo == "054"
    assert lexicon.noun("mobilisation") == lexicon.noun("mobilization")
    assert spelling_key("Cease-fire") == "cease fire"


def test_wrappers_and_status(lexicon: EventLexicon) -> None:
    pledge = lexicon.verb("pledge")
    assert (pledge.status, pledge.wraps, pledge.plover) == ("intended", "xcomp", "AGREE")
    threaten = lexicon.verb("threaten")
    assert (threaten.status, threaten.wraps) == ("threatened", "xcomp")
    assert lexicon.verb("pledge", object="aid").wraps == ""
    assert lexicon.threatened("163") == "1312"
    assert lexicon.intended("073") == "0333"


def test_nouns(lexicon: EventLexicon) -> None:
    assert lexicon.noun("talks", "with").plover == "CONSULT"
    assert lexicon.noun("call").mode == "phone"
    assert lexicon.noun("imposition", "of", "curfew").cameo == "1723"
    assert lexicon.noun("imposition", "of", "sanction").cameo == "163"
    assert lexicon.noun("drone strike").mode == "drone"
    assert lexicon.noun("breakfast") is None


def test_codebook_figures(lexicon: EventLexicon) -> None:
    assert lexicon.goldstein("163") == -6.5
    assert lexicon.goldstein("163", scale="gdelt") == -8.0
    assert lexicon.quad_class("190") == 4
    assert lexicon.label("057") == "Sign formal agreement"
    assert lexicon.label("19") == "Fight"
    with pytest.raises(NewsgraphError) as info:
        lexicon.label("999")
    assert info.value.code == "E191"


def test_shipped_data_passes_and_is_wide(lexicon: EventLexicon) -> None:
    assert check_events() == []
    assert main([]) == 0
    assert len(lexicon.verb_entries) > 1000 and len(lexicon.noun_entries) > 800
    roots = {entry.cameo[:2] for entry in lexicon.verb_entries + lexicon.noun_entries}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_loads_from_its_directory() -> None:
    lexicon = EventLexicon.from_dir(EVENTS_DIR)  # load time: bench/load_times.py
    assert lexicon.verb("impose", prep="on", object="sanction").plover == "SANCTION"


def _fixture(tmp_path: Path, verbs: list[str] | None = None, nouns: list[str] | None = None) -> Path:
    folder = tmp_path / "events"
    folder.mkdir(parents=True)
    for name in ("cameo_codes.tsv", "object_classes.tsv"):
        shutil.copy(EVENTS_DIR / name, folder / name)
    (folder / "verbs.tsv").write_text(
        "lemma\tparticle\tprep\tobject\tcameo\tplover\tmode\tstatus\twraps\tnote\n"
        + "".join(row + "\n" for row in verbs or []), encoding="utf-8")
    (folder / "nouns.tsv").write_text(
        "lemma\tprep\tcomplement\tcameo\tplover\tmode\tnote\n"
        + "".join(row + "\n" for row in nouns or []), encoding="utf-8")
    return folder


def _codes(folder: Path) -> list[str]:
    return [problem.code for problem in check_events(folder)]


GOOD_VERB = "parley\t\twith\t\t040\tCONSULT\t\tdone\t\tmeet to talk"


def test_clean_fixture_passes(tmp_path: Path) -> None:
    assert _codes(_fixture(tmp_path, [GOOD_VERB], ["parley\t\t\t040\tCONSULT\t\ta meeting"])) == []


@pytest.mark.parametrize(("row", "code"), [
    ("parley\t\twith\t\t999\tCONSULT\t\tdone\t\tx", "E191"),  # no such CAMEO code
    ("parley\t\twith\t\t040\tCHAT\t\tdone\t\tx", "E192"),  # PLOVER type not in the list
    ("parley\t\twith\t\t040\tCONSULT\tdrone\tdone\t\tx", "E193"),  # mode of another type
    ("parley\t\twith\t\t040\tASSAULT\t\tdone\t\tx", "E194"),  # type does not fit the code
    ("parley\t\twith\t\t040\tCONSULT\t\tmaybe\t\tx", "E192"),  # status
    ("parley\t\tamidst\t\t040\tCONSULT\t\tdone\t\tx", "E192"),  # not a preposition
    ("parley\t\twith\t@nosuch\t040\tCONSULT\t\tdone\t\tx", "E198"),  # unknown class
    ("parley\t\twith\t\t040\tCONSULT\t\tdone\t\t", "E196"),  # no note
    ("\t\twith\t\t040\tCONSULT\t\tdone\t\tx", "E197"),  # no lemma
    ("parley\twith\t\t040\tCONSULT\t\tdone\t\tx", "E190"),  # a missing tab
])
def test_each_rule(tmp_path: Path, row: str, code: str) -> None:
    assert code in _codes(_fixture(tmp_path, [row]))


def test_duplicate_patterns_fold_spelling(tmp_path: Path) -> None:
    rows = ["organise\t\t\trally|march\t141\tPROTEST\tdemo\tdone\t\tx",
            "organize\t\t\tmarch\t141\tPROTEST\tdemo\tdone\t\ty"]
    problems = check_events(_fixture(tmp_path, rows))
    assert [p.code for p in problems] == ["E195"] and problems[0].line == 3


def test_statements_have_no_plover_type(tmp_path: Path) -> None:
    assert _codes(_fixture(tmp_path, ["opine\t\t\t\t010\t\t\tdone\t\tx"])) == []
    assert "E194" in _codes(_fixture(tmp_path / "b", ["confer\t\t\t\t040\t\t\tdone\t\tx"]))


def test_loader_rejects_a_bad_table(tmp_path: Path) -> None:
    folder = _fixture(tmp_path, ["parley\twith\t\t040\tCONSULT\t\tdone\t\tx"])
    with pytest.raises(NewsgraphError) as info:
        EventLexicon.from_dir(folder)
    assert info.value.code == "E190"


def test_codes_table_is_the_codebook() -> None:
    if not SHARED_CODEBOOK.exists():
        pytest.skip("../shared is not present (the codebook lives beside the repository)")
    assert build_codes_table(SHARED_CODEBOOK) == (EVENTS_DIR / "cameo_codes.tsv").read_text(encoding="utf-8")


def test_word_classes_and_recodings_are_data_the_rules_can_read():
    import re
    from pathlib import Path

    from newsgraph.extract.events import rules
    from newsgraph.knowledge.events import EventLexicon, recoding, word_classes

    classes = word_classes()
    used = set(re.findall(r'WORDS\["(\w+)"\]', Path(rules.__file__).read_text(encoding="utf-8")))
    assert used and used <= set(classes)  # every class the rules name is in the table
    assert all(classes[name] for name in used)
    codes = EventLexicon.from_dir().codes
    table = recoding()
    assert set(table) == {"intended", "threatened", "refused"}
    assert all(to in codes for kind in table.values() for to in kind.values())  # recodings land on real codes
    assert all(code.startswith("03") for code in table["intended"].values())
    assert all(code.startswith("13") for code in table["threatened"].values())
