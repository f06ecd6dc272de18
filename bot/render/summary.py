"""Summary results -> embeds (Discord) and text (terminal)."""

from __future__ import annotations

import discord

from bot.engine.items import SentenceItem
from bot.engine.summary import SummaryResult
from bot.render.common import count, paged_embeds, safe, trim


def source_label(item: SentenceItem) -> str:
    """Outlet when known, else the document's title, else its id: every sentence attributed."""
    if item.source and item.source != "unknown":
        return item.source
    return trim(item.title.rstrip("…. "), 60) if item.title else item.doc_id


def summary_title(result: SummaryResult) -> str:
    if result.scope == "document":
        title = result.sentences[0].title if result.sentences else result.document or ""
        return f"Summary: {title or result.document}"
    if result.scope == "topic":
        return f"Summary on “{result.topic}”"
    return "Summary of the corpus"


def summary_lines(result: SummaryResult) -> list[str]:
    return [f"• {safe(item.text)} — *{safe(source_label(item))}*" for item in result.sentences]


def sources_field(result: SummaryResult) -> tuple[str, str, bool] | None:
    seen: dict[str, SentenceItem] = {}
    for item in result.sentences:
        seen.setdefault(item.doc_id, item)
    if not seen:
        return None
    lines = []
    for item in seen.values():
        title = safe(trim(item.title, 80)) if item.title else f"`{safe(item.doc_id)}`"
        link = f" ({item.url})" if item.url.startswith(("http://", "https://")) else ""
        outlet = f"**{safe(item.source)}**: " if item.source not in ("", "unknown") else ""
        lines.append(f"{outlet}{title}{link}")
    return ("Sources", "\n".join(lines), False)


def summary_embeds(result: SummaryResult) -> list[discord.Embed]:
    footer = f"{count(len(result.sentences), 'sentence')} · algorithm: {result.algorithm}"
    field = sources_field(result)
    return paged_embeds(summary_title(result), summary_lines(result), footer=footer,
                        fields=[field] if field else None)


def summary_text(result: SummaryResult) -> str:
    lines = [summary_title(result), ""]
    for item in result.sentences:
        lines.append(f"- {item.text}\n    [{source_label(item)}, {item.doc_id}#{item.position}]")
    return "\n".join(lines)
