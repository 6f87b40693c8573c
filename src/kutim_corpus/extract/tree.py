"""Small helpers over plain lxml.etree elements (the hot path avoids lxml.html's per-element
Python class lookup, which costs more than the parse itself on large pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")


def text_of(el) -> str:
    """All text below ``el``, whitespace collapsed."""
    return _WS.sub(" ", "".join(el.itertext())).strip()


def raw_text(el) -> str:
    return "".join(el.itertext())


# lxml keeps stray control characters it parsed, but refuses them in a string assigned back
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    return _NOT_XML_TEXT.sub("", text) if _NOT_XML_TEXT.search(text) else text


def space_line_breaks(root) -> None:
    """A <br> separates words: "Judul<br>lanjutan", "Kamis,<br>28 November 2024" read as two
    words wherever text is joined (headings, date lines, bylines)."""
    for br in root.iter("br"):
        tail = br.tail or ""
        try:
            br.tail = " " + tail
        except ValueError:  # rare: checking every tail first costs more than this
            br.tail = " " + _xml_text(tail)


def drop(el) -> None:
    """Remove ``el`` and its children but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = _xml_text((previous.tail or "") + el.tail)
        else:
            parent.text = _xml_text((parent.text or "") + el.tail)
    parent.remove(el)


@dataclass
class Landmarks:
    """One pass over the tree: document positions, and the elements whose class/id (or rel,
    itemprop, aria-label) mark a date line, an author byline or a breadcrumb trail."""

    positions: dict = field(default_factory=dict)
    dates: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    breadcrumbs: list = field(default_factory=list)


_MARKS = re.compile(
    r"(?P<date>date|time|tanggal|tgl|publish|posted|waktu|jam|meta|info)"
    r"|(?P<author>author|penulis|reporter|writer|wartawan|pewarta)"
    r"|(?P<byline>byline)|(?P<crumb>breadcrumb)"
)  # matched on lower-cased text: IGNORECASE makes this alternation ~10x slower
_FORM_TAGS = frozenset(("form", "label", "input", "textarea", "p"))
_SKIP = frozenset(("script", "style", "head", "body", "html", "meta", "link"))


def landmarks(root) -> Landmarks:
    found = Landmarks()
    positions = found.positions
    kinds_of: dict[str, frozenset] = {}  # templates repeat the same class strings many times
    for index, el in enumerate(root.iter()):
        positions[el] = index
        if not el.attrib:
            continue
        get = el.get
        tag = el.tag
        marks = f"{get('class') or ''} {get('id') or ''} {get('itemprop') or ''}"
        if tag == "a":
            marks += " " + (get("rel") or "")
        kinds = kinds_of.get(marks)
        if kinds is None:
            lowered = marks.lower()
            kinds = frozenset(m.lastgroup for m in _MARKS.finditer(lowered))
            if "comment" in lowered:
                kinds = kinds | {"comment"}
            kinds_of[marks] = kinds
        if not kinds or tag in _SKIP:
            continue
        if tag != "a" and kinds & {"date", "byline"}:
            found.dates.append(el)
        if kinds & {"author", "byline"} and tag not in _FORM_TAGS and "comment" not in kinds:
            found.authors.append(el)
        if "crumb" in kinds:
            found.breadcrumbs.append(el)
    return found


class LazyLandmarks:
    """``landmarks(root)`` computed on first attribute access. Use it before the tree is
    cleaned: pages whose metadata gives the date, authors and breadcrumb never pay the pass."""

    def __init__(self, root):
        self._root = root
        self._found: Landmarks | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._found is None:
            self._found = landmarks(self._root)
        return getattr(self._found, name)


def position(el, positions: dict) -> int | None:
    """Position of ``el``, or of its first marked descendant, else its nearest marked ancestor."""
    if el in positions:
        return positions[el]
    for child in el.iter():
        if child in positions:
            return positions[child]
    for ancestor in el.iterancestors():
        if ancestor in positions:
            return positions[ancestor]
    return None
