"""Chaos run of the daily digest: at least 50 SIGKILLs on the digest path.

Run from the repo root: ``python benchmarks/bench_chaos.py [--kills 50] [--seed 0]``.
The real bot runs in a child process against the local Discord in this one; it is
killed at random points (a post Discord stored but whose reply was lost, right after a
reply, in a retry wait after a 503, in the restart's channel lookup, at a random moment
after login), restarted, and finally stopped with SIGTERM. Each server's channel is
then compared with its digest log (see ``tests/chaos.py``). Writes
benchmarks/results/chaos.json with the machine description; exit 1 on any duplicate,
silent loss or bad exit.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

from tests.chaos import chaos_run  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--servers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefbot-chaos-") as tmp:
        report = asyncio.run(chaos_run(Path(tmp), kills=args.kills, servers=args.servers,
                                       seed=args.seed))
    data = {"machine": machine(), "command": " ".join(["python", *sys.argv]),
            **report.__dict__, "problems": report.problems()}
    write_results(RESULTS / "chaos.json", data)
    for key in ("kills", "kills_by_plan", "rounds", "servers", "posted", "failed_recorded",
                "duplicates", "silent_losses", "misrecorded", "bad_exits",
                "refused_requests", "seconds"):
        print(f"{key}: {data[key]}")
    return 1 if report.problems() else 0


if __name__ == "__main__":
    sys.exit(main())
