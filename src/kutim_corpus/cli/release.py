"""`kutim release` (create, list, verify, diff) and `kutim publish`: thin layers over
kutim_corpus.release and kutim_corpus.publish."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from .app import app, fail, warn


def _unwrap(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph (rich re-wraps them); keep \\b blocks as written."""
    blocks = text.strip("\n").split("\n\n")
    return "\n\n".join(b if b.startswith("\b") else " ".join(b.split("\n")) for b in blocks)


RELEASE_HELP = """Make, list, verify and compare versioned dataset releases.

\b
  kutim release VERSION --corpus DIR   = kutim release create VERSION ...
  kutim release list                   releases in --out, with counts
  kutim release verify PATH|VERSION    checksums, schemas, rows
  kutim release diff A B               added, removed, changed

A release is a Hugging Face dataset folder (no loading script) at OUT/VERSION:
data/<split>-0000K-of-0000N.parquet, README.md (dataset card), MANIFEST.json, SHA256SUMS,
CHANGELOG.md and croissant.json. Releases are immutable; publish one with `kutim publish`.

\b
Examples:
  kutim release 1.2.0 --corpus data/corpus
  kutim release 1.3.0 --dedup --splits train=90,test=10
  kutim release list
  kutim release verify data/releases/1.2.0
  kutim release diff 1.2.0 1.3.0
"""

CREATE_HELP = """Make release VERSION of the corpus at --corpus in OUT/VERSION.

VERSION is a semantic version MAJOR.MINOR.PATCH (1.2.0, or 1.2.0-rc.1); "v1", "1.2", "../x",
"/abs" or anything with a separator is refused. The release is assembled in a temporary folder
OUT/.VERSION.tmp-PID and renamed into place, so an interrupted run leaves no release behind (the
temporary folder of a killed run is removed by the next run).

An existing version is never overwritten: if it holds the same content (same content
fingerprint and options) the command says "already released, identical" and exits 0, otherwise
it exits 2 and asks for a new version.

Splits: --splits NAME=WEIGHT,... (default: train only). An article goes to the split picked by
sha256("kutim-split/" + cluster_id, or id when unclustered), so near-duplicate clusters never
straddle splits. --dedup keeps only cluster representatives; the card gives both counts.

The release date is --date, else the day of the latest publication in the corpus (never the
clock), so rebuilding the same version of the same corpus gives byte-identical files.

\b
Examples:
  kutim release 1.2.0 --corpus data/corpus
  kutim release 1.2.0 --corpus data/corpus --date 2024-12-31
  kutim release create 1.2.0 -c data/corpus -o data/releases
  kutim release 2.0.0 --dedup --splits train=80,validation=10,test=10

Exit status: 0 created or identical, 2 usage error (bad version, missing corpus, version exists
with other content).
"""


class ReleaseGroup(TyperGroup):
    """Route `kutim release 1.2.0 ...` (a first argument that is no subcommand) to `create`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            first = args[0]
            if not first.startswith("-") or any(not a.startswith("-") for a in args):
                args = ["create", *args]
        return super().parse_args(ctx, args)


release_app = typer.Typer(
    cls=ReleaseGroup, help=_unwrap(RELEASE_HELP), no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(release_app, name="release")


def _progress_bar(enabled: bool):
    if not enabled:
        return None, None
    from tqdm import tqdm

    bar = tqdm(unit=" articles", desc="release", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.update(done)

    return bar, update


def load_snippets(path: Path) -> str:
    data = path / "data"
    return "\n".join([
        "Load it with:",
        "  from datasets import load_dataset",
        f"  ds = load_dataset({str(path)!r})",
        "  import pandas as pd",
        f"  df = pd.read_parquet({str(data)!r})",
        "  import duckdb",
        f"  duckdb.sql(\"SELECT site, count(*) AS n FROM '{data}/*.parquet' GROUP BY site ORDER BY n DESC\").show()",
    ])


@release_app.command("create", help=_unwrap(CREATE_HELP), no_args_is_help=True)
def create_command(
    version: Annotated[str, typer.Argument(metavar="VERSION", help="Semantic version, e.g. 1.2.0.")],
    corpus_dir: Annotated[Path, typer.Option("--corpus", "-c", metavar="DIR", help="Corpus made by `kutim build`.")] = Path("data/corpus"),
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder holding the releases.")] = Path("data/releases"),
    dedup: Annotated[bool, typer.Option("--dedup", help="Only near-duplicate cluster representatives (is_cluster_representative).")] = False,
    release_date: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="Release date (default: day of the latest publication in the corpus).")] = None,
    splits: Annotated[str, typer.Option("--splits", metavar="NAME=W,...", help="Splits and weights, e.g. train=90,validation=5,test=5 (default: train).")] = None,
    max_shard_mb: Annotated[float, typer.Option("--max-shard-mb", min=0.001, help="Largest shard, in MB of uncompressed Arrow data.")] = 500,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary (errors still go to stderr).")] = False,
) -> None:
    from kutim_corpus.errors import UsageError
    from kutim_corpus.release import make_release, parse_splits

    bar, update = _progress_bar(not quiet and sys.stderr.isatty())
    try:
        outcome = make_release(
            corpus_dir, version, out, dedup=dedup, release_date=release_date,
            splits=parse_splits(splits), max_shard_bytes=int(max_shard_mb * 1_000_000), progress=update,
        )
    except (UsageError, FileNotFoundError) as error:
        fail(str(error))
    except OSError as error:  # disk full, permissions: the scratch folder is already removed
        fail(f"could not write release {version} in {out} ({error.strerror or error}); nothing was released: "
             "free space or fix permissions and run again", code=1)
    finally:
        if bar is not None:
            bar.close()
    for message in outcome.warnings:
        warn(message)
    if quiet:
        return
    manifest = outcome.manifest
    if outcome.status == "identical":
        typer.echo(f"release {version} already released, identical: {outcome.path}")
    else:
        splits_text = ", ".join(f"{n} {s['rows']}" for n, s in manifest["splits"].items())
        sel = manifest["selection"]
        typer.echo(f"release {version} written to {outcome.path}: {sel['released_articles']} articles ({splits_text})"
                   + (f", {sel['corpus_articles'] - sel['released_articles']} near-duplicates left out" if sel["dedup"] else ""))
        changes = manifest["diff"]
        typer.echo(f"against {manifest['previous_version'] or 'nothing'}: {changes['added']} added, "
                   f"{changes['removed']} removed, {changes['changed']} changed")
    typer.echo(load_snippets(outcome.path))


@release_app.command("list", help=_unwrap("""List the releases in OUT, oldest first.

\b
Examples:
  kutim release list
  kutim release list --out /srv/releases --format json
"""))
def list_command(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder holding the releases.")] = Path("data/releases"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    from kutim_corpus.release import list_releases

    if fmt not in ("table", "json"):
        fail(f"--format {fmt!r}: choose table or json")
    releases = list_releases(out)
    if fmt == "json":
        typer.echo(json.dumps([{
            "version": r.version, "path": str(r.path), "release_date": r.release_date, "articles": r.articles,
            "splits": r.splits, "dedup": r.dedup, "content_fingerprint": r.content_fingerprint, "complete": r.complete,
        } for r in releases], indent=2))
        return
    if not releases:
        typer.echo(f"no releases in {out} (make one with `kutim release 1.0.0 --corpus data/corpus --out {out}`)")
        return
    typer.echo(f"{'version':<14}{'date':<12}{'articles':>9}  {'dedup':<6}splits")
    for r in releases:
        if not r.complete:
            typer.echo(f"{r.version:<14}{'-':<12}{'-':>9}  {'-':<6}INCOMPLETE (no MANIFEST.json)")
            continue
        splits = ", ".join(f"{n} {c}" for n, c in r.splits.items())
        typer.echo(f"{r.version:<14}{r.release_date or '-':<12}{r.articles:>9}  {'yes' if r.dedup else 'no':<6}{splits}")


@release_app.command("verify", no_args_is_help=True, help=_unwrap("""Check a release for damage.

Every file is checked against MANIFEST.json and SHA256SUMS (a tampered, truncated or missing file is named), the schema and row count of every
shard, the content fingerprint of the rows, and the splits declared in README.md.

PATH is a release folder or a version found in --out.

\b
Examples:
  kutim release verify data/releases/1.2.0
  kutim release verify 1.2.0 --out data/releases

Exit status: 0 intact, 1 problems found (one line each on stderr), 2 not a release.
"""))
def verify_command(
    path: Annotated[str, typer.Argument(metavar="PATH|VERSION")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Where to look a VERSION up.")] = Path("data/releases"),
) -> None:
    from kutim_corpus.errors import UsageError
    from kutim_corpus.release import resolve_release, verify_release

    try:
        folder = resolve_release(path, out)
    except UsageError as error:
        fail(str(error))
    report = verify_release(folder)
    if report.ok:
        typer.echo(f"{folder}: OK (release {report.version}, {report.files_checked} files, {report.rows_checked} rows)")
        return
    for problem in report.problems:
        print(f"{folder}: {problem}", file=sys.stderr)
    fail(f"{folder}: {len(report.problems)} problem(s); do not use or publish this copy, fetch or rebuild it", code=1)


@release_app.command("diff", no_args_is_help=True, help=_unwrap("""Compare two releases.

Lists articles added, removed, changed (same id, other content; the changed fields are listed) and moved between splits.

A and B are release folders or versions found in --out.

\b
Examples:
  kutim release diff 1.2.0 1.3.0
  kutim release diff data/releases/1.2.0 /tmp/other/1.3.0 --format json
"""))
def diff_command(
    old: Annotated[str, typer.Argument(metavar="A")],
    new: Annotated[str, typer.Argument(metavar="B")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Where to look versions up.")] = Path("data/releases"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    from kutim_corpus.errors import UsageError
    from kutim_corpus.release import diff_releases, render_text, resolve_release

    if fmt not in ("text", "json"):
        fail(f"--format {fmt!r}: choose text or json")
    try:
        result = diff_releases(resolve_release(old, out), resolve_release(new, out))
    except (UsageError, FileNotFoundError) as error:
        fail(str(error))
    typer.echo(json.dumps(result.as_dict(), indent=2, default=str) if fmt == "json" else render_text(result))


PUBLISH_HELP = """Publish release VERSION to the Hugging Face Hub (--repo) or a local git repository (--git).

The release is verified first; a damaged release is never published.

--repo ORG/NAME: huggingface_hub upload_folder to the dataset repo with
delete_patterns=["data/*"] (old shards do not linger), then tag vVERSION on that commit.
Needs a token with write access (`hf auth login`, HF_TOKEN or --token). --dry-run prints the
plan (files, delete patterns, tag) and needs neither token nor network.

--git DIR: commits the release into the git repository DIR (created if missing or empty;
old data/ files removed) and tags it vVERSION. Works offline. A tag already present with
the same content is reported as identical; with other content it is refused.

\b
Examples:
  kutim publish 1.2.0 --repo kutim-corpus/kutim-news --dry-run
  HF_TOKEN=hf_... kutim publish 1.2.0 --repo kutim-corpus/kutim-news
  kutim publish 1.2.0 --git ../kutim-news-dataset

Users then pin the version: load_dataset("ORG/NAME", revision="v1.2.0").

Exit status: 0 published (or identical), 1 the Hub or git failed, 2 usage error (no token,
bad repo name, unknown version, tag exists with other content).
"""


@app.command("publish", help=_unwrap(PUBLISH_HELP), no_args_is_help=True)
def publish_command(
    version: Annotated[str, typer.Argument(metavar="VERSION", help="A version in --out, or a release folder.")],
    repo: Annotated[str, typer.Option("--repo", metavar="ORG/NAME", help="Hugging Face dataset repository.")] = None,
    git_dir: Annotated[Path, typer.Option("--git", metavar="DIR", help="Local git dataset repository.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder holding the releases.")] = Path("data/releases"),
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="With --repo: print the plan, upload nothing.")] = False,
    token: Annotated[str, typer.Option("--token", metavar="TOKEN", help="Hub token (default: HF_TOKEN or the saved login).")] = None,
) -> None:
    from kutim_corpus.errors import UsageError
    from kutim_corpus.publish import (
        PublishError,
        hub_plan,
        hub_token,
        publish_to_git,
        publish_to_hub,
    )
    from kutim_corpus.release import check_version, resolve_release

    if (repo is None) == (git_dir is None):
        fail("give exactly one target: --repo ORG/NAME (Hugging Face Hub) or --git DIR")
    try:
        if not Path(version).is_dir():
            check_version(version)
        folder = resolve_release(version, out)
        if git_dir is not None:
            if dry_run:
                fail("--dry-run applies to --repo only (--git is local and can be undone with git)")
            outcome = publish_to_git(folder, git_dir)
            verb = "already published, identical" if outcome.status == "identical" else "committed"
            typer.echo(f"{folder} {verb} in {outcome.repo} at {outcome.commit[:12]}, tag {outcome.tag}")
            return
        plan = hub_plan(folder, repo)
        if dry_run:
            typer.echo(plan.render())
            return
        url = publish_to_hub(plan, hub_token(token))
        typer.echo(f"published {plan.version} to {url}, tag {plan.tag}")
    except UsageError as error:
        fail(str(error))
    except PublishError as error:
        fail(str(error), code=1)
