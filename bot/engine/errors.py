"""Errors the engine raises for bad user input: the message says what to fix."""

from __future__ import annotations


class EngineInputError(ValueError):
    """Bad input from a user (unknown document, place, option out of range).

    ``extra`` is merged into the CLI's JSON error object (e.g. ``suggestions``);
    cogs show ``str(exc)`` to the user.
    """

    def __init__(self, message: str, **extra: object) -> None:
        super().__init__(message)
        self.extra = extra

    def to_dict(self) -> dict[str, object]:
        return {"error": str(self), **self.extra}
