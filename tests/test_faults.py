"""Faults injected by the local Discord: 429s, 5xx, slow REST, gateway drops, expired
interactions. The real bot must recover, post every due digest exactly once, and
either answer or (when Discord makes that impossible) log why and stay healthy."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.localdiscord import (
    DEFAULT_GUILD_ID,
    DEFAULT_NEWS_ID,
    InteractionHandle,
    LocalDiscord,
    run_bot,
)
from tests.bot_factory import bot_factory

ACK_DEADLINE = 3.0  # Discord drops an interaction not acknowledged within 3 s
FOLLOWUP = "POST /webhooks/{webhook_id}/{webhook_token}"
CALLBACK = "POST /interactions/{interaction_id}/{interaction_token}/callback"
CHANNEL_POST = "POST /channels/{channel_id}/messages"
T0 = datetime(2026, 6, 10, 6, 0, tzinfo=UTC)

# helpers shared with test_load and test_hostile ---------------------------------------------
STRING, INTEGER, BOOLEAN, CHANNEL, NUMBER = 3, 4, 5, 7, 10


def _sample_value(option: dict[str, Any]) -> Any:
    if option.get("choices"):
        return option["choices"][0]["value"]
    kind = option["type"]
    if kind == STRING:
        return "07:00" if option["name"] == "time" else "Mosul"
    if kind in (INTEGER, NUMBER):
        return option.get("min_value", 1)
    if kind == BOOLEAN:
        return False
    if kind == CHANNEL:
        return DEFAULT_NEWS_ID
    return None


def every_command(ld: LocalDiscord) -> list[tuple[str, dict[str, Any]]]:
    """Every synced slash command (subcommands spelled out) with its required options
    filled in, so commands added later are covered without editing the tests."""
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(prefix: str, options: list[dict[str, Any]]) -> None:
        subs = [o for o in options if o["type"] in (1, 2)]
        if not subs:
            found.append((prefix, {o["name"]: _sample_value(o) for o in options
                                   if o.get("required")}))
            return
        for sub in subs:
            walk(f"{prefix} {sub['name']}", sub.get("options") or [])

    for command in ld.commands:
        if command.get("type", 1) == 1:
            walk(command["name"], command.get("options") or [])
    return found


def ack_seconds(ld: LocalDiscord, it: InteractionHandle, sent_at: float) -> float | None:
    """Seconds from dispatch to the bot's first callback (defer or answer), None if none."""
    prefix = f"/interactions/{it.id}/"
    for request in ld.requests[it.request_mark:]:
        if request.method == "POST" and request.path.startswith(prefix):
            return request.at - sent_at
    return None


def expire(ld: LocalDiscord, it: InteractionHandle) -> None:
    """Discord forgets the interaction (3 s without a callback, or 15 min for its token):
    the callback then gets 404 10062 and followups 404 10015, as from Discord."""
    ld.interactions.pop(it.token, None)


def slow_engine(bot: Any, seconds: float) -> None:
    """Every engine call takes ``seconds`` longer, in the worker thread as real work would."""
    original = bot.run_engine

    def delayed(fn: Any) -> Any:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            time.sleep(seconds)
            return fn(*args, **kwargs)
        return run

    async def run_engine(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        return await original(delayed(fn), *args, **kwargs)

    bot.run_engine = run_engine


def statuses(ld: LocalDiscord, route_part: str) -> list[int]:
    return [r.status for r in ld.requests if route_part in r.template]


@pytest.fixture
def make_bot(tmp_path: Path, seeds_dir: Path, seed_engine: Any) -> Any:
    return bot_factory(tmp_path, seeds_dir, engine=seed_engine)


# REST faults ------------------------------------------------------------------------------------
async def test_per_route_and_global_429_are_waited_out(make_bot: Any, openapi_spec: Any) -> None:
    async with run_bot(make_bot) as (ld, _bot):
        ld.faults.rate_limit(CALLBACK, count=1, retry_after=0.05)
        ld.faults.rate_limit(FOLLOWUP, count=1, retry_after=0.1, is_global=True)
        it = await ld.invoke("summary", {"sentences": 2})
        await it.wait_done(timeout=20)
        assert it.callbacks == [5]  # deferred (after the 429) and then answered
        assert it.response["embeds"][0]["title"] == "Summary of the corpus"
        assert statuses(ld, "/callback") == [429, 200]
        assert statuses(ld, "/webhooks/")[:2] == [429, 200]


async def test_server_errors_and_slow_rest_still_answer(make_bot: Any,
                                                        openapi_spec: Any) -> None:
    async with run_bot(make_bot) as (ld, _bot):
        ld.faults.server_error(FOLLOWUP, count=1, status=502)
        ld.faults.delay(1.0, FOLLOWUP)
        sent = time.monotonic()
        it = await ld.invoke("summary", {"sentences": 2})
        await it.wait_done(timeout=30)
        assert ack_seconds(ld, it, sent) < ACK_DEADLINE
        assert statuses(ld, "/webhooks/")[:2] == [502, 200]
        assert it.response["embeds"]


async def test_every_command_acknowledges_in_time_with_a_slow_engine(
        make_bot: Any, openapi_spec: Any) -> None:
    """Each command defers (or answers) before Discord's 3 s deadline even when the engine
    takes longer than that, then delivers its answer."""
    async with run_bot(make_bot) as (ld, bot):
        slow_engine(bot, 3.5)
        ld.faults.delay(0.3)  # and every REST call is slow too
        commands = every_command(ld)
        assert {"summary", "sources"} <= {name.split()[0] for name, _ in commands}
        sent = time.monotonic()
        handles = [(name, await ld.invoke(name, options)) for name, options in commands]
        await asyncio.gather(*(it.wait_done(timeout=60) for _, it in handles))
        late = {name: ack_seconds(ld, it, sent) for name, it in handles}
        assert all(s is not None and s < ACK_DEADLINE for s in late.values()), late
        for name, it in handles:
            text = it.response["content"] or ""
            assert "failed on my side" not in text, (name, text)


async def test_expired_interaction_is_logged_and_the_bot_stays_healthy(
        make_bot: Any, openapi_spec: Any, caplog: pytest.LogCaptureFixture) -> None:
    async with run_bot(make_bot) as (ld, bot):
        # 1. the 3-second window passes before the defer reaches Discord
        ld.faults.delay(0.4, CALLBACK)
        with caplog.at_level(logging.WARNING):
            it = await ld.invoke("summary", {"sentences": 2})
            expire(ld, it)
            await asyncio.sleep(1.0)
        assert statuses(ld, "/callback")[-1] == 404
        ld.faults.clear()
        # 2. the 15-minute token expires while the engine works: the followup gets 10015
        slow_engine(bot, 0.5)
        with caplog.at_level(logging.WARNING):
            it2 = await ld.invoke("summary", {"sentences": 2})
            await asyncio.sleep(0.2)  # deferred by now; the engine is still working
            assert it2.deferred
            expire(ld, it2)
            await asyncio.sleep(1.5)
        assert 404 in statuses(ld, "/webhooks/")
        expired = [r for r in caplog.records if "expired" in r.getMessage()]
        assert len(expired) >= 2, [r.getMessage() for r in caplog.records]
        assert not any(r.levelno >= logging.ERROR for r in caplog.records
                       if r.name.startswith("bot")), "an expired interaction is not a bug"
        # the bot still answers the next user
        it3 = await ld.invoke("sources")
        await it3.wait_done(timeout=10)
        assert it3.response["embeds"]


# gateway faults ---------------------------------------------------------------------------------
async def test_dropped_gateway_resumes_and_commands_keep_working(make_bot: Any,
                                                                 openapi_spec: Any) -> None:
    async with run_bot(make_bot) as (ld, bot):
        assert ld.gateway.identify_count == 1
        await ld.drop_gateway()
        it = await ld.invoke("sources")  # waits for the session to come back
        await it.wait_done(timeout=20)
        assert ld.gateway.resume_count == 1 and ld.gateway.identify_count == 1
        assert it.response["embeds"]
        assert bot.is_ready()


async def test_invalid_session_identifies_afresh(make_bot: Any, openapi_spec: Any) -> None:
    async with run_bot(make_bot) as (ld, _bot):
        await ld.invalidate_session(resumable=False)
        it = await ld.invoke("summary", {"sentences": 1})
        await it.wait_done(timeout=30)  # discord.py waits 1-5 s before a new IDENTIFY
        assert ld.gateway.identify_count == 2
        assert it.response["embeds"]


# the digest survives all of it -------------------------------------------------------------------
async def test_due_digest_is_posted_once_through_429_5xx_and_a_gateway_drop(
        make_bot: Any, openapi_spec: Any) -> None:
    async with run_bot(make_bot) as (ld, bot):
        service = bot.digest_service  # type: ignore[attr-defined]
        now = [T0]
        service.clock = lambda: now[0]
        service.retry_delays = (0.05, 0.05, 0.05)
        it = await ld.invoke("digest set", {"channel": DEFAULT_NEWS_ID, "time": "07:00",
                                            "timezone": "UTC"})
        await it.wait_done(timeout=10)
        assert "07:00" in it.response["content"]

        now[0] = T0 + timedelta(hours=1, seconds=5)
        ld.faults.rate_limit(CHANNEL_POST, count=1, retry_after=0.05)
        ld.faults.server_error(CHANNEL_POST, count=2, status=503)  # Discord is down a while
        await ld.drop_gateway()
        outcome = await service.run_due(DEFAULT_GUILD_ID)
        again = await service.run_due(DEFAULT_GUILD_ID)  # a second firing or a restart
        assert outcome.status == "posted", outcome
        assert again.status == "already"
        posted = [m for m in ld.channel_messages(DEFAULT_NEWS_ID) if m["embeds"]]
        assert len(posted) == 1
        assert statuses(ld, "/channels/{channel_id}/messages") == [429, 503, 503, 200]
        entry = await asyncio.to_thread(service.store.slot, DEFAULT_GUILD_ID, "2026-06-10")
        assert entry is not None and entry.status == "posted"


async def test_digest_outage_longer_than_the_retries_is_recorded_not_lost_silently(
        make_bot: Any, openapi_spec: Any) -> None:
    async with run_bot(make_bot) as (ld, bot):
        service = bot.digest_service  # type: ignore[attr-defined]
        service.clock = lambda: T0
        service.retry_delays = (0.05, 0.05)
        it = await ld.invoke("digest set", {"channel": DEFAULT_NEWS_ID, "time": "05:30",
                                            "timezone": "UTC"})
        await it.wait_done(timeout=10)
        service.clock = lambda: T0 + timedelta(days=1)
        ld.faults.server_error(CHANNEL_POST, count=10, status=503)
        outcome = await service.run_due(DEFAULT_GUILD_ID)
        assert outcome.status == "failed" and "503" in outcome.detail
        show = await ld.invoke("digest show")
        await show.wait_done(timeout=10)
        shown = str(show.response["embeds"])
        assert "503" in shown, shown  # the admin can see what happened
