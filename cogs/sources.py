"""/sources: the documents in the corpus with outlet, author and size, paginated."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import BriefBot
from bot.render.common import send_pages
from bot.render.sources import sources_embeds


class SourcesCog(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources", description="List the documents the bot has read")
    @app_commands.describe(private="Only you see the answer")
    async def sources(self, interaction: discord.Interaction, private: bool = False) -> None:
        await interaction.response.defer(ephemeral=private, thinking=True)
        # thousands of documents: build the pages in the worker pool, not on the loop
        pages = await self.bot.run_engine(sources_embeds, self.bot.engine.corpus)
        await send_pages(interaction, pages, ephemeral=private)


async def setup(bot: BriefBot) -> None:
    await bot.add_cog(SourcesCog(bot))
