"""Read-only tables in one memory-mapped file, so that every process on a machine shares them.

A large lookup structure (the gazetteer's 190k places and 600k names, GloVe's word index)
held as Python dicts costs each process hundreds of MiB of its own heap and seconds of
unpickling at every start. Written once as flat arrays into one file and opened with
``mmap``, it costs no parsing at all: the pages are the operating system's page cache,
read on first touch and shared by every process that maps the file.

File layout: ``MAGIC``, the header's length (8 bytes, little-endian), a JSON header
(``{"sections": {name: {"offset", "dtype", "shape"}}, "meta": {...}}``), then each
section's raw bytes, 8-byte aligned. A string table is three or five sections:
``<name>.blob`` (UTF-8 bytes), ``<name>.offsets`` (int64, one more than strings) and, when
it is searchable, ``<name>.hashes`` (each string's CRC-32) and ``<name>.slots`` (an
open-addressing hash table of string numbers, -1 empty, linear probing, at most half full).

The file is written under a temporary name and renamed into place, so a reader sees a
whole file or none; a file with a wrong magic, header or size raises :class:`MappedError`
and the caller rebuilds it.
"""

from __future__ import annotations

import json
import mmap
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"BRIEFMAP1\n"
ALIGN = 8


class MappedError(Exception):
    """A mapped file that cannot be used (the message says which and why)."""


def _table_size(n: int) -> int:
    size = 8
    while size < 2 * n:
        size *= 2
    return size


def _hash_slots(encoded: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    hashes = np.fromiter((zlib.crc32(b) for b in encoded), dtype=np.uint32, count=len(encoded))
    size = _table_size(len(encoded))
    mask = size - 1
    slots = [-1] * size
    for i, h in enumerate(hashes.tolist()):
        j = h & mask
        while slots[j] != -1:
            j = (j + 1) & mask
        slots[j] = i
    return hashes, np.array(slots, dtype=np.int32)


class MappedWriter:
    """Collects arrays and string tables, then writes them as one mappable file."""

    def __init__(self) -> None:
        self.sections: dict[str, np.ndarray] = {}

    def array(self, name: str, values: Any, dtype: Any = None) -> None:
        arr = np.ascontiguousarray(np.asarray(values, dtype=dtype))
        if arr.dtype == object:
            raise TypeError(f"{name}: object arrays cannot be mapped (use strings())")
        self.sections[name] = arr

    def strings(self, name: str, strings: Iterable[str], *, searchable: bool = False) -> None:
        """A table of strings; ``searchable`` adds the hash table :meth:`MappedStrings.find`
        uses (the strings must then be distinct)."""
        encoded = [s.encode("utf-8") for s in strings]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in encoded], out=offsets[1:])
        self.sections[f"{name}.blob"] = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        self.sections[f"{name}.offsets"] = offsets
        if searchable:
            hashes, slots = _hash_slots(encoded)
            self.sections[f"{name}.hashes"] = hashes
            self.sections[f"{name}.slots"] = slots

    def write(self, path: Path, meta: dict[str, Any]) -> None:
        specs: dict[str, dict[str, Any]] = {}
        offset = 0
        for name, arr in self.sections.items():
            specs[name] = {"offset": offset, "dtype": arr.dtype.str, "shape": list(arr.shape)}
            offset += -(-arr.nbytes // ALIGN) * ALIGN
        header = json.dumps({"sections": specs, "meta": meta}, ensure_ascii=False).encode()
        start = -(-(len(MAGIC) + 8 + len(header)) // ALIGN) * ALIGN
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
        try:
            with tmp.open("wb") as fh:
                fh.write(MAGIC + len(header).to_bytes(8, "little") + header)
                fh.write(b"\0" * (start - fh.tell()))
                for name, arr in self.sections.items():
                    assert fh.tell() == start + specs[name]["offset"]
                    fh.write(arr.tobytes())
                    fh.write(b"\0" * (-arr.nbytes % ALIGN))
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)


class MappedFile:
    """One mapped file: its meta and its sections (views into the shared pages)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as fh:
                self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:  # ValueError: an empty file
            raise MappedError(f"{path}: {exc}") from exc
        mm = self._mm
        if mm[:len(MAGIC)] != MAGIC:
            raise MappedError(f"{path}: not a mapped table file")
        size = int.from_bytes(mm[len(MAGIC):len(MAGIC) + 8], "little")
        try:
            header = json.loads(mm[len(MAGIC) + 8:len(MAGIC) + 8 + size])
        except ValueError as exc:
            raise MappedError(f"{path}: bad header ({exc})") from exc
        self.meta: dict[str, Any] = header["meta"]
        self._specs: dict[str, dict[str, Any]] = header["sections"]
        self._start = -(-(len(MAGIC) + 8 + size) // ALIGN) * ALIGN
        for name, spec in self._specs.items():
            end = self._start + spec["offset"] + self._nbytes(spec)
            if end > len(mm):
                raise MappedError(f"{path}: section {name} runs past the end (truncated?)")
        self._view = memoryview(mm)

    @staticmethod
    def _nbytes(spec: dict[str, Any]) -> int:
        return int(np.prod(spec["shape"], dtype=np.int64)) * np.dtype(spec["dtype"]).itemsize

    def __contains__(self, name: str) -> bool:
        return name in self._specs

    def array(self, name: str) -> np.ndarray:
        """A read-only numpy view of a section."""
        spec = self._specs[name]
        dtype = np.dtype(spec["dtype"])
        count = int(np.prod(spec["shape"], dtype=np.int64))
        arr = np.frombuffer(self._mm, dtype=dtype, count=count,
                            offset=self._start + spec["offset"])
        return arr.reshape(spec["shape"])

    def items(self, name: str) -> memoryview:
        """A section as a flat memoryview of Python numbers (faster than numpy for
        reading one element at a time)."""
        spec = self._specs[name]
        dtype = np.dtype(spec["dtype"])
        if dtype.byteorder == ">":
            raise MappedError(f"{self.path}: {name} is big-endian")
        begin = self._start + spec["offset"]
        return self._view[begin:begin + self._nbytes(spec)].cast(dtype.char)

    def strings(self, name: str) -> MappedStrings:
        return MappedStrings(self, name)


class MappedStrings(Sequence[str]):
    """A mapped string table: each string decoded when asked; :meth:`find` by hash when
    the table was written searchable."""

    def __init__(self, file: MappedFile, name: str) -> None:
        spec = file._specs[f"{name}.blob"]
        begin = file._start + spec["offset"]
        self._mm = file._mm
        self._base = begin
        self._offsets = file.items(f"{name}.offsets")
        self._n = len(self._offsets) - 1
        searchable = f"{name}.slots" in file
        self._hashes = file.items(f"{name}.hashes") if searchable else None
        self._slots = file.items(f"{name}.slots") if searchable else None
        self._mask = len(self._slots) - 1 if self._slots is not None else 0

    def __len__(self) -> int:
        return self._n

    def raw(self, i: int) -> bytes:
        offsets, base = self._offsets, self._base
        return self._mm[base + offsets[i]:base + offsets[i + 1]]

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self.raw(i).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        offsets, base, mm = self._offsets, self._base, self._mm
        for i in range(self._n):
            yield mm[base + offsets[i]:base + offsets[i + 1]].decode("utf-8")

    def find(self, text: str) -> int:
        """The number of ``text`` in the table, or -1."""
        slots, hashes = self._slots, self._hashes
        if slots is None or hashes is None:
            raise TypeError("this string table was not written searchable")
        encoded = text.encode("utf-8", "surrogatepass")
        h = zlib.crc32(encoded)
        j = h & self._mask
        offsets, base, mm = self._offsets, self._base, self._mm
        while (i := slots[j]) != -1:
            if hashes[i] == h and mm[base + offsets[i]:base + offsets[i + 1]] == encoded:
                return i
            j = (j + 1) & self._mask
        return -1

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.find(text) >= 0


class TableKeyed:
    """Membership, iteration and length of a mapping or set whose keys are a searchable
    mapped string table (``_table``), shared by the mapped gazetteer and word index."""

    _table: MappedStrings

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._table.find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)
