"""The documentation is generated from, or checked against, the code it describes."""

from pathlib import Path

from kutim_corpus import schema_doc

ROOT = Path(__file__).resolve().parents[1]


def test_readme_field_table_matches_the_schema():
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index(schema_doc.BEGIN)
    end = readme.index(schema_doc.END) + len(schema_doc.END)
    assert readme[start:end] == schema_doc.readme_block(), (
        "README schema table is stale: run `python -m kutim_corpus.schema_doc` and paste it"
    )


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
