"""``briefbot evaluate``: ROUGE of the project's summaries against extractive references.

Every system gets the same word budget per article (the reference summary's
word count) and is scored with ROUGE-1/2/L F1 (``rouge-score``, Porter stemming).
Systems: ``default`` (this project), ``lead`` (first sentences that fit) and each
sumy algorithm run raw on the whole article (sumy called with growing sentence
counts until the budget is reached). Scores are percentages.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.cli.common import EXIT_INPUT, EXIT_OK, add_json_argument, emit_json, fail
from bot.corpus.model import Corpus
from bot.engine.ranking.dataset import Example, load_examples
from bot.engine.ranking.sumy_adapter import SUMY_ALGORITHMS, sumy_budget

log = logging.getLogger(__name__)

SYSTEMS: tuple[str, ...] = ("default", "lead", *SUMY_ALGORITHMS)
METRICS = ("rouge1", "rouge2", "rougeL")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dataset", type=Path, required=True,
                        help="directory with articles/<category>/<n>.txt and summaries/...")
    parser.add_argument("--categories", default=None,
                        help="comma-separated categories (default: all in the dataset)")
    parser.add_argument("--limit", type=int, default=None,
                        help="at most N articles per category (in file-name order)")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help="comma-separated systems to compare (default: all): "
                        + ", ".join(SYSTEMS))
    parser.add_argument("--split", choices=("all", "even", "odd"), default="all",
                        help="only articles whose number is even (the scorer's training "
                        "half) or odd (held out); default all")
    add_json_argument(parser)


def lead_pick(example: Example) -> list[int]:
    """The first sentences, in order, while they fit the budget (at least one)."""
    used, out = 0, []
    for i, s in enumerate(example.document.sentences):
        n = len(s.text.split())
        if out and used + n > example.budget:
            break
        out.append(i)
        used += n
    return out


def _system_fn(name: str, corpus: Corpus) -> Callable[[Example], list[str]]:
    if name == "default":
        from bot.engine.summary import Summarizer

        summarizer = Summarizer(corpus)

        def run_default(ex: Example) -> list[str]:
            result = summarizer.summarize(document=ex.document.doc_id, words=ex.budget)
            return [s.text for s in result.sentences]

        return run_default
    if name == "lead":
        return lambda ex: [ex.document.sentences[i].text for i in lead_pick(ex)]
    if name in SUMY_ALGORITHMS:
        def run_sumy(ex: Example) -> list[str]:
            texts = [s.text for s in ex.document.sentences]
            return [texts[i] for i in sorted(sumy_budget(name, texts, ex.budget,
                                                         ex.document.title))]

        return run_sumy
    raise ValueError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")


def evaluate(examples: Sequence[Example], systems: Sequence[str],
             progress: bool = True) -> dict[str, object]:
    """Score every system on every example; the JSON of ``briefbot evaluate --json``."""
    from rouge_score import rouge_scorer
    from tqdm import tqdm

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    corpus = Corpus(root=Path("."), documents={e.document.doc_id: e.document for e in examples})
    totals: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for name in systems:
        fn = _system_fn(name, corpus)
        for ex in tqdm(examples, desc=name, file=sys.stderr, disable=not progress,
                       leave=False):
            picked = fn(ex)
            scores = scorer.score(ex.reference, " ".join(picked))
            for key in (("all", name), (ex.category, name)):
                for metric in METRICS:
                    totals[key][metric].append(100 * scores[metric].fmeasure)
                totals[key]["words"].extend(len(t.split()) for t in picked)
                totals[key]["sentences"].append(len(picked))

    def block(cat: str) -> dict[str, dict[str, float]]:
        out = {}
        for name in systems:
            t = totals[(cat, name)]
            out[name] = {m: round(float(np.mean(t[m])), 2) for m in METRICS}
            out[name]["avg_sentence_words"] = round(float(np.mean(t["words"])), 2)
            out[name]["avg_sentences"] = round(float(np.mean(t["sentences"])), 2)
        return out

    cats = sorted({e.category for e in examples})
    return {
        "docs": len(examples),
        "systems": block("all"),
        "categories": {c: {"docs": sum(e.category == c for e in examples), "systems": block(c)}
                       for c in cats},
        "reference_sentence_words": round(float(np.mean(
            [len(s.text.split()) for e in examples
             for s, y in zip(e.document.sentences, e.labels(), strict=True) if y] or [0])), 2),
        "units": "ROUGE F1 x 100 (rouge-score, Porter stemming); word budget = reference words",
    }


def format_table(data: dict[str, object]) -> str:
    lines = [f"{data['docs']} documents; ROUGE F1 x 100; avg words per picked sentence "
             f"(reference sentences: {data['reference_sentence_words']})"]
    sections = [("all", data["systems"])] + [
        (c, v["systems"]) for c, v in data["categories"].items()]  # type: ignore[union-attr]
    for cat, systems in sections:
        lines.append(f"\n[{cat}]")
        lines.append(f"{'system':<11} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'words/sent':>10}")
        for name, s in systems.items():  # type: ignore[union-attr]
            lines.append(f"{name:<11} {s['rouge1']:>6.2f} {s['rouge2']:>6.2f} "
                         f"{s['rougeL']:>6.2f} {s['avg_sentence_words']:>10.2f}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    as_json = bool(getattr(args, "json", False))
    systems = [s.strip().lower() for s in (args.systems or "").split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown or not systems:
        return fail(f"unknown system(s) {', '.join(unknown) or '(none)'}", as_json=as_json,
                    choices=list(SYSTEMS))
    if args.limit is not None and args.limit < 1:
        return fail("--limit must be at least 1", as_json=as_json)
    cats = [c.strip() for c in args.categories.split(",") if c.strip()] \
        if args.categories else None
    try:
        examples = load_examples(args.dataset, cats, args.limit)
    except FileNotFoundError as exc:
        return fail(str(exc), as_json=as_json)
    split = getattr(args, "split", "all")
    if split != "all":
        examples = [e for e in examples if (e.number % 2 == 0) == (split == "even")]
    if not examples:
        return fail(f"no articles with references under {args.dataset}", as_json=as_json)
    data = evaluate(examples, systems, progress=True)
    if as_json:
        emit_json(data)
    else:
        print(format_table(data))
    return EXIT_OK if data else EXIT_INPUT
