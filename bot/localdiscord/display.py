"""Message payloads as a user's Discord client shows them, for the offline terminal.

Mentions read as names (``<#id>`` -> ``#news``), ``<t:...:F>`` timestamps as dates in
the terminal's time zone, emphasis markers are dropped, and each embed is framed by a
bar down its left edge, as Discord draws its coloured stripe.
"""

from __future__ import annotations

import logging
import re
import textwrap
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .interactions import EPHEMERAL

log = logging.getLogger(__name__)

_BUTTON = 2
_WIDTH = 88
_FRAME = "  │ "  # the embed's left edge
#: line openings whose wrapped text continues under the text, not under the marker
_HANGING = ("• ", "- ", "* ", "↳ ", "▸ ")

_MARKER = re.compile(r"(?<!\\)(\*\*|\*|__|~~|\|\||`)")
_ESCAPE = re.compile(r"\\([^\sA-Za-z0-9])")
_MENTION = re.compile(r"<(#|@!?|@&)(\d+)>")
_TIMESTAMP = re.compile(r"<t:(-?\d+)(?::([tTdDfFR]))?>")
#: strftime for each of Discord's timestamp styles (en-GB shapes, 24-hour clock)
_STYLES = {"t": "%H:%M", "T": "%H:%M:%S", "d": "%d/%m/%Y", "D": "%-d %B %Y",
           "f": "%-d %B %Y %H:%M", "F": "%A, %-d %B %Y %H:%M"}


@dataclass
class Directory:
    """Names for the ids a message may mention (what the Discord client looks up)."""

    channels: dict[int, str] = field(default_factory=dict)
    users: dict[int, str] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)

    @classmethod
    def from_world(cls, world: Any) -> Directory:
        found = cls(users={u.id: u.name for u in world.users.values()})
        found.users[world.bot_user.id] = world.bot_user.name
        for guild in world.guilds.values():
            found.channels.update({c.id: c.name for c in guild.channels})
            found.roles.update({r.id: r.name for r in guild.roles})
        return found


def _relative(moment: datetime, now: datetime) -> str:
    seconds = int((moment - now).total_seconds())
    span = abs(seconds)
    for size, unit in ((86400 * 365, "year"), (86400 * 30, "month"), (86400, "day"),
                       (3600, "hour"), (60, "minute"), (1, "second")):
        if span >= size or unit == "second":
            n = span // size
            text = f"{n} {unit}" + ("" if n == 1 else "s")
            return f"in {text}" if seconds >= 0 else f"{text} ago"
    return "now"  # pragma: no cover


def format_timestamp(unix: int, style: str | None = None, *,
                     now: datetime | None = None) -> str:
    """``<t:unix:style>`` as the Discord client shows it, in the local time zone."""
    try:
        moment = datetime.fromtimestamp(unix).astimezone()
    except (OverflowError, OSError, ValueError):
        return f"<t:{unix}>"
    if style == "R":
        return _relative(moment, now or datetime.now().astimezone())
    return moment.strftime(_STYLES.get(style or "f", _STYLES["f"]))


def render_markup(text: str, directory: Directory | None = None) -> str:
    """Mentions and timestamps replaced by what a reader sees."""
    directory = directory or Directory()

    def mention(match: re.Match[str]) -> str:
        kind, ident = match.group(1), int(match.group(2))
        if kind == "#":
            name = directory.channels.get(ident)
            return f"#{name}" if name else "#unknown-channel"
        if kind == "@&":
            return f"@{directory.roles.get(ident, 'unknown-role')}"
        return f"@{directory.users.get(ident, 'unknown-user')}"

    text = _MENTION.sub(mention, text)
    return _TIMESTAMP.sub(lambda m: format_timestamp(int(m.group(1)), m.group(2)), text)


def plain(text: str, directory: Directory | None = None) -> str:
    """Discord markdown as a terminal shows it: emphasis markers dropped, escapes undone,
    mentions and timestamps resolved."""
    text = render_markup(text, directory)
    return _ESCAPE.sub(r"\1", _MARKER.sub("", text))


def _wrap(text: str, indent: str, directory: Directory | None = None, *,
          width: int = _WIDTH) -> list[str]:
    """Wrapped paragraphs; a bulleted or pointed line ("• ...", "  ↳ ...") continues
    under its text."""
    lines: list[str] = []
    for paragraph in plain(text, directory).splitlines() or [""]:
        body = paragraph.lstrip(" ")
        lead = indent + " " * (len(paragraph) - len(body))
        hang = lead + "  " if body.startswith(_HANGING) else lead
        lines.extend(textwrap.wrap(paragraph, width - len(indent), initial_indent=indent,
                                   subsequent_indent=hang) or [indent.rstrip()])
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


def format_embed(embed: dict[str, Any], directory: Directory | None = None) -> list[str]:
    """One embed framed as Discord draws it: a bar down the left, a rule above and below."""
    inner: list[str] = []
    width = _WIDTH - len(_FRAME)
    if embed.get("author", {}).get("name"):
        inner.append(plain(embed["author"]["name"], directory))
    if embed.get("title"):
        inner.append(plain(embed["title"], directory))
        inner.append("")
    if embed.get("url"):
        inner.append(embed["url"])
    if embed.get("description"):
        inner.extend(_wrap(embed["description"], "", directory, width=width))
    for item in embed.get("fields") or []:
        inner.append("")
        inner.append(f"▸ {plain(str(item.get('name', '')), directory)}")
        inner.extend(_wrap(str(item.get("value", "")), "  ", directory, width=width))
    if embed.get("image", {}).get("url"):
        inner.append(f"[image: {embed['image']['url']}]")
    if embed.get("thumbnail", {}).get("url"):
        inner.append(f"[thumbnail: {embed['thumbnail']['url']}]")
    if embed.get("footer", {}).get("text"):
        inner.append("")
        inner.extend(_wrap(embed["footer"]["text"], "", directory, width=width))
    inner = [line for i, line in enumerate(inner) if line or (i and inner[i - 1])]
    while inner and not inner[-1]:
        inner.pop()
    rule = "─" * (_WIDTH - len(_FRAME))
    return ["  ┌" + rule, *[(_FRAME + line).rstrip() for line in inner], "  └" + rule]


def format_message(message: dict[str, Any], directory: Directory | None = None) -> str:
    """A message payload as plain text: content, embeds, buttons, attachment names."""
    lines: list[str] = []
    if message.get("content"):
        lines.extend(_wrap(message["content"], "", directory))
    for embed in message.get("embeds") or []:
        lines.extend(format_embed(embed, directory))
    lines.extend(_components(message.get("components") or []))
    for attachment in message.get("attachments") or []:
        lines.append(f"  [attachment: {attachment.get('filename')}]")
    if int(message.get("flags") or 0) & EPHEMERAL:
        lines.append("  (only you can see this)")
    if not lines:
        lines.append("(empty message)")
    return "\n".join(lines)


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
