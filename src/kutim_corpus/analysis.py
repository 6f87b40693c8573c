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
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.formats import Positions

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


def _check_stemmer(stemmer: str) -> None:
    if stemmer not in STEM_FUNCTIONS:
        raise ValueError(f"unknown stemmer {stemmer!r}: choose one of {', '.join(STEMMERS)}")
    if stemmer == "sastrawi":
        _sastrawi()  # fail now, with the install hint, rather than mid-index


def indonesian_analyzer(stemmer: str = DEFAULT_STEMMER) -> IndonesianAnalyzer:
    """The analyzer of the text fields; ``stemmer`` is "snowball" (default) or "sastrawi"."""
    _check_stemmer(stemmer)
    return IndonesianAnalyzer(stemmer)


class IndonesianAnalyzer(Tokenizer):
    """The whole chain of ``composed_analyzer`` fused into one loop: the same tokens, positions
    and offsets (a test checks it), without a generator per filter and per token, which makes
    indexing markedly faster. Picklable: the stem cache is not pickled."""

    def __init__(self, stemmer: str = DEFAULT_STEMMER):
        self.stemmer = stemmer
        self.stoplist = STOPWORDS
        self.protected = protected_words()
        self._cache: dict[str, str] = {}

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_cache", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._cache = {}

    def __eq__(self, other):
        return (
            type(other) is type(self) and other.stemmer == self.stemmer
            and other.protected == self.protected and other.stoplist == self.stoplist
        )

    def __hash__(self):
        return hash((type(self).__name__, self.stemmer))

    def stem(self, word: str) -> str:
        try:
            return self._cache[word]
        except KeyError:
            stemmed = word if word in self.protected else STEM_FUNCTIONS[self.stemmer](word)
            self._cache[word] = stemmed
            return stemmed

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize:
            matches = ((m.group(), m.start(), m.end()) for m in _WORD.finditer(value))
        else:
            matches = iter([(value, 0, len(value))])
        stoplist, renumbered = self.stoplist, None
        for index, (word, start, end) in enumerate(matches):
            for text in _fold_hyphens(word.lower()):
                if not text:
                    continue
                if text in stoplist:
                    if removestops:
                        continue
                    token.stopped = True
                    token.pos = start_pos + index
                else:
                    token.stopped = False
                    renumbered = start_pos + index if renumbered is None else renumbered + 1
                    token.pos = renumbered
                    text = self.stem(text)
                if keeporiginal:
                    token.original = word
                token.text = text
                token.boost = 1.0
                if chars:
                    token.startchar = start_char + start
                    token.endchar = start_char + end
                yield token


    def positions(self, value: str) -> dict[str, list[int]]:
        """Each term of ``value`` -> its positions: what ``__call__(value, positions=True)``
        yields, gathered without a Token per word (what indexing a text field needs)."""
        found: dict[str, list[int]] = {}
        stoplist, cache, position = self.stoplist, self._cache, None
        for index, word in enumerate(_WORD.findall(value)):
            for text in _fold_hyphens(word.lower()):
                if not text or text in stoplist:
                    continue
                position = index if position is None else position + 1
                stemmed = cache.get(text)
                if stemmed is None:
                    stemmed = self.stem(text)
                found.setdefault(stemmed, []).append(position)
        return found


class IndonesianPositions(Positions):
    """Whoosh's Positions format (the same postings, byte for byte) fed by
    ``IndonesianAnalyzer.positions``: a third of the indexing time went into building a Token
    per word and gathering them again (a test compares both)."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, IndonesianAnalyzer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, positions in analyzer.positions(value).items():
            yield term, len(positions), len(positions) * boost, self.encode(positions)


_WORD = re.compile(WORD_PATTERN)


def _fold_hyphens(word: str) -> list[str]:
    """What HyphenFilter yields for one lower-cased word."""
    if "-" not in word:
        return [word]
    parts = [p for p in word.split("-") if p]
    if not parts:
        return []
    if len(parts) == 2 and parts[1].startswith(parts[0]):
        return [parts[0]]
    return [word, *dict.fromkeys(parts)]


def composed_analyzer(stemmer: str = DEFAULT_STEMMER):
    """The same analysis as a plain Whoosh filter chain (the reference for IndonesianAnalyzer,
    and what a plain Whoosh setup would write)."""
    _check_stemmer(stemmer)
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
