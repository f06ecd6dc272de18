"""Feed and article links -> articles in the corpus (shared by `briefbot ingest` and the poller).

Each link is fetched once: a feed's entries are deduplicated by GUID and canonical URL
before any page is fetched; each new entry's page is fetched and extracted with
trafilatura, falling back to the entry's own text when the page cannot be fetched or
read; near-duplicate texts are caught when the article is written.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.corpus.feeds.fetch import PAGE_ACCEPT, Fetcher, FetchResult
from bot.corpus.feeds.parse import (
    Article,
    FeedEntry,
    NotAFeed,
    ParsedFeed,
    extract_page,
    looks_like_html,
    parse_feed,
)
from bot.corpus.feeds.urls import UnsafeURLError, canonical_url, check_scheme
from bot.corpus.feeds.writer import Added, Candidate, CorpusWriter, Skipped

log = logging.getLogger(__name__)
T = TypeVar("T")
RunCPU = Callable[..., Awaitable[Any]]


async def in_thread(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    return await asyncio.to_thread(functools.partial(fn, *args, **kwargs))


@dataclass
class IngestReport:
    added: list[Added] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict[str, str]]]:
        return {"added": [a.to_dict() for a in self.added],
                "skipped": [s.to_dict() for s in self.skipped]}

    def extend(self, other: IngestReport) -> None:
        self.added += other.added
        self.skipped += other.skipped


def article_from_entry(entry: FeedEntry, feed: ParsedFeed, page: Article | None) -> Article:
    """The page's text and metadata where it has them, the feed entry's otherwise."""
    if page is not None and len(page.text.split()) >= len(entry.text.split()):
        return Article(url=entry.url or page.url, title=entry.title or page.title,
                       text=page.text, source=page.source or feed.title,
                       author=page.author or entry.author,
                       published=entry.published or page.published)
    return Article(url=entry.url, title=entry.title or (page.title if page else ""),
                   text=entry.text, source=(page.source if page else "") or feed.title,
                   author=entry.author, published=entry.published)


class Ingestor:
    """Fetch, extract, deduplicate and write; ``run_cpu`` runs feed parsing off the event
    loop, ``run_extract`` page extraction."""

    def __init__(self, writer: CorpusWriter, fetcher: Fetcher,
                 run_cpu: RunCPU = in_thread, *, run_extract: RunCPU | None = None,
                 fetch_pages: bool = True) -> None:
        self.writer = writer
        self.fetcher = fetcher
        self.run_cpu = run_cpu
        #: page extraction holds the GIL for long stretches: the bot runs it in a process
        self.run_extract = run_extract or run_cpu
        self.fetch_pages = fetch_pages
        self._lock = asyncio.Lock()
        #: canonical URL -> the document it became, while another feed is adding it
        self._claims: dict[str, asyncio.Future[str]] = {}

    async def ingest_urls(self, urls: Iterable[str]) -> IngestReport:
        report = IngestReport()
        for url in dict.fromkeys(urls):
            report.extend(await self.ingest_url(url))
        return report

    async def ingest_url(self, url: str) -> IngestReport:
        try:
            check_scheme(url)
        except UnsafeURLError as exc:
            return IngestReport(skipped=[Skipped(url, str(exc))])
        result = await self.fetcher.fetch(url)
        if result.error:
            return IngestReport(skipped=[Skipped(url, result.error)])
        if looks_like_html(result.body, result.content_type):
            return await self.ingest_page(url, result)
        try:
            feed = await self.run_cpu(parse_feed, result.body, result.final_url,
                                      result.content_type)
        except NotAFeed as exc:
            return IngestReport(skipped=[Skipped(url, str(exc))])
        return await self.ingest_entries(feed, feed.entries, feed_url=url)

    async def ingest_page(self, url: str, result: FetchResult) -> IngestReport:
        known = self.writer.known(url) or self.writer.known(result.final_url)
        if known:
            return IngestReport(skipped=[Skipped(url, f"already in the corpus as {known}", known)])
        article = await self.run_extract(extract_page, result.body, result.final_url)
        if article is None:
            return IngestReport(skipped=[Skipped(url, "no article text found on the page")])
        return await self._write([Candidate(article, feed="")])

    async def ingest_entries(self, feed: ParsedFeed, entries: Iterable[FeedEntry],
                             feed_url: str = "") -> IngestReport:
        """New entries of one feed into the corpus (known GUIDs/URLs skipped before fetching).

        Feeds polled at the same time often list the same story: the first to reach it
        claims its URL, the others wait for its document instead of fetching it again.
        """
        report = IngestReport()
        mine: list[tuple[FeedEntry, str]] = []
        waiting: list[tuple[FeedEntry, asyncio.Future[str]]] = []
        loop = asyncio.get_running_loop()
        for entry in entries:
            key = canonical_url(entry.url) if entry.url else entry.guid
            known = self.writer.known(entry.url, entry.guid)
            if known or any(k == key for _e, k in mine):
                reason = f"already in the corpus as {known}" if known else "listed twice"
                report.skipped.append(Skipped(entry.url or entry.guid, reason, known or ""))
            elif key in self._claims:
                waiting.append((entry, self._claims[key]))
            else:
                self._claims[key] = loop.create_future()
                mine.append((entry, key))
        try:
            pages = await asyncio.gather(*(self._page(e) for e, _k in mine))
            candidates = [Candidate(article_from_entry(e, feed, page), guid=e.guid,
                                    feed=feed_url)
                          for (e, _k), page in zip(mine, pages, strict=True)]
            report.extend(await self._write(candidates))
        finally:
            for entry, key in mine:
                claim = self._claims.pop(key)
                claim.set_result(self.writer.known(entry.url, entry.guid) or "")
        for entry, claim in waiting:
            doc_id = await claim
            reason = f"already in the corpus as {doc_id}" if doc_id else \
                "listed by another feed at the same time, which could not add it"
            report.skipped.append(Skipped(entry.url or entry.guid, reason, doc_id))
        return report

    async def _page(self, entry: FeedEntry) -> Article | None:
        if not self.fetch_pages or not entry.url:
            return None
        result = await self.fetcher.fetch(entry.url, accept=PAGE_ACCEPT)
        if not result.ok or not looks_like_html(result.body, result.content_type):
            if result.error:
                log.info("page %s: %s; using the feed's text", entry.url, result.error)
            return None
        return await self.run_extract(extract_page, result.body, result.final_url)

    async def _write(self, candidates: list[Candidate]) -> IngestReport:
        if not candidates:
            return IngestReport()
        async with self._lock:  # one writer of sources.toml at a time
            added, skipped = await asyncio.to_thread(self.writer.write, candidates)
        return IngestReport(added, skipped)
