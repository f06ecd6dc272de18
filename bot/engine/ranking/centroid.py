"""How close each candidate sentence is to the scope's embedding centroid (Rossiello et al. 2017).

"Centroid-based text summarization through compositionality of word embeddings": the
centroid is the sum of the word vectors of the scope's most telling words, a sentence
is the sum of its content words' vectors, and a sentence close to the centroid says
what the scope is about even in other words than the ones the concepts count. Here
it is an optional term of the concept ILP's objective (``ConceptPolicy.centroid_weight``,
off by default: +0.19 R-1 held-out on DUC 2004 dev, see scripts/train_concepts.py),
not a selection of its own.

The telling words are those found in the most documents, weighed by rarity (the
GloVe frequency rank as an IDF stand-in, as the claim matcher does), counted over the
candidate pool itself (a few hundred sentences at most, so a whole-corpus summary of a
large corpus does not tokenise every sentence). Word vectors: GloVe 6B 50-d
(:func:`bot.engine.compare.vectors.glove`); without them every cosine is 0 and the
ILP is the plain concept coverage.
"""

from __future__ import annotations

import logging

import numpy as np

from bot.engine.compare.vectors import WordVectors, glove
from bot.engine.ranking import text as tx
from bot.engine.ranking.index import SentenceIndex

log = logging.getLogger(__name__)


def _content_words(text: str) -> list[str]:
    return [t for t in tx.tokens(text) if t.isalpha() and t not in tx.NLTK_STOP_WORDS]


def centroid_cosines(index: SentenceIndex, cands: np.ndarray, top_words: int,
                     vectors: WordVectors | None = None) -> np.ndarray:
    """Cosine of every candidate's summed word vectors to the pool's centroid (0 without
    vectors)."""
    g = vectors if vectors is not None else glove()
    if g is None or len(cands) == 0:
        return np.zeros(len(cands))
    dim = g.matrix.shape[1]
    sentence = np.zeros((len(cands), dim), dtype=np.float32)
    docs_of: dict[str, set[int]] = {}
    for k, row in enumerate(np.asarray(cands, dtype=np.int64)):
        doc = int(index.doc_of[row])
        for word in _content_words(index.sentences[row].text):
            r = g.rows.get(word)
            if r is None:
                continue
            sentence[k] += g.matrix[r]
            docs_of.setdefault(word, set()).add(doc)
    if not docs_of:
        return np.zeros(len(cands))
    telling = sorted(docs_of, key=lambda w: (-len(docs_of[w]) * g.weight(w), w))[:top_words]
    centre = g.matrix[[g.rows[w] for w in telling]].sum(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    norms = np.maximum(np.linalg.norm(sentence, axis=1), 1e-6)
    return (sentence @ centre) / norms
