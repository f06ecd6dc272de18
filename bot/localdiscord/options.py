"""Typing slash-command option values the way the Discord client would.

Values come from tests or the offline prompt as Python values or strings; they are
checked and converted against the command schema the bot synced, so a test cannot
send what a real user could not.
"""

from __future__ import annotations

import logging
from typing import Any

from .state import GuildSpec, World

log = logging.getLogger(__name__)

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = (
    3, 4, 5, 6, 7, 8, 9, 10, 11
)
TYPE_NAMES = {1: "subcommand", 2: "group", 3: "string", 4: "integer", 5: "boolean", 6: "user",
              7: "channel", 8: "role", 9: "mentionable", 10: "number", 11: "attachment"}
_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


class LocalDiscordError(Exception):
    """A test or prompt asked for something a real Discord user could not do."""


def find_command(world: World, name: str, guild_id: int | None) -> dict[str, Any]:
    """The synced chat-input command ``name`` (first word of a qualified name)."""
    for command in world.commands_for(guild_id):
        if command["name"] == name and command.get("type", 1) == 1:
            return command
    known = sorted({c["name"] for c in world.commands_for(guild_id)})
    raise LocalDiscordError(f"unknown command /{name}; synced commands: {known}")


def resolve_path(command: dict[str, Any], words: list[str]) -> tuple[list[dict], list[dict]]:
    """Walk subcommand groups/subcommands: (chain of option dicts, leaf options schema)."""
    chain: list[dict[str, Any]] = []
    schema = command.get("options") or []
    for word in words:
        sub = next((o for o in schema if o["name"] == word
                    and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)), None)
        if sub is None:
            names = [o["name"] for o in schema if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
            raise LocalDiscordError(
                f"/{command['name']}: unknown subcommand {word!r}; choose from {names}")
        chain.append(sub)
        schema = sub.get("options") or []
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schema):
        names = [o["name"] for o in schema]
        raise LocalDiscordError(
            f"/{' '.join([command['name'], *words])} needs a subcommand: {names}")
    return chain, schema


class _Resolver:
    def __init__(self, world: World, guild: GuildSpec | None) -> None:
        self.world, self.guild = world, guild
        self.resolved: dict[str, dict[str, Any]] = {}

    def _put(self, kind: str, key: int, value: dict[str, Any]) -> None:
        self.resolved.setdefault(kind, {})[str(key)] = value

    def channel(self, name: str, value: Any) -> str:
        text = str(value).strip("<#>")
        found = self.world.find_channel(int(text)) if text.isdigit() else None
        channel = found[1] if found else self.world.channel_by_name(text)
        if channel is None:
            raise LocalDiscordError(f"option {name}: no channel {value!r}")
        payload = self.world.channel_payload(self.guild, channel) if self.guild else {}
        payload = {k: payload[k] for k in ("id", "name", "type", "guild_id", "parent_id")
                   if k in payload}
        payload.setdefault("id", str(channel.id))
        payload.setdefault("name", channel.name)
        payload.setdefault("type", channel.type)
        payload["permissions"] = str((1 << 51) - 1)
        self._put("channels", channel.id, payload)
        return str(channel.id)

    def user(self, name: str, value: Any) -> str:
        user = self.world.user_by_ref(value)
        if user is None:
            raise LocalDiscordError(f"option {name}: no user {value!r}")
        from .state import user_payload

        self._put("users", user.id, user_payload(user))
        if self.guild is not None:
            member = self.world.member_payload(self.guild, user, with_user=False,
                                               permissions=True)
            self._put("members", user.id, member)
        return str(user.id)

    def role(self, name: str, value: Any) -> str:
        role = self.world.role_by_ref(self.guild, value) if self.guild else None
        if role is None:
            raise LocalDiscordError(f"option {name}: no role {value!r}")
        self._put("roles", role.id, self.world.role_payload(role))
        return str(role.id)


def _convert(option: dict[str, Any], value: Any, resolver: _Resolver) -> Any:
    name, kind = option["name"], option["type"]
    for choice in option.get("choices") or []:
        if isinstance(value, str) and choice["name"] == value:
            return choice["value"]
    try:
        if kind == STRING:
            result: Any = str(value)
            if len(result) < option.get("min_length", 0) or len(result) > option.get(
                    "max_length", 6000):
                raise LocalDiscordError(f"option {name}: length {len(result)} out of range")
        elif kind in (INTEGER, NUMBER):
            if isinstance(value, bool):
                raise ValueError(value)
            result = int(value) if kind == INTEGER else float(value)
            if kind == INTEGER and isinstance(value, float) and value != int(value):
                raise ValueError(value)
            low, high = option.get("min_value"), option.get("max_value")
            if (low is not None and result < low) or (high is not None and result > high):
                raise LocalDiscordError(f"option {name}: {result} not in [{low}, {high}]")
        elif kind == BOOLEAN:
            if isinstance(value, bool):
                result = value
            elif str(value).lower() in _TRUE | _FALSE:
                result = str(value).lower() in _TRUE
            else:
                raise ValueError(value)
        elif kind == CHANNEL:
            return resolver.channel(name, value)
        elif kind == USER:
            return resolver.user(name, value)
        elif kind == ROLE:
            return resolver.role(name, value)
        elif kind == MENTIONABLE:
            try:
                return resolver.user(name, value)
            except LocalDiscordError:
                return resolver.role(name, value)
        else:
            raise LocalDiscordError(f"option {name}: type {kind} is not supported here")
    except (TypeError, ValueError):
        raise LocalDiscordError(
            f"option {name}: {value!r} is not a valid {TYPE_NAMES.get(kind, kind)}") from None
    choices = option.get("choices")
    if choices:
        for choice in choices:
            if choice["value"] == result or choice["name"] == value:
                return choice["value"]
        raise LocalDiscordError(
            f"option {name}: {value!r} is not one of {[c['name'] for c in choices]}")
    return result


def build_command_data(
    world: World,
    qualified_name: str,
    values: dict[str, Any],
    guild_id: int | None,
    *,
    focused: str | None = None,
) -> dict[str, Any]:
    """The ``data`` of an APPLICATION_COMMAND (or autocomplete) interaction."""
    words = qualified_name.strip().lstrip("/").split()
    if not words:
        raise LocalDiscordError("empty command name")
    command = find_command(world, words[0], guild_id)
    chain, schema = resolve_path(command, words[1:])
    guild = world.guilds.get(guild_id) if guild_id else None
    resolver = _Resolver(world, guild)
    by_name = {o["name"]: o for o in schema}
    unknown = set(values) - set(by_name)
    if unknown:
        raise LocalDiscordError(
            f"/{qualified_name}: unknown option(s) {sorted(unknown)}; options are {list(by_name)}")
    leaf: list[dict[str, Any]] = []
    for option in schema:
        name = option["name"]
        if name not in values:
            if option.get("required") and focused is None:
                raise LocalDiscordError(f"/{qualified_name}: missing required option {name!r}")
            continue
        if name == focused:
            leaf.append({"name": name, "type": option["type"], "value": str(values[name]),
                         "focused": True})
            continue
        leaf.append({"name": name, "type": option["type"],
                     "value": _convert(option, values[name], resolver)})
    if focused is not None and focused not in values:
        raise LocalDiscordError(f"focused option {focused!r} needs a (partial) value")
    options = leaf
    for sub in reversed(chain):
        options = [{"name": sub["name"], "type": sub["type"], "options": options}]
    data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": 1,
                            "options": options}
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    if resolver.resolved:
        data["resolved"] = resolver.resolved
    return data
