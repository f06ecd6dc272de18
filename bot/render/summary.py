"""Summary results -> embeds (Discord) and text (terminal)."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.engine.items import SentenceItem
from bot.engine.standalone import follows, needs_before
from bot.engine.summary import SummaryResult
from bot.render.common import count, paged_embeds, quote, safe, story_line, story_text, trim


def source_label(item: SentenceItem) -> str:
    """Outlet when known, else the document's title, else its id: every sentence attributed."""
    if item.source and item.source != "unknown":
        return item.source
    if not item.title:
        return item.doc_id
    label = trim(item.title.rstrip("…. "), 60)  # one ellipsis, not two
    # a name cut short says so ("(untitled) Latin American leaders flew Friday to…")
    return label + "…" if item.title.endswith("…") and not label.endswith("…") else label


def sentence_runs(items: Sequence[SentenceItem]) -> list[list[SentenceItem]]:
    """Items grouped so that a sentence shown for its antecedent ("And Tal Afar is where
    ...", "Reading this quote ...", '"...," he said.') shares one line with it: it reads
    as its article wrote it."""
    runs: list[list[SentenceItem]] = []
    for item in items:
        if runs and follows(item, runs[-1][-1]) and needs_before(item.text):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _story_line(run: Sequence[SentenceItem]) -> str:
    opening, anchor, before = story(run)
    return story_line(opening, anchor, before=before)


def story(run: Sequence[SentenceItem]) -> tuple[str, str, bool]:
    """The article's sentence shown under a line (``SentenceItem.story``), its anchor
    (``story_anchor``) and whether it is the sentence before the line (``story_before``)
    rather than the article's first, or ("", "", False)."""
    return next(((i.story, i.story_anchor, i.story_before) for i in run if i.story),
                ("", "", False))


def sentence_lines(items: Sequence[SentenceItem]) -> list[str]:
    """"• text — *source*", one line per sentence (or per sentence with its antecedent),
    with its article's opening under it when the line comes from deep in it (:func:`story`)."""
    out = []
    for run in sentence_runs(items):
        out.append(f"• {' '.join(safe(quote(i)) for i in run)} — *{safe(source_label(run[0]))}*"
                   + _story_line(run))
    return out


def sentence_text_lines(items: Sequence[SentenceItem]) -> list[str]:
    """The terminal's form: the sentence, then where it comes from (document#position), and
    its article's opening when the answer gives it."""
    out = []
    for run in sentence_runs(items):
        where = f"{run[0].doc_id}#{run[0].position}" + (
            f"-{run[-1].position}" if len(run) > 1 else "")
        opening, anchor, before = story(run)
        out.append(f"- {' '.join(quote(i) for i in run)}\n    [{source_label(run[0])}, {where}]"
                   + (f"\n    {story_text(opening, anchor, before)}" if opening else ""))
    return out


def summary_title(result: SummaryResult) -> str:
    if result.scope == "document":
        title = result.sentences[0].title if result.sentences else result.document or ""
        return f"Summary: {title or result.document}"
    if result.scope == "topic":
        return f"Summary on “{result.topic}”"
    return "Summary of the corpus"


def summary_lines(result: SummaryResult) -> list[str]:
    return sentence_lines(result.sentences)


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
    return "\n".join([summary_title(result), "", *sentence_text_lines(result.sentences)])
