"""Budgeted selection: best score first, no near-duplicates, no dangling openers.

:func:`select` is greedy (sentence counts, and word budgets over scores that are
not probabilities: corpus and topic scopes); :func:`select_fill` fills a word
budget over one document's calibrated log-odds with an exact knapsack.

Why greedy with a hard similarity threshold rather than full MMR: with a
learned score the only job left is "never say the same thing twice", and a
threshold on TF-IDF cosine is easy to explain and test; a sentence whose
cosine to anything already picked exceeds ``redundancy`` is dropped.

Fragments (very short sentences, quote pieces) are demoted by
``fragment_penalty``, sentences of comment rather than reported fact by
``reflective_penalty``; a sentence opening with a pronoun or connective is
demoted by ``dangling_penalty`` unless the sentence just before it in the same
document has been picked (then the reference is resolved and the penalty lifts).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.engine.ranking import text as tx
from bot.engine.ranking.index import SentenceIndex

log = logging.getLogger(__name__)


def position_shares(positions: np.ndarray, shares: Sequence[float]) -> np.ndarray:
    """``shares[p]`` for each sentence position ``p`` in its article, the last share for
    every position past them: the share of readers who found a line from there alone,
    which topic summaries and place briefs multiply their scores by."""
    table = np.asarray(shares, dtype=float)
    return table[np.minimum(np.asarray(positions), len(table) - 1)]


@dataclass(frozen=True)
class SelectionPolicy:
    redundancy: float = 0.6
    fragment_penalty: float = 4.0
    dangling_penalty: float = 1.5
    # A sentence of comment (the writer's voice, a hedge on what may be) gives way to
    # a reported fact of about the same score: a reader of three sentences should
    # get what happened, not the closing reflections (which, being the most central
    # sentences of an explainer, otherwise win).
    reflective_penalty: float = 0.15
    pool: int = 400
    # Knapsack fill (word budgets over log-odds scores): a sentence is worth
    # p * words**length_power, the set maximises worth / (budget + words)**length_power
    # (an expected-overlap F-measure), probabilities softened by temperature.
    # Tuned on the even (training) half of the BBC set.
    length_power: float = 0.6
    temperature: float = 1.5


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
    reflective = np.array([tx.is_reflective(index.sentences[c].text) for c in cands], dtype=bool)
    eff = eff - policy.reflective_penalty * reflective
    n_words = index.n_words[cands]
    where = {int(c): j for j, c in enumerate(cands)}
    # One sparse product for the whole pool (at most ``policy.pool`` rows) instead of
    # one per pick: scipy's per-call overhead was most of a one-document summary.
    Xc = index.X[cands]
    sim = (Xc @ Xc.T).toarray()
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
        np.maximum(max_sim, sim[j], out=max_sim)
        nxt = where.get(i + 1)
        if nxt is not None and dangling[nxt] and index.doc_of[i + 1] == index.doc_of[i]:
            eff[nxt] += policy.dangling_penalty
    if not picked and words is not None:
        # Nothing fits the budget: one sentence beats an empty answer.
        return select(index, candidates, scores, count=1, policy=policy)
    return picked


def select_fill(index: SentenceIndex, candidates: np.ndarray, log_odds: np.ndarray,
                words: int, policy: SelectionPolicy = DEFAULT_POLICY) -> list[int]:
    """Fill a word budget with the set of sentences of best expected overlap (0/1 knapsack).

    Greedy "best that still fits" strands words at the end of the budget or takes
    a long weak sentence; with calibrated probabilities the best *set* is found
    exactly by a dynamic programme over total length, run in reading order so it
    also knows whether a sentence's predecessor is taken (numpy rows, one per
    sentence: a document takes about a millisecond). The rules of :func:`select`
    hold: near-duplicates are removed first (the better-scored one stays), short
    fragments never pad a budget, and a dangling opener or a quotation's tail is
    demoted unless the sentence just before it is taken too (then it reads as a
    continuation, as in the article).
    """
    if len(candidates) == 0:
        return []
    order = np.argsort(-log_odds, kind="stable")[: policy.pool]
    cands = np.asarray(candidates)[order]
    scores = np.asarray(log_odds, dtype=float)[order]
    penalty = (policy.fragment_penalty * index.fragment[cands]
               + policy.dangling_penalty * index.dangling[cands])
    by_eff = np.argsort(penalty - scores, kind="stable")
    keep = np.empty(len(cands), dtype=bool)
    keep[by_eff] = _non_redundant(index, cands[by_eff], policy.redundancy)
    n_words = index.n_words[cands].astype(np.int64)
    keep &= (n_words <= words) & (n_words >= tx.MIN_WORDS)
    items = np.flatnonzero(keep)
    if len(items) == 0:
        return select(index, candidates, log_odds, words=words, policy=policy)
    items = items[np.argsort(cands[items], kind="stable")]  # reading order
    sent = cands[items]
    length = n_words[items]

    def worth(z: np.ndarray) -> np.ndarray:
        return length ** policy.length_power / (1.0 + np.exp(-z / policy.temperature))

    alone = worth(scores[items] - penalty[items])
    follows = np.zeros(len(items), dtype=bool)
    follows[1:] = (sent[1:] == sent[:-1] + 1) & (index.doc_of[sent[1:]] == index.doc_of[sent[:-1]])
    after = np.where(follows, worth(scores[items]), alone)
    # best[s][L]: best worth over the items so far using exactly L words, where
    # s = whether the last item is taken; came[t, s, L]: the state item t-1 was in.
    size = words + 1
    best = np.full((2, size), -np.inf)
    best[0, 0] = 0.0
    came = np.zeros((len(items), 2, size), dtype=np.int8)
    for t in range(len(items)):
        w = int(length[t])
        skip = np.maximum(best[0], best[1])
        came[t, 0] = best[1] > best[0]
        take = np.full((2, size), -np.inf)
        take[0, w:] = best[0, : size - w] + alone[t]
        take[1, w:] = best[1, : size - w] + after[t]
        came[t, 1] = take[1] > take[0]
        best = np.stack([skip, np.maximum(take[0], take[1])])
    total = np.arange(size)
    top = best.max(axis=0)
    objective = np.where(np.isfinite(top), top / (words + total) ** policy.length_power, -np.inf)
    left = int(np.argmax(objective))
    state = int(best[1, left] > best[0, left])
    picked: list[int] = []
    for t in range(len(items) - 1, -1, -1):
        prev = int(came[t, state, left])
        if state:
            picked.append(int(sent[t]))
            left -= int(length[t])
        state = prev
    return picked[::-1]


def _non_redundant(index: SentenceIndex, cands: np.ndarray, threshold: float) -> np.ndarray:
    """Mask of candidates (best first) whose cosine to every better kept one is <= threshold."""
    sims = (index.X[cands] @ index.X[cands].T).toarray()
    keep = np.ones(len(cands), dtype=bool)
    for j in range(1, len(cands)):
        keep[j] = not (sims[j, :j][keep[:j]] > threshold).any()
    return keep
