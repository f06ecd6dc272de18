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
import time
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
#: the stored index each capability reads (bot.engine.indexes)
INDEX_NAMES = {"summarizer": "summary", "places": "places", "comparer": "compare"}
#: seconds per sentence of a build when none was recorded (measured builds at 430,000
#: sentences, 20,000 generated documents, quiet machine: summary 35 s, places 50 s,
#: comparer 15 s) ...
BUILD_SECONDS_PER_SENTENCE = {"summarizer": 35 / 430_000, "places": 50 / 430_000,
                              "comparer": 15 / 430_000}
#: ... and the share of it a load from the store takes when no load was recorded yet
#: (the same runs: 2.6 s, 1.0 s and 0.1 s, at most 8%)
LOAD_SHARE = 0.08


def _builds(name: str) -> int:
    """How many times this process has built the capability's index (not read it)."""
    from bot.engine.indexes import BUILDS

    return BUILDS[INDEX_NAMES[name]]


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
        # for "ready in about N s": when each build began, and (load or build, seconds)
        # expected of it, estimated off the event loop (:meth:`plan`)
        self._started: dict[str, float] = {}
        self._expected: dict[str, tuple[str, float]] = {}

    def ready(self, name: str) -> bool:
        """Whether a capability's index is built. Code on the event loop checks this before
        touching one: building it there would stall the loop for seconds."""
        return name in self._built

    def _capability(self, name: str, build: Callable[[], T]) -> T:
        if name not in self._built:
            with self._locks[name]:
                if name not in self._built:
                    # timed from here: the index's libraries are imported in _builds
                    self._started[name] = started = time.monotonic()
                    self._plan_one(name)
                    builds = _builds(name)
                    built = build()
                    # what happened, not what the plan expected (a code change rebuilds)
                    kind = "build" if _builds(name) > builds else "load"
                    self._record(name, kind, time.monotonic() - started)
                    self._built[name] = built
        return self._built[name]  # type: ignore[no-any-return]

    # -- how long until an index is ready -----------------------------------------------
    def plan(self, names: Iterable[str] = CAPABILITIES) -> None:
        """Estimate how long each capability not built yet will take (from the times the
        store recorded for this corpus's indexes; call off the event loop: it reads the
        corpus's fingerprints), so that :meth:`eta` answers at once on the loop."""
        for name in names:
            if name not in self._built:
                self._plan_one(name)

    def _plan_one(self, name: str) -> tuple[str, float]:
        if name not in self._expected:
            try:
                self._expected[name] = self._estimate(name)
            except Exception:  # an estimate is never worth a failed build
                log.exception("could not estimate the %s index's load time", name)
                self._expected[name] = ("build", 0.0)
        return self._expected[name]

    def _estimate(self, name: str) -> tuple[str, float]:
        """("load" or "build", seconds): a load when the store holds this corpus's index."""
        sentences = sum(d.sentence_count for d in self.corpus.documents.values())
        guess = sentences * BUILD_SECONDS_PER_SENTENCE[name]
        store = self.store
        if store is None:
            return "build", guess
        from bot.engine.stored import combined

        index = INDEX_NAMES[name]
        kind = "load" if store.has_corpus(index, combined(self.fingerprints())) else "build"
        recorded = store.recorded_seconds(index)
        return kind, recorded.get(kind, guess * LOAD_SHARE if kind == "load" else guess)

    def _recorded(self, name: str) -> tuple[str, float] | None:
        """Before :meth:`plan` has run (it reads every document's fingerprint): the last
        recorded load, else build, of this index (one small file read)."""
        if self.store_dir is None:
            return None
        from bot.engine import timings  # not the store: numpy and SciPy, on the event loop

        root = timings.indexes_root(self.store_dir)
        recorded = timings.recorded_seconds(root, INDEX_NAMES[name])
        if "load" in recorded:
            return "load", recorded["load"]
        if "build" not in recorded:
            return None
        if timings.has_stored(root, INDEX_NAMES[name]):
            # Built and stored last time, never loaded yet: the first restart after a cold
            # build would otherwise announce the whole build time for a sub-second load.
            return "load", recorded["build"] * LOAD_SHARE
        return "build", recorded["build"]

    def _record(self, name: str, kind: str, seconds: float) -> None:
        store = self.store
        if store is not None:
            store.record_seconds(INDEX_NAMES[name], kind, seconds)

    def eta(self, name: str) -> float | None:
        """Seconds until this capability is probably ready (at least 1), or None when it
        is ready or nothing is known yet. Cheap: for code on the event loop."""
        if name in self._built:
            return None
        expected = self._expected.get(name) or self._recorded(name)
        if expected is None:
            return None
        started = self._started.get(name)
        elapsed = time.monotonic() - started if started is not None else 0.0
        return max(1.0, expected[1] - elapsed)

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
            comparer = Comparer(self.corpus, self, arrays=arrays)
            # the encoder session, GloVe pages and the matcher's lazy parts: at load, in
            # the warm-up thread, not in the first /compare
            comparer.warm()
            return comparer

        return self._capability("comparer", build)

    def warm(self, names: Iterable[str] = CAPABILITIES) -> None:
        """Build these capabilities' indexes now, in this order (call from a worker
        thread)."""
        names = tuple(names)
        self.plan(names)
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
