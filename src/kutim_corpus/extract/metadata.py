"""Page metadata from machine-readable sources first (JSON-LD, OpenGraph, meta), then visible text."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from kutim_corpus import dates

from .tree import text_of

ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting",
    "socialmediaposting", "techarticle", "scholarlyarticle",
}
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage"}
_WS = re.compile(r"\s+")
_ITEMPROP_PUBLISHED = etree.XPath(
    "//*[translate(@itemprop, 'DP', 'dp') = 'datepublished'][@content or @datetime]"
)


def norm(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


@dataclass
class PageMeta:
    """Everything the <head> and JSON-LD declare; values are raw (cleaned later)."""

    ld_article: dict | None = None
    ld_types: set[str] = field(default_factory=set)
    breadcrumb: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    title_tag: str | None = None

    def first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.meta.get(key, ()):
                if norm(value):
                    return norm(value)
        return None

    def all(self, key: str) -> list[str]:
        return [norm(v) for v in self.meta.get(key, ()) if norm(v)]

    @property
    def declares_article(self) -> bool:
        og_type = (self.first("og:type") or "").lower()
        return bool(self.ld_article) or og_type == "article" or bool(
            self.first("article:published_time")
        )

    @property
    def declares_listing(self) -> bool:
        return bool(self.ld_types & LISTING_TYPES) and not self.ld_article


# --- JSON-LD ----------------------------------------------------------------------------------

def _ld_nodes(data):
    if isinstance(data, list):
        for item in data:
            yield from _ld_nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_nodes(data["@graph"])
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _ld_nodes(main)


def _types(node: dict) -> set[str]:
    raw = node.get("@type", ())
    raw = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return {str(t).lower() for t in raw}


def _load_json(text: str):
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        # templates often leave raw newlines/tabs or a trailing comma
        cleaned = re.sub(r",\s*([}\]])", r"\1", text)
        try:
            return json.loads(cleaned, strict=False)
        except ValueError:
            return None


def read_meta(root) -> PageMeta:
    page = PageMeta()
    for script in root.iter("script"):
        if (script.get("type") or "").lower().strip() != "application/ld+json":
            continue
        data = _load_json(script.text or "")
        for node in _ld_nodes(data):
            kinds = _types(node)
            page.ld_types |= kinds
            if kinds & ARTICLE_TYPES and page.ld_article is None:
                page.ld_article = node
            elif "breadcrumblist" in kinds and not page.breadcrumb:
                page.breadcrumb = _ld_breadcrumb(node)
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value is not None:
            page.meta.setdefault(key, []).append(value)
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            page.canonical = el.get("href").strip()
            break
    title = root.find(".//title")
    page.title_tag = text_of(title) if title is not None else None
    return page


def _ld_breadcrumb(node: dict) -> list[str]:
    items = node.get("itemListElement") or []
    items = items if isinstance(items, list) else [items]

    def position(item):
        try:
            return int(item.get("position", 0))
        except (TypeError, ValueError):
            return 0

    names = []
    for item in sorted((i for i in items if isinstance(i, dict)), key=position):
        name = item.get("name")
        inner = item.get("item")
        if not name and isinstance(inner, dict):
            name = inner.get("name")
        if name:
            names.append(norm(str(name)))
    return names


def ld_text(node: dict | None, key: str) -> str | None:
    if not node:
        return None
    value = node.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return norm(str(value)) if value is not None and norm(str(value)) else None


def ld_names(value) -> list[str]:
    """Names from a JSON-LD author/creator value (string, object or list of them)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [n for item in value for n in ld_names(item)]
    if isinstance(value, dict):
        if _types(value) & {"organization", "newsmediaorganization"}:
            return []
        return ld_names(value.get("name"))
    return [norm(str(value))] if norm(str(value)) else []


# --- URL and site -----------------------------------------------------------------------------

def canonical_url(page: PageMeta, known_url: str | None) -> str | None:
    candidates = [page.canonical, page.first("og:url"), ld_text(page.ld_article, "url")]
    main = page.ld_article.get("mainEntityOfPage") if page.ld_article else None
    if isinstance(main, dict):
        candidates.append(main.get("@id"))
    elif isinstance(main, str):
        candidates.append(main)
    for candidate in candidates:
        if candidate and candidate.startswith(("http://", "https://", "//", "/")):
            if candidate.startswith("/") and not candidate.startswith("//"):
                if not known_url:
                    continue
                candidate = urljoin(known_url, candidate)
            if candidate.startswith("//"):
                candidate = "https:" + candidate
            return candidate
    return known_url


def site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def dominant_link_host(root) -> str | None:
    """The host most absolute links point to, when a clear majority do: the portal itself on a
    page that declares no canonical URL (a portal links to its own sections and stories)."""
    hosts: dict[str, int] = {}
    for link in root.iter("a"):
        href = link.get("href") or ""
        if href.startswith(("http://", "https://")):
            host = (urlsplit(href).hostname or "").lower().removeprefix("www.")
            if host:
                hosts[host] = hosts.get(host, 0) + 1
    if not hosts:
        return None
    host, count = max(hosts.items(), key=lambda item: (item[1], item[0]))
    return host if count >= 5 and count > 0.5 * sum(hosts.values()) else None


# --- title ------------------------------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|:|»|·|/)\s+")


_DOMAIN_SUFFIX_LABELS = frozenset(("com", "co", "id", "go", "or", "ac", "net", "org", "web", "my",
                                   "sch", "info", "news", "biz", "asia", "xyz", "online", "site", "tv",
                                   "www", "m", "amp"))


def site_label(name: str) -> str:
    """The publisher's label of a host or site name: "kaltim.antaranews.com" -> "antaranews",
    "kutimkab.go.id" -> "kutimkab", "Kompas.com" -> "kompas" (a regional subdomain such as
    "kaltim." names a region, not the publisher)."""
    labels = [label for label in name.lower().split(".") if label]
    while len(labels) > 1 and labels[-1] in _DOMAIN_SUFFIX_LABELS:
        labels.pop()
    return labels[-1] if labels else ""


def _site_tokens(page: PageMeta, site: str | None) -> set[str]:
    tokens = set()
    for name in (page.first("og:site_name", "application-name", "twitter:site"), site):
        if name:
            name = name.lower().lstrip("@")
            tokens.add(re.sub(r"\W", "", name))
            tokens.add(re.sub(r"\W", "", site_label(name)))
    return {t for t in tokens if len(t) >= 3}


def _is_site_name(segment: str, tokens: set[str]) -> bool:
    squashed = re.sub(r"\W", "", segment.lower())
    if not squashed:
        return True
    if any(tok in squashed or squashed in tok for tok in tokens):
        return len(segment.split()) <= 5
    return bool(re.search(r"\.(?:com|co\.id|id|net|org|news)\b", segment.lower())) and len(segment.split()) <= 4


def strip_site_name(title: str, page: PageMeta, site: str | None) -> str:
    """Remove "- Kompas.com" / "| Republika Online" style suffixes and prefixes."""
    tokens = _site_tokens(page, site)
    parts = _TITLE_SEPARATORS.split(title)
    while len(parts) > 1 and _is_site_name(parts[-1], tokens):
        parts.pop()
    while len(parts) > 1 and _is_site_name(parts[0], tokens):
        parts.pop(0)
    seps = _TITLE_SEPARATORS.findall(title)
    if len(parts) == len(seps) + 1:
        return title
    # rebuild with the original separators between the kept parts
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return norm(title[start:end]) if start >= 0 and end > start else norm(" - ".join(parts))


def _squash(text: str) -> str:
    return re.sub(r"\W", "", text.lower())


def _section_names(page: PageMeta) -> set[str]:
    """Squashed names of the sections the page declares (article:section, articleSection,
    breadcrumb items)."""
    names = list(page.all("article:section")) + list(page.breadcrumb)
    declared = page.ld_article.get("articleSection") if page.ld_article else None
    names += [str(n) for n in declared] if isinstance(declared, list) else [str(declared or "")]
    return {squashed for squashed in map(_squash, names) if squashed}


def _strip_section_prefix(title: str, sections: set[str]) -> str:
    """"Kutim | Sekolah Terapung ..." -> "Sekolah Terapung ...": a leading segment that names
    the page's own section is a category label, not part of the headline."""
    parts = _TITLE_SEPARATORS.split(title, maxsplit=1)
    if len(parts) == 2 and _squash(parts[0]) in sections and len(parts[1].split()) >= 3:
        return parts[1]
    return title


def choose_title(page: PageMeta, root, site: str | None, profile_title: str | None) -> str | None:
    return title_and_heading(page, root, site, profile_title)[0]


def title_and_heading(page: PageMeta, root, site: str | None, profile_title: str | None):
    """The title, and the heading element that prints it (None when no heading does)."""
    if profile_title:
        return profile_title, None
    declared = [
        ld_text(page.ld_article, "headline"), page.first("og:title"), page.first("twitter:title"),
        page.title_tag,
    ]
    # CMSs that escape twice: "&quot;" or "&#8211;" arrive as text
    declared = [norm(html.unescape(t)) if t and "&" in t else t for t in declared]
    sections = _section_names(page)
    declared = [_strip_section_prefix(strip_site_name(t, page, site), sections) for t in declared if t]
    tokens = _site_tokens(page, site)
    declared = [t for t in declared if _squash(t) not in tokens]  # a template's og:title = site name
    wholes = [_squash(candidate) for candidate in declared]
    # An <h1> (else an <h2>) that a declared title contains is the printed headline: it carries
    # no site name even when every declared title does.
    for level in ("h1", "h2"):
        for element in root.iter(level):
            heading = _heading_text(element)
            if len(heading.split()) < 3 or len(heading) > 300:
                continue
            squashed = _squash(heading)
            for whole in wholes:
                if squashed == whole or (squashed in whole and len(squashed) >= 0.5 * len(whole)):
                    return heading, element
    h1s = [(h, el) for h, el in ((_heading_text(el), el) for el in root.iter("h1")) if 3 <= len(h) <= 300]
    printed = [(h, el) for h, el in h1s if len(h.split()) >= 3]
    if len(printed) == 1 and any(_same_headline(printed[0][0], t) for t in declared):
        return printed[0]  # the SEO title was reworded; the page prints this headline
    if declared:
        return declared[0], None
    return h1s[0] if h1s else (None, None)


_KICKER_CLASS = re.compile(r"kicker|label|badge|kategori|category|rubri[ck]|flag|sup-title|overline")


def _heading_text(heading) -> str:
    """The headline a heading prints, without a kicker inside it ("<span class=label>VIDEO</span>")."""
    if heading.find(".//*[@class]") is None:
        return text_of(heading)
    kickers = {el for el in heading.iterdescendants() if el.get("class")
               and _KICKER_CLASS.search(el.get("class").lower())}
    return norm(_text_without(heading, kickers)) if kickers else text_of(heading)


def _text_without(el, skipped: set) -> str:
    parts = [el.text or ""]
    for child in el:
        if child not in skipped:
            parts.append(_text_without(child, skipped))
        parts.append(child.tail or "")
    return "".join(parts)


_TITLE_WORD = re.compile(r"\w+")


def _same_headline(printed: str, declared: str) -> bool:
    """Two wordings of one headline: most of the words of the longer one are in both."""
    a, b = set(_TITLE_WORD.findall(printed.lower())), set(_TITLE_WORD.findall(declared.lower()))
    return len(a & b) >= 0.6 * max(len(a), len(b), 1)


# --- authors ----------------------------------------------------------------------------------

_NOT_PERSON = re.compile(
    r"^(?:redaksi|redaktur|admin(?:istrator)?|tim|team|staff|staf|editor|webmaster|humas|"
    r"kontributor|wartawan|reporter|penulis|jurnalis|koresponden|desk|newsroom|diskominfo|media center|anonymous|"
    r"guest|tamu|rilis|press release|siaran pers|nama|name|email|e-mail|website|situs)\b",
    re.IGNORECASE,
)
_AUTHOR_PREFIX = re.compile(
    r"^(?:oleh|by|penulis|reporter|wartawan|pewarta|kontributor|ditulis oleh|laporan|foto|fotografer)\s*[:\-]?\s*",
    re.IGNORECASE,
)
# "Dewi Kania Jurnalis", "Budi - Kontributor": the role printed after the name
_ROLE_SUFFIX = re.compile(
    r"[\s\-–,]+(?:jurnalis|wartawan|kontributor|koresponden|reporter|editor|penulis)\s*$",
    re.IGNORECASE,
)
_BYLINE_DATE = re.compile(
    r"[\s,|\-–—]*(?:(?:senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad)\s*,?\s*(?=\d)|\d)",
    re.IGNORECASE,
)
_TRAILING_CONNECTOR = re.compile(r"\s+(?:on|pada|at|di|tanggal|posted|diposting|published)\s*$",
                                 re.IGNORECASE)
# a spaced dash separates a name from its desk: "Muhammad Budi - detikKalimantan"
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\bdan\b|\band\b|/|\||·|•|\s[-–—]\s)\s*", re.IGNORECASE)
# "Kontributor Kutai Timur, Zulkarnain": the role and the place come before the name
_ROLE_AND_PLACE = re.compile(
    r"^(?:kontributor|koresponden|wartawan|reporter|jurnalis)\s+[^,:]{2,30},\s*", re.IGNORECASE)
# "Editor: X", "Editor X" after the reporter's name is not an author
_EDITOR_CREDIT = re.compile(r"\b(?:editor|redaktur|penyunting)\b\s*:?", re.IGNORECASE)


def clean_authors(raw: list[str], publisher_tokens: set[str]) -> list[str]:
    names: list[str] = []
    for line in raw:
        for value in _writer_credits(norm(re.sub(r"\(.*?\)", " ", line))):
            value = _AUTHOR_PREFIX.sub("", _ROLE_AND_PLACE.sub("", value.strip()))
            value = _EDITOR_CREDIT.split(value)[0]
            # a byline that goes on with the date: "Andi Saputra - Rabu, 4 Desember 2024 09:36"
            value = _TRAILING_CONNECTOR.sub("", _BYLINE_DATE.split(value)[0])
            for part in _AUTHOR_SPLIT.split(value):
                part = _ROLE_SUFFIX.sub("", norm(part)).strip(" -–:.")
                if _is_person(part, publisher_tokens) and part not in names:
                    names.append(part)
    return names


_CREDIT_LABEL = re.compile(
    r"\b(penulis|reporter|pewarta|wartawan|kontributor|rep|oleh|editor|redaktur|penyunting|red|"
    r"fotografer|foto|sumber)\s*:", re.IGNORECASE)
_WRITER_LABELS = frozenset(("penulis", "reporter", "pewarta", "wartawan", "kontributor", "rep", "oleh"))


def _writer_credits(value: str) -> list[str]:
    """The writer parts of a credit line: "Redaktur : X Reporter : Y" -> ["Y"], "Rep: Y/ Red: X"
    -> ["Y/ "]; the text before the first label ("Y | Editor: X") is a writer too."""
    labels = list(_CREDIT_LABEL.finditer(value))
    if not labels:
        return [value]
    kinds = [label.group(1).lower() for label in labels]
    # a photo page credits its photographer only: "Foto: Dedi Kurniawan" is its author
    writers = _WRITER_LABELS if _WRITER_LABELS.intersection(kinds) else _WRITER_LABELS | {"foto", "fotografer"}
    parts = [value[:labels[0].start()]]
    for label, kind, following in zip(labels, kinds, labels[1:] + [None], strict=True):
        if kind in writers:
            parts.append(value[label.end():following.start() if following else len(value)])
    return [p for p in parts if p.strip(" |/-–")]


# words that make a byline an organisation: "Tribun Network", "Kaltim Post", "IDN Times"
_ORGANISATION_WORD = re.compile(
    r"\b(?:network|media|news|online|tv|group|grup|official|channel|portal|post|pos|today|times|"
    r"daily|koran|harian|majalah|pers|redaksi|newsroom|desk)\b", re.IGNORECASE)


# academic degrees after a name: "Rina Kartika, S.Kom", "Budi, SE, MM"
_DEGREE = re.compile(r"^[SMD]\.\s?[A-Z][A-Za-z]{0,3}\.?$|^[SM][A-Z][a-z]{0,2}$")


def _is_person(name: str, publisher_tokens: set[str]) -> bool:
    if not name or len(name) < 3 or len(name) > 60 or _DEGREE.match(name):
        return False
    if "@" in name or "://" in name or name.lower().startswith("www.") or re.search(r"\d", name):
        return False
    if _NOT_PERSON.match(name) or _ORGANISATION_WORD.search(name):
        return False
    squashed = re.sub(r"\W", "", name.lower())
    if any(tok and (tok in squashed or squashed in tok) for tok in publisher_tokens):
        return False
    if re.search(r"\.(?:com|id|net|org|co)\b", name.lower()):
        return False
    words = name.split()
    if name == name.lower():
        return False  # "bgs", "prwir": desk codes and handles, not names as people write them
    return 1 <= len(words) <= 5 and any(ch.isalpha() for ch in name)


def publisher_tokens(page: PageMeta, site: str | None) -> set[str]:
    tokens = _site_tokens(page, site)
    publisher = page.ld_article.get("publisher") if page.ld_article else None
    for name in ld_names(publisher if not isinstance(publisher, dict) else publisher.get("name")):
        tokens.add(re.sub(r"\W", "", name.lower()))
    return {t for t in tokens if len(t) >= 3}


# --- dates ------------------------------------------------------------------------------------

PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "dc.date.issued",
    "dc.date", "dcterms.created", "dcterms.issued", "date", "sailthru.date", "parsely-pub-date",
    "content_publisheddate", "dtk:publishdate", "article.published", "published_time",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
                 "last-modified", "lastmod")


def _meta_date_keys(page: PageMeta) -> list[str]:
    """Known keys first, then any other meta whose name says publish + date/time."""
    keys = [k for k in PUBLISHED_META if k in page.meta]
    keys += sorted(
        k for k in page.meta
        if k not in keys and "publish" in k and ("date" in k or "time" in k)
    )
    return keys


@dataclass
class Found:
    stamp: dates.Stamp
    source: str  # jsonld / meta / printed / url


def machine_published(page: PageMeta, root) -> Found | None:
    stamp = dates.parse_iso(ld_text(page.ld_article, "datePublished"))
    if stamp:
        return Found(stamp, "jsonld")
    for key in _meta_date_keys(page):
        for value in page.all(key):
            stamp = dates.parse_iso(value)
            if stamp:
                return Found(stamp, "meta")
    for el in root.iter("time"):
        stamp = dates.parse_iso(el.get("datetime"))
        if stamp:
            return Found(stamp, "meta")
    for el in _ITEMPROP_PUBLISHED(root):
        stamp = dates.parse_iso(el.get("content") or el.get("datetime"))
        if stamp:
            return Found(stamp, "meta")
    return None


def machine_modified(page: PageMeta) -> dates.Stamp | None:
    stamp = dates.parse_iso(ld_text(page.ld_article, "dateModified"))
    if stamp:
        return stamp
    for key in MODIFIED_META:
        for value in page.all(key):
            stamp = dates.parse_iso(value)
            if stamp:
                return stamp
    return None
