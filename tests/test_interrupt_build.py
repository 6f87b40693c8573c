"""`kutim build` killed with SIGKILL at random points, then run again.

Guarantees: after any kill, every Parquet file under a final name is complete and readable and
build.json (when present) is whole; the next run succeeds (the dead run's lock and staging are
cleared) and its output is byte-identical to a clean build of the same inputs.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest

from test_hostile_build import STORIES, php_portal_page, wordpress_page

KUTIM = [sys.executable, "-c", "from kutim_corpus.cli import main; main()"]
PAGES = 240
KILLS = 8

WORDS = ["pemerintah", "desa", "warga", "kecamatan", "sungai", "jalan", "sekolah", "pasar", "bantuan", "banjir", "petani", "nelayan", "puskesmas", "camat", "bupati", "dinas", "anggaran", "program", "kegiatan", "masyarakat", "pembangunan"]


def write_corpus(raw: Path, pages: int) -> None:
    """``pages`` distinct articles (plus a few rejects) in two templates and nested folders."""
    rng = random.Random(2024)
    for number in range(pages):
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        extra = f"<p>Laporan {number}: {words}.</p>\n"
        if number % 5 == 0:
            html = php_portal_page(number % len(STORIES)).replace("(SK-04)", f"Laporan {number}: {words}.")
        else:
            html = wordpress_page(number % len(STORIES), slug=f"kabar-{number}", extra_body=extra)
        path = raw / f"{number % 7}" / f"halaman-{number:04d}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, "utf-8")
    (raw / "kosong.html").write_bytes(b"")
    (raw / "gambar.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def build(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*KUTIM, "build", str(raw), "--out", str(out), "--quiet", *extra], capture_output=True, text=True, timeout=300)


def final_files(out: Path) -> dict[str, bytes]:
    """The published outputs (what readers see), by name."""
    files = {}
    for path in sorted([*(out / "articles").glob("*"), out / "rejects.parquet", out / "build.json"]):
        if path.exists():
            files[str(path.relative_to(out))] = path.read_bytes()
    return files


def assert_no_partial_outputs(out: Path) -> None:
    for path in (out / "articles").glob("part-*.parquet") if (out / "articles").exists() else []:
        pq.read_table(path)  # raises on a truncated or half-written file
    if (out / "rejects.parquet").exists():
        pq.read_table(out / "rejects.parquet")
    if (out / "build.json").exists():
        info = json.loads((out / "build.json").read_text())
        assert info["inputs"] == info["articles"] + info["rejects"]


def wait_gone(pids: list[int], timeout: float = 20) -> list[int]:
    """Pids still alive after ``timeout`` (orphaned workers must exit on their own)."""
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.1)
    return alive


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("interrupt")
    raw = base / "raw"
    write_corpus(raw, PAGES)
    clean = base / "clean"
    started = time.monotonic()
    result = build(raw, clean, "--no-cache", "--workers", "2")
    assert result.returncode == 0, result.stderr
    return {"base": base, "raw": raw, "clean": final_files(clean), "seconds": time.monotonic() - started}


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_equals_a_clean_build(corpus):
    rng = random.Random(7)
    out = corpus["base"] / "killed"
    survived = 0
    orphans_left = []
    for kill in range(KILLS):
        delay = rng.uniform(0.2, corpus["seconds"] * 1.1)
        process = subprocess.Popen([*KUTIM, "build", str(corpus["raw"]), "--out", str(out), "--workers", "2", "--quiet"], stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        try:
            workers = [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            workers = []
        process.send_signal(signal.SIGKILL)  # the main process only, as the OOM killer does
        process.communicate()
        if process.returncode == -signal.SIGKILL:
            survived += 1
        assert_no_partial_outputs(out)
        orphans_left += wait_gone(workers)
        if kill % 3 == 2:  # sometimes the interrupted build is run again and finishes
            result = build(corpus["raw"], out, "--workers", "2")
            assert result.returncode == 0, result.stderr
    assert orphans_left == [], "orphaned pool workers of a killed build kept running"
    assert survived >= KILLS // 2  # most kills landed mid-build, not after the end
    result = build(corpus["raw"], out, "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert final_files(out) == corpus["clean"]
    assert not (out / ".staging").exists()
    assert not list(out.glob(".kutim-*.lock"))


@pytest.mark.slow
def test_killed_during_publish_still_leaves_whole_files(corpus, tmp_path):
    # Kill late (the last tenth of the run, while outputs are written and renamed), many times.
    out = tmp_path / "late"
    assert build(corpus["raw"], out, "--workers", "2").returncode == 0
    rng = random.Random(11)
    for _ in range(4):
        process = subprocess.Popen([*KUTIM, "build", str(corpus["raw"]), "--out", str(out), "--workers", "2", "--quiet", "--no-cache"])
        time.sleep(rng.uniform(corpus["seconds"] * 0.8, corpus["seconds"] * 1.05))
        process.kill()
        process.wait()
        assert_no_partial_outputs(out)
    assert build(corpus["raw"], out).returncode == 0
    assert final_files(out) == corpus["clean"]
