"""Differences between two releases: added, removed and changed articles (by id and row content)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import rows

EXAMPLES = 10
SUMMARY_COLUMNS = ["id", "title", "site", "published_local"]


@dataclass
class ReleaseDiff:
    old_version: str | None
    new_version: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # same id, other split
    unchanged: int = 0
    schema_changed: bool = False
    examples: dict[str, list[dict]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
            "moved_between_splits": len(self.moved), "unchanged": self.unchanged,
        }

    def as_dict(self) -> dict:
        return {
            "from_version": self.old_version,
            "to_version": self.new_version,
            "schema_changed": self.schema_changed,
            **self.counts(),
            "examples": self.examples,
        }


def read_manifest(release_dir: Path) -> dict:
    path = Path(release_dir) / "MANIFEST.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: {release_dir} is not a kutim release folder")
    return json.loads(path.read_text("utf-8"))


def shard_paths(release_dir: Path, manifest: dict) -> list[tuple[str, Path]]:
    return [(f["split"], Path(release_dir) / f["path"]) for f in manifest["files"] if f.get("split")]


def row_index(release_dir: Path) -> dict[str, tuple[str, str]]:
    """id -> (split, row hash) for every article of a release."""
    manifest = read_manifest(release_dir)
    index: dict[str, tuple[str, str]] = {}
    for split, path in shard_paths(release_dir, manifest):
        for row in rows.iter_shard_rows(path):
            index[row["id"]] = (split, rows.row_hash(row))
    return index


def read_rows(release_dir: Path, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    wanted = set(ids)
    found: dict[str, dict] = {}
    for split, path in shard_paths(release_dir, read_manifest(release_dir)):
        table = pq.read_table(path)
        table = table.filter(pc.is_in(table.column("id"), value_set=_array(wanted)))
        for row in table.to_pylist():
            found[row["id"]] = {**row, "_split": split}
    return found


def _array(values) -> pa.Array:
    return pa.array(sorted(values), pa.string())


def _summary(row: dict) -> dict:
    return {k: row.get(k) for k in SUMMARY_COLUMNS} | {"split": row.get("_split")}


def diff_releases(old_dir: Path | None, new_dir: Path, new_index: dict | None = None) -> ReleaseDiff:
    """Compare ``old_dir`` (None: first release) with ``new_dir``."""
    new_manifest = read_manifest(new_dir)
    new_index = new_index if new_index is not None else row_index(new_dir)
    if old_dir is None:
        result = ReleaseDiff(None, new_manifest["version"], added=sorted(new_index))
        result.examples["added"] = _examples(new_dir, result.added)
        return result
    old_manifest = read_manifest(old_dir)
    old_index = row_index(old_dir)
    result = ReleaseDiff(old_manifest["version"], new_manifest["version"])
    result.schema_changed = old_manifest["schema"]["hash"] != new_manifest["schema"]["hash"]
    result.added = sorted(new_index.keys() - old_index.keys())
    result.removed = sorted(old_index.keys() - new_index.keys())
    for article_id in sorted(old_index.keys() & new_index.keys()):
        (old_split, old_hash), (new_split, new_hash) = old_index[article_id], new_index[article_id]
        if old_hash != new_hash:
            result.changed.append(article_id)
        elif old_split != new_split:
            result.moved.append(article_id)
        else:
            result.unchanged += 1
    result.examples = {
        "added": _examples(new_dir, result.added),
        "removed": _examples(old_dir, result.removed),
        "changed": _changed_examples(old_dir, new_dir, result.changed),
    }
    return result


def _examples(release_dir: Path, ids: list[str]) -> list[dict]:
    picked = ids[:EXAMPLES]
    found = read_rows(release_dir, picked)
    return [_summary(found[i]) for i in picked]


def _changed_examples(old_dir: Path, new_dir: Path, ids: list[str]) -> list[dict]:
    picked = ids[:EXAMPLES]
    old_rows, new_rows = read_rows(old_dir, picked), read_rows(new_dir, picked)
    out = []
    for article_id in picked:
        old, new = old_rows[article_id], new_rows[article_id]
        fields = sorted(k for k in new if k != "_split" and rows.row_hash({k: old.get(k)}) != rows.row_hash({k: new[k]}))
        out.append(_summary(new) | {"fields": fields})
    return out


def render_text(diff: ReleaseDiff) -> str:
    """Plain text for `kutim release diff`."""
    head = f"{diff.old_version or '(nothing)'} -> {diff.new_version}"
    lines = [head]
    if diff.schema_changed:
        lines.append("schema changed (see MANIFEST.json schema hash)")
    lines += [f"{name}: {count}" for name, count in diff.counts().items()]
    for kind, examples in diff.examples.items():
        if examples:
            lines.append(f"{kind} (first {len(examples)}):")
            lines += [f"  {_example_line(e)}" for e in examples]
    return "\n".join(lines)


def _example_line(example: dict) -> str:
    line = f"{example['id']}  {example.get('published_local') or '-'}  {example.get('site') or '-'}  {example.get('title')}"
    if example.get("fields"):
        line += f"  [fields: {', '.join(example['fields'])}]"
    return line


def render_changelog_section(diff: ReleaseDiff, release_date: str | None) -> str:
    """The CHANGELOG.md section of one release (Markdown)."""
    title = f"## {diff.new_version}" + (f" ({release_date})" if release_date else "")
    if diff.old_version is None:
        lines = [title, "", f"First release: {len(diff.added)} articles."]
    else:
        counts = diff.counts()
        lines = [title, "", f"Against {diff.old_version}: {counts['added']} added, {counts['removed']} removed, "
                 f"{counts['changed']} changed, {counts['moved_between_splits']} moved between splits, "
                 f"{counts['unchanged']} unchanged."]
        if diff.schema_changed:
            lines.append("The article schema changed (see MANIFEST.json).")
    for kind, examples in diff.examples.items():
        if not examples:
            continue
        total = {"added": len(diff.added), "removed": len(diff.removed), "changed": len(diff.changed)}[kind]
        lines += ["", f"### {kind.capitalize()} ({total}{', examples' if total > len(examples) else ''})", ""]
        lines += [f"- `{e['id']}` {_md(e.get('title'))} ({e.get('site') or 'unknown site'}, {e.get('published_local') or 'undated'})"
                  + (f": {', '.join(e['fields'])}" if e.get("fields") else "") for e in examples]
    return "\n".join(lines) + "\n"


def _md(text: str | None) -> str:
    return (text or "").replace("\n", " ").replace("|", "/").replace("`", "'")
