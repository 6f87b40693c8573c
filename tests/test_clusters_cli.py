"""`kutim clusters CORPUS`: the biggest near-duplicate clusters, as a table or JSON."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kutim_corpus import corpus, schema
from kutim_corpus.cli import app
from kutim_corpus.clusters import assign_clusters

ROOT = Path(__file__).resolve().parents[1]


def _labelled() -> list[dict]:
    with gzip.open(ROOT / "eval" / "clusters" / "labelled.jsonl.gz", "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _record(row: dict) -> dict:
    body = row["body"]
    return schema.blank_record(
        id=row["id"], url=f"https://{row['site']}/{row['id']}", site=row["site"], source=f"eval/{row['id']}.html",
        title=row["title"], published_at=row["published_at"], body=body, word_count=len(body.split()),
        content_hash=hashlib.sha256(body.encode()).hexdigest(), parser="generic/1",
    )


@pytest.fixture(scope="module")
def clustered_corpus(tmp_path_factory):
    """A corpus of the labelled set with its cluster fields, written as `kutim build` writes it."""
    rows = _labelled()
    records = sorted((_record(r) for r in rows), key=lambda r: r["id"])
    info = assign_clusters((r["id"], r["published_at"], r["body"]) for r in records)
    for record in records:
        if record["id"] in info:
            fields = info[record["id"]]
            record.update(cluster_id=fields.cluster_id, cluster_size=fields.cluster_size,
                          is_cluster_representative=fields.is_cluster_representative,
                          similarity_to_representative=fields.similarity_to_representative)
        schema.validate(record)
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_parquet_atomic(schema.to_table(records), out / "articles" / "part-00000.parquet")
    corpus.write_json_atomic({"clusters": True, "articles": len(records)}, out / "build.json")
    return out, rows


def _story_sizes(rows):
    sizes: dict[int, int] = {}
    for row in rows:
        sizes[row["story"]] = sizes.get(row["story"], 0) + 1
    return sizes


def test_json_lists_every_reposted_story_biggest_first(clustered_corpus):
    out, rows = clustered_corpus
    result = CliRunner().invoke(app, ["clusters", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    sizes = sorted((s for s in _story_sizes(rows).values() if s > 1), reverse=True)
    assert [c["size"] for c in found] == sizes
    by_id = {r["id"]: r for r in rows}
    for cluster in found:
        members = [r for r in rows if r["story"] == by_id[cluster["cluster_id"]]["story"]]
        earliest = min(members, key=lambda r: (_utc(r["published_at"]), r["id"]))
        assert cluster["cluster_id"] == earliest["id"]
        assert cluster["title"] == earliest["title"]
        assert cluster["first_published"] == _utc(earliest["published_at"]).isoformat()
        assert cluster["sites"] == sorted({r["site"] for r in members})
    first = found[0]
    assert set(first) == {"cluster_id", "size", "title", "first_published", "sites"}


def _utc(text: str):
    from datetime import UTC, datetime

    return datetime.fromisoformat(text).astimezone(UTC)


def test_min_size_and_limit_filter_the_list(clustered_corpus):
    out, rows = clustered_corpus
    runner = CliRunner()
    big = json.loads(runner.invoke(app, ["clusters", str(out), "--format", "json", "--min-size", "6"]).output)
    assert big and all(c["size"] >= 6 for c in big)
    assert len(big) == sum(1 for s in _story_sizes(rows).values() if s >= 6)
    two = json.loads(runner.invoke(app, ["clusters", str(out), "--format", "json", "--limit", "2"]).output)
    assert len(two) == 2
    everything = json.loads(runner.invoke(app, ["clusters", str(out), "--format", "json", "--min-size", "1"]).output)
    assert len(everything) == len(_story_sizes(rows))  # unique articles listed as clusters of one
    assert sum(c["size"] for c in everything) == len(rows)


def test_table_shows_size_date_id_title_and_sites(clustered_corpus):
    out, rows = clustered_corpus
    result = CliRunner().invoke(app, ["clusters", str(out), "--limit", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["size", "first", "published", "cluster", "id", "title", "sites"]
    assert len(lines) == 5 and lines[-1].startswith("3 clusters, ")
    found = json.loads(CliRunner().invoke(app, ["clusters", str(out), "--format", "json", "--limit", "3"]).output)
    for line, cluster in zip(lines[1:4], found, strict=True):
        assert line.split()[:3] == [str(cluster["size"]), cluster["first_published"], cluster["cluster_id"]]
        assert line.endswith(", ".join(cluster["sites"]))


def test_a_corpus_without_clusters_says_so(tmp_path, article_factory):
    corpus.write_parquet_atomic(schema.to_table([article_factory()]), tmp_path / "articles" / "part-00000.parquet")
    corpus.write_json_atomic({"clusters": False}, tmp_path / "build.json")
    result = CliRunner().invoke(app, ["clusters", str(tmp_path)])
    assert result.exit_code == 0
    assert "no clusters of 2 or more articles" in result.output
    assert "built without near-duplicate clustering" in result.output


def test_errors_name_the_problem_and_the_next_step(tmp_path, clustered_corpus):
    runner = CliRunner()
    missing = runner.invoke(app, ["clusters", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "kutim build" in missing.output
    wrong = runner.invoke(app, ["clusters", str(clustered_corpus[0]), "--format", "csv"])
    assert wrong.exit_code == 2
    assert "table, json" in wrong.output


def test_help_documents_every_option_with_examples():
    result = CliRunner().invoke(app, ["clusters", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for text in ("--min-size", "--format", "--limit", "Examples", "kutim clusters data/corpus --format json"):
        assert text in result.output


def test_threshold_recomputes_clusters_without_touching_the_corpus(clustered_corpus):
    out, rows = clustered_corpus
    before = sorted(p.stat().st_mtime_ns for p in out.rglob("*"))
    runner = CliRunner()
    stored = json.loads(runner.invoke(app, ["clusters", str(out), "--format", "json"]).output)
    same = json.loads(runner.invoke(app, ["clusters", str(out), "--format", "json", "--threshold", "0.5"]).output)
    strict = json.loads(runner.invoke(app, ["clusters", str(out), "--format", "json", "--threshold", "0.9"]).output)
    assert same == stored  # the build's threshold gives the stored clusters back
    assert sum(c["size"] for c in strict) < sum(c["size"] for c in stored)
    assert sorted(p.stat().st_mtime_ns for p in out.rglob("*")) == before
