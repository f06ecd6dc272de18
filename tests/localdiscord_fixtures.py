"""Shared fixtures for end-to-end tests through the local Discord.

Import them from conftest.py: ``from tests.localdiscord_fixtures import *  # noqa``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.localdiscord import LocalDiscord, run_bot
from bot.localdiscord.spec import load_spec

__all__ = ["local_discord", "make_tiny_bot", "openapi_spec", "tiny_bot"]


@pytest.fixture(scope="session")
def openapi_spec() -> object:
    """Discord's OpenAPI spec, parsed once per session (seconds)."""
    return load_spec()


@pytest.fixture
async def local_discord(openapi_spec: object) -> AsyncIterator[LocalDiscord]:
    """A started LocalDiscord with the default guild, not yet connected to any bot."""
    ld = LocalDiscord()
    await ld.start()
    try:
        yield ld
    finally:
        await ld.stop()


class Counter(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.count = 0

    @discord.ui.button(label="Count", custom_id="tiny:count", style=discord.ButtonStyle.primary)
    async def count_button(self, interaction: discord.Interaction,
                           button: discord.ui.Button[Counter]) -> None:
        self.count += 1
        await interaction.response.edit_message(content=f"count {self.count}", view=self)


def make_tiny_bot() -> commands.Bot:
    """A small bot with the shapes the real one uses: plain, deferred, grouped, files."""
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default(),
                       guild_ready_timeout=0.05)

    @bot.tree.command(description="Say hello")
    @app_commands.describe(times="How many times")
    async def hello(interaction: discord.Interaction, times: int = 1,
                    loud: bool = False) -> None:
        text = " ".join(["hello"] * times)
        await interaction.response.send_message(text.upper() if loud else text)

    @bot.tree.command(description="Slow answer")
    async def slow(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(f"posted in {channel.name}")
        await channel.send("from slow")

    @bot.tree.command(description="A counter button")
    async def counter(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("count 0", view=Counter())

    @bot.tree.command(description="Oversized embed")
    async def bad(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(embed=discord.Embed(title="x" * 300))

    @bot.tree.command(description="Send a picture")
    async def picture(interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="Map").set_image(url="attachment://map.png")
        file = discord.File(__import__("io").BytesIO(b"\x89PNG\r\n\x1a\nfake"), "map.png")
        await interaction.response.send_message(embed=embed, file=file)

    async def doc_complete(interaction: discord.Interaction, current: str
                           ) -> list[app_commands.Choice[str]]:
        docs = ["Mosul report", "Mission Accomplished?", "Baghdad brief"]
        return [app_commands.Choice(name=d, value=d) for d in docs
                if current.lower() in d.lower()]

    @bot.tree.command(description="Pick a document")
    @app_commands.autocomplete(document=doc_complete)
    async def pick(interaction: discord.Interaction, document: str) -> None:
        await interaction.response.send_message(document)

    digest = app_commands.Group(name="digest", description="Daily digest")

    @digest.command(name="set", description="Set the digest channel")
    @app_commands.choices(hour=[app_commands.Choice(name="morning", value=8),
                                app_commands.Choice(name="evening", value=18)])
    async def digest_set(interaction: discord.Interaction, channel: discord.TextChannel,
                         hour: app_commands.Choice[int]) -> None:
        await interaction.response.send_message(f"digest in #{channel.name} at {hour.value}",
                                                ephemeral=True)

    bot.tree.add_command(digest)

    async def setup_hook() -> None:
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


@pytest.fixture
async def tiny_bot(openapi_spec: object) -> AsyncIterator[tuple[LocalDiscord, commands.Bot]]:
    """The tiny bot connected to a fresh LocalDiscord; fails on spec violations."""
    async with run_bot(make_tiny_bot) as pair:
        yield pair
