"""/follow: a short, attributed note to a channel when new articles mention a place.

Batched: new articles are queued per (server, place) and posted at most once per
``interval`` for each, listing every article queued since the last note. A place
includes what lies inside it (following Iraq hears about Mosul). The queue lives in
memory: notes still queued when the bot stops are not posted after a restart.
Discord-free: the cog passes ``announce``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.corpus.feeds.writer import Added
from bot.store.feeds import FeedStore

log = logging.getLogger(__name__)
AnnouncePlace = Callable[[int, str, list[Added]], Awaitable[None]]
DEFAULT_INTERVAL = 3600.0


def describe(engine: Any, doc_id: str) -> Added | None:
    doc = engine.corpus.documents.get(doc_id)
    if doc is None:
        return None
    return Added(doc_id, doc.title, doc.source, doc.url, doc.published)


def matches(engine: Any, place_keys: Iterable[str], doc_ids: Iterable[str]) -> dict[str, list[str]]:
    """place key -> the given documents that mention it or a place inside it (CPU work:
    builds the engine's place index when it is not built yet)."""
    index = engine.places
    out: dict[str, list[str]] = {}
    docs = list(doc_ids)
    for key in place_keys:
        scope = index.scope(key)
        hits = [d for d in docs if scope & set(index.doc_places.get(d, ()))]
        if hits:
            out[key] = hits
    return out


class PlaceNotifier:
    def __init__(self, store: FeedStore, announce: AnnouncePlace, *,
                 interval: float = DEFAULT_INTERVAL,
                 run_cpu: Callable[..., Awaitable[Any]] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.announce = announce
        self.interval = interval
        self.run_cpu = run_cpu or asyncio.to_thread
        self.clock = clock
        #: (guild, place key) -> queued articles, oldest first
        self.pending: dict[tuple[int, str], list[Added]] = {}
        self._lock = asyncio.Lock()  # the periodic flush and a poll's notice take turns

    async def notice(self, engine: Any, doc_ids: list[str]) -> None:
        """Queue the new documents for every follow whose place they mention, then post
        what is due."""
        async with self._lock:
            await self._queue(engine, doc_ids)
            await self._flush()

    async def _queue(self, engine: Any, doc_ids: list[str]) -> None:
        follows = await asyncio.to_thread(self.store.follows)
        if follows and doc_ids:
            keys = {f.place for f in follows}
            found = await self.run_cpu(matches, engine, keys, doc_ids)
            for follow in follows:
                for doc_id in found.get(follow.place, []):
                    item = describe(engine, doc_id)
                    queue = self.pending.setdefault((follow.guild_id, follow.place), [])
                    if item is not None and all(q.doc_id != doc_id for q in queue):
                        queue.append(item)

    async def flush(self) -> int:
        """Post every queue whose place has not had a note within ``interval``."""
        async with self._lock:
            return await self._flush()

    async def _flush(self) -> int:
        if not self.pending:
            return 0
        now = self.clock()
        follows = {(f.guild_id, f.place): f for f in await asyncio.to_thread(self.store.follows)}
        posted = 0
        for key, items in list(self.pending.items()):
            follow = follows.get(key)
            if follow is None:  # unfollowed meanwhile
                self.pending.pop(key, None)
                continue
            last = follow.last_posted_at
            if not items or (last is not None and now - last < timedelta(seconds=self.interval)):
                continue
            try:
                await self.announce(follow.channel_id, follow.name, items)
            except Exception as exc:
                log.warning("could not post the %s note in channel %s: %s", follow.name,
                            follow.channel_id, exc)
                continue
            self.pending.pop(key, None)
            await asyncio.to_thread(self.store.followed_posted, follow.guild_id, follow.place, now)
            posted += 1
        return posted
