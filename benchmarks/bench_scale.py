"""Scale: a 20,000-document corpus generated from the BBC articles.

Run from the repo root: ``python benchmarks/bench_scale.py [--size 20000]``. Generates
the corpus once (``scripts/generate_corpus.py``, outside the repo), then in fresh
processes measures: cold load (empty document cache and index store: every index is
built and stored), warm load (cache filled, the summarizer's and comparer's indexes
mapped from the store), engine build, peak RSS, and per-command engine latency
(p50/p95) for summary, brief and compare. Targets: cold < 60 s, warm < 5 s, peak RSS
< 1.5 GiB, p95 < 200 ms. Writes benchmarks/results/scale.json with the machine description.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _machine import machine, run_child, write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {"cold_s": 60.0, "warm_s": 5.0, "peak_rss_mib": 1536.0, "p95_ms": 200.0}
TOPICS = ("oil prices", "general election", "mobile phones", "interest rates", "broadband",
          "video games", "tax", "music downloads", "Iraq", "football")
PLACES = ("London", "China", "United States", "Iraq", "Japan", "Germany", "France", "India",
          "Russia", "Brazil")
REPEATS = 20


def _time(fn: Any, *args: Any, **kwargs: Any) -> float:
    t = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def _latencies(engine: Any) -> dict[str, Any]:
    rng = random.Random(3)
    docs = sorted(engine.corpus.documents)
    calls = {
        "summary": lambda: engine.summarizer.summarize(
            **rng.choice(({}, {"topic": rng.choice(TOPICS)},
                          {"document": rng.choice(docs)}))),
        "brief": lambda: engine.places.brief(rng.choice(PLACES)),
        "compare": lambda: engine.comparer.compare(topic=rng.choice(TOPICS)),
    }
    out: dict[str, Any] = {}
    for name, call in calls.items():
        samples, errors = [], []
        for _ in range(REPEATS):
            t = time.perf_counter()
            try:
                call()
            except Exception as exc:  # an input the engine refuses still costs its time
                errors.append(f"{type(exc).__name__}: {exc}"[:120])
            samples.append(time.perf_counter() - t)
        out[name] = {"p50_ms": round(_pct(samples, 50) * 1000, 1),
                     "p95_ms": round(_pct(samples, 95) * 1000, 1), "n": REPEATS,
                     "refused": len(errors), "example_refusal": errors[:1]}
    return out


def phase(corpus: Path, cache: Path, latency: bool) -> dict[str, Any]:
    """One fresh process: load (through the cache), build the engine, optionally time calls."""
    from bot.corpus.loader import load_corpus
    from bot.engine import Engine

    t0 = time.perf_counter()
    loaded = load_corpus(corpus, cache_dir=cache)
    t1 = time.perf_counter()
    engine = Engine(loaded, store_dir=cache)  # indexes stored in the cold phase, mapped after
    parts = {}
    for name in ("summarizer", "places", "comparer"):
        try:
            parts[name] = round(_time(getattr, engine, name), 1)
        except Exception as exc:
            parts[name] = f"failed: {type(exc).__name__}: {exc}"[:200]
    t2 = time.perf_counter()
    result = {"documents": len(loaded), "skipped": len(loaded.skipped),
              "sentences": sum(len(d.sentences) for d in loaded.documents.values()),
              "corpus_load_s": round(t1 - t0, 2), "engine_build_s": round(t2 - t1, 1),
              "engine_parts_s": parts, "load_and_build_s": round(t2 - t0, 1)}
    if latency:
        result["latency"] = _latencies(engine)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def run_phase(corpus: Path, cache: Path, latency: bool, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--phase", "--corpus", str(corpus), "--cache", str(cache)]
    if latency:
        cmd.append("--latency")
    return run_child(cmd, timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--corpus", type=Path,
                        default=Path(tempfile.gettempdir()) / "briefbot-corpus-20k")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=3600.0, help="per phase, seconds")
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--latency", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.phase:
        print(json.dumps(phase(args.corpus, args.cache, args.latency)))
        return 0
    if not BBC.is_dir():
        print(f"skipped scale benchmark: {BBC} not found")
        return 0
    from generate_corpus import generate

    existing = sum(1 for _ in args.corpus.glob("*/*.txt")) if args.corpus.is_dir() else 0
    if existing != args.size:
        shutil.rmtree(args.corpus, ignore_errors=True)
        generate(BBC, args.corpus, args.size)
    report: dict[str, Any] = {"machine": machine(), "corpus": f"{args.size} documents "
                              f"generated by scripts/generate_corpus.py from the BBC set"}
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp) / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        report["cold"] = run_phase(args.corpus, cache, False, args.timeout)
        report["warm"] = run_phase(args.corpus, cache, True, args.timeout)
    cold, warm = report["cold"], report["warm"]
    latency = warm.get("latency", {})
    report["targets"] = {
        "cold_load_s": {"target": TARGETS["cold_s"], "corpus": cold.get("corpus_load_s"),
                        "with_engine": cold.get("load_and_build_s")},
        "warm_load_s": {"target": TARGETS["warm_s"], "corpus": warm.get("corpus_load_s"),
                        "with_engine": warm.get("load_and_build_s")},
        "peak_rss_mib": {"target": TARGETS["peak_rss_mib"],
                         "measured": max(cold.get("peak_rss_mib", 0),
                                         warm.get("peak_rss_mib", 0))},
        "p95_ms": {"target": TARGETS["p95_ms"],
                   **{k: v.get("p95_ms") for k, v in latency.items()}},
    }
    write_results(RESULTS / "scale.json", report)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
