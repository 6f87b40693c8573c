"""The corpus on disk: Parquet parts under DIR/articles/, DIR/rejects.parquet and DIR/build.json.

Every writer goes through ``write_parquet_atomic`` so that files are deterministic (fixed row
groups, zstd, no wall-clock metadata) and never visible half-written under their final name.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import schema

ROW_GROUP_SIZE = 10_000
COMPRESSION = "zstd"
COMPRESSION_LEVEL = 9
ARTICLES_DIR = "articles"
REJECTS_FILE = "rejects.parquet"
BUILD_FILE = "build.json"


def article_parts(corpus_dir: str | os.PathLike) -> list[Path]:
    """The article Parquet parts of a corpus, in order."""
    return sorted((Path(corpus_dir) / ARTICLES_DIR).glob("part-*.parquet"))


def write_parquet_atomic(table: pa.Table, path: str | os.PathLike) -> None:
    """Write ``table`` deterministically to ``path`` via a temporary name, fsync, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        pq.write_table(
            table,
            tmp,
            row_group_size=ROW_GROUP_SIZE,
            compression=COMPRESSION,
            compression_level=COMPRESSION_LEVEL,
            use_dictionary=True,
            write_statistics=True,
            store_schema=True,
        )
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json_atomic(data: Any, path: str | os.PathLike) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def iter_article_batches(
    corpus_dir: str | os.PathLike, columns: list[str] | None = None, batch_size: int = 2_000
) -> Iterator[pa.RecordBatch]:
    """Stream the corpus in record batches (bounded memory whatever its size)."""
    for part in article_parts(corpus_dir):
        yield from pq.ParquetFile(part).iter_batches(batch_size=batch_size, columns=columns)


def iter_articles(corpus_dir: str | os.PathLike, columns: list[str] | None = None) -> Iterator[dict]:
    """Stream articles as dicts in the record form of schema.py (timestamps as ISO strings)."""
    for batch in iter_article_batches(corpus_dir, columns):
        for row in batch.to_pylist():
            yield schema.from_arrow_row(row)


def read_build_info(corpus_dir: str | os.PathLike) -> dict:
    path = Path(corpus_dir) / BUILD_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: is {corpus_dir} a corpus made by `kutim build`?")
    return json.loads(path.read_text("utf-8"))


def fingerprint(corpus_dir: str | os.PathLike) -> str:
    """Fingerprint of the corpus content: recorded in build.json, else computed from the parts."""
    try:
        recorded = read_build_info(corpus_dir).get("corpus_fingerprint")
    except FileNotFoundError:
        recorded = None
    if recorded:
        return recorded
    digest = hashlib.sha256()
    for part in article_parts(corpus_dir):
        digest.update(part.name.encode())
        digest.update(hashlib.sha256(part.read_bytes()).digest())
    return digest.hexdigest()


# --- streaming writers (the build writes corpora larger than memory) --------------------------

PART_ROWS = 50_000  # articles per part file: five row groups, a few hundred MB at most


class ParquetStreamWriter:
    """Write a Parquet file table by table with the options of ``write_parquet_atomic``.

    The file is written under a temporary name and renamed on ``close()``; on error (or
    ``abort()``) the temporary file is removed, so a partial file never has the final name.
    Feed it tables of at most ROW_GROUP_SIZE rows and row groups stay fixed and deterministic.
    """

    def __init__(self, path: str | os.PathLike, arrow_schema: pa.Schema):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        self.rows = 0
        self._writer = pq.ParquetWriter(
            self.tmp,
            arrow_schema,
            compression=COMPRESSION,
            compression_level=COMPRESSION_LEVEL,
            use_dictionary=True,
            write_statistics=True,
            store_schema=True,
        )

    def write(self, table: pa.Table) -> None:
        self._writer.write_table(table, row_group_size=ROW_GROUP_SIZE)
        self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
        with open(self.tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> ParquetStreamWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


class RowFingerprint:
    """Content fingerprint of a corpus: sha256 over the canonical JSON of its rows in id order.

    Unlike file hashes it stays the same across pyarrow versions (see REFERENCE: the bytes of a
    Parquet file change with the writer, the rows do not).
    """

    def __init__(self) -> None:
        self._digest = hashlib.sha256()

    def update(self, record: dict) -> None:
        text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        self._digest.update(text.encode("utf-8"))
        self._digest.update(b"\n")

    def hexdigest(self) -> str:
        return self._digest.hexdigest()
