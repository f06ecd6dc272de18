"""The engine: one object built per corpus, pure functions of it, no Discord imports.

Each capability lives in its own module and is built lazily the first time it is
asked for (and eagerly by :meth:`Engine.warm`, which the client calls off the
event loop at load), so a corpus swap is one attribute assignment.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from bot.corpus.model import Corpus

if TYPE_CHECKING:  # pragma: no cover
    from bot.engine.compare import Comparer
    from bot.engine.places import PlaceIndex
    from bot.engine.summary import Summarizer

log = logging.getLogger(__name__)
T = TypeVar("T")

CAPABILITIES = ("summarizer", "places", "comparer")


class Engine:
    """Capabilities are built once, on first use or by :meth:`warm`, under a lock per
    capability: the client warms the engine in one worker thread while commands in
    another may ask for the same index, which must then wait for it, not build it twice
    (``functools.cached_property`` stopped locking in Python 3.12)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._built: dict[str, Any] = {}
        self._locks = {name: threading.Lock() for name in CAPABILITIES}

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
    def summarizer(self) -> Summarizer:
        from bot.engine.summary import Summarizer

        return self._capability("summarizer", lambda: Summarizer(self.corpus))

    @property
    def places(self) -> PlaceIndex:
        from bot.engine.places import PlaceIndex

        return self._capability("places", lambda: PlaceIndex.build(self.corpus))

    @property
    def comparer(self) -> Comparer:
        from bot.engine.compare import Comparer

        return self._capability("comparer", lambda: Comparer(self.corpus, self))

    def warm(self) -> None:
        """Build every capability's index now (call from a worker thread)."""
        for name in CAPABILITIES:
            try:
                getattr(self, name)
            except ImportError as exc:  # a capability not built yet
                log.debug("engine capability %s unavailable: %s", name, exc)
