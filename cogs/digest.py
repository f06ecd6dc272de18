"""/digest: per-server daily digest settings, preview and manual post.

The scheduler lives in :class:`bot.digest_service.DigestService`; this cog starts it
in ``cog_load`` and stops it in ``cog_unload`` (which also runs when the bot closes).
Discord only supports default permissions on the top-level command, so the whole
/digest group is shown to Manage Server holders by default (server admins can widen
that under Integrations); set, off and now also check Manage Server at run time.
"""

from __future__ import annotations

import asyncio
import logging
import zoneinfo
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands
from rapidfuzz import fuzz, process
from sqlalchemy.exc import SQLAlchemyError

from bot.client import BriefBot
from bot.digest_service import DigestService, parse_local_time, parse_timezone
from bot.engine import Engine
from bot.engine.errors import EngineInputError
from bot.render.common import CHOICES_LIMIT
from bot.render.digest import digest_embeds, settings_embed
from bot.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def timezone_choices(current: str) -> list[app_commands.Choice[str]]:
    """IANA zones matching what the user typed: prefix, then substring, then fuzzy."""
    zones = _zones()
    text = current.strip().replace(" ", "_").casefold()
    if not text:
        picked = [z for z in ("UTC", "Europe/London", "Europe/Paris", "America/New_York",
                              "America/Chicago", "America/Los_Angeles", "Asia/Baghdad",
                              "Asia/Tokyo", "Australia/Sydney") if z in zones]
    else:
        prefix = [z for z in zones if z.casefold().startswith(text)]
        inner = [z for z in zones if text in z.casefold() and z not in prefix]
        picked = prefix + inner
        if not picked:
            picked = [m[0] for m in process.extract(text, zones, scorer=fuzz.WRatio,
                                                    limit=CHOICES_LIMIT, score_cutoff=60)]
    return [app_commands.Choice(name=z, value=z) for z in picked[:CHOICES_LIMIT]]


class DigestCog(commands.Cog):
    digest = app_commands.Group(
        name="digest", description="The daily digest for this server", guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        self.store: Store | None = None
        self.service: DigestService | None = None

    async def cog_load(self) -> None:
        # a StoreError (newer schema, corrupt file) stops the bot: see BriefBot.setup_hook
        self.store = await asyncio.to_thread(Store, self.bot.settings.database_url)
        self.service = DigestService.for_bot(self.bot, self.store)
        self.bot.digest_service = self.service  # type: ignore[attr-defined]
        if self.store.problem is None:
            # recording the corpus as seen runs after connecting, before any digest reads it
            await self.service.start(sync=True)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        if interaction.guild_id is None:  # Discord hides /digest in DMs; a client may not
            raise app_commands.NoPrivateMessage()
        return True

    async def cog_unload(self) -> None:
        if self.service is not None:
            self.service.shutdown()
        if self.store is not None:
            self.store.close()

    @commands.Cog.listener()
    async def on_engine_swapped(self, engine: Engine) -> None:
        if self.service is not None and self.service.store.problem is None:
            await self.service.sync_documents(engine)

    def _service(self) -> DigestService:
        assert self.service is not None, "digest cog not loaded"
        return self.service

    async def _write(self, fn: Callable[..., T], *args: Any) -> T:
        """A settings change, refused with the reason when the database cannot take it."""
        store = self._service().store
        if store.user_problem:
            raise EngineInputError(f"Not changed: {store.user_problem}.")
        try:
            return await asyncio.to_thread(fn, *args)
        except SQLAlchemyError as exc:
            log.error("digest settings could not be saved: %s", exc)
            raise EngineInputError("Not changed: the bot's database refused the change "
                                   f"({type(exc).__name__}); the operator can see why in "
                                   "the log.") from exc

    @digest.command(name="set", description="Post the daily digest in a channel at a local time")
    @app_commands.describe(channel="Where to post", time="Local time, HH:MM (24-hour)",
                           timezone="IANA time zone, e.g. Europe/London (start typing)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def digest_set(self, interaction: discord.Interaction, channel: discord.TextChannel,
                         time: app_commands.Range[str, 3, 5],
                         timezone: str | None = None) -> None:
        assert interaction.guild_id is not None
        at = parse_local_time(time)
        zone = parse_timezone(timezone or self.bot.settings.default_timezone).key
        service = self._service()
        settings = await self._write(service.store.set_settings, interaction.guild_id,
                                     channel.id, f"{at:%H:%M}", zone, service.clock())
        await service.schedule_or_record(settings)
        nxt = service.next_run(interaction.guild_id)
        when = f"; next one {discord.utils.format_dt(nxt, 'F')}" if nxt else ""
        await interaction.response.send_message(
            f"The daily digest will be posted in {channel.mention} at {at:%H:%M} ({zone})"
            f"{when}.", ephemeral=True)

    @digest_set.autocomplete("timezone")
    async def _timezone_autocomplete(self, interaction: discord.Interaction,
                                     current: str) -> list[app_commands.Choice[str]]:
        return timezone_choices(current)

    @digest.command(name="show", description="This server's digest settings and last problem")
    async def digest_show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        store = self._service().store
        settings = await asyncio.to_thread(store.get_settings, interaction.guild_id)
        history = await asyncio.to_thread(store.history, interaction.guild_id, 5)
        embed = settings_embed(settings, next_run=self._service().next_run(interaction.guild_id),
                               history=history, problem=store.user_problem)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @digest.command(name="off", description="Stop posting the daily digest")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def digest_off(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        service = self._service()
        changed = await self._write(service.store.disable, interaction.guild_id,
                                    service.clock())
        service.unschedule(interaction.guild_id)
        await interaction.response.send_message(
            "The daily digest is off." if changed else "The daily digest was not on.",
            ephemeral=True)

    @digest.command(name="preview", description="See the digest as it would be posted now "
                    "(only you see it)")
    async def digest_preview(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        digest = await self._service().build(interaction.guild_id)
        await interaction.followup.send(embeds=digest_embeds(digest), ephemeral=True)

    @digest.command(name="now", description="Post the digest in its channel now")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def digest_now(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        service = self._service()
        if service.store.user_problem:
            raise EngineInputError(f"Not posted: {service.store.user_problem}.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        outcome = await service.post_now(interaction.guild_id)
        if outcome.status == "posted":
            text = f"Digest posted in <#{outcome.channel_id}>."
        else:
            text = f"The digest was not posted: {outcome.detail}."
        await interaction.followup.send(text, ephemeral=True)


async def setup(bot: BriefBot) -> None:
    await bot.add_cog(DigestCog(bot))
