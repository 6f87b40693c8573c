"""kutim publish: a verified release goes to a local git dataset repo (real git) or to the Hub
(upload_folder with delete_patterns, then a vX.Y.Z tag); no network is used by these tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from kutim_corpus.errors import UsageError
from kutim_corpus.publish import hub_plan, publish_to_git, publish_to_hub
from kutim_corpus.release import make_release
from release_fixtures import sample_articles, write_corpus

KUTIM = [sys.executable, "-c", "from kutim_corpus.cli import main; main()"]


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    root = tmp_path_factory.mktemp("publish")
    out = root / "releases"
    first = make_release(write_corpus(root / "c1", sample_articles(extra_stories=10)), "1.2.0", out)
    second = make_release(write_corpus(root / "c2", sample_articles(extra_stories=14)), "1.3.0", out)
    return out, first.path, second.path


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def no_token_env(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")}


def test_publish_to_a_new_git_repository_commits_and_tags(releases, tmp_path):
    _, first, _ = releases
    repo = tmp_path / "kutim-news"
    outcome = publish_to_git(first, repo)
    assert outcome.status == "published" and outcome.tag == "v1.2.0"
    assert git(repo, "tag", "--list").split() == ["v1.2.0"]
    assert git(repo, "rev-list", "-n", "1", "v1.2.0").strip() == outcome.commit
    tracked = sorted(git(repo, "ls-files").split())
    assert tracked == sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert git(repo, "status", "--porcelain") == ""
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_next_version_replaces_old_shards_and_keeps_history(releases, tmp_path):
    _, first, second = releases
    repo = tmp_path / "kutim-news"
    publish_to_git(first, repo)
    (repo / "data" / "train-00000-of-00001.parquet").rename(repo / "data" / "train-old.parquet")
    git(repo, "add", "--all", "data")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "a stray shard")
    publish_to_git(second, repo)
    assert git(repo, "tag", "--list").split() == ["v1.2.0", "v1.3.0"]
    assert sorted(git(repo, "ls-files", "data").split()) == ["data/train-00000-of-00001.parquet"]
    manifest = json.loads(git(repo, "show", "v1.2.0:MANIFEST.json"))
    assert manifest["version"] == "1.2.0"
    assert json.loads((repo / "MANIFEST.json").read_text())["version"] == "1.3.0"


def test_republishing_a_tag_is_identical_or_refused(releases, tmp_path):
    _, first, second = releases
    repo = tmp_path / "kutim-news"
    publish_to_git(first, repo)
    assert publish_to_git(first, repo).status == "identical"
    git(repo, "tag", "v1.3.0", "v1.2.0")  # someone tagged 1.3.0 by hand on the 1.2.0 content
    with pytest.raises(UsageError, match="tags are never moved"):
        publish_to_git(second, repo)


def test_git_refuses_a_dirty_repository_and_a_damaged_release(releases, tmp_path):
    _, first, _ = releases
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "notes.txt").write_text("work in progress\n")
    git(repo, "init", "-q")
    with pytest.raises(UsageError, match="uncommitted changes"):
        publish_to_git(first, repo)
    damaged = tmp_path / "damaged"
    shutil.copytree(first, damaged)
    (damaged / "data" / "train-00000-of-00001.parquet").write_bytes(b"PAR1")
    with pytest.raises(UsageError, match="fails `kutim release verify`"):
        publish_to_git(damaged, tmp_path / "other")
    assert not (tmp_path / "other").exists()


def test_cli_publish_git(releases, tmp_path):
    out, _, _ = releases
    repo = tmp_path / "ds"
    result = subprocess.run([*KUTIM, "publish", "1.2.0", "--out", str(out), "--git", str(repo)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "tag v1.2.0" in result.stdout
    again = subprocess.run([*KUTIM, "publish", "1.2.0", "--out", str(out), "--git", str(repo)], capture_output=True, text=True)
    assert again.returncode == 0 and "already published, identical" in again.stdout


def test_hub_without_a_token_says_so(releases, no_token_env):
    out, _, _ = releases
    result = subprocess.run([*KUTIM, "publish", "1.2.0", "--out", str(out), "--repo", "kutim-corpus/kutim-news"],
                            capture_output=True, text=True, env=no_token_env)
    assert result.returncode == 2
    assert "no Hugging Face token" in result.stderr and "HF_TOKEN" in result.stderr


def test_hub_dry_run_prints_the_plan_without_token_or_network(releases, no_token_env):
    out, first, _ = releases
    result = subprocess.run([*KUTIM, "publish", "1.2.0", "--out", str(out), "--repo", "kutim-corpus/kutim-news", "--dry-run"],
                            capture_output=True, text=True, env=no_token_env)
    assert result.returncode == 0, result.stderr
    assert "delete_patterns=['data/*']" in result.stdout
    assert "create_tag('v1.2.0')" in result.stdout
    for path in ["data/train-00000-of-00001.parquet", "README.md", "MANIFEST.json", "SHA256SUMS", "croissant.json"]:
        assert f"     {path}\n" in result.stdout
    assert "revision='v1.2.0'" in result.stdout


@pytest.mark.parametrize("repo", ["kutim-news", "../x/y", "org/name/extra", "/abs/name", "org/.."])
def test_hub_refuses_bad_repo_names(releases, repo):
    _, first, _ = releases
    with pytest.raises(UsageError, match="is not ORG/NAME"):
        hub_plan(first, repo)


class FakeHub:
    """Records the calls kutim makes to huggingface_hub.HfApi."""

    def __init__(self, tags=()):
        self.calls = []
        self.tags = list(tags)

    def create_repo(self, repo_id, **kwargs):
        self.calls.append(("create_repo", repo_id, kwargs))

    def list_repo_refs(self, repo_id, **kwargs):
        return SimpleNamespace(tags=[SimpleNamespace(name=t) for t in self.tags])

    def upload_folder(self, **kwargs):
        self.calls.append(("upload_folder", kwargs["repo_id"], kwargs))
        return SimpleNamespace(oid="abc123", commit_url="https://huggingface.co/datasets/o/n/commit/abc123")

    def create_tag(self, repo_id, **kwargs):
        self.calls.append(("create_tag", repo_id, kwargs))


def test_hub_upload_then_tag(releases):
    _, first, _ = releases
    hub = FakeHub()
    url = publish_to_hub(hub_plan(first, "kutim-corpus/kutim-news"), token=None, api=hub)
    assert url.endswith("abc123")
    assert [c[0] for c in hub.calls] == ["create_repo", "upload_folder", "create_tag"]
    upload = hub.calls[1][2]
    assert upload["delete_patterns"] == ["data/*"] and upload["repo_type"] == "dataset"
    assert upload["folder_path"] == str(first)
    assert hub.calls[2][2]["tag"] == "v1.2.0" and hub.calls[2][2]["revision"] == "abc123"


def test_hub_refuses_an_existing_tag(releases):
    _, first, _ = releases
    hub = FakeHub(tags=["v1.2.0"])
    with pytest.raises(UsageError, match="already exists"):
        publish_to_hub(hub_plan(first, "kutim-corpus/kutim-news"), token=None, api=hub)
    assert [c[0] for c in hub.calls] == ["create_repo"]
