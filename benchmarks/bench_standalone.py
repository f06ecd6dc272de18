"""Do short summaries stand alone? Sentences that need their neighbour, and precision, on BBC.

    python benchmarks/bench_standalone.py [--sentences 3] [--split odd] [--parts ...]

For every BBC article (``../shared/bbc-news-summary``; ``--split odd`` = the
scorer's held-out half) the default one-document summary of ``--sentences``
sentences is checked: how many picked sentences open with a pronoun or
connective whose antecedent (the sentence before) is not picked, how many are
fragments (too short, quote pieces), and the precision against the extractive
reference (share of picks the human summary copied). Also the whole-corpus
summaries of the DUC 2004 dev clusters (``../shared/duc2004-dev``) at 100 words.

``--parts answers`` checks every answer a reader sees (one-document, whole-corpus and
topic summaries, briefs on the most mentioned places with their key figures, the
digest, and comparisons by topic) on the seeds and on 15 BBC politics articles
(``politics/001.txt``-``015.txt``, a fixed choice, not tuned on): every shown sentence
goes through :func:`bot.engine.quotable.problems` (fragment, opener whose antecedent
is not shown just before it, relative time word without a date, and apart from those a
relative time word shown marked "(undated article)"), and every key figure is checked
for its source. The BBC part also counts the picks marked "(undated article)" (and
among them those with a "today"-like word, which summaries avoid).
Writes ``benchmarks/results/standalone.json``.
"""

from __future__ import annotations

import argparse
import contextlib
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


SEED_TOPICS = ("Mosul", "civilians displaced", "ISIS fighters", "victory")
BBC_TOPICS = ("election", "Labour", "tax", "Tony Blair")
BBC_ANSWER_FILES = 15
BRIEF_PLACES = 8


def _digest_items(digest: object) -> list:
    """The sentences a digest quotes (a place line is "Place: sentence")."""
    from types import SimpleNamespace

    out = []
    for section in digest.sections:  # type: ignore[attr-defined]
        if section.heading not in ("Main developments", "Places", "Top story"):
            continue
        for item in section.items:
            text = item.text.split(": ", 1)[1] if section.heading == "Places" else item.text
            out.append([SimpleNamespace(text=text, doc_id=item.doc_id, position=-9,
                                        anchor=getattr(item, "anchor", ""))])
    return out


def check_answers(name: str, corpus: object, topics: tuple[str, ...]) -> dict[str, object]:
    """Problems per kind of answer over one corpus (see the module docstring)."""
    from datetime import UTC, datetime, timedelta
    from types import SimpleNamespace

    from bot.engine import Engine
    from bot.engine.digest import build_digest
    from bot.engine.errors import EngineInputError
    from bot.engine.quotable import problems
    from bot.engine.timewords import published_date

    engine = Engine(corpus)  # type: ignore[arg-type]
    docs = corpus.documents  # type: ignore[attr-defined]
    summ = engine.summarizer
    answers: dict[str, list[list]] = {"summary_document": [], "summary_corpus": [],
                                      "summary_topic": [], "brief": [], "digest": [],
                                      "compare_unique": [], "compare_consensus": []}
    for doc_id in docs:
        for n in (3, 5):
            answers["summary_document"].append(
                summ.summarize(document=doc_id, sentences=n).sentences)
    for n in (3, 5, 10):
        answers["summary_corpus"].append(summ.summarize(sentences=n).sentences)
    figures = with_measure = with_source = 0
    angles: list[str] = []
    for topic in topics:
        with contextlib.suppress(EngineInputError):
            answers["summary_topic"].append(summ.summarize(topic=topic, sentences=5).sentences)
        try:
            result = engine.comparer.compare(topic=topic)
        except EngineInputError:
            continue
        answers["compare_unique"] += [[u] for u in result.unique]
        # a consensus point is shown by one sentence, alone
        answers["compare_consensus"] += [[SimpleNamespace(text=c.text, doc_id=c.doc_ids[0],
                                                          position=-9, anchor="")]
                                         for c in result.consensus]
        angles += [f"{c.source[:30]}: {c.angle}" for c in result.sources]
    names = [p.name for p in engine.places.places().places[:BRIEF_PLACES]]
    examples_figures = []
    for place in names:
        b = engine.places.brief(place, 5)
        answers["brief"].append(b.sentences)
        for f in b.figures:
            figures += 1
            label = getattr(f, "label", f.text)
            with_measure += bool(getattr(f, "measure", ""))
            source = getattr(f, "source", "")
            with_source += bool(source) and source in label
            if len(examples_figures) < 12:
                examples_figures.append(label)
    now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    digest = build_digest(engine, now=now, since=now - timedelta(days=1),
                          first_seen={d: now - timedelta(hours=1) for d in docs})
    answers["digest"] = _digest_items(digest)
    out: dict[str, object] = {}
    for kind, lists in answers.items():
        shown = sum(len(a) for a in lists)
        found = [p for a in lists for p in problems(
            a, on=now.date() if kind == "digest" else None,
            published=lambda d: published_date(docs[d].published) if d in docs else None)]
        reasons = {r: sum(p.reason == r for p in found)
                   for r in ("fragment", "leans back", "refers back", "unnamed speaker",
                             "relative time", "undated, marked")}
        out[kind] = {"answers": len(lists), "shown": shown, **reasons,
                     "examples": sorted({p.text[:90] for p in found})[:8]}
    out["compare_angles"] = sorted(set(angles))
    out["brief_figures"] = {"figures": figures, "with_measure": with_measure,
                            "with_source_in_label": with_source, "examples": examples_figures}
    print(name, {k: {kk: vv for kk, vv in v.items() if kk != "examples"}
                 for k, v in out.items() if isinstance(v, dict)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--split", choices=("all", "even", "odd"), default="odd")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--parts", nargs="+", choices=("bbc", "duc", "answers"),
                        default=["bbc", "duc", "answers"])
    args = parser.parse_args(argv)
    from bot.corpus import load_corpus
    from bot.corpus.model import Corpus
    from bot.engine.ranking.dataset import load_examples
    from bot.engine.summary import Summarizer
    from bot.engine.timewords import UNDATED, day_time, deictic_time

    result: dict[str, object] = {"machine": machine()}
    if "answers" in args.parts:
        from bot.corpus.loader import load_file

        result["answers_seeds"] = check_answers("seeds", load_corpus(ROOT / "seeds"),
                                                SEED_TOPICS)
        folder = BBC / "articles" / "politics"
        if folder.is_dir():
            files = sorted(folder.glob("*.txt"))[:BBC_ANSWER_FILES]
            docs = [load_file(folder, f, {}) for f in files]
            result["answers_bbc_politics_15"] = check_answers(
                "bbc politics 001-015", Corpus(root=folder, documents={d.doc_id: d
                                                                       for d in docs}),
                BBC_TOPICS)
    if "bbc" in args.parts and (BBC / "articles").is_dir():
        examples = [e for e in load_examples(BBC) if args.split == "all"
                    or (e.number % 2 == 0) == (args.split == "even")]
        corpus = Corpus(root=Path("."), documents={e.document.doc_id: e.document
                                                   for e in examples})
        summ = Summarizer(corpus)
        picks = dangling = fragments = hits = undated = deictic = days = 0
        for e in examples:
            items = summ.summarize(document=e.document.doc_id, sentences=args.sentences).sentences
            undated += sum(s.anchor == UNDATED for s in items)
            deictic += sum(s.anchor == UNDATED and bool(deictic_time(s.text)) for s in items)
            days += sum(s.anchor == UNDATED and bool(day_time(s.text)) for s in items)
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
                         "marked_undated": undated, "marked_undated_today_words": deictic,
                         "marked_undated_day_words": days,
                         "precision": round(100 * hits / max(picks, 1), 2)}
        print("BBC", result["bbc"])
    if "duc" in args.parts and (DUC / "docs").is_dir():
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
