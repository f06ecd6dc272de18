"""Autocomplete helpers shared by the cogs (cheap: they run on the event loop)."""

from __future__ import annotations

from discord import app_commands
from rapidfuzz import fuzz, process

from bot.corpus.model import Corpus, Document
from bot.engine import Engine
from bot.render.common import CHOICE_NAME_LIMIT, CHOICES_LIMIT, trim


def document_label(doc: Document) -> str:
    """The name a user picks: the title, else the first words of the text."""
    return doc.display_name


def document_choices(corpus: Corpus, current: str) -> list[app_commands.Choice[str]]:
    """Titles matching what the user typed (fuzzy), valued by doc_id (max 25)."""
    docs = list(corpus.documents.values())
    if current.strip():
        labels = {doc.doc_id: f"{document_label(doc)} {doc.doc_id}" for doc in docs}
        matches = process.extract(current, labels, scorer=fuzz.WRatio, limit=CHOICES_LIMIT,
                                  score_cutoff=50)
        docs = [corpus.documents[key] for _, _, key in matches]
    return [
        app_commands.Choice(name=trim(document_label(doc), CHOICE_NAME_LIMIT),
                            value=doc.doc_id[:100])
        for doc in docs[:CHOICES_LIMIT]
    ]


def place_choices(engine: Engine, current: str) -> list[app_commands.Choice[str]]:
    """Places in the corpus matching what the user typed, most mentioned first (max 25).

    Nothing while the place index is still being built: building it here, on the event
    loop, would stall the bot for seconds."""
    if not engine.ready("places"):
        return []
    return [app_commands.Choice(name=trim(n, CHOICE_NAME_LIMIT), value=n[:100])
            for n in engine.places.autocomplete(current, CHOICES_LIMIT)]
