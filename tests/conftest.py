"""Shared test helpers."""

from __future__ import annotations

import hashlib

import pytest

from kutim_corpus import schema


@pytest.fixture
def article_factory():
    """Make valid article records: ``article_factory(title=..., body=...)``."""

    def make(**values):
        body = values.get("body", "SANGATTA – Isi berita contoh.")
        key = values.get("url") or values.get("source") or body
        record = schema.blank_record(
            id=hashlib.sha256(key.encode()).hexdigest()[:16],
            source=values.get("source", "sample/berita.html"),
            title="Judul berita",
            body=body,
            word_count=len(body.split()),
            content_hash=hashlib.sha256(body.lower().encode()).hexdigest(),
            parser="generic/1",
        )
        record.update(values)
        schema.validate(record)
        return record

    return make
