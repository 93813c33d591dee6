"""TF-IDF of character n-grams inside word boundaries, counted with numpy.

The same matrix as a fitted ``TfidfVectorizer(analyzer="char_wb")``'s ``transform``, several times
faster: scikit-learn builds every n-gram as a Python string and looks it up in a dict, one at a
time, which was the slowest step of scoring a message. Here all texts become one array of code
points, each n-gram (up to three characters) one 64-bit integer, and the vocabulary a sorted array
searched all at once. Vectorisers this does not cover fall back to scikit-learn.

>>> from sklearn.feature_extraction.text import TfidfVectorizer
>>> texts = ["加微信 领取退款", "call now", "", "加 微信"]
>>> fitted = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False).fit(texts)
>>> bool(abs(char_gram_tfidf(fitted, texts) - fitted.transform(texts)).max() < 1e-12)
True
"""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter
from collections.abc import Callable
from operator import add
from typing import TypeVar

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

T = TypeVar("T")

_BITS = 21  # every Unicode code point (+1) fits in 21 bits: three of them fit in one 64-bit key
_MAX_N = 3
_SPACE = ord(" ") + 1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the product's top bits pick the slot
#: scikit-learn's ``char`` analyzer first turns each run of two or more white-space characters into one space
_WHITE_SPACES = re.compile(r"\s\s+")
_LOOKUPS: weakref.WeakKeyDictionary[TfidfVectorizer, tuple[int, GramLookup]] = weakref.WeakKeyDictionary()
_ROWS: weakref.WeakKeyDictionary[TfidfVectorizer, GramRows] = weakref.WeakKeyDictionary()


class GramLookup:
    """A vocabulary of n-gram keys in an open-addressing hash table (linear probing, load at most 1/4).

    Looking up millions of keys in numpy, probe by probe, beats a sorted array's binary search:
    most keys settle on their first probe.
    """

    def __init__(self, vocabulary: dict[str, int]) -> None:
        keys = np.array([gram_key(gram) for gram in vocabulary], dtype=np.uint64)
        columns = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
        bits = max(int(np.ceil(np.log2(max(len(keys), 1) * 4))), 4)
        self.size, self.shift, self.mask = len(keys), np.uint64(64 - bits), np.uint64((1 << bits) - 1)
        self.slot_keys = np.zeros(1 << bits, dtype=np.uint64)  # 0: empty (no n-gram has key 0)
        self.slot_columns = np.full(1 << bits, -1, dtype=np.int64)
        self.probes = self._insert(keys, columns)

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return (keys * _GOLDEN) >> self.shift

    def _insert(self, keys: np.ndarray, columns: np.ndarray) -> int:
        """Place every key at its first free slot from its home slot on; returns the longest probe."""
        home, pending, probe = self._home(keys), np.arange(len(keys)), 0
        while pending.size:
            slot = (home[pending] + np.uint64(probe)) & self.mask
            free = self.slot_keys[slot] == 0
            taken, first = np.unique(slot[free], return_index=True)  # one key per free slot this round
            winners = pending[free][first]
            self.slot_keys[taken], self.slot_columns[taken] = keys[winners], columns[winners]
            pending = np.setdiff1d(pending, winners, assume_unique=True)
            probe += 1
        return probe

    def columns_of(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary column of each key, and which keys are in the vocabulary at all."""
        column = np.full(len(keys), -1, dtype=np.int64)
        home, active = self._home(keys), np.arange(len(keys))
        for probe in range(self.probes):
            slot = (home[active] + np.uint64(probe)) & self.mask
            stored = self.slot_keys[slot]
            hit = stored == keys[active]
            column[active[hit]] = self.slot_columns[slot[hit]]
            active = active[~hit & (stored != 0)]  # an empty slot ends the search: not in the vocabulary
            if not active.size:
                break
        found = column >= 0
        return column[found], found


def gram_key(gram: str) -> int:
    """One integer per n-gram of at most three characters; different n-grams, different keys."""
    return sum((ord(char) + 1) << (_BITS * i) for i, char in enumerate(gram))


def char_gram_tfidf(vectoriser: TfidfVectorizer, texts: list[str]) -> sp.csr_matrix:
    """``vectoriser.transform(texts)``, computed with numpy where the vectoriser's settings allow."""
    if not _supported(vectoriser):
        return vectoriser.transform(texts)
    counts = char_gram_counts(_lookup(vectoriser), texts, vectoriser.ngram_range[1])
    if vectoriser.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1.0
    counts.data *= vectoriser.idf_[counts.indices]
    if vectoriser.norm == "l2":
        return _unit_rows(counts)
    return normalize(counts, norm=vectoriser.norm, copy=False) if vectoriser.norm else counts


def char_gram_row(vectoriser: TfidfVectorizer, text: str) -> tuple[list[int], list[float]] | None:
    """One text's row of ``vectoriser.transform``: its non-zero columns (ascending) and values; None where unsupported.

    Counted with the vocabulary's own dict, one n-gram at a time: for a single text the array path's
    fixed cost (a few dozen numpy calls and a sparse matrix, about a millisecond; scikit-learn's own
    ``transform`` more) is most of its time. Character n-grams inside word boundaries (``char_wb``, up to
    three characters) or across the whole text (``char``). The same floats as the matrix's row, bit for
    bit: the same operations in the same order (``GramRows``).
    """
    row = char_gram_row_arrays(vectoriser, text)
    return None if row is None else (row[0].tolist(), row[1].tolist())


def char_gram_row_arrays(vectoriser: TfidfVectorizer, text: str) -> tuple[np.ndarray, np.ndarray] | None:
    """``char_gram_row`` as two arrays (the columns as ``intp``, the values as ``float64``), for a product with them."""
    if not _row_supported(vectoriser):
        return None
    return _gram_rows(vectoriser).row(text)


class GramRows:
    """A fitted vectoriser's row of one text, made as the matrix makes it.

    The n-grams are counted with the vocabulary's dict; then the counts' sublinear tf is NumPy's ``log`` on the
    counts (as on the matrix's data), times the column's idf; the Euclidean length is the sum of the squares taken
    left to right in column order (``add.accumulate``), as ``_unit_rows``'s ``add.at`` and scikit-learn's
    ``normalize`` take it, and its square root (correctly rounded either way).
    """

    def __init__(self, vectoriser: TfidfVectorizer) -> None:
        self.vocabulary: dict[str, int] = getattr(vectoriser, "vocabulary_", None) or vectoriser.vocabulary
        self.idf_source = vectoriser.idf_
        self.idf = np.asarray(self.idf_source, dtype=np.float64)
        self.widths = range(1, vectoriser.ngram_range[1] + 1)
        self.in_words = vectoriser.analyzer == "char_wb"
        self.sublinear = vectoriser.sublinear_tf
        self.unit = vectoriser.norm == "l2"

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        found: Counter[int | None] = Counter(map(self.vocabulary.get, self._grams(text)))
        found.pop(None, None)  # n-grams outside the vocabulary
        columns = np.fromiter(found, dtype=np.intp, count=len(found))
        counts = np.fromiter(found.values(), dtype=np.float64, count=len(found))
        order = columns.argsort()
        columns, values = columns[order], counts[order]
        if self.sublinear:
            np.log(values, out=values)
            values += 1.0
        values *= self.idf[columns]
        if self.unit and len(values):
            values /= math.sqrt(np.add.accumulate(values * values)[-1])  # left to right, as the matrix adds them
        return columns, values

    def _grams(self, text: str) -> list[str]:
        """The text's n-grams (the multiset the matrix counts), cut by ``map`` rather than a slice each."""
        if not self.in_words or len(self.widths) > 3:
            pieces = [f" {word} " for word in text.split()] if self.in_words else [_WHITE_SPACES.sub(" ", text)]
            return [piece[start : start + n] for piece in pieces for n in self.widths for start in range(len(piece) - n + 1)]
        grams: list[str] = []
        for word in text.split():
            piece = f" {word} "
            grams += piece
            if len(self.widths) > 1:
                pairs = list(map(add, piece, piece[1:]))
                grams += pairs
                if len(self.widths) > 2:
                    grams += map(add, pairs, piece[2:])
        return grams


def _gram_rows(vectoriser: TfidfVectorizer) -> GramRows:
    """The vectoriser's ``GramRows``, made again when its vocabulary or idf is replaced."""
    vocabulary = getattr(vectoriser, "vocabulary_", None) or vectoriser.vocabulary
    made = _ROWS.get(vectoriser)
    if made is None or made.vocabulary is not vocabulary or made.idf_source is not vectoriser.idf_:
        made = _ROWS[vectoriser] = GramRows(vectoriser)
    return made


def _unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Each row scaled to unit Euclidean length in place (sklearn's ``normalize``, without its per-call checks)."""
    squares = np.zeros(matrix.shape[0])
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    np.add.at(squares, rows, matrix.data * matrix.data)
    lengths = np.sqrt(squares)
    lengths[lengths == 0.0] = 1.0
    matrix.data /= lengths[rows]
    return matrix


def _row_supported(vectoriser: TfidfVectorizer) -> bool:
    """``char_wb`` as the array path reads it, or ``char`` of any length (no short-word rule applies to it)."""
    char = vectoriser.analyzer == "char" and vectoriser.ngram_range[0] == 1 and not vectoriser.lowercase
    plain = (vectoriser.strip_accents is None and vectoriser.preprocessor is None and vectoriser.use_idf
             and vectoriser.dtype == np.float64 and vectoriser.input == "content")
    return (_supported(vectoriser) or (char and plain)) and vectoriser.norm in ("l2", None)


def _supported(vectoriser: TfidfVectorizer) -> bool:
    return (
        vectoriser.analyzer == "char_wb" and vectoriser.ngram_range[0] == 1 and vectoriser.ngram_range[1] <= _MAX_N
        and not vectoriser.lowercase and vectoriser.strip_accents is None and vectoriser.preprocessor is None
        and vectoriser.use_idf and vectoriser.dtype == np.float64 and vectoriser.input == "content"
    )


def _lookup(vectoriser: TfidfVectorizer) -> GramLookup:
    return built_per_vocabulary(_LOOKUPS, vectoriser, GramLookup)


def built_per_vocabulary(cache: weakref.WeakKeyDictionary[TfidfVectorizer, tuple[int, T]],
                         vectoriser: TfidfVectorizer, build: Callable[[dict[str, int]], T]) -> T:
    """``build(vocabulary)``, made once per vectoriser and again only when its vocabulary is replaced."""
    # A vectoriser built from a saved vocabulary has no ``vocabulary_`` until its first transform.
    vocabulary = getattr(vectoriser, "vocabulary_", None) or vectoriser.vocabulary
    cached = cache.get(vectoriser)
    if cached is None or cached[0] != id(vocabulary):
        cached = (id(vocabulary), build(vocabulary))
        cache[vectoriser] = cached
    return cached[1]


def char_gram_counts(lookup: GramLookup, texts: list[str], ngram_max: int) -> sp.csr_matrix:
    """Counts of the vocabulary's 1..``ngram_max``-grams in each text, words padded with one space each side."""
    padded = [" " + "  ".join(words) + " " if (words := text.split()) else "" for text in texts]
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1
    text_of = np.repeat(np.arange(len(texts)), [len(p) for p in padded])
    space = codes == _SPACE
    # A padded word starts at a space that follows another space (or opens everything).
    word_of = np.cumsum(space & np.concatenate(([True], space[:-1])))
    rows, columns = [], []
    for n in range(1, ngram_max + 1):
        width = len(codes) - n + 1
        if width <= 0:
            break
        inside = word_of[:width] == word_of[n - 1 :]
        keys = codes[:width].copy()
        for i in range(1, n):
            keys |= codes[i : width + i] << np.uint64(_BITS * i)
        found_columns, found = lookup.columns_of(keys[inside])
        rows.append(text_of[:width][inside][found])
        columns.append(found_columns)
    return _count_matrix(rows, columns, (len(texts), lookup.size))


def _count_matrix(rows: list[np.ndarray], columns: list[np.ndarray], shape: tuple[int, int]) -> sp.csr_matrix:
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    column = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    counts = sp.csr_matrix((np.ones(len(row)), (row, column)), shape=shape, dtype=np.float64)
    counts.sum_duplicates()
    counts.sort_indices()
    return counts
