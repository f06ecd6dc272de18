"""Start-up on the BBC corpus: how soon the bot is connected, and how soon it answers.

Run from the repo root: ``python benchmarks/bench_startup.py [--corpus DIR] [--out FILE]``. The real
bot starts against the local Discord (127.0.0.1 only) with an empty document cache, then
again with the cache filled. Measured from the login call: READY (connected, commands
synced), the first ``/summary`` answer (asked at READY, while the indexes are still being
built in the background), and all indexes built. Writes benchmarks/results/startup.json.
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
from bot.localdiscord import LocalDiscord, run_bot  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
RESULTS = ROOT / "benchmarks" / "results"


async def start_once(corpus: Path, cache: Path, db: Path) -> dict[str, float]:
    settings = Settings(corpus_dir=corpus, cache_dir=cache, database_url=f"sqlite:///{db}",
                        corpus_rescan_seconds=0)
    ld = LocalDiscord(validate=False)

    def make() -> BriefBot:
        return BriefBot(settings, guild_ready_timeout=0.05)

    t0 = time.perf_counter()
    async with run_bot(make, local=ld, check_violations=False, ready_timeout=900) as (ld, bot):
        ready = time.perf_counter() - t0
        it = await ld.invoke("summary", {"sentences": 3})
        await it.wait_done(timeout=900)
        first = time.perf_counter() - t0
        assert bot.warming is not None
        await bot.warming
        built = time.perf_counter() - t0
    return {"ready_s": round(ready, 1), "first_summary_s": round(first, 1),
            "indexes_built_s": round(built, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--out", type=Path, default=RESULTS / "startup.json",
                        help="e.g. results/startup_20k.json for the generated corpus")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not args.corpus.is_dir():
        print(f"skipped start-up benchmark: {args.corpus} not found")
        return 0
    report: dict[str, Any] = {"machine": machine(), "corpus": str(args.corpus)}
    with tempfile.TemporaryDirectory() as tmp:
        cache, db = Path(tmp) / "cache", Path(tmp) / "bot.sqlite3"
        report["cold_cache"] = asyncio.run(start_once(args.corpus, cache, db))
        report["warm_cache"] = asyncio.run(start_once(args.corpus, cache, db))
    write_results(args.out, report)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
