"""How precise is the rule for a line whose source is only "the bank" or "the report"?

    python benchmarks/bench_definite_speaker.py \
        --labels benchmarks/results/definite_speaker_labels.jsonl

:func:`bot.engine.descriptions.definite_speaker` flags "New mortgage loans in January fell to
79,000 from 82,000 in December, the bank said.", "According to the study, ...", "The paper
said the document had been found ...": whose words or figures a line gives, named by a
general noun only, when neither the line nor (for an organisation) its title names one.
Topic summaries swap such a line for one about as good, and place briefs show it only
after the lines that stand alone (``keep_quotable``, ``quotable_order``). It was written
on the labelled lines of the blind answer checks (``tests/fixtures/standalone_*check*.json``:
31 of the 34 distinct-or-repeated lines it flags there were labelled "needs context"), so
those figures are not held out. This draws the held-out ones.

Sampling rule, fixed before any output was read: every sentence of the 1,328 BBC articles
(``../shared/bbc-news-summary/articles``; one per distinct text, in corpus order) that the
rule flags with its article's title, less every text of those fixtures;
``random.Random(--seed).sample`` draws ``--sample`` (40). ``--labels FILE`` writes them to
FILE as JSON lines (text and title only) for blind labelling: "needs" (a reader shown the
line and its title cannot tell whose words or figures they are: which bank, which report)
or "alone", with a one-line reason. With FILE labelled, it counts the labelled lines the
rule still flags and how many are "needs": the rule's held-out precision with its Wilson
95% interval. Writes ``benchmarks/results/definite_speaker.json`` (``by_labels``: each
labelled file's figures as last read).

Figures (session 22, blind labels by helpers who saw only each line and its title): the
first sample (seed 0, 40 lines, drawn at d784dd9) read 31 of 40 needing context (0.775);
its 9 "alone" lines were read and the rule refined on them (a title naming the firm in
sentence case, a named speaker holding the report, "... says Fed"), so that file now reads
31 of 31 and is no longer held out. A fresh sample (seed 1, 30 lines, ``--exclude`` the
first, drawn at 8315f4e before labelling): **27 of 30 (0.90, Wilson 0.744-0.965)**; the
three alone: "Analysts say the figures show ...", "The Telegraph was sued ... after the
newspaper claimed ...", a report named by its own title after a comma.
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

from bot.engine.descriptions import definite_speaker, named_title  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
FIXTURES = ROOT / "tests" / "fixtures"
OUT = ROOT / "benchmarks" / "results" / "definite_speaker.json"


def labelled_texts() -> set[str]:
    """Every line text of the blind answer checks (the rule's dev lines)."""
    texts: set[str] = set()
    for path in sorted(FIXTURES.glob("standalone_*check*.json")):
        for answer in json.loads(path.read_text(encoding="utf-8"))["answers"]:
            for line in answer["lines"]:
                texts.update(s["text"] for s in line["sentences"])
    return texts


def population() -> tuple[dict[str, str], list[dict[str, str]]]:
    """Every distinct BBC sentence text with its article's title as the rule reads it
    (:func:`named_title`), and those the rule flags (text, title, doc_id)."""
    from bot.corpus.loader import load_corpus

    titled: dict[str, str] = {}
    flagged: list[dict[str, str]] = []
    for doc in load_corpus(BBC).documents.values():
        title = named_title(doc.display_name, [s.text for s in doc.sentences])
        for s in doc.sentences:
            if s.text in titled:
                continue
            titled[s.text] = title
            if head := definite_speaker(s.text, title):
                flagged.append({"text": s.text, "title": doc.display_name,
                                "doc_id": doc.doc_id, "head": head})
    return titled, flagged



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--labels", type=Path, help="write the sample here, or read its labels")
    ap.add_argument("--exclude", type=Path, nargs="*", default=[],
                    help="labelled samples whose lines are not drawn again")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    if not BBC.is_dir():
        print(f"skipped: {BBC} not found")
        return 0
    titled, flagged = population()
    used = labelled_texts()
    for path in args.exclude:  # an earlier sample's lines are not drawn again
        used.update(json.loads(line)["text"] for line in path.read_text().splitlines() if line)
    pool = [f for f in flagged if f["text"] not in used]
    result: dict[str, object] = {"machine": machine(), "sentences": len(titled),
                                 "flagged": len(flagged), "flagged_not_drawn": len(pool)}
    if args.labels is not None and args.labels.exists():
        rows = [json.loads(line) for line in args.labels.read_text().splitlines() if line]
        still = [r for r in rows if definite_speaker(r["text"], titled.get(r["text"], r["title"]))]
        needs = sum(r["label"] == "needs" for r in still)
        result["held_out"] = {"sampled": len(rows), "still_flagged": len(still),
                              "needs": needs,
                              "precision": round(needs / len(still), 3) if still else None,
                              "wilson95": wilson(needs, len(still)),
                              "alone_still_flagged": [r["text"] for r in still
                                                      if r["label"] != "needs"]}
    elif args.labels is not None:
        drawn = random.Random(args.seed).sample(pool, min(args.sample, len(pool)))
        with args.labels.open("w") as f:
            for k, r in enumerate(drawn):
                f.write(json.dumps({"draw": k, "text": r["text"], "title": r["title"],
                                    "label": "", "why": ""}, ensure_ascii=False) + "\n")
    write_labelled(OUT, result, args.labels, result.get("held_out"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
