"""`kutim search QUERY`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app, fail, warn

BOLD = ("\033[1m", "\033[0m")


@app.command(
    "search",
    epilog=(
        "Query language: words (all must match), \"exact phrases\", AND / OR / NOT, "
        "field:term (title:banjir, agency:bpbd, site:kutimpost.co.id), prefix* (banj*), "
        "parentheses. An empty query with filters lists the matching articles, newest first.\n\n"
        "Examples:\n\n"
        "  kutim search \"perlindungan anak\" --agency DP3A --region Kutim --from 2024-01-01 --sort date\n\n"
        "  kutim search banjir --region 64.08 --facets\n\n"
        "  kutim search '\"dana desa\" OR bumdes' --no-adv --format json\n\n"
        "  kutim search \"\" --agency BPBD --from 2024-06-01 --to 2024-06-30 --format jsonl\n\n"
        "  kutim search stunting --collapse   # one result per syndicated story"
    ),
)
def search_command(
    query: str = typer.Argument("", help="Search words; may be empty when a filter is given."),
    index: Annotated[Path, typer.Option("--index", help="Index folder made by `kutim index`.")] = Path("data/index"),
    region: str = typer.Option(None, "--region", help="Primary region: code (64.08), name (\"Kutai Timur\") or alias (Kutim); a province (Kaltim, 64) includes its regencies."),
    agency: str = typer.Option(None, "--agency", help="Agency involved: acronym (DP3A) or name."),
    site: str = typer.Option(None, "--site", help="Portal host, e.g. kutimpost.co.id."),
    date_from: str = typer.Option(None, "--from", help="Published on or after this date (YYYY-MM-DD, date as printed by the portal)."),
    date_to: str = typer.Option(None, "--to", help="Published on or before this date (YYYY-MM-DD)."),
    adv: bool = typer.Option(None, "--adv/--no-adv", help="Only advertorials / no advertorials (default: both)."),
    sort: str = typer.Option(None, "--sort", help="relevance or date (newest first). Default: relevance, or date for an empty query."),
    limit: int = typer.Option(10, "--limit", help="Results per page (1-1000)."),
    page: int = typer.Option(1, "--page", help="Page number, from 1."),
    fmt: str = typer.Option("table", "--format", help="table, json (one object with total and facets) or jsonl (one hit per line)."),
    facets: bool = typer.Option(False, "--facets", help="Also count all matches by region, agency, site and month."),
    collapse: bool = typer.Option(False, "--collapse", help="One result per near-duplicate cluster, with the other sites that carried it."),
) -> None:
    """Search the corpus index: full text plus region, agency, site, date and advertorial filters.

    The total printed is exact: the filters are applied as Whoosh filters, never mixed into the
    text query. Warns on stderr when the corpus changed after the index was built.
    """
    from kutim_corpus.errors import UsageError
    from kutim_corpus.search import FORMATS, search

    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    terminal = fmt == "table" and sys.stdout.isatty()
    try:
        result = search(
            index, query, region=region, agency=agency, site=site, date_from=date_from,
            date_to=date_to, advertorial=adv, sort=sort, limit=limit, page=page, facets=facets,
            collapse=collapse, highlight=BOLD if terminal else ("**", "**"),
        )
    except UsageError as error:
        fail(str(error))
    for message in result.warnings:
        warn(message)
    if fmt == "json":
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for hit in result.as_dict()["hits"]:
            typer.echo(json.dumps(hit, ensure_ascii=False))
    else:
        typer.echo(render_table(result, bold=BOLD if terminal else ("", "")))


def render_table(result, bold=("", "")) -> str:
    """Human-readable results: a header with the exact total, then one block per hit."""
    start, end = bold
    unit = "article" if result.total == 1 else "articles"
    head = f"{result.total:,} {unit}"
    if result.collapsed:
        head += f" in {result.stories:,} stories"
    first = (result.page - 1) * result.limit + 1
    if result.hits:
        head += f"; page {result.page} of {result.pages} ({first}-{first + len(result.hits) - 1}), sorted by {result.sort}"
    elif result.total:
        head += f"; page {result.page} is past the last page ({result.pages})"
    lines = [head, ""]
    for number, hit in enumerate(result.hits, first):
        meta = " · ".join(v for v in (hit.date and hit.date[:10], hit.site, hit.region) if v)
        lines.append(f"{number}. {start}{hit.title}{end}" + ("  [adv]" if hit.is_advertorial else ""))
        lines.append(f"   {meta}")
        if hit.agencies:
            lines.append(f"   agencies: {', '.join(hit.agencies)}")
        if hit.snippet:
            lines.append(f"   {hit.snippet}")
        if hit.also_on:
            lines.append(f"   also on: {', '.join(hit.also_on)}")
        if hit.url:
            lines.append(f"   {hit.url}")
        lines.append("")
    if result.facets:
        for name, counts in result.facets.items():
            top = ", ".join(f"{k} {v:,}" for k, v in list(counts.items())[:10])
            lines.append(f"by {name}: {top}")
    return "\n".join(lines).rstrip() + "\n"
