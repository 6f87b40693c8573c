"""`kutim index CORPUS --index DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import app, fail, warn


@app.command(
    "index",
    epilog=(
        "Examples:\n\n"
        "  kutim index data/corpus --index data/index\n\n"
        "  kutim index data/corpus --index data/index --rebuild\n\n"
        "  kutim index data/corpus --index data/index --wait 600   # queue behind a running index\n\n"
        "  kutim index data/corpus --index data/index --stemmer sastrawi   # needs kutim-corpus[sastrawi]"
    ),
)
def index_command(
    corpus_dir: Annotated[Path, typer.Argument(help="Corpus folder written by `kutim build` (articles/*.parquet).")],
    index: Annotated[Path, typer.Option("--index", help="Index folder to create or update.")] = Path("data/index"),
    rebuild: bool = typer.Option(False, "--rebuild", help="Start over instead of updating what changed."),
    stemmer: str = typer.Option(
        "snowball", "--stemmer",
        help="snowball (PyStemmer, BSD; default) or sastrawi (opt-in extra; its dictionary is "
        "CC BY-NC-SA: non-commercial use only). Changing it rebuilds the index.",
    ),
    procs: int = typer.Option(0, "--procs", help="Indexing processes (0: 2 on big corpora, else 1)."),
    limitmb: int = typer.Option(256, "--limitmb", help="Memory per indexing process for buffering postings, MB."),
    wait: float = typer.Option(
        0.0, "--wait", help="Seconds to wait when another `kutim index` writes the same folder (default: refuse at once)."
    ),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
) -> None:
    """Index a Parquet corpus for `kutim search` (Whoosh), or bring the index up to date.

    Re-running after the corpus changed adds, updates and deletes only the articles that
    changed (by id and content); --rebuild starts over. A new index generation is built
    beside the live one and switched atomically, so searches keep working meanwhile. Only one
    run writes a folder at a time: a second one refuses (or waits with --wait).
    """
    from kutim_corpus.analysis import STEMMERS
    from kutim_corpus.errors import UsageError
    from kutim_corpus.index import index_corpus

    if stemmer not in STEMMERS:
        fail(f"--stemmer {stemmer!r}: choose one of {', '.join(STEMMERS)}")
    if not corpus_dir.is_dir():
        fail(f"corpus folder {corpus_dir} not found: build it with `kutim build RAW --out {corpus_dir}`")
    try:
        report = index_corpus(
            corpus_dir, index, rebuild=rebuild, stemmer=stemmer, procs=procs or None,
            limitmb=limitmb, wait=wait, progress=progress, on_message=warn,
        )
    except (UsageError, RuntimeError) as error:
        fail(str(error))
    except OSError as error:  # a full disk, an I/O error: the live generation is untouched
        fail(f"indexing stopped: {error.strerror or error}; the live index in {index} is unchanged "
             "(free space, then run again)", code=1)
    typer.echo(report.summary())
