"""The congress-legislators import, on a tiny invented copy of its three files."""

from __future__ import annotations

from pathlib import Path

from newsgraph.knowledge import KnowledgeBase
from newsgraph.knowledge.imports import us_congress
from newsgraph.knowledge.load import HEADERS

CURRENT = """\
- id: {bioguide: Z000001, wikidata: Q900001}
  name: {first: Rosalind, middle: T., last: Quillfeather, nickname: Roz}
  terms:
  - {type: rep, start: '2011-01-05', end: '2013-01-03', state: VT, party: Democrat}
  - {type: rep, start: '2013-01-03', end: '2015-01-03', state: VT, party: Democrat}
  - {type: sen, start: '2019-01-03', end: '2031-01-03', state: VT, party: Democrat}
- id: {bioguide: Z000002, wikidata: Q900002}
  name: {first: Ottoline, last: Parsnipp}
  terms:
  - {type: sen, start: '2021-01-03', end: '2027-01-03', state: OR, party: Republican}
"""
HISTORICAL = (
    "last_name,first_name,middle_name,suffix,nickname,full_name,birthday,gender,type,state,district,"
    "senate_class,party,thomas_id,fec_ids,bioguide_id\n"
    "Brackenbury,Cuthbert,,,,,1921-01-01,M,sen,NE,,2,Republican,09901,,Z000011\n"
    "Oldfellow,Ezra,,,,,1801-01-01,M,rep,NE,1,,Whig,,,Z000012\n"
    "Tumbleweed,Hank,,,,,1930-01-01,M,rep,TX,3,,Democrat,09902,,Z000013\n"
    "Tumbleweed,Hank,,Jr.,,,1960-01-01,M,rep,TX,3,,Democrat,09903,,Z000014\n"
    "Quillfeather,Rosalind,T.,,Roz,,1950-01-01,F,rep,VT,1,,Democrat,09904,,Z000001\n"
)
EXECUTIVE = """\
- id: {bioguide: Z000003}
  name: {first: Ottoline, last: Parsnipp}
  terms:
  - {type: viceprez, start: '1973-01-20', end: '1977-01-20', party: Republican}
- id: {bioguide: Z000004}
  name: {first: Silas, last: Ancient}
  terms:
  - {type: prez, start: '1901-03-04', end: '1905-03-04', party: Whig}
"""
SHIPPED = [
    # the tables already know Ottoline Parsnipp as a senator (no Wikidata id) and give
    # "Cuthbert Brackenbury" to a Canadian minister
    ("ottoline-parsnipp", "Ottoline Parsnipp", "", "", "USA", "LEG", "legislator",
     "United States Senator from Oregon", "2021-01-03", "", "test"),
    ("cuthbert-brackenbury", "Cuthbert Brackenbury", "", "", "CAN", "GOV", "finance_minister",
     "Minister of Finance", "1990", "1992", "test"),
]


def run_import(tmp_path: Path) -> KnowledgeBase:
    source = tmp_path / "src"
    source.mkdir()
    (source / "legislators-current.yaml").write_text(CURRENT, encoding="utf-8")
    (source / "legislators-historical.csv").write_text(HISTORICAL, encoding="utf-8")
    (source / "executive.yaml").write_text(EXECUTIVE, encoding="utf-8")
    people = tmp_path / "people"
    people.mkdir()
    lines = ["# invented", "\t".join(HEADERS["people"])] + ["\t".join(r) for r in SHIPPED]
    (people / "shipped.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    us_congress.run(source, people)
    return KnowledgeBase.from_files(sorted(people.glob("*.tsv")))


def test_current_member_terms_merge_and_a_running_term_stays_open(tmp_path):
    kb = run_import(tmp_path)
    [roz] = kb.people_named("Roz Quillfeather")  # also in the past file: one person
    assert roz.wikidata == "Q900001" and "Rosalind T. Quillfeather" in roz.aliases
    spans = sorted((o.start, o.end, o.title) for o in roz.offices)
    assert spans[0][:2] == ("2011-01-05", "2015-01-03")  # two back-to-back House terms: one tenure
    assert spans[1][1] is None  # the Senate term runs past the data's own date
    assert kb.person_actor(roz, "2012-06-01").sector == "LEG"
    assert kb.person_actor(roz, "2012-06-01").country == "USA"


def test_no_one_is_duplicated(tmp_path):
    kb = run_import(tmp_path)
    # the same name with a LEG office in the shipped tables: one person, no repeated tenure
    [ottoline] = kb.people_named("Ottoline Parsnipp")
    assert ottoline.person_id == "ottoline-parsnipp"
    legislator = [o for o in ottoline.offices if o.role == "legislator"]
    assert len(legislator) == 1
    # the executive file's Ottoline Parsnipp holds a GOV office the tables do not give
    # her, and no Wikidata id says she is the same: left out, not made a second person
    assert not any(o.role == "vice_president" for o in ottoline.offices)
    # a past president whose terms end before 1975 is left out
    assert not kb.people_named("Silas Ancient")


def test_past_members_since_1973_only_and_namesakes_kept_apart(tmp_path):
    kb = run_import(tmp_path)
    assert not kb.people_named("Ezra Oldfellow")  # no THOMAS id: before 1973
    # the name belongs to a Canadian minister in the shipped tables: a separate person
    assert {p.person_id for p in kb.people_named("Cuthbert Brackenbury")} == {
        "cuthbert-brackenbury", "cuthbert-brackenbury-ne"}
    # father and son of one name: the son goes by "Jr."
    [son] = kb.people_named("Hank Tumbleweed Jr.")
    assert son.name == "Hank Tumbleweed Jr."
    [father] = kb.people_named("Hank Tumbleweed")
    assert father.person_id != son.person_id
    # an undated past tenure places the person without a date
    assert kb.person_actor(father, "1990-01-01").sector == "LEG"


def test_output_names_its_source(tmp_path):
    run_import(tmp_path)
    text = (tmp_path / "people" / "us_congress.tsv").read_text(encoding="utf-8")
    assert text.startswith("# ") and "CC0" in text.split("person_id")[0]
    assert all(line.split("\t")[-1].startswith("@unitedstates") for line in text.splitlines()[1:]
               if line and not line.startswith(("#", "person_id")))
