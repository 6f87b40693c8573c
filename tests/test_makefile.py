"""The Makefile's data targets have real dependencies (run with real make in a temporary copy)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_fixtures import LISTING_PAGE, render_page

REPO = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)  # the venv running the tests (holds bin/kutim)

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


@pytest.fixture
def project(tmp_path):
    """A copy of the Makefile and the sources (mtimes kept) with a small raw folder of its own."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy2(REPO / "Makefile", root / "Makefile")
    for folder in ("src", "schemas"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    raw = root / "raw"
    raw.mkdir()
    for story in range(3):
        (raw / f"berita-{story}.html").write_bytes(render_page(story))
    (raw / "kategori.html").write_bytes(LISTING_PAGE)
    _age(root)
    return root


def _age(root: Path) -> None:
    """Set every file an hour back, so files touched by the test are clearly newer."""
    past = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (past, past), follow_symlinks=False)


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        "make", "--no-print-directory", *args,
        "RAW=raw", "CORPUS=out/corpus", "INDEX=out/index", "RELEASES=out/releases",
        f"VENV={VENV}", "-o", f"{VENV}/.installed",
    ]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr  # 1 is "not up to date" for make -q
    return result


def after_build() -> None:
    """File times tick with the kernel clock (a few ms): let it move past the build's outputs."""
    time.sleep(0.05)


def up_to_date(project: Path, target: str) -> bool:
    return make(project, "-q", target).returncode == 0


def test_make_corpus_twice_does_nothing_the_second_time(project):
    first = make(project, "corpus")
    assert "kutim build raw --out out/corpus" in first.stdout
    assert "4 inputs -> 3 articles + 1 rejects" in first.stdout
    build_json = project / "out/corpus/build.json"
    stamp = build_json.stat().st_mtime_ns

    second = make(project, "corpus")
    assert "kutim build" not in second.stdout
    assert "Nothing to be done" in second.stdout
    assert build_json.stat().st_mtime_ns == stamp
    assert up_to_date(project, "corpus")


def test_touching_one_page_reruns_the_build_which_parses_only_changed_pages(project):
    make(project, "corpus")
    articles = (project / "out/corpus/articles/part-00000.parquet").read_bytes()
    after_build()
    (project / "raw/berita-1.html").touch()  # same bytes, newer time
    assert not up_to_date(project, "corpus")
    rebuilt = make(project, "corpus")
    assert "cache: 4 reused, 0 parsed" in rebuilt.stdout
    assert (project / "out/corpus/articles/part-00000.parquet").read_bytes() == articles
    assert up_to_date(project, "corpus")

    after_build()
    (project / "raw/berita-1.html").write_bytes(render_page(1, extra="Sosialisasi berlanjut di Bengalon."))
    assert "cache: 3 reused, 1 parsed" in make(project, "corpus").stdout
    assert up_to_date(project, "corpus")


def test_added_and_removed_pages_trigger_a_rebuild(project):
    make(project, "corpus")
    after_build()
    (project / "raw/berita-0.html").unlink()  # only the folder's mtime tells make about this
    assert not up_to_date(project, "corpus")
    assert "3 inputs -> 2 articles + 1 rejects" in make(project, "corpus").stdout
    after_build()
    (project / "raw/baru.html").write_bytes(render_page(0, slug="baru"))
    assert not up_to_date(project, "corpus")
    assert "4 inputs -> 3 articles + 1 rejects" in make(project, "corpus").stdout


def test_index_and_release_depend_on_the_corpus_and_search_code_does_not_rebuild_the_corpus(project):
    make(project, "corpus")
    dry = make(project, "-n", "index", "release", "VERSION=1.0.0").stdout
    assert "kutim index out/corpus --index out/index" in dry
    assert "kutim release 1.0.0 --corpus out/corpus --out out/releases" in dry
    assert "kutim build" not in dry

    after_build()
    (project / "src/kutim_corpus/search.py").touch()  # downstream of the corpus
    assert up_to_date(project, "corpus")
    (project / "src/kutim_corpus/pipeline.py").touch()  # part of the build
    assert not up_to_date(project, "corpus")


def test_release_without_version_explains_usage(project):
    result = subprocess.run(
        ["make", "--no-print-directory", "release", "RAW=raw", "CORPUS=out/corpus", f"VENV={VENV}", "-o", f"{VENV}/.installed"],
        cwd=project, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "usage: make release VERSION=x.y.z" in result.stdout
