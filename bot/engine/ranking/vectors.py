"""Bag-of-words counts and TF-IDF weights for the sentence index, without scikit-learn.

:class:`CountVectorizer` and :class:`TfidfTransformer` do what scikit-learn's classes
of the same names do for the options :mod:`bot.engine.ranking.index` passes (a callable
analyzer, or a token pattern with a stop list; sublinear TF, smoothed IDF, L2 rows),
step by step as scikit-learn does them, so the matrices are identical to the last bit
(``tests/test_first_run.py`` compares them with scikit-learn's on the seeds and
fixtures). Why not scikit-learn itself: importing ``sklearn.feature_extraction.text``
loads scikit-learn's whole base (SciPy's statistics, narwhals, rich), about 0.9 s of
CPU in every process, the largest part of a one-shot ``briefbot offline --command
"/summary ..."`` once NLTK was gone; these few NumPy/SciPy lines cost nothing to import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp

#: scikit-learn's ``ENGLISH_STOP_WORDS`` (318 words, from the Glasgow IR group's list)
_STOP_TEXT = """
a about above across after afterwards again against all almost alone along already also
although always am among amongst amoungst amount an and another any anyhow anyone
anything anyway anywhere are around as at back be became because become becomes becoming
been before beforehand behind being below beside besides between beyond bill both bottom
but by call can cannot cant co con could couldnt cry de describe detail do done down due
during each eg eight either eleven else elsewhere empty enough etc even ever every
everyone everything everywhere except few fifteen fifty fill find fire first five for
former formerly forty found four from front full further get give go had has hasnt have
he hence her here hereafter hereby herein hereupon hers herself him himself his how
however hundred i ie if in inc indeed interest into is it its itself keep last latter
latterly least less ltd made many may me meanwhile might mill mine more moreover most
mostly move much must my myself name namely neither never nevertheless next nine no
nobody none noone nor not nothing now nowhere of off often on once one only onto or
other others otherwise our ours ourselves out over own part per perhaps please put
rather re same see seem seemed seeming seems serious several she should show side since
sincere six sixty so some somehow someone something sometime sometimes somewhere still
such system take ten than that the their them themselves then thence there thereafter
thereby therefore therein thereupon these they thick thin third this those though three
through throughout thru thus to together too top toward towards twelve twenty two un
under until up upon us very via was we well were what whatever when whence whenever
where whereafter whereas whereby wherein whereupon wherever whether which while whither
who whoever whole whom whose why will with within without would yet you your yours
yourself yourselves"""
ENGLISH_STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())
#: scikit-learn's default ``token_pattern``: words of two or more characters
TOKEN_PATTERN = r"(?u)\b\w\w+\b"


class CountVectorizer:
    """Term counts per text over a vocabulary learnt by :meth:`fit_transform`, columns in
    alphabetical order of the terms (scikit-learn's ``CountVectorizer`` for these options)."""

    def __init__(self, *, analyzer: Callable[[str], list[str]] | None = None,
                 token_pattern: str = TOKEN_PATTERN,
                 stop_words: str | Iterable[str] | None = None,
                 dtype: Any = np.int64) -> None:
        if stop_words == "english":
            stop_words = ENGLISH_STOP_WORDS
        self.stop_words = frozenset(stop_words) if stop_words is not None else None
        self.token_pattern = token_pattern
        self.analyzer = analyzer
        self.dtype = dtype
        self.vocabulary_: dict[str, int] = {}

    def build_analyzer(self) -> Callable[[str], list[str]]:
        if self.analyzer is not None:
            return self.analyzer
        find = re.compile(self.token_pattern).findall
        stop = self.stop_words or frozenset()
        return lambda text: [t for t in find(text.lower()) if t not in stop]

    def _count(self, texts: Iterable[str], vocabulary: dict[str, int],
               grow: bool) -> sp.csr_matrix:
        analyze = self.build_analyzer()
        columns: list[int] = []
        values: list[int] = []
        indptr = [0]
        for text in texts:
            counter: dict[int, int] = {}
            for term in analyze(text):
                column = vocabulary.get(term)
                if column is None:
                    if not grow:
                        continue
                    column = vocabulary[term] = len(vocabulary)
                counter[column] = counter.get(column, 0) + 1
            columns.extend(counter)
            values.extend(counter.values())
            indptr.append(len(columns))
        if grow and not vocabulary:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        index_type = np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32
        X = sp.csr_matrix((np.array(values, dtype=np.intc), np.array(columns, dtype=index_type),
                           np.array(indptr, dtype=index_type)),
                          shape=(len(indptr) - 1, len(vocabulary)), dtype=self.dtype)
        X.sort_indices()
        return X

    def fit_transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        vocabulary: dict[str, int] = {}
        X = self._count(texts, vocabulary, grow=True)
        # columns renumbered alphabetically, then taken whole, as scikit-learn does
        # (the order of the entries in each row, and so every sum over them, is its)
        order = np.empty(len(vocabulary), dtype=X.indices.dtype)
        for new, (term, old) in enumerate(sorted(vocabulary.items())):
            vocabulary[term] = new
            order[old] = new
        X.indices = order.take(X.indices, mode="clip")
        self.vocabulary_ = vocabulary
        return sp.csr_matrix(X[:, np.arange(len(vocabulary))])

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        return self._count(texts, self.vocabulary_, grow=False)

    def get_feature_names_out(self) -> np.ndarray:
        """The terms in column order (scikit-learn's method of the same name)."""
        names = np.empty(len(self.vocabulary_), dtype=object)
        for term, column in self.vocabulary_.items():
            names[column] = term
        return names


class TfidfTransformer:
    """Counts to TF-IDF: ``1 + log(tf)`` when ``sublinear_tf``, times the smoothed IDF
    ``1 + log((1 + n) / (1 + df))``, rows scaled to unit L2 norm."""

    def __init__(self, *, sublinear_tf: bool = False, norm: str | None = "l2") -> None:
        if norm not in ("l2", None):
            raise ValueError(f"unsupported norm {norm!r}")
        self.sublinear_tf = sublinear_tf
        self.norm = norm
        self.idf_: np.ndarray | None = None

    def fit(self, X: sp.csr_matrix) -> TfidfTransformer:
        X = sp.csr_matrix(X)
        dtype = X.dtype if X.dtype in (np.float64, np.float32) else np.float64
        df = np.bincount(X.indices, minlength=X.shape[1]).astype(dtype, copy=False)
        df += 1.0
        idf = np.full_like(df, fill_value=X.shape[0] + 1, dtype=dtype)
        idf /= df
        np.log(idf, out=idf)
        idf += 1.0
        self.idf_ = idf
        return self

    def transform(self, X: sp.csr_matrix) -> sp.csr_matrix:
        if self.idf_ is None:
            raise ValueError("TfidfTransformer is not fitted yet: call fit first")
        X = sp.csr_matrix(X, dtype=X.dtype if X.dtype in (np.float64, np.float32)
                          else np.float64, copy=True)
        if self.sublinear_tf:
            np.log(X.data, X.data)
            X.data += 1.0
        X.data *= self.idf_[X.indices]
        if self.norm == "l2":
            squares = _row_sums_in_order(X.data * X.data, X.indptr)
            norms = np.sqrt(squares)
            norms[squares == 0.0] = 1.0  # an empty row stays empty
            X.data /= np.repeat(norms, np.diff(X.indptr))
        return X

    def fit_transform(self, X: sp.csr_matrix) -> sp.csr_matrix:
        return self.fit(X).transform(X)


def _row_sums_in_order(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Each row's sum, added left to right from 0.0 as scikit-learn's Cython loop adds
    (NumPy's and SciPy's reductions add in another order: a last-bit difference that
    could swap two equally scored sentences). One pass per entry position, all rows
    at once."""
    lengths = np.diff(indptr)
    sums = np.zeros(len(lengths), dtype=values.dtype)
    starts = indptr[:-1]
    for k in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > k)
        sums[rows] += values[starts[rows] + k]
    return sums
