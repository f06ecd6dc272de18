"""The engine: one object built per corpus, pure functions of it, no Discord imports.

Each capability lives in its own module and is built lazily the first time it is
asked for (and eagerly by :meth:`Engine.warm`, which the client calls off the
event loop at load), so a corpus swap is one attribute assignment.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import TYPE_CHECKING

from bot.corpus.model import Corpus

if TYPE_CHECKING:  # pragma: no cover
    from bot.engine.compare import Comparer
    from bot.engine.places import PlaceIndex
    from bot.engine.summary import Summarizer

log = logging.getLogger(__name__)


class Engine:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    @cached_property
    def summarizer(self) -> Summarizer:
        from bot.engine.summary import Summarizer

        return Summarizer(self.corpus)

    @cached_property
    def places(self) -> PlaceIndex:
        from bot.engine.places import PlaceIndex

        return PlaceIndex.build(self.corpus)

    @cached_property
    def comparer(self) -> Comparer:
        from bot.engine.compare import Comparer

        return Comparer(self.corpus, self)

    def warm(self) -> None:
        """Build every capability's index now (call from a worker thread)."""
        for name in ("summarizer", "places", "comparer"):
            try:
                getattr(self, name)
            except ImportError as exc:  # a capability not built yet
                log.debug("engine capability %s unavailable: %s", name, exc)
