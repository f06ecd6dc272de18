"""The local Discord itself, exercised with a tiny discord.py bot."""

from __future__ import annotations

import asyncio

import pytest

from bot.localdiscord import (
    DEFAULT_GENERAL_ID,
    DEFAULT_MEMBER_ID,
    DEFAULT_NEWS_ID,
    LocalDiscordError,
    run_bot,
)
from bot.localdiscord.display import format_message
from bot.localdiscord.spec import validate_request
from tests.localdiscord_fixtures import make_tiny_bot

pytestmark = pytest.mark.usefixtures("openapi_spec")


async def _until(predicate, timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached")


async def test_login_and_sync_are_recorded_and_valid(tiny_bot) -> None:
    ld, bot = tiny_bot
    calls = [(r.method, r.path) for r in ld.requests]
    assert calls[:2] == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]
    assert ("PUT", f"/applications/{ld.world.app_id}/commands") in calls
    assert {c["name"] for c in ld.commands} >= {"hello", "slow", "digest", "pick"}
    assert all(c["id"] for c in ld.commands)
    assert bot.get_guild(111111111111111111).get_channel(DEFAULT_NEWS_ID).name == "news"
    assert "fake-token" not in repr([r.headers for r in ld.requests])
    assert ld.violations == [] and ld.unhandled == []


async def test_slash_command_typed_options(tiny_bot) -> None:
    ld, _ = tiny_bot
    it = await ld.invoke("hello", {"times": "2", "loud": "yes"})
    await it.wait_done(timeout=5)
    assert it.response["content"] == "HELLO HELLO"
    assert not it.ephemeral
    sent = it.payload["data"]["options"]
    assert sent == [{"name": "times", "type": 4, "value": 2},
                    {"name": "loud", "type": 5, "value": True}]
    assert ld.channel_messages(DEFAULT_GENERAL_ID)[-1]["content"] == "HELLO HELLO"
    with pytest.raises(LocalDiscordError, match="unknown option"):
        await ld.invoke("hello", {"nope": 1})
    with pytest.raises(LocalDiscordError, match="unknown command"):
        await ld.invoke("nothing")
    with pytest.raises(LocalDiscordError, match="not a valid integer"):
        await ld.invoke("hello", {"times": "many"})


async def test_defer_followup_channel_option_and_channel_post(tiny_bot) -> None:
    ld, _ = tiny_bot
    it = await ld.invoke("slow", {"channel": "#news"}, user_id=DEFAULT_MEMBER_ID)
    await it.wait_done(timeout=5)
    assert it.payload["data"]["resolved"]["channels"][str(DEFAULT_NEWS_ID)]["name"] == "news"
    assert it.ephemeral and it.callbacks == [5]
    assert it.response["content"] == "posted in news"
    assert "(only you can see this)" in format_message(it.response)
    messages = await ld.wait_for_channel_message(DEFAULT_NEWS_ID)
    assert messages[-1]["content"] == "from slow"


async def test_subcommand_group_choices(tiny_bot) -> None:
    ld, _ = tiny_bot
    it = await ld.invoke("digest set", {"channel": DEFAULT_NEWS_ID, "hour": "evening"})
    await it.wait_done(timeout=5)
    assert it.response["content"] == "digest in #news at 18"
    with pytest.raises(LocalDiscordError, match="needs a subcommand"):
        await ld.invoke("digest", {})


async def test_button_click_updates_message(tiny_bot) -> None:
    ld, _ = tiny_bot
    it = await ld.invoke("counter")
    await it.wait_done(timeout=5)
    assert "[Count]" in format_message(it.response)
    click = await ld.click(it.response, "tiny:count")
    await click.wait_done(timeout=5)
    assert click.callbacks == [7]
    assert click.response["content"] == "count 1"
    assert it.response["content"] == "count 1"  # the same message, edited


async def test_autocomplete(tiny_bot) -> None:
    ld, _ = tiny_bot
    choices = await ld.autocomplete("pick", {"document": "mos"}, focused="document")
    assert choices == [{"name": "Mosul report", "value": "Mosul report"}]


async def test_multipart_attachment(tiny_bot) -> None:
    ld, _ = tiny_bot
    it = await ld.invoke("picture")
    await it.wait_done(timeout=5)
    request = next(r for r in ld.requests_since(it.request_mark) if r.path.endswith("/callback"))
    assert request.attachment_names == ["map.png"]
    assert request.files[0].data.startswith(b"\x89PNG")
    assert request.json["data"]["embeds"][0]["image"]["url"] == "attachment://map.png"
    assert [a["filename"] for a in it.response["attachments"]] == ["map.png"]


async def test_spec_violation_is_refused_with_400_and_fails_the_harness() -> None:
    with pytest.raises(AssertionError, match=r"embeds\[0\]\.title.*maxLength=256"):
        async with run_bot(make_tiny_bot) as (ld, _):
            it = await ld.invoke("bad")  # this test expects the refusal
            await _until(lambda: ld.refused)
            assert ld.refused[0].status == 400 and it.callback_type is None
            assert it.responses == []  # nothing stored
    problems = validate_request("POST", "/channels/1/messages", headers={}, body={"content": ""})
    assert any("Authorization" in p for p in problems)


async def test_rate_limit_then_retry(tiny_bot) -> None:
    ld, _ = tiny_bot
    ld.faults.rate_limit("POST /channels/{channel_id}/messages", retry_after=0.05)
    it = await ld.invoke("slow", {"channel": "news"})
    await it.wait_done(timeout=5)
    await ld.wait_for_channel_message(DEFAULT_NEWS_ID)
    posts = [r for r in ld.requests_since(it.request_mark)
             if r.path == f"/channels/{DEFAULT_NEWS_ID}/messages"]
    assert [r.status for r in posts] == [429, 200]


async def test_missing_channel_and_permission_errors(tiny_bot) -> None:
    ld, bot = tiny_bot
    channel = bot.get_channel(DEFAULT_NEWS_ID)
    ld.set_send_permission(DEFAULT_NEWS_ID, False)
    with pytest.raises(Exception, match="50013"):
        await channel.send("x")
    ld.delete_channel(DEFAULT_NEWS_ID)
    with pytest.raises(Exception, match="10003"):
        await channel.send("x")


async def test_gateway_resume_and_reidentify(tiny_bot) -> None:
    ld, _ = tiny_bot
    await ld.drop_gateway()
    await _until(lambda: ld.gateway.resume_count == 1)
    await ld.invalidate_session()
    await _until(lambda: ld.gateway.identify_count == 2)
    it = await ld.invoke("hello")
    await it.wait_done(timeout=5)
    assert it.response["content"] == "hello"


async def test_global_rate_limit_and_server_error_are_retried(tiny_bot) -> None:
    ld, _ = tiny_bot
    ld.faults.rate_limit(is_global=True, retry_after=0.05)
    ld.faults.server_error("POST /webhooks/{webhook_id}/{webhook_token}", status=502)
    it = await ld.invoke("slow", {"channel": "news"})
    await it.wait_done(timeout=10)
    statuses = [(r.path.split("/")[1], r.status) for r in ld.requests_since(it.request_mark)]
    assert statuses[:2] == [("interactions", 429), ("interactions", 200)]
    assert ("webhooks", 502) in statuses and it.response["content"] == "posted in news"
