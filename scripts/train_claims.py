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
the cheap plus the encoder features (C=0.3), asked only for pairs whose cheap
probability reaches the gate. The gate is the lowest out-of-fold cheap probability of any
pair the second stage scores at or above ``LOWEST_FLOOR`` (the lowest probability a
credit decision reads), rounded down to 0.01; the operating threshold is then chosen on
the combined out-of-fold probabilities.

Reproducible: seed 0, ``StratifiedKFold(5, shuffle=True, random_state=0)`` over the
file's pairs, a deterministic solver (lbfgs). Reported figures are held-out folds only:
for each outer fold the model is fitted on the other four, and the operating threshold
is chosen *inside* those four (inner 5-fold out-of-fold predictions: the lowest
threshold whose precision of "same" reaches ``TARGET_PRECISION``), then applied to the
held-out fold. The shipped model is fitted on all pairs, with the threshold chosen the
same way on out-of-fold predictions over all pairs.

    python scripts/train_claims.py [--pairs ../shared/msrp/msr_paraphrase_train.txt] [--out PATH]

The file is rewritten without its news calibration (fitted on this model's outputs): run
``scripts/calibrate_claims.py`` next.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.compare.claims import (  # noqa: E402
    ENCODER_FEATURES,
    FEATURE_NAMES,
    LOWEST_FLOOR,
    WEIGHTS_PATH,
    ClaimMatcher,
    read_pairs,
)

log = logging.getLogger("train_claims")
SEED = 0
FOLDS = 5
C = 1.0
C_DEEP = 0.3  # more features, more regularisation (chosen on the folds of the first run)
TARGET_PRECISION = 0.91  # a margin over the 0.90, since folds vary
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


def _oof(x: np.ndarray, y: np.ndarray, c: float = C) -> np.ndarray:
    out = np.zeros(len(y))
    for tr, te in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        out[te] = _predict(_fit(x[tr], y[tr], c), x[te])
    return out


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


def two_stage(x: np.ndarray, e: np.ndarray, y: np.ndarray, tr: np.ndarray
              ) -> tuple[tuple, tuple, float, float, float]:
    """Both stages fitted on ``tr``, with the gate, the two-stage threshold and the
    cheap-only threshold chosen on inner out-of-fold predictions inside ``tr``."""
    xe = np.hstack([x, e])
    p1, p2 = _oof(x[tr], y[tr]), _oof(xe[tr], y[tr], C_DEEP)
    gate = choose_gate(p1, p2)
    threshold = choose_threshold(combine(p1, p2, gate), y[tr])
    return (_fit(x[tr], y[tr]), _fit(xe[tr], y[tr], C_DEEP), gate, threshold,
            choose_threshold(p1, y[tr]))


def held_out(x: np.ndarray, e: np.ndarray, y: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[float]]:
    """Held-out two-stage probabilities and thresholds per pair (outer folds), the same for
    the cheap stage alone, and each fold's gate."""
    p, t = np.zeros(len(y)), np.zeros(len(y))
    pc, tc = np.zeros(len(y)), np.zeros(len(y))
    gates = []
    for tr, te in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        cheap, deep, gate, threshold, t_cheap = two_stage(x, e, y, tr)
        pc[te] = _predict(cheap, x[te])
        p[te] = combine(pc[te], _predict(deep, np.hstack([x[te], e[te]])), gate)
        t[te], tc[te] = threshold, t_cheap
        gates.append(gate)
    return p, t, pc, tc, gates


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pairs, labels = read_pairs(args.pairs)
    y = np.array(labels)
    matcher = ClaimMatcher(weights=Path("/nonexistent"))
    t0 = time.perf_counter()
    x = matcher.features(pairs)
    t1 = time.perf_counter()
    e = matcher.encoder_features(pairs)
    log.info("%d pairs: %d cheap features in %.1f s, %d encoder features in %.1f s",
             len(y), x.shape[1], t1 - t0, e.shape[1], time.perf_counter() - t1)

    held_p, held_t, cheap_p, cheap_t, gates = held_out(x, e, y)
    folds = []
    for k, (_, te) in enumerate(StratifiedKFold(FOLDS, shuffle=True,
                                                random_state=SEED).split(x, y)):
        folds.append({"fold": k, "gate": gates[k],
                      **metrics(held_p[te], y[te], float(held_t[te][0])),
                      "accuracy_at_0.5": metrics(held_p[te], y[te], 0.5)["accuracy"]})
        log.info("fold %d: %s", k, folds[-1])
    held = {"operating": _operating(held_p, held_t, y),
            "at_0.5": metrics(held_p, y, 0.5),
            "best_accuracy": _best(held_p, y),
            "cheap_stage_alone": {"operating": _operating(cheap_p, cheap_t, y),
                                  "best_accuracy": _best(cheap_p, y)},
            "always_same_accuracy": round(float(y.mean()), 4)}
    log.info("held-out folds: %s", json.dumps(held))

    everything = np.arange(len(y))
    (scaler, model), (d_scaler, d_model), gate, threshold, t_cheap = two_stage(
        x, e, y, everything)
    weights = {
        "about": "same-claim logistic regression; scripts/train_claims.py (MSRP training part)",
        "features": list(FEATURE_NAMES),
        "mean": scaler.mean_.round(6).tolist(),
        "scale": scaler.scale_.round(6).tolist(),
        "coef": model.coef_[0].round(6).tolist(),
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": t_cheap,
        "encoder_stage": {
            "about": "second stage over cheap + MiniLM features, asked at cheap p >= gate",
            "features": list(FEATURE_NAMES + ENCODER_FEATURES),
            "mean": d_scaler.mean_.round(6).tolist(),
            "scale": d_scaler.scale_.round(6).tolist(),
            "coef": d_model.coef_[0].round(6).tolist(),
            "intercept": round(float(d_model.intercept_[0]), 6),
            "threshold": threshold, "gate": gate, "C": C_DEEP,
            "lowest_floor": LOWEST_FLOOR,
            "share_of_msrp_pairs_asked": round(float((_oof(x, y) >= gate).mean()), 4)},
        "trained_on": {"pairs": len(y), "positives": int(y.sum()), "seed": SEED,
                       "folds": FOLDS, "target_precision": TARGET_PRECISION},
        "held_out": held,
        "folds": folds,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %s (threshold %.3f, gate %.2f)", args.out, threshold, gate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
