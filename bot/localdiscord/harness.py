"""Run a real discord.py bot against the local Discord for the length of a test.

    async with run_bot(make_bot) as (ld, bot):
        it = await ld.invoke("summary", {"sentences": 3})
        await it.wait_done()

``make_bot`` is called after redirection; give the bot a small
``guild_ready_timeout`` (e.g. ``0.1``) or ``on_ready`` waits two seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from discord.ext import commands

from .driver import LocalDiscord
from .redirect import redirect_discord

log = logging.getLogger(__name__)


async def _wait_ready(bot: commands.Bot, task: asyncio.Task[None], timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not bot.is_ready():
        if task.done():
            task.result()  # raises the bot's startup error
            raise RuntimeError("the bot stopped before it was ready")
        if loop.time() > deadline:
            raise TimeoutError(f"bot not ready within {timeout}s")
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def run_bot(
    make_bot: Callable[[], commands.Bot],
    *,
    local: LocalDiscord | None = None,
    token: str = "fake-token",
    ready_timeout: float = 30.0,
    wait_for_commands: bool = True,
    check_violations: bool = True,
) -> AsyncIterator[tuple[LocalDiscord, commands.Bot]]:
    """Start ``local`` (default: a fresh LocalDiscord), connect ``make_bot()`` to it, yield.

    On exit the bot is closed, the server stopped, and an AssertionError lists any
    spec violations (unless ``check_violations`` is false).
    """
    ld = local or LocalDiscord()
    await ld.start()
    try:
        with redirect_discord(ld.base_url, ld.gateway_url):
            bot = make_bot()
            task = asyncio.create_task(bot.start(token), name="localdiscord-bot")
            try:
                await _wait_ready(bot, task, ready_timeout)
                if wait_for_commands:
                    await ld.wait_for_commands(ready_timeout)
                yield ld, bot
            finally:
                await bot.close()
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await asyncio.wait_for(task, 5.0)
    finally:
        await ld.stop()
    if check_violations:
        ld.assert_no_violations()
