"""People named with their office, and the direct quotations attributed to them.

Patterns of Indonesian news:

- ``<jabatan> <instansi>, <nama>``: "Sekretaris DP3A Kutim, dr. Anik Istiandari, memimpin ...";
- ``<nama>, <jabatan> <instansi>,``: "Hal itu disampaikan Ardiansyah Sulaiman, Bupati Kutim, ...";
- ``<jabatan> <instansi/wilayah> <nama>`` without commas: "Bupati Kutim Ardiansyah Sulaiman
  mengatakan ...", where the office ends exactly where a known region or body ends.

Honorifics (dr., H., Hj., Ir., police and army ranks) and degrees (S.Pd, M.Si) stay out of the
name. Quotations in “...” or "..." count when attributed by a speech verb after them
("..., ujar dr. Anik", "..., tegasnya") or before them ("Anik mengatakan, “...”"); "-nya" and
"dia/ia/beliau" refer to the person named last.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from .gazetteer import Tokens
from .markers import strip_dateline

HONORIFIC = (
    r"(?:(?:dr|drg|Dr|Drs|Dra|Ir|Prof|H|Hj|KH|Ns|apt|Hajjah|Haji|Kompol|AKBP|AKP|Iptu|Ipda|Aiptu|"
    r"Bripka|Brigpol|Brigadir|Letkol|Kolonel|Mayor|Kapten|Lettu|Letda|Serka|Sertu|Pelda|Bapak|Ibu|"
    r"Pak|Bu|Ustaz|Ustadz|Kombes|Irjen|Brigjen|Mayjen|Laksma|Marsma|Adv|Bripda|Briptu|Kopda|"
    r"Serma|Peltu)\.?\s+)"
)
NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)?|[A-Z]\.|[A-Z][a-z]?\.(?=\s[A-Z])|Muh\.|Moh\.|Abd\.)"
# a trailing bare initial: "Achmad Junaidi B,"
NAME = rf"(?P<hon>{HONORIFIC}*)(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,4}}(?:[ \t]+[A-Z](?=,))?)"
DEGREE = r"(?:(?:[A-Z][a-z]{0,3}\.){1,3}(?:[A-Z][a-z]{0,4}|[A-Z]{2,3})?\.?|[A-Z]{2,4}|Ph\.D)"
DEGREES = rf"(?:\s*,\s*{DEGREE}(?=\s*[,.;)]|\s+[a-z]|\s*$))*"

ROLE_WORDS = [
    "Wakil Bupati", "Wakil Wali Kota", "Wakil Walikota", "Wakil Gubernur", "Wakil Ketua",
    "Wakil Menteri", "Wakil Direktur", "Sekretaris Daerah", "Sekretaris",
    "Kepala Desa", "Kepala Sekolah", "Kepala Bidang", "Kepala Seksi", "Kepala Bagian",
    "Kepala Pelaksana", "Kepala", "Ketua", "Anggota", "Bupati", "Wabup", "Wali Kota", "Walikota",
    "Wawali", "Gubernur", "Wagub", "Sekda", "Sekwan", "Kadis", "Kadisdik", "Kadinkes", "Kabid",
    "Kasi", "Kasubag", "Kasubbag", "Kabag", "Kasat Reskrim", "Kasat Lantas", "Kasat", "Camat",
    "Lurah", "Kades", "Petinggi", "Direktur Utama", "Direktur", "Dirut", "Kapolres", "Kapolsek",
    "Kapolda", "Wakapolres", "Dandim", "Danramil", "Kajari", "Kajati", "Kalaksa", "Menteri",
    "Asisten", "Staf Ahli", "Koordinator", "Inspektur", "Kepsek", "Plt", "Pj", "Plh",
    "Pelaksana Tugas", "Penjabat", "Legislator", "Manajer", "General Manager", "Juru Bicara",
    "Jubir", "Kapolresta", "Danrem", "Pangdam", "Rektor", "Dekan", "Ketua Umum", "Bendahara",
    "Kanit Reskrim", "Kanit", "Kasatreskrim", "Kasat Resnarkoba", "Kuasa Hukum", "Panit",
    "Kabag Ops", "Kabag Humas", "Kasi Humas", "Kasubbag Humas", "Ketua RT", "Ketua Kelompok Tani",
    "Sekkab", "Sekprov", "Kadiskominfo", "Kadisdikbud", "Kadinsos", "Kalapas", "Karutan", "Dirut",
    "Kasatpol PP", "Danlanal", "Kepala Kantor", "Kepala Balai", "Kepala Puskesmas", "Ketua Fraksi",
]
ROLE = r"(?P<role>(?:(?:Plt|Pj|Plh)\.?\s+)?(?:" + "|".join(
    re.escape(r) for r in sorted(ROLE_WORDS, key=len, reverse=True)) + r"))\b\.?"
AFF_TOKEN = (r"(?:[A-Z0-9][\w.'’/&-]*|\([^()\n]{1,80}\)|dan|serta|&|bidang|di|/|-|dari|daerah|"
             r"pemilihan|wilayah|urusan|untuk|pada)")
AFF = rf"(?P<aff>(?:[ \t]+{AFF_TOKEN}){{0,14}})"

ROLE_FIRST_WORDS = frozenset({"Plt", "Pj", "Plh"} | {r.split()[0] for r in ROLE_WORDS})
WORD = re.compile(r"\w+")
NAME_BEFORE_COMMA = re.compile(rf"(?:^|(?<=[^\w.]))({NAME}{DEGREES})\s*,\s*(?:selaku\s+)?$")
APPOSITION_VERB = re.compile(
    r",\s*(?:mengatakan|menyebut|menjelaskan|mengaku|meminta|menegaskan|berharap|menuturkan|"
    r"mengungkapkan|menyampaikan|memimpin|bersyukur|berjanji|mengingatkan|menilai|menambahkan|"
    r"menerangkan|mengimbau|memaparkan|membenarkan|menyatakan)\b"
)
ROLE_COMMA_NAME = re.compile(rf"{ROLE}{AFF}\s*,\s*{NAME}{DEGREES}(?=\s*[,.;:)]|\s+[a-z(]|\s*$)")
NAME_COMMA_ROLE = re.compile(rf"{NAME}{DEGREES}\s*,\s*(?:selaku\s+)?{ROLE}{AFF}(?=\s*[,.;]|\s+[a-z])")
ROLE_ONLY = re.compile(ROLE)
# "<office in lower case>, <Name>, <speech verb>": "Kuasa hukum korban, Adv. Bambang, meminta"
APPOSITION = re.compile(
    rf"(?:^|(?<=[.\n])|(?<=, ))\s*(?P<desc>[A-Z][^.,;:“”\"\n]{{2,60}}?),\s*{NAME}{DEGREES},\s*"
    r"(?=(?:mengatakan|menyebut|menjelaskan|mengaku|meminta|menegaskan|berharap|menuturkan|"
    r"mengungkapkan|menyampaikan|memimpin|bersyukur|berjanji|mengingatkan|menilai|menambahkan|"
    r"menerangkan|mengimbau|memaparkan|membenarkan|menyatakan)\b)",
    re.MULTILINE,
)
NAME_AT = re.compile(rf"\s*{NAME}{DEGREES}(?=\s*[,.;:)]|\s+[a-z(]|\s*$)")

SPEECH_AFTER = re.compile(
    r"^\s*[,.!?]?\s*(?P<verb>ujar|kata|jelas|tegas|ucap|tutur|ungkap|terang|imbuh|tambah|sebut|"
    r"papar|pungkas|lanjut|beber|sambung|harap|ajak|tandas|timpal|tukas|seru|pinta|jawab|urai|"
    r"aku|klaim|ujar|tulis|kilah|singkat|tutup|katakan|pesan|imbau|sergah|cetus|tanya|bilang|"
    r"sahut|keluh|kenang|ingat|celetuk|paparkan|jelaskan|tegaskan)(?P<nya>nya)?\b"
)
PRONOUN = re.compile(r"^\s+(?:dia|ia|beliau)\b")
SPEECH_BEFORE = re.compile(
    r"(?:mengatakan|menegaskan|menjelaskan|menyampaikan|mengungkapkan|menuturkan|menambahkan|"
    r"berkata|mengaku|menerangkan|memaparkan|berharap|mengimbau|mengajak|menyebut|menyebutkan|"
    r"berpesan|meminta|menilai|bertutur|mengingatkan)(?:\s+bahwa)?\s*[,:]?\s*$"
)
MENURUT = re.compile(rf"(?:Menurut|Kata)\s+{NAME}{DEGREES}\s*,\s*$")
MENURUTNYA = re.compile(r"\b(?:[Mm]enurut(?:nya| dia| ia| beliau)|[Kk]atanya|[Uu]jarnya)\s*,?\s*$")
NAME_THEN_VERB = re.compile(
    rf"^\s*,?\s*{NAME}\s+(?:menambahkan|melanjutkan|menegaskan|menjelaskan|mengatakan|menutup)"
)
# curly quotations may hold a quoted word of their own: “... mengenal “rumah” budayanya ...”
QUOTE = re.compile(r"“((?:[^“”\n]|“[^“”\n]{0,80}”){8,}?)”|\"([^\"\n]{8,}?)\"")

_NOT_NAME_TEXT = """
Sementara Selain Menurut Dalam Hal Di Pada Kemudian Sedangkan Namun Adapun Sebelumnya Terpisah
Ditemui Dikonfirmasi Saat Ketika Hadir Turut Kegiatan Acara Ia Dia Beliau Ini Itu Para Kami
Kita Mereka Tim Warga Masyarakat Pemerintah Kabupaten Kota Provinsi Desa Kecamatan Kelurahan
Dinas Badan Sekretariat Bidang Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret
April Mei Juni Juli Agustus September Oktober November Desember Selamat Terima Kasih Dengan Untuk
Oleh Karena Jika Bila Sehingga Maka Agar Baca Juga Foto Sumber Program Rapat Pemkab Pemkot
Pemprov DPRD Indonesia Republik Nasional Daerah Bupati Gubernur Kepala Ketua Anggota Sekretaris
Camat Lurah Menteri Direktur Wakil Kutim Kaltim Sangatta Komisi Fraksi Panitia Bagian Setelah
Sejak Hingga Atas Bersama Kepada Dari Ke Yang Tahun Jalan Kantor Gedung Rumah Sakit Umum
"""
# Second words of place names ("Sangatta Baru", "Bangun Jaya"): never a name on their own.
PLACE_SUFFIXES = frozenset(
    ["Baru", "Lama", "Jaya", "Indah", "Makmur", "Utara", "Selatan", "Timur", "Barat", "Tengah", "Hulu", "Hilir", "Ilir", "Ulu", "Raya", "Besar", "Kecil", "Seberang", "Sejahtera", "Permai", "Asri", "Darat", "Laut", "Pantai"])
NOT_NAME = frozenset(_NOT_NAME_TEXT.split())
# Words that cannot sit inside a name either (a name may contain "Hari", "Jaya", "Sari" ...).
INSIDE_NOT_NAME = frozenset(
    ["Yang", "Dan", "Di", "Ke", "Dari", "Kabupaten", "Kota", "Provinsi", "Dinas", "Badan",
     "Kecamatan", "Desa", "Kelurahan", "DPRD", "Pemkab", "Pemkot", "Pemprov", "Kutim", "Kaltim",
     "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Januari", "Februari", "Maret",
     "April", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"])
OFFICE_WORDS = frozenset(
    {w for role in ROLE_WORDS for w in role.split()} | {"Wapres", "Presiden", "Bicara", "Juru"})


@dataclass
class Person:
    name: str
    role: str | None
    affiliation: str | None
    positions: list[int] = field(default_factory=list)
    first: int = 0  # where the office pattern named this person first
    honorifics: frozenset[str] = frozenset()  # "dr", "Hj": tell apart two people called Umi

    def as_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "affiliation": self.affiliation}


def clean_name(raw: str) -> str | None:
    """The name without honorifics, trailing dots or leading function words."""
    name = re.sub(rf"^{HONORIFIC}+", "", raw.strip())
    words = name.split()
    while words and (words[0].rstrip(".") in NOT_NAME or words[0] in OFFICE_WORDS):
        words.pop(0)  # "Juru Bicara Wapres Husain Abdullah" -> "Husain Abdullah"
    name = re.sub(rf"^{HONORIFIC}+", "", " ".join(words))
    words = name.split()
    while words and words[-1].rstrip(".") in NOT_NAME:
        words.pop()
    if not words or any(w.rstrip(".") in INSIDE_NOT_NAME for w in words):
        return None
    name = " ".join(words)
    if name.endswith(".") and len(words[-1]) > 3:
        name = name[:-1]
    if not any(len(w.rstrip(".")) >= 3 for w in words) or len(words) == 1 and words[0] in PLACE_SUFFIXES:
        return None
    return name


class PeopleFinder:
    def __init__(self, text: str, entity_spans: list[tuple[int, int, str]],
                 spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        # region and agency spans: "Bupati Kutim Ardiansyah" ends its office at "Kutim"
        self.entity_end = {start: (end, label) for start, end, label in entity_spans}
        self.entity_labels = {label for _, _, label in entity_spans}  # "Kutim" is not a name
        self.people: list[Person] = []
        self.timeline: list[tuple[int, int]] | None = None  # built when quotes are read
        # patterns are tried only where an office word starts: a set lookup per word
        self.role_starts = [s for s, e in spans if text[s:e] in ROLE_FIRST_WORDS]

    def run(self) -> tuple[list[dict], list[dict]]:
        self._role_comma_name()
        self._name_comma_role()
        self._role_entity_name()
        self._apposition()
        self._later_mentions()
        quotes = self._quotes()
        return [p.as_dict() for p in sorted(self.people, key=lambda p: p.first)], quotes

    def _add(self, raw_name: str, role: str | None, affiliation: str | None, position: int,
             honorific: str = "") -> Person | None:
        name = clean_name(raw_name)
        if name is None or name in self.entity_labels:
            return None
        for index, person in enumerate(self.people):
            if _same_person(person.name, name):
                if len(name) > len(person.name):
                    person.name = name
                person.role = person.role or role
                person.affiliation = person.affiliation or affiliation
                person.positions.append(position)
                person.first = min(person.first, position)
                if self.timeline is not None:
                    insort(self.timeline, (position, -index))
                return person
        person = Person(name, role, affiliation, [position], position, _honorifics(honorific))
        self.people.append(person)
        if self.timeline is not None:
            insort(self.timeline, (position, -(len(self.people) - 1)))
        return person

    def _role_comma_name(self) -> None:
        for start in self.role_starts:
            match = ROLE_COMMA_NAME.match(self.text, start)
            if match:
                self._add(match.group("name"), _role(match), _affiliation(match), match.start("name"),
                          match.group("hon"))

    def _name_comma_role(self) -> None:
        for start in self.role_starts:
            window_start = max(0, start - 160)
            before = NAME_BEFORE_COMMA.search(self.text[window_start:start])
            if not before:
                continue
            name_start = window_start + before.start(1)
            previous = self.text[:name_start].rstrip()
            if previous and previous[-1].isalnum() and not previous[-1].islower():
                continue  # the capitalised run may have started earlier: not a clean name
            match = NAME_COMMA_ROLE.match(self.text, name_start)
            if match:
                self._add(match.group("name"), _role(match), _affiliation(match), match.start("name"),
                          match.group("hon"))

    def _apposition(self) -> None:
        for verb in APPOSITION_VERB.finditer(self.text):
            # an apposition is short: look back 300 characters at most (linear on huge lines)
            paragraph = max(self.text.rfind("\n", 0, verb.start()) + 1, verb.start() - 300)
            match = next((m for m in APPOSITION.finditer(self.text, paragraph, verb.end())
                          if verb.start() <= m.end() <= verb.end()), None)
            if not match:
                continue
            description = strip_dateline(" ".join(match.group("desc").split()))
            if re.match(r"(?:Sementara|Selain|Menurut|Dalam|Hal|Usai|Saat)\b", description):
                continue
            role, affiliation = description, None
            office = ROLE_ONLY.match(description)
            if office and office.end() < len(description):
                # "Anggota DPRD Kutim dari Fraksi Golkar" -> Anggota / DPRD Kutim dari Fraksi Golkar
                role = office.group("role")
                affiliation = description[office.end():].strip() or None
            self._add(match.group("name"), role, affiliation, match.start("name"), match.group("hon"))

    def _role_entity_name(self) -> None:
        for start in self.role_starts:
            match = ROLE_ONLY.match(self.text, start)
            if not match:
                continue
            position, affiliation = match.end(), []
            short = re.match(r"\s*\([A-Z][\w ]{1,15}\)", self.text[position:position + 20])
            if short:  # "Sekretaris Daerah (Sekda) Kutim Rizali Hadi"
                position += short.end()
            while True:
                start = _skip_space(self.text, position)
                if start not in self.entity_end:
                    break
                end, _ = self.entity_end[start]
                affiliation.append(self.text[start:end])
                position = end
            if not affiliation:
                continue
            name = NAME_AT.match(self.text, position)
            if name and not self.text[position:name.start("hon")].strip(" "):
                self._add(name.group("name"), match.group("role").rstrip("."), " ".join(affiliation),
                          name.start("name"))

    def _later_mentions(self) -> None:
        """Positions where a known person is named again ("ujar Anik"), for '-nya'."""
        owners: dict[str, list[Person]] = {}
        for person in self.people:
            for word in {person.name.split()[0], person.name.split()[-1]}:
                if len(word) >= 3:
                    owners.setdefault(word, []).append(person)
        text = self.text
        for start, end in self.spans:
            for person in owners.get(text[start:end], ()):
                person.positions.append(start)

    # quotations -----------------------------------------------------------------------
    def _quotes(self) -> list[dict]:
        # every (position, person) in text order, for "-nya": the person named last before
        self.timeline = sorted((p, -i) for i, person in enumerate(self.people) for p in person.positions)
        quotes = []
        for match in QUOTE.finditer(self.text):
            inner = (match.group(1) or match.group(2)).strip().rstrip(",").strip()
            words = inner.split()
            if len(words) < 3 or len(words) <= 5 and all(w[:1].isupper() for w in words):
                continue  # a term in quotation marks ("Kota Layak Anak"), not speech
            speaker = self._speaker(match)
            if speaker is _NO_ATTRIBUTION:
                continue
            quotes.append({"speaker": speaker, "text": inner})
        return quotes

    def _speaker(self, match: re.Match):
        line_start = self.text.rfind("\n", 0, match.start()) + 1
        line_end = self.text.find("\n", match.end())
        # attributions sit next to the quotation: 300 characters either side are enough
        after = self.text[match.end(): min(line_end if line_end >= 0 else len(self.text), match.end() + 300)]
        before = self.text[max(line_start, match.start() - 300): match.start()]
        verb = SPEECH_AFTER.match(after)
        if verb:
            rest = after[verb.end():]
            if verb.group("nya") or PRONOUN.match(rest) or not rest.strip(" ") or rest.lstrip(" ")[:1] in ".,":
                return self._last_person_before(match.start())
            offset = match.end() + verb.end() + (len(rest) - len(rest.lstrip(" ")))
            return self._name_at(offset, match.start())
        named = NAME_THEN_VERB.match(after)
        if named:
            return self._resolve(named.group("name"), match.start())
        menurut = MENURUT.search(before)
        if menurut:
            return self._resolve(menurut.group("name"), match.start())
        if SPEECH_BEFORE.search(before) or MENURUTNYA.search(before):
            return self._last_person_before(match.start())
        return _NO_ATTRIBUTION

    def _name_at(self, offset: int, quote_start: int) -> str | None:
        """The speaker named right after a speech verb: "ujar dr. Anik", "kata Kepala Dinas X"."""
        written = NAME_AT.match(self.text, offset)
        cleaned = clean_name(written.group("name")) if written else None
        if cleaned and cleaned not in self.entity_labels:
            return self._resolve(written.group("name"), quote_start, written.group("hon"))
        for person in sorted(self.people, key=lambda p: -p.first):
            if any(offset <= p <= offset + 120 and self._same_clause(offset, p) for p in person.positions):
                return person.name
        return self._last_person_before(quote_start)

    def _same_clause(self, start: int, end: int) -> bool:
        return not re.search(r"[.\n“”\"]", self.text[start:end])

    def _resolve(self, raw_name: str, position: int, honorific: str = "") -> str | None:
        name = clean_name(raw_name)
        if name is None:
            return self._last_person_before(position)
        matching = [p for p in self.people if _same_person(p.name, name)]
        if matching:
            # "kata Hj. Umi" with two people called Umi: the one with that honorific, then
            # the one introduced last before the quotation
            titled = _honorifics(honorific)
            matching = [p for p in matching if titled <= p.honorifics] or matching
            before = [p for p in matching if p.first < position] or matching
            return max(before, key=lambda p: p.first).name
        person = self._add(name, None, None, position, honorific)
        return person.name if person else None

    def _last_person_before(self, position: int) -> str | None:
        # entries are (position, -person index): at equal positions the first person wins
        index = bisect_left(self.timeline, (position, -len(self.people) - 1)) - 1
        return self.people[-self.timeline[index][1]].name if index >= 0 else None


_NO_ATTRIBUTION = object()


def _honorifics(text: str | None) -> frozenset[str]:
    return frozenset(w.rstrip(".").lower() for w in (text or "").split())


def _same_person(known: str, other: str) -> bool:
    """'Anik' and 'Anik Istiandari' are the same person; so are 'H. Joni' and 'Joni'."""
    a, b = set(known.lower().split()), set(other.lower().split())
    return a <= b or b <= a


def _role(match: re.Match) -> str:
    return " ".join(match.group("role").rstrip(".").split())


def _affiliation(match: re.Match) -> str | None:
    """The office's body as news abbreviates it: "Dinas ... (DP3A) Kutim" -> "DP3A Kutim"."""
    text = " ".join(match.group("aff").split())
    text = re.sub(r"^(?:Dinas|Badan|Kementerian|Sekretariat|Satuan|Dewan)\b[^()]*\(([^()]+)\)", r"\1", text)
    return text or None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def find_people_and_quotes(text: str, entity_spans: list[tuple[int, int, str]],
                           tokens: Tokens | None = None) -> tuple[list[dict], list[dict]]:
    """People and quotes of ``text``; ``tokens`` may come from a text of the same length."""
    spans = (tokens or Tokens(text)).spans
    return PeopleFinder(text, entity_spans, spans).run()
