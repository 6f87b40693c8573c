"""The incremental cache: a rebuild parses only changed pages and equals a clean build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from build_fixtures import LISTING_PAGE, render_page, write_warc
from kutim_corpus import cache, corpus
from kutim_corpus.pipeline import build_corpus

OUTPUT_FILES = ("articles/part-00000.parquet", "rejects.parquet", "build.json")


@pytest.fixture
def raw(tmp_path) -> Path:
    root = tmp_path / "raw"
    root.mkdir()
    for story in range(3):
        (root / f"berita-{story}.html").write_bytes(render_page(story))
    (root / "kategori.html").write_bytes(LISTING_PAGE)
    (root / "kosong.html").write_bytes(b"")
    write_warc(root / "crawl.warc.gz", [("response", "https://kaltimnews.example/a/", render_page(1, site="kaltimnews.example", canonical=False, extra="Tambahan dari redaksi Kaltim."), "text/html")])
    return root


def assert_same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def cache_entries(out: Path) -> int:
    with sqlite3.connect(out / ".cache" / cache.CACHE_FILE) as db:
        return db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]


def test_unchanged_rebuild_reuses_every_page_and_writes_the_same_bytes(raw, tmp_path):
    out = tmp_path / "corpus"
    first = build_corpus([raw], out, workers=2)
    assert (first.cache_hits, first.cache_misses) == (0, 6)  # rejects are cached too
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    again = build_corpus([raw], out, workers=1)
    assert (again.cache_hits, again.cache_misses) == (6, 0)
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before


def test_changed_added_and_removed_pages(raw, tmp_path):
    out = tmp_path / "corpus"
    build_corpus([raw], out, workers=2)
    (raw / "berita-2.html").write_bytes(render_page(2, extra="Pekerjaan ditargetkan rampung pada pekan kedua Desember."))
    (raw / "berita-0.html").unlink()
    (raw / "berita-baru.html").write_bytes(render_page(0, slug="banjir-susulan", extra="Banjir susulan terjadi pada Sabtu pagi."))
    rebuilt = build_corpus([raw], out, workers=2)
    assert (rebuilt.cache_hits, rebuilt.cache_misses) == (4, 2)  # only the changed and the new page
    assert cache_entries(out) == 6  # the removed page's entry is dropped

    clean = tmp_path / "clean"
    build_corpus([raw], clean, workers=1, use_cache=False)
    assert_same_outputs(out, clean)
    bodies = {a["source"]: a["body"] for a in corpus.iter_articles(out)}
    assert "rampung pada pekan kedua" in bodies["raw/berita-2.html"]
    assert "raw/berita-0.html" not in bodies


def test_a_renamed_page_is_a_hit_with_its_new_source(raw, tmp_path):
    out = tmp_path / "corpus"
    build_corpus([raw], out, workers=1)
    (raw / "berita-1.html").rename(raw / "dp3a.html")
    rebuilt = build_corpus([raw], out, workers=1)
    assert rebuilt.cache_misses == 0
    clean = tmp_path / "clean"
    build_corpus([raw], clean, workers=1, use_cache=False)
    assert_same_outputs(out, clean)


def test_options_and_code_version_are_part_of_the_key(raw, tmp_path, monkeypatch):
    out = tmp_path / "corpus"
    build_corpus([raw], out, workers=1)
    assert build_corpus([raw], out, workers=1, use_profiles=False).cache_hits == 0
    assert build_corpus([raw], out, workers=1, use_profiles=False).cache_misses == 0
    monkeypatch.setattr(cache, "code_version", lambda: "another extractor")
    assert build_corpus([raw], out, workers=1, use_profiles=False).cache_hits == 0


def test_a_separate_cache_folder_and_no_cache(raw, tmp_path):
    shared = tmp_path / "shared-cache"
    build_corpus([raw], tmp_path / "a", workers=1, cache_dir=shared)
    assert (shared / cache.CACHE_FILE).is_file()
    assert not (tmp_path / "a" / ".cache").exists()
    second = build_corpus([raw], tmp_path / "b", workers=1, cache_dir=shared)
    assert second.cache_misses == 0
    assert_same_outputs(tmp_path / "a", tmp_path / "b")
    none = build_corpus([raw], tmp_path / "c", workers=1, use_cache=False)
    assert not (tmp_path / "c" / ".cache").exists()
    assert (none.cache_hits, none.cache_misses) == (0, 6)


def test_code_version_covers_extraction_code_but_not_downstream_modules():
    from importlib import resources

    package = Path(str(resources.files("kutim_corpus")))
    files = {str(p.relative_to(package)) for p in cache._stage_files(package)}
    assert {"pipeline.py", "limits.py", "schema.py"} <= files
    assert "extract.py" in files or not (package / "extract.py").exists()
    assert not {"index.py", "search.py", "cache.py", "corpus.py"} & files
    assert not any(name.startswith(("cli/", "release/")) for name in files)


def test_the_page_time_limit_does_not_invalidate_the_cache(raw, tmp_path):
    from kutim_corpus.limits import Limits

    out = tmp_path / "corpus"
    build_corpus([raw], out, workers=1)
    assert build_corpus([raw], out, workers=1, limits=Limits(page_seconds=5)).cache_misses == 0
    assert build_corpus([raw], out, workers=1, limits=Limits(max_depth=500)).cache_hits == 0
