"""One writer per output folder: an exclusive lock that dies with its holder.

`kutim build --out DIR` and `kutim index --index DIR` hold ``exclusive_lock(DIR, "build")`` (or
``"index"``) for the whole run:

    with exclusive_lock(out_dir, "build", wait=options.wait):
        ... write into out_dir ...

The lock is a POSIX record lock (``fcntl.lockf``) on ``DIR/.kutim-<name>.lock``. The kernel drops
it when its holder exits, however it exits (SIGKILL included), so a lock can never outlive a dead
process and can never be taken from a live one. Unlike ``flock``, a record lock is not inherited
by forked children: worker processes orphaned by a killed build do not keep the folder locked.
(Record locks are per process, so a process never blocks itself: re-entering the same lock in
one process is refused explicitly instead.) The file also records the holder's pid, host and command so
that a second run can say who holds the lock, and so that a lock file left behind by a killed run
is recognised and cleared with a message. On release the file is removed: a finished output
folder holds no lock file.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError

POLL_SECONDS = 0.2
_HELD: set[str] = set()  # lock files held by this process


class LockBusy(UsageError):
    """Another live process holds the lock (after waiting ``wait`` seconds, if asked to)."""

    def __init__(self, message: str, holder: dict | None):
        super().__init__(message)
        self.holder = holder


def lock_path(directory: str | os.PathLike, name: str) -> Path:
    return Path(directory) / f".kutim-{name}.lock"


def _stderr_notice(message: str) -> None:
    print(f"kutim: warning: {message}", file=sys.stderr)


def read_holder(path: str | os.PathLike) -> dict | None:
    """The holder info recorded in a lock file, or None when absent or unreadable.

    Never call this on a lock this process holds: closing any descriptor of the file would
    drop the record lock (POSIX semantics); the holder reads through its own descriptor.
    """
    try:
        text = Path(path).read_text("utf-8")
    except OSError:
        return None
    return _parse_holder(text)


def _read_holder_fd(fd: int) -> dict | None:
    try:
        return _parse_holder(os.pread(fd, 64 * 1024, 0).decode("utf-8", errors="replace"))
    except OSError:
        return None


def _parse_holder(text: str) -> dict | None:
    try:
        info = json.loads(text) if text.strip() else None
    except ValueError:
        return None
    return info if isinstance(info, dict) else None


def _describe(holder: dict | None) -> str:
    if not holder:
        return "another process"
    return (
        f"pid {holder.get('pid')} on {holder.get('host')} "
        f"({holder.get('command', 'kutim')})"
    )


def pid_alive(pid: int) -> bool:
    """True while a process with this pid exists (also one owned by another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _open_locked(path: Path, deadline: float | None) -> int | None:
    """Open and lock ``path``; None if still held by someone else at ``deadline``.

    Retries when the file was removed or replaced between open() and lockf() (a previous holder
    releasing), so two processes can never lock two different inodes under the same name.
    """
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            if deadline is None or time.monotonic() >= deadline:
                return None
            time.sleep(POLL_SECONDS)
            continue
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


TERMINATED_STATUS = 128 + signal.SIGTERM


@contextmanager
def _exit_on_sigterm(what: str, *, enabled: bool) -> Iterator[None]:
    """Turn SIGTERM into SystemExit(143) in this process while the block runs."""
    usable = enabled and threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM) if usable else None
    if not usable or previous not in (signal.SIG_DFL, None):
        yield  # someone else manages SIGTERM: leave it to them
        return
    owner = os.getpid()

    def on_term(signum, frame):  # noqa: ARG001 - signal handler signature
        if os.getpid() != owner:
            # A forked worker (Pool.terminate() sends SIGTERM): die at once, as by default.
            # Not signal.signal() here: a child forked from a pool's helper thread may not
            # count as a main thread, and a raised ValueError would keep it alive.
            os._exit(TERMINATED_STATUS)
        print(f"kutim: error: {what} terminated (SIGTERM); no partial output is left", file=sys.stderr)
        raise SystemExit(TERMINATED_STATUS)

    signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def exclusive_lock(
    directory: str | os.PathLike,
    name: str,
    *,
    wait: float = 0.0,
    command: str | None = None,
    notify: Callable[[str], None] | None = _stderr_notice,
    hint: str = "wait for it to finish, then run the command again",
    exit_on_term: bool = False,
) -> Iterator[Path]:
    """Hold the ``name`` lock of ``directory`` (created if missing) for the ``with`` block.

    ``wait`` seconds to wait for a live holder (0: refuse at once). Raises :class:`LockBusy`
    (a UsageError: one-line message, exit 2) naming the holder when the lock stays busy.
    ``notify`` receives one line when a lock file left by a dead process is cleared; ``hint``
    ends the LockBusy message (what to do next, e.g. "or pass --wait SECONDS").
    With ``exit_on_term`` (opt-in, main thread only; off by default because the build's
    process pool hung with it under the hostile-input tests, cause not yet found), SIGTERM (`timeout`, `docker stop`, systemd) ends
    the holder like Ctrl-C does: the ``with`` blocks unwind, so staging files are removed and
    the lock file too, then the process exits with status 143. Forked children (pool workers)
    keep the default SIGTERM behaviour. Yields the lock file path.
    """
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {directory}: {error.strerror}; choose a writable folder") from None
    path = lock_path(directory, name)
    key = str(path.resolve())
    if key in _HELD:
        raise LockBusy(f"{directory} is already locked for {name} by this process", None)
    deadline = time.monotonic() + wait if wait > 0 else None
    try:
        fd = _open_locked(path, deadline)
    except OSError as error:
        raise UsageError(f"cannot lock {path}: {error.strerror}; is {directory} writable?") from None
    if fd is None:
        holder = read_holder(path)
        waited = f" after waiting {wait:g} s" if wait > 0 else ""
        raise LockBusy(
            f"{directory} is in use by another kutim {name} ({_describe(holder)}){waited}; "
            f"{hint}",
            holder,
        )
    _HELD.add(key)
    try:
        previous = _read_holder_fd(fd)
        if previous and notify is not None:
            pid = previous.get("pid")
            state = "no longer running" if isinstance(pid, int) and not pid_alive(pid) else "gone"
            notify(
                f"cleared a stale {name} lock in {directory} left by {_describe(previous)}, {state}"
            )
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": command or " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:])[:200],
        }
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
            os.fsync(fd)
        except OSError as error:
            raise UsageError(f"cannot write {path}: {error.strerror}; free space in {directory}") from None
        with _exit_on_sigterm(f"kutim {name}", enabled=exit_on_term):
            yield path
    finally:
        # Remove while still holding the lock: a waiter that opened the old inode re-checks it.
        _HELD.discard(key)
        try:
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
