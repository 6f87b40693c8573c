"""Benchmark `kutim build`: throughput, peak memory, scaling, incremental rebuilds, WARC vs HTML.

    python scripts/bench_build.py                  # 1,000 and 10,000 pages (about 10 minutes)
    BENCH_FULL=1 python scripts/bench_build.py     # also 100,000 pages
    python scripts/bench_build.py --sizes 500 2000 --work /tmp/bench   # quick run

Corpora are generated with scripts/make_synthetic.py (realistic 100-200 KB pages across the
sample templates, as an HTML folder and as WARC.gz) into --work (default data/bench, ignored by
git) and reused by later runs. Every figure comes from `kutim build` run as a subprocess, timed
by wall clock, with the peak RSS of its main process and of its whole process tree sampled by
psutil every 50 ms. Baselines run side by side in the same run: 1 vs 2 workers, trafilatura
.extract over the same pages in one process, a clean build vs a rebuild after 1% of the pages
changed, and the same pages as WARC vs as an HTML folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
KUTIM = Path(sys.executable).parent / "kutim"
MB = 1024 * 1024
ENV = dict(os.environ)


def snapshot_sources(work: Path) -> None:
    """Run every build from a copy of the package taken now (first on PYTHONPATH), so that
    edits to the working tree during the benchmark cannot change the code measured or
    invalidate the build cache between the full build and the incremental one."""
    target = work / "src-snapshot"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO / "src" / "kutim_corpus", target / "kutim_corpus", ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target), os.environ.get("PYTHONPATH")]))


def generate(n: int, fmt: str, work: Path) -> Path:
    """A synthetic corpus of n pages in ``fmt`` (html|warc), generated once and reused."""
    folder = work / f"raw-{n}-{fmt}"
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    command = [sys.executable, str(REPO / "scripts" / "make_synthetic.py"), "--pages", str(n), "--out", str(folder), "--format", fmt, "--seed", "1"]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
    done.write_text("")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"  generated {n:,} pages as {fmt} ({size / MB:,.0f} MB) in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return folder


def run_build(inputs: Path, out: Path, workers: int, *, cache: bool) -> dict:
    """Run `kutim build` and measure wall time, CPU (whole tree and main process alone) and peak
    RSS (main process and whole tree)."""
    command = [str(KUTIM), "build", str(inputs), "--out", str(out), "--workers", str(workers), "--quiet"]
    if not cache:
        command.append("--no-cache")
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = psutil.Popen(command, env=ENV)
    peak_main = peak_tree = 0
    main_cpu = 0.0  # the main process's own user+sys, last sample (misses at most 50 ms at exit)
    loads: list[float] = []
    while process.poll() is None:
        try:
            main = process.memory_info().rss
            tree = main + sum(_rss(child) for child in process.children(recursive=True))
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            break
        peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
        main_cpu = times.user + times.system
        loads.append(os.getloadavg()[0])
        time.sleep(0.05)
    process.wait()
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # kutim and its reaped workers
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if process.returncode != 0:
        raise SystemExit(f"kutim build failed ({process.returncode}): {' '.join(command)}")
    info = json.loads((out / "build.json").read_text())
    return {"seconds": elapsed, "pages_per_s": info["inputs"] / elapsed, "cpu_ms_per_page": cpu * 1000 / info["inputs"], "main_cpu_ms_per_page": main_cpu * 1000 / info["inputs"], "rss_main_mb": peak_main / MB, "rss_tree_mb": peak_tree / MB, "load": sum(loads) / max(1, len(loads)), "info": info}


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:
        return 0


def html_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name.endswith((".html", ".htm", ".html.gz")))


def bench_trafilatura(folder: Path, limit: int) -> dict:
    """trafilatura.extract (favor_precision) over the first ``limit`` pages, in one process."""
    import gzip

    import trafilatura

    pages = [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in html_files(folder)[:limit]]
    started, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(page, favor_precision=True)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"pages": len(pages), "pages_per_s": len(pages) / elapsed, "cpu_ms_per_page": cpu * 1000 / len(pages)}


def change_pages(folder: Path, fraction: float) -> int:
    """Edit the text of ``fraction`` of the pages (every k-th file), as a daily re-crawl would."""
    files = [p for p in html_files(folder) if p.suffix != ".gz"]
    step = max(1, round(1 / fraction))
    changed = 0
    for path in files[::step]:
        data = path.read_bytes()
        edited = data.replace(b"</p>", b" Berita ini telah diperbarui oleh redaksi.</p>", 1)
        if edited != data:
            path.write_bytes(edited)
            changed += 1
    return changed


def row(label: str, result: dict) -> str:
    return (
        f"| {label} | {result['info']['inputs']:,} | {result['seconds']:.1f} | {result['pages_per_s']:.0f} "
        f"| {result['cpu_ms_per_page']:.1f} | {result['main_cpu_ms_per_page']:.2f} | {result['rss_main_mb']:.0f} | {result['rss_tree_mb']:.0f} "
        f"| {result['load']:.1f} |"
    )


def report(lines: list[str], line: str) -> None:
    """Add a table row, and show it at once on stderr (a long run shows its progress)."""
    lines.append(line)
    print(line, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    full = os.environ.get("BENCH_FULL") == "1"
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, *([100_000] if full else [])])
    parser.add_argument("--work", type=Path, default=REPO / "data" / "bench")
    parser.add_argument("--trafilatura-pages", type=int, default=500)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    small, large = sizes[0], sizes[-1]
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    snapshot_sources(work)
    print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine skews the figures)", file=sys.stderr)
    print(f"kutim build benchmark on {os.cpu_count()} cores, sizes {sizes}", file=sys.stderr)

    lines = [
        "| run | pages | seconds | pages/s | CPU ms/page | main process CPU ms/page | peak RSS main (MB) | peak RSS tree (MB) | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    results: dict[str, dict] = {}

    html_small = generate(small, "html", work)
    for workers in (1, 2):
        results[f"w{workers}"] = run_build(html_small, work / f"out-{small}-w{workers}", workers, cache=False)
        report(lines, row(f"HTML folder, {workers} worker{'s' if workers > 1 else ''}, no cache", results[f"w{workers}"]))
    warc_small = generate(small, "warc", work)
    results["warc"] = run_build(warc_small, work / f"out-{small}-warc", 2, cache=False)
    report(lines, row("WARC.gz, 2 workers, no cache", results["warc"]))

    # scaling and incremental: a cached build of each larger corpus (filling the cache costs
    # little), then 1% of the pages of the second size (10,000) change and it is rebuilt
    inc_n = sizes[1] if len(sizes) > 1 else small  # 10,000 pages: edited in a copy
    for n in sizes[1:]:
        raw = generate(n, "html", work)
        if n == inc_n:
            raw = work / f"raw-{n}-html-edited"
            shutil.rmtree(raw, ignore_errors=True)
            shutil.copytree(generate(n, "html", work), raw)
        out = work / f"out-{n}-cached"
        shutil.rmtree(out, ignore_errors=True)
        results[n] = run_build(raw, out, 2, cache=True)
        report(lines, row("HTML folder, 2 workers, filling the cache", results[n]))
    results[small] = results["w2"]
    inc_raw, inc_out = work / f"raw-{inc_n}-html-edited", work / f"out-{inc_n}-cached"
    full_build = results[inc_n]
    changed = change_pages(inc_raw, 0.01)
    rebuild = run_build(inc_raw, inc_out, 2, cache=True)
    report(lines, row(f"rebuild after {changed} pages (1%) changed", rebuild))
    clean = run_build(inc_raw, work / f"out-{inc_n}-clean", 2, cache=False)
    report(lines, row("clean build of the changed pages, no cache", clean))
    identical = all(
        (inc_out / name).read_bytes() == (work / f"out-{inc_n}-clean" / name).read_bytes()
        for name in ["rejects.parquet", "build.json", *[p["file"] for p in clean["info"]["parts"]]]
    )

    trafilatura = bench_trafilatura(html_small, args.trafilatura_pages)
    print("\n".join(lines))
    print()
    w1, w2 = results["w1"], results["w2"]
    print(f"- 2 workers vs 1: {w2['pages_per_s'] / w1['pages_per_s']:.2f}x pages/s")
    print(f"- trafilatura.extract(favor_precision=True), 1 process, {trafilatura['pages']} of the same pages: "
          f"{trafilatura['pages_per_s']:.0f} pages/s, {trafilatura['cpu_ms_per_page']:.1f} CPU ms/page "
          f"(kutim build, 1 worker, whole pipeline: {w1['pages_per_s']:.0f} pages/s, {w1['cpu_ms_per_page']:.1f} CPU ms/page)")
    print(f"- WARC.gz vs HTML folder (2 workers): {results['warc']['pages_per_s'] / w2['pages_per_s']:.2f}x pages/s")
    for n in sizes[1:]:
        ratio = results[n]["seconds"] / results[small]["seconds"]
        rss = results[n]["rss_main_mb"] / results[small]["rss_main_mb"]
        tree = results[n]["rss_tree_mb"] / results[small]["rss_tree_mb"]
        print(f"- scaling {small:,} -> {n:,} pages: time x{ratio:.1f} (linear: x{n / small:.0f}), peak RSS main x{rss:.2f}, tree x{tree:.2f}")
    if len(sizes) > 2:
        a, b = results[sizes[-2]], results[sizes[-1]]
        print(f"- peak RSS {sizes[-2]:,} -> {sizes[-1]:,}: main x{b['rss_main_mb'] / a['rss_main_mb']:.2f}, tree x{b['rss_tree_mb'] / a['rss_tree_mb']:.2f} (target within 1.20)")
    print(f"- incremental rebuild after 1% changed: {rebuild['seconds']:.1f} s vs full {full_build['seconds']:.1f} s "
          f"= {rebuild['seconds'] / full_build['seconds']:.3f} of a full build; byte-identical to a clean build: {identical}")
    if 100_000 in results:
        print(f"- 100,000 pages measured: {results[100_000]['seconds'] / 60:.1f} min wall (target < 10 on 2 idle cores), "
              f"main process {results[100_000]['main_cpu_ms_per_page']:.2f} CPU ms/page")
    projected = results[large]["seconds"] * 100_000 / large / 60
    cpu_bound = results[large]["cpu_ms_per_page"] * 100_000 / 1000 / min(2, os.cpu_count() or 1) / 60
    print(f"- CPU-bound estimate for 100,000 pages on 2 otherwise idle cores: {cpu_bound:.1f} min")
    print(f"- load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"- projected 100,000 pages at the {large:,}-page rate (2 workers): {projected:.1f} min (target < 10)")


if __name__ == "__main__":
    main()
