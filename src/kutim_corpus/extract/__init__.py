"""Extraction: raw page bytes -> article fields (metadata, dates, body), or ``Rejected``.

``extract_article`` is a pure function (no I/O, no global mutable state) so the pipeline can
run it in a process pool. Stages: decode -> parse (lxml) -> metadata (JSON-LD, OpenGraph, meta,
then visible text) -> article detection -> body. A site profile, when one matches the page's
host and ``use_profiles`` is true, overrides selectors; everything else is generic.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from lxml import etree

from kutim_corpus import dates, profiles
from kutim_corpus.errors import Rejected

from . import body as body_stage
from . import metadata as meta_stage
from .boilerplate import is_boilerplate_line
from .decode import decode_html, is_feed, parse_html
from .detect import check_article
from .language import guess_language
from .tree import LazyLandmarks, drop, position, raw_text, space_line_breaks

GENERIC_PARSER = "generic/1"
DEFAULT_OFFSET_HOURS = 7.0  # WIB: what national portals print when they print nothing else
FIELDS = (
    "url", "site", "title", "description", "authors", "section", "breadcrumb", "tags",
    "published_at", "published_local", "published_tz_source", "modified_at", "body", "lead",
    "word_count", "language", "language_score", "parser",
)
_WORD = re.compile(r"\w+")
_UPDATED = re.compile(r"^\W*(?:diperbarui|diupdate|update[d]?|modified|last updated|terakhir diubah)\b",
                      re.IGNORECASE)
_HOME = re.compile(r"^(?:home|beranda|index|indeks|halaman utama|depan|utama|detail|detail berita|"
                   r"baca|read|selengkapnya)$", re.IGNORECASE)  # and the "you are here" labels


def extract_article(
    data: bytes, *, url: str | None = None, use_profiles: bool = True, max_depth: int | None = None
) -> dict:
    """Extract one article from page bytes; raise ``Rejected`` for non-articles and bad input.

    ``max_depth``: reject pages nested deeper as ``too_deep``, checked on the parsed tree.
    """
    text = decode_html(data)
    if is_feed(text):
        raise Rejected("not_article", "an RSS/Atom feed, not an article page")
    root = parse_html(text, max_depth=max_depth)
    space_line_breaks(root)
    page = meta_stage.read_meta(root)
    canonical = meta_stage.canonical_url(page, url)
    site = meta_stage.site_of(canonical) or meta_stage.site_of(url) or meta_stage.dominant_link_host(root)
    profile = profiles.for_site(site) if use_profiles else None

    title, title_heading = meta_stage.title_and_heading(page, root, site, _select_text(root, profile, "title"))
    machine_date = meta_stage.machine_published(page, root)
    marks = LazyLandmarks(root)  # one pass over the tree, only if a printed date or byline is needed
    printed_all = _printed_dates(root, marks, profile, title, title_heading) \
        if _needs_printed(machine_date, profile) else []
    authors = _authors(page, root, marks, profile, site)
    breadcrumb = _breadcrumb(page, marks, title, site)
    section = _section(page, root, profile, breadcrumb, canonical)
    tags = _tags(page, root, profile)

    body_stage.clean_tree(root)
    container = _profile_container(root, profile)
    paragraphs, container = body_stage.extract_body(root, container)
    paragraphs = _drop_title_echo(paragraphs, title)
    paragraphs = _prefer_ld_body(paragraphs, page)
    anchor = _Once(lambda: _anchor(root, marks.positions, container, title, title_heading))
    printed_at = _nearest_date(printed_all, anchor)
    printed = printed_at[1] if printed_at else None
    default_zone = _Once(lambda: _default_zone(printed_all, profile))
    published, tz_source = _published(machine_date, printed_all, printed, canonical, default_zone)
    modified = _modified(page, published)
    dated = machine_date is not None or (printed is not None and (
        printed.has_time or _under_headline(printed_at[0], anchor()))) or _dated_permalink(canonical)
    check_article(page, canonical, paragraphs, container, dated, profile, title)
    if not title:
        raise Rejected("not_article", "no headline found (no <h1>, og:title or <title>)")

    body = "\n\n".join(paragraphs)
    language, score = guess_language(body)
    return {
        "url": canonical,
        "site": site,
        "title": title,
        "description": _description(page),
        "authors": authors,
        "section": section,
        "breadcrumb": breadcrumb,
        "tags": tags,
        "published_at": published.utc_iso() if published else None,
        "published_local": published.local_iso() if published else None,
        "published_tz_source": tz_source,
        "modified_at": modified.utc_iso() if modified else None,
        "body": body,
        "lead": paragraphs[0] if paragraphs else None,
        "word_count": len(_WORD.findall(body)),
        "language": language,
        "language_score": score,
        "parser": profile.parser if profile else GENERIC_PARSER,
    }


def _description(page) -> str | None:
    text = page.first("og:description", "description", "twitter:description") \
        or meta_stage.ld_text(page.ld_article, "description")
    # some CMSs escape twice: "&amp;nbsp;" arrives as the text "&nbsp;"
    return meta_stage.norm(html.unescape(text)).strip(" -–") or None if text else None


# --- profile selectors ------------------------------------------------------------------------

def _select(root, profile, key):
    css = profile.selector(key) if profile else None
    return profiles.compiled(css)(root) if css else []


def _select_text(root, profile, key) -> str | None:
    for el in _select(root, profile, key):
        text = meta_stage.norm(el.get("content") or raw_text(el))
        if text:
            return text
    return None


def _profile_container(root, profile):
    found = _select(root, profile, "body")
    if not found:
        return None
    container = found[0]
    for el in _select(container, profile, "remove"):
        if el.getparent() is not None:
            drop(el)
    return container


# --- dates ------------------------------------------------------------------------------------

def _printed_dates(root, marks, profile, title, title_heading) -> list[tuple[int, dates.Stamp]]:
    """Every printed date line in a date-like element, with its document position, and the
    position of each element (to measure distances once the body container is known)."""
    found: list[tuple[int, dates.Stamp]] = []
    for el in _select(root, profile, "date"):
        stamp = dates.parse_printed(
            meta_stage.norm(el.get("datetime") or el.get("content") or raw_text(el)))
        if stamp:
            found.append((-1, stamp))  # a profile's date selector beats any distance
    positions = marks.positions
    for el in marks.dates:
        text = meta_stage.norm(raw_text(el))
        if _UPDATED.match(text):
            continue  # a modification line, not the publication
        stamp = dates.parse_printed(text) if 6 <= len(text) <= 200 else None
        if stamp is None and el.get("datetime"):
            # "<time datetime=...+08:00>2 jam yang lalu</time>": the attribute is the date line
            stamp = dates.parse_iso(el.get("datetime"))
        if stamp:
            found.append((positions[el], stamp))
    if not found:
        heading = _title_heading(root, title, title_heading, loose=True)
        block = heading.getparent() if heading is not None else None
        if block is not None and block.getparent() is not None:
            block = block.getparent()
        if block is not None:
            # no marked-up date: the lines around the headline
            # spans of an app-rendered page sit without spaces between them
            stamp = dates.parse_printed(meta_stage.norm(" ".join(block.itertext()))[:1500])
            if stamp:
                found.append((positions[heading], stamp))
    return found


def _needs_printed(machine_date, profile) -> bool:
    """Printed date lines matter unless the metadata gives a time with a local offset: they
    give the zone of a naive or "Z" timestamp, or the date itself."""
    if machine_date is None or (profile and profile.selector("date")):
        return True
    stamp = machine_date.stamp
    return not stamp.has_time or not stamp.offset_hours


class _Once:
    """A value computed on the first call only."""

    def __init__(self, compute):
        self._compute, self._done, self._value = compute, False, None

    def __call__(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


def _nearest_date(found, anchor_of) -> tuple[int, dates.Stamp] | None:
    """The printed date closest to the article (sidebars print other stories' dates), with
    its position."""
    if not found:
        return None
    anchor = anchor_of() if found[0][0] != -1 else None
    if anchor is None:
        return found[0]
    # a line with a clock time is the publication line; a bare day is often a "today" bar
    untimed_penalty = 40
    return min(found, key=lambda f: (abs(f[0] - anchor) + (0 if f[1].has_time else untimed_penalty),
                                     f[0] > anchor))


_HEADLINE_TO_DATE = 30  # elements between a headline and the date line printed under it


_DATED_PERMALINK = re.compile(r"/(?:19|20)\d{2}/\d{1,2}/\d{1,2}/[^/?#]{8,}")


def _dated_permalink(url: str | None) -> bool:
    """A WordPress-style permalink, /2024/11/28/<slug>/, dates one story (a bare /2024/11/28/
    is the day's archive)."""
    return bool(url and _DATED_PERMALINK.search(urlsplit(url).path))


def _under_headline(date_position: int, anchor: int | None) -> bool:
    """A day printed right under the headline dates the page (a short press release prints
    "Kamis, 28 November 2024" and no time; a "today" bar sits above the headline)."""
    return anchor is not None and 0 <= date_position - anchor <= _HEADLINE_TO_DATE


def _title_heading(root, title, printed, *, loose: bool):
    """The heading that prints the title: the <h1>/<h2> the title was read from (else the
    first <h1> when ``loose``), else an <h3> with exactly the title (card templates)."""
    if printed is not None:
        return printed
    if loose:
        first_h1 = next(root.iter("h1"), None)
        if first_h1 is not None:
            return first_h1
    key = re.sub(r"\W", "", (title or "").lower())
    for heading in root.iter("h3"):
        if key and re.sub(r"\W", "", "".join(heading.itertext()).lower()) == key:
            return heading
    return None


def _anchor(root, positions, container, title, title_heading) -> int | None:
    """Where the article starts: its headline, else the body."""
    heading = _title_heading(root, title, title_heading, loose=False)
    if heading is not None and heading in positions:
        return positions[heading]
    return position(container, positions) if container is not None else None


def _default_zone(printed_all, profile) -> tuple[float, str]:
    """The offset for a time printed or stamped without one, and its source: the profile's,
    else the one zone the page prints its other times in (a sidebar of "11:30 WITA" lines),
    else WIB (clock times in the story are no guide: a national portal writes "Wita" in a
    story from Kaltim and stamps it in Jakarta time)."""
    if profile and profile.default_offset is not None:
        return profile.default_offset, "assumed"
    zones = {p.offset_hours for _, p in printed_all if p.has_time and p.offset_hours is not None}
    if len(zones) == 1:
        return zones.pop(), "printed"
    return DEFAULT_OFFSET_HOURS, "assumed"


def _published(found, printed_all, printed, canonical, default_zone):
    if found:
        stamp, source = found.stamp, found.source
        local = _utc_label_on_local_time(stamp, [p for _, p in printed_all])
        if local is not None:
            stamp, source = stamp.with_offset(local), "printed"
        else:
            shown = _printed_zone_of_utc(stamp, [p for _, p in printed_all])
            if shown is not None:
                stamp, source = stamp.shifted_to(shown), "printed"
        if not stamp.has_time and printed and printed.day == stamp.day and printed.has_time:
            stamp, source = printed, "printed"
        if stamp.has_time and stamp.offset_hours is None:
            if printed and printed.offset_hours is not None:
                stamp, source = _naive_on_printed_clock(stamp, printed), "printed"
            else:
                default, source = default_zone()
                stamp = stamp.with_offset(default)
        return stamp, source
    if printed:
        if printed.has_time and printed.offset_hours is None:
            default, source = default_zone()
            return printed.with_offset(default), source
        return printed, "printed"
    from_url = dates.parse_url(canonical)
    if from_url:
        return from_url, "url"
    return None, None


def _naive_on_printed_clock(stamp, printed):
    """A timestamp without offset, read against the printed local line: same clock, the
    printed zone; a clock one or two whole hours off (a national CMS stamping Jakarta time on
    a page that prints WITA or WIT), that many hours west of the printed zone, read as printed."""
    if printed.has_time and printed.day == stamp.day and printed.minute == stamp.minute:
        shift = printed.hour - stamp.hour
        if shift and abs(shift) <= 2:
            return stamp.with_offset(printed.offset_hours - shift).shifted_to(printed.offset_hours)
    return stamp.with_offset(printed.offset_hours)


def _utc_label_on_local_time(stamp, printed_all) -> float | None:
    """Templates that stamp local wall time with "Z": the page prints the same clock time
    with a local zone, which a true UTC instant would not match. Returns that zone."""
    if stamp.offset_hours != 0 or not stamp.has_time:
        return None
    for printed in printed_all:
        if (printed.offset_hours and printed.day == stamp.day
                and (printed.hour, printed.minute) == (stamp.hour, stamp.minute)):
            return printed.offset_hours
    return None


def _printed_zone_of_utc(stamp, printed_all) -> float | None:
    """A true UTC timestamp ("02:10Z") that the page prints as local time ("09:10 WIB"): the
    local zone, so that published_local reads as the page does (same instant)."""
    if stamp.offset_hours != 0 or not stamp.has_time:
        return None
    for printed in printed_all:
        if printed.offset_hours and printed.has_time:
            local = stamp.shifted_to(printed.offset_hours)
            if (local.day, local.hour, local.minute) == (printed.day, printed.hour, printed.minute):
                return printed.offset_hours
    return None


def _modified(page, published):
    stamp = meta_stage.machine_modified(page)
    if stamp and stamp.has_time and stamp.offset_hours is None and published is not None:
        stamp = stamp.with_offset(published.offset_hours if published.offset_hours is not None
                                  else DEFAULT_OFFSET_HOURS)
    return stamp


# --- authors, breadcrumb, section, tags -------------------------------------------------------

def _authors(page, root, marks, profile, site) -> list[str]:
    """Person names from the first source that yields any: profile selector, JSON-LD author,
    meta author, then a byline element. "Redaksi" or a publisher name in one source does not
    hide a real byline in the next."""
    publisher = meta_stage.publisher_tokens(page, site) | _channel_tokens(page)
    for raw in _author_sources(page, root, marks, profile):
        names = meta_stage.clean_authors(raw, publisher)
        if names:
            return names
    return []


def _channel_tokens(page) -> set[str]:
    """The first path segment of the article's URL: an "author" that is the channel the story
    is filed under ("/kaltim-terkini/<slug>" by "Kaltim Terkini") is an account, not a person.
    (Later segments can be the writer's own: "/news/kaltim/andi-saputra/<slug>".)"""
    url = meta_stage.canonical_url(page, None)
    segments = [s for s in urlsplit(url).path.split("/")[:-1] if s] if url else []
    token = re.sub(r"\W|_", "", segments[0].lower()) if segments else ""
    return {token} if len(token) >= 3 else set()


def _author_sources(page, root, marks, profile):
    yield [raw_text(el) for el in _select(root, profile, "authors")]
    yield meta_stage.ld_names(page.ld_article.get("author")) if page.ld_article else []
    yield [v for v in page.all("author") + page.all("article:author") + page.all("dc.creator")
           if not v.startswith(("http://", "https://"))]
    for el in marks.authors:
        text = meta_stage.norm(" ".join(el.itertext()))  # "Redaktur : X<br>Reporter : Y"
        if 3 <= len(text) <= 80:
            yield [text]
    yield _credit_lines(root)


_CREDIT_START = re.compile(r"^\W*(?:penulis|reporter|pewarta|wartawan|kontributor|oleh|rep|redaktur)\s*:",
                           re.IGNORECASE)
_INLINE_TAGS = frozenset(("strong", "b", "em", "i", "span", "small"))


def _credit_lines(root) -> list[str]:
    """"Penulis: X | Editor: Y" lines printed inside or under the story (themes whose byline
    element names only the account that posted it)."""
    lines = []
    for el in root.iter("p", "div", "span", "strong", "b", "em"):
        text = el.text
        if not text or ":" not in text[:40] or not _CREDIT_START.match(text):
            continue
        block = el.getparent() if el.tag in _INLINE_TAGS and el.getparent() is not None else el
        text = meta_stage.norm(" ".join(block.itertext()))  # "Pewarta: X<br>Editor: Y"
        if len(text) <= 150:
            lines.append(text)
    return lines


def _breadcrumb(page, marks, title, site) -> list[str]:
    trail = list(page.breadcrumb)
    if not trail:
        for el in marks.breadcrumbs:
            trail = [meta_stage.norm(raw_text(x)) for x in el.iter("a", "span", "li")
                     if x.tag == "a" or len(x) == 0]
            break
    cleaned: list[str] = []
    squashed_title = re.sub(r"\W", "", (title or "").lower())
    site_token = meta_stage.site_label(site or "")
    for item in trail:
        item = item.strip(" »›>/|")
        if not item or _HOME.match(item) or item in cleaned:
            continue
        squashed = re.sub(r"\W", "", item.lower())
        if squashed and (squashed == squashed_title or (site_token and squashed == site_token)):
            continue
        if len(item) > 60:
            continue
        cleaned.append(item)
    return cleaned


def _section(page, root, profile, breadcrumb, canonical) -> str | None:
    from_profile = _select_text(root, profile, "section")
    if from_profile:
        return from_profile
    if breadcrumb:
        return breadcrumb[-1]
    declared = meta_stage.ld_text(page.ld_article, "articleSection") or page.first("article:section")
    if declared:
        return declared
    for link in _LINKS_WITH_REL(root):
        if "category" in _rel_tokens(link) and meta_stage.norm(raw_text(link)):
            return meta_stage.norm(raw_text(link))
    if canonical:
        segments = [s for s in urlsplit(canonical).path.split("/") if s]
        generic = ("berita", "read", "news", "post", "artikel", "detail", "view")
        if (len(segments) >= 2 and re.fullmatch(r"[a-z][a-z\-]{2,30}", segments[0])
                and segments[0] not in generic):
            return segments[0].replace("-", " ").title()
    return None


_LINKS_WITH_REL = etree.XPath("//a[@rel]")


def _rel_tokens(link) -> set[str]:
    return set((link.get("rel") or "").lower().split())


def _tags(page, root, profile) -> list[str]:
    raw = [meta_stage.norm(raw_text(el)) for el in _select(root, profile, "tags")]
    if not raw:
        raw = page.all("article:tag")
    if not raw and page.ld_article:
        keywords = page.ld_article.get("keywords")
        if isinstance(keywords, list):
            raw = [str(k) for k in keywords]
        elif isinstance(keywords, str):
            raw = [keywords]
    if not raw:
        raw = [meta_stage.norm(raw_text(a)) for a in _LINKS_WITH_REL(root)
               if _rel_tokens(a) >= {"tag"} and "category" not in _rel_tokens(a)]
    if not raw:
        raw = page.all("news_keywords")
    tags: list[str] = []
    for value in raw:
        for tag in re.split(r"\s*[,;]\s*", value):
            tag = _clean_tag(tag)
            if tag and len(tag) <= 60 and tag.lower() not in (t.lower() for t in tags):
                tags.append(tag)
    return tags


_TAG_PREFIX = re.compile(r"^(?:topic|topik|tag|tags|keyword|kata kunci)\s*:\s*", re.IGNORECASE)


def _clean_tag(tag: str) -> str | None:
    """One keyword as a person would write it: no list punctuation, no "Editor:X" credits or
    "Kanal:Subkanal" paths that some CMSs put in their keywords."""
    tag = tag.strip(" #[]'\"\u00a0")
    tag = _TAG_PREFIX.sub("", tag)
    return None if ":" in tag else tag


# --- body fix-ups -----------------------------------------------------------------------------

def _drop_title_echo(paragraphs: list[str], title: str | None) -> list[str]:
    if paragraphs and title and meta_stage.norm(paragraphs[0]) == meta_stage.norm(title):
        return paragraphs[1:]
    return paragraphs


def _prefer_ld_body(paragraphs: list[str], page) -> list[str]:
    """JSON-LD articleBody when the page's own text is much shorter (lazy-loaded or split
    pages), only if it is complete enough to be worth more than what the DOM gave."""
    declared = meta_stage.ld_text(page.ld_article, "articleBody") if page.ld_article else None
    if not declared:
        return paragraphs
    dom_words = sum(len(_WORD.findall(p)) for p in paragraphs)
    ld_words = len(_WORD.findall(declared))
    if ld_words >= 40 and dom_words < 0.5 * ld_words:
        raw = page.ld_article.get("articleBody")
        parts = re.split(r"\n\s*\n|\r\n|\n", _plain_ld_text(raw)) if isinstance(raw, str) else [declared]
        return [meta_stage.norm(p) for p in parts if meta_stage.norm(p) and not is_boilerplate_line(p)]
    return paragraphs


_LD_BREAK = re.compile(r"<\s*(?:br|/p|/div|/h\d|/li)\b[^>]*>", re.IGNORECASE)
_LD_TAG = re.compile(r"<[^>]{1,200}>")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5});")


def _plain_ld_text(raw: str) -> str:
    """articleBody as text: CMSs put it in HTML-escaped ("&quot;"), some with the markup
    ("&lt;p&gt;...") that must become paragraph breaks, not words."""
    text = html.unescape(raw)
    if _ENTITY.search(text):
        text = html.unescape(text)  # escaped twice: "&amp;quot;"
    return _LD_TAG.sub(" ", _LD_BREAK.sub("\n", text)) if "<" in text else text
