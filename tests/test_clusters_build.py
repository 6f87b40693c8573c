"""`kutim build` fills the cluster fields: the same clusters whatever the worker count, the input
order or a rebuild. Pages are whole portal pages (synthetic templates) carrying the labelled
re-posts of eval/clusters."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest

from kutim_corpus import corpus, synthetic
from kutim_corpus.pipeline import build_corpus, read_rejects

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("cluster_id", "cluster_size", "is_cluster_representative", "similarity_to_representative")
SITES = {site.host: site for site in synthetic.SITES}


def _labelled_subset(stories: int = 5, singles: int = 8) -> list[dict]:
    with gzip.open(ROOT / "eval" / "clusters" / "labelled.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    sizes: dict[int, int] = {}
    for row in rows:
        sizes[row["story"]] = sizes.get(row["story"], 0) + 1
    reposted = sorted(s for s, n in sizes.items() if n > 1)[:stories]
    single = sorted(s for s, n in sizes.items() if n == 1)[:singles]
    return [r for r in rows if r["story"] in set(reposted) | set(single)]


def _site(row: dict):
    """The portal template of the row's site (any template when synthetic.py renamed its portals)."""
    return SITES.get(row["site"]) or synthetic.SITES[int(row["id"], 16) % len(synthetic.SITES)]


def _url(row: dict) -> str:
    return f"https://{_site(row).host}/berita/{row['id']}/"


def _page(row: dict, key: int) -> bytes:
    spec = synthetic.PageSpec(
        key=key, site=_site(row), url=_url(row), title=row["title"],
        published=datetime.fromisoformat(row["published_at"]), paragraphs=row["body"].split("\n\n"),
        jsonld="newsarticle", meta_time=True, breadcrumb=["Kutai Timur"],
    )
    return synthetic.render_page(spec)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The pages split over two input folders; returns (folders, story label by URL)."""
    root = tmp_path_factory.mktemp("raw")
    rows = _labelled_subset()
    folders = [root / "portal-a", root / "portal-b"]
    for folder in folders:
        folder.mkdir()
    for key, row in enumerate(rows):
        (folders[key % 2] / f"{row['id']}.html").write_bytes(_page(row, key))
    return folders, {_url(r): r["story"] for r in rows}


def _clusters(out: Path) -> dict[str, tuple]:
    return {a["url"]: tuple(a[f] for f in FIELDS) for a in corpus.iter_articles(out, ["url", *FIELDS])}


def test_build_clusters_the_reposts_and_nothing_else(pages, tmp_path):
    folders, labels = pages
    story_of = dict(labels)
    build_corpus(folders, tmp_path / "out", workers=1, use_cache=False)
    found = _clusters(tmp_path / "out")
    # A copy whose extracted body is identical (the portal changed only boilerplate the extractor
    # drops) is an exact duplicate: rejected, not clustered. Its story stays the same.
    kept_url = {a["id"]: a["url"] for a in corpus.iter_articles(tmp_path / "out", ["id", "url"])}
    duplicates = [r for r in read_rejects(tmp_path / "out") if r["reason"] == "duplicate"]
    for reject in duplicates:
        url = next(u for u in story_of if reject["source"].endswith(u.rstrip("/").rsplit("/", 1)[1] + ".html"))
        assert story_of[url] == story_of[kept_url[reject["duplicate_of"]]]
        del story_of[url]
    assert set(found) == set(story_of), "every other page should be an article"
    by_story: dict[int, set] = {}
    for url, fields in found.items():
        by_story.setdefault(story_of[url], set()).add(fields[0])
    for story, cluster_ids in by_story.items():
        members = [u for u in story_of if story_of[u] == story]
        if len(members) == 1:
            assert cluster_ids == {None}, "a single story stays unclustered (null cluster_id)"
            assert found[members[0]][1:] == (1, True, None)
        else:
            assert len(cluster_ids) == 1 and None not in cluster_ids, f"story {story} split or missed"
            assert {found[u][1] for u in members} == {len(members)}
            assert sum(found[u][2] for u in members) == 1


def test_cluster_fields_are_identical_across_workers_input_order_and_rebuilds(pages, tmp_path):
    folders, _ = pages
    build_corpus(folders, tmp_path / "one", workers=1, use_cache=False)
    build_corpus(list(reversed(folders)), tmp_path / "two", workers=2, use_cache=False)
    build_corpus(folders, tmp_path / "two", workers=2)  # a rebuild over the previous output, cached
    expected = _clusters(tmp_path / "one")
    assert _clusters(tmp_path / "two") == expected
    assert sum(1 for fields in expected.values() if fields[0] is not None) >= 10
