"""`kutim build` end to end on whole portal pages: accounting, dedup, WARC, determinism, errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from build_fixtures import LISTING_PAGE, render_page, write_gz, write_warc
from kutim_corpus import corpus
from kutim_corpus.errors import UsageError
from kutim_corpus.pipeline import article_id, build_corpus, content_hash, read_rejects

KUTIM = [str(Path(sys.executable).parent / "kutim")]


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    """Two portals' pages, a listing, an empty and a binary file, a copy and a WARC crawl."""
    root = tmp_path_factory.mktemp("inputs") / "raw"
    (root / "kutimpost").mkdir(parents=True)
    (root / "kutimpost" / "banjir-muara-wahau.html").write_bytes(render_page(0))
    (root / "kutimpost" / "dp3a-sosialisasi.html").write_bytes(render_page(1))
    (root / "kutimpost" / "kategori-kutim.html").write_bytes(LISTING_PAGE)
    write_gz(root / "kutimpost" / "jalan-poros.html.gz", render_page(2))
    # the same article saved twice under other names: once byte-identical, once from a mirror
    (root / "salinan" ).mkdir()
    (root / "salinan" / "dp3a-copy.html").write_bytes(render_page(1))
    (root / "salinan" / "mirror-banjir.html").write_bytes(render_page(0, site="mirror.example", canonical=False))
    (root / "kosong.html").write_bytes(b"")
    (root / "foto.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    write_warc(
        root / "crawl.warc.gz",
        [
            ("warcinfo", "", b"", ""),
            ("response", "https://beritakaltim.example/2024/11/29/banjir/", render_page(0, site="beritakaltim.example", canonical=False, extra="Warga diminta mengungsi ke tempat yang lebih tinggi."), "text/html"),
            ("response", "https://beritakaltim.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"),
        ],
    )
    return root


@pytest.fixture(scope="module")
def built(raw, tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus") / "corpus"
    report = build_corpus([raw], out, workers=2, use_cache=False)
    return report, out


def articles_of(out: Path) -> list[dict]:
    return list(corpus.iter_articles(out))


def test_every_input_ends_as_an_article_or_a_reject(built):
    report, out = built
    info = json.loads((out / "build.json").read_text())
    assert info["inputs"] == 9
    assert info["inputs"] == info["articles"] + info["rejects"]
    assert info["rejects_by_reason"] == {"duplicate": 2, "empty": 1, "not_article": 1, "not_html": 1}
    assert info["skipped_warc_records"] == {"non-HTML content": 1, "warcinfo": 1}
    assert report.articles == info["articles"] == 4
    rejects = {r["source"]: r for r in read_rejects(out)}
    assert rejects["raw/kosong.html"]["reason"] == "empty"
    assert rejects["raw/foto.html"]["reason"] == "not_html"
    assert rejects["raw/kutimpost/kategori-kutim.html"]["reason"] == "not_article"


def test_duplicates_name_the_kept_article_and_the_smallest_source_is_kept(built):
    _, out = built
    rejects = {r["source"]: r for r in read_rejects(out)}
    by_source = {a["source"]: a for a in articles_of(out)}
    kept_dp3a = by_source["raw/kutimpost/dp3a-sosialisasi.html"]
    copy = rejects["raw/salinan/dp3a-copy.html"]
    assert (copy["reason"], copy["stage"], copy["duplicate_of"]) == ("duplicate", "dedup", kept_dp3a["id"])
    # the mirror has no canonical URL of its own but the same body as the kutimpost page
    mirror = rejects["raw/salinan/mirror-banjir.html"]
    assert mirror["duplicate_of"] == by_source["raw/kutimpost/banjir-muara-wahau.html"]["id"]
    assert "same content" in mirror["message"]


def test_article_fields_set_by_the_pipeline(built):
    _, out = built
    articles = articles_of(out)
    assert [a["id"] for a in articles] == sorted(a["id"] for a in articles)
    for article in articles:
        assert article["id"] == article_id(article["url"], article["source"])
        assert article["content_hash"] == content_hash(article["body"])
        assert "Baca juga" not in article["body"]
    gz = next(a for a in articles if a["source"] == "raw/kutimpost/jalan-poros.html.gz")
    assert gz["url"] == "https://kutimpost.example/2024/10/15/berita-2/"
    assert gz["id"] == hashlib.sha256(gz["url"].encode()).hexdigest()[:16]
    assert gz["title"].startswith("Perbaikan Jalan Poros Sangatta-Bengalon")


def test_warc_page_takes_url_and_fetch_date_from_the_record(built):
    _, out = built
    warc = next(a for a in articles_of(out) if a["source"].startswith("raw/crawl.warc.gz#"))
    assert warc["source"] == "raw/crawl.warc.gz#urn:uuid:00000000-0000-0000-0000-000000000001"
    assert warc["url"] == "https://beritakaltim.example/2024/11/29/banjir/"
    assert warc["site"] == "beritakaltim.example"
    assert warc["fetched_at"] == "2024-12-02T01:02:03+00:00"
    assert "mengungsi" in warc["body"]


def test_outputs_are_byte_identical_whatever_workers_and_input_order(raw, built, tmp_path):
    _, out2 = built
    out1 = tmp_path / "one-worker"
    build_corpus([raw], out1, workers=1, use_cache=False)
    out_split = tmp_path / "split-inputs"
    build_corpus([raw / "salinan", raw / "kutimpost"], out_split, workers=2, use_cache=False)
    build_corpus([raw / "kutimpost", raw / "salinan"], tmp_path / "split-reversed", workers=1, use_cache=False)
    for name in ("articles/part-00000.parquet", "rejects.parquet", "build.json"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name
        assert (out_split / name).read_bytes() == (tmp_path / "split-reversed" / name).read_bytes(), name


def test_build_json_has_fingerprints_and_options_but_no_clock(built):
    _, out = built
    info = json.loads((out / "build.json").read_text())
    assert info["schema_version"] == "1.0.0" and len(info["schema_hash"]) == 64
    assert len(info["inputs_fingerprint"]) == 64
    assert corpus.fingerprint(out) == info["corpus_fingerprint"]
    assert info["options"]["use_profiles"] is True
    assert info["options"]["limits"]["max_page_bytes"] == 20 * 1024 * 1024
    assert info["parts"] == [{"file": "articles/part-00000.parquet", "rows": 4}]
    assert not [key for key in info if "time" in key or "date" in key]


def test_parquet_files_follow_the_schema_and_no_staging_is_left(built):
    _, out = built
    from kutim_corpus import schema

    assert pq.read_schema(out / "articles/part-00000.parquet").equals(schema.arrow_schema(), check_metadata=False)
    assert pq.read_schema(out / "rejects.parquet").equals(schema.arrow_schema(schema.REJECT), check_metadata=False)
    assert sorted(p.name for p in out.iterdir()) == ["articles", "build.json", "rejects.parquet"]


def test_a_truncated_archive_is_one_reject_naming_archive_and_offset(raw, tmp_path):
    data = (raw / "crawl.warc.gz").read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cut.warc.gz").write_bytes(data[: len(data) - 120])
    report = build_corpus([tmp_path / "in"], tmp_path / "out", workers=1, use_cache=False)
    assert report.inputs == report.articles + sum(report.rejects.values())
    [reject] = [r for r in read_rejects(tmp_path / "out") if r["reason"] == "corrupt_archive"]
    assert reject["source"].startswith("in/cut.warc.gz#offset=")
    assert "in/cut.warc.gz at byte offset" in reject["message"]


def test_library_usage_errors(raw, tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        build_corpus([tmp_path / "missing"], tmp_path / "out")
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="not a folder"):
        build_corpus([raw], tmp_path / "file")
    assert not (tmp_path / "out").exists()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*KUTIM, "build", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_prints_a_summary_and_quiet_prints_nothing(raw, tmp_path):
    loud = run_cli(str(raw / "kutimpost"), "--out", "c1", "--workers", "1", cwd=tmp_path)
    assert loud.returncode == 0, loud.stderr
    assert "4 inputs -> 3 articles + 1 rejects" in loud.stdout
    assert "rejects: not_article 1" in loud.stdout
    quiet = run_cli(str(raw / "kutimpost"), "--out", "c2", "--quiet", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere/", "--out", "c"], "input 'nowhere' does not exist"),
        (["{raw}", "--out", "{raw}/foto.html"], "exists and is not a folder"),
        (["{raw}", "--out", "c", "--no-cache", "--cache-dir", "x"], "exclude each other"),
        (["{raw}", "--out", "c", "--max-page-mb", "0"], "must be a positive number"),
    ],
)
def test_cli_usage_errors_exit_2_with_one_line(raw, tmp_path, args, message):
    result = run_cli(*[a.format(raw=raw) for a in args], cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kutim: error: ") and message in lines[0]
    assert not (tmp_path / "c").exists()


def test_from_list_builds_the_listed_inputs(raw, tmp_path):
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# two portals\n{raw}/kutimpost/*.html\n{raw}/crawl.warc.gz\n")
    result = run_cli("--from-list", str(listing), "--out", "c", "--workers", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = corpus.read_build_info(tmp_path / "c")
    assert info["inputs"] == 4  # three .html files and the one HTML record of the crawl
    assert {a["source"] for a in corpus.iter_articles(tmp_path / "c")} == {
        "banjir-muara-wahau.html",
        "dp3a-sosialisasi.html",
        "crawl.warc.gz#urn:uuid:00000000-0000-0000-0000-000000000001",
    }
