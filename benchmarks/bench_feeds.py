"""Feed polling at scale and article extraction speed and quality.

Run from the repo root: ``python benchmarks/bench_feeds.py [--feeds 200] [--items 50]``.
A local aiohttp server (127.0.0.1, in its own process so it does not share the
poller's interpreter) serves ``--feeds`` RSS feeds of ``--items`` entries and article
pages built from the BBC set (../shared/bbc-news-summary, read, never copied;
synthetic text when it is absent). The real poller (FeedStore on SQLite, Fetcher,
Ingestor, CorpusWriter) then runs three rounds:

1. first fetch of every feed (entries marked as seen, nothing posted);
2. every feed unchanged (conditional GET -> 304);
3. every feed lists one new story, each story carried by two feeds with different
   tracking parameters: pages fetched, extracted, deduplicated, written, announced.

Measured: wall time per round, the event loop's worst stall (a 10 ms ticker's
lateness), peak RSS, documents written and posts made (duplicates would show as more
than one per story). Then extraction: trafilatura's pages per second on one core, and
how well it and the loader's current HTML reader recover the article text from a page
with navigation, sidebars and footers (token precision/recall against the article).
Then the corpus side of new articles (``--corpus-docs``): a corpus of that many
articles takes in ``--new`` more written by the CorpusWriter, and a wire copy of one
of them (another source of an existing story): files read and seconds for the
refresher's rescan, against loading the whole corpus again (what a manifest change
cost before). Writes benchmarks/results/feeds.json.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import html
import logging
import multiprocessing
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"

from _machine import machine, write_results  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "feeds.json"
WARM_UP = 50


def load_articles(limit: int) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) from the BBC set, or synthetic ones."""
    out: list[tuple[str, list[str]]] = []
    if BBC.is_dir():
        for path in sorted(BBC.rglob("*.txt")):
            lines = [ln.strip() for ln in path.read_text(encoding="latin-1").splitlines()]
            lines = [ln for ln in lines if ln]
            if len(lines) >= 4:
                out.append((lines[0], lines[1:]))
            if len(out) >= limit:
                break
    while len(out) < limit:
        n = len(out)
        out.append((f"Synthetic story {n}", [
            f"Paragraph {p} of synthetic story {n} reports {n * 7 + p} people in town {n % 97}"
            f" heard the council discuss item {p} at length on day {n % 28}." for p in range(6)]))
    return out


def page(title: str, paragraphs: list[str], outlet: str = "Bench News") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><meta property='og:site_name' content='{outlet}'></head><body>"
            "<header><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>"
            "Sport</a> <a href='/weather'>Weather</a></nav></header>"
            f"<main><article><h1>{html.escape(title)}</h1>{body}</article></main>"
            "<aside><h3>Most read</h3><ul><li><a href='/x'>Celebrity chef opens restaurant"
            "</a></li><li><a href='/y'>Ten tips for a better garden</a></li></ul></aside>"
            "<footer><p>Copyright 2026 Bench News. All rights reserved. Terms of use. "
            "Privacy policy. Cookie settings.</p></footer></body></html>")


# ------------------------------------------------------------------------------ server
def serve(port_queue: Any, feeds: int, items: int) -> None:
    from aiohttp import web

    articles = load_articles(max(items * 2, 400))
    version = {"v": 0}

    def feed_xml(i: int) -> str:
        entries = []
        if version["v"] >= 1:
            story = i // 2  # two feeds carry each new story
            entries.append((f"{i}-new", f"/n/{story}.html?utm_source=feed{i}&ref=rss",
                            articles[story % len(articles)][0]))
        entries += [(f"{i}-{j}", f"/a/{i}/{j}.html", articles[(i + j) % len(articles)][0])
                    for j in range(items)]
        xml_items = "".join(
            f"<item><title>{html.escape(t)}</title>"
            f"<link>{html.escape(f'http://127.0.0.1:{port}{link}')}</link>"
            f"<guid isPermaLink='false'>{g}</guid>"
            f"<pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>"
            f"<description>{html.escape(t)}</description></item>"
            for g, link, t in entries)
        return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {i}</title>"
                f"<link>http://127.0.0.1:{port}/</link>{xml_items}</channel></rss>")

    async def feed(request: web.Request) -> web.Response:
        i = int(request.match_info["i"])
        tag = f'"{version["v"]}"'
        if request.headers.get("If-None-Match") == tag:
            return web.Response(status=304, headers={"ETag": tag})
        return web.Response(body=feed_xml(i).encode(), content_type="application/rss+xml",
                            headers={"ETag": tag})

    async def story(request: web.Request) -> web.Response:
        k = int(request.match_info["k"])
        title, paras = articles[k % len(articles)]
        return web.Response(text=page(title, paras), content_type="text/html")

    async def bump(request: web.Request) -> web.Response:
        version["v"] += 1
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/f/{i}.xml", feed)
    app.router.add_get("/n/{k}.html", story)
    app.router.add_get("/a/{i}/{j}.html", story)
    app.router.add_get("/bump", bump)

    async def main() -> None:
        nonlocal port
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        port_queue.put(port)
        await asyncio.Event().wait()

    port = 0
    asyncio.run(main())


# ------------------------------------------------------------------------------ polling
class StallMonitor:
    def __init__(self, tick: float = 0.01) -> None:
        self.tick = tick
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            start = loop.time()
            await asyncio.sleep(self.tick)
            self.worst = max(self.worst, loop.time() - start - self.tick)

    def __enter__(self) -> StallMonitor:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def poll_benchmark(base: str, feeds: int, per_host: int) -> dict[str, Any]:
    import aiohttp

    from bot.corpus.feeds import CorpusWriter, Fetcher, Ingestor
    from bot.corpus.feeds.poller import FeedPoller
    from bot.store.feeds import FeedStore

    tmp = Path(tempfile.mkdtemp(prefix="briefbot-feeds-"))
    store = await asyncio.to_thread(FeedStore, f"sqlite:///{tmp / 'feeds.sqlite3'}")
    for i in range(feeds):
        store.subscribe(1, f"{base}/f/{i}.xml", 100 + i % 10)
    posts: list[tuple[int, list[str]]] = []

    async def announce(channel: int, items: list[Any]) -> None:
        posts.append((channel, [a.doc_id for a in items]))

    writer = await asyncio.to_thread(CorpusWriter.open, tmp / "corpus")
    rounds: dict[str, Any] = {}
    # as in the bot (BriefBot.run_isolated): extraction in one spawned worker process
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    loop = asyncio.get_running_loop()

    async def run_extract(fn: Any, *args: Any) -> Any:
        return await loop.run_in_executor(pool, functools.partial(fn, *args))

    await run_extract(len, "warm the worker up")
    async with Fetcher(allow_private=True, per_host=per_host, concurrency=32,
                       timeout=30) as fetcher:
        ingestor = Ingestor(writer, fetcher, run_extract=run_extract)
        poller = FeedPoller(store, ingestor, announce, interval=0)
        for name in ("first_fetch", "unchanged_304", "one_new_story_per_feed"):
            if name == "one_new_story_per_feed":
                async with aiohttp.ClientSession() as s, s.get(f"{base}/bump") as r:
                    await r.read()
            with StallMonitor() as monitor:
                start = time.perf_counter()
                result = await poller.poll_due()
                wall = time.perf_counter() - start
            statuses = Counter(p.status for p in result.polls)
            rounds[name] = {"wall_s": round(wall, 2),
                            "worst_event_loop_stall_ms": round(monitor.worst * 1000, 1),
                            "feeds": dict(statuses), "documents_added": len(result.added),
                            "posts": sum(len(v) for v in result.announced.values()),
                            "peak_rss_mb_so_far": round(rss_mb(), 1)}
            print(f"{name}: {rounds[name]}", flush=True)
    pool.shutdown()
    docs = [d for _c, ds in posts for d in ds]
    per_channel = Counter((c, d) for c, ds in posts for d in ds)
    store.close()
    return {"feeds": feeds, "per_host_limit": per_host, "rounds": rounds,
            "stories_new_in_round_3": feeds // 2 + feeds % 2,
            "documents_written": len(list((tmp / "corpus").rglob("*.txt"))),
            "duplicate_posts_in_a_channel": sum(n - 1 for n in per_channel.values() if n > 1),
            "announced_docs": len(set(docs)), "peak_rss_mb": round(rss_mb(), 1)}


# ------------------------------------------------------------------------------ extraction
_TOKENS = re.compile(r"\w+")


def _prf(got: str, want: str) -> tuple[float, float]:
    g, w = Counter(_TOKENS.findall(got.lower())), Counter(_TOKENS.findall(want.lower()))
    common = sum((g & w).values())
    return (common / max(1, sum(g.values())), common / max(1, sum(w.values())))


def extraction_benchmark(n: int) -> dict[str, Any]:
    from bot.corpus.feeds.parse import extract_page
    from bot.corpus.loader import _html_to_text

    articles = load_articles(n + WARM_UP)
    pages = [page(t, p) for t, p in articles]
    # trafilatura's first few dozen pages in a process are slow (lazy set-up, measured
    # separately); pages are then distinct from the warm-up ones (it caches per text)
    start = time.process_time()
    for i, p in enumerate(pages[:WARM_UP]):
        extract_page(p, f"https://warm.example/{i}")
    warm = time.process_time() - start
    articles, pages = articles[WARM_UP:], pages[WARM_UP:]
    start = time.process_time()
    results = [extract_page(p, f"https://bench.example/{i}") for i, p in enumerate(pages)]
    cpu = time.process_time() - start
    scores: dict[str, list[tuple[float, float]]] = {"trafilatura": [], "loader_bs4": []}
    for (title, paras), res, html_page in zip(articles, results, pages, strict=True):
        want = " ".join(paras)
        scores["trafilatura"].append(_prf(res.text if res else "", want))
        scores["loader_bs4"].append(_prf(_html_to_text(html_page)[1].replace(title, "", 1),
                                         want))
    quality = {name: {"precision": round(statistics.mean(s[0] for s in vals), 4),
                      "recall": round(statistics.mean(s[1] for s in vals), 4)}
               for name, vals in scores.items()}
    return {"pages": n, "pages_per_cpu_second": round(n / cpu, 1),
            "first_pages_in_a_process": WARM_UP,
            "first_pages_per_cpu_second": round(WARM_UP / warm, 1),
            "empty": sum(1 for r in results if r is None), "text_recovery": quality,
            "source": "BBC articles in a page with nav/aside/footer" if BBC.is_dir()
            else "synthetic articles"}


# ------------------------------------------------------------------------------ corpus side
def refresh_benchmark(n_docs: int, n_new: int) -> dict[str, Any]:
    from bot.corpus.feeds.parse import Article
    from bot.corpus.feeds.writer import Candidate, CorpusWriter
    from bot.corpus.loader import load_corpus
    from bot.corpus.refresh import CorpusRefresher

    articles = load_articles(n_docs + n_new)
    root = Path(tempfile.mkdtemp(prefix="briefbot-refresh-")) / "corpus"

    def cand(i: int, outlet: str, slug: str) -> Candidate:
        title, paras = articles[i]
        return Candidate(Article(url=f"https://{outlet}.example/{slug}", title=title,
                                 text="\n\n".join(paras), source=outlet,
                                 published="2026-11-30"), guid=f"{outlet}-{slug}")

    writer = CorpusWriter.open(root)
    writer.write([cand(i, "old", str(i)) for i in range(n_docs)])
    start = time.perf_counter()
    corpus = load_corpus(root)
    full_load = time.perf_counter() - start
    refresher = CorpusRefresher(root, 5 * 1024 * 1024)
    start = time.perf_counter()
    refresher.rescan(corpus)  # learns every file's stamp (reads, parses nothing)
    first = time.perf_counter() - start
    writer = CorpusWriter.open(root)
    start = time.perf_counter()
    added, _ = writer.write([cand(n_docs + i, "new", str(i)) for i in range(n_new)])
    write_s = time.perf_counter() - start
    start = time.perf_counter()
    report = refresher.rescan(corpus)
    rescan = time.perf_counter() - start
    assert report.corpus is not None and len(report.added) == len(added)
    _, skipped = writer.write([cand(0, "copy", "wire")])  # a wire copy of story 0
    start = time.perf_counter()
    again = refresher.rescan(report.corpus)
    copy_s = time.perf_counter() - start
    return {"corpus_documents": len(corpus), "new_articles": len(added),
            "full_load_s": round(full_load, 3),
            "first_rescan_s (reads every file once)": round(first, 3),
            "writer_s": round(write_s, 3),
            "rescan_after_new_articles_s": round(rescan, 3), "files_read": report.read,
            "rescan_after_wire_copy_s": round(copy_s, 3), "wire_copy_files_read": again.read,
            "wire_copy_changed": again.changed,
            "wire_copy_recorded": bool(skipped and skipped[0].republication)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--corpus-docs", type=int, default=1000)
    parser.add_argument("--new", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started = machine()
    ctx = multiprocessing.get_context("spawn")
    ports = ctx.Queue()
    server = ctx.Process(target=serve, args=(ports, args.feeds, args.items), daemon=True)
    server.start()
    try:
        base = f"http://127.0.0.1:{ports.get(timeout=60)}"
        polling = asyncio.run(poll_benchmark(base, args.feeds, args.per_host))
    finally:
        server.terminate()
        server.join(5)
    extraction = extraction_benchmark(args.pages)
    print(f"extraction: {extraction}")
    refresh = refresh_benchmark(args.corpus_docs, args.new)
    print(f"corpus refresh: {refresh}")
    data = {"machine": started, "polling": polling, "extraction": extraction,
            "corpus_refresh": refresh,
            "targets": {"full_poll_s": 10, "stall_ms": 100, "pages_per_s": 20}}
    write_results(RESULTS, data)
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
