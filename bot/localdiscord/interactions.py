"""What one simulated user action led to: the bot's callback, followups and edits."""

from __future__ import annotations

import asyncio
import copy
import logging
from typing import Any

log = logging.getLogger(__name__)

EPHEMERAL = 1 << 6
CALLBACK_NAMES = {1: "pong", 4: "message", 5: "defer", 6: "deferred update",
                  7: "update message", 8: "autocomplete result", 9: "modal"}


class InteractionHandle:
    """Tracks the bot's answer to one interaction; ``responses`` is what the user sees."""

    def __init__(self, interaction_id: int, token: str, kind: int, payload: dict[str, Any],
                 messages: dict[int, dict[str, Any]]) -> None:
        self.id = interaction_id
        self.token = token
        self.type = kind
        self.payload = payload
        self._messages = messages
        self.callback_type: int | None = None
        self.callbacks: list[int] = []
        self.deferred = False
        self.ephemeral = False
        self.original_id: int | None = None
        self.message_ids: list[int] = []
        self.choices: list[dict[str, Any]] | None = None
        self.modal: dict[str, Any] | None = None
        self.answers = 0
        self.request_mark = 0
        self._changed = asyncio.Event()

    @property
    def source_message_id(self) -> int | None:
        message = self.payload.get("message")
        return int(message["id"]) if message else None

    @property
    def responses(self) -> list[dict[str, Any]]:
        """Messages shown for this interaction, latest state, original first."""
        return [copy.deepcopy(self._messages[m]) for m in self.message_ids if m in self._messages]

    @property
    def response(self) -> dict[str, Any]:
        """The first (original) response; raises if there is none yet."""
        found = self.responses
        if not found:
            raise AssertionError(f"interaction {self.id} has no response yet ({self.describe()})")
        return found[0]

    def describe(self) -> str:
        names = [CALLBACK_NAMES.get(c, str(c)) for c in self.callbacks]
        return f"callbacks={names}, messages={len(self.message_ids)}, answers={self.answers}"

    # called by the REST server ------------------------------------------------
    def note_answer(self) -> None:
        self.answers += 1
        self.notify()

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def add_message(self, message_id: int, *, original: bool = False) -> None:
        if original:
            self.original_id = message_id
        if message_id not in self.message_ids:
            self.message_ids.append(message_id)

    # called by tests ------------------------------------------------------------
    async def wait_done(self, timeout: float = 10.0, count: int = 1) -> InteractionHandle:
        """Wait until the bot answered ``count`` times in all.

        A message callback, an update, an autocomplete result or a modal counts; a
        defer does not, but the followup or ``@original`` edit that completes it does,
        and so does each further followup or edit.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.answers < count:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"interaction {self.id}: wanted {count} answer(s) within {timeout}s, "
                    f"got {self.describe()}")
            event = self._changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue
        return self
