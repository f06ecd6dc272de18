"""Near-duplicate text: the same wire story republished by several outlets.

Word 5-gram shingles with an inverted index: a new text is compared only with the
texts that share a shingle with it, so a check costs about its own length, not the
size of the corpus. Two texts are the same story when their shingle sets overlap
with Jaccard >= ``jaccard`` or one contains >= ``containment`` of the other (a wire
story cut short by one outlet).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = 5) -> set[int]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i:i + k]).encode()) for i in range(len(words) - k + 1)}


@dataclass(frozen=True)
class Match:
    key: str
    jaccard: float
    containment: float


class NearDuplicateIndex:
    def __init__(self, *, jaccard: float = 0.5, containment: float = 0.8,
                 min_shingles: int = 15) -> None:
        self.jaccard = jaccard
        self.containment = containment
        self.min_shingles = min_shingles
        self._sizes: dict[str, int] = {}
        self._postings: defaultdict[int, list[str]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._sizes)

    def add(self, key: str, text: str) -> None:
        grams = shingles(text)
        if key in self._sizes or not grams:
            return
        self._sizes[key] = len(grams)
        for g in grams:
            self._postings[g].append(key)

    def find(self, text: str) -> Match | None:
        """The closest indexed text that is the same story, or None."""
        grams = shingles(text)
        if len(grams) < self.min_shingles:
            return None
        overlap: Counter[str] = Counter()
        for g in grams:
            overlap.update(self._postings.get(g, ()))
        best: Match | None = None
        for key, inter in overlap.items():
            other = self._sizes[key]
            if other < self.min_shingles:
                continue
            jac = inter / (len(grams) + other - inter)
            cont = inter / min(len(grams), other)
            if (jac >= self.jaccard or cont >= self.containment) and (
                    best is None or jac > best.jaccard):
                best = Match(key, jac, cont)
        return best
