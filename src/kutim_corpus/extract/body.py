"""Article body: find the main text container by paragraph density, then read its paragraphs.

Generic, no site knowledge: paragraphs (``<p>``, text blocks, ``<br><br>``-separated runs) are
scored by length and punctuation and credited to their parent and grandparent (the classic
readability scheme); the best container, discounted by its link density, wins. Sibling blocks
that are clearly part of the same story are added back. Inside, boilerplate sub-trees (related
posts, share bars, tag lists) and Indonesian boilerplate lines are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .boilerplate import BOILERPLATE_ATTR, DROP_TAGS, is_boilerplate_line
from .tree import drop

BLOCK_TAGS = frozenset(
    ["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "table", "tbody", "thead", "tr", "td", "th", "pre", "figure", "figcaption", "dl", "dt", "dd", "center", "hr", "address", "details", "summary"]
)
PARAGRAPH_TAGS = frozenset(["p", "pre", "blockquote", "td", "li", "dd", "h2", "h3", "h4"])
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_COMMAS = re.compile(r"[,.;:]")
_CAPTION_CLASS = re.compile(r"caption|(?:^|[\s_-])(?:ket|keterangan|credit)(?:$|[\s_-])")
_CAPTION_TAGS = frozenset(("figcaption", "figure"))
_REPORTER_CODE = re.compile(r"^\([^()]{1,40}\)$")  # "(SK-04)", "(adv)", "(kpl/otx)": kept


@dataclass
class Paragraph:
    text: str
    link_chars: int
    tag: str
    owner: object = None
    caption: bool = False  # holds text from a figcaption / caption-classed element

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


_HIDDEN = etree.XPath(
    "//*[@hidden or @aria-hidden='true' or contains(@style, 'none') or contains(@style, 'hidden')]"
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def clean_tree(root) -> None:
    """Drop elements that never hold article text (scripts, form controls, nav, sidebars)."""
    for el in list(root.iter(*DROP_TAGS)):
        if not _holds_main_text(el):
            drop(el)
    for el in _HIDDEN(root):
        if el.get("style") is not None and el.get("hidden") is None \
                and el.get("aria-hidden") != "true" and not _HIDDEN_STYLE.search(el.get("style")):
            continue
        if el.tag != "span" or el.get("aria-hidden") != "true":
            drop(el)


def _holds_main_text(el) -> bool:
    """Some templates wrap the whole page in a <form>: keep a form that holds paragraphs."""
    if el.tag != "form":
        return False
    return sum(1 for p in el.iter("p") if len("".join(p.itertext())) > 80) >= 3


def _text_len(el) -> int:
    """Words below ``el`` (serialised in C: faster than joining itertext in Python)."""
    return len(etree.tostring(el, method="text", encoding=str, with_tail=False).split())


def _link_len(el) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def link_density(el) -> float:
    """Share of the words below ``el`` that are link text."""
    total = _text_len(el)
    return _link_len(el) / total if total else 1.0


def _paragraph_score(text: str) -> float:
    if len(text) < 25:
        return 0.0
    return 1.0 + len(_COMMAS.findall(text)) * 0.5 + min(len(text) / 100.0, 3.0)


def _acts_as_paragraph(el) -> bool:
    """<p>-like tags, and blocks without block children (templates that put each paragraph,
    or a <br>-separated run of them, in its own <div>)."""
    if el.tag in PARAGRAPH_TAGS:
        return True
    return not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)


def best_container(root):
    """The element holding the densest run of article paragraphs, or None.

    Each paragraph is credited to the element that holds it (a <div> whose text is split by
    <br> holds its runs itself; a <p> is held by its parent) and half to the next ancestor.
    """
    scores: dict = {}
    body = root.find("body")
    for par in paragraphs(body if body is not None else root):
        score = _paragraph_score(par.text) * (1.0 - min(par.link_density, 1.0))
        if score == 0 or par.owner is None:
            continue
        holder = par.owner.getparent() if _acts_as_paragraph(par.owner) else par.owner
        if holder is None:
            continue
        scores[holder] = scores.get(holder, 0.0) + score
        grand = holder.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2
    if not scores:
        return None, 0.0, []
    top = sorted(scores.items(), key=lambda item: -item[1])[:8]
    ranked = {el: s * (1.0 - min(link_density(el), 1.0)) for el, s in top}
    best = max(ranked, key=lambda e: (ranked[e], -_depth(e)))
    return best, ranked[best], _story_siblings(best, scores)


def _story_siblings(best, scores: dict) -> list:
    """Blocks next to the best one that carry more of the same story (templates that split a
    long text around an ad slot into two alike <div>s): same tag, a fair share of the score,
    few links, no boilerplate class. Returned with ``best``, in document order."""
    parent = best.getparent()
    if parent is None:
        return [best]
    found = []
    for sibling in _alike_blocks(best, parent):
        if sibling is best:
            found.append(best)
            continue
        # a block of the same template part (same class) needs only to hold some prose: the
        # last paragraph after an ad slot; another kind of block needs a fair share of the score
        same_part = sibling.get("class") is not None and sibling.get("class") == best.get("class")
        if sibling.tag != best.tag or scores.get(sibling, 0.0) < (1.0 if same_part else 0.25 * scores[best]):
            continue
        marks = f"{sibling.get('class', '')} {sibling.get('id', '')}".lower()
        if BOILERPLATE_ATTR.search(marks) or link_density(sibling) >= 0.3:
            continue
        found.append(sibling)
    return found


def _alike_blocks(best, parent):
    """The siblings of ``best``; when its parent is one of several alike page blocks (a story
    split into "page 1", "page 2" <div>s, each holding its text in a content <div>), the
    content blocks of those pages, in document order."""
    grand = parent.getparent()
    signature = (parent.tag, parent.get("class"))
    pages = [p for p in grand if (p.tag, p.get("class")) == signature] if grand is not None else []
    if len(pages) < 2 or best.get("class") is None:
        return list(parent)
    marks = (best.tag, best.get("class"))
    return [block for page in pages for block in page if (block.tag, block.get("class")) == marks]


def _depth(el) -> int:
    depth = 0
    while el is not None:
        el = el.getparent()
        depth += 1
    return depth


def remove_boilerplate_blocks(container) -> None:
    """Drop sub-trees marked as related/share/tag/ad blocks, unless they hold most of the text."""
    total = max(1, _text_len(container))
    for el in list(container.iter()):
        if el is container or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        attrs = f"{el.get('class', '')} {el.get('id', '')}".strip().lower()
        if not attrs or not BOILERPLATE_ATTR.search(attrs):
            continue
        if _text_len(el) < 0.35 * total:
            drop(el)


def _is_caption_class(klass: str) -> bool:
    lowered = klass.lower()
    return ("cap" in lowered or "ket" in lowered or "credit" in lowered) and bool(
        _CAPTION_CLASS.search(lowered))


def paragraphs(container) -> list[Paragraph]:
    """Paragraph texts in document order: block elements and <br> runs break paragraphs."""
    out: list[Paragraph] = []
    buf: list[str] = []
    links = 0
    caption = False
    owners = [container]

    def flush():
        nonlocal links, caption
        if buf:
            text = " ".join("".join(buf).split())
            if text:
                owner = owners[-1]
                out.append(Paragraph(text, links, owner.tag, owner, caption))
            buf.clear()
        links = 0
        caption = False

    def walk(el, in_link: bool, parent_caption: bool):
        nonlocal links, caption
        tag = el.tag
        is_block = tag in BLOCK_TAGS
        if is_block:
            flush()
            owners.append(el)
        elif tag == "br":
            flush()
        klass = el.get("class")
        in_caption = parent_caption or tag in _CAPTION_TAGS or bool(klass and _is_caption_class(klass))
        text = el.text
        if text and tag != "br":
            buf.append(text)
            if in_caption and not caption:
                caption = not text.isspace()
            if in_link or tag == "a":
                links += len(text.strip())
        child_link = in_link or tag == "a"
        for child in el:
            walk(child, child_link, in_caption)
        if is_block:
            flush()
            owners.pop()
        tail = el.tail
        if tail:
            buf.append(tail)
            if parent_caption and not caption:
                caption = not tail.isspace()
            if in_link:
                links += len(tail.strip())

    walk(container, False, False)
    flush()
    return out


def keep_paragraph(par: Paragraph) -> bool:
    if is_boilerplate_line(par.text):
        return False
    if par.link_density > 0.5 and len(par.text) < 300:
        return False
    if par.tag in HEADING_TAGS and par.tag == "h1":
        return False
    return bool(_WORD.search(par.text))


_INLINE_RELATED = re.compile(
    r"^\W{0,3}(?:baca\s+juga|lihat\s+juga|simak\s+juga|baca\s+(?:berita|artikel)\b|berita\s+terkait|"
    r"artikel\s+terkait|baca\s*:)", re.IGNORECASE)
_INLINE_TAGS = ("strong", "b", "em", "i", "span", "a", "u")


def remove_inline_related(container) -> None:
    """A "Baca juga: <link>" set inline inside a story paragraph (plugins that insert it
    mid-text): the label and the link go, the sentences around them stay."""
    for el in list(container.iter(_INLINE_TAGS)):
        head = el.text
        if head and not head.isspace() and not _INLINE_RELATED.match(head[:40]):
            continue  # the common case, decided without joining the element's text
        if el.getparent() is None or not _INLINE_RELATED.match("".join(el.itertext())[:40]):
            continue
        following = el.getnext()
        if (following is not None and following.tag == "a" and (el.tail or "").strip(" :\u00a0") == ""
                and el.find(".//a") is None):
            drop(following)  # "<strong>Baca juga:</strong> <a>Judul</a>": the link goes too
        drop(el)


def article_paragraphs(container) -> list[str]:
    remove_boilerplate_blocks(container)
    remove_inline_related(container)
    pars = [p for p in paragraphs(container) if keep_paragraph(p)]
    # Photo captions inside a story are not its text; a gallery page's captions are.
    prose = [p for p in pars if not p.caption]
    if sum(len(p.text) for p in prose) >= 200:
        pars = prose
    kept: list[str] = []
    for par in pars:
        if not kept or kept[-1] != par.text:
            kept.append(par.text)
    return _trim_tail(_trim_head(kept))


def _trim_head(pars: list[str]) -> list[str]:
    """Drop leading labels (channel names, kicker words) that precede the first sentence."""
    while len(pars) > 1 and len(pars[0].split()) <= 2 and not re.search(r"[.!?,:\-–—]", pars[0]):
        pars = pars[1:]
    return pars


def _trim_tail(pars: list[str]) -> list[str]:
    """Drop trailing short lines (credits, photo sources) after the last real paragraph."""
    while (pars and len(pars[-1]) < 25 and len(pars) > 1 and not _REPORTER_CODE.match(pars[-1])
           and not pars[-1].endswith((".", "!", "?", '"'))):
        pars.pop()
    return pars


def extract_body(root, container=None) -> tuple[list[str], object]:
    """Paragraphs of the main text and the (main) container they came from."""
    blocks = [container] if container is not None else None
    if container is None:
        container, _, blocks = best_container(root)
    if container is None:
        return [], None
    paragraphs_ = [p for block in blocks for p in article_paragraphs(block)]
    return paragraphs_, container
