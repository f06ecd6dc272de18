"""The comparison's faster helpers give what the plain numpy or scikit-learn code gave.

A first /compare after load must stay fast on a slow machine (issue 11), so some helpers
of the comparer and the claim matcher take shortcuts: these tests hold them to the values
of the straightforward code they replace, bit for bit, on the seed articles' sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from bot.corpus.loader import load_corpus
from bot.engine import angles
from bot.engine.compare import claims
from bot.engine.compare.comparer import _column_counts, _most_distinct, unit_rows

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    corpus = load_corpus(SEEDS)
    return [s.text for d in corpus.documents.values() for s in d.sentences]


def test_unit_rows_is_sklearn_normalize_bit_for_bit() -> None:
    from sklearn.preprocessing import normalize

    m = sparse.random(40, 300, density=0.05, random_state=4, format="csr") * 7.3
    m = sparse.csr_matrix(sparse.diags(np.r_[np.ones(5), 0.0, np.ones(34)]) @ m)  # row 5 empty
    assert m[5].nnz == 0
    for x in (m, sparse.csr_matrix(m.sum(axis=0)), m.astype(np.float32)):
        got, want = unit_rows(x), normalize(x)
        assert got.dtype == want.dtype
        assert np.array_equal(got.toarray(), want.toarray())
    before = m.toarray()
    unit_rows(m)
    assert np.array_equal(m.toarray(), before)  # a copy: the argument is left as it was


def _reference_top(shares: np.ndarray, g: int, count: int) -> list[int]:
    others = np.delete(shares, g, axis=0).mean(axis=0) if len(shares) > 1 else 0
    distinct = shares[g] - others
    return [int(t) for t in np.argsort(-distinct)[:count] if distinct[t] > 0]


@pytest.mark.parametrize("sources", [1, 2, 3, 10, 20])
def test_most_distinct_terms_are_the_full_sorts(sources: int) -> None:
    rng = np.random.default_rng(sources)
    weights = rng.random((sources, 2_000)) ** 4
    weights[weights < 0.2] = 0.0
    shares = weights / weights.sum(axis=1, keepdims=True)
    for g in range(sources):
        assert _most_distinct(shares, g, 18) == _reference_top(shares, g, 18)


def test_most_distinct_terms_with_equal_excesses_keep_the_full_sorts_order() -> None:
    shares = np.array([[0.2, 0.2, 0.1, 0.0, 0.3, 0.2], [0.1, 0.1, 0.0, 0.5, 0.3, 0.0],
                       [0.1, 0.1, 0.3, 0.2, 0.1, 0.2]])
    for g in range(3):
        for count in (1, 2, 3, 6):
            assert _most_distinct(shares, g, count) == _reference_top(shares, g, count)


def test_column_counts_count_rows_with_a_positive_value() -> None:
    m = sparse.random(30, 200, density=0.1, random_state=5, format="csr")
    assert np.array_equal(_column_counts(m), np.asarray((m > 0).sum(axis=0)).ravel())
    odd = sparse.csr_matrix((np.array([1.0, 2.0, -1.0]), np.array([3, 3, 4]),
                             np.array([0, 3])), shape=(1, 6))  # duplicate entries
    assert not odd.has_canonical_format
    assert np.array_equal(_column_counts(odd), np.asarray((odd > 0).sum(axis=0)).ravel())


def _reference_soft(a: claims._Side, b: claims._Side) -> tuple[float, float]:
    """The soft alignment as first written: np.where over np.clip."""
    if not a.content:
        return 0.0, 0.0
    if not b.content:
        return 0.0, 1.0
    bset = set(b.content)
    if a.vectors is None or b.vectors is None:
        exact = np.array([1.0 if w in bset else 0.0 for w in a.content])
    else:
        exact = (a.vectors @ b.vectors.T).max(axis=1)
        exact = np.where([w in bset for w in a.content], 1.0, np.clip(exact, 0.0, 1.0))
    total = float(a.weights.sum())
    return (float((exact * a.weights).sum()) / total,
            float(a.weights[exact < claims.SOFT_MATCH].sum()) / total)


def _pairs(sentences: list[str]) -> list[tuple[str, str]]:
    return [*pairwise(sentences), *((s, s) for s in sentences[:20]), ("", sentences[0]),
            (sentences[0], ""),
            ("Over 160 people were killed.", "More than 160 people died, officials said.")]


@pytest.mark.parametrize("vectors", [True, False])
def test_soft_alignment_and_weighted_overlap_are_the_plain_formulas(sentences, vectors):
    m = claims.ClaimMatcher(vectors=vectors, encoder=False)
    for a, b in _pairs(sentences):
        sa, sb = m.side(a), m.side(b)
        for x, y in ((sa, sb), (sb, sa)):
            assert claims._soft(x, y) == _reference_soft(x, y)
            assert claims._soft(x, y, set(x.content) & set(y.content)) == _reference_soft(x, y)
            shared = set(x.content) & set(y.content)
            weights = {w: float(v) for w, v in zip(x.content, x.weights, strict=True)}
            assert claims._shared_weight(x, shared) == sum(weights[w] for w in x.content
                                                           if w in shared)
            assert x.weight_sum == sum(weights.values())


def _reference_side(best: np.ndarray, content: np.ndarray, number: np.ndarray) -> list[float]:
    rc = best[content] if content.any() else best
    return [float(rc.mean()), float(rc.min()), float((rc < 0.5).mean()),
            float((rc < 0.6).mean()), float((rc < 0.4).mean()),
            float(best[number].min()) if number.any() else 1.0]


def test_encoder_side_shares_are_numpys_means_of_booleans() -> None:
    rng = np.random.default_rng(7)
    for n in (1, 2, 7, 13, 40):
        best = rng.random(n).astype(np.float32)
        content, number = rng.random(n) < 0.6, rng.random(n) < 0.2
        assert claims._encoder_side(best, content, number) == _reference_side(best, content,
                                                                              number)


def test_alignment_features_are_the_same_with_or_without_the_maxima_given() -> None:
    rng = np.random.default_rng(8)
    for shape in ((3, 5), (12, 9), (30, 41)):
        sim = rng.random(shape).astype(np.float32) * 2 - 1
        ca, cb = rng.random(shape[0]) < 0.7, rng.random(shape[1]) < 0.7
        plain = claims._alignment_features(sim, ca, cb)
        assert plain == claims._alignment_features(sim, ca, cb, sim.max(axis=1),
                                                   sim.max(axis=0))
        assert len(plain) == len(claims._NO_ALIGNMENT)


def _reference_occurrences(word: str, texts: list[str]
                           ) -> tuple[int, Counter[str], Counter[str]]:
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    total, runs, opening = 0, Counter(), Counter()
    for text in texts:
        for m in pattern.finditer(text):
            if angles._SENTENCE_START.match(text[:m.start()]):
                continue
            total += 1
            if not m.group(0)[0].isupper():
                continue
            for run in angles._NAME_RUN.finditer(text):
                if run.start() <= m.start() < run.end():
                    name, opens = angles._name_in(text, run.start(), run.group(0), m.start())
                    runs[name] += 1
                    opening[name] += opens
                    break
    return total, runs, opening


def test_term_occurrences_are_the_plain_scans(sentences) -> None:
    texts = [*sentences[:60], "The KELVIN scale (\u212a) is not the Old City.",
             "Caf\u00e9 owners in the Old City said the old city was empty."]
    for word in ("old", "city", "mosul", "isis", "forces", "k", "caf\u00e9", "the", "zzz"):
        assert angles._occurrences(word, texts) == _reference_occurrences(word, texts)


def test_prefetch_cuts_word_pieces_as_the_batch_tokenizer_does(sentences) -> None:
    from bot.engine.encoder import encoder

    enc = encoder()
    if enc is None:
        pytest.skip("the encoder is not installed")
    texts = [*sentences[:50], "word " * 300]  # one past MAX_TOKENS: cut the same way
    batch = enc._tokenizer.encode_batch(texts)
    assert [e.ids for e in enc._pieces(texts)] == [e.ids for e in batch]


def _reference_pool(comparer, clauses, cross, rows) -> list[int]:
    """The sentences judged by meaning as first written: the vetoes in ``cross`` first,
    then the candidates walked closest first."""
    from bot.engine.compare import comparer as comparer_module

    vetoed = cross.copy()
    comparer._veto_disagreements(vetoed, clauses, rows)
    i_idx, j_idx = comparer_module._candidates(vetoed)
    chosen: dict[int, None] = {}
    for k in np.argsort(-vetoed[i_idx, j_idx], kind="stable"):
        pair = (clauses[int(i_idx[k])].row, clauses[int(j_idx[k])].row)
        if len(chosen.keys() | set(pair)) > comparer_module.ENCODE_CANDIDATES:
            break
        chosen.update(dict.fromkeys(pair))
    return list(chosen)


def test_sentences_judged_by_meaning_skip_vetoed_pairs_as_met(monkeypatch) -> None:
    """The pool is chosen before the whole pool's vetoes are read; a vetoed pair met on the
    way is skipped, so the choice is the one made after all vetoes."""
    from bot.corpus.model import Corpus, Document, Sentence
    from bot.engine.compare import comparer as comparer_module
    from bot.engine.compare.align import Clause

    texts = ["Officials said the hurricane killed 239 people in El Salvador on Monday.",
             "Officials said the hurricane killed 140 people in El Salvador on Monday.",
             "Rescue teams reached the coast of Honduras after the storm passed.",
             "Rescue teams reached the Honduran coast once the storm had passed.",
             "Aid agencies flew food and water to the flooded towns of Nicaragua.",
             "Aid agencies sent food and water to flooded towns in Nicaragua."]
    docs = {f"d{k}": Document(f"d{k}", f"D{k}", [Sentence(t, f"d{k}", 0)], source=f"s{k}")
            for k, t in enumerate(texts)}
    comparer = comparer_module.Comparer(Corpus(Path("."), docs))
    if comparer.point_model is None:
        pytest.skip("the point model or the encoder is not installed")
    monkeypatch.setattr(comparer_module, "ENCODE_POOL", 2)
    monkeypatch.setattr(comparer_module, "ENCODE_CANDIDATES", 4)
    clauses = [Clause(k, t) for k, t in enumerate(texts)]
    rows = list(range(len(texts)))
    cross = np.zeros((6, 6))
    for (i, j), v in {(0, 1): 0.9, (2, 3): 0.8, (4, 5): 0.7, (1, 2): 0.5, (0, 4): 0.3}.items():
        cross[i, j] = cross[j, i] = v
    before = cross.copy()
    # a corpus of at most ENCODE_CORPUS sentences judges its whole pool by meaning
    assert comparer._semantic_pool(clauses, cross, rows) == rows
    monkeypatch.setattr(comparer_module, "ENCODE_CORPUS", 5)  # one sentence more: capped
    pool = comparer._semantic_pool(clauses, cross, rows)
    assert np.array_equal(cross, before)  # the vetoes are not written here
    assert pool == _reference_pool(comparer, clauses, cross, rows) == [2, 3, 4, 5]
    disagree = comparer._veto_disagreements(cross, clauses, rows)
    assert (0, 1) in disagree and cross[0, 1] == 0.0


def test_prefetched_runs_enter_the_cache_as_each_ends(encoder_runs) -> None:
    """A caller sees a prefetch's texts as their run ends (``ready``, ``stored``), and what
    it reads then is what the encoder computes for them."""
    from bot.engine.encoder import encoder

    enc = encoder()
    if enc is None:
        pytest.skip("the encoder is not installed")
    short = [f"Rates rose {k} times." for k in range(3)]
    long_ = [" ".join(["The central bank raised its main interest rate again"] * 6) + f" {k}."
             for k in range(3)]
    with enc._lock:
        for t in short + long_:
            enc._cache.pop(t, None)
    assert not enc.ready(short[:1])
    threads = encoder_runs(enc)
    seen = enc.stored
    job = enc.prefetch(short + long_)
    job.result()
    enc.wait_stored(seen + 2, 5.0)  # the prefetch's end is counted too (its callback)
    # one prefetch (one _run) of two session runs, short and long texts: each run stored
    assert len(threads) == 1 and enc.stored >= seen + 3
    assert enc.ready(short) and enc.ready(long_)
    got = enc.encode(short + long_)
    assert len(threads) == 1  # read from the cache: no run more
    with enc._lock:
        for t in short + long_:
            enc._cache.pop(t, None)
    assert np.array_equal(enc.encode(short + long_), got)


def test_texts_the_candidates_by_meaning_need_are_queued_before_the_encoder_is_done(
        monkeypatch) -> None:
    """Once the pool is encoded the candidates by meaning are known, so the texts the
    matcher will ask about them are queued then (``Comparer._queue_questions``), not
    encoded in a last run after the others: nothing is encoded once the matcher asks
    (``deep_texts``), and the answer is the one asking late gives."""
    from bot.engine import Engine
    from bot.engine.compare import comparer as comparer_module

    comparer = Engine(load_corpus(SEEDS)).comparer
    enc = comparer._encoder
    if comparer.point_model is None or enc is None:
        pytest.skip("the point model or the encoder is not installed")
    events: list[str] = []
    queued: list[int] = []
    run, deep_texts = enc._run, comparer.matcher.deep_texts
    queue = comparer_module.Comparer._queue_questions

    def spy_run(*args, **kwargs):
        events.append("run")
        return run(*args, **kwargs)

    def spy_deep_texts(pairs):
        events.append("late")
        return deep_texts(pairs)

    def spy_queue(self, *args):
        pending = args[-1]
        before = len(pending)
        out = queue(self, *args)
        queued.append(len(pending) - before)
        return out

    monkeypatch.setattr(enc, "_run", spy_run)
    monkeypatch.setattr(comparer.matcher, "deep_texts", spy_deep_texts)
    monkeypatch.setattr(comparer_module.Comparer, "_queue_questions", spy_queue)
    with enc._lock:
        enc._cache.clear()
    early = comparer.compare(topic="Mosul").to_dict()
    assert "late" in events and "run" not in events[events.index("late"):]
    assert sum(queued) >= 1  # a text neither the pool nor the overlap candidates held

    monkeypatch.setattr(comparer_module.Comparer, "_queue_questions",
                        lambda self, *args: [])
    events.clear()
    with enc._lock:
        enc._cache.clear()
    late = comparer.compare(topic="Mosul").to_dict()
    assert "run" in events[events.index("late"):]  # asked late, the text is encoded then
    assert late == early



def test_a_small_corpus_is_encoded_whole_at_load(monkeypatch) -> None:
    """warm() encodes every sentence of a corpus of at most ENCODE_CORPUS sentences (its
    comparisons judge their whole pool by meaning), and none of a larger one's."""
    from bot.corpus.model import Corpus, Document, Sentence
    from bot.engine.compare import comparer as comparer_module

    def corpus(tag: str) -> tuple[Corpus, list[str]]:
        texts = [f"The {tag} council of district {k} met on Monday to discuss the new budget."
                 for k in range(4)]
        docs = {f"d{k}": Document(f"d{k}", f"D{k}", [Sentence(t, f"d{k}", 0)],
                                  source=f"s{k}") for k, t in enumerate(texts)}
        return Corpus(Path("."), docs), texts

    small, small_texts = corpus("northern")
    comparer = comparer_module.Comparer(small)
    if comparer.point_model is None:
        pytest.skip("the point model or the encoder is not installed")
    comparer.warm()
    assert comparer._encoder is not None and comparer._encoder.ready(small_texts)
    monkeypatch.setattr(comparer_module, "ENCODE_CORPUS", 3)
    large, large_texts = corpus("southern")
    comparer = comparer_module.Comparer(large)
    comparer.warm()
    assert comparer._encoder is not None
    assert not any(comparer._encoder.ready([t]) for t in large_texts)
