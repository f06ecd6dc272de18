"""Are a topic summary's lines about the topic? Blind labels of the BBC set's answers.

    python benchmarks/bench_topic_relevance.py [--fixture FILE]

The result file holds the last fixture run (the default is the dev check; ``--fixture
tests/fixtures/topic_relevance_check2.json`` is the held-out one).

Runs ``/summary topic:<query>`` (5 sentences, the engine's default) over the 1,328 BBC
articles (``../shared/bbc-news-summary``) for each query of the labelled fixture
(``tests/fixtures/topic_relevance_check.json``: 30 queries a helper wrote before any answer
was drawn; every line the answers showed before and after session 18's topic pool,
labelled blind "about", "partly" or "not about") and counts the labels of the lines shown
now. A line the fixture has no label for is counted as "unlabelled" (label it blind
before quoting a figure). Writes ``benchmarks/results/topic_relevance.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
FIXTURE = ROOT / "tests" / "fixtures" / "topic_relevance_check.json"
OUT = ROOT / "benchmarks" / "results" / "topic_relevance.json"
SENTENCES = 5


def run(fixture: Path) -> dict[str, object]:
    from bot.corpus import load_corpus
    from bot.engine.summary import Summarizer

    data = json.loads(fixture.read_text("utf-8"))
    labels = {(x["topic"], x["text"]): x["label"] for x in data["lines"]}
    summarizer = Summarizer(load_corpus(BBC))
    counts: Counter[str] = Counter()
    per_query: dict[str, list[str]] = {}
    for query in data["queries"]:
        result = summarizer.summarize(topic=query, sentences=SENTENCES)
        shown = [labels.get((query, item.text), "unlabelled") for item in result.sentences]
        counts.update(shown)
        per_query[query] = shown
    lines = sum(counts.values())
    return {"fixture": str(fixture.resolve().relative_to(ROOT)), "queries": len(data["queries"]),
            "lines": lines, "labels": dict(counts),
            "about_share": round(counts["about"] / max(lines, 1), 3),
            "about_or_partly_share": round((counts["about"] + counts["partly"])
                                           / max(lines, 1), 3),
            "per_query": per_query}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        print(f"no BBC set at {BBC}", file=sys.stderr)
        return 1
    result = run(args.fixture)
    print({k: v for k, v in result.items() if k != "per_query"})
    write_results(OUT, {"machine": machine(), **result})
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
