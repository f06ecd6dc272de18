"""Experiment: more features from MiniLM's word-piece cosine matrix ("struct", "blocks" shipped).

    python scripts/experiment_alignment.py [--pairs FILE] [--seeds 0,1,2,3] [VARIANT ...]

For every MSRP training pair the encoder stage already computes the cosine matrix of the
two sentences' word-piece states (``encoder_pair_features``). This script tries more
features from that matrix, appended to the 17 ENCODER_FEATURES it had before session 6
(``BASE``: the "struct" and "blocks" sets below are now the last 21 of them), and re-runs
``scripts/train_claims.py``'s held-out protocol unchanged (``train_claims.held_out``: the
same five folds, C, gate and operating threshold chosen inside the training folds).
It prints, per variant, the held-out best accuracy and the operating point's precision and
recall of "same", without and with the comparer's vetoes (``bench_claims.py``'s
"operating"). Variants:

- ``k6`` / ``k6i`` / ``k6c`` / ``k6ci``: K-NRM kernel pooling (Xiong et al. 2017): for
  each piece of one side, log(1 + sum over the other side of exp(-(s - mu)^2 / 2 sigma^2))
  for mu 1.0 (sigma 0.02), 0.9, 0.7, 0.5, 0.3, 0.1 (sigma 0.1), mean over pieces, both
  directions as min / max; ``i`` weights the mean by the matcher's word weights (GloVe
  rank IDF), ``c`` keeps content pieces only; ``k11`` / ``k11ci`` 11 kernels (sigma 0.05);
- ``bins``: shares of content pieces whose best match falls in [.., 0.4, 0.5, 0.6, 0.7,
  0.8, 0.9, ..] (the aligned-but-different band included);
- ``idfun``: word-weighted best-match mean and unaligned shares (< 0.4-0.7, 0.5-0.8);
- ``ot``: a one-to-one alignment (``scipy.optimize.linear_sum_assignment``): mean
  assigned cosine, per side the content pieces' mean and shares below 0.5 / 0.7
  (unassigned pieces count 0);
- ``mutual`` / ``mutual2``: shares of pieces whose best match's best match is themselves
  (all, content, content at >= 0.7);
- ``runs``: the longest run of consecutive pieces not mutually aligned at >= 0.6 (log and
  share of the side), an added clause; ``runs2`` the same at 0.5 / 0.7 and content only;
- ``order``: Kendall's tau of the mutually aligned pieces' positions;
- ``ends``: shares of each side in its unaligned head and tail; ``blocks``: the longest
  block of pieces aligned in sequence, and the number of blocks of 3+ (shipped in session
  7: the engine's ``claims._blocks``, as shares of the longer / shorter side; session 6's
  figures below were of the shares of side a / side b);
- ``struct`` = ot + mutual2 + runs + order; ``all`` = k6i + ot + idfun + mutual;
  ``ot+mutual``, ``struct2`` (+ runs2), ``struct+k6i``, ``struct+ends``, ``struct+blocks``.

Since session 7 ``train_claims.held_out`` fits the encoder stage as the mean of its
logistic regression and boosted trees (``scripts/experiment_learner.py``), so a run now
scores every variant with that learner; session 6's figures were of the regression alone.

``--seeds`` re-runs the folds with other seeds; ``--nested`` also scores the choice among
the variants made inside each outer fold's training part (inner out-of-fold accuracy),
the honest figure for "the best variant", since the variants were designed on these folds.
Results: QUALITY.md's "Word-piece alignment features" paragraph.

The states are computed once with the engine's encoder and kept in
``.briefbot-cache/msrp_pieces.pkl`` (about 40 s for the 7,816 sentences); a run of all
variants then takes about a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_claims as tc  # noqa: E402

from bot.engine.compare.claims import (  # noqa: E402
    ENCODER_FEATURES,
    ClaimMatcher,
    _alignment_features,
    _longest_run,
    _piece_kinds,
    encoder_pair_features,
    read_pairs,
    veto,
)
from bot.engine.compare.vectors import glove  # noqa: E402
from bot.engine.encoder import encoder  # noqa: E402

log = logging.getLogger("experiment_alignment")
CACHE = ROOT / ".briefbot-cache" / "msrp_pieces.pkl"
Kinds = tuple[np.ndarray, np.ndarray]
Feature = Callable[[np.ndarray, Kinds, Kinds, np.ndarray, np.ndarray], np.ndarray]
BASE = ENCODER_FEATURES.index("assign_mean")  # the encoder features before "struct" shipped


def load(pairs: list[tuple[str, str]], cache: Path = CACHE) -> dict[str, object]:
    """Cheap and encoder features of every pair (the engine's code), each sentence's
    word-piece states, kinds and word weights; cached by the pairs."""
    key = hashlib.sha1("\n".join(a + "\t" + b for a, b in pairs).encode()).hexdigest()
    if cache.is_file():
        with cache.open("rb") as fh:
            data = pickle.load(fh)  # our own cache
        if data.get("key") == key:
            return data
    enc = encoder()
    if enc is None:
        raise SystemExit("the sentence encoder is not installed")
    texts = list(dict.fromkeys(t for p in pairs for t in p))
    vecs: dict[str, np.ndarray] = {}
    states: dict[str, np.ndarray] = {}
    for start in range(0, len(texts), 512):
        chunk = texts[start:start + 512]
        for t, v, s in zip(chunk, enc.encode(chunk), enc.tokens(chunk), strict=True):
            vecs[t], states[t] = v, s
    kinds = {t: _piece_kinds(t) for t in texts}
    x = ClaimMatcher(weights=Path("/nonexistent")).features(pairs)
    e = np.array([encoder_pair_features(vecs[a], vecs[b], states[a], states[b],
                                        kinds[a], kinds[b])[:BASE] for a, b in pairs])
    data = {"key": key, "x": x, "e": e, "states": states, "kinds": kinds,
            "weights": {t: _piece_weights(t) for t in texts}}
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(data, fh)
    return data


def _piece_weights(text: str) -> np.ndarray:
    """The matcher's word weight (GloVe rank IDF) of each word piece's word."""
    from bot.engine.compare.claims import _piece_tokenizer
    tok, vectors = _piece_tokenizer(), glove()
    words: list[str] = []
    idx: list[int] = []
    for p in tok.encode(text).tokens[1:-1] if tok is not None else []:
        if p.startswith("##") and words:
            words[-1] += p[2:]
        else:
            words.append(p)
        idx.append(len(words) - 1)
    return np.array([vectors.weight(words[i]) if vectors is not None else 1.0 for i in idx])


def _minmax(rows: list[list[float]] | np.ndarray) -> np.ndarray:
    a = np.asarray(rows, dtype=np.float64)
    return np.concatenate([a.min(axis=0), a.max(axis=0)])


def _kernel_pool(sim: np.ndarray, mus: np.ndarray, sigmas: np.ndarray,
                 w: np.ndarray) -> np.ndarray:
    k = np.exp(-(sim[:, :, None] - mus) ** 2 / (2 * sigmas ** 2)).sum(axis=1)
    return (np.log1p(k) * w[:, None]).sum(axis=0) / max(float(w.sum()), 1e-9)


def kernels(mus: list[float], sigmas: list[float], content: bool, idf: bool) -> Feature:
    m, s = np.array(mus), np.array(sigmas)

    def feature(sim: np.ndarray, ka: Kinds, kb: Kinds, wa: np.ndarray,
                wb: np.ndarray) -> np.ndarray:
        if content and ka[0].any() and kb[0].any():
            sim, wa, wb = sim[np.ix_(ka[0], kb[0])], wa[ka[0]], wb[kb[0]]
        if not idf:
            wa, wb = np.ones(sim.shape[0]), np.ones(sim.shape[1])
        return _minmax([_kernel_pool(sim, m, s, wa), _kernel_pool(sim.T, m, s, wb)])
    return feature


K6 = ([1.0, 0.9, 0.7, 0.5, 0.3, 0.1], [0.02] + [0.1] * 5)
K11 = ([1.0, 0.95, 0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.25, 0.15, 0.05], [0.02] + [0.05] * 10)


def _sides(sim: np.ndarray, ka: Kinds, kb: Kinds) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(sim.max(axis=1), ka[0]), (sim.max(axis=0), kb[0])]


def bins(sim: np.ndarray, ka: Kinds, kb: Kinds, wa: np.ndarray, wb: np.ndarray) -> np.ndarray:
    edges = [-1.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    rows = []
    for best, content in _sides(sim, ka, kb):
        r = best[content] if content.any() else best
        rows.append(np.histogram(r, edges)[0] / len(r))
    return _minmax(rows)


def idfun(sim: np.ndarray, ka: Kinds, kb: Kinds, wa: np.ndarray, wb: np.ndarray) -> np.ndarray:
    rows = []
    for (best, content), w in zip(_sides(sim, ka, kb), (wa, wb), strict=True):
        if content.any():
            best, w = best[content], w[content]
        w = w / w.sum()
        rows.append([(best * w).sum(), *((w * (best < t)).sum() for t in (0.4, 0.5, 0.6, 0.7)),
                     (w * ((best >= 0.5) & (best < 0.8))).sum()])
    return _minmax(rows)


def _struct(sim: np.ndarray, ka: Kinds, kb: Kinds) -> np.ndarray:
    """The shipped "struct" and "blocks" features (``claims._alignment_features``, the
    ENCODER_FEATURES from BASE on), so the experiment scores the engine's own code."""
    return np.asarray(_alignment_features(sim, ka[0], kb[0]))


# the parts of "struct", in the engine's order: assignment 7, mutual 6, runs 4, order 1
# and (session 7) the aligned blocks 3
STRUCT_PARTS = {"ot": slice(0, 7), "mutual2": slice(7, 13), "runs": slice(13, 17),
                "order": slice(17, 18), "blocks": slice(18, 21)}


def _struct_part(name: str) -> Feature:
    part = STRUCT_PARTS[name]

    def feature(sim: np.ndarray, ka: Kinds, kb: Kinds, wa: np.ndarray,
                wb: np.ndarray) -> np.ndarray:
        return _struct(sim, ka, kb)[part]
    return feature


def _mutual(sim: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    am, bm = sim.argmax(axis=1), sim.argmax(axis=0)
    return bm[am] == np.arange(sim.shape[0]), am[bm] == np.arange(sim.shape[1]), am


def mutual(sim: np.ndarray, ka: Kinds, kb: Kinds, wa: np.ndarray, wb: np.ndarray) -> np.ndarray:
    ma, mb, _ = _mutual(sim)
    return _minmax([[(m[k] if k.any() else m).mean()] for m, k in ((ma, ka[0]), (mb, kb[0]))])


def runs2(sim: np.ndarray, ka: Kinds, kb: Kinds, wa: np.ndarray, wb: np.ndarray) -> np.ndarray:
    ma, mb, _ = _mutual(sim)
    rows = []
    for m, (best, content) in zip((ma, mb), _sides(sim, ka, kb), strict=True):
        row: list[float] = []
        for t in (0.5, 0.7):
            n = _longest_run(~m | (best < t))
            row += [float(np.log1p(n)), n / len(m)]
        rows.append([*row, float(np.log1p(_longest_run((~m | (best < 0.6)) & content)))])
    return _minmax(rows)


def ends(sim: np.ndarray, ka: Kinds, kb: Kinds, wa: np.ndarray, wb: np.ndarray) -> np.ndarray:
    """Shares of each side in its unaligned head and tail (an added leading or trailing
    clause): pieces not mutually aligned at >= 0.6 before the first / after the last
    aligned one."""
    ma, mb, _ = _mutual(sim)
    rows = []
    for m, (best, _content) in zip((ma, mb), _sides(sim, ka, kb), strict=True):
        ok = np.flatnonzero(m & (best >= 0.6))
        head, tail = (int(ok[0]), len(m) - 1 - int(ok[-1])) if len(ok) else (len(m), 0)
        rows.append([head / len(m), tail / len(m), (head + tail) / len(m)])
    return _minmax(rows)


SINGLE: dict[str, Feature] = {
    "k6": kernels(*K6, content=False, idf=False), "k6i": kernels(*K6, content=False, idf=True),
    "k6c": kernels(*K6, content=True, idf=False), "k6ci": kernels(*K6, content=True, idf=True),
    "k11": kernels(*K11, content=False, idf=False), "k11ci": kernels(*K11, content=True, idf=True),
    "bins": bins, "idfun": idfun, "mutual": mutual, "runs2": runs2, "ends": ends,
    **{name: _struct_part(name) for name in STRUCT_PARTS},
}
COMBINED: dict[str, tuple[str, ...]] = {
    "all": ("k6i", "ot", "idfun", "mutual"), "ot+mutual": ("ot", "mutual"),
    "struct": ("ot", "mutual2", "runs", "order"),
    "struct2": ("ot", "mutual2", "runs", "runs2", "order"),
    "struct+k6i": ("ot", "mutual2", "runs", "order", "k6i"),
    "struct+ends": ("ot", "mutual2", "runs", "order", "ends"),
    "struct+blocks": ("ot", "mutual2", "runs", "order", "blocks"),
}


def build(data: dict[str, object], pairs: list[tuple[str, str]], names: tuple[str, ...]
          ) -> np.ndarray:
    states, kinds, weights = data["states"], data["kinds"], data["weights"]
    rows = []
    for a, b in pairs:
        sim = states[a] @ states[b].T
        rows.append(np.concatenate([SINGLE[n](sim, kinds[a], kinds[b], weights[a], weights[b])
                                    for n in names]))
    return np.array(rows)


def evaluate(x: np.ndarray, e: np.ndarray, y: np.ndarray, vetoed: np.ndarray
             ) -> dict[str, float]:
    h = tc.held_out(x, e, y)
    return _scores(h["p"], h["t"], y, vetoed)


def _scores(p: np.ndarray, t: np.ndarray, y: np.ndarray, vetoed: np.ndarray
            ) -> dict[str, float]:
    """Best accuracy, and the operating point's precision and recall of "same" without
    and with the comparer's vetoes."""
    op = tc._operating(p, t, y)
    said = (p >= t) & ~vetoed
    tp = float((said & (y == 1)).sum())
    return {"best_accuracy": tc._best(p, y)["accuracy"], "op_precision": op["precision"],
            "op_recall": op["recall"], "op_vetoes_precision": round(tp / max(said.sum(), 1), 4),
            "op_vetoes_recall": round(tp / float((y == 1).sum()), 4)}


def nested(x: np.ndarray, extras: dict[str, np.ndarray | None], y: np.ndarray,
           e: np.ndarray, vetoed: np.ndarray) -> dict[str, object]:
    """The choice among ``extras`` made inside each outer fold's training part (the variant
    with the best inner out-of-fold accuracy of the two stages at their best threshold),
    then scored on the held-out fold: an honest figure for "pick the best variant"."""
    n = len(y)
    p, t = np.zeros(n), np.zeros(n)
    chosen = []
    held = {name: tc.held_out(x, e if ex is None else np.hstack([e, ex]), y)
            for name, ex in extras.items()}
    for tr, te in tc.StratifiedKFold(tc.FOLDS, shuffle=True,
                                     random_state=tc.SEED).split(x, y):
        scores = {}
        for name, ex in extras.items():
            xe = np.hstack([x, e if ex is None else np.hstack([e, ex])])
            p1, p2 = tc._oof(x[tr], y[tr]), tc._oof_deep(xe[tr], y[tr])
            q = tc.combine(p1, p2, tc.choose_gate(p1, p2))
            scores[name] = tc._best(q, y[tr])["accuracy"]
        best = max(scores, key=lambda k: scores[k])
        chosen.append(best)
        p[te], t[te] = held[best]["p"][te], held[best]["t"][te]
    return {"chosen_per_fold": chosen, **_scores(p, t, y, vetoed)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=tc.DEFAULT_PAIRS)
    parser.add_argument("--seeds", default="0", help="fold seeds, comma-separated")
    parser.add_argument("--nested", action="store_true",
                        help="also choose among the variants inside each outer fold")
    parser.add_argument("variants", nargs="*", default=["base", *SINGLE, *COMBINED])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pairs, labels = read_pairs(args.pairs)
    y = np.array(labels)
    data = load(pairs)
    x, e = data["x"], data["e"][:, :BASE]
    vetoed = np.array([veto(a, b) is not None for a, b in pairs], dtype=bool)
    extras: dict[str, np.ndarray | None] = {}
    for name in args.variants:
        extra = extras[name] = (None if name == "base"
                                else build(data, pairs, COMBINED.get(name, (name,))))
        for seed in (int(s) for s in args.seeds.split(",")):
            tc.SEED = seed  # train_claims' folds and inner folds read it
            ee = e if extra is None else np.hstack([e, extra])
            row = {"variant": name, "seed": seed,
                   "extra_features": 0 if extra is None else extra.shape[1],
                   **evaluate(x, ee, y, vetoed)}
            print(json.dumps(row), flush=True)
    if args.nested:
        for seed in (int(s) for s in args.seeds.split(",")):
            tc.SEED = seed
            print(json.dumps({"variant": "nested choice", "seed": seed,
                              **nested(x, extras, y, e, vetoed)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
