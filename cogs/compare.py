"""/compare: option parsing, one engine call off the loop, one render call."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import BriefBot
from bot.engine.compare import compare_request
from bot.render.common import send_pages
from bot.render.compare import compare_embeds
from cogs._autocomplete import document_choices, place_choices

log = logging.getLogger(__name__)


class CompareCog(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="compare", description="How the sources cover a topic, a place "
                          "or two documents: consensus, unique points, conflicts")
    @app_commands.describe(
        topic="Compare the sources on a topic (free text)",
        place="Compare what the sources say about a place (start typing its name)",
        document_a="First of two documents to compare (start typing its title)",
        document_b="Second of two documents to compare",
        private="Only you see the answer",
    )
    async def compare(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 200] | None = None,
        place: app_commands.Range[str, 1, 100] | None = None,
        document_a: str | None = None,
        document_b: str | None = None,
        private: bool = False,
    ) -> None:
        # a bad combination is refused before deferring, so the explanation stays private
        request = compare_request(topic=topic, place=place, document_a=document_a,
                                  document_b=document_b)
        await interaction.response.defer(ephemeral=private, thinking=True)
        loading = await self.bot.tell_if_loading(interaction, "comparer")
        engine = self.bot.engine
        # .comparer inside the worker: while the index is still being built, it waits there
        result = await self.bot.run_engine(lambda: engine.comparer.compare(**request))
        await send_pages(interaction, compare_embeds(result), ephemeral=private,
                         replace=loading)

    @compare.autocomplete("place")
    async def _place_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return place_choices(self.bot.engine, current)

    @compare.autocomplete("document_a")
    @compare.autocomplete("document_b")
    async def _document_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return document_choices(self.bot.engine.corpus, current)


async def setup(bot: BriefBot) -> None:
    await bot.add_cog(CompareCog(bot))
