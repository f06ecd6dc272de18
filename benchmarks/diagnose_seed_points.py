"""Where each required consensus point of the seed fixture is lost, and what finding it costs.

Run from the repo root: ``python benchmarks/diagnose_seed_points.py``. Writes
benchmarks/results/seed_diagnosis.json (``--points PATH``: with another point-model file,
such as ``scripts/fit_points.py --anchors --out PATH`` writes, into
seed_diagnosis_<name>.json). Reads only the repository (seeds/, the seed fixture, the news
fixtures); fits nothing that ships.

For every required gold point of tests/fixtures/seed_comparison.json, over every pair of
its evidence sentences from two documents, it records the stage of the comparer that
drops the pair, from the comparison the comparer actually makes (``compare(topic=
"Mosul")``, with its pool, clauses, candidates, encoding caps and decision):

1. ``pool`` / ``eligible``: the sentence is not in the topic's pool, or is no point of
   its own (a question, an appeal, a fragment: ``_claims_a_point``);
2. ``candidate``: no clause pair of the two sentences is among the word-overlap
   candidates (CANDIDATE_SIMILARITY, MAX_CANDIDATES), and the two sentences are not both
   encoded (ENCODE_POOL / ENCODE_CANDIDATES) so no MiniLM candidate either;
3. ``decision``: a candidate, not credited (``vetoed`` when a veto ruled it out);
4. ``grouping``: credited, but the point shown does not cite both sentences;
5. found.

A point's stage is the furthest stage any of its pairs reaches. Besides, each pair is
scored as if it were a candidate with both sentences encoded (the upper bound of the
decision: the matcher's calibrated probability over the best clause pair, the MiniLM
cosine, the point model's probability), so ``ceiling`` says at which point-model
threshold a point would be credited at all, and the same threshold's out-of-fold news
precision (scripts/fit_points.py's cross-validation) says what that would cost.

``READING`` is this session's reading of each gold point's best evidence pair against the
issue's standard ("the credited sentence states the same claim": same event or relation,
same participants, polarity, modality, compatible figures), written after reading the
sentences and their scores; the fixture itself is unchanged.
"""

from __future__ import annotations

import itertools
import json
import logging
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _machine import machine, write_results  # noqa: E402
from bench_compare import use_point_model  # noqa: E402

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.engine.compare import claims  # noqa: E402
from bot.engine.compare import comparer as comparer_module  # noqa: E402
from bot.engine.compare.evaluate import load_fixture, score  # noqa: E402
from bot.engine.encoder import encoder  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "seed_comparison.json"
OUT = ROOT / "benchmarks" / "results" / "seed_diagnosis.json"
STAGES = ("pool", "eligible", "candidate", "vetoed", "decision", "grouping", "found")

# label: "same" = a pair of its evidence states one claim in the sense;
# "looser" = its evidence shares a topic or a background fact, not a claim.
READING: dict[str, dict[str, str]] = {
    "victory": {"label": "same", "pair": "000:0 / 001:0",
                "why": "'Iraqi forces are claiming victory in the battle for Mosul' / 'ISF "
                       "retook the major city of Mosul Saturday': one event, other words"},
    "caliphate": {"label": "same", "pair": "001:12 / 002:3",
                  "why": "al-Baghdadi announced his caliphate there; in 002:3 a relative "
                         "clause of a sentence about the city's landmarks"},
    "raqqa": {"label": "looser", "pair": "001:18 / 003:12",
              "why": "'still maintains control over Raqqa' / 'other places that must be "
                     "freed including Raqqa': one implies the other, neither states it"},
    "far_from_over": {"label": "same", "pair": "000:3 / 004:34",
                      "why": "'NOT the end of ISIS in Iraq' / 'This story isn't over'"},
    "territory_elsewhere": {"label": "same", "pair": "000:28 / 004:34",
                            "why": "thousands in Syria and Iraq still live under ISIS / "
                                   "150,000 live in territory still held by ISIS in Iraq; "
                                   "found through 000:3 / 004:34, evidence of both points"},
    "second_city": {"label": "looser", "pair": "001:4 / 003:1",
                    "why": "'Iraq's second largest city' is an appositive in both; the "
                           "sentences claim other things (the operation's end; leaders fled)"},
    "october_start": {"label": "same", "pair": "001:5 / 002:4",
                      "why": "the offensive / siege began in October (001:5's first clause)"},
    "east_january": {"label": "same", "pair": "001:5 / 002:6",
                     "why": "east Mosul retaken in January (001:5's second clause)"},
    "west_harder": {"label": "same", "pair": "001:6 / 002:8",
                    "why": "the western half was the harder target / presents a larger "
                           "challenge (002 before the end, 001 after: tense differs)"},
    "coalition_air": {"label": "same", "pair": "001:9 / 003:5",
                      "why": "U.S. forces provided air support (001:9's first clause) / "
                             "carried out with air support from the US-led coalition"},
    "old_city_holdouts": {"label": "same", "pair": "000:7 / 004:14",
                          "why": "ISIS fighters still hold part of the Old City / hide out "
                                 "in the old city"},
    "civilians_remain": {"label": "looser", "pair": "000:12 / 004:18",
                         "why": "'still living under ISIS control' / residents who remained "
                                "'have nothing to do with ISIS': the second's claim is "
                                "their innocence (and a veto rightly fires)"},
    "displacement": {"label": "looser", "pair": "000:15 / 003:7",
                     "why": "a theme: 'hundreds of families managed to escape' / 'thousands "
                            "poured out' / 'up to 190,000 displaced' / 'over 500,000 fled "
                            "since 2014'; the fixture itself lists two of them as a "
                            "'different measures' conflict"},
    "stronghold": {"label": "same", "pair": "002:2 / 003:12",
                   "why": "Mosul is an ISIS stronghold (003:12's concessive clause); 001:11 "
                          "'de facto capital' is close"},
}


def _capture(comparer: Any) -> dict[str, Any]:
    """Run the fixture's comparison, keeping the comparer's intermediate state."""
    seen: dict[str, Any] = {}
    claim_matrix, semantic = comparer._claim_matrix, comparer._semantic

    def spy_claims(cross, clauses, rows, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(cross=cross.copy(), clauses=clauses, rows=rows)
        claim, left_out, told = claim_matrix(cross, clauses, rows, *args, **kwargs)
        seen["claim"] = claim
        return claim, left_out, told

    def spy_semantic(*args):  # type: ignore[no-untyped-def]
        seen["vectors"] = semantic(*args) or {}
        return seen["vectors"]

    comparer._claim_matrix, comparer._semantic = spy_claims, spy_semantic
    try:
        seen["result"] = comparer.compare(**load_fixture(FIXTURE)["query"]).to_dict()
    finally:
        del comparer._claim_matrix, comparer._semantic
    return seen


def _news_oof(features: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Out-of-fold point-model probabilities of the news training pairs (fit_points's CV),
    over the shipped model's features."""
    import fit_points as fp

    x, y, vetoed = fp.stack([fp.load(name, features) for name in fp.TRAIN])
    return fp.out_of_fold(x, y), y, vetoed


def _news_at(t: float, oof: np.ndarray, y: np.ndarray, vetoed: np.ndarray) -> dict[str, float]:
    said = (oof >= t) & ~vetoed[None, :]
    precision = np.mean([y[s].mean() if s.any() else 1.0 for s in said])
    recall = np.mean([y[s].sum() / y.sum() for s in said])
    return {"news_oof_precision": round(float(precision), 3),
            "news_oof_recall_of_same": round(float(recall), 3)}


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    args = sys.argv[1:]
    other = use_point_model(args)
    out_path = OUT if other is None else OUT.with_name(f"seed_diagnosis_{other.stem}.json")
    fixture = load_fixture(FIXTURE)
    engine = Engine(load_corpus(ROOT / "seeds"))
    comparer = engine.comparer
    seen = _capture(comparer)
    scored = score(seen["result"], fixture)
    clauses, rows, cross, claim = seen["clauses"], seen["rows"], seen["cross"], seen["claim"]
    vectors = seen.get("vectors") or {}
    sentences = comparer.sentences
    at = {(sentences[r].doc_id, sentences[r].position): i for i, r in enumerate(rows)}
    eligible = {i for i, r in enumerate(rows)
                if comparer_module._claims_a_point(sentences[r].text)}
    by_row: dict[int, list[int]] = {}
    for k, c in enumerate(clauses):
        by_row.setdefault(c.row, []).append(k)
    i_idx, j_idx = np.nonzero(np.triu(cross >= comparer_module.CANDIDATE_SIMILARITY, k=1))
    if len(i_idx) > comparer_module.MAX_CANDIDATES:
        keep = np.argsort(-cross[i_idx, j_idx], kind="stable")[:comparer_module.MAX_CANDIDATES]
        i_idx, j_idx = i_idx[keep], j_idx[keep]
    overlap = set(zip(i_idx.tolist(), j_idx.tolist(), strict=True))
    cited: dict[tuple[str, int], set[int]] = {}
    for k, point in enumerate(seen["result"]["consensus"]):
        for s in point["sentences"]:
            cited.setdefault((s["doc_id"], s["position"]), set()).add(k)

    matcher, model, enc = comparer.matcher, comparer.point_model, encoder()
    if model is None or enc is None:
        raise SystemExit("needs the encoder and the point model")
    docs = comparer.corpus.documents
    points: dict[str, Any] = {}
    for gold in fixture["consensus"]:
        if not gold["required"]:
            continue
        cells = [(d, p) for d, ps in gold["evidence"].items() for p in ps]
        pairs = []
        for (da, pa), (db, pb) in itertools.combinations(cells, 2):
            if da == db:
                continue
            ta, tb = docs[da].sentences[pa].text, docs[db].sentences[pb].text
            chosen, pw, pc, pin = matcher.sentence_inputs([(ta, tb)])
            q = float(matcher.calibrated([(ta, tb)], chosen, pw, pc, pin)[0])
            va, vb = enc.encode([ta, tb])
            cos = float(va @ vb)
            p = float(model.probabilities(np.array([q]), np.array([cos]), [(ta, tb)])[0])
            vetoed = claims.veto(ta, tb) or claims.veto(*chosen[0])
            pair: dict[str, Any] = {"a": f"{da[:3]}:{pa}", "b": f"{db[:3]}:{pb}",
                                    "matcher_q": round(q, 3), "cosine": round(cos, 3),
                                    "point_p": round(p, 3), "veto": vetoed}
            ia, ib = at.get((da, pa)), at.get((db, pb))
            if ia is None or ib is None:
                pair["stage"] = "pool"
            elif ia not in eligible or ib not in eligible:
                pair["stage"] = "eligible"
            else:
                ka, kb = by_row.get(ia, []), by_row.get(ib, [])
                encoded = ia in vectors and ib in vectors
                candidate = encoded or any((min(x, y), max(x, y)) in overlap
                                           for x in ka for y in kb)
                credited = bool(ka and kb and claim[np.ix_(ka, kb)].max() > 0)
                together = bool(cited.get((da, pa), set()) & cited.get((db, pb), set()))
                pair.update(overlap=round(float(cross[np.ix_(ka, kb)].max()), 3)
                            if ka and kb else 0.0, encoded=encoded)
                pair["stage"] = ("found" if together else "grouping" if credited
                                 else "candidate" if not candidate
                                 else "vetoed" if vetoed else "decision")
            pairs.append(pair)
        pairs.sort(key=lambda r: (-STAGES.index(r["stage"]), -r["point_p"]))
        open_ = [r["point_p"] for r in pairs if not r["veto"]]
        points[gold["id"]] = {
            "point": gold["point"], "found": gold["id"] not in scored["consensus"]["missed"],
            "stage": pairs[0]["stage"] if pairs else "pool",
            "ceiling_p": round(max(open_), 3) if open_ else None,
            "reading": READING.get(gold["id"]), "pairs": pairs[:5]}

    oof, y, vetoed = _news_oof(model.features)
    ceilings = sorted((v["ceiling_p"] or 0.0 for v in points.values()), reverse=True)
    curve = []
    for n in range(1, len(ceilings) + 1):
        t = ceilings[n - 1]
        curve.append({"seed_points_credited_at_most": n, "threshold": t,
                      "seed_recall_at_most": round(n / len(ceilings), 3)}
                     | _news_at(t, oof, y, vetoed))
    out = {
        "command": " ".join(["python benchmarks/diagnose_seed_points.py", *args]),
        "score": {k: scored["consensus"][k] for k in ("precision", "recall")},
        "consensus_points_shown": len(seen["result"]["consensus"]),
        "pool": {"rows": len(rows), "eligible": len(eligible), "clauses": len(clauses),
                 "encoded": len(vectors), "overlap_candidates": len(overlap)},
        "point_model_threshold": model.threshold,
        "point_model_features": list(model.features),
        "stages": {s: sorted(g for g, v in points.items() if v["stage"] == s) for s in STAGES},
        "readings": {lab: sorted(g for g, r in READING.items() if r["label"] == lab)
                     for lab in ("same", "looser")},
        "ceiling_curve": curve,
        "points": points,
        "machine": machine(),
    }
    write_results(out_path, out)
    print(json.dumps({k: out[k] for k in ("score", "pool", "stages", "readings")}, indent=1))
    for row in curve:
        print(row)
    print(f"wrote {out_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
