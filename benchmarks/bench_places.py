"""Place extraction quality on the labelled seeds, and speed on the BBC articles.

    python benchmarks/bench_places.py [--briefings N]

Writes benchmarks/results/places.json. The BBC set is read from ../shared/bbc-news-summary
relative to the repository root; without it only the seed figures are produced.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import write_results  # noqa: E402

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine.places import PlaceIndex, load_gazetteer  # noqa: E402
from bot.engine.places.evaluate import score_fixture  # noqa: E402

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefings", type=int, default=30, help="briefings to time on BBC")
    args = parser.parse_args()
    results: dict[str, object] = {}

    rss0 = _rss_mib()
    t = time.perf_counter()
    load_gazetteer()
    results["gazetteer_load_s"] = round(time.perf_counter() - t, 3)
    results["gazetteer_rss_mib"] = round(_rss_mib() - rss0, 1)
    print(f"gazetteer: {results['gazetteer_load_s']} s, +{results['gazetteer_rss_mib']} MiB RSS")

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
        t = time.perf_counter()
        index = PlaceIndex.build(corpus)
        build = time.perf_counter() - t
        t = time.perf_counter()
        PlaceIndex.build(corpus)  # entity labels now come from the on-disk cache
        warm = time.perf_counter() - t
        listing = index.places()
        names = [p.name for p in listing.places[: args.briefings]]
        timings = []
        for name in names:
            t = time.perf_counter()
            index.brief(name)
            timings.append((time.perf_counter() - t) * 1000)
        results["bbc"] = {
            "documents": len(corpus.documents),
            "sentences": sum(len(d.sentences) for d in corpus.documents.values()),
            "index_build_s": round(build, 3),
            "index_build_warm_s": round(warm, 3),
            "mentions": len(index.mentions),
            "places": len(listing.places),
            "briefings_timed": len(timings),
            "briefing_ms_median": round(statistics.median(timings), 2),
            "briefing_ms_max": round(max(timings), 2),
            "top30": [p.to_dict() for p in listing.places[:30]],
        }
        print(f"BBC: {len(corpus.documents)} documents, index built in {build:.2f} s "
              f"({warm:.2f} s again with cached entity labels), "
              f"{len(index.mentions)} mentions of {len(listing.places)} places; briefing "
              f"median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms "
              f"over the top {len(timings)} places")
    write_results(OUT, results)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
