"""`kutim clusters CORPUS`: the biggest near-duplicate clusters of a built corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .app import app, fail, warn

FORMATS = ("table", "json")
TITLE_WIDTH = 60


@app.command(
    "clusters",
    epilog=(
        "Examples:\n\n"
        "  kutim clusters data/corpus                        # all clusters of 2+ articles, biggest first\n\n"
        "  kutim clusters data/corpus --min-size 4 --limit 20\n\n"
        "  kutim clusters data/corpus --format json | jq '.[0].sites'\n\n"
        "  kutim clusters data/corpus --threshold 0.7        # what a stricter threshold would group"
    ),
)
def clusters_command(
    corpus_dir: Annotated[Path, typer.Argument(help="Corpus folder written by `kutim build` (articles/*.parquet).")],
    min_size: int = typer.Option(2, "--min-size", min=1, help="Only clusters with at least N articles (1 also lists unique articles)."),
    output_format: str = typer.Option("table", "--format", help="table (aligned text) or json (an array of objects)."),
    limit: int = typer.Option(None, "--limit", min=1, help="At most N clusters (default: all)."),
    threshold: float = typer.Option(
        None, "--threshold", min=0.01, max=1.0,
        help="Recompute clusters from the bodies at this estimated Jaccard threshold instead of reading "
        "the stored fields (the build uses 0.5). The corpus is not changed.",
    ),
) -> None:
    """List near-duplicate clusters: the same story re-posted by several portals.

    `kutim build` groups articles whose cleaned bodies (dateline, advertorial markers, "Baca juga" boxes and credit lines stripped) are near-identical: MinHash over 5-word shingles, estimated Jaccard >= 0.5.

    Each line shows the cluster size, the first publication, the cluster id (the id of its earliest article, the representative), the representative's title and the sites that carried it. Biggest clusters first.

    JSON objects have: cluster_id, size, title, first_published (ISO 8601, UTC), sites.
    """
    from kutim_corpus import corpus
    from kutim_corpus.clusters import list_clusters

    if output_format not in FORMATS:
        fail(f"--format {output_format!r}: choose one of {', '.join(FORMATS)}")
    if not corpus.article_parts(corpus_dir):
        fail(f"no articles/part-*.parquet in {corpus_dir}: build a corpus with `kutim build RAW --out {corpus_dir}`")
    if threshold is None:
        _warn_if_unclustered(corpus_dir)
    try:
        found = list_clusters(corpus_dir, min_size=min_size, limit=limit, threshold=threshold)
    except (OSError, ValueError, KeyError) as error:
        fail(f"cannot read clusters from {corpus_dir}: {error}; rebuild it with `kutim build`")
    if output_format == "json":
        typer.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
        return
    _print_table(found, min_size)


def _warn_if_unclustered(corpus_dir: Path) -> None:
    from kutim_corpus import corpus

    try:
        info = corpus.read_build_info(corpus_dir)
    except FileNotFoundError:
        warn(f"{corpus_dir} has no build.json: cluster fields may be missing")
        return
    if info.get("clusters") is False:
        warn(f"{corpus_dir} was built without near-duplicate clustering: rebuild it with `kutim build`")


def _print_table(found, min_size: int) -> None:
    if not found:
        typer.echo(f"no clusters of {min_size} or more articles")
        return
    typer.echo(f"{'size':>4}  {'first published':<25}  {'cluster id':<16}  {'title':<{TITLE_WIDTH}}  sites")
    for cluster in found:
        title = cluster.title or ""
        if len(title) > TITLE_WIDTH:
            title = title[: TITLE_WIDTH - 1] + "…"
        typer.echo(
            f"{cluster.size:>4}  {cluster.first_published or '-':<25}  {cluster.cluster_id:<16}  "
            f"{title:<{TITLE_WIDTH}}  {', '.join(cluster.sites)}"
        )
    articles = sum(c.size for c in found)
    typer.echo(f"{len(found)} clusters, {articles} articles")
