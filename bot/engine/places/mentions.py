"""The place index's mentions as columns, so that shard processes share them.

120,000 mentions at 20,000 documents were as many :class:`Mention` objects, one list
per place and one Counter per document in every process. Here they are a few integer
arrays (place, document, position, start, end) and a string table of their texts: the
stored index's files, memory-mapped (``np.load(mmap_mode="r")``), so every process on
the machine reads the same pages. A :class:`Mention` is made when it is read and not
kept; counts are taken on the arrays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from bot.engine.places.extract import Mention

_COLUMNS = ("place", "doc", "position", "start", "end")


class MentionTable:
    """Every mention, in the order the index found them: ``place`` indexes ``keys``
    (place keys, in order of first mention), ``doc`` indexes ``doc_ids`` (the corpus's
    documents, in corpus order)."""

    def __init__(self, keys: Sequence[str], doc_ids: Sequence[str], columns: dict[str, Any],
                 text: Sequence[str]) -> None:
        self.keys = list(keys)
        self.doc_ids = doc_ids
        self.place, self.doc, self.position, self.start, self.end = (
            columns[c] for c in _COLUMNS)
        self.text = text
        n = len(self.place)
        if any(len(columns[c]) != n for c in _COLUMNS) or len(text) != n:
            raise ValueError("mention columns of different lengths")
        if n and (int(np.max(self.place)) >= len(self.keys)
                  or int(np.max(self.doc)) >= len(doc_ids)):
            raise ValueError("a mention's place or document is out of range")

    @classmethod
    def of(cls, mentions: Iterable[Mention], doc_ids: Sequence[str]) -> MentionTable:
        """The table of mentions found in memory (documents numbered as ``doc_ids``)."""
        ms = list(mentions)
        keys = {k: i for i, k in enumerate(dict.fromkeys(m.place for m in ms))}
        docs = {d: i for i, d in enumerate(doc_ids)}
        columns = {"place": np.array([keys[m.place] for m in ms], dtype=np.int32),
                   "doc": np.array([docs[m.doc_id] for m in ms], dtype=np.int32),
                   **{c: np.array([getattr(m, c) for m in ms], dtype=np.int32)
                      for c in ("position", "start", "end")}}
        return cls(list(keys), doc_ids, columns, [m.text for m in ms])

    def stored_fields(self) -> dict[str, object]:
        return {"place_keys": self.keys, "doc_ids": list(self.doc_ids),
                **{c: np.asarray(getattr(self, c)) for c in _COLUMNS},
                "text": list(self.text)}

    def __len__(self) -> int:
        return len(self.place)

    def mentions(self, rows: np.ndarray | None = None) -> Iterator[Mention]:
        """The mentions of these rows (all, in order, by default), made as they are read."""
        sel = (lambda a: np.asarray(a)) if rows is None else (lambda a: np.asarray(a)[rows])
        keys, doc_ids, text = self.keys, self.doc_ids, self.text
        places, docs, positions, starts, ends = (sel(getattr(self, c)).tolist()
                                                 for c in _COLUMNS)
        numbers = range(len(self)) if rows is None else rows.tolist()
        for i, p, d, pos, a, b in zip(numbers, places, docs, positions, starts, ends,
                                      strict=True):
            yield Mention(keys[p], doc_ids[d], pos, a, b, text[i])

    def by_place(self) -> dict[str, MentionList]:
        """place key -> its mentions, places in order of first mention."""
        place = np.asarray(self.place)
        order = np.argsort(place, kind="stable")
        bounds = np.concatenate([[0], np.cumsum(np.bincount(place, minlength=len(self.keys)))])
        return {key: MentionList(self, order[bounds[k]:bounds[k + 1]])
                for k, key in enumerate(self.keys)}


class MentionList(Sequence[Mention]):
    """Some rows of a :class:`MentionTable` (all of them when ``rows`` is None): reads,
    compares and pickles like the list of their mentions."""

    __slots__ = ("_rows", "_table")

    def __init__(self, table: MentionTable, rows: np.ndarray | None = None) -> None:
        self._table, self._rows = table, rows

    def __len__(self) -> int:
        return len(self._table) if self._rows is None else len(self._rows)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return list(self)[i]
        i = i.__index__()
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("mention index out of range")
        row = i if self._rows is None else int(self._rows[i])
        return next(self._table.mentions(np.array([row])))

    def __iter__(self) -> Iterator[Mention]:
        return self._table.mentions(self._rows)

    def doc_numbers(self) -> np.ndarray:
        """The document number of each mention (``MentionTable.doc_ids``)."""
        doc = np.asarray(self._table.doc)
        return doc if self._rows is None else doc[self._rows]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (list, tuple, MentionList)):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other,
                                                                      strict=True))

    __hash__ = None  # type: ignore[assignment]  # as a list's

    def __repr__(self) -> str:
        return f"MentionList({len(self)} mentions)"

    def __reduce__(self) -> tuple[Any, ...]:  # a plain list once pickled
        return list, (list(self),)


class DocPlaces(Mapping[str, Counter[str]]):
    """doc_id -> Counter of the places its mentions name (in order of mention), counted
    when asked for; documents without a mention are absent."""

    def __init__(self, table: MentionTable) -> None:
        self._table = table
        doc = np.asarray(table.doc)
        self._order = np.argsort(doc, kind="stable")
        self._bounds = np.concatenate([[0], np.cumsum(np.bincount(
            doc, minlength=len(table.doc_ids)))])
        self._number: dict[str, int] | None = None

    def _rows(self, doc_id: object) -> np.ndarray | None:
        if self._number is None:
            self._number = {d: k for k, d in enumerate(self._table.doc_ids)}
        k = self._number.get(doc_id)  # type: ignore[call-overload]
        if k is None or self._bounds[k] == self._bounds[k + 1]:
            return None
        return self._order[self._bounds[k]:self._bounds[k + 1]]

    def __getitem__(self, doc_id: str) -> Counter[str]:
        rows = self._rows(doc_id)
        if rows is None:
            raise KeyError(doc_id)
        keys = self._table.keys
        return Counter(keys[p] for p in np.asarray(self._table.place)[rows].tolist())

    def in_sentence(self, doc_id: str, position: int) -> list[Mention]:
        """The mentions of the document's sentence at ``position``."""
        rows = self._rows(doc_id)
        if rows is None:
            return []
        rows = rows[np.asarray(self._table.position)[rows] == position]
        return list(self._table.mentions(rows))

    def __contains__(self, doc_id: object) -> bool:
        return self._rows(doc_id) is not None

    def __iter__(self) -> Iterator[str]:
        present = np.flatnonzero(np.diff(self._bounds))
        doc_ids = self._table.doc_ids
        return (doc_ids[k] for k in present.tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(np.diff(self._bounds)))
