"""The comparer's corpus-wide arrays: sentence TF-IDF, per-document vectors, display forms.

Built once per corpus (the only part of :class:`~bot.engine.compare.comparer.Comparer`
that reads every sentence) and stored with :mod:`bot.engine.stored`, so a restart or a
second shard process maps them instead of re-tokenising the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from bot.engine.compare.text import StemAnalyzer, build_vectorizer
from bot.engine.stored import Stored, StringTable

# source files whose change invalidates a stored comparer index
SOURCES = ("compare/index.py", "compare/text.py")


@dataclass
class ComparerArrays:
    vectorizer: TfidfVectorizer
    analyzer: StemAnalyzer
    matrix: sparse.csr_matrix      # (sentences, terms) TF-IDF, L2-normalised rows
    doc_matrix: sparse.csr_matrix  # (documents, terms) normalised sums of their rows

    @classmethod
    def build(cls, texts: list[str], doc_rows: Sequence[range]) -> ComparerArrays:
        vectorizer, analyzer, matrix = build_vectorizer(texts)
        matrix = sparse.csr_matrix(matrix)
        rows = np.concatenate([np.arange(r.start, r.stop) for r in doc_rows]) \
            if doc_rows else np.zeros(0, dtype=np.int64)
        docs = np.repeat(np.arange(len(doc_rows)), [len(r) for r in doc_rows])
        indicator = sparse.csr_matrix((np.ones(len(rows)), (docs, rows)),
                                      shape=(len(doc_rows), len(texts)))
        return cls(vectorizer, analyzer, matrix, sparse.csr_matrix(normalize(indicator @ matrix)))

    def stored_fields(self) -> dict[str, object]:
        terms = self.vectorizer.get_feature_names_out().tolist()
        return {"matrix": self.matrix, "doc_matrix": self.doc_matrix,
                "idf": self.vectorizer.idf_, "terms": terms,
                "display": [self.analyzer.display(t) for t in terms]}

    @classmethod
    def from_stored(cls, stored: Stored) -> ComparerArrays:
        terms = stored["terms"].tolist()
        analyzer = StemAnalyzer()
        analyzer.record = False
        vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=1,
                                     dtype=np.float64)
        vectorizer.vocabulary_ = {t: i for i, t in enumerate(terms)}
        # display() shows a stem's commonest surface form: the one stored for it
        analyzer.surface = _StoredForms(vectorizer.vocabulary_, stored["display"])  # type: ignore[assignment]
        vectorizer.idf_ = np.asarray(stored["idf"])
        return cls(vectorizer, analyzer, stored["matrix"], stored["doc_matrix"])


class _StoredForms:
    """stem -> its commonest surface form as ``StemAnalyzer.display`` reads it, looked up
    in the stored table when asked (not one Counter per term in every process)."""

    def __init__(self, column: dict[str, int], forms: StringTable) -> None:
        self._column, self._forms = column, forms

    def get(self, stem: str, default: Counter[str] | None = None) -> Counter[str] | None:
        k = self._column.get(stem)
        return default if k is None else Counter({self._forms[k]: 1})
