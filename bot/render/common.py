"""Discord rendering shared by every command: limits, safe text, pages and the pager view.

Every cut happens at a sentence (line) boundary and the page that continues says so.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import discord

log = logging.getLogger(__name__)

# Discord's documented embed limits.
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000
CHOICES_LIMIT = 25
CHOICE_NAME_LIMIT = 100

# A page's description stays well under the hard limit so a phone shows it without
# an endless scroll; the hard limit is still enforced by trim().
PAGE_CHARS = 1800
CONTINUED = "*(continued on the next page)*"
COLOUR = discord.Colour.from_rgb(46, 110, 158)

_MASKED_LINK = re.compile(r"[\[\]()<>]")


#: the label of an article's first sentence shown under a line quoted from deep in it
STORY_LABEL = "The article opens:"
#: ... and of the sentence before a line that leans on its story, shown in its place
BEFORE_LABEL = "Just before it, the article says:"


def story_line(opening: str, anchor: str = "", indent: str = "  ", before: bool = False
               ) -> str:
    """Discord's line under a quoted line for its article's ``opening``
    ("\n  ↳ *The article opens:* ..." with its ``anchor``: " (undated article)"; ``indent``
    before the arrow), or for the sentence ``before`` it ("↳ *Just before it, the article
    says:* ..."), or "" when there is none."""
    label = BEFORE_LABEL if before else STORY_LABEL
    return f"\n{indent}↳ *{label}* {safe(opening)}{notes(anchor, '')}" if opening else ""


def story_text(opening: str, anchor: str = "", before: bool = False) -> str:
    """The terminal's form of :func:`story_line`: "The article opens: ... (undated
    article)", "Just before it, the article says: ...", or "" when there is none."""
    label = BEFORE_LABEL if before else STORY_LABEL
    return f"{label} {opening}{notes(anchor, '')}" if opening else ""


def count(n: int, noun: str) -> str:
    """ "1 document", "2 documents": every noun used in the answers takes a plain -s."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _name_key(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip("…. ")


def same_name(a: str, b: str) -> bool:
    """Whether two labels name the same thing: equal up to case and spacing, or one is
    the other cut short with an ellipsis ("The Mosul Offensive" and "The Mosul Off…")."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, full = (a, kb) if len(ka) < len(kb) else (b, ka)
    return short.rstrip().endswith("…") and full.startswith(_name_key(short))


def attributed(text: str, source: str, *, sep: str = " — ") -> str:
    """``text — source``, unless the source only repeats the text (an untitled outlet
    labelled by its title): a title is never shown twice."""
    if not source or same_name(text, source):
        return text
    return f"{text}{sep}{source}"


def notes(anchor: str, who: str) -> str:
    """What an answer shows after a quoted sentence: " (undated article)" or " (article of
    10 July 2017)" for its relative time, and " [Mr Wood: Ben Wood, an analyst at
    Gartner]" for who its titled surname or office is, in its article's words (square
    brackets: the bot's note, not the article's text)."""
    return (f" ({anchor})" if anchor else "") + (f" [{who}]" if who else "")


def quote(item: Any) -> str:
    """A quoted sentence as an answer shows it: its text and its :func:`notes` (``item``
    has ``text``, ``anchor`` and ``who``: a summary's sentence, a digest's item)."""
    return item.text + notes(item.anchor, item.who)


def safe(text: str) -> str:
    """Corpus text made inert: no markdown, no masked links, no visible mention syntax.

    AllowedMentions.none() already stops pings; this also stops ``@everyone`` from
    *looking* like a ping and ``[click](http://...)`` from becoming a link.
    """
    text = discord.utils.escape_markdown(text, as_needed=False)
    text = _MASKED_LINK.sub(lambda m: "\\" + m.group(0), text)
    return discord.utils.escape_mentions(text)


def trim(text: str, limit: int) -> str:
    """Cut at the last sentence or word boundary that fits, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    for sep in (". ", "\n", " "):
        idx = cut.rfind(sep)
        if idx > limit // 2:
            cut = cut[: idx + (1 if sep == ". " else 0)]
            break
    # "Victory in Mosul… But Wait." cut after "Mosul…" must not end in "……"
    return cut.rstrip().rstrip("…").rstrip(" ,;:-—–") + "…"


def fit_lines(lines: list[str], limit: int) -> str:
    """Whole lines up to ``limit`` characters, then "…and N more"."""
    out: list[str] = []
    size = 0
    for i, line in enumerate(lines):
        line = trim(line, limit - 20)
        rest = len(lines) - i - 1
        note = f"\n…and {rest} more" if rest else ""
        if size + len(line) + 1 + len(note) > limit:
            out.append(f"…and {len(lines) - i} more")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def chunk_lines(lines: Sequence[str], limit: int = PAGE_CHARS) -> list[list[str]]:
    """Group whole lines (each one sentence item) into pages of at most ``limit`` chars."""
    pages: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = trim(line, limit - len(CONTINUED) - 2)
        if pages[-1] and size + len(line) + 1 > limit - len(CONTINUED) - 2:
            pages.append([])
            size = 0
        pages[-1].append(line)
        size += len(line) + 1
    return [p for p in pages if p] or [[]]


@dataclass
class PageSpec:
    """A renderer-neutral page: what a terminal prints and what an embed shows."""

    title: str
    description: str = ""
    fields: list[tuple[str, str, bool]] | None = None
    footer: str = ""
    url: str | None = None


def make_embed(spec: PageSpec) -> discord.Embed:
    embed = discord.Embed(
        title=trim(spec.title, TITLE_LIMIT),
        description=trim(spec.description, DESCRIPTION_LIMIT) or None,
        colour=COLOUR,
        url=spec.url or None,
    )
    for name, value, inline in (spec.fields or [])[:FIELD_COUNT_LIMIT]:
        if len(embed) + len(name) + len(value) > EMBED_TOTAL_LIMIT - FOOTER_LIMIT // 8:
            break
        embed.add_field(name=trim(name, FIELD_NAME_LIMIT) or "\u200b",
                        value=trim(value, FIELD_VALUE_LIMIT) or "\u200b", inline=inline)
    if spec.footer:
        embed.set_footer(text=trim(spec.footer, FOOTER_LIMIT))
    return embed


def paged_embeds(title: str, lines: Sequence[str], *, footer: str = "",
                 fields: list[tuple[str, str, bool]] | None = None) -> list[discord.Embed]:
    """Lines split into pages; every page but the last ends with a "continued" marker;
    ``fields`` go on the first page; the footer gets "page i/n"."""
    chunks = chunk_lines(lines)
    embeds = []
    for i, chunk in enumerate(chunks):
        description = "\n".join(chunk)
        if i < len(chunks) - 1:
            description += "\n" + CONTINUED
        page_footer = footer
        if len(chunks) > 1:
            page_footer = f"{footer} · page {i + 1}/{len(chunks)}" if footer else \
                f"page {i + 1}/{len(chunks)}"
        embeds.append(make_embed(PageSpec(title, description, fields if i == 0 else None,
                                          page_footer)))
    return embeds


class Paginator(discord.ui.View):
    """Previous/next buttons that only the invoker can use; disabled cleanly on timeout."""

    def __init__(self, pages: Sequence[discord.Embed], owner_id: int, *,
                 timeout: float = 300.0, files: Sequence[discord.File] = ()) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | discord.WebhookMessage | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1
        self.counter.label = f"{self.index + 1}/{len(self.pages)}"

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                "Only the person who ran the command can turn these pages; "
                "run the command yourself to get your own copy.", ephemeral=True)
            return False
        return True

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.index = max(0, self.index - 1)
        await self._show(interaction)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def counter(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await interaction.response.defer()

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        await self._show(interaction)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as exc:  # message deleted or token expired
                log.debug("could not disable pager buttons: %s", exc)


async def send_pages(interaction: discord.Interaction, pages: Sequence[discord.Embed], *,
                     ephemeral: bool = False, files: Sequence[discord.File] = (),
                     replace: bool = False) -> None:
    """Send the first page (with a pager when there are more) as the answer or followup;
    with ``replace``, as an edit of the original response (a "still loading" notice)."""
    kwargs: dict[str, object] = {"embed": pages[0], "ephemeral": ephemeral}
    if files:
        kwargs["files"] = list(files)
    view = Paginator(pages, interaction.user.id) if len(pages) > 1 else None
    if view is not None:
        kwargs["view"] = view
    if replace:
        del kwargs["ephemeral"]  # the original keeps the visibility it was deferred with
        if "files" in kwargs:
            kwargs["attachments"] = kwargs.pop("files")
        message = await interaction.edit_original_response(
            content=None, **kwargs)  # type: ignore[arg-type]
    elif interaction.response.is_done():
        message = await interaction.followup.send(wait=True, **kwargs)  # type: ignore[arg-type]
    else:
        await interaction.response.send_message(**kwargs)  # type: ignore[arg-type]
        message = await interaction.original_response()
    if view is not None:
        view.message = message
