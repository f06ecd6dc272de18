"""/follow: a short, attributed note to a channel when new articles mention a place.

Batched: new articles are queued per (server, place) and posted at most once per
``interval`` for each, listing every article queued since the last note. A place
includes what lies inside it (following Iraq hears about Mosul). The queue lives in
the database (``place_note_pending``): notes still queued when the bot stops are
posted after a restart, once (the post and the queue's removal are recorded together
right after the note is sent). Discord-free: the cog passes ``announce``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.corpus.feeds.writer import Added
from bot.store.feeds import FeedStore, NoteItem

log = logging.getLogger(__name__)
#: (channel id, place name, articles, nonce): the nonce is Discord's idempotency key,
#: so a note re-sent after a crash between its post and its record is one message
AnnouncePlace = Callable[[int, str, list[Added], str], Awaitable[None]]
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


def note_nonce(guild_id: int, place: str, items: Iterable[NoteItem],
               last_posted: datetime | None) -> str:
    """One note's idempotency key (at most 25 characters, as Discord requires): the same
    articles after the same previous note, so a note re-sent after a crash is one
    message, and a later note is another."""
    key = f"{guild_id}:{place}:{last_posted}:" + ",".join(sorted(i.doc_id for i in items))
    return "pn" + hashlib.sha256(key.encode()).hexdigest()[:23]


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
        self._lock = asyncio.Lock()  # the periodic flush and a poll's notice take turns

    async def pending(self) -> dict[tuple[int, str], list[NoteItem]]:
        """(server, place key) -> the articles waiting for its next note, oldest first."""
        return await asyncio.to_thread(self.store.pending_notes)

    async def notice(self, engine: Any, doc_ids: list[str]) -> None:
        """Queue the new documents for every follow whose place they mention, then post
        what is due."""
        async with self._lock:
            await self._queue(engine, doc_ids)
            await self._flush()

    async def _queue(self, engine: Any, doc_ids: list[str]) -> None:
        follows = await asyncio.to_thread(self.store.follows)
        if not follows or not doc_ids:
            return
        keys = {f.place for f in follows}
        found = await self.run_cpu(matches, engine, keys, doc_ids)
        now = self.clock()
        for follow in follows:
            items = [NoteItem(a.doc_id, a.title, a.source, a.url, a.published)
                     for a in (describe(engine, d) for d in found.get(follow.place, []))
                     if a is not None]
            if items:
                await asyncio.to_thread(self.store.queue_notes, follow.guild_id, follow.place,
                                        items, now)

    async def flush(self) -> int:
        """Post every queue whose place has not had a note within ``interval``."""
        async with self._lock:
            return await self._flush()

    async def _flush(self) -> int:
        pending = await self.pending()
        if not pending:
            return 0
        now = self.clock()
        follows = {(f.guild_id, f.place): f for f in await asyncio.to_thread(self.store.follows)}
        posted = 0
        for (guild_id, place), items in pending.items():
            follow = follows.get((guild_id, place))
            if follow is None:  # unfollowed meanwhile (unfollow drops its queue too)
                continue
            last = follow.last_posted_at
            if last is not None and now - last < timedelta(seconds=self.interval):
                continue
            try:
                await self.announce(follow.channel_id, follow.name,
                                    [Added(i.doc_id, i.title, i.source, i.url, i.published)
                                     for i in items], note_nonce(guild_id, place, items, last))
            except Exception as exc:
                log.warning("could not post the %s note in channel %s: %s", follow.name,
                            follow.channel_id, exc)
                continue
            await asyncio.to_thread(self.store.notes_posted, guild_id, place,
                                    [i.doc_id for i in items], now)
            posted += 1
        return posted
