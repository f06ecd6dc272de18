"""Place briefings and the place list -> embeds (Discord) and text (terminal)."""

from __future__ import annotations

from collections import Counter

import discord

from bot.engine.places.briefing import (
    Briefing,
    MentionListing,
    PlacesListing,
    RelatedPlace,
    mention_count,
)
from bot.render.common import (
    FIELD_VALUE_LIMIT,
    PageSpec,
    count,
    fit_lines,
    make_embed,
    paged_embeds,
    safe,
    trim,
)
from bot.render.summary import sentence_lines, sentence_text_lines

MAP_FILENAME = "map.png"
PLACES_PER_PAGE = 20


def _figure_label(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


NO_QUOTABLE = ("No sentence about {place} reads on its own out of its article; "
               "the sources below mention it.")


def briefing_title(b: Briefing) -> str:
    where = f", {b.place.country}" if b.place.country and b.place.country != b.place.name else ""
    return f"Briefing: {b.place.name}{where}"


MAP_PENDING = "map: drawing…"


def briefing_embed(b: Briefing, *, with_map: bool = True,
                   map_pending: bool = False) -> discord.Embed:
    """One embed: summary as description, figures/sources/related as fields, map as image.

    ``map_pending``: the map is still being drawn and will be added by an edit; the
    footer says so, so the reader knows one is coming.
    """
    lines = sentence_lines(b.sentences) or [NO_QUOTABLE.format(place=safe(b.place.name))]
    if b.note:
        lines.insert(0, f"*{safe(b.note)}*")
    fields: list[tuple[str, str, bool]] = []
    if b.figures:
        fields.append(("Key figures", fit_lines(  # whole lines: no figure cut in two
            [f"• {safe(f.label)}" for f in b.figures], FIELD_VALUE_LIMIT), False))
    docs = []
    repeated = _repeated_titles(b, 70)
    for d in b.documents:
        title = safe(trim(d.title, 70)) if d.title else f"`{safe(d.doc_id)}`"
        if d.title and trim(d.title, 70) in repeated:
            title += f" `{safe(d.doc_id)}`"
        outlet = f"**{safe(d.source)}**: " if d.source not in ("", "unknown") else ""
        docs.append(f"{outlet}{title} ({d.mentions})")
    fields.append((f"Sources ({len(b.documents)})", "\n".join(docs), False))
    if b.related:
        rel = [f"{safe(_related_name(b, r))} ({r.relation}, {r.count})" for r in b.related]
        fields.append(("Related places", ", ".join(rel), False))
    kind = b.place.kind + (f" in {safe(_parent_name(b))}" if b.place.parent else "")
    embed = make_embed(PageSpec(
        briefing_title(b), "\n".join(lines), fields,
        f"{kind} · {_mentions(b)} in {count(len(b.documents), 'document')}"
        + (f" · {MAP_PENDING}" if map_pending else "")))
    if with_map:
        embed.set_image(url=f"attachment://{MAP_FILENAME}")
    return embed


def _related_name(b: Briefing, r: RelatedPlace) -> str:
    """A related place's name, with its kind when it is the place's own ("Beijing region",
    the province of Beijing city: "Beijing (parent)" in Beijing's brief read as itself) or
    another related place's ("Washington city", "Washington region": the Ohio brief of DUC
    dev listed "Washington" twice)."""
    shared = r.name == b.place.name or sum(o.name == r.name for o in b.related) > 1
    return f"{r.name} {r.kind}" if shared and r.kind else r.name


def _parent_name(b: Briefing) -> str:
    """The place's parent as :func:`_related_name` shows it ("city; parent: Beijing
    region")."""
    parent = next((r for r in b.related if r.relation == "parent"
                   and r.name == b.place.parent), None)
    return _related_name(b, parent) if parent is not None else b.place.parent


def _repeated_titles(b: Briefing, width: int = 0) -> set[str]:
    """Titles two of the brief's documents share (two versions of one wire story, both
    untitled and opening alike), as shown (cut to ``width`` when given): each such line
    also gives its document's id, so the list shows two documents, not one twice."""
    seen = Counter(trim(d.title, width) if width else d.title
                   for d in b.documents if d.title)
    return {title for title, n in seen.items() if n > 1}


def _mentions(b: Briefing) -> str:
    return mention_count(b.direct or b.mentions, b.mentions)


def briefing_text(b: Briefing) -> str:
    out = [briefing_title(b), *([b.note] if b.note else []),
           f"{b.place.kind}; parent: {_parent_name(b) or '-'}; {b.place.lat}, {b.place.lon}",
           f"{_mentions(b)} in {count(len(b.documents), 'document')}", "",
           "Summary:"]
    out += sentence_text_lines(b.sentences) or [NO_QUOTABLE.format(place=b.place.name)]
    if b.figures:
        out += ["", "Key figures:"]
        out += [f"- {f.label}  (= {_figure_label(f.value)}; {f.doc_id})"
                for f in b.figures]
    out += ["", "Sources:"]
    repeated = _repeated_titles(b)
    out += [f"- {d.title or d.doc_id}" + (f" [{d.doc_id}]" if d.title in repeated else "")
            + f" ({d.source}; {count(d.mentions, 'mention')})" for d in b.documents]
    if b.related:
        out += ["", "Related: " + ", ".join(f"{_related_name(b, r)} ({r.relation}, {r.count})"
                                            for r in b.related)]
    return "\n".join(out)


def places_lines(listing: PlacesListing) -> list[str]:
    return [f"**{safe(p.name)}** — {mention_count(p.mentions, p.with_contained)}, "
            f"{count(p.documents, 'document')}" for p in listing.places]


def places_embeds(listing: PlacesListing) -> list[discord.Embed]:
    lines = places_lines(listing) or ["No places found in the corpus."]
    pages = [lines[i:i + PLACES_PER_PAGE] for i in range(0, len(lines), PLACES_PER_PAGE)]
    footer = count(len(listing.places), "place")
    if len(pages) == 1:
        return paged_embeds("Places in the corpus", lines, footer=footer)
    return [make_embed(PageSpec("Places in the corpus", "\n".join(page), None,
                                f"{footer} · page {i + 1}/{len(pages)}"))
            for i, page in enumerate(pages)]


def places_text(listing: PlacesListing) -> str:
    rows = [f"{p.mentions:6d} {max(p.with_contained, p.mentions):9d} {p.documents:5d}  {p.name}"
            for p in listing.places]
    return "\n".join(["mentions  +inside  docs  place", *rows])


def mentions_text(listing: MentionListing) -> str:
    rows = [f"{m.doc_id}\t{m.start}-{m.end}\t{m.text}\t{m.name}"
            + (f", {m.admin1}" if m.admin1 and m.admin1 != m.name else "")
            + (f", {m.country}" if m.country and m.country != m.name else "")
            for m in listing.mentions]
    return "\n".join(["doc\tspan\ttext\tplace", *rows])
