"""A local stand-in for Discord's REST API and gateway, for tests and offline mode.

The real discord.py client connects to it after :func:`redirect_discord`; every REST
request is recorded and checked against Discord's OpenAPI spec.
"""

from __future__ import annotations

from .driver import LocalDiscord
from .harness import run_bot
from .interactions import InteractionHandle
from .options import LocalDiscordError
from .redirect import redirect_discord
from .rest import RecordedFile, RecordedRequest
from .state import (
    DEFAULT_ADMIN_ID,
    DEFAULT_APP_ID,
    DEFAULT_GENERAL_ID,
    DEFAULT_GUILD_ID,
    DEFAULT_MEMBER_ID,
    DEFAULT_NEWS_ID,
    ChannelSpec,
    GuildSpec,
    RoleSpec,
    UserSpec,
)

__all__ = [
    "DEFAULT_ADMIN_ID",
    "DEFAULT_APP_ID",
    "DEFAULT_GENERAL_ID",
    "DEFAULT_GUILD_ID",
    "DEFAULT_MEMBER_ID",
    "DEFAULT_NEWS_ID",
    "ChannelSpec",
    "GuildSpec",
    "InteractionHandle",
    "LocalDiscord",
    "LocalDiscordError",
    "RecordedFile",
    "RecordedRequest",
    "RoleSpec",
    "UserSpec",
    "redirect_discord",
    "run_bot",
]
