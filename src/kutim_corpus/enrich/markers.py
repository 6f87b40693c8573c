"""Datelines ("SANGATTA –") and advertorial markers ("(adv)", "(Adv-DPRD/Tj)").

Both are boilerplate around the story: the near-duplicate stage strips them before hashing,
enrichment records them.
"""

from __future__ import annotations

import re

DASH = r"(?:–|—|-{1,2}|‒|―)"
PLACE_UPPER = r"[A-Z][A-Z'.]*(?:[ ][A-Z][A-Z'.]*){0,3}"
PLACE_TITLE = r"[A-Z][a-z'.]+(?:[ ][A-Z][a-z'.]+){0,2}"
SITE = r"(?i:[a-z0-9-]+\.(?:com|id|co\.id|net|news|org|web\.id))"

# "SANGATTA –", "SANGATTA, KUTIM –", "Sangatta (17/3) –", "KUTIMPOST.COM, SANGATTA –",
# "SANGATTA, kutimpost.com –", "MUARA WAHAU -", "SANGATTA, 5 Juni 2024 –", "SANGATTA, 5/6 –".
DATELINE = re.compile(
    rf"""^\s*
    (?:(?P<site1>{SITE})\s*[,–—-]\s*)?
    (?P<place>{PLACE_UPPER}|{PLACE_TITLE})
    (?:\s*,\s*(?:(?P<site2>{SITE})|(?P<place2>{PLACE_UPPER}|{PLACE_TITLE})))?
    (?:\s*,\s*\d{{1,2}}(?:\s+[A-Za-z]+\s+|/)\d{{1,4}}(?:/\d{{2,4}})?)?
    (?:\s*\((?P<date>[^()\n]{{1,30}})\))?
    \s*(?:{DASH}\s+|[–—]\s*)(?=\S)""",
    re.VERBOSE,
)

# "(adv)", "(ADV)", "(Adv-DPRD/Tj)", "(adv/kominfokutim)", "(ADV/HR)", "(Advertorial)", "[ADV]",
# and the frequent misspelling "(advetorial)". The lawyer's title "(Adv. Budi, S.H.)" is excluded:
# no dot directly after "adv".
ADV_PAREN = re.compile(
    r"[(\[](?:adv(?:ertorial|etorial)?|pariwara)(?:[-/: ][^()\[\]\n]{0,40})?[)\]]", re.IGNORECASE)
# An "ADVERTORIAL" / "PARIWARA" label on a line of its own (first or last lines of the body).
ADV_LABEL = re.compile(
    r"^[\s\[(*]*(advertorial|advetorial|adv|pariwara)[\s\])*]*[.:]?\s*$", re.IGNORECASE | re.MULTILINE)
# "Artikel ini merupakan advertorial", "Konten ini adalah pariwara".
ADV_SENTENCE = re.compile(
    r"\b(?:artikel|konten|berita|tulisan|informasi) ini (?:merupakan|adalah) (?:konten |materi )?"
    r"(?:advertorial|advetorial|pariwara|konten bersponsor)\b", re.IGNORECASE)
ADV_WORD = re.compile(r"\b(?:advertorial|advetorial|pariwara|konten bersponsor|sponsored)\b", re.IGNORECASE)
ADV_TITLE = re.compile(
    r"^\s*(?:[\[(]\s*(?:advertorial|advetorial|adv|pariwara)\s*[\])]\s*[:|–-]?"
    r"|(?:advertorial|advetorial|adv|pariwara)\s*[:|–-])", re.IGNORECASE)

def find_dateline(text: str) -> tuple[str, int] | None:
    """(normalised place, end offset of the dateline) for a body starting with one."""
    match = DATELINE.match(text or "")
    if not match:
        return None
    place = match.group("place")
    if match.group("site1") is None and "." in place.rstrip("."):
        return None
    if text[match.end() - 1] in "–—" and not place.isupper():
        return None  # "Sangatta–Bengalon kini mulus": a road, not a dateline
    return normalise_place(place), match.end()


def normalise_place(place: str) -> str:
    return " ".join(place.replace(".", " ").split()).upper()


def strip_dateline(text: str) -> str:
    """The text without its leading dateline ("SANGATTA – Pemkab ..." -> "Pemkab ...")."""
    found = find_dateline(text)
    return text[found[1]:] if found else text


def find_advertorial_marker(text: str) -> str | None:
    """The advertorial marker as written in a body or title, else None.

    Reporter codes such as "(SK-04)" or "(tj/ant)" are not markers.
    """
    if not text:
        return None
    matches = [m for m in ADV_PAREN.finditer(text) if not _in_read_also(text, m.start())]
    if matches:
        return matches[-1].group()
    lines = [line for line in text.strip().splitlines() if line.strip()]
    for line in lines[:2] + lines[-2:]:
        label = ADV_LABEL.match(line)
        if label:
            return line.strip()
    sentence = ADV_SENTENCE.search(text)
    return sentence.group() if sentence else None


def advertorial_from_labels(title: str | None, labels: list[str], url: str | None) -> str | None:
    """An ADVERTORIAL category, tag or title prefix ("ADV | ...", "[Advertorial] ...")."""
    if title:
        prefix = ADV_TITLE.match(title)
        if prefix:
            return prefix.group().strip()
    for label in labels:
        if label and (ADV_WORD.search(label) or label.strip().lower() in ("adv", "adv dprd")):
            return label.strip()
    if url and re.search(r"/advertorial(?:s)?/", url, re.IGNORECASE):
        return "/advertorial/"
    return None


def _in_read_also(text: str, position: int) -> bool:
    """A "Baca juga: <other headline> (adv)" link marks the other story, not this one."""
    line_start = text.rfind("\n", 0, position) + 1
    return re.match(r"\s*baca juga\b", text[line_start:position], re.IGNORECASE) is not None
