"""Counts shown in the dataset card and recorded in the manifest."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pyarrow as pa

UNKNOWN = "(unknown)"
COLUMNS = [
    "id", "site", "region_code", "region_name", "agencies", "published_local", "published_at",
    "is_advertorial", "language", "cluster_id", "cluster_size", "word_count", "title",
]


@dataclass
class Stats:
    articles: int = 0
    words: int = 0
    advertorials: int = 0
    in_clusters: int = 0
    sites: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    agencies: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    clusters: set = field(default_factory=set)
    first_published: str | None = None
    last_published: str | None = None

    def add(self, table: pa.Table) -> None:
        for row in table.select(COLUMNS).to_pylist():
            self._add_row(row)

    def _add_row(self, row: dict) -> None:
        self.articles += 1
        self.words += row["word_count"] or 0
        self.advertorials += bool(row["is_advertorial"])
        self.sites[row["site"] or UNKNOWN] += 1
        self.regions[_region_label(row)] += 1
        self.languages[row["language"] or UNKNOWN] += 1
        for agency in {a["acronym"] or a["name"] or a["mention"] for a in row["agencies"]}:
            self.agencies[agency] += 1
        self.years[_year(row)] += 1
        if (row["cluster_size"] or 1) > 1:
            self.in_clusters += 1
            self.clusters.add(row["cluster_id"])
        published = row["published_at"]
        if published is not None:
            stamp = published.isoformat()
            self.first_published = min(filter(None, [self.first_published, stamp]))
            self.last_published = max(filter(None, [self.last_published, stamp]))

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "words": self.words,
            "advertorials": self.advertorials,
            "articles_in_near_duplicate_clusters": self.in_clusters,
            "near_duplicate_clusters": len(self.clusters),
            "first_published_at": self.first_published,
            "last_published_at": self.last_published,
            "by_site": _sorted(self.sites),
            "by_region": _sorted(self.regions),
            "by_agency": _sorted(self.agencies),
            "by_year": dict(sorted(self.years.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0]))),
            "by_language": _sorted(self.languages),
        }


def _sorted(counter: Counter) -> dict[str, int]:
    """Biggest first, ties by name, unknown last: a stable order for byte-identical output."""
    return dict(sorted(counter.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0])))


def _region_label(row: dict) -> str:
    if row["region_code"] is None:
        return UNKNOWN
    return f"{row['region_name'] or '?'} ({row['region_code']})"


def _year(row: dict) -> str:
    if row["published_local"]:
        return row["published_local"][:4]
    if row["published_at"] is not None:
        return str(row["published_at"].year)
    return UNKNOWN
