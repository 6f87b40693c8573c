"""locking.py: one writer per output folder; a dead holder's lock is cleared, a live one never."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

from kutim_corpus.errors import UsageError
from kutim_corpus.locking import LockBusy, exclusive_lock, lock_path, read_holder

HOLDER = """
import sys, time
from kutim_corpus.locking import exclusive_lock
with exclusive_lock(sys.argv[1], "build", command="kutim build raw --out out"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
print("released", flush=True)
"""


def start_holder(directory, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(directory), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "locked"
    return process


def test_lock_is_held_for_the_block_and_removed_after(tmp_path):
    out = tmp_path / "corpus"
    with exclusive_lock(out, "build", command="kutim build x --out corpus") as path:
        assert path == lock_path(out, "build")
        holder = read_holder(path)
        assert holder["pid"] == os.getpid()
        assert holder["command"] == "kutim build x --out corpus"
    assert not path.exists()
    assert list(out.iterdir()) == []


def test_second_run_refuses_with_the_holder_named(tmp_path):
    process = start_holder(tmp_path, 30)
    try:
        with pytest.raises(LockBusy) as caught, exclusive_lock(tmp_path, "build"):
            pass
        message = str(caught.value)
        assert f"pid {process.pid}" in message
        assert "kutim build raw --out out" in message
        assert "wait for it to finish" in message
        assert isinstance(caught.value, UsageError)
    finally:
        process.kill()
        process.wait()


def test_second_run_waits_for_the_first_to_finish(tmp_path):
    process = start_holder(tmp_path, 0.8)
    try:
        started = time.monotonic()
        notices = []
        with exclusive_lock(tmp_path, "build", wait=20, notify=notices.append):
            assert time.monotonic() - started > 0.3
            assert process.wait(timeout=10) == 0
        assert notices == []  # released cleanly: nothing stale
    finally:
        process.kill()
        process.wait()


def test_wait_gives_up_after_its_timeout(tmp_path):
    process = start_holder(tmp_path, 30)
    try:
        with pytest.raises(LockBusy, match="after waiting 0.5 s"), exclusive_lock(tmp_path, "build", wait=0.5):
            pass
    finally:
        process.kill()
        process.wait()


def test_lock_of_a_sigkilled_holder_is_cleared_with_a_message(tmp_path):
    process = start_holder(tmp_path, 60)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert lock_path(tmp_path, "build").exists()  # left behind by the dead process
    notices = []
    with exclusive_lock(tmp_path, "build", notify=notices.append):
        pass
    assert len(notices) == 1
    assert f"pid {process.pid}" in notices[0] and "no longer running" in notices[0]
    assert not lock_path(tmp_path, "build").exists()


def test_build_and_index_locks_are_independent(tmp_path):
    with exclusive_lock(tmp_path, "build"), exclusive_lock(tmp_path, "index"):
        assert lock_path(tmp_path, "build").exists() and lock_path(tmp_path, "index").exists()


def _contend(directory: str, name: str, rounds: int, log: str) -> None:
    for _ in range(rounds):
        with exclusive_lock(directory, name, wait=60, notify=None), open(log, "a") as handle:
            handle.write(f"enter {os.getpid()}\n")
            handle.flush()
            time.sleep(0.005)
            handle.write(f"leave {os.getpid()}\n")


def test_contending_processes_never_overlap(tmp_path):
    log = tmp_path / "log.txt"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_contend, args=(str(tmp_path / "out"), "build", 25, str(log))) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    lines = log.read_text().splitlines()
    assert len(lines) == 150
    for enter, leave in zip(lines[::2], lines[1::2], strict=True):
        assert enter.startswith("enter") and leave == "leave" + enter[len("enter"):]
    assert not lock_path(tmp_path / "out", "build").exists()


def test_unwritable_location_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(UsageError, match="cannot create"), exclusive_lock(blocker / "out", "build"):
        pass


def test_garbage_lock_file_is_treated_as_stale(tmp_path):
    lock_path(tmp_path, "index").write_text(json.dumps({"pid": 999_999_999, "host": "h", "command": "kutim index"}))
    notices = []
    with exclusive_lock(tmp_path, "index", notify=notices.append):
        pass
    assert "pid 999999999" in notices[0]


FORKING_HOLDER = """
import os, sys, time
from kutim_corpus.locking import exclusive_lock
with exclusive_lock(sys.argv[1], "build"):
    child = os.fork()
    if child == 0:  # a pool worker: inherits the descriptors, outlives its killed parent
        time.sleep(30)
        os._exit(0)
    print(child, flush=True)
    time.sleep(60)
"""


def test_orphaned_workers_of_a_killed_holder_do_not_keep_the_lock(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", FORKING_HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    child = int(process.stdout.readline())
    try:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        os.kill(child, 0)  # the orphaned worker still lives
        notices = []
        with exclusive_lock(tmp_path, "build", notify=notices.append):
            pass
        assert f"pid {process.pid}" in notices[0]
    finally:
        os.kill(child, signal.SIGKILL)


def test_the_same_process_cannot_take_its_own_lock_twice(tmp_path):
    with exclusive_lock(tmp_path, "build"):
        with pytest.raises(LockBusy, match="already locked for build by this process"), exclusive_lock(tmp_path, "build"):
            pass
        assert lock_path(tmp_path, "build").exists()  # the refused attempt did not release it
    with exclusive_lock(tmp_path, "build"):
        pass


TERM_HOLDER = HOLDER.replace('"build", command=', '"build", exit_on_term=True, command=')


def test_sigterm_unwinds_the_holder_and_removes_the_lock_when_asked(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", TERM_HOLDER, str(tmp_path), "60"], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    process.send_signal(signal.SIGTERM)
    _stdout, _ = process.communicate(timeout=30)
    assert process.returncode == 143
    assert not lock_path(tmp_path, "build").exists()  # the with block unwound


def test_sigterm_handler_is_restored_after_the_block(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    with exclusive_lock(tmp_path, "build", exit_on_term=True):
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before
