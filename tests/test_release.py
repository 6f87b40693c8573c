"""kutim release: a versioned Hugging Face dataset folder that loads offline, is documented,
immutable and byte-identical when rebuilt (issue 5, --dedup and split integrity of issue 8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kutim_corpus import schema
from kutim_corpus.errors import UsageError
from kutim_corpus.release import (
    ReleaseExists,
    check_version,
    diff_releases,
    list_releases,
    make_release,
    parse_splits,
    verify_release,
)
from release_fixtures import DP3A, article, sample_articles, syndicated_copies, write_corpus

SPLITS = parse_splits("train=80,validation=10,test=10")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A corpus of 37 articles (one syndicated cluster of 3) and release 1.0.0 with three splits."""
    root = tmp_path_factory.mktemp("release")
    corpus_dir = write_corpus(root / "corpus", sample_articles(extra_stories=30), parts=2)
    outcome = make_release(corpus_dir, "1.0.0", root / "releases", splits=SPLITS)
    return root, corpus_dir, outcome


def front_matter(release: Path) -> dict:
    text = (release / "README.md").read_text("utf-8")
    return yaml.safe_load(text[4 : text.index("\n---\n", 4)])


def test_release_folder_has_the_hub_layout(built):
    _, _, outcome = built
    release = outcome.path
    assert outcome.status == "created"
    assert sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()) == [
        "CHANGELOG.md", "MANIFEST.json", "README.md", "SHA256SUMS", "croissant.json",
        "data/test-00000-of-00001.parquet", "data/train-00000-of-00001.parquet",
        "data/validation-00000-of-00001.parquet",
    ]
    assert not [p for p in release.parent.iterdir() if p.name.startswith(".")], "no temporary folder left"


def test_shards_use_the_frozen_schema_sorted_by_id(built):
    _, _, outcome = built
    for shard in sorted((outcome.path / "data").glob("*.parquet")):
        found = pq.read_schema(shard)
        assert found.equals(schema.arrow_schema(), check_metadata=False)
        assert not any(pa.types.is_large_string(f.type) or pa.types.is_null(f.type) for f in found)
        assert found.field("published_at").type == pa.timestamp("us", tz="UTC")
        ids = pq.read_table(shard, columns=["id"]).column("id").to_pylist()
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
        meta = pq.ParquetFile(shard).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD"
        assert b"pandas" not in (found.metadata or {}), "no writer-specific metadata"


def test_card_front_matter_is_generated_from_the_files(built):
    _, _, outcome = built
    meta = front_matter(outcome.path)
    manifest = json.loads((outcome.path / "MANIFEST.json").read_text())
    assert meta["language"] == ["id"] and meta["license"] and meta["pretty_name"]
    assert meta["task_categories"] and meta["size_categories"] == ["n<1K"]
    [config] = meta["configs"]
    assert config["default"] is True
    assert all(f["path"].startswith("data/") for f in config["data_files"]), "sidecar json never loaded as data"
    splits = {s["name"]: s["num_examples"] for s in meta["dataset_info"]["splits"]}
    assert splits == {name: s["rows"] for name, s in manifest["splits"].items()}
    assert sum(splits.values()) == 37
    features = {f["name"]: f for f in meta["dataset_info"]["features"]}
    assert list(features) == schema.field_names()
    assert features["published_at"] == {"name": "published_at", "dtype": "timestamp[us, tz=UTC]"}
    assert features["agencies"]["list"][0] == {"name": "acronym", "dtype": "string"}


def test_card_prose_documents_the_corpus(built):
    _, _, outcome = built
    card = (outcome.path / "README.md").read_text("utf-8")
    for heading in ["## Splits", "## Near-duplicates", "## Sources", "## Counts", "## Fields",
                    "## How it was built and cleaned", "## Known limitations and biases",
                    "## Licence and copyright", "## How to load it", "## How to cite"]:
        assert heading in card
    assert "| kabar-desa.example | 30 |" in card  # sources with counts
    assert "| Kutai Timur (64.08) | 37 |" in card  # by region
    assert "| DP3A | 3 |" in card  # by agency: the press release and its two re-posts
    assert card.index("| 2023 | 1 |") < card.index("| 2024 | 35 |") < card.index("| (unknown) | 1 |")  # by year
    assert "The build read 38 inputs: 37 articles and 1 rejects (not_article 1)." in card
    assert "cluster_id" in card and "sha256(\"kutim-split/\"" in card  # the split rule
    assert "load_dataset" in card and "read_parquet" in card and "duckdb" in card
    assert "@misc{kutim_corpus_1_0_0" in card
    assert "| `published_at` | `timestamp[us, tz=UTC] (nullable)` |" in card


def test_manifest_records_files_counts_and_fingerprints(built):
    _, corpus_dir, outcome = built
    manifest = json.loads((outcome.path / "MANIFEST.json").read_text())
    assert manifest["version"] == "1.0.0"
    assert manifest["schema"] == {"name": "article", "version": schema.schema_version(), "hash": schema.schema_hash()}
    assert manifest["corpus"]["fingerprint"] == json.loads((corpus_dir / "build.json").read_text())["corpus_fingerprint"]
    assert len(manifest["content_fingerprint"]) == 64
    assert manifest["release_date"] == "2024-12-24"  # latest publication in the corpus, not the clock
    paths = {f["path"] for f in manifest["files"]}
    assert {"README.md", "CHANGELOG.md", "croissant.json"} <= paths
    assert sum(f["rows"] for f in manifest["files"] if f.get("split")) == 37
    assert manifest["counts"]["articles_in_near_duplicate_clusters"] == 3
    assert manifest["diff"]["added"] == 37 and manifest["previous_version"] is None


def test_sha256sums_is_checkable_with_sha256sum(built):
    _, _, outcome = built
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=outcome.path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == 7


def test_release_loads_offline_with_datasets(built, tmp_path):
    _, _, outcome = built
    script = f"""
import json, datasets
ds = datasets.load_dataset({str(outcome.path)!r}, cache_dir={str(tmp_path / 'cache')!r})
train = ds["train"]
row = next(r for r in train if r["agencies"])
print(json.dumps({{
  "splits": {{k: v.num_rows for k, v in ds.items()}},
  "published_at": str(train.features["published_at"]),
  "agencies": str(train.features["agencies"]),
  "tz": str(row["published_at"].tzinfo),
  "stamp": row["published_at"].isoformat(),
  "local": row["published_local"],
  "agency": row["agencies"][0],
  "authors": row["authors"],
}}))
"""
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    manifest = json.loads((outcome.path / "MANIFEST.json").read_text())
    assert loaded["splits"] == {n: s["rows"] for n, s in manifest["splits"].items()}
    assert loaded["published_at"] == "Value('timestamp[us, tz=UTC]')"
    assert "'acronym': Value('string')" in loaded["agencies"]
    assert loaded["tz"] == "UTC"
    local = datetime.fromisoformat(loaded["local"])
    assert datetime.fromisoformat(loaded["stamp"]) == local.astimezone(UTC)  # same instant, zone kept
    assert set(loaded["agency"]) == {"acronym", "name", "level", "region_code", "mention"}


def test_release_loads_with_pandas_pyarrow_polars_duckdb(built):
    import duckdb
    import pandas as pd
    import polars as pl

    _, _, outcome = built
    data = outcome.path / "data"
    frame = pd.read_parquet(data)
    assert len(frame) == 37
    assert str(frame["published_at"].dtype) == "datetime64[us, UTC]"
    row = frame[frame["people"].map(len) > 0].iloc[0]
    assert row["people"][0]["name"] == "Idham Cholid"
    assert list(row["agencies"][0]) == list(DP3A) or row["agencies"][0]["acronym"] == "DP3A"

    table = pq.read_table(data)
    assert table.num_rows == 37 and table.schema.field("agencies").type == schema.arrow_schema().field("agencies").type

    lazy = pl.scan_parquet(str(data / "*.parquet"))
    assert lazy.select(pl.len()).collect().item() == 37
    assert str(lazy.collect_schema()["published_at"]) == "Datetime(time_unit='us', time_zone='UTC')"

    sites = duckdb.sql(f"SELECT site, count(*) AS n FROM '{data}/*.parquet' GROUP BY site ORDER BY n DESC, site").fetchall()
    assert sites[0] == ("kabar-desa.example", 30)
    agencies = duckdb.sql(f"SELECT a.acronym FROM (SELECT unnest(agencies) AS a FROM '{data}/*.parquet') ORDER BY 1").fetchall()
    assert [a for (a,) in agencies].count("DP3A") == 3


def test_croissant_is_valid_under_mlcroissant(built):
    import mlcroissant as mlc

    _, _, outcome = built
    dataset = mlc.Dataset(jsonld=str(outcome.path / "croissant.json"))  # validates, offline
    doc = json.loads((outcome.path / "croissant.json").read_text())
    shards = [d for d in doc["distribution"] if d["@type"] == "cr:FileObject"]
    assert all(len(d["sha256"]) == 64 for d in shards) and len(shards) == 3
    records = list(dataset.records("validation"))
    manifest = json.loads((outcome.path / "MANIFEST.json").read_text())
    assert len(records) == manifest["splits"]["validation"]["rows"]
    assert all(isinstance(r["validation/id"], bytes) for r in records)


def test_rebuild_of_the_same_version_is_byte_identical(built, tmp_path):
    _, corpus_dir, outcome = built
    again = make_release(corpus_dir, "1.0.0", tmp_path / "other", splits=SPLITS)
    files = sorted(p.relative_to(outcome.path) for p in outcome.path.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again.path) for p in again.path.rglob("*") if p.is_file())
    for relative in files:
        assert (outcome.path / relative).read_bytes() == (again.path / relative).read_bytes(), relative


def test_rerun_on_the_same_corpus_is_identical_and_touches_nothing(built):
    _, corpus_dir, outcome = built
    before = {p: p.stat().st_mtime_ns for p in outcome.path.rglob("*")}
    again = make_release(corpus_dir, "1.0.0", outcome.path.parent, splits=SPLITS)
    assert again.status == "identical"
    assert {p: p.stat().st_mtime_ns for p in outcome.path.rglob("*")} == before


def test_existing_version_with_other_content_is_never_overwritten(built, tmp_path):
    root, corpus_dir, outcome = built
    out = tmp_path / "releases"
    make_release(corpus_dir, "1.0.0", out)
    changed = sample_articles(extra_stories=31)
    other = write_corpus(tmp_path / "corpus2", changed)
    before = (out / "1.0.0" / "MANIFEST.json").read_bytes()
    with pytest.raises(ReleaseExists, match="bump the version"):
        make_release(other, "1.0.0", out)
    assert (out / "1.0.0" / "MANIFEST.json").read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["1.0.0"]


@pytest.mark.parametrize("version", ["v1", "../x", "1.2", "/abs", "1.2.0/x", "1.2.0/../../etc", "", "1.2.0 ", "..", "01.2.0", "1.2.0+build"])
def test_refused_versions(version, built, tmp_path):
    _, corpus_dir, _ = built
    with pytest.raises(UsageError, match="version"):
        make_release(corpus_dir, version, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_refusal_messages_say_what_to_write():
    with pytest.raises(UsageError, match="write 1.2.0"):
        check_version("v1.2.0")
    with pytest.raises(UsageError, match=r"1.2 -> 1.2.0"):
        check_version("1.2")
    with pytest.raises(UsageError, match="path separator"):
        check_version("../x")
    assert check_version("1.2.0-rc.1") == "1.2.0-rc.1"


def test_dedup_keeps_representatives_and_the_card_gives_both_counts(built, tmp_path):
    _, corpus_dir, _ = built
    outcome = make_release(corpus_dir, "1.0.0", tmp_path / "rel", dedup=True)
    table = pq.read_table(outcome.path / "data")
    assert table.num_rows == 35
    assert all(table.column("is_cluster_representative").to_pylist())
    card = (outcome.path / "README.md").read_text("utf-8")
    assert "35 of the corpus's 37 articles (2 near-duplicates left out)" in card
    assert outcome.manifest["selection"] == {"dedup": True, "corpus_articles": 37, "released_articles": 35}


def test_splits_never_separate_members_of_a_cluster(tmp_path):
    records = sample_articles(extra_stories=60)
    village_stories = [r for r in records if r["site"] == "kabar-desa.example"][::6]
    for base in village_stories:  # ten more press releases, each re-posted by two portals
        base["published_local"] = base["published_at"] = base["published_local"].replace("08:00", "09:36")
        records += syndicated_copies(base, ["a.example", "b.example"])
    corpus_dir = write_corpus(tmp_path / "corpus", records, parts=3)
    outcome = make_release(corpus_dir, "1.0.0", tmp_path / "rel", splits=parse_splits("train=50,validation=25,test=25"))
    splits_of_cluster: dict[str, set[str]] = {}
    for split, info in outcome.manifest["splits"].items():
        for path in info["files"]:
            for cluster in pq.read_table(outcome.path / path, columns=["cluster_id"]).column("cluster_id").to_pylist():
                if cluster:
                    splits_of_cluster.setdefault(cluster, set()).add(split)
    assert len(splits_of_cluster) == 11
    assert all(len(splits) == 1 for splits in splits_of_cluster.values())
    assert len({next(iter(s)) for s in splits_of_cluster.values()}) > 1, "clusters do land in several splits"


def test_large_split_is_cut_into_shards_and_still_loads(tmp_path):
    corpus_dir = write_corpus(tmp_path / "corpus", sample_articles(extra_stories=200), parts=2)
    outcome = make_release(corpus_dir, "1.0.0", tmp_path / "rel", max_shard_bytes=20_000)
    files = outcome.manifest["splits"]["train"]["files"]
    assert len(files) >= 4
    assert files[0] == f"data/train-00000-of-{len(files):05d}.parquet"
    ids = [i for f in files for i in pq.read_table(outcome.path / f, columns=["id"]).column("id").to_pylist()]
    assert ids == sorted(ids) and len(ids) == 207
    assert verify_release(outcome.path).ok


def test_empty_requested_split_is_left_out_with_a_warning(tmp_path):
    corpus_dir = write_corpus(tmp_path / "corpus", sample_articles()[:2])
    outcome = make_release(corpus_dir, "1.0.0", tmp_path / "rel", splits=parse_splits("train=99,test=1"))
    assert list(outcome.manifest["splits"]) == ["train"]
    assert outcome.manifest["empty_splits"] == ["test"]
    assert any("'test' received no article" in w for w in outcome.warnings)
    assert "left out because no article fell into them: test" in (outcome.path / "README.md").read_text()


def test_release_date_option_and_bad_dates(built, tmp_path):
    _, corpus_dir, _ = built
    outcome = make_release(corpus_dir, "1.0.0", tmp_path / "rel", release_date="2025-01-31")
    assert outcome.manifest["release_date"] == "2025-01-31"
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        make_release(corpus_dir, "1.0.1", tmp_path / "rel", release_date="31/01/2025")


def test_missing_or_foreign_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(UsageError, match="kutim build"):
        make_release(tmp_path / "nothing", "1.0.0", tmp_path / "rel")
    foreign = tmp_path / "foreign"
    (foreign / "articles").mkdir(parents=True)
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), foreign / "articles" / "part-00000.parquet")
    (foreign / "build.json").write_text("{}")
    with pytest.raises(UsageError, match="rebuild the corpus"):
        make_release(foreign, "1.0.0", tmp_path / "rel")


def test_second_release_diffs_against_the_previous_one(built, tmp_path):
    _, corpus_dir, first = built
    records = sample_articles(extra_stories=30)
    removed = records.pop(3)  # the Magic Land festival story disappears
    records[1] = dict(records[1], title="Banjir Rendam 40 Rumah di Rantau Pulung")  # corrected headline
    records.append(article("jalan-poros-bengalon", "kutimpost.example", "2024-12-20T07:30:00+08:00",
                           "Perbaikan Jalan Poros Bengalon Dimulai", [],
                           "BENGALON – Perbaikan jalan poros Sangatta–Bengalon dimulai pekan ini.\n\nDinas PUPR "
                           "menargetkan pekerjaan selesai sebelum musim hujan."))
    corpus2 = write_corpus(tmp_path / "corpus2", records)
    second = make_release(corpus2, "1.1.0", first.path.parent, splits=SPLITS)
    result = diff_releases(first.path, second.path)
    assert (len(result.added), len(result.removed), len(result.changed)) == (1, 1, 1)
    assert result.removed == [removed["id"]]
    assert result.examples["changed"][0]["fields"] == ["title"]
    assert second.manifest["previous_version"] == "1.0.0"
    assert second.manifest["diff"]["added"] == 1
    changelog = (second.path / "CHANGELOG.md").read_text("utf-8")
    assert changelog.startswith("# Changelog\n\n## 1.1.0 (2024-12-24)")
    assert "Against 1.0.0: 1 added, 1 removed, 1 changed" in changelog
    assert "Perbaikan Jalan Poros Bengalon Dimulai" in changelog and ": title" in changelog
    assert "## 1.0.0" in changelog  # history kept
    assert [r.version for r in list_releases(first.path.parent)] == ["1.0.0", "1.1.0"]
    assert verify_release(second.path).ok


@given(st.one_of(st.text(max_size=30), st.from_regex(r"\d{1,3}\.\d{1,3}\.\d{1,3}[-.+/\\a-z0-9]{0,8}", fullmatch=True)))
@settings(max_examples=300, deadline=None)
def test_any_accepted_version_is_a_plain_folder_name(text):
    try:
        version = check_version(text)
    except UsageError:
        return
    root = Path("/releases")
    assert (root / version).parent == root and (root / version).name == version
    assert version[0].isdigit() and version.count(".") >= 2
