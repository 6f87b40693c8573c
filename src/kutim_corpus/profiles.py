"""Site profiles: small declarative JSON files (``profiles/<name>.json``), one per portal.

A profile names the portal's hosts, its home region (used by enrichment), an optional default
zone for pages that print none, and CSS selectors that override the generic extractor:
``body`` (the article container), ``remove`` (boilerplate inside it), ``title``, ``date``
(an element whose text or ``datetime``/``content`` holds the publication time), ``authors``,
``section``, ``tags``. Bump ``version`` whenever the portal changes its layout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

SELECTOR_KEYS = ("body", "remove", "title", "date", "authors", "section", "tags")
_PROFILE_KEYS = {"name", "version", "sites", "region_code", "default_offset", "note", "selectors",
                 "listing_url_patterns"}


class ProfileError(ValueError):
    """A profile file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Profile:
    name: str
    version: int
    sites: tuple[str, ...]
    region_code: str | None = None
    default_offset: float | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    is_listing_url: tuple[str, ...] = ()

    @property
    def parser(self) -> str:
        return f"profile:{self.name}/{self.version}"

    def selector(self, key: str) -> str | None:
        return self.selectors.get(key)


def _from_json(doc: dict, origin: str) -> Profile:
    for key in ("name", "version", "sites"):
        if key not in doc:
            raise ProfileError(f"{origin}: missing '{key}'")
    unknown_keys = set(doc) - _PROFILE_KEYS
    if unknown_keys:
        raise ProfileError(f"{origin}: unknown keys {sorted(unknown_keys)}")
    if not isinstance(doc["version"], int) or doc["version"] < 1:
        raise ProfileError(f"{origin}: 'version' must be a positive integer")
    selectors = doc.get("selectors", {})
    unknown = set(selectors) - set(SELECTOR_KEYS)
    if unknown:
        raise ProfileError(f"{origin}: unknown selector keys {sorted(unknown)}; use {SELECTOR_KEYS}")
    _check_css(selectors, origin)
    return Profile(
        name=doc["name"],
        version=doc["version"],
        sites=tuple(s.lower().removeprefix("www.") for s in doc["sites"]),
        region_code=doc.get("region_code"),
        default_offset=doc.get("default_offset"),
        selectors=dict(selectors),
        is_listing_url=tuple(doc.get("listing_url_patterns", ())),
    )


def _check_css(selectors: dict[str, str], origin: str) -> None:
    from cssselect import GenericTranslator, SelectorError

    for key, css in selectors.items():
        try:
            GenericTranslator().css_to_xpath(css)
        except SelectorError as error:
            raise ProfileError(f"{origin}: selector '{key}' is not valid CSS: {error}") from None


@cache
def all_profiles() -> tuple[Profile, ...]:
    """Every bundled profile, sorted by name."""
    folder = resources.files("kutim_corpus").joinpath("profiles")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            found.append(_from_json(json.loads(entry.read_text("utf-8")), f"profiles/{entry.name}"))
    return tuple(found)


@cache
def _by_site() -> dict[str, Profile]:
    table: dict[str, Profile] = {}
    for profile in all_profiles():
        for site in profile.sites:
            if site in table:
                raise ProfileError(f"site {site} claimed by {table[site].name} and {profile.name}")
            table[site] = profile
    return table


def for_site(site: str | None) -> Profile | None:
    """The profile of ``site`` (host without 'www.'), also matching sub-domains; None if none."""
    if not site:
        return None
    table = _by_site()
    host = site.lower().removeprefix("www.")
    while host:
        if host in table:
            return table[host]
        _, _, host = host.partition(".")
    return None


@cache
def compiled(css: str):
    """A compiled lxml XPath for a CSS selector (cached: profiles are reused across pages)."""
    from cssselect import GenericTranslator
    from lxml.etree import XPath

    return XPath(GenericTranslator().css_to_xpath(css))
