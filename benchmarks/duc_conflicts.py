"""The contradictions the comparer reports on each DUC 2004 dev cluster, to read by hand.

    python benchmarks/duc_conflicts.py

Each cluster of ``../shared/duc2004-dev/docs`` is loaded as a corpus of its own and
compared whole (``Comparer.compare()``, as ``briefbot compare --corpus DIR`` does); every
conflict of kind "contradiction" is printed with its sentences. Writes nothing: whether a
contradiction is real is read by a person (QUALITY.md, "Dates contradict only in one claim").
Session 8: 4 contradictions before the dates' claim test (2 real: Lahoud appointed army
commander in 1989 / 1988; 22 injured / 19 wounded in one statement), 2 after (both real).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.engine.errors import EngineInputError  # noqa: E402

DUC = ROOT.parent / "shared" / "duc2004-dev" / "docs"


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    if not DUC.is_dir():
        print(f"skipped: {DUC} not found")
        return 0
    found = 0
    for cluster in sorted(p for p in DUC.iterdir() if p.is_dir()):
        try:
            result = Engine(load_corpus(cluster)).comparer.compare()
        except EngineInputError as exc:
            print(f"{cluster.name}: {exc}")
            continue
        for conflict in result.conflicts:
            if conflict.kind != "contradiction":
                continue
            found += 1
            print(f"== {cluster.name}: {conflict.subject}")
            for claim in conflict.claims:
                print(f"   [{claim.doc_id}] {claim.value!r}: {claim.text}")
    print(f"contradictions: {found}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
