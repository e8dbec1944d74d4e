"""The checker: one bad fixture per rule, a clean fixture, and the command's exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.knowledge.check import check_files, main
from newsgraph.knowledge.load import HEADERS

GOOD_PERSON = ("ana-lind", "Ana Lind", "", "", "SWE", "GOV", "foreign_minister",
               "Minister for Foreign Affairs", "2001-02-03", "2005", "test record")


def person(**changes: str) -> tuple[str, ...]:
    row = dict(zip(HEADERS["people"], GOOD_PERSON))
    row.update(changes)
    return tuple(row[column] for column in HEADERS["people"])


def write(path: Path, table: str, rows: list[tuple[str, ...]], header: tuple[str, ...] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# fixture", "\t".join(header or HEADERS[table])] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def codes(*paths: Path) -> list[str]:
    return [problem.code for problem in check_files(paths)]


def people_codes(tmp_path: Path, *rows: tuple[str, ...]) -> list[str]:
    return codes(write(tmp_path / "people" / "x.tsv", "people", list(rows)))


def test_clean_fixture_passes(tmp_path: Path) -> None:
    assert people_codes(tmp_path, person(), person(
        person_id="bo-ek", name="Bo Ek", start="2005", end="")) == []


def test_header_must_be_exact(tmp_path: Path) -> None:
    header = HEADERS["orgs"][:-1] + ("notes",)
    path = write(tmp_path / "orgs.tsv", "orgs", [], header=header)
    [problem] = check_files([path])
    assert problem.code == "E150" and problem.line == 2
    assert str(problem).startswith(f"{path}:2: [E150]")


def test_cell_count(tmp_path: Path) -> None:
    assert people_codes(tmp_path, person()[:-1]) == ["E151"]


@pytest.mark.parametrize("change,code", [
    ({"country": "XYZ"}, "E152"),
    ({"sector": "KING"}, "E153"),
    ({"role": "emperor"}, "E153"),
    ({"start": "2001-13"}, "E154"),
    ({"end": "03/05/2005"}, "E154"),
    ({"start": "2006", "end": "2005-12-31"}, "E155"),
    ({"person_id": "Ana_Lind"}, "E156"),
    ({"source": ""}, "E159"),
    ({"name": ""}, "E160"),
    ({"wikidata": "42"}, "E162"),
])
def test_people_rules(tmp_path: Path, change: dict[str, str], code: str) -> None:
    assert people_codes(tmp_path, person(**change)) == [code]


def test_historical_codes_are_allowed(tmp_path: Path) -> None:
    assert people_codes(tmp_path, person(country="SUN")) == []


def test_same_id_same_name(tmp_path: Path) -> None:
    assert people_codes(tmp_path, person(), person(name="Anna Lind", role="other", title="Envoy")) == ["E157"]


def test_same_id_same_name_across_files(tmp_path: Path) -> None:
    a = write(tmp_path / "people" / "a.tsv", "people", [person()])
    b = write(tmp_path / "people" / "b.tsv", "people", [person(name="Anna Lind", role="other")])
    assert codes(a, b) == ["E157"]


def test_duplicate_tenure(tmp_path: Path) -> None:
    assert people_codes(tmp_path, person(), person()) == ["E161"]


def test_aliases_on_later_rows_warn(tmp_path: Path) -> None:
    problems = check_files([write(tmp_path / "people" / "x.tsv", "people", [
        person(), person(role="other", title="Envoy", aliases="A. Lind")])])
    assert [p.code for p in problems] == ["W150"]
    assert not problems[0].is_error


def test_overlapping_single_holder_office(tmp_path: Path) -> None:
    rival = person(person_id="bo-ek", name="Bo Ek", start="2004-06-01", end="2008")
    assert people_codes(tmp_path, person(), rival) == ["E158"]


def test_overlap_exceptions(tmp_path: Path) -> None:
    # handover on the same day; partial dates that need not overlap; an acting term;
    # another country; an office that is not single-holder
    rows = [
        person(end="2005-03-01"),
        person(person_id="bo-ek", name="Bo Ek", start="2005-03-01", end="2007"),
        person(person_id="cy-ny", name="Cy Ny", start="2007", end=""),
        person(person_id="di-ro", name="Di Ro", title="Acting Minister for Foreign Affairs",
               start="2008-01-01", end="2008-02-01"),
        person(person_id="ed-lu", name="Ed Lu", country="NOR", start="2003", end="2004"),
        person(person_id="fa-ka", name="Fa Ka", role="legislator", title="Member", start="2003"),
    ]
    assert people_codes(tmp_path, *rows) == []


def test_shared_offices_may_overlap(tmp_path: Path) -> None:
    rows = [
        person(role="head_of_state", title="President", start="2010", end=""),
        person(person_id="bo-ek", name="Bo Ek", role="head_of_state", title="Co-President",
               start="2015", end=""),
    ]
    assert people_codes(tmp_path, *rows) == []


def test_two_chambers_two_speakers(tmp_path: Path) -> None:
    rows = [
        person(role="speaker", sector="LEG", title="Speaker of the Upper House", start="2010", end=""),
        person(person_id="bo-ek", name="Bo Ek", role="speaker", sector="LEG",
               title="Speaker of the Lower House", start="2010", end=""),
    ]
    assert people_codes(tmp_path, *rows) == []
    rows.append(person(person_id="cy-ny", name="Cy Ny", role="speaker", sector="LEG",
                       title="Speaker of the Lower House", start="2012", end="2013"))
    assert people_codes(tmp_path, *rows) == ["E158"]


def test_orgs_rules(tmp_path: Path) -> None:
    path = write(tmp_path / "orgs.tsv", "orgs", [
        ("acme", "Acme", "", "", "USA", "BUS", "company", "test"),
        ("acme", "Acme Two", "", "", "USA", "BUS", "company", "test"),
        ("zeta", "Zeta", "", "", "USA", "BUS", "shop", "test"),
    ])
    assert codes(path) == ["E161", "E153"]


def test_places_rules(tmp_path: Path) -> None:
    path = write(tmp_path / "places.tsv", "places", [
        ("Capitolia", "", "USA", "GOV", "capital", "test"),
        ("Capitolia", "", "USA", "GOV", "capital", "test"),
        ("Capitolia", "", "USA", "LEG", "legislature", "test"),
        ("Nowhere", "", "QQQ", "GOV", "capital", ""),
    ])
    assert codes(path) == ["E161", "E152", "E159"]


def test_roles_rules(tmp_path: Path) -> None:
    path = write(tmp_path / "roles.tsv", "roles", [
        ("envoy", "GOV", "person", "GOV", "1", "test"),
        ("Envoy", "GOV", "person", "GOV", "1", "test"),
        ("rebel", "REB", "group", "XYZ", "1", "test"),
        ("crowd", "CVL", "group", "CVL", "maybe", "test"),
        ("army", "MIL", "org", "GOVMIL", "0", "test"),
    ])
    assert codes(path) == ["E161", "E166", "E153", "E153"]


def test_country_names_point_one_way(tmp_path: Path) -> None:
    path = write(tmp_path / "countries.tsv", "countries", [
        ("COD", "DR Congo", "Congo", "Congolese", "", "test"),
        ("COG", "Republic of the Congo", "Congo", "", "", "test"),
        ("COG", "Congo-Brazzaville", "", "", "", "test"),
    ])
    assert codes(path) == ["E164", "E161"]


def test_unknown_table(tmp_path: Path) -> None:
    path = tmp_path / "notes.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert codes(path) == ["E165"]


def test_main_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good" / "people" / "x.tsv", "people", [person()])
    bad = write(tmp_path / "bad" / "people" / "x.tsv", "people", [person(country="XYZ")])
    assert main([str(good)]) == 0
    assert main([str(bad.parent.parent)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:3: [E152]" in out


def test_shipped_data_passes() -> None:
    problems = [p for p in check_files([Path(__file__).parents[2] / "src/newsgraph/knowledge/data"])
                if p.is_error]
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_yaml_user_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "people:\n"
        "  - {person_id: ana-lind, name: Ana Lind, country: SWE, sector: GOV, role: foreign_minister,\n"
        "     title: Foreign Minister, start: '2001', end: '2005', source: my notes}\n"
        "  - {person_id: bo-ek, name: Bo Ek, country: SWE, sector: GOV, role: foreign_minister,\n"
        "     title: Foreign Minister, start: '2003', end: '', source: ''}\n",
        encoding="utf-8",
    )
    assert codes(path) == ["E158", "E159"]
