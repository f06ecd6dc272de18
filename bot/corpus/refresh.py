"""Pick up new, changed and deleted corpus files without a restart.

Files are compared by content hash (sha256 of the bytes, as the loader records it),
not by mtime, so a touch or a checkout changes nothing. Unchanged documents are
reused as they are; a file that now fails to load keeps its last good version and
is reported. The rescan and the engine build run off the event loop; the swap is
one attribute assignment (``bot.swap_engine``), so commands in flight keep the
engine they started with. A periodic rescan was chosen over a file watcher: it
needs no extra dependency and behaves the same on network file systems.
"""

from __future__ import annotations

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
    SkipFile,
    doc_id_for,
    iter_corpus_files,
    load_file,
    load_manifest,
    printable,
    read_bytes,
)
from bot.corpus.model import Corpus, Document, SkippedFile

log = logging.getLogger(__name__)


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

    @property
    def changed_anything(self) -> bool:
        return self.corpus is not None

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed",
                 f"{len(self.removed)} removed", f"{len(self.failed)} failed"]
        if self.kept:
            parts.append(f"{len(self.kept)} kept at their last good version")
        return ", ".join(parts)


def _manifest_hash(root: Path) -> str:
    h = hashlib.sha256()
    for name in MANIFEST_NAMES:
        path = root / name
        if path.is_file():
            with contextlib.suppress(OSError):
                h.update(path.read_bytes())
    return h.hexdigest()


class CorpusRefresher:
    """Remembers the manifest it last saw, so an edit to sources.toml reloads every file."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._manifest = _manifest_hash(root)

    def rescan(self, current: Corpus) -> RefreshReport:
        """Compare the directory with ``current``; build the next corpus (CPU and I/O work)."""
        report = _rescan(current, self.max_bytes, self._manifest)
        self._manifest = _manifest_hash(current.root)
        return report


def _rescan(current: Corpus, max_bytes: int, manifest_seen: str) -> RefreshReport:
    root = current.root
    if not root.is_dir():
        raise CorpusError(f"corpus directory {root} is gone; keeping the loaded corpus",
                          "the corpus directory is gone; the loaded corpus is kept")
    manifest = load_manifest(root)
    manifest_changed = _manifest_hash(root) != manifest_seen
    report = RefreshReport()
    documents: dict[str, Document] = {}
    skipped: list[SkippedFile] = []
    seen: set[str] = set()
    for path in iter_corpus_files(root):
        rel = printable(path.relative_to(root).as_posix())
        doc_id = doc_id_for(root, path)
        seen.add(doc_id)
        old = current.documents.get(doc_id)
        data = b""
        try:  # one read: the bytes hashed are the bytes parsed
            data = read_bytes(path, max_bytes, root)
        except SkipFile as exc:
            error: str | None = str(exc)
        else:
            error = None
        digest = hashlib.sha256(data).hexdigest()
        if error is None and old is not None and old.content_hash == digest \
                and not manifest_changed:
            documents[doc_id] = old
            continue
        if error is None:
            try:
                doc = load_file(root, path, manifest, max_bytes, data=data)
            except SkipFile as exc:
                error = str(exc)
            except Exception as exc:  # a parser bug must not stop the refresh
                error = f"could not parse ({type(exc).__name__})"
            else:
                documents[doc_id] = doc
                if old is None:
                    report.added.append(doc_id)
                elif old.content_hash != doc.content_hash or manifest_changed:
                    report.changed.append(doc_id)
                continue
        report.failed.append((rel, error))
        skipped.append(SkippedFile(rel, error))
        if old is not None:
            documents[doc_id] = old
            report.kept.append(doc_id)
            log.warning("%s failed to load (%s); keeping its last good version", rel, error)
        else:
            log.warning("%s failed to load: %s", rel, error)
    report.removed = sorted(d for d in current.documents if d not in seen)
    if report.added or report.changed or report.removed or \
            {s.path for s in skipped} != {s.path for s in current.skipped}:
        if not documents:
            raise CorpusError(f"corpus directory {root} has no readable documents any more; "
                              f"keeping the loaded corpus",
                              "the corpus directory has no readable documents any more; "
                              "the loaded corpus is kept")
        report.corpus = Corpus(root=root, documents=documents, skipped=skipped)
    return report


class EngineHost(Protocol):
    """What refreshing needs from the bot (BriefBot satisfies it)."""

    engine: Any
    settings: Any

    def run_engine(self, fn: Callable[..., Any], /, *args: Any,
                   **kwargs: Any) -> Awaitable[Any]: ...

    def swap_engine(self, engine: Any) -> None: ...


def _rebuild(corpus: Corpus, store_dir: Any = None) -> Any:
    from bot.engine import Engine

    engine = Engine(corpus, store_dir=store_dir)  # reuses stored rows of unchanged documents
    engine.warm()
    return engine


async def refresh_engine(host: EngineHost, refresher: CorpusRefresher) -> RefreshReport:
    """Rescan the host's corpus; when something changed, build a new engine and swap it in."""
    current = host.engine.corpus
    report: RefreshReport = await host.run_engine(refresher.rescan, current)
    if report.corpus is not None:
        engine = await host.run_engine(_rebuild, report.corpus,
                                       getattr(host.engine, "store_dir", None))
        host.swap_engine(engine)
        log.info("corpus refreshed: %s", report.summary())
    return report
