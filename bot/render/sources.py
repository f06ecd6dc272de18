"""The corpus's documents -> pages and text."""

from __future__ import annotations

import discord

from bot.corpus.model import Corpus, Document
from bot.render.common import count, paged_embeds, safe, trim


def _label(doc: Document) -> str:
    return doc.display_name


def _republished(doc: Document, limit: int = 600) -> str:
    """The other outlets that published the story, linked, whole links only."""
    parts: list[str] = []
    for rep in doc.republished:
        linked = rep.url.startswith(("http://", "https://")) and not any(
            c in rep.url for c in "()<> ")
        part = f"[{safe(rep.source)}](<{rep.url}>)" if linked else safe(rep.source)
        if sum(len(p) + 2 for p in parts) + len(part) > limit:
            parts.append(f"+{len(doc.republished) - len(parts)} more")
            break
        parts.append(part)
    return ", ".join(parts)


def sources_lines(corpus: Corpus) -> list[str]:
    lines = []
    for doc in corpus.documents.values():
        who = doc.source if doc.source != "unknown" else "outlet not stated"
        by = f", by {doc.author}" if doc.author else ""
        also = f"\nAlso published by {_republished(doc)}" if doc.republished else ""
        lines.append(f"**{safe(trim(_label(doc), 120))}**\n{safe(who)}{safe(by)} · "
                     f"{count(len(doc.sentences), 'sentence')} · {safe(doc.doc_id)}{also}")
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
        out += [f"  also:   {r.source}" + (f" {r.url}" if r.url else "")
                + (f" ({r.published})" if r.published else "") for r in doc.republished]
    for skip in corpus.skipped:
        out.append(f"skipped {skip.path}: {skip.reason}")
    return "\n".join(out)
