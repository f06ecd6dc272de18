"""Fault injection for REST: queued 429s and 5xx responses, added latency, and hooks
called before and after a request is handled (a chaos test kills the bot there).

Routes are named ``"METHOD /template"`` as in the spec, e.g.
``"POST /channels/{channel_id}/messages"``, or ``"METHOD /concrete/path"``; ``None``
matches every request.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

#: (stage "before" | "after", method, route template, concrete path)
Hook = Callable[[str, str, str, str], Awaitable[None]]

log = logging.getLogger(__name__)


@dataclass
class Fault:
    kind: str  # "429" | "5xx"
    route: str | None
    remaining: int
    status: int = 500
    retry_after: float = 0.05
    is_global: bool = False


@dataclass
class Delay:
    route: str | None
    seconds: float


def _matches(route: str | None, method: str, template: str, path: str) -> bool:
    return route is None or route in (f"{method} {template}", f"{method} {path}")


class Faults:
    """Queues consulted by the REST server before it handles a request."""

    def __init__(self) -> None:
        self.queued: list[Fault] = []
        self.delays: list[Delay] = []
        self.hooks: list[Hook] = []

    async def call_hooks(self, stage: str, method: str, template: str, path: str) -> None:
        for hook in list(self.hooks):
            await hook(stage, method, template, path)

    def rate_limit(self, route: str | None = None, *, count: int = 1,
                   retry_after: float = 0.05, is_global: bool = False) -> None:
        """Answer the next ``count`` matching requests with 429 (global if ``is_global``)."""
        self.queued.append(Fault("429", route, count, 429, retry_after, is_global))

    def server_error(self, route: str | None = None, *, count: int = 1,
                     status: int = 500) -> None:
        """Answer the next ``count`` matching requests with a 5xx status."""
        self.queued.append(Fault("5xx", route, count, status))

    def delay(self, seconds: float, route: str | None = None) -> None:
        """Hold every matching response back by ``seconds``."""
        self.delays.append(Delay(route, seconds))

    def clear(self) -> None:
        self.queued.clear()
        self.delays.clear()

    def take(self, method: str, template: str, path: str) -> Fault | None:
        for fault in self.queued:
            if fault.remaining > 0 and _matches(fault.route, method, template, path):
                fault.remaining -= 1
                return fault
        return None

    def delay_for(self, method: str, template: str, path: str) -> float:
        return sum(d.seconds for d in self.delays if _matches(d.route, method, template, path))

    @staticmethod
    def headers_for(fault: Fault) -> dict[str, str]:
        if fault.kind != "429":
            return {}
        headers = {
            "Via": "1.1 google",  # discord.py treats a 429 without Via as a Cloudflare ban
            "Retry-After": str(max(1, round(fault.retry_after))),
            "X-RateLimit-Scope": "global" if fault.is_global else "user",
        }
        if fault.is_global:
            headers["X-RateLimit-Global"] = "true"
        else:
            headers.update({
                "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset-After": f"{fault.retry_after:.3f}",
                "X-RateLimit-Bucket": "localdiscord-bucket",
            })
        return headers

    @staticmethod
    def body_for(fault: Fault) -> dict[str, object]:
        if fault.kind == "429":
            return {"message": "You are being rate limited.", "retry_after": fault.retry_after,
                    "global": fault.is_global, "code": 0}
        return {"message": "500: Internal Server Error", "code": 0}
