"""Test-only extension whose setup fails: the bot must log it and load the others."""

from discord.ext import commands


async def setup(bot: commands.Bot) -> None:
    raise ImportError("this extension is broken on purpose")
