"""The document model every other layer reads: files -> corpus -> engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Sentence:
    """One cleaned sentence of one document.

    ``position`` is the sentence's index in its document (the JSON contract's
    ``position``); ``paragraph`` the index of the paragraph it came from;
    ``section`` the heading it sits under, if any (headings are never sentences).
    """

    text: str
    doc_id: str
    position: int
    paragraph: int = 0
    section: str = ""


@dataclass(frozen=True, slots=True)
class Republication:
    """The same story published by another outlet (a wire story republished): one
    document, several sources. Recorded in ``sources.toml`` as the document's ``also``."""

    source: str
    url: str = ""
    published: str = ""
    title: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "url": self.url, "published": self.published,
                "title": self.title}


#: how many of its first words name an untitled document
UNTITLED_WORDS = 6


@dataclass(slots=True)
class Document:
    """A cleaned article. ``source`` is the outlet name or "unknown"."""

    doc_id: str
    title: str
    sentences: list[Sentence]
    source: str = "unknown"
    author: str = ""
    url: str = ""
    published: str = ""
    headings: list[str] = field(default_factory=list)
    path: Path | None = None
    content_hash: str = ""
    #: other outlets that published this story (near-identical text)
    republished: tuple[Republication, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def display_name(self) -> str:
        """What every answer calls the document: its title, else "(untitled) " and its
        first words, else its id (one name in /sources, summaries, digests and lists)."""
        if self.title.strip():
            return " ".join(self.title.split())
        if self.sentences:
            words = self.sentences[0].text.split()
            head = " ".join(words[:UNTITLED_WORDS])
            return f"(untitled) {head}…" if len(words) > UNTITLED_WORDS else f"(untitled) {head}"
        return self.doc_id

    def to_dict(self) -> dict[str, object]:
        """The ``briefbot sources --json`` item."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "url": self.url,
            "published": self.published,
            "sentences": len(self.sentences),
            "republished": [r.to_dict() for r in self.republished],
        }


class SkipFile(Exception):
    """One file cannot be used; the message is the reason shown to the operator."""


@dataclass(frozen=True, slots=True)
class SkippedFile:
    path: str
    reason: str


@dataclass(slots=True)
class Corpus:
    """An immutable-by-convention set of documents; rebuilt, never mutated, on reload."""

    root: Path
    documents: dict[str, Document]
    skipped: list[SkippedFile] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for d in self.documents.values() for s in d.sentences]

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def find_document(self, query: str) -> Document | None:
        """Resolve a document by id, then by exact (case-folded) title."""
        if query in self.documents:
            return self.documents[query]
        q = query.casefold().strip()
        for doc in self.documents.values():
            if doc.title.casefold() == q or doc.doc_id.casefold() == q:
                return doc
        return None

    def report(self) -> str:
        n_sent = sum(len(d.sentences) for d in self.documents.values())
        return (
            f"corpus {self.root}: {len(self.documents)} documents, "
            f"{n_sent} sentences, {len(self.skipped)} skipped"
        )
