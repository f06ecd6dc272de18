"""What the REST routes and the gateway need from the stand-in that owns them.

:class:`~bot.localdiscord.driver.LocalDiscord` builds a ``RestApi`` and a ``Gateway`` and
hands them itself; they see it through :class:`Host` instead of importing the driver, so
imports go one way (driver -> rest, gateway -> host) with no cycle, not even a
type-only one.
"""

from __future__ import annotations

from typing import Any, Protocol

from .faults import Faults
from .interactions import InteractionHandle
from .state import World


class ShardInfo(Protocol):
    """The part of the gateway the REST routes read (``GET /gateway/bot``)."""

    recommended_shards: int


class Host(Protocol):
    """The stand-in's state and hooks, as the REST routes and the gateway use them."""

    world: World
    faults: Faults
    validate: bool
    validate_every: int
    nonce_window: float
    delivered: dict[int, float]  # interaction id -> when the gateway sent it
    interactions: dict[str, InteractionHandle]  # by token
    requests: list[Any]  # RecordedRequest (bot.localdiscord.rest)
    refused: list[Any]
    unhandled: list[Any]
    violations: list[str]

    @property
    def gateway(self) -> ShardInfo: ...

    @property
    def base_http(self) -> str: ...

    @property
    def gateway_url(self) -> str: ...

    def now(self) -> float: ...

    def commands_synced(self) -> None: ...

    def message_posted(self, message: dict[str, Any]) -> None: ...

    def forget_message(self, message_id: int) -> None: ...

    def dm_channel_for(self, user_id: int) -> int: ...

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]: ...
