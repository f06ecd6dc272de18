"""Start-up: how soon the bot is connected and answers, with and without stored indexes,
and how much memory a second shard process on the same machine adds.

Run from the repo root: ``python benchmarks/bench_startup.py [--corpus DIR] [--out FILE]
[--cache DIR] [--phases cold,stored,shared]`` (with ``--cache``, the bot's database is kept
next to it, so ``--phases stored`` alone is a restart). Each phase is a fresh process; times are
seconds from that process's start (interpreter start and imports included):

- ``cold``: an empty ``CACHE_DIR`` (no document cache, no stored index): the real bot
  starts against the local Discord (127.0.0.1 only), parses every file, builds every
  index and stores it. Reports the build and the store time of each stored index.
- ``stored``: the same ``CACHE_DIR`` again: documents from the cache, indexes mapped.
- ``shared``: two engine processes on the stored indexes (each loads the corpus, maps the
  indexes, builds the rest and answers a summary, a brief and a comparison), measured
  together with psutil: RSS, PSS and USS (memory_full_info) of each. The target is the
  second's USS <= 40% of the first's RSS. ``second_uss_added_by_step_mib`` says what each
  load step (imports, corpus, fingerprints, each index, the answers) added to the second
  process's USS while the first maps the same files (what stays private, step by step).
- ``prefork`` (not run by default): one process loads the corpus and every index, calls
  ``gc.freeze()`` and forks two children that answer the same calls; the children's USS
  against the parent's RSS (pages shared copy-on-write instead of through mapped files).

Measured from process start: the corpus in memory (``corpus_loaded_s``), READY
(connected; the harness then waits for the command sync, which runs while connecting:
a fresh local Discord has no commands, Discord keeps a restarted bot's), the first
``/summary`` answer (asked at READY, while the other indexes are still being built in the
background; ``first_summary_notice_s`` when a "still loading, ready in about N s" notice
came first), and all indexes built. The gazetteer and the place scan/entity caches live in the user
cache directory (``BRIEFBOT_CACHE_DIR``) and are not cleared. Writes
benchmarks/results/startup.json (``--out`` for another name).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, run_child, write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
RESULTS = ROOT / "benchmarks" / "results"


async def start_once(corpus: Path, cache: Path, db: Path, t0: float) -> dict[str, Any]:
    from bot import client
    from bot.client import BriefBot
    from bot.config import Settings
    from bot.engine import indexes
    from bot.localdiscord import LocalDiscord, run_bot

    settings = Settings(corpus_dir=corpus, cache_dir=cache, database_url=f"sqlite:///{db}",
                        corpus_rescan_seconds=0)
    ld = LocalDiscord(validate=False)

    def make() -> BriefBot:
        return BriefBot(settings, guild_ready_timeout=0.05)

    out: dict[str, Any] = {"imports_s": round(time.time() - t0, 1)}
    load_engine = client.load_engine

    def timed_load(settings: Settings) -> Any:  # when the corpus is in memory
        engine = load_engine(settings)
        out["corpus_loaded_s"] = round(time.time() - t0, 1)
        return engine

    client.load_engine = timed_load
    async with run_bot(make, local=ld, check_violations=False, ready_timeout=900) as (ld, bot):
        out["ready_s"] = round(time.time() - t0, 1)
        it = await ld.invoke("summary", {"sentences": 3})
        await it.wait_done(timeout=900)
        if not it.response["embeds"]:  # "still loading, ready in about N s": answered at once
            out["first_summary_notice_s"] = round(time.time() - t0, 1)
            out["first_summary_notice"] = it.response["content"]
            await it.wait_done(timeout=900, count=2)  # the answer replaces it
        out["first_summary_s"] = round(time.time() - t0, 1)
        assert bot.warming is not None
        await bot.warming
        out["indexes_built_s"] = round(time.time() - t0, 1)
        assert it.response and it.response["embeds"], "the /summary answer is missing"
    out["stored_indexes"] = {k: {m: round(v, 2) for m, v in t.items()}
                             for k, t in indexes.TIMINGS.items()}
    return out


def _answer(engine: Any) -> None:
    from bot.engine.errors import EngineInputError

    calls = (lambda: engine.summarizer.summarize(sentences=5),
             lambda: engine.summarizer.summarize(topic="oil prices", sentences=3),
             lambda: engine.places.brief("London"),
             lambda: engine.comparer.compare(topic="oil prices"))
    for call in calls:
        with contextlib.suppress(EngineInputError):  # a refusal touches the index too
            call()


def _engine(corpus: Path, cache: Path) -> Any:
    from bot.client import load_engine
    from bot.config import Settings

    engine = load_engine(Settings(corpus_dir=corpus, cache_dir=cache))
    engine.warm()
    return engine


def serve(corpus: Path, cache: Path) -> None:
    """One shard process's engine: load, map, build the rest, answer, then wait. Prints
    "ready" and, as JSON, its unique memory (USS, MiB) after each load step: what each
    step adds to a process that shares the stored files with another."""
    from bot.client import load_engine
    from bot.config import Settings

    steps = {"imports": _uss()}
    engine = load_engine(Settings(corpus_dir=corpus, cache_dir=cache))
    steps["corpus"] = _uss()
    engine.fingerprints()
    steps["fingerprints"] = _uss()
    for name in ("summarizer", "places", "comparer"):
        engine.warm([name])
        steps[name] = _uss()
    _answer(engine)
    steps["answers"] = _uss()
    print("ready " + json.dumps(steps), flush=True)
    sys.stdin.readline()


def _uss() -> float:
    import psutil

    return round(psutil.Process().memory_full_info().uss / 2**20, 1)


def prefork(corpus: Path, cache: Path, children: int = 2) -> None:
    """The pre-fork layout: this process loads the corpus and every index and answers
    once, freezes its objects out of the garbage collector's reach (``gc.freeze``: a
    collection in a child would otherwise write to every object's header and copy its
    page), then forks ``children`` processes that each answer the same calls and wait.
    Prints the memory of the parent and of each child as one JSON line."""
    import gc
    import signal

    engine = _engine(corpus, cache)
    _answer(engine)
    gc.collect()
    gc.freeze()
    pids = []
    for _ in range(children):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer, say so, wait to be stopped
            os.close(read)
            _answer(engine)
            os.write(write, b"ready\n")
            signal.pause()
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as fh:
            fh.readline()
        pids.append(pid)
    try:
        parent = _memory(os.getpid())
        kids = [_memory(pid) for pid in pids]
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    print(json.dumps({"parent_mib": parent, "children_mib": kids,
                      "second_child_uss_over_parent_rss": round(kids[-1]["uss"]
                                                                / parent["rss"], 3)}))


def _memory(pid: int) -> dict[str, float]:
    import psutil

    info = psutil.Process(pid).memory_full_info()
    return {k: round(getattr(info, k) / 2**20, 1) for k in ("rss", "pss", "uss", "shared")}


def shared(corpus: Path, cache: Path, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--serve", "--corpus", str(corpus), "--cache", str(cache)]
    procs = []
    try:
        for _ in range(2):  # the second starts once the first is serving
            p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            procs.append(p)
            deadline = time.time() + timeout
            line = p.stdout.readline() if p.stdout else ""
            if not line.startswith("ready ") or time.time() > deadline:
                return {"failed": f"process {len(procs)} did not get ready: {line!r}"}
            steps = json.loads(line[len("ready "):])
        first, second = (_memory(p.pid) for p in procs)
        # what each load step added to the second process's USS (the first was mapping
        # the same files, so shared pages are not counted)
        marks = list(steps.items())
        added = {name: round(uss - (marks[k - 1][1] if k else 0.0), 1)
                 for k, (name, uss) in enumerate(marks)}
        return {"first_mib": first, "second_mib": second,
                "second_uss_over_first_rss": round(second["uss"] / first["rss"], 3),
                "target": 0.40, "second_uss_added_by_step_mib": added}
    finally:
        for p in procs:
            if p.stdin:
                p.stdin.close()
            p.wait(timeout=60)


def run_prefork(corpus: Path, cache: Path, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--prefork", "--corpus", str(corpus), "--cache",
           str(cache)]
    result = run_child(cmd, timeout)
    if "timed_out_after_s" in result or "failed" in result:
        return result
    result["target"] = 0.40
    result["load_average_1m"] = round(os.getloadavg()[0], 2)
    return result


def run_phase(name: str, corpus: Path, cache: Path, db: Path, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus), "--cache",
           str(cache), "--db", str(db), "--t0", repr(time.time())]
    result = run_child(cmd, timeout)
    if "timed_out_after_s" in result or "failed" in result:
        return result
    result["load_average_1m"] = round(os.getloadavg()[0], 2)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--out", type=Path, default=RESULTS / "startup.json",
                        help="e.g. results/startup_20k.json for the generated corpus")
    parser.add_argument("--cache", type=Path, default=None,
                        help="CACHE_DIR to use (emptied first); default: a temporary one")
    parser.add_argument("--phases", default="cold,stored,shared")
    parser.add_argument("--timeout", type=float, default=3600.0, help="per phase, seconds")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prefork", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.phase:
        print(json.dumps(asyncio.run(start_once(args.corpus, args.cache, args.db, args.t0))))
        return 0
    if args.serve:
        serve(args.corpus, args.cache)
        return 0
    if args.prefork:
        prefork(args.corpus, args.cache)
        return 0
    if not args.corpus.is_dir():
        print(f"skipped start-up benchmark: {args.corpus} not found")
        return 0
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    report: dict[str, Any] = {"machine": machine(), "corpus": str(args.corpus),
                              "documents": sum(1 for p in args.corpus.rglob("*")
                                               if p.suffix in (".txt", ".md", ".html"))}
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp) / "cache"
        # next to the cache: a "stored" phase run alone is a restart, with the database of
        # the run before (its documents-seen table filled), as a real restart has
        db = cache.with_name(f"{cache.name}-bot.sqlite3") if args.cache else \
            Path(tmp) / "bot.sqlite3"
        if "cold" in phases:
            shutil.rmtree(cache, ignore_errors=True)
            db.unlink(missing_ok=True)
            report["cold_cache"] = run_phase("cold", args.corpus, cache, db, args.timeout)
            built = report["cold_cache"].get("stored_indexes", {})
            build = sum(t.get("build_s", 0.0) for t in built.values())
            store = sum(t.get("store_s", 0.0) for t in built.values())
            report["cold_cache"]["store_over_build"] = round(store / build, 3) if build else None
        if "stored" in phases:
            report["stored_indexes"] = run_phase("stored", args.corpus, cache, db, args.timeout)
        if "shared" in phases:
            report["two_processes"] = shared(args.corpus, cache, args.timeout)
            report["two_processes"]["load_average_1m"] = round(os.getloadavg()[0], 2)
        if "prefork" in phases:
            report["prefork"] = run_prefork(args.corpus, cache, args.timeout)
    write_results(args.out, report)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
