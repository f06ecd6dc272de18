"""A local HTTP server (aiohttp on 127.0.0.1) that serves fixture feeds and pages.

It runs in its own thread with its own event loop, so both async tests and the
synchronous CLI (which starts its own loop) can reach it. Every request is recorded
(path, headers) so tests can assert on conditional GETs and the User-Agent.
"""

from __future__ import annotations

import asyncio
import gzip
import html
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
ARTICLES: dict[str, dict[str, Any]] = tomllib.loads(
    (FIXTURES / "articles.toml").read_text(encoding="utf-8"))
for _art in ARTICLES.values():
    if "copy_of" in _art:
        _art["paragraphs"] = ARTICLES[_art["copy_of"]]["paragraphs"]


def article_html(key: str) -> str:
    art = ARTICLES[key]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in art["paragraphs"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(art['title'])} | {html.escape(art['outlet'])}</title>
<meta property="og:title" content="{html.escape(art['title'])}">
<meta property="og:site_name" content="{html.escape(art['outlet'])}">
<meta name="author" content="{html.escape(art['author'])}">
<meta property="article:published_time" content="{art['published']}T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> |
<a href="/sport">Sport</a></nav></header>
<main><article><h1>{html.escape(art['title'])}</h1>
<p class="byline">By {html.escape(art['author'])}</p>
{body}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Ten recipes for winter</a></li></ul></aside>
<footer><p>Copyright 2026 {html.escape(art['outlet'])}. All rights reserved.</p></footer>
</body></html>"""


def rss2(base: str, keys: list[str], *, title: str = "Northern Wire", query: str = "",
         guid_prefix: str = "") -> str:
    items = []
    for key in keys:
        art = ARTICLES[key]
        link = f"{base}/articles/{key}.html{query}"
        items.append(f"""<item><title>{html.escape(art['title'])}</title>
<link>{html.escape(link)}</link>
<guid isPermaLink="false">{guid_prefix}{key}</guid>
<pubDate>Sat, {art['published'][8:10]} Nov 2026 08:00:00 GMT</pubDate>
<description>{html.escape('<p>' + art['paragraphs'][0] + '</p>')}</description></item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{html.escape(title)}</title><link>{base}/</link>
<description>Fixture feed</description>
{''.join(items)}
</channel></rss>"""


def atom(base: str, keys: list[str]) -> str:
    entries = []
    for key in keys:
        art = ARTICLES[key]
        content = "".join(f"<p>{p}</p>" for p in art["paragraphs"])
        entries.append(f"""<entry><title>{html.escape(art['title'])}</title>
<link rel="alternate" href="{base}/articles/{key}.html"/>
<id>urn:fixture:{key}</id><updated>{art['published']}T08:00:00Z</updated>
<author><name>{html.escape(art['author'])}</name></author>
<content type="html">{html.escape(content)}</content></entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tigris Daily</title>
<id>urn:fixture:atom</id><updated>2026-11-29T08:00:00Z</updated>
<link rel="self" href="{base}/atom.xml"/>
{''.join(entries)}
</feed>"""


def rss1(base: str, keys: list[str]) -> str:
    items = "".join(f"""<item rdf:about="{base}/articles/{k}.html">
<title>{html.escape(ARTICLES[k]['title'])}</title><link>{base}/articles/{k}.html</link>
<description>{html.escape(ARTICLES[k]['paragraphs'][0])}</description>
<dc:date>{ARTICLES[k]['published']}T08:00:00Z</dc:date></item>""" for k in keys)
    seq = "".join(f'<rdf:li rdf:resource="{base}/articles/{k}.html"/>' for k in keys)
    return f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{base}/rss1.xml"><title>Kurdistan Ledger</title><link>{base}/</link>
<description>RSS 1.0 fixture</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>
{items}
</rdf:RDF>"""


@dataclass
class FeedServer:
    """Routes are fixed; ``feeds`` lets a test change what a dynamic feed returns."""

    host: str = "127.0.0.1"
    port: int = 0
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    #: /dynamic/<name>.xml -> feed XML (tests edit it between polls)
    feeds: dict[str, str] = field(default_factory=dict)
    #: per-path status override for /dynamic paths (e.g. 500 to make a feed fail)
    status: dict[str, int] = field(default_factory=dict)
    huge_bytes: int = 3 * 1024 * 1024
    slow_seconds: float = 5.0

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]

    # ------------------------------------------------------------------ handlers
    async def _record(self, request: web.Request) -> None:
        self.requests.append((request.path, dict(request.headers)))

    def app(self) -> web.Application:
        @web.middleware
        async def record(request: web.Request, handler: Any) -> web.StreamResponse:
            await self._record(request)
            return await handler(request)

        app = web.Application(middlewares=[record])
        xml = "application/rss+xml"
        b = self

        def text(body: str, content_type: str = xml, **kw: Any) -> web.Response:
            return web.Response(body=body.encode(), content_type=content_type, **kw)

        async def article(request: web.Request) -> web.Response:
            key = request.match_info["key"]
            if key not in ARTICLES:
                return web.Response(status=404)
            return text(article_html(key), "text/html", charset="utf-8")

        async def etag_feed(request: web.Request) -> web.Response:
            tag = '"v1"'
            if request.headers.get("If-None-Match") == tag:
                return web.Response(status=304, headers={"ETag": tag})
            return text(rss2(b.base, ["water-mosul"]), headers={
                "ETag": tag, "Last-Modified": "Sat, 28 Nov 2026 08:00:00 GMT"})

        async def dynamic(request: web.Request) -> web.Response:
            name = request.match_info["name"]
            status = b.status.get(name)
            if status:
                headers = {"Retry-After": "120"} if status in (429, 503) else {}
                return web.Response(status=status, headers=headers)
            if name not in b.feeds:
                return web.Response(status=404)
            return text(b.feeds[name])

        async def slow(request: web.Request) -> web.Response:
            await asyncio.sleep(b.slow_seconds)
            return text(rss2(b.base, ["water-mosul"]))

        async def huge(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse(headers={"Content-Type": xml})
            await resp.prepare(request)
            chunk = b"<!-- " + b"x" * 65000 + b" -->\n"
            for _ in range(b.huge_bytes // len(chunk) + 1):
                await resp.write(chunk)
            await resp.write_eof()
            return resp

        async def gzipped(request: web.Request) -> web.Response:
            body = gzip.compress(atom(b.base, ["baghdad-power"]).encode())
            return web.Response(body=body, headers={"Content-Type": "application/atom+xml",
                                                    "Content-Encoding": "gzip"})

        def fixed(body_fn: Any, content_type: str = xml, status: int = 200,
                  headers: dict[str, str] | None = None) -> Any:
            async def handler(request: web.Request) -> web.Response:
                body = body_fn() if body_fn else ""
                return web.Response(body=body.encode(), status=status, headers=headers,
                                    content_type=content_type if body else None)
            return handler

        def redirect(to: str) -> Any:
            async def handler(request: web.Request) -> web.Response:
                raise web.HTTPFound(to)
            return handler

        r = app.router
        r.add_get("/articles/{key}.html", article)
        r.add_get("/rss2.xml", fixed(lambda: rss2(b.base, ["water-mosul", "kirkuk-budget"])))
        r.add_get("/atom.xml", fixed(lambda: atom(b.base, ["kirkuk-budget", "erbil-airport"]),
                                     "application/atom+xml"))
        r.add_get("/rss1.xml", fixed(lambda: rss1(b.base, ["erbil-airport", "basra-port"]),
                                     "application/rdf+xml"))
        r.add_get("/json.json", fixed(lambda: __import__("json").dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "Gulf Shipping News",
            "items": [{"id": "basra", "url": f"{b.base}/articles/basra-port.html",
                       "title": ARTICLES["basra-port"]["title"],
                       "content_text": "\n".join(ARTICLES["basra-port"]["paragraphs"]),
                       "date_published": "2026-11-25T08:00:00Z"}]}), "application/feed+json"))
        r.add_get("/malformed.xml", fixed(lambda: "<rss><channel><title>Broken & bad</ti"
                                          "<<<>>> not xml at all", "application/xml"))
        r.add_get("/image.png", fixed(lambda: "\x89PNG fake", "image/png"))
        r.add_get("/etag.xml", etag_feed)
        r.add_get("/missing.xml", fixed(None, status=404))
        r.add_get("/gone.xml", fixed(None, status=410))
        r.add_get("/error.xml", fixed(None, status=500))
        r.add_get("/busy.xml", fixed(None, status=429, headers={"Retry-After": "120"}))
        r.add_get("/slow.xml", slow)
        r.add_get("/huge.xml", huge)
        r.add_get("/loop-a", redirect("/loop-b"))
        r.add_get("/loop-b", redirect("/loop-a"))
        r.add_get("/moved.xml", redirect("/rss2.xml"))
        r.add_get("/gzip.xml", gzipped)
        # the same water-mosul article through three feeds, tracking parameters differ
        for n, query in enumerate(["?utm_source=rss&utm_medium=feed",
                                   "?utm_campaign=wire&fbclid=abc123",
                                   "#comments"], start=1):
            r.add_get(f"/wire-{n}.xml", fixed(
                lambda q=query, n=n: rss2(b.base, ["water-mosul"], title=f"Aggregator {n}",
                                          query=q, guid_prefix=f"agg{n}-")))
        r.add_get("/republished.xml", fixed(lambda: rss2(
            b.base, ["water-mosul-wire", "basra-port"], title="Region Herald")))
        r.add_get("/dynamic/{name}.xml", dynamic)
        r.add_get("/home.html", fixed(lambda: (
            "<!DOCTYPE html><html><head><title>Northern Wire</title>"
            "<link rel='alternate' type='application/rss+xml' href='/rss2.xml'></head>"
            "<body><p>Welcome</p></body></html>"), "text/html"))
        r.add_get("/nofeed.html", fixed(lambda: (
            "<!DOCTYPE html><html><head><title>Nothing</title></head>"
            "<body><p>Welcome</p></body></html>"), "text/html"))
        r.add_get("/feed-as-html.xml", fixed(lambda: rss2(b.base, ["baghdad-power"]),
                                             "text/html"))
        return app


class RunningServer:
    """Starts a :class:`FeedServer` on 127.0.0.1 in a background thread."""

    def __init__(self, server: FeedServer | None = None) -> None:
        self.server = server or FeedServer()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    def start(self) -> FeedServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self.server

    async def _start(self) -> None:
        self._runner = web.AppRunner(self.server.app(), access_log=None,
                                     shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.server.host, 0)
        await site.start()
        self.server.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
