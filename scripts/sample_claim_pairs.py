"""Sample the comparer's candidate sentence pairs on DUC 2004 clusters for hand labelling.

    python scripts/sample_claim_pairs.py CLUSTER [CLUSTER ...] [--per-cluster N]

Runs ``briefbot compare`` over each whole cluster of ``../shared/duc2004-dev/docs`` (one
article = one source) and collects every pair of whole sentences from two documents that
the comparer asked the claim matcher about (overlap candidates that no veto rules out),
then prints a random sample (seed 0) as JSON with an empty label, WITHOUT the model's
probabilities, so the labels are written blind. Used to build
tests/fixtures/news_claim_candidates.json.

    python scripts/sample_claim_pairs.py --clauses CLUSTER [CLUSTER ...]

samples instead the candidate clause pairs (word overlap at or above the comparer's
CANDIDATE_SIMILARITY, one entry per sentence pair with its closest clause pair and the
overlap), 12 per cluster at random from the top quarter by overlap and 8 from the rest
(seed 0): tests/fixtures/news_claim_clauses.json.

    python scripts/sample_claim_pairs.py --bbc-credits 20

runs the comparer as the bot does (one group's articles copied into a corpus of their own,
``compare()`` over all of them, MAX_CONSENSUS lifted so no point is cut) on 20 BBC
same-story groups (``train_concepts.bbc_groups(0.3)``, groups sharing an article with the
Yukos fixture left out) drawn with seed 0 before any output is seen, and prints every
point (shown sentence and every credit beyond it), every conflict and the groups, with
empty labels: tests/fixtures/news_claim_heldout3.json.

    python scripts/sample_claim_pairs.py --bbc-credits 12 --unused

draws the groups instead (seed 0, fixed before any output was seen) among the eligible ones
that news_claim_heldout3.json does not hold (24 of 44), and writes the fixture's own format
(``cluster`` keys, identical copies counted and listed apart, per group the points shown
and the comparer's ``left_out``): tests/fixtures/news_claim_heldout4.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.engine.compare.claims import ClaimMatcher, veto  # noqa: E402

DUC = ROOT.parent / "shared" / "duc2004-dev" / "docs"
YUKOS = ROOT / "tests" / "fixtures" / "bbc_yukos_comparison.json"
HELDOUT3 = ROOT / "tests" / "fixtures" / "news_claim_heldout3.json"

def candidates(cluster: str) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    original = ClaimMatcher.credit

    def record(self: ClaimMatcher, whole, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.extend(whole)
        return original(self, whole, *args, **kwargs)

    ClaimMatcher.credit = record  # type: ignore[method-assign]
    try:
        engine = Engine(load_corpus(DUC / cluster))
        engine.comparer.compare()
    finally:
        ClaimMatcher.credit = original  # type: ignore[method-assign]
    return [p for p in dict.fromkeys(seen) if p[0] != p[1] and veto(*p) is None]

def clause_candidates(cluster: str) -> list[tuple[float, str, str, str, str]]:
    """(overlap, sentence, sentence, clause, clause) per sentence pair, closest clause pair."""
    import numpy as np

    from bot.engine.compare import comparer

    seen: list[tuple[float, str, str, str, str]] = []
    original = comparer.Comparer._claim_matrix

    def record(self, cross, clauses, rows, *args):  # type: ignore[no-untyped-def]
        for i, j in zip(*np.nonzero(np.triu(cross >= comparer.CANDIDATE_SIMILARITY, k=1)),
                        strict=True):
            seen.append((float(cross[i, j]), self.sentences[rows[clauses[i].row]].text,
                         self.sentences[rows[clauses[j].row]].text, clauses[i].text,
                         clauses[j].text))
        return original(self, cross, clauses, rows, *args)

    comparer.Comparer._claim_matrix = record  # type: ignore[method-assign]
    try:
        Engine(load_corpus(DUC / cluster)).comparer.compare()
    finally:
        comparer.Comparer._claim_matrix = original  # type: ignore[method-assign]
    best: dict[tuple[str, str], tuple[float, str, str, str, str]] = {}
    for s in seen:
        if s[1] != s[2] and ((s[1], s[2]) not in best or s[0] > best[s[1], s[2]][0]):
            best[s[1], s[2]] = s
    return sorted(best.values(), reverse=True)


def sample_clauses(clusters: list[str]) -> list[dict[str, object]]:
    rng = random.Random(0)
    out: list[dict[str, object]] = []
    for cluster in clusters:
        pairs = clause_candidates(cluster)
        q = max(1, len(pairs) // 4)
        top, rest = pairs[:q], pairs[q:]
        for o, a, b, ca, cb in rng.sample(top, min(12, len(top))) + rng.sample(
                rest, min(8, len(rest))):
            out.append({"cluster": cluster, "shown": a, "credited": b, "clause_shown": ca,
                        "clause_credited": cb, "overlap": round(o, 3), "label": ""})
    return out


def _name(f: Path) -> str:
    return f"{f.parent.name}/{f.stem}"


def bbc_groups_drawn(n: int, seed: int = 0, unused: bool = False) -> list[list[Path]]:
    """``n`` BBC same-story groups at random (fixed seed), none sharing a Yukos article;
    ``unused``: none of news_claim_heldout3.json's groups either."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_concepts import BBC, bbc_groups

    yukos = {BBC / "articles" / f for f in json.loads(YUKOS.read_text("utf-8"))["bbc_files"]}
    eligible = [g for g in bbc_groups(0.3) if not yukos & set(g)]
    if unused:
        taken = {tuple(g["files"]) for g in json.loads(HELDOUT3.read_text("utf-8"))["groups"]}
        eligible = [g for g in eligible if tuple(map(_name, g)) not in taken]
    return random.Random(seed).sample(eligible, min(n, len(eligible)))


def bbc_credits(n: int, unused: bool = False) -> dict[str, object]:
    """Every point, credit and conflict of the comparer on ``n`` drawn BBC groups;
    ``unused``: in the fixture's format, groups drawn apart from news_claim_heldout3's."""
    from bot.engine.compare import comparer

    comparer.MAX_CONSENSUS = 10_000
    key = "cluster" if unused else "group"
    groups, pairs, points, conflicts, identical = [], [], [], [], []
    for files in bbc_groups_drawn(n, unused=unused):
        gid = _name(files[0])
        with tempfile.TemporaryDirectory() as tmp:
            for f in files:
                shutil.copy(f, Path(tmp) / f.name)
            result = Engine(load_corpus(Path(tmp))).comparer.compare().to_dict()
        groups.append({"group": gid, "files": [_name(f) for f in files]}
                      | ({"points": len(result["consensus"]), "left_out": result["left_out"]}
                         if unused else {}))
        for k, point in enumerate(result["consensus"]):
            shown = point["text"]
            points.append({key: gid, "point": k, "text": shown, "duplicate_of": None}
                          | ({"duplicate": None} if unused else {}))
            centre = True  # the shown sentence's own claim: the first of its text at 1.0
            for c in point["claims"]:
                if c["text"] == shown and (c["confidence"] >= 1.0 or unused):
                    if not (centre and c["confidence"] >= 1.0):
                        identical.append({key: gid, "point": k, "doc_id": c["doc_id"]})
                    centre = centre and c["confidence"] < 1.0
                    continue
                pairs.append({key: gid, "point": k, "shown": shown,
                              "credited": c["text"], "doc_id": c["doc_id"], "label": ""})
        for c in result["conflicts"]:
            conflicts.append({key: gid, "subject": c["subject"], "kind": c["kind"],
                              "claims": [{"doc_id": x["doc_id"], "value": x["value"],
                                          "text": x["text"]} for x in c["claims"]]
                              if unused else [[x["doc_id"], x["value"], x["text"]]
                                              for x in c["claims"]], "label": ""})
    if unused:
        return {"groups": groups, "identical_credits": len(identical), "identical": identical,
                "pairs": pairs, "points": points, "conflicts": conflicts}
    return {"groups": groups, "points": points, "pairs": pairs, "conflicts": conflicts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clusters", nargs="*")
    parser.add_argument("--per-cluster", type=int, default=20)
    parser.add_argument("--clauses", action="store_true",
                        help="sample candidate clause pairs (news_claim_clauses.json)")
    parser.add_argument("--bbc-credits", type=int, metavar="N",
                        help="every credit on N drawn BBC groups (news_claim_heldout3.json)")
    parser.add_argument("--unused", action="store_true",
                        help="with --bbc-credits: groups not in news_claim_heldout3.json "
                             "(news_claim_heldout4.json)")
    args = parser.parse_args(argv)
    if args.bbc_credits:
        print(json.dumps(bbc_credits(args.bbc_credits, args.unused), indent=1))
        return 0
    if args.clauses:
        print(json.dumps(sample_clauses(args.clusters), indent=1))
        return 0
    rng = random.Random(0)
    out = []
    for cluster in args.clusters:
        pairs = candidates(cluster)
        for a, b in rng.sample(pairs, min(args.per_cluster, len(pairs))):
            out.append({"cluster": cluster, "shown": a, "credited": b, "label": ""})
    print(json.dumps(out, indent=1))
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
