"""LocalDiscord: the stand-in server plus the API tests and offline mode drive it with."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from typing import Any

from aiohttp import web

from . import spec
from .faults import Faults
from .gateway import Gateway
from .interactions import InteractionHandle
from .options import LocalDiscordError, build_command_data
from .rest import PREFIX, RecordedRequest, RestApi
from .state import (
    DEFAULT_ADMIN_ID,
    DEFAULT_APP_ID,
    ChannelSpec,
    GuildSpec,
    UserSpec,
    World,
    default_guild,
    default_users,
    new_snowflake,
    user_payload,
)

log = logging.getLogger(__name__)


class LocalDiscord:
    """Discord's REST API and gateway on 127.0.0.1, an ephemeral port, for one bot.

    ``validate`` checks every REST request against Discord's OpenAPI spec and collects
    problems in ``violations``.
    """

    def __init__(
        self,
        guilds: list[GuildSpec] | None = None,
        users: list[UserSpec] | None = None,
        *,
        app_id: int = DEFAULT_APP_ID,
        bot_name: str = "BriefBot",
        validate: bool = True,
        host: str = "127.0.0.1",
        nonce_window: float = 180.0,
        validate_every: int = 1,
    ) -> None:
        self.world = World(guilds if guilds is not None else [default_guild()],
                           users if users is not None else default_users(), app_id, bot_name)
        self.validate = validate
        self.validate_every = max(1, validate_every)  # a load test checks a sample
        self.host = host
        self.port = 0
        self.requests: list[RecordedRequest] = []
        self.violations: list[str] = []
        self.refused: list[RecordedRequest] = []  # answered with Discord's 4xx, not stored
        self.nonce_window = nonce_window  # Discord: "the past few minutes"
        self.clock_offset = 0.0
        self.delivered: dict[int, float] = {}  # interaction id -> when the gateway sent it
        self.unhandled: list[RecordedRequest] = []
        self.interactions: dict[str, InteractionHandle] = {}  # by token
        self.faults = Faults()
        self.rest = RestApi(self)
        self.gateway = Gateway(self)
        self._synced = asyncio.Event()
        self._posted = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # lifecycle --------------------------------------------------------------------------
    async def start(self) -> LocalDiscord:
        if self.validate:
            spec.preload_spec()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self.rest.install(app)
        self.gateway.install(app)
        app.router.add_get("/attachments/{attachment_id}/{filename}", self._attachment)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[union-attr]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("local Discord listening on %s", self.base_http)
        return self

    async def stop(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> LocalDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def now(self) -> float:
        """The stand-in's clock (Unix seconds) for interaction deadlines and nonces."""
        return time.time() + self.clock_offset

    def advance(self, seconds: float) -> None:
        """Move the stand-in's clock forward (a 15-minute token expires in a test)."""
        self.clock_offset += seconds

    @property
    def base_http(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What ``discord.http.Route.BASE`` must be."""
        return self.base_http + PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/gateway/"

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.world.attachments.get(int(request.match_info["attachment_id"]))
        return web.Response(body=data) if data is not None else web.Response(status=404)

    # hooks used by the REST server ----------------------------------------------------------
    def commands_synced(self) -> None:
        self._synced.set()

    def message_posted(self, message: dict[str, Any]) -> None:
        self._posted.set()
        self._posted = asyncio.Event()

    def forget_message(self, message_id: int) -> None:
        message = self.world.messages.pop(message_id, None)
        if message is not None:
            log_ids = self.world.channel_log.get(int(message["channel_id"]), [])
            if message_id in log_ids:
                log_ids.remove(message_id)

    def dm_channel_for(self, user_id: int) -> int:
        for channel_id, owner in self.world.dm_channels.items():
            if owner == user_id:
                return channel_id
        channel_id = new_snowflake()
        self.world.dm_channels[channel_id] = user_id
        return channel_id

    # test controls -------------------------------------------------------------------------
    @property
    def commands(self) -> list[dict[str, Any]]:
        """Global commands then guild commands, as synced."""
        return [*self.world.global_commands,
                *(c for cmds in self.world.guild_commands.values() for c in cmds)]

    async def wait_for_commands(self, timeout: float = 10.0) -> list[dict[str, Any]]:
        await asyncio.wait_for(self._synced.wait(), timeout)
        return self.commands

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Messages visible in a channel, oldest first (ephemeral ones excluded)."""
        return [self.world.messages[m] for m in self.world.channel_log.get(channel_id, [])
                if m in self.world.messages]

    async def wait_for_channel_message(self, channel_id: int, count: int = 1,
                                       timeout: float = 10.0) -> list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.channel_messages(channel_id)) < count:
            event = self._posted
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"fewer than {count} message(s) in channel {channel_id}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
        return self.channel_messages(channel_id)

    def requests_since(self, mark: int) -> list[RecordedRequest]:
        return self.requests[mark:]

    def assert_no_violations(self) -> None:
        if self.violations:
            listed = "\n  ".join(self.violations)
            raise AssertionError(f"{len(self.violations)} Discord API spec violation(s):\n  "
                                 f"{listed}")

    def delete_channel(self, channel_id: int) -> None:
        """The channel disappears: later REST calls on it get 404 Unknown Channel."""
        self.world.deleted_channels.add(channel_id)

    def set_send_permission(self, channel_id: int, allowed: bool) -> None:
        """Revoke (or restore) the bot's right to post in a channel (403 Missing Permissions)."""
        found = self.world.find_channel(channel_id)
        if found is None:
            raise LocalDiscordError(f"no channel {channel_id}")
        found[1].bot_can_send = allowed

    def add_channel(self, guild_id: int, channel: ChannelSpec) -> None:
        self.world.guilds[guild_id].channels.append(channel)

    async def drop_gateway(self, code: int = 4000) -> None:
        await self.gateway.drop(code)

    async def invalidate_session(self, resumable: bool = False) -> None:
        await self.gateway.invalidate_session(resumable)

    # driving the bot -----------------------------------------------------------------------
    def _default_channel(self, guild_id: int | None) -> int:
        if guild_id is None:
            raise LocalDiscordError("a DM interaction needs a user_id")
        guild = self.world.guilds[guild_id]
        live = [c for c in guild.channels if c.id not in self.world.deleted_channels]
        if not live:
            raise LocalDiscordError(f"guild {guild_id} has no channels")
        return live[0].id

    def _base_payload(self, kind: int, guild_id: int | None, channel_id: int | None,
                      user_id: int, locale: str) -> dict[str, Any]:
        user = self.world.users.get(user_id)
        if user is None:
            raise LocalDiscordError(f"unknown user {user_id}")
        interaction_id = new_snowflake()
        payload: dict[str, Any] = {
            "id": str(interaction_id), "application_id": str(self.world.app_id),
            "type": kind, "token": "ldtok-" + secrets.token_urlsafe(24), "version": 1,
            "locale": locale, "entitlements": [], "authorizing_integration_owners": {"0": "0"},
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if guild_id is not None:
            guild = self.world.guilds.get(guild_id)
            if guild is None:
                raise LocalDiscordError(f"unknown guild {guild_id}")
            channel_id = channel_id or self._default_channel(guild_id)
            found = self.world.find_channel(channel_id)
            if found is None or found[0] is None or found[0].id != guild_id:
                raise LocalDiscordError(f"no channel {channel_id} in guild {guild_id}")
            channel = self.world.channel_payload(guild, found[1])
            channel["permissions"] = str(self.world.permissions(guild, user))
            payload.update({
                "guild_id": str(guild_id), "guild_locale": guild.preferred_locale,
                "guild": {"id": str(guild_id), "locale": guild.preferred_locale,
                          "features": []},
                "member": self.world.member_payload(guild, user, permissions=True),
                "app_permissions": str(self.world.permissions(guild, self.world.bot_user)),
                "context": 0,
            })
        else:
            channel_id = channel_id or self.dm_channel_for(user_id)
            found = self.world.find_channel(channel_id)
            assert found is not None
            channel = self.world.channel_payload(None, found[1])
            payload.update({"user": user_payload(user), "context": 1,
                            "app_permissions": str(1 << 11 | 1 << 14 | 1 << 15)})
        payload["channel_id"] = str(channel_id)
        payload["channel"] = channel
        return payload

    async def _send(self, payload: dict[str, Any]) -> InteractionHandle:
        it = InteractionHandle(int(payload["id"]), payload["token"], payload["type"], payload,
                               self.world.messages)
        it.request_mark = len(self.requests)
        self.interactions[it.token] = it
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return it

    def _guild_default(self, guild_id: int | bool | None) -> int | None:
        if guild_id is True or guild_id is ...:
            return next(iter(self.world.guilds), None)
        return guild_id  # type: ignore[return-value]

    async def invoke(
        self,
        command: str,
        options: dict[str, Any] | None = None,
        *,
        guild_id: int | None = ...,  # type: ignore[assignment]
        channel_id: int | None = None,
        user_id: int = DEFAULT_ADMIN_ID,
        locale: str = "en-US",
    ) -> InteractionHandle:
        """A user runs ``/command`` (``"digest set"`` for subcommands) with typed options.

        ``guild_id`` defaults to the first guild; pass ``None`` for a DM.
        """
        gid = self._guild_default(guild_id)
        data = build_command_data(self.world, command, options or {}, gid)
        payload = self._base_payload(2, gid, channel_id, user_id, locale)
        payload["data"] = data
        return await self._send(payload)

    async def autocomplete(
        self,
        command: str,
        options: dict[str, Any],
        *,
        focused: str,
        guild_id: int | None = ...,  # type: ignore[assignment]
        channel_id: int | None = None,
        user_id: int = DEFAULT_ADMIN_ID,
        locale: str = "en-US",
        timeout: float = 10.0,
    ) -> list[dict[str, Any]]:
        """The choices the bot suggests while the user types ``focused``."""
        gid = self._guild_default(guild_id)
        data = build_command_data(self.world, command, options, gid, focused=focused)
        payload = self._base_payload(4, gid, channel_id, user_id, locale)
        payload["data"] = data
        it = await self._send(payload)
        await it.wait_done(timeout)
        return it.choices or []

    async def click(
        self,
        message: dict[str, Any] | int | str,
        custom_id: str,
        *,
        user_id: int = DEFAULT_ADMIN_ID,
        locale: str = "en-US",
        values: list[str] | None = None,
    ) -> InteractionHandle:
        """A user clicks the button (or picks ``values`` in the select) ``custom_id``."""
        mid = int(message["id"]) if isinstance(message, dict) else int(message)
        stored = self.world.messages.get(mid)
        if stored is None:
            raise LocalDiscordError(f"unknown message {mid}")
        component = _find_component(stored.get("components") or [], custom_id)
        if component is None:
            raise LocalDiscordError(f"message {mid} has no component {custom_id!r}")
        if component.get("disabled"):
            raise LocalDiscordError(f"component {custom_id!r} is disabled")
        channel_id = int(stored["channel_id"])
        found = self.world.find_channel(channel_id)
        gid = found[0].id if found and found[0] else None
        payload = self._base_payload(3, gid, channel_id, user_id, locale)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] != 2:
            data["values"] = list(values or [])
        payload["data"] = data
        payload["message"] = dict(stored)
        return await self._send(payload)


def _find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
    for component in components:
        if component.get("custom_id") == custom_id:
            return component
        found = _find_component(component.get("components") or [], custom_id)
        if found is None and isinstance(component.get("accessory"), dict):
            found = _find_component([component["accessory"]], custom_id)
        if found is not None:
            return found
    return None
