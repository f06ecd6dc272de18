"""Do short summaries stand alone? Sentences that need their neighbour, and precision, on BBC.

    python benchmarks/bench_standalone.py [--sentences 3] [--split odd]

For every BBC article (``../shared/bbc-news-summary``; ``--split odd`` = the
scorer's held-out half) the default one-document summary of ``--sentences``
sentences is checked: how many picked sentences open with a pronoun or
connective whose antecedent (the sentence before) is not picked, how many are
fragments (too short, quote pieces), and the precision against the extractive
reference (share of picks the human summary copied). Also the whole-corpus
summaries of the DUC 2004 dev clusters (``../shared/duc2004-dev``) at 100 words.
Writes ``benchmarks/results/standalone.json``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary"
DUC = ROOT.parent / "shared" / "duc2004-dev"
OUT = ROOT / "benchmarks" / "results" / "standalone.json"


def needs_neighbour(items: list, position_taken: set[tuple[str, int]]) -> tuple[int, int]:
    from bot.engine.ranking import text as tx

    dangling = fragments = 0
    for s in items:
        if tx.is_fragment(s.text):
            fragments += 1
        elif tx.starts_dangling(s.text) and (s.doc_id, s.position - 1) not in position_taken:
            dangling += 1
    return dangling, fragments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--split", choices=("all", "even", "odd"), default="odd")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from bot.corpus import load_corpus
    from bot.corpus.model import Corpus
    from bot.engine.ranking.dataset import load_examples
    from bot.engine.summary import Summarizer

    result: dict[str, object] = {"machine": machine()}
    if (BBC / "articles").is_dir():
        examples = [e for e in load_examples(BBC) if args.split == "all"
                    or (e.number % 2 == 0) == (args.split == "even")]
        corpus = Corpus(root=Path("."), documents={e.document.doc_id: e.document
                                                   for e in examples})
        summ = Summarizer(corpus)
        picks = dangling = fragments = hits = 0
        for e in examples:
            items = summ.summarize(document=e.document.doc_id, sentences=args.sentences).sentences
            taken = {(s.doc_id, s.position) for s in items}
            d, f = needs_neighbour(items, taken)
            labels = e.labels()
            picks += len(items)
            dangling += d
            fragments += f
            hits += sum(labels[s.position] for s in items)
        result["bbc"] = {"articles": len(examples), "split": args.split,
                         "sentences": args.sentences, "picked": picks,
                         "dangling_without_antecedent": dangling, "fragments": fragments,
                         "precision": round(100 * hits / max(picks, 1), 2)}
        print("BBC", result["bbc"])
    if (DUC / "docs").is_dir():
        picks = dangling = fragments = 0
        for path in sorted(p for p in (DUC / "docs").iterdir() if p.is_dir()):
            summ = Summarizer(load_corpus(path))
            items = summ.summarize(words=100).sentences
            d, f = needs_neighbour(items, {(s.doc_id, s.position) for s in items})
            picks += len(items)
            dangling += d
            fragments += f
        result["duc_corpus_100_words"] = {"picked": picks, "dangling_without_antecedent":
                                          dangling, "fragments": fragments}
        print("DUC", result["duc_corpus_100_words"])
    write_results(args.out, result)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
