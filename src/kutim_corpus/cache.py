"""The incremental build cache: what extraction + enrichment made of each input, by content.

An entry's key is the sha256 of the page bytes, the URL the page was fetched from (it feeds the
url/site/region fields), the build options that change extraction (profiles on/off, limits) and
the *code version*: a hash of every source file of the extraction and enrichment stages and their
data files (see :func:`code_version`). Change a page, a profile or the extractor and only the
pages whose key changed are parsed again; the value is the extracted + enriched record without
its source-specific fields (source, id, fetched_at), or the reject reason, so a renamed or
duplicated file is a hit too.

The cache is one SQLite file (``DIR/.cache/cache.sqlite`` by default), safe against a killed run
(SQLite transactions). After each build the entries it did not use are deleted, so the cache
mirrors the last build and never grows without bound.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__, schema

CACHE_FILE = "cache.sqlite"
FORMAT = 2  # 2: values are zstd-compressed JSON behind their 4-byte length (1: zlib)
# zstd level 1 (pyarrow's codec): the size of zlib level 1 at less than half its CPU, which the
# build's main process spends on every page it parses.
LENGTH_BYTES = 4

# Modules that never run while a page is parsed: editing them must not invalidate the cache.
DOWNSTREAM = ("cli", "index", "search", "analysis", "release", "publish", "synthetic", "corpus", "cache", "sources", "schema_doc")


@cache
def code_version() -> str:
    """Hash of the code and data that turn page bytes into a record (new modules count by default)."""
    digest = hashlib.sha256(f"{__version__}|{schema.schema_hash()}|{FORMAT}".encode())
    package = resources.files("kutim_corpus")
    for path in sorted(_stage_files(Path(str(package)))):
        digest.update(str(path.relative_to(Path(str(package)))).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stage_files(package: Path):
    for path in package.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        top = path.relative_to(package).parts[0]
        if top.removesuffix(".py") in DOWNSTREAM:
            continue
        yield path


def entry_key(digest: str, url: str | None, options: dict[str, Any]) -> str:
    """Cache key of one page: content digest + fetch URL + options + code version."""
    text = json.dumps([digest, url, options, code_version()], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def _codec():
    import pyarrow as pa

    return pa.Codec("zstd", compression_level=1)


def _compress(data: bytes) -> bytes:
    return len(data).to_bytes(LENGTH_BYTES, "little") + _codec().compress(data, asbytes=True)


def _decompress(blob: bytes) -> bytes:
    size = int.from_bytes(blob[:LENGTH_BYTES], "little")
    return _codec().decompress(blob[LENGTH_BYTES:], size, asbytes=True)


class BuildCache:
    """``get``/``put`` of per-page results; ``finish()`` commits and drops entries not used."""

    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.directory / CACHE_FILE, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
            "generation INTEGER NOT NULL) WITHOUT ROWID"
        )
        row = self.db.execute("SELECT COALESCE(MAX(generation), 0) FROM entries").fetchone()
        self.generation = row[0] + 1
        self.hits = 0
        self.misses = 0
        self.db.execute("BEGIN")
        self._pending = 0

    def get(self, key: str) -> Any | None:
        row = self.db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        self.db.execute("UPDATE entries SET generation = ? WHERE key = ?", (self.generation, key))
        self._tick()
        return json.loads(_decompress(row[0]))

    def put(self, key: str, value: Any) -> None:
        blob = _compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
        self.db.execute(
            "INSERT OR REPLACE INTO entries (key, value, generation) VALUES (?, ?, ?)",
            (key, blob, self.generation),
        )
        self._tick()

    def _tick(self) -> None:
        # Commit every few thousand changes: a killed build keeps most of its work.
        self._pending += 1
        if self._pending >= 2_000:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self._pending = 0

    def finish(self) -> int:
        """Commit and delete the entries this build did not use; returns how many were dropped."""
        dropped = self.db.execute("DELETE FROM entries WHERE generation < ?", (self.generation,)).rowcount
        self.db.execute("COMMIT")
        self.close()
        return dropped

    def close(self) -> None:
        """Close after a failed build: the last uncommitted batch is rolled back (the batches
        committed before it are kept for the next build)."""
        if self.db is None:
            return
        db, self.db = self.db, None
        try:
            if db.in_transaction:
                db.execute("ROLLBACK")
        finally:
            db.close()
