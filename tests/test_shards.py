"""Sharding: shard ownership, the local Discord's shards, and two bot processes (one shard
each) on one local Discord and one database, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord
import pytest
from discord.ext import commands

from bot.config import ConfigError, Settings, load_settings, shard_of
from bot.localdiscord import LocalDiscord, run_bot
from bot.localdiscord.gateway import shard_for
from bot.localdiscord.state import (
    ADMINISTRATOR,
    DEFAULT_ADMIN_ROLE_ID,
    ChannelSpec,
    GuildSpec,
    RoleSpec,
    default_users,
)
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
SERVERS = 20
BASE_MS = 300_000_000_000  # a snowflake time in 2019


def guilds(n: int = SERVERS) -> list[GuildSpec]:
    """``n`` servers whose ids alternate between the two shards of a count of 2."""
    out = []
    for i in range(n):
        gid = ((BASE_MS + i) << 22) | (i + 1)
        out.append(GuildSpec(
            id=gid, name=f"Server {i}",
            channels=[ChannelSpec(gid + 1, "general"), ChannelSpec(gid + 2, "news")],
            roles=[RoleSpec(DEFAULT_ADMIN_ROLE_ID, "Admin", ADMINISTRATOR)]))
    return out


# settings ------------------------------------------------------------------------------------
def test_shard_settings_are_checked_and_name_what_to_fix() -> None:
    s = load_settings(env={"SHARD_COUNT": "4", "SHARD_IDS": "3, 1"}, env_file=None)
    assert s.shard_count == 4 and s.shard_ids == (1, 3)
    assert load_settings(env={}, env_file=None).shard_ids is None
    flags = load_settings(env={"SHARD_COUNT": "4", "SHARD_IDS": "0"}, env_file=None,
                          shard_count=2, shard_ids="1")
    assert flags.shard_count == 2 and flags.shard_ids == (1,)  # the CLI flags win
    for env, words in (({"SHARD_COUNT": "0"}, "at least 1"),
                       ({"SHARD_COUNT": "two"}, "whole number"),
                       ({"SHARD_IDS": "0"}, "needs SHARD_COUNT"),
                       ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "numbered 0 to 1"),
                       ({"SHARD_COUNT": "2", "SHARD_IDS": "a"}, "separated by commas")):
        with pytest.raises(ConfigError, match=words):
            load_settings(env=env, env_file=None)


def test_a_server_belongs_to_the_shard_discord_sends_it_to() -> None:
    ids = [g.id for g in guilds()]
    assert [shard_of(g, 2) for g in ids] == [i % 2 for i in range(SERVERS)]
    assert all(shard_for(g, 2) == shard_of(g, 2) for g in ids)
    everything = Settings()
    first, second = (Settings(shard_count=2, shard_ids=(i,)) for i in (0, 1))
    for gid in ids:
        assert everything.owns_guild(gid)
        assert first.owns_guild(gid) != second.owns_guild(gid)


def test_sharding_settings_choose_discord_pys_auto_sharded_bot() -> None:
    from bot.client import BriefBot, ShardedBriefBot, bot_class

    assert bot_class(Settings()) is BriefBot
    assert bot_class(Settings(), recommended=3) is ShardedBriefBot
    sharded = bot_class(Settings(shard_count=4, shard_ids=(1, 3)))
    assert sharded is ShardedBriefBot and issubclass(sharded, commands.AutoShardedBot)


async def test_default_run_takes_discords_recommended_shard_count_in_one_process(
        tmp_path: Path, openapi_spec) -> None:
    """No SHARD_COUNT: ``briefbot run`` asks ``GET /gateway/bot`` and runs every shard it
    recommends in this process: the plain client for a recommendation of 1 (a bot under
    2,500 servers), AutoShardedBot with all shards above that."""
    from bot.client import BriefBot, ShardedBriefBot, startup_bot_class
    from bot.localdiscord import redirect_discord

    settings = Settings(discord_token="fake-token", corpus_dir=ROOT / "seeds",
                        database_url=f"sqlite:///{tmp_path / 'briefbot.sqlite3'}",
                        corpus_rescan_seconds=0)
    for recommended, expected in ((1, BriefBot), (2, ShardedBriefBot)):
        ld = LocalDiscord(guilds(4), default_users())
        ld.gateway.recommended_shards = recommended
        await ld.start()
        try:
            with redirect_discord(ld.base_url, ld.gateway_url):
                cls = await startup_bot_class(settings)
        finally:
            await ld.stop()
        assert cls is expected
        assert [r.path for r in ld.requests if r.method == "GET"][-1].endswith("/gateway/bot")

        def make(cls: type[BriefBot] = cls) -> BriefBot:
            return cls(settings, extensions=("cogs.sources",), guild_ready_timeout=0.05)

        local = LocalDiscord(guilds(4), default_users())
        local.gateway.recommended_shards = recommended
        async with run_bot(make, local=local) as (ld2, bot):
            # every recommended shard connected in this one process, every server on it
            assert {g.id for g in bot.guilds} == set(ld2.world.guilds)
            assert sorted(s for s, _ in ld2.gateway.identified_shards) == list(
                range(recommended))
            it = await ld2.invoke("sources", guild_id=next(iter(ld2.world.guilds)))
            await it.wait_done(timeout=20)
    # SHARD_COUNT set: no question asked
    assert await startup_bot_class(Settings(shard_count=2)) is ShardedBriefBot


def test_run_refuses_shard_ids_outside_the_count_before_connecting(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", "fake-token")
    assert main(["run", "--shard-count", "2", "--shard-ids", "0,5"]) == 2
    assert "SHARD_IDS 5 not below SHARD_COUNT 2" in capsys.readouterr().err


# the local Discord's shards --------------------------------------------------------------
async def test_each_shard_identifies_and_receives_only_its_servers(openapi_spec) -> None:
    """discord.py's AutoShardedBot asks /gateway/bot for the count, IDENTIFYs each shard
    with [id, count], and every server arrives on (and answers through) its own shard."""
    ld = LocalDiscord(guilds(6), default_users())
    ld.gateway.recommended_shards = 2
    seen: dict[int, int] = {}

    def make() -> commands.AutoShardedBot:
        bot = commands.AutoShardedBot(command_prefix="!", intents=discord.Intents.default(),
                                      guild_ready_timeout=0.05)

        @bot.tree.command(description="Which shard")
        async def shard(interaction: discord.Interaction) -> None:
            assert interaction.guild is not None
            seen[interaction.guild.id] = interaction.guild.shard_id
            await interaction.response.send_message(f"shard {interaction.guild.shard_id}")

        async def setup_hook() -> None:
            await bot.tree.sync()

        bot.setup_hook = setup_hook  # type: ignore[method-assign]
        return bot

    async with run_bot(make, local=ld) as (ld, bot):
        assert bot.shard_count == 2 and sorted(bot.shards) == [0, 1]
        assert sorted(ld.gateway.identified_shards) == [(0, 2), (1, 2)]
        assert {g.id for g in bot.guilds} == set(ld.world.guilds)
        for gid in ld.world.guilds:
            it = await ld.invoke("shard", guild_id=gid)
            await it.wait_done()
            assert it.response["content"] == f"shard {shard_of(gid, 2)}"
        assert seen == {gid: shard_of(gid, 2) for gid in ld.world.guilds}
        # one shard drops and RESUMEs; the other's session is untouched
        await ld.gateway.drop(shard_id=1)
        for gid in ld.world.guilds:
            it = await ld.invoke("shard", guild_id=gid)
            await it.wait_done(timeout=20)
        assert ld.gateway.sessions[1].resume_count == 1
        assert ld.gateway.sessions[0].resume_count == 0


async def test_a_shard_count_that_disagrees_with_the_live_sessions_is_refused(
        openapi_spec) -> None:
    from aiohttp import ClientSession, WSMsgType

    async with LocalDiscord(guilds(2), default_users()) as ld, ClientSession() as http:
        first = await http.ws_connect(ld.gateway_url)
        await first.receive_json()  # HELLO
        await first.send_json({"op": 2, "d": {"token": "t", "intents": 0,
                                              "shard": [0, 2], "properties": {}}})
        ready = await first.receive_json()
        assert ready["t"] == "READY" and ready["d"]["shard"] == [0, 2]
        assert [g["id"] for g in ready["d"]["guilds"]] == [str(guilds(2)[0].id)]
        other = await http.ws_connect(ld.gateway_url)
        await other.receive_json()
        await other.send_json({"op": 2, "d": {"token": "t", "intents": 0,
                                              "shard": [1, 3], "properties": {}}})
        closed = await other.receive()
        assert closed.type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
        assert other.close_code == 4010
        await first.close()


# two processes ---------------------------------------------------------------------------------
async def _spawn(ld: LocalDiscord, shard_id: int, env: dict[str, str], cwd: Path,
                 ) -> asyncio.subprocess.Process:
    log = (cwd / f"shard{shard_id}.log").open("wb")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.shard_worker", ld.base_url, ld.gateway_url, "run",
        "--shard-count", "2", "--shard-ids", str(shard_id),
        cwd=cwd, env=env, stdout=log, stderr=asyncio.subprocess.STDOUT)


async def _until(condition, timeout: float, what: str, logs: list[Path]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            tails = "\n".join(p.read_text(errors="replace")[-3000:] for p in logs if p.exists())
            raise AssertionError(f"timed out waiting for {what}\n{tails}")
        await asyncio.sleep(0.1)


async def test_two_processes_one_shard_each_answer_every_server_and_post_each_digest_once(
        db_url: str, tmp_path: Path, openapi_spec) -> None:
    """2 processes x 1 shard, 20 servers, one database: a command in every server is
    answered by the process holding it, and every server's due digest is posted once."""
    async def spawn(ld: LocalDiscord, env: dict[str, str]) -> list[asyncio.subprocess.Process]:
        return [await _spawn(ld, i, env, tmp_path) for i in (0, 1)]

    await _twenty_servers(db_url, tmp_path, spawn,
                          [tmp_path / "shard0.log", tmp_path / "shard1.log"])


async def test_prefork_children_serve_their_shards_from_one_loaded_engine(
        tmp_path: Path, openapi_spec) -> None:
    """``briefbot run --prefork "0;1"``: one process loads the corpus and indexes, forks
    one child per shard; the same guarantees as two separate processes, and SIGTERM to
    the parent stops both children in order (exit code 0)."""
    log = tmp_path / "prefork.log"

    async def spawn(ld: LocalDiscord, env: dict[str, str]) -> list[asyncio.subprocess.Process]:
        return [await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.shard_worker", ld.base_url, ld.gateway_url, "run",
            "--shard-count", "2", "--prefork", "0;1", cwd=tmp_path, env=env,
            stdout=log.open("wb"), stderr=asyncio.subprocess.STDOUT)]

    await _twenty_servers(f"sqlite:///{tmp_path / 'bot.sqlite3'}", tmp_path, spawn, [log])
    assert "pre-forked process" in log.read_text(errors="replace")


def test_prefork_groups_are_checked() -> None:
    from bot.cli.run import parse_groups

    assert parse_groups("0,1;2", 3) == [(0, 1), (2,)]
    with pytest.raises(ConfigError, match="no shard in two groups"):
        parse_groups("0,1;1", 3)
    with pytest.raises(ConfigError, match="not below SHARD_COUNT"):
        parse_groups("0;3", 3)
    with pytest.raises(ConfigError, match="needs --shard-count"):
        parse_groups("0;1", None)


async def _twenty_servers(db_url: str, tmp_path: Path, spawn, logs: list[Path]) -> None:
    servers = guilds()
    now = datetime.now(UTC)
    due = (now - timedelta(minutes=5)).strftime("%H:%M")
    store = Store(db_url)  # settings written before the bots start: due 5 minutes ago
    for g in servers:
        store.set_settings(g.id, g.id + 2, due, "UTC", now - timedelta(hours=1))
    store.close()

    env = {**os.environ, "DISCORD_TOKEN": "fake-token", "DATABASE_URL": db_url,
           "CORPUS_DIR": str(ROOT / "seeds"), "CORPUS_RESCAN_SECONDS": "0",
           "LOG_LEVEL": "INFO", "PYTHONPATH": str(ROOT)}
    ld = LocalDiscord(servers, default_users(), validate_every=5)
    ld.gateway.recommended_shards = 2
    async with ld:
        procs = await spawn(ld, env)
        try:
            await _until(lambda: all(ld.gateway.sessions.get(i) is not None
                                     and ld.gateway.sessions[i].ready.is_set() for i in (0, 1))
                         and ld.commands, 120, "both shards and the commands", logs)
            news = {g.id: g.id + 2 for g in servers}
            await _until(lambda: all(ld.channel_messages(c) for c in news.values()), 60,
                         "every server's digest", logs)
            answers = [await ld.invoke("digest show", guild_id=g.id) for g in servers]
            for g, it in zip(servers, answers, strict=True):
                await it.wait_done(timeout=30)
                fields = {f["name"]: f["value"] for f in it.response["embeds"][0]["fields"]}
                assert fields["Channel"] == f"<#{g.id + 2}>"
            await asyncio.sleep(1.0)  # a second post would have shown by now
            for gid, channel in news.items():
                posts = ld.channel_messages(channel)
                assert len(posts) == 1, (gid, len(posts))
                assert posts[0]["embeds"][0]["title"].startswith("Daily digest")
                assert ld.channel_messages(gid + 1) == []
            assert sorted(ld.gateway.identified_shards) == [(0, 2), (1, 2)]
        finally:
            for p in procs:
                if p.returncode is None:
                    p.send_signal(signal.SIGTERM)
            codes = [await asyncio.wait_for(p.wait(), 30) for p in procs]
    assert codes == [0] * len(procs), [p.read_text(errors="replace")[-3000:] for p in logs]
    store = Store(db_url)
    for g in servers:
        history = store.history(g.id)
        assert [(h.kind, h.status) for h in history] == [("catch-up", "posted")], g.id
    store.close()
    assert not ld.violations, ld.violations[:3]
