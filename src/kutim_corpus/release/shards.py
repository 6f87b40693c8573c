"""Splits and shards: which article goes to which Parquet file of a release.

Split rule (documented in every dataset card): an article goes to the split chosen by
sha256("kutim-split/" + key) read as a number in [0, 1), where key is its cluster_id (or its
own id when it has no cluster), against the cumulative split weights. All members of a
near-duplicate cluster share the key, so a cluster never straddles two splits.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .. import corpus, schema
from ..errors import UsageError

MAX_SHARD_BYTES = 500_000_000  # uncompressed Arrow bytes per shard (Hub guidance: ~500 MB)
DEFAULT_SPLITS: tuple[tuple[str, float], ...] = (("train", 1.0),)
SPLIT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
KEY_COLUMNS = ["id", "cluster_id", "is_cluster_representative"]


def parse_splits(text: str | None) -> tuple[tuple[str, float], ...]:
    """'train=90,validation=5,test=5' -> (('train', 0.9), ('validation', 0.05), ('test', 0.05))."""
    if not text:
        return DEFAULT_SPLITS
    parts = []
    for item in text.split(","):
        name, sep, weight = item.strip().partition("=")
        if not sep or not SPLIT_NAME.match(name):
            raise UsageError(f"bad split {item!r}: write NAME=WEIGHT with a lower-case name, e.g. train=90,test=10")
        try:
            value = float(weight)
        except ValueError:
            raise UsageError(f"bad split weight in {item!r}: give a number, e.g. train=90") from None
        if not value > 0 or math.isinf(value):
            raise UsageError(f"split weight must be a positive number: {item!r}")
        parts.append((name, value))
    names = [n for n, _ in parts]
    if len(set(names)) != len(names):
        raise UsageError(f"split named twice in {text!r}")
    total = sum(w for _, w in parts)
    return tuple((n, w / total) for n, w in parts)


def split_of(key: str, splits: tuple[tuple[str, float], ...]) -> str:
    point = int.from_bytes(hashlib.sha256(f"kutim-split/{key}".encode()).digest()[:8], "big") / 2**64
    cumulative = 0.0
    for name, weight in splits:
        cumulative += weight
        if point < cumulative:
            return name
    return splits[-1][0]


@dataclass
class ShardFile:
    split: str
    index: int
    count: int
    ids: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"data/{self.split}-{self.index:05d}-of-{self.count:05d}.parquet"


@dataclass
class Plan:
    shards: list[ShardFile]
    corpus_rows: int
    released_rows: int
    empty_splits: list[str]
    target: dict[str, int]  # id -> index into shards


def check_corpus_schema(found: pa.Schema, where: str) -> None:
    expected = schema.arrow_schema()
    if found.names != expected.names or any(
        a.type != b.type for a, b in zip(found, expected, strict=True)
    ):
        raise UsageError(
            f"{where} does not have the article schema {schema.schema_version()} of this kutim "
            "(fields or types differ): rebuild the corpus with `kutim build`"
        )


def plan_release(corpus_dir: Path, *, dedup: bool, splits, max_shard_bytes: int = MAX_SHARD_BYTES) -> Plan:
    """First pass over the key columns: choose rows, splits and shards (ids sorted within a split)."""
    parts = corpus.article_parts(corpus_dir)
    total_rows = 0
    total_bytes = 0
    for part in parts:
        meta = pq.ParquetFile(part).metadata
        check_corpus_schema(pq.read_schema(part), str(part))
        total_rows += meta.num_rows
        total_bytes += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    bytes_per_row = total_bytes / total_rows if total_rows else 0
    by_split: dict[str, list[str]] = {name: [] for name, _ in splits}
    seen: set[str] = set()
    for batch in corpus.iter_article_batches(corpus_dir, columns=KEY_COLUMNS):
        for article_id, cluster_id, representative in zip(*(batch.column(c).to_pylist() for c in KEY_COLUMNS), strict=True):
            if article_id in seen:
                raise UsageError(f"article id {article_id} appears twice in {corpus_dir}: rebuild the corpus with `kutim build`")
            seen.add(article_id)
            if dedup and not representative:
                continue
            by_split[split_of(cluster_id or article_id, splits)].append(article_id)
    shards: list[ShardFile] = []
    target: dict[str, int] = {}
    empty = [name for name, ids in by_split.items() if not ids]
    for name, ids in by_split.items():
        if not ids:
            continue
        ids.sort()
        count = max(1, math.ceil(len(ids) * bytes_per_row / max_shard_bytes))
        per_shard = math.ceil(len(ids) / count)
        count = math.ceil(len(ids) / per_shard)
        for index in range(count):
            shard = ShardFile(name, index, count, ids[index * per_shard : (index + 1) * per_shard])
            for article_id in shard.ids:
                target[article_id] = len(shards)
            shards.append(shard)
    released = sum(len(s.ids) for s in shards)
    return Plan(shards, total_rows, released, empty, target)


def route_rows(corpus_dir: Path, plan: Plan, work_dir: Path, progress: Callable | None = None) -> list[Path]:
    """Second pass: stream every article into the unsorted work file of its shard."""
    work_dir.mkdir(parents=True, exist_ok=True)
    arrow = schema.arrow_schema()
    paths = [work_dir / f"shard-{i:05d}.parquet" for i in range(len(plan.shards))]
    writers: dict[int, pq.ParquetWriter] = {}
    try:
        for batch in corpus.iter_article_batches(corpus_dir):
            ids = batch.column("id").to_pylist()
            targets = pa.array([plan.target.get(i, -1) for i in ids], pa.int64())
            for shard_index in sorted(set(targets.to_pylist()) - {-1}):
                chunk = batch.filter(pc.equal(targets, shard_index))
                writer = writers.get(shard_index)
                if writer is None:
                    writer = writers[shard_index] = pq.ParquetWriter(paths[shard_index], arrow, compression="lz4")
                writer.write_table(pa.Table.from_batches([chunk]).cast(arrow))
            if progress:
                progress(batch.num_rows)
    finally:
        for writer in writers.values():
            writer.close()
    return paths


def write_shard(work_file: Path, final: Path) -> pa.Table:
    """Third pass, one shard at a time: sort by id and write with the fixed release settings."""
    table = pq.read_table(work_file).sort_by("id").cast(schema.arrow_schema())
    corpus.write_parquet_atomic(table, final)
    work_file.unlink()
    return table
