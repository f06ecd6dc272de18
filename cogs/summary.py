"""/summary: option parsing, one engine call off the loop, one render call."""

from __future__ import annotations

import importlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import BriefBot
from bot.engine.nlp import warm as load_parser  # topic summaries parse a few lines
from bot.render.common import send_pages
from cogs._autocomplete import document_choices

log = logging.getLogger(__name__)
#: bot.engine.summary's (a test keeps them equal): the summarizer's libraries (scipy's
#: solver, sumy's stop words and stemmer among them) load after the bot connects, with
#: its index, in a worker
ALGORITHMS: tuple[str, ...] = ("default", "lexrank", "textrank", "lsa", "luhn", "kl",
                               "sumbasic", "edmundson", "reduction")
MAX_SENTENCES = 10


class SummaryCog(commands.Cog):
    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot

    @app_commands.command(name="summary", description="Extractive summary of the corpus, "
                          "one document, or a topic")
    @app_commands.describe(
        document="One document (start typing its title)",
        topic="Focus the summary on a topic or question",
        sentences=f"How many sentences (1-{MAX_SENTENCES}, default 5)",
        words="A word budget instead of a sentence count",
        algorithm="Ranking algorithm (default: briefbot's own)",
        private="Only you see the answer",
    )
    @app_commands.choices(algorithm=[app_commands.Choice(name=a, value=a) for a in ALGORITHMS])
    async def summary(
        self,
        interaction: discord.Interaction,
        document: str | None = None,
        topic: app_commands.Range[str, 1, 200] | None = None,
        sentences: app_commands.Range[int, 1, MAX_SENTENCES] = 5,
        words: app_commands.Range[int, 10, 1000] | None = None,
        algorithm: str = "default",
        private: bool = False,
    ) -> None:
        await interaction.response.defer(ephemeral=private, thinking=True)
        loading = await self.bot.tell_if_loading(interaction, "summarizer")
        # in a worker: the warm-up may be importing it (seconds the loop must not wait)
        view = await self.bot.run_engine(importlib.import_module, "bot.render.summary")
        engine = self.bot.engine
        # .summarizer inside the worker: while the index is still being built, it waits there
        result = await self.bot.run_engine(lambda: engine.summarizer.summarize(
            document=document, topic=topic, sentences=sentences, words=words,
            algorithm=algorithm))
        await send_pages(interaction, view.summary_embeds(result), ephemeral=private,
                         replace=loading)

    @summary.autocomplete("document")
    async def _document_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return document_choices(self.bot.engine.corpus, current)


def _import_sumy() -> None:
    from bot.engine.ranking.sumy_adapter import import_sumy

    import_sumy()


async def setup(bot: BriefBot) -> None:
    if bot.warm_indexes:  # a long-running bot: sumy's algorithms once connected, in a
        # worker; a one-shot command imports them only if it asks for one
        bot.warm_imports.extend(("bot.render.summary", _import_sumy, load_parser))
    await bot.add_cog(SummaryCog(bot))
