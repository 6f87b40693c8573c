"""Markdown documentation of the article schema, generated from schemas/article.schema.json.

The README's field table is this output between two markers; a test keeps them equal, so the
documentation cannot drift from the schema.
"""

from __future__ import annotations

from typing import Any

from . import schema

BEGIN = "<!-- schema-table:begin -->"
END = "<!-- schema-table:end -->"


def _type_label(spec: dict[str, Any]) -> str:
    arrow = schema._arrow_type(spec)  # the derived type is what users see in Parquet
    label = str(arrow)
    if isinstance(spec.get("type"), list) and "null" in spec["type"]:
        label += " (nullable)"
    return label


def field_table(name: str = schema.ARTICLE) -> str:
    """A Markdown table: field, Parquet type, description."""
    rows = ["| field | type | description |", "| --- | --- | --- |"]
    for field, spec in schema.load(name)["properties"].items():
        description = spec.get("description", "")
        if spec.get("type") == "array" and spec["items"].get("type") == "object":
            parts = ", ".join(spec["items"]["properties"])
            description = f"{description} Struct fields: {parts}.".strip()
        label = _type_label(spec).replace("|", "\\|")
        rows.append(f"| `{field}` | `{label}` | {description.replace('|', '/')} |")
    return "\n".join(rows)


def readme_block(name: str = schema.ARTICLE) -> str:
    return f"{BEGIN}\n{field_table(name)}\n{END}"


if __name__ == "__main__":  # python -m kutim_corpus.schema_doc
    print(readme_block())
