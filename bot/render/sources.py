"""The corpus's documents -> pages and text."""

from __future__ import annotations

import discord

from bot.corpus.model import Corpus, Document
from bot.render.common import count, paged_embeds, safe, trim


def _label(doc: Document) -> str:
    return doc.display_name


def sources_lines(corpus: Corpus) -> list[str]:
    lines = []
    for doc in corpus.documents.values():
        who = doc.source if doc.source != "unknown" else "outlet not stated"
        by = f", by {doc.author}" if doc.author else ""
        lines.append(f"**{safe(trim(_label(doc), 120))}**\n{safe(who)}{safe(by)} · "
                     f"{count(len(doc.sentences), 'sentence')} · {safe(doc.doc_id)}")
    return lines


def sources_embeds(corpus: Corpus) -> list[discord.Embed]:
    skipped = f" · {len(corpus.skipped)} files skipped" if corpus.skipped else ""
    return paged_embeds(f"Sources ({count(len(corpus), 'document')})", sources_lines(corpus),
                        footer=f"{sum(len(d.sentences) for d in corpus.documents.values())} "
                               f"sentences{skipped}")


def sources_text(corpus: Corpus) -> str:
    out = []
    for doc in corpus.documents.values():
        out.append(f"{doc.doc_id}\n  title:  {doc.title or '(none stated)'}\n"
                   f"  source: {doc.source}\n  author: {doc.author or '(none stated)'}\n"
                   f"  sentences: {len(doc.sentences)}")
    for skip in corpus.skipped:
        out.append(f"skipped {skip.path}: {skip.reason}")
    return "\n".join(out)
