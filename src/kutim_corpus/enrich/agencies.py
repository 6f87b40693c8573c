"""Government bodies named in an article, normalised with the seed list (data/agencies*.tsv).

News names a body in three ways, all handled here:

- its full name, often with the acronym in brackets and the region after it:
  "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim" (the pair is learned for
  the rest of the article, so unknown acronyms are understood too);
- a known acronym or short form, optionally followed by a region: "DPRD Kutim", "Polres Kutim",
  "Pemprov Kaltim", "Kemendagri", "BMKG";
- the acronym alone later on, which refers to the body already named.

Former names map to the current body when there is exactly one successor; the ambiguous
acronyms DKP, BKD, BPD, BPK and BPN are read from the words around them (and left without a
canonical name when those say nothing). Job titles ("Sekda", "Kabid", "Camat") are not bodies.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import accumulate

from .gazetteer import DISTRICT, PROVINCE, REGENCY, Mention, Place, Tokens, gazetteer
from .regions import Context, regency_or_province, resolve

CENTRAL, VILLAGE = "central", "village"

# Rows of the seed list that name forums, titles, programmes or companies, not bodies: they
# are still recognised (so "BPD Kaltimtara" is not read as a village council) but not emitted.
NOT_AGENCIES = frozenset({
    "Forkopimda", "OPD", "Sekda", "TP PKK", "Dekranasda", "PLN", "Bulog", "Kecamatan",
    "Kelurahan", "BUMD", "BUMDes", "PDAM", "Bankaltimtara", "UPTD",
})
# Aliases in the seed list that are job titles, generic words or handled by a dedicated row.
SKIPPED_ALIASES = frozenset({
    "Pemda", "Dewan", "Camat", "Lurah", "Kades", "Kepala Desa", "Kampung", "Petinggi",
    "Mendagri", "Distrik", "PD", "SKPD", "Perangkat Daerah", "Humas", "PU", "IKN", "JKN", "KIS",
    "UPT", "Babinsa", "Kodam", "Korem", "Kodim", "Koramil", "Polda", "Polres", "Polsek",
    "Kejati", "Kejari", "BNNP", "BNNK", "ESDM", "BPN", "BKD", "BPK", "Tim SAR Gabungan",
    "PKK", "Perusda", "Perumda", "Perseroda", "Perumdam", "Panwascam", "Sekkab", "Sekprov",
    "Polda Kaltim", "Polres Kutim", "Kejati Kaltim", "Kejari Kutim", "Kemendes",
})
# Short forms too common as other words to be read alone ("MA" is also Madrasah Aliyah,
# "DPD" also a party's regional board).
SKIPPED_ACRONYMS = frozenset({"MA", "DPD", "Sekda"})

AMBIGUOUS = {
    "DKP": (
        ("Dinas Ketahanan Pangan", r"pangan|beras|cadangan|stok|gizi|ketahanan|sembako|harga"),
        ("Dinas Kelautan dan Perikanan", r"ikan|nelayan|perikanan|kelautan|laut|tambak|budidaya|perahu"),
    ),
    "BKD": (
        ("Badan Kepegawaian Daerah", r"pegawai|kepegawaian|asn|pns|cpns|pppk|honorer|mutasi|formasi|seleksi"),
        ("Badan Keuangan Daerah", r"keuangan|anggaran|apbd|aset|belanja|kas daerah|pajak"),
    ),
    "BPD": (
        ("Badan Permusyawaratan Desa", r"desa|kades|kepala desa|musyawarah|perdes|apbdes|dana desa|kampung"),
        ("PT Bank Pembangunan Daerah Kalimantan Timur dan Kalimantan Utara",
         r"bank|kredit|nasabah|perbankan|tabungan|dividen|rekening|modal|saham"),
    ),
    "BPK": (
        ("Badan Pemeriksa Keuangan", r"audit|opini|wtp|wdp|pemeriksaan|lhp|laporan keuangan|temuan|pemeriksa"),
        ("Badan Permusyawaratan Kampung", r"kampung|petinggi"),
    ),
    "BPN": (
        ("Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
         r"tanah|pertanahan|sertifikat|sertipikat|agraria|atr|lahan|ptsl|hgu|hgb|hak guna|redistribusi"),
        (None, r"balikpapan|bandara|sepinggan"),  # the city's abbreviation: not a body
    ),
}

# Heads of a full agency name. "Pemerintah" is handled apart (it needs the region).
HEAD = re.compile(
    r"\b(?:Dinas|Badan|Sekretariat|Inspektorat|Satuan|Rumah Sakit Umum Daerah|Kementerian|"
    r"Kementrian|Kantor|Dewan Perwakilan Rakyat(?: Daerah)?|Komisi|Lembaga|Otoritas|Kepolisian|"
    r"Kejaksaan|Pengadilan|Majelis|Mahkamah|Balai|Biro|Bank|Pemerintah)\b"
)
NAME_WORD = re.compile(r"[ \t]+(?:[A-Z][\w/&'’-]*|dan|serta|&)|,(?=[ \t]+(?:[A-Z]|dan\s))")
ACRONYM_IN_BRACKETS = re.compile(r"\s*\(([A-Z][A-Za-z0-9&/ -]{1,24})\)")
NAME_IN_BRACKETS = re.compile(r"\s*\(((?:Dinas|Badan|Kementerian|Sekretariat|Satuan|Komisi)\b[^()]{3,120})\)")
# Unknown names under these heads are accepted (learned); others must be in the seed list.
OPEN_HEADS = ("Dinas", "Badan", "Kementerian", "Kementrian")
NOT_BODIES_AFTER_BADAN = re.compile(
    r"^Badan (?:Anggaran|Kehormatan|Musyawarah|Pembentukan|Usaha|Jalan|Legislasi|Pengawas Pemilu)"
)
PROPER_AFTER = re.compile(r"(?:\s+[A-Z][a-z]+\.?){1,3}")
WORD = re.compile(r"\w+")
FOREIGN_AFTER = re.compile(
    r"[ \t]+(?:Thailand|Malaysia|Singapura|Filipina|Vietnam|Brunei|Jepang|China|Tiongkok|"
    r"Korea|Australia|Amerika|AS|Arab|Inggris|Belanda|Jerman|Prancis|Perancis|India|Rusia|"
    r"Timor Leste|Myanmar|Kamboja|Laos|Taiwan|Mesir|Turki|Iran|Irak)\b")
CODE_IN_BRACKETS = re.compile(r"\([\w .-]{1,20}/[\w ./-]{1,30}\)")
NAMED_UNITS = frozenset({"rsud", "puskesmas"})


@dataclass(frozen=True)
class Body:
    acronym: str | None
    full_name: str
    levels: tuple[str, ...]
    region_code: str | None = None  # for rows about one region ("DP3A Kutim")
    replaced_by: str | None = None
    emitted: bool = True
    learned: bool = False

    @property
    def key(self) -> str:
        return (self.acronym or self.full_name).lower()


@dataclass
class Found:
    body: Body
    region: Place | None
    mention: str
    start: int
    explicit_region: bool


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


# Short forms written inside full names ("Dinas Koperasi dan UKM"), expanded before lookup.
NAME_ABBREVIATIONS = {
    "ukm": "usaha kecil dan menengah", "umkm": "usaha mikro kecil dan menengah",
    "pupr": "pekerjaan umum dan penataan ruang", "pu": "pekerjaan umum",
    "kb": "keluarga berencana", "sdm": "sumber daya manusia",
    "esdm": "energi dan sumber daya mineral", "ptsp": "pelayanan terpadu satu pintu",
    "kominfo": "komunikasi dan informatika", "ham": "hak asasi manusia",
    "pp": "pamong praja", "kesbangpol": "kesatuan bangsa dan politik",
}


def name_key(name: str) -> str:
    """Lookup key of a full name: lower case, words only, in-name short forms expanded."""
    words = _norm(name).replace(" dan ", " ").split()
    return " ".join(NAME_ABBREVIATIONS.get(w, w).replace(" dan ", " ") for w in words)


class Catalogue:
    def __init__(self) -> None:
        self.surfaces: dict[str, list[Body]] = {}
        self.spellings: dict[str, set[str]] = {}
        self.names: dict[str, list[Body]] = {}
        # "Kementerian Kehutanan dan Lingkungan Hidup" is KLHK written in another order
        self.names_any_order: dict[frozenset[str], Body] = {}
        self.regional: dict[tuple[str, str], Body] = {}
        self.by_acronym: dict[str, Body] = {}
        self.by_full_name: dict[str, Body] = {}
        for file in ("agencies.tsv", "agencies_extra.tsv"):
            for row in _read(file):
                self._add_row(row)
        self.max_tokens = max(len(k.split()) for k in self.surfaces)
        self.first_tokens = frozenset(k.split()[0] for k in self.surfaces) | frozenset(
            a.lower() for a in AMBIGUOUS)

    def _add_row(self, row: dict[str, str]) -> None:
        acronym, full_name = row["acronym"].strip(), row["full_name"].strip()
        region = _trailing_region(full_name) or _trailing_region(acronym)
        base = _strip_region_word(acronym) if region else acronym
        replaced = re.search(r"Replaced by (\S+?)[ ;,.]", row["notes"] + " ")
        body = Body(
            acronym=base,
            full_name=full_name,
            levels=tuple(row["level"].split("|")),
            region_code=region.code if region else None,
            replaced_by=replaced.group(1) if replaced and "Former name" in row["notes"] else None,
            emitted=acronym not in NOT_AGENCIES,
        )
        self.by_acronym.setdefault(acronym, body)
        self.by_full_name.setdefault(name_key(full_name), body)
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        surfaces = [acronym] + aliases
        if base != acronym:
            surfaces.append(base)
        for number, surface in enumerate(surfaces):
            if "(" in surface:
                continue  # listed as "(ambiguous)", "(older)", "(minister)": no automatic reading
            if surface in SKIPPED_ACRONYMS or number > 0 and surface in SKIPPED_ALIASES:
                continue
            surface_region = _trailing_region(surface)
            if surface_region:
                # "DPRD Kutai Timur", "BPS Kaltim": the short form plus a region covers it
                if region and surface_region.code == region.code:
                    self.regional[(_norm(_strip_region_word(surface)), region.code)] = body
                continue
            if surface.split()[0] in HEAD_WORDS:
                self._add_name(surface, body)
            else:
                self._add_surface(surface, body)
        if region:
            self.regional[(_norm(base), region.code)] = body
        else:
            self._add_name(full_name, body, official=True)

    def _add_name(self, name: str, body: Body, official: bool = False) -> None:
        bucket = self.names.setdefault(name_key(name), [])
        if body not in bucket:
            # the row whose official name this is comes before rows listing it as an alias
            bucket.insert(0, body) if official else bucket.append(body)
        self.names_any_order.setdefault(frozenset(name_key(name).split()), body)

    def _add_surface(self, surface: str, body: Body) -> None:
        key = _norm(surface)
        bucket = self.surfaces.setdefault(key, [])
        if body not in bucket:
            bucket.append(body)
        self.spellings.setdefault(key, set()).add(surface)

    def lookup(self, key: str, region: Place | None) -> Body | None:
        bodies = self.surfaces.get(key, [])
        if not bodies:
            return None
        exact = [b for b in bodies if b.acronym and _norm(b.acronym) == key]
        if region is not None:
            local = [b for b in bodies if b.region_code == region.code]
            if local:
                return local[0]
        generic = [b for b in (exact or bodies) if b.region_code is None]
        pool = generic or exact or bodies
        if len(pool) > 1:
            current = [b for b in pool if not b.replaced_by]
            pool = current or pool
        return pool[0] if len({b.full_name for b in pool}) == 1 else None

    def regional_form(self, body: Body, region: Place | None) -> Body:
        """The region's own row for a generic body ("Diskominfo" + Kutim -> Diskominfo Staper)."""
        if region is None or body.region_code or not body.acronym:
            return body
        return self.regional.get((_norm(body.acronym), region.code), body)

    def current(self, body: Body) -> Body:
        if body.replaced_by and body.replaced_by in self.by_acronym:
            return self.by_acronym[body.replaced_by]
        return body


HEAD_WORDS = frozenset({
    "Dinas", "Badan", "Sekretariat", "Inspektorat", "Satuan", "Rumah", "Kementerian", "Kantor",
    "Dewan", "Komisi", "Lembaga", "Otoritas", "Kepolisian", "Kejaksaan", "Pemerintah", "Bank",
})


def _read(file: str) -> list[dict[str, str]]:
    path = resources.files("kutim_corpus").joinpath("data", file)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _trailing_region(text: str) -> Place | None:
    mentions = gazetteer().find(text)
    if not mentions or mentions[-1].end != len(text.rstrip()):
        return None
    place = resolve(mentions[-1], Context())
    # "RSUD Muara Bengkal" is a hospital named after its kecamatan, not a regional office
    if place is None or place.level == DISTRICT:
        return None
    return place


def _strip_region_word(text: str) -> str:
    mentions = gazetteer().find(text)
    if mentions and mentions[-1].end == len(text.rstrip()) and mentions[-1].start > 0:
        return text[: mentions[-1].start].strip()
    return text


@cache
def catalogue() -> Catalogue:
    return Catalogue()


# --- finding bodies in an article -----------------------------------------------------------

class Finder:
    """One pass over one article's text (title + body)."""

    def __init__(self, text: str, regions: list[Mention], context: Context,
                 article_region: Place | None, tokens: Tokens) -> None:
        self.text = text
        self.tokens = tokens
        self.context = context
        self.article_region = article_region
        self.region_at = {m.start: m for m in regions}
        self.catalogue = catalogue()
        self.learned: dict[str, Body] = {}
        self.found: list[Found] = []
        self.claimed: list[tuple[int, int]] = []

    def run(self) -> list[dict]:
        self._full_names()
        self._acronyms()
        return self._merge()

    # full names -------------------------------------------------------------------------
    def _full_names(self) -> None:
        for head in HEAD.finditer(self.text):
            if self.claimed and head.start() < self.claimed[-1][1]:
                continue  # inside the name just read (heads come in text order)
            if head.group() == "Pemerintah":
                self._government(head)
                continue
            end = head.end()
            while end - head.start() < 160:
                word = NAME_WORD.match(self.text, end)
                if not word or self._region_starts(_skip_space(self.text, end)):
                    break
                end = word.end()
            self._full_name(head.start(), _trim_name(self.text[head.start():end]))

    def _full_name(self, start: int, name: str) -> None:
        words = name.split()
        body, used = None, 0
        bracket = ACRONYM_IN_BRACKETS.match(self.text, self._word_end(start, len(words)))
        short = bracket.group(1).strip() if bracket else ""
        # DKP, BPD ...: the full name says which one, not the short form
        known = self.catalogue.lookup(_norm(short), None) if short and short not in AMBIGUOUS else None
        if known is not None and known.emitted:
            # "Badan Narkotika Nasional Kabupaten (BNNK)": the whole name goes with its short form
            body, used = known, len(words)
        for n in range(len(words), 0, -1):
            if body is not None:
                break
            candidates = self.catalogue.names.get(name_key(" ".join(words[:n])))
            if candidates:
                if n < len(words) and words[n] in ("dan", "serta", "&"):
                    break  # "Dinas Kebudayaan dan Pariwisata" is not "Dinas Kebudayaan"
                body, used = candidates[0], n
                break
        if body is None:
            body = self.catalogue.names_any_order.get(frozenset(name_key(name).split()))
            used = len(words) if body else 0
        if body is None and words[0] in OPEN_HEADS and len(words) > 1 \
                and not NOT_BODIES_AFTER_BADAN.match(name):
            used = len(words)
            level = (CENTRAL,) if words[0].startswith("Kement") else (PROVINCE, REGENCY)
            body = Body(None, name, level, learned=True)
        if body is None:
            return
        end = self._word_end(start, used)
        if FOREIGN_AFTER.match(self.text, end):
            return  # "Kementerian Kesehatan Thailand" is not an Indonesian body
        acronym = ACRONYM_IN_BRACKETS.match(self.text, end)
        in_brackets = acronym.group(1).strip() if acronym else ""
        region = None
        if in_brackets and gazetteer().lookup(in_brackets):
            # "Dinas Kesehatan (Kutim)": a region in brackets, not a short form to learn
            place = resolve(Mention(0, 0, in_brackets, tuple(gazetteer().lookup(in_brackets)),
                                    True, False, False), self.context)
            region = regency_or_province(place) if place else None
            acronym, end = None, acronym.end()
        if acronym and in_brackets not in ("Persero", "Perseroda", "Perumda"):
            short = in_brackets
            known = None if short in AMBIGUOUS else self.catalogue.lookup(_norm(short), None)
            if known is not None and known.emitted:
                # the writer's own short form is the most specific reading: "... (Bapperida)" is
                # Bappeda, "Badan Narkotika Nasional Kabupaten (BNNK)" is BNNK, not BNN
                body = known
            elif body.learned:
                body = replace(body, acronym=short)
            self.learned[_norm(short)] = body
            end = acronym.end()
        if region is None:
            region, end = self._region_after(end)
        self._add(body, region, start, end)

    def _word_end(self, start: int, count: int) -> int:
        """Offset just after the ``count``-th whitespace-separated word from ``start``."""
        end = start
        for _, match in zip(range(count), re.finditer(r"\S+", self.text[start:start + 400]), strict=False):
            end = start + match.end()
        return end

    def _government(self, head: re.Match) -> None:
        after = _skip_space(self.text, head.end())
        bracketed = re.match(r"(Kabupaten|Kota|Provinsi)\s*\((\w+)\)\s*", self.text[after:after + 40])
        if bracketed:  # "Pemerintah Kabupaten (Pemkab) Kutai Timur"
            mention = self.region_at.get(after + bracketed.end())
            place = resolve(mention, self.context) if mention else None
            if place is not None:
                place = regency_or_province(place)
                self._add(_government_body(place), place, head.start(), mention.end)
                return
        mention = self.region_at.get(after)
        word = re.match(r"(Daerah|Desa|Kampung|Pusat)\b", self.text[after:])
        if mention is None and word and word.group(1) in ("Daerah",):
            after = _skip_space(self.text, after + len(word.group()))
            mention = self.region_at.get(after)
        if mention is not None:
            place = resolve(mention, self.context)
            if place is None:
                return
            place = regency_or_province(place)
            body = _government_body(place)
            self._add(body, place, head.start(), mention.end)
        elif word and word.group(1) in ("Desa", "Kampung"):
            body = self.catalogue.by_acronym["Pemdes"]
            self._add(body, None, head.start(), after + len(word.group()))

    # acronyms --------------------------------------------------------------------------
    def _acronyms(self) -> None:
        # reporter and desk codes at the end of a story: "(MK/SK)", "(ADV/Diskominfo)"
        self.claimed.extend((m.start(), m.end()) for m in CODE_IN_BRACKETS.finditer(self.text))
        self.claimed.sort()
        claimed = _Claimed(self.claimed)
        spans, words = self.tokens.spans, self.tokens.words
        first = self.catalogue.first_tokens | {k.split()[0] for k in self.learned}
        i = 0
        while i < len(spans):
            if words[i] not in first or claimed.covers(spans[i][0]):
                i += 1
                continue
            step = self._acronym_at(spans, words, i)
            i += step or 1

    def _acronym_at(self, spans, words, i) -> int:
        for n in range(min(self.catalogue.max_tokens, len(spans) - i), 0, -1):
            key = " ".join(words[i:i + n])
            start, end = spans[i][0], spans[i + n - 1][1]
            written = self.text[start:end]
            if key in self.learned:
                body = self.learned[key]
            elif key.upper() in AMBIGUOUS and _same_case(written, key.upper()):
                return self._ambiguous(key.upper(), start, end) and n
            elif key in self.catalogue.surfaces and self._case_ok(key, written):
                region = self._peek_region(end)
                body = self._regional_short_form(key, region) or self.catalogue.lookup(key, region)
                if body is None:
                    self._add(Body(written, "", (), emitted=True), None, start, end)
                    return n
            else:
                continue
            proper = None
            if key in NAMED_UNITS and _skip_space(self.text, end) not in self.region_at:
                proper = PROPER_AFTER.match(self.text, end)
            if proper:
                label = proper.group().strip()
                body = replace(body, acronym=f"{body.acronym} {label}",
                               full_name=f"{body.full_name} {label}", learned=True)
                end = proper.end()
            else:
                brackets = NAME_IN_BRACKETS.match(self.text, end)
                if brackets:
                    end = brackets.end()
            region, end = self._region_after(end)
            self._add(body, region, start, end)
            return n
        return 0

    def _regional_short_form(self, key: str, region: Place | None) -> Body | None:
        """"Kominfo Kutim" is the regency's communications office, not the ministry."""
        if region is None:
            return None
        own = self.catalogue.regional.get((key, region.code))
        if own is not None:
            return own
        office = REGIONAL_DINAS.get(key)
        return self.catalogue.by_acronym[office] if office else None

    def _case_ok(self, key: str, written: str) -> bool:
        for spelling in self.catalogue.spellings.get(key, ()):
            if written == spelling or written == spelling.upper() and len(written) > 3:
                return True
            if not spelling.isupper() and written[:1].isupper() and written[1:] == spelling[1:]:
                return True
        return False

    def _ambiguous(self, acronym: str, start: int, end: int) -> bool:
        reading = _read_context(acronym, self.text, start)
        region, end = self._region_after(end)
        if acronym == "BPN":
            if region is not None:  # "BPN Kutim": the regency's land office
                self._add(self.catalogue.by_acronym["Kantah"], region, start, end)
                return True
            if reading is None or reading[0] is None:
                return True
            if any(f.body.acronym == "Kantah" for f in self.found) or re.search(
                    r"Kantor Pertanahan", self.text):
                # "BPN" after the regency's land office was named is that office
                self._add(self.catalogue.by_acronym["Kantah"], None, start, end)
                return True
        if reading is None:
            self._add(Body(acronym, "", (), emitted=True), region, start, end)
            return True
        full_name = reading[0]
        body = self.catalogue.by_full_name.get(name_key(full_name)) or Body(acronym, full_name, (PROVINCE, REGENCY))
        body = replace(body, acronym=acronym) if body.emitted and body.levels != (CENTRAL,) else body
        self._add(body, region, start, end)
        return True

    # regions and merging ---------------------------------------------------------------
    def _region_starts(self, offset: int) -> bool:
        """A region that can be read starts here ("Kutim"; not the unresolved kecamatan "Sumber")."""
        mention = self.region_at.get(offset)
        return mention is not None and resolve(mention, self.context) is not None

    def _peek_region(self, end: int) -> Place | None:
        mention = self.region_at.get(_skip_space(self.text, end))
        if mention is None:
            return None
        place = resolve(mention, self.context)
        return regency_or_province(place) if place else None

    def _region_after(self, end: int) -> tuple[Place | None, int]:
        at = _skip_space(self.text, end)
        office = re.match(r"(?:Perwakilan|Wilayah|Kantor Wilayah)\s+", self.text[at:at + 20])
        if office:  # "BPK Perwakilan Kalimantan Timur", "Kanwil ... Wilayah Kaltim"
            at += office.end()
        mention = self.region_at.get(at)
        if mention is None or at - end > 1 and not office:
            return None, end
        place = resolve(mention, self.context)
        if place is None:
            return None, end
        return regency_or_province(place), mention.end

    def _add(self, body: Body, region: Place | None, start: int, end: int) -> None:
        self.claimed.append((start, end))
        self.found.append(Found(body, region, self.text[start:end], start, region is not None))

    def _merge(self) -> list[dict]:
        """One entry per (body, region); bare acronyms join the body named with its region."""
        results: dict[tuple, dict] = {}
        first: dict[tuple, int] = {}
        seen: dict[str, tuple] = {}
        with_region = sorted(self.found, key=lambda f: (not (f.explicit_region or f.body.region_code), f.start))
        for found in with_region:
            if not found.body.emitted:
                continue
            record = self._record(found, seen)
            key = ((record["acronym"] or record["name"] or "").lower(), record["region_code"])
            seen.setdefault(found.body.key, key)
            if key not in results:
                results[key], first[key] = record, found.start
            elif found.start < first[key]:
                results[key]["mention"], first[key] = found.mention, found.start
        return [results[k] for k in sorted(results, key=first.get)]

    def _record(self, found: Found, by_key: dict[str, tuple]) -> dict:
        body = self.catalogue.current(found.body)
        region = found.region
        if body.region_code:
            region = gazetteer().places.get(body.region_code)
        elif region is None and found.body.key in by_key:
            code = by_key[found.body.key][1]
            region = gazetteer().places.get(code) if code else None
        elif region is None and body.levels and CENTRAL not in body.levels:
            region = _default_region(body, self.article_region)
        office = REGIONAL_OFFICES.get(body.acronym or "", {}).get(region.level if region else "")
        if office:
            body = self.catalogue.by_acronym[office]
        body = self.catalogue.regional_form(body, region)
        if body.region_code:
            region = gazetteer().places.get(body.region_code)
        return {
            "acronym": body.acronym,
            "name": _canonical_name(body, region) if body.full_name else None,
            "level": _level(body, region),
            "region_code": region.code if region else None,
            "mention": found.mention,
        }


class _Claimed:
    """Spans already read (full names, desk codes): is an offset inside one? (bisect, O(log n))"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        # furthest end reached by any span starting at or before index i
        self.reach = list(accumulate(self.ends, max))

    def covers(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and self.reach[index] > offset


# Ministry short forms that, followed by a region, name the region's own dinas.
REGIONAL_DINAS = {"kominfo": "Diskominfo", "pupr": "DPUPR", "esdm": "Dinas ESDM",
                  "kemenkominfo": "Diskominfo"}

# A central body written with a region is its regional office when the list has one.
REGIONAL_OFFICES = {
    "BNN": {PROVINCE: "BNNP", REGENCY: "BNNK"},
    "Polri": {PROVINCE: "Polda", REGENCY: "Polres"},
    "Kejaksaan": {PROVINCE: "Kejati", REGENCY: "Kejari"},
    "Kementerian ATR/BPN": {PROVINCE: "Kanwil BPN", REGENCY: "Kantah"},
}


def _default_region(body: Body, article_region: Place | None) -> Place | None:
    """A regional body named without its region works for the article's region."""
    if article_region is None:
        return None
    if article_region.level == REGENCY and (REGENCY in body.levels or VILLAGE in body.levels):
        return article_region
    if PROVINCE in body.levels:
        return gazetteer().places[article_region.province_code]
    return None


def _level(body: Body, region: Place | None) -> str | None:
    if VILLAGE in body.levels:
        return VILLAGE
    if region is not None:
        return region.level
    if body.levels == (CENTRAL,):
        return CENTRAL
    return body.levels[0] if len(body.levels) == 1 and body.levels[0] else None


def _region_label(region: Place) -> str:
    if region.level == PROVINCE:
        return "Provinsi " + region.name
    return region.name


def _canonical_name(body: Body, region: Place | None) -> str:
    if body.region_code or region is None or body.full_name.endswith(region.name):
        return body.full_name
    generic = re.sub(r" (?:Kabupaten/Kota|Kabupaten|Kota|Provinsi)$", "", body.full_name)
    if generic != body.full_name:  # "Badan Narkotika Nasional Kabupaten/Kota" + Kutai Timur
        return f"{generic} {_region_label(region)}"
    if body.acronym in ("Pemkab", "Pemkot", "Pemprov", "Pemda"):
        return "Pemerintah " + _region_label(region)
    if VILLAGE in body.levels:
        return body.full_name
    return f"{body.full_name} {_region_label(region)}"


def _government_body(place: Place) -> Body:
    by_acronym = catalogue().by_acronym
    if place.level == PROVINCE:
        return by_acronym["Pemprov"]
    return by_acronym["Pemkot" if place.is_kota else "Pemkab"]


def _read_context(acronym: str, text: str, position: int) -> tuple | None:
    """The reading of an ambiguous acronym best supported by nearby, then all, words."""
    readings = AMBIGUOUS[acronym]
    for window in (text[max(0, position - 250): position + 250], text):
        lowered = window.lower()
        scores = [len(re.findall(rf"\b(?:{pattern})", lowered)) for _, pattern in readings]
        best = max(scores)
        if best and scores.count(best) == 1:
            return readings[scores.index(best)]
    return None


def _same_case(written: str, acronym: str) -> bool:
    return written == acronym


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _trim_name(name: str) -> str:
    """Drop a trailing ", Name" that is an apposition, not part of an enumerated name."""
    name = name.strip().rstrip(",")
    while "," in name and " dan " not in name[name.rfind(","):]:
        name = name[: name.rfind(",")].strip()
    for tail in (" dan", " serta", " &"):
        if name.endswith(tail):
            name = name[: -len(tail)]
    return name


@dataclass
class AgencyResult:
    records: list[dict]
    spans: list[tuple[int, int, str]]  # every region and body mention: (start, end, text)
    named_regions: set[str]  # regions written next to a body ("DPRD Kutim" -> 64.08)


def find_agencies(text: str, regions: list[Mention], context: Context,
                  article_region: Place | None, tokens: Tokens | None = None) -> AgencyResult:
    finder = Finder(text, regions, context, article_region, tokens or Tokens(text))
    records = finder.run()
    spans = [(m.start, m.end, m.text) for m in regions if resolve(m, context) is not None]
    spans += [(f.start, f.start + len(f.mention), f.mention) for f in finder.found]
    named = {f.region.code if f.region else f.body.region_code for f in finder.found
             if f.body.emitted and (f.region or f.body.region_code)}
    return AgencyResult(records, spans, named)
