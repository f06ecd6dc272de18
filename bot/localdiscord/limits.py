"""What Discord refuses that its OpenAPI spec cannot express.

The spec allows 4,000 characters of content (Nitro users' limit; bots get 2,000),
says nothing of the 6,000 characters shared by a message's embeds, and describes
components one at a time (40 of any kind), not the 5 action rows of 5 buttons with
unique ``custom_id``\\s a classic message may carry. Each check answers as Discord does:
``(status, body)`` of a 400, or None when the body is acceptable.
"""

from __future__ import annotations

from typing import Any

CONTENT_LIMIT = 2000
EMBED_COUNT_LIMIT = 10
EMBED_TOTAL_LIMIT = 6000
ACTION_ROW_LIMIT = 5
ROW_BUTTON_LIMIT = 5
IS_COMPONENTS_V2 = 1 << 15

Refusal = tuple[int, dict[str, Any]]


def _form_error(errors: dict[str, Any]) -> Refusal:
    return 400, {"code": 50035, "message": "Invalid Form Body", "errors": errors}


def _leaf(code: str, message: str) -> dict[str, Any]:
    return {"_errors": [{"code": code, "message": message}]}


def embed_length(embed: dict[str, Any]) -> int:
    """Characters Discord counts toward the 6,000 shared by a message's embeds."""
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    size += len((embed.get("footer") or {}).get("text") or "")
    size += len((embed.get("author") or {}).get("name") or "")
    for field in embed.get("fields") or []:
        size += len(field.get("name") or "") + len(field.get("value") or "")
    return size


def _components(body: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    rows = body.get("components") or []
    if not isinstance(rows, list) or (body.get("flags") or 0) & IS_COMPONENTS_V2:
        return errors
    if len(rows) > ACTION_ROW_LIMIT:
        errors["components"] = _leaf("BASE_TYPE_MAX_LENGTH",
                                     f"Must be {ACTION_ROW_LIMIT} or fewer in length.")
        return errors
    seen: set[str] = set()
    for r, row in enumerate(rows):
        children = row.get("components") or [] if isinstance(row, dict) else []
        if len(children) > ROW_BUTTON_LIMIT:
            errors[f"components.{r}.components"] = _leaf(
                "BASE_TYPE_MAX_LENGTH", f"Must be {ROW_BUTTON_LIMIT} or fewer in length.")
        for c, child in enumerate(children):
            custom_id = child.get("custom_id") if isinstance(child, dict) else None
            if custom_id is None:
                continue
            if custom_id in seen:
                errors[f"components.{r}.components.{c}.custom_id"] = _leaf(
                    "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
            seen.add(custom_id)
    return errors


def check_message(body: Any, *, creating: bool, has_files: bool = False) -> Refusal | None:
    """A message body (create, followup, callback data or edit) as Discord would judge it."""
    if not isinstance(body, dict):
        body = {}
    errors: dict[str, Any] = {}
    content = body.get("content")
    if isinstance(content, str) and len(content) > CONTENT_LIMIT:
        errors["content"] = _leaf("BASE_TYPE_MAX_LENGTH",
                                  f"Must be {CONTENT_LIMIT} or fewer in length.")
    embeds = body.get("embeds") or []
    if isinstance(embeds, list):
        if len(embeds) > EMBED_COUNT_LIMIT:
            errors["embeds"] = _leaf("BASE_TYPE_MAX_LENGTH",
                                     f"Must be {EMBED_COUNT_LIMIT} or fewer in length.")
        total = sum(embed_length(e) for e in embeds if isinstance(e, dict))
        if total > EMBED_TOTAL_LIMIT:
            errors["embeds"] = _leaf("MAX_EMBED_SIZE_EXCEEDED",
                                     f"Embed size exceeds maximum size of {EMBED_TOTAL_LIMIT}")
    errors.update(_components(body))
    if errors:
        return _form_error(errors)
    if creating and not (content or embeds or has_files or body.get("components")
                         or body.get("sticker_ids") or body.get("poll")):
        return 400, {"code": 50006, "message": "Cannot send an empty message"}
    return None
