"""Exact totals on an index big enough for Whoosh's collector to prune (scores that vary).

On this corpus a Whoosh collector that counts while it ranks reports about half of the 2,000+
articles that match "banjir"; `kutim search` must report the true number, checked here by a
brute-force count over the records.
"""

from __future__ import annotations

import hashlib
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


@pytest.mark.slow
def test_totals_scores_and_facets_stay_exact_after_an_incremental_update_with_deletions(big, tmp_path):
    """Deleted documents stay in Whoosh's posting lists until segments merge: the numpy
    evaluation must leave them out like Whoosh's matchers do."""
    import copy

    records, _ = big
    changed = copy.deepcopy(records[:1_000])
    for record in changed[::7]:
        record["body"] += " banjir banjir sungai"
        record["content_hash"] = hashlib.sha256(record["body"].encode()).hexdigest()
    del changed[100:160]
    write_corpus(tmp_path / "corpus", records[:1_000])
    index_corpus(tmp_path / "corpus", tmp_path / "index", procs=1)
    write_corpus(tmp_path / "corpus", changed)
    report = index_corpus(tmp_path / "corpus", tmp_path / "index", procs=1)
    assert (report.mode, report.updated, report.deleted) == ("incremental", 135, 60)
    for query, options, keep in [
        ("banjir", {}, lambda r: True),
        ("banjir sungai", {"agency": "BPBD"}, lambda r: r["agencies"][0]["acronym"] == "BPBD"),
        ("banjir NOT sungai", {}, None),
        ("", {"date_from": "2024-01-01"}, None),
    ]:
        result = search(tmp_path / "index", query, limit=10, facets=True, **options)
        if keep is not None:
            expected = true_count(changed, query, keep)
        elif query:
            expected = sum(1 for r in changed if "banjir" in terms(r["title"] + " " + r["body"])
                           and "sungai" not in terms(r["title"] + " " + r["body"]))
        else:
            expected = sum(1 for r in changed if (r["published_local"] or "") >= "2024-01-01")
        assert result.total == expected > 0, query
        assert sum(result.facets["site"].values()) == expected
        if query:
            assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
