"""Path expansion, opening (gzip, limits, read errors) and decoding of inputs."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from newsgraph.errors import InputFailure
from newsgraph.ingest import sources
from newsgraph.ingest.sources import (
    MAX_BYTES,
    binary_reason,
    decode_bytes,
    expand_paths,
    format_for,
    human_size,
    iter_lines,
    open_input,
    read_document,
)
from newsgraph.records import InputError


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def codes(items: list) -> list[str]:
    return [item.code if isinstance(item, InputError) else "ok" for item in items]


def read_all(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    with open_input(path) as opened:
        return read_document(opened, max_bytes=max_bytes)


# ---------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "txt"), ("a.TEXT", "txt"), ("a.htm", "html"), ("a.xhtml", "html"),
        ("a.ndjson", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.json", "json"),
        ("dir.v2/a.tsv", "tsv"), ("a.csv.gz", "csv"), ("a.jpg", None), ("README", None),
    ],
)  # fmt: skip
def test_format_for_reads_the_extension_under_gz(name: str, expected: str | None) -> None:
    assert format_for(name) == expected


def test_human_size() -> None:
    assert human_size(MAX_BYTES) == "10 MB"
    assert human_size(1536) == "1.5 KB"
    assert human_size(80) == "80 bytes"


# ---------------------------------------------------------------------------- expansion


def test_folder_is_walked_sorted_with_skips(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "two")
    write(tmp_path / "a.html", "<p>one</p>")
    write(tmp_path / "sub" / "c.jsonl", '{"text": "x"}')
    write(tmp_path / "photo.JPG", b"\xff\xd8\xff")
    write(tmp_path / ".notes.txt", "hidden")
    write(tmp_path / ".git" / "config.txt", "hidden folder")
    items = list(expand_paths([str(tmp_path)]))
    files = [item for item in items if isinstance(item, str)]
    assert files == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "c.jsonl")]
    skips = {Path(item.path).name: item.code for item in items if isinstance(item, InputError)}
    assert skips == {".git": "S102", ".notes.txt": "S102", "photo.JPG": "S101"}
    jpg = next(item for item in items if isinstance(item, InputError) and item.code == "S101")
    assert "extension .JPG" in jpg.message


def test_folder_paths_read_as_found_under_the_given_folder(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "corpus" / "x.txt", "text")
    monkeypatch.chdir(tmp_path)
    assert list(expand_paths(["corpus/"])) == ["corpus/x.txt"]


def test_folder_without_articles_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "only.png", b"\x89PNG")
    assert codes(list(expand_paths([str(tmp_path)]))) == ["S101", "E118"]


def test_explicit_files_are_kept_as_given_whatever_the_extension(tmp_path: Path) -> None:
    odd = write(tmp_path / "notes.data", "plain words")
    hidden = write(tmp_path / ".draft.txt", "words")
    assert list(expand_paths([str(odd), str(hidden)])) == [str(odd), str(hidden)]


def test_missing_path_and_stdin(tmp_path: Path) -> None:
    items = list(expand_paths([str(tmp_path / "nope.txt"), "-"]))
    assert codes(items) == ["E101", "ok"]
    assert items[1] == "-"


def test_glob_sorted_and_no_match(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.csv"):
        write(tmp_path / name, "x")
    items = list(expand_paths([str(tmp_path / "*.txt"), str(tmp_path / "z*")]))
    assert items[:2] == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]
    assert codes(items[2:]) == ["E113"]


def test_recursive_glob_lists_each_file_once(tmp_path: Path) -> None:
    write(tmp_path / "x" / "one.txt", "1")
    write(tmp_path / "x" / "y" / "two.txt", "2")
    write(tmp_path / "x" / "y" / "pic.gif", b"GIF89a")
    items = list(expand_paths([str(tmp_path / "x" / "**")]))
    files = sorted(item for item in items if isinstance(item, str))
    assert files == [str(tmp_path / "x" / "one.txt"), str(tmp_path / "x" / "y" / "two.txt")]
    assert codes(items).count("S101") == 1


def test_glob_reads_unknown_extension_only_when_pattern_names_it(tmp_path: Path) -> None:
    write(tmp_path / "a.data", "text")
    write(tmp_path / "b.bin", "text")
    assert list(expand_paths([str(tmp_path / "*.data")])) == [str(tmp_path / "a.data")]
    assert codes(list(expand_paths([str(tmp_path / "*")]))) == ["S101", "S101"]


def test_sidecar_is_consumed_in_folders_and_skipped_when_named(tmp_path: Path) -> None:
    sidecar = write(tmp_path / "metadata.csv", "file,outlet\na.txt,Tribune\n")
    write(tmp_path / "a.txt", "words")
    assert list(expand_paths([str(tmp_path)])) == [str(tmp_path / "a.txt")]
    assert codes(list(expand_paths([str(sidecar)]))) == ["S103"]


def test_metadata_csv_with_text_column_is_articles(tmp_path: Path) -> None:
    articles = write(tmp_path / "metadata.csv", "file,text\na,words\n")
    assert list(expand_paths([str(tmp_path)])) == [str(articles)]


# ---------------------------------------------------------------------------- opening


def test_gzip_is_decompressed_transparently(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt.gz", gzip.compress(b"packed words"))
    assert read_all(str(path)) == b"packed words"


def test_gzip_recognised_by_magic_on_stdin() -> None:
    stdin = io.BytesIO(gzip.compress(b"from a pipe"))
    with open_input("-", stdin=stdin) as opened:
        assert opened.path == "<stdin>"
        assert opened.compressed
        assert read_document(opened) == b"from a pipe"


def test_corrupt_gzip_is_E110(tmp_path: Path) -> None:
    packed = gzip.compress(b"some words " * 1000)
    path = write(tmp_path / "cut.txt.gz", packed[: len(packed) // 2])
    with pytest.raises(InputFailure) as caught:
        read_all(str(path))
    assert caught.value.code == "E110"


def test_directory_opened_as_file_is_E102(tmp_path: Path) -> None:
    with pytest.raises(InputFailure) as caught:
        read_all(str(tmp_path))
    assert caught.value.code == "E102"


def test_permission_denied_is_E102(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path / "locked.txt", "secret")
    if os.geteuid() == 0:  # root reads anything: make open() refuse as it would
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(sources, "open", refuse, raising=False)
    else:
        path.chmod(0)
    with pytest.raises(InputFailure) as caught:
        read_all(str(path))
    assert (caught.value.code, "Permission denied" in caught.value.message) == ("E102", True)


def test_big_file_fails_from_its_size_without_being_read(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.write(b"plain text line\n" * (50 * 1024 * 1024 // 16))
    assert path.stat().st_size == 50 * 1024 * 1024
    readinto = sources._Guard.readinto
    sizes: list[int] = []

    def counted(self, buffer):
        sizes.append(readinto(self, buffer))
        return sizes[-1]

    monkeypatch.setattr(sources._Guard, "readinto", counted)
    with pytest.raises(InputFailure) as caught:
        read_all(str(path))
    assert caught.value.code == "E108"
    assert "50 MB" in caught.value.message and "10 MB" in caught.value.message
    assert sum(sizes) <= 64 * 1024  # the gzip sniff's one buffer; the rest never read


def test_big_stream_is_refused_after_the_limit() -> None:
    stdin = io.BytesIO(b"word " * 1_000_000)
    with open_input("-", stdin=stdin) as opened, pytest.raises(InputFailure) as caught:
        read_document(opened, max_bytes=10_000)
    assert caught.value.code == "E108"
    assert stdin.tell() <= 10_001 + 2 * 64 * 1024  # a buffer past the limit, not the rest


def test_gzip_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"\n" * (60 * 1024 * 1024)))
    assert path.stat().st_size < 200_000
    with pytest.raises(InputFailure) as caught:
        read_all(str(path))
    assert caught.value.code in ("E109", "E119")


def test_bomb_guard_trips_on_expansion_ratio_in_a_stream(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.jsonl.gz", gzip.compress(b"\n" * (30 * 1024 * 1024)))
    with open_input(str(path)) as opened, pytest.raises(InputFailure) as caught:
        for _ in iter_lines(opened.stream, max_bytes=1024 * 1024):
            pass
    assert caught.value.code == "E119"
    assert "100:1" in caught.value.message


def test_ratio_guard_leaves_ordinary_compressed_text_alone(tmp_path: Path) -> None:
    lines = b"".join(os.urandom(300).hex().encode() + b"\n" for _ in range(6000))  # 3.6 MB
    path = write(tmp_path / "rows.jsonl.gz", gzip.compress(lines))
    with open_input(str(path)) as opened:
        count = sum(1 for _ in iter_lines(opened.stream, max_bytes=1024 * 1024))
    assert count == 6000


# ---------------------------------------------------------------------------- decoding


def test_utf8_bom_is_stripped() -> None:
    assert decode_bytes("\ufeffCafé au lait".encode("utf-8")) == ("Café au lait", [])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_is_accepted(encoding: str) -> None:
    data = "Zürich talks".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_bytes(data) == ("Zürich talks", [])


def test_invalid_utf8_falls_back_to_cp1252_with_a_warning() -> None:
    text, warnings = decode_bytes("It’s a café".encode("cp1252"))
    assert text == "It’s a café"
    assert warnings == ["[W101] Not valid UTF-8; decoded as cp1252 (some characters may be wrong)"]


def test_bytes_cp1252_cannot_map_fall_back_to_latin1() -> None:
    text, warnings = decode_bytes(b"odd \x81 byte")
    assert text == "odd \x81 byte"
    assert "latin-1" in warnings[0]


def test_declared_encoding_is_used_without_warning() -> None:
    assert decode_bytes("naïve".encode("latin-1"), declared="iso8859-1") == ("naïve", [])


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01binary\x00\x00" * 40, "NUL"),
        (bytes(range(256)) * 4, "NUL"),  # NULs among bytes that are not UTF-8
        (bytes(range(1, 32)) * 40, "control characters"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
        (b"PK\x03\x04rest", "ZIP"),
    ],
)
def test_binary_content_is_E103(data: bytes, reason: str) -> None:
    assert reason in (binary_reason(data) or "")
    with pytest.raises(InputFailure) as caught:
        decode_bytes(data)
    assert caught.value.code == "E103"


@pytest.mark.issue(17)
def test_a_few_nul_bytes_are_stripped_and_the_text_kept() -> None:
    text, warnings = decode_bytes("Der Minister\x00 sagte am Montag,\x00 es gehe weiter.".encode("utf-8"))
    assert text == "Der Minister sagte am Montag, es gehe weiter."
    assert warnings == ["[E123] Removed 2 NUL byte(s) from the text"]


@pytest.mark.issue(17)
def test_nuls_past_the_share_of_strays_are_binary() -> None:
    few = b"a line of plain words\n" * 20 + b"\x00" * 16
    assert binary_reason(few) is None
    assert binary_reason(few + b"\x00") == "contains NUL bytes"  # 17 NULs in 477 bytes: over 1% and 16


def test_text_with_tabs_and_newlines_is_not_binary() -> None:
    assert binary_reason(b"col\tcol\r\nnext\fpage\n" * 100) is None


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", "\ufeff \n".encode("utf-8")])
def test_empty_or_whitespace_is_E104(data: bytes) -> None:
    with pytest.raises(InputFailure) as caught:
        decode_bytes(data)
    assert caught.value.code == "E104"


def test_lines_decode_one_by_one_and_long_lines_are_skipped() -> None:
    data = b"first\n" + b"x" * 5000 + b"\n" + "caf\xe9\n".encode("latin-1") + b"last"
    with open_input("-", stdin=io.BytesIO(data)) as opened:
        lines = list(iter_lines(opened.stream, max_bytes=1000))
    assert [line.number for line in lines] == [1, 2, 3, 4]
    assert lines[0].text == "first\n" and lines[0].fallback is None
    assert lines[1].text is None and lines[1].size == 5001
    assert (lines[2].text, lines[2].fallback) == ("café\n", "cp1252")
    assert lines[3].text == "last"


def test_utf16_lines() -> None:
    data = "one\r\ntwo ü\n".encode("utf-16")
    with open_input("-", stdin=io.BytesIO(data)) as opened:
        assert [line.text for line in iter_lines(opened.stream)] == ["one\r\n", "two ü\n"]


def test_walk_skips_special_files_and_survives_symlink_loops(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "a.txt", "words")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(expand_paths([str(tmp_path)]))
    assert [item for item in items if isinstance(item, str)] == [str(tmp_path / "sub" / "a.txt")]
    assert [(Path(item.path).name, item.code) for item in items if isinstance(item, InputError)] == [
        ("pipe.txt", "S104"),
        ("loop", "E122"),  # leads back to the folder being walked: said once, not followed
    ]


def _walk_errors(items: list) -> list[tuple[str, str]]:
    return [(Path(item.path).name, item.code) for item in items if isinstance(item, InputError)]


@pytest.mark.issue(17)
def test_a_symlink_loop_is_one_error_per_link_and_the_walk_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "first.txt", "words")
    (tmp_path / "loop").mkdir()
    os.symlink("b", tmp_path / "loop" / "a")
    os.symlink("a", tmp_path / "loop" / "b")
    write(tmp_path / "zlast.txt", "words")
    items = list(expand_paths([str(tmp_path)]))
    assert [Path(item).name for item in items if isinstance(item, str)] == ["first.txt", "zlast.txt"]
    assert _walk_errors(items) == [("a", "E120"), ("b", "E120")]
    assert "symbolic links" in next(item for item in items if isinstance(item, InputError)).message


@pytest.mark.issue(17)
def test_a_broken_symlink_names_its_missing_target(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "words")
    os.symlink("gone.txt", tmp_path / "link.txt")
    items = list(expand_paths([str(tmp_path)]))
    assert _walk_errors(items) == [("link.txt", "E121")]
    assert "'gone.txt'" in items[1].message
    given = list(expand_paths([str(tmp_path / "link.txt")]))  # named directly, too
    assert codes(given) == ["E121"]


@pytest.mark.issue(17)
def test_a_looping_link_named_directly_is_E120(tmp_path: Path) -> None:
    os.symlink("b", tmp_path / "a")
    os.symlink("a", tmp_path / "b")
    assert codes(list(expand_paths([str(tmp_path / "a")]))) == ["E120"]


@pytest.mark.issue(17)
def test_an_alias_of_a_folder_read_elsewhere_is_read_once_silently(tmp_path: Path) -> None:
    write(tmp_path / "real" / "a.txt", "words")
    os.symlink(tmp_path / "real", tmp_path / "alias")
    items = list(expand_paths([str(tmp_path)]))
    assert [Path(item).name for item in items if isinstance(item, str)] == ["a.txt"]
    assert _walk_errors(items) == []


@pytest.mark.issue(17)
def test_a_recursive_glob_through_a_cycle_reads_each_file_once(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "a.txt", "words")
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink("gone.txt", tmp_path / "sub" / "broken.txt")
    items = list(expand_paths([str(tmp_path / "**" / "*.txt")]))
    assert [Path(item).name for item in items if isinstance(item, str)] == ["a.txt"]
    assert _walk_errors(items) == [("broken.txt", "E121")]


@pytest.mark.issue(17)
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_one_E120_and_its_siblings_are_read(tmp_path: Path) -> None:
    write(tmp_path / "closed" / "a.txt", "words")
    write(tmp_path / "open" / "b.txt", "words")
    (tmp_path / "closed").chmod(0)
    try:
        items = list(expand_paths([str(tmp_path)]))
        alone = list(expand_paths([str(tmp_path / "closed")]))
    finally:
        (tmp_path / "closed").chmod(0o755)
    assert [Path(item).name for item in items if isinstance(item, str)] == ["b.txt"]
    assert _walk_errors(items) == [("closed", "E120")]
    assert codes(alone) == ["E120"]  # not also E118: the folder could not be listed


@pytest.mark.issue(17)
def test_a_folder_that_cannot_be_listed_is_E120_even_as_root(tmp_path: Path, monkeypatch) -> None:
    """The same path as the permission test, reached by refusing the listing (root can list all)."""
    write(tmp_path / "closed" / "a.txt", "words")
    write(tmp_path / "open" / "b.txt", "words")
    real_scandir = os.scandir

    def refusing(path):
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(sources.os, "scandir", refusing)
    items = list(expand_paths([str(tmp_path)]))
    assert [Path(item).name for item in items if isinstance(item, str)] == ["b.txt"]
    assert _walk_errors(items) == [("closed", "E120")]
    assert "Permission denied" in next(i for i in items if isinstance(i, InputError)).message
