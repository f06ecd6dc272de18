"""Polling subscribed feeds as a good citizen, and deciding what each channel hears about.

One fetch per feed however many servers follow it; conditional GET (ETag and
Last-Modified) so an unchanged feed costs a 304; after an error the feed waits
``retry_base * 2**(errors-1)`` seconds (capped, +-25 % jitter so failing feeds do not
retry in step, never sooner than the server's Retry-After); a 410 stops polling.
The first successful fetch of a feed marks its entries as seen and announces nothing.
A story reaches a channel once, whichever feeds carried it (``feed_post``), and only
if it names one of the subscription's keywords when it has some.
Discord-free: the cog passes ``announce``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections import defaultdict
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from bot.corpus.feeds.fetch import Fetcher
from bot.corpus.feeds.filters import admits
from bot.corpus.feeds.ingest import Ingestor, RunCPU, in_thread
from bot.corpus.feeds.parse import NotAFeed, discover_feed, looks_like_html, parse_feed
from bot.corpus.feeds.urls import clean_url
from bot.corpus.feeds.writer import Added
from bot.store.feeds import FeedState, FeedStore

log = logging.getLogger(__name__)
T = TypeVar("T")
Announce = Callable[[int, list[Added]], Awaitable[None]]
#: (articles added, existing documents that gained another outlet) -> the corpus takes them in
OnAdded = Callable[[list[Added], list[str]], Awaitable[None]]
MAX_RETRY_SECONDS = 6 * 3600


@dataclass
class FeedPoll:
    """What one poll of one feed did."""

    feed: FeedState
    status: str  # new | not-modified | first | error | gone
    new_entries: int = 0
    added: list[Added] = field(default_factory=list)
    #: documents holding this poll's new entries (added now or already there)
    doc_ids: list[str] = field(default_factory=list)
    error: str | None = None
    #: documents that this poll found republished by another outlet (their metadata grew)
    republished: list[str] = field(default_factory=list)


@dataclass
class PollRound:
    polls: list[FeedPoll] = field(default_factory=list)
    #: channel id -> documents announced there
    announced: dict[int, list[str]] = field(default_factory=dict)

    @property
    def added(self) -> list[Added]:
        return [a for p in self.polls for a in p.added]

    @property
    def republished(self) -> list[str]:
        return list(dict.fromkeys(d for p in self.polls for d in p.republished))


async def feed_address(fetcher: Fetcher, url: str) -> str:
    """The feed to follow for ``url``: itself, or the feed a web page advertises.

    Raises :class:`NotAFeed` for a page that advertises none. A URL that cannot be
    fetched now is kept as given: the poller retries it and /feed list shows why.
    """
    result = await fetcher.fetch(url)
    if not result.ok or not looks_like_html(result.body, result.content_type):
        return url
    found = await asyncio.to_thread(discover_feed, result.body, result.final_url)
    if found is None:
        raise NotAFeed(f"{url} is a web page that advertises no feed; give the feed's own "
                       f"address (often /feed, /rss or /atom.xml)")
    return clean_url(found)


def retry_delay(errors: int, retry_base: float, retry_after: float | None,
                rng: random.Random) -> float:
    """Seconds before the next try after ``errors`` failures in a row."""
    delay = min(retry_base * 2 ** max(0, errors - 1), MAX_RETRY_SECONDS)
    return max(delay * rng.uniform(0.75, 1.25), retry_after or 0.0)


class FeedPoller:
    def __init__(self, store: FeedStore, ingestor: Ingestor, announce: Announce, *,
                 interval: float = 600, retry_base: float = 60,
                 run_cpu: RunCPU = in_thread,
                 on_added: OnAdded | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 rng: random.Random | None = None) -> None:
        self.store = store
        self.ingestor = ingestor
        self.announce = announce
        self.interval = interval
        self.retry_base = retry_base
        self.run_cpu = run_cpu
        self.on_added = on_added
        self.clock = clock
        self.rng = rng or random.Random()
        self._task: asyncio.Task[None] | None = None
        self._round = asyncio.Lock()
        self._db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-store")

    async def _db(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Store calls in one thread of their own: SQLite takes one writer at a time, and
        200 threads queueing for it would also queue for the interpreter lock, which the
        event loop needs too."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db_thread, functools.partial(fn, *args, **kwargs))

    # the loop ------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="feed-poller")

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._db_thread.shutdown(wait=False)

    async def _run(self) -> None:
        tick = max(0.05, min(self.interval, 60.0))
        while True:
            try:
                await self.poll_due()
            except Exception:  # the loop must survive anything one round throws
                log.exception("feed poll round failed")
            nxt = await self._db(self.store.next_due)
            wait = tick if nxt is None else (nxt - self.clock()).total_seconds()
            await asyncio.sleep(min(max(wait, 0.05), tick))

    # one round -------------------------------------------------------------------------
    async def poll_due(self) -> PollRound:
        """Poll every due feed concurrently (the fetcher bounds it), announce, then let the
        corpus take the new articles in."""
        async with self._round:
            due = await self._db(self.store.due, self.clock())
            polls = await asyncio.gather(*(self.poll_feed(f) for f in due))
            result = PollRound(list(polls))
            # posts first: rebuilding the engine for the new corpus can take a while
            result.announced = await self._announce(result.polls)
            if (result.added or result.republished) and self.on_added is not None:
                try:
                    await self.on_added(result.added, result.republished)
                except Exception:
                    log.exception("updating the corpus after a poll failed")
            return result

    async def poll_feed(self, feed: FeedState) -> FeedPoll:
        now = self.clock()
        result = await self.ingestor.fetcher.fetch(feed.url, etag=feed.etag,
                                                   last_modified=feed.last_modified)
        if result.not_modified:
            await self._db(self.store.record_fetch, feed.id, now=now,
                           next_fetch_at=self._next_ok(now), etag=result.etag or feed.etag,
                           last_modified=result.last_modified or feed.last_modified)
            return FeedPoll(feed, "not-modified")
        error = result.error
        parsed = None
        if error is None:
            try:
                parsed = await self.run_cpu(parse_feed, result.body, result.final_url,
                                            result.content_type)
            except NotAFeed as exc:
                error = str(exc)
        if error is not None or parsed is None:
            return await self._failed(feed, now, error or "no feed", result.retry_after,
                                      result.gone)
        guids = [e.guid for e in parsed.entries]
        fresh = await self._db(self.store.unseen, feed.id, guids, now)
        await self._db(self.store.record_fetch, feed.id, now=now,
                       next_fetch_at=self._next_ok(now), etag=result.etag,
                       last_modified=result.last_modified, items=len(parsed.entries),
                       title=parsed.title)
        if feed.last_success_at is None:  # first fetch: what is there now is old news
            log.info("feed %s: first fetch, %d entries marked as seen", feed.url, len(fresh))
            return FeedPoll(feed, "first", new_entries=len(fresh))
        entries = [e for e in parsed.entries if e.guid in fresh]
        if not entries:
            return FeedPoll(feed, "new")
        report = await self.ingestor.ingest_entries(parsed, entries, feed_url=feed.url)
        docs = [a.doc_id for a in report.added] + [s.doc_id for s in report.skipped if s.doc_id]
        return FeedPoll(feed, "new", len(entries), report.added, list(dict.fromkeys(docs)),
                        republished=[s.doc_id for s in report.skipped if s.republication])

    async def _failed(self, feed: FeedState, now: datetime, error: str,
                      retry_after: float | None, gone: bool) -> FeedPoll:
        errors = feed.errors + 1
        delay = retry_delay(errors, self.retry_base, retry_after, self.rng)
        if gone:
            error += "; polling stopped (remove the feed or add it again)"
        await self._db(self.store.record_fetch, feed.id, now=now, error=error, gone=gone,
                       next_fetch_at=now + timedelta(seconds=delay))
        log.info("feed %s: %s (failure %d, next try in %.0f s)", feed.url, error, errors, delay)
        return FeedPoll(feed, "gone" if gone else "error", error=error)

    def _texts(self, doc_ids: list[str]) -> dict[str, str]:
        return {d: self.ingestor.writer.text_of(d) for d in doc_ids}

    def _next_ok(self, now: datetime) -> datetime:
        return now + timedelta(seconds=self.interval * self.rng.uniform(0.9, 1.1))

    async def _announce(self, polls: list[FeedPoll]) -> dict[int, list[str]]:
        """One batched post per channel per round, each story once per channel."""
        per_channel: defaultdict[int, list[str]] = defaultdict(list)
        texts: dict[str, str] = {}
        for poll in polls:
            if not poll.doc_ids:
                continue
            for sub in await self._db(self.store.subscriptions, feed_id=poll.feed.id):
                doc_ids = poll.doc_ids
                if sub.keywords:  # this channel hears only about what its words name
                    todo = [d for d in doc_ids if d not in texts]
                    if todo:
                        texts.update(await asyncio.to_thread(self._texts, todo))
                    doc_ids = [d for d in doc_ids if admits(sub.keywords, texts[d])]
                per_channel[sub.channel_id] += doc_ids
        announced: dict[int, list[str]] = {}
        described = self.ingestor.writer.described
        for channel_id, doc_ids in per_channel.items():
            todo = await self._db(self.store.unposted, channel_id, doc_ids)
            items = [described[d] for d in todo if d in described]
            if not items:
                continue
            try:
                await self.announce(channel_id, items)
            except Exception as exc:
                log.warning("could not announce %d articles in channel %s: %s",
                            len(items), channel_id, exc)
                continue
            await self._db(self.store.record_posts, channel_id, [a.doc_id for a in items],
                           self.clock())
            announced[channel_id] = [a.doc_id for a in items]
        return announced
