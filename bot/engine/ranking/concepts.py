"""Multi-document selection by concept coverage: an exact budgeted ILP over word bigrams.

Gillick and Favre's formulation (ICSISumm, 2008-09): the concepts are the
stemmed word bigrams of the sentences (a bigram of two stop words is no
concept); a concept is worth the number of *documents* that state it (a fact
several wires report is what a cluster is about), plus a bonus for appearing
early in those documents (news puts its facts first). The summary is the set
of sentences that covers the most concept weight within the word budget; each
concept counts once however many picked sentences hold it, so the same fact
from two wires is never paid for twice. Sentences whose TF-IDF cosine exceeds
``redundancy`` may not both be picked (the same fact in different words).

The problem is solved exactly with :func:`scipy.optimize.milp` (HiGHS): binary
sentence variables, concept variables relaxed to [0, 1] (at the optimum each
equals 1 exactly when a picked sentence holds it), one budget row and one
coverage row per concept. Over a pool of a few hundred sentences it solves in
milliseconds.

Optionally (``ConceptPolicy.centroid_weight``, off by default) each picked
sentence earns a small bonus for its closeness to the pool's embedding centroid
(:mod:`bot.engine.ranking.centroid`, Rossiello et al. 2017), in proportion to
its length.

Only sentences that stand alone are candidates: at least ``min_words`` words,
no quotation pieces, no opening pronoun or connective that needs the sentence
before it. Every pick is an unedited corpus sentence.
"""

from __future__ import annotations

import logging
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from bot.engine.ranking import text as tx
from bot.engine.ranking.index import FEATURE_NAMES, SentenceIndex
from bot.engine.ranking.scorer import LinearModel

log = logging.getLogger(__name__)
_QUOTE = FEATURE_NAMES.index("quote")
_DIGIT = re.compile(r"\d")
CONCEPT_WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "concepts.json"


@dataclass(frozen=True)
class ConceptPolicy:
    """Parameters chosen by 5-fold cross-validation over DUC 2004 dev clusters
    (``scripts/train_concepts.py`` held-out figures); never tuned to a single cluster."""

    min_df: int = 2              # a concept must appear in this many documents...
    min_df_share: float = 0.0    # ...and in this share of the scope's documents
    position_weight: float = 1.0  # bonus x (1 - relative position of first mention)
    min_words: int = 6            # = the fragment floor: 7 and 8 lost R-1 on held-out folds
    max_words: int = 60
    redundancy: float = 0.5      # TF-IDF cosine above which two picks exclude each other
    prior_weight: float = 0.01   # tie-break by the in-document score
    pool: int = 300              # candidates by in-document score
    time_limit: float = 2.0      # seconds; HiGHS returns its best set so far
    mip_gap: float = 1e-4        # HiGHS default; 0.01 saved ~20% of solve time, lost 0.3 R-1
    # Above this many candidates (a large corpus's pool) the exact ILP can take a
    # second and hold the GIL; the greedy cost-scaled selection is used instead.
    ilp_max_candidates: int = 250
    max_concepts: int = 150      # the best-weighted concepts enter the ILP
    learned: bool = True         # weigh concepts with the shipped model when present
    # Each picked sentence can earn centroid_weight x (its cosine to the pool's embedding
    # centroid) x (its share of the budget) x (the 20 best concept weights' sum). Off:
    # 0.3 (the nested cross-validation choice, scripts/train_concepts.py --centroid-grid)
    # read 38.28 / 10.37 held-out against 38.09 / 10.39, changed 3 of 25 held-out
    # summaries and none with the shipped model, and would make every multi-document
    # summary load GloVe through the comparison package (sklearn, nltk) on first use.
    centroid_weight: float = 0.0
    centroid_words: int = 30     # the pool's most telling words make the centroid


DEFAULT_CONCEPT_POLICY = ConceptPolicy()


def _bigrams(text: str) -> list[str]:
    toks = tx.tokens(text)
    stems = [tx.stem(t) for t in toks]
    stop = [t in tx.NLTK_STOP_WORDS for t in toks]
    return [f"{stems[k]} {stems[k + 1]}" for k in range(len(toks) - 1)
            if not (stop[k] and stop[k + 1])]


def reference_bigrams(text: str) -> set[str]:
    """The concepts a text holds (for labelling concepts by human summaries)."""
    return set(_bigrams(text))


CONCEPT_FEATURES: tuple[str, ...] = (
    "df_share",        # share of the scope's documents holding the bigram
    "log_df",          # log(1 + documents holding it)
    "log_tf",          # log(1 + sentences holding it)
    "first_min",       # earliest relative position of a mention in any document
    "first_mean",      # mean over its documents of the first mention's relative position
    "early",           # sum over documents of (1 - first relative position) / documents
    "lead",            # share of documents whose first sentence holds it
    "one_stop",        # one of the two words is a stop word
    "numeric",         # holds a number
    "word_df_min",     # the rarer word's document share
    "word_df_max",     # the commoner word's document share
    "capital",         # share of mentions written with both words capitalised
    "prior_max",       # best in-document sentence probability among its sentences
)


@dataclass
class ConceptIndex:
    """Sentence x bigram occurrence matrices of a corpus (built once, next to the SentenceIndex)."""

    B: sp.csr_matrix            # (n, C) 1 where the sentence holds the bigram
    capital: sp.csr_matrix      # (n, C) 1 where it is written with both words capitalised
    W: sp.csr_matrix            # (n, U) 1 where the sentence holds the word stem
    left: np.ndarray            # (C,) column in W of each bigram's first word
    right: np.ndarray           # (C,) ... and of its second word
    one_stop: np.ndarray        # (C,) bool
    numeric: np.ndarray         # (C,) bool
    vocab: np.ndarray           # (C,) the bigrams ("stem stem")
    cache: dict = field(default_factory=dict)  # scope -> (concept columns, weights); pools' cosines

    @classmethod
    def build(cls, index: SentenceIndex) -> ConceptIndex:
        # One tokenising pass fills all three matrices; nothing per sentence is kept
        # but compact column arrays (a 20,000-article corpus has millions of bigrams).
        vocabulary: dict[str, int] = {}
        words: dict[str, int] = {}
        rows_b, rows_c, rows_w = _Rows(), _Rows(), _Rows()
        for s in index.sentences:
            raw = tx.raw_tokens(s.text)
            low = [t.lower() for t in raw]
            st = [tx.stem(t) for t in low]
            stop = [t in tx.NLTK_STOP_WORDS for t in low]
            keep = [k for k in range(len(st) - 1) if not (stop[k] and stop[k + 1])]
            grams = [f"{st[k]} {st[k + 1]}" for k in keep]
            rows_b.add(grams, vocabulary, grow=True)
            rows_c.add([g for g, k in zip(grams, keep, strict=True)
                        if raw[k][:1].isupper() and raw[k + 1][:1].isupper()],
                       vocabulary, grow=False)
            rows_w.add(st, words, grow=True)
        B = rows_b.matrix(len(vocabulary))
        capital = rows_c.matrix(len(vocabulary))
        W = rows_w.matrix(len(words))
        vocab = np.array(list(vocabulary), dtype=object)
        pairs = [v.split(" ", 1) for v in vocabulary]
        left = np.array([words[a] for a, _ in pairs], dtype=np.int64)
        right = np.array([words[b] for _, b in pairs], dtype=np.int64)
        stop_stems = {tx.stem(w) for w in tx.NLTK_STOP_WORDS}
        one_stop = np.array([a in stop_stems or b in stop_stems for a, b in pairs], dtype=bool)
        numeric = np.array([_DIGIT.search(v) is not None for v in vocabulary], dtype=bool)
        return cls(B, capital, W, left, right, one_stop, numeric, vocab)


class _Rows:
    """A 0/1 sparse matrix built one row (a list of terms) at a time, in compact arrays.

    Hand-written instead of CountVectorizer: the vocabulary needs no sorting or
    pruning here, which were most of CountVectorizer's time on 180k bigrams, and
    no list of every sentence's terms is held in memory.
    """

    def __init__(self) -> None:
        self.indices = array("q")
        self.indptr = array("q", [0])

    def add(self, terms: list[str], vocabulary: dict[str, int], grow: bool) -> None:
        cols = set()
        for t in terms:
            k = vocabulary.get(t)
            if k is None and grow:
                k = vocabulary[t] = len(vocabulary)
            if k is not None:
                cols.add(k)
        self.indices.extend(sorted(cols))
        self.indptr.append(len(self.indices))

    def matrix(self, n_cols: int) -> sp.csr_matrix:
        indices = np.frombuffer(self.indices, dtype=np.int64) if self.indices else \
            np.zeros(0, dtype=np.int64)
        return sp.csr_matrix((np.ones(len(indices), dtype=np.float32), indices,
                              np.frombuffer(self.indptr, dtype=np.int64)),
                             shape=(len(self.indptr) - 1, n_cols))


def standalone(index: SentenceIndex, cands: np.ndarray, policy: ConceptPolicy) -> np.ndarray:
    """Mask of candidates that read on their own and fit the length window."""
    n = index.n_words[cands]
    return ((n >= policy.min_words) & (n <= policy.max_words) & ~index.fragment[cands]
            & ~index.dangling[cands] & (index.features[cands, _QUOTE] == 0))


def scope_concepts(index: SentenceIndex, concepts: ConceptIndex, docs: np.ndarray,
                   prior: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The concepts of the documents ``docs`` with their :data:`CONCEPT_FEATURES`.

    Returns (concept columns, feature matrix, document frequency). ``prior`` is the
    in-document probability of every sentence of the index. Counted over the
    scope's own documents, so a topic summary weighs what the topic's articles share.
    """
    rows = np.concatenate([np.arange(index.doc_start[d], index.doc_start[d] + index.doc_size[d])
                           for d in docs])
    n_docs = len(docs)
    Bs = concepts.B[rows]
    size = index.doc_size[index.doc_of[rows]]
    local = index.positions(rows)
    rel = local / np.maximum(size - 1, 1)
    coo = Bs.tocoo()
    doc_local = np.searchsorted(docs, index.doc_of[rows[coo.row]])
    key = doc_local.astype(np.int64) * Bs.shape[1] + coo.col
    order = np.lexsort((rel[coo.row], key))
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    hits = order[first]
    m = Bs.shape[1]
    df = np.bincount(coo.col[hits], minlength=m).astype(float)
    cols = np.flatnonzero(df > 0)
    first_rel = rel[coo.row[hits]]
    early = np.bincount(coo.col[hits], weights=1.0 - first_rel, minlength=m)
    first_sum = np.bincount(coo.col[hits], weights=first_rel, minlength=m)
    first_min = np.full(m, 1.0)
    np.minimum.at(first_min, coo.col[hits], first_rel)
    lead = np.bincount(coo.col, weights=(local[coo.row] == 0).astype(float), minlength=m)
    tf = np.bincount(coo.col, minlength=m).astype(float)
    prior_max = np.zeros(m)
    np.maximum.at(prior_max, coo.col, prior[rows[coo.row]])
    cap = np.asarray(concepts.capital[rows].sum(axis=0)).ravel()
    D = sp.csr_matrix((np.ones(len(rows)), (np.searchsorted(docs, index.doc_of[rows]),
                                            np.arange(len(rows)))), shape=(n_docs, len(rows)))
    word_df = np.asarray(((D @ concepts.W[rows]) > 0).sum(axis=0)).ravel() / n_docs
    wl, wr = word_df[concepts.left[cols]], word_df[concepts.right[cols]]
    feats = np.column_stack([
        df[cols] / n_docs,
        np.log1p(df[cols]),
        np.log1p(tf[cols]),
        first_min[cols],
        first_sum[cols] / df[cols],
        early[cols] / n_docs,
        lead[cols] / n_docs,
        concepts.one_stop[cols].astype(float),
        concepts.numeric[cols].astype(float),
        np.minimum(wl, wr),
        np.maximum(wl, wr),
        cap[cols] / tf[cols],
        prior_max[cols],
    ])
    return cols, feats, df[cols]


class ConceptScorer(LinearModel):
    """Logistic regression: the probability that a human summary states the concept."""

    FEATURE_SPACE = CONCEPT_FEATURES

    def score(self, feats: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.log_odds(feats)))


@lru_cache(maxsize=1)
def default_concept_scorer() -> ConceptScorer | None:
    """The shipped weights, or None (then concepts are weighed by document frequency)."""
    try:
        return ConceptScorer.load(CONCEPT_WEIGHTS_PATH)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("concept weights unavailable (%s); using document frequency", exc)
        return None


def concept_weights(index: SentenceIndex, concepts: ConceptIndex, docs: np.ndarray,
                    prior: np.ndarray, policy: ConceptPolicy,
                    scorer: ConceptScorer | None) -> tuple[np.ndarray, np.ndarray]:
    """The scope's kept concept columns and their weights (cached per scope: the whole
    corpus is one scope, so its weights are computed once)."""
    key = (docs.tobytes(), policy, id(scorer))
    hit = concepts.cache.get(key)
    if hit is None:
        hit = _concept_weights(index, concepts, docs, prior, policy, scorer)
        if len(concepts.cache) >= 32:
            concepts.cache.clear()
        concepts.cache[key] = hit
    return hit


def _concept_weights(index: SentenceIndex, concepts: ConceptIndex, docs: np.ndarray,
                     prior: np.ndarray, policy: ConceptPolicy,
                     scorer: ConceptScorer | None) -> tuple[np.ndarray, np.ndarray]:
    cols, feats, df = scope_concepts(index, concepts, docs, prior)
    if scorer is not None:
        weight = scorer.score(feats)
    else:
        weight = df + policy.position_weight * feats[:, CONCEPT_FEATURES.index("early")] \
            * len(docs)
    min_df = max(policy.min_df, int(np.ceil(policy.min_df_share * len(docs))))
    if len(docs) < min_df:
        min_df = 1  # one or two documents: every concept counts
    keep = df >= min_df
    cols, weight = cols[keep], weight[keep]
    if len(cols) > policy.max_concepts:
        top = np.argsort(-weight, kind="stable")[: policy.max_concepts]
        cols, weight = cols[top], weight[top]
    return cols, weight


def select_concepts(index: SentenceIndex, concepts: ConceptIndex, candidates: np.ndarray,
                    prior: np.ndarray, prior_all: np.ndarray, *, words: int,
                    count: int | None = None, policy: ConceptPolicy = DEFAULT_CONCEPT_POLICY,
                    scorer: ConceptScorer | None = None) -> list[int]:
    """Sentence numbers (from ``candidates``) covering the most concept weight in ``words``.

    ``prior`` (aligned with ``candidates``) picks the pool and breaks ties;
    ``prior_all`` is every indexed sentence's in-document probability (a concept feature);
    ``count`` additionally caps the number of sentences; ``scorer`` overrides the
    shipped concept model (training uses it). Returns [] when no
    candidate stands alone (the caller falls back to its greedy selection).
    """
    candidates = np.asarray(candidates)
    prior = np.asarray(prior, dtype=float)
    # the scope: the documents of the best-scored candidates (a broad topic touches
    # most of a large corpus, its best sentences far fewer documents)
    docs = np.unique(index.doc_of[candidates[np.argsort(-prior, kind="stable")[: policy.pool]]])
    ok = standalone(index, candidates, policy) & (index.n_words[candidates] <= words)
    cands, prior = candidates[ok], prior[ok]
    if len(cands) == 0:
        return []
    top = np.argsort(-prior, kind="stable")[: policy.pool]
    cands, prior = cands[top], prior[top]
    if scorer is None and policy.learned:
        scorer = default_concept_scorer()
    cols, weight = concept_weights(index, concepts, docs, prior_all, policy, scorer)
    Bc = sp.csr_matrix(concepts.B[cands][:, cols])
    used = np.flatnonzero(np.asarray(Bc.sum(axis=0)).ravel() > 0)
    Bc, weight = Bc[:, used], weight[used]
    n, m = len(cands), len(used)
    lengths = index.n_words[cands].astype(float)
    span = prior.max() - prior.min()
    tie = policy.prior_weight * ((prior - prior.min()) / span if span > 0 else np.zeros(n))
    rows = [sp.hstack([sp.csr_matrix(lengths[None, :]), sp.csr_matrix((1, m))])]
    lo, hi = [0.0], [float(words)]
    if count is not None:
        rows.append(sp.hstack([sp.csr_matrix(np.ones((1, n))), sp.csr_matrix((1, m))]))
        lo.append(float(min(count, n)))  # exactly the count asked for, when possible
        hi.append(float(count))
    if m:
        # c_i <= sum of the picked sentences holding concept i
        rows.append(sp.hstack([-Bc.T, sp.identity(m)]))
        lo.extend([-np.inf] * m)
        hi.extend([0.0] * m)
    if n > policy.ilp_max_candidates:
        return _greedy(index, cands, Bc, weight, lengths, words, count, policy)
    if policy.centroid_weight and m:
        key = ("centroid", cands.tobytes(), policy.centroid_words)
        cosine = concepts.cache.get(key)
        if cosine is None:  # a whole-corpus summary asks for the same pool every time
            from bot.engine.ranking.centroid import centroid_cosines  # GloVe: only when on

            cosine = centroid_cosines(index, cands, policy.centroid_words)
            if len(concepts.cache) >= 32:
                concepts.cache.clear()
            concepts.cache[key] = cosine
        tie = tie + (policy.centroid_weight * np.sort(weight)[::-1][:20].sum()
                     * np.maximum(cosine, 0.0) * lengths / words)
    c = -np.concatenate([tie, weight])  # milp minimises
    sims = (index.X[cands] @ index.X[cands].T).tocoo()
    pairs = (sims.row < sims.col) & (sims.data > policy.redundancy)
    if pairs.any():
        a, b = sims.row[pairs], sims.col[pairs]
        k = len(a)
        P = sp.csr_matrix((np.ones(2 * k), (np.tile(np.arange(k), 2), np.concatenate([a, b]))),
                          shape=(k, n))
        rows.append(sp.hstack([P, sp.csr_matrix((k, m))]))
        lo.extend([0.0] * k)
        hi.extend([1.0] * k)
    A = sp.vstack(rows).tocsr()
    res = milp(c, constraints=LinearConstraint(A, lo, hi),
               integrality=np.concatenate([np.ones(n), np.zeros(m)]),
               bounds=Bounds(0, 1), options={"time_limit": policy.time_limit,
                                                     "mip_rel_gap": policy.mip_gap})
    if res.x is None:
        # e.g. a narrow topic: fewer candidates than the count asked for survive the
        # budget and the redundancy rule; the caller's ranker then fills the count
        log.info("concept ILP: no selection fits (%s); the ranker selects instead",
                 res.message)
        return []
    return [int(cands[j]) for j in np.flatnonzero(res.x[:n] > 0.5)]


def _greedy(index: SentenceIndex, cands: np.ndarray, Bc: sp.csr_matrix, weight: np.ndarray,
            lengths: np.ndarray, words: int, count: int | None,
            policy: ConceptPolicy) -> list[int]:
    """Budgeted greedy coverage (Lin and Bilmes 2010): repeatedly take the sentence of
    best uncovered weight per word that still fits, with the same redundancy rule;
    then keep it or the single best sentence, whichever covers more. Milliseconds
    for any pool, deterministic."""
    M = Bc.toarray() > 0
    covered = np.zeros(M.shape[1], dtype=bool)
    alive = np.ones(len(cands), dtype=bool)
    X = index.X[cands]
    S = (X @ X.T).toarray()
    used = 0.0
    picked: list[int] = []
    limit = count if count is not None else len(cands)
    while len(picked) < limit:
        fits = alive & (lengths <= words - used)
        if not fits.any():
            break
        gain = (M & ~covered) @ weight
        j = int(np.argmax(np.where(fits, gain / lengths, -np.inf)))
        if gain[j] <= 0 and count is None:
            break
        picked.append(j)
        used += lengths[j]
        covered |= M[j]
        alive[j] = False
        alive &= S[j] <= policy.redundancy
    best_single = int(np.argmax(np.where(lengths <= words, M @ weight, -np.inf)))
    if count is None and (M[best_single] @ weight) > (M[picked].any(axis=0) @ weight
                                                        if picked else 0.0):
        picked = [best_single]
    return [int(cands[j]) for j in picked]
