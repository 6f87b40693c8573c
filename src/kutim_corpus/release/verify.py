"""`kutim release verify PATH`: checksums, shard schemas, row counts and content against the manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from .. import schema
from . import rows

MANIFEST = "MANIFEST.json"
SUMS = "SHA256SUMS"


@dataclass
class VerifyReport:
    path: Path
    version: str | None = None
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    rows_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_release(path: str | Path) -> VerifyReport:
    root = Path(path)
    report = VerifyReport(root)
    if not root.is_dir():
        report.problems.append(f"{root}: not a folder")
        return report
    try:
        manifest = json.loads((root / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        report.problems.append(f"{MANIFEST}: missing (not a kutim release, or an incomplete copy)")
        return report
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        report.problems.append(f"{MANIFEST}: unreadable ({error})")
        return report
    report.version = manifest.get("version")
    files = {}
    for entry in manifest.get("files", []):
        if _is_safe(entry.get("path", "")):
            files[entry["path"]] = entry
        else:
            report.problems.append(f"{MANIFEST}: file path {entry.get('path')!r} points outside the release")
    intact = _check_files(root, files, report)
    _check_sums(root, files, report)
    _check_unexpected(root, set(files) | {MANIFEST, SUMS}, report)
    _check_shards(root, manifest, files, intact, report)
    _check_card(root, manifest, report)
    return report


def _is_safe(relative: str) -> bool:
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts and "\\" not in relative


def _check_files(root: Path, files: dict, report: VerifyReport) -> set[str]:
    intact = set()
    for relative, entry in sorted(files.items()):
        path = root / relative
        if not path.is_file():
            report.problems.append(f"{relative}: missing")
            continue
        report.files_checked += 1
        size = path.stat().st_size
        if size != entry["bytes"]:
            report.problems.append(f"{relative}: {size} bytes, manifest says {entry['bytes']} (truncated or altered)")
        elif rows.file_sha256(path) != entry["sha256"]:
            report.problems.append(f"{relative}: sha256 differs from the manifest (altered)")
        else:
            intact.add(relative)
    return intact


def _check_sums(root: Path, files: dict, report: VerifyReport) -> None:
    sums = root / SUMS
    if not sums.is_file():
        report.problems.append(f"{SUMS}: missing")
        return
    listed = set()
    for number, line in enumerate(sums.read_text("utf-8").splitlines(), 1):
        digest, sep, relative = line.partition("  ")
        if not sep:
            report.problems.append(f"{SUMS}: line {number} is not '<sha256>  <path>'")
            continue
        if not _is_safe(relative):
            report.problems.append(f"{SUMS}: line {number} points outside the release")
            continue
        listed.add(relative)
        path = root / relative
        if relative == MANIFEST and path.is_file() and rows.file_sha256(path) != digest:
            report.problems.append(f"{MANIFEST}: sha256 differs from {SUMS} (altered)")
        elif relative != MANIFEST and files.get(relative, {}).get("sha256") != digest:
            report.problems.append(f"{SUMS}: line {number} ({relative}) disagrees with the manifest")
    for relative in sorted(set(files) - listed):
        report.problems.append(f"{SUMS}: does not list {relative}")
    if MANIFEST not in listed:
        report.problems.append(f"{SUMS}: does not list {MANIFEST}")


def _check_unexpected(root: Path, known: set[str], report: VerifyReport) -> None:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and relative not in known and not any(p.startswith(".") for p in path.relative_to(root).parts):
            report.problems.append(f"{relative}: unexpected file, not in the manifest (would be loaded as data if under data/)")


def _check_shards(root: Path, manifest: dict, files: dict, intact: set[str], report: VerifyReport) -> None:
    expected = schema.arrow_schema()
    recorded_hash = manifest.get("schema", {}).get("hash")
    split_hashes: dict[str, list[tuple[str, str]]] = {}
    complete = True
    for relative, entry in files.items():
        if not entry.get("split"):
            continue
        path = root / relative
        if not path.is_file():
            complete = False
            continue
        try:
            parquet = pq.ParquetFile(path)
            found = parquet.schema_arrow
        except Exception as error:  # pyarrow raises several types for damaged files
            report.problems.append(f"{relative}: not a readable Parquet file ({type(error).__name__}: {error})")
            complete = False
            continue
        if found.names != expected.names or any(a.type != b.type for a, b in zip(found, expected, strict=False)):
            report.problems.append(f"{relative}: schema differs from the article schema {schema.schema_version()}")
        shard_hash = (found.metadata or {}).get(b"kutim.schema_hash", b"").decode()
        if shard_hash != recorded_hash:
            report.problems.append(f"{relative}: schema hash {shard_hash[:12] or 'none'} differs from the manifest")
        if parquet.metadata.num_rows != entry.get("rows"):
            report.problems.append(f"{relative}: {parquet.metadata.num_rows} rows, manifest says {entry.get('rows')}")
        try:
            hashes = [(row["id"], rows.row_hash(row)) for row in rows.iter_shard_rows(path)]
        except Exception as error:
            report.problems.append(f"{relative}: rows unreadable ({type(error).__name__}: {error})")
            complete = False
            continue
        ids = [i for i, _ in hashes]
        if ids != sorted(set(ids)):
            report.problems.append(f"{relative}: ids are not unique and sorted")
        report.rows_checked += len(hashes)
        split_hashes.setdefault(entry["split"], []).extend(hashes)
    for split, info in manifest.get("splits", {}).items():
        counted = len(split_hashes.get(split, []))
        if complete and counted != info.get("rows"):
            report.problems.append(f"split {split}: {counted} rows, manifest says {info.get('rows')}")
    if complete and not report.problems:
        ordered = ((s, sorted(split_hashes.get(s, []))) for s in manifest.get("splits", {}))
        if rows.content_fingerprint(ordered) != manifest.get("content_fingerprint"):
            report.problems.append("content fingerprint differs from the manifest (rows were changed)")


def _check_card(root: Path, manifest: dict, report: VerifyReport) -> None:
    card = root / "README.md"
    if not card.is_file():
        return  # already reported as missing
    text = card.read_text("utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        report.problems.append("README.md: no YAML front matter")
        return
    try:
        meta = yaml.safe_load(text[4:text.index("\n---\n", 4)])
        declared = {s["name"]: s["num_examples"] for s in meta["dataset_info"]["splits"]}
    except (yaml.YAMLError, KeyError, TypeError) as error:
        report.problems.append(f"README.md: front matter unreadable ({error})")
        return
    wanted = {name: info["rows"] for name, info in manifest.get("splits", {}).items()}
    if declared != wanted:
        report.problems.append(f"README.md: splits {declared} differ from the manifest {wanted}")
