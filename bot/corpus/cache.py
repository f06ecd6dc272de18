"""On-disk cache of parsed documents, keyed by each file's content hash.

Parsing (cleaning + sentence segmentation) is most of a cold corpus load; with
``CACHE_DIR`` set, an unchanged file is read and hashed but not parsed again. The
loader reads each file once and asks the cache by hash (this module never reads the
corpus, and does not import the loader). Entries are read one by one, when asked for:
a warm start takes its documents from the corpus snapshot (:mod:`bot.corpus.snapshot`)
and asks this cache only about the files that changed since.

Why SQLite with JSON payloads (stdlib, no new dependency): one file holds 20,000
entries, writes are one transaction, and a cache
file can never run code when read (unlike pickle). Entries are keyed by
(content hash, doc_id) and checked against a fingerprint of the manifest entry
and of the parser's own source, so editing ``sources.toml`` or the cleaning code
invalidates exactly what it must. Entries not used by a load are pruned, which
keeps the cache the size of the corpus.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.corpus.model import Document, Sentence, SkipFile

log = logging.getLogger(__name__)

CACHE_FILE = "documents.sqlite3"
_CREATE = ("CREATE TABLE IF NOT EXISTS documents (content_hash TEXT, doc_id TEXT, "
           "fingerprint TEXT, payload TEXT, PRIMARY KEY (content_hash, doc_id))")
SCHEMA_VERSION = "1"
_PARSER_MODULES = ("loader.py", "cleaning.py", "comments.py", "segment.py", "model.py")


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """Changes whenever the code that turns bytes into a Document changes."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    here = Path(__file__).resolve().parent
    for name in _PARSER_MODULES:
        digest.update((here / name).read_bytes())
    try:
        from importlib.metadata import version

        digest.update(version("nupunkt").encode())
    except Exception:  # metadata missing in an odd install: the source hash still holds
        pass
    return digest.hexdigest()[:16]


def meta_fingerprint(meta: dict[str, str], max_bytes: int) -> str:
    """What, besides the file's bytes, decides its parsed document: the parser's code,
    the size limit and the file's manifest entry."""
    data = json.dumps([parser_fingerprint(), max_bytes, sorted(meta.items())])
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def _encode(doc: Document) -> str:
    return json.dumps({
        "title": doc.title, "source": doc.source, "author": doc.author, "url": doc.url,
        "published": doc.published, "headings": doc.headings,
        "sentences": [[s.text, s.paragraph, s.section] for s in doc.sentences],
    }, ensure_ascii=False)


def _decode(doc_id: str, payload: dict[str, Any], path: Path, content_hash: str) -> Document:
    sentences = [Sentence(text, doc_id, i, paragraph, section)
                 for i, (text, paragraph, section) in enumerate(payload["sentences"])]
    return Document(doc_id=doc_id, title=payload["title"], sentences=sentences,
                    source=payload["source"], author=payload["author"], url=payload["url"],
                    published=payload["published"], headings=list(payload["headings"]),
                    path=path, content_hash=content_hash)


class DocumentCache:
    """Open for one corpus load (one thread), then :meth:`close` to write and prune."""

    def __init__(self, cache_dir: Path | str) -> None:
        self.dir = Path(cache_dir).expanduser()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / CACHE_FILE
        self.hits = 0
        self.misses = 0
        self._new: dict[tuple[str, str], tuple[str, str]] = {}
        self._used: set[tuple[str, str]] = set()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute(_CREATE)
        except sqlite3.DatabaseError as exc:  # a corrupt cache is rebuilt, never fatal
            log.warning("document cache %s unreadable (%s): rebuilding it", self.path, exc)
            self._db.close()
            self.path.unlink(missing_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute(_CREATE)

    def keep(self, keys: Iterable[tuple[str, str]]) -> None:
        """(content hash, doc_id) of documents this load took from elsewhere (the corpus
        snapshot): not pruned."""
        self._used.update(keys)

    def lookup(self, content_hash: str, doc_id: str, meta: dict[str, str], max_bytes: int,
               path: Path) -> Document | None:
        """The document parsed earlier from these bytes with this metadata, or None.

        Raises ``SkipFile`` exactly as parsing did (skips are cached too, so 100,000
        unusable files are not re-parsed on every start).
        """
        key = (content_hash, doc_id)
        self._used.add(key)
        try:
            cached = self._db.execute("SELECT fingerprint, payload FROM documents WHERE "
                                      "content_hash = ? AND doc_id = ?", key).fetchone()
        except sqlite3.DatabaseError as exc:
            log.warning("document cache %s unreadable (%s)", self.path, exc)
            cached = None
        if cached is None or cached[0] != meta_fingerprint(meta, max_bytes):
            self.misses += 1
            return None
        payload = json.loads(cached[1])
        self.hits += 1
        if "skip" in payload:
            raise SkipFile(payload["skip"])
        return _decode(doc_id, payload, path, content_hash)

    def remember(self, doc: Document, meta: dict[str, str], max_bytes: int) -> None:
        self._new[(doc.content_hash, doc.doc_id)] = (meta_fingerprint(meta, max_bytes),
                                                     _encode(doc))

    def remember_skip(self, content_hash: str, doc_id: str, meta: dict[str, str],
                      max_bytes: int, reason: str) -> None:
        self._new[(content_hash, doc_id)] = (meta_fingerprint(meta, max_bytes),
                                             json.dumps({"skip": reason}))

    def close(self) -> None:
        """Write new entries and drop those this load did not use, in one transaction."""
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                    [(h, d, f, p) for (h, d), (f, p) in self._new.items()])
                stale = [k for k in self._db.execute("SELECT content_hash, doc_id FROM "
                                                     "documents") if k not in self._used]
                self._db.executemany(
                    "DELETE FROM documents WHERE content_hash = ? AND doc_id = ?", stale)
        except sqlite3.DatabaseError as exc:  # a read-only or full disk costs speed only
            log.warning("document cache %s not written: %s", self.path, exc)
        finally:
            self._db.close()
        log.info("document cache: %d reused, %d parsed", self.hits, self.misses)
