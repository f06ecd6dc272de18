"""The REST half of the local Discord: aiohttp routes under ``/api/v10``.

A middleware records every request, validates it against the OpenAPI spec and applies
injected faults before the route handler sees it. It answers like Discord: a request
the spec refuses gets Discord's 400 (code 50035, "Invalid Form Body") and changes
nothing; so does one past the limits the spec cannot express (:mod:`.limits`). An
interaction must be acknowledged within 3 s and its token works for 15 min, by the
stand-in's clock (:meth:`LocalDiscord.advance` moves it). A message created with a
``nonce`` and ``enforce_nonce`` is created once: the same author and nonce within
``nonce_window`` seconds get the existing message back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import spec
from .interactions import EPHEMERAL, InteractionHandle
from .limits import Refusal, check_message
from .state import new_snowflake, now_iso, snowflake_time, user_payload

if TYPE_CHECKING:
    from .host import Host

log = logging.getLogger(__name__)

PREFIX = spec.API_PREFIX
#: every refusal in this process, (test-visible) ``"METHOD path: status"``: a test session
#: reports how many it saw and whether each was expected
REFUSALS: list[str] = []
ACK_DEADLINE = 3.0  # seconds to acknowledge an interaction
TOKEN_LIFETIME = 15 * 60.0  # seconds an interaction token works for followups and edits
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
BODY = web.RequestKey("localdiscord_body", object)
FILES = web.RequestKey("localdiscord_files", list)
RECORDED = web.RequestKey("localdiscord_recorded", object)


@dataclass
class RecordedFile:
    field: str
    filename: str
    data: bytes
    content_type: str | None = None


@dataclass
class RecordedRequest:
    """One REST call the bot made; ``json`` is the body (``payload_json`` for multipart)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    headers: dict[str, str]
    files: list[RecordedFile] = field(default_factory=list)
    template: str = ""
    status: int = 0
    at: float = field(default_factory=time.monotonic)

    @property
    def attachment_names(self) -> list[str]:
        return [f.filename for f in self.files]

    def summary(self) -> dict[str, Any]:
        return {"method": self.method, "path": self.path, "json": self.json}


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None
                  ) -> web.Response:
    """discord.py parses JSON only when Content-Type is exactly ``application/json``."""
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


def error(status: int, code: int, message: str) -> web.Response:
    return json_response({"code": code, "message": message}, status)


_SPEC_PATH = re.compile(r"\$\.([\w.\[\]]+): ")


def _spec_refusal(problems: list[str]) -> Refusal:
    """Discord's shape: errors keyed by the field's dotted path (``embeds.0.title``)."""
    errors: dict[str, Any] = {}
    for problem in problems:
        paths = _SPEC_PATH.findall(problem) or ["_errors"]
        for path in paths:
            key = re.sub(r"\[(\d+)\]", r".\1", path)
            leaf = errors.setdefault(key, {"_errors": []})
            leaf["_errors"].append({"code": "INVALID_FORM_BODY", "message": problem})
    return 400, {"code": 50035, "message": "Invalid Form Body", "errors": errors}


def _redact(headers: dict[str, str]) -> dict[str, str]:
    return {k: ("Bot <redacted>" if k.lower() == "authorization" else v)
            for k, v in headers.items()}


async def _read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    files: list[RecordedFile] = []
    if request.content_type.startswith("multipart/"):
        payload: Any = None
        reader = await request.multipart()
        async for part in reader:
            data = await part.read()  # type: ignore[union-attr]
            name = part.name or ""
            if name == "payload_json":
                payload = json.loads(data)
            elif part.filename:  # type: ignore[union-attr]
                files.append(RecordedFile(name, part.filename, bytes(data),  # type: ignore[union-attr]
                                          part.headers.get("Content-Type")))
        return payload, files
    raw = await request.read()
    if not raw:
        return None, files
    try:
        return json.loads(raw), files
    except ValueError:
        return raw.decode(errors="replace"), files


class RestApi:
    """Route handlers; state lives on the owning :class:`LocalDiscord`."""

    def __init__(self, ld: Host) -> None:
        self.ld = ld
        self.world = ld.world
        self._count = 0

    # plumbing -------------------------------------------------------------------
    def install(self, app: web.Application) -> None:
        app.middlewares.append(self.middleware)
        r = app.router
        a, c, m = PREFIX, "/channels/{channel_id}", "/messages/{message_id}"
        hook = "/webhooks/{webhook_id}/{webhook_token}"
        cmds = "/applications/{application_id}"
        gcmds = cmds + "/guilds/{guild_id}/commands"
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/users/@me", self.get_me),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/applications/@me", self.get_application),
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway),
            ("GET", "/users/{user_id}", self.get_user),
            ("POST", "/users/@me/channels", self.create_dm),
            ("GET", cmds + "/commands", self.list_commands),
            ("PUT", cmds + "/commands", self.put_commands),
            ("POST", cmds + "/commands", self.post_command),
            ("GET", cmds + "/commands/{command_id}", self.get_command),
            ("DELETE", cmds + "/commands/{command_id}", self.delete_command),
            ("GET", gcmds, self.list_commands),
            ("PUT", gcmds, self.put_commands),
            ("POST", gcmds, self.post_command),
            ("GET", gcmds + "/{command_id}", self.get_command),
            ("DELETE", gcmds + "/{command_id}", self.delete_command),
            ("POST", "/interactions/{interaction_id}/{interaction_token}/callback",
             self.callback),
            ("POST", hook, self.followup),
            ("GET", hook + m, self.webhook_get),
            ("PATCH", hook + m, self.webhook_edit),
            ("DELETE", hook + m, self.webhook_delete),
            ("GET", hook + "/messages/@original", self.webhook_get),
            ("PATCH", hook + "/messages/@original", self.webhook_edit),
            ("DELETE", hook + "/messages/@original", self.webhook_delete),
            ("GET", c, self.get_channel),
            ("GET", c + "/messages", self.list_messages),
            ("POST", c + "/messages", self.post_message),
            ("GET", c + m, self.get_message),
            ("PATCH", c + m, self.edit_message),
            ("DELETE", c + m, self.delete_message),
            ("POST", c + "/typing", self.no_content),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/channels", self.get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self.get_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
        ]
        for method, path, handler in routes:
            r.add_route(method, a + path, handler)
        r.add_route("*", a + "/{tail:.*}", self.not_implemented)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(PREFIX + "/"):
            return await handler(request)
        path = request.path[len(PREFIX):]
        resource = request.match_info.route.resource
        canonical = resource.canonical if resource is not None else request.path
        template = path if "{tail" in canonical else canonical[len(PREFIX):]
        body, files = await _read_body(request)
        recorded = RecordedRequest(
            request.method, path, dict(request.query), body, _redact(dict(request.headers)),
            files, template)
        request[BODY], request[FILES], request[RECORDED] = body, files, recorded
        self.ld.requests.append(recorded)
        log.debug("%s %s", request.method, path)
        self._count += 1
        if self.ld.validate and self._count % self.ld.validate_every == 0:
            # A worker thread: the stand-in shares the event loop with the bot in tests,
            # and its own CPU work must not show up as the bot's loop stalls.
            problems = await asyncio.to_thread(
                spec.validate_request, request.method, path, query=dict(request.query),
                headers=dict(request.headers), body=body)
            if problems:
                for problem in problems:
                    log.warning("spec violation: %s", problem)
                self.ld.violations.extend(problems)
                return self._refuse(recorded, _spec_refusal(problems), noted=True)
        delay = self.ld.faults.delay_for(request.method, template, path)
        if delay:
            await asyncio.sleep(delay)
        fault = self.ld.faults.take(request.method, template, path)
        if fault is not None:
            recorded.status = fault.status
            return json_response(self.ld.faults.body_for(fault), fault.status,
                                 self.ld.faults.headers_for(fault))
        await self.ld.faults.call_hooks("before", request.method, template, path)
        response = await handler(request)
        recorded.status = response.status
        await self.ld.faults.call_hooks("after", request.method, template, path)
        return response

    def _refuse(self, recorded: RecordedRequest, refusal: Refusal, *,
                noted: bool = False) -> web.Response:
        """Answer as Discord refuses: nothing stored, the refusal noted as a violation."""
        status, body = refusal
        recorded.status = status
        self.ld.refused.append(recorded)
        REFUSALS.append(f"{recorded.method} {recorded.template}: {status}")
        if not noted:
            problem = f"{recorded.method} {recorded.path}: refused {status} {json.dumps(body)}"
            log.warning("Discord would refuse: %s", problem)
            self.ld.violations.append(problem)
        return json_response(body, status)

    def _check(self, request: web.Request, body: Any, *, creating: bool
               ) -> web.Response | None:
        refusal = check_message(body, creating=creating, has_files=bool(request[FILES]))
        return self._refuse(request[RECORDED], refusal) if refusal else None

    def _age(self, it: InteractionHandle) -> float:
        return self.ld.now() - self.ld.delivered.get(it.id, snowflake_time(it.id))

    async def not_implemented(self, request: web.Request) -> web.Response:
        log.warning("local Discord has no route for %s %s", request.method, request.path)
        self.ld.unhandled.append(request[RECORDED])
        return error(404, 0, "404: Not Found (not implemented by the local Discord)")

    async def no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    # identity ---------------------------------------------------------------------
    async def get_me(self, request: web.Request) -> web.Response:
        if not request.headers.get("Authorization", "").startswith("Bot "):
            return error(401, 0, "401: Unauthorized")
        return json_response({**user_payload(self.world.bot_user), "verified": True,
                              "mfa_enabled": False, "flags": 0, "locale": "en-US"})

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(self.world.application_payload())

    async def get_gateway(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.ld.gateway_url,
                              "shards": self.ld.gateway.recommended_shards,
                              "session_start_limit": limit})

    async def get_user(self, request: web.Request) -> web.Response:
        user = self.world.user_by_ref(request.match_info["user_id"])
        return json_response(user_payload(user)) if user else error(404, 10013, "Unknown User")

    async def create_dm(self, request: web.Request) -> web.Response:
        user = self.world.user_by_ref((request[BODY] or {}).get("recipient_id", ""))
        if user is None:
            return error(404, 10013, "Unknown User")
        channel_id = self.ld.dm_channel_for(user.id)
        found = self.world.find_channel(channel_id)
        assert found is not None
        return json_response(self.world.channel_payload(None, found[1]))

    # application commands -----------------------------------------------------------
    def _command_store(self, request: web.Request) -> list[dict[str, Any]]:
        guild_id = request.match_info.get("guild_id")
        if guild_id is None:
            return self.world.global_commands
        return self.world.guild_commands.setdefault(int(guild_id), [])

    def _complete_command(self, request: web.Request, body: dict[str, Any],
                          old: list[dict[str, Any]]) -> dict[str, Any]:
        same = next((c for c in old if c["name"] == body.get("name")
                     and c.get("type", 1) == body.get("type", 1)), None)
        command = {"type": 1, "description": "", "options": [], "nsfw": False,
                   "default_member_permissions": None, **body,
                   "id": same["id"] if same else str(new_snowflake()),
                   "application_id": str(self.world.app_id), "version": str(new_snowflake())}
        guild_id = request.match_info.get("guild_id")
        if guild_id:
            command["guild_id"] = guild_id
        return command

    async def list_commands(self, request: web.Request) -> web.Response:
        return json_response(self._command_store(request))

    async def put_commands(self, request: web.Request) -> web.Response:
        store = self._command_store(request)
        new = [self._complete_command(request, body, store) for body in request[BODY] or []]
        store[:] = new
        self.ld.commands_synced()
        return json_response(new)

    async def post_command(self, request: web.Request) -> web.Response:
        store = self._command_store(request)
        command = self._complete_command(request, request[BODY] or {}, store)
        store[:] = [c for c in store if c["id"] != command["id"]] + [command]
        self.ld.commands_synced()
        return json_response(command, 201)

    async def get_command(self, request: web.Request) -> web.Response:
        found = next((c for c in self._command_store(request)
                      if c["id"] == request.match_info["command_id"]), None)
        return json_response(found) if found else error(404, 10063,
                                                        "Unknown application command")

    async def delete_command(self, request: web.Request) -> web.Response:
        store = self._command_store(request)
        store[:] = [c for c in store if c["id"] != request.match_info["command_id"]]
        return web.Response(status=204)

    # messages -------------------------------------------------------------------------
    def _attachments(self, body: dict[str, Any], files: list[RecordedFile],
                     keep: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        described = {str(a.get("id")): a for a in body.get("attachments") or []}
        result: list[dict[str, Any]] = []
        if keep:
            if "attachments" in body:
                result = [a for a in keep if str(a["id"]) in described]
            else:
                result = list(keep)
        for index, file in enumerate(files):
            key = file.field[len("files["):-1] if file.field.startswith("files[") else index
            meta = described.get(str(key), {})
            attachment_id = new_snowflake()
            self.world.attachments[attachment_id] = file.data
            url = f"{self.ld.base_http}/attachments/{attachment_id}/{file.filename}"
            result.append({
                "id": str(attachment_id), "filename": meta.get("filename", file.filename),
                "size": len(file.data), "url": url, "proxy_url": url,
                "content_type": file.content_type or "application/octet-stream",
                **({"description": meta["description"]} if meta.get("description") else {}),
            })
        return result

    def make_message(self, channel_id: int, body: dict[str, Any], files: list[RecordedFile],
                     *, flags: int = 0, interaction: InteractionHandle | None = None,
                     in_channel: bool = True) -> dict[str, Any]:
        found = self.world.find_channel(channel_id)
        guild = found[0] if found else None
        message: dict[str, Any] = {
            "id": str(new_snowflake()), "channel_id": str(channel_id),
            "author": user_payload(self.world.bot_user),
            "content": body.get("content") or "", "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": self._attachments(body, files),
            "flags": (body.get("flags") or 0) | flags, "timestamp": now_iso(),
            "edited_timestamp": None, "tts": bool(body.get("tts")), "mention_everyone": False,
            "mentions": [], "mention_roles": [], "pinned": False, "type": 0,
        }
        if guild is not None:
            message["guild_id"] = str(guild.id)
        if interaction is not None:
            message["type"] = 20 if interaction.type == 2 else 19
            message["webhook_id"] = str(self.world.app_id)
            message["application_id"] = str(self.world.app_id)
            message["interaction_metadata"] = {
                "id": str(interaction.id), "type": interaction.type,
                "user": interaction.payload.get("member", {}).get("user")
                or interaction.payload.get("user"),
                "authorizing_integration_owners": {},
            }
        if "message_reference" in body:
            message["message_reference"] = body["message_reference"]
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        self.world.store_message(message, in_channel=in_channel and not message["flags"] &
                                 EPHEMERAL)
        return message

    def edit(self, message: dict[str, Any], body: dict[str, Any], files: list[RecordedFile]
             ) -> dict[str, Any]:
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = body[key] if body[key] is not None else (
                    "" if key == "content" else [])
        if "flags" in body and body["flags"] is not None:
            message["flags"] = (message["flags"] & EPHEMERAL) | body["flags"]
        if "attachments" in body or files:
            message["attachments"] = self._attachments(body, files, message["attachments"])
        message["edited_timestamp"] = now_iso()
        return message

    def _channel_or_error(self, channel_id: str, *, write: bool = False
                          ) -> tuple[int, web.Response | None]:
        cid = int(channel_id) if channel_id.isdigit() else 0
        found = self.world.find_channel(cid)
        if found is None:
            return cid, error(404, 10003, "Unknown Channel")
        if write and not found[1].bot_can_send:
            return cid, error(403, 50013, "Missing Permissions")
        return cid, None

    async def get_channel(self, request: web.Request) -> web.Response:
        cid, err = self._channel_or_error(request.match_info["channel_id"])
        if err:
            return err
        found = self.world.find_channel(cid)
        assert found is not None
        return json_response(self.world.channel_payload(*found))

    async def post_message(self, request: web.Request) -> web.Response:
        cid, err = self._channel_or_error(request.match_info["channel_id"], write=True)
        if err:
            return err
        body = request[BODY] or {}
        refused = self._check(request, body, creating=True)
        if refused:
            return refused
        nonce = body.get("nonce") if body.get("enforce_nonce") else None
        if nonce is not None:
            existing = self.world.nonce_message(self.world.bot_user.id, str(nonce),
                                                self.ld.now() - self.ld.nonce_window)
            if existing is not None:
                log.info("nonce %s seen before: the existing message is returned", nonce)
                return json_response(existing)
        message = self.make_message(cid, body, request[FILES])
        if nonce is not None:
            self.world.remember_nonce(self.world.bot_user.id, str(nonce), int(message["id"]),
                                      self.ld.now())
        self.ld.message_posted(message)
        return json_response(message)

    async def list_messages(self, request: web.Request) -> web.Response:
        """Newest first, as Discord: ``before``/``after`` snowflakes and ``limit`` (<= 100)."""
        cid, err = self._channel_or_error(request.match_info["channel_id"])
        if err:
            return err
        limit = int(request.query.get("limit", 50))
        messages = self.ld.channel_messages(cid)  # oldest first
        if "after" in request.query:
            after = int(request.query["after"])
            return json_response(list(reversed(
                [m for m in messages if int(m["id"]) > after][:limit])))
        if "before" in request.query:
            before = int(request.query["before"])
            messages = [m for m in messages if int(m["id"]) < before]
        return json_response(list(reversed(messages))[:limit])

    def _channel_message(self, request: web.Request) -> dict[str, Any] | None:
        mid = request.match_info["message_id"]
        message = self.world.messages.get(int(mid)) if mid.isdigit() else None
        if message and message["channel_id"] == request.match_info["channel_id"]:
            return message
        return None

    async def get_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        return json_response(message) if message else error(404, 10008, "Unknown Message")

    async def edit_message(self, request: web.Request) -> web.Response:
        _cid, err = self._channel_or_error(request.match_info["channel_id"], write=True)
        message = self._channel_message(request)
        if err or message is None:
            return err or error(404, 10008, "Unknown Message")
        refused = self._check(request, {**message, **(request[BODY] or {})}, creating=False)
        if refused:
            return refused
        return json_response(self.edit(message, request[BODY] or {}, request[FILES]))

    async def delete_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if message is None:
            return error(404, 10008, "Unknown Message")
        self.ld.forget_message(int(message["id"]))
        return web.Response(status=204)

    # guilds ---------------------------------------------------------------------------
    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error(404, 10004, "Unknown Guild")
        payload = self.world.guild_payload(guild)
        for key in ("members", "channels", "voice_states", "presences", "threads",
                    "stage_instances", "guild_scheduled_events", "soundboard_sounds",
                    "joined_at", "large", "unavailable", "member_count"):
            payload.pop(key, None)
        return json_response(payload)

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error(404, 10004, "Unknown Guild")
        return json_response(self.world.guild_payload(guild)["channels"])

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error(404, 10004, "Unknown Guild")
        return json_response(self.world.guild_payload(guild)["roles"])

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error(404, 10004, "Unknown Guild")
        user = self.world.user_by_ref(request.match_info["user_id"])
        if user is None:
            return error(404, 10007, "Unknown Member")
        return json_response(self.world.member_payload(guild, user))

    # interactions ------------------------------------------------------------------------
    async def callback(self, request: web.Request) -> web.Response:
        it = self.ld.interactions.get(request.match_info["interaction_token"])
        if it is None or str(it.id) != request.match_info["interaction_id"]:
            return error(404, 10062, "Unknown interaction")
        if self._age(it) > ACK_DEADLINE:
            log.info("callback %.1f s after the interaction: Discord has forgotten it",
                     self._age(it))
            return error(404, 10062, "Unknown interaction")
        if it.callback_type is not None:
            return error(400, 40060, "Interaction has already been acknowledged.")
        body = request[BODY] or {}
        kind = int(body.get("type", 0))
        data = body.get("data") or {}
        if kind in (4, 7):
            refused = self._check(request, data, creating=kind == 4)
            if refused:
                return refused
        it.callback_type = kind
        it.callbacks.append(kind)
        channel_id = int(it.payload["channel_id"])
        message: dict[str, Any] | None = None
        if kind == 4:
            it.ephemeral = bool((data.get("flags") or 0) & EPHEMERAL)
            message = self.make_message(channel_id, data, request[FILES], interaction=it)
            it.add_message(int(message["id"]), original=True)
            it.note_answer()
        elif kind == 5:
            it.deferred = True
            it.ephemeral = bool((data.get("flags") or 0) & EPHEMERAL)
            it.notify()
        elif kind in (6, 7) and it.source_message_id is not None:
            it.original_id = it.source_message_id
            source = self.world.messages.get(it.source_message_id)
            it.ephemeral = bool(source and source["flags"] & EPHEMERAL)
            if kind == 7 and source is not None:
                message = self.edit(source, data, request[FILES])
                it.add_message(it.source_message_id, original=True)
                it.note_answer()
            else:
                it.deferred = True
                it.notify()
        elif kind == 8:
            it.choices = list(data.get("choices") or [])
            it.note_answer()
        elif kind == 9:
            it.modal = data
            it.note_answer()
        else:
            it.notify()
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        result: dict[str, Any] = {"interaction": {
            "id": str(it.id), "type": it.type, "response_message_loading": kind == 5,
            "response_message_ephemeral": it.ephemeral,
            **({"response_message_id": message["id"]} if message else {}),
        }}
        if message is not None:
            result["resource"] = {"type": kind, "message": message}
        return json_response(result)

    def _webhook_interaction(self, request: web.Request) -> InteractionHandle | None:
        it = self.ld.interactions.get(request.match_info["webhook_token"])
        if it is None or request.match_info["webhook_id"] != str(self.world.app_id):
            return None
        if self._age(it) > TOKEN_LIFETIME:
            log.info("interaction token used %.0f s after the interaction: expired",
                     self._age(it))
            return None
        return it

    def _resolve_original(self, it: InteractionHandle, request: web.Request,
                          create: bool) -> dict[str, Any] | None:
        mid = request.match_info.get("message_id", "@original")
        if mid != "@original":
            return self.world.messages.get(int(mid)) if mid.isdigit() and int(
                mid) in [*it.message_ids, it.original_id] else None
        if it.original_id is None and it.deferred and create:
            message = self.make_message(int(it.payload["channel_id"]), {}, [],
                                        flags=EPHEMERAL if it.ephemeral else 0, interaction=it)
            it.add_message(int(message["id"]), original=True)
        return self.world.messages.get(it.original_id) if it.original_id else None

    async def followup(self, request: web.Request) -> web.Response:
        it = self._webhook_interaction(request)
        if it is None:
            return error(404, 10015, "Unknown Webhook")
        if it.callback_type is None:
            return error(404, 10015, "Unknown Webhook")
        body = request[BODY] or {}
        refused = self._check(request, body, creating=True)
        if refused:
            return refused
        if it.deferred and it.original_id is None:
            flags = EPHEMERAL if it.ephemeral else 0
            message = self.make_message(int(it.payload["channel_id"]), body, request[FILES],
                                        flags=flags, interaction=it)
            it.add_message(int(message["id"]), original=True)
        else:
            message = self.make_message(int(it.payload["channel_id"]), body, request[FILES],
                                        interaction=it)
            it.add_message(int(message["id"]))
        it.note_answer()
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message)
        return web.Response(status=204)

    async def webhook_get(self, request: web.Request) -> web.Response:
        it = self._webhook_interaction(request)
        message = self._resolve_original(it, request, create=False) if it else None
        return json_response(message) if message else error(404, 10008, "Unknown Message")

    async def webhook_edit(self, request: web.Request) -> web.Response:
        it = self._webhook_interaction(request)
        if it is None:
            return error(404, 10015, "Unknown Webhook")
        message = self._resolve_original(it, request, create=False) or (
            {} if it.deferred else None)
        if message is None:
            return error(404, 10008, "Unknown Message")
        refused = self._check(request, {**message, **(request[BODY] or {})}, creating=False)
        if refused:
            return refused
        message = self._resolve_original(it, request, create=True)
        if message is None:
            return error(404, 10008, "Unknown Message")
        self.edit(message, request[BODY] or {}, request[FILES])
        it.add_message(int(message["id"]), original=int(message["id"]) == it.original_id)
        it.note_answer()
        return json_response(message)

    async def webhook_delete(self, request: web.Request) -> web.Response:
        it = self._webhook_interaction(request)
        message = self._resolve_original(it, request, create=False) if it else None
        if it is None or message is None:
            return error(404, 10008, "Unknown Message")
        mid = int(message["id"])
        it.message_ids = [m for m in it.message_ids if m != mid]
        self.ld.forget_message(mid)
        it.notify()
        return web.Response(status=204)
