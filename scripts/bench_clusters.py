"""Cost of near-duplicate clustering at growing corpus sizes, against datasketch's in-memory LSH.

    .venv/bin/python scripts/bench_clusters.py                       # 10,000 and 100,000 articles
    .venv/bin/python scripts/bench_clusters.py --sizes 2000,10000     # quicker

Articles are kutim_corpus.synthetic.synthetic_records (about 4% are re-posts of another story).
Each measurement runs in its own process so that peak RSS is its own. Modes:

* kutim/bodies      assign_clusters over (id, published_at, body): cleaning + MinHash + LSH.
* kutim/signatures  assign_clusters over precomputed signatures: what the build's main process
                    does (the workers compute the signatures).
* baseline          the textbook approach, side by side: datasketch MinHashLSH (in-memory index,
                    a MinHash object kept per article), query every article, union-find.
                    Same cleaning, signatures, threshold and permutations.

Reported: wall and CPU seconds (the machine may be shared), peak RSS and its growth over the process after imports, clusters found.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODES = ("kutim/bodies", "kutim/signatures", "baseline")


def write_inputs(n: int, folder: Path) -> tuple[Path, Path]:
    """Synthetic articles as JSON lines, and their signatures as a raw uint32 matrix."""
    from kutim_corpus.clusters import DEFAULT_NUM_PERM, body_signature
    from kutim_corpus.synthetic import synthetic_records

    bodies, signatures = folder / f"articles-{n}.jsonl", folder / f"signatures-{n}.u32"
    with bodies.open("w", encoding="utf-8") as text, signatures.open("wb") as raw:
        for record in synthetic_records(n, seed=11):
            text.write(json.dumps({k: record[k] for k in ("id", "published_at", "body")}, ensure_ascii=False) + "\n")
            signature = body_signature(record["body"])
            raw.write((signature if signature is not None else _zeros(DEFAULT_NUM_PERM)).tobytes())
    return bodies, signatures


def _zeros(num_perm: int):
    import numpy as np

    return np.zeros(num_perm, dtype=np.uint32)


# --- one measurement (child process) ----------------------------------------------------------


def _rows_from_bodies(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield row["id"], row["published_at"], row["body"]


def _rows_from_signatures(bodies: Path, signatures: Path, num_perm: int):
    import numpy as np

    with bodies.open(encoding="utf-8") as lines, signatures.open("rb") as raw:
        for line in lines:
            row = json.loads(line)
            signature = np.frombuffer(raw.read(num_perm * 4), dtype=np.uint32).copy()
            yield row["id"], row["published_at"], signature if signature.any() else None  # zeros: no words


def _baseline(rows, threshold: float, num_perm: int) -> int:
    """datasketch MinHashLSH: every MinHash kept in memory, every article queried."""
    from datasketch import MinHash, MinHashLSH

    from kutim_corpus.clusters import _permutations, _UnionFind

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = {}
    for art_id, _published, signature in rows:
        if signature is None:
            continue
        sketch = MinHash(num_perm=num_perm, hashvalues=signature, permutations=_permutations(num_perm), scheme="affine32")
        sketches[art_id] = sketch
        lsh.insert(art_id, sketch)
    index = {art_id: i for i, art_id in enumerate(sketches)}
    links = _UnionFind()
    for art_id, sketch in sketches.items():
        for other in lsh.query(sketch):
            if other != art_id and sketch.jaccard(sketches[other]) >= threshold:
                links.union(index[art_id], index[other])
    return len({links.find(i) for i in list(links.parent)})


def measure(mode: str, bodies: Path, signatures: Path) -> dict:
    import datasketch  # noqa: F401 - imported before the baseline RSS is taken, as in the build

    from kutim_corpus.clusters import DEFAULT_NUM_PERM, DEFAULT_THRESHOLD, assign_clusters

    start_rss = _rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    if mode == "baseline":
        clusters = _baseline(_rows_from_signatures(bodies, signatures, DEFAULT_NUM_PERM), DEFAULT_THRESHOLD, DEFAULT_NUM_PERM)
    else:
        rows = _rows_from_bodies(bodies) if mode == "kutim/bodies" else _rows_from_signatures(bodies, signatures, DEFAULT_NUM_PERM)
        info = assign_clusters(rows)
        clusters = len({i.cluster_id for i in info.values()})
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = _peak_rss_mb()
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(peak, 1), "growth_mb": round(peak - start_rss, 1), "clusters": clusters}


def _peak_rss_mb() -> float:
    """VmHWM: unlike ru_maxrss, it is not inherited from the parent across fork + exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status: this benchmark needs Linux")


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# --- driver -----------------------------------------------------------------------------------


def run(sizes: list[int], modes: list[str]) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-clusters-") as tmp:
        for n in sizes:
            started = time.perf_counter()
            bodies, signatures = write_inputs(n, Path(tmp))
            print(f"{n} synthetic articles written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            for mode in modes:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", mode, str(bodies), str(signatures)],
                    capture_output=True, text=True,
                )
                if out.returncode != 0:
                    sys.exit(f"bench_clusters: {mode} at {n} articles failed:\n{out.stderr}")
                result = {"articles": n, "mode": mode, **json.loads(out.stdout)}
                print(json.dumps(result), file=sys.stderr)
                results.append(result)
    return results


def table(results: list[dict]) -> str:
    lines = ["| articles | mode | wall s | CPU s | CPU µs/article | peak RSS MB | growth MB | clusters |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['articles']:,} | {r['mode']} | {r['seconds']} | {r['cpu_seconds']} | {r['cpu_seconds'] / r['articles'] * 1e6:.0f} | "
            f"{r['peak_rss_mb']} | {r['growth_mb']} | {r['clusters']:,} |"
        )
    return "\n".join(lines)


def growth(results: list[dict]) -> str:
    """Time and memory-growth ratios between the largest and smallest size, per mode."""
    lines = []
    for mode in dict.fromkeys(r["mode"] for r in results):
        runs = sorted((r for r in results if r["mode"] == mode), key=lambda r: r["articles"])
        if len(runs) < 2:
            continue
        small, big = runs[0], runs[-1]
        lines.append(
            f"- {mode}: {big['articles'] / small['articles']:.0f}x articles -> {big['cpu_seconds'] / small['cpu_seconds']:.1f}x CPU time, "
            f"memory growth {small['growth_mb']} -> {big['growth_mb']} MB"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(measure(argv[1], Path(argv[2]), Path(argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, from {', '.join(MODES)}")
    args = parser.parse_args(argv)
    results = run([int(s) for s in args.sizes.split(",")], args.modes.split(","))
    print(table(results))
    print()
    print(growth(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
