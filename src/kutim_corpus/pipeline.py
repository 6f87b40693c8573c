"""`kutim build` as a library: raw inputs -> articles + rejects -> deterministic Parquet.

    from kutim_corpus.pipeline import build_corpus
    report = build_corpus(["data/raw/sample"], "data/corpus", workers=2)
    print(report.summary())

Stages, one input at a time (streaming, bounded memory whatever the number of pages):

1. sources: files, folders, .gz, WARC -> RawPage (or a read reject: unreadable, too_large...).
2. cache: a page whose content, fetch URL, options and extraction code are unchanged reuses the
   record of the previous build (see cache.py).
3. workers (a process pool, ``workers`` processes): limits.check_content (empty, not_html)
   -> extract_article (too_deep checked on the parsed tree) -> enrich, under a per-page time
   limit. Pure: bytes in, record out.
4. main process: id = sha256(url or source)[:16], content_hash = sha256(normalised body),
   schema.validate (-> invalid_record naming the field); articles and rejects are spilled to a
   staging SQLite file in DIR/.staging, which sorts on disk.
5. dedup: in source order, an article whose id (same canonical URL) or content_hash matches a
   kept article becomes a `duplicate` reject naming the kept id: the smallest source wins,
   whatever the worker count or the order of the inputs on the command line.
6. clusters: near-duplicate clusters over the kept articles (clusters.assign_clusters).
7. write: parts of PART_ROWS rows sorted by id, rejects sorted by source, build.json (no
   wall-clock values) into DIR/.staging, then renamed into place (build.json last).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

from . import __version__, corpus, schema
from .errors import Rejected, UsageError
from .limits import Limits, check_content, time_limit
from .sources import InputRoot, RawPage, SourceStats, iter_pages, resolve_inputs

STAGING_DIR = ".staging"
CACHE_DIR = ".cache"
CHUNK_PAGES = 8  # pages per task sent to a worker: amortises inter-process overhead
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: bounds the memory of pages in transit
CONVERT_ROWS = 1_000  # records turned into Arrow at a time while writing
WORKER_GRACE_SECONDS = 60  # beyond the page time limits, before a chunk's worker counts as dead
# Fields that depend on where the page came from rather than on its bytes: set in the main process.
SOURCE_FIELDS = ("id", "source", "fetched_at", "content_hash")
SIGNATURE = "_signature"  # parsed-result key of the MinHash signature (hex), not a schema field


class OutputError(Exception):
    """Writing the build failed (disk full, output folder not writable...): one line for users."""


@dataclass
class BuildReport:
    """What a build did. ``info`` is the content of build.json."""

    out: Path
    info: dict[str, Any]
    cache_hits: int = 0
    cache_misses: int = 0
    cache_dropped: int = 0

    @property
    def inputs(self) -> int:
        return self.info["inputs"]

    @property
    def articles(self) -> int:
        return self.info["articles"]

    @property
    def rejects(self) -> dict[str, int]:
        return self.info["rejects_by_reason"]

    @property
    def duplicates(self) -> int:
        return self.info["duplicates"]

    def summary(self) -> str:
        info = self.info
        lines = [
            f"built {self.out}: {info['inputs']} inputs -> {info['articles']} articles + "
            f"{info['rejects']} rejects",
        ]
        if info["rejects_by_reason"]:
            reasons = ", ".join(f"{r} {n}" for r, n in sorted(info["rejects_by_reason"].items()))
            lines.append(f"  rejects: {reasons}")
        skipped = info["skipped_warc_records"]
        if skipped:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(skipped.items()))
            lines.append(f"  skipped WARC records (not pages): {kinds}")
        if info["skipped_hidden_files"]:
            lines.append(f"  skipped hidden files: {info['skipped_hidden_files']}")
        if self.cache_hits or self.cache_misses:
            lines.append(f"  cache: {self.cache_hits} reused, {self.cache_misses} parsed")
        parts = ", ".join(p["file"] for p in info["parts"]) or "no parts (no articles)"
        lines.append(f"  wrote {parts}, {corpus.REJECTS_FILE}, {corpus.BUILD_FILE}")
        return "\n".join(lines)


# --- the per-page work (runs in the worker processes) ----------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(use_profiles: bool, limits: Limits) -> None:
    _WORKER.update(use_profiles=use_profiles, limits=limits)


def parse_page(data: bytes, url: str | None, *, use_profiles: bool, limits: Limits) -> dict:
    """Bytes -> extracted + enriched fields, or ``{"reject": [reason, stage, message]}``.

    Pure and picklable both ways; the result is what the cache stores.
    """
    from .enrich import enrich
    from .extract import extract_article

    stage = "decode"
    try:
        check_content(data, limits)
        with time_limit(limits.page_seconds):
            stage = "extract"
            # nesting is checked on the parsed tree: cheaper than scanning the bytes first
            extracted = extract_article(data, url=url, use_profiles=use_profiles, max_depth=limits.max_depth)
            record = _base_record(extracted, url)
            stage = "enrich"
            record = enrich(record)  # the signature below counts as enrichment (reject stages are fixed)
            parsed = {name: record.get(name) for name in schema.field_names() if name not in SOURCE_FIELDS}
            parsed[SIGNATURE] = _signature_hex(record.get("body") or "")
    except Rejected as rejected:
        return {"reject": [rejected.reason, rejected.stage, rejected.message]}
    except RecursionError:
        return {"reject": ["too_deep", stage, "the page nests too deeply to parse"]}
    except Exception as error:  # noqa: BLE001 - one bad page must not stop the build; it is reported
        return {"reject": ["parse_error", stage, f"{type(error).__name__} in {stage}: {error}"[:500]]}
    return parsed


def _signature_hex(body: str) -> str | None:
    """The near-duplicate MinHash signature of the body, computed here to use every core."""
    from .clusters import body_signature

    signature = body_signature(body)
    return None if signature is None else signature.tobytes().hex()


def _base_record(extracted: dict, url_hint: str | None) -> dict:
    names = set(schema.field_names())
    record = schema.blank_record(**{k: v for k, v in extracted.items() if k in names})
    if not record.get("url") and url_hint:
        record["url"] = url_hint
    if not record.get("site") and record.get("url"):
        host = urlsplit(record["url"]).hostname or ""
        record["site"] = host.removeprefix("www.") or None
    return record


def _parse_chunk(tasks: list[tuple[bytes, str | None]]) -> list[dict]:
    return [parse_page(data, url, **_WORKER) for data, url in tasks]


# --- finishing a record (main process) -------------------------------------------------------


def article_id(url: str | None, source: str) -> str:
    return hashlib.sha256((url or source).encode("utf-8")).hexdigest()[:16]


def content_hash(body: str) -> str:
    """sha256 of the body lower-cased with whitespace collapsed."""
    return hashlib.sha256(" ".join(body.lower().split()).encode("utf-8")).hexdigest()


def finish_record(page: RawPage, parsed: dict) -> dict:
    """The article record for ``page`` from its parsed fields; raises Rejected(invalid_record)."""
    record = {k: v for k, v in parsed.items() if k != SIGNATURE}
    record["source"] = page.source
    record["fetched_at"] = page.fetched_at
    record["id"] = article_id(record.get("url"), page.source)
    record["content_hash"] = content_hash(record.get("body") or "")
    ordered = {name: record.get(name) for name in schema.field_names()}
    try:
        schema.validate(ordered)
    except schema.InvalidRecord as error:
        raise Rejected("invalid_record", f"field {error.field}: {error}", stage="validate") from None
    return ordered


# --- staging: spill to disk, sort on disk ----------------------------------------------------


class Staging:
    """Articles and rejects of the running build in SQLite (DIR/.staging/stage.sqlite).

    Only small keys are ever held in memory; SQLite sorts with its bounded page cache and temp
    files, so memory does not grow with the number of pages.
    """

    def __init__(self, directory: Path):
        self.db = sqlite3.connect(directory / "stage.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA temp_store=FILE")
        # Sorts spill here, not to /tmp: a build writes nothing outside its output folder.
        self.db.execute(f"PRAGMA temp_store_directory = '{_sql_quote(directory)}'")
        self.db.executescript(
            """
            CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT, source TEXT, hash TEXT, signature BLOB, published_at TEXT, rec BLOB);
            CREATE TABLE rejects (seq INTEGER, source TEXT, stage TEXT, reason TEXT, message TEXT, duplicate_of TEXT);
            CREATE TABLE duplicates (seq INTEGER PRIMARY KEY, kept TEXT, why TEXT);
            """
        )
        self.db.execute("BEGIN")
        self.seq = 0

    def add_article(self, record: dict, signature_hex: str | None = None) -> None:
        self.seq += 1
        # Not compressed: zlib cost the main process more CPU per page than the staging file's
        # extra size (~5 KB per article, deleted after the build) costs in I/O.
        blob = pickle.dumps(record, protocol=5)
        signature = bytes.fromhex(signature_hex) if signature_hex else None
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self.seq, record["id"], record["source"], record["content_hash"], signature, record["published_at"], blob),
        )

    def add_reject(self, source: str, rejected: Rejected) -> None:
        self.seq += 1
        self.db.execute(
            "INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?)",
            (self.seq, source, rejected.stage, rejected.reason, rejected.message, rejected.duplicate_of),
        )

    def mark_duplicates(self) -> int:
        """Greedy in source order: an article matching a kept id or content hash is a duplicate."""
        self.db.execute("COMMIT")
        self.db.execute("CREATE INDEX by_source ON articles (source, seq)")
        self.db.execute("CREATE TEMP TABLE kept_id (id TEXT PRIMARY KEY) WITHOUT ROWID")
        self.db.execute("CREATE TEMP TABLE kept_hash (hash TEXT PRIMARY KEY, id TEXT) WITHOUT ROWID")
        self.db.execute("BEGIN")
        writer = self.db.cursor()
        count = 0
        for seq, art_id, digest in self.db.execute("SELECT seq, id, hash FROM articles ORDER BY source, seq"):
            if writer.execute("SELECT 1 FROM kept_id WHERE id = ?", (art_id,)).fetchone():
                writer.execute("INSERT INTO duplicates VALUES (?, ?, ?)", (seq, art_id, "same canonical URL"))
                count += 1
                continue
            same = writer.execute("SELECT id FROM kept_hash WHERE hash = ?", (digest,)).fetchone()
            if same:
                writer.execute("INSERT INTO duplicates VALUES (?, ?, ?)", (seq, same[0], "same content"))
                count += 1
                continue
            writer.execute("INSERT INTO kept_id VALUES (?)", (art_id,))
            writer.execute("INSERT INTO kept_hash VALUES (?, ?)", (digest, art_id))
        writer.execute(
            "INSERT INTO rejects SELECT a.seq, a.source, 'dedup', 'duplicate', "
            "d.why || ' as article ' || d.kept, d.kept FROM duplicates d JOIN articles a USING (seq)"
        )
        self.db.execute("COMMIT")
        self.db.execute("CREATE INDEX by_id ON articles (id, source, seq)")
        return count

    def kept_articles(self) -> Iterator[dict]:
        """Kept articles in id order (ties, impossible after dedup, by source)."""
        query = (
            "SELECT rec FROM articles WHERE seq NOT IN (SELECT seq FROM duplicates) "
            "ORDER BY id, source, seq"
        )
        for (blob,) in self.db.execute(query):
            yield pickle.loads(blob)

    def kept_signatures(self) -> Iterator[tuple[str, str | None, bytes | None]]:
        """(id, published_at, signature bytes) of the kept articles, in id order."""
        query = (
            "SELECT id, published_at, signature FROM articles "
            "WHERE seq NOT IN (SELECT seq FROM duplicates) ORDER BY id, source, seq"
        )
        yield from self.db.execute(query)

    def rejects(self) -> Iterator[dict]:
        query = "SELECT source, stage, reason, message, duplicate_of FROM rejects ORDER BY source, reason, message, stage"
        for source, stage, reason, message, duplicate_of in self.db.execute(query):
            yield {"source": source, "stage": stage, "reason": reason, "message": message, "duplicate_of": duplicate_of}

    def reject_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT reason, COUNT(*) FROM rejects GROUP BY reason ORDER BY reason").fetchall())

    def close(self) -> None:
        self.db.close()


def _sql_quote(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


# --- the build ---------------------------------------------------------------------------------


@dataclass
class _Counters:
    inputs: int = 0
    input_sum: int = 0  # order-independent sum of per-input hashes (the inputs fingerprint)
    timeouts: int = 0
    seen: Counter = field(default_factory=Counter)

    def add_input(self, source: str, digest: str) -> None:
        self.inputs += 1
        item = hashlib.sha256(f"{source}\0{digest}".encode()).digest()
        self.input_sum = (self.input_sum + int.from_bytes(item, "big")) % (1 << 256)

    def input_fingerprint(self) -> str:
        return f"{self.input_sum:064x}"


def build_corpus(
    inputs: Iterable[str | os.PathLike],
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    use_profiles: bool = True,
    from_list: str | os.PathLike | None = None,
    cache_dir: str | os.PathLike | None = None,
    use_cache: bool = True,
    limits: Limits | None = None,
    progress: bool = False,
    wait: float = 0.0,
) -> BuildReport:
    """Build the corpus of ``inputs`` into ``out``; see the module docstring for the stages.

    Raises UsageError (nothing written) for missing inputs or an unwritable output. The result
    is byte-identical for the same inputs whatever ``workers``, the cache or the input order.
    Another build writing ``out`` is waited for ``wait`` seconds, then refused (LockBusy).
    """
    limits = limits or Limits()
    workers = max(1, workers or os.cpu_count() or 1)
    roots = resolve_inputs(inputs, from_list)
    out = Path(out)
    _prepare_output(out)
    with _output_lock(out, wait):
        staging_dir = out / STAGING_DIR
        shutil.rmtree(staging_dir, ignore_errors=True)  # left by a killed build: start over
        staging_dir.mkdir(parents=True)
        try:
            report = _build(roots, out, staging_dir, workers, use_profiles, cache_dir, use_cache, limits, progress)
        except (OSError, sqlite3.Error) as error:
            raise OutputError(_write_failure(error, out)) from error
        finally:
            shutil.rmtree(staging_dir, ignore_errors=True)
    return report


def _write_failure(error: BaseException, out: Path) -> str:
    detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
    where = getattr(error, "filename", None)
    where = f" ({where})" if where else ""
    published = (out / corpus.BUILD_FILE).exists()
    kept = "the previous corpus is unchanged" if published else "no complete corpus is published yet"
    return f"building {out} failed: {detail}{where}; {kept}. Free some space (or fix the folder) and run the build again"


def _prepare_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder: choose another output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the output folder {out}: {error.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write to the output folder {out}: check its permissions")


def _output_lock(out: Path, wait: float):
    from .locking import exclusive_lock

    return exclusive_lock(out, "build", wait=wait, hint="wait for it to finish, or pass --wait SECONDS")


def build_options(use_profiles: bool, limits: Limits) -> dict[str, Any]:
    """The options that change the output (recorded in build.json and in the cache keys)."""
    return {"use_profiles": use_profiles, "limits": limits.as_options()}


def cache_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options in the cache keys: the page time limit is left out, since timeouts are
    never cached (changing --page-timeout must not make every page a miss)."""
    limits = {k: v for k, v in options["limits"].items() if k != "page_seconds"}
    return {**options, "limits": limits}


def _build(
    roots: list[InputRoot],
    out: Path,
    staging_dir: Path,
    workers: int,
    use_profiles: bool,
    cache_dir: str | os.PathLike | None,
    use_cache: bool,
    limits: Limits,
    progress: bool,
) -> BuildReport:
    from .cache import BuildCache

    options = build_options(use_profiles, limits)
    stats = SourceStats()
    counters = _Counters()
    staging = Staging(staging_dir)
    build_cache = BuildCache(Path(cache_dir) if cache_dir else out / CACHE_DIR) if use_cache else None
    pages = iter_pages(roots, limits, stats, exclude=[out])
    bar = _progress_bar(progress)
    try:
        with _Parser(workers, use_profiles, limits) as parser:
            for page, parsed in _parse_all(pages, parser, build_cache, cache_options(options), counters):
                _stage_page(page, parsed, staging)
                bar.update(1)
        _return_freed_memory(final_phase=True)
        duplicates = staging.mark_duplicates()
        clusters = _cluster(staging, staging_dir)
        _return_freed_memory()
        info = _write_outputs(staging, staging_dir, counters, stats, duplicates, options, clusters)
        dropped = build_cache.finish() if build_cache else 0  # may fail (disk full): before publishing
        _publish(staging_dir, out)
    finally:
        bar.close()
        staging.close()
        if build_cache is not None:
            build_cache.close()
    return BuildReport(
        out=out,
        info=info,
        cache_hits=build_cache.hits if build_cache else 0,
        cache_misses=build_cache.misses if build_cache else counters.inputs,
        cache_dropped=dropped,
    )


def _progress_bar(enabled: bool):
    from tqdm import tqdm

    return tqdm(desc="kutim build", unit=" pages", disable=not enabled, mininterval=0.5)


def _stage_page(page: RawPage, parsed: dict | None, staging: Staging) -> None:
    if page.error is not None:
        staging.add_reject(page.source, page.error)
        return
    if "reject" in parsed:
        reason, stage, message = parsed["reject"]
        staging.add_reject(page.source, Rejected(reason, message, stage=stage))
        return
    try:
        record = finish_record(page, parsed)
    except Rejected as rejected:
        staging.add_reject(page.source, rejected)
        return
    staging.add_article(record, parsed.get(SIGNATURE))


class _Parser:
    """Runs parse_page in ``workers`` processes (in-process for one worker), in bounded chunks."""

    def __init__(self, workers: int, use_profiles: bool, limits: Limits):
        self.workers = workers
        self.use_profiles = use_profiles
        self.limits = limits
        self.pool = None

    def __enter__(self) -> _Parser:
        _warm_up()  # before the fork: workers share the parsed indexes copy-on-write
        if self.workers > 1:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(self.workers, _init_worker, (self.use_profiles, self.limits))
        else:
            _init_worker(self.use_profiles, self.limits)
        return self

    def submit(self, tasks: list[tuple[bytes, str | None]]):
        if self.pool is None:
            return _Done(_parse_chunk(tasks))
        return self.pool.apply_async(_parse_chunk, (tasks,))

    def results(self, tasks: list[tuple[bytes, str | None]], pending) -> list[dict]:
        """The parsed results of a submitted chunk, surviving a worker that dies or hangs.

        A worker killed mid-chunk (segfault, out of memory) loses its task: after a generous
        deadline the chunk's pages are parsed again one by one, so only the page that kills
        its worker again ends as a reject, and the others are unaffected.
        """
        if isinstance(pending, _Done):
            return pending.get()
        import multiprocessing

        deadline = self.limits.page_seconds * CHUNK_PAGES + WORKER_GRACE_SECONDS
        try:
            return pending.get(timeout=deadline)
        except multiprocessing.TimeoutError:
            pass
        parsed = []
        for task in tasks:
            single = self.pool.apply_async(_parse_chunk, ([task],))
            try:
                parsed.extend(single.get(timeout=self.limits.page_seconds + WORKER_GRACE_SECONDS))
            except multiprocessing.TimeoutError:
                message = "the worker parsing this page died or hung (crash or out of memory in a parser?)"
                parsed.append({"reject": ["timeout", "extract", message]})
        return parsed

    def __exit__(self, kind, value, traceback) -> None:
        if self.pool is not None:
            # Every result has been collected by now; terminate rather than close, because
            # close()+join() waits forever for a task lost with a dead worker.
            self.pool.terminate()
            self.pool.join()


def _warm_up() -> None:
    """Import the stages and build their lookup tables once, in the parent process."""
    from . import enrich, extract

    for module in (extract, enrich):
        warm = getattr(module, "warm_up", None)
        if warm is not None:
            warm()


class _Done:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


def _parse_all(
    pages: Iterator[RawPage],
    parser: _Parser,
    build_cache,
    options: dict,
    counters: _Counters,
) -> Iterator[tuple[RawPage, dict | None]]:
    """(page, parsed) for every page, in input order; cache hits skip the workers."""
    from .cache import entry_key

    in_flight: deque = deque()  # (entries, tasks, async result); entries = [(page, key, cached)]
    chunk: list = []
    limit = parser.workers * IN_FLIGHT_PER_WORKER

    def submit_chunk():
        tasks = [(page.data, page.url) for page, _key, cached in chunk if cached is None and page.error is None]
        in_flight.append((list(chunk), tasks, parser.submit(tasks) if tasks else _Done([])))
        chunk.clear()

    def drain_one():
        entries, tasks, result = in_flight.popleft()
        fresh = iter(parser.results(tasks, result))
        for page, key, cached in entries:
            parsed = cached
            if page.error is None and cached is None:
                parsed = next(fresh)
                if build_cache is not None and not _is_timeout(parsed):
                    build_cache.put(key, parsed)
            yield page, parsed

    for page in pages:
        digest = hashlib.sha256(page.data).hexdigest() if page.data is not None else f"error:{page.error.reason}"
        counters.add_input(page.source, digest)
        key, cached = None, None
        if page.error is None and build_cache is not None:
            key = entry_key(digest, page.url, options)
            cached = build_cache.get(key)
        chunk.append((page, key, cached))
        if len(chunk) >= CHUNK_PAGES:
            submit_chunk()
        while len(in_flight) > limit or (in_flight and _ready(in_flight[0][2])):
            yield from drain_one()
    if chunk:
        submit_chunk()
    while in_flight:
        yield from drain_one()


def _ready(result) -> bool:
    return isinstance(result, _Done) or result.ready()


def _is_timeout(parsed: dict) -> bool:
    # Timeouts depend on machine load, not on the page: never cached, retried next build.
    return "reject" in parsed and parsed["reject"][0] == "timeout"


# --- clusters ---------------------------------------------------------------------------------


def _cluster(staging: Staging, workdir: Path) -> dict[str, dict]:
    """Near-duplicate cluster fields of the clustered articles (absent ids are singletons)."""
    import numpy as np

    from .clusters import assign_clusters

    rows = (
        (art_id, published, np.frombuffer(signature, dtype=np.uint32) if signature else None)
        for art_id, published, signature in staging.kept_signatures()
    )
    return {art_id: _cluster_fields(info) for art_id, info in assign_clusters(rows, workdir=workdir).items()}


def _cluster_fields(info: Any) -> dict:
    names = ("cluster_id", "cluster_size", "is_cluster_representative", "similarity_to_representative")
    if isinstance(info, dict):
        return {name: info[name] for name in names if name in info}
    return {name: getattr(info, name) for name in names if hasattr(info, name)}


# --- writing ----------------------------------------------------------------------------------


def _write_outputs(
    staging: Staging,
    staging_dir: Path,
    counters: _Counters,
    stats: SourceStats,
    duplicates: int,
    options: dict,
    clusters: dict[str, dict],
) -> dict[str, Any]:
    fingerprint = corpus.RowFingerprint()
    parts = _write_articles(staging, staging_dir / corpus.ARTICLES_DIR, fingerprint, clusters)
    reject_writer = corpus.ParquetStreamWriter(staging_dir / corpus.REJECTS_FILE, schema.arrow_schema(schema.REJECT))
    with reject_writer:
        for batch in _batches(staging.rejects(), corpus.ROW_GROUP_SIZE):
            reject_writer.write(schema.to_table(batch, schema.REJECT))
        if reject_writer.rows == 0:
            reject_writer.write(schema.to_table([], schema.REJECT))
    by_reason = staging.reject_counts()
    articles = sum(part["rows"] for part in parts)
    rejects = sum(by_reason.values())
    if articles + rejects != counters.inputs:  # pragma: no cover - a bug, never bad input
        raise RuntimeError(f"lost inputs: {counters.inputs} inputs, {articles} articles + {rejects} rejects")
    info = {
        "tool": "kutim-corpus",
        "tool_version": __version__,
        "schema_version": schema.schema_version(),
        "schema_hash": schema.schema_hash(),
        "inputs": counters.inputs,
        "articles": articles,
        "rejects": rejects,
        "rejects_by_reason": by_reason,
        "duplicates": duplicates,
        "skipped_warc_records": dict(sorted(stats.skipped_warc_records.items())),
        "skipped_hidden_files": stats.skipped_hidden,
        "inputs_fingerprint": counters.input_fingerprint(),
        "corpus_fingerprint": fingerprint.hexdigest(),
        "options": options,
        "clustered_articles": len(clusters),
        "parts": parts,
    }
    corpus.write_json_atomic(info, staging_dir / corpus.BUILD_FILE)
    return info


def _write_articles(staging: Staging, folder: Path, fingerprint: corpus.RowFingerprint, clusters) -> list[dict]:
    # The system allocator returns freed row groups to the OS; pyarrow's default mimalloc pool
    # kept RSS climbing with every row group written (measured: BENCHMARKS.md, Build).
    pa.set_memory_pool(pa.system_memory_pool())
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[dict] = []
    writer = None
    try:
        for table in _row_groups(staging.kept_articles(), clusters, fingerprint):
            if writer is None or writer.rows >= corpus.PART_ROWS:
                if writer is not None:
                    writer.close()
                    parts.append({"file": f"{corpus.ARTICLES_DIR}/{writer.path.name}", "rows": writer.rows})
                writer = corpus.ParquetStreamWriter(folder / f"part-{len(parts):05d}.parquet", schema.arrow_schema())
            writer.write(table)
            del table  # else it stays alive while the generator builds the next row group
            _return_freed_memory()
        if writer is None:  # no articles: still one (empty) part, so readers find the schema
            writer = corpus.ParquetStreamWriter(folder / "part-00000.parquet", schema.arrow_schema())
            writer.write(schema.to_table([]))
        writer.close()
        parts.append({"file": f"{corpus.ARTICLES_DIR}/{writer.path.name}", "rows": writer.rows})
        writer = None
    finally:
        if writer is not None:
            writer.abort()
    return parts


def _row_groups(records: Iterable[dict], clusters: dict[str, dict], fingerprint: corpus.RowFingerprint) -> Iterator[pa.Table]:
    """Tables of ROW_GROUP_SIZE rows (the last one smaller), converted to Arrow in small batches:
    a row group is held as compact Arrow columns, never as 10,000 Python dicts."""
    pending: list[pa.Table] = []
    rows = 0
    for batch in _batches(records, CONVERT_ROWS):
        for record in batch:
            record.update(clusters.get(record["id"], {}))
        table = schema.to_table(batch)
        del batch
        for row in table.to_pylist():
            fingerprint.update(schema.from_arrow_row(row))
        pending.append(table)
        rows += table.num_rows
        del table
        if rows >= corpus.ROW_GROUP_SIZE:
            whole = pa.concat_tables(pending)
            head, rest = whole.slice(0, corpus.ROW_GROUP_SIZE), whole.slice(corpus.ROW_GROUP_SIZE)
            # Only the next group's first rows may outlive this one: the previous row group is
            # never alive while the next is built (it made peak memory grow with the corpus).
            del whole
            pending, rows = ([rest] if rest.num_rows else []), rest.num_rows
            del rest
            yield head
            del head
    if pending:
        yield pa.concat_tables(pending)


_GLIBC_MMAP_THRESHOLD = -3  # mallopt parameter numbers (malloc.h)
_GLIBC_TRIM_THRESHOLD = -1
_FINAL_PHASE_MMAP_BYTES = 128 * 1024


def _return_freed_memory(final_phase: bool = False) -> None:
    """Give the memory freed by the last step back to the OS, so the final phase's peak does not
    grow with the number of row groups written (measured: BENCHMARKS.md, Build).

    Arrow's pool releases its cached blocks. On glibc, blocks freed in the middle of the C heap
    stay in the process (RSS climbed with every row group): malloc_trim returns them, and from
    the final phase on, buffers of 128 KiB and more (Arrow columns) get their own mappings, which
    free() unmaps at once (glibc otherwise raises that threshold as big buffers are freed).
    """
    pa.default_memory_pool().release_unused()
    libc = _glibc()
    if libc is None:
        return
    if final_phase:
        libc.mallopt(_GLIBC_MMAP_THRESHOLD, _FINAL_PHASE_MMAP_BYTES)
        libc.mallopt(_GLIBC_TRIM_THRESHOLD, _FINAL_PHASE_MMAP_BYTES)
    libc.malloc_trim(0)


def _glibc():
    """The C library if it is glibc (it has malloc_trim and mallopt), else None."""
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None
    except OSError:  # pragma: no cover - platforms without a loadable C library
        return None


def _batches(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _publish(staging_dir: Path, out: Path) -> None:
    """Move the finished outputs into place.

    build.json marks a complete corpus: the old one is removed first and the new one placed
    last, so whenever a build.json exists, every output file belongs to the build it describes
    (a build killed in between leaves no build.json, and the next build starts over).
    """
    (out / corpus.BUILD_FILE).unlink(missing_ok=True)
    final_articles = out / corpus.ARTICLES_DIR
    if final_articles.exists():
        final_articles.rename(staging_dir / "previous-articles")
    (staging_dir / corpus.ARTICLES_DIR).rename(final_articles)
    os.replace(staging_dir / corpus.REJECTS_FILE, out / corpus.REJECTS_FILE)
    os.replace(staging_dir / corpus.BUILD_FILE, out / corpus.BUILD_FILE)


def read_rejects(out: str | os.PathLike) -> list[dict]:
    """The rejects of a built corpus as dicts (small: for tests and `kutim build` summaries)."""
    import pyarrow.parquet as pq

    return pq.read_table(Path(out) / corpus.REJECTS_FILE).to_pylist()
