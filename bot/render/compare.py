"""Comparison -> Discord pages (phone-legible embeds) and plain text for the terminal.

Discord order: a coverage table (one line per source), then consensus points with
their sources, unique points, and conflicts with each claim attributed side by side.
Every piece of corpus text goes through ``safe()``; pages are cut at item boundaries
by ``paged_embeds`` so a point never splits across pages.
"""

from __future__ import annotations

import logging
import textwrap

import discord

from bot.engine.compare.model import (
    Claim,
    Comparison,
    Conflict,
    ConsensusPoint,
    PointClaim,
    UniquePoint,
)
from bot.render.common import count, notes, paged_embeds, safe, story_line, story_text, trim

log = logging.getLogger(__name__)

WIDTH = 100
POINT_CHARS = 320  # a consensus/unique sentence shown on a phone
CLAIM_CHARS = 220  # a conflict's sentence: shorter, since several stand side by side
# what a credit's sentence leans on, shown before it: up to two sentences of its article
# (comparer.BEFORE_RUN), so twice a claim's room, lest the cut fall between them
BEFORE_CHARS = 2 * CLAIM_CHARS
SOURCE_CHARS = 48  # a source label in lists (the full label is in the coverage table)
KIND_LABELS = {
    "contradiction": "⚠️ contradiction",
    "different measures": "≠ different measures (not a contradiction)",
    "different time": "🕒 different times",
}


def compare_title(result: Comparison) -> str:
    if result.scope == "topic":
        return f"Comparison on “{result.query}”"
    if result.scope == "place":
        return f"Comparison on {result.query}"
    if result.scope == "documents":
        return f"Comparison of {count(len(result.sources), 'source')}"
    return "Comparison of the corpus"


def _source(label: str) -> str:
    return safe(trim(label, SOURCE_CHARS))


def _section(header: str, items: list[str], empty: str) -> list[str]:
    """A header glued to its first item, so no page ends with an orphan header."""
    if not items:
        return [f"{header}\n*{empty}*"]
    return [f"{header}\n{items[0]}", *items[1:]]


def coverage_lines(result: Comparison) -> list[str]:
    out = []
    for s in result.sources:
        unit = "sentence" if s.sentences == 1 else "sentences"
        docs = f" · {len(s.doc_ids)} docs" if len(s.doc_ids) > 1 else ""
        angle = f"\n  ↳ {safe(s.angle)}" if s.angle else ""
        out.append(f"**{safe(trim(s.source, 80))}** · {s.sentences} {unit}{docs}{angle}")
    return out


def _conflict_block(c: Conflict) -> str:
    kind = KIND_LABELS.get(c.kind, c.kind)
    lines = [f"**{safe(c.subject)}** — {kind}"]
    for claim in c.claims:
        lines.append(f"▸ *{_source(claim.source)}*: **{safe(claim.value)}**\n"
                     f"  “{safe(trim(claim.text, CLAIM_CHARS))}”{_anchor(claim, discord=True)}")
    if c.kind == "different measures" and c.note:
        lines.append(f"  ↳ {safe(trim(c.note, CLAIM_CHARS))}")
    return "\n".join(lines)


def _split_conflicts(result: Comparison) -> tuple[list[Conflict], list[Conflict]]:
    """The conflicts proper, and the figures that differ because they measure different
    things (another place, period or group): shown apart, under their own heading, so the
    Conflicts section holds only claims that cannot both be true."""
    apart = [c for c in result.conflicts if c.kind == "different measures"]
    return [c for c in result.conflicts if c.kind != "different measures"], apart


def _point_block(p: ConsensusPoint) -> str:
    """The point, then each credited source with its own sentence (the evidence)."""
    head = f"• {safe(trim(p.text, POINT_CHARS))}{_anchor(p, discord=True)}"
    if not p.claims:
        return head + "\n  ↳ " + " · ".join(f"*{_source(s)}*" for s in p.sources)
    lines = [head]
    for c in p.claims:
        before = f"{safe(trim(c.before, BEFORE_CHARS))} " if c.before else ""
        own = "(the sentence above)" if c.text == p.text else \
            f"“{before}{safe(trim(c.text, CLAIM_CHARS))}”{_anchor(c, discord=True)}"
        lines.append(f"  ▸ *{_source(c.source)}*: {own}"
                     + story_line(trim(c.story, POINT_CHARS), c.story_anchor, "      ",
                                  c.story_before))
    return "\n".join(lines)


def _no_consensus(result: Comparison) -> str:
    """Why the consensus is empty: nothing two sources share, nothing sure enough, or only
    text copied from one source to another."""
    if result.left_out:
        return "no claim is credited to two sources surely enough"
    if result.copied:
        return "sources share only text copied word for word, not claims in their own words"
    return "no point is stated by two sources"


def _left_out(result: Comparison) -> str:
    """The points not shown: weaker candidates, and texts copied from source to source
    (one voice, not agreement)."""
    out = f"; {count(result.left_out, 'weaker candidate')} left out" if result.left_out else ""
    if result.copied:
        out += f"; {count(result.copied, 'text')} copied word for word not counted"
    return out


def compare_lines(result: Comparison) -> list[str]:
    """The whole comparison as page items, in reading order."""
    lines = _section(f"__Coverage__ ({count(len(result.sources), 'source')})",
                     coverage_lines(result), "no source")
    consensus = [_point_block(p) for p in result.consensus]
    lines += _section(f"\n__Consensus__ ({len(result.consensus)}): points two or more "
                      f"sources state, each in its own words{_left_out(result)}", consensus,
                      _no_consensus(result))
    unique = [f"• {safe(trim(u.text, POINT_CHARS))}{_anchor(u, discord=True)} — "
              f"*{_source(u.source)}*"
              + story_line(trim(u.story, POINT_CHARS), u.story_anchor, before=u.story_before)
              for u in result.unique]
    lines += _section(f"\n__Unique points__ ({len(result.unique)})", unique,
                      "none stands out")
    proper, apart = _split_conflicts(result)
    lines += _section(f"\n__Conflicts__ ({len(proper)}): figures that cannot both be true",
                      [_conflict_block(c) for c in proper], "no conflicting figures found")
    if apart:
        lines += _section(f"\n__Figures on different things__ ({len(apart)}): they differ, "
                          "but measure another place, period or group",
                          [_conflict_block(c) for c in apart], "")
    if result.agreements:
        agree = [f"= {safe(a.subject)}: " + " · ".join(
            dict.fromkeys(f"{safe(c.value)} (*{_source(c.source)}*)" for c in a.claims))
            for a in result.agreements]
        lines += _section("\n__Figures that agree__ (phrased differently)", agree, "")
    return lines


def _anchor(point: UniquePoint | ConsensusPoint | PointClaim | Claim, *,
            discord: bool = False) -> str:
    """" (undated article)" / " (article of 10 July 2017)" after a "today", "this week",
    "on Monday" or the like: the day it counts from, or that the article gives none; and
    " [Mr Wood: Ben Wood, an analyst at Gartner]" for who its "Mr Wood" is."""
    return notes(point.anchor, safe(point.who) if discord else point.who)


def compare_embeds(result: Comparison) -> list[discord.Embed]:
    conflicts = count(len(_split_conflicts(result)[0]), "conflict")
    footer = (f"{count(len(result.sources), 'source')} · {len(result.consensus)} consensus · "
              f"{len(result.unique)} unique · {conflicts}")
    return paged_embeds(compare_title(result), compare_lines(result), footer=footer)


def _wrap(text: str, indent: str = "   ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent,
                         subsequent_indent=" " * len(indent))


def compare_text(result: Comparison) -> str:
    """Coverage table first, then consensus, unique points, conflicts and agreements."""
    lines = [f"Comparison ({result.scope}{': ' + result.query if result.query else ''})", "",
             "Coverage"]
    width = min(40, max(len(s.source) for s in result.sources))
    for s in result.sources:
        lines.append(f"  {s.source[:width]:<{width}}  {s.sentences:>3} sent.  {s.angle}")
    lines += ["", f"Consensus ({len(result.consensus)}{_left_out(result)})"]
    if not result.consensus:
        lines.append(f"  ({_no_consensus(result)})")
    for p in result.consensus:
        lines.append(_wrap(p.text + _anchor(p), "  - "))
        if not p.claims:
            lines.append(_wrap("sources: " + "; ".join(p.sources), "      "))
        for c in p.claims:
            before = f"{c.before} " if c.before else ""
            own = "(the sentence above)" if c.text == p.text else \
                before + c.text + _anchor(c)
            lines.append(_wrap(f"[{c.source}] {own}", "      "))
            if c.story:
                lines.append(_wrap(story_text(c.story, c.story_anchor, c.story_before),
                                   "          "))
    lines += ["", f"Unique points ({len(result.unique)})"]
    for u in result.unique:
        lines.append(_wrap(f"[{u.source}] {u.text}{_anchor(u)}", "  - "))
        if u.story:
            lines.append(_wrap(story_text(u.story, u.story_anchor, u.story_before), "      "))
    proper, apart = _split_conflicts(result)
    lines += ["", f"Conflicts ({len(proper)})"]
    if not proper:
        lines.append("  (no conflicting figures found)")
    for heading, group in ((None, proper),
                           (f"Figures on different things ({len(apart)}): they differ, but "
                            "measure another place, period or group", apart)):
        if heading and group:
            lines += ["", heading]
        for c in group:
            lines.append(f"  * {c.subject} — {c.kind}")
            for claim in c.claims:
                lines.append(_wrap(f"{claim.value!r} ({claim.source}): {claim.text}"
                                   f"{_anchor(claim)}", "      "))
            lines.append(_wrap(c.note, "      note: "))
    if result.agreements:
        lines += ["", f"Figures that agree ({len(result.agreements)})"]
        for a in result.agreements:
            lines.append(_wrap(f"{a.subject}: {a.note}", "  = "))
    return "\n".join(lines)
