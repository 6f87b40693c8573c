#!/usr/bin/env python3
"""Measure enrichment against the annotated set in eval/enrich/*.jsonl.

Prints region accuracy, agency / people / quote precision and recall, advertorial precision
and recall, dateline accuracy and the CPU cost of ``enrich`` per page (process time, so other
jobs on the machine disturb it less than wall time), with the cost of a naive
region scan (one substring test per region name, the approach the index replaces) measured
side by side in the same run.

Examples:
    .venv/bin/python scripts/eval_enrich.py
    .venv/bin/python scripts/eval_enrich.py --verbose          # every miss and false hit
    .venv/bin/python scripts/eval_enrich.py --strict           # exit 1 when a target fails
    .venv/bin/python scripts/eval_enrich.py --repeat 50        # steadier timing
    .venv/bin/python scripts/eval_enrich.py --dev ../shared/eval/dev   # also time real pages

With --dev (default: ../shared/eval/dev when present) enrich is also timed on the full-length
real article pages of the development set, next to the cost of extracting them from HTML.
Those pages are only measured, never copied.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import time
from pathlib import Path

from kutim_corpus.enrich import enrich, warm_up
from kutim_corpus.enrich.gazetteer import gazetteer

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "region accuracy": 0.95,
    "agency precision": 0.95,
    "agency recall": 0.90,
    "advertorial precision": 1.0,
    "advertorial recall": 1.0,
}
MAX_MS_PER_PAGE = 2.0


def load(folder: Path) -> dict[str, list[dict]]:
    """Annotated articles per file (articles.jsonl: the set the rules were developed on;
    heldout.jsonl: written afterwards and not tuned on)."""
    groups: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        items = groups.setdefault(path.stem, [])
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as error:
                    sys.exit(f"{path}:{number}: not JSON ({error}); fix the line and rerun")
    if not any(groups.values()):
        sys.exit(f"no annotated articles in {folder}/*.jsonl")
    return groups


def record_of(item: dict) -> dict:
    return {key: item.get(key) for key in ("title", "body", "breadcrumb", "section", "url", "site", "tags")} | {
        "breadcrumb": item.get("breadcrumb") or [], "tags": item.get("tags") or [], "parser": "eval"}


def norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def agency_keys(agencies: list[dict], expected: list[dict] | None = None) -> set[tuple]:
    """(acronym or name, region_code); a found body without acronym matches an expected name
    it starts with ("Dinas Perdagangan Kabupaten X" is the expected "Dinas Perdagangan")."""
    names = [norm(e["name"]) for e in expected or () if not e.get("acronym")]
    keys = set()
    for agency in agencies:
        label = norm(agency.get("acronym") or agency.get("name"))
        if not agency.get("acronym"):
            label = next((n for n in names if label.startswith(n)), label)
        keys.add((label, agency.get("region_code")))
    return keys


class Tally:
    def __init__(self) -> None:
        self.true_pos = self.false_pos = self.false_neg = 0

    def add(self, predicted: set, expected: set) -> tuple[set, set]:
        self.true_pos += len(predicted & expected)
        self.false_pos += len(predicted - expected)
        self.false_neg += len(expected - predicted)
        return predicted - expected, expected - predicted

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0


def quote_keys(quotes: list[dict], expected: list[dict]) -> tuple[set, set]:
    """Expected quotes give the first words; a found quote matches when it starts with them."""
    wanted = {(norm(q["speaker"]), norm(q["text_start"])) for q in expected}
    found = set()
    for quote in quotes:
        text = norm(quote["text"])
        match = next((w for w in wanted if w[0] == norm(quote["speaker"]) and text.startswith(w[1])), None)
        found.add(match or (norm(quote["speaker"]), text[:40]))
    return found, wanted


def evaluate(items: list[dict], verbose: bool) -> dict[str, float]:
    region_ok = dateline_ok = marker_ok = 0
    agencies, people, quotes, adverts = Tally(), Tally(), Tally(), Tally()
    for item in items:
        out, want = enrich(record_of(item)), item["expected"]
        problems = []
        if out["region_code"] == want["region_code"]:
            region_ok += 1
        else:
            problems.append(f"region {out['region_code']} ({out['region_source']}) != {want['region_code']}")
        dateline_ok += out["dateline"] == want.get("dateline")
        marker_ok += out["advertorial_marker"] == want.get("advertorial_marker")
        adverts.add({True} if out["is_advertorial"] else set(), {True} if want["is_advertorial"] else set())
        extra, missed = agencies.add(agency_keys(out["agencies"], want["agencies"]),
                                     agency_keys(want["agencies"]))
        if extra or missed:
            problems.append(f"agencies extra={sorted(extra, key=str)} missed={sorted(missed, key=str)}")
        extra, missed = people.add({norm(p["name"]) for p in out["people"]}, {norm(n) for n in want["people"]})
        if extra or missed:
            problems.append(f"people extra={sorted(extra)} missed={sorted(missed)}")
        extra, missed = quotes.add(*quote_keys(out["quotes"], want["quotes"]))
        if extra or missed:
            problems.append(f"quotes extra={sorted(extra)} missed={sorted(missed)}")
        if verbose and problems:
            print(f"{item['id']}: " + "\n      ".join(problems))
    count = len(items)
    return {
        "region accuracy": region_ok / count,
        "agency precision": agencies.precision, "agency recall": agencies.recall,
        "people precision": people.precision, "people recall": people.recall,
        "quote precision": quotes.precision, "quote recall": quotes.recall,
        "advertorial precision": adverts.precision, "advertorial recall": adverts.recall,
        "advertorial marker accuracy": marker_ok / count,
        "dateline accuracy": dateline_ok / count,
    }


def naive_region_scan(record: dict) -> list[str]:
    """Baseline: test every region name of the gazetteer against the text, one by one."""
    text = f" {norm(record['title'])} {norm(record['body'])} "
    return [code for name, code in NAIVE_NAMES if name in text]


NAIVE_NAMES: list[tuple[str, str]] = []


def timing(items: list[dict], repeat: int) -> tuple[float, float]:
    records = [record_of(item) for item in items]
    NAIVE_NAMES.extend((f" {' '.join(key)} ", places[0].code) for key, places in gazetteer().index.items())
    results = []
    for function in (enrich, naive_region_scan):
        started = time.process_time()
        for _ in range(repeat):
            for record in records:
                function(record)
        results.append((time.process_time() - started) * 1000 / (repeat * len(records)))
    return results[0], results[1]


def real_page_timing(dev: Path, repeat: int) -> dict[str, float] | None:
    """ms/page of extract_article and of enrich on the real article pages of the dev set."""
    gold = dev / "gold.jsonl"
    if not gold.exists():
        return None
    try:
        from kutim_corpus.errors import Rejected
        from kutim_corpus.extract import extract_article
    except ImportError:
        extract_article = None
    pages = []
    for line in gold.read_text("utf-8").splitlines():
        entry = json.loads(line)
        if entry["page_type"] == "article" and entry.get("body"):
            pages.append(entry)
    records, raw = [], []
    for entry in pages:
        data = (dev / "pages" / entry["file"]).read_bytes()
        raw.append((data, entry.get("url")))
        records.append({"title": entry.get("title") or "", "body": entry["body"], "url": entry.get("url"),
                        "site": None, "breadcrumb": [], "tags": [], "section": None})
    result = {"pages": len(records),
              "words": sum(len(r["body"].split()) for r in records) / len(records)}
    started = time.process_time()
    for _ in range(repeat):
        for record in records:
            enrich(record)
    result["enrich"] = (time.process_time() - started) * 1000 / (repeat * len(records))
    if extract_article is None:
        return result
    started = time.process_time()
    try:
        for _ in range(max(1, repeat // 5)):
            for data, url in raw:
                # a photo page rejected as empty still cost its extraction time
                with contextlib.suppress(Rejected):
                    extract_article(data, url=url)
    except Exception as error:  # noqa: BLE001 - the extractor's own failure is reported, not ours
        result["extract_error"] = f"{type(error).__name__}: {error}"
        return result
    result["extract"] = (time.process_time() - started) * 1000 / (max(1, repeat // 5) * len(raw))
    return result


def synthetic_agreement(count: int) -> dict[str, float]:
    """Agreement with the labels of the synthetic story generator (written by another module,
    so an independent check of region, dateline, advertorial, people and quotes)."""
    from kutim_corpus.enrich.people import clean_name
    from kutim_corpus.synthetic import synthetic_records

    def name(raw: str | None) -> str:
        # the generator's labels keep honorifics ("H. Umi Pratama"); the schema's names do not
        return norm(clean_name(raw or "") or raw)

    fields = ("region_code", "dateline", "is_advertorial", "advertorial_marker")
    same = dict.fromkeys(fields, 0)
    people, quotes = Tally(), Tally()
    records = list(synthetic_records(count, seed=11))
    for record in records:
        out = enrich({key: record[key] for key in
                      ("title", "body", "url", "site", "breadcrumb", "tags", "section")})
        for field in fields:
            same[field] += out[field] == record[field]
        people.add({name(p["name"]) for p in out["people"]}, {name(p["name"]) for p in record["people"]})
        quotes.add({(name(q["speaker"]), norm(q["text"])) for q in out["quotes"]},
                   {(name(q["speaker"]), norm(q["text"])) for q in record["quotes"]})
    result = {f"{field} agreement": same[field] / len(records) for field in fields}
    result |= {"people precision": people.precision, "people recall": people.recall,
               "quote precision": quotes.precision, "quote recall": quotes.recall}
    return result


def sample_expectations(readme: Path) -> dict[str, dict]:
    """file -> {dateline, advertorial_marker, region_code} from the table in data/raw/README.md
    (written by the sample-data helper, independently of this module)."""
    expected = {}
    header = None
    for line in readme.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if "dateline" in cells and "region" in cells:
            header = cells
            continue
        if header is None or not line.startswith("|") or set(line) <= set("|- "):
            continue
        if len(cells) != len(header):
            header = None  # the next table
            continue
        row = dict(zip(header, cells, strict=True))
        marker = row["advertorial"]
        expected[row["file"].split(" (")[0]] = {
            "dateline": row["dateline"],
            "advertorial_marker": None if marker == "no" else marker,
            "region_code": row["region"].split()[0],
        }
    return expected


def sample_check(folder: Path, verbose: bool) -> dict[str, float] | None:
    """Extract and enrich the sample pages; compare with data/raw/README.md."""
    readme = folder.parent / "README.md"
    if not folder.is_dir() or not readme.exists():
        return None
    import gzip

    from kutim_corpus.extract import extract_article

    expected = sample_expectations(readme)
    same = {"dateline": 0, "advertorial_marker": 0, "region_code": 0}
    for name, want in sorted(expected.items()):
        data = (folder / name).read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        extracted = extract_article(data)
        out = enrich(extracted | {"breadcrumb": extracted.get("breadcrumb") or [],
                                  "tags": extracted.get("tags") or []})
        for field in same:
            if out[field] == want[field]:
                same[field] += 1
            elif verbose:
                print(f"sample {name}: {field} {out[field]!r} != {want[field]!r}")
    return {"pages": len(expected)} | {f"{k} agreement": v / len(expected) for k, v in same.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=ROOT / "eval" / "enrich", help="folder of *.jsonl (default eval/enrich)")
    parser.add_argument("--repeat", type=int, default=20, help="timing repetitions over the set (default 20)")
    parser.add_argument("--verbose", action="store_true", help="print every article with a miss or false hit")
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev",
                        help="development set of real pages for timing (default ../shared/eval/dev)")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N",
                        help="also compare with N stories of kutim_corpus.synthetic (default 0: off)")
    parser.add_argument("--sample", type=Path, default=ROOT / "data" / "raw" / "sample",
                        help="sample pages described in data/raw/README.md (default data/raw/sample)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is not met")
    args = parser.parse_args()

    groups = load(args.set)
    groups["all"] = [item for items in list(groups.values()) for item in items]
    warm_up()
    scores = {name: evaluate(items, args.verbose and name != "all") for name, items in groups.items()}
    enrich_ms, naive_ms = timing(groups["all"], args.repeat)
    words = sum(len(item["body"].split()) for item in groups["all"]) / len(groups["all"])

    print(f"\nEnrichment on {len(groups['all'])} annotated articles in {args.set}/*.jsonl "
          f"(mean {words:.0f} words per body)\n")
    names = list(groups)
    print("| metric | " + " | ".join(f"{n} ({len(groups[n])})" for n in names) + " | target (all) |")
    print("| --- |" + " ---: |" * (len(names) + 1))
    failed = []
    for metric in scores["all"]:
        target = TARGETS.get(metric)
        value = scores["all"][metric]
        mark = "" if target is None else (f">= {target:.0%}" + ("" if value >= target else " FAIL"))
        if target is not None and value < target:
            failed.append(metric)
        print(f"| {metric} | " + " | ".join(f"{scores[n][metric]:.1%}" for n in names) + f" | {mark} |")
    if enrich_ms > MAX_MS_PER_PAGE:
        failed.append("ms/page")
    print(f"\n| timing: CPU time of this process (same run, {args.repeat} passes) | ms/page |")
    print("| --- | ---: |")
    print(f"| enrich (all fields) | {enrich_ms:.3f} (target <= {MAX_MS_PER_PAGE}) |")
    print(f"| naive region scan (one substring test per gazetteer name) | {naive_ms:.3f} |")
    print(f"| ratio enrich / naive | {enrich_ms / naive_ms:.2f}x |")
    real = real_page_timing(args.dev, args.repeat)
    if real:
        if real["enrich"] > MAX_MS_PER_PAGE:
            failed.append("ms/page on real pages")
        print(f"| enrich on {real['pages']} real article pages of {args.dev.name}/ "
              f"(mean {real['words']:.0f} words) | {real['enrich']:.3f} (target <= {MAX_MS_PER_PAGE}) |")
        if "extract_error" in real:
            print(f"\nextraction cost not measured: extract_article failed ({real['extract_error']})")
        if "extract" in real:
            print(f"| extract_article on the same pages (HTML -> record) | {real['extract']:.3f} |")
            print(f"| ratio enrich / extract | {real['enrich'] / real['extract']:.2f}x |")
    try:
        sample = sample_check(args.sample, args.verbose)
    except Exception as error:  # noqa: BLE001 - extraction belongs to another stage: report it
        print(f"\nsample pages not checked: {type(error).__name__}: {error}")
        sample = None
    if sample:
        print(f"\n| {sample.pop('pages')} sample articles ({args.sample.name}/, expected values from "
              f"data/raw/README.md), extracted then enriched | |")
        print("| --- | ---: |")
        for metric, value in sample.items():
            print(f"| {metric} | {value:.1%} |")
    if args.synthetic:
        print(f"\n| agreement with {args.synthetic} synthetic stories (kutim_corpus.synthetic labels) | |")
        print("| --- | ---: |")
        for metric, value in synthetic_agreement(args.synthetic).items():
            print(f"| {metric} | {value:.1%} |")
    if failed:
        print(f"\nTargets not met: {', '.join(failed)} (run with --verbose to see the articles)")
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
