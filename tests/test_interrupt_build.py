"""`kutim build` killed with SIGKILL at random points, then run again.

Guarantees: after any kill, every Parquet file under a final name is complete and readable and
build.json (when present) is whole; the next run succeeds (the dead run's lock and staging are
cleared) and its output is byte-identical to a clean build of the same inputs.
"""

from __future__ import annotations

import json
import os
import random
import shutil
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
PAGES = 160
KILLS = 6

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
    print(f"build: {survived} of {KILLS} SIGKILLs landed mid-build; orphaned workers left: {len(orphans_left)}")
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


# Kill the build exactly before its N-th rename (os.rename/os.replace) in the main process: the
# moments when outputs are published. Counting first makes every publishing step a kill point.
KILL_AT_RENAME = """
import atexit, os, signal, sys
target = int(os.environ["KILL_AT_RENAME"])
main_pid = os.getpid()
calls = [0]

def counting(real):
    def wrapper(*args, **kwargs):
        if os.getpid() == main_pid:
            calls[0] += 1
            if calls[0] == target:
                os.kill(main_pid, signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapper

os.rename, os.replace = counting(os.rename), counting(os.replace)
atexit.register(lambda: sys.stderr.write(f"renames={calls[0]}\\n"))
from kutim_corpus.cli import main
main()
"""


def build_killed_at_rename(raw: Path, out: Path, target: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "KILL_AT_RENAME": str(target)}
    command = [sys.executable, "-c", KILL_AT_RENAME, "build", str(raw), "--out", str(out), "--quiet", "--workers", "1"]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def published_state(out: Path, previous: dict, expected: dict) -> dict[str, str]:
    """For each published file: "old" (previous build), "new", "missing" or "other" bytes."""
    files = final_files(out)
    state = {}
    for name in sorted(set(previous) | set(expected)):
        data = files.get(name)
        state[name] = "missing" if data is None else "old" if data == previous.get(name) else "new" if data == expected.get(name) else "other"
    return state


@pytest.fixture(scope="module")
def publish_kills(tmp_path_factory):
    """Kill a build before each of its renames, over a previous build of other inputs."""
    base = tmp_path_factory.mktemp("publish")
    raw, older = base / "raw", base / "older"
    write_corpus(raw, 16)
    write_corpus(older, 12)  # the previous build: fewer pages, so every output file differs
    expected, previous = {}, {}
    for source, files in ((raw, expected), (older, previous)):
        assert build(source, base / f"clean-{source.name}", "--no-cache").returncode == 0
        files.update(final_files(base / f"clean-{source.name}"))
    assert all(previous[name] != expected[name] for name in expected)
    counted = build_killed_at_rename(raw, base / "counted", 0)
    renames = int(counted.stderr.rsplit("renames=", 1)[1].split()[0])
    assert build(older, base / "previous").returncode == 0  # with its cache, as users have it
    observations = []
    for target in range(1, renames + 1):
        out = base / f"out-{target}"
        shutil.copytree(base / "previous", out, symlinks=True)
        assert final_files(out) == previous
        result = build_killed_at_rename(raw, out, target)
        assert_no_partial_outputs(out)
        state = published_state(out, previous, expected)
        rerun = build(raw, out)
        observations.append({"target": target, "killed": result.returncode == -signal.SIGKILL, "state": state, "rerun": rerun, "after": final_files(out)})
    return {"renames": renames, "observations": observations, "expected": expected}


@pytest.mark.slow
def test_killed_at_every_publishing_step_then_rerun(publish_kills):
    assert publish_kills["renames"] >= 3  # articles part, rejects, build.json at least
    print(f"publish: killed before each of {publish_kills['renames']} renames: "
          + ", ".join("/".join(sorted(set(seen["state"].values()))) for seen in publish_kills["observations"]))
    for seen in publish_kills["observations"]:
        assert seen["killed"], seen["target"]
        # every published file is whole: the previous build's or the new one's, never other bytes
        assert "other" not in seen["state"].values(), seen
        assert seen["rerun"].returncode == 0, seen["rerun"].stderr
        assert seen["after"] == publish_kills["expected"]


@pytest.mark.slow
def test_a_killed_publish_never_leaves_a_mixed_corpus(publish_kills):
    for seen in publish_kills["observations"]:
        present = {value for value in seen["state"].values() if value != "missing"}
        if "build.json" in seen["state"] and seen["state"]["build.json"] != "missing":
            # while build.json is published, all files belong to the build it describes
            assert len(present) == 1 and "missing" not in seen["state"].values(), seen["state"]

