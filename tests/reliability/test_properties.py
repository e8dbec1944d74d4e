"""Properties of the input side on arbitrary input: nothing escapes, offsets stay inside.

Hypothesis writes the inputs: arbitrary bytes in every format, text mixed with the
fragments our cleaning rules look for (bylines, gallery counters, name cards,
datelines, NULs), JSON and HTML nested at any depth. Whatever comes in, a reader
yields records or coded errors, a cleaner returns lines of its input, and every
offset points inside the text it was found in. Runs are derandomised (the same
examples every time) and small enough to stay fast.
"""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from newsgraph.errors import Errors, InputFailure, UsageError
from newsgraph.ingest.article import build_article, outlet_from_url
from newsgraph.ingest.boilerplate import clean_paragraphs
from newsgraph.ingest.byline import parse_byline
from newsgraph.ingest.dates import find_dates, infer_publication_date, parse_date
from newsgraph.ingest.headline import choose_title, is_headline
from newsgraph.ingest.normalize import article_id, normalize_text, paragraphs
from newsgraph.ingest.readers import read_raw
from newsgraph.ingest.sources import decode_bytes
from newsgraph.ingest.widgets import strip_name_cards
from newsgraph.records import Article, InputError, RawDoc

FAST = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow], database=None
)

# Pieces of real-world debris and structure the rules react to (our own wording).
FRAGMENTS = [
    "\n", "\n\n", " ", "\x00", "\r\n", "\u00a0", "\u200b", "By Ana Silva | June 3, 2021 | 8:00 AM", "By ",
    "Photos: The harbour strike ", "Hide Caption 2 of 6 ", "1 of 3 • • • 1 of 3 Show Caption ", "Previous Next ",
    "Mayor Okafor Ines Adaeze Okafor", "OkaforCouncil weighs budget ", " MORE", " MORE on Friday said",
    "LISBON (Reuters) - ", "WASHINGTON — ", "Advertisement", "Follow Ana Silva on Twitter @asilva",
    "Copyright 2021", "Read more: Ferry returns ", "(L)", "Getty Images/AFP", "\u201cWe agree,\u201d she said. ",
    "May 25, 2021", "on Tuesday", "last year", "2019-08-19", "03/04/05", "Jan. 32, 2020", "12:30 PM EDT",
    "Harbour Strike Ends After Nine Days", "The council met on Monday.", "U.S.", "McAllister", "(R-Maine)",
]  # fmt: skip
news_text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), news_text)
CODES = {name for name in vars(Errors) if name[:1] in "ESW" and name[1:].isdigit()}


def _read(data: bytes, fmt: str) -> list[RawDoc | InputError]:
    return list(read_raw(["-"], format=fmt, stdin=io.BytesIO(data)))


def _assert_records(items: list) -> None:
    assert items, "every input yields something: a record or an error"
    for item in items:
        assert isinstance(item, (RawDoc, InputError)), item
        if isinstance(item, InputError):
            assert item.code in CODES and item.path == "<stdin>" and item.message
        else:
            assert isinstance(item.text, str) and item.text.strip() and "\x00" not in item.text


# ---------------------------------------------------------------------------- readers


@FAST
@given(data=st.one_of(st.binary(max_size=2000), news_text.map(lambda t: t.encode("utf-8"))),
       fmt=st.sampled_from(["txt", "jsonl", "json", "csv", "tsv"]))  # fmt: skip
def test_readers_yield_records_or_coded_errors_on_any_bytes(data: bytes, fmt: str) -> None:
    _assert_records(_read(data, fmt))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "title", "url", "x"]), inner, max_size=4),
    max_leaves=20,
)


@FAST
@given(rows=st.lists(json_values, min_size=1, max_size=5), depth=st.integers(0, 3000))
def test_jsonl_rows_of_any_shape_and_nesting(rows: list, depth: int) -> None:
    lines = [json.dumps(row) for row in rows] + ["[" * depth + "]" * depth]
    items = _read("\n".join(lines).encode("utf-8"), "jsonl")
    _assert_records(items)
    assert len(items) == len(rows) + (depth > 0)  # one record or one error per row (a blank line is none)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate])  # fmt: skip  -- shrinking deep pages takes minutes
@given(depth=st.one_of(st.integers(0, 600), st.just(3000)),  # past 600 each page costs seconds
       tag=st.sampled_from(["div", "span", "section", "b", "table"]), text=news_text)
@example(depth=252, tag="div", text="\x1f")  # found by this test: a control character failed deep pages (E112)
def test_html_of_any_nesting_keeps_its_text_or_says_why(depth: int, tag: str, text: str) -> None:
    sentence = "The council approved the new harbour budget on Tuesday after a long debate."
    page = f"<html><body>{f'<{tag}>' * depth}<p>{sentence}</p><p>{text}</p>{f'</{tag}>' * depth}</body></html>"
    items = _read(page.encode("utf-8"), "html")
    _assert_records(items)
    (item,) = items
    if isinstance(item, RawDoc):
        assert sentence in item.text
    else:  # the only acceptable reason to lose this page is its depth, said as such
        assert item.code == "E124" and depth >= 2000, item


@FAST
@given(data=st.binary(max_size=3000))
def test_decoding_returns_text_or_a_coded_failure(data: bytes) -> None:
    try:
        text, warnings = decode_bytes(data)
    except InputFailure as failure:
        assert failure.code in {"E103", "E104"}
    else:
        assert text.strip() and "\x00" not in text and all(w.startswith("[") for w in warnings)


# ---------------------------------------------------------------------------- cleaners


@FAST
@given(text=any_text)
def test_normalising_is_idempotent_and_the_id_ignores_layout(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert all(line and line == line.strip() for line in paragraphs(once))
    assert article_id(text) == article_id("\n\n".join(paragraphs(once)))


@FAST
@given(lines=st.lists(news_text, max_size=14), outlet=st.none() | st.sampled_from(["Lakeside Courier", "Reuters"]))
def test_cleaning_keeps_indices_inside_and_loses_no_line_silently(lines: list[str], outlet: str | None) -> None:
    raw = paragraphs(normalize_text("\n".join(lines)))
    cleaned = clean_paragraphs(raw, outlet=outlet, authors=["Ana Silva"])
    kept = [i for i, _ in cleaned.kept]
    assert kept == sorted(set(kept)) and all(0 <= i < len(raw) for i in kept)
    assert all(line.strip() for _, line in cleaned.kept)
    assert all(0 <= r.paragraph < len(raw) for r in cleaned.removed)
    # every raw paragraph is kept, or accounted for as removed or as a caption
    accounted = set(kept) | {r.paragraph for r in cleaned.removed}
    gone = [i for i in range(len(raw)) if i not in accounted]
    assert all(any(caption in raw[i] for caption in cleaned.captions) for i in gone), gone


@FAST
@given(line=news_text)
def test_name_cards_removed_are_pieces_of_the_line(line: str) -> None:
    kept, cards = strip_name_cards(line)
    assert len(kept) <= len(line)
    assert all(card in line and card.endswith("MORE") for card in cards)
    if "MORE" not in line:
        assert (kept, cards) == (line, [])


@FAST
@given(lines=st.lists(news_text, max_size=6), title=st.none() | any_text)
def test_titles_and_bylines_on_any_lines(lines: list[str], title: str | None) -> None:
    lines = [line for line in lines if line.strip()]
    found, source, index = choose_title(lines, title)
    assert index is None or (0 <= index < min(3, len(lines)) if source == "metadata" else index == 0)
    assert source in (None, "metadata", "text") and (found is None or isinstance(found, str))
    for line in lines:
        is_headline(line)
        byline = parse_byline(line)
        assert byline is None or all(isinstance(a, str) and a for a in byline.authors)


@FAST
@given(text=any_text, fields=st.dictionaries(st.sampled_from(["title", "outlet", "url", "date", "byline", "id"]),
                                             any_text, max_size=4))  # fmt: skip
def test_an_article_or_a_coded_failure_from_any_row(text: str, fields: dict) -> None:
    try:
        article = build_article(RawDoc("row.jsonl", 1, "jsonl", text, fields))
    except (InputFailure, UsageError) as failure:
        assert failure.code in CODES
        return
    assert isinstance(article, Article) and article.text.strip() and len(article.article_id) == 16
    raw_count = len(paragraphs(normalize_text(text)))
    assert all(0 <= r.paragraph < raw_count for r in article.removed)
    outlet_from_url(fields.get("url"))


# ---------------------------------------------------------------------------- dates (ingest/dates.py, read-only here)


@FAST
@given(text=any_text)
def test_dates_found_point_inside_the_text(text: str) -> None:
    for mention in find_dates(text):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


@FAST
@given(value=any_text)
def test_parse_date_returns_a_date_or_none(value: str) -> None:
    parsed = parse_date(value)
    assert parsed is None or (isinstance(parsed[0], str) and isinstance(parsed[1], str))


@FAST
@given(text=any_text, stated=st.lists(any_text, max_size=3))
def test_publication_date_inference_never_raises(text: str, stated: list[str]) -> None:
    estimate = infer_publication_date(text, stated=stated)
    assert estimate.source in (None, "text", "inferred") or isinstance(estimate.source, str)
