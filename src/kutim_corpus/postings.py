"""Match and score a text query over whole posting lists with numpy.

Whoosh's matchers visit one posting at a time in Python: at 100,000 articles a two-word query
that matches 30,000 of them spends most of its time in ``skip_to`` and the BM25F scorer. Here
each term's posting list is read block by block into arrays (ids, weights), combined with
set operations (And: intersection, Or: union, Not: difference) and scored with the same BM25F
formula and statistics as Whoosh, vectorised. That gives the exact set of matching documents
and a score for each in one pass.

The scores can differ from Whoosh's in the last bits (Whoosh adds the sub-scores in the order
of its matcher tree), so callers use them to find the top candidates and let Whoosh score
those few exactly (``search.Ranking``). Phrases are matched by checking the positions of the
documents that hold every word. Other query shapes (wildcards and prefixes expanded by Whoosh,
ranges, fuzzy terms, non-text fields) raise ``Unsupported``: the caller then uses Whoosh's
matchers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EMPTY_IDS = np.empty(0, dtype=np.int64)
EMPTY_SCORES = np.empty(0, dtype=np.float64)


class Unsupported(Exception):
    """The query has a shape this module does not evaluate."""


@dataclass
class Matches:
    """Matching document numbers (sorted, unique) and their scores."""

    docnums: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.docnums)


def evaluate(searcher, query) -> Matches:
    """Every document of ``searcher`` matching ``query``, with its BM25F score."""
    ids, scores = [], []
    for sub, offset in searcher.leaf_searchers():
        local = _Segment(searcher, sub)
        found_ids, found_scores = local.evaluate(query)
        ids.append(found_ids + offset)
        scores.append(found_scores)
    if not ids:
        return Matches(EMPTY_IDS, EMPTY_SCORES)
    return Matches(np.concatenate(ids), np.concatenate(scores))


class _Segment:
    """One segment: its posting lists, field lengths and deletions as arrays."""

    def __init__(self, top_searcher, sub_searcher):
        self.top = top_searcher
        self.sub = sub_searcher
        self.reader = sub_searcher.reader()
        deleted = self.reader.deleted_docs_set if self.reader.has_deletions() else ()
        self.deleted = np.fromiter(sorted(deleted), dtype=np.int64, count=len(deleted))
        self._lengths: dict[str, np.ndarray] = {}

    def evaluate(self, query) -> tuple[np.ndarray, np.ndarray]:
        from whoosh import query as q

        kind = type(query)
        if kind is q.Term:
            return self._term(query)
        if kind is q.And:
            return self._and(query)
        if kind is q.Or and not query.scale:
            return self._or(query)
        if kind is q.Phrase:
            return self._phrase(query)
        if query is q.NullQuery:
            return EMPTY_IDS, EMPTY_SCORES
        raise Unsupported(type(query).__name__)

    def select(self, query) -> np.ndarray:
        """The local ids matching ``query``, unscored."""
        from whoosh import query as q

        kind = type(query)
        if kind is q.Term:
            return self._live(self._postings(query.fieldname, query.text)[0]) if self._has(query) else EMPTY_IDS
        if kind is q.Phrase:
            return self._phrase(query)[0]
        if kind is q.And:
            positive = [s for s in query.subqueries if type(s) is not q.Not]
            if not positive:
                raise Unsupported("And of only Not")
            ids = self.select(positive[0])
            for subquery in positive[1:]:
                ids = np.intersect1d(ids, self.select(subquery), assume_unique=True)
            for subquery in query.subqueries:
                if type(subquery) is q.Not:
                    ids = ids[~np.isin(ids, self.select(subquery.query), assume_unique=True)]
            return ids
        if kind is q.Or:
            parts = [self.select(s) for s in query.subqueries]
            return np.unique(np.concatenate(parts)) if parts else EMPTY_IDS
        raise Unsupported(type(query).__name__)

    def _has(self, query) -> bool:
        return query.fieldname in self.reader.schema and (query.fieldname, query.text) in self.reader

    def _live(self, ids: np.ndarray) -> np.ndarray:
        if len(self.deleted):
            return ids[~np.isin(ids, self.deleted, assume_unique=True)]
        return ids

    def _and(self, query) -> tuple[np.ndarray, np.ndarray]:
        from whoosh import query as q

        positive = [s for s in query.subqueries if type(s) is not q.Not]
        negative = [s.query for s in query.subqueries if type(s) is q.Not]
        if not positive:
            raise Unsupported("And of only Not")
        ids, scores = self.evaluate(positive[0])
        for subquery in positive[1:]:
            if not len(ids):
                break
            other_ids, other_scores = self.evaluate(subquery)
            ids, left, right = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
            scores = scores[left] + other_scores[right]
        for subquery in negative:
            excluded, _ = self.evaluate(subquery)
            keep = ~np.isin(ids, excluded, assume_unique=True)
            ids, scores = ids[keep], scores[keep] + 1.0  # Whoosh's InverseMatcher scores 1.0
        return ids, scores * query.boost

    def _or(self, query) -> tuple[np.ndarray, np.ndarray]:
        parts = [self.evaluate(s) for s in query.subqueries]
        all_ids = np.concatenate([p[0] for p in parts]) if parts else EMPTY_IDS
        if not len(all_ids):
            return EMPTY_IDS, EMPTY_SCORES
        all_scores = np.concatenate([p[1] for p in parts])
        ids, slots = np.unique(all_ids, return_inverse=True)
        return ids, np.bincount(slots, weights=all_scores, minlength=len(ids)) * query.boost

    def _term(self, query, with_values: bool = False):
        """(ids, BM25F scores) of one term; with ``with_values``, also its posting values."""
        from whoosh.scoring import BM25FScorer

        fieldname, text = query.fieldname, query.text
        if not self._has(query):
            return (EMPTY_IDS, EMPTY_SCORES, []) if with_values else (EMPTY_IDS, EMPTY_SCORES)
        scorer = self.top.weighting.scorer(self.sub, fieldname, text)
        if not isinstance(scorer, BM25FScorer):
            raise Unsupported(f"{fieldname} is not scored with BM25F")
        ids, weights, values = self._postings(fieldname, text, with_values)
        if len(self.deleted):
            keep = ~np.isin(ids, self.deleted, assume_unique=True)
            ids, weights = ids[keep], weights[keep]
            values = [v for v, kept in zip(values, keep.tolist(), strict=True) if kept] if with_values else values
        lengths = self._field_lengths(fieldname)[ids]
        # the expression of whoosh.scoring.bm25, term for term, in float64
        B, K1 = scorer.B, scorer.K1
        scores = scorer.idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / scorer.avgfl)))
        return (ids, scores * query.boost, values) if with_values else (ids, scores * query.boost)

    def _phrase(self, query) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's phrase (SpanNear2, ordered): the documents holding every word, each next
        word 1 to ``slop`` positions after the previous one; scored as the And of the words."""
        from whoosh import query as q

        schema = self.reader.schema
        field = schema[query.fieldname] if query.fieldname in schema.names() else None
        if field is None or not field.format or not field.format.supports("positions"):
            raise Unsupported("phrase on a field without positions")
        words = [self._term(q.Term(query.fieldname, w), with_values=True) for w in query.words]
        ids = words[0][0]
        for other in words[1:]:
            ids = np.intersect1d(ids, other[0], assume_unique=True)
        if not len(ids):
            return EMPTY_IDS, EMPTY_SCORES
        slots = [np.searchsorted(word_ids, ids) for word_ids, _, _ in words]
        decode = field.format.decode_positions
        keep = np.fromiter(
            (_in_sequence([decode(words[w][2][slots[w][row]]) for w in range(len(words))], query.slop)
             for row in range(len(ids))),
            dtype=bool, count=len(ids),
        )
        scores = sum(word_scores[slot] for (_, word_scores, _), slot in zip(words, slots, strict=True))
        return ids[keep], scores[keep] * query.boost

    def _postings(self, fieldname: str, text: str, with_values: bool = False):
        """(ids, weights, values) of one term, read block by block from Whoosh's W3 posting
        format (values only ``with_values``, else an empty list)."""
        from whoosh.codec.whoosh3 import W3LeafMatcher
        from whoosh.matching.wrappers import FilterMatcher

        matcher = self.reader.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # deletions: applied by the caller
            matcher = matcher.child
        if not isinstance(matcher, W3LeafMatcher):
            return self._postings_stepwise(matcher, with_values)
        ids, weights, values = [], [], []
        while matcher.is_active():
            matcher._read_data()
            block_ids, block_weights = matcher._data[0], matcher._data[1]
            count = matcher._blocklength
            ids.append(np.cumsum(np.asarray(block_ids, dtype=np.int64)))
            if block_weights is None or isinstance(block_weights, float):
                weights.append(np.full(count, 1.0 if block_weights is None else block_weights))
            else:
                weights.append(np.asarray(block_weights, dtype=np.float64))
            if with_values:
                matcher._read_values()
                values.extend(matcher._values)
            matcher._next_block()
        if not ids:
            return EMPTY_IDS, EMPTY_SCORES, values
        return np.concatenate(ids), np.concatenate(weights), values

    @staticmethod
    def _postings_stepwise(matcher, with_values: bool):
        ids, weights, values = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if with_values:
                values.append(matcher.value())
            matcher.next()
        return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64), values

    def _field_lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length of ``fieldname`` as Whoosh scores it (its one-byte code
        decoded), read from the segment's length column at once."""
        if fieldname not in self._lengths:
            self._lengths[fieldname] = _decoded_lengths(self.reader, fieldname)
        return self._lengths[fieldname]


def _in_sequence(positions: list[list[int]], slop: int) -> bool:
    """Whether some position of each word follows one of the previous word by 1 to ``slop``."""
    ends = positions[0]
    for following in positions[1:]:
        if slop == 1:
            previous = set(ends)
            ends = [p for p in following if p - 1 in previous]
        else:
            ends = [p for p in following if any(1 <= p - e <= slop for e in ends)]
        if not ends:
            return False
    return True


def _decoded_lengths(reader, fieldname: str) -> np.ndarray:
    from whoosh.util.numeric import _length_byte_cache

    count = reader.doc_count_all()
    codes = np.zeros(count, dtype=np.uint8)
    column = _length_column(reader, fieldname)
    if column is not None:
        stored = min(count, column._count)
        codes[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
    else:  # not a W3 segment: ask Whoosh document by document
        for docnum in range(count):
            codes[docnum] = _length_code(reader.doc_field_length(docnum, fieldname, 0))
    return np.asarray(_length_byte_cache, dtype=np.float64)[codes]


def _length_column(reader, fieldname: str):
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield

    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    return perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)


def _length_code(length: int | None) -> int:
    from whoosh.util.numeric import length_to_byte

    return length_to_byte(length or None)


def docnums(searcher, query) -> np.ndarray:
    """The sorted document numbers matching ``query`` (no scores): the filter's documents.
    Terms of any field are read as arrays; other query shapes are asked of Whoosh."""
    found = []
    try:
        for sub, offset in searcher.leaf_searchers():
            found.append(_Segment(searcher, sub).select(query) + offset)
    except Unsupported:
        return np.fromiter(sorted(searcher.docs_for_query(query)), dtype=np.int64)
    return np.concatenate(found) if found else EMPTY_IDS
