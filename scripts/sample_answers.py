"""Sample answers for a blind check: does every line a reader is shown read on its own?

    python scripts/sample_answers.py --out tests/fixtures/standalone_answers_check.json
    python scripts/sample_answers.py --score tests/fixtures/standalone_answers_check.json

Issues 11 and 14 ask that every sentence of every answer stands alone: no opening pronoun
or connective, no "the company" or "this deal" whose referent is not shown, no quotation
whose speaker is left out, no fragment. ``benchmarks/bench_standalone.py`` counts what the
engine's own rules flag (``quotable.problems``), which cannot see what the rules miss.
This draws answers the rules were not written on, for a person to label:

1. The 1,328 BBC articles loaded as one corpus (as ``benchmarks/bench_compare.py`` does).
2. ``--topics`` (30) noun topics drawn from ``sample_claim_pairs.noun_topic_candidates``
   with ``--seed`` (17), none an answer of an ``--exclude`` draw; for each, the topic
   summary as ``/summary topic:<t>`` gives it (5 sentences). The earlier noun-topic
   checks of comparisons used all but 3 of the candidates, so the draw does not exclude
   them: those checks labelled credits in comparisons, never a summary's lines.
3. ``--places`` (10) places drawn with the same seed from the place index's places named
   in at least three articles (``--min-docs``; none briefed in an ``--exclude`` draw); for
   each, the brief as ``/brief place:<p>`` gives it (5 sentences). Checks 1-19 briefed all
   182 places of the BBC set named in three or more articles, so check 23 drew from places
   named in two (``--min-docs 2``).
4. Every answer's lines as the reader sees them (``render.summary.sentence_runs``: a
   sentence shown for its antecedent shares its line), each with the article title and
   source shown beside it, its ``anchor`` (the "(undated article)" note) and its ``who``
   (the "[Mr Wood: Ben Wood, ...]" note shown after the line). Labels are left empty,
   and nothing the rules say is written.

Labels (per line): ``alone`` (a reader of the line, its title and source, can tell who and
what it is about) or ``needs context``, with ``kind`` one of "pronoun or connective",
"definite description" ("the company", "the bill"), "demonstrative" ("this deal"),
"unnamed speaker", "fragment", "relative time", "other", and a ``note``.

``--score`` prints the share labelled alone, the count per kind, and beside it what
``quotable.problems`` flags on the same lines (read only after labelling).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from sample_claim_pairs import bbc_noun_topics_drawn  # noqa: E402

BBC_ARTICLES = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
SENTENCES = 5
MIN_PLACE_DOCS = 3
#: topics drawn beyond the count asked, for those the bot refuses ("no searchable words")
SPARE = 10
ABOUT = ("Answers of the bot on the BBC set (topic summaries and place briefs, 5 sentences "
         "each), every line as Discord shows it with its article's title and source, drawn by "
         "scripts/sample_answers.py at 'commit' and labelled blind: 'alone' when a reader of "
         "the line and its title can tell who and what it is about and whose words it is, "
         "else 'needs context' with a kind and a note. Figures: python "
         "scripts/sample_answers.py --score FILE.")
ABOUT_COMPARE = (
    "Comparisons of the bot on the BBC set (/compare topic:<noun>): every consensus claim "
    "(each source's own sentence) and conflict claim, and up to 'unique' unique points drawn "
    "at random per answer, every line with the source it is shown under (and what is shown "
    "just above it, 'above': a consensus claim's point headline, a unique point's earlier "
    "points of its article; and an opening shown under it, 'story'), drawn by "
    "scripts/sample_answers.py --compare at 'commit' and labelled blind: 'alone' when a "
    "reader of the line and its source can tell who and what it is about and whose words it "
    "is, else 'needs context' with a kind and a note. Figures: python "
    "scripts/sample_answers.py --score FILE.")
KINDS = ("pronoun or connective", "definite description", "demonstrative", "unnamed speaker",
         "fragment", "relative time", "other")


def _lines(items: list[Any]) -> list[dict[str, Any]]:
    from bot.render.summary import sentence_runs, source_label, story

    return [{"text": " ".join(i.text for i in run),
             "sentences": [{"doc_id": i.doc_id, "position": i.position, "text": i.text}
                           for i in run],
             "title": run[0].title, "source": source_label(run[0]),
             "anchor": " ".join(i.anchor for i in run if i.anchor),
             "who": "; ".join(i.who for i in run if i.who),
             "story": story(run),
             "label": "", "kind": "", "note": ""}
            for run in sentence_runs(items)]


def _asked(paths: list[Path]) -> set[str]:
    """The answers (``/summary topic:...``, ``/brief place:...``, ``/compare topic:...``)
    earlier draws hold: a draw's ``answers``, or the flat ``lines`` of compare checks 6 and
    7 (each line names its ``answer``, or its ``topic`` when it is a comparison's)."""
    asked = set()
    for path in paths:
        drawn = json.loads(path.read_text("utf-8"))
        asked |= {a["answer"] for a in drawn.get("answers", [])}
        asked |= {line.get("answer") or f"/compare topic:{line['topic']}"
                  for line in drawn.get("lines", [])}
    return asked


def draw(topics: int, places: int, seed: int, exclude: list[Path] | None = None,
         min_docs: int = MIN_PLACE_DOCS, noun_df: tuple[int, int] | None = None
         ) -> dict[str, Any]:
    from bot.corpus import load_corpus
    from bot.engine import Engine
    from bot.engine.errors import EngineInputError

    engine = Engine(load_corpus(BBC_ARTICLES))
    asked = _asked(exclude or [])
    answers = []
    drawn = [t for t in bbc_noun_topics_drawn(topics + len(asked) + SPARE, seed=seed,
                                              **({"df": noun_df} if noun_df else {}))
             if f"/summary topic:{t}" not in asked]
    for topic in drawn:
        if len(answers) == topics:
            break
        try:  # a topic the bot refuses ("no searchable words") gives its place to the next
            result = engine.summarizer.summarize(topic=topic, sentences=SENTENCES)
        except EngineInputError:
            continue
        answers.append({"answer": f"/summary topic:{topic}", "lines": _lines(result.sentences)})
    listed = sorted(p.name for p in engine.places.places().places
                    if p.documents >= min_docs and f"/brief place:{p.name}" not in asked)
    for place in random.Random(seed).sample(listed, min(places, len(listed))):
        brief = engine.places.brief(place, SENTENCES)
        answers.append({"answer": f"/brief place:{place}", "lines": _lines(brief.sentences)})
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    return {"about": ABOUT, "commit": commit, "seed": seed,
            "corpus": "bbc-news-summary (1,328 articles, one corpus)", "kinds": list(KINDS),
            "answers": answers}


def _compare_lines(result: Any, unique: int, rng: random.Random) -> list[dict[str, Any]]:
    """A comparison's lines as its reader sees them: every consensus point's claims (each
    source's own sentence, with the point's headline shown above it, ``above``, and the
    article's opening shown under it, ``story``), every conflict's claims, and ``unique``
    of its unique points drawn with ``rng`` (all of them when fewer), each with the source
    it is shown under (and a unique point with the article's opening shown under it,
    ``story``, and the same article's points shown just above it, ``above``)."""
    from bot.render.common import story_text

    def line(part: str, text: str, doc_id: str, position: int, source: str,
             anchor: str, who: str, story: str = "", before: str = "",
             story_before: bool = False) -> dict[str, Any]:
        # a claim's ``before`` is shown before its sentence, as its article wrote them
        sentences = [{"doc_id": doc_id, "position": position - 1, "text": before}] \
            if before else []
        sentences.append({"doc_id": doc_id, "position": position, "text": text})
        return {"part": part, "text": " ".join(s["text"] for s in sentences),
                "sentences": sentences,
                "title": source, "source": source, "anchor": anchor, "who": who,
                "story": story, "story_before": story_before,
                "label": "", "kind": "", "note": ""}

    out = []
    for p in result.consensus:
        for c in p.claims:
            out.append(line("consensus", c.text, c.doc_id, c.position, c.source, c.anchor,
                            c.who, c.story, before=c.before, story_before=c.story_before))
            # the point's headline (another source's sentence for it) is shown just above
            # a claim: since session 77 a drawn claim is labelled with it, as it is read
            if c.text != p.text:
                out[-1]["above"] = [p.text]
    out += [line("conflict", c.text, c.doc_id, c.position, c.source, c.anchor, c.who)
            for k in result.conflicts for c in k.claims]
    points = list(result.unique)

    def above(k: int) -> list[str]:
        """What the answer shows just above a unique point from the same article (its
        article's earlier points, with the opening shown under one): since session 75 a
        source's points come in their article's order, and a drawn point is labelled with
        them, as its reader sees it."""
        first = k
        while first > 0 and points[first - 1].doc_id == points[k].doc_id:
            first -= 1
        return [shown for u in points[first:k]
                for shown in (u.text, *([story_text(u.story, "", u.story_before)]
                                        if u.story else []))]

    drawn = sorted(rng.sample(range(len(points)), min(unique, len(points))))
    for k in drawn:
        out.append(line("unique", points[k].text, points[k].doc_id, points[k].position,
                        points[k].source, points[k].anchor, points[k].who, points[k].story,
                        story_before=points[k].story_before))
        if shown_above := above(k):
            out[-1]["above"] = shown_above
    return out


def draw_compare(topics: int, unique: int, seed: int, exclude: list[Path] | None = None
                 ) -> dict[str, Any]:
    """``/compare topic:<t>`` over the BBC set for ``topics`` noun topics (``seed``; none
    an answer of an ``exclude`` draw): the lines of :func:`_compare_lines`."""
    from bot.corpus import load_corpus
    from bot.engine import Engine
    from bot.engine.errors import EngineInputError

    engine = Engine(load_corpus(BBC_ARTICLES))
    asked = _asked(exclude or [])
    rng = random.Random(seed)
    answers = []
    for topic in [t for t in bbc_noun_topics_drawn(topics + len(asked), seed=seed)
                  if f"/compare topic:{t}" not in asked][:topics]:
        try:
            result = engine.comparer.compare(topic=topic)
        except EngineInputError:
            continue
        answers.append({"answer": f"/compare topic:{topic}",
                        "lines": _compare_lines(result, unique, rng)})
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    return {"about": ABOUT_COMPARE, "commit": commit, "seed": seed,
            "corpus": "bbc-news-summary (1,328 articles, one corpus)", "kinds": list(KINDS),
            "answers": answers}


def score(path: Path) -> None:
    from bot.engine.quotable import problems

    data = json.loads(path.read_text("utf-8"))
    lines = [line for a in data["answers"] for line in a["lines"]]
    labelled = [line for line in lines if line["label"]]
    alone = sum(line["label"] == "alone" for line in labelled)
    print(f"lines {len(lines)}, labelled {len(labelled)}, alone {alone} "
          f"({alone / max(1, len(labelled)):.3f})")
    print("needs context by kind:", dict(Counter(line["kind"] for line in labelled
                                                 if line["label"] != "alone")))
    flagged = both = 0
    for a in data["answers"]:
        items = [SimpleNamespace(text=s["text"], doc_id=s["doc_id"], position=s["position"],
                                 anchor=line["anchor"])
                 for line in a["lines"] for s in line["sentences"]]
        texts = {p.text for p in problems(items) if p.reason != "undated, marked"}
        for line in a["lines"]:
            hit = any(s["text"] in texts for s in line["sentences"])
            flagged += hit
            both += hit and line["label"] == "needs context"
    print(f"the rules flag {flagged} lines, {both} of them labelled needs context")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--score", type=Path)
    parser.add_argument("--topics", type=int, default=30)
    parser.add_argument("--places", type=int, default=10)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--min-docs", type=int, default=MIN_PLACE_DOCS,
                        help="draw places named in at least this many articles")
    parser.add_argument("--compare", type=int, default=0, metavar="N",
                        help="draw N /compare topic: answers instead of summaries and briefs")
    parser.add_argument("--unique", type=int, default=6,
                        help="unique points drawn per comparison (with --compare)")
    parser.add_argument("--noun-df", type=int, nargs=2, metavar=("LO", "HI"),
                        help="draw topic nouns written in lower case in LO to HI articles "
                             "(default: sample_claim_pairs.NOUN_DF, 8 to 60)")
    parser.add_argument("--exclude", type=Path, nargs="*", default=[],
                        help="earlier draws whose topics and places are not drawn again")
    args = parser.parse_args(argv)
    if args.score:
        score(args.score)
        return 0
    if not args.out:
        parser.error("give --out FILE or --score FILE")
    drawn = (draw_compare(args.compare, args.unique, args.seed, args.exclude) if args.compare
             else draw(args.topics, args.places, args.seed, args.exclude, args.min_docs,
                       tuple(args.noun_df) if args.noun_df else None))
    args.out.write_text(json.dumps(drawn,
                                   indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
