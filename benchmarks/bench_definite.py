"""How many sentences open with a definite description standing for an earlier name?

    python benchmarks/bench_definite.py [--sample 40] [--seed 12] [--labels FILE]

Counts the sentences :func:`bot.engine.standalone.definite_reference` flags ("The firm
said it would cut 500 jobs.") over all 1,328 BBC articles (``../shared/bbc-news-summary/
articles``) and the DUC 2004 dev documents (``../shared/duc2004-dev/docs``), and those a
looser variant flags (:func:`loose_reference`: more nouns, any one modifier, and any
word after the noun but a preposition or relative word).

Sampling rule, fixed before any output was read: ``random.Random(seed)`` draws
``--sample`` sentences from the flagged ones (BBC and DUC together, in corpus order) and
as many from those only the looser variant flags. ``--labels FILE`` writes them to FILE
as JSON lines with the text only (no neighbour, no score) for blind labelling: each
label is "needs" (a reader cannot tell which firm, report or deal without an earlier
sentence) or "alone", written before anything else about the sentence is looked at.
With ``--labels`` pointing at a file whose lines carry a "label", the precision of each
sample is counted instead. ``results/definite_labels.jsonl`` holds the samples drawn at
commit d60602d (before the "released by" naming rule, so a new draw differs), labelled
that way. Writes ``benchmarks/results/definite.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
DUC = ROOT.parent / "shared" / "duc2004-dev" / "docs"
OUT = ROOT / "benchmarks" / "results" / "definite.json"

#: nouns the looser variant adds: institutions, things and shell nouns that often, but
#: not nearly always, stand for something named earlier
LOOSE_EXTRA = frozenset("""party club commission committee agency case investigation inquiry
probe review trial changes results service site idea issue problem project system programme
product device software law campaign talks vote plant factory team business exchange network
research data""".split())  # noqa: SIM905
_LOOSE = re.compile(r"[\"“‘'(\[]*The\s+(?:([\w£$€.’'-]+)\s+)??([a-z]+)((?:['’]s?)?)(?![\w-])"
                    r"\s*(.*)", re.DOTALL)
_DEFINING = frozenset("""of for to by from on in into with that which who whose behind
between against at over about under among involving and or""".split())  # noqa: SIM905


def loose_reference(text: str) -> bool:
    """A looser variant of ``definite_reference``, measured only: the nouns of
    ``DEFINITE_HEADS`` and :data:`LOOSE_EXTRA`, any one modifier but a capitalised one
    (a name), and any word after the noun but a preposition or relative word."""
    from bot.engine.standalone import DEFINITE_HEADS

    heads = DEFINITE_HEADS | LOOSE_EXTRA
    stripped = text.strip()
    m = _LOOSE.match(stripped)
    if m and m.group(1) is None and m.group(2) not in heads:
        m = re.match(_LOOSE.pattern.replace(")??(", ")(", 1), stripped, re.DOTALL)
    if not m or m.group(2) not in heads:
        return False
    modifier, possessive, rest = m.group(1), m.group(3), m.group(4)
    if modifier is not None and modifier[:1].isupper() and modifier not in ("US", "UK"):
        return False
    if possessive:
        return True
    if rest.startswith(","):
        return not re.match(r"(?:[A-Z]|(?:[a-z]+\s+){0,2}by\s)", rest[1:].lstrip())
    first = rest.split(maxsplit=1)[0].rstrip(".,;:!?\"”’") if rest.strip() else ""
    return bool(first) and first[:1].islower() and first not in _DEFINING


def sentences() -> list[dict[str, str]]:
    from bot.corpus.loader import load_corpus

    out = []
    for name, root in (("bbc", BBC), ("duc", DUC)):
        corpus = load_corpus(root)
        for doc_id, doc in corpus.documents.items():
            out.extend({"set": name, "doc": doc_id, "text": s.text} for s in doc.sentences)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--labels", type=Path, help="write the samples here, or read their labels")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    from bot.engine.standalone import (
        DEFINITE_HEADS,
        definite_reference,
        ends_on_reference,
        is_fragment,
        leans_back,
    )

    rows = sentences()
    strict = [r for r in rows if definite_reference(r["text"])]
    loose = [r for r in rows if loose_reference(r["text"])]
    loose_only = [r for r in loose if not definite_reference(r["text"])]
    result: dict[str, object] = {"machine": machine()}
    for name in ("bbc", "duc"):
        n = sum(r["set"] == name for r in rows)
        result[name] = {
            "sentences": n,
            "flagged": sum(r["set"] == name for r in strict),
            # flagged by this rule alone: no other stand-alone rule catches them
            "flagged_and_otherwise_standing_alone": sum(
                r["set"] == name and not (is_fragment(r["text"]) or leans_back(r["text"])
                                          or ends_on_reference(r["text"])) for r in strict),
            "loose_flagged": sum(r["set"] == name for r in loose),
        }
    heads = Counter(next((w for w in re.findall(r"[a-z]+", r["text"])[:3]
                          if w in DEFINITE_HEADS), "?") for r in strict)
    result["nouns"] = dict(heads.most_common())
    rng = random.Random(args.seed)
    samples = {"strict": rng.sample(strict, min(args.sample, len(strict))),
               "loose_only": rng.sample(loose_only, min(args.sample, len(loose_only)))}
    if args.labels is not None and args.labels.exists():
        labels = [json.loads(line) for line in args.labels.read_text().splitlines() if line]
        for kind in samples:
            got = [x["label"] for x in labels if x["kind"] == kind]
            result[f"{kind}_sample"] = {"labelled": len(got),
                                        "needs": got.count("needs"),
                                        "alone": got.count("alone")}
    elif args.labels is not None:
        with args.labels.open("w") as f:
            for kind, picked in samples.items():
                for r in picked:
                    f.write(json.dumps({"kind": kind, "text": r["text"], "label": "",
                                        "why": ""}, ensure_ascii=False) + "\n")
    write_results(OUT, result)
    print(json.dumps({k: v for k, v in result.items() if k != "machine"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
