"""Near-duplicate clusters: the same press release re-posted, lightly edited, by several portals.

Contract (what the pipeline and other stages rely on)::

    from kutim_corpus.clusters import assign_clusters, body_signature

    info = assign_clusters(rows)          # rows: Iterable[(id, published_at, body_or_signature)]
    info["3f2a..."].cluster_id            # -> ClusterInfo for members of clusters of 2 or more

* ``rows`` is consumed once, streaming. ``published_at`` is an ISO 8601 string with offset, an
  aware datetime, or None; the third item is the article body (str) or a signature already made
  by ``body_signature(body, ...)`` with the same options (so workers can pay the MinHash cost).
* Only articles that belong to a cluster of two or more appear in the result. An absent id is a
  singleton and keeps the schema defaults: ``cluster_id`` null, ``cluster_size`` 1,
  ``is_cluster_representative`` true, ``similarity_to_representative`` null.
* ``cluster_id`` is the id of the representative: the earliest published member (UTC instant;
  undated members count as latest), ties by smallest id. It depends only on the set of articles
  and the options, never on input order or worker count.
* ``similarity_to_representative`` is the MinHash estimate of the Jaccard similarity between the
  member's cleaned body and the representative's (1.0 for the representative).

Method: bodies are cleaned first (dateline, advertorial markers, "Baca juga" boxes, reporter codes,
credit lines, case and punctuation: on raw text a re-posted short story scores ~0.7 and is missed),
then MinHash over word ``shingle_size``-grams (datasketch 2's affine32 scheme, same values,
computed with numpy). Candidate pairs come from LSH banding
done by sorting band keys (memory: one key per article per band, not datasketch's in-memory
index); signatures are spilled to a temporary file, so memory stays flat as the corpus grows.
Every candidate pair is verified (estimated Jaccard >= ``threshold``) before union-find merges it.
"""

from __future__ import annotations

import os
import re
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np

DEFAULT_THRESHOLD = 0.5
DEFAULT_NUM_PERM = 128
DEFAULT_SHINGLE_SIZE = 5
MINHASH_SEED = 1
SIGNATURE_BLOCK = 2048  # shingles permuted at once (2048 x num_perm x 4 bytes of scratch)
# A band bucket holding more articles than this is verified as a chain (each member against the
# first and its neighbour in id order) rather than all pairs: bounded work whatever the input.
ALL_PAIRS_BUCKET = 64
CHUNK_ROWS = 2048  # signatures read back per chunk when computing band keys
VERIFY_CHUNK = 16384  # candidate pairs screened at once (2 x chunk x num_perm bytes of scratch)

WORD = re.compile(r"\w+")
# "Baca juga: <headline>", "BACA JUGA", "Simak juga", "Lihat juga", "Klik juga" boxes.
READ_ALSO = re.compile(r"^\W*(?:baca|simak|lihat|klik|tonton)\s+(?:juga|pula)\b", re.IGNORECASE)
# Credit lines: "Editor: Budi", "Penulis : Ani / Foto: Humas", "Pewarta: X".
CREDIT = re.compile(
    r"^\W*(?:editor|penulis|pewarta|reporter|redaktur|sumber|foto|video|caption|penyunting)\s*:",
    re.IGNORECASE,
)
CREDIT_MAX_WORDS = 12
# A reporter or desk code closing a paragraph: "(SK-04)", "(ra/kk)", "(*)", "(RED)", "(tj/ant)".
REPORTER_CODE = re.compile(r"\s*\(\s*(?:\*|[A-Za-z]{1,12}(?:[-/][A-Za-z0-9*]{1,15}){0,3})\s*\)\s*$")
MAX_MARKERS = 8


@dataclass(frozen=True, slots=True)
class ClusterInfo:
    """The cluster fields of one article (names as in schemas/article.schema.json)."""

    cluster_id: str
    cluster_size: int
    is_cluster_representative: bool
    similarity_to_representative: float


# --- cleaning ---------------------------------------------------------------------------------


def _markers():
    """enrich's dateline and advertorial helpers, or pass-throughs if enrich is unavailable."""
    try:
        from .enrich import find_advertorial_marker, strip_dateline
    except ImportError:  # pragma: no cover - only while the enrichment stage is missing
        return (lambda text: text), (lambda text: None)
    return strip_dateline, find_advertorial_marker


def _strip_markers(text: str, find_marker) -> str:
    if "adv" not in text.lower():  # every marker form contains "adv": skip the costly scan
        return text
    for _ in range(MAX_MARKERS):
        marker = find_marker(text)
        if not marker or marker not in text:
            break
        text = text.replace(marker, " ")
    return text


def _is_boilerplate_line(line: str) -> bool:
    if READ_ALSO.match(line):
        return True
    return bool(CREDIT.match(line)) and len(line.split()) <= CREDIT_MAX_WORDS


def _paragraphs(text: str) -> Iterator[str]:
    skip_next = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if skip_next:  # the headline under a bare "Baca juga:" label
            skip_next = False
            continue
        if _is_boilerplate_line(line):
            skip_next = READ_ALSO.match(line) is not None and len(WORD.findall(line)) <= 2
            continue
        yield REPORTER_CODE.sub("", line)


def clean_body(body: str) -> str:
    """The story text that near-duplicate detection compares: lower case words only.

    Drops the dateline, advertorial markers, "Baca juga" boxes, credit lines and reporter codes.
    """
    strip_dateline, find_marker = _markers()
    text = _strip_markers(body or "", find_marker)
    paragraphs = list(_paragraphs(text))
    if paragraphs:
        paragraphs[0] = strip_dateline(paragraphs[0])
    return " ".join(WORD.findall(" ".join(paragraphs).lower()))


def shingles(text: str, size: int = DEFAULT_SHINGLE_SIZE) -> list[bytes]:
    """Word ``size``-grams of cleaned text (one shingle of all words when shorter)."""
    words = text.encode("utf-8").split()
    if not words:
        return []
    if len(words) <= size:
        return [b" ".join(words)]
    return list(map(b" ".join, zip(*(words[i:] for i in range(size)), strict=False)))


# --- signatures -------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of the ``num_perm`` affine permutations h -> a*h + b mod 2**32 (a odd).

    Drawn exactly as datasketch 2's MinHash(seed=MINHASH_SEED, scheme="affine32") draws them, so
    signatures equal datasketch's (checked by the tests) without importing it (and scipy) per worker.
    """
    generator = np.random.RandomState(MINHASH_SEED)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _murmur_finalizer(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (an avalanching bijection), applied before the permutations."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def minhash(hashes: np.ndarray, num_perm: int = DEFAULT_NUM_PERM) -> np.ndarray:
    """MinHash signature (uint32[num_perm]) of a non-empty array of 32-bit shingle hashes.

    All permutations at once as one numpy operation, SIGNATURE_BLOCK hashes at a time (bounded
    scratch memory whatever the body length).
    """
    a, b = _permutations(num_perm)
    mixed = _murmur_finalizer(hashes.astype(np.uint32, copy=False))
    signature = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(mixed), SIGNATURE_BLOCK):
        block = mixed[start : start + SIGNATURE_BLOCK, np.newaxis]
        np.minimum(signature, (block * a + b).min(axis=0), out=signature)
    return signature


def body_signature(
    body: str,
    *,
    num_perm: int = DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    raw: bool = False,
) -> np.ndarray | None:
    """MinHash signature (uint32[num_perm]) of the cleaned body; None when no words are left.

    Pure and deterministic (fixed seed, crc32-based shingle hashes): safe to compute in workers.
    ``raw=True`` skips cleaning (only case and punctuation are normalised): the eval baseline.
    """
    text = " ".join(WORD.findall((body or "").lower())) if raw else clean_body(body)
    hashes = shingle_hashes(text, shingle_size)
    if hashes is None:
        return None
    return minhash(hashes, num_perm)


# Odd 64-bit multipliers, one per position in a shingle (order matters: "a b" != "b a").
_POSITION_MULTIPLIERS = tuple(np.uint64((0x9E3779B97F4A7C15 * (2 * i + 1)) % 2**64 | 1) for i in range(64))


def shingle_hashes(text: str, size: int = DEFAULT_SHINGLE_SIZE) -> np.ndarray | None:
    """32-bit hashes of the word ``size``-grams of cleaned text (None when there are no words).

    Each word is hashed once (crc32); a shingle's hash mixes its words' hashes by position,
    vectorised: the same set as hashing shingles() one by one, at a fraction of the cost.
    """
    words = text.encode("utf-8").split()
    if not words:
        return None
    word_hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    size = min(size, len(words))
    if size > len(_POSITION_MULTIPLIERS):
        raise ValueError(f"shingle_size above {len(_POSITION_MULTIPLIERS)} is not supported")
    count = len(words) - size + 1
    mixed = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for position in range(size):
            mixed += word_hashes[position : position + count] * _POSITION_MULTIPLIERS[position]
    return ((mixed >> np.uint64(32)) ^ (mixed & np.uint64(0xFFFFFFFF))).astype(np.uint32)


def estimated_jaccard(left: np.ndarray, right: np.ndarray) -> float:
    return float(np.count_nonzero(left == right)) / len(left)


# --- LSH parameters ---------------------------------------------------------------------------


def _probability(similarity: np.ndarray, bands: int, rows: int) -> np.ndarray:
    return 1.0 - (1.0 - similarity**rows) ** bands


@lru_cache(maxsize=32)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives + false negatives around ``threshold``.

    Missed pairs cannot be recovered later while false candidates are only verified and dropped,
    so false negatives weigh three times as much.
    """
    below = np.linspace(0.0, threshold, 200)
    above = np.linspace(threshold, 1.0, 200)
    best, best_cost = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        false_pos = np.trapezoid(_probability(below, bands, rows), below)
        false_neg = np.trapezoid(1.0 - _probability(above, bands, rows), above)
        cost = false_pos + 3.0 * false_neg
        if cost < best_cost:
            best, best_cost = (bands, rows), cost
    return best


# --- clustering -------------------------------------------------------------------------------


def _instant(published) -> int:
    """Microseconds since the epoch (UTC) for ordering; undated articles sort last."""
    if published is None or published == "":
        return np.iinfo(np.int64).max
    moment = published if isinstance(published, datetime) else datetime.fromisoformat(str(published))
    if moment.tzinfo is None:
        raise ValueError(f"published_at without a UTC offset: {published!r}")
    delta = moment.astimezone(UTC) - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class _SignatureStore:
    """Signatures appended to an unlinked temporary file, read back by row.

    The lowest byte of every value stays in memory (num_perm bytes per article): equal values
    have equal low bytes, so counting equal low bytes bounds the matches from above and screens
    candidate pairs in bulk; only pairs that pass are checked against the full signatures.
    """

    def __init__(self, num_perm: int, workdir: str | os.PathLike | None) -> None:
        self.num_perm = num_perm
        self.row_bytes = num_perm * 4
        self.file = tempfile.TemporaryFile(prefix="kutim-minhash-", dir=workdir)  # noqa: SIM115 - closed by close()
        self.rows = 0
        self._low = bytearray()
        self.low = np.empty((0, num_perm), dtype=np.uint8)

    def append(self, signature: np.ndarray) -> None:
        values = signature.astype(np.uint32, copy=False)
        self.file.write(values.tobytes())
        self._low += values.astype(np.uint8).tobytes()
        self.rows += 1

    def finish_writing(self) -> None:
        self.file.flush()
        self.low = np.frombuffer(self._low, dtype=np.uint8).reshape(self.rows, self.num_perm)

    def chunks(self) -> Iterator[np.ndarray]:
        fd = self.file.fileno()
        for start in range(0, self.rows, CHUNK_ROWS):
            count = min(CHUNK_ROWS, self.rows - start)
            data = os.pread(fd, count * self.row_bytes, start * self.row_bytes)
            yield np.frombuffer(data, dtype=np.uint32).reshape(count, self.num_perm)

    def row(self, index: int) -> np.ndarray:
        data = os.pread(self.file.fileno(), self.row_bytes, index * self.row_bytes)
        return np.frombuffer(data, dtype=np.uint32)

    def close(self) -> None:
        self.file.close()


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        root = self.parent.setdefault(item, item)
        while self.parent[root] != root:
            root = self.parent[root]
        while item != root:  # path compression, iterative: clusters can be long chains
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, left: int, right: int) -> None:
        a, b = self.find(left), self.find(right)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _band_keys(store: _SignatureStore, band: int, rows: int) -> np.ndarray:
    """One uint64 key per article for ``band`` (rows ``band*rows`` to ``band*rows+rows-1``)."""
    keys = np.empty(store.rows, dtype=np.uint64)
    mult = np.uint64(0x9E3779B97F4A7C15)
    offset = 0
    with np.errstate(over="ignore"):
        for chunk in store.chunks():
            part = chunk[:, band * rows : band * rows + rows].astype(np.uint64)
            key = np.full(len(part), np.uint64(band), dtype=np.uint64)
            for column in range(rows):
                key = key * mult + part[:, column]
            keys[offset : offset + len(part)] = key
            offset += len(part)
    return keys


def _bucket_pairs(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(left, right) index arrays of the pairs to verify in one band's buckets.

    ``order`` lists articles by bucket, canonical (id) order within a bucket. Buckets of up to
    ALL_PAIRS_BUCKET members give all their pairs (vectorised by bucket size); bigger ones, which
    gather articles sharing a stock phrase, are verified as a chain: each member against its
    predecessor and against the first member.
    """
    for size in np.unique(sizes[(sizes > 1) & (sizes <= ALL_PAIRS_BUCKET)]).tolist():
        members = order[starts[sizes == size][:, None] + np.arange(size)]
        left, right = _triangle(size)
        yield members[:, left].ravel(), members[:, right].ravel()
    for start, size in zip(starts[sizes > ALL_PAIRS_BUCKET].tolist(), sizes[sizes > ALL_PAIRS_BUCKET].tolist(), strict=True):
        members = order[start : start + size]
        yield members[:-1], members[1:]
        yield np.full(size - 2, members[0]), members[2:]


@lru_cache(maxsize=ALL_PAIRS_BUCKET + 1)
def _triangle(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, 1)


def _linked(store: _SignatureStore, rank: np.ndarray, bands: int, rows: int, threshold: float) -> _UnionFind:
    """Union-find over the article pairs that share a band key and pass verification."""
    links = _UnionFind()
    for band in range(bands):
        keys = _band_keys(store, band, rows)
        order = np.lexsort((rank, keys))  # by key, then canonical id order within a bucket
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        for left, right in _bucket_pairs(order, starts, sizes):
            for offset in range(0, len(left), VERIFY_CHUNK):
                _verify(store, left[offset : offset + VERIFY_CHUNK], right[offset : offset + VERIFY_CHUNK], threshold, links)
    return links


def _verify(store: _SignatureStore, left: np.ndarray, right: np.ndarray, threshold: float, links: _UnionFind) -> None:
    # Low-byte matches >= full matches, so this screen never drops a pair that would pass.
    upper = np.count_nonzero(store.low[left] == store.low[right], axis=1) / store.num_perm
    for a, b in zip(left[upper >= threshold].tolist(), right[upper >= threshold].tolist(), strict=True):
        if links.find(a) != links.find(b) and estimated_jaccard(store.row(a), store.row(b)) >= threshold:
            links.union(a, b)


def _check_options(threshold: float, num_perm: int, shingle_size: int) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if not 16 <= num_perm <= 1024:
        raise ValueError(f"num_perm must be between 16 and 1024, got {num_perm}")
    if shingle_size < 1:
        raise ValueError(f"shingle_size must be at least 1, got {shingle_size}")


def assign_clusters(
    rows: Iterable[tuple],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    raw: bool = False,
    workdir: str | os.PathLike | None = None,
) -> dict[str, ClusterInfo]:
    """Near-duplicate clusters of ``rows`` = (id, published_at, body or signature).

    Returns ClusterInfo for members of clusters of two or more (see the module docstring).
    ``threshold`` is the minimum estimated Jaccard similarity of two cleaned bodies' shingle sets
    for them to be linked; clusters are the connected components of those links.
    """
    _check_options(threshold, num_perm, shingle_size)
    store = _SignatureStore(num_perm, workdir)
    ids: list[str] = []
    instants = array("q")
    try:
        for art_id, published, content in rows:
            signature = _signature_of(content, num_perm, shingle_size, raw)
            if signature is None:
                continue
            ids.append(art_id)
            instants.append(_instant(published))
            store.append(signature)
        store.finish_writing()
        if store.rows < 2:
            return {}
        rank = _id_ranks(ids)
        bands, band_rows = lsh_bands(threshold, num_perm)
        links = _linked(store, rank, bands, band_rows, threshold)
        return _cluster_info(links, ids, instants, store)
    finally:
        store.close()


def _id_ranks(ids: list[str]) -> np.ndarray:
    """Position of each id in sorted order: the canonical order, whatever the input order."""
    as_array = np.array(ids, dtype=object)
    order = np.argsort(as_array, kind="stable")
    ordered = as_array[order]
    repeated = np.flatnonzero(ordered[1:] == ordered[:-1])
    if len(repeated):
        raise ValueError(f"article id {ordered[repeated[0]]} given twice to assign_clusters")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return rank


def _signature_of(content, num_perm: int, shingle_size: int, raw: bool) -> np.ndarray | None:
    if isinstance(content, np.ndarray):
        if content.shape != (num_perm,):
            raise ValueError(f"signature of shape {content.shape}, expected ({num_perm},): same num_perm please")
        return content
    return body_signature(content or "", num_perm=num_perm, shingle_size=shingle_size, raw=raw)


def _cluster_info(links: _UnionFind, ids: list[str], instants: array, store: _SignatureStore) -> dict[str, ClusterInfo]:
    groups: dict[int, list[int]] = {}
    for item in list(links.parent):
        groups.setdefault(links.find(item), []).append(item)
    result: dict[str, ClusterInfo] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        representative = min(members, key=lambda i: (instants[i], ids[i]))
        rep_signature = store.row(representative)
        for member in members:
            similarity = 1.0 if member == representative else estimated_jaccard(store.row(member), rep_signature)
            result[ids[member]] = ClusterInfo(
                cluster_id=ids[representative],
                cluster_size=len(members),
                is_cluster_representative=member == representative,
                similarity_to_representative=round(similarity, 4),
            )
    return result


# --- listing the clusters of a corpus (`kutim clusters`) --------------------------------------

LIST_COLUMNS = ["id", "site", "title", "published_at", "cluster_id", "is_cluster_representative"]


@dataclass
class ClusterSummary:
    """One cluster of a built corpus, as `kutim clusters` lists it."""

    cluster_id: str
    size: int
    title: str | None  # the representative's headline
    first_published: str | None  # earliest publication among members, ISO 8601 in UTC
    sites: list[str]
    earliest: datetime | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict:
        return {"cluster_id": self.cluster_id, "size": self.size, "title": self.title,
                "first_published": self.first_published, "sites": self.sites}


def list_clusters(
    corpus_dir: str | os.PathLike,
    *,
    min_size: int = 2,
    limit: int | None = None,
    threshold: float | None = None,
) -> list[ClusterSummary]:
    """The clusters of a built corpus with at least ``min_size`` members, biggest first.

    Ties: earlier first publication, then cluster id. By default the cluster fields stored by the
    build are read (streaming, a few columns). With ``threshold`` the clusters are computed again
    from the bodies at that threshold, without changing the corpus: a way to see what another
    threshold would group. Memory grows with the number of clustered articles, not the corpus.
    """
    if min_size < 1:
        raise ValueError(f"min_size must be at least 1, got {min_size}")
    with_singletons = min_size <= 1
    if threshold is None:
        members = _stored_members(corpus_dir, with_singletons)
    else:
        members = _recomputed_members(corpus_dir, threshold, with_singletons)
    found: dict[str, ClusterSummary] = {}
    for key, row in members:
        _add_member(found.setdefault(key, ClusterSummary(key, 0, None, None, [])), row)
    chosen = [c for c in found.values() if c.size >= min_size]
    for summary in chosen:
        summary.sites = sorted(set(summary.sites))
    chosen.sort(key=lambda c: (-c.size, c.first_published is None, c.first_published or "", c.cluster_id))
    return chosen[:limit] if limit is not None else chosen


def _stored_members(corpus_dir, with_singletons: bool) -> Iterator[tuple[str, dict]]:
    """(cluster key, row) from the stored fields; an unclustered article is its own key."""
    import pyarrow.compute as pc

    from . import corpus

    for batch in corpus.iter_article_batches(corpus_dir, columns=LIST_COLUMNS):
        if not with_singletons:
            batch = batch.filter(pc.is_valid(batch.column("cluster_id")))
        for row in batch.to_pylist():
            yield row["cluster_id"] or row["id"], row


def _recomputed_members(corpus_dir, threshold: float, with_singletons: bool) -> Iterator[tuple[str, dict]]:
    from . import corpus

    bodies = (
        (row["id"], row["published_at"], row["body"])
        for batch in corpus.iter_article_batches(corpus_dir, columns=["id", "published_at", "body"])
        for row in batch.to_pylist()
    )
    info = assign_clusters(bodies, threshold=threshold)
    for batch in corpus.iter_article_batches(corpus_dir, columns=LIST_COLUMNS):
        for row in batch.to_pylist():
            member = info.get(row["id"])
            if member is None and not with_singletons:
                continue
            row["is_cluster_representative"] = member is None or member.is_cluster_representative
            yield (member.cluster_id if member else row["id"]), row


def _add_member(summary: ClusterSummary, row: dict) -> None:
    summary.size += 1
    if row["site"]:
        summary.sites.append(row["site"])
    published = row["published_at"]
    if published is not None and (summary.earliest is None or published < summary.earliest):
        summary.earliest = published
        summary.first_published = published.astimezone(UTC).isoformat()
    if row["is_cluster_representative"] or summary.title is None:  # any member's until the representative's
        summary.title = row["title"]
