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

    MAGIC, 8-byte header length, header (JSON: versions, files, documents),
    sentence texts (utf-8, one after another), each sentence's end (uint64, in
    bytes of that text), paragraph numbers (uint32 per sentence), section
    numbers (uint32 per sentence, into the header's list of section names)

It is written under a temporary name and renamed into place, so a reader sees a
whole snapshot or the previous one; one that cannot be read is ignored (logged) and
written again: a bad snapshot costs time, never a document.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import uuid
import zlib
from array import array
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from bot.corpus.model import Document, LazyDocument, Sentence

log = logging.getLogger(__name__)

SNAPSHOT_FILE = "corpus.snapshot"
SNAPSHOT_VERSION = 1
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
        data = path.read_bytes()
    except FileNotFoundError:
        return Snapshot()
    except OSError as exc:
        log.warning("corpus snapshot %s unreadable (%s): loading the files", path, exc)
        return Snapshot()
    try:
        return _decode(data, root, _key(root, parser, max_bytes))
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError) as exc:
        log.warning("corpus snapshot %s unusable (%s): loading the files", path, exc)
        return Snapshot()


def _decode(data: bytes, root: Path, key: list[Any]) -> Snapshot:
    if not data.startswith(MAGIC):
        raise ValueError("not a corpus snapshot")
    at = len(MAGIC)
    size = int.from_bytes(data[at:at + 8], "little")
    at += 8
    header = json.loads(data[at:at + size].decode("utf-8"))
    at += size
    if header["key"] != key:
        return Snapshot()  # other code, settings or directory: rebuilt on this load
    text_bytes, n_sentences = header["text_bytes"], header["sentences"]
    if len(data) != at + text_bytes + 16 * n_sentences:
        raise ValueError(f"{len(data)} bytes where the header says "
                         f"{at + text_bytes + 16 * n_sentences}")
    if zlib.crc32(memoryview(data)[at:]) != header["crc32"]:
        raise ValueError("its checksum does not match (a damaged file)")
    blob = memoryview(data)[at:at + text_bytes]  # decoded a sentence at a time
    at += text_bytes
    ends, paragraphs, sections = array("Q"), array(_U32), array(_U32)
    ends.frombytes(data[at:at + 8 * n_sentences])
    at += 8 * n_sentences
    paragraphs.frombytes(data[at:at + 4 * n_sentences])
    sections.frombytes(data[at + 4 * n_sentences:at + 8 * n_sentences])
    if n_sentences and ends[-1] != len(blob):
        raise ValueError(f"{len(blob)} bytes of text where the offsets say {ends[-1]}")
    names: list[str] = header["sections"]
    entries: dict[str, Entry] = {}
    start = 0
    for row in header["files"]:
        rel, stamp, meta_fp, doc = row[0], tuple(row[1]), row[2], row[3]
        if isinstance(doc, str):  # a skipped file: the reason
            entries[rel] = Entry(stamp, meta_fp, None, doc)  # type: ignore[arg-type]
            continue
        end = start + doc[8]
        entries[rel] = Entry(stamp, meta_fp, LazyDocument(  # type: ignore[arg-type]
            make=partial(_sentences, blob, ends, paragraphs, sections, names, doc[0], start,
                         end),
            where=(root, rel), count=doc[8], doc_id=doc[0], title=doc[1], source=doc[2],
            author=doc[3], url=doc[4], published=doc[5], headings=doc[6],
            content_hash=doc[7]))
        start = end
    if start != n_sentences:
        raise ValueError(f"documents hold {start} sentences of {n_sentences}")
    return Snapshot(entries, header["written_ns"])


def _sentences(blob: memoryview, ends: array[int], paragraphs: array[int], sections: array[int],
               names: list[str], doc_id: str, start: int, end: int) -> list[Sentence]:
    """One document's sentences, made when first asked for (see LazyDocument)."""
    begin = ends[start - 1] if start else 0
    out = []
    for i in range(start, end):
        stop = ends[i]
        out.append(Sentence(str(blob[begin:stop], "utf-8"), doc_id, i - start, paragraphs[i],
                            names[sections[i]]))
        begin = stop
    return out


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
    body = b"".join(texts) + ends.tobytes() + paragraphs.tobytes() + sections.tobytes()
    head = json.dumps({"key": _key(root, parser, max_bytes), "written_ns": time.time_ns(),
                       "sentences": len(texts), "sections": list(names),
                       "text_bytes": len(body) - 16 * len(texts), "crc32": zlib.crc32(body),
                       "files": files},
                      ensure_ascii=False).encode("utf-8")
    tmp = path.with_name(f".{SNAPSHOT_FILE}.{uuid.uuid4().hex}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as out:
            out.write(MAGIC + len(head).to_bytes(8, "little"))
            out.write(head)
            out.write(body)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only or full disk costs speed only
        log.warning("corpus snapshot %s not written: %s", path, exc)
        tmp.unlink(missing_ok=True)
        return False
    log.info("corpus snapshot written (%d files, %d sentences) in %.2f s", len(files),
             len(texts), time.perf_counter() - start)
    return True
