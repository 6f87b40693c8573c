"""Region names (Kemendagri wilayah data) -> codes, found in text with one token-tuple lookup.

The index maps tuples of lower-cased ``\\w+`` tokens ("kutai", "timur") to the places that
carry that name. Finding mentions walks the text once, trying the longest name first at each
token, so a page costs a few hundred dict lookups however many of the 7,285 districts exist.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

TOKEN = re.compile(r"\w+")

PROVINCE, REGENCY, DISTRICT = "province", "regency", "district"

# Words that say which level the following name is; "Kab." tokenises to "kab".
PREFIX_LEVEL = {
    "provinsi": PROVINCE, "prov": PROVINCE,
    "kabupaten": REGENCY, "kab": REGENCY, "kota": REGENCY,
    "kecamatan": DISTRICT, "kec": DISTRICT, "distrik": DISTRICT,
}

# Region names that are also everyday Indonesian words (or parts of phrases). Written without
# a "Kabupaten/Kota/Kecamatan" prefix they count only when capitalised inside running text,
# never in titles, ALL-CAPS text or at the start of a sentence.
_COMMON_WORDS_TEXT = """
    agam|alor|badung|banjar|barat|batang|batu|bandar|belu|bima|bone|buru|dairi|ende|gebang|
    galang|jaya|karangan|kaur|kota|kuala|kubu|landak|lebak|malang|medan|metro|muara|muna|
    padang|pagelaran|palu|pasir|pati|puncak|sabang|sandaran|seribu|sigi|solok|sumba|tegal|
    tengah|telen|timur|toba|utara|mandiri|merdeka|harapan|sejahtera|makmur|damai|indah|permai|
    bunga|tanjung|long|bangun|lima puluh kota|kota baru|kepulauan seribu|tebing tinggi|
    sungai penuh|kampung baru|pasar baru|tanah merah|teluk dalam|simpang empat|batu putih|
    sungai raya|kota bangun|empat lawang|tanah laut|pulau laut|air putih|sawah besar|
    gunung putri|kebun jeruk|pesisir selatan|pesisir barat|batu ampar|bukit baru|sungai pinang
"""
COMMON_WORDS = frozenset(" ".join(w.split()) for w in _COMMON_WORDS_TEXT.split("|"))


@dataclass(frozen=True)
class Place:
    code: str
    level: str
    name: str  # official name ("Kabupaten Kutai Timur", "Kalimantan Timur", "Muara Wahau")
    is_kota: bool = False

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def display_name(self) -> str:
        """The name news and users use: "Kutai Timur" for a kabupaten, "Kota Semarang" for a
        kota (the prefix is what tells Kota Semarang from Kabupaten Semarang)."""
        prefix = "Kabupaten "
        if self.level == REGENCY and not self.is_kota and self.name.startswith(prefix):
            return self.name[len(prefix):]
        return self.name

    @property
    def regency_code(self) -> str | None:
        return self.code[:5] if self.level in (REGENCY, DISTRICT) else None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]
    explicit: bool  # written with a level word ("Kota Semarang", "Kecamatan Telen")
    common_word: bool  # bare name that is also an ordinary word
    sentence_start: bool


def tokens(text: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in TOKEN.findall(text))


def _rows(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    path = resources.files("kutim_corpus").joinpath("data", "wilayah", name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


class Tokens:
    """The ``\\w+`` tokens of a text: character spans and lower-cased words, computed once."""

    __slots__ = ("spans", "words")

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in TOKEN.finditer(text)]
        lowered = text.lower()
        words = TOKEN.findall(lowered) if len(lowered) == len(text) else []
        # lower() can change the length of rare characters ("İ"): then go token by token
        self.words = words if len(words) == len(self.spans) else [
            text[s:e].lower() for s, e in self.spans]


class Gazetteer:
    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.index: dict[tuple[str, ...], list[Place]] = {}
        self._load()
        self.max_len = max(len(k) for k in self.index)
        self.first_tokens = frozenset(k[0] for k in self.index)

    def _add(self, name: str, place: Place) -> None:
        key = tokens(name)
        if not key:
            return
        bucket = self.index.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    def _load(self) -> None:
        for row in _rows("provinces.csv"):
            place = Place(row["code"], PROVINCE, row["name"])
            self.places[place.code] = place
            self._add(row["name"], place)
            self._add("Provinsi " + row["name"], place)
        for row in _rows("province_meta.tsv", "\t"):
            place = self.places[row["code"]]
            for abbreviation in row["abbreviations"].split("|"):
                # two-letter forms ("PB") are too ambiguous to read as a province
                if len(abbreviation) > 2:
                    self._add(abbreviation, place)
                    self._add("Provinsi " + abbreviation, place)
        for row in _rows("regencies.csv"):
            is_kota = row["type"] == "kota"
            place = Place(row["code"], REGENCY, row["name"], is_kota)
            self.places[place.code] = place
            self._add(row["short_name"], place)
            self._add(row["name"], place)
            if " " in row["short_name"]:  # "Bandarlampung", "Tanjungpinang" written as one word
                self._add(row["short_name"].replace(" ", ""), place)
            if not is_kota:
                self._add("Kab " + row["short_name"], place)
        for row in _rows("districts.csv"):
            place = Place(row["code"], DISTRICT, row["name"])
            self.places[place.code] = place
            self._add(row["name"], place)
            self._add("Kecamatan " + row["name"], place)
            self._add("Kec " + row["name"], place)
        aliases = _rows("region_aliases.tsv", "\t") + _rows("region_aliases_extra.tsv", "\t")
        for row in aliases:
            if row["confidence"] == "low":
                continue  # "BPN", proposed regencies: never mapped automatically
            place = self.places[row["code"]]
            self._add(row["alias"], place)
            if place.level == REGENCY:
                self._add(("Kota " if place.is_kota else "Kabupaten ") + row["alias"], place)
                if not place.is_kota:
                    self._add("Kab " + row["alias"], place)  # "Kab. Kutim"
            elif place.level == DISTRICT:
                self._add("Kecamatan " + row["alias"], place)

    def lookup(self, name: str) -> list[Place]:
        return list(self.index.get(tokens(name), ()))

    def find(self, text: str, *, title_case: bool = False, tokens: Tokens | None = None,
             title_end: int = 0) -> list[Mention]:
        """Every region name in ``text``, longest match first, left to right.

        ``title_case`` marks headlines and labels, where capitals say nothing about names; with
        ``title_end`` only the text before that offset (the headline) is read that way.
        """
        tokens = tokens or Tokens(text)
        spans, words = tokens.spans, tokens.words
        found: list[Mention] = []
        first, i = self.first_tokens, 0
        while i < len(spans):
            if words[i] not in first:
                i += 1
                continue
            mention = self._match_at(text, spans, words, i, title_case or spans[i][0] < title_end)
            if mention is None:
                i += 1
                continue
            found.append(mention[0])
            i = mention[1]
        return found

    def _match_at(self, text, spans, words, i, title_case):
        for n in range(min(self.max_len, len(words) - i), 0, -1):
            key = tuple(words[i:i + n])
            places = self.index.get(key)
            if not places:
                continue
            start, end = spans[i][0], spans[i + n - 1][1]
            written = text[start:end]
            explicit = key[0] in PREFIX_LEVEL and n > 1
            if not written[:1].isupper():
                continue  # "pasir", "medan perang", "kota" in lower case are not places
            bare = key[1:] if explicit else key
            common = not explicit and " ".join(bare) in COMMON_WORDS
            sentence_start = _at_sentence_start(text, start)
            if common and (title_case or sentence_start or written.isupper()):
                continue
            if explicit:
                places = _filter_by_prefix(places, key[0])
                if not places:
                    continue
            return Mention(start, end, written, tuple(places), explicit, common, sentence_start), i + n
        return None


def _filter_by_prefix(places: list[Place], prefix: str) -> list[Place]:
    level = PREFIX_LEVEL[prefix]
    if prefix == "kota":
        kept = [p for p in places if p.level == REGENCY and p.is_kota]
        # "Kota Bangun" is a kecamatan, not a city: keep districts spelled with the prefix
        return kept or [p for p in places if p.level == DISTRICT]
    if prefix in ("kabupaten", "kab"):
        return [p for p in places if p.level == REGENCY and not p.is_kota]
    return [p for p in places if p.level == level]


def _at_sentence_start(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:–—-"


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
