"""From raw portal pages to a release, through the real `kutim build` and `kutim release` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

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
