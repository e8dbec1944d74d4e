"""Readers: every format to RawDoc, bad inputs to InputError, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from newsgraph.errors import UsageError
from newsgraph.ingest.readers import map_fields, normalise_key, read_raw
from newsgraph.records import InputError, RawDoc

PAGE = """<!doctype html>
<html><head><title>Ferry service resumes | Lakeside Courier</title>
<meta property="og:site_name" content="Lakeside Courier">
<meta name="author" content="Ines Okafor">
<meta property="article:published_time" content="2022-06-15T08:30:00Z">
<link rel="canonical" href="https://courier.example.net/local/ferry-resumes">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry service resumes</h1>
<p>The lake ferry carried its first passengers in two months on Wednesday morning.</p>
<figure><img src="boat.jpg"><figcaption>The ferry leaves the east landing.</figcaption></figure>
<p>Operators replaced the engine after a fire in April forced the service to stop.</p>
<p>Commuters said the road detour had added an hour to their journeys each day.</p>
</article>
<footer>All rights reserved.</footer>
</body></html>
"""


def write(path: Path, data: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def read(*paths: str, **kwargs) -> list[RawDoc | InputError]:
    return list(read_raw(list(paths), **kwargs))


def only(items: list) -> RawDoc:
    assert len(items) == 1 and isinstance(items[0], RawDoc), items
    return items[0]


def summary(items: list) -> list[tuple]:
    """(code or text, line) per item: what a reader of the stream would see."""
    return [(i.code, i.line) if isinstance(i, InputError) else (i.text, i.line) for i in items]


@pytest.fixture
def good(tmp_path: Path) -> str:
    """A good input to read after each bad one: the batch must go on."""
    return write(tmp_path / "zz_good.txt", "A good article follows the bad one.")


def assert_then_good(items: list, code: str) -> None:
    assert isinstance(items[0], InputError) and items[0].code == code, items
    assert isinstance(items[-1], RawDoc) and items[-1].text.startswith("A good article"), items


# ---------------------------------------------------------------------------- txt, html


def test_txt_is_one_article(tmp_path: Path) -> None:
    path = write(tmp_path / "note.txt", "Title line\n\nBody paragraph.\n")
    assert only(read(path)) == RawDoc(path, None, "txt", "Title line\n\nBody paragraph.\n", {})


def test_unknown_extension_named_explicitly_is_txt(tmp_path: Path) -> None:
    assert only(read(write(tmp_path / "note.msg", "Plain words."))).format == "txt"


def test_html_body_and_metadata(tmp_path: Path) -> None:
    doc = only(read(write(tmp_path / "page.html", PAGE)))
    assert doc.format == "html"
    lines = doc.text.splitlines()
    assert "The lake ferry carried its first passengers in two months on Wednesday morning." in lines
    assert lines[-1].startswith("Commuters said")
    assert "Home" not in doc.text and "rights reserved" not in doc.text
    assert doc.fields == {
        "title": "Ferry service resumes",
        "byline": "Ines Okafor",
        "date": "2022-06-15",
        "url": "https://courier.example.net/local/ferry-resumes",
        "outlet": "Lakeside Courier",
        "captions": ["The ferry leaves the east landing."],
    }


def test_html_outlet_falls_back_to_hostname(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Lakeside Courier">', "")
    page = page.replace("| Lakeside Courier", "")
    doc = only(read(write(tmp_path / "page.htm", page)))
    assert doc.fields["outlet"].endswith("example.net")  # from the URL, not the title


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("Wednesday", "Wednesday’s")
    doc = only(read(write(tmp_path / "old.html", page.encode("cp1252"))))
    assert "Wednesday’s" in doc.text and "warnings" not in doc.fields


def test_html_without_body_is_E112(tmp_path: Path, good: str) -> None:
    bare = write(tmp_path / "bare.html", "<html><head><title>x</title></head><body></body></html>")
    assert_then_good(read(bare, good), "E112")


def nested_page(levels: int) -> str:
    """A page whose article sits `levels` divs deep (generated layouts, hostile input)."""
    body = "<p>The council approved the new harbour budget on Tuesday after a long debate.</p>"
    return f"<html><body>{'<div>' * levels}{body}{'</div>' * levels}</body></html>"


@pytest.mark.issue(17)
def test_html_nested_past_the_default_parser_limit_keeps_its_text(tmp_path: Path) -> None:
    doc = only(read(write(tmp_path / "deep.html", nested_page(400))))
    assert doc.text == "The council approved the new harbour budget on Tuesday after a long debate."
    assert doc.fields["warnings"] == [
        "[E124] HTML nested 403 levels deep, past the parser's limit of 255; "
        "read again with a parser that allows deeper pages"
    ]


@pytest.mark.issue(17)
@pytest.mark.parametrize("levels", [5, 300])
def test_html_with_control_characters_keeps_its_text(tmp_path: Path, levels: int) -> None:
    page = nested_page(levels).replace("</p>", "</p><p>\x1f\x0b</p>")
    doc = only(read(write(tmp_path / "ctl.html", page)))
    assert doc.text == "The council approved the new harbour budget on Tuesday after a long debate."


@pytest.mark.issue(17)
def test_html_nested_past_any_parser_limit_is_E124_saying_why(tmp_path: Path, good: str) -> None:
    items = read(write(tmp_path / "abyss.html", nested_page(3000)), good)
    assert_then_good(items, "E124")
    assert "2047 or more levels deep" in items[0].message


# ---------------------------------------------------------------------------- jsonl, json


@pytest.mark.issue(17)
def test_jsonl_row_with_stray_nul_bytes_is_kept_with_a_warning(tmp_path: Path) -> None:
    row = b'{"text": "Talks resumed\x00 in Geneva.", "title": "Tal\x00ks"}\n'
    doc = only(read(write(tmp_path / "nul.jsonl", row)))
    assert (doc.text, doc.fields["title"]) == ("Talks resumed in Geneva.", "Talks")
    assert doc.fields["warnings"] == ["[E123] Removed 2 NUL byte(s) from the text"]


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "never closed', "Unterminated string starting at column 10"),
        ('{"text": "tab\there"}', "Invalid control character at column 14"),
        ('{"text": "x",}', "Expecting property name enclosed in double quotes at column 14"),
    ],
)
def test_malformed_json_says_where_once(tmp_path: Path, line: str, reason: str) -> None:
    (item,) = read(write(tmp_path / "bad.jsonl", line + "\n"))
    assert item.code == "E105" and item.message == f"Malformed JSON: {reason}"
    assert "at at" not in item.message



def test_jsonl_rows_map_fields(tmp_path: Path) -> None:
    rows = [
        {"id": 7, "Title": "Port strike", "source": "Daily Wire Service", "authors": ["A. Lee", "B. Ruiz"],
         "published": "2020-02-02", "text": "Dockers stopped work.", "topic": "labour",
         "source_url": "x.org"},
        {"text": "Second.", "outlet": "Own Outlet", "site": "ignored.example", "byline": "C. Diaz",
         "pubdate": "2021", "url": "https://x.example/2"},
    ]  # fmt: skip
    path = write(tmp_path / "rows.jsonl", "\n".join(json.dumps(row) for row in rows) + "\n")
    first, second = read(path)
    assert (first.path, first.line, first.format, first.text) == (path, 1, "jsonl", "Dockers stopped work.")
    assert first.fields == {
        "id": "7", "title": "Port strike", "outlet": "Daily Wire Service", "byline": "A. Lee, B. Ruiz",
        "date": "2020-02-02", "meta": {"topic": "labour", "source_url": "x.org"},
    }  # fmt: skip
    assert second.line == 2
    assert second.fields == {
        "outlet": "Own Outlet", "url": "https://x.example/2", "date": "2021", "byline": "C. Diaz",
        "meta": {"site": "ignored.example"},
    }  # fmt: skip


def test_map_fields_skips_empty_values_for_the_next_alias() -> None:
    fields = map_fields({"outlet": " ", "publisher": "Wire", "author": None, "flag": True, "note": ""})
    assert fields == {"outlet": "Wire", "meta": {"flag": True, "note": ""}}
    assert map_fields({"author": {"name": "X"}}) == {"meta": {"author": {"name": "X"}}}
    assert normalise_key(" Publish-Date ") == "publish_date"


def test_jsonl_bad_rows_then_good_rows(tmp_path: Path) -> None:
    lines = [
        '{"text": "one"}', "{broken", '{"title": "no text"}', '{"text": 42}', '{"text": "  "}',
        '["not", "an object"]', "", '{"text": "seven"}',
    ]  # fmt: skip
    items = read(write(tmp_path / "mixed.ndjson", "\n".join(lines)))
    assert summary(items) == [
        ("one", 1), ("E105", 2), ("E106", 3), ("E114", 4), ("E104", 5), ("E116", 6), ("seven", 8),
    ]  # fmt: skip
    assert "title" in items[2].message and "column" in items[1].message


def test_jsonl_gz_is_streamed(tmp_path: Path) -> None:
    data = "".join(json.dumps({"text": f"row {n}"}) + "\n" for n in range(1, 4))
    items = read(write(tmp_path / "rows.jsonl.gz", gzip.compress(data.encode())))
    assert [(doc.text, doc.line, doc.format) for doc in items] == [
        ("row 1", 1, "jsonl"), ("row 2", 2, "jsonl"), ("row 3", 3, "jsonl"),
    ]  # fmt: skip


def test_json_array_rows_carry_their_start_lines(tmp_path: Path) -> None:
    data = '[\n  {"text": "first", "title": "A"},\n  {\n    "text": "second"\n  },\n  "odd"\n]\n'
    items = read(write(tmp_path / "dump.json", data))
    assert summary(items) == [("first", 2), ("second", 3), ("E116", 6)]
    assert items[0].format == "jsonl" and items[0].fields == {"title": "A"}


def test_json_single_object(tmp_path: Path) -> None:
    doc = only(read(write(tmp_path / "one.json", '{"text": "alone", "source": "S"}')))
    assert (doc.line, doc.fields) == (1, {"outlet": "S"})


def test_malformed_json_document_names_the_line(tmp_path: Path, good: str) -> None:
    bad = write(tmp_path / "bad.json", '[\n {"text": "kept"},\n {"text": oops}\n]')
    items = read(bad, good)
    assert summary(items)[:2] == [("kept", 2), ("E105", 3)]
    assert_then_good(items[1:], "E105")


def test_jsonl_row_larger_than_limit_is_E115_and_reading_goes_on(tmp_path: Path) -> None:
    big = json.dumps({"text": "word " * 5000})
    path = write(tmp_path / "rows.jsonl", f'{{"text": "small"}}\n{big}\n{{"text": "after"}}\n')
    items = read(path, max_bytes=2000)
    assert summary(items) == [("small", 1), ("E115", 2), ("after", 3)]
    assert "2 KB" in items[1].message


def test_jsonl_invalid_utf8_row_is_decoded_with_warning(tmp_path: Path) -> None:
    data = b'{"text": "fine"}\n' + '{"text": "caf\xe9 owners"}\n'.encode("latin-1")
    first, second = read(write(tmp_path / "rows.jsonl", data))
    assert "warnings" not in first.fields
    assert second.text == "café owners"
    assert second.fields["warnings"][0].startswith("[W101]")


# ---------------------------------------------------------------------------- csv, tsv


def test_csv_rows_start_lines_and_quoted_newlines(tmp_path: Path) -> None:
    data = 'ID,Title,Text,Source\r\n1,First,"Two\r\nlines, quoted",Wire\r\n\r\n2,Second,plain,\r\n'
    first, second = read(write(tmp_path / "a.csv", data))
    assert (first.line, first.text, first.format) == (2, "Two\r\nlines, quoted", "csv")
    assert first.fields == {"id": "1", "title": "First", "outlet": "Wire"}
    assert (second.line, second.fields) == (5, {"id": "2", "title": "Second"})


def test_tsv_uses_tabs(tmp_path: Path) -> None:
    doc = only(read(write(tmp_path / "a.tsv", "text\tdate\nTabbed, with a comma\t2019-05\n")))
    assert (doc.text, doc.fields, doc.format) == ("Tabbed, with a comma", {"date": "2019-05"}, "csv")


def test_csv_malformed_rows_then_good_rows(tmp_path: Path) -> None:
    data = 'title,text\nA,first\nB\nC,"bad"quote\nD,with\x00nul\nE,last\n'
    items = read(write(tmp_path / "m.csv", data))
    assert summary(items) == [
        ("first", 2), ("E107", 3), ("E107", 4), ("withnul", 5), ("last", 6),
    ]  # fmt: skip  -- a stray NUL is stripped, the row kept (issue 17)
    assert items[3].fields["warnings"] == ["[E123] Removed 1 NUL byte(s) from the text"]


def test_csv_without_text_column_is_one_E106(tmp_path: Path, good: str) -> None:
    bad = write(tmp_path / "a.csv", "title,body\nA,words\nB,more\n")
    items = read(bad, good)
    assert summary(items)[0] == ("E106", 1) and len(items) == 2
    assert_then_good(items, "E106")


def test_csv_oversized_quoted_row_is_skipped_whole(tmp_path: Path) -> None:
    long_field = "\n".join(["a line of a very long quoted article"] * 200)
    data = f'text,title\nshort,A\n"{long_field}",B\nnext,C\n'
    items = read(write(tmp_path / "a.csv", data), max_bytes=1000)
    assert summary(items) == [("short", 2), ("E115", 3), ("next", 203)]


def test_long_texts_fit_the_csv_field_limit(tmp_path: Path) -> None:
    text = "sentence " * 40_000  # 360 KB: past csv's default 128 KB field limit
    doc = only(read(write(tmp_path / "long.csv", f'text\n"{text}"\n')))
    assert doc.text == text


# ---------------------------------------------------------------------------- format, stdin


def test_format_overrides_the_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.txt", '{"text": "a row"}\n')
    assert only(read(path, format="jsonl")).text == "a row"


def test_unknown_format_is_E111_per_input(tmp_path: Path) -> None:
    items = read(write(tmp_path / "a.txt", "x"), "-", format="docx")
    assert [(item.code, item.path) for item in items] == [("E111", str(tmp_path / "a.txt")), ("E111", "-")]
    assert "jsonl" in items[0].message


def test_bad_max_bytes_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read(write(tmp_path / "a.txt", "x"), max_bytes=0)


@pytest.mark.parametrize(
    ("data", "fmt", "text"),
    [
        (b"Just words from a pipe.", "txt", "Just words from a pipe."),
        (b'{"text": "r1"}\n{"text": "r2"}\n', "jsonl", "r1"),
        (b'{\n "text": "pretty"\n}\n', "jsonl", "pretty"),  # one json object: a row
        (b'  [{"text": "in array"}]', "jsonl", "in array"),
        (PAGE.encode(), "html", "Ferry service resumes"),
        (gzip.compress(b'{"text": "zipped row"}\n'), "jsonl", "zipped row"),
    ],
)
def test_stdin_format_is_sniffed(data: bytes, fmt: str, text: str) -> None:
    items = read("-", stdin=io.BytesIO(data))
    assert items[0].path == "<stdin>" and items[0].format == fmt
    assert items[0].text.startswith(text)


def test_stdin_format_given(tmp_path: Path) -> None:
    doc = only(read("-", format="csv", stdin=io.BytesIO(b"text\nfrom csv\n")))
    assert (doc.path, doc.line, doc.text) == ("<stdin>", 2, "from csv")


# ---------------------------------------------------------------------------- bad inputs


def test_missing_path_then_good(tmp_path: Path, good: str) -> None:
    assert_then_good(read(str(tmp_path / "absent.txt"), good), "E101")


def test_unreadable_file_then_good(tmp_path: Path, good: str, monkeypatch) -> None:
    from newsgraph.ingest import sources

    locked = write(tmp_path / "locked.txt", "secret")
    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(sources, "open", guarded, raising=False)  # root ignores chmod
    assert_then_good(read(locked, good), "E102")


def test_binary_file_then_good(tmp_path: Path, good: str) -> None:
    blob = write(tmp_path / "blob.txt", bytes(range(256)) * 4)
    assert_then_good(read(blob, good), "E103")


def test_invalid_utf8_file_is_read_with_W101(tmp_path: Path, good: str) -> None:
    legacy = write(tmp_path / "legacy.txt", "Résumé – “quoted”".encode("cp1252"))
    first, second = read(legacy, good)
    assert first.text == "Résumé – “quoted”"
    expected = "[W101] Not valid UTF-8; decoded as cp1252 (some characters may be wrong)"
    assert first.fields["warnings"] == [expected]
    assert second.text.startswith("A good article")


@pytest.mark.parametrize(("name", "data"), [("e.txt", b""), ("w.txt", b" \n\n "), ("e.jsonl", b"\n\n"),
                                            ("e.csv", b""), ("h.csv", b"title,text\n"), ("e.json", b" [ ] "),
                                            ("e.html", b"  ")])  # fmt: skip
def test_empty_file_then_good(tmp_path: Path, good: str, name: str, data: bytes) -> None:
    assert_then_good(read(write(tmp_path / name, data), good), "E104")


def test_fifty_megabyte_file_then_good(tmp_path: Path, good: str) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a line of filler text\n" * (50 * 1024 * 1024 // 22 + 1))
    assert_then_good(read(str(big), good), "E108")


def test_gzip_bomb_then_good(tmp_path: Path, good: str) -> None:
    bomb = gzip.compress(b"\n" * (60 * 1024 * 1024))
    for name in ("bomb.txt.gz", "bomb.jsonl.gz"):
        items = read(write(tmp_path / name, bomb), good)
        assert items[0].code in ("E109", "E119")
        assert_then_good(items, items[0].code)
        assert len(items) == 2


def test_truncated_gzip_keeps_rows_before_the_damage(tmp_path: Path, good: str) -> None:
    rows = "".join(json.dumps({"text": os.urandom(40).hex()}) + "\n" for _ in range(3000))
    packed = gzip.compress(rows.encode())
    items = read(write(tmp_path / "cut.jsonl.gz", packed[: len(packed) // 2]), good)
    assert isinstance(items[0], RawDoc)
    assert_then_good(items[-2:], "E110")


def test_memory_stays_flat_on_a_large_jsonl_gz(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "big.jsonl.gz", "wt") as handle:
        for n in range(12_000):  # ~10 MB of text, ~5 MB packed
            handle.write(json.dumps({"id": n, "text": os.urandom(400).hex()}) + "\n")
    tracemalloc.start()
    try:
        count = 0
        for item in read_raw([str(tmp_path / "big.jsonl.gz")]):
            count += isinstance(item, RawDoc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 12_000
    assert peak < 5 * 1024 * 1024


# ---------------------------------------------------------------------------- shared corpus


@pytest.mark.shared
def test_allsides_first_rows_map_fields(shared: Path) -> None:
    corpus = shared / "corpus" / "allsides" / "articles.jsonl.gz"
    if not corpus.is_file():
        pytest.skip("../shared/corpus/allsides/articles.jsonl.gz is not present")
    docs = list(itertools.islice(read_raw([str(corpus)]), 500))
    assert all(isinstance(doc, RawDoc) for doc in docs)
    assert [doc.line for doc in docs] == list(range(1, 501))
    for doc in docs:
        assert doc.format == "jsonl" and doc.text.strip()
        assert {"id", "outlet", "url", "title"} <= set(doc.fields)
        assert {"topic", "bias_text", "source_url"} <= set(doc.fields["meta"])
        assert not {"text", "source", "authors", "date", "url"} & set(doc.fields["meta"])
    assert sum("date" in doc.fields for doc in docs) > 400  # a few rows have none
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    assert docs[0].fields["outlet"] == first["source"]
    assert docs[0].fields["id"] == first["id"] and docs[0].text == first["text"]
    assert docs[0].fields.get("byline") == (first["authors"] or None)
