"""The gateway half of the local Discord: one WebSocket session per shard.

Implements HELLO, heartbeat ACKs, IDENTIFY (with ``shard: [id, count]``) -> READY and a
GUILD_CREATE for each server on that shard, RESUME -> RESUMED, and the two faults a
hardening test needs: a resumable drop and an invalid session. A server's events go to
the shard Discord's formula gives, ``(guild_id >> 22) % shard_count``; events outside a
server (DMs) go to shard 0. Every session must use the same shard count, as on Discord
(close code 4010 "Invalid shard" otherwise).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .host import Host

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 41250
RESUMABLE_CLOSE = 4000  # "unknown error": discord.py reconnects and RESUMEs
INVALID_SHARD = 4010


def shard_for(guild_id: int | None, shard_count: int) -> int:
    """Discord's rule; events outside a server go to shard 0."""
    return 0 if not guild_id else (int(guild_id) >> 22) % shard_count


@dataclass
class ShardSession:
    """One shard's gateway session (it outlives a connection that RESUMEs)."""

    shard_id: int
    session_id: str
    ws: web.WebSocketResponse | None = None
    seq: int = 0
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    identify_count: int = 0
    resume_count: int = 0


class Gateway:
    """Serves ``/gateway/``; ``dispatch`` sends an event to the shard holding its server."""

    def __init__(self, ld: Host, recommended_shards: int = 1) -> None:
        self.ld = ld
        self.world = ld.world
        #: what ``GET /gateway/bot`` recommends
        self.recommended_shards = recommended_shards
        self.shard_count: int | None = None  # fixed by the first IDENTIFY
        self.sessions: dict[int, ShardSession] = {}
        self._changed = asyncio.Event()  # a session became ready
        self.identify_count = 0
        self.resume_count = 0
        self.heartbeats = 0
        self.intents = 0
        self.presence: dict[str, Any] | None = None
        self.identified_shards: list[tuple[int, int]] = []  # every IDENTIFY's [id, count]

    # the single-shard view older tests use
    @property
    def ws(self) -> web.WebSocketResponse | None:
        session = self.sessions.get(0)
        return session.ws if session else None

    @property
    def session_id(self) -> str | None:
        session = self.sessions.get(0)
        return session.session_id if session else None

    def install(self, app: web.Application) -> None:
        app.router.add_get("/gateway/", self.handle)
        app.router.add_get("/gateway", self.handle)

    async def _send(self, ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        if not ws.closed:
            await ws.send_str(json.dumps(payload))

    def shard_of_guild(self, guild_id: int | None) -> int:
        return shard_for(guild_id, self.shard_count or 1)

    async def _live_session(self, shard_id: int, timeout: float) -> ShardSession:
        async def wait() -> ShardSession:
            while True:
                session = self.sessions.get(shard_id)
                if session is not None and session.ready.is_set() and session.ws is not None:
                    return session
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(wait(), timeout)

    async def dispatch(self, event: str, data: dict[str, Any], timeout: float = 10.0) -> None:
        """Send a DISPATCH event to its server's shard, waiting for a live session if that
        shard is (re)connecting."""
        session = await self._live_session(self.shard_of_guild(_guild_of(data)), timeout)
        assert session.ws is not None
        if event == "INTERACTION_CREATE":  # Discord's 3 s start when the bot can see it
            self.ld.delivered[int(data["id"])] = self.ld.now()
        session.seq += 1
        await self._send(session.ws, {"op": 0, "t": event, "s": session.seq, "d": data})

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        await self._send(ws, {"op": 10, "s": None, "t": None,
                              "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                await self._on_message(ws, json.loads(msg.data))
        finally:
            for session in self.sessions.values():
                if session.ws is ws:
                    session.ready.clear()
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

    async def _take_over(self, session: ShardSession, ws: web.WebSocketResponse) -> None:
        """A shard has one connection: a new one closes the old (which may RESUME)."""
        old = session.ws
        session.ws = ws
        if old is not None and old is not ws and not old.closed:
            await old.close(code=RESUMABLE_CLOSE)

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if not data.get("token"):
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        shard = data.get("shard") or [0, 1]
        try:
            shard_id, count = int(shard[0]), int(shard[1])
        except (TypeError, ValueError, IndexError):
            shard_id, count = -1, 0
        live_count = self.shard_count if any(
            s.ws is not None and not s.ws.closed for s in self.sessions.values()) else None
        if count < 1 or not 0 <= shard_id < count or (live_count and count != live_count):
            await ws.close(code=INVALID_SHARD, message=b"Invalid shard.")
            return
        self.shard_count = count
        self.identify_count += 1
        self.identified_shards.append((shard_id, count))
        self.intents = int(data.get("intents", 0))
        session = self.sessions.get(shard_id)
        if session is None:
            session = self.sessions[shard_id] = ShardSession(shard_id, "")
        session.ready.clear()
        session.session_id = secrets.token_hex(16)
        session.seq = 0
        session.identify_count += 1
        await self._take_over(session, ws)
        guilds = [g for g in self.world.guilds.values() if shard_for(g.id, count) == shard_id]
        ready = {
            "v": 10, "user": {**self._bot_user(), "verified": True, "mfa_enabled": False,
                              "flags": 0},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id, "resume_gateway_url": self.ld.gateway_url,
            "session_type": "normal", "shard": [shard_id, count], "private_channels": [],
            "relationships": [], "presences": [], "guild_join_requests": [],
            "geo_ordered_rtc_regions": [], "user_settings": {},
            "application": {"id": str(self.world.app_id), "flags": 0},
            "_trace": ["localdiscord"],
        }
        await self._dispatch_now(session, "READY", ready)
        for guild in guilds:
            await self._dispatch_now(session, "GUILD_CREATE", self.world.guild_payload(guild))
        self._set_ready(session)
        log.debug("gateway shard %d/%d session %s identified", shard_id, count,
                  session.session_id)

    def _set_ready(self, session: ShardSession) -> None:
        session.ready.set()
        self._changed.set()

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        session = next((s for s in self.sessions.values()
                        if s.session_id and s.session_id == data.get("session_id")), None)
        if not data.get("token") or session is None:
            await self._send(ws, {"op": 9, "s": None, "t": None, "d": False})
            return
        self.resume_count += 1
        session.resume_count += 1
        await self._take_over(session, ws)
        await self._dispatch_now(session, "RESUMED", {"_trace": ["localdiscord"]})
        self._set_ready(session)

    async def _members_chunk(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        guild = self.world.guilds.get(int(data.get("guild_id", 0)))
        if guild is None:
            return
        members = [self.world.member_payload(guild, u) for u in self.world.guild_members(guild)]
        chunk = {"guild_id": str(guild.id), "members": members, "chunk_index": 0,
                 "chunk_count": 1, "not_found": [], "presences": []}
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        session = next((x for x in self.sessions.values() if x.ws is ws), None)
        if session is not None:
            await self._dispatch_now(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _dispatch_now(self, session: ShardSession, event: str,
                            data: dict[str, Any]) -> None:
        assert session.ws is not None
        session.seq += 1
        await self._send(session.ws, {"op": 0, "t": event, "s": session.seq, "d": data})

    def _bot_user(self) -> dict[str, Any]:
        from .state import user_payload

        return user_payload(self.world.bot_user)

    # faults ---------------------------------------------------------------------------
    def _targets(self, shard_id: int | None) -> list[ShardSession]:
        return [s for i, s in sorted(self.sessions.items()) if shard_id is None or i == shard_id]

    async def drop(self, code: int = RESUMABLE_CLOSE, shard_id: int | None = None) -> None:
        """Close the connection (every shard's, or one); with the default code the client
        comes back and RESUMEs."""
        for session in self._targets(shard_id):
            if session.ws is not None and not session.ws.closed:
                session.ready.clear()
                await session.ws.close(code=code,
                                       message=b"local Discord dropped the connection")

    async def invalidate_session(self, resumable: bool = False,
                                 shard_id: int | None = None) -> None:
        """Send op 9; with ``resumable=False`` the client starts over with IDENTIFY."""
        for session in self._targets(shard_id):
            if session.ws is not None and not session.ws.closed:
                session.ready.clear()
                if not resumable:
                    session.session_id = ""
                await self._send(session.ws, {"op": 9, "s": None, "t": None, "d": resumable})

    async def close(self) -> None:
        for session in self.sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.close(code=1001)


def _guild_of(data: dict[str, Any]) -> int | None:
    raw = data.get("guild_id")
    return int(raw) if raw else None
