"""Exact totals on an index big enough for Whoosh's collector to prune (scores that vary).

On this corpus a Whoosh collector that counts while it ranks reports about half of the 2,000+
articles that match "banjir"; `kutim search` must report the true number, checked here by a
brute-force count over the records.
"""

from __future__ import annotations

import random

import pytest

from kutim_corpus.analysis import terms
from kutim_corpus.index import index_corpus
from kutim_corpus.search import search
from test_index_fixtures import make_article, write_corpus

FILLER = ["warga", "sungai", "jalan", "posko", "hujan", "deras", "petugas", "bantuan", "rumah", "desa", "camat", "bupati", "sekolah", "guru", "pasar", "harga"]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    rng = random.Random(3)
    records = []
    for n in range(3_000):
        record = make_article(n)
        flood_words = rng.choice([0, 0, 0, 1, 2, 5, 12])  # varied scores: what makes pruning bite
        extra = " ".join(rng.choices(FILLER, k=rng.randint(30, 400))) + " banjir" * flood_words
        record["body"] += "\n\n" + extra
        if rng.random() < 0.2:
            record["title"] += " banjir"
        records.append(record)
    root = tmp_path_factory.mktemp("exact")
    write_corpus(root / "corpus", records)
    index_corpus(root / "corpus", root / "index", procs=1)
    return records, root / "index"


def true_count(records, words, keep=lambda r: True):
    wanted = set(terms(words))
    return sum(
        1 for r in records
        if keep(r) and wanted <= set(terms(r["title"])) | set(terms(r["body"]))
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "options", "keep"),
    [
        ("banjir", {}, lambda r: True),
        ("banjir sungai", {}, lambda r: True),
        ("banjir", {"agency": "BPBD"}, lambda r: r["agencies"][0]["acronym"] == "BPBD"),
        ("banjir sungai", {"region": "Kutim", "date_from": "2024-01-01"},
         lambda r: r["region_code"] == "64.08" and (r["published_local"] or "") >= "2024-01-01"),
        ("banjir", {"sort": "date"}, lambda r: True),
        ("banjir", {"facets": True}, lambda r: True),
        ("banjir", {"collapse": True}, lambda r: True),
    ],
)
def test_totals_stay_exact_when_whoosh_prunes(big, query, options, keep):
    records, index = big
    expected = true_count(records, query, keep)
    assert expected > 300
    result = search(index, query, limit=10, **options)
    assert result.total == expected
    if options.get("facets"):
        assert sum(result.facets["site"].values()) == expected
