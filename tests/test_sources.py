"""Sources: every input file, .gz page and WARC record becomes exactly one RawPage."""

from __future__ import annotations

import os

import pytest

from build_fixtures import LISTING_PAGE, render_page, write_gz, write_warc
from kutim_corpus.errors import UsageError
from kutim_corpus.limits import Limits
from kutim_corpus.sources import SourceStats, iter_pages, resolve_inputs


def pages_of(*inputs, from_list=None, exclude=()):
    stats = SourceStats()
    pages = list(iter_pages(resolve_inputs(inputs, from_list), Limits(), stats, exclude=exclude))
    return pages, stats


@pytest.fixture
def crawl(tmp_path):
    root = tmp_path / "crawl"
    (root / "2024" / "12").mkdir(parents=True)
    (root / "2024" / "12" / "dp3a.html").write_bytes(render_page(1))
    (root / "2024" / "banjir.htm").write_bytes(render_page(0))
    write_gz(root / "2024" / "12" / "jalan.html.gz", render_page(2))
    (root / "kategori.html").write_bytes(LISTING_PAGE)
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def test_folder_is_walked_recursively_in_name_order_with_sources_under_the_folder_name(crawl):
    pages, stats = pages_of(crawl)
    assert [p.source for p in pages] == [
        "crawl/2024/12/dp3a.html",
        "crawl/2024/12/jalan.html.gz",
        "crawl/2024/banjir.htm",
        "crawl/kategori.html",
    ]
    assert all(p.error is None for p in pages)
    assert stats.skipped_hidden == 2  # .DS_Store and .git


def test_gz_pages_are_decompressed(crawl):
    pages, _ = pages_of(crawl / "2024" / "12" / "jalan.html.gz")
    assert [p.source for p in pages] == ["jalan.html.gz"]
    assert pages[0].data == render_page(2)


def test_a_file_given_directly_is_named_by_its_file_name(crawl):
    pages, _ = pages_of(crawl / "2024" / "banjir.htm", crawl / "kategori.html")
    assert [p.source for p in pages] == ["banjir.htm", "kategori.html"]
    assert pages[0].data == render_page(0)


def test_the_output_folder_inside_an_input_folder_is_not_read(crawl):
    out = crawl / "corpus"
    (out / "articles").mkdir(parents=True)
    (out / "articles" / "part-00000.parquet").write_bytes(b"PAR1")
    pages, _ = pages_of(crawl, exclude=[out])
    assert not any("corpus" in p.source for p in pages)


def test_broken_files_are_inputs_with_the_reason_they_failed(tmp_path):
    root = tmp_path / "raw"
    root.mkdir()
    (root / "broken.html.gz").write_bytes(render_page(0)[:0] + b"\x1f\x8b\x08\x00" + b"\x00" * 20)
    (root / "dangling.html").symlink_to(root / "gone.html")
    (root / "loop").symlink_to(root)
    pages, _ = pages_of(root)
    by_source = {p.source: p for p in pages}
    assert set(by_source) == {"raw/broken.html.gz", "raw/dangling.html", "raw/loop"}
    assert by_source["raw/broken.html.gz"].error.reason == "corrupt_archive"
    assert by_source["raw/dangling.html"].error.reason == "unreadable"
    assert by_source["raw/loop"].error.reason == "unreadable"
    assert "symlink loop" in by_source["raw/loop"].error.message
    assert all(p.data is None for p in pages)


# --- WARC -------------------------------------------------------------------------------------

CRAWL_RECORDS = [
    ("warcinfo", "", b"", ""),
    ("request", "https://kutimpost.example/2024/11/29/berita-0/", b"", ""),
    ("response", "https://kutimpost.example/2024/11/29/berita-0/", render_page(0, canonical=False), "text/html; charset=UTF-8"),
    ("response", "https://kutimpost.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
    ("404", "https://kutimpost.example/hilang/", b"<html><body>Halaman tidak ditemukan</body></html>", "text/html"),
    ("response", "https://kutimpost.example/2024/12/04/berita-1/", render_page(1), "text/html"),
    ("resource", "https://kutimpost.example/2024/10/15/berita-2/", render_page(2), "text/html"),
]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_are_pages_with_record_url_and_date(tmp_path, gz):
    name = "crawl.warc.gz" if gz else "crawl.warc"
    write_warc(tmp_path / name, CRAWL_RECORDS, gz=gz)
    pages, stats = pages_of(tmp_path / name)
    assert [p.source for p in pages] == [
        f"{name}#urn:uuid:00000000-0000-0000-0000-000000000002",
        f"{name}#urn:uuid:00000000-0000-0000-0000-000000000005",
        f"{name}#urn:uuid:00000000-0000-0000-0000-000000000006",
    ]
    assert pages[0].url == "https://kutimpost.example/2024/11/29/berita-0/"
    assert pages[0].fetched_at == "2024-12-03T01:02:03+00:00"
    assert pages[0].data == render_page(0, canonical=False)
    assert pages[2].data == render_page(2)
    assert dict(stats.skipped_warc_records) == {"warcinfo": 1, "request": 1, "non-HTML content": 1, "HTTP status 4xx": 1}


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc_yields_the_records_before_the_damage_and_a_reject_with_the_offset(tmp_path, gz):
    full = write_warc(tmp_path / "full.warc", CRAWL_RECORDS, gz=gz)
    truncated = tmp_path / "cut.warc"
    truncated.write_bytes(full[: len(full) - 700])  # cuts into the last record
    pages, _ = pages_of(truncated)
    good = [p for p in pages if p.error is None]
    assert [p.data for p in good] == [render_page(0, canonical=False), render_page(1)]
    damaged = pages[-1]
    assert damaged.error.reason == "corrupt_archive"
    assert damaged.source.startswith("cut.warc#offset=")
    offset = int(damaged.source.split("=")[1])
    assert 0 < offset < len(full) - 700
    assert f"cut.warc at byte offset {offset}" in damaged.error.message


def test_garbage_in_a_warc_gz_is_reported_after_the_good_records(tmp_path):
    full = write_warc(tmp_path / "full.warc.gz", CRAWL_RECORDS)
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(full[:2000] + b"\x00garbage\xff" * 40 + full[2000:])
    pages, _ = pages_of(damaged)
    assert pages[-1].error.reason == "corrupt_archive"
    assert all(p.error is None for p in pages[:-1])


def test_a_page_over_the_size_limit_in_a_warc_is_rejected_too_large(tmp_path):
    write_warc(tmp_path / "big.warc.gz", [("response", "https://x.example/a/", render_page(0), "text/html")])
    stats = SourceStats()
    pages = list(iter_pages(resolve_inputs([tmp_path / "big.warc.gz"]), Limits(max_page_bytes=1000), stats))
    assert [p.error.reason for p in pages] == ["too_large"]


# --- inputs and --from-list --------------------------------------------------------------------


def test_missing_input_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        resolve_inputs([tmp_path / "nope"])
    with pytest.raises(UsageError, match="no input"):
        resolve_inputs([])


def test_from_list_reads_paths_and_globs_relative_to_the_current_folder(crawl, tmp_path, monkeypatch):
    write_warc(tmp_path / "crawl-a.warc.gz", CRAWL_RECORDS)
    write_warc(tmp_path / "crawl-b.warc.gz", CRAWL_RECORDS[:3])
    listing = tmp_path / "inputs.txt"
    listing.write_text("# crawls of December\n\ncrawl-*.warc.gz\ncrawl/2024/banjir.htm\n")
    monkeypatch.chdir(tmp_path)
    pages, _ = pages_of(from_list=listing)
    sources = [p.source.split("#")[0] for p in pages]
    assert sources == ["crawl-a.warc.gz"] * 3 + ["crawl-b.warc.gz", "banjir.htm"]


def test_from_list_names_the_line_of_a_missing_entry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    listing = tmp_path / "inputs.txt"
    listing.write_text("missing.html\n")
    with pytest.raises(UsageError, match=r"inputs.txt:1: input 'missing.html' does not exist"):
        resolve_inputs([], listing)
    listing.write_text("\n*.warc.gz\n")
    with pytest.raises(UsageError, match=r"inputs.txt:2: the glob '\*.warc.gz' matches nothing"):
        resolve_inputs([], listing)


def test_sources_hold_one_page_at_a_time(crawl):
    """iter_pages is a generator: nothing is read before it is asked for."""
    stream = iter_pages(resolve_inputs([crawl]), Limits(), SourceStats())
    first = next(stream)
    assert first.source == "crawl/2024/12/dp3a.html"
    os.remove(crawl / "kategori.html")  # removed after the walk started: reported, not crashed
    rest = list(stream)
    assert rest[-1].source == "crawl/kategori.html" and rest[-1].error.reason == "unreadable"



def test_file_names_that_are_not_utf8_become_printable_sources(tmp_path):
    root = tmp_path / "mirror"
    root.mkdir()
    with open(os.path.join(os.fsencode(root), b"berita-pr\xe9s.html"), "wb") as handle:
        handle.write(render_page(0))
    (root / "café.html").write_bytes(render_page(1))
    pages, _ = pages_of(root)
    assert [p.source for p in pages] == ["mirror/berita-pr\\xe9s.html", "mirror/café.html"]
    assert pages[0].data == render_page(0)
