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
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

from bot.engine.standalone import (  # noqa: E402
    _DEMONYM,
    _NAMED_AFTER,
    _NEW_DESCRIPTION,
    _NOT_VERB,
    _VERB_AFTER,
)

BBC = ROOT.parent / "shared" / "bbc-news-summary" / "articles"
OUT = ROOT / "benchmarks" / "results" / "bare_definite.json"


# -- the rule measured here: any opening definite description ------------------------------
# Measured only (short of 0.9 on fresh samples), so it lives with its benchmark, not in the
# engine; it reads definite_reference's patterns from bot.engine.standalone.
# "The exchange can delist a company ...", "The chip will be made of ...", "The conflict has
# killed nearly 37,000 people.": the same opening as :func:`definite_reference` with a head
# noun of any kind. Too broad for a summary's picks (an article's own sentences follow the
# one that named the exchange); asked only of the one sentence a comparison shows per point
# (``bot.engine.compare.comparer.stands_alone``).
_FUNCTION_WORDS = frozenset("""of for to by from on in into with that which who whom whose
where when what why how behind between against at over about under among involving and or
but nor as than if so it its their his her they he she we you i me him them our your one
ones this these those there here not no be been being is was are were has have had do does
did will would can could may might must should shall""".split())  # noqa: SIM905
_MODIFIER = re.compile(r"(?:[a-z][\w’'-]*|[£$€]?\d[\w.,%£$€-]*)$")
# Refined on the dev half of benchmarks/results/bare_definite_labels.jsonl (round 1), then
# on all 80 of its sentences (round 2, measured on a fresh draw):
# one thing in the world, needing no earlier sentence ("The dollar suffered ...", "The net
# becomes ...", "The world's biggest car maker ...")
_UNIQUE_HEADS = frozenset(["dollar", "euro", "yen", "internet", "net", "web", "world"])
# UK offices with one holder ("The foreign secretary told MPs ...")
_UK_OFFICES = frozenset({("foreign", "secretary"), ("home", "secretary")})
# the state's own institutions and events, read as the country the story (and the
# comparison's topic) is about, as definite_reference reads "The government": "The
# government is facing opposition from Tory and Lib Dem MPs", "The prime minister
# denied ...", "The election will give Britain ...", "The budget does not include ...",
# "The chancellor said the poll ... Labour investment and Tory cuts"
_STATE_HEADS = frozenset(["government", "election", "budget", "chancellor"])
_STATE_OFFICES = frozenset({("prime", "minister")})
# a country's own thing ("The US budget deficit is ...", "The UK economy grew ...", "The
# national minimum wage is ...")
_COUNTRY_MODIFIERS = frozenset({"US", "UK", "EU", "national"})
# a name in apposition after a participle ("The tool, called Picasa, ...")
_CALLED = re.compile(r",?\s*(?:called|named|dubbed|known\s+as|codenamed)\s+[\"“‘']?[A-Z0-9]")
# an adverb before a participle is no head ("The internationally recognised ...")
_ADVERB = re.compile(r"[a-z]{3,}ly$|much|very|most|more|less|so|too|well|newly$")
_BARE_HEAD = re.compile(r"([a-z][a-z-]*)((?:['’]s?)?)([,;:]?)$")


def bare_definite(text: str) -> bool:
    """Whether the sentence opens with "The", up to two lower-case modifiers and a
    lower-case head noun of any kind directly followed by a verb form, an adverb ("The
    exchange can ...", "The new law marks ..."), the possessive ("The singer's ...") or a
    comma ("The courts, he argues, ..."): the thing is one only an earlier sentence names.

    Not when something names or defines the noun: a name in apposition or an author after
    "by" (as in :func:`definite_reference`), a capitalised modifier that is no nationality
    ("The Yukos deal"), a superlative or ordinal ("The largest ...", "The next generation
    ..."), or a preposition, "that" or "who" after the noun ("The decline in the dollar
    ...", "The man who ..."), nor the few nouns and offices the labelled samples read as
    clear without an earlier sentence (see below).

    Measured only, asked by nothing that picks sentences: of sentences it flags and the
    comparer's ``stands_alone`` passes, a fresh blind sample read 30 of 40 needing an
    earlier sentence (0.75; the first test half 25 of 30), short of the 0.9 a comparison
    rule needs (``benchmarks/bench_bare_definite.py``). What it leaves unflagged that does
    need one: generic plurals ("The terrorists have already won."), a noun defined by its
    apposition ("The contract, to provide refuelling tankers for the US Air Force, ..."),
    and inferable ones ("The two countries ... PDVSA and Argentina's Enarsa")."""
    stripped = text.strip().lstrip("\"“‘'([")
    if not stripped.startswith("The "):
        return False
    words = stripped[4:].split(maxsplit=4)
    for k in range(3):
        if len(words) < k + 1:
            break
        modifiers, head = words[:k], words[k]
        if any(m.endswith((",", ";", ":")) for m in modifiers):
            return False
        if any(m.lower() in _FUNCTION_WORDS for m in modifiers):
            return False
        if any(m[:1].isupper() and not _DEMONYM.match(m) for m in modifiers):
            return False  # "The Yukos deal": named
        if any(not m[:1].isupper() and not _MODIFIER.match(m) for m in modifiers):
            return False
        if any(_NEW_DESCRIPTION.match(m) for m in modifiers):
            return False  # "The largest company", "The next generation"
        if any(m in _COUNTRY_MODIFIERS for m in modifiers):
            return False  # "The US budget deficit"
        hm = _BARE_HEAD.match(head)
        if hm is None or hm.group(1) in _FUNCTION_WORDS or _NEW_DESCRIPTION.match(hm.group(1)):
            if hm is None and head[:1].isupper() and not _DEMONYM.match(head):
                return False  # "The Bank of England"
            continue
        office = (modifiers[-1], hm.group(1)) if k else None
        if (hm.group(1) in _UNIQUE_HEADS | _STATE_HEADS
                or office in _UK_OFFICES | _STATE_OFFICES):
            return False  # "The dollar fell", "The foreign secretary said", "The government"
        rest = stripped[4:].split(maxsplit=k + 1)
        after = rest[k + 1] if len(rest) > k + 1 else ""
        if hm.group(2):
            return True  # "The singer's ..."
        if hm.group(3) == ",":
            after = "," + " " + after
        if _NAMED_AFTER.match(after) or _CALLED.match(after):
            return False  # "The firm, Acme Corp, ...", "The report by Ofcom"
        if hm.group(3) == ",":
            return True  # "The courts, he argues, ..."
        if hm.group(3):
            continue
        following = after.split(maxsplit=2)
        first = following[0].rstrip(".,;:!?\"”’") if following else ""
        second = following[1] if len(following) > 1 else ""
        if not first or first in _NOT_VERB or not _VERB_AFTER.fullmatch(first):
            continue
        if _ADVERB.match(hm.group(1)) and first.endswith(("ed", "en")):
            continue  # "The internationally recognised southern part ..."
        if first.endswith("s") and second in ("of", "between", "among"):
            continue  # a plural noun: "The trillion-dollar debts of Japan's banks"
        # not when it says what it is: "The central problem is that ..."
        return not (first in ("is", "was") and second in ("that", "to"))
    return False


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


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(centre - half, 3), round(centre + half, 3))


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
    if args.labels is not None:
        # one entry per labelled file, so the rounds' figures stand side by side
        kept = (json.loads(OUT.read_text(encoding="utf-8")).get("by_labels", {})
                if OUT.exists() else {})
        kept[args.labels.name] = {k: v for k, v in result.items() if k != "machine"}
        result["by_labels"] = kept
    write_results(OUT, result)
    print(json.dumps({k: v for k, v in result.items() if k not in ("machine", "by_labels")},
                     indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
