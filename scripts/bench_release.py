"""Cost of `kutim release` against a baseline that only copies the corpus into one Parquet file.

Synthetic corpora of N articles (~400 words, agencies, clusters) are written in the corpus
layout; each run is a fresh process, so max RSS is per run.

    .venv/bin/python scripts/bench_release.py --sizes 2000 10000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ["pemerintah", "kabupaten", "kutai", "timur", "dinas", "warga", "desa", "kecamatan", "sangatta", "bupati", "kegiatan", "program", "anggaran", "pembangunan", "jalan", "banjir", "sekolah", "kesehatan", "masyarakat", "kepala", "rapat", "dprd", "paripurna", "bantuan", "sosial", "pelatihan", "petani", "nelayan", "sawit", "tambang", "lingkungan"]

BASELINE = """
import sys, pyarrow.parquet as pq, pyarrow as pa
from kutim_corpus import corpus
table = pa.concat_tables(pq.read_table(p) for p in corpus.article_parts(sys.argv[1])).sort_by("id")
corpus.write_parquet_atomic(table, sys.argv[2])
"""
RELEASE = """
import sys
from kutim_corpus.release import make_release, parse_splits
make_release(sys.argv[1], sys.argv[3], sys.argv[2], splits=parse_splits("train=90,validation=5,test=5"))
"""


def write_synthetic_corpus(directory: Path, n: int, seed: int = 7) -> None:
    from kutim_corpus import corpus, schema

    rng = random.Random(seed)
    records = []
    for i in range(n):
        body = "SANGATTA – " + " ".join(rng.choice(WORDS) for _ in range(400))
        url = f"https://portal{i % 12}.example/berita-{i}/"
        article_id = hashlib.sha256(url.encode()).hexdigest()[:16]
        cluster = f"{i // 3 * 3:016x}" if i % 10 < 3 else None
        records.append(schema.blank_record(
            id=article_id, url=url, site=f"portal{i % 12}.example", source=f"raw/{i}.html",
            title=f"Berita nomor {i}", body=body, lead=body[:200], word_count=401,
            content_hash=hashlib.sha256(body.encode()).hexdigest(), parser="generic/1",
            published_at=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00+08:00",
            published_local=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00+08:00",
            region_code="64.08", region_name="Kutai Timur", language="id",
            agencies=[{"acronym": "DP3A", "name": None, "level": "regency", "region_code": "64.08", "mention": "DP3A"}] if i % 4 == 0 else [],
            cluster_id=cluster, cluster_size=3 if cluster else 1,
            is_cluster_representative=cluster is None or i % 3 == 0,
        ))
    for part, start in enumerate(range(0, n, 10_000)):
        corpus.write_parquet_atomic(schema.to_table(records[start:start + 10_000]), directory / "articles" / f"part-{part:05d}.parquet")
    corpus.write_json_atomic({"articles": n}, directory / "build.json")


PEAK = "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def timed(code: str, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``code`` run in a fresh interpreter."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code + PEAK, *args], check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    return elapsed, int(result.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_synthetic_corpus(root / "corpus", n)
            base_s, base_mb = timed(BASELINE, str(root / "corpus"), str(root / "copy.parquet"))
            rel_s, rel_mb = timed(RELEASE, str(root / "corpus"), str(root / "releases"), "1.0.0")
            next_s, next_mb = timed(RELEASE, str(root / "corpus"), str(root / "releases"), "1.1.0")
            size = sum(p.stat().st_size for p in (root / "releases" / "1.0.0").rglob("*") if p.is_file())
            rows.append({"articles": n, "baseline_s": round(base_s, 2), "release_s": round(rel_s, 2),
                         "ratio": round(rel_s / base_s, 1), "release_per_1k_s": round(rel_s / n * 1000, 3),
                         "release_with_diff_s": round(next_s, 2), "baseline_rss_mb": round(base_mb),
                         "release_rss_mb": round(rel_mb), "release_with_diff_rss_mb": round(next_mb),
                         "release_mb": round(size / 1e6, 1)})
            print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    main()
