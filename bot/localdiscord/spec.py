"""Contract checks of the bot's REST requests against Discord's OpenAPI spec.

Loading the spec costs seconds, so it is parsed once per process, lazily, and shared.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SPEC_PATH = Path(__file__).resolve().parent.parent / "data" / "discord-api-spec" / "openapi.json"
API_PREFIX = "/api/v10"
_HOST = "https://discord.com"
#: routes whose token is in the URL; everything else must carry ``Authorization: Bot ...``
_TOKEN_IN_URL = ("/webhooks/", "/interactions/")

_lock = threading.Lock()
_openapi: Any = None


def load_spec() -> Any:
    """The parsed spec (an ``openapi_core.OpenAPI``); the first call takes seconds."""
    global _openapi
    with _lock:
        if _openapi is None:
            from openapi_core import OpenAPI

            log.debug("loading Discord OpenAPI spec from %s", SPEC_PATH)
            _openapi = OpenAPI.from_dict(json.loads(SPEC_PATH.read_text(encoding="utf-8")))
        return _openapi


def _leaves(error: Any) -> list[Any]:
    children = list(getattr(error, "context", None) or [])
    if not children:
        return [error]
    return [leaf for child in children for leaf in _leaves(child)]


def _describe(exc: Exception) -> str:
    """The most specific schema errors: for anyOf/oneOf, the deepest failing paths."""
    errors = getattr(exc.__cause__, "schema_errors", None) or ()
    leaves = [leaf for err in errors for leaf in _leaves(err)]
    if not leaves:
        return f"{type(exc).__name__}: {str(exc)[:300]}"
    depth = max(len(leaf.absolute_path) for leaf in leaves)
    details: list[str] = []
    for leaf in leaves:
        if len(leaf.absolute_path) == depth:
            message = leaf.message
            if len(message) > 200:
                size = len(leaf.instance) if hasattr(leaf.instance, "__len__") else "?"
                message = (f"{type(leaf.instance).__name__} of length {size} fails "
                           f"{leaf.validator}={leaf.validator_value!r}")
            text = f"{leaf.json_path}: {message}"
            if text not in details:
                details.append(text)
    return f"{type(exc).__name__}: " + "; ".join(details[:3])


def _tolerate_quirks(body: Any) -> Any:
    """Rewrite what Discord accepts but the spec forbids.

    discord.py numbers uploaded files with integer attachment ids (``{"id": 0}``); the
    spec types them as snowflake strings while Discord takes both.
    """
    if isinstance(body, list):
        return [_tolerate_quirks(item) for item in body]
    if not isinstance(body, dict):
        return body
    result = {k: _tolerate_quirks(v) for k, v in body.items()}
    attachments = result.get("attachments")
    if isinstance(attachments, list):
        result["attachments"] = [
            {**a, "id": str(a["id"])} if isinstance(a, dict) and isinstance(a.get("id"), int)
            else a
            for a in attachments
        ]
    return result


def validate_request(
    method: str,
    path: str,
    *,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    body: Any = None,
) -> list[str]:
    """Problems with one request (path without the ``/api/v10`` prefix); empty if valid.

    Multipart bodies are checked through their decoded ``payload_json`` as JSON.
    """
    from openapi_core.testing import MockRequest

    problems: list[str] = []
    headers = dict(headers or {})
    if not path.startswith(_TOKEN_IN_URL):
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        if not auth.startswith("Bot "):
            problems.append("missing 'Authorization: Bot <token>' header")
    data = json.dumps(_tolerate_quirks(body)).encode() if body is not None else None
    request = MockRequest(
        _HOST, method.lower(), API_PREFIX + path, args=dict(query or {}),
        headers=headers, data=data, content_type="application/json" if data else None,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            load_spec().validate_request(request)
        except Exception as exc:  # openapi-core raises a family of errors
            problems.append(_describe(exc))
    return [f"{method} {path}: {p}" for p in problems]
