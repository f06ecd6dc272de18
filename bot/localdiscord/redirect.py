"""Point discord.py at the local Discord, REST and gateway both.

Redirecting only REST would send the token to the real gateway, so both class
attributes are swapped together and restored together.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import discord.gateway
import discord.http
import yarl

log = logging.getLogger(__name__)


@contextmanager
def redirect_discord(base_url: str, gateway_url: str) -> Iterator[None]:
    """Within the block, discord.py talks to ``base_url`` (``.../api/v10``) and ``gateway_url``.

    Enter it before the client starts (before ``bot.start``/``login``).
    """
    if not base_url.startswith(("http://127.0.0.1", "http://localhost")):
        raise ValueError(f"refusing to redirect discord.py to a non-local URL: {base_url}")
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = base_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    log.debug("discord.py redirected to %s and %s", base_url, gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
