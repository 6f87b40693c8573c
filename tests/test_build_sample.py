"""`kutim build` on data/raw/sample against the expectations written in data/raw/README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kutim_corpus import corpus
from kutim_corpus.pipeline import build_corpus, read_rejects

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "raw" / "sample"
README = REPO / "data" / "raw" / "README.md"


def readme_table(heading: str) -> list[dict[str, str]]:
    """Rows of the markdown table under ``heading`` in data/raw/README.md."""
    text = README.read_text("utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True)) for line in lines[2:]]


ARTICLES = readme_table("## Articles and their expected values")
NOT_ARTICLES = readme_table("## Pages that are not articles")


def file_name(cell: str) -> str:
    return cell.split(" (")[0]


@pytest.fixture(scope="module")
def sample_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "corpus"
    build_corpus([SAMPLE], out, workers=2, use_cache=False)
    return out


@pytest.fixture(scope="module")
def by_file(sample_corpus) -> dict[str, dict]:
    return {a["source"].removeprefix("sample/"): a for a in corpus.iter_articles(sample_corpus)}


def test_counts_match_the_readme(sample_corpus):
    info = corpus.read_build_info(sample_corpus)
    files = [p for p in SAMPLE.rglob("*") if p.is_file()]
    assert info["inputs"] == len(files) == len(ARTICLES) + len(NOT_ARTICLES)
    assert info["articles"] == len(ARTICLES)
    assert info["inputs"] == info["articles"] + info["rejects"]
    assert info["duplicates"] == 1


@pytest.mark.parametrize("row", ARTICLES, ids=lambda row: file_name(row["file"]))
def test_article_fields_match_the_readme(by_file, row):
    article = by_file[file_name(row["file"])]
    assert article["site"] == row["site"]
    assert article["title"] == row["title"]
    assert article["published_local"] == row["published_local"]
    assert article["dateline"] == row["dateline"]
    marker = None if row["advertorial"] == "no" else row["advertorial"]
    assert (article["is_advertorial"], article["advertorial_marker"]) == (marker is not None, marker)
    code, name = row["region"].split(" ", 1)
    assert article["region_code"] == code
    assert article["region_name"].endswith(name)  # official names: "Kabupaten Kutai Timur"
    assert article["parser"]
    assert article["word_count"] >= 100
    assert "Baca juga" not in article["body"] and "Baca Juga" not in article["body"]


def test_rejects_and_their_reasons(sample_corpus, by_file):
    rejects = {r["source"].removeprefix("sample/"): r for r in read_rejects(sample_corpus)}
    assert set(rejects) == {file_name(row["file"]) for row in NOT_ARTICLES}
    for row in NOT_ARTICLES:
        reject = rejects[file_name(row["file"])]
        allowed = re.findall(r"`(\w+)`", row["expected"])
        assert reject["reason"] in allowed, (row["file"], reject)
        if reject["reason"] == "duplicate":
            original = re.search(r"copy of (\S+\.html)", row["what it is"]).group(1)
            assert reject["duplicate_of"] == by_file[original]["id"]


def test_the_press_release_reposts_form_one_cluster(by_file):
    reposts = [a for name, a in by_file.items() if "simulasi" in name]
    assert len(reposts) == 3
    first = by_file["warta-kutim-simulasi-banjir-rilis.html"]
    assert {a["cluster_id"] for a in reposts} == {first["id"]}
    assert all(a["cluster_size"] == 3 for a in reposts)
    assert [a["is_cluster_representative"] for a in reposts].count(True) == 1 and first["is_cluster_representative"]


def test_sample_build_is_byte_identical_with_one_worker_and_with_the_cache(sample_corpus, tmp_path):
    cached = tmp_path / "cached"
    build_corpus([SAMPLE], cached, workers=1)
    report = build_corpus([SAMPLE], cached, workers=1)
    assert report.cache_misses == 0
    for name in ("articles/part-00000.parquet", "rejects.parquet", "build.json"):
        assert (cached / name).read_bytes() == (sample_corpus / name).read_bytes(), name


def test_large_corpora_are_split_into_parts_of_fixed_row_groups(sample_corpus, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from kutim_corpus import pipeline

    monkeypatch.setattr(corpus, "ROW_GROUP_SIZE", 4)
    monkeypatch.setattr(corpus, "PART_ROWS", 8)
    monkeypatch.setattr(pipeline, "CONVERT_ROWS", 3)
    out = tmp_path / "parts"
    report = build_corpus([SAMPLE], out, workers=1, use_cache=False)
    parts = corpus.article_parts(out)
    assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert report.info["parts"] == [
        {"file": "articles/part-00000.parquet", "rows": 8},
        {"file": "articles/part-00001.parquet", "rows": 8},
        {"file": "articles/part-00002.parquet", "rows": 3},
    ]
    sizes = [pq.ParquetFile(p).metadata.row_group(i).num_rows for p in parts for i in range(pq.ParquetFile(p).num_row_groups)]
    assert sizes == [4, 4, 4, 4, 3]
    assert list(corpus.iter_articles(out)) == list(corpus.iter_articles(sample_corpus))
    assert corpus.fingerprint(out) == corpus.fingerprint(sample_corpus)


def test_a_written_row_group_is_freed_before_the_next_one_is_converted(tmp_path, monkeypatch):
    """Peak memory of the write phase is one row group, whatever the corpus size: a row group
    kept alive while the next is built made the peak grow with the number of pages."""
    import weakref

    from kutim_corpus import pipeline, schema

    monkeypatch.setattr(corpus, "ROW_GROUP_SIZE", 4)
    monkeypatch.setattr(pipeline, "CONVERT_ROWS", 3)
    written: list[weakref.ref] = []
    still_alive: list[int] = []
    write, to_table = corpus.ParquetStreamWriter.write, schema.to_table

    def recording_write(self, table):
        written.append(weakref.ref(table))
        write(self, table)

    def checking_to_table(records, *args):
        still_alive.append(sum(ref() is not None for ref in written))
        return to_table(records, *args)

    monkeypatch.setattr(corpus.ParquetStreamWriter, "write", recording_write)
    monkeypatch.setattr(schema, "to_table", checking_to_table)
    report = build_corpus([SAMPLE], tmp_path / "out", workers=1, use_cache=False)
    assert report.articles > 3 * corpus.ROW_GROUP_SIZE  # several row groups were written
    assert len(written) >= 3
    assert still_alive and max(still_alive) == 0
