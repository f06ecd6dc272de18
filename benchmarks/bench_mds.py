"""Multi-document summaries on DUC 2004 task 2 (the dev half in ``../shared/duc2004-dev``).

    python benchmarks/bench_mds.py [--systems default,lexrank,...] [--clusters N] [--words 100]
                                   [--data DIR] [--out PATH]

``--data`` reads another set laid out as ``../shared/duc2004-dev`` (``docs/<cluster>/`` with
the articles, ``refs/<cluster>/*.txt`` with the human summaries), e.g. the other half of
DUC 2004; the shipped concept weights were trained on the dev half only
(``scripts/train_concepts.py``), so any other set is held out.

Each cluster's ten articles are loaded as a corpus (``bot.corpus.load_corpus``)
and summarised by:

* ``default``: briefbot's whole-corpus summary, ``--words 100``;
* ``briefbot-<algo>``: briefbot with ``--algorithm <algo>`` (sumy on the engine's pool);
* ``sumy-<algo>``: sumy's ranking of *all* the cluster's sentences, read down
  best first until the budget is met (the most generous way to run sumy raw);
* ``lead``: the first sentence of each article; ``human``: each reference
  summary scored against the other three (an upper reference point).

Every output is cut to ``--words`` words (whitespace tokens, in output order)
and scored with ``rouge-score`` (ROUGE-1/2 recall, Porter stemming on,
stopwords kept) against the four references: the mean over references, then
over clusters. Also reported: milliseconds per cluster (building the
summarizer from the loaded corpus plus the summary; corpus loading excluded).
Writes ``benchmarks/results/mds.json``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

DUC = ROOT.parent / "shared" / "duc2004-dev"
OUT = ROOT / "benchmarks" / "results" / "mds.json"
BRIEFBOT_ALGOS = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson",
                  "reduction")
SUMY_RAW = ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "edmundson", "reduction")
DEFAULT_SYSTEMS = ("default", *(f"briefbot-{a}" for a in BRIEFBOT_ALGOS),
                   *(f"sumy-{a}" for a in SUMY_RAW), "lead", "human")


def load_cluster(name: str, data: Path = DUC) -> tuple[object, list[str]]:
    from bot.corpus import load_corpus
    from bot.engine.ranking.dataset import read_text

    corpus = load_corpus(data / "docs" / name)
    refs = [" ".join(read_text(p).split()) for p in sorted((data / "refs" / name).glob("*.txt"))]
    return corpus, refs


def cut(sentences: list[str], words: int) -> str:
    return " ".join(" ".join(sentences).split()[:words])


def system(name: str, words: int) -> Callable[[object], list[str]]:
    from bot.engine.summary import Summarizer

    if name == "default" or name.startswith("briefbot-"):
        algo = "default" if name == "default" else name.split("-", 1)[1]

        def run(corpus) -> list[str]:
            result = Summarizer(corpus).summarize(words=words, algorithm=algo)
            return [s.text for s in result.sentences]
        return run
    if name.startswith("sumy-"):
        from bot.engine.ranking.sumy_adapter import sumy_rank

        algo = name.split("-", 1)[1]

        def run_raw(corpus) -> list[str]:
            texts = [s.text for d in corpus.documents.values() for s in d.sentences]
            out: list[str] = []
            total = 0
            for i in sumy_rank(algo, texts):
                if total >= words:
                    break
                out.append(texts[i])
                total += len(texts[i].split())
            return out
        return run_raw
    if name == "lead":
        return lambda corpus: [d.sentences[0].text for d in corpus.documents.values()
                               if d.sentences]
    raise ValueError(f"unknown system {name!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", default=",".join(DEFAULT_SYSTEMS))
    parser.add_argument("--clusters", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--data", type=Path, default=DUC,
                        help="a set laid out as ../shared/duc2004-dev (docs/, refs/)")
    args = parser.parse_args(argv)
    if not (args.data / "docs").is_dir():
        print(f"skipped: {args.data / 'docs'} not found (the DUC 2004 dev half lives in "
              "../shared)")
        return 0 if args.data == DUC else 1
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    names = sorted(p.name for p in (args.data / "docs").iterdir() if p.is_dir())[: args.clusters]
    clusters = [(n, *load_cluster(n, args.data)) for n in names]
    wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
    result: dict[str, object] = {"machine": machine(), "data": str(args.data),
                                 "clusters": len(clusters),
                                 "words": args.words, "scorer": "rouge-score recall x 100, "
                                 "use_stemmer=True, mean over 4 references then clusters",
                                 "systems": {}}
    for name in wanted:
        r1: list[float] = []
        r2: list[float] = []
        ms: list[float] = []
        lengths: list[int] = []
        per_cluster: dict[str, list[float]] = {}
        for cname, corpus, refs in clusters:
            if name == "human":
                s1 = s2 = 0.0
                for k, ref in enumerate(refs):
                    others = [r for j, r in enumerate(refs) if j != k]
                    text = cut([ref], args.words)
                    sc = [scorer.score(o, text) for o in others]
                    s1 += statistics.mean(x["rouge1"].recall for x in sc) / len(refs)
                    s2 += statistics.mean(x["rouge2"].recall for x in sc) / len(refs)
                r1.append(100 * s1)
                r2.append(100 * s2)
                per_cluster[cname] = [round(100 * s1, 2), round(100 * s2, 2)]
                continue
            run = system(name, args.words)
            t = time.perf_counter()
            sents = run(corpus)
            ms.append((time.perf_counter() - t) * 1000)
            text = cut(sents, args.words)
            lengths.append(len(" ".join(sents).split()))
            sc = [scorer.score(ref, text) for ref in refs]
            r1.append(100 * statistics.mean(x["rouge1"].recall for x in sc))
            r2.append(100 * statistics.mean(x["rouge2"].recall for x in sc))
            per_cluster[cname] = [round(r1[-1], 2), round(r2[-1], 2)]
        row: dict[str, object] = {"rouge1_recall": round(statistics.mean(r1), 2),
                                  "rouge2_recall": round(statistics.mean(r2), 2)}
        if ms:
            row["ms_per_cluster_median"] = round(statistics.median(ms), 1)
            row["ms_per_cluster_mean"] = round(statistics.mean(ms), 1)
            row["words_before_cut_mean"] = round(statistics.mean(lengths), 1)
        row["per_cluster"] = per_cluster
        result["systems"][name] = row  # type: ignore[index]
        print(f"{name:22s} R-1 {row['rouge1_recall']:6.2f}  R-2 {row['rouge2_recall']:6.2f}  "
              f"ms/cluster {row.get('ms_per_cluster_median', '-'):>7}  "
              f"words {row.get('words_before_cut_mean', '-')}", flush=True)
    write_results(args.out, result)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
