"""The gateway half of the local Discord: one WebSocket session at a time.

Implements HELLO, heartbeat ACKs, IDENTIFY -> READY + GUILD_CREATE, RESUME -> RESUMED
and the two faults a hardening test needs: a resumable drop and an invalid session.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .driver import LocalDiscord

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 41250
RESUMABLE_CLOSE = 4000  # "unknown error": discord.py reconnects and RESUMEs


class Gateway:
    """Serves ``/gateway/``; ``dispatch`` sends events to the connected client."""

    def __init__(self, ld: LocalDiscord) -> None:
        self.ld = ld
        self.world = ld.world
        self.ws: web.WebSocketResponse | None = None
        self.session_id: str | None = None
        self.seq = 0
        self.ready = asyncio.Event()  # a session is live (after READY or RESUMED)
        self.identify_count = 0
        self.resume_count = 0
        self.heartbeats = 0
        self.intents = 0
        self.presence: dict[str, Any] | None = None

    def install(self, app: web.Application) -> None:
        app.router.add_get("/gateway/", self.handle)
        app.router.add_get("/gateway", self.handle)

    async def _send(self, ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        if not ws.closed:
            await ws.send_str(json.dumps(payload))

    async def dispatch(self, event: str, data: dict[str, Any], timeout: float = 10.0) -> None:
        """Send a DISPATCH event, waiting for a live session if the bot is reconnecting."""
        await asyncio.wait_for(self.ready.wait(), timeout)
        assert self.ws is not None
        if event == "INTERACTION_CREATE":  # Discord's 3 s start when the bot can see it
            self.ld.delivered[int(data["id"])] = self.ld.now()
        self.seq += 1
        await self._send(self.ws, {"op": 0, "t": event, "s": self.seq, "d": data})

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=RESUMABLE_CLOSE)
        self.ws = ws
        self.ready.clear()
        await self._send(ws, {"op": 10, "s": None, "t": None,
                              "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                await self._on_message(ws, json.loads(msg.data))
        finally:
            if self.ws is ws:
                self.ready.clear()
        return ws

    async def _on_message(self, ws: web.WebSocketResponse, msg: dict[str, Any]) -> None:
        op, data = msg.get("op"), msg.get("d")
        if op == 1:
            self.heartbeats += 1
            await self._send(ws, {"op": 11, "s": None, "t": None, "d": None})
        elif op == 2:
            await self._identify(ws, data or {})
        elif op == 6:
            await self._resume(ws, data or {})
        elif op == 3:
            self.presence = data
        elif op == 8:
            await self._members_chunk(ws, data or {})
        else:
            log.debug("gateway op %s ignored", op)

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if not data.get("token"):
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identify_count += 1
        self.intents = int(data.get("intents", 0))
        self.session_id = secrets.token_hex(16)
        self.seq = 0
        ready = {
            "v": 10, "user": {**self._bot_user(), "verified": True, "mfa_enabled": False,
                              "flags": 0},
            "guilds": [{"id": str(g), "unavailable": True} for g in self.world.guilds],
            "session_id": self.session_id, "resume_gateway_url": self.ld.gateway_url,
            "session_type": "normal", "shard": [0, 1], "private_channels": [],
            "relationships": [], "presences": [], "guild_join_requests": [],
            "geo_ordered_rtc_regions": [], "user_settings": {},
            "application": {"id": str(self.world.app_id), "flags": 0},
            "_trace": ["localdiscord"],
        }
        self.ws = ws
        await self._dispatch_now(ws, "READY", ready)
        for guild in self.world.guilds.values():
            await self._dispatch_now(ws, "GUILD_CREATE", self.world.guild_payload(guild))
        self.ready.set()
        log.debug("gateway session %s identified", self.session_id)

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if not data.get("token") or data.get("session_id") != self.session_id:
            await self._send(ws, {"op": 9, "s": None, "t": None, "d": False})
            return
        self.resume_count += 1
        self.ws = ws
        await self._dispatch_now(ws, "RESUMED", {"_trace": ["localdiscord"]})
        self.ready.set()

    async def _members_chunk(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        guild = self.world.guilds.get(int(data.get("guild_id", 0)))
        if guild is None:
            return
        members = [self.world.member_payload(guild, u) for u in self.world.guild_members(guild)]
        chunk = {"guild_id": str(guild.id), "members": members, "chunk_index": 0,
                 "chunk_count": 1, "not_found": [], "presences": []}
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await self._dispatch_now(ws, "GUILD_MEMBERS_CHUNK", chunk)

    async def _dispatch_now(self, ws: web.WebSocketResponse, event: str,
                            data: dict[str, Any]) -> None:
        self.seq += 1
        await self._send(ws, {"op": 0, "t": event, "s": self.seq, "d": data})

    def _bot_user(self) -> dict[str, Any]:
        from .state import user_payload

        return user_payload(self.world.bot_user)

    # faults ---------------------------------------------------------------------------
    async def drop(self, code: int = RESUMABLE_CLOSE) -> None:
        """Close the connection; with the default code the client comes back and RESUMEs."""
        if self.ws is not None and not self.ws.closed:
            self.ready.clear()
            await self.ws.close(code=code, message=b"local Discord dropped the connection")

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send op 9; with ``resumable=False`` the client starts over with IDENTIFY."""
        if self.ws is not None and not self.ws.closed:
            self.ready.clear()
            if not resumable:
                self.session_id = None
            await self._send(self.ws, {"op": 9, "s": None, "t": None, "d": resumable})

    async def close(self) -> None:
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=1001)
