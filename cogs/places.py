"""/brief and /places: option parsing, one engine call off the loop, one render call."""

from __future__ import annotations

import importlib
import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import BriefBot
from bot.engine.nlp import warm as load_parser  # briefs parse a few lines (key figures)
from bot.render.common import send_pages
from cogs._autocomplete import place_choices

log = logging.getLogger(__name__)
#: bot.engine.places.index.MAX_SENTENCES (a test keeps them equal): the place engine and
#: its renderer load the gazetteer's libraries, which the bot imports after connecting
MAX_SENTENCES = 10


class PlacesCog(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="brief", description="What the corpus says about a place, "
                          "with key figures, sources and a map")
    @app_commands.describe(place="A place (start typing: places in the corpus come first)",
                           sentences=f"Summary sentences (1-{MAX_SENTENCES}, default 5)",
                           private="Only you see the answer")
    async def brief(self, interaction: discord.Interaction,
                    place: app_commands.Range[str, 1, 100],
                    sentences: app_commands.Range[int, 1, MAX_SENTENCES] = 5,
                    private: bool = False) -> None:
        await interaction.response.defer(ephemeral=private, thinking=True)
        loading = await self.bot.tell_if_loading(interaction, "places")
        # in a worker: the warm-up may be importing them (seconds the loop must not wait)
        maps = await self.bot.run_engine(importlib.import_module, "bot.engine.places.maps")
        view = await self.bot.run_engine(importlib.import_module, "bot.render.places")
        render_map, briefing_embed = maps.render_map, view.briefing_embed
        MAP_FILENAME = view.MAP_FILENAME
        engine = self.bot.engine  # the engine this command started with (swaps are atomic)
        # .places inside the worker: while the index is still being built, it waits there
        briefing = await self.bot.run_engine(
            lambda: engine.places.brief(place, sentences=sentences))
        index = engine.places
        png = index.cached_map(briefing)
        if png is not None:
            await send_pages(interaction, [briefing_embed(briefing)], ephemeral=private,
                             files=[discord.File(io.BytesIO(png), MAP_FILENAME)],
                             replace=loading)
            return
        # The text answers now; the map follows as an edit. Drawing takes seconds and
        # maps queue behind one another in the map process under load.
        await send_pages(interaction, [briefing_embed(briefing, with_map=False,
                                                      map_pending=True)], ephemeral=private,
                         replace=loading)
        try:
            png = await self.bot.run_isolated(render_map, briefing)
            index.remember_map(briefing, png)
        except Exception:  # a briefing without its map beats no briefing
            log.exception("/brief %s: map rendering failed", briefing.place.name)
            png = None
        try:
            if png is None:
                await interaction.edit_original_response(
                    embed=briefing_embed(briefing, with_map=False))
            else:
                await interaction.edit_original_response(
                    embed=briefing_embed(briefing),
                    attachments=[discord.File(io.BytesIO(png), MAP_FILENAME)])
        except discord.HTTPException as exc:  # deleted meanwhile, or token expired
            log.warning("/brief %s: could not add the map: %s", briefing.place.name, exc)

    @brief.autocomplete("place")
    async def _place_autocomplete(self, interaction: discord.Interaction, current: str
                                  ) -> list[app_commands.Choice[str]]:
        return place_choices(self.bot.engine, current)

    @app_commands.command(name="places", description="Every place the corpus mentions, "
                          "with mention and document counts")
    @app_commands.describe(private="Only you see the answer")
    async def places(self, interaction: discord.Interaction, private: bool = False) -> None:
        # defer first: under load the engine call can outlast Discord's 3 s deadline
        await interaction.response.defer(ephemeral=private, thinking=True)
        loading = await self.bot.tell_if_loading(interaction, "places")
        view = await self.bot.run_engine(importlib.import_module, "bot.render.places")
        engine = self.bot.engine
        listing = await self.bot.run_engine(lambda: engine.places.places())
        await send_pages(interaction, view.places_embeds(listing), ephemeral=private,
                         replace=loading)


async def setup(bot: BriefBot) -> None:
    if bot.warm_indexes:
        bot.warm_imports.extend(("bot.render.places", "bot.engine.places.maps", load_parser))
    await bot.add_cog(PlacesCog(bot))
