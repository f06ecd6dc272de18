"""Sample the comparer's candidate sentence pairs on DUC 2004 clusters for hand labelling.

    python scripts/sample_claim_pairs.py CLUSTER [CLUSTER ...] [--per-cluster N]

Runs ``briefbot compare`` over each whole cluster of ``../shared/duc2004-dev/docs`` (one
article = one source) and collects every pair of whole sentences from two documents that
the comparer asked the claim matcher about (overlap candidates that no veto rules out),
then prints a random sample (seed 0) as JSON with an empty label, WITHOUT the model's
probabilities, so the labels are written blind. Used to build
tests/fixtures/news_claim_candidates.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.engine.compare.claims import ClaimMatcher, veto  # noqa: E402

DUC = ROOT.parent / "shared" / "duc2004-dev" / "docs"

def candidates(cluster: str) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    original = ClaimMatcher.credit

    def record(self: ClaimMatcher, whole, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.extend(whole)
        return original(self, whole, *args, **kwargs)

    ClaimMatcher.credit = record  # type: ignore[method-assign]
    try:
        engine = Engine(load_corpus(DUC / cluster))
        engine.comparer.compare()
    finally:
        ClaimMatcher.credit = original  # type: ignore[method-assign]
    return [p for p in dict.fromkeys(seen) if p[0] != p[1] and veto(*p) is None]

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clusters", nargs="+")
    parser.add_argument("--per-cluster", type=int, default=20)
    args = parser.parse_args(argv)
    rng = random.Random(0)
    out = []
    for cluster in args.clusters:
        pairs = candidates(cluster)
        for a, b in rng.sample(pairs, min(args.per_cluster, len(pairs))):
            out.append({"cluster": cluster, "shown": a, "credited": b, "label": ""})
    print(json.dumps(out, indent=1))
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
