"""Bytes to text, and text to an lxml tree; feeds are recognised before any HTML parsing."""

from __future__ import annotations

import codecs
import re

from lxml import etree

from kutim_corpus.errors import Rejected
from kutim_corpus.limits import check_tree_depth

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_FEED_ROOT = re.compile(
    r"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF|urlset|sitemapindex)\b",
    re.IGNORECASE | re.DOTALL
)
# Latin-1 family labels that portals declare on bytes that are really UTF-8.
_LATIN = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}


def declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def decode_html(data: bytes) -> str:
    """Decode page bytes. UTF-8 is tried first whatever the page declares, because Latin-1
    declarations on UTF-8 bytes are common and UTF-8 almost never validates by accident."""
    if not data or not data.strip():
        raise Rejected("empty", "the file is empty")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    if b"\x00" in data[:2048]:
        raise Rejected("undecodable", "binary content (NUL bytes), not an HTML page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    codec = "cp1252" if declared is None or declared in _LATIN else declared
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.05 * min(len(text), 4096):
        raise Rejected("undecodable", f"bytes do not decode as text (declared charset {declared})")
    return text


def is_feed(text: str) -> bool:
    return bool(_FEED_ROOT.match(text[:4096]))


def _parser() -> etree.HTMLParser:
    # a fresh parser per page: parsers keep state (error log) and are not shared between pages
    return etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                            no_network=True, collect_ids=False)


def parse_html(text: str, *, max_depth: int | None = None) -> etree._Element:
    """The page's tree; with ``max_depth``, ``too_deep`` for pages nested deeper (limits.py)."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise Rejected("empty", "the page has no content")
    parser = _parser()
    try:
        # UTF-8 bytes with the encoding stated: faster than handing lxml a str
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    except (ValueError, etree.LxmlError) as error:
        raise Rejected("parse_error", f"HTML could not be parsed: {error}") from None
    if root is None or (root.find("body") is None and len(root) == 0):
        raise Rejected("empty", "the page has no content")
    if max_depth is not None:
        check_tree_depth(root, parser.error_log, max_depth)
    return root
