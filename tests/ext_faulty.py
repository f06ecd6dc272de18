"""Test-only extensions: a command that raises, and an extension that fails to load."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands


class Faulty(commands.Cog):
    @app_commands.command(name="boom", description="Always fails (test only)")
    async def boom(self, interaction: discord.Interaction) -> None:
        raise RuntimeError("/srv/briefbot/secret/path.py exploded")


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Faulty())
