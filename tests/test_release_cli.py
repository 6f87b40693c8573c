"""The kutim release / kutim publish command lines: routing, messages, exit codes, --help."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kutim_corpus.cli import app
from release_fixtures import sample_articles, write_corpus

runner = CliRunner()


@pytest.fixture
def corpus_dir(tmp_path):
    return write_corpus(tmp_path / "corpus", sample_articles(extra_stories=5))


def kutim(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_version_as_first_argument_makes_a_release_and_prints_how_to_load_it(corpus_dir, tmp_path):
    out = tmp_path / "releases"
    result = kutim("release", "0.1.0", "--corpus", corpus_dir, "--out", out)
    assert result.exit_code == 0, result.output
    assert f"release 0.1.0 written to {out / '0.1.0'}: 12 articles (train 12)" in result.stdout
    assert f"load_dataset('{out / '0.1.0'}')" in result.stdout
    assert "pd.read_parquet(" in result.stdout and "duckdb.sql(" in result.stdout
    again = kutim("release", "0.1.0", "--corpus", corpus_dir, "--out", out)
    assert again.exit_code == 0
    assert "already released, identical" in again.stdout


def test_options_before_the_version_and_the_explicit_create(corpus_dir, tmp_path):
    out = tmp_path / "releases"
    assert kutim("release", "--corpus", corpus_dir, "--out", out, "0.1.0").exit_code == 0
    assert kutim("release", "create", "0.2.0", "--corpus", corpus_dir, "--out", out, "--dedup").exit_code == 0
    listed = kutim("release", "list", "--out", out)
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[1].split()[:4] == ["0.1.0", "2024-12-04", "12", "no"]
    assert listed.stdout.splitlines()[2].split()[:4] == ["0.2.0", "2024-12-04", "10", "yes"]
    as_json = json.loads(kutim("release", "list", "--out", out, "--format", "json").stdout)
    assert [r["version"] for r in as_json] == ["0.1.0", "0.2.0"]


def test_other_content_under_an_existing_version_exits_2(corpus_dir, tmp_path):
    out = tmp_path / "releases"
    kutim("release", "0.1.0", "--corpus", corpus_dir, "--out", out)
    result = kutim("release", "0.1.0", "--corpus", corpus_dir, "--out", out, "--dedup")
    assert result.exit_code == 2
    assert "bump the version" in result.stderr


@pytest.mark.parametrize("version", ["v1", "../x", "1.2", "/abs", "1.2.0/x"])
def test_refused_versions_exit_2_with_a_message(version, corpus_dir, tmp_path):
    result = kutim("release", version, "--corpus", corpus_dir, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"release version {version!r}" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_missing_corpus_says_to_build_it(tmp_path):
    result = kutim("release", "1.0.0", "--corpus", tmp_path / "nope", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "kutim build" in result.stderr


def test_verify_and_diff_commands(corpus_dir, tmp_path):
    out = tmp_path / "releases"
    kutim("release", "1.0.0", "--corpus", corpus_dir, "--out", out)
    kutim("release", "1.1.0", "--corpus", write_corpus(tmp_path / "c2", sample_articles(extra_stories=6)), "--out", out)
    ok = kutim("release", "verify", "1.0.0", "--out", out)
    assert ok.exit_code == 0 and "OK (release 1.0.0, 4 files, 12 rows)" in ok.stdout
    diff = kutim("release", "diff", "1.0.0", "1.1.0", "--out", out)
    assert diff.exit_code == 0
    assert "added: 1" in diff.stdout and "removed: 0" in diff.stdout
    assert "Musyawarah Desa Bahas Dana Desa Tahap 5" in diff.stdout
    as_json = json.loads(kutim("release", "diff", out / "1.0.0", out / "1.1.0", "--format", "json").stdout)
    assert as_json["added"] == 1 and as_json["from_version"] == "1.0.0"
    (out / "1.1.0" / "CHANGELOG.md").write_text("edited\n")
    bad = kutim("release", "verify", out / "1.1.0")
    assert bad.exit_code == 1
    assert "CHANGELOG.md: " in bad.stderr and "1 problem(s)" in bad.stderr
    assert kutim("release", "verify", "9.9.9", "--out", out).exit_code == 2


def test_publish_needs_exactly_one_target(corpus_dir, tmp_path):
    out = tmp_path / "releases"
    kutim("release", "1.0.0", "--corpus", corpus_dir, "--out", out)
    assert kutim("publish", "1.0.0", "--out", out).exit_code == 2
    both = kutim("publish", "1.0.0", "--out", out, "--repo", "a/b", "--git", tmp_path / "g")
    assert both.exit_code == 2 and "exactly one target" in both.stderr
    assert kutim("publish", "../1.0.0", "--out", out, "--repo", "a/b", "--dry-run").exit_code == 2


@pytest.mark.parametrize("command", [["release"], ["release", "create"], ["release", "list"], ["release", "verify"],
                                     ["release", "diff"], ["publish"]])
def test_help_is_complete_with_examples(command):
    result = kutim(*command, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout or command == ["release", "list"] and "kutim release list" in result.stdout
    if command == ["release"]:
        for sub in ["kutim release VERSION", "list", "verify", "diff", "create"]:
            assert sub in result.stdout
    if command == ["publish"]:
        for word in ["--repo", "--git", "--dry-run", "delete_patterns", "token"]:
            assert word in result.stdout
