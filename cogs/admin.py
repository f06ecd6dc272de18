"""/corpus reload for admins, and the periodic corpus rescan (CORPUS_RESCAN_SECONDS)."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.client import BriefBot
from bot.corpus.loader import CorpusError
from bot.corpus.refresh import CorpusRefresher, RefreshReport, refresh_engine
from bot.render.common import safe, trim

log = logging.getLogger(__name__)


def report_text(report: RefreshReport) -> str:
    lines = [f"Corpus reloaded: {report.summary()}."]
    for label, ids in (("Added", report.added), ("Changed", report.changed),
                       ("Removed", report.removed)):
        if ids:
            lines.append(f"{label}: " + trim(", ".join(safe(i) for i in ids), 400))
    for path, reason in report.failed[:10]:
        lines.append(f"Failed: {safe(path)} ({safe(reason)})")
    if not report.changed_anything:
        lines[0] = "Corpus unchanged: nothing to reload."
    return "\n".join(lines)[:1900]


class AdminCog(commands.Cog):
    corpus = app_commands.Group(
        name="corpus", description="Corpus administration", guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: BriefBot) -> None:
        self.bot = bot
        self.refresher = CorpusRefresher(bot.engine.corpus.root, bot.settings.max_file_bytes)
        self._rescan.change_interval(seconds=max(1, bot.settings.corpus_rescan_seconds))

    async def cog_load(self) -> None:
        if self.bot.settings.corpus_rescan_seconds > 0:  # 0 turns the periodic rescan off
            self._rescan.start()

    async def cog_unload(self) -> None:
        self._rescan.cancel()

    async def reload(self) -> RefreshReport:
        return await refresh_engine(self.bot, self.refresher)

    @tasks.loop(seconds=300)
    async def _rescan(self) -> None:
        try:
            report = await self.reload()
        except CorpusError as exc:
            log.warning("corpus rescan: %s", exc)
            return
        except Exception:  # the loop must survive anything one rescan throws
            log.exception("corpus rescan failed")
            return
        if report.failed:
            log.warning("corpus rescan: %s", report.summary())

    @_rescan.before_loop
    async def _before(self) -> None:
        await self.bot.wait_until_ready()

    @corpus.command(name="reload", description="Reload the corpus directory now")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def corpus_reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            report = await self.reload()
        except CorpusError as exc:
            log.warning("corpus reload: %s", exc)  # the operator's version, with paths
            await interaction.followup.send(f"Reload failed: {exc.public}.", ephemeral=True)
            return
        await interaction.followup.send(report_text(report), ephemeral=True)


async def setup(bot: BriefBot) -> None:
    await bot.add_cog(AdminCog(bot))
