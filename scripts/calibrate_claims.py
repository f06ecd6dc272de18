"""Calibrate the MSRP same-claim model on hand-labelled news credits.

The MSRP model (``scripts/train_claims.py``) asks for full paraphrases; a news point is
one claim two differently built sentences share ("Iraqi forces retook Mosul" inside a
longer sentence). This second stage is a logistic regression over the MSRP probability
of the whole sentences, of their best clause pair and of one side's clause against the
other whole sentence (containment), plus six alignment features of the whole pair
(``bot.engine.compare.claims.CALIBRATION_FEATURES``); the MSRP probabilities are the
matcher's two-stage ones (the MiniLM stage at or above its gate), computed without the
comparer's encoding budget. It is written into
``bot/engine/data/claims.json`` under ``news_calibration``; run train_claims.py first
(it rewrites the file) and this after it.

Data (all in the repository, labelled by hand before this stage existed):
``tests/fixtures/news_claim_pairs.json`` (50 credits of the old comparer on DUC 2004
clusters), ``tests/fixtures/news_claim_credits.json`` (45 credits on six other
clusters) and ``tests/fixtures/news_claim_candidates.json`` (42 candidate pairs the
comparer asks about, sampled on three more clusters by scripts/sample_claim_pairs.py);
label 1 = "same", 0 = "partly" or "different". ``news_claim_heldout.json``
(24 credits on six further clusters) is never fitted on: reported only. The seed
fixture (tests/fixtures/seed_comparison.json) is not read.

Reproducible: fixed C (0.3), ``RepeatedStratifiedKFold(5 folds, 10 repeats,
random_state=0)``; the operating threshold is the lowest whose mean out-of-fold
precision of "same" reaches TARGET_PRECISION with at least 10 credits; the shipped
model is fitted on all 137 pairs.

``--bbc-dev`` adds the dev half of tests/fixtures/news_claim_heldout3.json (BBC credits,
split as scripts/fit_points.py splits them) to the training data. Tried, NOT shipped: the
threshold rises to 0.58 (cross-validated 0.904 / 0.706 on 305 pairs), the test half's
pairs read 0.804 (56 credited; 0.800, 65, without it), and the comparer on the test groups
with it and the refitted point model credited 47 of 58 rightly (0.810) against 50 of 61
(0.820) with the point model's refit alone.

    python scripts/calibrate_claims.py [--weights PATH] [--bbc-dev]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_points import BBC_CREDITS, bbc_halves  # noqa: E402
from train_claims import write_weights  # noqa: E402

from bot.engine.compare.claims import (  # noqa: E402
    CALIBRATION_FEATURES,
    WEIGHTS_PATH,
    ClaimMatcher,
    veto,
)

log = logging.getLogger("calibrate_claims")
SEED = 0
C = 0.3
FOLDS, REPEATS = 5, 10
TARGET_PRECISION = 0.90
FIXTURES = ROOT / "tests" / "fixtures"
TRAIN = ("news_claim_pairs", "news_claim_credits", "news_claim_candidates",
         "news_claim_clauses")
HELD_OUT = "news_claim_heldout"


def labelled(name: str, groups: set[str] | None = None,
             ) -> tuple[list[tuple[str, str]], list[tuple[str, str]] | None, np.ndarray]:
    """A fixture's sentence pairs, its clause pairs (when it records them) and labels (of
    its pairs in ``groups`` only, when given)."""
    pairs = [p for p in json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))[
        "pairs"] if "added" not in p]  # as sampled (see fit_points.load)
    if groups is not None:
        pairs = [p for p in pairs if p["cluster"] in groups]
    clauses = ([(p["clause_shown"], p["clause_credited"]) for p in pairs]
               if pairs and "clause_shown" in pairs[0] else None)
    return ([(p["shown"], p["credited"]) for p in pairs], clauses,
            np.array([p["label"] == "same" for p in pairs], dtype=int))


def features(matcher: ClaimMatcher, pairs: list[tuple[str, str]],
             clauses: list[tuple[str, str]] | None = None) -> np.ndarray:
    """The calibration's inputs as the comparer computes them for a credit."""
    return matcher.calibration_features(pairs, *matcher.sentence_inputs(pairs, clauses))


def vetoed(matcher: ClaimMatcher, pairs: list[tuple[str, str]],
           clauses: list[tuple[str, str]] | None = None) -> np.ndarray:
    chosen = matcher.sentence_inputs(pairs, clauses)[0]
    return np.array([veto(*w) is not None or veto(*c) is not None
                     for w, c in zip(pairs, chosen, strict=True)])


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=C, max_iter=2000, solver="lbfgs", random_state=SEED)
    return scaler, model.fit(scaler.transform(x), y)


def _stats(said: np.ndarray, y: np.ndarray) -> dict[str, float | int | None]:
    return {"credited": int(said.sum()),
            "precision": round(float(y[said].mean()), 3) if said.any() else None,
            "recall": round(float(said[y == 1].mean()), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--bbc-dev", action="store_true",
                        help=f"train on the dev half of {BBC_CREDITS}.json's groups too")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    matcher = ClaimMatcher(weights=args.weights)
    if matcher.model is None:
        log.error("no MSRP weights in %s: run scripts/train_claims.py first", args.weights)
        return 1
    pairs: list[tuple[str, str]] = []
    ys, xs, vs = [], [], []
    dev, test = bbc_halves()
    sets = [(name, None) for name in TRAIN] + ([(BBC_CREDITS, dev)] if args.bbc_dev else [])
    for name, groups in sets:
        p, c, y = labelled(name, groups)
        pairs += p
        ys.append(y)
        xs.append(features(matcher, p, c))
        vs.append(vetoed(matcher, p, c))
    y, x, is_vetoed = np.concatenate(ys), np.vstack(xs), np.concatenate(vs)
    oof = np.zeros((REPEATS, len(y)))
    splits = RepeatedStratifiedKFold(n_splits=FOLDS, n_repeats=REPEATS, random_state=SEED)
    for k, (tr, te) in enumerate(splits.split(x, y)):
        scaler, model = _fit(x[tr], y[tr])
        oof[k // FOLDS, te] = model.predict_proba(scaler.transform(x[te]))[:, 1]
    threshold = 0.99
    for t in np.round(np.arange(0.30, 0.991, 0.01), 3):
        said = (oof >= t) & ~is_vetoed
        per_repeat = [y[s].mean() for s in said if s.sum()]
        if said.sum(axis=1).mean() >= 10 and np.mean(per_repeat) >= TARGET_PRECISION:
            threshold = float(t)
            break
    said = (oof >= threshold) & ~is_vetoed
    cv = {"precision": round(float(np.mean([y[s].mean() for s in said if s.sum()])), 3),
          "recall": round(float(np.mean([s[y == 1].mean() for s in said])), 3),
          "credited_per_repeat": round(float(said.sum(axis=1).mean()), 1),
          "pairs": len(y), "same": int(y.sum()), "folds": FOLDS, "repeats": REPEATS}
    msrp_alone = matcher.decide(pairs, [True] * len(pairs))
    scaler, model = _fit(x, y)
    h_pairs, h_clauses, h_y = labelled(HELD_OUT)
    h_x = features(matcher, h_pairs, h_clauses)
    h_vetoed = vetoed(matcher, h_pairs, h_clauses)
    h_said = (model.predict_proba(scaler.transform(h_x))[:, 1] >= threshold) & ~h_vetoed
    report = {"cross_validated": cv,
              "msrp_floors_on_same_pairs": _stats(msrp_alone, y),
              "held_out": {"fixture": HELD_OUT, "pairs": len(h_y), "same": int(h_y.sum()),
                           **_stats(h_said, h_y)}}
    # the BBC credits pair by pair: the test half of their groups, and the dev half when
    # not trained on (the comparer's own run on them: benchmarks/bench_claims.py)
    for half, groups in (("test", test),) if args.bbc_dev else (("dev", dev), ("test", test)):
        b_pairs, b_clauses, b_y = labelled(BBC_CREDITS, groups)
        b_said = ((model.predict_proba(scaler.transform(features(matcher, b_pairs, b_clauses)))
                   [:, 1] >= threshold) & ~vetoed(matcher, b_pairs, b_clauses))
        report[f"{BBC_CREDITS}_{half}"] = {"pairs": len(b_y), "same": int(b_y.sum()),
                                           **_stats(b_said, b_y)}
    log.info("%s", json.dumps(report))
    data = json.loads(args.weights.read_text(encoding="utf-8"))
    data["news_calibration"] = {
        "about": "news calibration of the MSRP model; scripts/calibrate_claims.py",
        "features": list(CALIBRATION_FEATURES),
        "mean": scaler.mean_.round(6).tolist(), "scale": scaler.scale_.round(6).tolist(),
        "coef": model.coef_[0].round(6).tolist(),
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": threshold, "C": C, "seed": SEED,
        "target_precision": TARGET_PRECISION, "trained_on": [name for name, _ in sets],
        "bbc_dev_groups": sorted(dev) if args.bbc_dev else [], **report,
    }
    write_weights(args.weights, data)
    log.info("wrote news_calibration to %s (threshold %.3f)", args.weights, threshold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
