"""One file holding the whole parsed corpus, read in one go at start-up.

The document cache (:mod:`bot.corpus.cache`) spares parsing, but a warm start still
read and hashed every file and decoded one JSON payload per document: at 20,000
documents that was most of the time before the bot could connect. The snapshot
spares the reading too. It lists every file it was built from with its stamp (size,
modification time in ns, inode) and the fingerprint of its manifest entry; a file
whose stamp and entry are unchanged is taken from the snapshot without being opened.
Any other file (added, changed, touched, behind a symbolic link) goes through the
usual path: read, hashed, looked up in the document cache, parsed if new.

Racy stamps (git's problem): a file rewritten in the same clock tick as the snapshot
was written, with the same size, would keep its stamp. A file modified less than
:data:`RACY_NS` before the snapshot was written is therefore read and its content
hash compared before its stored document is used.

Layout (little-endian; no pickle, nothing in it can run code)::

    MAGIC, 8-byte header length, header (JSON: versions, files, documents), zeros up
    to a multiple of 8 bytes, each sentence's end (uint64, in bytes of the texts),
    paragraph numbers (uint32 per sentence), section numbers (uint32 per sentence,
    into the header's list of section names), sentence texts (utf-8, one after another)

The file is memory-mapped, not read: a document's sentences are a
:class:`MappedSentences` view that makes each :class:`~bot.corpus.model.Sentence`
when it is read and keeps none, so the corpus's text stays in the operating system's
page cache, shared by every bot process on the machine that maps the same snapshot,
instead of 400,000 sentence objects in each process's own heap (at 20,000 documents).

It is written under a temporary name and renamed into place, so a reader sees a
whole snapshot or the previous one (a process mapping the previous one keeps reading
it: renaming over a file does not change the mapped one); one that cannot be read is
ignored (logged) and written again: a bad snapshot costs time, never a document.
Never edit or truncate it in place while a bot runs (a mapped page cut off the end of
a file is a bus error): delete it, or let the bot write a new one.
"""

from __future__ import annotations

import json
import logging
import mmap
import os
import sys
import time
import uuid
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.corpus.model import Document, LazyDocument, Sentence

log = logging.getLogger(__name__)

SNAPSHOT_FILE = "corpus.snapshot"
SNAPSHOT_VERSION = 2  # 2: mapped (arrays first, 8-byte aligned, then the texts)
MAGIC = b"briefbot-corpus\n"
RACY_NS = 2_000_000_000
_U32 = "I" if array("I").itemsize == 4 else "L"  # 4-byte unsigned

#: (size, mtime_ns, inode): what says a file is the one a snapshot entry was built from
Stamp = tuple[int, int, int]


@dataclass(slots=True)
class Entry:
    """One file of the snapshot: its document, or the reason it was skipped."""

    stamp: Stamp
    meta_fp: str
    document: Document | None
    skip: str = ""


class Snapshot:
    """The files of the last load (relative path -> :class:`Entry`) and when it was
    written; empty when there is none or it belongs to other code or settings."""

    def __init__(self, entries: dict[str, Entry] | None = None, written_ns: int = 0) -> None:
        self.entries = entries or {}
        self.written_ns = written_ns

    def usable(self, rel: str, stamp: Stamp, meta_fp: str) -> Entry | None:
        """The entry when the file is unchanged; racy entries are returned too (the
        caller checks :meth:`racy` and compares content hashes)."""
        entry = self.entries.get(rel)
        if entry is None or entry.stamp != stamp or entry.meta_fp != meta_fp:
            return None
        return entry

    def racy(self, entry: Entry) -> bool:
        return entry.stamp[1] >= self.written_ns - RACY_NS


def _path(cache_dir: Path) -> Path:
    return Path(cache_dir).expanduser() / SNAPSHOT_FILE


def _key(root: Path, parser: str, max_bytes: int) -> list[Any]:
    return [SNAPSHOT_VERSION, sys.byteorder, parser, max_bytes, str(root)]


def read_snapshot(cache_dir: Path, root: Path, parser: str, max_bytes: int) -> Snapshot:
    """The snapshot for this corpus directory, parser and size limit, or an empty one."""
    path = _path(cache_dir)
    try:
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except FileNotFoundError:
        return Snapshot()
    except (OSError, ValueError) as exc:  # ValueError: an empty file cannot be mapped
        log.warning("corpus snapshot %s unusable (%s): loading the files", path, exc)
        return Snapshot()
    try:
        return _decode(data, root, _key(root, parser, max_bytes))
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError) as exc:
        log.warning("corpus snapshot %s unusable (%s): loading the files", path, exc)
        return Snapshot()


def _aligned(n: int) -> int:
    return -(-n // 8) * 8


class _Table:
    """The snapshot's sentences: views into the mapped file (nothing copied)."""

    __slots__ = ("ends", "names", "paragraphs", "sections", "text")

    def __init__(self, data: mmap.mmap, at: int, n: int, text_bytes: int,
                 names: list[str]) -> None:
        view = memoryview(data)
        self.ends = view[at:at + 8 * n].cast("Q")
        self.paragraphs = view[at + 8 * n:at + 12 * n].cast(_U32)
        self.sections = view[at + 12 * n:at + 16 * n].cast(_U32)
        self.text = view[at + 16 * n:at + 16 * n + text_bytes]
        self.names = names
        if n and self.ends[-1] != text_bytes:
            raise ValueError(f"{text_bytes} bytes of text where the offsets say "
                             f"{self.ends[-1]}")

    def sentence(self, i: int, doc_id: str, position: int) -> Sentence:
        ends = self.ends
        return Sentence(str(self.text[ends[i - 1] if i else 0:ends[i]], "utf-8"), doc_id,
                        position, self.paragraphs[i], self.names[self.sections[i]])


class MappedSentences(Sequence[Sentence]):
    """One document's sentences in the mapped snapshot: each :class:`Sentence` is made
    when it is read and not kept (the text stays in the shared page cache). Reads,
    compares and pickles like the list of them."""

    __slots__ = ("_doc_id", "_n", "_start", "_table")

    def __init__(self, table: _Table, doc_id: str, start: int, n: int) -> None:
        self._table, self._doc_id, self._start, self._n = table, doc_id, start, n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        i = i.__index__()
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("sentence index out of range")
        return self._table.sentence(self._start + i, self._doc_id, i)

    def __iter__(self) -> Iterator[Sentence]:
        table, doc_id, start = self._table, self._doc_id, self._start
        for i in range(self._n):
            yield table.sentence(start + i, doc_id, i)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MappedSentences) and other._table is self._table:
            return (other._start, other._n, other._doc_id) == (self._start, self._n,
                                                               self._doc_id)
        if not isinstance(other, (list, tuple, MappedSentences)):
            return NotImplemented
        return len(other) == self._n and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # as a list's

    def __repr__(self) -> str:
        return f"MappedSentences({self._doc_id!r}, {self._n} sentences)"

    def __reduce__(self) -> tuple[Any, ...]:  # a plain list once pickled
        return list, (list(self),)


def _decode(data: mmap.mmap, root: Path, key: list[Any]) -> Snapshot:
    if data[:len(MAGIC)] != MAGIC:
        raise ValueError("not a corpus snapshot")
    at = len(MAGIC)
    size = int.from_bytes(data[at:at + 8], "little")
    at += 8
    header = json.loads(data[at:at + size].decode("utf-8"))
    if header["key"] != key:
        return Snapshot()  # other code, settings or directory: rebuilt on this load
    at = _aligned(at + size)
    text_bytes, n_sentences = header["text_bytes"], header["sentences"]
    if len(data) != at + 16 * n_sentences + text_bytes:
        raise ValueError(f"{len(data)} bytes where the header says "
                         f"{at + 16 * n_sentences + text_bytes}")
    if zlib.crc32(memoryview(data)[at:]) != header["crc32"]:
        raise ValueError("its checksum does not match (a damaged file)")
    table = _Table(data, at, n_sentences, text_bytes, header["sections"])
    entries: dict[str, Entry] = {}
    start = 0
    for row in header["files"]:
        rel, stamp, meta_fp, doc = row[0], tuple(row[1]), row[2], row[3]
        if isinstance(doc, str):  # a skipped file: the reason
            entries[rel] = Entry(stamp, meta_fp, None, doc)  # type: ignore[arg-type]
            continue
        entries[rel] = Entry(stamp, meta_fp, LazyDocument(  # type: ignore[arg-type]
            sentences=MappedSentences(table, doc[0], start, doc[8]),
            where=(root, rel), doc_id=doc[0], title=doc[1], source=doc[2],
            author=doc[3], url=doc[4], published=doc[5], headings=doc[6],
            content_hash=doc[7]))
        start += doc[8]
    if start != n_sentences:
        raise ValueError(f"documents hold {start} sentences of {n_sentences}")
    return Snapshot(entries, header["written_ns"])


def write_snapshot(cache_dir: Path, root: Path, parser: str, max_bytes: int,
                   entries: dict[str, Entry]) -> bool:
    """Store this load's files (in corpus order); False (logged) when the disk refused."""
    path = _path(cache_dir)
    start = time.perf_counter()
    texts: list[bytes] = []
    ends, paragraphs, sections = array("Q"), array(_U32), array(_U32)
    length = 0
    names: dict[str, int] = {}
    files: list[list[Any]] = []
    for rel, entry in entries.items():
        doc = entry.document
        if doc is None:
            files.append([rel, list(entry.stamp), entry.meta_fp, entry.skip])
            continue
        for s in doc.sentences:
            text = s.text.encode("utf-8")
            texts.append(text)
            length += len(text)
            ends.append(length)
            paragraphs.append(s.paragraph)
            sections.append(names.setdefault(s.section, len(names)))
        files.append([rel, list(entry.stamp), entry.meta_fp,
                      [doc.doc_id, doc.title, doc.source, doc.author, doc.url, doc.published,
                       doc.headings, doc.content_hash, len(doc.sentences)]])
    body = ends.tobytes() + paragraphs.tobytes() + sections.tobytes() + b"".join(texts)
    head = json.dumps({"key": _key(root, parser, max_bytes), "written_ns": time.time_ns(),
                       "sentences": len(texts), "sections": list(names),
                       "text_bytes": len(body) - 16 * len(texts), "crc32": zlib.crc32(body),
                       "files": files},
                      ensure_ascii=False).encode("utf-8")
    start = len(MAGIC) + 8 + len(head)
    tmp = path.with_name(f".{SNAPSHOT_FILE}.{uuid.uuid4().hex}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as out:
            out.write(MAGIC + len(head).to_bytes(8, "little"))
            out.write(head)
            out.write(b"\0" * (_aligned(start) - start))  # the arrays 8-byte aligned
            out.write(body)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only or full disk costs speed only
        log.warning("corpus snapshot %s not written: %s", path, exc)
        tmp.unlink(missing_ok=True)
        return False
    log.info("corpus snapshot written (%d files, %d sentences) in %.2f s", len(files),
             len(texts), time.perf_counter() - start)
    return True
