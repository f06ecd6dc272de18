"""Draw lines shown with their article's opening, for a blind paired check of another context.

A line an answer quotes from its article's third sentence on that leans on its story (a
``story_wanted`` rule or the leaning model) is shown with the article's opening
(``bot.engine.stories.with_stories``); blind relabels read about half of them alone with it
(session 75). Session 81 asks whether the sentence just before the line in its article
would serve the reader better: the "the council", "the pair", "during that year" of a
line is often named there and not in the opening. This script draws such lines from the
answers the bot gives on the BBC News Summary set (one corpus of 1,328 articles): topic
summaries of ``--topics`` noun topics (``bbc_noun_topics_drawn``, ``--seed``) and place
briefs of every place in two articles or more, 5 sentences each; it keeps each line (one
sentence, third sentence of its article or later) shown with an opening because it leans
on its story (``bot.engine.leaning.story_leaning``) whose sentence before reads alone
(``quotable.reads_alone``), once. Each line is then shown twice,
with the opening ("A") and with the sentence before ("B"), in two packets: a line shown
with A in one is shown with B in the other, half the lines each way, each packet shuffled
(``random.Random(seed)``), so no reader sees a line twice and no version is marked. Two
blind readers label each packet; ``--score FILE`` counts, per version, the labels reading
the line alone.

``--band LO HI`` draws instead the lines shown with nothing under them that no rule reads
as leaning and the leaning model reads at a probability in [LO, HI) (below its threshold),
from the third sentence on, whose sentence before reads alone and is not in the answer:
version A then shows nothing, B the sentence before (session 81's second check).

``--told`` draws the lines the engine leaves with nothing under them only because the
answer already quotes their article's opening (as a line, or under another line): lines
from the third sentence on that a rule flags or the leaning model reads at
``leaning.BEFORE_THRESHOLD`` or more, whose sentence before reads alone and is not in the
answer. Both versions show the answer's opening of the article as a note (the reader of the
answer has it); A nothing more, B the sentence before (session 82's check).

All draws read the answers as the engine then built them: since session 81 it shows these
sentences itself, so reproduce a fixture at the commit it names (``commit``: 6e6ec61 for
``story_context_check81.json``, acc7b33 for ``story_context_band81.json``, bf89527 for
``story_context_told82.json``; since session 82 ``--told`` finds no line at all).

    python scripts/sample_story_context.py --out FILE [--topics 600] [--seed 8101]
    python scripts/sample_story_context.py --out FILE --band 0.25 0.35 --seed 8102
    python scripts/sample_story_context.py --out FILE --told --seed 8201 --max-lines 150
    python scripts/sample_story_context.py --out FILE --merge 1 LABELS1 LABELS2
    python scripts/sample_story_context.py --score FILE
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

BBC_ARTICLES = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
SENTENCES = 5
VERSIONS = {"A": "The article opens:", "B": "Just before it, the article says:"}


def _candidates(items: list[Any], corpus: Any, answer: str,
                leaning: Callable[[Any], bool]) -> list[dict[str, Any]]:
    """The answer's lines shown with an opening because they lean on their story
    (``leaning``), from the third sentence on, whose sentence before reads alone."""
    from bot.engine.stories import sentence_before

    out = []
    for item in items:
        if not item.story or item.position < 2 or not leaning(item):
            continue
        if before := sentence_before(corpus, item, set()):
            out.append(_line(item, answer, item.story, item.story_anchor, before))
    return out


def _line(item: Any, answer: str, a: str, a_anchor: str, b: str, **more: Any
          ) -> dict[str, Any]:
    """A drawn line: the answer, the line as shown, A and B (what each version shows)."""
    return {"answer": answer, "doc_id": item.doc_id, "position": item.position,
            "text": item.text, "title": getattr(item, "title", None) or item.source,
            "who": item.who, "anchor": item.anchor, "A": a, "A_anchor": a_anchor, "B": b, **more}


def _band_candidates(items: list[Any], corpus: Any, answer: str, band: tuple[float, float],
                     rule: Callable[[Any], bool], probability: Callable[[Any], float]
                     ) -> list[dict[str, Any]]:
    """The answer's lines shown with nothing under them that no rule reads as leaning and
    the leaning model reads at a probability in ``band``, from the third sentence on,
    whose sentence before reads alone and is not in the answer."""
    from bot.engine.stories import sentence_before

    listed = {(i.doc_id, i.position) for i in items}
    out = []
    for item in items:
        if item.story or item.position < 2 or rule(item) or not (
                band[0] <= probability(item) < band[1]):
            continue
        if before := sentence_before(corpus, item, listed):
            out.append(_line(item, answer, "", "", before,
                             probability=round(probability(item), 3)))
    return out


def _told_candidates(items: list[Any], corpus: Any, answer: str,
                     nearly: Callable[[Any], bool],
                     shown: Collection[tuple[str, int]] = ()) -> list[dict[str, Any]]:
    """The answer's lines shown with nothing under them, from the third sentence on, that a
    rule or the leaning model at ``BEFORE_THRESHOLD`` picks (``nearly``), whose article's
    opening the answer shows (as a line, or under another line), and whose sentence before
    reads alone and is not in the answer."""
    from bot.engine.stories import _opening, sentence_before
    from bot.engine.timewords import time_anchor

    listed = {(i.doc_id, i.position) for i in items} | set(shown)
    told = {d for d, p in listed if p == 0} | {
        i.doc_id for i in items if i.story and not i.story_before}
    out = []
    for item in items:
        if item.story or item.position < 2 or item.doc_id not in told or not nearly(item):
            continue
        opening = _opening(corpus, item.doc_id) or corpus.documents[item.doc_id].sentences[0].text
        if before := sentence_before(corpus, item, listed):
            out.append(_line(item, answer, "", "", before, opening=opening,
                             B_anchor=time_anchor(before,
                                                  corpus.documents[item.doc_id].published)))
    return out


def draw(topics: int, seed: int, band: tuple[float, float] | None = None,
         told: bool = False, max_lines: int = 0) -> dict[str, Any]:
    from sample_claim_pairs import bbc_noun_topics_drawn

    from bot.corpus import load_corpus
    from bot.engine import Engine
    from bot.engine.descriptions import story_wanted, titles_of
    from bot.engine.errors import EngineInputError
    from bot.engine.leaning import leaning_model, story_leaning, story_tests

    engine = Engine(load_corpus(BBC_ARTICLES))
    leaning = story_leaning(engine.corpus)
    model = leaning_model()
    titles = titles_of(engine.corpus)

    def rule(item: Any) -> bool:
        return story_wanted(item, titles)

    def probability(item: Any) -> float:
        doc = engine.corpus.documents[item.doc_id]
        return model.probability(item.text, doc.display_name, item.position) if model else 0.0

    nearly = story_tests(engine.corpus)[1]

    def candidates(items: list[Any], answer: str) -> list[dict[str, Any]]:
        if told:
            return _told_candidates(items, engine.corpus, answer, nearly)
        if band is None:
            return _candidates(items, engine.corpus, answer, leaning)
        return _band_candidates(items, engine.corpus, answer, band, rule, probability)

    lines: dict[tuple[str, int], dict[str, Any]] = {}
    for topic in bbc_noun_topics_drawn(topics, seed=seed):
        try:
            result = engine.summarizer.summarize(topic=topic, sentences=SENTENCES)
        except EngineInputError:
            continue
        for line in candidates(result.sentences, f"/summary topic:{topic}"):
            lines.setdefault((line["doc_id"], line["position"]), line)
        if told:
            from bot.engine.compare.comparer import claims_shown

            compared = engine.comparer.compare(topic=topic)
            shown = claims_shown(compared.consensus, compared.conflicts)
            for line in _told_candidates(compared.unique, engine.corpus,
                                         f"/compare topic:{topic}", nearly, shown):
                lines.setdefault((line["doc_id"], line["position"]), line)
    for place in sorted(p.name for p in engine.places.places().places if p.documents >= 2):
        brief = engine.places.brief(place, SENTENCES)
        for line in candidates(brief.sentences, f"/brief place:{place}"):
            lines.setdefault((line["doc_id"], line["position"]), line)
    rng = random.Random(seed)
    drawn = sorted(lines.values(), key=lambda x: (x["doc_id"], x["position"]))
    found = len(drawn)
    if max_lines and found > max_lines:
        drawn = sorted(rng.sample(drawn, max_lines), key=lambda x: (x["doc_id"], x["position"]))
    for k, line in enumerate(drawn):
        line["id"] = k
    order = list(range(len(drawn)))
    rng.shuffle(order)
    half = set(order[: len(order) // 2])
    packets = {}
    for name, first in (("1", "A"), ("2", "B")):
        shown = [{"id": k, "version": first if k in half else ("B" if first == "A" else "A")}
                 for k in range(len(drawn))]
        rng.shuffle(shown)
        packets[name] = shown
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    return {"about": __doc__.split("\n\n")[0], "commit": commit, "seed": seed,
            "topics": topics, "band": list(band) if band else None,
            "told": told, "found": found, "A_is": "nothing" if band or told else "opening",
            "lines": drawn, "packets": packets}


def packet_text(data: dict[str, Any], name: str) -> str:
    """What a blind reader of packet ``name`` reads: numbered lines, each with its source,
    notes and the context shown under it."""
    out = []
    for n, shown in enumerate(data["packets"][name], 1):
        line = data["lines"][shown["id"]]
        out.append(f"[{n}] {line['text']}")
        out.append(f"     source: {line['title']}  |  article title: {line['title']}")
        if line["who"]:
            out.append(f"     note shown with it (who is who): {line['who']}")
        if line["anchor"]:
            out.append(f"     note shown with it: ({line['anchor']})")
        if line.get("opening"):
            out.append(f"     elsewhere in the same answer (another line, or under another "
                       f"line) the reader has seen this article's first sentence: "
                       f"{line['opening']}")
        version = shown["version"]
        if not line[version]:
            continue  # nothing shown under it (``--band``'s version A)
        anchor = line.get(f"{version}_anchor", "") if version == "A" or data.get("told") \
            else ""
        context = line[version] + (f" ({anchor})" if anchor else "")
        out.append(f"     shown under it: {VERSIONS[version]} {context}")
    return "\n".join(out) + "\n"


def merge(path: Path, name: str, label_files: list[Path], labelled_by: str) -> None:
    """Packet ``name``'s labels (one JSON list per reader, ``{"n", "label", "kind",
    "note"}`` in packet order) into the drawn file, as ``labels[name][k]``: the k-th shown
    line's labels."""
    data = json.loads(path.read_text("utf-8"))
    readers = [{int(r["n"]): r for r in json.loads(f.read_text("utf-8"))} for f in label_files]
    data.setdefault("labels", {})[name] = [
        [{"reader": j, "label": "alone" if r[k]["label"].strip().lower() == "alone"
          else "needs context", "kind": r[k].get("kind", ""), "note": r[k].get("note", "")}
         for j, r in enumerate(readers, 1)]
        for k in range(1, len(data["packets"][name]) + 1)]
    data["labelled_by"] = labelled_by
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def score(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    alone: Counter[str] = Counter()
    total: Counter[str] = Counter()
    per_line: dict[int, Counter[str]] = {}
    for name, shown in data["packets"].items():
        for k, item in enumerate(shown):
            for label in data["labels"][name][k]:
                total[item["version"]] += 1
                if label["label"] == "alone":
                    alone[item["version"]] += 1
                    per_line.setdefault(item["id"], Counter())[item["version"]] += 1
    better = sum(c["B"] > c["A"] for c in per_line.values())
    worse = sum(c["B"] < c["A"] for c in per_line.values())
    what = "with nothing under it" if data.get("A_is") == "nothing" else "with the opening"
    print(f"lines {len(data['lines'])}; alone {what} (A) {alone['A']} of "
          f"{total['A']}, with the sentence before (B) {alone['B']} of {total['B']}; "
          f"B better on {better} lines, worse on {worse}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--topics", type=int, default=600)
    parser.add_argument("--seed", type=int, default=8101)
    parser.add_argument("--band", nargs=2, type=float, metavar=("LO", "HI"),
                        help="draw instead the lines shown with nothing under them that no "
                             "rule flags and the leaning model reads in [LO, HI); version A "
                             "shows nothing")
    parser.add_argument("--told", action="store_true",
                        help="draw instead the lines left with nothing under them because the "
                             "answer shows their article's opening; version A shows nothing")
    parser.add_argument("--max-lines", type=int, default=0,
                        help="draw at most this many of the lines found, at random (--seed)")
    parser.add_argument("--score", type=Path)
    parser.add_argument("--merge", nargs="+", metavar=("PACKET", "LABELS"),
                        help="packet name and its readers' label files, into --out")
    parser.add_argument("--labelled-by", default="")
    args = parser.parse_args(argv)
    if args.merge:
        merge(args.out, args.merge[0], [Path(f) for f in args.merge[1:]], args.labelled_by)
        return 0
    if args.score:
        score(args.score)
        return 0
    if not args.out:
        parser.error("--out or --score is required")
    data = draw(args.topics, args.seed, tuple(args.band) if args.band else None, args.told,
                args.max_lines)
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in data["packets"]:
        args.out.with_suffix(f".packet{name}.txt").write_text(packet_text(data, name),
                                                               encoding="utf-8")
    print(f"{len(data['lines'])} lines -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
