#!/usr/bin/env python
"""Measure the extractor against a gold set, side by side with trafilatura, in one run.

    python scripts/eval_extract.py --dev ../shared/eval/dev            # the dev set
    python scripts/eval_extract.py --dev ../shared/eval/dev --repeat 5 --build-copies 20

Prints, overall and per site, for ours (profiles on), ours (--no-profiles) and trafilatura
(favor_precision=True): body F1 (P/R), titles exact, dates correct (instant / day), non-articles
rejected, articles wrongly rejected, pages/s; then the lowest page F1, boilerplate lines left in
bodies, author problems, the speed ratio, the cost per extraction stage and the end-to-end
`kutim build --workers 1` throughput.

Times are CPU seconds (time.process_time; for the build, this process plus its worker), so
other jobs on a shared machine disturb them less than wall-clock times; systems are still timed
side by side in the same run.

Scoring (gold README): tokens = \\w+, 4-token shingles with multiplicity, precision and recall
per page, averaged over pages, F1 of the two means. Titles: exact after whitespace
normalisation. Dates: same instant where the gold has a time (at minute resolution when the
gold time has no seconds: it was read from a printed "13:01"), same calendar day otherwise.
The gold pages are copyrighted: this script reads them, never copies them.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kutim_corpus.errors import Rejected
from kutim_corpus.extract import extract_article

WORD = re.compile(r"\w+")
# The list of related/navigation lines, written independently of the extractor's own.
LEFTOVER = re.compile(
    r"^\W*(?:baca juga|berita lainnya|berita terkait|lihat juga|simak juga|simak video|"
    r"advertisement|scroll to continue|share\s*:|bagikan\b|(?:foto\s*)?\d+\s*(?:/|dari)\s*\d+\s*$)",
    re.IGNORECASE | re.MULTILINE,
)
BAD_AUTHOR = re.compile(r"^(?:redaksi|tim\b|admin)|@|\.(?:com|id|co)\b|^https?:", re.IGNORECASE)


@dataclass
class Outcome:
    rejected: str | None = None
    title: str | None = None
    body: str = ""
    local: str | None = None
    authors: list[str] = field(default_factory=list)


def shingles(text: str) -> Counter:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i:i + 4]) for i in range(max(0, len(words) - 3)))


def body_pr(predicted: str, gold: str) -> tuple[float, float]:
    ours, ref = shingles(predicted), shingles(gold)
    tp = sum((ours & ref).values())
    precision = tp / sum(ours.values()) if ours else 0.0
    recall = tp / sum(ref.values()) if ref else 0.0
    return precision, recall


def date_ok(local: str | None, gold: dict) -> bool | None:
    """True/False where the gold has a date, None where it has none."""
    if gold.get("published"):
        if not local or "T" not in local:
            return False
        ours_at, gold_at = datetime.fromisoformat(local), datetime.fromisoformat(gold["published"])
        if gold_at.second == 0 and ours_at.second != 0:
            # the gold took a printed "13:01" (minute resolution) where the page also declares
            # 13:01:52 in its metadata: same instant at the gold's resolution
            ours_at = ours_at.replace(second=0)
        return ours_at == gold_at
    if gold.get("published_date"):
        return bool(local) and local[:10] == gold["published_date"]
    return None


# --- systems ----------------------------------------------------------------------------------

def ours(use_profiles: bool):
    def run(data: bytes, url: str | None) -> Outcome:
        try:
            record = extract_article(data, url=url, use_profiles=use_profiles)
        except Rejected as error:
            return Outcome(rejected=error.reason)
        return Outcome(None, record["title"], record["body"], record["published_local"],
                       record["authors"])
    return run


def trafilatura_system():
    import trafilatura

    def run(data: bytes, url: str | None) -> Outcome:
        out = trafilatura.extract(data, url=url, favor_precision=True, output_format="json",
                                  with_metadata=True)
        if not out:
            return Outcome(rejected="not_article")
        doc = json.loads(out)
        author = doc.get("author")
        return Outcome(None, doc.get("title"), doc.get("text") or "", doc.get("date"),
                       [a.strip() for a in author.split(";")] if author else [])
    return run


# --- evaluation -------------------------------------------------------------------------------

@dataclass
class Tally:
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    titles: list[bool] = field(default_factory=list)
    instants: list[bool] = field(default_factory=list)
    days: list[bool] = field(default_factory=list)
    negatives: int = 0
    negatives_rejected: int = 0
    articles: int = 0
    articles_rejected: int = 0
    seconds: float = 0.0
    pages: int = 0
    worst: tuple[float, str] = (1.0, "")
    leftovers: list[str] = field(default_factory=list)
    bad_authors: list[str] = field(default_factory=list)

    def f1(self) -> tuple[float, float, float]:
        if not self.precision:
            return 0.0, 0.0, 0.0
        p, r = statistics.fmean(self.precision), statistics.fmean(self.recall)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(tally: Tally, gold: dict, outcome: Outcome) -> None:
    if gold["page_type"] != "article":
        tally.negatives += 1
        tally.negatives_rejected += outcome.rejected == "not_article"
        return
    tally.articles += 1
    if outcome.rejected:
        tally.articles_rejected += 1
    if gold.get("body"):
        p, r = body_pr(outcome.body, gold["body"])
        tally.precision.append(p)
        tally.recall.append(r)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        tally.worst = min(tally.worst, (f1, gold["file"]))
    if gold.get("title"):
        tally.titles.append(" ".join((outcome.title or "").split()) == " ".join(gold["title"].split()))
    ok = date_ok(outcome.local, gold)
    if ok is not None:
        (tally.instants if gold.get("published") else tally.days).append(ok)
    for line in LEFTOVER.findall(outcome.body):
        tally.leftovers.append(f"{gold['file']}: {line.strip()!r}")
    tally.bad_authors += [f"{gold['file']}: {a!r}" for a in outcome.authors if BAD_AUTHOR.search(a)]


def evaluate(system, pages) -> tuple[Tally, dict[str, Tally]]:
    overall, per_site = Tally(), defaultdict(Tally)
    for gold, data in pages:
        outcome = system(data, gold.get("url"))
        score(overall, gold, outcome)
        score(per_site[gold["site"]], gold, outcome)
    return overall, per_site


def time_interleaved(systems: dict, pages, repeat: int) -> dict[str, float]:
    """Seconds per system over ``repeat`` rounds, the systems taking turns page by page so that
    a busy machine slows them alike (the ratio stays meaningful when other jobs run)."""
    seconds = dict.fromkeys(systems, 0.0)
    gc.collect()
    for _ in range(repeat):
        for gold, data in pages:
            for name, system in systems.items():
                started = time.process_time()
                system(data, gold.get("url"))
                seconds[name] += time.process_time() - started
    return seconds


def fmt_ratio(flags: list[bool]) -> str:
    return f"{sum(flags)}/{len(flags)}" if flags else "-"


def row(name: str, t: Tally, with_speed: bool) -> str:
    p, r, f1 = t.f1()
    speed = f"{t.pages / t.seconds:8.1f}" if with_speed and t.seconds else "       -"
    return (f"| {name:<22} | {f1:.3f} ({p:.3f}/{r:.3f}) | {fmt_ratio(t.titles):>6} | "
            f"{fmt_ratio(t.instants):>6} | {fmt_ratio(t.days):>5} | "
            f"{t.negatives_rejected}/{t.negatives:<3} | {t.articles_rejected:>4} | {speed} |")


HEADER = ("| system                 | body F1 (P/R)         | titles | instant | day  | non-art | art.rej | pages/cpu-s |\n"
          "|------------------------|-----------------------|--------|--------|-------|---------|------|----------|")


# --- per-stage cost ---------------------------------------------------------------------------

def stage_costs(pages, repeat: int) -> list[tuple[str, float]]:
    from kutim_corpus.extract import body, decode, metadata, tree
    from kutim_corpus.limits import Limits, check_tree_depth

    max_depth = Limits().max_depth

    try:
        from kutim_corpus.enrich import enrich
        from kutim_corpus.schema import blank_record
    except ImportError:  # enrichment not written yet
        enrich = None
    if enrich:  # the first calls load the enrichment tables: not timed
        for _gold, data in pages:
            with contextlib.suppress(Rejected):  # non-articles have nothing to enrich
                enrich(blank_record(**{k: v for k, v in extract_article(data).items() if k in blank_record()}))
    totals: dict[str, float] = defaultdict(float)
    count = 0
    for _ in range(repeat):
        for gold, data in pages:
            clock = time.process_time
            t0 = clock()
            try:
                text = decode.decode_html(data)
            except Rejected:
                continue
            t1 = clock()
            if decode.is_feed(text):
                continue
            root = decode.parse_html(text)
            t2 = clock()
            check_tree_depth(root, (), max_depth)  # the build's nesting check (its parser log: ~0 ms)
            t2b = clock()
            page = metadata.read_meta(root)
            metadata.choose_title(page, root, None, None)
            metadata.machine_published(page, root)
            t3 = clock()
            tree.landmarks(root)
            t3b = clock()
            body.clean_tree(root)
            body.extract_body(root)
            t4 = clock()
            totals["decode"] += t1 - t0
            totals["parse (lxml.etree)"] += t2 - t1
            totals["nesting check on the tree (build only: XPath depth probe)"] += t2b - t2
            totals["metadata (JSON-LD, meta, title, machine dates)"] += t3 - t2b
            totals["landmarks (one pass: positions, date/byline/breadcrumb elements)"] += t3b - t3
            totals["body (clean, score, paragraphs)"] += t4 - t3b
            try:
                t5 = clock()
                record = extract_article(data, url=gold.get("url"))
                t6 = clock()
                totals["extract_article total (all stages + printed dates, authors)"] += t6 - t5
                if enrich:
                    full = blank_record(**{k: v for k, v in record.items()
                                           if k in blank_record()})
                    t7 = clock()
                    enrich(full)
                    totals["enrichment (enrich.enrich)"] += clock() - t7
            except Rejected:
                pass
            count += 1
    return [(name, 1000 * seconds / count) for name, seconds in totals.items()]


def lxml_vs_bs4(pages) -> list[tuple[str, float]]:
    import lxml.html
    from bs4 import BeautifulSoup

    from kutim_corpus.extract.decode import decode_html, is_feed

    texts = [t for t in (decode_html(d) for _, d in pages) if not is_feed(t)]
    texts = [re.sub(r"^\s*<\?xml[^>]*\?>", "", t) for t in texts]
    started = time.process_time()
    for t in texts:
        lxml.html.document_fromstring(t)
    lx = (time.process_time() - started) / len(texts)
    started = time.process_time()
    for t in texts:
        BeautifulSoup(t, "lxml")
    bs = (time.process_time() - started) / len(texts)
    return [("lxml.html parse", lx * 1000), ("BeautifulSoup(lxml) parse (not used)", bs * 1000)]


# --- end-to-end build -------------------------------------------------------------------------

def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the build's worker)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _distinct_copies(dev: Path, raw: Path, copies: int) -> list[Path]:
    for copy in range(copies):
        folder = raw / f"copy{copy:03d}"
        folder.mkdir(parents=True)
        for path in sorted((dev / "pages").iterdir()):
            # a comment makes each copy distinct bytes (the build dedups identical pages later)
            (folder / path.name).write_bytes(path.read_bytes() + f"<!-- {copy} -->".encode())
    return sorted(raw.rglob("*.html"))


def build_throughput(dev: Path, copies: int, traf) -> dict[str, float] | None:
    """Pages per CPU-second of ``build_corpus(workers=1, use_cache=False)`` on the dev pages x
    ``copies`` and of trafilatura on the same files, plus the cost of the first build in a
    process (one-time: imports such as pandas, which pyarrow loads on its first array, and the
    enrichment tables), measured as the extra CPU time of a one-copy build run first."""
    try:
        from kutim_corpus.pipeline import build_corpus
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        first = _distinct_copies(dev, Path(tmp) / "first", 1)
        raw = Path(tmp) / "raw"
        inputs = _distinct_copies(dev, raw, copies)
        started = _cpu_seconds()
        build_corpus([first[0].parent], Path(tmp) / "out-first", workers=1, use_cache=False, progress=False)
        first_s = _cpu_seconds() - started
        started = _cpu_seconds()
        build_corpus([raw], Path(tmp) / "out", workers=1, use_cache=False, progress=False)
        ours_s = _cpu_seconds() - started
        started = _cpu_seconds()
        for path in inputs:
            traf(path.read_bytes(), None)
        traf_s = _cpu_seconds() - started
        started = _cpu_seconds()
        build_corpus([first[0].parent], Path(tmp) / "out-again", workers=1, use_cache=False, progress=False)
        again_s = _cpu_seconds() - started
    return {"pages": len(inputs), "build": len(inputs) / ours_s, "trafilatura": len(inputs) / traf_s,
            "first_build_extra_s": first_s - again_s, "first_pages": len(first)}


# --- synthetic portal pages (a second set, not the dev pages) -------------------------------

def synthetic_check(n: int, seed: int) -> str:
    """Generic extraction (profiles off) on ``n`` synthetic pages of kutim_corpus.synthetic
    (JNews-, GeneratePress- and PHP-like templates with their boilerplate), whose article
    records are known exactly."""
    from kutim_corpus.synthetic import synthetic_pages

    tally = Tally()
    for page in synthetic_pages(n, seed=seed):
        if page.kind == "duplicate":
            continue
        gold = {"file": page.path, "page_type": "article" if page.kind == "article" else "listing"}
        if page.record:
            gold.update(body=page.record["body"], title=page.record["title"],
                        published=page.record["published_local"])
        score(tally, gold, ours(False)(page.data, None))
    p, r, f1 = tally.f1()
    return (f"synthetic pages (seed {seed}, profiles off): {tally.articles} articles, body F1 {f1:.3f} "
            f"({p:.3f}/{r:.3f}), lowest {tally.worst[0]:.3f}, titles {fmt_ratio(tally.titles)}, "
            f"instants {fmt_ratio(tally.instants)}, listings rejected "
            f"{tally.negatives_rejected}/{tally.negatives}, articles rejected {tally.articles_rejected}, "
            f"boilerplate lines left {len(tally.leftovers)}")


def build_components(pages, traf, repeat: int) -> list[tuple[str, float]] | None:
    """Where a build's per-page time goes (ms/page), the stages of the worker's parse_page in
    turn, interleaved with trafilatura page by page, after one untimed warm-up round.
    Uses pipeline internals: skipped if they change."""
    try:
        from kutim_corpus import pipeline
        from kutim_corpus.enrich import enrich
        from kutim_corpus.limits import Limits, check_content

        to_record, signature = pipeline._base_record, pipeline._signature_hex
    except (ImportError, AttributeError):
        return None
    limits = Limits()
    totals: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for round_ in range(repeat + 1):
        for gold, data in pages:
            t0 = clock()
            check_content(data, limits)
            t1 = clock()
            try:
                record = extract_article(data, url=gold.get("url"), max_depth=limits.max_depth)
            except Rejected:
                record = None
            t2 = clock()
            if record is not None:
                enriched = enrich(to_record(record, gold.get("url")))
            t3 = clock()
            if record is not None:
                signature(enriched["body"])
            t4 = clock()
            traf(data, gold.get("url"))
            t5 = clock()
            if round_:
                totals["page checks (limits.check_content: size, type sniff)"] += t1 - t0
                totals["extract_article (with the nesting check on its tree)"] += t2 - t1
                totals["enrich"] += t3 - t2
                totals["near-duplicate signature (MinHash)"] += t4 - t3
                totals["trafilatura.extract (same pages, interleaved)"] += t5 - t4
    n = repeat * len(pages)
    return [(name, 1000 * seconds / n) for name, seconds in totals.items()]


# --- main -------------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", required=True, type=Path, help="gold set folder (gold.jsonl + pages/)")
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds over all pages (default 3)")
    parser.add_argument("--build-copies", type=int, default=5,
                        help="copies of the pages for the end-to-end build timing (0 skips it)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura")
    parser.add_argument("--synthetic", type=int, default=400,
                        help="also score N synthetic portal pages with profiles off (0 skips)")
    parser.add_argument("--per-site", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args(argv)

    gold_path = args.dev / "gold.jsonl"
    if not gold_path.exists():
        print(f"eval_extract: {gold_path} not found; pass --dev ../shared/eval/dev", file=sys.stderr)
        return 2
    golds = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    pages = [(g, (args.dev / "pages" / g["file"]).read_bytes()) for g in golds]
    print(f"{len(pages)} pages: {sum(g['page_type'] == 'article' for g in golds)} articles, "
          f"{sum(g['page_type'] != 'article' for g in golds)} listings/feeds; timing x{args.repeat}\n")

    systems = [("ours (profiles)", ours(True)), ("ours (--no-profiles)", ours(False))]
    traf = None
    if not args.no_trafilatura:
        traf = trafilatura_system()
        systems.append(("trafilatura precision", traf))
    results = {name: evaluate(system, pages) for name, system in systems}
    for name, seconds in time_interleaved(dict(systems), pages, args.repeat).items():
        results[name][0].seconds = seconds
        results[name][0].pages = args.repeat * len(pages)

    print("## Overall\n")
    print(HEADER)
    for name, (overall, _) in results.items():
        print(row(name, overall, True))
    if args.per_site:
        print("\n## Per site\n")
        print(HEADER)
        for site in sorted({g["site"] for g in golds}):
            for name, (_, per_site) in results.items():
                print(row(f"{site[:11]}: {name[:10]}", per_site[site], False))
    print("\n## Checks\n")
    for name, (overall, _) in results.items():
        f1, file = overall.worst
        print(f"- {name}: lowest article F1 {f1:.3f} ({file}); boilerplate lines left: "
              f"{len(overall.leftovers)}; author problems: {len(overall.bad_authors)}")
        for item in (overall.leftovers + overall.bad_authors)[:10]:
            print(f"    {item}")
    if traf:
        ours_speed = results["ours (profiles)"][0].pages / results["ours (profiles)"][0].seconds
        traf_speed = results["trafilatura precision"][0].pages / results["trafilatura precision"][0].seconds
        print(f"\nSpeed ratio extract_article / trafilatura.extract: {ours_speed / traf_speed:.1f}x "
              f"({ours_speed:.0f} vs {traf_speed:.0f} pages per CPU-second, one core)")

    if args.synthetic:
        print("\n" + synthetic_check(args.synthetic, seed=7))

    print("\n## Cost per stage (ms per page, mean)\n")
    print("| stage | ms/page |\n|---|---:|")
    for name, ms in lxml_vs_bs4(pages) + stage_costs(pages, args.repeat):
        print(f"| {name} | {ms:.2f} |")

    if traf:
        parts = build_components(pages, traf, args.repeat)
        if parts:
            print("\n## Build work per page (ms, mean over all pages, interleaved)\n")
            print("| part | ms/page |\n|---|---:|")
            for name, ms in parts:
                print(f"| {name} | {ms:.2f} |")

    if args.build_copies and traf:
        measured = build_throughput(args.dev, args.build_copies, traf)
        if measured:
            build_speed, traf_speed = measured["build"], measured["trafilatura"]
            print(f"\nEnd-to-end `build_corpus(workers=1, use_cache=False)` on {measured['pages']} pages: "
                  f"{build_speed:.1f} pages per CPU-second ({1000 / build_speed:.2f} ms/page); "
                  f"trafilatura.extract on the same pages: {traf_speed:.1f} ({1000 / traf_speed:.2f} ms/page); "
                  f"ratio {build_speed / traf_speed:.2f}x")
            extra = measured["first_build_extra_s"]
            cold_speed = measured["pages"] / (measured["pages"] / build_speed + extra)
            print(f"One-time cost of the first build in a process (not in the figure above): {extra:.2f} CPU-s "
                  f"(a {measured['first_pages']}-page build, first run minus a repeat); counted in, the "
                  f"{measured['pages']}-page build would be {cold_speed:.1f} pages per CPU-second, "
                  f"ratio {cold_speed / traf_speed:.2f}x")
            print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
