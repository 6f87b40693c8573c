"""From raw portal pages to a release, through the real `kutim build` and `kutim release` commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from build_fixtures import STORIES, render_page
from kutim_corpus.release import verify_release

KUTIM = [sys.executable, "-c", "from kutim_corpus.cli import main; main()"]


def kutim(*args):
    result = subprocess.run([*KUTIM, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """Three stories on kutimpost, each re-posted with an added paragraph by another portal."""
    root = tmp_path_factory.mktemp("sample")
    raw = root / "raw"
    (raw / "kutimpost").mkdir(parents=True)
    (raw / "beritakaltim").mkdir()
    for number in range(len(STORIES)):
        (raw / "kutimpost" / f"berita-{number}.html").write_bytes(render_page(number))
        (raw / "beritakaltim" / f"salinan-{number}.html").write_bytes(render_page(
            number, site="beritakaltim.example", slug=f"salinan-{number}",
            extra="Pemerintah kecamatan mengimbau warga memantau informasi resmi dari pemerintah kabupaten."))
    (raw / "kutimpost" / "kategori-kutim.html").write_bytes(b"<html><body><ul><li>Indeks berita</li></ul></body></html>")
    kutim("build", raw, "--out", root / "corpus", "--quiet")
    result = kutim("release", "0.1.0", "--corpus", root / "corpus", "--out", root / "releases",
                   "--splits", "train=50,validation=25,test=25")
    return root, result


def test_release_of_a_built_corpus_accounts_for_every_article(released):
    root, result = released
    build = json.loads((root / "corpus" / "build.json").read_text())
    manifest = json.loads((root / "releases" / "0.1.0" / "MANIFEST.json").read_text())
    assert manifest["selection"]["released_articles"] == build["articles"] > 0
    assert manifest["corpus"]["fingerprint"] == build["corpus_fingerprint"]
    assert manifest["corpus"]["build"]["inputs"] == build["inputs"] == 7
    assert "load_dataset(" in result.stdout
    assert verify_release(root / "releases" / "0.1.0").ok


def test_publication_times_survive_as_utc_instants(released):
    root, _ = released
    table = pq.read_table(root / "releases" / "0.1.0" / "data")
    for row in table.select(["title", "published_at", "published_local"]).to_pylist():
        if row["published_local"] and "T" in row["published_local"]:
            assert row["published_at"] == datetime.fromisoformat(row["published_local"])
    printed = {datetime.fromisoformat(story[2]) for story in STORIES}  # +08:00 (WITA) on the pages
    stored = set(table.column("published_at").to_pylist())
    assert stored <= printed and all(str(s.tzinfo) == "UTC" for s in stored)


def test_reposts_share_a_split_with_their_original(released):
    root, _ = released
    manifest = json.loads((root / "releases" / "0.1.0" / "MANIFEST.json").read_text())
    split_of = {}
    for split, info in manifest["splits"].items():
        for path in info["files"]:
            for row in pq.read_table(root / "releases" / "0.1.0" / path, columns=["id", "cluster_id", "title"]).to_pylist():
                split_of[row["id"]] = (split, row["cluster_id"], row["title"])
    clusters = {}
    for split, cluster, _ in split_of.values():
        if cluster:
            clusters.setdefault(cluster, set()).add(split)
    assert clusters, "the re-posts were clustered by the build"
    assert all(len(splits) == 1 for splits in clusters.values())


def test_rerunning_the_demo_release_is_identical(released):
    root, _ = released
    again = kutim("release", "0.1.0", "--corpus", root / "corpus", "--out", root / "releases",
                  "--splits", "train=50,validation=25,test=25")
    assert "already released, identical" in again.stdout


SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "sample"


@pytest.fixture(scope="module")
def sample_release(tmp_path_factory):
    """The bundled sample pages (data/raw/sample), built and released as `make demo` does."""
    root = tmp_path_factory.mktemp("bundled")
    kutim("build", SAMPLE, "--out", root / "corpus", "--quiet")
    kutim("release", "0.1.0", "--corpus", root / "corpus", "--out", root / "releases",
          "--splits", "train=80,validation=10,test=10")
    return root


def test_sample_corpus_release_loads_offline_and_round_trips(sample_release, tmp_path):
    root = sample_release
    release = root / "releases" / "0.1.0"
    assert verify_release(release).ok
    build = json.loads((root / "corpus" / "build.json").read_text())
    table = pq.read_table(release / "data")
    assert table.num_rows == build["articles"] > 0
    script = f"""
import json, datasets
ds = datasets.load_dataset({str(release)!r}, cache_dir={str(tmp_path / 'cache')!r})
rows = [dict(r, split=name) for name, split in ds.items() for r in split]
print(json.dumps(rows, default=str))
"""
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = {r["id"]: r for r in json.loads(result.stdout.strip().splitlines()[-1])}
    expected = {r["id"]: r for r in table.to_pylist()}
    assert loaded.keys() == expected.keys()
    for article_id, row in expected.items():
        got = loaded[article_id]
        assert got["agencies"] == row["agencies"] and got["people"] == row["people"] and got["quotes"] == row["quotes"]
        assert got["tags"] == row["tags"] and got["regions_mentioned"] == row["regions_mentioned"]
        if row["published_at"] is not None:
            assert datetime.fromisoformat(got["published_at"]) == row["published_at"]
            assert got["published_at"].endswith("+00:00")
    assert any(r["agencies"] for r in expected.values()), "the sample names agencies"


def test_sample_clusters_stay_within_one_split(sample_release):
    release = sample_release / "releases" / "0.1.0"
    manifest = json.loads((release / "MANIFEST.json").read_text())
    splits_of_cluster = {}
    for split, info in manifest["splits"].items():
        for path in info["files"]:
            for cluster in pq.read_table(release / path, columns=["cluster_id"]).column("cluster_id").to_pylist():
                if cluster:
                    splits_of_cluster.setdefault(cluster, set()).add(split)
    assert all(len(s) == 1 for s in splits_of_cluster.values())
    card = (release / "README.md").read_text("utf-8")
    assert f"{manifest['counts']['articles_in_near_duplicate_clusters']} of them belong to" in card
