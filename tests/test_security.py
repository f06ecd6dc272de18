"""Security: the token never reaches a log line or a user, .env stays out of git, no
privileged intents, admin commands checked at run time, no tracebacks or paths shown."""

from __future__ import annotations

import asyncio
import io
import logging
import subprocess
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.config import Settings
from bot.localdiscord import DEFAULT_MEMBER_ID, DEFAULT_NEWS_ID, run_bot
from bot.logs import REDACTED, setup_logging
from tests.bot_factory import bot_factory
from tests.conftest import ROOT

TOKEN = "MTExMTExMTExMTExMTExMTEx.FAKE-TOKEN.s3cr3t-briefbot-test-token-XYZ"
PRIVILEGED = {"GUILD_MEMBERS": 1 << 1, "GUILD_PRESENCES": 1 << 8, "MESSAGE_CONTENT": 1 << 15}
PATHISH = ("/work/", "/home/", "/tmp/", ".py", "Traceback", 'File "', str(ROOT))


def _leaky_command(bot: Any) -> None:
    """A command whose error carries the token and a file path, as a careless library might."""

    @bot.tree.command(name="leak", description="Raise an error holding the token")
    async def leak(interaction: discord.Interaction) -> None:
        raise RuntimeError(f"request failed with Authorization: Bot {TOKEN} in {__file__}")


@pytest.fixture
def debug_logging() -> Any:
    """The bot's own logging set-up, at DEBUG everywhere (discord.http and gateway too)."""
    root = logging.getLogger()
    saved = root.level, list(root.handlers)
    setup_logging("DEBUG", secrets=[TOKEN])
    buffer = io.StringIO()
    for handler in root.handlers:
        if getattr(handler, "_briefbot", False):
            handler.setStream(buffer)  # type: ignore[attr-defined]
    for name in ("discord.http", "discord.gateway", "discord.client", "discord.webhook"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield buffer
    for handler in list(root.handlers):
        if getattr(handler, "_briefbot", False):
            root.removeHandler(handler)
    root.setLevel(saved[0])
    for name in ("discord.http", "discord.gateway", "discord.client", "discord.webhook"):
        logging.getLogger(name).setLevel(logging.NOTSET)


async def test_token_is_redacted_from_every_log_line_and_never_shown(
        tmp_path: Path, seed_engine: Any, openapi_spec: Any, debug_logging: io.StringIO
        ) -> None:
    make_bot = bot_factory(tmp_path, seed_engine.corpus.root, engine=seed_engine,
                           discord_token=TOKEN)

    def make() -> Any:
        bot = make_bot()
        _leaky_command(bot)
        return bot

    async with run_bot(make, token=TOKEN) as (ld, bot):
        assert repr(bot.settings).count(TOKEN) == 0
        it = await ld.invoke("leak")
        await it.wait_done(timeout=10)
        shown = it.response["content"]
        summary = await ld.invoke("summary", {"sentences": 1})
        await summary.wait_done(timeout=30)
        await ld.drop_gateway()  # RESUME sends the token again
        again = await ld.invoke("sources")
        await again.wait_done(timeout=20)
        await asyncio.sleep(0.3)  # let the last edits land before the bot closes
    err = debug_logging.getvalue()
    assert "/leak failed" in err and "RuntimeError" in err  # the traceback was logged...
    assert REDACTED in err  # ...with the token replaced
    assert TOKEN not in err and "s3cr3t-briefbot" not in err
    assert "DEBUG" in err and "discord.gateway" in err  # the chattiest loggers were on
    assert TOKEN not in shown and "s3cr3t" not in shown
    for bad in PATHISH:
        assert bad not in shown, (bad, shown)
    assert len(shown) < 200


def test_settings_repr_and_errors_hide_the_token() -> None:
    settings = Settings(discord_token=TOKEN)
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)
    assert "discord_token=<set>" in repr(settings)


def test_env_file_is_ignored_by_git() -> None:
    found = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, check=False,
                           capture_output=True)
    if found.returncode == 128:
        pytest.fail(f"git check-ignore failed: {found.stderr.decode()}")
    assert found.returncode == 0, ".env is not git-ignored"
    tracked = subprocess.run(["git", "ls-files", "--", ".env"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
    assert tracked.strip() == ""


async def test_identify_asks_for_no_privileged_intents(tmp_path: Path, seed_engine: Any,
                                                       openapi_spec: Any) -> None:
    async with run_bot(bot_factory(tmp_path, seed_engine.corpus.root,
                                   engine=seed_engine)) as (ld, _bot):
        intents = ld.gateway.intents
    assert intents & (1 << 9)  # GUILD_MESSAGES... sanity: the value really arrived
    for name, bit in PRIVILEGED.items():
        assert not intents & bit, f"privileged intent {name} requested"


async def test_admin_commands_are_checked_at_run_time(tmp_path: Path, seed_engine: Any,
                                                      openapi_spec: Any) -> None:
    """A member without Manage Server (e.g. a server that widened the command's
    visibility under Integrations) is refused, and nothing changes."""
    async with run_bot(bot_factory(tmp_path, seed_engine.corpus.root,
                                   engine=seed_engine)) as (ld, bot):
        admin_only = {"corpus reload": {}, "digest now": {}, "digest off": {},
                      "digest set": {"channel": DEFAULT_NEWS_ID, "time": "07:00"}}
        synced = {c["name"] for c in ld.commands}
        for name, options in admin_only.items():
            if name.split()[0] not in synced:
                continue
            it = await ld.invoke(name, options, user_id=DEFAULT_MEMBER_ID)
            await it.wait_done(timeout=10)
            assert it.ephemeral, name
            assert "Manage Server" in it.response["content"], (name, it.response["content"])
        store = bot.digest_service.store  # type: ignore[attr-defined]
        assert store.get_settings(next(iter(ld.world.guilds))) is None  # nothing was set
        posted = [m for m in ld.channel_messages(DEFAULT_NEWS_ID) if m["embeds"]]
        assert posted == []
