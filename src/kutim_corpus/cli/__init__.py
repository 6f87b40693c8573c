"""The `kutim` command line: a thin layer over the library API.

Each command lives in its own module and registers itself on the shared Typer app; heavy
libraries (pyarrow, whoosh, datasets) are imported inside the command functions so that
`kutim --help` stays fast.
"""

from __future__ import annotations

import importlib

from .app import app

# Command modules register themselves on import. A module that is not written yet is skipped.
COMMAND_MODULES = ("build", "index", "search", "release", "clusters")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as error:  # pragma: no cover - only while a stage is missing
        if error.name != f"{__name__}.{_name}":
            raise


def main() -> None:
    app()
