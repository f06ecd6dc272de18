"""One polite HTTP GET: timeouts, a size cap, gzip, bounded redirects, conditional requests.

Every hop of a redirect is checked like the first URL (http(s) only, no private
addresses unless allowed), and the resolver itself refuses private addresses, so a
name that resolves differently the second time (DNS rebinding) is refused as well.
Nothing fetched is ever executed: bodies are bytes handed to parsers.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections import defaultdict
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.resolver import ThreadedResolver

from bot import __version__
from bot.corpus.feeds.urls import UnsafeURLError, check_scheme, literal_addresses, refuse_private

log = logging.getLogger(__name__)

USER_AGENT = (f"briefbot/{__version__} (news-briefing Discord bot; "
              f"+https://github.com/briefbot/briefbot)")
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml, "
               "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "
               "text/html;q=0.8, */*;q=0.1")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
#: media types a feed or an article page may come as (text/* is accepted too)
ACCEPTED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "application/feed+json", "application/json", "application/xhtml+xml", "application/rss",
    "application/x-rss+xml", "application/x-atom+xml",
})
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class FetchResult:
    url: str
    final_url: str = ""
    status: int = 0
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    #: seconds the server asked us to wait (429/503 Retry-After)
    retry_after: float | None = None
    error: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def gone(self) -> bool:
        return self.status == 410


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: a delay ("120") or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _acceptable(content_type: str) -> bool:
    return not content_type or content_type.startswith("text/") or content_type in ACCEPTED_TYPES


class GuardedResolver(ThreadedResolver):
    """aiohttp's threaded resolver, refusing names that resolve to private addresses."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        infos = await super().resolve(host, port, family)
        if not self.allow_private:
            try:
                refuse_private(host, [str(i["host"]) for i in infos])
            except UnsafeURLError as exc:  # aiohttp reports OSErrors as connection errors
                raise OSError(str(exc)) from None
        return infos


class Fetcher:
    """A shared session with a global and a per-host concurrency limit; use it as
    ``async with Fetcher(...) as f`` or call :meth:`close`."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 15.0,
                 max_bytes: int = DEFAULT_MAX_BYTES, max_redirects: int = 5,
                 per_host: int = 2, concurrency: int = 32, user_agent: str = USER_AGENT) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.per_host = per_host
        self.user_agent = user_agent
        self._global = asyncio.Semaphore(concurrency)
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.per_host))
        self._session: aiohttp.ClientSession | None = None
        self._resolved: dict[str, tuple[float, list[str]]] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(resolver=GuardedResolver(self.allow_private),
                                             limit=0, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=self.timeout, sock_connect=self.timeout),
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                auto_decompress=True)
        return self._session

    async def fetch(self, url: str, *, etag: str | None = None,
                    last_modified: str | None = None, accept: str = FEED_ACCEPT) -> FetchResult:
        """GET ``url`` following at most ``max_redirects`` redirects; never raises."""
        start = time.perf_counter()
        result = FetchResult(url=url)
        try:
            result = await self._fetch(url, etag, last_modified, accept)
        except TimeoutError:
            result.error = f"timed out after {self.timeout:g} s"
        except UnsafeURLError as exc:
            result.error = str(exc)
        except aiohttp.ClientResponseError as exc:
            result.error = f"bad response ({exc.message})"
        except (aiohttp.ClientError, OSError) as exc:
            result.error = f"could not connect: {exc}"
        result.elapsed = time.perf_counter() - start
        if result.error:
            log.info("fetch %s: %s", url, result.error)
        return result

    async def check_host(self, host: str) -> None:
        """Refuse a private host with a clear reason before connecting (the resolver
        checks again at connect time)."""
        addresses = literal_addresses(host)
        if addresses is None:
            cached = self._resolved.get(host)
            if cached is None or cached[0] < time.monotonic():
                loop = asyncio.get_running_loop()
                infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
                cached = (time.monotonic() + 300, sorted({str(i[4][0]) for i in infos}))
                self._resolved[host] = cached
            addresses = cached[1]
        refuse_private(host, addresses)

    async def _fetch(self, url: str, etag: str | None, last_modified: str | None,
                     accept: str) -> FetchResult:
        session = self._get_session()
        seen: set[str] = set()
        current = url
        for _hop in range(self.max_redirects + 1):
            check_scheme(current)
            host = urlsplit(current).hostname or ""
            if not self.allow_private:
                await self.check_host(host)
            seen.add(current)
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            async with self._global, self._hosts[host], session.get(
                    current, headers=headers, allow_redirects=False) as resp:
                if resp.status in (301, 302, 303, 307, 308):
                    location = resp.headers.get("Location")
                    if not location:
                        return FetchResult(url, current, resp.status,
                                           error=f"redirect (HTTP {resp.status}) without Location")
                    current = urljoin(current, location)
                    if current in seen:
                        return FetchResult(url, current, resp.status, error="redirect loop")
                    continue
                return await self._read(url, current, resp)
        return FetchResult(url, current, 0,
                           error=f"too many redirects (more than {self.max_redirects})")

    async def _read(self, url: str, final: str, resp: aiohttp.ClientResponse) -> FetchResult:
        result = FetchResult(url, final, resp.status,
                             content_type=resp.content_type.lower() if resp.content_type else "",
                             etag=resp.headers.get("ETag"),
                             last_modified=resp.headers.get("Last-Modified"))
        if resp.status == 304:
            return result
        if resp.status != 200:
            result.retry_after = parse_retry_after(resp.headers.get("Retry-After"))
            result.error = status_message(resp.status, result.retry_after)
            return result
        if not _acceptable(result.content_type):
            result.error = f"unsupported content type {result.content_type}"
            return result
        declared = resp.content_length
        if declared is not None and declared > self.max_bytes \
                and "Content-Encoding" not in resp.headers:
            result.error = f"too large ({declared} bytes > limit {self.max_bytes})"
            return result
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(65536):
            size += len(chunk)
            if size > self.max_bytes:  # counted after gzip: a small bomb is caught too
                result.error = f"too large (over the {self.max_bytes}-byte limit)"
                return result
            chunks.append(chunk)
        result.body = b"".join(chunks)
        return result


def status_message(status: int, retry_after: float | None = None) -> str:
    """A short reason for a non-200 answer, as /feed list shows it."""
    if status == 404:
        text = "not found (HTTP 404)"
    elif status == 410:
        text = "gone (HTTP 410): the publisher removed it"
    elif status == 429:
        text = "rate limited (HTTP 429)"
    elif status in (401, 403):
        text = f"access refused (HTTP {status})"
    elif status >= 500:
        text = f"server error (HTTP {status})"
    else:
        text = f"unexpected answer (HTTP {status})"
    if retry_after is not None:
        text += f", asked to wait {retry_after:.0f} s"
    return text
