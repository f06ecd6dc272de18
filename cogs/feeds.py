"""/feed add, list and remove: news feeds followed per server, polled in the background.

The polling, dedupe and posting decisions live in :mod:`bot.corpus.feeds.poller`;
this cog wires it to the bot (start in ``cog_load``, stop in ``cog_unload``), renders
and answers. New articles are written into the corpus directory and taken into the
loaded corpus at once: only the new and changed files are read (the refresher of
/corpus reload when the admin cog is loaded, so the two never rescan at once; else
one of this cog's own).
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.client import BriefBot
from bot.corpus.feeds import CorpusWriter, Fetcher, Ingestor
from bot.corpus.feeds.filters import FilterError, parse_keywords
from bot.corpus.feeds.follow import PlaceNotifier
from bot.corpus.feeds.parse import NotAFeed
from bot.corpus.feeds.poller import FeedPoller, feed_address
from bot.corpus.feeds.urls import UnsafeURLError, check_scheme, clean_url
from bot.corpus.feeds.writer import Added
from bot.corpus.loader import CorpusError
from bot.corpus.refresh import CorpusRefresher, refresh_engine
from bot.engine.errors import EngineInputError
from bot.render.common import CHOICE_NAME_LIMIT, CHOICES_LIMIT, safe, trim
from bot.render.feeds import announcement_embed, feed_list_embed, place_note_embed
from bot.store.feeds import FeedStore
from cogs._autocomplete import place_choices

log = logging.getLogger(__name__)
MAX_FEEDS_PER_SERVER = 50


class FeedsCog(commands.Cog):
    feed = app_commands.Group(
        name="feed", description="News feeds posted to this server", guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        self.store: FeedStore | None = None
        self.fetcher: Fetcher | None = None
        self.poller: FeedPoller | None = None
        self.notifier: PlaceNotifier | None = None
        self._starting: asyncio.Task[None] | None = None
        self._refresher: CorpusRefresher | None = None

    async def cog_load(self) -> None:
        settings = self.bot.settings
        self.store = await asyncio.to_thread(FeedStore, settings.database_url)
        writer = await asyncio.to_thread(CorpusWriter.open, self.bot.engine.corpus.root,
                                         settings.max_file_bytes)
        self.fetcher = Fetcher(allow_private=settings.allow_private_urls,
                               max_bytes=settings.max_file_bytes)
        ingestor = Ingestor(writer, self.fetcher, run_extract=self.bot.run_isolated)
        self.poller = FeedPoller(self.store, ingestor, self._announce,
                                 interval=settings.feed_poll_seconds or 600,
                                 on_added=self._corpus_changed)
        self.notifier = PlaceNotifier(self.store, self._announce_place,
                                      run_cpu=self.bot.run_engine)
        self.bot.feed_poller = self.poller  # type: ignore[attr-defined]
        self.bot.place_notifier = self.notifier  # type: ignore[attr-defined]
        if settings.feed_poll_seconds > 0:  # 0 turns polling off
            self._starting = asyncio.create_task(self._start_when_ready())

    async def _start_when_ready(self) -> None:
        await self.bot.wait_until_ready()
        if self.poller is not None:
            self.poller.start()
        self._flush_notes.start()

    @tasks.loop(seconds=60)
    async def _flush_notes(self) -> None:
        """Post place notes held back by the one-per-interval rule once they are due."""
        if self.notifier is not None:
            try:
                await self.notifier.flush()
            except Exception:
                log.exception("posting place notes failed")

    async def cog_unload(self) -> None:
        self._flush_notes.cancel()
        if self._starting is not None:
            self._starting.cancel()
        if self.poller is not None:
            self.poller.stop()
        if self.fetcher is not None:
            await self.fetcher.close()
        if self.store is not None:
            self.store.close()

    async def _announce(self, channel_id: int, items: list[Added]) -> None:
        await self.bot.get_partial_messageable(channel_id).send(
            embed=announcement_embed(items), allowed_mentions=discord.AllowedMentions.none())

    async def _announce_place(self, channel_id: int, place: str, items: list[Added],
                              nonce: str) -> None:
        await self.bot.get_partial_messageable(channel_id).send(
            embed=place_note_embed(place, items), nonce=nonce,
            allowed_mentions=discord.AllowedMentions.none())

    def refresher(self) -> CorpusRefresher:
        admin = self.bot.get_cog("AdminCog")
        if admin is not None:
            return admin.refresher  # type: ignore[attr-defined,no-any-return]
        if self._refresher is None:
            self._refresher = CorpusRefresher(self.bot.engine.corpus.root,
                                              self.bot.settings.max_file_bytes)
        return self._refresher

    async def _corpus_changed(self, added: list[Added], republished: list[str]) -> None:
        try:
            report = await refresh_engine(self.bot, self.refresher())
        except CorpusError as exc:  # e.g. a hand-edited sources.toml that no longer parses
            log.warning("feeds: %d articles written but not loaded: %s", len(added), exc)
        else:
            log.info("feeds: %d articles in, %d republished elsewhere; corpus %s (%d files "
                     "read)", len(added), len(republished), report.summary(), report.read)
        if self.notifier is not None and added:
            await self.notifier.notice(self.bot.engine, [a.doc_id for a in added])

    def _parts(self) -> tuple[FeedStore, FeedPoller, Fetcher]:
        assert self.store and self.poller and self.fetcher, "feeds cog not loaded"
        return self.store, self.poller, self.fetcher

    @feed.command(name="add", description="Follow a news feed (RSS, Atom or JSON Feed)")
    @app_commands.describe(url="The feed's address (http or https)",
                           channel="Where new articles are posted (default: here)",
                           keywords="Post only articles naming one of these words or phrases "
                                    "(comma-separated)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def feed_add(self, interaction: discord.Interaction,
                       url: app_commands.Range[str, 1, 2000],
                       channel: discord.TextChannel | None = None,
                       keywords: app_commands.Range[str, 1, 1000] | None = None) -> None:
        assert interaction.guild_id is not None
        store, poller, fetcher = self._parts()
        target = channel.id if channel else interaction.channel_id
        assert target is not None
        try:
            words = parse_keywords(keywords)
        except FilterError as exc:
            raise EngineInputError(f"I can't use that filter: {exc}.") from None
        only = f" (only articles naming {safe(words)})" if words else ""
        # checks resolve a name and read the database: answer Discord's 3 s deadline first
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            url = clean_url(check_scheme(url))
            if not fetcher.allow_private:
                await fetcher.check_host(urlsplit(url).hostname or "")
        except UnsafeURLError as exc:
            raise EngineInputError(f"I can't follow that feed: {exc}.") from None
        except OSError:
            raise EngineInputError(f"I can't follow that feed: the name of {url} does not "
                                   f"resolve.") from None
        try:
            url = await feed_address(fetcher, url)
        except NotAFeed as exc:
            raise EngineInputError(f"I can't follow that: {exc}.") from None
        subs = await asyncio.to_thread(store.subscriptions, interaction.guild_id)
        if len(subs) >= MAX_FEEDS_PER_SERVER and all(s.feed.url != url for s in subs):
            raise EngineInputError(f"This server already follows {MAX_FEEDS_PER_SERVER} feeds: "
                                   f"/feed remove one first.")
        sub, _created = await asyncio.to_thread(store.subscribe, interaction.guild_id, url,
                                                target, None, words)
        feed = sub.feed
        if feed.last_fetch_at is None:  # a feed new to the bot: fetch it now (posts nothing)
            poll = await poller.poll_feed(feed)
            state = await asyncio.to_thread(store.feed, feed.id)
            if poll.error or state is None:
                retry = discord.utils.format_dt(state.next_fetch_at, "R") if state else "later"
                text = (f"Following {safe(url)} in <#{target}>{only}, but the first fetch failed: "
                        f"{safe(poll.error or 'unknown error')}. I will retry {retry}; "
                        f"/feed list shows its state.")
            else:
                text = (f"Following {safe(state.title or url)} in <#{target}>{only}: "
                        f"{poll.new_entries} current items marked as seen; new articles will "
                        f"be posted there from now on.")
        else:
            text = f"Following {safe(feed.title or url)} in <#{target}>{only}."
        await interaction.followup.send(text, ephemeral=True)

    @feed.command(name="list", description="The feeds this server follows and their state")
    async def feed_list(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        store = self._parts()[0]
        subs = await asyncio.to_thread(store.subscriptions, interaction.guild_id)
        await interaction.response.send_message(
            embed=feed_list_embed(subs, self.bot.settings.feed_poll_seconds), ephemeral=True)

    @feed.command(name="remove", description="Stop following a feed")
    @app_commands.describe(url="The feed to stop following (start typing)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def feed_remove(self, interaction: discord.Interaction, url: str) -> None:
        assert interaction.guild_id is not None
        store = self._parts()[0]
        removed = await asyncio.to_thread(store.unsubscribe, interaction.guild_id, url.strip())
        text = f"Stopped following {safe(url)}." if removed else \
            f"This server does not follow {safe(url)}: /feed list shows the feeds it follows."
        await interaction.response.send_message(text, ephemeral=True)

    @feed_remove.autocomplete("url")
    async def _remove_autocomplete(self, interaction: discord.Interaction,
                                   current: str) -> list[app_commands.Choice[str]]:
        if self.store is None or interaction.guild_id is None:
            return []
        subs = await asyncio.to_thread(self.store.subscriptions, interaction.guild_id)
        text = current.casefold()
        return [app_commands.Choice(name=trim(s.feed.title or s.feed.url, CHOICE_NAME_LIMIT),
                                    value=s.feed.url)
                for s in subs if text in (s.feed.title + s.feed.url).casefold()
                and len(s.feed.url) <= 100][:CHOICES_LIMIT]


    @app_commands.command(name="follow", description="Post a short note in a channel when "
                          "new articles mention a place")
    @app_commands.describe(place="A place (start typing)", channel="Where to post the notes")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def follow(self, interaction: discord.Interaction, place: str,
                     channel: discord.TextChannel) -> None:
        assert interaction.guild_id is not None
        store = self._parts()[0]
        await interaction.response.defer(ephemeral=True, thinking=True)
        engine = self.bot.engine
        found = await self.bot.run_engine(lambda: engine.places.resolve(place))
        await asyncio.to_thread(store.follow, interaction.guild_id, found.key, found.name,
                                channel.id)
        await interaction.followup.send(
            f"New articles that mention {safe(found.name)} will be noted in {channel.mention} "
            f"(at most one note per hour, listing them all).", ephemeral=True)

    @follow.autocomplete("place")
    async def _follow_autocomplete(self, interaction: discord.Interaction,
                                   current: str) -> list[app_commands.Choice[str]]:
        return place_choices(self.bot.engine, current)

    @app_commands.command(name="unfollow", description="Stop the notes about a place")
    @app_commands.describe(place="A place this server follows")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def unfollow(self, interaction: discord.Interaction, place: str) -> None:
        assert interaction.guild_id is not None
        store = self._parts()[0]
        removed = await asyncio.to_thread(store.unfollow, interaction.guild_id, place.strip())
        text = f"No more notes about {safe(place)}." if removed else \
            f"This server does not follow {safe(place)}."
        await interaction.response.send_message(text, ephemeral=True)

    @unfollow.autocomplete("place")
    async def _unfollow_autocomplete(self, interaction: discord.Interaction,
                                     current: str) -> list[app_commands.Choice[str]]:
        if self.store is None or interaction.guild_id is None:
            return []
        follows = await asyncio.to_thread(self.store.follows, interaction.guild_id)
        return [app_commands.Choice(name=f.name[:CHOICE_NAME_LIMIT], value=f.name[:100])
                for f in follows if current.casefold() in f.name.casefold()][:CHOICES_LIMIT]


async def setup(bot: BriefBot) -> None:
    await bot.add_cog(FeedsCog(bot))
