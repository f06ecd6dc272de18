"""Train the learned sentence scorer and write ``bot/engine/data/scorer.json``.

Reproducible: a fixed seed, a deterministic solver and a documented split.
Labels: a sentence is positive when the BBC reference summary of its article
copies it (the references are extractive). Split: articles whose number is EVEN
train the model; ODD-numbered articles are held out for evaluation
(``briefbot evaluate --split odd``). Features are computed exactly as the engine
computes them (``SentenceIndex`` over the loaded articles).

    python scripts/train_scorer.py [--dataset ../shared/bbc-news-summary] [--out PATH]
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
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.ranking.dataset import load_examples  # noqa: E402
from bot.engine.ranking.index import FEATURE_NAMES, SentenceIndex  # noqa: E402
from bot.engine.ranking.scorer import WEIGHTS_PATH, LearnedScorer  # noqa: E402

log = logging.getLogger("train_scorer")
SEED = 0
C = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=ROOT.parent / "shared" / "bbc-news-summary")
    parser.add_argument("--categories", default=None, help="comma-separated (default: all)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.dataset / "articles").is_dir():
        log.error("dataset %s not found; nothing trained", args.dataset)
        return 1
    cats = args.categories.split(",") if args.categories else None
    t0 = time.perf_counter()
    examples = load_examples(args.dataset, cats)
    index = SentenceIndex.build([e.document for e in examples])
    y = np.concatenate([e.labels() for e in examples])
    train_doc = np.array([e.number % 2 == 0 for e in examples])
    train = train_doc[index.doc_of]
    X = index.features
    scaler = StandardScaler().fit(X[train])
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    model.fit(scaler.transform(X[train]), y[train])
    auc_train = roc_auc_score(y[train], model.decision_function(scaler.transform(X[train])))
    auc_test = roc_auc_score(y[~train], model.decision_function(scaler.transform(X[~train])))
    scale = np.where(scaler.scale_ == 0, 1.0, scaler.scale_)
    scorer = LearnedScorer(
        FEATURE_NAMES, scaler.mean_, scale, model.coef_.ravel(), float(model.intercept_[0]),
        {"model": "LogisticRegression", "C": C, "seed": SEED,
         "dataset": "BBC News Summary (articles/summaries), categories "
                    + ",".join(sorted({e.category for e in examples})),
         "split": "train = articles with an even number; odd numbers held out",
         "train_docs": int(train_doc.sum()), "held_out_docs": int((~train_doc).sum()),
         "train_sentences": int(train.sum()), "positive_rate": round(float(y[train].mean()), 4),
         "auc_train": round(float(auc_train), 4), "auc_held_out": round(float(auc_test), 4)},
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = scorer.to_dict()
    for key in ("mean", "scale", "coef"):
        data[key] = [round(v, 6) for v in data[key]]  # type: ignore[union-attr]
    data["intercept"] = round(float(data["intercept"]), 6)  # type: ignore[arg-type]
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    log.info("trained on %d sentences of %d articles in %.1fs; AUC train %.4f held-out %.4f",
             train.sum(), train_doc.sum(), time.perf_counter() - t0, auc_train, auc_test)
    for name, w in sorted(zip(FEATURE_NAMES, model.coef_.ravel(), strict=True),
                          key=lambda p: -abs(p[1])):
        log.info("  %-14s %+.3f", name, w)
    log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
