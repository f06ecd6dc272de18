"""A new user's first commands, timed from launch to exit as separate processes.

Run from the repo root: ``python benchmarks/bench_first_run.py [--runs 5] [--out FILE]``.

* ``briefbot --version``
* ``briefbot offline --command "/summary sentences:3"`` on the bundled seeds, with request
  validation on (the default) and a spec already checked once (the marker in the cache
  folder, as on a user's second run), and once more with no marker (a first run);
* the same with ``--no-validate`` for comparison.

Each figure is the median of ``--runs`` runs, wall time and the process's own CPU time
(user + system); the machine's 1-minute load average is recorded before, after each
series and at the end, since the machine may be shared. Each run gets a fresh
HOME (so no user data), and one cache folder shared by the warm runs.
Writes benchmarks/results/first_run.json.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
CODE = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
# --timeout: on a busy shared machine a first run (spec check) can pass the default 60 s
SUMMARY = ["offline", "--corpus", str(ROOT / "seeds"), "--timeout", "600",
           "--command", "/summary sentences:3"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_cpu(args: list[str], cache: Path) -> tuple[float, float]:
    """Wall seconds from launch to exit, and the CPU seconds (user + system) the process
    used: on a shared machine the wall time mostly measures the other jobs, the CPU
    time is about what an idle machine's wall time would be (one thread runs at a time)."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "BRIEFBOT_CACHE_DIR": str(cache),
               "DISCORD_TOKEN": ""}
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", CODE, *args], env=env, cwd=home, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start, _children_cpu() - cpu


def timed(args: list[str], cache: Path) -> float:
    return timed_cpu(args, cache)[0]


def median_of(runs: int, args: list[str], cache: Path) -> dict[str, object]:
    walls, cpus = zip(*(timed_cpu(args, cache) for _ in range(runs)), strict=True)
    return {"median_s": round(statistics.median(walls), 3),
            "runs_s": [round(t, 3) for t in walls],
            "median_cpu_s": round(statistics.median(cpus), 3),
            "load_1m": round(os.getloadavg()[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS / "first_run.json")
    args = parser.parse_args()
    info = machine()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as warm, tempfile.TemporaryDirectory() as cold:
        results["version"] = median_of(args.runs, ["--version"], Path(warm))
        timed(SUMMARY, Path(warm))  # checks the spec once and leaves the marker
        results["summary_validated_spec_cached"] = median_of(args.runs, SUMMARY, Path(warm))
        results["summary_validated_first_run"] = {
            "s": round(timed(SUMMARY, Path(cold)), 3)}  # no marker: checks the spec
        results["summary_no_validate"] = median_of(args.runs, [*SUMMARY, "--no-validate"],
                                                   Path(warm))
    info["load_average_1m_at_end"] = os.getloadavg()[0]
    data = {"machine": info, "runs": args.runs, "results": results}
    write_results(args.out, data)
    for name, value in results.items():
        print(f"{name:34} {value}")
    print(f"load average (1 min): {info['load_average_1m_at_start']:.2f} at start, "
          f"{info['load_average_1m_at_end']:.2f} at end; {info['cores']} cores")


if __name__ == "__main__":
    main()
