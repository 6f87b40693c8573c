"""Article detection: listing, category, tag, search and index pages are not articles."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kutim_corpus import dates
from kutim_corpus.errors import Rejected

from .body import paragraphs
from .tree import text_of

_LISTING_PATH = re.compile(
    r"/(?:tag|tags|topik|topic|category|categories|kategori|kanal|indeks|index|search|cari|"
    r"pencarian|archive|arsip|author|penulis|page)(?:/|$)|[?&](?:s|q|search|page)=",
    re.IGNORECASE,
)
# the portal's own pages: masthead, about, contact, media guidelines, privacy
_STATIC_PATH = re.compile(
    r"/(?:redaksi|susunan-redaksi|tentang-kami|tentang|about(?:-us)?|kontak(?:-kami)?|"
    r"contact(?:-us)?|hubungi-kami|pedoman-media-siber|pedoman-pemberitaan-media-siber|"
    r"kebijakan-privasi|privacy-policy|disclaimer|syarat-dan-ketentuan|terms|karir|info-iklan)/?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
MIN_WORDS_WITHOUT_METADATA = 60


# index pages named by their last path segment: "/terkini", "/index-news/kaltim" is caught by
# structure, "/berita-terkini/" here
_LISTING_LAST_SEGMENT = re.compile(
    r"/(?:terkini|terbaru|terpopuler|populer|trending|latest|most-popular|berita-terkini|"
    r"berita-terbaru|indeks-berita|index-berita|index-news|news-index|arsip-berita)(?:/\d{1,4})?/?$"
    # a news section as the whole path: "/berita", "/siaran-pers" (a government site's list)
    r"|^/(?:berita|news|artikel|kabar|warta|pengumuman|siaran-pers|rilis|press-release)(?:/\d{1,4})?/?$",
    re.IGNORECASE,
)


def _listing_url(url: str | None, profile) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    if profile and any(re.search(p, path) for p in profile.is_listing_url):
        return True
    return bool(_LISTING_PATH.search(path) or _LISTING_LAST_SEGMENT.search(parts.path)) \
        or parts.path in ("", "/")


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
    if _is_list_of_items(container):
        return True
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


def _is_list_of_items(container) -> bool:
    """The chosen block itself is the list: five or more alike children (same tag and class),
    nearly all holding a headline link, that carry most of its text (an index page of headline
    + time rows). A story's paragraphs are alike too, but only its few "Baca juga" lines hold
    links, and a related list under a story carries less text than the story."""
    groups: dict = {}
    for child in container:
        if isinstance(child.tag, str):
            groups.setdefault((child.tag, child.get("class")), []).append(child)
    for alike in groups.values():
        if (len(alike) >= 5 and _nearly_all_hold_headline_links(alike)
                and sum(len(text_of(c)) for c in alike) >= 0.6 * len(text_of(container))):
            return True
    return False


def _nearly_all_hold_headline_links(items) -> bool:
    allowed_misses = 0.2 * len(items)
    misses = 0
    for item in items:
        if not _has_headline_link(item):
            misses += 1
            if misses > allowed_misses:  # a story's paragraphs fail after a few
                return False
    return True


def _alternations(container) -> int:
    """How often the main block switches between headline links and prose paragraphs: a listing
    interleaves them (link, teaser, link, teaser...); a story with a related block after it
    switches once."""
    kinds = []
    for par in paragraphs(container):
        if par.link_density > 0.5 and len(par.text) >= 20:
            kinds.append("link")
        elif par.link_density < 0.2 and len(par.text) >= 60:
            kinds.append("prose")
    return sum(1 for a, b in zip(kinds, kinds[1:], strict=False) if a != b)


def _looks_like_listing(container, story: list[str], declared: bool) -> bool:
    """Teaser lists: the main block is one teaser among many alike, or holds many headline
    links interleaved with short teaser paragraphs."""
    if _one_of_many_items(container):
        return True
    teasers = _headline_links(container)
    if teasers < 5:
        return False
    longest = max((len(p) for p in story), default=0)
    prose = sum(len(p) for p in story)
    switches = _alternations(container)
    if declared:
        # a page that says it is an article: only a block of interleaved short teasers overrides it
        return teasers >= 8 and longest < 160 and switches >= 6
    return prose < 200 or switches >= 6 or (switches >= 4 and _dates_in(container) >= 4)


_HEADINGS = ("h1", "h2", "h3", "h4")


def _teaser_of_another_page(container, title: str | None) -> bool:
    """The main block opens with a headline that links elsewhere and is not the page's title:
    the featured teaser at the top of a section page, not a story (a story's own headline,
    when linked at all, carries the page title)."""
    key = re.sub(r"\W", "", (title or "").lower())
    for el in container.iter():
        if el.tag in _HEADINGS:
            link = next(el.iter("a"), None)
            text = re.sub(r"\W", "", text_of(link).lower()) if link is not None else ""
            return len(text) >= 20 and bool(key) and text not in key and key not in text
        if el.tag == "p" and len(text_of(el)) >= 60:
            return False  # prose before any heading: the block is a story
    return False


def _static_page(page, url: str | None) -> bool:
    """A static page (WordPress pages say og:type "article" too, but carry no publication
    time and no Article JSON-LD)."""
    if page.ld_article or not url or page.first("article:published_time"):
        return False
    return bool(_STATIC_PATH.search(urlsplit(url).path))


def check_article(page, url, paragraphs, container, dated: bool, profile, title=None) -> None:
    words = sum(len(_WORD.findall(p)) for p in paragraphs)
    declared = page.declares_article
    if page.declares_listing or (_listing_url(url, profile) and not declared):
        raise Rejected("not_article", "a listing/index page (declared type or URL pattern)")
    if _static_page(page, url):
        raise Rejected("not_article", "a static page of the portal (masthead, about, contact, guidelines)")
    if container is not None and _looks_like_listing(container, paragraphs, declared):
        raise Rejected("not_article", "a listing page (headline links outweigh prose in the main block)")
    if container is not None and not declared and _teaser_of_another_page(container, title):
        raise Rejected("not_article", "a section page (its main block is the teaser of another story)")
    if words == 0:
        if declared:
            raise Rejected("empty", "an article page without any body text")
        raise Rejected("not_article", "no article text on the page")
    if not declared and not dated and words < MIN_WORDS_WITHOUT_METADATA:
        raise Rejected("not_article", f"only {words} words, no article metadata and no dated headline")
