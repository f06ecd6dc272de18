"""Place extraction quality on the labelled seeds, and speed on the BBC articles.

    CACHE_DIR=$(mktemp -d) python benchmarks/bench_places.py [--briefings N]
    CACHE_DIR=$(mktemp -d) python benchmarks/bench_places.py --corpus /tmp/bbc20k

Writes benchmarks/results/places.json (``--corpus``: places_<folder name>.json, one cold
build only). The BBC set is read from ../shared/bbc-news-summary relative to the
repository root; without it only the seed figures are produced. "Cold" is a build with an
empty CACHE_DIR (no cached scans or entity labels; the gazetteer's own cache, in
BRIEFBOT_CACHE_DIR, is timed separately), "warm" the same build again. CPU seconds count
this process and the tagging workers; the machine is shared, so the load average is
recorded with each wall-clock figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine.nlp import warm as warm_parser  # noqa: E402
from bot.engine.places import PlaceIndex, load_gazetteer, ner  # noqa: E402
from bot.engine.places.evaluate import score_fixture  # noqa: E402
from bot.engine.places.gazetteer import SUFFIX, cache_dir  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
OUT = ROOT / "benchmarks" / "results" / "places.json"


def _rss_mib() -> float:
    """Current resident set size (not the peak), from /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _uss_mib() -> float:
    """This process's unique memory (pages no other process shares: its heap, not the
    mapped gazetteer file's pages, which are the page cache's), from psutil."""
    import psutil

    return psutil.Process().memory_full_info().uss / 2**20


def _worker_cpu_s() -> float:
    """CPU seconds used so far by the live entity-tagging worker processes (from /proc)."""
    pool = ner._pool
    if pool is None:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in list(getattr(pool, "_processes", {}) or {}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def timed_build(corpus: object) -> tuple[PlaceIndex, dict[str, float]]:
    """One index build: wall seconds, CPU seconds (here and in the workers), load."""
    load = os.getloadavg()[0]
    cpu, workers = time.process_time(), _worker_cpu_s()
    t = time.perf_counter()
    index = PlaceIndex.build(corpus)
    wall = time.perf_counter() - t
    return index, {"wall_s": round(wall, 3),
                   "cpu_s_main": round(time.process_time() - cpu, 2),
                   "cpu_s_workers": round(_worker_cpu_s() - workers, 2),
                   "load_average_1m_before": round(load, 2),
                   "load_average_1m_after": round(os.getloadavg()[0], 2)}


def _gazetteer(results: dict[str, object]) -> None:
    """The gazetteer's load (it maps its file: the RSS and USS it adds are what opening
    costs; the pages a build then touches show in the RSS after it, as shared pages)."""
    rss0, uss0 = _rss_mib(), _uss_mib()
    cpu = time.process_time()
    t = time.perf_counter()
    gaz = load_gazetteer()
    results["gazetteer_load_s"] = round(time.perf_counter() - t, 3)
    results["gazetteer_load_cpu_s"] = round(time.process_time() - cpu, 3)
    results["gazetteer_rss_mib"] = round(_rss_mib() - rss0, 1)
    results["gazetteer_uss_mib"] = round(_uss_mib() - uss0, 1)
    results["gazetteer_file_mib"] = round(
        (cache_dir() / f"{gaz.fingerprint}{SUFFIX}").stat().st_size / 2**20, 1)
    results["load_average_1m"] = round(os.getloadavg()[0], 2)
    print(f"gazetteer: {results['gazetteer_load_s']} s ({results['gazetteer_load_cpu_s']} s "
          f"CPU), +{results['gazetteer_rss_mib']} MiB RSS, +{results['gazetteer_uss_mib']} "
          f"MiB USS; mapped file {results['gazetteer_file_mib']} MiB")


def _memory_now(results: dict[str, object], label: str) -> None:
    """RSS and USS of this process now (after a build: the gazetteer's touched pages are
    in the RSS, shared; the USS is this process's own)."""
    results[f"{label}_rss_mib"] = round(_rss_mib(), 1)
    results[f"{label}_uss_mib"] = round(_uss_mib(), 1)


def large_corpus(folder: Path) -> int:
    """One cold build of a large corpus (scripts/generate_corpus.py's output)."""
    results: dict[str, object] = {"machine": machine(), "corpus": str(folder)}
    _gazetteer(results)
    t = time.perf_counter()
    corpus = load_corpus(folder)
    results["corpus_load_s"] = round(time.perf_counter() - t, 3)
    index, build = timed_build(corpus)
    results["documents"] = len(corpus.documents)
    results["sentences"] = sum(len(d.sentences) for d in corpus.documents.values())
    results["index_build"] = build
    results["mentions"] = len(index.mentions)
    results["places"] = len(index.by_place)
    _memory_now(results, "after_build")
    print(f"{folder}: {len(corpus.documents)} documents, index built cold in "
          f"{build['wall_s']:.1f} s (CPU {build['cpu_s_main']} s here + "
          f"{build['cpu_s_workers']} s in tagging workers; load average "
          f"{build['load_average_1m_before']} -> {build['load_average_1m_after']}), "
          f"{len(index.mentions)} mentions of {len(index.by_place)} places")
    out = OUT.with_name(f"places_{folder.name}.json")
    write_results(out, results)
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefings", type=int, default=30, help="briefings to time on BBC")
    parser.add_argument("--corpus", type=Path, help="time one cold build of this corpus")
    args = parser.parse_args()
    if args.corpus is not None:
        return large_corpus(args.corpus)
    results: dict[str, object] = {"machine": machine()}
    _gazetteer(results)

    seeds = load_corpus(ROOT / "seeds")
    t = time.perf_counter()
    seed_index = PlaceIndex.build(seeds)
    results["seed_index_build_s"] = round(time.perf_counter() - t, 3)
    quality = score_fixture(seed_index, ROOT / "tests" / "fixtures" / "seed_places.json")
    results["seed_fixture"] = quality
    print(f"seed fixture: precision {quality['precision']:.3f}, recall {quality['recall']:.3f} "
          f"({quality['true_positives']}/{quality['predicted']} predicted, "
          f"{quality['labelled']} labelled)")

    if not BBC.is_dir():
        print(f"BBC articles not found at {BBC}: skipping the speed run")
    else:
        t = time.perf_counter()
        corpus = load_corpus(BBC)
        results["bbc_load_s"] = round(time.perf_counter() - t, 3)
        index, cold = timed_build(corpus)
        _, warm = timed_build(corpus)  # scans and entity labels now come from the cache
        _memory_now(results, "after_builds")
        listing = index.places()
        names = [p.name for p in listing.places[: args.briefings]]
        t = time.perf_counter()
        warm_parser()  # as the places cog does at start: key figures' words are parsed
        results["parser_load_s"] = round(time.perf_counter() - t, 3)
        timings = []
        for name in names:
            t = time.perf_counter()
            index.brief(name)
            timings.append((time.perf_counter() - t) * 1000)
        results["bbc"] = {
            "documents": len(corpus.documents),
            "sentences": sum(len(d.sentences) for d in corpus.documents.values()),
            "index_build_s": cold["wall_s"],
            "index_build_warm_s": warm["wall_s"],
            "index_build_cold": cold,
            "index_build_warm": warm,
            "mentions": len(index.mentions),
            "places": len(listing.places),
            "briefings_timed": len(timings),
            "briefing_ms_median": round(statistics.median(timings), 2),
            "briefing_ms_max": round(max(timings), 2),
            "top30": [p.to_dict() for p in listing.places[:30]],
        }
        print(f"BBC: {len(corpus.documents)} documents, index built in {cold['wall_s']:.2f} s "
              f"cold (CPU {cold['cpu_s_main']} s here + {cold['cpu_s_workers']} s in tagging "
              f"workers; load average {cold['load_average_1m_before']}), "
              f"{warm['wall_s']:.2f} s warm (load average {warm['load_average_1m_before']}); "
              f"{len(index.mentions)} mentions of {len(listing.places)} places; briefing "
              f"median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms "
              f"over the top {len(timings)} places")
    write_results(OUT, results)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
