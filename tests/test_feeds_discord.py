"""End to end: /feed through the real BriefBot, the local Discord and a local feed server."""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.localdiscord import (
    DEFAULT_GENERAL_ID,
    DEFAULT_GUILD_ID,
    DEFAULT_MEMBER_ID,
    DEFAULT_NEWS_ID,
    run_bot,
)
from bot.store.feeds import FeedStore
from tests.bot_factory import bot_factory
from tests.feeds_server import ARTICLES, FeedServer, RunningServer, rss2

EXT = ("cogs.feeds", "cogs.admin")


@pytest.fixture
def server() -> Iterator[FeedServer]:
    running = RunningServer()
    yield running.start()
    running.stop()


def _make(tmp_path: Path, seeds_dir: Path, extensions: tuple[str, ...] = EXT,
          **settings: object):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    options: dict[str, object] = {"allow_private_urls": True, "feed_poll_seconds": 1}
    options.update(settings)
    return bot_factory(tmp_path, corpus, extensions=extensions, **options)


async def _add(ld, url: str, channel: int = DEFAULT_NEWS_ID, **kw: object) -> str:
    it = await ld.invoke("feed add", {"url": url, "channel": channel}, **kw)
    await it.wait_done(timeout=20)
    return it.response["content"]


async def _polls(bot, rounds: int = 2) -> None:
    """Let the poller run ``rounds`` more rounds (interval 1 s)."""
    for _ in range(rounds):
        await bot.feed_poller.poll_due()


async def test_first_fetch_posts_nothing_then_new_story_is_posted_once_across_feeds(
        tmp_path: Path, seeds_dir: Path, server: FeedServer, openapi_spec: object) -> None:
    server.feeds["a"] = rss2(server.base, ["water-mosul", "kirkuk-budget"], title="Wire A")
    server.feeds["b"] = rss2(server.base, ["water-mosul"], title="Wire B", query="?utm_source=b")
    async with run_bot(_make(tmp_path, seeds_dir)) as (ld, bot):
        first = await _add(ld, server.url("/dynamic/a.xml"))
        assert "Following Wire A in <#" in first and "2 current items marked as seen" in first
        assert "1 current item" in await _add(ld, server.url("/dynamic/b.xml"))
        # a site's home page: the feed it advertises is followed
        assert "Following Northern Wire in <#" in await _add(ld, server.url("/home.html"),
                                                             DEFAULT_GENERAL_ID)
        assert "advertises no feed" in await _add(ld, server.url("/nofeed.html"))
        await asyncio.sleep(1.5)  # the background poller runs: nothing is new yet
        assert ld.channel_messages(DEFAULT_NEWS_ID) == []
        # the same new story appears in both feeds, with different tracking parameters
        server.feeds["a"] = rss2(server.base, ["basra-port", "water-mosul", "kirkuk-budget"],
                                 title="Wire A", query="?utm_medium=rss")
        server.feeds["b"] = rss2(server.base, ["basra-port", "water-mosul"], title="Wire B",
                                 query="?fbclid=zzz")
        posted = await ld.wait_for_channel_message(DEFAULT_NEWS_ID, 1, timeout=30)
        await _polls(bot)
        await asyncio.sleep(0.5)
        assert len(ld.channel_messages(DEFAULT_NEWS_ID)) == 1
        embed = posted[0]["embeds"][0]
        assert embed["title"] == "1 new article from your feeds"
        assert ARTICLES["basra-port"]["title"] in embed["description"]
        assert "Gulf Shipping News" in embed["description"]
        assert ld.channel_messages(DEFAULT_GENERAL_ID) == []
        # the article joined the corpus (through the admin cog's refresher)
        for _ in range(300):
            if any(d.title == ARTICLES["basra-port"]["title"]
                   for d in bot.engine.corpus.documents.values()):
                break
            await asyncio.sleep(0.1)
        doc = next(d for d in bot.engine.corpus.documents.values()
                   if d.title == ARTICLES["basra-port"]["title"])
        assert doc.source == "Gulf Shipping News" and doc.url.endswith("/basra-port.html")
        # a publisher re-sending old items adds and posts nothing
        server.feeds["a"] = server.feeds["a"].replace("Nov 2026", "Dec 2026")
        await _polls(bot)
        assert len(ld.channel_messages(DEFAULT_NEWS_ID)) == 1


async def test_dead_feed_backs_off_and_list_shows_its_error(
        tmp_path: Path, seeds_dir: Path, server: FeedServer, openapi_spec: object) -> None:
    server.feeds["c"] = rss2(server.base, ["erbil-airport"], title="Wire C")
    async with run_bot(_make(tmp_path, seeds_dir)) as (ld, bot):
        await _add(ld, server.url("/dynamic/c.xml"))
        server.status["c"] = 500
        store: FeedStore = bot.feed_poller.store
        feed = store.subscriptions()[0].feed
        # make it due now, then poll: it fails and is pushed back with backoff
        await _polls(bot, 0)
        bot.feed_poller.clock = lambda: feed.next_fetch_at
        await _polls(bot, 1)
        state = store.feed(feed.id)
        assert state.errors == 1 and state.last_error == "server error (HTTP 500)"
        delay = (state.next_fetch_at - feed.next_fetch_at).total_seconds()
        assert 45 <= delay <= 75  # 60 s, +-25 % jitter
        hits = len(server.hits("/dynamic/c.xml"))
        await _polls(bot, 2)  # not due again yet: no request
        assert len(server.hits("/dynamic/c.xml")) == hits
        shown = await ld.invoke("feed list")
        await shown.wait_done(timeout=15)
        field = shown.response["embeds"][0]["fields"][0]
        assert field["name"] == "Wire C"
        value = field["value"].replace("\\", "")  # markdown escapes of the error text
        assert "Last error: server error (HTTP 500)" in value
        assert re.search(r"retry <t:\d+:R> \(1 failure in a row\)", value)
        assert shown.response["flags"] & 64


async def test_private_url_refused_and_members_cannot_change_feeds(
        tmp_path: Path, seeds_dir: Path, server: FeedServer, openapi_spec: object) -> None:
    async with run_bot(_make(tmp_path, seeds_dir, allow_private_urls=False)) as (ld, bot):
        text = await _add(ld, server.url("/rss2.xml"))
        assert "private address" in text and "ALLOW_PRIVATE_URLS=true" in text
        assert "resolves" in await _add(ld, "http://10.0.0.7/feed.xml")
        for command, options in (("feed add", {"url": server.url("/rss2.xml")}),
                                 ("feed remove", {"url": server.url("/rss2.xml")})):
            it = await ld.invoke(command, options, user_id=DEFAULT_MEMBER_ID)
            await it.wait_done(timeout=15)
            assert re.search(r"need the Manage (Server|Guild) permission",
                             it.response["content"]), command
        assert bot.feed_poller.store.subscriptions() == []
        assert server.requests == []


async def test_remove_stops_following(tmp_path: Path, seeds_dir: Path, server: FeedServer,
                                      openapi_spec: object) -> None:
    server.feeds["d"] = rss2(server.base, ["erbil-airport"], title="Wire D")
    async with run_bot(_make(tmp_path, seeds_dir)) as (ld, bot):
        await _add(ld, server.url("/dynamic/d.xml"))
        choices = await ld.autocomplete("feed remove", {"url": "wire"}, focused="url")
        assert [c["value"] for c in choices] == [server.url("/dynamic/d.xml")]
        it = await ld.invoke("feed remove", {"url": server.url("/dynamic/d.xml")})
        await it.wait_done(timeout=15)
        assert it.response["content"].startswith("Stopped following")
        assert bot.feed_poller.store.subscriptions() == []
        shown = await ld.invoke("feed list")
        await shown.wait_done(timeout=15)
        assert "No feeds yet" in shown.response["embeds"][0]["description"]


async def test_follow_notes_new_articles_about_a_place_at_most_once_per_interval(
        tmp_path: Path, seeds_dir: Path, server: FeedServer, openapi_spec: object) -> None:
    server.feeds["e"] = rss2(server.base, ["kirkuk-budget"], title="Wire E")
    async with run_bot(_make(tmp_path, seeds_dir)) as (ld, bot):
        await _add(ld, server.url("/dynamic/e.xml"))
        it = await ld.invoke("follow", {"place": "Basra", "channel": DEFAULT_GENERAL_ID})
        await it.wait_done(timeout=20)
        assert "mention Basra will be noted in <#" in it.response["content"]
        server.feeds["e"] = rss2(server.base, ["basra-port", "erbil-airport", "kirkuk-budget"],
                                 title="Wire E")
        note = (await ld.wait_for_channel_message(DEFAULT_GENERAL_ID, 1, timeout=40))[0]
        embed = note["embeds"][0]
        assert embed["title"] == "New on Basra: 1 article"
        assert ARTICLES["basra-port"]["title"] in embed["description"]
        assert "Gulf Shipping News" in embed["description"]
        assert ARTICLES["erbil-airport"]["title"] not in embed["description"]
        # the feed announcement went to the feed's own channel, with both new articles
        posted = await ld.wait_for_channel_message(DEFAULT_NEWS_ID, 1, timeout=10)
        assert posted[0]["embeds"][0]["title"] == "2 new articles from your feeds"
        # a second Basra article within the hour waits for the next note
        notifier = bot.place_notifier
        engine = bot.engine
        doc_id = next(d for d, doc in engine.corpus.documents.items()
                      if doc.title == ARTICLES["basra-port"]["title"])
        for _ in range(100):  # the note's post is recorded just after it is sent
            if notifier.store.follows()[0].last_posted_at is not None:
                break
            await asyncio.sleep(0.1)
        await notifier.notice(engine, [doc_id])
        assert len(await notifier.pending()) == 1
        assert len(ld.channel_messages(DEFAULT_GENERAL_ID)) == 1
        notifier.interval = 0
        assert await notifier.flush() == 1
        assert len(ld.channel_messages(DEFAULT_GENERAL_ID)) == 2
        gone = await ld.invoke("unfollow", {"place": "Basra"})
        await gone.wait_done(timeout=15)
        assert gone.response["content"] == "No more notes about Basra."


async def test_the_next_digest_lists_what_the_feeds_brought_since_the_last_one(
        tmp_path: Path, seeds_dir: Path, server: FeedServer, openapi_spec: object) -> None:
    server.feeds["g"] = rss2(server.base, ["kirkuk-budget"], title="Wire G")
    async with run_bot(_make(tmp_path, seeds_dir, (*EXT, "cogs.digest"))) as (ld, bot):
        service = bot.digest_service
        await asyncio.to_thread(service.store.set_settings, DEFAULT_GUILD_ID, DEFAULT_NEWS_ID,
                                "23:59", "UTC")
        assert (await service.post_now(DEFAULT_GUILD_ID)).status == "posted"
        await _add(ld, server.url("/dynamic/g.xml"))
        server.feeds["g"] = rss2(server.base, ["basra-port", "kirkuk-budget"], title="Wire G")
        title = ARTICLES["basra-port"]["title"]
        for _ in range(300):  # polled, written, read into the corpus, first seen recorded
            digest = await service.build(DEFAULT_GUILD_ID)
            if any(n.title == title for n in digest.new_documents):
                break
            await asyncio.sleep(0.1)
        assert [n.title for n in digest.new_documents] == [title]
        assert (await service.post_now(DEFAULT_GUILD_ID)).status == "posted"
        assert (await service.build(DEFAULT_GUILD_ID)).new_documents == []  # covered once


async def test_a_channel_with_keywords_hears_only_of_articles_naming_them(
        tmp_path: Path, seeds_dir: Path, server: FeedServer, openapi_spec: object) -> None:
    server.feeds["k"] = rss2(server.base, ["kirkuk-budget"], title="Wire K")
    server.feeds["m"] = rss2(server.base, ["kirkuk-budget"], title="Wire M")
    async with run_bot(_make(tmp_path, seeds_dir)) as (ld, _bot):
        it = await ld.invoke("feed add", {"url": server.url("/dynamic/k.xml"),
                                          "channel": DEFAULT_NEWS_ID,
                                          "keywords": " dredging , Basra,basra , container ship"})
        await it.wait_done(timeout=20)
        assert "(only articles naming dredging, Basra, container ship)" in \
            it.response["content"]
        await _add(ld, server.url("/dynamic/m.xml"), DEFAULT_GENERAL_ID)
        shown = await ld.invoke("feed list")
        await shown.wait_done(timeout=15)
        fields = {f["name"]: f["value"] for f in shown.response["embeds"][0]["fields"]}
        assert "Only articles naming: dredging, Basra, container ship" in fields["Wire K"]
        assert "Only articles" not in fields["Wire M"]
        new = ["basra-port", "erbil-airport", "kirkuk-budget"]
        server.feeds["k"] = rss2(server.base, new, title="Wire K")
        server.feeds["m"] = rss2(server.base, new, title="Wire M")
        general = await ld.wait_for_channel_message(DEFAULT_GENERAL_ID, 1, timeout=30)
        news = await ld.wait_for_channel_message(DEFAULT_NEWS_ID, 1, timeout=10)
        assert general[0]["embeds"][0]["title"] == "2 new articles from your feeds"
        assert news[0]["embeds"][0]["title"] == "1 new article from your feeds"
        assert ARTICLES["basra-port"]["title"] in news[0]["embeds"][0]["description"]
        too_many = await ld.invoke("feed add", {"url": server.url("/dynamic/k.xml"),
                                                "keywords": ",".join(f"w{i}" for i in range(30))})
        await too_many.wait_done(timeout=15)
        assert "at most 20 keywords" in too_many.response["content"]
