"""`kutim release VERSION`: assemble a release in a temporary folder, then rename it into place."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__, corpus, schema
from ..errors import UsageError
from ..locking import pid_alive
from . import card, diff, rows, shards
from .croissant import build_croissant
from .stats import Stats
from .versions import check_version, is_version, version_key

NAME = "kutim-corpus"
PRETTY_NAME = "kutim-corpus: regional Indonesian news from Kutai Timur"
HOMEPAGE = "https://github.com/kutim-corpus/kutim-corpus"
LICENSE = {
    "hub": "other",
    "name": "news-publishers-copyright",
    "croissant": "Other: the news texts belong to their publishers (research use with attribution, no "
                 "republication); metadata and enrichment by the kutim-corpus authors. See README.md.",
}
BUILD_KEYS = ("tool_version", "options", "inputs_fingerprint")  # copied from build.json besides counts
SIDE_FILES = ("README.md", "CHANGELOG.md", "croissant.json")
MANIFEST = "MANIFEST.json"
SUMS = "SHA256SUMS"
PAUSE_ENV = "KUTIM_RELEASE_PAUSE_AFTER_SHARD"  # test hook: seconds to sleep after each shard
TMP_PATTERN = re.compile(r"^\.(?P<version>.+)\.tmp-(?P<pid>\d+)$")


class ReleaseExists(UsageError):
    """The version exists with other content: releases are immutable."""


@dataclass
class ReleaseOutcome:
    path: Path
    status: str  # "created" | "identical"
    manifest: dict
    warnings: list[str] = field(default_factory=list)


@dataclass
class Settings:
    dedup: bool
    splits: tuple[tuple[str, float], ...]
    release_date: str | None
    max_shard_bytes: int

    def as_dict(self) -> dict:
        return {"dedup": self.dedup, "splits": {n: round(w, 9) for n, w in self.splits},
                "release_date": self.release_date}


def make_release(
    corpus_dir: str | os.PathLike,
    version: str,
    out_dir: str | os.PathLike = "data/releases",
    *,
    dedup: bool = False,
    release_date: str | None = None,
    splits: tuple[tuple[str, float], ...] = shards.DEFAULT_SPLITS,
    max_shard_bytes: int = shards.MAX_SHARD_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> ReleaseOutcome:
    """Write ``out_dir/version`` from the corpus at ``corpus_dir``, or confirm it already exists identically."""
    check_version(version)
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    _check_corpus(corpus_dir)
    if release_date is not None:
        _check_date(release_date)
    out_dir.mkdir(parents=True, exist_ok=True)
    warnings = clean_stale_temporaries(out_dir)
    final = out_dir / version
    settings = Settings(dedup, splits, release_date, max_shard_bytes)
    if final.exists():
        existing = _existing_manifest(final)
        if existing.get("corpus", {}).get("fingerprint") == corpus.fingerprint(corpus_dir) and \
                existing.get("settings") == _settings_for(settings, corpus_dir).as_dict():
            return ReleaseOutcome(final, "identical", existing, warnings)
    tmp = out_dir / f".{version}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        manifest, build_warnings = _assemble(corpus_dir, version, out_dir, tmp, settings, progress)
        warnings += build_warnings
        if final.exists() or not _publish_folder(tmp, final):
            return _compare_existing(final, manifest, warnings)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ReleaseOutcome(final, "created", manifest, warnings)


def _check_corpus(corpus_dir: Path) -> None:
    if not corpus_dir.is_dir():
        raise UsageError(f"corpus folder {corpus_dir} not found: build it first with `kutim build RAW --out {corpus_dir}`")
    corpus.read_build_info(corpus_dir)  # FileNotFoundError says what to do
    parts = corpus.article_parts(corpus_dir)
    if not parts:
        raise UsageError(f"{corpus_dir} has no articles/part-*.parquet: rebuild it with `kutim build`")
    for part in parts:
        try:
            found = pq.read_schema(part)
        except (pa.ArrowException, OSError) as error:
            raise UsageError(f"{part} is not a readable Parquet file ({error}): rebuild the corpus with `kutim build`") from None
        shards.check_corpus_schema(found, str(part))


def _check_date(text: str) -> None:
    try:
        date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"release date {text!r} is not YYYY-MM-DD") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise UsageError(f"release date {text!r} is not YYYY-MM-DD")


def _existing_manifest(final: Path) -> dict:
    try:
        return diff.read_manifest(final)
    except (FileNotFoundError, json.JSONDecodeError):
        raise ReleaseExists(
            f"{final} exists but is not a complete release (no readable MANIFEST.json); "
            "move it away or choose another version"
        ) from None


def _settings_for(settings: Settings, corpus_dir: Path) -> Settings:
    if settings.release_date is not None:
        return settings
    return Settings(settings.dedup, settings.splits, derived_release_date(corpus_dir), settings.max_shard_bytes)


def derived_release_date(corpus_dir: Path) -> str | None:
    """The day (UTC) of the latest publication in the corpus: never the wall clock."""
    latest = None
    for batch in corpus.iter_article_batches(corpus_dir, columns=["published_at"]):
        value = pa.compute.max(batch.column("published_at")).as_py()
        if value is not None and (latest is None or value > latest):
            latest = value
    return latest.date().isoformat() if latest else None


def _compare_existing(final: Path, manifest: dict, warnings: list[str]) -> ReleaseOutcome:
    existing = _existing_manifest(final)
    if existing.get("content_fingerprint") == manifest["content_fingerprint"] and \
            existing.get("settings") == manifest["settings"]:
        return ReleaseOutcome(final, "identical", existing, warnings)
    raise ReleaseExists(
        f"release {manifest['version']} already exists in {final.parent} with different content "
        f"(content fingerprint {existing.get('content_fingerprint', '?')[:16]} != "
        f"{manifest['content_fingerprint'][:16]}); releases are never overwritten: bump the version"
    )


def _publish_folder(tmp: Path, final: Path) -> bool:
    """Rename the finished release into place; False when a concurrent run got there first."""
    for path in sorted(tmp.rglob("*")):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    try:
        os.rename(tmp, final)  # atomic; refuses a non-empty target
    except OSError as error:
        if error.errno in (errno.ENOTEMPTY, errno.EEXIST) and final.exists():
            return False
        raise
    fd = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def clean_stale_temporaries(out_dir: Path) -> list[str]:
    """Remove temporary folders left by killed release runs (their process is gone)."""
    messages = []
    for path in sorted(out_dir.iterdir()):
        match = TMP_PATTERN.match(path.name)
        if match and path.is_dir() and not pid_alive(int(match["pid"])):
            shutil.rmtree(path, ignore_errors=True)
            messages.append(f"removed {path}, left by an interrupted release (process {match['pid']} is gone)")
    return messages


def previous_release(out_dir: Path, version: str) -> Path | None:
    """The highest complete release in ``out_dir`` below ``version``."""
    older = [p for p in out_dir.iterdir() if p.is_dir() and is_version(p.name)
             and (p / MANIFEST).is_file() and version_key(p.name) < version_key(version)]
    return max(older, key=lambda p: version_key(p.name)) if older else None


@dataclass
class _Written:
    """What writing the shards produced: the inputs of the manifest, card and changelog."""

    stats: Stats = field(default_factory=Stats)
    splits: dict[str, dict] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    hashes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # split -> (id, row hash)

    def index(self) -> dict[str, tuple[str, str]]:
        return {i: (split, h) for split, pairs in self.hashes.items() for i, h in pairs}


def _assemble(corpus_dir, version, out_dir, tmp, settings, progress):
    given_date = settings.release_date is not None
    settings = _settings_for(settings, corpus_dir)
    plan = shards.plan_release(corpus_dir, dedup=settings.dedup, splits=settings.splits,
                               max_shard_bytes=settings.max_shard_bytes)
    if not plan.shards:
        raise UsageError(f"{corpus_dir} has no articles to release")
    warnings = [f"split {name!r} received no article and is left out of the release" for name in plan.empty_splits]
    routed = shards.route_rows(corpus_dir, plan, tmp / ".work",
                               progress=(lambda n: progress(n, plan.corpus_rows)) if progress else None)
    written = _write_shards(plan, routed, tmp)
    shutil.rmtree(tmp / ".work")
    manifest = _manifest(version, corpus_dir, settings, plan, written, given_date)
    previous = previous_release(out_dir, version)
    manifest["previous_version"] = previous.name if previous else None
    (tmp / MANIFEST).write_text(json.dumps(manifest), "utf-8")  # read by the diff, rewritten below
    release_diff = diff.diff_releases(previous, tmp, new_index=written.index())
    manifest["diff"] = release_diff.counts() | {"schema_changed": release_diff.schema_changed}
    _write_side_files(tmp, manifest, previous, release_diff)
    return manifest, warnings


def _write_shards(plan, routed, tmp: Path) -> _Written:
    written = _Written()
    pause = float(os.environ.get(PAUSE_ENV, "0") or 0)
    for shard, work_file in zip(plan.shards, routed, strict=True):
        table = shards.write_shard(work_file, tmp / shard.path)
        written.stats.add(table)
        written.hashes.setdefault(shard.split, []).extend(rows.table_row_hashes(table))
        entry = _file_entry(tmp, shard.path) | {"rows": table.num_rows, "split": shard.split}
        written.files.append(entry)
        info = written.splits.setdefault(shard.split, {"rows": 0, "num_bytes": 0, "bytes": 0, "files": []})
        info["rows"] += table.num_rows
        info["num_bytes"] += table.nbytes
        info["bytes"] += entry["bytes"]
        info["files"].append(shard.path)
        if pause:
            time.sleep(pause)
    return written


def _write_side_files(tmp: Path, manifest: dict, previous: Path | None, release_diff) -> None:
    """croissant.json, README.md and CHANGELOG.md, then MANIFEST.json listing them, then SHA256SUMS."""
    shard_files = manifest["files"]
    _write_text(tmp / "croissant.json", _json(_drop_none(build_croissant(manifest, shard_files, _description(manifest)))))
    _write_text(tmp / "README.md", card.render_card(manifest))
    _write_text(tmp / "CHANGELOG.md", _changelog(previous, release_diff, manifest["release_date"]))
    manifest["files"] = shard_files + [_file_entry(tmp, name) for name in SIDE_FILES]
    _write_text(tmp / MANIFEST, _json(manifest))
    sums = sorted([*manifest["files"], _file_entry(tmp, MANIFEST)], key=lambda f: f["path"])
    _write_text(tmp / SUMS, "".join(f"{f['sha256']}  {f['path']}\n" for f in sums))


def _manifest(version, corpus_dir, settings, plan, written: _Written, given_date: bool) -> dict:
    build = corpus.read_build_info(corpus_dir)
    fingerprint = rows.content_fingerprint((name, written.hashes[name]) for name in written.splits)
    return {
        "name": NAME,
        "pretty_name": PRETTY_NAME,
        "version": version,
        "release_date": settings.release_date,
        "release_date_source": "option" if given_date else "latest publication in the corpus",
        "homepage": HOMEPAGE,
        "license": LICENSE,
        "citation": f"kutim-corpus: regional Indonesian news from Kutai Timur, version {version}.",
        "schema": {"name": schema.ARTICLE, "version": schema.schema_version(), "hash": schema.schema_hash()},
        "corpus": {
            "fingerprint": corpus.fingerprint(corpus_dir),
            "articles": plan.corpus_rows,
            "build": {k: v for k, v in build.items() if _is_count(v) or k in BUILD_KEYS},
        },
        "settings": settings.as_dict(),
        "selection": {"dedup": settings.dedup, "corpus_articles": plan.corpus_rows,
                      "released_articles": plan.released_rows},
        "split_rule": (
            "Split rule: an article goes to the split chosen by sha256(\"kutim-split/\" + key), read as a "
            "number in [0, 1), against the cumulative split weights "
            + ", ".join(f"{n}={w:.4g}" for n, w in settings.splits)
            + "; key is the article's cluster_id, or its id when it has none, so members of a near-duplicate "
            "cluster are always in the same split. Rows are sorted by id within a split."
        ),
        "empty_splits": plan.empty_splits,
        "splits": written.splits,
        "content_fingerprint": fingerprint,
        "counts": written.stats.as_dict(),
        "parquet": {"writer": f"pyarrow {pa.__version__}", "row_group_size": corpus.ROW_GROUP_SIZE,
                    "compression": corpus.COMPRESSION, "compression_level": corpus.COMPRESSION_LEVEL},
        "kutim_version": __version__,
        "files": written.files,
    }


def _is_count(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, dict) and bool(value) and all(_is_count(v) for v in value.values())


def _changelog(previous: Path | None, release_diff, release_date) -> str:
    text = "# Changelog\n\n" + diff.render_changelog_section(release_diff, release_date)
    if previous is not None and (previous / "CHANGELOG.md").is_file():
        older = (previous / "CHANGELOG.md").read_text("utf-8").removeprefix("# Changelog\n\n")
        text += "\n" + older
    return text


def _description(manifest: dict) -> str:
    sel = manifest["selection"]
    kept = "representatives of near-duplicate clusters only" if sel["dedup"] else "all articles"
    return (f"Regional Indonesian news from Kutai Timur (Kalimantan Timur) portals, one article per row "
            f"with enrichment; {sel['released_articles']} articles ({kept}).")


def _file_entry(root: Path, relative: str) -> dict:
    path = root / relative
    return {"path": relative, "sha256": rows.file_sha256(path), "bytes": path.stat().st_size}


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _drop_none(data):
    if isinstance(data, dict):
        return {k: _drop_none(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_drop_none(v) for v in data]
    return data


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
