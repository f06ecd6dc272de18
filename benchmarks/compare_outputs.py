"""Dump or diff what the comparer answers, to prove a speed change left the answers alone.

Run from the repo root (or with PYTHONPATH at another checkout of the code):

    python benchmarks/compare_outputs.py dump OUT.json   # the answers of this checkout
    python benchmarks/compare_outputs.py diff A.json B.json [TOL]

``dump`` runs, in one process and in bench_compare.py's order, the 10 BBC topics three
times each (first call and warm calls: the encoder's cache and batches as the benchmark
has them), the seed fixture's query and the Yukos fixture, and writes each answer's
``to_dict()`` with the claim matrix of the call (every nonzero entry, from
``Comparer._claim_matrix``) and its wall and CPU time. ``diff`` compares two dumps:
texts, credits and points exactly, floats within TOL (default 1e-9; the times are not
compared), and prints the differences and the largest float difference.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_compare import BBC, REPEATS, TOPICS  # noqa: E402

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.engine.compare import comparer as comparer_module  # noqa: E402
from bot.engine.compare.evaluate import load_fixture  # noqa: E402


def dump(out: Path) -> None:
    calls: list[dict[str, Any]] = []
    matrices: list[dict[str, Any]] = []
    claim_matrix = comparer_module.Comparer._claim_matrix

    def recorded(self: Any, *args: Any, **kwargs: Any) -> tuple[np.ndarray, int, np.ndarray]:
        claim, left_out, told = claim_matrix(self, *args, **kwargs)
        i, j = np.nonzero(claim)
        matrices.append({"left_out": left_out, "shape": list(claim.shape),
                         "nonzero": [[int(a), int(b), float(claim[a, b])]
                                     for a, b in zip(i, j, strict=True)]})
        return claim, left_out, told

    comparer_module.Comparer._claim_matrix = recorded  # type: ignore[method-assign]

    def record(name: str, call: Callable[[], Any]) -> None:
        matrices.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = call()
        calls.append({"name": name, "result": result.to_dict(), "claim": list(matrices),
                      "ms": (time.perf_counter() - start) * 1000,
                      "cpu_ms": (time.process_time() - start_cpu) * 1000})

    if BBC.is_dir():
        bbc = Engine(load_corpus(BBC)).comparer
        for topic in TOPICS:
            for k in range(REPEATS):
                record(f"bbc:{topic}:{k}", lambda t=topic: bbc.compare(topic=t))
    seeds = load_fixture(ROOT / "tests" / "fixtures" / "seed_comparison.json")
    seed_comparer = Engine(load_corpus(ROOT / "seeds")).comparer
    record("seeds", lambda: seed_comparer.compare(**seeds["query"]))
    yukos = load_fixture(ROOT / "tests" / "fixtures" / "bbc_yukos_comparison.json")
    if BBC.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            for name in yukos["bbc_files"]:
                shutil.copy(BBC / name, Path(tmp) / Path(name).name)
            yukos_comparer = Engine(load_corpus(Path(tmp))).comparer
            record("yukos", lambda: yukos_comparer.compare(**yukos["query"]))
    out.write_text(json.dumps({"calls": calls}, sort_keys=True), encoding="utf-8")
    print(f"wrote {len(calls)} answers to {out}")


def diff(a: Any, b: Any, tol: float) -> tuple[list[str], float]:
    """Differences between two dumps (paths and values) and the largest float difference."""
    found: list[str] = []
    worst = 0.0

    def walk(x: Any, y: Any, path: str) -> None:
        nonlocal worst
        if isinstance(x, float) or isinstance(y, float):
            if not isinstance(x, int | float) or not isinstance(y, int | float):
                found.append(f"{path}: {x!r} / {y!r}")
                return
            worst = max(worst, abs(x - y))
            if abs(x - y) > tol:
                found.append(f"{path}: {x!r} / {y!r}")
        elif type(x) is not type(y):
            found.append(f"{path}: {x!r} / {y!r}")
        elif isinstance(x, dict):
            if x.keys() != y.keys():
                found.append(f"{path}: keys {sorted(x.keys() ^ y.keys())}")
            for k in x.keys() & y.keys():
                if k not in ("ms", "cpu_ms"):
                    walk(x[k], y[k], f"{path}/{k}")
        elif isinstance(x, list):
            if len(x) != len(y):
                found.append(f"{path}: {len(x)} / {len(y)} items")
                return
            for k, (u, v) in enumerate(zip(x, y, strict=True)):
                walk(u, v, f"{path}[{k}]")
        elif x != y:
            found.append(f"{path}: {str(x)[:120]!r} / {str(y)[:120]!r}")

    walk(a, b, "")
    return found, worst


def main(args: list[str]) -> int:
    if len(args) == 2 and args[0] == "dump":
        dump(Path(args[1]))
        return 0
    if len(args) in (3, 4) and args[0] == "diff":
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args[1:3])
        found, worst = diff(a, b, float(args[3]) if len(args) == 4 else 1e-9)
        for line in found[:40]:
            print(line)
        print(f"{len(found)} differences; largest float difference {worst:.3g}")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
