"""Indonesian enrichment: region (Kemendagri codes), government bodies, people, quotes,
advertorial flag and dateline.

``enrich(record) -> record`` is pure: it reads title, body, breadcrumb, section, url, site and
tags and returns a copy with the enrichment fields filled. Indexes (7,285 district names, the
agency list) are built once per process on first use.
"""

from __future__ import annotations

from typing import Any

from .agencies import find_agencies
from .gazetteer import PROVINCE, Mention, Place, Tokens, gazetteer
from .markers import (
    advertorial_from_labels,
    find_advertorial_marker,
    find_dateline,
    strip_dateline,
)
from .people import find_people_and_quotes
from .regions import (
    Context,
    choose_primary,
    dateline_region,
    filed_only,
    label_region,
    mention_region,
    place_for_code,
    regency_or_province,
    resolve,
    url_region,
)

__all__ = ["enrich", "strip_dateline", "find_advertorial_marker", "warm_up"]

FIELDS = (
    "dateline", "is_advertorial", "advertorial_marker", "region_code", "region_name",
    "province_code", "province_name", "region_source", "regions_mentioned", "agencies",
    "people", "quotes",
)


def warm_up() -> None:
    """Build the indexes now (e.g. before forking workers) instead of on the first page."""
    from .agencies import catalogue

    gazetteer()
    catalogue()


def enrich(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` with dateline, advertorial, region, agencies, people and quotes."""
    title = record.get("title") or ""
    body = record.get("body") or ""
    labels = [*(record.get("breadcrumb") or []), *([record["section"]] if record.get("section") else [])]
    out = dict(record)

    dateline = find_dateline(body)
    out["dateline"] = dateline[0] if dateline else None
    marker = (find_advertorial_marker(body) or find_advertorial_marker(title)
              or advertorial_from_labels(title, labels + list(record.get("tags") or []), record.get("url")))
    out["is_advertorial"] = marker is not None
    out["advertorial_marker"] = marker

    text = f"{title}\n{body}"
    tokens = Tokens(text)
    mentions = gazetteer().find(text, tokens=tokens, title_end=len(title))
    signals, context, resolved = _region_signals(record, labels, title, dateline, mentions)
    primary, source = choose_primary(signals)
    found = find_agencies(text, mentions, context, primary, tokens)
    if source == "dateline" and filed_only(primary, found.named_regions):
        signals[2] = ("dateline", gazetteer().places[primary.province_code])
        primary, source = choose_primary(signals)
        found = find_agencies(text, mentions, context, primary, tokens)
    out.update(_region_fields(primary, source))
    out["regions_mentioned"] = sorted({p.code for _, p in resolved if p is not None})
    out["agencies"] = found.records
    # headlines are title case: every word looks like a name there, so people come from the body
    out["people"], out["quotes"] = find_people_and_quotes(" " * len(title) + "\n" + body, found.spans, tokens)
    return out


def _region_signals(record: dict[str, Any], labels: list[str], title: str,
                    dateline: tuple[str, int] | None, mentions: list[Mention]):
    """The region signals in order of trust, the article's region context, resolved mentions."""
    profile_place = _profile_place(record.get("site"))
    strong = Context(*_context_sets([profile_place]))
    label_place = label_region(labels, strong)
    url_place = url_region(record.get("url"), strong)
    explicit = [resolve(m, strong) for m in mentions if m.explicit]
    dateline_place = dateline_region(
        dateline[0] if dateline else None,
        Context(*_context_sets([profile_place, label_place, *explicit])))
    context = _article_context(mentions, [profile_place, label_place, dateline_place, url_place])
    resolved = [(m, resolve(m, context)) for m in mentions]
    title_places = [p for m, p in resolved if p is not None and m.start < len(title)]
    # the dateline is its own signal: its place is not also a body mention
    body_start = len(title) + 1 + (dateline[1] if dateline else 0)
    body_places = [p for m, p in resolved if p is not None and m.start >= body_start]
    signals = [
        ("profile", profile_place),
        ("breadcrumb", label_place),
        ("dateline", dateline_place),
        ("url", url_place),
        ("title", _title_region(title_places, body_places)),
        ("body", mention_region(body_places)),
    ]
    return signals, context, resolved


def _profile_place(site: str | None) -> Place | None:
    try:
        from ..profiles import for_site
    except ImportError:  # the profiles module is optional for enrichment
        return None
    profile = for_site(site)
    return place_for_code(getattr(profile, "region_code", None)) if profile else None


def _context_sets(places: list[Place | None]) -> tuple[frozenset[str], frozenset[str]]:
    regencies = {p.code for p in places if p is not None and p.level != PROVINCE}
    provinces = {p.province_code for p in places if p is not None}
    return frozenset(regencies), frozenset(provinces)


def _article_context(mentions: list[Mention], strong: list[Place | None]) -> Context:
    """Strong signals plus every unambiguous regency named in the text."""
    regencies, provinces = (set(s) for s in _context_sets(strong))
    base = Context(frozenset(regencies), frozenset(provinces))
    for mention in mentions:
        place = resolve(mention, base)
        if place is not None and place.level != PROVINCE:
            top = regency_or_province(place)
            regencies.add(top.code)
            provinces.add(top.province_code)
    return Context(frozenset(regencies), frozenset(provinces))


def _title_region(title_places: list[Place], body_places: list[Place]) -> Place | None:
    """Among regions named in the headline, the one the body names most."""
    if not title_places:
        return None
    tops = {regency_or_province(p).code for p in title_places}
    in_body = [p for p in body_places if regency_or_province(p).code in tops]
    return mention_region(title_places + in_body)


def _region_fields(place: Place | None, source: str | None) -> dict[str, Any]:
    if place is None:
        return {"region_code": None, "region_name": None, "province_code": None,
                "province_name": None, "region_source": None}
    province = gazetteer().places[place.province_code]
    return {"region_code": place.code, "region_name": place.display_name,
            "province_code": province.code, "province_name": province.name,
            "region_source": source}
