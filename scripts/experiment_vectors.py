"""Experiment: stacked features for the claim matcher's encoder stage (session 9, issue 11).

    OMP_NUM_THREADS=1 python scripts/experiment_vectors.py [--pairs FILE] [--seeds 0,1]
        [CANDIDATE ...]

``scripts/train_claims.py``'s held-out protocol (five outer folds; in each training part
the cheap stage, the encoder stage as shipped, the gate and the operating threshold chosen
on inner out-of-fold predictions), with one or more *stacked* features appended to the
encoder stage's input. A stacked feature is the logit of a separate logistic regression
over many raw inputs, fitted inside the training part: its value for a training pair is
out-of-fold (inner five folds), for a held-out pair it comes from the regression fitted
on the whole training part; its C is chosen inside the training part (inner out-of-fold
log-loss over ``GRID``). Candidates:

- ``base``: the shipped encoder stage (no stacked feature);
- ``vec``: |u - v| and u * v of the two MiniLM sentence vectors (768 inputs; the
  InferSent / Sentence-BERT classifier's interaction features), standardised;
- ``words``: per lower-cased word of the training part's vocabulary (seen in 2+ pairs),
  "in both sentences" and "in one only" (the sparse shared/unshared word features of
  Ji and Eisenstein 2013, without their re-weighting);
- ``wordsN``: the same over the words seen in N or more training pairs (``words`` = 2);
- ``bigrams``: as ``words`` over words and word bigrams;
- ``vec+words``: both stacked features.

Printed per candidate and fold seed: accuracy at 0.5 and at the best threshold, the
operating point's precision / recall of "same" without and with the comparer's vetoes.
The sentence vectors are computed once with the engine's encoder (``encoder().encode``,
the vectors the encoder stage already reads for its cosine) and kept in
``.briefbot-cache/msrp_vectors.npz``.

Results (session 9, held out; "base" = the model shipped before; seed 0 =
``bench_claims.py``'s folds; "op" = the operating point with the comparer's vetoes, P / R
of "same"; inner C of ``words``: 0.1 in every fold):

| candidate | acc at 0.5, seeds 0-3 | best acc, seeds 0-3 | op, seed 0 |
|---|---|---|---|
| base | .8005 .8013 .8018 .7996 | .8030 .8045 .8032 .8015 | 0.9175 / 0.6219 |
| vec (C 0.003: the lowest) | 0.7974 | 0.8013 | 0.9158 / 0.6164 |
| words (shipped) | .8089 .8081 .8047 .8052 | .8116 .8108 .8079 .8077 | 0.9178 / 0.6371 |
| words10 (words of 10+ pairs) | 0.8067 | 0.8079 | 0.9130 / 0.6331 |
| bigrams (words and word bigrams) | 0.8111 | 0.8131 | 0.9137 / 0.6342 |
| vec+words | 0.8091 | 0.8091 | 0.9177 / 0.6317 |

``words`` was the first variant designed and is the one shipped (``claims.WORD_FEATURES``,
fitted by ``train_claims.py``, whose held-out run gives the same accuracies on seed 0 and
P / R 0.918 / 0.6386 at the operating point: it computes the feature from the exported,
rounded weights, so a few pairs sit on the other side of a threshold); the
sentence-vector interactions add nothing (their regression alone is weak: the inner
log-loss picks the strongest regularisation), ``words10`` and ``vec+words`` are no better,
``bigrams`` is within the noise (+0.002, 9 pairs) at a lower operating precision and a
vocabulary several times larger.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_claims as tc  # noqa: E402

from bot.engine.compare.claims import _WORD, read_pairs, veto, word_set  # noqa: E402

log = logging.getLogger("experiment_vectors")
CACHE = ROOT / ".briefbot-cache" / "msrp_vectors.npz"
GRID = (0.003, 0.01, 0.03, 0.1, 0.3)
Stacker = Callable[[np.ndarray, np.ndarray, float], Callable[[np.ndarray], np.ndarray]]


def vectors(pairs: list[tuple[str, str]], cache: Path = CACHE) -> tuple[np.ndarray, np.ndarray]:
    """The MiniLM sentence vectors of each pair's two sentences (cached by the pairs)."""
    key = hashlib.sha1("\n".join(a + "\t" + b for a, b in pairs).encode()).hexdigest()
    if cache.is_file():
        data = np.load(cache)
        if str(data["key"]) == key:
            return data["u"], data["v"]
    from bot.engine.encoder import encoder

    enc = encoder()
    if enc is None:
        raise SystemExit("the sentence encoder is not installed")
    texts = list(dict.fromkeys(t for p in pairs for t in p))
    vec: dict[str, np.ndarray] = {}
    for start in range(0, len(texts), 512):
        chunk = texts[start:start + 512]
        vec.update(zip(chunk, enc.encode(chunk), strict=True))
    u = np.array([vec[a] for a, _ in pairs])
    v = np.array([vec[b] for _, b in pairs])
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, key=key, u=u, v=v)
    return u, v


def interactions(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.hstack([np.abs(u - v), u * v])


def _words(text: str, bigrams: bool) -> frozenset[str]:
    """``claims.word_set`` (the shipped feature's words), with bigrams when asked."""
    w = [t.lower() for t in _WORD.findall(text)]
    return word_set(text) | ({f"{p} {q}" for p, q in itertools.pairwise(w)} if bigrams
                             else frozenset())


def word_sets(pairs: list[tuple[str, str]], bigrams: bool = False) -> tc.WordSets:
    return [(_words(a, bigrams), _words(b, bigrams)) for a, b in pairs]


def _lr(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, solver="lbfgs", random_state=tc.SEED)


def dense_stacker(raw: np.ndarray) -> Stacker:
    def fit(idx: np.ndarray, y: np.ndarray, c: float) -> Callable[[np.ndarray], np.ndarray]:
        scaler = StandardScaler().fit(raw[idx])
        model = _lr(c).fit(scaler.transform(raw[idx]), y)
        return lambda j: model.decision_function(scaler.transform(raw[j]))
    return fit


def words_stacker(sets: tc.WordSets, least: int = 2) -> Stacker:
    def fit(idx: np.ndarray, y: np.ndarray, c: float) -> Callable[[np.ndarray], np.ndarray]:
        count: dict[str, int] = {}
        for i in idx:
            for w in sets[i][0] | sets[i][1]:
                count[w] = count.get(w, 0) + 1
        vocab = {w: k for k, w in enumerate(sorted(w for w, n in count.items() if n >= least))}
        model = _lr(c).fit(tc._word_matrix([sets[i] for i in idx], vocab), y)
        return lambda j: model.decision_function(tc._word_matrix([sets[i] for i in j], vocab))
    return fit


def _logloss(z: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y)))


def stacked(stacker: Stacker, tr: np.ndarray, te: np.ndarray, y: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, float]:
    """The stacked feature inside one training part: inner out-of-fold logits for ``tr``
    at the C with the lowest inner log-loss, and the logits of ``te`` from the regression
    fitted on all of ``tr`` at that C."""
    folds = list(StratifiedKFold(tc.FOLDS, shuffle=True, random_state=tc.SEED)
                 .split(tr, y[tr]))
    best: tuple[float, float, np.ndarray] | None = None
    for c in GRID:
        z = np.zeros(len(tr))
        for a, b in folds:
            z[b] = stacker(tr[a], y[tr[a]], c)(tr[b])
        loss = _logloss(z, y[tr])
        if best is None or loss < best[0]:
            best = (loss, c, z)
    assert best is not None
    _, c, z_tr = best
    return z_tr, stacker(tr, y[tr], c)(te), c


def held_out(x: np.ndarray, e: np.ndarray, y: np.ndarray, stackers: list[Stacker]
             ) -> dict[str, object]:
    """``train_claims.held_out`` (the two stages) with the stacked features appended."""
    n = len(y)
    p, t = np.zeros(n), np.zeros(n)
    chosen = []
    for tr, te in StratifiedKFold(tc.FOLDS, shuffle=True, random_state=tc.SEED).split(x, y):
        z_tr, z_te = [], []
        for s in stackers:
            a, b, c = stacked(s, tr, te, y)
            z_tr.append(a)
            z_te.append(b)
            chosen.append(c)
        xe_tr = np.hstack([x[tr], e[tr], *(z[:, None] for z in z_tr)])
        xe_te = np.hstack([x[te], e[te], *(z[:, None] for z in z_te)])
        p1, p2 = tc._oof(x[tr], y[tr]), tc._oof_deep(xe_tr, y[tr])
        gate = tc.choose_gate(p1, p2)
        pc = tc._predict(tc._fit(x[tr], y[tr]), x[te])
        p[te] = tc.combine(pc, tc._predict_deep(tc._fit_deep(xe_tr, y[tr]), xe_te), gate)
        t[te] = tc.choose_threshold(tc.combine(p1, p2, gate), y[tr])
    return {"p": p, "t": t, "C": chosen}


def scores(p: np.ndarray, t: np.ndarray, y: np.ndarray, vetoed: np.ndarray) -> dict[str, float]:
    op = tc._operating(p, t, y)
    said = (p >= t) & ~vetoed
    tp = float((said & (y == 1)).sum())
    best = tc._best(p, y)
    return {"acc_0.5": tc.metrics(p, y, 0.5)["accuracy"], "best_acc": best["accuracy"],
            "best_t": best["threshold"], "op_P": op["precision"], "op_R": op["recall"],
            "op_vetoes_P": round(tp / max(int(said.sum()), 1), 4),
            "op_vetoes_R": round(tp / float((y == 1).sum()), 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=tc.DEFAULT_PAIRS)
    parser.add_argument("--seeds", default="0", help="fold seeds, comma-separated")
    parser.add_argument("--save", type=Path, help="keep held-out p / t per candidate (.npz)")
    parser.add_argument("candidates", nargs="*", default=["base", "vec", "words", "vec+words"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pairs, labels = read_pairs(args.pairs)
    y = np.array(labels)
    x, e = tc.msrp_features(pairs)
    u, v = vectors(pairs)
    made = {"vec": lambda: dense_stacker(interactions(u, v)),
            "words": lambda: words_stacker(word_sets(pairs)),
            "bigrams": lambda: words_stacker(word_sets(pairs, bigrams=True))}
    vetoed = np.array([veto(a, b) is not None for a, b in pairs], dtype=bool)
    for seed in (int(s) for s in args.seeds.split(",")):
        tc.SEED = seed
        for cand in args.candidates:
            parts = [] if cand == "base" else [
                words_stacker(word_sets(pairs), int(k[5:])) if re.fullmatch(r"words\d+", k)
                else made[k]() for k in cand.split("+")]
            h = held_out(x, e, y, parts)
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                np.savez(args.save / f"{cand}_{seed}.npz", p=h["p"], t=h["t"])
            print(json.dumps({"candidate": cand, "seed": seed, "C": h["C"],
                              **scores(h["p"], h["t"], y, vetoed)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
