"""Digest -> one Discord message (embeds within Discord's limits) and terminal text.

A scheduled post cannot be paged (nobody is there to press the buttons), so the
digest is cut to fit one message: whole lines are dropped from the end of a section,
with a note saying how many, never a sentence cut mid-way unless a single line is
longer than a field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import discord

from bot.engine.digest import Digest, DigestItem, DigestSection
from bot.render.common import (
    COLOUR,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    TITLE_LIMIT,
    count,
    fit_lines,
    quote,
    safe,
    same_name,
    trim,
)

#: room kept back under the 6000-character message total (footer, rounding)
MARGIN = 150
DESCRIPTION_BUDGET = 1500
MAX_EMBEDS = 10  # Discord's per-message limit; the digest uses one


def _item_line(item: DigestItem, heading: str) -> str:
    text = safe(quote(item))
    # a disagreement names its sources in its text; a place's line is a source's sentence
    # and shows it as a development does (it was shown with no source at all)
    if heading in ("Sources", "Nothing new", "Notable disagreements"):
        return f"• {text}"
    if not item.source or same_name(item.text, item.source):
        return f"• {text}"
    return f"• {text} — *{safe(item.source)}*"


def _description(digest: Digest) -> str:
    if digest.nothing_new:
        return ""
    new = count(len(digest.new_documents) + digest.more_new, "new document")
    head = f"**{new} since the last digest**"
    lines = [f"• {safe(d.title)}" if same_name(d.title, d.source)
             else f"• {safe(d.title)} — *{safe(d.source)}*" for d in digest.new_documents]
    if digest.more_new:
        lines.append(f"…and {digest.more_new} more")
    return head + "\n" + fit_lines(lines, min(DESCRIPTION_BUDGET, DESCRIPTION_LIMIT))


def _section_value(section: DigestSection, limit: int) -> str:
    lines = [_item_line(i, section.heading) for i in section.items] or ["—"]
    return fit_lines(lines, limit)


def digest_embeds(digest: Digest) -> list[discord.Embed]:
    """The digest as embeds for one message: at most 10 embeds and 6000 characters."""
    embed = discord.Embed(title=trim(digest.title, TITLE_LIMIT),
                          description=_description(digest) or None, colour=COLOUR,
                          timestamp=digest.generated_at)
    footer = f"new since {digest.since:%Y-%m-%d %H:%M} UTC"
    budget = EMBED_TOTAL_LIMIT - MARGIN - len(footer)
    for section in digest.sections[:FIELD_COUNT_LIMIT]:
        name = trim(section.heading, FIELD_NAME_LIMIT)
        room = min(FIELD_VALUE_LIMIT, budget - len(embed) - len(name))
        if room < 60:
            break
        embed.add_field(name=name, value=_section_value(section, room), inline=False)
    embed.set_footer(text=footer)
    embeds = [embed][:MAX_EMBEDS]
    assert sum(len(e) for e in embeds) <= EMBED_TOTAL_LIMIT
    return embeds


def digest_text(digest: Digest) -> str:
    """Plain text for the terminal (no Discord escaping)."""
    lines = [digest.title, ""]
    if digest.new_documents:
        lines.append(f"New since {digest.since:%Y-%m-%d %H:%M} UTC:")
        lines += [f"  - {d.title} [{d.doc_id}]" if same_name(d.title, d.source)
                  else f"  - {d.title} ({d.source}) [{d.doc_id}]" for d in digest.new_documents]
        if digest.more_new:
            lines.append(f"  ...and {digest.more_new} more")
        lines.append("")
    for section in digest.sections:
        lines.append(section.heading)
        for item in section.items:
            source = "" if same_name(item.text, item.source) else f"{item.source}, "
            ref = f" [{source}{item.doc_id}]" if item.doc_id else ""
            lines.append(f"  - {quote(item)}{ref}")
        lines.append("")
    return "\n".join(lines).rstrip()


def settings_embed(settings: object | None, *, next_run: datetime | None,
                   history: Sequence[object], problem: str | None = None) -> discord.Embed:
    """/digest show: the schedule, the next run, the last posts and the last problem
    (``problem``: one that stops every digest, e.g. a database that cannot be written)."""
    embed = discord.Embed(title="Daily digest", colour=COLOUR)
    if problem:
        embed.add_field(name="Not working", value=trim(problem, FIELD_VALUE_LIMIT), inline=False)
    if settings is None:
        embed.description = "No digest set for this server. Use /digest set."
        return embed
    s: Any = settings
    state = "on" if s.enabled else "off (use /digest set to turn it on)"
    embed.add_field(name="Status", value=state, inline=True)
    embed.add_field(name="Channel", value=f"<#{s.channel_id}>", inline=True)
    embed.add_field(name="Time", value=f"{s.local_time} {s.timezone}", inline=True)
    if next_run is not None and s.enabled:
        embed.add_field(name="Next digest", value=discord.utils.format_dt(next_run, "F"),
                        inline=False)
    lines = []
    for entry in history:
        e: Any = entry
        when = e.posted_at or e.claimed_at
        label = e.local_date or "manual"
        line = f"{label}: {e.status} {discord.utils.format_dt(when, 'R')}"
        if e.error:
            line += f" — {trim(e.error, 200)}"
        lines.append(line)
    if lines:
        embed.add_field(name="Recent digests", value=fit_lines(lines, FIELD_VALUE_LIMIT),
                        inline=False)
    if s.last_error:
        when = f" ({discord.utils.format_dt(s.last_error_at, 'R')})" if s.last_error_at else ""
        embed.add_field(name="Last problem", value=trim(s.last_error + when, FIELD_VALUE_LIMIT),
                        inline=False)
    return embed
