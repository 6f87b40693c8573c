"""The JSON Schema is the single source of truth; the arrow schema and validation follow it."""

import pyarrow as pa
import pytest

from kutim_corpus import schema


def minimal_article(**overrides):
    record = {name: None for name in schema.field_names()}
    record.update(
        id="0123456789abcdef",
        source="portal/berita.html",
        title="Judul",
        authors=[],
        breadcrumb=[],
        tags=[],
        body="Isi berita.",
        word_count=2,
        is_advertorial=False,
        regions_mentioned=[],
        agencies=[],
        people=[],
        quotes=[],
        content_hash="0" * 64,
        parser="generic/1",
        cluster_size=1,
        is_cluster_representative=True,
        published_at="2024-12-04T09:36:00+07:00",
    )
    record.update(overrides)
    return record


def test_arrow_schema_follows_json_schema_field_order_and_types():
    arrow = schema.arrow_schema()
    assert arrow.names == schema.field_names()
    assert arrow.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert arrow.field("authors").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    agency = arrow.field("agencies").type.value_type
    assert [f.name for f in agency] == ["acronym", "name", "level", "region_code", "mention"]
    assert not any(pa.types.is_large_string(f.type) for f in arrow)
    assert arrow.metadata[b"kutim.schema_version"] == schema.schema_version().encode()


def test_valid_record_passes_and_becomes_a_utc_row():
    record = minimal_article()
    schema.validate(record)
    table = schema.to_table([record])
    instant = table.column("published_at")[0].as_py()
    assert instant.isoformat() == "2024-12-04T02:36:00+00:00"
    assert table.column("published_local").type == pa.string()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id": "not-hex"}, "id"),
        ({"title": ""}, "title"),
        ({"published_at": "4 Desember 2024"}, "published_at"),
        ({"published_tz_source": "guess"}, "published_tz_source"),
        ({"agencies": [{"acronym": "DP3A"}]}, "agencies"),
    ],
)
def test_invalid_record_names_the_failing_field(overrides, field):
    with pytest.raises(schema.InvalidRecord) as caught:
        schema.validate(minimal_article(**overrides))
    assert caught.value.field.startswith(field)


def test_unknown_field_is_rejected():
    with pytest.raises(schema.InvalidRecord):
        schema.validate(minimal_article(extra="x"))
