"""Synthetic corpora: records other helpers bench with, pages and WARC archives the build reads."""

from __future__ import annotations

import gzip
import html as html_lib
import importlib.util
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from kutim_corpus import schema, synthetic


@pytest.fixture(scope="module")
def records():
    return list(synthetic.synthetic_records(2000, seed=3))


def test_records_are_schema_valid_and_unique(records):
    for record in records:
        schema.validate(record)
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["content_hash"] for r in records}) == len(records)
    schema.to_table(records)  # the arrow conversion accepts every value


def test_same_seed_same_records_other_seed_other_records():
    first = list(synthetic.synthetic_records(50, seed=11))
    assert first == list(synthetic.synthetic_records(50, seed=11))
    other = list(synthetic.synthetic_records(50, seed=12))
    assert [r["id"] for r in first] != [r["id"] for r in other]


def test_prefix_is_stable_whatever_n():
    """Asking for more records extends the sequence; benches at 10k and 100k share their start."""
    assert list(synthetic.synthetic_records(20, seed=5)) == list(synthetic.synthetic_records(40, seed=5))[:20]


def test_lengths_are_news_like(records):
    counts = sorted(r["word_count"] for r in records)
    median = counts[len(counts) // 2]
    assert 300 <= median <= 600
    assert counts[0] < 150, "some short notes"
    assert counts[-1] > 700, "some long features"
    typical = sum(300 <= c <= 600 for c in counts) / len(counts)
    assert typical > 0.5


def test_word_count_and_hash_follow_the_schema_rules(records):
    from kutim_corpus.pipeline import content_hash

    for record in records[:200]:
        assert record["word_count"] == len(re.findall(r"\w+", record["body"]))
        assert record["content_hash"] == content_hash(record["body"])
        assert record["lead"] == record["body"].split("\n\n")[0]


def test_mix_of_regions_advertorials_and_dates(records):
    regions = Counter(r["region_code"] for r in records)
    assert regions.most_common(1)[0][0] == "64.08"
    assert regions["64.08"] / len(records) > 0.5
    assert len([c for c in regions if c.startswith("64.")]) >= 6
    assert any(not c.startswith("64") for c in regions), "some stories from outside Kaltim"
    share = sum(r["is_advertorial"] for r in records) / len(records)
    assert 0.10 < share < 0.20
    for record in records:
        assert record["is_advertorial"] == (record["advertorial_marker"] is not None)
        if record["is_advertorial"]:
            assert record["body"].endswith(record["advertorial_marker"])
    years = Counter(r["published_local"][:4] for r in records)
    assert set(years) == {str(y) for y in range(2019, 2026)}
    offsets = Counter(r["published_local"][-6:] for r in records)
    assert set(offsets) == {"+07:00", "+08:00"}
    assert len({r["site"] for r in records}) >= 10


def test_bodies_read_like_kaltim_government_news(records):
    record = next(r for r in records if r["agencies"][0]["acronym"] == "DP3A" and r["region_code"] == "64.08")
    body = record["body"]
    assert body.startswith(record["dateline"] + " – ")
    assert "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim" in body
    for quote in record["quotes"]:
        assert f"“{quote['text']}," in body
    assert record["people"][0]["name"] in body
    for topic in ("perlindungan anak", "banjir", "stunting", "DPRD"):
        assert sum(topic in r["body"] for r in records) > 50, topic
    flood_2024 = [r for r in records if "banjir" in r["title"].lower() and r["published_local"] >= "2024"]
    assert len(flood_2024) > 30


# --- the bundled sample pages (data/raw/sample, written by scripts/make_sample.py) -------------

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "raw" / "sample"


@pytest.fixture(scope="module")
def make_sample():
    spec = importlib.util.spec_from_file_location("make_sample", REPO / "scripts" / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sample"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _page_text(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def test_sample_files_are_up_to_date_with_their_generator(make_sample):
    assert make_sample.main(["--check"]) == 0, "run python scripts/make_sample.py and commit the result"


def test_sample_folder_shape(make_sample):
    files = sorted(p for p in SAMPLE.iterdir() if p.is_file())
    assert 24 <= len(files) <= 36
    assert sum(p.stat().st_size for p in files) < 3 * 1024 * 1024
    kinds = {make_sample.SITE[s.host].template for s in make_sample.ARTICLES}
    assert kinds == {"jnews", "generatepress", "php"}
    assert (SAMPLE / "empty.html").stat().st_size == 0
    assert len([p for p in files if p.name.endswith(".html.gz")]) >= 2
    first, copy = make_sample.DUPLICATE_OF
    assert (SAMPLE / first).read_bytes() == (SAMPLE / copy).read_bytes()


def test_every_sample_article_page_is_whole_and_holds_its_text(make_sample):
    for sample in make_sample.ARTICLES + make_sample.NEAR_DUPLICATES:
        page = _page_text(SAMPLE / sample.file)
        assert 15 * 1024 <= len(page.encode()) <= 150 * 1024, sample.file
        assert page.lstrip().lower().startswith("<!doctype html") and page.rstrip().endswith("</html>")
        assert html_lib.escape(sample.title) in page
        for paragraph in sample.paragraphs:
            assert html_lib.escape(paragraph) in page, (sample.file, paragraph[:40])
        assert "<script" in page and "<style" in page and "adsbygoogle" in page
        assert "Share :" in page or "Bagikan" in page, sample.file
        assert any(h in page for h in ("<span>Baca Juga</span>", "Berita Terkait", "Berita Lainnya")), sample.file
        assert any(h in page for h in ("Terpopuler", "Berita Populer")), sample.file
        words = sum(len(p.split()) for p in sample.paragraphs)
        assert 150 <= words <= 600, (sample.file, words)
        if sample.advertorial:
            assert sample.paragraphs[-1].endswith(sample.advertorial)
        if sample.dateline:
            assert sample.paragraphs[0].startswith(f"{sample.dateline} – ")


def test_sample_dates_printed_as_declared(make_sample):
    """Pages with no machine-readable timestamp print the zone of their expected offset."""
    from kutim_corpus.synthetic import printed_date

    for sample in make_sample.ARTICLES + make_sample.NEAR_DUPLICATES:
        spec = make_sample.page_spec(sample)
        page = _page_text(SAMPLE / sample.file)
        machine = spec.jsonld or spec.meta_time or spec.site.template == "generatepress"
        if machine:
            assert sample.published.isoformat() in page, sample.file
        else:
            zone = {"+07:00": "WIB", "+08:00": "WITA"}[sample.published.isoformat()[-6:]]
            assert printed_date(sample.published, spec.date_style, zone) in page, sample.file
    samples = {s.file: s for s in make_sample.ARTICLES}
    assert "Rabu, 4 Desember 2024 - 09:36 WIB" in _page_text(SAMPLE / "kutimterkini-dp3a-satgas-ppa-desa.html")
    assert samples["kutimterkini-dp3a-satgas-ppa-desa.html"].published.isoformat() == "2024-12-04T09:36:00+08:00"
    assert "04/12/2024, 09:36 WITA" in _page_text(SAMPLE / "warta-kutim-forum-anak-kla.html")
    assert "04/06/2024 12:45:26 PM WITA" in _page_text(SAMPLE / "suarasangatta-banjir-bengalon-logistik.html")


def test_sample_charset_trap_is_utf8_declared_latin1():
    data = (SAMPLE / "benuaetam-festival-budaya-charset.html").read_bytes()
    assert b"charset=iso-8859-1" in data
    text = data.decode("utf-8")
    for char in "“”–é":
        assert char in text


def test_sample_non_articles():
    feed = (SAMPLE / "sangattapos-feed.xml").read_text("utf-8")
    assert feed.startswith("<?xml") and "<rss" in feed and feed.count("<item>") == 10
    listing = (SAMPLE / "kutimterkini-kategori-kutai-timur.html").read_text("utf-8")
    assert listing.count("<article") == 12 and 'class="archive category' in listing
    truncated = (SAMPLE / "truncated-download.html").read_bytes()
    assert b"</html>" not in truncated and b"<style" in truncated


def test_near_duplicates_share_most_of_their_text(make_sample):
    def shingles(sample):
        words = " ".join(sample.paragraphs).lower().split()
        return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}

    first, *others = [shingles(s) for s in make_sample.NEAR_DUPLICATES]
    for other in others:
        jaccard = len(first & other) / len(first | other)
        assert 0.6 < jaccard < 1.0
    unrelated = shingles(make_sample.ARTICLES[0])
    assert len(first & unrelated) / len(first | unrelated) < 0.05


# --- synthetic pages, HTML folders and WARC archives (scripts/make_synthetic.py) ---------------


@pytest.fixture(scope="module")
def pages():
    return list(synthetic.synthetic_pages(400, seed=9))


def test_pages_are_deterministic(pages):
    again = list(synthetic.synthetic_pages(60, seed=9))
    assert [(p.url, p.data, p.record) for p in again] == [(p.url, p.data, p.record) for p in pages[:60]]
    other = list(synthetic.synthetic_pages(5, seed=10))
    assert [p.data for p in other] != [p.data for p in pages[:5]]


def test_pages_weigh_like_real_portal_pages(pages):
    sizes = sorted(len(p.data) for p in pages if p.kind == "article")
    assert sizes[0] >= 95 * 1024 and sizes[-1] <= 220 * 1024
    assert 110 * 1024 <= sizes[len(sizes) // 2] <= 180 * 1024


def test_pages_mix_templates_listings_and_duplicates(pages):
    kinds = Counter(p.kind for p in pages)
    assert kinds["article"] > 0.9 * len(pages)
    assert kinds["listing"] >= 2 and kinds["duplicate"] >= 1
    templates = Counter(synthetic.SITES[[s.host for s in synthetic.SITES].index(p.record["site"])].template
                        for p in pages if p.kind == "article")
    assert set(templates) == set(synthetic.TEMPLATES)
    for before, page in zip(pages, pages[1:], strict=False):
        if page.kind == "duplicate":
            assert (page.data, page.url) == (before.data, before.url)
    for page in pages:
        if page.kind == "listing":
            assert page.data.count(b"<article") >= 10 and page.record is None


def test_article_pages_hold_their_record(pages):
    for page in [p for p in pages if p.kind == "article"][:80]:
        record = page.record
        schema.validate(record)
        text = page.data.decode("utf-8")
        assert html_lib.escape(record["title"]) in text
        assert f'href="{record["url"]}"' in text or record["url"] in text
        for paragraph in record["body"].split("\n\n"):
            assert html_lib.escape(paragraph) in text
        assert "<script" in text and "adsbygoogle" in text


@pytest.fixture(scope="module")
def make_synthetic():
    spec = importlib.util.spec_from_file_location("make_synthetic", REPO / "scripts" / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_synthetic"] = module
    spec.loader.exec_module(module)
    return module


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_make_synthetic_writes_html_and_warc_identically_twice(make_synthetic, tmp_path):
    for run in ("a", "b"):
        assert make_synthetic.main(["--pages", "30", "--out", str(tmp_path / run), "--format", "both",
                                    "--seed", "4", "--per-warc", "20", "--quiet"]) == 0
    first = _tree(tmp_path / "a")
    assert first == _tree(tmp_path / "b")
    html_files = [name for name in first if name.startswith("html/")]
    assert html_files == [f"html/0000/{i:07d}.html" for i in range(30)]
    assert [name for name in first if name.startswith("warc/")] == ["warc/crawl-00000.warc.gz", "warc/crawl-00001.warc.gz"]


def test_warc_is_readable_with_warcio_and_matches_the_pages(make_synthetic, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    assert make_synthetic.main(["--pages", "25", "--out", str(tmp_path / "w"), "--format", "warc", "--seed", "4", "--quiet"]) == 0
    expected = list(synthetic.synthetic_pages(25, seed=4))
    with open(tmp_path / "w" / "crawl-00000.warc.gz", "rb") as handle:
        records = [(r.rec_headers, r.http_headers, r.content_stream().read()) for r in ArchiveIterator(handle)]
    assert len(records) == 25
    ids = set()
    for (warc, http, payload), page in zip(records, expected, strict=True):
        assert warc.get_header("WARC-Type") == "response"
        assert warc.get_header("WARC-Target-URI") == page.url
        assert warc.get_header("WARC-Date") == page.fetched_at.astimezone(synthetic.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert http.get_statuscode() == "200" and http.get_header("Content-Type").startswith("text/html")
        assert payload == page.data
        ids.add(warc.get_header("WARC-Record-ID"))
        if page.record:
            assert page.fetched_at > datetime.fromisoformat(page.record["published_local"])
    assert len(ids) == 25


def test_make_synthetic_refuses_a_non_empty_folder(make_synthetic, tmp_path, capsys):
    (tmp_path / "old.html").write_text("x")
    with pytest.raises(SystemExit) as exit_info:
        make_synthetic.main(["--pages", "3", "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "not an empty folder" in capsys.readouterr().err


def test_kutim_build_reads_a_synthetic_corpus_as_intended(tmp_path):
    """The generator's contract with the build: articles kept, listings and re-saves rejected."""
    import json
    import subprocess

    pages = list(synthetic.synthetic_pages(120, seed=2))
    for page in pages:
        synthetic.write_html_page(tmp_path / "raw", page)
    kutim = Path(sys.executable).parent / "kutim"
    subprocess.run([str(kutim), "build", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1"],
                   check=True, timeout=300)
    info = json.loads((tmp_path / "out" / "build.json").read_text())
    kinds = Counter(p.kind for p in pages)
    assert info["articles"] == kinds["article"]
    assert info["rejects_by_reason"].get("duplicate", 0) == kinds["duplicate"]
    assert info["rejects_by_reason"].get("not_article", 0) == kinds["listing"]
    # the ground truth of each page is what a build reads from it
    import pyarrow.parquet as pq

    built = {row["source"].split("/", 1)[1]: row for row in pq.read_table(tmp_path / "out" / "articles").to_pylist()}
    articles = [p for p in pages if p.kind == "article"]
    for field in ("title", "published_local", "dateline", "advertorial_marker", "body"):
        agree = sum(built[p.path][field] == p.record[field] for p in articles)
        assert agree >= 0.9 * len(articles), (field, agree, len(articles))


def _shingles(text: str) -> set:
    words = text.lower().split()
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def test_stories_include_near_duplicate_reposts_for_the_cluster_step():
    stories = list(synthetic.synthetic_stories(1500, seed=6))
    reposts = [s for s in stories if "repost_of" in s.extra]
    assert 0.02 < len(reposts) / len(stories) < 0.06
    for story in reposts:
        original = stories[story.extra["repost_of"]]
        assert story.site.host != original.site.host and story.url != original.url
        assert story.published > original.published
        first, second = _shingles(original.body), _shingles(story.body)
        assert 0.7 < len(first & second) / len(first | second) < 1.0
        record = synthetic.story_record(story)
        assert record["body"] != original.body
    plain = [s for s in stories if "repost_of" not in s.extra][:200]
    for a, b in zip(plain, plain[1:], strict=False):
        sa, sb = _shingles(a.body), _shingles(b.body)
        assert len(sa & sb) / len(sa | sb) < 0.4, "unrelated stories must not look like near-duplicates"


def test_the_expected_values_in_data_raw_readme_hold_for_a_build_of_the_sample(make_sample, tmp_path):
    import json
    import subprocess

    import pyarrow.parquet as pq

    kutim = Path(sys.executable).parent / "kutim"
    subprocess.run([str(kutim), "build", str(SAMPLE), "--out", str(tmp_path / "out"), "--quiet"], check=True, timeout=300)
    rows = {r["source"].split("/", 1)[1]: r for r in pq.read_table(tmp_path / "out" / "articles").to_pylist()}
    for sample in make_sample.ARTICLES + make_sample.NEAR_DUPLICATES:
        row = rows[sample.file]
        expected = {
            "title": sample.title, "published_local": sample.expected_local or sample.published.isoformat(),
            "dateline": sample.dateline, "advertorial_marker": sample.advertorial,
            "is_advertorial": sample.advertorial is not None, "region_code": sample.region.split()[0],
        }
        assert {k: row[k] for k in expected} == expected, sample.file
    rejects = {r["source"].split("/", 1)[1]: r for r in pq.read_table(tmp_path / "out" / "rejects.parquet").to_pylist()}
    assert {name for name, r in rejects.items() if r["reason"] == "not_article"} == {
        "kutimterkini-kategori-kutai-timur.html", "sangattapos-tag-banjir.html", "sangattapos-feed.xml"}
    original, copy = make_sample.DUPLICATE_OF
    assert rejects[copy]["reason"] == "duplicate" and rejects[copy]["duplicate_of"] == rows[original]["id"]
    assert rejects["empty.html"]["reason"] == "empty"
    assert "truncated-download.html" in rejects
    cluster = {rows[s.file]["cluster_id"] for s in make_sample.NEAR_DUPLICATES}
    assert cluster == {rows["warta-kutim-simulasi-banjir-rilis.html"]["id"]}
    info = json.loads((tmp_path / "out" / "build.json").read_text())
    assert info["articles"] == len(make_sample.ARTICLES) + len(make_sample.NEAR_DUPLICATES)
