"""The story's primary region and every region it names.

Order of trust for the primary region (``region_source``):

1. ``profile``    the portal's own region (``profiles.for_site(site).region_code``);
2. ``breadcrumb`` a region in the breadcrumb or section ("Home / KALIMANTAN TIMUR / Kutai Timur");
3. ``dateline``   the place before the dash ("SANGATTA –", "MUARA WAHAU –", "KUTIM –");
4. ``url``        a region in a category segment of the URL path (not the slug);
5. ``title``      region names in the headline;
6. ``body``       the region named most often in the body (districts count for their regency).

A dateline regency is demoted to its province when the article's bodies belong to the province
or to other regencies of it but not to that regency: "SAMARINDA – Pemprov Kaltim ..." is a
province story filed in the capital, "SAMARINDA – ... Pemkab Kutim" a Kutai Timur story.

The first signal that names a region decides, with two refinements: a province-level answer is
narrowed to a regency by a later signal inside that province ("regency when it can be told"),
and a breadcrumb or dateline naming a region outside the portal's own region overrides the
profile (a Kutai Timur portal also files stories from Samarinda).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from .gazetteer import DISTRICT, PROVINCE, REGENCY, Mention, Place, gazetteer


@dataclass(frozen=True)
class Context:
    """Regions already known for the article, used to read ambiguous names."""

    regencies: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()


def resolve(mention: Mention, context: Context) -> Place | None:
    """The place a mention stands for, or None when it cannot be told.

    A kecamatan name shared by several regencies is read inside the article's regencies; a
    bare district name counts only inside a known regency, or when written with "Kecamatan",
    or when it is a several-word name unique in the country.
    """
    candidates = list(mention.candidates)
    named = [p for p in candidates if p.level == REGENCY and p.code in context.regencies]
    local = named or [p for p in candidates if _in_context(p, context)]
    if local:
        candidates = local
    bigger = [p for p in candidates if p.level != DISTRICT]
    if bigger:
        return _prefer(bigger)
    districts = candidates
    inside_regency = [p for p in districts if p.regency_code in context.regencies]
    if inside_regency:
        districts = inside_regency
    elif not (mention.explicit or (len(mention.text.split()) > 1 and len(districts) == 1)):
        return None
    if len(districts) == 1:
        return districts[0]
    regencies = {p.regency_code for p in districts}
    if len(regencies) == 1:  # same name twice in one regency: tell the regency
        return gazetteer().places[regencies.pop()]
    return None


def _in_context(place: Place, context: Context) -> bool:
    if place.level == PROVINCE:
        return place.code in context.provinces
    return place.regency_code in context.regencies or (
        place.level == REGENCY and place.province_code in context.provinces
    )


def _prefer(places: list[Place]) -> Place | None:
    # bare "Jambi" is the province, bare "Semarang" the city, before the kabupaten
    for rank in (lambda p: p.level == PROVINCE, lambda p: p.is_kota, lambda p: True):
        chosen = [p for p in places if rank(p)]
        if len(chosen) == 1:
            return chosen[0]
        if chosen:
            return None
    return None


def regency_or_province(place: Place) -> Place:
    """Districts are reported through their regency as the primary region."""
    if place.level == DISTRICT:
        return gazetteer().places[place.regency_code]
    return place


def place_for_code(code: str | None) -> Place | None:
    if not code:
        return None
    return gazetteer().places.get(code)


# --- signals ---------------------------------------------------------------------------------

def label_region(labels: list[str], context: Context) -> Place | None:
    """Most specific region in breadcrumb/section labels (later items are more specific)."""
    best: Place | None = None
    for label in labels:
        for mention in gazetteer().find(label, title_case=True):
            place = resolve(mention, context)
            if place is None:
                continue
            place = regency_or_province(place)
            if best is None or place.level != PROVINCE or best.level == PROVINCE:
                best = place
    return best


def dateline_region(dateline: str | None, context: Context) -> Place | None:
    if not dateline:
        return None
    places = gazetteer().lookup(dateline)
    if not places:
        return None
    mention = Mention(0, len(dateline), dateline, tuple(places), True, False, True)
    place = resolve(mention, context)
    return regency_or_province(place) if place else None


def url_region(url: str | None, context: Context) -> Place | None:
    """A region in the category segments of the URL path ("/kutai-timur/2024/...")."""
    if not url:
        return None
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) < 2:
        return None
    labels = [s.replace("-", " ").replace("_", " ").title() for s in segments[:-1]]
    return label_region(labels, context)


def mention_region(places: list[Place]) -> Place | None:
    """The regency named most often, else the province likewise; None on a tie."""
    regencies: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    for place in places:
        top = regency_or_province(place)
        if top.level == REGENCY:
            regencies[top.code] += 1
        provinces[top.province_code] += 1
    for counter in (regencies, provinces):
        ranked = counter.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return gazetteer().places[ranked[0][0]]
    return None


def filed_only(dateline_place: Place, body_regions: set[str]) -> bool:
    """True when the dateline is only where the story was filed: the article's bodies belong
    to its province or to other regencies of it, none to the dateline's own regency
    ("SAMARINDA – Pemprov Kaltim ..." is a province story)."""
    if dateline_place.level != REGENCY or dateline_place.code in body_regions:
        return False
    province = dateline_place.province_code
    return any(code == province or code.startswith(province + ".") for code in body_regions)


def choose_primary(signals: list[tuple[str, Place | None]]) -> tuple[Place | None, str | None]:
    """Apply the order of trust to ``[(source, place), ...]`` given in that order."""
    named = [(source, place) for source, place in signals if place is not None]
    if not named:
        return None, None
    source, chosen = named[0]
    rest = named[1:]
    if source == "profile":
        for other_source, other in rest:
            if other_source in ("breadcrumb", "dateline") and not _within(other, chosen):
                source, chosen = other_source, other
                rest = [item for item in rest if item[0] != other_source]
                break
    if chosen.level == PROVINCE:
        for other_source, other in rest:
            if other.level == REGENCY and other.province_code == chosen.code:
                return other, other_source
    return chosen, source


def _within(place: Place, container: Place) -> bool:
    if container.level == PROVINCE:
        return place.province_code == container.code
    return place.code == container.code or (
        place.level == PROVINCE and container.province_code == place.code
    )
