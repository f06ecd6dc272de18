"""The engine: one object built per corpus, pure functions of it, no Discord imports.

Each capability lives in its own module and is built lazily the first time it is
asked for (and eagerly by :meth:`Engine.warm`, which the client calls off the
event loop at load), so a corpus swap is one attribute assignment.

With a store directory (the bot's ``CACHE_DIR``), the summarizer's and the comparer's
indexes are read from stored, memory-mapped files when the corpus is unchanged, and
built then stored otherwise (:mod:`bot.engine.indexes`); every shard process on the
machine then shares their pages.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot.corpus.model import Corpus, Document

if TYPE_CHECKING:  # pragma: no cover
    from bot.engine.compare import Comparer
    from bot.engine.places import PlaceIndex
    from bot.engine.stored import IndexStore
    from bot.engine.summary import Summarizer

log = logging.getLogger(__name__)
T = TypeVar("T")

CAPABILITIES = ("summarizer", "places", "comparer")


class Engine:
    """Capabilities are built once, on first use or by :meth:`warm`, under a lock per
    capability: the client warms the engine in one worker thread while commands in
    another may ask for the same index, which must then wait for it, not build it twice
    (``functools.cached_property`` stopped locking in Python 3.12)."""

    def __init__(self, corpus: Corpus, store_dir: Path | str | None = None) -> None:
        self.corpus = corpus
        self.store_dir = Path(store_dir) if store_dir else None
        self._built: dict[str, Any] = {}
        self._locks = {name: threading.Lock() for name in CAPABILITIES}
        self._fingerprints: list[tuple[str, str]] | None = None
        self._fingerprint_lock = threading.Lock()

    def ready(self, name: str) -> bool:
        """Whether a capability's index is built. Code on the event loop checks this before
        touching one: building it there would stall the loop for seconds."""
        return name in self._built

    def _capability(self, name: str, build: Callable[[], T]) -> T:
        if name not in self._built:
            with self._locks[name]:
                if name not in self._built:
                    self._built[name] = build()
        return self._built[name]  # type: ignore[no-any-return]

    @property
    def store(self) -> IndexStore | None:
        from bot.engine.stored import IndexStore

        return IndexStore(self.store_dir) if self.store_dir is not None else None

    def fingerprints(self) -> list[tuple[str, str]]:
        """(doc_id, fingerprint) of every document, in corpus order (keys stored indexes)."""
        from bot.engine.stored import corpus_fingerprints

        with self._fingerprint_lock:
            if self._fingerprints is None:
                self._fingerprints = corpus_fingerprints(self.corpus)
            return self._fingerprints

    @property
    def summarizer(self) -> Summarizer:
        from bot.engine.summary import Summarizer

        def build() -> Summarizer:
            from bot.engine.indexes import summary_indexes

            store = self.store
            index, concepts = summary_indexes(self.corpus, store,
                                              self.fingerprints() if store else ())
            return Summarizer(self.corpus, index=index, concepts=concepts)

        return self._capability("summarizer", build)

    @property
    def places(self) -> PlaceIndex:
        def build() -> PlaceIndex:
            from bot.engine.indexes import place_index

            store = self.store
            return place_index(self.corpus, store, self.fingerprints() if store else ())

        return self._capability("places", build)

    @property
    def comparer(self) -> Comparer:
        from bot.engine.compare import Comparer

        def build() -> Comparer:
            from bot.engine.indexes import comparer_arrays

            store = self.store
            arrays = comparer_arrays(self.corpus, store, self.fingerprints() if store else ())
            return Comparer(self.corpus, self, arrays=arrays)

        return self._capability("comparer", build)

    def warm(self, names: Iterable[str] = CAPABILITIES) -> None:
        """Build these capabilities' indexes now, in this order (call from a worker
        thread)."""
        for name in names:
            try:
                getattr(self, name)
            except ImportError as exc:  # a capability not built yet
                log.debug("engine capability %s unavailable: %s", name, exc)

    def add_documents(self, documents: Iterable[Document]) -> Engine:
        """A new engine over this corpus plus ``documents`` (a document with a doc_id the
        corpus has replaces it), with the same store. Nothing is built here: call
        :meth:`warm` on the result off the event loop, keep answering with this engine
        meanwhile, then swap. Its sentence index reuses the stored rows of every
        unchanged document, so one added file costs that file plus the corpus-wide
        statistics, not a rebuild (see :mod:`bot.engine.indexes`)."""
        merged = dict(self.corpus.documents)
        for doc in documents:
            merged[doc.doc_id] = doc
        corpus = Corpus(root=self.corpus.root, documents=merged,
                        skipped=list(self.corpus.skipped))
        return Engine(corpus, store_dir=self.store_dir)
