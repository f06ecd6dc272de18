"""Source identity: which outlet a document speaks for.

Comparisons are between *sources*, not files: two articles from one outlet are one
voice, so they are grouped. A document whose outlet is unknown cannot be assumed
to share a voice with any other, so each one is its own source, labelled by its
title (or its id when it has none) and never merged with another unknown.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from bot.corpus.model import Corpus, Document

log = logging.getLogger(__name__)

UNKNOWN_OUTLETS = frozenset({"", "unknown", "none", "n/a"})
MAX_LABEL = 60


@dataclass(frozen=True, slots=True)
class Source:
    """One voice in a comparison.

    ``key`` is stable and unique ("outlet:<name>" or "doc:<doc_id>"); ``label`` is
    what readers see; ``known`` says whether the outlet came from the manifest or
    front matter (False: a document of unknown outlet, labelled by its title).
    """

    key: str
    label: str
    doc_ids: tuple[str, ...]
    known: bool

    def to_dict(self) -> dict[str, object]:
        return {"source": self.label, "key": self.key, "doc_ids": list(self.doc_ids),
                "known_outlet": self.known}


def outlet_of(doc: Document) -> str | None:
    """The document's outlet, or None when the manifest/front matter does not name one."""
    name = " ".join((doc.source or "").split())
    return None if name.casefold() in UNKNOWN_OUTLETS else name


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def document_label(doc: Document) -> str:
    """Who says what a document says: its outlet, else its (shortened) title."""
    return outlet_of(doc) or _short(doc.display_name)


class SourceIndex:
    """doc_id -> :class:`Source` for a whole corpus, built once."""

    def __init__(self, corpus: Corpus) -> None:
        by_outlet: dict[str, list[str]] = {}
        outlet_names: dict[str, str] = {}
        unknown: list[Document] = []
        for doc in corpus.documents.values():
            outlet = outlet_of(doc)
            if outlet is None:
                unknown.append(doc)
                continue
            folded = outlet.casefold()
            by_outlet.setdefault(folded, []).append(doc.doc_id)
            outlet_names.setdefault(folded, outlet)
        sources: list[Source] = [
            Source(f"outlet:{folded}", outlet_names[folded], tuple(ids), True)
            for folded, ids in by_outlet.items()
        ]
        taken = {s.label.casefold() for s in sources}
        for doc in unknown:
            label = _short(doc.display_name)
            if label.casefold() in taken:  # two untitled/same-titled unknowns stay apart
                label = f"{label} ({doc.doc_id})"
            taken.add(label.casefold())
            sources.append(Source(f"doc:{doc.doc_id}", label, (doc.doc_id,), False))
        self.sources: list[Source] = sources
        self._by_doc: dict[str, Source] = {d: s for s in sources for d in s.doc_ids}
        log.debug("%d sources for %d documents", len(sources), len(corpus.documents))

    def of(self, doc_id: str) -> Source:
        return self._by_doc[doc_id]

    def label(self, doc_id: str) -> str:
        return self._by_doc[doc_id].label

    def group(self, doc_ids: Iterable[str]) -> list[Source]:
        """The sources of ``doc_ids``, each restricted to those documents, in first-seen order."""
        grouped: dict[str, list[str]] = {}
        for doc_id in doc_ids:
            grouped.setdefault(self._by_doc[doc_id].key, []).append(doc_id)
        out = []
        for key, ids in grouped.items():
            src = self._by_doc[ids[0]]
            out.append(Source(key, src.label, tuple(ids), src.known))
        return out
