"""limits.py: every hostile input ends as a precise reject, read and decompressed within bounds."""

from __future__ import annotations

import gzip
import io
import os
import time
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kutim_corpus.errors import Rejected, UsageError
from kutim_corpus.limits import (
    MB,
    READ_CHUNK,
    VECTOR_SCAN_BYTES,
    Limits,
    _nesting_depth_streaming,
    bounded_bytes,
    check_nesting,
    check_page,
    gunzip_bounded,
    nesting_depth,
    path_within,
    read_file_bounded,
    read_page,
    safe_name,
    sniff_html,
    time_limit,
)

PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <title>Pemkab Kutim Gelar Rapat Koordinasi Penanganan Banjir - Kaltim Warta</title>
  <script>var tpl = "<div><div><div>"; window.dataLayer = [];</script>
  <style>.menu > li { float: left }</style>
</head>
<body class="single-post">
  <header><nav><ul><li><a href="/">Beranda</a><li><a href="/kutim">Kutim</a></ul></nav></header>
  <main><article>
    <h1>Pemkab Kutim Gelar Rapat Koordinasi Penanganan Banjir</h1>
    <p>SANGATTA &ndash; Pemerintah kabupaten menggelar rapat koordinasi di ruang Arau.<br><br>
    <p>Rapat membahas pembagian tugas antarperangkat daerah.
    <img src="/foto.jpg" alt="rapat"><br>
    <!-- <div><div><div> commented-out widget -->
  </article>
  <aside><div class="widget"><h3>Berita Lainnya</h3><ul><li><a href="/a">A</a></ul></div></aside>
  </main>
  <footer><p>&copy; 2024 Kaltim Warta</footer>
</body>
</html>
"""


def nested_page(levels: int, tag: str = "div") -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>x</title></head><body>"
        + f"<{tag}>".encode() * levels
        + b"teks"
        + f"</{tag}>".encode() * levels
        + b"</body></html>"
    )


def reason_of(call, *args) -> str:
    with pytest.raises(Rejected) as caught:
        call(*args)
    return caught.value.reason


# --- sniffing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode(),
        PAGE.encode("utf-16"),
        b"\xef\xbb\xbf" + PAGE.encode(),
        b"<br />\n<b>Warning</b>: mysql_connect() in /var/www/index.php on line 4<br />\n" + PAGE.encode(),
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title></channel></rss>',
        PAGE.encode("latin-1", errors="replace"),
    ],
    ids=["utf8", "utf16-bom", "utf8-bom", "php-warning-first", "rss", "latin1"],
)
def test_markup_is_accepted(data):
    assert sniff_html(data) is None


@pytest.mark.parametrize(
    ("data", "reason", "detail"),
    [
        (b"", "empty", "no content"),
        (b" \r\n\t \n", "empty", "whitespace"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "not_html", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>>", "not_html", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + os.urandom(500), "not_html", "JPEG"),
        (b"PK\x03\x04" + os.urandom(300), "not_html", "ZIP"),
        (bytes(range(256)) * 20, "not_html", "control bytes"),
        (
            b"Daftar hadir rapat koordinasi\nNama: Budi\nInstansi: BPBD Kutai Timur\n" * 40,
            "not_html",
            "no HTML markup",
        ),
        (b'{"title": "Banjir di Sangatta", "body": "<p>Air naik</p>"}', "not_html", "JSON data"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "jpeg", "zip", "random-binary", "plain-text", "json"],
)
def test_non_pages_get_a_precise_reason(data, reason, detail):
    verdict = sniff_html(data)
    assert verdict is not None
    assert verdict[0] == reason
    assert detail in verdict[1]


# --- nesting ------------------------------------------------------------------------------------


def test_real_page_depth_is_small_and_ignores_scripts_comments_and_implied_tags():
    # html/body/p/li are implied and the script's "<div>"s are not tags: main>aside>div>ul>a
    assert nesting_depth(PAGE.encode()) == 5


def test_depth_of_nested_divs_is_counted():
    assert nesting_depth(nested_page(250)) == 250


def test_100k_levels_are_refused_early():
    limits = Limits()
    assert reason_of(check_nesting, nested_page(100_000), limits) == "too_deep"
    # unclosed divs nest just as deep
    unclosed = b"<html><body>" + b"<div class=x>" * 5000
    assert reason_of(check_nesting, unclosed, limits) == "too_deep"


def test_default_depth_is_below_what_lxml_parses_whole():
    import lxml.html

    limit = Limits().max_depth
    within = nested_page(limit).replace(b"</body>", b"<p>penutup</p></body>")
    check_nesting(within, Limits())
    assert "penutup" in lxml.html.document_fromstring(within).text_content()  # parsed whole
    deeper = nested_page(limit + 10).replace(b"</body>", b"<p>penutup</p></body>")
    assert "penutup" not in lxml.html.document_fromstring(deeper).text_content()  # lxml drops it
    assert reason_of(check_nesting, deeper, Limits()) == "too_deep"  # so it is refused


def deep_article(levels: int) -> bytes:
    """PAGE with elements nested ``levels`` deep below <body>: main > article > <div>s > span."""
    inner = "<div>" * (levels - 3) + "<span>pembagian tugas</span>" + "</div>" * (levels - 3)
    return PAGE.replace("<p>Rapat membahas", inner + "<p>Rapat membahas").encode()


@pytest.mark.parametrize(
    ("levels", "limits", "too_deep"),
    [
        (60, Limits(), False),
        (250, Limits(), False),
        (251, Limits(), True),
        (100_000, Limits(), True),
        (30, Limits(max_depth=30), False),
        (31, Limits(max_depth=30), True),
        (400, Limits(max_depth=1000), True),  # lxml keeps 256 levels and drops the rest: refused
    ],
)
def test_the_worker_checks_nesting_on_the_parsed_tree(levels, limits, too_deep):
    from kutim_corpus.pipeline import parse_page

    page = deep_article(levels)
    parsed = parse_page(page, "https://kaltimwarta.example/rapat", use_profiles=False, limits=limits)
    reject = parsed.get("reject") or [None]
    if too_deep:
        assert reject == ["too_deep", "decode", f"elements nested more than {limits.max_depth} levels deep"]
    else:
        assert reject[0] != "too_deep"  # (this short page then ends as not_article)
    if levels < 1000:  # the byte scan of check_page counts the same depth
        assert nesting_depth(page) == levels


def test_depth_limit_is_an_option():
    data = nested_page(300)
    check_nesting(data, Limits(max_depth=300))
    assert reason_of(check_nesting, data, Limits(max_depth=299)) == "too_deep"


def test_self_closing_and_void_tags_add_no_depth():
    data = b"<html><body>" + b"<br><img src=a.jpg><div/><input type=text /><hr>" * 5000 + b"</body></html>"
    assert nesting_depth(data) == 0


def test_raw_text_comments_and_stray_close_tags():
    page = (
        b"<html><body><div><SCRIPT type=text/javascript>if (a<b) document.write('<div><div>')</script >"
        b"<style>div > p { }</style><textarea><div></textarea><!-- <div> --->"
        b"<section></div></div></div></section>"  # stray closes never take the depth below 0
        b"<DIV><Div data-x='a/b'><span>x</span></div></div><script-x><div><div><div><div></body></html>"
    )
    # DIV > Div > span; "<script-x>" is read as raw text to the end, like "<script x>"
    assert nesting_depth(page) == 3
    assert nesting_depth(page.replace(b"<span>x</span>", b"<span>x</span><span/>")) == 3


def test_pages_above_the_vector_scan_size_are_scanned_token_by_token():
    padding = b"<p>" + b"isi berita " * (VECTOR_SCAN_BYTES // 10) + b"</p>"
    page = nested_page(40).replace(b"teks", padding)
    assert len(page) > VECTOR_SCAN_BYTES
    assert nesting_depth(page) == 40
    hostile = b"<html><body>" + b"<div>" * (VECTOR_SCAN_BYTES // 5 + 10)
    assert nesting_depth(hostile, stop_at=250) == 251  # stops counting just past the limit
    assert reason_of(check_nesting, hostile, Limits()) == "too_deep"


MARKUP = st.lists(
    st.sampled_from(
        ["<div>", "</div>", "<DIV class='a'>", "<p>", "</p>", "<br>", "<div/>", "<span>", "</span>",
         "</b>", "<b>", "<!--", "-->", "<script>", "</script>", "<style>", "</style >", "<", ">", "/",
         "teks ", "<img src=x>", "<li>", "<title>", "</title>", "<x-widget>", "</x-widget>"]
    ),
    max_size=80,
).map(lambda parts: "".join(parts).encode())


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_vectorised_scan_counts_like_the_token_by_token_scan(data):
    assert nesting_depth(data) == _nesting_depth_streaming(data, None)


# --- reading files ------------------------------------------------------------------------------


def test_reads_a_regular_file(tmp_path):
    page = tmp_path / "berita.html"
    page.write_text(PAGE, "utf-8")
    assert read_page(page, Limits()) == PAGE.encode()


def test_large_file_is_refused_from_its_size_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "besar.html"
    with open(big, "wb") as handle:
        handle.truncate(50 * MB)  # sparse: no 50 MB actually written
    opened = []
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(AssertionError))
    with pytest.raises(Rejected) as caught:
        read_page(big, Limits())
    assert caught.value.reason == "too_large"
    assert "limit is 20971520" in caught.value.message
    assert opened == []


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipa.html"
    os.mkfifo(fifo)
    with pytest.raises(Rejected) as caught:
        read_page(fifo, Limits())
    assert (caught.value.reason, caught.value.message) == ("unreadable", "a FIFO, not a file")


def test_broken_symlink_and_symlink_loop_are_unreadable(tmp_path):
    (tmp_path / "hilang.html").symlink_to(tmp_path / "tidak-ada.html")
    (tmp_path / "a.html").symlink_to(tmp_path / "b.html")
    (tmp_path / "b.html").symlink_to(tmp_path / "a.html")
    for name, detail in [("hilang.html", "broken symlink"), ("a.html", "symlink loop")]:
        with pytest.raises(Rejected) as caught:
            read_page(tmp_path / name, Limits())
        assert caught.value.reason == "unreadable"
        assert detail in caught.value.message


def test_io_error_while_reading_is_unreadable(tmp_path, monkeypatch):
    page = tmp_path / "rusak.html"
    page.write_text(PAGE)
    real_fdopen = os.fdopen

    class FailingReader(io.RawIOBase):
        def __init__(self, handle):
            self.handle = handle

        def read(self, size=-1):
            raise OSError(5, "Input/output error")

        def fileno(self):
            return self.handle.fileno()

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FailingReader(real_fdopen(fd, mode)))
    with pytest.raises(Rejected) as caught:
        read_file_bounded(page, Limits())
    assert (caught.value.reason, caught.value.message) == ("unreadable", "Input/output error")


def test_directory_is_unreadable(tmp_path):
    (tmp_path / "folder.html").mkdir()
    assert reason_of(read_page, tmp_path / "folder.html", Limits()) == "unreadable"


# --- gzip ---------------------------------------------------------------------------------------


def gzip_bomb(expanded_bytes: int) -> bytes:
    """A small gzip of zeros, written in a stream (never holds the expanded data)."""
    buffer = io.BytesIO()
    zeros = bytes(MB)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as handle:
        for _ in range(expanded_bytes // MB):
            handle.write(zeros)
    return buffer.getvalue()


def test_gz_page_is_decompressed(tmp_path):
    page = tmp_path / "berita.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode(), mtime=0))
    assert read_page(page, Limits()) == PAGE.encode()


def test_multi_member_gzip_is_read_whole():
    data = gzip.compress(b"<html><body><p>satu", mtime=0) + gzip.compress(b" dua</p></body></html>", mtime=0)
    assert gunzip_bounded(data, Limits()) == b"<html><body><p>satu dua</p></body></html>"


def test_gzip_bomb_past_1gb_stops_at_the_limit(tmp_path):
    bomb = gzip_bomb(1100 * MB)
    assert len(bomb) < 2 * MB
    path = tmp_path / "bom.html.gz"
    path.write_bytes(bomb)
    with pytest.raises(Rejected) as caught:
        read_page(path, Limits(max_decompressed_bytes=8 * MB))
    assert caught.value.reason == "too_large"
    assert "gzip expands past the limit of 8388608 bytes" in caught.value.message
    # stopped long before the end of the compressed stream
    stopped_after = int(caught.value.message.rsplit("after ", 1)[1].split()[0])
    assert stopped_after <= READ_CHUNK < len(bomb)


def test_decompressed_page_over_the_page_limit_is_too_large(tmp_path):
    path = tmp_path / "besar.html.gz"
    path.write_bytes(gzip.compress(b"<html><body>" + b"a" * (3 * MB), mtime=0))
    assert reason_of(read_page, path, Limits(max_page_bytes=2 * MB)) == "too_large"


@pytest.mark.parametrize(
    ("make", "detail"),
    [
        (lambda data: data[: len(data) // 2], "truncated"),
        (lambda data: data[:10] + b"\x00garbage" * 50 + data[400:], "corrupt gzip data"),
        (lambda data: b"<html>not gzip at all</html>", "bad magic"),
        (lambda data: data[:-8] + b"\x00" * 8, "corrupt gzip data"),  # CRC/length trailer wrong
    ],
    ids=["truncated", "corrupt-middle", "not-gzip", "bad-crc"],
)
def test_damaged_gz_is_a_corrupt_archive(tmp_path, make, detail):
    original = gzip.compress(PAGE.encode() * 20, mtime=0)
    path = tmp_path / "rusak.html.gz"
    path.write_bytes(make(original))
    with pytest.raises(Rejected) as caught:
        read_page(path, Limits())
    assert caught.value.reason == "corrupt_archive"
    assert detail in caught.value.message


def test_empty_gz_is_empty(tmp_path):
    path = tmp_path / "kosong.html.gz"
    path.write_bytes(b"")
    assert reason_of(read_page, path, Limits()) == "empty"


def test_gzip_bytes_saved_as_html_are_decompressed(tmp_path):
    path = tmp_path / "berita.html"
    path.write_bytes(gzip.compress(PAGE.encode(), mtime=0))
    assert read_page(path, Limits()) == PAGE.encode()


def test_gunzip_streams_from_a_file_object():
    bomb = gzip_bomb(64 * MB)
    with pytest.raises(Rejected) as caught:
        gunzip_bounded(io.BytesIO(bomb), Limits(max_decompressed_bytes=MB))
    assert caught.value.reason == "too_large"


def test_bounded_bytes_applies_to_warc_payloads():
    assert reason_of(bounded_bytes, b"<p>" * (MB), Limits(max_page_bytes=MB)) == "too_large"
    assert bounded_bytes(zlib.compress(b"x"), Limits()) == zlib.compress(b"x")  # not gzip: kept


def test_check_page_runs_every_cheap_check():
    limits = Limits(max_page_bytes=MB)
    check_page(PAGE.encode(), limits)
    assert reason_of(check_page, b"", limits) == "empty"
    assert reason_of(check_page, b"%PDF-1.4 ...", limits) == "not_html"
    assert reason_of(check_page, nested_page(5000), limits) == "too_deep"
    assert reason_of(check_page, b"<html>" + b" " * MB, limits) == "too_large"


# --- options ------------------------------------------------------------------------------------


def test_limits_from_cli_options_and_defaults():
    default = Limits()
    assert default.max_page_bytes == 20 * MB and default.max_decompressed_bytes == 100 * MB
    assert Limits.from_options() == default
    custom = Limits.from_options(max_page_mb=1.5, max_depth=50, page_timeout=2)
    assert custom.max_page_bytes == int(1.5 * MB)
    assert custom.max_depth == 50 and custom.page_seconds == 2
    assert custom.max_decompressed_bytes == default.max_decompressed_bytes
    assert set(custom.as_options()) == {"max_page_bytes", "max_decompressed_bytes", "max_depth", "page_seconds"}


@pytest.mark.parametrize("bad", [{"max_depth": 0}, {"page_seconds": -1}, {"max_page_bytes": 0}])
def test_nonsense_limits_are_usage_errors(bad):
    with pytest.raises(UsageError):
        Limits(**bad)


# --- time ---------------------------------------------------------------------------------------


def test_time_limit_turns_a_slow_page_into_a_timeout():
    started = time.monotonic()
    with pytest.raises(Rejected) as caught, time_limit(0.2):
        while True:  # a pathological regex or loop in pure Python
            sum(range(1000))
    assert caught.value.reason == "timeout"
    assert time.monotonic() - started < 5


def test_time_limit_leaves_fast_pages_alone_and_disarms():
    with time_limit(1):
        value = sum(range(100))
    assert value == 4950
    time.sleep(1.2)  # the alarm must be disarmed: nothing fires after the block


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["0.1.0", "1.2.3-rc1", "v2024.12.04", "kutim_corpus+local"])
def test_safe_names_pass(good):
    assert safe_name(good, "version") == good


@pytest.mark.parametrize(
    "bad", ["", ".", "..", "../../etc", "/etc/passwd", "a/b", "a\\b", "1.0..2", "-rf", ".hidden", "a\x00b", "x" * 200]
)
def test_unsafe_names_are_refused(bad):
    with pytest.raises(UsageError, match="invalid version"):
        safe_name(bad, "version")


def test_path_within_refuses_escapes(tmp_path):
    assert path_within(tmp_path, "data/train.parquet") == (tmp_path / "data/train.parquet").resolve()
    for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\\..\\x"]:
        with pytest.raises(UsageError):
            path_within(tmp_path, bad)
    (tmp_path / "link").symlink_to("/")
    with pytest.raises(UsageError, match="escapes"):
        path_within(tmp_path, "link/etc")


# --- properties -----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048), st.integers(0, 2048))
def test_damaged_gzip_is_rejected_or_bounded(garbage, cut):
    data = gzip.compress(PAGE.encode(), mtime=0)
    mutated = data[:cut] + garbage + data[cut + len(garbage):]
    limits = Limits(max_decompressed_bytes=4096)
    try:
        out = gunzip_bounded(mutated, limits)
    except Rejected as rejected:
        assert rejected.reason in {"corrupt_archive", "too_large", "empty"}
    else:
        assert len(out) <= 4096


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_checks_never_raise_anything_but_rejected(data):
    assert nesting_depth(data) >= 0
    verdict = sniff_html(data)
    assert verdict is None or verdict[0] in {"empty", "not_html"}
    try:
        check_page(data, Limits(max_depth=5))
    except Rejected as rejected:
        assert rejected.reason in {"empty", "not_html", "too_deep"}
