"""kutim release verify names every damaged file; a killed release leaves no release folder (issue 7)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from kutim_corpus.release import make_release, parse_splits, verify_release
from release_fixtures import sample_articles, write_corpus

KUTIM = [sys.executable, "-c", "from kutim_corpus.cli import main; main()"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    root = tmp_path_factory.mktemp("verify")
    corpus_dir = write_corpus(root / "corpus", sample_articles(extra_stories=20))
    outcome = make_release(corpus_dir, "2.0.0", root / "releases", splits=parse_splits("train=9,test=1"))
    return corpus_dir, outcome.path


@pytest.fixture
def copy(pristine, tmp_path):
    target = tmp_path / "2.0.0"
    shutil.copytree(pristine[1], target)
    return target


def test_an_intact_release_verifies(copy):
    report = verify_release(copy)
    assert report.ok, report.problems
    assert report.rows_checked == 27 and report.files_checked == 5


def test_a_truncated_shard_is_named(copy):
    shard = copy / "data" / "train-00000-of-00001.parquet"
    data = shard.read_bytes()
    shard.write_bytes(data[: len(data) // 2])
    problems = verify_release(copy).problems
    assert any(p.startswith("data/train-00000-of-00001.parquet:") and "truncated" in p for p in problems), problems
    assert any("not a readable Parquet file" in p for p in problems)


def test_a_tampered_shard_with_the_same_size_is_named(copy):
    """Rewrite one article's title in place (same byte count): only the checksums can tell."""
    shard = copy / "data" / "train-00000-of-00001.parquet"
    table = pq.read_table(shard)
    titles = table.column("title").to_pylist()
    titles[0] = titles[0][::-1]
    tampered = table.set_column(table.schema.get_field_index("title"), "title", [titles])
    pq.write_table(tampered, shard, row_group_size=10_000, compression="zstd", compression_level=9)
    problems = verify_release(copy).problems
    assert any(p.startswith("data/train-00000-of-00001.parquet:") for p in problems), problems


def test_a_flipped_byte_is_named(copy):
    shard = copy / "data" / "test-00000-of-00001.parquet"
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0xFF
    shard.write_bytes(bytes(data))
    assert "data/test-00000-of-00001.parquet: sha256 differs from the manifest (altered)" in verify_release(copy).problems


def test_a_missing_file_is_named(copy):
    (copy / "croissant.json").unlink()
    (copy / "data" / "test-00000-of-00001.parquet").unlink()
    problems = verify_release(copy).problems
    assert "croissant.json: missing" in problems
    assert "data/test-00000-of-00001.parquet: missing" in problems


def test_an_extra_shard_is_named(copy):
    shutil.copyfile(copy / "data" / "test-00000-of-00001.parquet", copy / "data" / "test-extra.parquet")
    assert any(p.startswith("data/test-extra.parquet: unexpected file") for p in verify_release(copy).problems)


def test_an_edited_manifest_is_caught_by_sha256sums(copy):
    manifest = copy / "MANIFEST.json"
    text = manifest.read_text()
    manifest.write_text(text.replace('"dedup": false', '"dedup": true', 1))
    assert manifest.read_text() != text
    assert "MANIFEST.json: sha256 differs from SHA256SUMS (altered)" in verify_release(copy).problems


def test_a_card_with_wrong_split_sizes_is_caught(copy):
    card = copy / "README.md"
    text = card.read_text()
    card.write_text(text.replace("num_examples: 2", "num_examples: 3", 1))
    problems = verify_release(copy).problems
    assert "README.md: sha256 differs from the manifest (altered)" in problems or any("README.md: " in p for p in problems)


def test_an_edited_sha256sums_is_caught(copy):
    sums = copy / "SHA256SUMS"
    lines = sums.read_text().splitlines()
    lines[0] = "0" * 64 + lines[0][64:]
    sums.write_text("\n".join(lines) + "\n")
    assert any("disagrees with the manifest" in p for p in verify_release(copy).problems)


def test_not_a_release(tmp_path):
    assert verify_release(tmp_path).problems == ["MANIFEST.json: missing (not a kutim release, or an incomplete copy)"]


def test_release_killed_while_writing_leaves_no_release_folder(pristine, tmp_path):
    corpus_dir, _ = pristine
    out = tmp_path / "releases"
    env = {**os.environ, "KUTIM_RELEASE_PAUSE_AFTER_SHARD": "30"}
    process = subprocess.Popen([*KUTIM, "release", "3.0.0", "--corpus", str(corpus_dir), "--out", str(out), "--quiet",
                                "--splits", "train=9,test=1"], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.glob(".3.0.0.tmp-*/data/*.parquet")):  # a shard is written: mid-way
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "release never started writing"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (out / "3.0.0").exists()
    assert [p.name for p in out.iterdir()] == [f".3.0.0.tmp-{process.pid}"]  # only the hidden scratch folder

    result = subprocess.run([*KUTIM, "release", "list", "--out", str(out)], capture_output=True, text=True)
    assert "no releases" in result.stdout
    result = subprocess.run([*KUTIM, "release", "3.0.0", "--corpus", str(corpus_dir), "--out", str(out),
                             "--splits", "train=9,test=1"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "left by an interrupted release" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["3.0.0"]
    assert verify_release(out / "3.0.0").ok


def test_a_full_disk_fails_cleanly_and_releases_nothing(pristine, tmp_path, monkeypatch):
    import errno

    from kutim_corpus.release import shards

    corpus_dir, _ = pristine
    out = tmp_path / "releases"
    make_release(corpus_dir, "1.0.0", out)
    before = {p: p.read_bytes() for p in (out / "1.0.0").rglob("*") if p.is_file()}

    def disk_full(table, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(shards.corpus, "write_parquet_atomic", disk_full)
    with pytest.raises(OSError, match="No space left"):
        make_release(corpus_dir, "1.1.0", out)
    assert sorted(p.name for p in out.iterdir()) == ["1.0.0"]  # no 1.1.0, no scratch folder
    assert {p: p.read_bytes() for p in (out / "1.0.0").rglob("*") if p.is_file()} == before


def test_an_unreadable_corpus_part_is_a_clear_error(tmp_path):
    from kutim_corpus.errors import UsageError

    corpus_dir = write_corpus(tmp_path / "corpus", sample_articles())
    part = corpus_dir / "articles" / "part-00000.parquet"
    part.write_bytes(part.read_bytes()[:100])
    with pytest.raises(UsageError, match="part-00000.parquet is not a readable Parquet file"):
        make_release(corpus_dir, "1.0.0", tmp_path / "releases")


def test_two_concurrent_runs_of_one_version_give_one_release(pristine, tmp_path):
    """The slower run finds the release already in place: identical, exit 0, nothing overwritten."""
    corpus_dir, _ = pristine
    out = tmp_path / "releases"
    command = [*KUTIM, "release", "4.0.0", "--corpus", str(corpus_dir), "--out", str(out), "--splits", "train=9,test=1"]
    slow = subprocess.Popen(command, env={**os.environ, "KUTIM_RELEASE_PAUSE_AFTER_SHARD": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    fast = subprocess.run(command, capture_output=True, text=True)
    slow_out, slow_err = slow.communicate(timeout=120)
    assert fast.returncode == 0 and "written to" in fast.stdout, fast.stderr
    assert slow.returncode == 0, slow_err
    assert "already released, identical" in slow_out
    assert sorted(p.name for p in out.iterdir()) == ["4.0.0"]
    assert verify_release(out / "4.0.0").ok


def test_a_manifest_pointing_outside_the_release_is_refused(copy):
    import json

    manifest = json.loads((copy / "MANIFEST.json").read_text())
    manifest["files"].append({"path": "../../etc/passwd", "sha256": "0" * 64, "bytes": 1})
    (copy / "MANIFEST.json").write_text(json.dumps(manifest))
    assert "MANIFEST.json: file path '../../etc/passwd' points outside the release" in verify_release(copy).problems
