"""Pair precision and recall of near-duplicate clustering on the labelled set, cleaned vs raw bodies.

    .venv/bin/python scripts/eval_clusters.py                      # default options
    .venv/bin/python scripts/eval_clusters.py --threshold 0.5 --sweep

The labelled set (eval/clusters/labelled.jsonl.gz, written by eval/clusters/make_labelled.py) holds
stories re-posted with realistic edits plus distinct stories on the same topics. A pair of
articles is "true" when both carry the same story label, "predicted" when both got the same
cluster_id. Baseline, side by side: the same MinHash/LSH on raw bodies (only case and punctuation
normalised: no dateline, marker or boilerplate stripping). Targets: precision >= 0.98, recall >= 0.95.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "eval" / "clusters" / "labelled.jsonl.gz"
TARGET_PRECISION = 0.98
TARGET_RECALL = 0.95


def load(path: Path) -> list[dict]:
    if not path.exists():
        sys.exit(f"eval_clusters: {path} is missing; write it with: .venv/bin/python eval/clusters/make_labelled.py")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def pairs_by(rows: list[dict], key) -> set[tuple[str, str]]:
    groups: dict[object, list[str]] = defaultdict(list)
    for row in rows:
        label = key(row)
        if label is not None:
            groups[label].append(row["id"])
    return {tuple(sorted(pair)) for ids in groups.values() for pair in combinations(ids, 2)}


def score(rows: list[dict], *, raw: bool, threshold: float, num_perm: int, shingle_size: int) -> dict:
    from kutim_corpus.clusters import assign_clusters

    started = time.perf_counter()
    info = assign_clusters(
        ((r["id"], r["published_at"], r["body"]) for r in rows),
        threshold=threshold, num_perm=num_perm, shingle_size=shingle_size, raw=raw,
    )
    seconds = time.perf_counter() - started
    truth = pairs_by(rows, lambda r: r["story"])
    predicted = pairs_by(rows, lambda r: info[r["id"]].cluster_id if r["id"] in info else None)
    hits = len(truth & predicted)
    earliest = _representatives_right(rows, info)
    return {
        "precision": hits / len(predicted) if predicted else 1.0,
        "recall": hits / len(truth) if truth else 1.0,
        "true_pairs": len(truth), "predicted_pairs": len(predicted), "correct_pairs": hits,
        "clusters": len({i.cluster_id for i in info.values()}), "representatives_right": earliest,
        "missed": sorted(truth - predicted), "wrong": sorted(predicted - truth), "seconds": seconds,
    }


def _representatives_right(rows: list[dict], info: dict) -> str:
    """How many predicted clusters name their earliest member (ties by id) as cluster_id."""
    from datetime import datetime

    members: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["id"] in info:
            members[info[row["id"]].cluster_id].append(row)
    right = sum(
        1 for cluster_id, group in members.items()
        if min(group, key=lambda r: (datetime.fromisoformat(r["published_at"]), r["id"]))["id"] == cluster_id
    )
    return f"{right}/{len(members)}"


def _edit_recall(rows: list[dict], result: dict) -> dict[str, str]:
    """Recall of (original, re-post) pairs by the kind of edit the re-post carries."""
    by_id = {r["id"]: r for r in rows}
    originals = {r["story"]: r["id"] for r in rows if "original" in r["edits"]}
    missed = set(result["missed"])
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if "original" in row["edits"]:
            continue
        pair = tuple(sorted((row["id"], originals[row["story"]])))
        for edit in row["edits"]:
            counts[edit][0] += pair not in missed
            counts[edit][1] += 1
    short = {r["story"] for r in rows if "original" in r["edits"] and len(r["body"].split()) <= 80}
    for row in rows:
        if row["story"] in short and "original" not in row["edits"]:
            pair = tuple(sorted((row["id"], originals[row["story"]])))
            counts["(short story, <=80 words)"][0] += pair not in missed
            counts["(short story, <=80 words)"][1] += 1
    return {edit: f"{found}/{total}" for edit, (found, total) in sorted(counts.items()) if by_id}


def margins(rows: list[dict], shingle_size: int) -> str:
    """Exact Jaccard of cleaned shingle sets: the weakest true pair and the closest false pair."""
    from kutim_corpus.clusters import clean_body, shingles

    grams = {r["id"]: set(shingles(clean_body(r["body"]), shingle_size)) for r in rows}
    story = {r["id"]: r["story"] for r in rows}
    weakest, closest = 1.0, 0.0
    for left, right in combinations(sorted(grams), 2):
        a, b = grams[left], grams[right]
        if story[left] == story[right]:
            weakest = min(weakest, len(a & b) / len(a | b))
        elif a & b:
            closest = max(closest, len(a & b) / len(a | b))
    return f"exact Jaccard of cleaned shingles: weakest true pair {weakest:.3f}, closest distinct pair {closest:.3f}"


def report(rows: list[dict], args) -> bool:
    cleaned = score(rows, raw=False, threshold=args.threshold, num_perm=args.num_perm, shingle_size=args.shingle_size)
    raw = score(rows, raw=True, threshold=args.threshold, num_perm=args.num_perm, shingle_size=args.shingle_size)
    stories = len({r["story"] for r in rows})
    reposted = len({r["story"] for r in rows if "original" not in r["edits"]})
    print(f"labelled set: {len(rows)} articles, {stories} stories ({reposted} re-posted, {stories - reposted} single)")
    print(margins(rows, args.shingle_size))
    print(f"options: threshold {args.threshold}, {args.num_perm} permutations, {args.shingle_size}-word shingles\n")
    print(f"{'':24}{'cleaned (kutim)':>18}{'raw baseline':>16}")
    for name in ("precision", "recall"):
        print(f"{'pair ' + name:24}{cleaned[name]:>18.4f}{raw[name]:>16.4f}")
    for name in ("true_pairs", "predicted_pairs", "correct_pairs", "clusters", "representatives_right"):
        print(f"{name.replace('_', ' '):24}{cleaned[name]!s:>18}{raw[name]!s:>16}")
    print(f"{'seconds':24}{cleaned['seconds']:>18.2f}{raw['seconds']:>16.2f}")
    print("\nrecall of (original, re-post) pairs by edit, cleaned | raw:")
    clean_edits, raw_edits = _edit_recall(rows, cleaned), _edit_recall(rows, raw)
    for edit, value in clean_edits.items():
        print(f"  {edit:28}{value:>10} | {raw_edits[edit]}")
    ok = cleaned["precision"] >= TARGET_PRECISION and cleaned["recall"] >= TARGET_RECALL
    verdict = "meets" if ok else "MISSES"
    print(f"\ncleaned bodies {verdict} the targets (precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL})")
    if cleaned["wrong"]:
        print(f"wrongly linked pairs (first 5): {cleaned['wrong'][:5]}")
    if cleaned["missed"]:
        print(f"missed pairs (first 5): {cleaned['missed'][:5]}")
    return ok


def sweep(rows: list[dict], args) -> None:
    print("\nthreshold sweep (cleaned precision/recall | raw precision/recall):")
    for threshold in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        c = score(rows, raw=False, threshold=threshold, num_perm=args.num_perm, shingle_size=args.shingle_size)
        r = score(rows, raw=True, threshold=threshold, num_perm=args.num_perm, shingle_size=args.shingle_size)
        print(f"  {threshold:.1f}  {c['precision']:.4f} / {c['recall']:.4f}  |  {r['precision']:.4f} / {r['recall']:.4f}")


def synthetic_check(n: int, args) -> None:
    """Pair precision/recall at scale against kutim_corpus.synthetic's own re-posts (repost_of)."""
    from kutim_corpus.synthetic import story_record, synthetic_stories

    rows = []
    for story in synthetic_stories(n, seed=5):
        record = story_record(story, validate=False)
        rows.append({"id": record["id"], "published_at": record["published_at"], "body": record["body"],
                     "story": story.extra.get("repost_of", story.key)})
    result = score(rows, raw=False, threshold=args.threshold, num_perm=args.num_perm, shingle_size=args.shingle_size)
    print(f"\nsynthetic corpus of {n} articles (re-posts made by kutim_corpus.synthetic): "
          f"{result['true_pairs']} true pairs, precision {result['precision']:.4f}, recall {result['recall']:.4f}")


def main(argv: list[str] | None = None) -> int:
    from kutim_corpus.clusters import DEFAULT_NUM_PERM, DEFAULT_SHINGLE_SIZE, DEFAULT_THRESHOLD

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labelled", type=Path, default=LABELLED, help="labelled set (.jsonl.gz)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--num-perm", type=int, default=DEFAULT_NUM_PERM)
    parser.add_argument("--shingle-size", type=int, default=DEFAULT_SHINGLE_SIZE)
    parser.add_argument("--sweep", action="store_true", help="also print precision/recall at thresholds 0.4-0.9")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="also score N synthetic articles against their re-post ground truth")
    args = parser.parse_args(argv)
    rows = load(args.labelled)
    ok = report(rows, args)
    if args.sweep:
        sweep(rows, args)
    if args.synthetic:
        synthetic_check(args.synthetic, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
