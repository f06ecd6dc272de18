"""200 concurrent slash commands from 20 servers against the BBC corpus, end to end.

Run from the repo root: ``python benchmarks/bench_load.py [--commands 200]``. The real
bot runs against the local Discord (127.0.0.1 only); every interaction's
acknowledgement and answer latency and the event loop's worst stall are measured with
the same driver as ``tests/test_load.py``. Writes benchmarks/results/load.json with the
machine description. The BBC set is read from ../shared/bbc-news-summary (never copied);
the run is skipped with a message when it is absent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

from bot.client import BriefBot  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.localdiscord import LocalDiscord, run_bot  # noqa: E402
from tests.test_faults import ACK_DEADLINE  # noqa: E402
from tests.test_load import command_mix, load_guilds, percentile, run_load  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
RESULTS = ROOT / "benchmarks" / "results"




def stats(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(values, 50) * 1000, 1),
            "p95_ms": round(percentile(values, 95) * 1000, 1),
            "p99_ms": round(percentile(values, 99) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1) if values else float("nan")}


async def bench(commands: int, guilds: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    cache = Path(tempfile.gettempdir()) / "briefbot-cache-bbc"
    engine = Engine(load_corpus(BBC, cache_dir=cache))
    engine.warm()
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(corpus_dir=BBC, database_url=f"sqlite:///{tmp}/load.sqlite3",
                            corpus_rescan_seconds=0)
        ld = LocalDiscord(guilds=load_guilds(guilds), validate=False)

        def make() -> BriefBot:
            return BriefBot(settings, engine=engine, guild_ready_timeout=0.05)

        async with run_bot(make, local=ld, check_violations=False) as (ld, _bot):
            mix = command_mix(ld, sorted(engine.corpus.documents), commands)
            result = await run_load(ld, mix, answer_timeout=600)
    late = sum(1 for a in result.acks if a >= ACK_DEADLINE)
    return {
        "corpus": f"BBC news summary articles ({len(engine.corpus)} documents)",
        "engine_build_s": round(build, 1),
        "commands": commands, "guilds": guilds,
        "answered": len(result.answers), "failures": result.failures[:10],
        "acknowledged_late": late,
        "ack": stats(result.acks),
        "answer": stats(result.answers),
        "answer_by_command": {k: stats(v) | {"n": len(v)}
                              for k, v in sorted(result.by_command.items())},
        "worst_event_loop_stall_ms": round(result.worst_stall * 1000, 1),
        "wall_s": round(result.wall, 1),
        "targets": {"ack_under_ms": ACK_DEADLINE * 1000, "met": late == 0},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commands", type=int, default=200)
    parser.add_argument("--guilds", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not BBC.is_dir():
        print(f"skipped load benchmark: {BBC} not found")
        return 0
    started = machine()
    report = {"machine": started, **asyncio.run(bench(args.commands, args.guilds))}
    write_results(RESULTS / "load.json", report)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
