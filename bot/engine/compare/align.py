"""Which clauses of different sources make the same point: clause units, soft overlap.

Sentence-level TF-IDF cosine misses paraphrases: outlets pack two points into one
sentence ("ISF started its siege in October, quickly retaking east Mosul by the end
of January") and a long sentence dilutes the few words it shares with a short one.
So the comparer aligns *clauses*, and scores a pair by how much of each clause's
IDF mass the other covers (a symmetric weighted overlap, like BERTScore's greedy
matching but over stems and paraphrase classes, since no offline embedding model
is available), plus shared two-word phrases ("far from over", "second largest")
and shared figures (numbers, months, years). Each clause also carries a small prior
mass, so a short generic clause ("they're all under ISIS control") cannot be "fully
covered" by whatever shares its two words, and a pair must share at least two words
or figures: one rare word in common ("long", "large") is chance. Everything is sparse-matrix algebra
over the pool, so a comparison of ~300 clauses costs a few milliseconds.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy import sparse

from bot.engine.compare.text import StemAnalyzer

log = logging.getLogger(__name__)

MIN_CLAUSE_WORDS = 5  # a shorter piece stays attached to its neighbour
PHRASE_WEIGHT = 0.5  # a shared two-word phrase counts this share of its words' weight again
MEAN = "arith"
FIGURE_WEIGHT = 1.0  # a shared figure weighs as much as the rarest word
MIN_SHARED = 2  # distinct words/figures two clauses must share to make one point
PRIOR = 1.5  # pseudo-mass (in units of the rarest word's weight) every clause carries

# Where a sentence joins two points. Conservative on purpose: a comma alone also
# separates list items and appositions, which are not points of their own.
_SPLIT = re.compile(
    r"\s*;\s+|\s*[—–]\s*|\s+-\s+|:\s+(?=[A-Z])"
    r"|,\s+(?=(?:while|but|though|although|however|whereas|as|quickly|before|after|where|"
    r"which|and\s+(?:that|the|it|they|he|she)\b)\b)"
    r"|\s+(?=as\s+(?-i:[A-Z]))", re.IGNORECASE)
# "While X, Y" / "Although X, Y": the concession is one clause, the claim another.
_LEADING = re.compile(r"^(?:but\s+|and\s+)?(?:while|although|though|even\s+though|despite|"
                      r"whereas|as)\b[^,]{8,}?,\s+", re.IGNORECASE)
# Months capitalised only: "may" is mostly the modal verb.
_FIGURE = re.compile(r"\b\d[\d,.]*\b|\b(?:January|February|March|April|May|June|July|"
                     r"August|September|October|November|December)\b")


@dataclass(frozen=True, slots=True)
class Clause:
    row: int  # index into the pool
    text: str


def split_clauses(text: str) -> list[str]:
    """A sentence cut at clause joints; pieces under MIN_CLAUSE_WORDS rejoin a neighbour."""
    pieces: list[str] = []
    lead = _LEADING.match(text)
    rest = text
    if lead:
        pieces.append(lead.group(0).rstrip(", "))
        rest = text[lead.end():]
    pieces.extend(p for p in _SPLIT.split(rest) if p and p.strip())
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(piece.split()) < MIN_CLAUSE_WORDS
                       or len(merged[-1].split()) < MIN_CLAUSE_WORDS):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged or [text]


def _figures(text: str) -> list[str]:
    return ["#" + m.group(0).lower().replace(",", "").rstrip(".") for m in _FIGURE.finditer(text)]


class ClauseSpace:
    """Weighted bag-of-stems (+ phrases, figures) of the clauses of one pool."""

    def __init__(self, clauses: list[Clause], analyzer: StemAnalyzer,
                 idf: dict[str, float], damp: dict[str, float]) -> None:
        self.clauses = clauses
        max_idf = max(idf.values(), default=1.0)
        vocab: dict[str, int] = {}
        rows, cols, weights = [], [], []
        single_rows, single_cols = [], []  # words and figures with weight, not phrases
        for k, clause in enumerate(clauses):
            tokens = analyzer(clause.text)
            feats: dict[str, float] = {}
            for t in tokens:
                feats[t] = idf.get(t, max_idf) * damp.get(t, 1.0)
            for a, b in pairwise(tokens):
                if a != b:
                    w = PHRASE_WEIGHT * (idf.get(a, max_idf) * damp.get(a, 1.0)
                                         + idf.get(b, max_idf) * damp.get(b, 1.0)) / 2
                    feats[f"{a} {b}"] = w
            for f in _figures(clause.text):
                feats[f] = FIGURE_WEIGHT * max_idf
            for f, w in feats.items():
                rows.append(k)
                cols.append(vocab.setdefault(f, len(vocab)))
                weights.append(w)
                if w > 0 and " " not in f:
                    single_rows.append(k)
                    single_cols.append(cols[-1])
        self.prior = PRIOR * max_idf
        shape = (len(clauses), max(len(vocab), 1))
        self.weights = sparse.csr_matrix((weights, (rows, cols)), shape=shape)
        self.present = self.weights.copy()
        self.present.data[:] = 1.0
        self.singles = sparse.csr_matrix(
            (np.ones(len(single_rows)), (single_rows, single_cols)), shape=shape)

    def similarity(self) -> np.ndarray:
        """Symmetric weighted overlap: mean of the share of each clause the other covers."""
        shared = (self.weights @ self.present.T).toarray()  # [i, j]: i's mass found in j
        mass = np.asarray(self.weights.sum(axis=1)).ravel()
        # The prior keeps a short clause ("they're all Iraqi cities") from being
        # "fully covered" by any longer clause that happens to share its two words.
        cover = shared / np.maximum(mass[:, None] + self.prior, 1e-9)
        sim = (cover + cover.T) / 2 if MEAN == "arith" else np.sqrt(cover * cover.T)
        # One shared word, however rare ("long", "large"), is a coincidence, not a point.
        sim[(self.singles @ self.singles.T).toarray() < MIN_SHARED] = 0.0
        return sim
