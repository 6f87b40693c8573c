"""The article schema: loaded from schemas/*.schema.json, the single source of truth.

The pyarrow schema is derived from the JSON Schema here; records are validated against the
JSON Schema (compiled once with fastjsonschema) before they are written.

Records travel between stages as plain dicts with JSON-compatible values: timestamps are
ISO 8601 strings (``format: date-time``), converted to ``timestamp[us, tz=UTC]`` only when a
table is built.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import pyarrow as pa

ARTICLE = "article"
REJECT = "reject"


class InvalidRecord(ValueError):
    """A record does not satisfy the schema; ``field`` names the failing field."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


@cache
def load(name: str = ARTICLE) -> dict[str, Any]:
    """The JSON Schema document ``schemas/<name>.schema.json``."""
    text = resources.files("kutim_corpus").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def schema_version(name: str = ARTICLE) -> str:
    return load(name)["schema_version"]


@cache
def schema_hash(name: str = ARTICLE) -> str:
    """sha256 of the canonical JSON of the schema: changes whenever a field or type changes."""
    canonical = json.dumps(load(name), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def field_names(name: str = ARTICLE) -> list[str]:
    """Field names in schema order (the column order of every Parquet file)."""
    return list(load(name)["properties"])


# --- pyarrow derivation ---------------------------------------------------------------------

def _non_null_type(spec: Mapping[str, Any]) -> str:
    types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    concrete = [t for t in types if t != "null"]
    if len(concrete) != 1:
        raise ValueError(f"cannot derive an arrow type from JSON types {types}")
    return concrete[0]


def _is_nullable(spec: Mapping[str, Any]) -> bool:
    return isinstance(spec["type"], list) and "null" in spec["type"]


def _arrow_type(spec: Mapping[str, Any]) -> pa.DataType:
    kind = _non_null_type(spec)
    if kind == "string":
        if spec.get("x-arrow") == "timestamp" or spec.get("format") == "date-time":
            return pa.timestamp("us", tz="UTC")
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(pa.field("item", _arrow_type(spec["items"]), nullable=_is_nullable(spec["items"])))
    if kind == "object":
        return pa.struct([_arrow_field(n, s) for n, s in spec["properties"].items()])
    raise ValueError(f"unsupported JSON type {kind!r}")


def _arrow_field(name: str, spec: Mapping[str, Any]) -> pa.Field:
    return pa.field(name, _arrow_type(spec), nullable=_is_nullable(spec))


@cache
def arrow_schema(name: str = ARTICLE) -> pa.Schema:
    """The pyarrow schema derived from the JSON Schema, with its version in the metadata."""
    doc = load(name)
    fields = [_arrow_field(n, s) for n, s in doc["properties"].items()]
    metadata = {
        b"kutim.schema": name.encode(),
        b"kutim.schema_version": doc["schema_version"].encode(),
        b"kutim.schema_hash": schema_hash(name).encode(),
    }
    return pa.schema(fields, metadata=metadata)


# --- validation -----------------------------------------------------------------------------

@cache
def _validator(name: str):
    return fastjsonschema.compile(load(name), formats={"date-time": _is_datetime})


def _is_datetime(value: str) -> bool:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None


def validate(record: Mapping[str, Any], name: str = ARTICLE) -> None:
    """Raise InvalidRecord naming the failing field when ``record`` breaks the schema."""
    try:
        _validator(name)(record)
    except fastjsonschema.JsonSchemaValueException as error:
        path = error.path or ["data"]
        field = ".".join(str(p) for p in path[1:]) or (error.name or "data")
        raise InvalidRecord(field, error.message) from None


# --- tables ---------------------------------------------------------------------------------

def _to_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).astimezone(UTC)


@cache
def _timestamp_fields(name: str) -> tuple[str, ...]:
    schema = arrow_schema(name)
    return tuple(f.name for f in schema if pa.types.is_timestamp(f.type))


def to_table(records: Iterable[Mapping[str, Any]], name: str = ARTICLE) -> pa.Table:
    """Build a table with exactly the derived schema (never inferred types, never null-typed
    columns), converting ISO timestamp strings to UTC instants."""
    schema = arrow_schema(name)
    stamps = _timestamp_fields(name)
    columns: dict[str, list[Any]] = {f.name: [] for f in schema}
    for record in records:
        for column, values in columns.items():
            value = record[column]
            values.append(_to_utc(value) if column in stamps else value)
    return pa.table(columns, schema=schema)


def from_arrow_row(row: Mapping[str, Any], name: str = ARTICLE) -> dict[str, Any]:
    """Inverse of to_table for one row from ``Table.to_pylist()``: timestamps back to ISO strings."""
    stamps = _timestamp_fields(name)
    out = dict(row)
    for column in stamps:
        value = out.get(column)
        if isinstance(value, datetime):
            out[column] = value.astimezone(UTC).isoformat()
    return out


def _default(spec: Mapping[str, Any]) -> Any:
    if _is_nullable(spec):
        return None
    kind = _non_null_type(spec)
    return {"array": [], "boolean": False, "integer": 0, "number": 0.0, "string": ""}.get(kind)


def blank_record(name: str = ARTICLE, **values: Any) -> dict[str, Any]:
    """A record with every field at its empty value (None, [], False, 0), then ``values``.

    Article records start unclustered: cluster_size 1 and representative of their own cluster.
    """
    record = {field: _default(spec) for field, spec in load(name)["properties"].items()}
    if name == ARTICLE:
        record.update(cluster_size=1, is_cluster_representative=True)
    record.update(values)
    return record
