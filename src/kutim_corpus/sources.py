"""Where raw pages come from: files, folders, ``.gz`` pages, WARC archives and ``--from-list``.

``iter_pages(roots, limits, stats)`` streams one :class:`RawPage` per input, in a deterministic
order (roots in the order given, folder entries sorted by name). An input that cannot be read
is still yielded, with ``data=None`` and ``error`` set to the :class:`~kutim_corpus.errors.Rejected`
that says why: every input ends as an article or a reject, none is lost silently.

``source`` names where the bytes came from, relative to the input root given on the command
line: a file given directly is its own name (``page.html``), a file found in a folder is
``<folder name>/<path inside it>`` (``sample/2024/banjir.html``), and a WARC record is
``<archive source>#<WARC-Record-ID>`` (``crawl.warc.gz#urn:uuid:...``).

WARC archives (``.warc``, ``.warc.gz``) are read with warcio: ``response`` and ``resource``
records with a 2xx status and HTML content are pages (their URL and fetch date come from the
record); every other record is skipped and counted in ``SourceStats.skipped_warc_records``. A
truncated or corrupt archive yields the pages before the damage and then one
``corrupt_archive`` reject naming the archive and the byte offset.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .errors import Rejected, UsageError
from .limits import Limits, read_page

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
WARC_PAGE_RECORDS = ("response", "resource")


@dataclass(frozen=True, slots=True)
class RawPage:
    """One input: its bytes, or the reason it could not be read (``error``)."""

    source: str
    data: bytes | None
    url: str | None = None
    fetched_at: str | None = None
    error: Rejected | None = None


@dataclass(frozen=True, slots=True)
class InputRoot:
    """A path given on the command line (or by a ``--from-list`` line) and the label of its sources."""

    path: Path
    label: str


@dataclass
class SourceStats:
    """What the sources skipped on purpose (these are not inputs, so not rejects)."""

    skipped_warc_records: Counter = field(default_factory=Counter)
    skipped_hidden: int = 0


def is_warc(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


# --- resolving the inputs ---------------------------------------------------------------------


def resolve_inputs(
    inputs: Iterable[str | os.PathLike], from_list: str | os.PathLike | None = None
) -> list[InputRoot]:
    """The input roots, checked up front: a missing path is a usage error (nothing is built).

    ``from_list`` is a text file with one path or glob per line (relative paths are relative to
    the current directory, as with ``tar -T``; blank lines and ``#`` comments are ignored).
    """
    roots = [_root(Path(p), f"input {str(p)!r}") for p in inputs]
    if from_list is not None:
        roots.extend(_roots_from_list(Path(from_list)))
    if not roots:
        raise UsageError("no input given: pass files or folders, or --from-list FILE")
    return roots


def _root(path: Path, what: str) -> InputRoot:
    if not os.path.lexists(path):
        raise UsageError(f"{printable(what)} does not exist")
    name = path.resolve().name or str(path)
    return InputRoot(path=path, label=printable(name))


def printable(name: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 (surrogate-escaped by Python) are
    written as \\xNN, so sources stay unique, readable and storable whatever the name's bytes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _roots_from_list(list_file: Path) -> list[InputRoot]:
    try:
        lines = list_file.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read --from-list {list_file}: {error}") from None
    roots = []
    for number, line in enumerate(lines, start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        where = f"{list_file}:{number}"
        if glob.has_magic(entry):
            matches = sorted(glob.glob(entry, recursive=True))
            if not matches:
                raise UsageError(f"{where}: the glob {entry!r} matches nothing")
            roots.extend(_root(Path(m), f"{where}: {m!r}") for m in matches)
        else:
            roots.append(_root(Path(entry), f"{where}: input {entry!r}"))
    return roots


# --- walking ----------------------------------------------------------------------------------


def iter_input_files(
    roots: Iterable[InputRoot], stats: SourceStats, exclude: Iterable[Path] = ()
) -> Iterator[tuple[Path, str]]:
    """``(path, source)`` of every input file under the roots, folders walked in name order.

    Hidden entries (names starting with ".") are skipped and counted; folders reached through
    symlinks are followed once (a symlink loop is reported as an unreadable input by the reader);
    the ``exclude`` folders (the build's own output) are never read.
    """
    excluded = {p.resolve() for p in exclude}
    for root in roots:
        if root.path.is_dir():
            yield from _walk(root.path, root.label, stats, excluded, set())
        else:
            yield root.path, root.label


def _walk(folder: Path, label: str, stats: SourceStats, excluded: set[Path], active: set) -> Iterator[tuple[Path, str]]:
    real = folder.resolve()
    if real in excluded:
        return
    identity = _identity(folder)
    if identity in active:  # a symlink back to a folder being walked: the loop is reported once
        yield folder, label
        return
    active = active | {identity}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield folder, label  # the reader names the error (permission denied...)
        return
    for entry in entries:
        if entry.name.startswith("."):
            stats.skipped_hidden += 1
            continue
        path = Path(entry.path)
        child = f"{label}/{printable(entry.name)}"
        try:
            is_dir = entry.is_dir()  # follows symlinks; False for broken links and loops
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, child, stats, excluded, active)
        else:
            yield path, child


def _identity(folder: Path) -> tuple[int, int]:
    info = folder.stat()
    return info.st_dev, info.st_ino


# --- reading ----------------------------------------------------------------------------------


def iter_pages(
    roots: Iterable[InputRoot],
    limits: Limits | None = None,
    stats: SourceStats | None = None,
    exclude: Iterable[Path] = (),
) -> Iterator[RawPage]:
    """Every input page under ``roots`` as a RawPage, streaming (one page in memory at a time)."""
    limits = limits or Limits()
    stats = stats if stats is not None else SourceStats()
    for path, source in iter_input_files(roots, stats, exclude):
        if is_warc(path) and not path.is_dir():
            yield from iter_warc(path, source, limits, stats)
        else:
            yield read_file_page(path, source, limits)


def read_file_page(path: Path, source: str, limits: Limits) -> RawPage:
    if path.is_dir():
        return RawPage(source, None, error=Rejected("unreadable", f"symlink loop at folder {printable(str(path))}", stage="read"))
    try:
        return RawPage(source, read_page(path, limits))
    except Rejected as rejected:
        return RawPage(source, None, error=rejected)


def iter_warc(path: Path, source: str, limits: Limits, stats: SourceStats) -> Iterator[RawPage]:
    """The HTML pages of one WARC archive, then a ``corrupt_archive`` reject if it is damaged."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
        size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        yield RawPage(source, None, error=Rejected("unreadable", f"cannot open archive: {error.strerror}", stage="read"))
        return
    records = ArchiveIterator(handle)
    offset = 0
    try:
        for record in records:
            offset = records.offset
            page = _warc_page(record, source, limits, stats)
            records.read_to_end()
            if record.raw_stream.limit > 0:  # the block ends before its Content-Length
                yield _damaged(source, offset, f"record truncated ({record.raw_stream.limit} bytes missing)")
                return
            if page is not None:
                yield page
        offset = records.offset
        if offset < size:  # warcio stops silently at a truncated gzip member
            yield _damaged(source, offset, f"unreadable data from byte {offset} of {size} (truncated gzip member?)")
    except Exception as error:  # noqa: BLE001 - any parse failure of the archive is reported as damage
        yield _damaged(source, records.offset or offset, f"{type(error).__name__}: {error}")
    finally:
        handle.close()


def _damaged(source: str, offset: int, detail: str) -> RawPage:
    message = f"corrupt or truncated archive {source} at byte offset {offset}: {detail}"
    return RawPage(f"{source}#offset={offset}", None, error=Rejected("corrupt_archive", message, stage="read"))


def _warc_page(record, source: str, limits: Limits, stats: SourceStats) -> RawPage | None:
    """A RawPage for an HTML page record; ``None`` (counted in stats) for any other record."""
    kind = record.rec_type
    if kind not in WARC_PAGE_RECORDS:
        stats.skipped_warc_records[kind] += 1
        return None
    if kind == "response":
        if record.http_headers is None:
            stats.skipped_warc_records["response without HTTP headers"] += 1
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            stats.skipped_warc_records[f"HTTP status {status[:1] or '?'}xx"] += 1
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type and not content_type.split(";")[0].strip().lower().startswith(HTML_CONTENT_TYPES):
        stats.skipped_warc_records["non-HTML content"] += 1
        return None
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>") or "no-record-id"
    page_source = f"{source}#{record_id}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    fetched_at = _iso_date(record.rec_headers.get_header("WARC-Date"))
    try:
        data = record.content_stream().read(limits.max_page_bytes + 1)
    except Exception as error:  # noqa: BLE001 - a bad chunked/gzip payload is this page's problem
        return RawPage(page_source, None, url, fetched_at, Rejected("corrupt_archive", f"undecodable HTTP payload: {error}", stage="read"))
    if len(data) > limits.max_page_bytes:
        return RawPage(page_source, None, url, fetched_at, Rejected("too_large", f"page over {limits.max_page_bytes} bytes", stage="read"))
    return RawPage(page_source, data, url, fetched_at)


def _iso_date(value: str | None) -> str | None:
    """WARC-Date (``2024-12-04T02:36:00Z``) as an ISO string with offset; None when unusable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat()


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
