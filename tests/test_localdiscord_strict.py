"""The local Discord refuses what Discord refuses (each test here expects refusals)."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest

from bot.localdiscord import DEFAULT_NEWS_ID, LocalDiscord, run_bot
from bot.localdiscord.limits import check_message
from tests.localdiscord_fixtures import make_tiny_bot

pytestmark = pytest.mark.usefixtures("openapi_spec")
AUTH = {"Authorization": "Bot fake-token"}


async def _post(ld: LocalDiscord, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as session, session.post(
            f"{ld.base_url}/channels/{DEFAULT_NEWS_ID}/messages", json=body,
            headers=AUTH) as response:
        return response.status, await response.json(content_type=None)


def _embed(size: int) -> dict[str, Any]:
    return {"title": "t", "description": "d" * (size - 1)}


@pytest.mark.parametrize(("body", "where"), [
    ({"content": "x" * 2001}, "content"),  # the spec allows 4,000: bots get 2,000
    ({"embeds": [_embed(4000), _embed(2001)]}, "embeds"),  # 6,001 in all
    ({"embeds": [_embed(10)] * 11}, "embeds"),
    ({"content": "x", "components": [{"type": 1, "components": [
        {"type": 2, "style": 1, "label": "b", "custom_id": f"c{r}"}]} for r in range(6)]},
     "components"),
    ({"content": "x", "components": [{"type": 1, "components": [
        {"type": 2, "style": 1, "label": "b", "custom_id": f"c{i}"} for i in range(6)]}]},
     "components.0.components"),
    ({"content": "x", "components": [{"type": 1, "components": [
        {"type": 2, "style": 1, "label": "b", "custom_id": "same"},
        {"type": 2, "style": 1, "label": "b", "custom_id": "same"}]}]},
     "components.0.components.1.custom_id"),
])
async def test_bodies_past_discords_limits_get_invalid_form_body_and_are_not_stored(
        local_discord: LocalDiscord, body: dict[str, Any], where: str) -> None:
    status, answer = await _post(local_discord, body)
    assert status == 400 and answer["code"] == 50035
    assert answer["message"] == "Invalid Form Body"
    assert any(key.startswith(where) for key in answer["errors"]), answer["errors"]
    assert local_discord.channel_messages(DEFAULT_NEWS_ID) == []
    assert len(local_discord.refused) == 1 and local_discord.violations  # expected here


async def test_an_empty_message_is_refused(local_discord: LocalDiscord) -> None:
    status, answer = await _post(local_discord, {"content": ""})
    assert (status, answer["code"]) == (400, 50006)
    assert local_discord.channel_messages(DEFAULT_NEWS_ID) == []


async def test_within_the_limits_is_accepted(local_discord: LocalDiscord) -> None:
    assert check_message({"content": "x" * 2000, "embeds": [_embed(3000), _embed(3000)]},
                         creating=True) is None
    status, _ = await _post(local_discord, {"content": "x" * 2000})
    assert status == 200 and local_discord.refused == []


async def test_a_nonce_with_enforce_nonce_creates_one_message(
        local_discord: LocalDiscord) -> None:
    body = {"content": "digest", "nonce": "dg0123456789abcdef0123456", "enforce_nonce": True}
    (s1, first), (s2, second) = await _post(local_discord, body), await _post(local_discord,
                                                                               body)
    assert s1 == s2 == 200 and first["id"] == second["id"] and first["nonce"] == body["nonce"]
    assert len(local_discord.channel_messages(DEFAULT_NEWS_ID)) == 1
    _, other = await _post(local_discord, {**body, "enforce_nonce": False})  # not enforced
    local_discord.advance(local_discord.nonce_window + 1)  # the window has passed
    _, later = await _post(local_discord, body)
    assert len({first["id"], other["id"], later["id"]}) == 3


async def test_history_after_a_message_lists_what_followed_it(
        local_discord: LocalDiscord) -> None:
    ids = [(await _post(local_discord, {"content": str(i)}))[1]["id"] for i in range(5)]
    async with aiohttp.ClientSession() as session, session.get(
            f"{local_discord.base_url}/channels/{DEFAULT_NEWS_ID}/messages",
            params={"after": ids[1], "limit": "2"}, headers=AUTH) as response:
        page = await response.json(content_type=None)
    assert [m["id"] for m in page] == [ids[3], ids[2]]  # newest first, as Discord


async def test_a_late_callback_and_an_expired_token_are_refused_by_the_clock() -> None:
    async with run_bot(make_tiny_bot, check_violations=False) as (ld, _bot):
        ld.faults.delay(0.3, "POST /interactions/{interaction_id}/{interaction_token}/callback")
        it = await ld.invoke("hello")
        ld.advance(3.5)  # the callback reaches Discord 3.5 s after the interaction
        await asyncio.sleep(1.0)
        callbacks = [r for r in ld.requests_since(it.request_mark) if "/callback" in r.path]
        assert [r.status for r in callbacks] == [404] and it.responses == []
        ld.faults.clear()
        ld.advance(-3.5)
        slow = await ld.invoke("slow", {"channel": DEFAULT_NEWS_ID})
        await slow.wait_done(timeout=10)
        ld.advance(16 * 60)  # a followup 16 minutes later: the token is dead
        async with aiohttp.ClientSession() as session, session.post(
                f"{ld.base_url}/webhooks/{ld.world.app_id}/{slow.token}?wait=true",
                json={"content": "late"}) as response:
            assert response.status == 404 and (await response.json())["code"] == 10015
