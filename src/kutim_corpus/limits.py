"""Bounded, defensive reading of raw inputs: nothing a crawl contains can exhaust the build.

Raw crawls hold empty files, images saved as ``.html``, gzip bombs, 50 MB pages, HTML nested
100,000 levels deep, FIFOs and symlink loops. Every function here either returns the page bytes
or raises :class:`kutim_corpus.errors.Rejected` with a precise reason code from
``schemas/reject.schema.json``; none of them ever reads or decompresses past a limit.

How the pipeline uses this module (one call per stage, all cheap):

    limits = Limits()                      # or Limits.from_options(...) from the CLI
    data = read_page(path, limits)         # stage "read":   unreadable / too_large / corrupt_archive
    data = bounded_bytes(data, limits)     # WARC payloads:  too_large / corrupt_archive (gzip inside)
    check_page(data, limits)               # stage "decode": empty / not_html / too_deep
                                           # (the worker: check_content, then check_tree_depth
                                           #  on the tree extract_article parses anyway)
    with time_limit(limits.page_seconds):  # around extract + enrich in the worker: timeout
        record = extract_article(data, url=...)

Reason codes raised here: ``unreadable`` (missing, FIFO/device, permission, symlink loop, I/O
error), ``too_large`` (file or decompressed payload over the limit), ``corrupt_archive``
(truncated or corrupt gzip), ``empty`` (no bytes or only whitespace), ``not_html`` (image, PDF,
archive, binary or plain text), ``too_deep`` (element nesting over the limit), ``timeout``.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import numpy as np
from lxml import etree

from .errors import Rejected, UsageError

MB = 1024 * 1024
READ_CHUNK = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-page resource limits. Each is a `kutim build` option; the defaults fit real portals.

    - ``max_page_bytes`` (``--max-page-mb``, 20 MB): largest raw page read from disk or from a
      WARC record. Real Kaltim article pages are 100-400 KB; 20 MB leaves room for inlined images.
    - ``max_decompressed_bytes`` (``--max-decompressed-mb``, 100 MB): most bytes a ``.gz`` page
      may expand to; decompression streams and stops at the limit (gzip bombs are cut at once).
    - ``max_depth`` (``--max-depth``, 250): deepest element nesting accepted. Real pages stay
      under ~60. libxml2 (lxml, without huge_tree) stops parsing HTML at depth ~254 and silently
      drops the rest of the document, so a deeper page would come out truncated or "empty":
      it is refused as ``too_deep`` up front instead (and recursive tree walkers stay safe).
    - ``page_seconds`` (``--page-timeout``, 30 s): wall time for extracting one page in a worker.
    """

    max_page_bytes: int = 20 * MB
    max_decompressed_bytes: int = 100 * MB
    max_depth: int = 250
    page_seconds: float = 30.0

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not value or value <= 0:
                raise UsageError(f"limit {name} must be a positive number, got {value!r}")

    @classmethod
    def from_options(
        cls,
        max_page_mb: float | None = None,
        max_decompressed_mb: float | None = None,
        max_depth: int | None = None,
        page_timeout: float | None = None,
    ) -> Limits:
        """Limits from CLI options in MB / seconds; ``None`` keeps the default."""
        default = cls()
        return cls(
            max_page_bytes=int(max_page_mb * MB) if max_page_mb is not None else default.max_page_bytes,
            max_decompressed_bytes=(
                int(max_decompressed_mb * MB)
                if max_decompressed_mb is not None
                else default.max_decompressed_bytes
            ),
            max_depth=max_depth if max_depth is not None else default.max_depth,
            page_seconds=page_timeout if page_timeout is not None else default.page_seconds,
        )

    def as_options(self) -> dict:
        """The limits as plain values, for build.json (they change which pages are rejected)."""
        return asdict(self)


# --- reading files ----------------------------------------------------------------------------

GZIP_MAGIC = b"\x1f\x8b"


def _describe_os_error(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if error.errno == errno.ENOENT:
        return "file vanished or broken symlink"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or type(error).__name__


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _open_regular(path: str | os.PathLike, cap: int) -> BinaryIO:
    """Open a regular file of at most ``cap`` bytes for reading; Rejected otherwise.

    FIFOs and devices are refused from ``stat`` before opening (opening a FIFO blocks), and the
    open uses O_NONBLOCK in case the entry is swapped in between.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise Rejected("unreadable", f"{_file_kind(info.st_mode)}, not a file", stage="read")
    if info.st_size > cap:
        raise Rejected("too_large", f"file has {info.st_size} bytes, limit is {cap}", stage="read")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise Rejected("unreadable", "not a regular file", stage="read")
    return handle


def read_file_bounded(path: str | os.PathLike, limits: Limits, *, max_bytes: int | None = None) -> bytes:
    """Read a regular file of at most ``max_bytes`` (default ``limits.max_page_bytes``).

    Never blocks on FIFOs or devices and never reads past the limit, even if the file grows
    while it is read.
    """
    cap = limits.max_page_bytes if max_bytes is None else max_bytes
    try:
        with _open_regular(path, cap) as handle:
            data = handle.read(cap + 1)
    except OSError as error:
        raise Rejected("unreadable", _describe_os_error(error), stage="read") from None
    if len(data) > cap:
        raise Rejected("too_large", f"file grew past the limit of {cap} bytes", stage="read")
    return data


def gunzip_bounded(source: BinaryIO | bytes, limits: Limits, *, max_bytes: int | None = None) -> bytes:
    """Decompress gzip data (multi-member too) without ever expanding past the limit.

    ``source`` is a binary file object (read in chunks) or bytes. Raises ``too_large`` as soon as
    the output would pass ``max_bytes`` (default ``limits.max_decompressed_bytes``) and
    ``corrupt_archive`` for bad or truncated data. Bytes after the last member that do not start
    another member are ignored, as gzip(1) does.
    """
    cap = limits.max_decompressed_bytes if max_bytes is None else max_bytes
    chunks = _iter_chunks(source)
    out = bytearray()
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending = b""
    consumed = 0
    try:
        while True:
            if not pending:
                pending = next(chunks, b"")
                consumed += len(pending)
                if not pending:
                    break
            out += decoder.decompress(pending, cap + 1 - len(out))
            if len(out) > cap:
                raise Rejected(
                    "too_large",
                    f"gzip expands past the limit of {cap} bytes "
                    f"(stopped after {consumed} compressed bytes)",
                    stage="read",
                )
            pending = decoder.unconsumed_tail
            if decoder.eof:
                rest = decoder.unused_data + pending
                if len(rest) < len(GZIP_MAGIC):
                    more = next(chunks, b"")
                    consumed += len(more)
                    rest += more
                if not rest.startswith(GZIP_MAGIC):
                    break
                decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
                pending = rest
    except zlib.error as error:
        raise Rejected(
            "corrupt_archive", f"corrupt gzip data within the first {consumed} bytes: {error}", stage="read"
        ) from None
    except OSError as error:
        raise Rejected("unreadable", _describe_os_error(error), stage="read") from None
    if consumed == 0:
        raise Rejected("empty", "empty gzip data", stage="read")
    if not decoder.eof:
        raise Rejected("corrupt_archive", f"truncated gzip data after {consumed} bytes", stage="read")
    return bytes(out)


def _iter_chunks(source: BinaryIO | bytes) -> Iterator[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        view = memoryview(source)
        for start in range(0, len(view), READ_CHUNK):
            yield bytes(view[start : start + READ_CHUNK])
        return
    while True:
        chunk = source.read(READ_CHUNK)
        if not chunk:
            return
        yield chunk


def bounded_bytes(data: bytes, limits: Limits) -> bytes:
    """Apply the size limits to bytes that came from elsewhere (a WARC record payload).

    Gzip payloads (a file or record stored still gzip-encoded) are decompressed, bounded.
    """
    if len(data) > limits.max_page_bytes:
        raise Rejected("too_large", f"page has {len(data)} bytes, limit is {limits.max_page_bytes}", stage="read")
    if data.startswith(GZIP_MAGIC):
        data = gunzip_bounded(data, limits)
        if len(data) > limits.max_page_bytes:
            raise Rejected(
                "too_large",
                f"decompressed page has {len(data)} bytes, limit is {limits.max_page_bytes}",
                stage="read",
            )
    return data


def read_page(path: str | os.PathLike, limits: Limits) -> bytes:
    """The page bytes of an input file: ``.gz`` (or gzip bytes under any name) decompressed, bounded.

    A ``.gz`` file is streamed: memory holds one compressed chunk and at most the page limit
    (a page bigger than ``max_page_bytes`` is refused anyway, whatever it expands to).
    """
    path = Path(path)
    if path.suffix.lower() != ".gz":
        return bounded_bytes(read_file_bounded(path, limits), limits)
    cap = min(limits.max_decompressed_bytes, limits.max_page_bytes)
    try:
        with _open_regular(path, limits.max_decompressed_bytes) as handle:
            magic = handle.read(len(GZIP_MAGIC))
            if not magic:
                raise Rejected("empty", "empty .gz file", stage="read")
            if magic != GZIP_MAGIC:
                raise Rejected("corrupt_archive", "not gzip data (bad magic bytes)", stage="read")
            handle.seek(0)
            return gunzip_bounded(handle, limits, max_bytes=cap)
    except OSError as error:
        raise Rejected("unreadable", _describe_os_error(error), stage="read") from None


# --- what the bytes are -----------------------------------------------------------------------

# Magic numbers of formats that turn up in crawls under .html names.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x1f\x8b", "gzip data"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

UTF_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
SNIFF_WINDOW = 64 * 1024
# Any of these in the first 64 KB marks markup (HTML pages, and RSS/Atom feeds, which extraction
# rejects as not_article). PHP warnings or stray text before <!DOCTYPE are common and allowed.
MARKUP_HINT = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|a|table"
    rb"|h[1-6]|script|link|rss|feed|rdf:rdf|\?xml)[\s>/]",
    re.IGNORECASE,
)
DOCUMENT_HINT = re.compile(rb"<(?:!doctype|html|head|body)[\s>]", re.IGNORECASE)
CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def sniff_html(data: bytes) -> tuple[str, str] | None:
    """``None`` when ``data`` can be a markup page, else ``(reason, message)``.

    ``empty`` for no bytes or only whitespace; ``not_html`` for images, PDFs, archives, other
    binary data (many control bytes) and text without any markup.
    """
    if not data.strip():
        return ("empty", "no content" if not data else "only whitespace")
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic):
            return ("not_html", f"binary content: {kind}")
    head = data[:SNIFF_WINDOW]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16", errors="replace").encode("utf-8")
        except UnicodeError:  # pragma: no cover - errors="replace" does not raise
            return ("not_html", "undecodable UTF-16 data")
    control = len(head) - len(head.translate(None, CONTROL_BYTES))
    if control > max(8, len(head) // 100):
        return ("not_html", f"binary content: {control} control bytes in the first {len(head)}")
    if not MARKUP_HINT.search(head):
        return ("not_html", f"no HTML markup in the first {len(head)} bytes (plain text?)")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") and not DOCUMENT_HINT.search(head):
        return ("not_html", "JSON data (an API response?), not an HTML page")
    return None


# Tags never closed (void) or closed implicitly by the next sibling: they do not add depth.
UNNESTED_TAGS = frozenset(
    b"area base br col embed hr img input link meta param source track wbr keygen command basefont"
    b" frame isindex p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rtc rp"
    b" html head body".split()
)
RAW_TEXT_TAGS = (b"script", b"style", b"textarea", b"title")  # '<div' inside them is not a tag


def _raw_text_element(name: bytes) -> bytes:
    # up to the closing tag (or the end), unrolled so the engine runs [^<]* in C between '<'s
    return name + rb"\b[^<]*+(?:<(?!/" + name + rb"\s*>)[^<]*+)*+(?:</" + name + rb"\s*>)?"


# One match per token that starts with '<': a comment or raw-text element, skipped whole (both
# groups empty), or an element tag that adds a level (group 2 is ">") or closes one (group 1 is
# "/" too). Void, implicitly closed and self-closing ("<div/>") tags do not match at all.
_UNNESTED_NAMES = b"|".join(sorted(UNNESTED_TAGS, key=len, reverse=True))
TAG_TOKEN = re.compile(
    rb"<(?:!--[^-]*+(?:-(?!->)[^-]*+)*+(?:-->)?"
    + b"".join(b"|" + _raw_text_element(name) for name in RAW_TEXT_TAGS)
    + rb"|(/?)(?!(?:" + _UNNESTED_NAMES + rb")(?![a-z0-9:-]))[a-z][a-z0-9:-]*+[^<>]*+(?<!/)(>))"
)  # matched against the lower-cased page: case-sensitive matching is 1.5x faster than IGNORECASE
# Above this size the tokens are counted one by one (memory O(1), stops at the limit) instead of
# collected at once: a hostile 20 MB page of "<div>" would otherwise hold millions of matches.
VECTOR_SCAN_BYTES = 2 * MB
_STEPS = {(b"", b""): 0, (b"/", b""): 0, (b"", b">"): 1, (b"/", b">"): -1}


def nesting_depth(data: bytes, stop_at: int | None = None) -> int:
    """Approximate the deepest element nesting of an HTML document without parsing it.

    Counts open minus close tags (never below 0), ignoring void and implicitly closed elements,
    comments and script/style content. Linear time, no recursion. Pages up to
    ``VECTOR_SCAN_BYTES`` are tokenised by one C-level ``findall`` and summed with numpy; larger
    ones are scanned token by token and stop early once ``stop_at`` is passed.
    """
    if len(data) > VECTOR_SCAN_BYTES:
        return _nesting_depth_streaming(data, stop_at)
    found = TAG_TOKEN.findall(data.lower())
    if not found:
        return 0
    level = np.cumsum(np.fromiter(map(_STEPS.__getitem__, found), dtype=np.int64, count=len(found)))
    # the depth never goes below 0 (a stray close tag): subtract the lowest level reached so far
    floor = np.minimum(np.minimum.accumulate(level), 0)
    return int((level - floor).max(initial=0))


def _nesting_depth_streaming(data: bytes, stop_at: int | None) -> int:
    depth = deepest = 0
    for match in TAG_TOKEN.finditer(data.lower()):
        if not match.group(2):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if stop_at is not None and deepest > stop_at:
                break
    return deepest


def _too_deep(max_depth: int) -> Rejected:
    return Rejected("too_deep", f"elements nested more than {max_depth} levels deep", stage="decode")


def check_nesting(data: bytes, limits: Limits) -> None:
    """Raise ``Rejected("too_deep")`` when elements nest deeper than ``limits.max_depth``."""
    depth = nesting_depth(data, stop_at=limits.max_depth)
    if depth > limits.max_depth:
        raise _too_deep(limits.max_depth)


# libxml2 (lxml without huge_tree) builds at most this many levels and silently drops the rest of
# the page, logging "Excessive depth in document" in the parser's error log.
PARSER_MAX_DEPTH = 256
TREE_DEPTH_OFFSET = 2  # <html> and <body>: the byte scan does not count them


@lru_cache(maxsize=8)
def _element_at_depth(depth: int) -> etree.XPath:
    return etree.XPath("boolean(/" + "/*" * depth + ")")


def check_tree_depth(root, parser_errors, max_depth: int) -> None:
    """Raise ``Rejected("too_deep")`` for a parsed page that nests more than ``max_depth``
    elements below <body>, or that the parser cut at its own depth limit (it lost the rest).

    The check the worker makes: one C-level XPath probe on the tree the extractor builds anyway
    costs half the byte scan of ``check_nesting``, and the parser's log catches any depth.
    """
    if any(entry.message.startswith("Excessive depth") for entry in parser_errors):
        raise _too_deep(max_depth)
    probe_depth = max_depth + TREE_DEPTH_OFFSET + 1
    if probe_depth <= PARSER_MAX_DEPTH and _element_at_depth(probe_depth)(root):
        raise _too_deep(max_depth)


def check_content(data: bytes, limits: Limits) -> None:
    """The checks that need no parse: too_large, empty, not_html."""
    if len(data) > limits.max_page_bytes:
        raise Rejected("too_large", f"page has {len(data)} bytes, limit is {limits.max_page_bytes}", stage="read")
    verdict = sniff_html(data)
    if verdict:
        raise Rejected(verdict[0], verdict[1], stage="decode")


def check_page(data: bytes, limits: Limits) -> None:
    """All cheap content checks before parsing: empty, not_html, too_large, too_deep."""
    check_content(data, limits)
    check_nesting(data, limits)


# --- time --------------------------------------------------------------------------------------


class PageTimeout(Exception):
    """Raised inside the guarded block when the page's time is up."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``Rejected("timeout")`` if the block runs longer than ``seconds`` of wall time.

    Uses SIGALRM, so it works in the main thread of a process (process-pool workers run tasks
    there); elsewhere, or on platforms without SIGALRM, the block runs without a time limit.
    A long call inside a C extension (e.g. one lxml parse) is interrupted when it returns to
    Python: the size and depth limits bound those calls.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except PageTimeout:
        raise Rejected("timeout", f"page took longer than {seconds:g} s", stage="extract") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- names that become paths -------------------------------------------------------------------

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$")


def safe_name(value: str, what: str = "name") -> str:
    """``value`` if it is a single safe path component (release version, output name...).

    Refuses empty names, "." and "..", separators, absolute paths, NUL and other control
    characters, leading dots or dashes and anything outside ``[A-Za-z0-9._+-]``.
    """
    if not isinstance(value, str) or not SAFE_NAME.fullmatch(value) or ".." in value:
        raise UsageError(
            f"invalid {what} {value!r}: use letters, digits, '.', '_', '+' or '-' only "
            "(no '..', no '/' or '\\', not absolute, at most 128 characters)"
        )
    return value


def path_within(root: str | os.PathLike, relative: str) -> Path:
    """``root / relative`` resolved, refusing anything that would land outside ``root``."""
    base = Path(root).resolve()
    if not relative or "\x00" in relative or os.path.isabs(relative) or "\\" in relative:
        raise UsageError(f"path {relative!r} must be relative to {base}")
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise UsageError(f"path {relative!r} escapes {base}")
    return target
