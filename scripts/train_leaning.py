"""Train the model that reads whether a quoted line leans on its story:
``bot/engine/data/leaning.json`` (:mod:`bot.engine.leaning`).

Data provenance: the blind checks in ``tests/fixtures/`` (``standalone_answers_check*.json``
and ``standalone_compare_check*.json``: topic summaries, place briefs and comparisons of
the BBC News Summary set, drawn by ``scripts/sample_answers.py`` at the commit each file
names and labelled by readers who saw only the line, its title, source and what was shown
with it). Every line of one sentence shown without its article's opening is a row; its
label is the share of its labels that ask for context of a kind an opening can give
(anything but "relative time" and "fragment"). Checks in :data:`HELD_OUT`, drawn after the
model shipped, are never trained on.

Model: logistic regression (lbfgs, C below) on :func:`bot.engine.leaning.features`, each
row entered as a positive with weight label and a negative with weight 1 - label; the
"open=" and "the=" words only when at least ``MIN_DOCS`` articles of the training rows
hold them. Deterministic.

Held out: the check files (sorted by name) dealt into 5 folds (file k -> fold k mod 5);
each fold's rows are scored by the model trained on the other four, without their rows of
the same sentences (a sentence drawn into several checks: session 81 found the figures had
been read with those rows trained on, which flattered them: AUC 0.789 against 0.767, and
precision 0.546 against 0.485 at 0.35, the threshold they had chosen). The figures reported
are those held-out probabilities, on the lines the model is used for (a topic summary's
line or a unique point from its article's second sentence on) that no ``story_wanted``
rule already sends to its story: how many the model picks at the threshold and what share
of their labels needed the story. The threshold is fixed, ``THRESHOLD``: session 75 chose
it as the lowest of ``GRID`` whose held-out precision was at least 0.5, and a blind relabel
then read the lines it sends to their story with their openings
(``tests/fixtures/standalone_relabel75.json``: 0.35 -> 0.60 alone). Read without the
repeated sentences (above), its held-out precision is 0.485 and 0.40 would be the lowest
at 0.5; the threshold stays where the relabel measured it, and the grid is reported.
Caveat: the rules' readings are features, and some rules were written after reading these
checks' labels (each after its check was scored), so held-out figures on lines a rule
flags flatter the model; the lines no rule flags (reported apart) carry no such leak.

    python scripts/train_leaning.py [--out PATH]
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.descriptions import story_wanted  # noqa: E402
from bot.engine.leaning import LEANING_PATH, features  # noqa: E402

log = logging.getLogger("train_leaning")
FIXTURES = ROOT / "tests" / "fixtures"
FOLDS = 5
C = 0.3
MIN_DOCS = 5
GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
THRESHOLD = 0.35
NOT_MENDED = {"relative time", "fragment"}  # kinds no opening mends

#: checks drawn after the model shipped (session 75, at 3e796d5 and 472e7e1; session 76, at
#: 649f17c; session 77, at a4ef8d4; session 78, at 6b6aa20, c417a8d and 6a5d86e; session 79,
#: at 3c91826, dc176d6 and cb7e1fa; session 80, at 9018057, 41c9ce3 and b25beba; session 81,
#: at f40f47c, dc99a27, 3c54512 and c92bbef; session 82, at 3f338c8), which measure it: never
#: trained on
HELD_OUT = ("standalone_answers_check37.json", "standalone_compare_check19.json",
            "standalone_compare_check20.json", "standalone_answers_check38.json",
            "standalone_compare_check21.json", "standalone_compare_check22.json",
            "standalone_answers_check39.json", "standalone_compare_check23.json",
            "standalone_answers_check40.json", "standalone_compare_check24.json",
            "standalone_answers_check41.json", "standalone_compare_check25.json",
            "standalone_answers_check42.json", "standalone_compare_check26.json",
            "standalone_answers_check43.json", "standalone_compare_check27.json",
            "standalone_answers_check44.json", "standalone_compare_check28.json",
            "standalone_answers_check45.json", "standalone_compare_check29.json",
            "standalone_answers_check46.json", "standalone_compare_check30.json",
            "standalone_answers_check47.json", "standalone_compare_check31.json",
            "standalone_answers_check48.json", "standalone_compare_check32.json",
            "standalone_answers_check49.json", "standalone_compare_check33.json",
            "standalone_answers_check50.json", "standalone_compare_check34.json",
            "standalone_answers_check51.json", "standalone_compare_check35.json",
            "standalone_answers_check52.json", "standalone_compare_check36.json")


def check_files() -> list[Path]:
    """The blind checks the model learns from: every one in tests/fixtures but
    :data:`HELD_OUT`."""
    return sorted(p for pattern in ("standalone_answers_check*.json",
                                    "standalone_compare_check*.json")
                  for p in FIXTURES.glob(pattern) if p.name not in HELD_OUT)


def rows_of(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for answer in data.get("answers", []):
        for line in answer["lines"]:
            if len(line["sentences"]) != 1:
                continue
            story = line.get("story")
            if story and (story[0] if isinstance(story, list) else story):
                continue
            labels = line.get("labels") or [{"label": line["label"], "kind": line["kind"]}]
            needs = sum(x["label"] != "alone" and x["kind"] not in NOT_MENDED for x in labels)
            part = line.get("part") or (
                "summary" if answer["answer"].startswith("/summary") else "brief")
            sentence = line["sentences"][0]
            out.append({"file": path.name, "doc": sentence["doc_id"],
                        "position": sentence["position"], "part": part, "text": line["text"],
                        "title": line.get("title", ""), "y": needs / len(labels)})
    return out


def fit(rows: list[dict], feats: list[dict[str, float]]) -> tuple[DictVectorizer,
                                                                  LogisticRegression]:
    docs: dict[str, set[str]] = collections.defaultdict(set)
    for row, f in zip(rows, feats, strict=True):
        for k in f:
            if k.startswith(("open=", "the=")):
                docs[k].add(row["doc"])
    kept = [{k: v for k, v in f.items()
             if not k.startswith(("open=", "the=")) or len(docs[k]) >= MIN_DOCS}
            for f in feats]
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(kept)
    y = np.array([r["y"] for r in rows])
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(sp.vstack([X, X]), np.r_[np.ones(len(y)), np.zeros(len(y))],
              sample_weight=np.r_[y, 1 - y] + 1e-9)
    return vec, model


def used(row: dict) -> bool:
    """A line the model is asked about: a topic summary's line or a unique point from its
    article's second sentence on."""
    return row["part"] in ("summary", "unique") and row["position"] >= 1


def at(threshold: float, p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    picked = p >= threshold
    return {"lines": len(p), "needs_share": round(float(y.mean()), 3) if len(y) else 0.0,
            "picked": int(picked.sum()),
            "picked_share": round(float(picked.mean()), 3) if len(p) else 0.0,
            "precision": round(float(y[picked].mean()), 3) if picked.any() else 0.0,
            "recall": round(float(y[picked].sum() / y.sum()), 3) if y.sum() else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=LEANING_PATH)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files = check_files()
    rows = [r for f in files for r in rows_of(f)]
    feats = [features(r["text"], r["title"], r["position"]) for r in rows]
    y = np.array([r["y"] for r in rows])
    held = np.zeros(len(rows))
    for k in range(FOLDS):
        test = [i for i, r in enumerate(rows) if files.index(FIXTURES / r["file"]) % FOLDS == k]
        # a sentence labelled in several checks is trained on in no fold that scores it
        tested = {rows[i]["text"] for i in test}
        train = [i for i, r in enumerate(rows) if files.index(FIXTURES / r["file"]) % FOLDS != k
                 and r["text"] not in tested]
        vec, model = fit([rows[i] for i in train], [feats[i] for i in train])
        held[test] = model.predict_proba(vec.transform([feats[i] for i in test]))[:, 1]
    auc = roc_auc_score(y >= 0.5, held)
    pop = np.array([used(r) and not story_wanted(SimpleNamespace(text=r["text"], doc_id=""),
                                                 lambda _, t=r["title"]: t)
                    for r in rows])
    no_rule = np.array([pop[i] and not any(v for k, v in feats[i].items() if k.startswith("r_"))
                        for i in range(len(rows))])
    grid = {str(t): at(t, held[pop], y[pop]) for t in GRID}
    threshold = THRESHOLD
    vec, model = fit(rows, feats)
    weights = {name: round(float(w), 6)
               for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) > 1e-6}
    meta = {
        "data": [f.name for f in files], "rows": len(rows),
        "C": C, "min_docs": MIN_DOCS, "folds": FOLDS,
        "held_out": {"auc_needs_majority": round(float(auc), 3),
                     "threshold": threshold,
                     "lines_no_rule_sends": grid[str(threshold)],
                     "lines_no_rule_flags": at(threshold, held[no_rule], y[no_rule]),
                     "grid": grid},
    }
    args.out.write_text(json.dumps({"weights": weights, "intercept": round(float(
        model.intercept_[0]), 6), "threshold": threshold, "meta": meta}, indent=1) + "\n",
        encoding="utf-8")
    log.info("%d rows from %d checks; held-out AUC %.3f; threshold %.2f", len(rows),
             len(files), auc, threshold)
    log.info("lines no rule sends to their story: %s", grid[str(threshold)])
    log.info("lines no rule flags at all: %s", meta["held_out"]["lines_no_rule_flags"])
    log.info("wrote %s (%d weights)", args.out, len(weights))


if __name__ == "__main__":
    main()
