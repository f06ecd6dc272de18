"""Answer wording: counts read as English ("1 document", "2 documents")."""

from __future__ import annotations

from pathlib import Path

from bot.corpus import load_corpus
from bot.engine import Engine
from bot.render.common import count, trim
from bot.render.places import briefing_embed


def test_count_plural() -> None:
    assert count(1, "document") == "1 document"
    assert count(0, "document") == "0 documents"
    assert count(2, "mention") == "2 mentions"


def test_trim_adds_one_ellipsis_at_a_word_boundary() -> None:
    title = "Mission Accomplished? Iraq Is Claiming Victory in Mosul… But Wait."
    cut = trim(title, 60)
    assert cut == "Mission Accomplished? Iraq Is Claiming Victory in Mosul…"
    assert trim("Alpha beta, gammadeltaepsilon", 20) == "Alpha beta…"  # no ",…"
    assert trim("short", 20) == "short"


def test_briefing_footer_on_one_document(seeds_dir: Path) -> None:
    engine = Engine(load_corpus(seeds_dir))
    briefing = engine.places.brief("Tal Afar")
    assert len(briefing.documents) == 1  # the seeds name Tal Afar in one article
    footer = briefing_embed(briefing).footer.text or ""
    assert "in 1 document" in footer and "1 documents" not in footer
