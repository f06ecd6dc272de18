"""Feed announcements and /feed list as Discord embeds (article text stays inert)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import quote

import discord

from bot.corpus.feeds.writer import Added
from bot.render.common import (
    COLOUR,
    DESCRIPTION_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    count,
    safe,
    trim,
)
from bot.store.feeds import Subscription

ANNOUNCE_LINES = 15


def _link(url: str) -> str:
    """A URL that cannot break out of a markdown link (spaces, brackets, parentheses)."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def article_line(item: Added) -> str:
    title = trim(safe(item.title or item.doc_id), 200)
    head = f"[{title}]({_link(item.url)})" if item.url.startswith(("http://", "https://")) \
        else title
    date = f" · {safe(item.published[:10])}" if item.published else ""
    return f"• {head} — {safe(item.source)}{date}"


def announcement_embed(items: Sequence[Added]) -> discord.Embed:
    """One post for a batch: the newest first, at most ANNOUNCE_LINES lines."""
    lines: list[str] = []
    size = 0
    shown = 0
    for item in items[:ANNOUNCE_LINES]:
        line = article_line(item)
        if size + len(line) + 1 > DESCRIPTION_LIMIT - 100:
            break
        lines.append(line)
        size += len(line) + 1
        shown += 1
    if shown < len(items):
        lines.append(f"…and {count(len(items) - shown, 'more article')} (see /sources)")
    return discord.Embed(title=f"{count(len(items), 'new article')} from your feeds",
                         description="\n".join(lines), colour=COLOUR)


def place_note_embed(place: str, items: Sequence[Added]) -> discord.Embed:
    """/follow's note: which new articles mention the place, each with its outlet."""
    embed = announcement_embed(items)
    embed.title = trim(f"New on {place}: {count(len(items), 'article')}", 256)
    return embed


def _when(value: datetime | None, style: str = "R") -> str:
    return discord.utils.format_dt(value, style) if value else "never"


def feed_list_embed(subs: Sequence[Subscription], poll_seconds: int) -> discord.Embed:
    embed = discord.Embed(title=f"Feeds followed here ({len(subs)})", colour=COLOUR)
    if not subs:
        embed.description = "No feeds yet: `/feed add url channel` adds one."
        return embed
    every = f"every {poll_seconds // 60} min" if poll_seconds >= 60 else (
        f"every {poll_seconds} s" if poll_seconds else "polling is off (FEED_POLL_SECONDS=0)")
    embed.description = f"Feeds are checked {every}."
    for sub in subs[:FIELD_COUNT_LIMIT]:
        feed = sub.feed
        lines = [f"<#{sub.channel_id}> · {trim(safe(feed.url), 300)}",
                 f"Last fetch {_when(feed.last_fetch_at)} · {count(feed.items, 'item')}"]
        if sub.keywords:
            lines.append(f"Only articles naming: {trim(safe(sub.keywords), 300)}")
        if feed.last_error:
            retry = "no more retries" if feed.gone else f"retry {_when(feed.next_fetch_at)}"
            lines.append(f"Last error: {trim(safe(feed.last_error), 300)} · {retry} "
                         f"({count(feed.errors, 'failure')} in a row)")
        else:
            lines.append(f"Next check {_when(feed.next_fetch_at)}")
        embed.add_field(name=trim(safe(feed.title or feed.url), FIELD_NAME_LIMIT),
                        value=trim("\n".join(lines), FIELD_VALUE_LIMIT), inline=False)
    if len(subs) > FIELD_COUNT_LIMIT:
        embed.set_footer(text=f"{len(subs) - FIELD_COUNT_LIMIT} more not shown")
    return embed
