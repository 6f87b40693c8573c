"""Benchmark `kutim index` / `kutim search` side by side with a plain Whoosh baseline.

    python scripts/bench_index.py                       # 100,000 synthetic articles (~30 min)
    BENCH_INDEX_N=5000 python scripts/bench_index.py    # quick run
    python scripts/bench_index.py --n 20000 --work /tmp/bench-index --repeat 20

The corpus comes from ``kutim_corpus.synthetic.synthetic_records`` when that module exists,
else from the generator below (realistic lengths, Zipf-distributed vocabulary, agencies,
regions, dates, advertorials, syndicated copies); it is written as Parquet parts once into
--work and reused. Both engines run as subprocesses of this script, one after the other:

- ours: ``kutim index CORPUS --index DIR`` (procs=2 + multisegment, limitmb=256, lean schema);
  queries through ``kutim_corpus.search.search`` (numpy matching over posting lists, filters
  resolved to document sets, exact totals, snippets, facets);
- baseline: the same analysis (as a plain Whoosh filter chain) and fields with a plain Whoosh
  setup: default ``ix.writer()``, body stored as text, structured constraints written into the
  parsed query (``agency:dp3a day:[20240101 TO]``), ``len(results)`` as the total; its
  searcher stays open across queries, while ours opens the index for every query (as each
  `kutim search` does).

Wall time, CPU time (user + sys of the whole process tree), documents/s, peak RSS (the whole
process tree, sampled every 50 ms by psutil) and the load average are reported for indexing;
p50/p95 over --repeat runs for each query (ours start each search with no cached column, like
a fresh `kutim search`); totals are checked against a brute-force count over the corpus,
including `perlind*` (articles with a term that is the analysis of a corpus word starting with
"perlind"). Results go to stdout as a Markdown table, to --work/bench_index.json, and after
every phase to --work/bench_index-N.json; --reuse-indexes times the queries again on the
indexes an earlier run left there.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
KUTIM = Path(sys.executable).parent / "kutim"
MB = 1024 * 1024
PART_ROWS = 10_000
QUERY_BUDGET_MS = 30_000

# (name, our search() keyword arguments, baseline query string)
QUERIES = [
    ("term", {"query": "banjir"}, "banjir"),
    ("two words", {"query": "perlindungan anak"}, "perlindungan anak"),
    ("phrase", {"query": '"perlindungan anak"'}, '"perlindungan anak"'),
    (
        "two words + agency + date",
        {"query": "perlindungan anak", "agency": "DP3A", "date_from": "2024-01-01"},
        "perlindungan anak agency:dp3a day:[20240101 TO]",
    ),
    (
        "two words + region + date, by date",
        {"query": "banjir sungai", "region": "Kutim", "date_from": "2024-01-01", "sort": "date"},
        "banjir sungai region:64.08 day:[20240101 TO]",
    ),
    ("faceted (two words + facets)", {"query": "perlindungan anak", "facets": True}, "perlindungan anak"),
    ("prefix perlind* (surface form)", {"query": "perlind*"}, "perlind*"),
]


# --- synthetic corpus -------------------------------------------------------------------------

AGENCIES = [
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("Dinkes", "Dinas Kesehatan"),
    ("Disdikbud", "Dinas Pendidikan dan Kebudayaan"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("Bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("DLH", "Dinas Lingkungan Hidup"),
    ("Dishub", "Dinas Perhubungan"),
    ("Disnakertrans", "Dinas Tenaga Kerja dan Transmigrasi"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
]
REGIONS = [
    ("64.08", "Kabupaten Kutai Timur", "SANGATTA"), ("64.02", "Kabupaten Kutai Kartanegara", "TENGGARONG"),
    ("64.72", "Kota Samarinda", "SAMARINDA"), ("64.71", "Kota Balikpapan", "BALIKPAPAN"),
    ("64.74", "Kota Bontang", "BONTANG"), ("64.03", "Kabupaten Berau", "TANJUNG REDEB"),
    ("62.02", "Kabupaten Kotawaringin Timur", "SAMPIT"), ("63.71", "Kota Banjarmasin", "BANJARMASIN"),
]
PROVINCES = {"64": "Kalimantan Timur", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan"}
SITES = [f"portal{i}.kaltim.id" for i in range(1, 13)] + ["kutimpost.co.id", "kaltimkita.com"]
_NEWS_TEXT = (
    "pemerintah kabupaten masyarakat warga program kegiatan pembangunan anggaran daerah desa "
    "kecamatan bupati wakil kepala dinas badan sekretaris camat lurah kepala desa bantuan sosial "
    "perlindungan anak perempuan kekerasan pendidikan sekolah guru siswa kesehatan puskesmas "
    "posyandu stunting balita ibu hamil banjir longsor kebakaran hutan lahan sungai jalan jembatan "
    "perbaikan pembangunan infrastruktur listrik air bersih sampah lingkungan tambang batu bara "
    "sawit perkebunan petani nelayan pasar harga beras bahan pokok inflasi ekonomi usaha mikro "
    "pelatihan tenaga kerja transmigrasi pegawai aparatur pelayanan publik rapat koordinasi "
    "sosialisasi evaluasi target capaian realisasi tahun bulan pekan hari rabu kamis jumat "
    "menyampaikan mengatakan menjelaskan menegaskan berharap mengimbau meminta memberikan "
    "melaksanakan meningkatkan mendukung menyerahkan meresmikan mengunjungi membahas"
)
NEWS_WORDS = _NEWS_TEXT.split()
_SYLLABLE_TEXT = "ba be bi bu da de di du ka ke ki ku la le li lu ma me mi mu na ne ni nu pa pe pi pu ra re ri ru sa se si su ta te ti tu ng an in un ar er ir"
SYLLABLES = _SYLLABLE_TEXT.split()


def _vocabulary(rng: random.Random, size: int = 12_000) -> list[str]:
    words = set(NEWS_WORDS)
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def generate_records(n: int, seed: int = 1):
    """Synthetic articles in the record form of schema.py (deterministic for a seed)."""
    from kutim_corpus import schema

    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))]
    rng.shuffle(weights)
    for word in NEWS_WORDS:  # news words stay frequent
        weights[vocabulary.index(word)] = 0.02
    start = datetime(2022, 1, 1, tzinfo=UTC)
    previous = None
    for i in range(n):
        code, region_name, dateline = rng.choice(REGIONS)
        acronym, agency_name = rng.choice(AGENCIES)
        length = int(min(1_500, max(80, rng.lognormvariate(5.8, 0.5))))
        words = rng.choices(vocabulary, weights, k=length)
        paragraphs = [" ".join(words[j:j + 60]) + "." for j in range(0, length, 60)]
        topic = rng.choice(["perlindungan anak", "banjir sungai", "stunting balita", "jalan rusak", "guru honorer"])
        paragraphs[0] = f"{dateline} – {agency_name} ({acronym}) {region_name.split(' ', 1)[1]} membahas {topic}. " + paragraphs[0]
        advertorial = rng.random() < 0.12
        body = "\n\n".join(paragraphs) + (" (adv)" if advertorial else "")
        site = rng.choice(SITES)
        published = start + timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        local_text = (published + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:00+08:00")
        url = f"https://{site}/berita/{i}"
        doc_id = hashlib.sha256(url.encode()).hexdigest()[:16]
        cluster_id, cluster_size, representative = None, 1, True
        if previous and rng.random() < 0.05:  # a syndicated copy of the previous story
            body = previous["body"] + "\n\nBaca juga: berita lainnya"
            cluster_id, cluster_size, representative = previous["id"], 2, False
            previous.update(cluster_id=previous["id"], cluster_size=2)
        record = schema.blank_record(
            id=doc_id, url=url, site=site, source=f"bench/{i}.html",
            title=f"{acronym} {region_name.split(' ', 1)[1]} {topic.title()} " + " ".join(rng.choices(vocabulary, weights, k=5)),
            body=body, lead=paragraphs[0], word_count=len(body.split()),
            content_hash=hashlib.sha256(body.lower().encode()).hexdigest(), parser="bench/1",
            language="id", section="Daerah", published_at=local_text, published_local=local_text,
            published_tz_source="printed", dateline=dateline, is_advertorial=advertorial,
            advertorial_marker="(adv)" if advertorial else None, region_code=code,
            region_name=region_name, province_code=code[:2], province_name=PROVINCES[code[:2]],
            region_source="dateline", regions_mentioned=sorted({code, code[:2]}),
            agencies=[{"acronym": acronym, "name": agency_name, "level": "regency",
                       "region_code": code, "mention": f"{agency_name} ({acronym})"}],
            cluster_id=cluster_id, cluster_size=cluster_size, is_cluster_representative=representative,
        )
        if previous is not None:
            yield previous
        previous = record
    if previous is not None:
        yield previous


def synthetic(n: int, seed: int):
    try:
        from kutim_corpus.synthetic import synthetic_records
    except ImportError:
        return "scripts/bench_index.py generator", generate_records(n, seed)
    return "kutim_corpus.synthetic.synthetic_records", synthetic_records(n, seed)


def write_corpus(n: int, work: Path, seed: int = 1) -> tuple[Path, str]:
    from kutim_corpus import corpus

    folder = work / f"corpus-{n}"
    done = folder / ".complete"
    if done.exists():
        return folder, done.read_text()
    shutil.rmtree(folder, ignore_errors=True)
    source, records = synthetic(n, seed)
    chunk, part, digest = [], 0, hashlib.sha256()
    for record in records:
        chunk.append(record)
        if len(chunk) == PART_ROWS:
            part = _flush(chunk, folder, part, digest)
    if chunk:
        _flush(chunk, folder, part, digest)
    corpus.write_json_atomic({"corpus_fingerprint": digest.hexdigest(), "articles": n}, folder / "build.json")
    done.write_text(source)
    return folder, source


def _flush(chunk: list, folder: Path, part: int, digest) -> int:
    from kutim_corpus import corpus, schema

    chunk.sort(key=lambda r: r["id"])
    for record in chunk:
        digest.update(record["id"].encode() + record["content_hash"].encode())
    corpus.write_parquet_atomic(schema.to_table(chunk), folder / "articles" / f"part-{part:05d}.parquet")
    chunk.clear()
    return part + 1


# --- measuring --------------------------------------------------------------------------------

def measure(command: list[str]) -> dict:
    """Run a command; wall time, CPU time (user + sys of the whole tree, from getrusage of
    the waited-for children) and peak RSS of its whole process tree, and the load average."""
    import resource

    load_before = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    out = process.stdout.read()
    if process.returncode:
        raise SystemExit(f"{command[:3]} failed with exit code {process.returncode}")
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu, "peak_rss_mb": peak / MB,
            "stdout": out, "load": (round(load_before, 1), round(os.getloadavg()[0], 1))}


def baseline_schema():
    from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema

    from kutim_corpus.analysis import composed_analyzer

    text = composed_analyzer()  # the same analysis written as a plain Whoosh filter chain
    return Schema(
        id=ID(unique=True, stored=True), title=TEXT(analyzer=text, stored=True),
        body=TEXT(analyzer=text, stored=True), region=KEYWORD(lowercase=True, commas=True),
        agency=KEYWORD(lowercase=True, commas=True), site=ID(stored=True),
        published_at=DATETIME(sortable=True), day=NUMERIC(int, bits=32, signed=False),
        is_advertorial=BOOLEAN(stored=True), url=ID(stored=True),
    )


def baseline_index(corpus_dir: str, index_dir: str) -> None:
    """The plain Whoosh way: one default writer, add every document, commit."""
    from whoosh import index

    from kutim_corpus.corpus import iter_article_batches

    os.makedirs(index_dir, exist_ok=True)
    ix = index.create_in(index_dir, baseline_schema())
    writer = ix.writer()
    columns = ["id", "url", "site", "title", "body", "published_at", "published_local", "is_advertorial",
               "region_code", "province_code", "agencies"]
    for batch in iter_article_batches(corpus_dir, columns):
        for row in batch.to_pylist():
            doc = {
                "id": row["id"], "title": row["title"], "body": row["body"], "url": row["url"],
                "site": row["site"], "is_advertorial": row["is_advertorial"],
                "region": ",".join(c for c in (row["region_code"], row["province_code"]) if c),
                "agency": ",".join(v for a in row["agencies"] for v in (a["acronym"], a["name"]) if v),
            }
            if row["published_at"]:
                doc["published_at"] = row["published_at"].replace(tzinfo=None)
                doc["day"] = int(row["published_local"][:10].replace("-", ""))
            writer.add_document(**doc)
    writer.commit()


def time_queries(engine: str, index_dir: str, repeat: int) -> dict:
    """p50/p95 in ms and the total each engine reports, per query (run in a fresh process)."""
    out = {}
    if engine == "ours":
        from kutim_corpus import search as ours_search

        def run(ours, _):
            # as a fresh `kutim search` process would: no column or word list cached from before
            for cached in (ours_search._read_numbers, ours_search._read_codes, ours_search._read_words):
                cached.cache_clear()
            result = ours_search.search(index_dir, ours.pop("query"), **ours)
            return result.total
    else:
        from whoosh import index, qparser

        ix = index.open_dir(index_dir)
        searcher = ix.searcher()
        parser = qparser.MultifieldParser(["title", "body"], ix.schema)

        def run(ours, text):
            query = parser.parse(text)
            if ours.get("facets"):
                from whoosh import sorting

                facets = {"region": sorting.FieldFacet("region", allow_overlap=True),
                          "agency": sorting.FieldFacet("agency", allow_overlap=True),
                          "site": sorting.FieldFacet("site")}
                results = searcher.search(query, limit=10, groupedby=facets)
                results.groups("region")
            else:
                sortedby = {"sortedby": "published_at", "reverse": True} if ours.get("sort") == "date" else {}
                results = searcher.search(query, limit=10, **sortedby)
            for hit in results:
                hit.highlights("body")
            return len(results)

    for name, kwargs, text in QUERIES:
        times, total = [], None
        for i in range(repeat + 1):
            started = time.perf_counter()
            total = run(dict(kwargs), text)
            if i:  # the first run warms caches
                times.append((time.perf_counter() - started) * 1000)
            if len(times) >= 3 and sum(times) > QUERY_BUDGET_MS:
                break  # a very slow query (the baseline's facets): fewer runs, at least 3
        times.sort()
        out[name] = {"p50": statistics.median(times), "p95": times[max(0, int(round(0.95 * len(times))) - 1)],
                     "total": total, "runs": len(times)}
    return out


def brute_force_totals(corpus_dir: Path) -> dict:
    """True totals by scanning the corpus with the analyzer (pre-filtered by substring)."""
    import pyarrow.compute as pc

    from kutim_corpus.analysis import terms
    from kutim_corpus.corpus import iter_article_batches

    totals = {name: 0 for name, _, _ in QUERIES}
    prefix = "perlind"
    surface: set[str] = set()  # corpus words starting with the prefix
    lind_tokens: list[set[str]] = []  # per article, its index terms that could be their stems
    for batch in iter_article_batches(corpus_dir, ["title", "body", "agencies", "published_local", "region_code"]):
        text = pc.utf8_lower(pc.binary_join_element_wise(batch.column("title"), batch.column("body"), " "))
        rows = batch.to_pylist()
        for row, lowered in zip(rows, text.to_pylist(), strict=True):
            if not re.search("lind|anak|banjir|sungai", lowered):
                continue
            surface.update(re.findall(prefix + r"[\w'’]*", lowered))
            tokens = set(terms(lowered))
            lind_tokens.append({t for t in tokens if "lind" in t})
            acronyms = {a["acronym"] for a in row["agencies"]}
            day = (row["published_local"] or "")[:10]
            if "banjir" in tokens:
                totals["term"] += 1
            if {"lindung", "anak"} <= tokens:
                totals["two words"] += 1
                totals["faceted (two words + facets)"] += 1
                if "DP3A" in acronyms and day >= "2024-01-01":
                    totals["two words + agency + date"] += 1
            if {"banjir", "sungai"} <= tokens and row["region_code"] == "64.08" and day >= "2024-01-01":
                totals["two words + region + date, by date"] += 1
            if re.search(r"perlindungan\W+anak", lowered):
                totals["phrase"] += 1
    stems = {t for word in surface for t in terms(word)}
    assert all("lind" in t for t in stems), stems  # else the pre-filter above would miss some
    totals["prefix perlind* (surface form)"] = sum(
        1 for found in lind_tokens if found & stems or any(t.startswith(prefix) for t in found)
    )
    return totals


# --- main -------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=int(os.environ.get("BENCH_INDEX_N", 100_000)))
    parser.add_argument("--work", type=Path, default=REPO / "data" / "bench")
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_INDEX_REPEAT", 30)))
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--reuse-indexes", action="store_true",
                        help="time the queries on the indexes an earlier run left in --work (same N); "
                        "its indexing figures are reported again, marked as such")
    parser.add_argument("--_baseline-index", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--_queries", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._baseline_index:
        baseline_index(*args._baseline_index)
        return
    if args._queries:
        print(json.dumps(time_queries(args._queries[0], args._queries[1], args.repeat)))
        return

    args.work.mkdir(parents=True, exist_ok=True)
    print(f"corpus: {args.n:,} synthetic articles ...", file=sys.stderr)
    corpus_dir, source = write_corpus(args.n, args.work)
    report = {"n": args.n, "generator": source, "cpus": os.cpu_count(), "repeat": args.repeat}
    ours_dir = args.work / f"index-ours-{args.n}"
    base_dir = args.work / f"index-baseline-{args.n}"
    state = args.work / f"bench_index-{args.n}.json"  # saved after every phase

    def save() -> None:
        state.write_text(json.dumps(report, indent=2))

    if args.reuse_indexes:
        previous = json.loads(state.read_text()) if state.exists() else {}
        report.update({k: previous[k] for k in ("ours_index", "ours_incremental", "baseline_index") if k in previous})
        report["indexing_from"] = f"an earlier run ({state.name})"
    else:
        _index_both(report, corpus_dir, ours_dir, base_dir, args.n, args.skip_baseline, save)
    print("queries ...", file=sys.stderr)
    load_before = round(os.getloadavg()[0], 1)
    report["ours_queries"] = _queries("ours", ours_dir, args.repeat)
    if not args.skip_baseline:
        report["baseline_queries"] = _queries("baseline", base_dir, args.repeat)
    report["query_load"] = (load_before, round(os.getloadavg()[0], 1))
    save()
    print("brute-force totals ...", file=sys.stderr)
    report["true_totals"] = brute_force_totals(corpus_dir)
    save()
    (args.work / "bench_index.json").write_text(json.dumps(report, indent=2))
    print(render(report))


def _index_both(report, corpus_dir, ours_dir, base_dir, n, skip_baseline, save) -> None:
    """Index the corpus with kutim index, update it incrementally, then with the baseline."""
    shutil.rmtree(ours_dir, ignore_errors=True)
    shutil.rmtree(base_dir, ignore_errors=True)
    print("indexing (ours) ...", file=sys.stderr)
    ours = measure([str(KUTIM), "index", str(corpus_dir), "--index", str(ours_dir), "--no-progress"])
    report["ours_index"] = _index_figures(ours, n, ours_dir)
    save()
    print("incremental update after 1% changed (ours) ...", file=sys.stderr)
    report["ours_incremental"] = _incremental(corpus_dir, ours_dir, n)
    save()
    if not skip_baseline:
        print("indexing (baseline) ...", file=sys.stderr)
        base = measure([sys.executable, __file__, "--_baseline-index", str(corpus_dir), str(base_dir)])
        report["baseline_index"] = _index_figures(base, n, base_dir)
        save()


def _index_figures(run: dict, n: int, index_dir: Path) -> dict:
    size = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    return {"seconds": round(run["seconds"], 1), "cpu_seconds": round(run["cpu_seconds"], 1),
            "docs_per_s": round(n / run["seconds"], 1), "peak_rss_mb": round(run["peak_rss_mb"]),
            "index_mb": round(size / MB), "load": run["load"]}


def _incremental(corpus_dir: Path, index_dir: Path, n: int) -> dict:
    """Touch 1% of the articles (a copy of the corpus), then time the incremental update."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from kutim_corpus import corpus

    changed_dir = corpus_dir.with_name(corpus_dir.name + "-changed")
    shutil.rmtree(changed_dir, ignore_errors=True)
    shutil.copytree(corpus_dir, changed_dir)
    part = corpus.article_parts(changed_dir)[0]
    table = pq.read_table(part)
    step = max(1, 100 * len(corpus.article_parts(changed_dir)))
    mask = [i % step == 0 for i in range(table.num_rows)]
    titles = pc.if_else(mask, pc.binary_join_element_wise(table.column("title"), "(diperbarui)", " "), table.column("title"))
    table = table.set_column(table.schema.get_field_index("title"), "title", titles)
    corpus.write_parquet_atomic(table, part)
    info = json.loads((changed_dir / "build.json").read_text())
    info["corpus_fingerprint"] += "-changed"
    (changed_dir / "build.json").write_text(json.dumps(info))
    run = measure([str(KUTIM), "index", str(changed_dir), "--index", str(index_dir), "--no-progress"])
    return {"seconds": round(run["seconds"], 1), "peak_rss_mb": round(run["peak_rss_mb"]),
            "summary": run["stdout"].strip(), "changed": sum(mask)}


def _queries(engine: str, index_dir: Path, repeat: int) -> dict:
    run = measure([sys.executable, __file__, "--repeat", str(repeat), "--_queries", engine, str(index_dir)])
    return json.loads(run["stdout"])


def render(report: dict) -> str:
    lines = [f"N = {report['n']:,} articles ({report['generator']}), {report['cpus']} CPUs", ""]
    if "indexing_from" in report:
        lines += [f"indexing figures from {report['indexing_from']}", ""]
    lines += ["| indexing | seconds | CPU s | docs/s | peak RSS (MB) | index size (MB) | load avg start -> end |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key, label in (("ours_index", "kutim index (procs=2, multisegment, lean schema)"), ("baseline_index", "plain Whoosh (default writer)")):
        if key in report:
            r = report[key]
            lines.append(f"| {label} | {r['seconds']} | {r['cpu_seconds']} | {r['docs_per_s']} | {r['peak_rss_mb']} | "
                         f"{r['index_mb']} | {r['load'][0]} -> {r['load'][1]} |")
    if "baseline_index" in report and "ours_index" in report:
        ratio = report["ours_index"]["docs_per_s"] / report["baseline_index"]["docs_per_s"]
        lines.append(f"\nindexing speed-up: {ratio:.2f}x the baseline's documents/s")
    inc = report.get("ours_incremental", {"changed": 0, "seconds": "-", "peak_rss_mb": "-"})
    lines.append(f"incremental update ({inc['changed']:,} articles changed): {inc['seconds']} s, peak RSS {inc['peak_rss_mb']} MB")
    lines += ["", f"queries: load average {report['query_load'][0]} -> {report['query_load'][1]}",
              "", "| query | ours p50 / p95 (ms) | baseline p50 / p95 (ms) | true total | ours | baseline |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, _, _ in QUERIES:
        ours = report["ours_queries"][name]
        base = report.get("baseline_queries", {}).get(name)
        base_times = f"{base['p50']:.0f} / {base['p95']:.0f}" if base else "-"
        base_total = base["total"] if base else "-"
        lines.append(f"| {name} | {ours['p50']:.0f} / {ours['p95']:.0f} | {base_times} | "
                     f"{report['true_totals'][name]} | {ours['total']} | {base_total} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
