"""A full disk fails cleanly: one-line error, non-zero exit, previous outputs intact.

The output folders live on a small tmpfs mounted for the test (root, as in CI containers). Where
mounting is not allowed, the file-size limit (RLIMIT_FSIZE) of the command makes every write
past a few hundred KB fail instead (EFBIG rather than ENOSPC: the same failure path; force it with
KUTIM_TEST_NO_TMPFS=1).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from test_interrupt_build import write_corpus

KUTIM = [sys.executable, "-c", "from kutim_corpus.cli import main; main()"]
DISK_BYTES = 512 * 1024


class SmallDisk:
    """A folder where writes fail once ~DISK_BYTES are used; ``grow()`` frees it up."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir()
        mounted = os.geteuid() == 0 and not os.environ.get("KUTIM_TEST_NO_TMPFS") and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(path)], capture_output=True
        ).returncode == 0
        self.kind = "tmpfs" if mounted else "rlimit"
        self.full = True

    def run(self, *args: str) -> subprocess.CompletedProcess:
        limit = DISK_BYTES // 4 if self.kind == "rlimit" and self.full else None

        def cap_file_size():
            if limit:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        return subprocess.run([*KUTIM, *args], capture_output=True, text=True, timeout=300, preexec_fn=cap_file_size)

    def grow(self) -> None:
        self.full = False
        if self.kind == "tmpfs":
            subprocess.run(["mount", "-o", "remount,size=256m", str(self.path)], check=True)

    def close(self) -> None:
        if self.kind == "tmpfs":
            subprocess.run(["umount", "-l", str(self.path)], check=False)


@pytest.fixture
def disk(tmp_path):
    small = SmallDisk(tmp_path / "disk")
    yield small
    small.close()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("diskfull")
    write_corpus(base / "small", 20)
    write_corpus(base / "large", 1000)
    return base


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".cache" not in path.parts
    }


def assert_one_line_error(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("kutim: error:"), result.stderr[-2000:]
    assert any(word in last.lower() for word in ("space", "full", "too large")), last


def fill_with_build(corpora: Path, disk: SmallDisk) -> tuple[Path, dict, subprocess.CompletedProcess]:
    out = disk.path / "corpus"
    first = disk.run("build", str(corpora / "small"), "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    return out, before, disk.run("build", str(corpora / "large"), "--out", str(out), "--quiet")


@pytest.mark.slow
def test_build_on_a_full_disk_fails_and_keeps_the_previous_corpus(corpora, disk):
    out, before, result = fill_with_build(corpora, disk)
    assert result.returncode != 0
    assert snapshot(out) == before
    assert not (out / ".staging").exists()
    assert not list(out.glob(".kutim-*.lock"))
    disk.grow()
    again = disk.run("build", str(corpora / "large"), "--out", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    assert json.loads((out / "build.json").read_text())["inputs"] == 1002


@pytest.mark.slow
def test_build_on_a_full_disk_says_so_in_one_line(corpora, disk):
    _out, _before, result = fill_with_build(corpora, disk)
    assert_one_line_error(result)


def fill_with_index(corpora: Path, disk: SmallDisk, tmp_path: Path):
    small, large = tmp_path / "small-corpus", tmp_path / "large-corpus"
    for raw, corpus in ((corpora / "small", small), (corpora / "large", large)):
        built = subprocess.run([*KUTIM, "build", str(raw), "--out", str(corpus), "--quiet"], capture_output=True, text=True)
        assert built.returncode == 0, built.stderr
    index = disk.path / "index"
    assert disk.run("index", str(small), "--index", str(index)).returncode == 0
    query = ["search", "warga", "--index", str(index), "--format", "json", "--limit", "50"]
    first = disk.run(*query)
    answer = json.loads(first.stdout)
    assert answer["total"] > 0, (first.stdout, first.stderr)
    return disk.run("index", str(large), "--index", str(index)), query, answer


@pytest.mark.slow
def test_index_on_a_full_disk_fails_and_keeps_answering(corpora, disk, tmp_path):
    result, query, answer = fill_with_index(corpora, disk, tmp_path)
    assert result.returncode != 0
    after = disk.run(*query)
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout) == answer


@pytest.mark.slow
def test_index_on_a_full_disk_says_so_in_one_line(corpora, disk, tmp_path):
    result, _query, _answer = fill_with_index(corpora, disk, tmp_path)
    assert_one_line_error(result)
