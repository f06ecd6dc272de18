"""Budgeted greedy selection: best score first, no near-duplicates, no dangling openers.

Why greedy with a hard similarity threshold rather than full MMR: with a
learned score the only job left is "never say the same thing twice", and a
threshold on TF-IDF cosine is easy to explain and test; a sentence whose
cosine to anything already picked exceeds ``redundancy`` is dropped.

Fragments (very short sentences, quote pieces) are demoted by
``fragment_penalty``; a sentence opening with a pronoun or connective is
demoted by ``dangling_penalty`` unless the sentence just before it in the same
document has been picked (then the reference is resolved and the penalty lifts).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from bot.engine.ranking.index import SentenceIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SelectionPolicy:
    redundancy: float = 0.6
    fragment_penalty: float = 4.0
    dangling_penalty: float = 1.5
    pool: int = 400


DEFAULT_POLICY = SelectionPolicy()


def select(index: SentenceIndex, candidates: np.ndarray, scores: np.ndarray, *,
           count: int | None = None, words: int | None = None, max_count: int = 60,
           policy: SelectionPolicy = DEFAULT_POLICY) -> list[int]:
    """Pick sentence numbers from ``candidates`` (any order; ``scores`` aligned with them).

    ``count`` caps the number of sentences, ``words`` the total word count
    (greedy budget filling: the best sentence that still fits, until none does).
    """
    if len(candidates) == 0:
        return []
    order = np.argsort(-scores, kind="stable")[: policy.pool]
    cands = np.asarray(candidates)[order]
    frag = index.fragment[cands]
    eff = scores[order] - policy.fragment_penalty * frag
    dangling = index.dangling[cands]
    eff = eff - policy.dangling_penalty * dangling
    n_words = index.n_words[cands]
    where = {int(c): j for j, c in enumerate(cands)}
    Xc = index.X[cands]
    alive = np.ones(len(cands), dtype=bool)
    max_sim = np.zeros(len(cands))
    limit = count if count is not None else max_count
    used = 0.0
    picked: list[int] = []
    while len(picked) < limit:
        mask = alive & (max_sim <= policy.redundancy)
        if words is not None:
            mask &= n_words <= words - used
            if picked:
                # Budget filling never pads with fragments.
                mask &= ~frag
        if not mask.any():
            break
        j = int(np.argmax(np.where(mask, eff, -np.inf)))
        i = int(cands[j])
        picked.append(i)
        alive[j] = False
        used += n_words[j]
        sims = (Xc @ index.X[i].T).toarray().ravel()
        np.maximum(max_sim, sims, out=max_sim)
        nxt = where.get(i + 1)
        if nxt is not None and dangling[nxt] and index.doc_of[i + 1] == index.doc_of[i]:
            eff[nxt] += policy.dangling_penalty
    if not picked and words is not None:
        # Nothing fits the budget: one sentence beats an empty answer.
        return select(index, candidates, scores, count=1, policy=policy)
    return picked
