"""The shared Typer application and the helpers every command uses."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from kutim_corpus import __version__

app = typer.Typer(
    name="kutim",
    help=(
        "kutim-corpus: regional Indonesian news (Kutai Timur first) from raw HTML to a "
        "schema-validated Parquet corpus, a Whoosh search index and versioned dataset releases."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kutim-corpus {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """kutim-corpus command line."""


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (what went wrong and what to do next) and exit with ``code``."""
    print(f"kutim: error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def warn(message: str) -> None:
    print(f"kutim: warning: {message}", file=sys.stderr)
