"""Versioned dataset releases: a Hugging Face dataset folder per version, immutable and verifiable.

Layout of ``data/releases/1.2.0/``: ``data/<split>-0000K-of-0000N.parquet``, ``README.md`` (dataset
card with YAML front matter), ``MANIFEST.json``, ``SHA256SUMS``, ``CHANGELOG.md``, ``croissant.json``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .build import ReleaseExists, ReleaseOutcome, make_release
from .diff import ReleaseDiff, diff_releases, render_text
from .shards import DEFAULT_SPLITS, parse_splits
from .verify import VerifyReport, verify_release
from .versions import check_version, is_version, version_key

__all__ = [
    "DEFAULT_SPLITS", "ReleaseDiff", "ReleaseExists", "ReleaseInfo", "ReleaseOutcome", "VerifyReport",
    "check_version", "diff_releases", "list_releases", "make_release", "parse_splits", "render_text",
    "resolve_release", "verify_release",
]


@dataclass
class ReleaseInfo:
    version: str
    path: Path
    release_date: str | None
    articles: int | None
    splits: dict[str, int]
    dedup: bool | None
    content_fingerprint: str | None
    complete: bool


def list_releases(out_dir: str | os.PathLike) -> list[ReleaseInfo]:
    """Releases in ``out_dir``, oldest version first (folders without a manifest are incomplete)."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    found = []
    for path in out_dir.iterdir():
        if not (path.is_dir() and is_version(path.name)):
            continue
        try:
            manifest = json.loads((path / "MANIFEST.json").read_text("utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            found.append(ReleaseInfo(path.name, path, None, None, {}, None, None, False))
            continue
        found.append(ReleaseInfo(
            path.name, path, manifest.get("release_date"), manifest["selection"]["released_articles"],
            {n: s["rows"] for n, s in manifest["splits"].items()}, manifest["selection"]["dedup"],
            manifest.get("content_fingerprint"), True,
        ))
    return sorted(found, key=lambda r: version_key(r.version))


def resolve_release(name: str, out_dir: str | os.PathLike = "data/releases") -> Path:
    """A release folder from a path, or from a version looked up in ``out_dir``."""
    path = Path(name)
    if path.is_dir():
        return path
    if is_version(name) and (Path(out_dir) / name).is_dir():
        return Path(out_dir) / name
    from ..errors import UsageError

    raise UsageError(f"no release {name!r}: give a release folder or a version found in {out_dir} (see `kutim release list`)")
