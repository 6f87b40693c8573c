"""The Indonesian analyzer used for the title and body fields of the search index.

Pipeline: words (hyphenated words kept whole) -> lower case -> reduplicated plurals folded
("anak-anak" -> "anak"; other hyphenated words also yield their parts at the same position) ->
stopwords -> stemming, with region names and agency acronyms protected from the stemmer
(every stemmer turns "Kutai" into "kuta").

The default stemmer is Snowball's Indonesian stemmer from PyStemmer (BSD licence). Sastrawi
(PySastrawi, `pip install 'kutim-corpus[sastrawi]'`) is opt-in: it finds better roots but its
root-word dictionary is licensed CC BY-NC-SA 3.0, i.e. non-commercial use only.

The analyzer is pickled into the index schema, so queries are always analysed exactly as the
documents were, whatever stemmer the index was built with. The stem functions are module-level
so that the analyzer can be pickled (and sent to indexing subprocesses).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from importlib import resources

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)

STEMMERS = ("snowball", "sastrawi")
DEFAULT_STEMMER = "snowball"

# A word: letters/digits, optionally joined by hyphens or apostrophes ("anak-anak", "Jum'at",
# "Covid-19"), so that hyphenated words reach the filters whole.
WORD_PATTERN = r"\w+(?:[-'’]\w+)*"

# Function words written for this project (not copied from another list): conjunctions,
# prepositions, pronouns, particles, auxiliaries and demonstratives. Content words common in
# news (ibu, bapak, baru, bulan, tahun, hari, warga, daerah) are deliberately NOT stopwords.
STOPWORDS = frozenset(
    [
        "adalah", "adanya", "agar", "akan", "akhirnya", "aku", "amat", "antara", "antaranya", "apa",
        "apabila", "apakah", "apalagi", "atas", "atau", "ataupun", "bagaimana", "bagi", "bahkan",
        "bahwa", "bahwasanya", "banyak", "beberapa", "begini", "begitu", "belum", "berbagai",
        "bisa", "boleh", "bukan", "bukankah", "dalam", "dan", "dapat", "dari", "daripada", "demi",
        "dengan", "di", "dia", "diri", "dirinya", "dong", "hal", "hanya", "harus", "hingga", "ia",
        "ialah", "ini", "inilah", "itu", "itulah", "jadi", "jika", "jikalau", "juga", "justru",
        "kah", "kalau", "kalian", "kami", "kamu", "kan", "kapan", "karena", "kata", "ke", "kecuali",
        "kemudian", "kenapa", "kepada", "ketika", "kini", "kita", "lagi", "lah", "lain", "lainnya",
        "lalu", "maka", "makin", "mana", "masih", "masing", "mau", "melainkan", "memang", "mereka",
        "meski", "meskipun", "mungkin", "namun", "nanti", "nya", "oleh", "pada", "padahal", "para",
        "pula", "pun", "saat", "saja", "sambil", "sampai", "sangat", "saya", "se", "sebab",
        "sebagai", "sebelum", "sebuah", "sedang", "sedangkan", "sehingga", "sejak", "selain",
        "selama", "seluruh", "semua", "sementara", "semua", "sendiri", "seperti", "sering", "serta",
        "sesuai", "setelah", "setiap", "sih", "siapa", "sudah", "supaya", "tanpa", "tapi", "telah",
        "tentang", "tentu", "terhadap", "tetapi", "tersebut", "tiap", "toh", "untuk", "walau",
        "walaupun", "yaitu", "yakni", "yang"
    ]
)


# --- stemmers (module level: picklable) -------------------------------------------------------

@cache
def _snowball():
    import Stemmer

    return Stemmer.Stemmer("indonesian")


def stem_snowball(word: str) -> str:
    """Snowball Indonesian stem of ``word`` (PyStemmer, BSD licence)."""
    return _snowball().stemWord(word)


@cache
def _sastrawi():
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError as error:
        raise RuntimeError(
            "the sastrawi stemmer needs PySastrawi: pip install 'kutim-corpus[sastrawi]' "
            "(its dictionary is CC BY-NC-SA 3.0: non-commercial use only)"
        ) from error
    return StemmerFactory().create_stemmer()


def stem_sastrawi(word: str) -> str:
    """Sastrawi root of ``word`` (opt-in; dictionary licensed CC BY-NC-SA, non-commercial)."""
    return _sastrawi().stem(word) or word


STEM_FUNCTIONS = {"snowball": stem_snowball, "sastrawi": stem_sastrawi}


# --- protected words --------------------------------------------------------------------------

def _data_rows(name: str, delimiter: str) -> Iterator[dict]:
    text = resources.files("kutim_corpus").joinpath("data", name).read_text("utf-8")
    yield from csv.DictReader(text.splitlines(), delimiter=delimiter)


@cache
def protected_words() -> frozenset[str]:
    """Lower-case words never stemmed: every word of province and regency names, their
    aliases, district names in Kalimantan Timur, and agency acronyms."""
    words: set[str] = set()
    names: list[str] = []
    names += [row["name"] for row in _data_rows("wilayah/provinces.csv", ",")]
    for row in _data_rows("wilayah/regencies.csv", ","):
        names += [row["name"], row["short_name"]]
    names += [row["alias"] for row in _data_rows("wilayah/region_aliases.tsv", "\t")]
    names += [
        row["name"] for row in _data_rows("wilayah/districts.csv", ",")
        if row["code"].startswith("64.")
    ]
    for name in names:
        words.update(w.lower() for w in (name or "").replace("-", " ").split())
    for table in ("agencies.tsv", "agencies_extra.tsv"):
        try:  # one-word acronyms only: "Dinas Kesehatan" in an acronym column is not one
            words.update(
                row["acronym"].lower() for row in _data_rows(table, "\t")
                if row["acronym"] and " " not in row["acronym"].strip()
            )
        except FileNotFoundError:
            continue
    words -= STOPWORDS
    return frozenset(w for w in words if w.isalnum() or "'" in w)


# --- filters ----------------------------------------------------------------------------------

class HyphenFilter(Filter):
    """Fold reduplicated plurals ("anak-anak", "anak-anaknya" -> "anak") and, for other
    hyphenated words ("sehari-hari", "covid-19"), keep the whole word and add its parts at the
    same position so that a search for one part finds it."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if "-" not in text:
                yield token
                continue
            parts = [p for p in text.split("-") if p]
            if not parts:
                continue
            first = parts[0]
            if len(parts) == 2 and parts[1].startswith(first):
                token.text = first
                yield token
                continue
            yield token
            for part in dict.fromkeys(parts):
                token.text = part
                yield token


def indonesian_analyzer(stemmer: str = DEFAULT_STEMMER):
    """The analyzer of the text fields; ``stemmer`` is "snowball" (default) or "sastrawi"."""
    if stemmer not in STEM_FUNCTIONS:
        raise ValueError(f"unknown stemmer {stemmer!r}: choose one of {', '.join(STEMMERS)}")
    if stemmer == "sastrawi":
        _sastrawi()  # fail now, with the install hint, rather than mid-index
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | HyphenFilter()
        | StopFilter(stoplist=STOPWORDS, minsize=1)
        | StemFilter(stemfn=STEM_FUNCTIONS[stemmer], ignore=protected_words(), cachesize=-1)
    )


def terms(text: str, stemmer: str = DEFAULT_STEMMER) -> list[str]:
    """The index terms of ``text`` (what a search matches on), for tests and debugging."""
    return [t.text for t in indonesian_analyzer(stemmer)(text)]
