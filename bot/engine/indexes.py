"""Each stored index: read back when the store has it for this corpus, else built and stored.

The summarizer's sentence and concept matrices and the comparer's TF-IDF live in
:class:`~bot.engine.stored.IndexStore` (``CACHE_DIR/indexes``). For a corpus the store
has not seen, the sentence index reuses the rows of every unchanged document of the
latest stored one (one file added costs that file plus the corpus-wide statistics);
the concept matrices and the comparer's TF-IDF are rebuilt, off the event loop, while
the previous engine keeps answering (see :meth:`bot.engine.Engine.add_documents`).
After a build the index is stored and mapped back, so every process, the one that
built it included, answers from the same shared pages.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from bot.corpus.model import Corpus
from bot.engine.ranking.concepts import ConceptIndex
from bot.engine.ranking.index import SentenceIndex
from bot.engine.stored import (
    IndexStore,
    Stored,
    StoredIndexError,
    code_version,
    combined,
)

if TYPE_CHECKING:  # pragma: no cover
    from bot.engine.compare.index import ComparerArrays
    from bot.engine.places import PlaceIndex

log = logging.getLogger(__name__)
T = TypeVar("T")

SUMMARY_SOURCES = ("ranking/index.py", "ranking/text.py", "ranking/concepts.py")
_CONCEPT_FIELDS = ("B", "capital", "W", "left", "right", "one_stop", "numeric", "vocab")
# builds in this process (tests assert reuse with it)
BUILDS = {"summary": 0, "compare": 0, "places": 0}
TIMINGS: dict[str, dict[str, float]] = {}  # name -> build_s / store_s / load_s (benchmarks)


def _stored_or_built(store: IndexStore | None, name: str, version: str,
                     fingerprints: Sequence[tuple[str, str]],
                     read: Callable[[Stored], T], build: Callable[[Stored | None], T],
                     fields: Callable[[T], dict[str, object]],
                     meta: Callable[[T], dict[str, object]] = lambda _: {}) -> T:
    if store is None:
        BUILDS[name] += 1
        return build(None)
    start = time.perf_counter()
    stored = store.load(name, version, combined(fingerprints))
    if stored is not None:
        try:
            loaded = read(stored)
            TIMINGS[name] = {"load_s": time.perf_counter() - start}
            return loaded
        except (StoredIndexError, KeyError, ValueError, TypeError) as exc:
            log.warning("stored %s index %s unusable (%s): rebuilding it", name, stored.path,
                        exc)
    start = time.perf_counter()
    BUILDS[name] += 1
    built = build(store.latest(name, version))
    built_at = time.perf_counter()
    log.info("%s index built in %.1f s", name, built_at - start)
    path = store.save(name, version, fingerprints, fields(built), meta(built))
    again = store.load(name, version, combined(fingerprints)) if path is not None else None
    if again is not None:  # answer from the mapped files: pages shared with other processes
        try:
            built = read(again)
        except (StoredIndexError, KeyError, ValueError, TypeError) as exc:
            log.warning("stored %s index %s unreadable right after writing (%s)", name,
                        again.path, exc)
    TIMINGS[name] = {"build_s": built_at - start, "store_s": time.perf_counter() - built_at}
    return built


def summary_indexes(corpus: Corpus, store: IndexStore | None,
                    fingerprints: Sequence[tuple[str, str]] = ()
                    ) -> tuple[SentenceIndex, ConceptIndex]:
    docs = list(corpus.documents.values())

    def build(previous: Stored | None) -> tuple[SentenceIndex, ConceptIndex]:
        index = SentenceIndex.build(docs, reuse=previous)
        return index, ConceptIndex.build(index)

    def read(stored: Stored) -> tuple[SentenceIndex, ConceptIndex]:
        concepts = ConceptIndex(**{f: stored[f"concepts.{f}"] for f in _CONCEPT_FIELDS})
        return SentenceIndex.from_stored(stored, docs), concepts

    def fields(built: tuple[SentenceIndex, ConceptIndex]) -> dict[str, object]:
        index, concepts = built
        return {**index.stored_fields(),
                **{f"concepts.{f}": (getattr(concepts, f).tolist() if f == "vocab"
                                     else getattr(concepts, f)) for f in _CONCEPT_FIELDS}}

    return _stored_or_built(store, "summary", code_version(*SUMMARY_SOURCES), fingerprints,
                            read, build, fields,
                            lambda built: {"indexed_documents": built[0].doc_ids})


def comparer_arrays(corpus: Corpus, store: IndexStore | None,
                    fingerprints: Sequence[tuple[str, str]] = ()) -> ComparerArrays:
    # imported here: a summary-only process (a one-shot /summary) never loads the comparer
    from bot.engine.compare.index import SOURCES as COMPARE_SOURCES
    from bot.engine.compare.index import ComparerArrays

    sizes = [d.sentence_count for d in corpus.documents.values()]

    def build(_: Stored | None) -> ComparerArrays:
        ends = list(accumulate(sizes))
        texts = [s.text for d in corpus.documents.values() for s in d.sentences]
        return ComparerArrays.build(texts, [range(end - n, end)
                                            for end, n in zip(ends, sizes, strict=True)])

    def read(stored: Stored) -> ComparerArrays:
        arrays = ComparerArrays.from_stored(stored)
        if arrays.matrix.shape[0] != sum(sizes) or arrays.doc_matrix.shape[0] != len(sizes):
            raise StoredIndexError(f"{stored.path}: its documents are not the corpus's")
        return arrays

    return _stored_or_built(store, "compare", code_version(*COMPARE_SOURCES), fingerprints,
                            read, build, ComparerArrays.stored_fields)


PLACE_SOURCES = ("places/extract.py", "places/normalise.py", "places/ner.py",
                 "places/index.py", "places/mentions.py")


def place_index(corpus: Corpus, store: IndexStore | None,
                fingerprints: Sequence[tuple[str, str]] = ()) -> PlaceIndex:
    """The place index from its stored mentions (the scan, the entity labels and the
    disambiguation are skipped; the gazetteer is still loaded, from its own cache), keyed
    like the place caches: the gazetteer's fingerprint and the extractor's code.

    A changed corpus is rebuilt through ``PlaceIndex.build``, whose per-document scan
    cache (``places-scan.sqlite3``) already spares every unchanged document's scan."""
    from bot.engine.places import PlaceIndex, load_gazetteer
    from bot.engine.places.mentions import MentionTable

    gaz = load_gazetteer()
    version = f"{code_version(*PLACE_SOURCES)}{gaz.fingerprint[-8:]}"

    def build(_: Stored | None) -> PlaceIndex:
        return PlaceIndex.build(corpus, gaz)

    def read(stored: Stored) -> PlaceIndex:
        docs = stored["doc_ids"].tolist()
        corpus_docs = list(corpus.documents)
        if docs != corpus_docs:  # the fingerprint keys the corpus, order included
            raise StoredIndexError(f"{stored.path}: its documents are not the corpus's")
        # the columns stay mapped: every process reads the same pages (mentions.py)
        table = MentionTable(stored["place_keys"].tolist(), corpus_docs,
                             {f: stored[f] for f in ("place", "doc", "position", "start",
                                                     "end")}, stored["text"])
        demonyms = Counter(dict(zip(stored["demonyms"].tolist(),
                                    np.asarray(stored["demonym_counts"]).tolist(),
                                    strict=True)))
        tfidf = None
        if "tfidf" in stored:  # absent: the corpus is all stop words
            tfidf = stored["tfidf"]
        if tfidf is not None and tfidf.shape[0] != sum(d.sentence_count
                                                       for d in corpus.documents.values()):
            raise StoredIndexError(f"{stored.path}: its sentences are not the corpus's")
        return PlaceIndex(corpus, gaz, table, demonyms, tfidf)

    def fields(index: PlaceIndex) -> dict[str, object]:
        return {**index.table.stored_fields(), "demonyms": list(index.demonyms),
                "demonym_counts": np.array(list(index.demonyms.values()), dtype=np.int64),
                # the sentences' TF-IDF (absent: none, the corpus is all stop words)
                **({"tfidf": index._tfidf} if index._tfidf is not None else {})}

    return _stored_or_built(store, "places", version, fingerprints, read, build, fields)
