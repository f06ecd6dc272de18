"""Source identity: which outlet a document speaks for.

Comparisons are between *sources*, not files: two articles from one outlet are one
voice, so they are grouped. A document whose outlet is unknown cannot be assumed
to share a voice with any other, so each one is its own source, labelled by its
title (or its id when it has none) and never merged with another unknown.

A story that other outlets republished (a wire story: one document, several
outlets, ``Document.republished``) stays one voice, not several that agree: its
source is the outlet of the copy the corpus holds, and the others are named with it
("Northern Wire (also Region Herald)"), so a comparison shows who else carried it
without counting the same text twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from bot.corpus.feeds.dedupe import NearDuplicateIndex
from bot.corpus.model import Corpus, Document

log = logging.getLogger(__name__)

UNKNOWN_OUTLETS = frozenset({"", "unknown", "none", "n/a"})
MAX_LABEL = 60
MAX_ALSO_NAMED = 3  # outlets named in a label; more are counted
# Two documents of no known outlet are versions of one story (an update rewritten around the
# first version's paragraphs, the same newsroom's copy under a new headline) when they share
# at least STORY_SENTENCES sentences word for word and that is STORY_SHARE of the shorter
# one's sentences (each of STORY_MIN_WORDS words or more): independent reporters never
# write three sentences alike, and a third of an article is no stray quotation.
STORY_SENTENCES = 3
STORY_SHARE = 1 / 3
STORY_MIN_WORDS = 6


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
    #: other outlets that republished these documents' stories
    also: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"source": self.label, "key": self.key, "doc_ids": list(self.doc_ids),
                "known_outlet": self.known, "also": list(self.also)}


def outlet_of(doc: Document) -> str | None:
    """The document's outlet, or None when the manifest/front matter does not name one."""
    name = " ".join((doc.source or "").split())
    return None if name.casefold() in UNKNOWN_OUTLETS else name


def republishers(docs: Iterable[Document]) -> tuple[str, ...]:
    """The other outlets that published these documents' stories, first seen first,
    without the documents' own outlets."""
    docs = list(docs)
    own = {(outlet_of(d) or "").casefold() for d in docs}
    seen: dict[str, str] = {}
    for doc in docs:
        for rep in doc.republished:
            name = " ".join(rep.source.split())
            if name.casefold() not in UNKNOWN_OUTLETS and name.casefold() not in own:
                seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def with_also(label: str, also: tuple[str, ...]) -> str:
    if not also:
        return label
    named = ", ".join(also[:MAX_ALSO_NAMED])
    more = f" +{len(also) - MAX_ALSO_NAMED}" if len(also) > MAX_ALSO_NAMED else ""
    return f"{label} (also {named}{more})"


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
        self._docs = corpus.documents
        sources: list[Source] = [
            Source(f"outlet:{folded}", outlet_names[folded], tuple(ids), True)
            for folded, ids in by_outlet.items()
        ]
        taken = {s.label.casefold() for s in sources}
        # byte-identical files of no known outlet are one article loaded twice (a cluster
        # holding the same file under two names): one source, or the article would be
        # credited as agreeing with itself
        copies: dict[str, list[str]] = {}
        for doc in unknown:
            copies.setdefault(doc.content_hash or f"doc:{doc.doc_id}", []).append(doc.doc_id)
        for doc in unknown:
            ids = copies[doc.content_hash or f"doc:{doc.doc_id}"]
            if ids[0] != doc.doc_id:
                continue
            label = _short(doc.display_name)
            if label.casefold() in taken:  # two untitled/same-titled unknowns stay apart
                label = f"{label} ({doc.doc_id})"
            taken.add(label.casefold())
            sources.append(Source(f"doc:{doc.doc_id}", label, tuple(ids), False))
            if len(ids) > 1:
                log.info("%s: the same file as %s, one source", ", ".join(ids[1:]), ids[0])
        #: the name of each source without the outlets that republished it
        self._base = {s.key: s.label for s in sources}
        sources = [self._restricted(s, s.doc_ids) for s in sources]
        self.sources: list[Source] = sources
        self._by_doc: dict[str, Source] = {d: s for s in sources for d in s.doc_ids}
        log.debug("%d sources for %d documents", len(sources), len(corpus.documents))

    def of(self, doc_id: str) -> Source:
        return self._by_doc[doc_id]

    def label(self, doc_id: str) -> str:
        """The document's source, with the outlets that republished this document."""
        return self._restricted(self._by_doc[doc_id], (doc_id,)).label

    def _restricted(self, src: Source, doc_ids: Iterable[str]) -> Source:
        ids = tuple(doc_ids)
        also = republishers(self._docs[d] for d in ids if d in self._docs)
        return Source(src.key, with_also(self._base[src.key], also), ids, src.known, also)

    def group(self, doc_ids: Iterable[str]) -> list[Source]:
        """The sources of ``doc_ids``, each restricted to those documents (and to the
        outlets that republished them), in first-seen order."""
        grouped: dict[str, list[str]] = {}
        for doc_id in doc_ids:
            grouped.setdefault(self._by_doc[doc_id].key, []).append(doc_id)
        return [self._restricted(self._by_doc[ids[0]], ids) for ids in grouped.values()]

    def stories(self, sources: list[Source],
                suspects: set[str] | None = None) -> list[Source]:
        """``sources`` with those of no known outlet that tell one story made one source,
        under the first one's name: a wire story and its update, or one article filed
        twice under two headlines ("Bank holds interest rate at 4.75%" / "UK interest rates
        held at 4.75%" in the BBC set), is one voice, not two that agree. One story is
        the feeds' near-duplicate test (word 5-gram Jaccard >= 0.5 or one holding >= 0.8
        of the other), or :data:`STORY_SENTENCES` sentences word for word that are
        :data:`STORY_SHARE` of the shorter one (an update that rewrote its top and kept
        the rest: "Crude oil prices back above $50" / "Winter freeze keeps oil above
        $50"). Known outlets are left alone (their republished copies are merged when
        they are loaded). Only sources holding a document of ``suspects`` (when given:
        documents sharing a sentence word for word with another) are read, so a
        comparison over hundreds of documents costs the few that may be copies."""
        index = NearDuplicateIndex()
        merged: list[list[Source]] = []
        owner: dict[str, int] = {}
        lines: dict[str, set[str]] = {}  # each indexed source's sentences
        holders: dict[str, list[str]] = {}  # sentence -> the indexed sources holding it
        for src in sources:
            if src.known or (suspects is not None and suspects.isdisjoint(src.doc_ids)):
                merged.append([src])
                continue
            text = " ".join(self._docs[d].text for d in src.doc_ids)
            own = self._sentences(src.doc_ids)
            found = index.find(text)
            key = found.key if found is not None else _sharing(own, lines, holders)
            if key is not None:
                merged[owner[key]].append(src)
                continue
            owner[src.key] = len(merged)
            merged.append([src])
            index.add(src.key, text)
            lines[src.key] = own
            for line in own:
                holders.setdefault(line, []).append(src.key)
        return [m[0] if len(m) == 1 else
                self._restricted(m[0], [d for one in m for d in one.doc_ids]) for m in merged]

    def _sentences(self, doc_ids: Iterable[str]) -> set[str]:
        return {" ".join(s.text.split()) for d in doc_ids for s in self._docs[d].sentences
                if len(s.text.split()) >= STORY_MIN_WORDS}


def _sharing(own: set[str], lines: dict[str, set[str]],
             holders: dict[str, list[str]]) -> str | None:
    """The indexed source sharing the most of ``own`` word for word, if it shares enough
    to be a version of the same story (:data:`STORY_SENTENCES`, :data:`STORY_SHARE`)."""
    shared: dict[str, int] = {}
    for line in own:
        for key in holders.get(line, ()):
            shared[key] = shared.get(key, 0) + 1
    best = max(shared, key=lambda k: (shared[k], k), default=None)
    if best is None:
        return None
    n = shared[best]
    return best if n >= STORY_SENTENCES and n >= STORY_SHARE * min(len(own),
                                                                    len(lines[best])) else None
