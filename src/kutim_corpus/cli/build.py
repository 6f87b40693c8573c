"""`kutim build`: a thin layer over kutim_corpus.pipeline.build_corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app, fail

BUILD_HELP = """Build a schema-validated Parquet corpus from raw news pages.

INPUT is any mix of HTML files (.html, .htm, and the same gzipped: .html.gz), folders (read recursively, hidden entries skipped) and WARC archives (.warc, .warc.gz). Every input ends as an article or as a reject with a reason, so inputs = articles + rejects in build.json.

\b
Output (DIR):
  articles/part-00000.parquet   articles sorted by id (more parts when large)
  rejects.parquet               source, stage, reason, message, duplicate_of
  build.json                    counts, rejects by reason, fingerprints, options
  .cache/                       the incremental cache (reused by the next build)

Builds are deterministic: the same inputs give byte-identical files whatever --workers is. A rebuild parses again only the pages that changed (content, URL, options or extractor code).

\b
Examples:
  kutim build data/raw/sample --out data/corpus
  kutim build crawl-2024.warc.gz pages/ --out corpus --workers 2
  kutim build --from-list inputs.txt --out corpus --quiet
  kutim build pages/ --out corpus --no-cache --max-page-mb 5 --page-timeout 10

Exit status: 0 when the build completed (rejects included), 2 for usage errors (missing input, unwritable output, bad option, another build running), 1 when writing failed (disk full...; the previous corpus is kept), each with a one-line reason on stderr. """


@app.command("build", help=BUILD_HELP, no_args_is_help=True)
def build_command(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Output folder (created if needed).")],
    inputs: Annotated[list[Path] | None, typer.Argument(metavar="INPUT...", help="Files, folders or WARC archives.", show_default=False)] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-j", min=1, help="Worker processes (default: all cores).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary (errors still go to stderr).")] = False,
    no_profiles: Annotated[bool, typer.Option("--no-profiles", help="Generic extraction only: ignore the per-site profiles.")] = False,
    from_list: Annotated[Path | None, typer.Option("--from-list", metavar="FILE", help="Read more inputs from FILE: one path or glob per line, '#' comments; relative paths are relative to the current folder.")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", metavar="DIR", help="Cache folder (default: OUT/.cache).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every page again and do not touch the cache.")] = False,
    max_page_mb: Annotated[float | None, typer.Option("--max-page-mb", help="Largest page read, in MB (bigger: reject too_large) (default: 20).")] = None,
    max_decompressed_mb: Annotated[float | None, typer.Option("--max-decompressed-mb", help="Most a .gz page may expand to, in MB (default: 100).")] = None,
    max_depth: Annotated[int | None, typer.Option("--max-depth", help="Deepest element nesting accepted (deeper: reject too_deep) (default: 250).")] = None,
    wait: Annotated[float, typer.Option("--wait", metavar="SECONDS", help="If another build is writing OUT, wait this long for it before giving up.")] = 0.0,
    page_timeout: Annotated[float | None, typer.Option("--page-timeout", help="Seconds allowed per page (longer: reject timeout) (default: 30).")] = None,
) -> None:
    from kutim_corpus.errors import UsageError
    from kutim_corpus.limits import Limits
    from kutim_corpus.pipeline import OutputError, build_corpus

    if no_cache and cache_dir is not None:
        fail("--cache-dir and --no-cache exclude each other: pick one")
    try:
        limits = Limits.from_options(max_page_mb, max_decompressed_mb, max_depth, page_timeout)
        report = build_corpus(
            inputs or [],
            out,
            workers=workers,
            use_profiles=not no_profiles,
            from_list=from_list,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            limits=limits,
            progress=not quiet and sys.stderr.isatty(),
            wait=wait,
        )
    except UsageError as error:
        fail(str(error))
    except OutputError as error:
        fail(str(error), code=1)
    if not quiet:
        typer.echo(report.summary())
