"""Choose the concept-coverage parameters (``ConceptPolicy``) by cross-validation over clusters.

Data: the DUC 2004 task 2 dev half in ``../shared/duc2004-dev`` (25 clusters of
ten AP/NYT articles, four human 100-word summaries each; NIST's data, see its
README). The other 25 clusters are held back by the project and never seen.

Protocol (fixed, no randomness): clusters in name order are dealt into 5 folds
(cluster k goes to fold k mod 5). For each fold, every grid point is scored on
the other four folds and the best (mean of ROUGE-1 and ROUGE-2 recall) is then
scored on the held-out fold: the mean of those held-out scores is the honest
figure. The grid point best over all 25 clusters is what ships in
``bot.engine.ranking.concepts.ConceptPolicy`` (report both). Scoring: output
cut to 100 words, ``rouge-score`` recall with stemming, mean over the four
references, then over clusters (as ``benchmarks/bench_mds.py``).

    python scripts/tune_mds.py [--words 100] [--grid small|full]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DUC = ROOT.parent / "shared" / "duc2004-dev"
FOLDS = 5


def load(words: int):
    from rouge_score import rouge_scorer

    from bot.corpus import load_corpus
    from bot.engine.ranking.dataset import read_text
    from bot.engine.summary import Summarizer

    out = []
    for path in sorted(p for p in (DUC / "docs").iterdir() if p.is_dir()):
        summ = Summarizer(load_corpus(path))
        refs = [" ".join(read_text(p).split()) for p in sorted((DUC / "refs" / path.name)
                                                               .glob("*.txt"))]
        out.append((path.name, summ, refs))
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    return out, scorer


def score(summ, refs, scorer, policy, words: int) -> tuple[float, float]:
    picked = summ.multi_document(words=words, policy=policy)
    text = " ".join(" ".join(summ.index.sentences[i].text for i in picked).split()[:words])
    sc = [scorer.score(r, text) for r in refs]
    return (100 * statistics.mean(x["rouge1"].recall for x in sc),
            100 * statistics.mean(x["rouge2"].recall for x in sc))


GRIDS = {
    "small": {"min_df": [2, 3], "position_weight": [0.0, 1.0, 2.0], "min_words": [8, 10, 12],
              "redundancy": [0.4, 0.6]},
    "full": {"min_df": [2, 3, 4], "position_weight": [0.0, 0.5, 1.0, 2.0, 4.0],
             "min_words": [6, 8, 10, 12, 15], "redundancy": [0.3, 0.4, 0.5, 0.7, 1.0]},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--grid", choices=sorted(GRIDS), default="small")
    parser.add_argument("--out", type=Path, default=None, help="write the table as JSON")
    args = parser.parse_args(argv)
    if not (DUC / "docs").is_dir():
        print(f"{DUC} not found; nothing tuned")
        return 1
    from bot.engine.ranking.concepts import DEFAULT_CONCEPT_POLICY

    t0 = time.perf_counter()
    clusters, scorer = load(args.words)
    grid = GRIDS[args.grid]
    keys = list(grid)
    points = [dict(zip(keys, vals, strict=True)) for vals in itertools.product(*grid.values())]
    table = []  # per point: per cluster (r1, r2)
    for point in points:
        policy = replace(DEFAULT_CONCEPT_POLICY, **point)
        table.append([score(s, r, scorer, policy, args.words) for _, s, r in clusters])
    fold = [k % FOLDS for k in range(len(clusters))]

    def mean(p: int, ks: list[int]) -> tuple[float, float]:
        return (statistics.mean(table[p][k][0] for k in ks),
                statistics.mean(table[p][k][1] for k in ks))

    def objective(p: int, ks: list[int]) -> float:
        return sum(mean(p, ks))

    held_out: list[tuple[float, float]] = [(0.0, 0.0)] * len(clusters)
    chosen = []
    for f in range(FOLDS):
        train = [k for k in range(len(clusters)) if fold[k] != f]
        test = [k for k in range(len(clusters)) if fold[k] == f]
        best = max(range(len(points)), key=lambda p, tr=train: objective(p, tr))
        chosen.append(points[best])
        for k in test:
            held_out[k] = table[best][k]
    everything = list(range(len(clusters)))
    best_all = max(range(len(points)), key=lambda p: objective(p, everything))
    result = {
        "held_out_rouge1": round(statistics.mean(h[0] for h in held_out), 2),
        "held_out_rouge2": round(statistics.mean(h[1] for h in held_out), 2),
        "chosen_per_fold": chosen,
        "best_all": points[best_all],
        "best_all_rouge": [round(v, 2) for v in mean(best_all, everything)],
        "default_policy": {k: getattr(DEFAULT_CONCEPT_POLICY, k) for k in keys},
        "seconds": round(time.perf_counter() - t0, 1),
    }
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps({"result": result, "points": points, "table": table}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
