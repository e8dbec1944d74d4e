"""GDELT 2.0 export: 61 columns in codebook order, actors coded in CAMEO, dates to the day."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timezone

import pytest

from newsgraph.records import Actor, Event
from newsgraph.store import open_store
from newsgraph.store.gdelt import GDELT_COLUMNS, actor_code, event_id, quad_class, store_writer, write_gdelt

from .fixtures import article_records

ADDED = datetime(2024, 3, 5, 14, 30, 0, tzinfo=timezone.utc)
ARTICLE_ID = "a1b2c3d4e5f60718"
ARTICLES = {
    ARTICLE_ID: {"article_id": ARTICLE_ID, "url": "https://paper.example/story", "path": "in/story.txt",
                 "date": "2019-01-25"},
    "nourl": {"article_id": "nourl", "url": None, "path": "in/undated.html", "date": None},
}  # fmt: skip


def event_row(**changes) -> dict:
    """An events-table row as `Store.iter_rows("events")` yields it: every field set."""
    row = {
        "article_id": ARTICLE_ID, "idx": 0, "sentence": 0,
        "source_id": "RUS-GOV", "source_name": "Government of Russia", "source_country": "RUS",
        "source_sector": "GOV",
        "target_id": "VEN-GOV", "target_name": "Government of Venezuela", "target_country": "VEN",
        "target_sector": "GOV",
        "trigger": "visited", "plover": "CONSULT", "mode": "visit", "cameo": "042", "quad_class": 1,
        "goldstein": 1.9, "negated": 0, "status": "done", "speaker_id": None,
        "date": "2019-01-24", "date_precision": "day", "location": "VEN", "amounts": [],
        "evidence_start": 0, "evidence_end": 40,
    }  # fmt: skip
    row.update(changes)
    return row


def lines(rows, **options) -> list[dict[str, str]]:
    out = io.StringIO()
    count = write_gdelt(rows, out, added=ADDED, **options)
    text = out.getvalue()
    assert text == "" or text.endswith("\n")
    parsed = [line.split("\t") for line in text.splitlines()]
    assert len(parsed) == count
    return [dict(zip(GDELT_COLUMNS, cells, strict=True)) for cells in parsed]


def test_the_columns_follow_the_gdelt_2_event_codebook():
    assert len(GDELT_COLUMNS) == 61
    assert len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:6] == (
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert GDELT_COLUMNS[14:16] == ("Actor1Type3Code", "Actor2Code")
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[42] == "Actor1Geo_FeatureID"
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[58] == "ActionGeo_FeatureID"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_a_row_with_every_field_fills_each_column():
    out = io.StringIO()
    write_gdelt([event_row()], out, articles=ARTICLES, added=ADDED)
    cells = out.getvalue().rstrip("\n").split("\t")
    assert len(cells) == 61
    assert not out.getvalue().startswith("GLOBALEVENTID")  # no header line
    got = dict(zip(GDELT_COLUMNS, cells))
    assert got["GLOBALEVENTID"] == str(event_id(ARTICLE_ID, 0))
    assert (got["SQLDATE"], got["MonthYear"], got["Year"]) == ("20190124", "201901", "2019")
    assert got["FractionDate"] == "2019.0658"  # 24/365
    assert (got["Actor1Code"], got["Actor1Name"], got["Actor1CountryCode"], got["Actor1Type1Code"]) == (
        "RUSGOV", "GOVERNMENT OF RUSSIA", "RUS", "GOV")
    assert (got["Actor2Code"], got["Actor2CountryCode"], got["Actor2Type1Code"]) == ("VENGOV", "VEN", "GOV")
    unfilled = ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type2Code", "Type3Code")
    assert all(got[f"Actor{n}{field}"] == "" for n in (1, 2) for field in unfilled)
    assert (got["IsRootEvent"], got["EventCode"], got["EventBaseCode"], got["EventRootCode"]) == (
        "1", "042", "042", "04")
    assert (got["QuadClass"], got["GoldsteinScale"]) == ("1", "1.9")
    assert (got["NumMentions"], got["NumSources"], got["NumArticles"], got["AvgTone"]) == ("1", "1", "1", "")
    assert got["Actor1Geo_Type"] == got["Actor2Geo_Type"] == "0"
    assert (got["ActionGeo_Type"], got["ActionGeo_FullName"], got["ActionGeo_CountryCode"]) == (
        "1", "Venezuela", "VEN")  # ISO 3166's common name when no actors table is given
    assert got["ActionGeo_FeatureID"] == "VEN" and got["ActionGeo_Lat"] == ""
    assert got["DATEADDED"] == "20240305143000"
    assert got["SOURCEURL"] == "https://paper.example/story"


def test_a_row_without_a_target_leaves_every_actor2_column_empty():
    (got,) = lines([event_row(target_id=None, target_name=None, target_country=None, target_sector=None)])
    assert all(got[f"Actor2{field}"] == "" for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code"))  # fmt: skip
    assert got["Actor1Code"] == "RUSGOV"


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("date", "precision"),
    [("2019-08", "month"), ("2017", "year"), ("../2019-01-25", "before"), ("2010/2019-01-25", "span")],
)
def test_an_event_not_dated_to_the_day_is_stamped_with_its_articles_day_not_a_padded_one(date, precision):
    (got,) = lines([event_row(date=date, date_precision=precision)], articles=ARTICLES)
    assert (got["SQLDATE"], got["MonthYear"], got["Year"], got["FractionDate"]) == (
        "20190125", "201901", "2019", "2019.0685")


def test_an_event_dated_to_the_day_keeps_its_day():
    (got,) = lines([event_row(date="2020-12-31", date_precision="day")], articles=ARTICLES)
    assert (got["SQLDATE"], got["MonthYear"], got["Year"], got["FractionDate"]) == (
        "20201231", "202012", "2020", "2020.9890")


@pytest.mark.issue(13)
def test_sqldate_is_never_empty():
    # an article known to an interval: its last day; open-ended: its first
    articles = {"a": {"article_id": "a", "url": None, "path": "a.txt", "date": "2018-04/2019-09"},
                "b": {"article_id": "b", "url": None, "path": "b.txt", "date": "2017-01/.."}}
    (closed,) = lines([event_row(article_id="a", date="../2019-09-30", date_precision="before")], articles=articles)
    assert closed["SQLDATE"] == "20190930"
    (open_,) = lines([event_row(article_id="b", date=None)], articles=articles)
    assert open_["SQLDATE"] == "20170101"
    # no article date: the event's own "on or before"; nothing at all: the export day
    (before,) = lines([event_row(date="../2019-08-19", date_precision="before")])
    assert before["SQLDATE"] == "20190819"
    (unknown,) = lines([event_row(date="sometime")])
    assert unknown["SQLDATE"] == "20240305" and unknown["SOURCEURL"] == ""


def test_an_undated_event_takes_its_articles_date_and_an_article_without_url_its_path():
    (dated,) = lines([event_row(date=None, date_precision=None)], articles=ARTICLES)
    assert dated["SQLDATE"] == "20190125"
    (undated,) = lines([event_row(article_id="nourl", date=None)], articles=ARTICLES)
    assert undated["SQLDATE"] == "20240305"  # the export day, as GDELT stamps what it sees
    assert undated["SOURCEURL"] == "in/undated.html"


def test_codes_base_and_root_follow_the_cameo_hierarchy():
    four, two = lines([event_row(cameo="0251", idx=1), event_row(cameo="02", idx=2)])
    assert (four["EventCode"], four["EventBaseCode"], four["EventRootCode"]) == ("0251", "025", "02")
    assert (two["EventCode"], two["EventBaseCode"], two["EventRootCode"]) == ("02", "02", "02")


def test_quad_class_is_gdelts_and_goldstein_its_lookup():
    # Phoenix puts 016 in quad 0 with CAMEO's +3.4; GDELT has quad 1 and its lookup's -2.0.
    (got,) = lines([event_row(cameo="016", quad_class=0, goldstein=3.4)])
    assert (got["QuadClass"], got["GoldsteinScale"]) == ("1", "-2.0")
    assert [quad_class(c) for c in ("05", "061", "13", "1411", "20", "", "xx")] == [1, 2, 3, 4, 4, None, None]


def test_actor_codes_join_country_and_sector():
    assert actor_code("RUS", "GOV") == "RUSGOV"
    assert actor_code(None, "IGO") == "IGO"
    assert actor_code("USA", None) == "USA"
    assert actor_code(None, None) == ""
    (got,) = lines([event_row(source_country=None, source_sector="IGO", source_name="United Nations")])
    assert (got["Actor1Code"], got["Actor1CountryCode"], got["Actor1Type1Code"]) == ("IGO", "", "IGO")


def test_root_event_only_for_the_first_sentence():
    first, later = lines([event_row(sentence=0), event_row(idx=1, sentence=3)])
    assert (first["IsRootEvent"], later["IsRootEvent"]) == ("1", "0")


def test_event_ids_are_stable_distinct_and_fit_a_signed_64_bit_column():
    assert event_id(ARTICLE_ID, 0) == event_id(ARTICLE_ID, 0)
    ids = {event_id(ARTICLE_ID, i) for i in range(200)} | {event_id("other", 0)}
    assert len(ids) == 201
    assert all(0 <= i < 2**63 for i in ids)


def test_negated_events_are_left_out_unless_asked_for():
    rows = [event_row(), event_row(idx=1, negated=1)]
    assert len(lines(rows)) == 1
    assert len(lines(rows, include_negated=True)) == 2


def test_tabs_and_line_breaks_in_values_cannot_split_a_row():
    (got,) = lines([event_row(source_name="Ministry\tof\nDefence")], articles={ARTICLE_ID: {"url": "u\tv"}})
    assert got["Actor1Name"] == "MINISTRY OF DEFENCE"
    assert got["SOURCEURL"] == "u v"


def test_location_names_come_from_the_actors_table():
    actors = {"VEN": {"actor_id": "VEN", "name": "Venezuela", "country": "VEN"},
              "zulia": {"actor_id": "zulia", "name": "Zulia", "country": "VEN"}}
    (country,) = lines([event_row()], actors=actors)
    assert (country["ActionGeo_FullName"], country["ActionGeo_CountryCode"]) == ("Venezuela", "VEN")
    (region,) = lines([event_row(location="zulia")], actors=actors)
    assert region["ActionGeo_CountryCode"] == "VEN" and region["ActionGeo_FullName"] == "Venezuela"
    (nowhere,) = lines([event_row(location=None)], actors=actors)
    assert nowhere["ActionGeo_Type"] == "0" and nowhere["ActionGeo_CountryCode"] == ""


def _store_one_event(path, **event_fields):
    """A store holding one invented article with one event in its second sentence."""
    records = article_records(
        [["Our invented minister flew to a neighbouring capital.", "The talks ran late."]],
        outlet="gazette", date="2021-06",
    )
    russia = Actor("RUS-GOV", "Government of Russia", "RUS", "GOV")
    fields = dict(status="done", speaker_id=None) | event_fields
    event = Event(records.article.article_id, 1, "RUS-GOV", None, "ran", "CONSULT", None, "040", 1, 1.0,
                  False, fields.pop("status"), fields.pop("speaker_id"), (), 54, 73, **fields)
    records = dataclasses.replace(records, actors=(russia,), events=(event,))
    with open_store(path) as store:
        store.write_batch([records])
    return records


def test_a_store_exports_its_events_with_article_urls(tmp_path):
    records = _store_one_event(tmp_path / "g.db", date=None, location="BLR")
    with open_store(tmp_path / "g.db", readonly=True) as store:
        out = io.StringIO()
        n = store_writer(store, added=ADDED)(store.iter_rows("events"), None, out)
    assert n == 1
    got = dict(zip(GDELT_COLUMNS, out.getvalue().rstrip("\n").split("\t"), strict=True))
    assert got["SOURCEURL"] == records.article.url
    assert (got["SQLDATE"], got["IsRootEvent"], got["Actor2Code"]) == ("20210630", "0", "")
    assert (got["ActionGeo_CountryCode"], got["ActionGeo_FullName"]) == ("BLR", "Belarus")


def test_exported_events_carry_an_id_the_outlet_and_their_evidence_sentence(tmp_path):
    records = _store_one_event(tmp_path / "e.db", status="claimed", speaker_id="RUS-GOV")
    with open_store(tmp_path / "e.db", readonly=True) as store:
        (row,) = store.iter_rows("events")
    text = records.article.text
    assert row["event_id"] == f"{records.article.article_id}-0"
    assert row["outlet"] == "gazette"
    assert row["speaker_name"] == "Government of Russia"
    assert row["evidence_text"] == text[54:73] == "The talks ran late."


def test_events_keep_their_confidence_and_an_export_keeps_those_at_the_threshold(tmp_path):
    from newsgraph.store.export import export

    _store_one_event(tmp_path / "c.db", confidence=0.4, decided_by=("rule=CONSULT", "trig=run"))
    with open_store(tmp_path / "c.db", readonly=True) as store:
        (row,) = store.iter_rows("events")
        assert row["confidence"] == 0.4 and row["decided_by"] == ["rule=CONSULT", "trig=run"]
        assert len(list(store.iter_rows("events", min_confidence=0.3))) == 1
        assert list(store.iter_rows("events", min_confidence=0.5)) == []
        assert store.count("events", min_confidence=0.3) == 1 and store.count("events", min_confidence=0.5) == 0
        out = io.StringIO()
        assert export(store, "events", out=out, min_confidence=0.5) == 0
        assert export(store, "events", format="gdelt", out=io.StringIO(), min_confidence=0.0) == 1
