"""Canonical rows: the content of a release independent of how the Parquet bytes were written."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def _canonical(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


def row_hash(row: dict) -> str:
    """sha256 of the row as canonical JSON (sorted keys, UTC ISO timestamps)."""
    text = json.dumps(_canonical(row), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def table_row_hashes(table: pa.Table) -> Iterator[tuple[str, str]]:
    """(id, row hash) for every row of ``table``, in table order."""
    for batch in table.to_batches(max_chunksize=2_000):
        for row in batch.to_pylist():
            yield row["id"], row_hash(row)


def content_fingerprint(split_hashes: Iterable[tuple[str, Iterable[tuple[str, str]]]]) -> str:
    """One digest over (split, id, row hash) in split order then id order.

    It does not depend on Parquet bytes, codec or pyarrow version: two releases with the same
    rows in the same splits have the same fingerprint whoever wrote them.
    """
    digest = hashlib.sha256()
    for split, pairs in split_hashes:
        for article_id, digest_hex in pairs:
            digest.update(f"{split}\t{article_id}\t{digest_hex}\n".encode())
    return digest.hexdigest()


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iter_shard_rows(path: str | Path, columns: list[str] | None = None) -> Iterator[dict]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=2_000, columns=columns):
        yield from batch.to_pylist()
