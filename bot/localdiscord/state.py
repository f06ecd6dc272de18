"""World model of the local Discord: guilds, channels, users, messages and commands.

The specs are plain dataclasses so tests can describe a server in a few lines; the
payload builders turn them into the JSON shapes discord.py expects from Discord.
"""

from __future__ import annotations

import itertools
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)

DISCORD_EPOCH_MS = 1420070400000
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
ALL_PERMISSIONS = (1 << 51) - 1
#: invite, react, view, send, embed, attach, history, external emoji, app commands, threads
DEFAULT_MEMBER_PERMISSIONS = sum(
    1 << bit for bit in (0, 6, 10, 11, 14, 15, 16, 18, 31, 38)
)
BOT_PERMISSIONS = DEFAULT_MEMBER_PERMISSIONS

DEFAULT_GUILD_ID = 111111111111111111
DEFAULT_GENERAL_ID = 222222222222222221
DEFAULT_NEWS_ID = 222222222222222222
DEFAULT_ADMIN_ID = 333333333333333331
DEFAULT_MEMBER_ID = 333333333333333332
DEFAULT_APP_ID = 444444444444444444
DEFAULT_ADMIN_ROLE_ID = 555555555555555551

_counter = itertools.count(1)


def new_snowflake() -> int:
    """A fresh, increasing snowflake whose timestamp is now."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(_counter) & 0x3FFFFF)


def snowflake_time(snowflake: int) -> float:
    """The Unix time (seconds) a snowflake was made."""
    return ((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class RoleSpec:
    id: int
    name: str
    permissions: int = 0
    position: int = 1


@dataclass
class ChannelSpec:
    """A text channel; ``bot_can_send=False`` makes the bot's posts fail with 403."""

    id: int
    name: str
    type: int = 0
    topic: str | None = None
    bot_can_send: bool = True


@dataclass
class UserSpec:
    """A user and, in every guild, a member holding ``roles`` (role ids)."""

    id: int
    name: str
    roles: list[int] = field(default_factory=list)
    bot: bool = False
    locale: str = "en-US"


@dataclass
class GuildSpec:
    id: int = DEFAULT_GUILD_ID
    name: str = "Test Server"
    channels: list[ChannelSpec] = field(default_factory=list)
    roles: list[RoleSpec] = field(default_factory=list)
    everyone_permissions: int = DEFAULT_MEMBER_PERMISSIONS
    owner_id: int = DEFAULT_ADMIN_ID
    preferred_locale: str = "en-US"


def default_guild() -> GuildSpec:
    return GuildSpec(
        channels=[ChannelSpec(DEFAULT_GENERAL_ID, "general"), ChannelSpec(DEFAULT_NEWS_ID, "news")],
        roles=[RoleSpec(DEFAULT_ADMIN_ROLE_ID, "Admin", ADMINISTRATOR)],
    )


def default_users() -> list[UserSpec]:
    return [
        UserSpec(DEFAULT_ADMIN_ID, "admin", roles=[DEFAULT_ADMIN_ROLE_ID]),
        UserSpec(DEFAULT_MEMBER_ID, "member"),
    ]


def user_payload(user: UserSpec) -> dict[str, Any]:
    return {
        "id": str(user.id),
        "username": user.name,
        "discriminator": "0",
        "global_name": user.name,
        "avatar": None,
        "bot": user.bot,
        "public_flags": 0,
    }


class World:
    """Everything the stand-in knows; REST, gateway and driver share one instance."""

    def __init__(
        self,
        guilds: list[GuildSpec],
        users: list[UserSpec],
        app_id: int = DEFAULT_APP_ID,
        bot_name: str = "BriefBot",
    ) -> None:
        self.app_id = app_id
        self.bot_user = UserSpec(app_id, bot_name, bot=True)
        self.guilds: dict[int, GuildSpec] = {g.id: g for g in guilds}
        self.users: dict[int, UserSpec] = {u.id: u for u in users}
        self.deleted_channels: set[int] = set()
        self.dm_channels: dict[int, int] = {}  # channel id -> user id
        self.messages: dict[int, dict[str, Any]] = {}
        self.channel_log: dict[int, list[int]] = {}
        self.attachments: dict[int, bytes] = {}
        self.nonces: dict[tuple[int, str], tuple[int, float]] = {}  # -> (message id, when)
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}

    # lookups -----------------------------------------------------------------
    def find_channel(self, channel_id: int) -> tuple[GuildSpec | None, ChannelSpec] | None:
        if channel_id in self.deleted_channels:
            return None
        for guild in self.guilds.values():
            for channel in guild.channels:
                if channel.id == channel_id:
                    return guild, channel
        if channel_id in self.dm_channels:
            return None, ChannelSpec(channel_id, "dm", type=1)
        return None

    def channel_by_name(self, name: str) -> ChannelSpec | None:
        name = name.lstrip("#")
        for guild in self.guilds.values():
            for channel in guild.channels:
                if channel.name == name and channel.id not in self.deleted_channels:
                    return channel
        return None

    def user_by_ref(self, ref: int | str) -> UserSpec | None:
        text = str(ref).strip("<@!>")
        if text.isdigit():
            return self.users.get(int(text)) or (
                self.bot_user if int(text) == self.app_id else None
            )
        return next((u for u in self.users.values() if u.name == text), None)

    def role_by_ref(self, guild: GuildSpec, ref: int | str) -> RoleSpec | None:
        text = str(ref).strip("<@&>")
        for role in guild.roles:
            if str(role.id) == text or role.name == text:
                return role
        if text in (str(guild.id), "@everyone", "everyone"):
            return RoleSpec(guild.id, "@everyone", guild.everyone_permissions, 0)
        return None

    def permissions(self, guild: GuildSpec, user: UserSpec) -> int:
        if user.id == self.app_id:
            return BOT_PERMISSIONS
        perms = guild.everyone_permissions
        for role in guild.roles:
            if role.id in user.roles:
                perms |= role.permissions
        if perms & ADMINISTRATOR or user.id == guild.owner_id:
            return ALL_PERMISSIONS
        return perms

    def commands_for(self, guild_id: int | None) -> list[dict[str, Any]]:
        local = self.guild_commands.get(guild_id, []) if guild_id else []
        return [*local, *self.global_commands]

    # payloads ----------------------------------------------------------------
    def role_payload(self, role: RoleSpec) -> dict[str, Any]:
        return {
            "id": str(role.id), "name": role.name, "permissions": str(role.permissions),
            "position": role.position, "color": 0, "hoist": False, "managed": False,
            "mentionable": False, "flags": 0, "icon": None, "unicode_emoji": None,
        }

    def channel_payload(self, guild: GuildSpec | None, channel: ChannelSpec) -> dict[str, Any]:
        if guild is None:
            user = self.users.get(self.dm_channels.get(channel.id, 0))
            recipients = [user_payload(user)] if user else []
            return {"id": str(channel.id), "type": 1, "recipients": recipients,
                    "last_message_id": None, "flags": 0}
        return {
            "id": str(channel.id), "type": channel.type, "guild_id": str(guild.id),
            "name": channel.name, "position": guild.channels.index(channel),
            "topic": channel.topic, "nsfw": False, "parent_id": None,
            "permission_overwrites": [], "rate_limit_per_user": 0,
            "last_message_id": None, "flags": 0,
        }

    def member_payload(self, guild: GuildSpec, user: UserSpec, *, with_user: bool = True,
                       permissions: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r) for r in user.roles if any(x.id == r for x in guild.roles)],
            "nick": None, "avatar": None, "joined_at": "2024-01-01T00:00:00+00:00",
            "premium_since": None, "deaf": False, "mute": False, "pending": False,
            "flags": 0, "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = user_payload(user)
        if permissions:
            data["permissions"] = str(self.permissions(guild, user))
        return data

    def guild_members(self, guild: GuildSpec) -> list[UserSpec]:
        return [*self.users.values(), self.bot_user]

    def guild_payload(self, guild: GuildSpec) -> dict[str, Any]:
        everyone = RoleSpec(guild.id, "@everyone", guild.everyone_permissions, 0)
        members = self.guild_members(guild)
        return {
            "id": str(guild.id), "name": guild.name, "icon": None, "splash": None,
            "discovery_splash": None, "owner_id": str(guild.owner_id), "afk_channel_id": None,
            "afk_timeout": 300, "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "features": [], "mfa_level": 0,
            "system_channel_id": None, "system_channel_flags": 0, "rules_channel_id": None,
            "vanity_url_code": None, "description": None, "banner": None, "premium_tier": 0,
            "preferred_locale": guild.preferred_locale, "public_updates_channel_id": None,
            "nsfw_level": 0, "premium_progress_bar_enabled": False,
            "roles": [self.role_payload(r) for r in [everyone, *guild.roles]],
            "emojis": [], "stickers": [], "joined_at": "2024-01-01T00:00:00+00:00",
            "large": False, "unavailable": False, "member_count": len(members),
            "voice_states": [], "presences": [], "threads": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [],
            "members": [self.member_payload(guild, u) for u in members],
            "channels": [self.channel_payload(guild, c) for c in guild.channels
                         if c.id not in self.deleted_channels],
        }

    def application_payload(self) -> dict[str, Any]:
        owner = self.users.get(next(iter(self.users), 0)) or self.bot_user
        return {
            "id": str(self.app_id), "name": self.bot_user.name, "icon": None,
            "description": "", "summary": "", "bot_public": True,
            "bot_require_code_grant": False, "verify_key": "0" * 64, "flags": 0,
            "owner": user_payload(owner), "team": None, "rpc_origins": [],
            "bot": user_payload(self.bot_user),
        }

    def nonce_message(self, author_id: int, nonce: str, since: float) -> dict[str, Any] | None:
        """The message ``author_id`` created with ``nonce`` at or after ``since``, if any."""
        found = self.nonces.get((author_id, nonce))
        if found is None or found[1] < since:
            return None
        return self.messages.get(found[0])

    def remember_nonce(self, author_id: int, nonce: str, message_id: int, at: float) -> None:
        self.nonces[(author_id, nonce)] = (message_id, at)

    def store_message(self, message: dict[str, Any], *, in_channel: bool = True) -> None:
        mid = int(message["id"])
        self.messages[mid] = message
        if in_channel:
            self.channel_log.setdefault(int(message["channel_id"]), []).append(mid)
