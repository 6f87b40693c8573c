"""Article detection: listing, category, tag, search and index pages are not articles."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kutim_corpus import dates
from kutim_corpus.errors import Rejected

from .tree import text_of

_LISTING_PATH = re.compile(
    r"/(?:tag|tags|topik|topic|category|categories|kategori|kanal|indeks|index|search|cari|"
    r"pencarian|archive|arsip|author|penulis|page)(?:/|$)|[?&](?:s|q|search|page)=",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
MIN_WORDS_WITHOUT_METADATA = 60


def _listing_url(url: str | None, profile) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    if profile and any(re.search(p, path) for p in profile.is_listing_url):
        return True
    return bool(_LISTING_PATH.search(path)) or parts.path in ("", "/")


def _headline_links(container) -> int:
    return sum(1 for a in container.iter("a") if len(text_of(a)) >= 25)


def _dates_in(container) -> int:
    seen = set()
    for text in container.itertext():
        stamp = dates.parse_printed(text) if len(text) < 120 else None
        if stamp:
            seen.add((stamp.day, stamp.hour, stamp.minute))
    return len(seen)


def _has_headline_link(el) -> bool:
    return any(len(text_of(a)) >= 20 for a in el.iter("a"))


def _one_of_many_items(container) -> bool:
    """The chosen block is one teaser among many alike: an ancestor close by has at least five
    children with the same tag and class, each holding a headline link."""
    child, parent = container, container.getparent()
    for _ in range(4):
        if parent is None:
            return False
        signature = (child.tag, child.get("class"))
        alike = [c for c in parent if (c.tag, c.get("class")) == signature]
        if len(alike) >= 5 and sum(1 for c in alike if _has_headline_link(c)) >= 5:
            return True
        child, parent = parent, parent.getparent()
    return False


def _looks_like_listing(container, paragraphs, declared: bool) -> bool:
    """Teaser lists: many headline links, and the prose between them is short teasers
    rather than the long paragraphs of a story."""
    if _one_of_many_items(container):
        return True
    teasers = _headline_links(container)
    if teasers < 5:
        return False
    longest = max((len(p) for p in paragraphs), default=0)
    prose = sum(len(p) for p in paragraphs)
    if prose < teasers * 60 or longest < 160:
        return True
    return not declared and _dates_in(container) >= 4 and longest < 300


def check_article(page, url, paragraphs, container, dated: bool, profile) -> None:
    words = sum(len(_WORD.findall(p)) for p in paragraphs)
    declared = page.declares_article
    if page.declares_listing or (_listing_url(url, profile) and not declared):
        raise Rejected("not_article", "a listing/index page (declared type or URL pattern)")
    if container is not None and _looks_like_listing(container, paragraphs, declared):
        raise Rejected("not_article", "a listing page (headline links outweigh prose in the main block)")
    if words == 0:
        if declared:
            raise Rejected("empty", "an article page without any body text")
        raise Rejected("not_article", "no article text on the page")
    if not declared and not dated and words < MIN_WORDS_WITHOUT_METADATA:
        raise Rejected("not_article", f"only {words} words, no article metadata and no dated headline")
