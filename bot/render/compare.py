"""Comparison -> plain text for the terminal (Discord pages are added beside it)."""

from __future__ import annotations

import logging
import textwrap

from bot.engine.compare.model import Comparison

log = logging.getLogger(__name__)

WIDTH = 100


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
    lines += ["", f"Consensus ({len(result.consensus)})"]
    for p in result.consensus:
        lines.append(_wrap(p.text, "  - "))
        lines.append(_wrap("sources: " + "; ".join(p.sources), "      "))
    lines += ["", f"Unique points ({len(result.unique)})"]
    for u in result.unique:
        lines.append(_wrap(f"[{u.source}] {u.text}", "  - "))
    lines += ["", f"Conflicts ({len(result.conflicts)})"]
    for c in result.conflicts:
        lines.append(f"  * {c.subject} — {c.kind}")
        for claim in c.claims:
            lines.append(_wrap(f"{claim.value!r} ({claim.source}): {claim.text}", "      "))
        lines.append(_wrap(c.note, "      note: "))
    if result.agreements:
        lines += ["", f"Figures that agree ({len(result.agreements)})"]
        for a in result.agreements:
            lines.append(_wrap(f"{a.subject}: {a.note}", "  = "))
    return "\n".join(lines)
