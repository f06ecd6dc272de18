"""Message payloads as a user would read them, for the offline terminal."""

from __future__ import annotations

import logging
import re
import textwrap
from typing import Any

from .interactions import EPHEMERAL

log = logging.getLogger(__name__)

_BUTTON = 2
_WIDTH = 88


_MARKER = re.compile(r"(?<!\\)(\*\*|\*|__|~~|\|\||`)")
_ESCAPE = re.compile(r"\\([^\sA-Za-z0-9])")


def plain(text: str) -> str:
    """Discord markdown as a terminal shows it: emphasis markers dropped, escapes undone."""
    return _ESCAPE.sub(r"\1", _MARKER.sub("", text))


def _wrap(text: str, indent: str) -> list[str]:
    lines: list[str] = []
    for paragraph in plain(text).splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, _WIDTH - len(indent), initial_indent=indent,
                                   subsequent_indent=indent) or [indent.rstrip()])
    return lines


def _components(components: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for row in components:
        children = row.get("components") or []
        if row.get("type") == _BUTTON or not children:
            children = [row]
        labels = []
        for child in children:
            if child.get("type") == _BUTTON:
                label = child.get("label") or (child.get("emoji") or {}).get("name") or "?"
                labels.append(f"[{label}]" + (" (disabled)" if child.get("disabled") else ""))
            elif child.get("type") in (3, 5, 6, 7, 8):
                options = ", ".join(o.get("label", "") for o in child.get("options") or [])
                labels.append(f"<{child.get('placeholder') or 'select'}: {options}>")
            elif child.get("content"):
                labels.append(child["content"])
        if labels:
            lines.append("  " + " ".join(labels))
    return lines


def format_embed(embed: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    if embed.get("author", {}).get("name"):
        lines.append(f"  {embed['author']['name']}")
    if embed.get("title"):
        lines.append(f"  == {plain(embed['title'])} ==")
    if embed.get("url"):
        lines.append(f"  {embed['url']}")
    if embed.get("description"):
        lines.extend(_wrap(embed["description"], "  "))
    for field in embed.get("fields") or []:
        lines.append(f"  -- {plain(str(field.get('name', '')))}")
        lines.extend(_wrap(str(field.get("value", "")), "     "))
    if embed.get("image", {}).get("url"):
        lines.append(f"  [image: {embed['image']['url']}]")
    if embed.get("thumbnail", {}).get("url"):
        lines.append(f"  [thumbnail: {embed['thumbnail']['url']}]")
    if embed.get("footer", {}).get("text"):
        lines.append(f"  ({embed['footer']['text']})")
    return lines


def format_message(message: dict[str, Any]) -> str:
    """A message payload as plain text: content, embeds, buttons, attachment names."""
    lines: list[str] = []
    if message.get("content"):
        lines.extend(_wrap(message["content"], ""))
    for embed in message.get("embeds") or []:
        lines.extend(format_embed(embed))
    lines.extend(_components(message.get("components") or []))
    for attachment in message.get("attachments") or []:
        lines.append(f"  [attachment: {attachment.get('filename')}]")
    if int(message.get("flags") or 0) & EPHEMERAL:
        lines.append("  (only you can see this)")
    if not lines:
        lines.append("(empty message)")
    return "\n".join(lines)


def format_choices(choices: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {c['name']}" + (f" = {c['value']!r}" if c["value"] != c["name"] else "")
                     for c in choices) or "  (no suggestions)"


def format_command_list(commands: list[dict[str, Any]]) -> str:
    lines = []
    for command in sorted(commands, key=lambda c: c["name"]):
        if command.get("type", 1) != 1:
            continue
        lines.append(f"/{command['name']:<16} {command.get('description', '')}")
        for sub in command.get("options") or []:
            if sub["type"] in (1, 2):
                lines.append(f"  /{command['name']} {sub['name']:<10} {sub.get('description', '')}")
    return "\n".join(lines)


_TYPE_NAMES = {3: "text", 4: "integer", 5: "true/false", 6: "user", 7: "channel", 8: "role",
               9: "mentionable", 10: "number", 11: "attachment"}


def format_command_help(command: dict[str, Any], prefix: str = "") -> str:
    name = f"{prefix}{command['name']}"
    lines = [f"/{name}: {command.get('description', '')}"]
    for option in command.get("options") or []:
        if option["type"] in (1, 2):
            lines.append(format_command_help(option, name + " "))
            continue
        required = "required" if option.get("required") else "optional"
        limits = []
        for key in ("min_value", "max_value", "min_length", "max_length"):
            if key in option:
                limits.append(f"{key}={option[key]}")
        extra = f" ({', '.join(limits)})" if limits else ""
        auto = " [autocomplete]" if option.get("autocomplete") else ""
        lines.append(f"  {option['name']}: {_TYPE_NAMES.get(option['type'], option['type'])}, "
                     f"{required}{extra}{auto} - {option.get('description', '')}")
        for choice in option.get("choices") or []:
            lines.append(f"      {choice['name']} = {choice['value']!r}")
    return "\n".join(lines)
