"""Summary speed on the BBC set: latencies after load, and ratios against sumy.

    python benchmarks/bench_summary.py [--runs 20] [--sizes 200,1000,3000] [--skip-sumy]

Loads ``../shared/bbc-news-summary/articles`` (all 1,328 articles) as the corpus,
builds the Summarizer once (as the engine does off the event loop), then times
whole-corpus, topic and single-document summaries (median and p95). Then, on the
first N sentences of the corpus, compares sumy's LexRank and TextRank (one run
each; they are slow) with the vectorised LexRank re-implementation and with the
default ranker built from scratch on those sentences (index + scores + selection).
Writes ``benchmarks/results/summary.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
OUT = ROOT / "benchmarks" / "results" / "summary.json"
TOPICS = ("broadband internet prices", "election campaign tax", "oil prices", "mobile phones",
          "What did the government say about immigration?")


def _timed(fn, runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
            "runs": runs}




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sizes", default="200,1000,3000")
    parser.add_argument("--skip-sumy", action="store_true", help="only the latencies")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        print(f"skipped: {BBC} not found (the BBC set lives in ../shared)")
        return 0

    from bot.corpus import load_corpus
    from bot.corpus.model import Corpus
    from bot.engine.ranking.lexrank import lexrank_pick
    from bot.engine.ranking.sumy_adapter import sumy_pick
    from bot.engine.summary import Summarizer

    t = time.perf_counter()
    corpus = load_corpus(BBC)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    summarizer = Summarizer(corpus)
    build_s = time.perf_counter() - t
    n_sent = len(summarizer.index.sentences)
    print(f"loaded {len(corpus)} articles, {n_sent} sentences in {load_s:.2f}s; "
          f"summarizer built in {build_s:.2f}s")
    doc_ids = list(corpus.documents)
    state = {"k": 0}

    def one_doc() -> None:
        state["k"] = (state["k"] + 1) % len(doc_ids)
        summarizer.summarize(document=doc_ids[state["k"]], sentences=5)

    def one_topic() -> None:
        state["k"] += 1
        summarizer.summarize(topic=TOPICS[state["k"] % len(TOPICS)], sentences=5)

    latency = {
        "corpus_5_sentences": _timed(lambda: summarizer.summarize(sentences=5), args.runs),
        "corpus_200_words": _timed(lambda: summarizer.summarize(words=200), args.runs),
        "topic_5_sentences": _timed(one_topic, args.runs),
        "document_5_sentences": _timed(one_doc, args.runs * 5),
        "document_sumy_lexrank_pool": _timed(
            lambda: summarizer.summarize(document=doc_ids[0], algorithm="lexrank"), 5),
        "corpus_sumy_textrank_pool": _timed(
            lambda: summarizer.summarize(algorithm="textrank"), 3),
    }
    for name, row in latency.items():
        print(f"{name:30s} median {row['median_ms']:8.2f} ms  p95 {row['p95_ms']:8.2f} ms")

    ratios = []
    if not args.skip_sumy:
        sentences = summarizer.index.sentences
        for size in (int(s) for s in args.sizes.split(",")):
            texts = [s.text for s in sentences[:size]]
            docs = {}
            chosen = set(sentences[:size])
            for s in sentences[:size]:
                docs.setdefault(s.doc_id, corpus.documents[s.doc_id])
            sub = Corpus(corpus.root, {
                k: type(d)(d.doc_id, d.title, [s for s in d.sentences if s in chosen],
                           d.source) for k, d in docs.items()})
            row: dict[str, object] = {"sentences": len(texts)}
            t = time.perf_counter()
            lexrank_pick(texts, 5)
            row["vectorised_lexrank_s"] = round(time.perf_counter() - t, 4)
            t = time.perf_counter()
            Summarizer(sub).summarize(sentences=5)
            row["default_build_and_rank_s"] = round(time.perf_counter() - t, 4)
            for name in ("lexrank", "textrank"):
                t = time.perf_counter()
                sumy_pick(name, texts, 5)
                row[f"sumy_{name}_s"] = round(time.perf_counter() - t, 3)
            for mine in ("vectorised_lexrank_s", "default_build_and_rank_s"):
                for name in ("lexrank", "textrank"):
                    row[f"{mine[:-2]}_vs_sumy_{name}"] = round(
                        row[f"sumy_{name}_s"] / max(row[mine], 1e-9), 1)  # type: ignore[operator]
            ratios.append(row)
            print(json.dumps(row))

    result = {"machine": machine(), "corpus": {"articles": len(corpus), "sentences": n_sent,
                                                "load_s": round(load_s, 2),
                                                "summarizer_build_s": round(build_s, 2)},
              "latency": latency, "ratios": ratios,
              "targets": {"corpus_and_topic_ms": 300, "document_ms": 10,
                          "x_sumy_lexrank_at_3000": 200}}
    write_results(args.out, result)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
