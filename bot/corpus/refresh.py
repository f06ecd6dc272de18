"""Pick up new, changed and deleted corpus files without a restart.

Only what changed is read: a file whose size, modification time and inode are those
it had when its document was loaded is not read again; any other file is read and
compared by content hash (sha256 of the bytes, as the loader records it), so a touch
or a checkout re-reads a file but changes nothing. A manifest edit reloads only the
documents whose entry changed, and an entry that only gained other outlets of the
same story (a republished wire story, ``[[key.also]]``) re-parses nothing. Unchanged
documents are reused as they are; a file that now fails to load keeps its last good
version and is reported. The rescan and the engine build run off the event loop; the
swap is one attribute assignment (``bot.swap_engine``), so commands in flight keep the
engine they started with. A periodic rescan was chosen over a file watcher: it needs
no extra dependency and behaves the same on network file systems.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.corpus.loader import (
    MANIFEST_NAMES,
    CorpusError,
    Manifest,
    SkipFile,
    doc_id_for,
    iter_corpus_files,
    load_file,
    manifest_key,
    parse_manifest,
    printable,
    read_bytes,
    with_republications,
)
from bot.corpus.model import Corpus, Document, Republication, SkippedFile

log = logging.getLogger(__name__)

#: what says a file is as it was when its document was loaded
FileStamp = tuple[int, int, int]


@dataclass
class RefreshReport:
    """What a rescan found; ``corpus`` is None when nothing changed."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: (relative path, reason) for files that failed to load
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: doc_ids whose file failed but whose last good version is still served
    kept: list[str] = field(default_factory=list)
    corpus: Corpus | None = None
    #: files read (the others were unchanged by their stamp and not opened)
    read: int = 0

    @property
    def changed_anything(self) -> bool:
        return self.corpus is not None

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed",
                 f"{len(self.removed)} removed", f"{len(self.failed)} failed"]
        if self.kept:
            parts.append(f"{len(self.kept)} kept at their last good version")
        return ", ".join(parts)


def _manifest_bytes(root: Path) -> tuple[bytes, Path | None]:
    for name in MANIFEST_NAMES:
        path = root / name
        if path.is_file():
            with contextlib.suppress(OSError):
                return path.read_bytes(), path
    return b"", None


def _stamp(path: Path) -> FileStamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


Entry = tuple[dict[str, str], tuple[Republication, ...]]


def _entry(manifest: Manifest, root: Path, path: Path) -> tuple[str | None, Entry]:
    key = manifest_key(manifest, root, path)
    if key is None:
        return None, ({}, ())
    return key, (manifest[key], manifest.republished.get(key, ()))


class CorpusRefresher:
    """Remembers the manifest it last saw and each loaded file's stamp, so a rescan reads
    only new and changed files and reloads only documents whose entry changed.

    One rescan at a time (``lock``): the periodic rescan and a feed's new articles
    would otherwise build two corpora from one and the second swap would drop the
    first's documents until the next rescan.
    """

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        # the bytes only (parsed in the first rescan, off the event loop)
        self._manifest_data, _ = _manifest_bytes(root)
        self._manifest: Manifest | None = None
        self._stamps: dict[str, FileStamp] = {}
        self.lock = asyncio.Lock()

    def rescan(self, current: Corpus) -> RefreshReport:
        """Compare the directory with ``current``; build the next corpus (CPU and I/O work)."""
        root = current.root
        if not root.is_dir():
            raise CorpusError(f"corpus directory {root} is gone; keeping the loaded corpus",
                              "the corpus directory is gone; the loaded corpus is kept")
        data, path = _manifest_bytes(root)
        if self._manifest is None:  # as the corpus was loaded
            # the loader's stamps, taken before it read each file: the first rescan opens
            # only the files changed since the load, not all 20,000
            self._stamps.update(current.stamps)
            self._manifest = self._parse(self._manifest_data, path or root / MANIFEST_NAMES[0],
                                         strict=False)
        old = self._manifest
        new = old if data == self._manifest_data else self._parse(
            data, path or root / MANIFEST_NAMES[0], strict=True)
        report = self._rescan(current, old, new)
        self._manifest_data, self._manifest = data, new
        return report

    @staticmethod
    def _parse(data: bytes, path: Path, *, strict: bool) -> Manifest:
        if not data:
            return Manifest()
        try:
            return parse_manifest(data, path)
        except CorpusError:
            if strict:
                raise
            return Manifest()  # the loader refused it at start-up too

    def _rescan(self, current: Corpus, old: Manifest, new: Manifest) -> RefreshReport:
        root = current.root
        report = RefreshReport()
        documents: dict[str, Document] = {}
        skipped: list[SkippedFile] = []
        seen: set[str] = set()
        for path in iter_corpus_files(root):
            doc_id = doc_id_for(root, path)
            seen.add(doc_id)
            original = current.documents.get(doc_id)
            stamp = _stamp(path)
            prior, reparse = original, False
            if original is not None and new is not old:
                key, (meta, also) = _entry(new, root, path)
                old_meta, old_also = _entry(old, root, path)[1]
                if meta != old_meta:  # title, outlet...: the text is cleaned with them
                    reparse = True
                elif also != old_also:  # only other outlets of the story: no parsing
                    prior = with_republications(original, new, key)
            if prior is not None and not reparse and stamp is not None \
                    and self._stamps.get(doc_id) == stamp:
                doc: Document | None = prior
                error = ""
            else:
                doc, error = self._load(root, path, new, None if reparse else prior, report)
            if doc is not None:
                documents[doc_id] = doc
                if original is None:
                    report.added.append(doc_id)
                elif doc is not original:
                    report.changed.append(doc_id)
                if stamp is not None:
                    self._stamps[doc_id] = stamp
                continue
            rel = printable(path.relative_to(root).as_posix())
            report.failed.append((rel, error))
            skipped.append(SkippedFile(rel, error))
            self._stamps.pop(doc_id, None)
            if original is not None:
                documents[doc_id] = original
                report.kept.append(doc_id)
                log.warning("%s failed to load (%s); keeping its last good version", rel, error)
            else:
                log.warning("%s failed to load: %s", rel, error)
        report.removed = sorted(d for d in current.documents if d not in seen)
        for doc_id in report.removed:
            self._stamps.pop(doc_id, None)
        if report.added or report.changed or report.removed or \
                {s.path for s in skipped} != {s.path for s in current.skipped}:
            if not documents:
                raise CorpusError(f"corpus directory {root} has no readable documents any "
                                  f"more; keeping the loaded corpus",
                                  "the corpus directory has no readable documents any more; "
                                  "the loaded corpus is kept")
            report.corpus = Corpus(root=root, documents=documents, skipped=skipped)
        return report

    def _load(self, root: Path, path: Path, manifest: Manifest, prior: Document | None,
              report: RefreshReport) -> tuple[Document | None, str]:
        """Read one file: ``prior`` when its bytes are the same, else the file parsed; or
        None and the reason it failed."""
        report.read += 1
        try:  # one read: the bytes hashed are the bytes parsed
            data = read_bytes(path, self.max_bytes, root)
        except SkipFile as exc:
            return None, str(exc)
        if prior is not None and prior.content_hash == hashlib.sha256(data).hexdigest():
            return prior, ""
        try:
            return load_file(root, path, manifest, self.max_bytes, data=data), ""
        except SkipFile as exc:
            return None, str(exc)
        except Exception as exc:  # a parser bug must not stop the refresh
            return None, f"could not parse ({type(exc).__name__})"


class EngineHost(Protocol):
    """What refreshing needs from the bot (BriefBot satisfies it)."""

    engine: Any
    settings: Any

    def run_engine(self, fn: Callable[..., Any], /, *args: Any,
                   **kwargs: Any) -> Awaitable[Any]: ...

    def swap_engine(self, engine: Any) -> None: ...


def next_engine(current: Any, report: RefreshReport) -> Any:
    """The engine for ``report.corpus`` (CPU work: call it off the event loop).

    The one place where the engine learns of a corpus change. ``report`` says what
    changed (``added``, ``changed``, ``removed``); the new engine reuses the stored
    index rows of unchanged documents (issue 15's stored indexes, when the current
    engine has a store), so only the new and changed documents are indexed.
    """
    from bot.engine import Engine

    assert report.corpus is not None
    engine = Engine(report.corpus, store_dir=getattr(current, "store_dir", None))
    engine.warm()
    return engine


async def refresh_engine(host: EngineHost, refresher: CorpusRefresher) -> RefreshReport:
    """Rescan the host's corpus; when something changed, build a new engine and swap it in."""
    async with refresher.lock:
        current = host.engine
        report: RefreshReport = await host.run_engine(refresher.rescan, current.corpus)
        if report.corpus is not None:
            engine = await host.run_engine(next_engine, current, report)
            host.swap_engine(engine)
            log.info("corpus refreshed: %s (%d files read)", report.summary(), report.read)
        return report
