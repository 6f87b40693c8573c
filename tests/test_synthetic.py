"""Synthetic corpora: records other helpers bench with, pages and WARC archives the build reads."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kutim_corpus import schema, synthetic


@pytest.fixture(scope="module")
def records():
    return list(synthetic.synthetic_records(2000, seed=3))


def test_records_are_schema_valid_and_unique(records):
    for record in records:
        schema.validate(record)
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["content_hash"] for r in records}) == len(records)
    schema.to_table(records)  # the arrow conversion accepts every value


def test_same_seed_same_records_other_seed_other_records():
    first = list(synthetic.synthetic_records(50, seed=11))
    assert first == list(synthetic.synthetic_records(50, seed=11))
    other = list(synthetic.synthetic_records(50, seed=12))
    assert [r["id"] for r in first] != [r["id"] for r in other]


def test_prefix_is_stable_whatever_n():
    """Asking for more records extends the sequence; benches at 10k and 100k share their start."""
    assert list(synthetic.synthetic_records(20, seed=5)) == list(synthetic.synthetic_records(40, seed=5))[:20]


def test_lengths_are_news_like(records):
    counts = sorted(r["word_count"] for r in records)
    median = counts[len(counts) // 2]
    assert 300 <= median <= 600
    assert counts[0] < 150, "some short notes"
    assert counts[-1] > 700, "some long features"
    typical = sum(300 <= c <= 600 for c in counts) / len(counts)
    assert typical > 0.5


def test_word_count_and_hash_follow_the_schema_rules(records):
    from kutim_corpus.pipeline import content_hash

    for record in records[:200]:
        assert record["word_count"] == len(re.findall(r"\w+", record["body"]))
        assert record["content_hash"] == content_hash(record["body"])
        assert record["lead"] == record["body"].split("\n\n")[0]


def test_mix_of_regions_advertorials_and_dates(records):
    regions = Counter(r["region_code"] for r in records)
    assert regions.most_common(1)[0][0] == "64.08"
    assert regions["64.08"] / len(records) > 0.5
    assert len([c for c in regions if c.startswith("64.")]) >= 6
    assert any(not c.startswith("64") for c in regions), "some stories from outside Kaltim"
    share = sum(r["is_advertorial"] for r in records) / len(records)
    assert 0.10 < share < 0.20
    for record in records:
        assert record["is_advertorial"] == (record["advertorial_marker"] is not None)
        if record["is_advertorial"]:
            assert record["body"].endswith(record["advertorial_marker"])
    years = Counter(r["published_local"][:4] for r in records)
    assert set(years) == {str(y) for y in range(2019, 2026)}
    offsets = Counter(r["published_local"][-6:] for r in records)
    assert set(offsets) == {"+07:00", "+08:00"}
    assert len({r["site"] for r in records}) >= 10


def test_bodies_read_like_kaltim_government_news(records):
    record = next(r for r in records if r["agencies"][0]["acronym"] == "DP3A" and r["region_code"] == "64.08")
    body = record["body"]
    assert body.startswith(record["dateline"] + " – ")
    assert "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim" in body
    for quote in record["quotes"]:
        assert f"“{quote['text']}," in body
    assert record["people"][0]["name"] in body
    for topic in ("perlindungan anak", "banjir", "stunting", "DPRD"):
        assert sum(topic in r["body"] for r in records) > 50, topic
    flood_2024 = [r for r in records if "banjir" in r["title"].lower() and r["published_local"] >= "2024"]
    assert len(flood_2024) > 30
