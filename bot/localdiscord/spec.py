"""Contract checks of the bot's REST requests against Discord's OpenAPI spec.

openapi-core checks the spec document itself against the OpenAPI 3.1 meta-schema
before using it, which costs seconds (3.5 s on an idle core, 14 s on a busy one)
while building the validator itself takes milliseconds. That check only has to pass
once per spec file: a marker named after the file's SHA-256 (and openapi-core's
version) in the user cache directory records that it did, and later runs skip it.
The spec is parsed once per process, lazily, and shared.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bot.config import CACHE_ENV as CACHE_ENV  # re-exported: tests point it elsewhere
from bot.config import user_cache_path

log = logging.getLogger(__name__)

SPEC_PATH = Path(__file__).resolve().parent.parent / "data" / "discord-api-spec" / "openapi.json"
API_PREFIX = "/api/v10"
_HOST = "https://discord.com"
#: routes whose token is in the URL; everything else must carry ``Authorization: Bot ...``
_TOKEN_IN_URL = ("/webhooks/", "/interactions/")
_lock = threading.Lock()
_openapi: Any = None


def cache_dir() -> Path:
    """Where checked-spec markers live: briefbot's cache folder."""
    return user_cache_path()


def _marker(raw: bytes) -> Path:
    try:
        core = version("openapi-core")
    except PackageNotFoundError:  # pragma: no cover - an odd install: never trust a marker
        core = "unknown"
    digest = hashlib.sha256(raw).hexdigest()[:24]
    return cache_dir() / f"openapi-checked-{digest}-core{core}"


def build_spec(path: Path = SPEC_PATH) -> Any:
    """Parse ``path`` into an ``openapi_core.OpenAPI``; the spec document is checked
    against the meta-schema only if no marker says this exact file passed before."""
    from openapi_core import Config, OpenAPI

    raw = path.read_bytes()
    marker = _marker(raw)
    checked = marker.is_file()
    config = Config(spec_validator_cls=None) if checked else Config()
    log.debug("loading Discord OpenAPI spec from %s (%s)", path,
              "checked before" if checked else "checking it once")
    api = OpenAPI.from_dict(json.loads(raw), config=config)
    if not checked:  # from_dict raised if the spec were invalid
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(f"{path.name} passed openapi-core's spec check\n",
                              encoding="utf-8")
        except OSError as exc:  # a read-only home: check again next time
            log.debug("could not record the spec check in %s: %s", marker, exc)
    return api


def load_spec() -> Any:
    """The parsed spec, shared by the process; the first call takes a moment."""
    global _openapi
    with _lock:
        if _openapi is None:
            _openapi = build_spec()
        return _openapi


def preload_spec() -> None:
    """Start parsing the spec in a background thread: the first request's check waits
    on the lock in :func:`load_spec` instead of the stand-in's start waiting for it."""
    def load() -> None:
        try:
            load_spec()
        except Exception:  # each request's check retries and reports it as a violation
            log.exception("could not load Discord's OpenAPI spec")

    if _openapi is None:
        threading.Thread(target=load, name="openapi-spec", daemon=True).start()


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
