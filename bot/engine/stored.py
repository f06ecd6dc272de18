"""Stored indexes: built once, written next to the document cache, mapped by every process.

An index (the summarizer's sentence and concept matrices, the comparer's TF-IDF) is a
handful of numpy arrays and scipy CSR matrices plus a few lists of strings. Each is
written as plain ``.npy`` files (a CSR matrix as three: data, indices, indptr) and read
back with ``np.load(mmap_mode="r")``: loading costs no computation, and the pages are
the operating system's page cache, shared by every shard process on the machine that
maps the same files (only the pages an answer touches are ever read).

Layout, under the document cache's directory (``CACHE_DIR``)::

    indexes/<name>/<code version>-<corpus fingerprint>/manifest.json
                                                        <field>.npy, <field>.data.npy, ...

The code version hashes the index-building source files and an explicit
:data:`INDEX_VERSION`, so changing how an index is built invalidates it; the corpus
fingerprint hashes every document's fingerprint in corpus order (its file's content
hash, metadata and the parser's version), so any corpus change selects another
directory. The manifest lists each document's fingerprint, which lets a later build
reuse the rows of unchanged documents (see :meth:`IndexStore.latest`).

A directory is written under a temporary name and renamed into place, so a reader sees
a whole index or none; a file that fails to load (truncated, wrong size, bad header)
makes :meth:`IndexStore.load` return None with a logged reason, and the caller rebuilds
and writes it again: a corrupt store costs time, never an answer. Why not pickle or
joblib: a pickle is read into each process's own heap (nothing shared) and can run
code when read; ``.npy`` is data only.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from bot.corpus.model import Corpus, Document
from bot.engine import timings

log = logging.getLogger(__name__)

INDEX_VERSION = "1"  # bump when a stored field changes meaning without a source change
MANIFEST = "manifest.json"
_ENGINE_DIR = Path(__file__).resolve().parent


class StoredIndexError(Exception):
    """A stored index that cannot be used (the message says which file and why)."""


@cache
def code_version(*sources: str) -> str:
    """Hash of :data:`INDEX_VERSION`, this module, the named source files (relative to
    ``bot/engine``) and the libraries whose output is stored."""
    # The installed version, not ``import sklearn``: a one-shot answer need not import it.
    from importlib.metadata import version

    import scipy

    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{INDEX_VERSION}:{np.__version__}:{scipy.__version__}:"
                  f"{version('scikit-learn')}".encode())
    for rel in ("stored.py", *sources):
        digest.update((_ENGINE_DIR / rel).read_bytes())
    return digest.hexdigest()


def document_fingerprint(doc: Document) -> str:
    """Changes whenever anything an index reads from the document changes."""
    from bot.corpus.cache import parser_fingerprint

    digest = hashlib.blake2b(digest_size=12)
    meta = [doc.doc_id, doc.title, doc.source, doc.author, doc.url, doc.published]
    digest.update(json.dumps(meta, ensure_ascii=False).encode())
    if doc.content_hash:  # the file's bytes + the parser's code decide the sentences
        digest.update(f"{doc.content_hash}:{parser_fingerprint()}".encode())
    else:  # a document built in memory: its sentences themselves
        for s in doc.sentences:
            digest.update(f"{s.paragraph}\x1f{s.section}\x1f{s.text}\x1e".encode())
    return digest.hexdigest()


def corpus_fingerprints(corpus: Corpus) -> list[tuple[str, str]]:
    return [(doc_id, document_fingerprint(doc)) for doc_id, doc in corpus.documents.items()]


def combined(fingerprints: Sequence[tuple[str, str]]) -> str:
    digest = hashlib.blake2b(digest_size=10)
    for doc_id, fp in fingerprints:
        digest.update(f"{doc_id}\x1f{fp}\x1e".encode())
    return digest.hexdigest()


# -- strings as two arrays (utf-8 bytes + offsets): mappable, decoded on demand ---------

class StringTable(Sequence[str]):
    """A read-only list of strings over a mapped utf-8 blob; each is decoded when asked."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self._blob, self._offsets = blob, offsets

    @classmethod
    def of(cls, strings: Iterable[str]) -> StringTable:
        encoded = [s.encode("utf-8") for s in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        blob = np.frombuffer(b"".join(encoded), dtype=np.uint8) if encoded else \
            np.zeros(0, dtype=np.uint8)
        return cls(blob, offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return bytes(self._blob[self._offsets[i]:self._offsets[i + 1]]).decode("utf-8")

    def tolist(self) -> list[str]:
        blob, offsets = bytes(self._blob), self._offsets.tolist()
        return [blob[a:b].decode("utf-8") for a, b in itertools.pairwise(offsets)]


# -- one stored index -----------------------------------------------------------------

@dataclass
class Stored:
    """A stored index's manifest and its fields, mapped on first access."""

    path: Path
    manifest: dict[str, Any]

    @property
    def documents(self) -> list[tuple[str, str]]:
        return [(d, f) for d, f in self.manifest["documents"]]

    @property
    def meta(self) -> dict[str, Any]:
        return self.manifest.get("meta", {})

    def __contains__(self, field: str) -> bool:
        return field in self.manifest["fields"]

    def __getitem__(self, field: str) -> Any:
        spec = self.manifest["fields"][field]
        kind = spec["kind"]
        if kind == "dense":
            return self._array(field, spec)
        if kind == "csr":
            parts = [self._array(f"{field}.{p}", spec[p]) for p in ("data", "indices", "indptr")]
            # scipy keeps the mapped arrays as they are (no copy) when their index dtype
            # is the one it would choose itself, which is how they were written
            return sp.csr_matrix(tuple(parts), shape=tuple(spec["shape"]), copy=False)
        if kind == "strings":
            return StringTable(self._array(f"{field}.blob", spec["blob"]),
                               self._array(f"{field}.offsets", spec["offsets"]))
        raise StoredIndexError(f"{self.path}: unknown field kind {kind!r} for {field}")

    def _array(self, stem: str, spec: dict[str, Any]) -> np.ndarray:
        file = self.path / f"{stem}.npy"
        try:
            arr = np.load(file, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:
            raise StoredIndexError(f"{file}: {exc}") from exc
        if list(arr.shape) != spec["shape"] or str(arr.dtype) != spec["dtype"]:
            raise StoredIndexError(f"{file}: {arr.dtype}{list(arr.shape)} where the manifest "
                                   f"says {spec['dtype']}{spec['shape']}")
        return arr

    def check(self) -> None:
        """Open every file (maps, reads headers and sizes; no data page is read)."""
        for field in self.manifest["fields"]:
            value = self[field]
            if isinstance(value, sp.csr_matrix):
                n_rows = value.shape[0]
                if len(value.indptr) != n_rows + 1 or (n_rows and int(value.indptr[-1])
                                                       != len(value.data)):
                    raise StoredIndexError(f"{self.path}: {field} is not a whole CSR matrix")


def _write_array(path: Path, stem: str, arr: np.ndarray) -> dict[str, Any]:
    arr = np.ascontiguousarray(arr)
    if arr.dtype == object:
        raise TypeError(f"{stem}: object arrays cannot be stored (use a StringTable)")
    np.save(path / f"{stem}.npy", arr, allow_pickle=False)
    return {"shape": list(arr.shape), "dtype": str(arr.dtype)}


class IndexStore:
    """The ``indexes`` folder of one cache directory."""

    def __init__(self, cache_dir: Path | str) -> None:
        self.root = timings.indexes_root(cache_dir)

    def _dir(self, name: str, version: str, corpus_key: str) -> Path:
        return self.root / name / f"{version}-{corpus_key}"

    def load(self, name: str, version: str, corpus_key: str) -> Stored | None:
        """The index stored for exactly this code version and corpus, or None."""
        path = self._dir(name, version, corpus_key)
        if not path.is_dir():
            return None
        return self._open(path, name)

    def _open(self, path: Path, name: str) -> Stored | None:
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            stored = Stored(path, manifest)
            stored.check()
        except (OSError, ValueError, KeyError, TypeError, StoredIndexError) as exc:
            log.warning("stored %s index %s unusable (%s): rebuilding it", name, path, exc)
            shutil.rmtree(path, ignore_errors=True)
            return None
        return stored

    def latest(self, name: str, version: str) -> Stored | None:
        """The most recently written index of this name and code version, for any corpus
        (a build for a changed corpus reuses its unchanged documents' rows)."""
        folder = self.root / name
        try:
            candidates = sorted((p for p in folder.iterdir()
                                 if p.is_dir() and p.name.startswith(f"{version}-")),
                                key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return None
        for path in candidates:
            stored = self._open(path, name)
            if stored is not None:
                return stored
        return None

    def save(self, name: str, version: str, documents: Sequence[tuple[str, str]],
             fields: dict[str, Any], meta: dict[str, Any] | None = None,
             keep: int = 2) -> Path | None:
        """Write an index (numpy arrays, CSR matrices, StringTables or lists of str) and
        keep the ``keep`` newest of this name; returns its folder, or None when the disk
        refused (logged: the index in memory still answers)."""
        corpus_key = combined(documents)
        final = self._dir(name, version, corpus_key)
        if final.is_dir():
            return final
        tmp = final.parent / f".tmp-{uuid.uuid4().hex}"
        start = time.perf_counter()
        try:
            tmp.mkdir(parents=True)
            specs: dict[str, Any] = {}
            for field, value in fields.items():
                specs[field] = self._write_field(tmp, field, value)
            manifest = {"name": name, "version": version, "corpus": corpus_key,
                        "documents": [list(d) for d in documents], "fields": specs,
                        "meta": meta or {}}
            (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            try:
                os.rename(tmp, final)
            except OSError:  # another process stored the same index first: keep theirs
                if not final.is_dir():
                    raise
                shutil.rmtree(tmp, ignore_errors=True)
        except (OSError, TypeError, ValueError) as exc:
            log.warning("%s index not stored in %s: %s", name, self.root, exc)
            shutil.rmtree(tmp, ignore_errors=True)
            return None
        log.info("stored %s index (%d documents) in %.1f s: %s", name, len(documents),
                 time.perf_counter() - start, final)
        self._prune(final.parent, version, keep)
        return final

    @staticmethod
    def _write_field(path: Path, field: str, value: Any) -> dict[str, Any]:
        if sp.issparse(value):
            m = sp.csr_matrix(value)
            m.sort_indices()
            return {"kind": "csr", "shape": list(m.shape),
                    **{p: _write_array(path, f"{field}.{p}", getattr(m, p))
                       for p in ("data", "indices", "indptr")}}
        if isinstance(value, (list, tuple)) and not isinstance(value, np.ndarray):
            value = StringTable.of(value)
        if isinstance(value, StringTable):
            return {"kind": "strings",
                    "blob": _write_array(path, f"{field}.blob", value._blob),
                    "offsets": _write_array(path, f"{field}.offsets", value._offsets)}
        return {"kind": "dense", **_write_array(path, field, np.asarray(value))}

    # -- how long an index took, for the "still loading, ready in about N s" answer ------
    def has_corpus(self, name: str, corpus_key: str) -> bool:
        """Whether an index of this name is stored for this corpus (any code version: a
        code change makes the estimate that relies on it wrong once, nothing else)."""
        try:
            return any(p.name.endswith(f"-{corpus_key}") for p in (self.root / name).iterdir()
                       if p.is_dir())
        except OSError:
            return False

    def recorded_seconds(self, name: str) -> dict[str, float]:
        """The last recorded ``load`` and ``build`` time of this index (seconds, from
        asking for it to answering with it); {} when none."""
        return timings.recorded_seconds(self.root, name)

    def record_seconds(self, name: str, kind: str, seconds: float) -> None:
        timings.record_seconds(self.root, name, kind, seconds)

    @staticmethod
    def _prune(folder: Path, version: str, keep: int) -> None:
        """Drop older indexes of this name (other code versions first). A process still
        mapping a removed file keeps reading it: unlinking does not unmap on POSIX."""
        try:
            entries = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
        except OSError:
            return
        mine = sorted((p for p in entries if p.name.startswith(f"{version}-")),
                      key=lambda p: p.stat().st_mtime, reverse=True)
        for p in [p for p in entries if not p.name.startswith(f"{version}-")] + mine[keep:]:
            shutil.rmtree(p, ignore_errors=True)
