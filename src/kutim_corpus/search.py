"""`kutim search`: query the index with exact totals.

The text query is parsed over title and body (AND between words, "phrases", AND/OR/NOT,
field:term, prefix*). Structured constraints (region, agency, site, dates, advertorial) are
never added to the parsed query: they become Whoosh's ``filter=``, which keeps the top results
right and the total exact (a parsed multi-field AND with a limit undercounts in every Whoosh
fork). A ``field:term`` on a structured field written by the user at the top level of the query
is moved to the filter as well. The total is always counted over the exact set of matching
documents, never taken from Whoosh's collector.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np

from . import corpus, postings
from .errors import UsageError
from .index import FILTERS_FILE, INDEX_FORMAT, WORDS_FILE, closest, open_index, region_names

TEXT_FIELDS = ("title", "body")
STRUCTURED_FIELDS = (
    "region", "regions_mentioned", "agency", "site", "section", "published_at", "day", "month",
    "is_advertorial", "cluster", "id",
)
QUERY_FIELDS = TEXT_FIELDS + STRUCTURED_FIELDS
SORTS = ("relevance", "date")
FORMATS = ("table", "json", "jsonl")
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 64
MAX_LIMIT = 1_000
MAX_PREFIX_TERMS = 1_000  # a prefix* standing for more words is refused: type more letters
FACET_FIELDS = ("region", "agency", "site", "month")
FIELD_PREFIX = re.compile(r"(?<![\w.:/])([A-Za-z_]\w*):(?!//)")


class SearchError(UsageError):
    """A query or option that cannot be answered: one line that says what to do, exit 2."""


@dataclass
class Hit:
    id: str
    title: str
    date: str | None
    site: str | None
    region: str | None
    agencies: list[str]
    snippet: str
    url: str | None
    is_advertorial: bool
    cluster_id: str
    cluster_size: int
    also_on: list[str] = field(default_factory=list)
    score: float | None = None


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    pages: int
    limit: int
    sort: str
    hits: list[Hit]
    facets: dict[str, dict[str, int]] | None = None
    collapsed: bool = False
    stories: int | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


# --- options -> filter ------------------------------------------------------------------------

def parse_day(value: str, option: str) -> int:
    try:
        return int(date.fromisoformat(value).strftime("%Y%m%d"))
    except ValueError:
        raise SearchError(f"{option} {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-01-31") from None


def resolve_region(searcher, value: str):
    """--region as a code (64.08), name ("Kutai Timur") or alias (Kutim) -> a filter query."""
    from whoosh.query import Term

    wanted = value.strip()
    known = region_names()
    if re.fullmatch(r"\d{2}(\.\d{2}){0,2}", wanted):
        if wanted.count(".") == 2:
            return Term("regions_mentioned", wanted)
        if wanted in known or _has_term(searcher, "region", wanted):
            return Term("region", wanted)
        raise SearchError(f"unknown region code {wanted!r}: use a Kemendagri code such as 64.08 (Kutai Timur) or 64 (Kalimantan Timur)")
    codes = sorted({code for code, names in known.items() if wanted.lower() in (n.lower() for n in names)})
    if len(codes) == 1:
        return Term("region", codes[0])
    if len(codes) > 1:
        listed = ", ".join(f"{c} ({known[c][0]})" for c in codes)
        raise SearchError(f"region {wanted!r} is ambiguous: {listed}; pass the code with --region")
    if _has_term(searcher, "region", wanted.lower()):
        return Term("region", wanted.lower())
    names = [n for ns in known.values() for n in ns]
    suggestions = closest(wanted, names)
    hint = f"did you mean {', '.join(suggestions)}?" if suggestions else "give a code such as 64.08"
    raise SearchError(f"unknown region {wanted!r}: {hint}")


def resolve_agency(searcher, value: str):
    """--agency as an acronym (DP3A) or a name -> a filter query on the agency field."""
    from whoosh.query import Term

    wanted = value.strip().lower()
    if _has_term(searcher, "agency", wanted):
        return Term("agency", wanted)
    table = _agency_table()
    if wanted in table:
        return Term("agency", table[wanted])  # known agency, no article in this index: 0 hits
    indexed = [t.decode("utf-8") if isinstance(t, bytes) else t for t in searcher.lexicon("agency")]
    display = {a.lower(): a for a in _agency_display()}
    suggestions = closest(wanted, [display.get(t, t) for t in indexed] + list(display.values()))
    hint = f"did you mean {', '.join(suggestions)}?" if suggestions else "try an acronym such as DP3A"
    raise SearchError(f"unknown agency {value.strip()!r}: {hint}")


def _agency_rows():
    import csv
    from importlib import resources

    for name in ("agencies.tsv", "agencies_extra.tsv"):
        path = resources.files("kutim_corpus").joinpath("data", name)
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                yield from csv.DictReader(handle, delimiter="\t")


def _agency_table() -> dict[str, str]:
    """Lower-case acronyms, names and aliases of known agencies -> the indexed term."""
    table: dict[str, str] = {}
    for row in _agency_rows():
        acronym = (row.get("acronym") or "").strip().lower()
        names = [row.get("full_name") or ""] + (row.get("aliases") or "").split("|")
        for name in [acronym, *names]:
            if name.strip():
                table.setdefault(name.strip().lower(), acronym or name.strip().lower())
    return table


def _agency_display() -> list[str]:
    return [row["acronym"] for row in _agency_rows() if row.get("acronym")]


def _has_term(searcher, fieldname: str, text: str) -> bool:
    try:
        return (fieldname, text) in searcher.reader()
    except ValueError:  # text that cannot be a term, e.g. a lone surrogate from a mis-encoded argv
        return False


@dataclass
class Filter:
    """Structured constraints: a Whoosh query (region, agency, site, advertorial) and a range
    of local dates (YYYYMMDD, answered from the generation's filters.parquet)."""

    query: object | None = None
    day_from: int | None = None
    day_to: int | None = None

    @property
    def empty(self) -> bool:
        return self.query is None and self.day_from is None and self.day_to is None


def build_filter(searcher, *, region=None, agency=None, site=None, date_from=None, date_to=None,
                 advertorial=None) -> Filter:
    from whoosh.query import And, Term

    parts = []
    if region:
        parts.append(resolve_region(searcher, region))
    if agency:
        parts.append(resolve_agency(searcher, agency))
    if site:
        parts.append(Term("site", site.strip().lower().removeprefix("www.")))
    start = parse_day(date_from, "--from") if date_from else None
    end = parse_day(date_to, "--to") if date_to else None
    if start and end and start > end:
        raise SearchError(f"--from {date_from} is after --to {date_to}: swap them")
    if advertorial is not None:
        parts.append(Term("is_advertorial", bool(advertorial)))
    query = (parts[0] if len(parts) == 1 else And(parts)) if parts else None
    return Filter(query, start, end)


def allowed_docnums(searcher, columns: GenerationColumns, constraints: Filter):
    """The sorted document numbers the filter lets through (None: no filter)."""
    if constraints.empty:
        return None
    allowed = None
    if constraints.day_from is not None or constraints.day_to is not None:
        allowed = columns.docs_in_days(constraints.day_from, constraints.day_to)
    if constraints.query is not None:
        docs = postings.docnums(searcher, constraints.query)
        allowed = docs if allowed is None else np.intersect1d(allowed, docs, assume_unique=True)
    return allowed


class GenerationColumns:
    """The generation's per-document table (index.FILTERS_FILE) as numpy arrays, read column by
    column on demand and cached per file. Arrow buffers are viewed with numpy directly: any
    pyarrow-to-numpy conversion or compute call imports pandas first (0.3 s a `kutim search`)."""

    NUMBERS = {"day": np.uint32, "published": np.uint64}

    def __init__(self, generation_dir: str):
        path = Path(generation_dir) / FILTERS_FILE
        stat = path.stat()  # a generation name can be reused after an interrupted run: key on the file
        self._key = (str(path), stat.st_mtime_ns, stat.st_size)

    def numbers(self, name: str) -> np.ndarray:
        return _read_numbers(*self._key, name, self.NUMBERS[name])

    def codes(self, name: str) -> tuple[np.ndarray, list[str]]:
        """A text column as (code per document, the text of each code)."""
        return _read_codes(*self._key, name)

    def docs_in_days(self, start: int | None, end: int | None) -> np.ndarray:
        days = self.numbers("day")
        return np.flatnonzero((days >= (start or 1)) & (days <= (end or 99_991_231))).astype(np.int64)

    def newest_first(self, docnums: np.ndarray) -> np.ndarray:
        """``docnums`` newest first; like Whoosh's reversed sort, equal dates in descending
        docnum order."""
        published = self.numbers("published")[docnums]  # no date: the largest value, like Whoosh
        return docnums[np.lexsort((-docnums, ~published))]

    def count_values(self, name: str, docnums: np.ndarray) -> Counter:
        codes, texts = self.codes(name)
        counts = np.bincount(codes[docnums], minlength=len(texts))
        found = Counter()
        for code in np.flatnonzero(counts).tolist():
            found[texts[code]] += int(counts[code])
        return found

    def distinct(self, name: str, docnums: np.ndarray) -> int:
        codes, texts = self.codes(name)
        return len({texts[code] for code in np.unique(codes[docnums]).tolist()})

    def words_starting_with(self, prefix: str) -> list[str]:
        words = _read_words(str(Path(self._key[0]).with_name(WORDS_FILE)))
        start = bisect_left(words, prefix)
        stop = bisect_left(words, prefix + "\U0010ffff")
        return words[start:stop]


@cache
def _read_words(path: str) -> list[str]:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).read(columns=["word"]).column("word").to_pylist()


def _read_arrow(path: str, name: str, dictionary: bool = False):
    import pyarrow.parquet as pq

    # ParquetFile, not read_table: read_table imports pyarrow.dataset and pandas
    return pq.ParquetFile(path, read_dictionary=[name] if dictionary else None).read(columns=[name]).column(name)


@cache
def _read_numbers(path: str, mtime_ns: int, size: int, name: str, dtype) -> np.ndarray:
    chunks = [
        np.frombuffer(chunk.buffers()[1], dtype=dtype, count=len(chunk), offset=chunk.offset * np.dtype(dtype).itemsize)
        for chunk in _read_arrow(path, name).chunks
    ]
    return np.concatenate(chunks) if chunks else np.empty(0, dtype=dtype)


@cache
def _read_codes(path: str, mtime_ns: int, size: int, name: str) -> tuple[np.ndarray, list[str]]:
    codes, texts = [], []
    for chunk in _read_arrow(path, name, dictionary=True).chunks:
        indices = chunk.indices
        width = np.dtype(f"int{indices.type.bit_width}")
        found = np.frombuffer(indices.buffers()[1], dtype=width, count=len(indices), offset=indices.offset * width.itemsize)
        codes.append(found.astype(np.int64) + len(texts))
        texts += chunk.dictionary.to_pylist()
    return (np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)), texts


# --- the text query ---------------------------------------------------------------------------

def _check_syntax(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(f"query is {len(text):,} characters long: keep it under {MAX_QUERY_CHARS:,}")
    if text.count('"') % 2:
        raise SearchError('unbalanced quote in the query: close the "phrase" or remove the quote')
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise SearchError("unbalanced parenthesis in the query: a ')' closes nothing")
    if depth:
        raise SearchError("unbalanced parenthesis in the query: close every '('")
    for name in FIELD_PREFIX.findall(text):
        if name not in QUERY_FIELDS:
            raise SearchError(
                f"unknown field {name!r} in the query: use one of {', '.join(QUERY_FIELDS[:7])}, "
                "or quote the text"
            )


def parse_query(searcher, text: str, words_starting_with=lambda prefix: ()):
    """The user's query string -> (text query, structured clauses moved to the filter).
    ``words_starting_with(prefix)`` lists the corpus words a prefix* may stand for."""
    from whoosh import qparser
    from whoosh.query import And, Every, NullQuery, Prefix

    text = text.strip()
    if not text:
        return Every(), []
    _check_syntax(text)
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), searcher.schema, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.PlusMinusPlugin)
    try:
        query = parser.parse(text)
    except Exception as error:  # whoosh raises assorted errors on odd input; report, never trace
        raise SearchError(f"cannot parse the query ({type(error).__name__}): simplify it or quote the words") from None
    query = query.normalize()
    if len(list(query.iter_all_terms())) > MAX_QUERY_TERMS:
        raise SearchError(f"query has more than {MAX_QUERY_TERMS} terms: make it shorter")
    query = query.accept(
        lambda q: _expand_prefix(searcher, q, words_starting_with) if isinstance(q, Prefix) else q
    )
    moved = []
    if isinstance(query, And):
        kept = []
        for sub in query.subqueries:
            (moved if _only_structured(sub) else kept).append(sub)
        query = (And(kept) if len(kept) > 1 else kept[0]) if kept else Every()
    elif _only_structured(query):
        moved, query = [query], Every()
    if query is NullQuery:
        raise SearchError("the query has no searchable words (only stopwords?): add a word")
    return query, moved


def _only_structured(query) -> bool:
    fields = {name for name, _ in query.iter_all_terms()}
    fieldname = getattr(query, "fieldname", None)
    if fieldname:
        fields.add(fieldname)
    return bool(fields) and fields <= set(STRUCTURED_FIELDS)


def _expand_prefix(searcher, query, words_starting_with):
    """A prefix on a text field -> the index terms it stands for: the terms that start with
    it (region names and acronyms are not stemmed) and the stems of the corpus words that
    start with it ("perlind*" -> "perlindungan" -> "lindung"), each matched like a query word."""
    from whoosh.query import Or, Term

    if query.fieldname not in TEXT_FIELDS:
        return query
    fieldname, prefix = query.fieldname, query.text
    analyzer = searcher.schema[fieldname].analyzer
    terms = {_as_text(t) for t in searcher.reader().expand_prefix(fieldname, prefix)}
    for word in words_starting_with(prefix):
        terms.update(token.text for token in analyzer(word))
    if len(terms) > MAX_PREFIX_TERMS:
        raise SearchError(
            f"{prefix}* stands for more than {MAX_PREFIX_TERMS} different words: type more letters"
        )
    if not terms:
        return Term(fieldname, prefix)  # no word starts with it: matches nothing
    return Or([Term(fieldname, t, boost=query.boost) for t in sorted(terms)])


def _as_text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


# --- searching --------------------------------------------------------------------------------

def search(
    index_dir: str | os.PathLike,
    query: str = "",
    *,
    region: str | None = None,
    agency: str | None = None,
    site: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    advertorial: bool | None = None,
    sort: str | None = None,
    limit: int = 10,
    page: int = 1,
    facets: bool = False,
    collapse: bool = False,
    highlight: tuple[str, str] = ("**", "**"),
    check_stale: bool = True,
) -> SearchResult:
    """Search the live generation of ``index_dir``; see the module doc."""
    from whoosh.query import And, Every

    if sort not in (None, *SORTS):
        raise SearchError(f"--sort {sort!r}: choose relevance or date")
    if not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"--limit {limit}: choose 1 to {MAX_LIMIT}")
    if page < 1:
        raise SearchError(f"--page {page}: pages start at 1")
    filters_given = any(v is not None for v in (region, agency, site, date_from, date_to, advertorial))
    if not query.strip() and not filters_given:
        raise SearchError("empty query: give words to search for, or a filter such as --region Kutim")
    if not Path(index_dir).exists():
        raise SearchError(f"no index at {index_dir}: create it with `kutim index CORPUS --index {index_dir}`")
    ix, meta = open_index(index_dir)
    if meta.get("format") != INDEX_FORMAT:
        raise SearchError(f"the index at {index_dir} was built by another kutim version: update it "
                          f"with `kutim index CORPUS --index {index_dir}`")
    warnings = stale_warnings(index_dir, meta) if check_stale else []
    columns = GenerationColumns(meta["generation_dir"])
    with ix.searcher() as searcher:
        text_query, moved = parse_query(searcher, query, columns.words_starting_with)
        constraints = build_filter(
            searcher, region=region, agency=agency, site=site, date_from=date_from,
            date_to=date_to, advertorial=advertorial,
        )
        clauses = moved + ([constraints.query] if constraints.query is not None else [])
        constraints.query = (And(clauses) if len(clauses) > 1 else clauses[0]) if clauses else None
        sort = sort or ("date" if isinstance(text_query, Every) else "relevance")
        # Whoosh reads an empty filter set as "no filter" (every document passes): resolve the
        # filter to its documents here, and answer an empty one with an empty result.
        allowed = allowed_docnums(searcher, columns, constraints)
        if allowed is not None and not len(allowed):
            return SearchResult(query=query, total=0, page=page, pages=0, limit=limit, sort=sort,
                                hits=[], facets={f: {} for f in FACET_FIELDS} if facets else None,
                                collapsed=collapse, stories=0 if collapse else None, warnings=warnings)
        ranking = Ranking(searcher, text_query, allowed, sort, columns)
        matched = ranking.matched
        total = len(matched)
        if collapse:
            page_hits = _collapsed_page(searcher, ranking, page, limit, total)
            stories = columns.distinct("cluster", matched)
            pages = -(-stories // limit)
        else:
            page_hits = ranking.top(page * limit)[(page - 1) * limit: page * limit]
            stories, pages = None, -(-total // limit)
        hits = [_hit(searcher, hit, text_query, highlight, collapse) for hit in page_hits]
        result = SearchResult(
            query=query, total=total, page=page, pages=pages, limit=limit, sort=sort,
            hits=hits, collapsed=collapse, stories=stories, warnings=warnings,
        )
        if facets:
            result.facets = facet_counts(columns, matched)
        return result


class Ranking:
    """The matching documents (exact, sorted) and their order, as (docnum, score) pairs.

    The total is always counted here, never taken from Whoosh's collector: a collector that
    counts while it ranks (optimize=False, or no block skipping) undercounts once it prunes
    sub-queries that cannot reach the top k (12,107 matches reported as 4,043).

    Words, AND, OR and NOT (``postings.evaluate``) are matched and scored over whole posting
    lists with numpy; the few documents that can reach the top k are then scored again by
    Whoosh's own matchers, so the order and the scores are Whoosh's. Other queries (phrases,
    wildcards, ranges) use Whoosh's matchers: when the filter leaves few documents, the query
    is only tested on those (matchers skip to each allowed document); else Whoosh ranks with
    the filter and the matches are counted in one unscored pass.
    """

    SMALL_FILTER = 0.2  # share of the index under which the filter drives Whoosh's matchers
    TIE_TOLERANCE = 1e-9  # relative: numpy and Whoosh add sub-scores in different orders

    def __init__(self, searcher, text_query, allowed, sort: str, columns: GenerationColumns):
        from whoosh.query import Every

        self.searcher, self.query, self.allowed, self.sort = searcher, text_query, allowed, sort
        self.columns = columns
        self._scores: np.ndarray | None = None
        self._all: list[tuple[int, float | None]] | None = None
        if isinstance(text_query, Every):
            self.matched = allowed if allowed is not None else postings.docnums(searcher, text_query)
            self._scores = np.zeros(len(self.matched))
            self.sort = "date"
            return
        try:
            found = postings.evaluate(searcher, text_query)
        except postings.Unsupported:
            self._whoosh_matches()
            return
        if allowed is not None:
            keep = np.isin(found.docnums, allowed, assume_unique=True)
            found = postings.Matches(found.docnums[keep], found.scores[keep])
        self.matched, self._scores = found.docnums, found.scores

    def top(self, k: int) -> list[tuple[int, float | None]]:
        if self._all is not None:
            return self._all[:k]
        if self._scores is None:
            return self._whoosh_top(k)
        if self.sort == "date":
            return [(int(d), None) for d in self.columns.newest_first(self.matched)[:k]]
        return self._exact_top(k)

    def exhausted(self, k: int) -> bool:
        return self._all is not None or k >= len(self.matched)

    def _exact_top(self, k: int) -> list[tuple[int, float]]:
        """The k best by Whoosh's exact scores: every document whose numpy score comes within
        the tolerance of the k-th best is rescored by Whoosh."""
        scores = self._scores
        if not len(scores):
            return []
        kth = -np.partition(-scores, min(k, len(scores)) - 1)[min(k, len(scores)) - 1]
        floor = kth - self.TIE_TOLERANCE * max(1.0, abs(kth))
        candidates = self.matched[scores >= floor].tolist()
        return sorted(self._score_docs(candidates), key=lambda p: (-p[1], p[0]))[:k]

    # --- through Whoosh's matchers (queries postings.py does not evaluate) ---------------------

    def _whoosh_matches(self) -> None:
        allowed, searcher = self.allowed, self.searcher
        if allowed is not None and len(allowed) < self.SMALL_FILTER * searcher.doc_count_all():
            self._all = self._order(self._score_docs(allowed.tolist()))
            self.matched = np.array(sorted(d for d, _ in self._all), dtype=np.int64)
            return
        docs = np.fromiter(sorted(searcher.docs_for_query(self.query)), dtype=np.int64)
        self.matched = docs[np.isin(docs, allowed, assume_unique=True)] if allowed is not None else docs

    def _whoosh_top(self, k: int) -> list[tuple[int, float | None]]:
        kwargs = {"filter": set(self.allowed.tolist()) if self.allowed is not None else None, "terms": False}
        if self.sort == "date":
            kwargs.update(sortedby="published_at", reverse=True)
        results = self.searcher.search(self.query, limit=k, **kwargs)
        if self.sort == "date":
            return [(hit.docnum, None) for hit in results]
        return [(hit.docnum, hit.score) for hit in results]

    def _score_docs(self, ordered: list[int]) -> list[tuple[int, float]]:
        """(docnum, Whoosh's score) for those of ``ordered`` (ascending) that match."""
        from bisect import bisect_left

        context = self.searcher.context()
        found = []
        for sub, offset in self.searcher.leaf_searchers():
            stop = offset + sub.doc_count_all()
            docs = ordered[bisect_left(ordered, offset): bisect_left(ordered, stop)]
            if not docs:
                continue
            matcher = self.query.matcher(sub, context)
            for docnum in docs:
                local = docnum - offset
                if not matcher.is_active():
                    break
                if matcher.id() < local:
                    matcher.skip_to(local)
                    if not matcher.is_active():
                        break
                if matcher.id() == local:
                    found.append((docnum, matcher.score()))
        return found

    def _order(self, pairs: list[tuple[int, float]]) -> list[tuple[int, float | None]]:
        if self.sort == "date":
            docs = np.array(sorted(d for d, _ in pairs), dtype=np.int64)
            return [(int(d), None) for d in self.columns.newest_first(docs)]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))


def _collapsed_page(searcher, ranking: Ranking, page: int, limit: int, total: int) -> list:
    """Page ``page`` of the ranking with one hit per cluster (its best-ranked member)."""
    clusters = searcher.reader().column_reader("cluster")
    need = page * limit
    fetch = need * 2
    while True:
        ranked = ranking.top(fetch)
        seen: set = set()
        picked = []
        for docnum, score in ranked:
            key = clusters[docnum]
            if key not in seen:
                seen.add(key)
                picked.append((docnum, score))
                if len(picked) == need:
                    break
        if len(picked) >= need or ranking.exhausted(fetch):
            return picked[(page - 1) * limit: need]
        fetch *= 4


def facet_counts(columns: GenerationColumns, docnums: np.ndarray) -> dict[str, dict[str, int]]:
    """Counts by region, agency, site and month over every matching article (not one page)."""
    counted = {name: columns.count_values(name, docnums) for name in ("region", "site", "month")}
    counted["agency"] = Counter()
    for labels, count in columns.count_values("agencies", docnums).items():
        for label in labels.split("\t"):  # "" (no agency) counts as "(none)" below
            counted["agency"][label] += count
    facets = {}
    for name in FACET_FIELDS:
        counts = Counter()
        for value, count in counted[name].items():
            counts[value or "(none)"] += count
        facets[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return facets


def _hit(searcher, ranked: tuple[int, float | None], text_query, marks, collapse) -> Hit:
    docnum, score = ranked
    stored = searcher.stored_fields(docnum)
    body = stored.get("body") or ""
    cluster = stored.get("cluster", stored["id"])
    size = int(stored.get("cluster_size") or 1)
    result = Hit(
        id=stored["id"], title=stored.get("title", ""), date=stored.get("published_local"),
        site=stored.get("site"), region=stored.get("region_name"),
        agencies=list(stored.get("agencies") or []), snippet=snippet(searcher, text_query, body, marks),
        url=stored.get("url"), is_advertorial=bool(stored.get("is_advertorial")),
        cluster_id=cluster, cluster_size=size, score=round(score, 4) if score is not None else None,
    )
    if collapse and size > 1:
        result.also_on = _cluster_sites(searcher, cluster, stored.get("site"))
    return result


def _cluster_sites(searcher, cluster: str, own_site: str | None) -> list[str]:
    from whoosh.query import Term

    sites = {searcher.stored_fields(d).get("site") for d in searcher.docs_for_query(Term("cluster", cluster))}
    return sorted(s for s in sites if s and s != own_site)


class _MarkFormatter:
    """Wrap matched words in the given marks (ANSI bold on a terminal, ** otherwise)."""

    def __new__(cls, start: str, end: str):
        from whoosh import highlight

        class Formatter(highlight.Formatter):
            between = " … "

            def format_token(self, text, token, replace=False):
                return start + highlight.get_text(text, token, replace) + end

        return Formatter()


def snippet(searcher, text_query, body: str, marks=("**", "**"), maxchars: int = 280) -> str:
    """Up to two fragments of the body around the matched words, highlighted; else the start."""
    from whoosh import highlight
    from whoosh.query import MultiTerm

    words = set()
    terms = list(text_query.iter_all_terms())
    if any(isinstance(q, MultiTerm) for q in text_query.leaves()):  # prefix*, wildcards
        terms += list(text_query.existing_terms(searcher.reader(), expand=True))
    for fieldname, text in terms:
        if fieldname in TEXT_FIELDS:
            words.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    if words and body:
        fragments = highlight.highlight(
            body, frozenset(words), searcher.schema["body"].analyzer,
            highlight.ContextFragmenter(maxchars=maxchars // 2, surround=40),
            _MarkFormatter(*marks), top=2, minscore=1,
        )
        if fragments:
            return _shorten(" ".join(fragments.split()), maxchars)
    return _shorten(" ".join(body.split()), maxchars)


def _shorten(text: str, maxchars: int) -> str:
    if len(text) <= maxchars:
        return text
    cut = text.rfind(" ", 0, maxchars)
    return text[: cut if cut > maxchars // 2 else maxchars] + " …"


def stale_warnings(index_dir, meta: dict) -> list[str]:
    """A warning when the corpus the index was built from has changed since."""
    corpus_dir = meta.get("corpus_dir")
    if not corpus_dir or not Path(corpus_dir).is_dir():
        return []
    try:
        now = corpus.fingerprint(corpus_dir)
    except OSError as error:
        return [f"cannot check whether the index is current ({error})"]
    if now != meta.get("corpus_fingerprint"):
        return [
            f"the corpus {corpus_dir} changed after this index was built: results may be stale; "
            f"run `kutim index {corpus_dir} --index {index_dir}` to update it"
        ]
    return []
