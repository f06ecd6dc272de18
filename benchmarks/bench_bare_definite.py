"""How precise is the comparer's rule for an opening definite description of any noun?

    python benchmarks/bench_bare_definite.py --labels benchmarks/results/bare_definite_labels.jsonl

:func:`bare_definite` (below) flags "The exchange can delist ...", "The chip
will be made ...", "The conflict has killed ...": "The" and a lower-case head noun of any
kind, then a verb form, adverb, possessive or comma. The comparer asks it of the one
sentence a point shows. This counts the sentences of all 1,328 BBC articles
(``../shared/bbc-news-summary/articles``, business, politics and tech; one sentence per
distinct text, in corpus order) that it flags and that the comparer's other rules let
through (:func:`passes_before`: ``standalone.stands_alone`` with the comparer-only
pronoun_speaker, open_quotation, bare_quotation and demonstrative_reference, as the
comparer read them at 6771b0f).

Sampling rule, fixed before any output was read: ``random.Random(0).sample`` draws
``--sample`` (80) of those sentences; the draws at even positions (0, 2, ...) are the dev
half, the odd ones the test half. ``--labels FILE`` writes them to FILE as JSON lines with
the text only, for blind labelling: "needs" (a reader shown the sentence alone needs an
earlier sentence to know what "The <noun>" is) or "alone" with a one-line reason. With
FILE labelled, it counts per half the labelled sentences (``results/
bare_definite_labels.jsonl``: drawn at 68af4c1, the rule before its refinement, so a new
draw differs) the rule as it now stands still flags and how many of them are labelled
"needs": the rule's precision, with its Wilson 95% interval. Writes
``benchmarks/results/bare_definite.json``.

Figures (session 13, all blind labels): the rule as first committed (68af4c1) read dev 28
of 40, test 29 of 40; refined on the dev half only (8b89881), dev 26 of 26 and TEST 25 of
30 (0.833, Wilson 0.664-0.927), short of 0.9. Round 2 refined it on all 80 (so that file
now reads 50 of 50, no longer held out) and drew a fresh sample: TEST2 30 of 40 (0.75,
Wilson 0.598-0.858). So the rule is not asked by the comparer. Tried in the comparer's
``stands_alone`` and not committed: 18 of about 340 shown sentences of the 12 distinct
answers of ``compare_outputs.py dump`` change, one consensus point is left out (dollar),
and the held-out fixtures lose 1-2 points each (heldout4, 5, 7, 9, 12, 3-test), some
replacements no better ("'If he hadn't have walked off the stage, ...,' added Mr Lane").

Round 2's fresh sample is drawn the same way by the rule as refined, leaving out every text
of ``--exclude`` FILE, all of it the half "test2"::

    python benchmarks/bench_bare_definite.py --seed 1 --sample 40 \
        --exclude benchmarks/results/bare_definite_labels.jsonl \
        --labels benchmarks/results/bare_definite_labels2.jsonl
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, wilson, write_labelled  # noqa: E402

from bot.engine.descriptions import bare_definite  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
OUT = ROOT / "benchmarks" / "results" / "bare_definite.json"


def passes_before(text: str) -> bool:
    """The comparer's ``stands_alone`` without :func:`bare_definite` (as at 6771b0f)."""
    from bot.engine.standalone import (
        bare_quotation,
        curly_quotes,
        demonstrative_reference,
        open_quotation,
        pronoun_speaker,
        stands_alone,
    )

    text = curly_quotes(text)
    return (stands_alone(text) and not pronoun_speaker(text) and not open_quotation(text)
            and not bare_quotation(text) and not demonstrative_reference(text))


def population() -> tuple[int, list[str]]:
    """All distinct BBC sentence texts, and those the rule flags and the comparer passed."""
    from bot.corpus.loader import load_corpus
    seen: set[str] = set()
    texts: list[str] = []
    for doc in load_corpus(BBC).documents.values():
        for s in doc.sentences:
            if s.text not in seen:
                seen.add(s.text)
                texts.append(s.text)
    return len(texts), [t for t in texts if bare_definite(t) and passes_before(t)]



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=80)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--labels", type=Path, help="write the samples here, or read their labels")
    ap.add_argument("--exclude", type=Path, help="labelled file whose texts are not drawn")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    total, flagged = population()
    if args.exclude is not None:
        used = {json.loads(line)["text"] for line in args.exclude.read_text().splitlines()}
        flagged = [t for t in flagged if t not in used]
    drawn = random.Random(args.seed).sample(flagged, min(args.sample, len(flagged)))
    rows = [{"draw": i, "half": ("test2" if args.exclude is not None
                                 else "dev" if i % 2 == 0 else "test"), "text": t}
            for i, t in enumerate(drawn)]
    result: dict[str, object] = {"machine": machine(), "sentences": total,
                                 "flagged_and_passed_before": len(flagged)}
    if args.labels is not None and args.labels.exists():
        # the labelled sample (drawn by the rule as it was when drawn), not a new draw
        rows = [json.loads(line) for line in args.labels.read_text().splitlines() if line]
        labels = {x["draw"]: x for x in rows}
        for half in [*sorted({r["half"] for r in rows}), "both"]:
            mine = [r for r in rows if half in ("both", r["half"])]
            still = [r for r in mine if bare_definite(r["text"])]
            needs = sum(labels[r["draw"]]["label"] == "needs" for r in still)
            result[half] = {"sampled": len(mine), "still_flagged": len(still), "needs": needs,
                            "precision": round(needs / len(still), 3) if still else None,
                            "wilson95": wilson(needs, len(still)),
                            "alone_still_flagged": [r["text"] for r in still
                                                    if labels[r["draw"]]["label"] != "needs"]}
    elif args.labels is not None:
        with args.labels.open("w") as f:
            for r in rows:
                f.write(json.dumps({**r, "label": "", "why": ""}, ensure_ascii=False) + "\n")
    write_labelled(OUT, result, args.labels,
                   {k: v for k, v in result.items() if k != "machine"}
                   if args.labels is not None else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
