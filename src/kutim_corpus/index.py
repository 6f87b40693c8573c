"""`kutim index`: a Whoosh index of the Parquet corpus, built in generations.

Layout of an index folder::

    DIR/CURRENT              name of the live generation ("gen-000003"), replaced atomically
    DIR/gen-000003/          a complete Whoosh index + kutim-index.json + docs.parquet
    DIR/gen-000002/          the previous generation, kept for readers that still have it open
    DIR/.kutim-index.lock    locked (fcntl.lockf) by the one `kutim index` run allowed at a time

A run builds the next generation beside the live one (a full build, or a hard-linked copy of the
live generation updated by id and digest), then switches CURRENT with ``os.replace``: readers
see the old generation or the new one, never a half-built index. A run that is killed leaves an
unfinished generation that the next run removes (with a message).
"""

from __future__ import annotations

import csv
import difflib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from . import corpus
from .analysis import DEFAULT_STEMMER, IndonesianPositions, indonesian_analyzer
from .errors import UsageError
from .locking import pid_alive

INDEX_FORMAT = 6  # bump whenever the index schema or document mapping changes: forces a rebuild
CURRENT_FILE = "CURRENT"
LOCK_FILE = ".kutim-index.lock"
META_FILE = "kutim-index.json"
DOCS_FILE = "docs.parquet"
NO_DAY = 0xFFFFFFFF  # what Whoosh's unsigned 32-bit column holds for a document without a day
FILTERS_FILE = "filters.parquet"  # per document number: date, sort key and facet values
WORDS_FILE = "words.parquet"  # every distinct word of the corpus as written (lower case): prefix*
WORD_SEPARATOR = re.compile(r"[^\w'’]+")  # what separates words (hyphens included)
GEN_PREFIX = "gen-"
WHOOSH_LOCK_SUFFIX = "LOCK"  # Whoosh names its lock files <indexname>_WRITELOCK
KEEP_GENERATIONS = 2  # the live one and the previous one (readers may still hold it open)
REBUILD_FRACTION = 0.5  # when more than this share of documents changed, a full build is faster

CORPUS_COLUMNS = [
    "id", "url", "site", "title", "body", "lead", "section", "published_at", "published_local",
    "is_advertorial", "region_code", "region_name", "province_code", "province_name",
    "regions_mentioned", "agencies", "content_hash", "cluster_id", "cluster_size",
]


FILTER_COLUMNS = ("day", "published", "site", "month", "cluster", "region", "agencies")


def _filter_column_types() -> dict:
    import pyarrow as pa

    return {"day": pa.uint32(), "published": pa.uint64(), "site": pa.string(), "month": pa.string(),
            "cluster": pa.string(), "region": pa.string(), "agencies": pa.string()}


class IndexError_(UsageError):
    """Cannot open, lock or build an index: the message says what to do."""


class IndexMissing(IndexError_):
    pass


class IndexBusy(IndexError_):
    pass


# --- regions ----------------------------------------------------------------------------------

def _data_rows(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    path = resources.files("kutim_corpus").joinpath("data", "wilayah", name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


@cache
def region_names() -> dict[str, list[str]]:
    """Province and regency codes -> their names as people write them (official name, short
    name, abbreviations and aliases such as "Kutim"), from the shipped wilayah data."""
    names: dict[str, list[str]] = {}

    def add(code: str, name: str) -> None:
        if name and name not in names.setdefault(code, []):
            names[code].append(name)

    for row in _data_rows("provinces.csv"):
        add(row["code"], row["name"])
    for row in _data_rows("province_meta.tsv", "\t"):
        for abbreviation in row["abbreviations"].split("|"):
            if len(abbreviation) > 2:
                add(row["code"], abbreviation)
    for row in _data_rows("regencies.csv"):
        add(row["code"], row["name"])
        add(row["code"], row["short_name"])
    for row in _data_rows("region_aliases.tsv", "\t"):
        if row["confidence"] != "low" and row["code"].count(".") <= 1:
            add(row["code"], row["alias"])
    return names


def region_terms(*codes: str | None) -> list[str]:
    """Lower-case values of the ``region`` field for a document in these regions."""
    values: list[str] = []
    for code in codes:
        if code:
            values.append(code)
            values.extend(name.lower() for name in region_names().get(code, ()))
    return list(dict.fromkeys(values))


# --- the index schema -------------------------------------------------------------------------

def build_schema(stemmer: str = DEFAULT_STEMMER):
    """The Whoosh schema: lean (no term vectors; the body stored as text for snippets: whoosh3
    compresses stored fields itself, so compressing it here only cost the feeding parent CPU)."""
    from whoosh import columns
    from whoosh.fields import BOOLEAN, COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

    text = indonesian_analyzer(stemmer)
    title, body = TEXT(analyzer=text, stored=True, field_boost=2.0), TEXT(analyzer=text, stored=True)
    for field_ in (title, body):
        field_.format = IndonesianPositions(field_boost=field_.format.field_boost)
    return Schema(
        id=ID(unique=True, stored=True),
        title=title,
        body=body,
        region=KEYWORD(lowercase=True, commas=True, scorable=False),
        regions_mentioned=KEYWORD(commas=True, scorable=False),
        agency=KEYWORD(lowercase=True, commas=True, scorable=False),
        site=ID(stored=True, sortable=True),
        section=KEYWORD(lowercase=True, commas=True, scorable=False),
        published_at=DATETIME(sortable=True),
        day=NUMERIC(int, bits=32, signed=False, sortable=True),
        month=ID(sortable=True),
        is_advertorial=BOOLEAN(stored=True),
        cluster=ID(stored=True, sortable=True),
        cluster_size=STORED(),
        url=STORED(),
        published_local=STORED(),
        region_name=STORED(),
        agencies=STORED(),
        region_label=COLUMN(columns.VarBytesColumn()),
        agency_labels=COLUMN(columns.VarBytesColumn()),
    )


def agency_label(agency: dict) -> str | None:
    """How an agency is shown: "DP3A" or its name when it has no acronym."""
    return agency.get("acronym") or agency.get("name") or None


def local_day(published_local: str | None, published_at: datetime | None) -> str | None:
    """The publication date as the page printed it (YYYY-MM-DD): what --from/--to compare."""
    if published_local:
        return published_local[:10]
    if published_at is not None:
        return published_at.astimezone(UTC).date().isoformat()
    return None


def to_document(row: dict) -> dict:
    """One corpus row (from a pyarrow batch) -> the Whoosh document."""
    agencies = row.get("agencies") or []
    labels = [label for label in (agency_label(a) for a in agencies) if label]
    agency_values = []
    for agency in agencies:
        agency_values += [v.lower() for v in (agency.get("acronym"), agency.get("name")) if v]
    doc = {
        "id": row["id"],
        "title": row["title"],
        "body": row["body"],
        "region": ",".join(v.replace(",", " ") for v in region_terms(row.get("region_code"), row.get("province_code"))),
        "regions_mentioned": ",".join(row.get("regions_mentioned") or []),
        "agency": ",".join(dict.fromkeys(v.replace(",", " ") for v in agency_values)),
        "is_advertorial": bool(row.get("is_advertorial")),
        "cluster": row.get("cluster_id") or row["id"],
        "cluster_size": row.get("cluster_size") or 1,
        "url": row.get("url"),
        "published_local": row.get("published_local"),
        "region_name": row.get("region_name"),
        "agencies": list(dict.fromkeys(labels)),
        "region_label": (row.get("region_name") or "").encode("utf-8"),
        "agency_labels": "\t".join(dict.fromkeys(labels)).encode("utf-8"),
    }
    if row.get("site"):
        doc["site"] = row["site"].lower()
    if row.get("section"):
        doc["section"] = row["section"].replace(",", " ")
    published_at = row.get("published_at")
    if published_at is not None:
        doc["published_at"] = published_at.astimezone(UTC).replace(tzinfo=None)
    day = local_day(row.get("published_local"), published_at)
    if day:
        doc["day"] = int(day.replace("-", ""))
        doc["month"] = day[:7]
    return {k: v for k, v in doc.items() if v not in (None, "")}


def row_digest(row: dict) -> str:
    """What decides whether a document must be re-indexed: every indexed value but the body,
    which ``content_hash`` stands for."""
    values = {k: row.get(k) for k in CORPUS_COLUMNS if k not in ("body", "lead")}
    return hashlib.sha256(
        json.dumps(values, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()[:32]


# --- generations ------------------------------------------------------------------------------

def current_generation(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT_FILE
    try:
        name = pointer.read_text("utf-8").strip()
    except FileNotFoundError:
        return None
    if not name.startswith(GEN_PREFIX) or "/" in name or not (index_dir / name).is_dir():
        return None
    return index_dir / name


def _generations(index_dir: Path) -> list[Path]:
    return sorted(p for p in index_dir.glob(GEN_PREFIX + "*") if p.is_dir())


def _next_generation(index_dir: Path) -> Path:
    numbers = [int(p.name[len(GEN_PREFIX):]) for p in _generations(index_dir) if p.name[len(GEN_PREFIX):].isdigit()]
    return index_dir / f"{GEN_PREFIX}{max(numbers, default=0) + 1:06d}"


def _switch_current(index_dir: Path, generation: Path) -> None:
    tmp = index_dir / f".{CURRENT_FILE}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(generation.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / CURRENT_FILE)
    _fsync_dir(index_dir)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_meta(generation: Path) -> dict:
    return json.loads((generation / META_FILE).read_text("utf-8"))


# --- the writer lock --------------------------------------------------------------------------

@dataclass
class WriterLock:
    """Exclusive lock of one index folder. A POSIX record lock (fcntl.lockf) is released by the
    kernel when its process dies, so a dead run never blocks the next one, and unlike flock it
    is not inherited by the indexing subprocesses Whoosh forks."""

    path: Path
    fd: int | None = None
    stale_pid: int | None = None

    def acquire(self, wait: float) -> None:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    holder = _read_pid(self.fd)
                    os.close(self.fd)
                    self.fd = None
                    who = f"process {holder}" if holder else "another process"
                    raise IndexBusy(
                        f"another `kutim index` ({who}) is writing {self.path.parent}; wait for it "
                        "to finish or pass --wait SECONDS to queue behind it"
                    ) from None
                time.sleep(0.2)
        previous = _read_pid(self.fd)
        if previous and previous != os.getpid() and not pid_alive(previous):
            self.stale_pid = previous
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.lockf(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _read_pid(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


# --- building ---------------------------------------------------------------------------------

@dataclass
class IndexReport:
    index_dir: str
    generation: str
    mode: str  # "full", "incremental" or "unchanged"
    documents: int
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    corpus_fingerprint: str = ""
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.mode == "unchanged":
            return f"{self.index_dir}: up to date ({self.generation}, {self.documents:,} documents)"
        return (
            f"{self.index_dir}: {self.generation} ({self.mode}): {self.documents:,} documents; "
            f"{self.added:,} added, {self.updated:,} updated, {self.deleted:,} deleted, "
            f"{self.unchanged:,} unchanged"
        )


def index_corpus(
    corpus_dir: str | os.PathLike,
    index_dir: str | os.PathLike,
    *,
    rebuild: bool = False,
    stemmer: str = DEFAULT_STEMMER,
    procs: int | None = None,
    limitmb: int = 256,
    wait: float = 0.0,
    progress: bool | None = None,
    on_message: Callable[[str], None] | None = None,
) -> IndexReport:
    """Index (or bring up to date) ``corpus_dir`` into ``index_dir``; see the module doc."""
    corpus_dir = Path(corpus_dir)
    index_dir = Path(index_dir)
    say = on_message or (lambda message: None)
    if not corpus.article_parts(corpus_dir):
        raise UsageError(
            f"{corpus_dir} holds no articles/part-*.parquet: build it first with `kutim build ... --out {corpus_dir}`"
        )
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = WriterLock(index_dir / LOCK_FILE)
    lock.acquire(wait)
    messages: list[str] = []

    def note(message: str) -> None:
        messages.append(message)
        say(message)

    try:
        if lock.stale_pid:
            note(f"cleared the stale lock of `kutim index` process {lock.stale_pid} (no longer running)")
        _remove_unfinished(index_dir, note)
        report = _index_locked(
            corpus_dir, index_dir, rebuild=rebuild, stemmer=stemmer, procs=procs,
            limitmb=limitmb, progress=progress, note=note,
        )
        report.messages = messages
        return report
    finally:
        lock.release()


def _remove_unfinished(index_dir: Path, note: Callable[[str], None]) -> None:
    """Under the writer lock every generation newer than CURRENT was left by a killed run; the
    ones older than the previous generation are no longer read."""
    live = current_generation(index_dir)
    generations = _generations(index_dir)
    for generation in generations:
        if live is None or generation.name > live.name:
            note(f"removed {generation.name}, left unfinished by an interrupted `kutim index`")
            shutil.rmtree(generation)
    if live is not None:
        for path in sorted(live.iterdir()):
            if path.name.endswith(WHOOSH_LOCK_SUFFIX):
                _ensure_stale(path)
                path.unlink()
                note(f"cleared a stale Whoosh lock {path.name} in {live.name} (its writer is gone)")
        older = [g for g in generations if g.name < live.name]
        for generation in older[: max(0, len(older) - (KEEP_GENERATIONS - 1))]:
            shutil.rmtree(generation, ignore_errors=True)


def _index_locked(corpus_dir, index_dir, *, rebuild, stemmer, procs, limitmb, progress, note) -> IndexReport:
    fingerprint = corpus.fingerprint(corpus_dir)
    live = current_generation(index_dir)
    meta = read_meta(live) if live else None
    if meta and not rebuild and (meta.get("format") != INDEX_FORMAT or meta.get("stemmer") != stemmer):
        note(f"{live.name} was built with another index format or stemmer: rebuilding")
        rebuild = True
    if live is None or meta is None or rebuild:
        return _full_build(corpus_dir, index_dir, fingerprint, stemmer, procs, limitmb, progress)
    return _incremental(corpus_dir, index_dir, live, meta, fingerprint, stemmer, procs, limitmb, progress, note)


def _corpus_rows(corpus_dir: Path, columns: list[str]) -> Iterator[dict]:
    for batch in corpus.iter_article_batches(corpus_dir, columns):
        yield from batch.to_pylist()


def _progress(iterable: Iterable, total: int, progress: bool | None, desc: str):
    from tqdm import tqdm

    disable = (not sys.stderr.isatty()) if progress is None else not progress
    return tqdm(iterable, total=total, desc=desc, unit="doc", disable=disable, file=sys.stderr)


def _corpus_size(corpus_dir: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in corpus.article_parts(corpus_dir))


@cache
def use_decoded_field_lengths() -> None:
    """Make Whoosh's segment flush read each field's length column once instead of once per
    posting.

    While a segment is written, ``FieldWriter.add_postings`` asks the length of the document's
    field for every posting (for the block statistics BM25 uses); whoosh3 answers each call with
    a seek and a read in the column file, ~10% of the CPU of `kutim index`. The replacement
    decodes the column once into a list and answers with a list lookup: the same values
    (``byte_to_length`` of the stored byte, None for a zero byte), so the index is the same.
    Process-wide and idempotent; Whoosh's indexing subprocesses inherit it through fork.
    """
    from whoosh.codec import whoosh3
    from whoosh.util.numeric import byte_to_length

    def doc_field_length_reader(self, fieldname, default=0):
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if reader is None:
            return lambda docnum, _default=default: _default
        lengths = [byte_to_length(byte) if byte else None for byte in reader]
        count = len(lengths)

        def length(docnum):  # past the column: the column's default byte (0), i.e. None
            return lengths[docnum] if docnum < count else None

        return length

    whoosh3.W3PerDocReader.doc_field_length_reader = doc_field_length_reader


def _writer(ix, procs: int | None, limitmb: int, n_docs: int):
    use_decoded_field_lengths()
    procs = procs if procs is not None else (min(2, os.cpu_count() or 1) if n_docs >= 2_000 else 1)
    # compound=False: a compound segment is copied whole into memory by every reader that
    # opens it (whoosh3 reads sub-files through BytesIO), which dominated query latency
    if procs > 1:
        _die_with_parent_after_fork()
        return ix.writer(procs=procs, multisegment=True, limitmb=limitmb, compound=False)
    return ix.writer(limitmb=limitmb, compound=False)


def _die_with_parent_after_fork() -> None:
    """Whoosh's indexing subprocesses block forever on their queue when the parent is killed;
    on Linux, ask the kernel to kill them with their parent instead of leaving orphans."""
    import multiprocessing.util

    multiprocessing.util.register_after_fork(_die_with_parent_after_fork, _set_parent_death_signal)


def _set_parent_death_signal(_registered) -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def _full_build(corpus_dir, index_dir, fingerprint, stemmer, procs, limitmb, progress) -> IndexReport:
    generation = _next_generation(index_dir)
    generation.mkdir()
    try:
        digests = _write_all(corpus_dir, generation, stemmer, procs, limitmb, progress)
        _finish(index_dir, generation, corpus_dir, fingerprint, stemmer, digests)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)  # the live generation stays as it was
        raise
    return IndexReport(
        str(index_dir), generation.name, "full", len(digests), added=len(digests),
        corpus_fingerprint=fingerprint,
    )


def _write_all(corpus_dir, generation, stemmer, procs, limitmb, progress) -> dict[str, str]:
    from whoosh import index as whoosh_index

    total = _corpus_size(corpus_dir)
    ix = whoosh_index.create_in(str(generation), build_schema(stemmer))
    writer = _writer(ix, procs, limitmb, total)
    digests: dict[str, str] = {}
    try:
        for row in _progress(_corpus_rows(corpus_dir, CORPUS_COLUMNS), total, progress, "indexing"):
            if row["id"] in digests:
                raise UsageError(f"{corpus_dir} has the article id {row['id']} twice: rebuild the corpus")
            digests[row["id"]] = row_digest(row)
            writer.add_document(**to_document(row))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return digests


def _incremental(corpus_dir, index_dir, live, meta, fingerprint, stemmer, procs, limitmb, progress, note) -> IndexReport:
    old = _read_digests(live)
    new: dict[str, str] = {}
    for row in _corpus_rows(corpus_dir, [c for c in CORPUS_COLUMNS if c not in ("body", "lead")]):
        new[row["id"]] = row_digest(row)
    changed = {i for i, d in new.items() if old.get(i) != d}
    deleted = set(old) - set(new)
    if not changed and not deleted and meta.get("corpus_fingerprint") == fingerprint:
        return IndexReport(str(index_dir), live.name, "unchanged", len(new), unchanged=len(new),
                           corpus_fingerprint=fingerprint)
    if len(changed) + len(deleted) > REBUILD_FRACTION * max(1, len(new)):
        note(f"{len(changed) + len(deleted):,} of {len(new):,} documents changed: a full build is faster")
        report = _full_build(corpus_dir, index_dir, fingerprint, stemmer, procs, limitmb, progress)
        report.added = len(set(new) - set(old))
        report.updated = len(changed & set(old))
        report.deleted = len(deleted)
        report.unchanged = len(new) - len(changed)
        return report
    generation = _next_generation(index_dir)
    try:
        _link_copy(live, generation, note)
        _apply_changes(generation, corpus_dir, changed, deleted, old, progress, limitmb)
        _finish(index_dir, generation, corpus_dir, fingerprint, stemmer, new)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    updated = len(changed & set(old))
    return IndexReport(
        str(index_dir), generation.name, "incremental", len(new), added=len(changed) - updated,
        updated=updated, deleted=len(deleted), unchanged=len(new) - len(changed),
        corpus_fingerprint=fingerprint,
    )


def _apply_changes(generation, corpus_dir, changed, deleted, old, progress, limitmb) -> None:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(generation))
    use_decoded_field_lengths()
    writer = ix.writer(limitmb=limitmb, compound=False)
    try:
        for doc_id in sorted(deleted | (changed & set(old))):
            writer.delete_by_term("id", doc_id)
        rows = (r for r in _corpus_rows(corpus_dir, CORPUS_COLUMNS) if r["id"] in changed)
        for row in _progress(rows, len(changed), progress, "updating"):
            writer.add_document(**to_document(row))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


def _link_copy(source: Path, target: Path, note: Callable[[str], None]) -> None:
    """Copy a generation cheaply: Whoosh never rewrites a segment file in place, so segment
    files are hard-linked; the small table-of-contents files are copied. Whoosh lock files
    are never carried over (under our writer lock, one found here was left by a dead writer)."""
    target.mkdir()
    for path in sorted(source.iterdir()):
        if path.name.endswith(WHOOSH_LOCK_SUFFIX):
            _ensure_stale(path)
            note(f"cleared a stale Whoosh lock {path.name} in {source.name} (its writer is gone)")
            continue
        if path.name.endswith(".toc") or path.name in (META_FILE, DOCS_FILE):
            shutil.copy2(path, target / path.name)
            continue
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)


def _ensure_stale(lock_path: Path) -> None:
    """A Whoosh lock file is stale when nobody holds its flock; refuse if a writer lives."""
    fd = os.open(lock_path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError as error:
        if error.errno not in (errno.EAGAIN, errno.EACCES):
            raise
        raise IndexBusy(
            f"a Whoosh writer (another program) holds {lock_path}; wait for it to finish, then "
            "run `kutim index` again"
        ) from None
    finally:
        os.close(fd)


def _read_digests(generation: Path) -> dict[str, str]:
    import pyarrow.parquet as pq

    table = pq.read_table(generation / DOCS_FILE)
    return dict(zip(table.column("id").to_pylist(), table.column("digest").to_pylist(), strict=True))


def _finish(index_dir, generation, corpus_dir, fingerprint, stemmer, digests) -> None:
    import pyarrow as pa
    import whoosh

    ids = sorted(digests)
    table = pa.table({"id": ids, "digest": [digests[i] for i in ids]})
    corpus.write_parquet_atomic(table, generation / DOCS_FILE)
    corpus.write_json_atomic(
        {
            "format": INDEX_FORMAT,
            "corpus_dir": str(Path(corpus_dir).resolve()),
            "corpus_fingerprint": fingerprint,
            "documents": len(digests),
            "stemmer": stemmer,
            "whoosh_version": whoosh.versionstring(),
        },
        generation / META_FILE,
    )
    _write_filter_columns(generation)
    _write_vocabulary(corpus_dir, generation)
    for path in generation.iterdir():
        if path.name.endswith(WHOOSH_LOCK_SUFFIX):
            path.unlink()
    _fsync_dir(generation)
    _switch_current(index_dir, generation)
    _remove_unfinished(index_dir, lambda message: None)


def _write_filter_columns(generation: Path) -> None:
    """Per document number, what filters, sorting and facets read for every match: the local
    day (YYYYMMDD, 0 = none or deleted), the publication instant, site, month, region label,
    agency labels and cluster, as one Parquet table. numpy/pyarrow then answer a date range,
    a sort by date or the facets of 30,000 matches in milliseconds, where Whoosh's
    NumericRange walks hundreds of trie terms and its column readers go one document at a
    time."""
    import pyarrow as pa
    from whoosh import index as whoosh_index

    values: dict[str, list] = {name: [] for name in FILTER_COLUMNS}
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        for sub, offset in searcher.leaf_searchers():
            assert offset == len(values["day"])
            _append_segment_columns(sub.reader(), values)
        assert len(values["day"]) == searcher.doc_count_all()
    types = _filter_column_types()
    table = pa.table({name: pa.array(column, types[name]) for name, column in values.items()})
    corpus.write_parquet_atomic(table, generation / FILTERS_FILE)


def _write_vocabulary(corpus_dir: Path, generation: Path) -> None:
    """Every distinct word of the titles and bodies as written (lower case), sorted. The index
    holds stems ("lindung"), but people type a prefix of the word they read ("perlind*"):
    `kutim search` matches the prefix against these words, then analyses the words found like
    query words. Recomputed from the whole corpus on every run, so it never keeps a word
    whose articles were deleted."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tokens: set[str] = set()  # split on spaces in bulk; punctuation is split off per distinct token
    for batch in corpus.iter_article_batches(corpus_dir, ["title", "body"], batch_size=10_000):
        for name in ("title", "body"):
            split = pc.utf8_split_whitespace(batch.column(name))
            tokens.update(pc.unique(pc.list_flatten(split)).to_pylist())
    words = {w.strip("'’") for token in tokens for w in WORD_SEPARATOR.split(token.lower())}
    words.discard("")
    corpus.write_parquet_atomic(pa.table({"word": sorted(words)}), generation / WORDS_FILE)


def _append_segment_columns(reader, values: dict[str, list]) -> None:
    count = reader.doc_count_all()

    def column(name: str, default):
        if not reader.has_column(name):
            return [default] * count
        found = list(reader.column_reader(name, translate=False))
        return found + [default] * (count - len(found))

    deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
    days = [0 if (v >= NO_DAY or docnum in deleted) else v for docnum, v in enumerate(column("day", 0))]
    values["day"] += days
    values["published"] += column("published_at", 0)
    for name, source in (("site", "site"), ("month", "month"), ("cluster", "cluster"),
                         ("region", "region_label"), ("agencies", "agency_labels")):
        values[name] += [_text(v) for v in column(source, b"")]


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value or "")


# --- opening ----------------------------------------------------------------------------------

def open_index(index_dir: str | os.PathLike):
    """The live generation as (whoosh Index, meta). Retries once if a writer switched and
    removed the generation between reading CURRENT and opening it."""
    from whoosh import index as whoosh_index

    index_dir = Path(index_dir)
    for attempt in range(3):
        generation = current_generation(index_dir)
        if generation is None:
            break
        try:
            ix, meta = whoosh_index.open_dir(str(generation)), read_meta(generation)
            meta["generation_dir"] = str(generation)
            return ix, meta
        except (FileNotFoundError, whoosh_index.EmptyIndexError):
            if attempt == 2:
                raise
            continue
    raise IndexMissing(
        f"no index at {index_dir}: create it with `kutim index CORPUS --index {index_dir}`"
    )


def closest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The known values closest to a mistyped one (case-insensitive)."""
    by_lower: dict[str, str] = {}
    for choice in choices:
        by_lower.setdefault(choice.lower(), choice)
    matches = difflib.get_close_matches(value.lower(), list(by_lower), n=n, cutoff=0.6)
    if not matches:
        prefix = [c for c in by_lower if c.startswith(value.lower()[:3])]
        matches = sorted(prefix)[:n]
    return [by_lower[m] for m in matches]
