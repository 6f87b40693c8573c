"""Two `kutim build` or two `kutim index` runs on the same output at once.

The second one refuses at once with a one-line message naming the running one (or, for
`kutim index --wait`, waits for it); neither corrupts the other's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_interrupt_build import final_files, write_corpus

KUTIM = [sys.executable, "-c", "from kutim_corpus.cli import main; main()"]


def kutim(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*KUTIM, *args], capture_output=True, text=True, timeout=timeout)


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*KUTIM, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until ``path`` exists (the first run holds its lock), failing if the run ends first."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("concurrent")
    write_corpus(base / "raw", 400)
    write_corpus(base / "other", 40)
    clean = base / "clean"
    result = kutim("build", str(base / "raw"), "--out", str(clean), "--quiet", "--no-cache")
    assert result.returncode == 0, result.stderr
    return {"base": base, "clean": final_files(clean), "corpus": clean}


@pytest.mark.slow
def test_second_build_on_the_same_output_refuses_and_the_first_is_intact(corpora, tmp_path):
    out = tmp_path / "out"
    first = start("build", str(corpora["base"] / "raw"), "--out", str(out), "--quiet", "--workers", "1")
    wait_for(out / ".kutim-build.lock", first)
    second = kutim("build", str(corpora["base"] / "other"), "--out", str(out), "--quiet")
    assert first.poll() is None, "the first build must still be running for this test to mean anything"
    assert second.returncode == 2
    assert "Traceback" not in second.stderr
    message = second.stderr.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith("kutim: error:")
    assert f"in use by another kutim build (pid {first.pid}" in message
    _stdout, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert final_files(out) == corpora["clean"]
    assert not (out / ".kutim-build.lock").exists()


@pytest.mark.slow
def test_build_after_the_first_finishes_runs_normally(corpora, tmp_path):
    out = tmp_path / "out"
    assert kutim("build", str(corpora["base"] / "other"), "--out", str(out), "--quiet").returncode == 0
    result = kutim("build", str(corpora["base"] / "raw"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # a lock released normally is not reported as stale
    assert final_files(out) == corpora["clean"]


@pytest.mark.slow
def test_second_index_refuses_or_waits_and_the_index_answers(corpora, tmp_path):
    index = tmp_path / "index"
    first = start("index", str(corpora["corpus"]), "--index", str(index), "--procs", "1")
    wait_for(index / ".kutim-index.lock", first)
    time.sleep(0.2)  # let it take the lock, not just create the file
    refused = kutim("index", str(corpora["corpus"]), "--index", str(index))
    waited = start("index", str(corpora["corpus"]), "--index", str(index), "--wait", "120")
    first_running = first.poll() is None
    _out, first_err = first.communicate(timeout=300)
    _out, waited_err = waited.communicate(timeout=300)
    assert first.returncode == 0, first_err
    if first_running:  # only meaningful while the first one was still indexing
        assert refused.returncode != 0
        assert "Traceback" not in refused.stderr
        assert refused.stderr.strip().startswith("kutim: error:")
        assert len(refused.stderr.strip().splitlines()) == 1
        assert "another `kutim index`" in refused.stderr
    assert waited.returncode == 0, waited_err
    search = kutim("search", "warga", "--index", str(index), "--format", "json", "--limit", "5")
    assert search.returncode == 0, search.stderr
    assert json.loads(search.stdout)["total"] > 0
