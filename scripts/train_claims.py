"""Train the same-claim classifier and write ``bot/engine/data/claims.json``.

Data: the Microsoft Research Paraphrase Corpus, training part
(``../shared/msrp/msr_paraphrase_train.txt``: 4,076 news sentence pairs from Dolan and
Brockett 2005, each judged by two or three people as stating the same content or not;
copied from github.com/galsang/ABCNN, see that folder's README). It never enters the
repository. Features are computed by the engine's own code
(``bot.engine.compare.claims.ClaimMatcher.features`` for the cheap stage,
``ClaimMatcher.encoder_features`` for the MiniLM stage).

Two stages (see bot/engine/compare/claims.py): a logistic regression over the cheap
features (C=1.0, kept as the fallback when the encoder is not installed), and one over
the cheap plus the encoder features (C=0.3) averaged with boosted trees over the same
features (``TREES``, ``BLEND``; since session 7: ``scripts/experiment_learner.py``), asked
only for pairs whose cheap probability reaches the gate. Since session 9 the encoder stage
also reads one stacked feature (``claims.WORD_FEATURES``): the log-odds of a logistic
regression over each vocabulary word (words of ``WORD_LEAST`` or more training pairs) "in
both sentences" / "in one only", shipped as the stage's ``words``; inside every training
part its value for the training pairs is inner out-of-fold and its C the one of
``WORD_GRID`` with the lowest inner log-loss (0.1 in every fold and for the shipped model),
so the held-out folds never reach the regression that scores them
(``scripts/experiment_vectors.py`` holds the experiment and the variants tried).
The gate is the lowest out-of-fold cheap probability of any pair the second stage scores at or above
``LOWEST_FLOOR`` (the lowest probability a credit decision reads), rounded down to 0.01;
the operating threshold is then chosen on the combined out-of-fold probabilities.

Reproducible: seed 0, ``StratifiedKFold(5, shuffle=True, random_state=0)`` over the
file's pairs, a deterministic solver (lbfgs), trees without subsampling or early stopping
(run it with ``OMP_NUM_THREADS=1`` on a shared machine: the trees' threads otherwise wait on
each other). Reported figures are held-out folds only:
for each outer fold the model is fitted on the other four, and the operating threshold
is chosen *inside* those four (inner 5-fold out-of-fold predictions: the lowest
threshold whose precision of "same" reaches ``TARGET_PRECISION``), then applied to the
held-out fold. The shipped model is fitted on all pairs, with the threshold chosen the
same way on out-of-fold predictions over all pairs.

    python scripts/train_claims.py [--pairs ../shared/msrp/msr_paraphrase_train.txt] [--out PATH]

The file is rewritten without its news calibration (fitted on this model's outputs): run
``scripts/calibrate_claims.py`` next, then ``scripts/fit_points.py --bbc-dev``.

Held out (seed 0, session 9; ``python benchmarks/bench_claims.py`` re-runs it): accuracy
0.8089 at 0.5 (0.8005 without the word feature), 0.8116 at the best threshold 0.47
(0.8030); at the operating point precision 0.9159 / recall 0.7123 without vetoes, 0.918 /
0.6386 with the comparer's (0.9175 / 0.6219). Shipped: gate 0.07, threshold 0.755. About
2 minutes on this machine (load 2) with the MSRP features cached in ``.briefbot-cache/`` (their
first computation, about 5 minutes, is redone whenever ``bot/engine/compare/claims.py``
changes).

Cross stage (``--cross-stage``, an experiment: the engine does not read it): with
``benchmarks/results/cross_encoder_oof.json`` holding an out-of-fold cross-encoder logit
for every pair (``scripts/train_cross_encoder.py``: for each of the same five folds, a
cross-encoder fine-tuned on the other four scored it), a third regression over the
cheap, MiniLM and ``ce_logit`` features (C=0.3) is fitted the same way, with the encoder
stage's gate, reported under ``held_out.cross_stage`` and written as ``cross_stage``
(write it to another file with ``--out``: it did not beat the encoder stage). Every pair
of a held-out fold is scored with a logit from a cross-encoder that never saw that fold;
the regressions of the other folds are fitted on their own out-of-fold logits (stacking:
the cross-encoders that scored those did see the held-out fold's pairs; a fully nested
scheme would need 20 fine-tunes).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from train_cross_encoder import OOF_PATH, pair_key  # noqa: E402

from bot.engine.compare.claims import (  # noqa: E402
    ENCODER_FEATURES,
    FEATURE_NAMES,
    LOWEST_FLOOR,
    STAGE_FEATURES,
    WEIGHTS_PATH,
    ClaimMatcher,
    _Words,
    read_pairs,
    word_set,
)

log = logging.getLogger("train_claims")
CROSS_FEATURES = ("ce_logit",)  # the cross stage's own feature (--cross-stage)
SEED = 0
FOLDS = 5
C = 1.0
C_DEEP = 0.3  # more features, more regularisation (chosen on the folds of the first run)
TARGET_PRECISION = 0.91  # a margin over the 0.90, since folds vary
# The encoder stage's boosted trees (averaged with its regression, share BLEND), fixed
# before any fold was scored (scripts/experiment_learner.py, "avg")
TREES = {"learning_rate": 0.05, "max_iter": 300, "max_leaf_nodes": 15,
         "min_samples_leaf": 40, "l2_regularization": 1.0}
BLEND = 0.5
Deep = tuple[StandardScaler, LogisticRegression, HistGradientBoostingClassifier]
# The stacked word feature's regression (claims.WORD_FEATURES): its vocabulary is the words
# of WORD_LEAST or more training pairs, its C the one of WORD_GRID with the lowest inner
# out-of-fold log-loss (chosen inside each training part; session 9)
WORD_LEAST = 2
WORD_GRID = (0.003, 0.01, 0.03, 0.1, 0.3)
WordSets = list[tuple[frozenset[str], frozenset[str]]]
DEFAULT_PAIRS = ROOT.parent / "shared" / "msrp" / "msr_paraphrase_train.txt"


def _fit(x: np.ndarray, y: np.ndarray,
         c: float = C) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs", random_state=SEED)
    model.fit(scaler.transform(x), y)
    return scaler, model


def _predict(fitted: tuple[StandardScaler, LogisticRegression], x: np.ndarray) -> np.ndarray:
    scaler, model = fitted
    return model.predict_proba(scaler.transform(x))[:, 1]


def out_of_fold(x: np.ndarray, y: np.ndarray,
                learn: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]
                ) -> np.ndarray:
    """Out-of-fold probabilities over FOLDS stratified folds (seed SEED): ``learn(x, y)``
    fits on the other folds and returns the function that scores the held-out one."""
    out = np.zeros(len(y))
    for tr, te in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        out[te] = learn(x[tr], y[tr])(x[te])
    return out


def _oof(x: np.ndarray, y: np.ndarray, c: float = C) -> np.ndarray:
    return out_of_fold(x, y, lambda a, b: functools.partial(_predict, _fit(a, b, c)))


def trees_model() -> HistGradientBoostingClassifier:
    """The encoder stage's boosted trees, unfitted (TREES, seed SEED)."""
    return HistGradientBoostingClassifier(**TREES, random_state=SEED)


def _fit_deep(x: np.ndarray, y: np.ndarray) -> Deep:
    """The encoder stage: the regression (C_DEEP) and the boosted trees (TREES)."""
    return (*_fit(x, y, C_DEEP), trees_model().fit(x, y))


def _predict_deep(fitted: Deep, x: np.ndarray) -> np.ndarray:
    scaler, model, trees = fitted
    return ((1 - BLEND) * _predict((scaler, model), x)
            + BLEND * trees.predict_proba(x)[:, 1])


def _oof_deep(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return out_of_fold(x, y, lambda a, b: functools.partial(_predict_deep, _fit_deep(a, b)))


def export_trees(trees: HistGradientBoostingClassifier) -> dict[str, object]:
    """The trees as ``claims._Trees`` reads them: one flat node list (feature, threshold,
    left, right, leaf value; feature -1 for a leaf), each tree's root and the baseline
    log-odds. Features never miss (no NaN), so the missing-value direction is not kept."""
    nodes: list[float] = []
    roots = []
    for (predictor,) in trees._predictors:
        base = len(nodes) // 5
        roots.append(base)
        for n in predictor.nodes:
            leaf = bool(n["is_leaf"])
            nodes += [-1 if leaf else int(n["feature_idx"]),
                      0.0 if leaf else float(n["num_threshold"]),
                      0 if leaf else base + int(n["left"]), 0 if leaf else base + int(n["right"]),
                      float(n["value"]) if leaf else 0.0]
    return {"baseline": float(np.ravel(trees._baseline_prediction)[0]), "blend": BLEND,
            "params": TREES, "roots": roots, "nodes": nodes}


def word_sets(pairs: list[tuple[str, str]]) -> WordSets:
    return [(word_set(a), word_set(b)) for a, b in pairs]


def _word_matrix(sets: WordSets, vocab: dict[str, int]) -> sparse.csr_matrix:
    """Columns 2k / 2k + 1: vocabulary word k in both sentences / in one only."""
    rows, cols = [], []
    for i, (a, b) in enumerate(sets):
        for w in sorted(a | b):
            k = vocab.get(w)
            if k is not None:
                rows.append(i)
                cols.append(2 * k + (0 if w in a and w in b else 1))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                             shape=(len(sets), 2 * len(vocab)))


def fit_words(sets: WordSets, y: np.ndarray, c: float) -> dict[str, object]:
    """The stacked word feature's regression, as ``claims._Words`` reads it."""
    count: dict[str, int] = {}
    for a, b in sets:
        for w in a | b:
            count[w] = count.get(w, 0) + 1
    words = sorted(w for w, n in count.items() if n >= WORD_LEAST)
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs", random_state=SEED)
    model.fit(_word_matrix(sets, {w: k for k, w in enumerate(words)}), y)
    coef = model.coef_[0]
    return {"vocabulary": words, "both": coef[0::2].round(6).tolist(),
            "one": coef[1::2].round(6).tolist(),
            "intercept": round(float(model.intercept_[0]), 6), "C": c}


def word_logits(fitted: dict[str, object], sets: WordSets) -> np.ndarray:
    """The feature's value of each pair, computed as the engine does (``_Words``)."""
    vocab = fitted["vocabulary"]
    words = _Words(dict(zip(vocab, fitted["both"], strict=True)),  # type: ignore[call-overload]
                   dict(zip(vocab, fitted["one"], strict=True)),  # type: ignore[call-overload]
                   float(fitted["intercept"]))  # type: ignore[arg-type]
    return np.array([words.log_odds_sets(a, b) for a, b in sets])


def stacked_words(sets: WordSets, y: np.ndarray, tr: np.ndarray
                  ) -> tuple[np.ndarray, dict[str, object]]:
    """The stacked word feature inside the training part ``tr``: each pair's inner
    out-of-fold logit (FOLDS folds, seed SEED: the folds ``out_of_fold`` uses on ``tr``) at
    the C of WORD_GRID with the lowest inner log-loss, and the regression fitted on all of
    ``tr`` at that C (it scores every other pair)."""
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(tr, y[tr]))
    best: tuple[float, float, np.ndarray] | None = None
    for c in WORD_GRID:
        z = np.zeros(len(tr))
        for a, b in folds:
            z[b] = word_logits(fit_words([sets[i] for i in tr[a]], y[tr[a]], c),
                               [sets[i] for i in tr[b]])
        loss = float(np.mean(np.where(y[tr] == 1, np.logaddexp(0, -z), np.logaddexp(0, z))))
        if best is None or loss < best[0]:
            best = (loss, c, z)
    assert best is not None
    return best[2], fit_words([sets[i] for i in tr], y[tr], best[1])


def choose_gate(p_cheap: np.ndarray, p_deep: np.ndarray) -> float:
    """The lowest cheap probability of a pair the second stage puts at or above
    LOWEST_FLOOR (rounded down to 0.01): below it the encoder is not asked."""
    could_pass = p_deep >= LOWEST_FLOOR
    if not could_pass.any():
        return 0.0
    return float(np.floor(p_cheap[could_pass].min() * 100) / 100)


def combine(p_cheap: np.ndarray, p_deep: np.ndarray, gate: float) -> np.ndarray:
    """What the matcher returns: the second stage at or above the gate, else the first."""
    return np.where(p_cheap >= gate, p_deep, p_cheap)


def cross_logits(pairs: list[tuple[str, str]], path: Path = OOF_PATH) -> np.ndarray | None:
    """The out-of-fold (int8) cross-encoder logit of every pair, or None when the file is
    missing, incomplete or made from other pairs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    z = data.get("logit_int8", [])
    if data.get("keys") != [pair_key(a, b) for a, b in pairs] or any(v is None for v in z):
        return None
    return np.array(z, dtype=np.float64)


def two_stage(x: np.ndarray, e: np.ndarray, y: np.ndarray, tr: np.ndarray,
              c: np.ndarray | None = None, sets: WordSets | None = None) -> dict[str, object]:
    """The stages fitted on ``tr`` ("cheap", "deep" and, with cross-encoder logits ``c``,
    "cross"), with the gate and each decision's threshold chosen on inner out-of-fold
    predictions inside ``tr``. With ``sets`` (each pair's word sets) the encoder stage
    also reads the stacked word feature ("words": its regression, fitted inside ``tr``;
    the training pairs' values are inner out-of-fold); without, ``e`` is all it reads
    (the form session 6-7's experiments measured)."""
    xe = np.hstack([x, e])[tr]
    words = None
    if sets is not None:
        z, words = stacked_words(sets, y, tr)
        xe = np.hstack([xe, z[:, None]])
    p1, p2 = _oof(x[tr], y[tr]), _oof_deep(xe, y[tr])
    gate = choose_gate(p1, p2)
    out: dict[str, object] = {
        "cheap": _fit(x[tr], y[tr]), "deep": _fit_deep(xe, y[tr]), "gate": gate,
        "threshold": choose_threshold(combine(p1, p2, gate), y[tr]),
        "t_cheap": choose_threshold(p1, y[tr]), "words": words}
    if c is not None:
        xc = np.hstack([xe, c[tr][:, None]])
        p3 = _oof(xc, y[tr], C_DEEP)
        out["cross"] = _fit(xc, y[tr], C_DEEP)
        out["t_cross"] = choose_threshold(combine(p1, p3, gate), y[tr])
    return out


def stage_inputs(x: np.ndarray, e: np.ndarray, fit: dict[str, object],
                 sets: WordSets | None) -> np.ndarray:
    """The encoder stage's inputs for pairs outside the training part (``fit`` is
    ``two_stage``'s: its word regression scores them)."""
    if sets is None or fit["words"] is None:
        return np.hstack([x, e])
    return np.hstack([x, e, word_logits(fit["words"], sets)[:, None]])  # type: ignore[arg-type]


def held_out(x: np.ndarray, e: np.ndarray, y: np.ndarray, c: np.ndarray | None = None,
             sets: WordSets | None = None) -> dict[str, object]:
    """Held-out probabilities and thresholds per pair (outer folds) of each decision:
    "p"/"t" the two stages, "p_cheap"/"t_cheap" the cheap stage alone, "p_cross"/"t_cross"
    the cross stage in place of the encoder stage (with ``c``); and each fold's gate and
    word regression's C (with ``sets``, the stacked word feature: see ``two_stage``)."""
    n = len(y)
    out: dict[str, object] = {k: np.zeros(n) for k in ("p", "t", "p_cheap", "t_cheap")}
    if c is not None:
        out |= {"p_cross": np.zeros(n), "t_cross": np.zeros(n)}
    gates, word_c = [], []
    for tr, te in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        fit = two_stage(x, e, y, tr, c, sets)
        gate = fit["gate"]
        pc = _predict(fit["cheap"], x[te])
        xe = stage_inputs(x[te], e[te], fit, None if sets is None else [sets[i] for i in te])
        if fit["words"] is not None:
            word_c.append(fit["words"]["C"])  # type: ignore[index]
        out["p_cheap"][te], out["t_cheap"][te] = pc, fit["t_cheap"]
        out["p"][te] = combine(pc, _predict_deep(fit["deep"], xe), gate)
        out["t"][te] = fit["threshold"]
        if c is not None:
            out["p_cross"][te] = combine(pc, _predict(fit["cross"],
                                                      np.hstack([xe, c[te][:, None]])), gate)
            out["t_cross"][te] = fit["t_cross"]
        gates.append(gate)
    out["gates"], out["word_c"] = gates, word_c
    return out


def choose_threshold(p: np.ndarray, y: np.ndarray, target: float = TARGET_PRECISION) -> float:
    """The lowest threshold whose precision of "same" reaches ``target`` (max recall)."""
    for t in np.round(np.arange(0.30, 0.995, 0.005), 3):
        said = p >= t
        if said.sum() >= 20 and y[said].mean() >= target:
            return float(t)
    return 0.99


def metrics(p: np.ndarray, y: np.ndarray, t: float) -> dict[str, float]:
    said = p >= t
    tp = float((said & (y == 1)).sum())
    precision = tp / max(int(said.sum()), 1)
    recall = tp / max(int((y == 1).sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": round(t, 3), "accuracy": round(float((said == (y == 1)).mean()), 4),
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _operating(p: np.ndarray, t: np.ndarray, y: np.ndarray) -> dict[str, float]:
    said = p >= t
    tp = float((said & (y == 1)).sum())
    precision, recall = tp / max(int(said.sum()), 1), tp / max(int((y == 1).sum()), 1)
    return {"accuracy": round(float((said == (y == 1)).mean()), 4),
            "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4)}


def _best(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    return max((metrics(p, y, t) for t in np.arange(0.3, 0.8, 0.01)),
               key=lambda m: m["accuracy"])


CACHE = ROOT / ".briefbot-cache" / "msrp_features.npz"
_TREES_PLACEHOLDER = "<trees>"


def write_weights(path: Path, weights: dict[str, object]) -> None:
    """Write the weights file (also ``calibrate_claims.py``): indented, with the encoder
    stage's trees (8,700 nodes) and its word regression (6,800 words) on one line each."""
    stage = dict(weights.get("encoder_stage") or {})
    long = {k: stage[k] for k in ("trees", "words") if stage.get(k) is not None}
    if long:
        stage |= {k: f"{_TREES_PLACEHOLDER}{k}" for k in long}
        weights = {**weights, "encoder_stage": stage}
    text = json.dumps(weights, indent=1)
    for k, v in long.items():
        text = text.replace(json.dumps(f"{_TREES_PLACEHOLDER}{k}"), json.dumps(v))
    path.write_text(text + "\n", encoding="utf-8")


def _features_source() -> str:
    """A digest of ``bot/engine/compare/claims.py``, where every feature is computed."""
    import bot.engine.compare.claims as claims

    return hashlib.sha1(Path(claims.__file__).read_bytes()).hexdigest()


def msrp_features(pairs: list[tuple[str, str]], cache: Path = CACHE
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The cheap and MiniLM features of every pair, computed by the engine's own code
    (``ClaimMatcher.features`` / ``encoder_features``; about 10 minutes for the MSRP file
    on this machine), kept in ``.briefbot-cache/`` keyed by the pairs, the feature names
    and the source of the module that computes them (a feature whose code changed under
    the same name is computed again)."""
    key = hashlib.sha1("\n".join([*FEATURE_NAMES, *ENCODER_FEATURES, _features_source(),
                                   *(pair_key(a, b) for a, b in pairs)]).encode()).hexdigest()
    if cache.is_file():
        data = np.load(cache)
        if str(data["key"]) == key:
            return data["x"], data["e"]
    matcher = ClaimMatcher(weights=Path("/nonexistent"))
    t0 = time.perf_counter()
    x = matcher.features(pairs)
    t1 = time.perf_counter()
    e = matcher.encoder_features(pairs)
    log.info("%d pairs: %d cheap features in %.1f s, %d encoder features in %.1f s",
             len(pairs), x.shape[1], t1 - t0, e.shape[1], time.perf_counter() - t1)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, key=key, x=x, e=e)
    return x, e


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--cross-stage", action="store_true",
                        help="also fit and report the cross-encoder stage (an experiment)")
    parser.add_argument("--cross-oof", type=Path, default=OOF_PATH)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pairs, labels = read_pairs(args.pairs)
    y = np.array(labels)
    x, e = msrp_features(pairs)
    sets = word_sets(pairs)
    c = cross_logits(pairs, args.cross_oof) if args.cross_stage else None
    if args.cross_stage:
        log.info("cross-encoder out-of-fold logits: %s", "found" if c is not None else
                 f"none usable in {args.cross_oof} (no cross stage)")

    h = held_out(x, e, y, c, sets)
    held_p, held_t = h["p"], h["t"]
    folds = []
    for k, (_, te) in enumerate(StratifiedKFold(FOLDS, shuffle=True,
                                                random_state=SEED).split(x, y)):
        folds.append({"fold": k, "gate": h["gates"][k],
                      **metrics(held_p[te], y[te], float(held_t[te][0])),
                      "accuracy_at_0.5": metrics(held_p[te], y[te], 0.5)["accuracy"]})
        if c is not None:
            folds[-1]["cross_stage"] = {
                **metrics(h["p_cross"][te], y[te], float(h["t_cross"][te][0])),
                "accuracy_at_0.5": metrics(h["p_cross"][te], y[te], 0.5)["accuracy"]}
        log.info("fold %d: %s", k, folds[-1])
    held = {"operating": _operating(held_p, held_t, y),
            "at_0.5": metrics(held_p, y, 0.5),
            "best_accuracy": _best(held_p, y),
            "cheap_stage_alone": {"operating": _operating(h["p_cheap"], h["t_cheap"], y),
                                  "best_accuracy": _best(h["p_cheap"], y)},
            "always_same_accuracy": round(float(y.mean()), 4), "word_c": h["word_c"]}
    if c is not None:
        held["cross_stage"] = {"operating": _operating(h["p_cross"], h["t_cross"], y),
                               "at_0.5": metrics(h["p_cross"], y, 0.5),
                               "best_accuracy": _best(h["p_cross"], y)}
        held["cross_encoder_alone"] = {"at_logit_0": metrics(1 / (1 + np.exp(-c)), y, 0.5),
                                       "best_accuracy": _best(1 / (1 + np.exp(-c)), y)}
    log.info("held-out folds: %s", json.dumps(held))

    everything = np.arange(len(y))
    fit = two_stage(x, e, y, everything, c, sets)
    (scaler, model), (d_scaler, d_model, d_trees) = fit["cheap"], fit["deep"]
    gate, threshold, t_cheap = fit["gate"], fit["threshold"], fit["t_cheap"]
    weights = {
        "about": "same-claim logistic regression; scripts/train_claims.py (MSRP training part)",
        "features": list(FEATURE_NAMES),
        "mean": scaler.mean_.round(6).tolist(),
        "scale": scaler.scale_.round(6).tolist(),
        "coef": model.coef_[0].round(6).tolist(),
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": t_cheap,
        "encoder_stage": {
            "about": "second stage over cheap + MiniLM features + the stacked word feature,"
                     " asked at cheap p >= gate: the mean of a logistic regression and"
                     " boosted trees",
            "features": list(STAGE_FEATURES),
            "mean": d_scaler.mean_.round(6).tolist(),
            "scale": d_scaler.scale_.round(6).tolist(),
            "coef": d_model.coef_[0].round(6).tolist(),
            "intercept": round(float(d_model.intercept_[0]), 6),
            "threshold": threshold, "gate": gate, "C": C_DEEP,
            "lowest_floor": LOWEST_FLOOR,
            "share_of_msrp_pairs_asked": round(float((_oof(x, y) >= gate).mean()), 4),
            "trees": export_trees(d_trees),
            "words": {"about": "stacked word feature: logistic regression over each vocabulary"
                               " word in both sentences / in one only (claims._Words)",
                      "least_pairs": WORD_LEAST, **fit["words"]}},
        **({"cross_stage": {
            "about": "second stage over cheap + MiniLM features + the fine-tuned cross-encoder's"
                     " logit (bot/engine/cross_encoder.py), asked at cheap p >= gate",
            "features": list(STAGE_FEATURES + CROSS_FEATURES),
            "mean": fit["cross"][0].mean_.round(6).tolist(),
            "scale": fit["cross"][0].scale_.round(6).tolist(),
            "coef": fit["cross"][1].coef_[0].round(6).tolist(),
            "intercept": round(float(fit["cross"][1].intercept_[0]), 6),
            "threshold": fit["t_cross"], "gate": gate, "C": C_DEEP,
            "lowest_floor": LOWEST_FLOOR}} if c is not None else {}),
        "trained_on": {"pairs": len(y), "positives": int(y.sum()), "seed": SEED,
                       "folds": FOLDS, "target_precision": TARGET_PRECISION},
        "held_out": held,
        "folds": folds,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_weights(args.out, weights)
    log.info("wrote %s (threshold %.3f, gate %.2f)", args.out, threshold, gate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
