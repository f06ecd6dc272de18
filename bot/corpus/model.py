"""The document model every other layer reads: files -> corpus -> engine."""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any


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
    def sentence_count(self) -> int:
        """``len(sentences)``, without making a lazy document's sentences."""
        return len(self.sentences)

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
            "sentences": self.sentence_count,
            "republished": [r.to_dict() for r in self.republished],
        }


_SENTENCES = Document.__dict__["sentences"]  # the slot itself
_PATH = Document.__dict__["path"]
_MAKING = threading.Lock()


class LazyDocument(Document):
    """A document whose sentences (and path) are made on first access: the corpus
    snapshot holds 400,000 sentences at 20,000 documents, and making them all before the
    bot connects cost seconds. It reads, compares and copies like a :class:`Document`."""

    __slots__ = ("_count", "_make", "_where")

    def __init__(self, *args: Any, make: Callable[[], list[Sentence]] | None = None,
                 where: tuple[Path, str] | None = None, count: int = 0,
                 **fields: Any) -> None:
        self._make = make
        self._count = count
        self._where = where  # root, relative path
        if make is not None:
            fields.setdefault("sentences", None)
        if where is not None:
            fields.setdefault("path", None)
        super().__init__(*args, **fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in Document.__dataclass_fields__)

    __hash__ = None  # type: ignore[assignment]  # as Document's

    @property  # type: ignore[override]
    def sentences(self) -> list[Sentence]:
        value = _SENTENCES.__get__(self)
        if value is None and self._make is not None:
            with _MAKING:  # one list per document, even when two threads ask at once
                value = _SENTENCES.__get__(self)
                if value is None and self._make is not None:
                    value = self._make()
                    _SENTENCES.__set__(self, value)
                    self._make = None
        return value  # type: ignore[no-any-return]

    @sentences.setter
    def sentences(self, value: list[Sentence]) -> None:
        _SENTENCES.__set__(self, value)

    @property
    def sentence_count(self) -> int:
        return self._count if self._make is not None else len(self.sentences)

    @property  # type: ignore[override]
    def path(self) -> Path | None:
        value = _PATH.__get__(self)
        if value is None and self._where is not None:
            value = self._where[0] / self._where[1]
            _PATH.__set__(self, value)
            self._where = None
        return value  # type: ignore[no-any-return]

    @path.setter
    def path(self, value: Path | None) -> None:
        _PATH.__set__(self, value)

    def __reduce__(self) -> tuple[Any, ...]:  # a plain Document once pickled
        return Document, tuple(getattr(self, f) for f in Document.__dataclass_fields__)


class CorpusSentences(Sequence[Sentence]):
    """Every sentence of some documents, in order, read through each document's own
    sequence: the engine's indexes number sentences across the corpus, and a list of
    them would make and keep every sentence of a mapped corpus snapshot (see
    :class:`bot.corpus.snapshot.MappedSentences`) in each process's heap."""

    __slots__ = ("_parts", "_starts")

    def __init__(self, documents: Iterable[Document]) -> None:
        self._parts: list[Sequence[Sentence]] = [d.sentences for d in documents]
        self._starts = list(accumulate((len(p) for p in self._parts), initial=0))

    def __len__(self) -> int:
        return self._starts[-1]

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = i.__index__()
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("sentence index out of range")
        k = bisect_right(self._starts, i) - 1
        return self._parts[k][i - self._starts[k]]

    def __iter__(self) -> Iterator[Sentence]:
        for part in self._parts:
            yield from part


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
    #: doc_id -> (size, mtime_ns, inode) of its file as the loader saw it before reading
    #: it (the refresher's first rescan then opens only files changed since)
    stamps: dict[str, tuple[int, int, int]] = field(default_factory=dict)

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

    def closest_documents(self, query: str, limit: int = 3) -> list[str]:
        """The ``limit`` documents whose names come closest to ``query`` (rapidfuzz's
        WRatio), each as "display name (doc_id)": what an unknown document is answered
        with."""
        from rapidfuzz import fuzz, process

        names = {d.doc_id: d.display_name for d in self.documents.values()}
        return [f"{name} ({doc_id})" for name, _, doc_id
                in process.extract(query, names, scorer=fuzz.WRatio, limit=limit)]

    def report(self) -> str:
        n_sent = sum(d.sentence_count for d in self.documents.values())
        return (
            f"corpus {self.root}: {len(self.documents)} documents, "
            f"{n_sent} sentences, {len(self.skipped)} skipped"
        )
