"""Geoparsing quality on GeoVirus: toponym recognition P/R/F1 and resolution accuracy@161 km.

    python benchmarks/bench_geoparsing.py [--limit N] [--misses 40] [--seeds]

``--seeds`` also scores the bundled seeds against tests/fixtures/seed_places.json twice:
with the curated file and with it left out (``Gazetteer.without_curated``), the latter
being what a team following a new crisis gets from the packaged gazetteer alone.

Reads ../shared/geoparsing/GeoVirus.xml (229 WikiNews articles, 2,167 hand-annotated
toponyms; Gritta et al. 2018). Its offsets are one character too far right, so gold spans
are ``text[start-1:end-1]`` (checked for every mention at load).

Each article becomes one document of one corpus (the index's corpus-wide evidence, such as
how often a word is written in lower case, is part of the method), built through the same
loader function the bot uses; predicted mentions are mapped back to offsets in the article
text with ``PlaceIndex.file_mentions``.

Scores:
- overlap P/R/F1: a predicted span matches a gold span when they overlap (one-to-one);
- exact P/R/F1: same start and end;
- accuracy@161: share of overlap-matched mentions whose predicted coordinates lie within
  161 km of the gold coordinates (each system on the mentions it found, as published).

Writes benchmarks/results/geoparsing.json and prints the most frequent misses and false
places. Nothing in the engine is tuned to single articles of this set.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

from bot.corpus.loader import RawText, build_document, load_corpus  # noqa: E402
from bot.corpus.model import Corpus  # noqa: E402
from bot.engine.places import PlaceIndex, load_gazetteer  # noqa: E402
from bot.engine.places.evaluate import score_fixture  # noqa: E402
from bot.engine.places.maps import distance_km  # noqa: E402

GEOVIRUS = ROOT.parent / "shared" / "geoparsing" / "GeoVirus.xml"
OUT = ROOT / "benchmarks" / "results" / "geoparsing.json"
KM = 161.0


def load_geovirus(path: Path) -> list[dict]:
    articles = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            start, end = int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1
            if text[start:end] != name:
                raise ValueError(f"article {i}: gold {name!r} not at {start}:{end}")
            gold.append({"start": start, "end": end, "name": name,
                         "lat": float(loc.findtext("lat")), "lon": float(loc.findtext("lon"))})
        articles.append({"doc_id": f"geovirus-{i:03d}", "text": text, "gold": gold})
    return articles


def _match(pred: list[dict], gold: list[dict], exact: bool) -> list[tuple[dict, dict]]:
    """One-to-one matching of predicted to gold spans (greedy, left to right)."""
    used: set[int] = set()
    pairs = []
    for p in sorted(pred, key=lambda m: m["start"]):
        for j, g in enumerate(gold):
            if j in used:
                continue
            hit = (p["start"] == g["start"] and p["end"] == g["end"]) if exact else (
                p["start"] < g["end"] and g["start"] < p["end"])
            if hit:
                used.add(j)
                pairs.append((p, g))
                break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "true_positives": tp, "predicted": n_pred, "gold": n_gold}


def evaluate(articles: list[dict], predictions: dict[str, list[dict]]) -> dict[str, object]:
    n_pred = n_gold = tp_overlap = tp_exact = 0
    within = 0
    distances: list[float] = []
    by_kind: dict[str, list[int]] = {}
    misses: Counter[str] = Counter()
    false_places: Counter[str] = Counter()
    far: Counter[str] = Counter()
    for art in articles:
        pred, gold = predictions.get(art["doc_id"], []), art["gold"]
        n_pred += len(pred)
        n_gold += len(gold)
        pairs = _match(pred, gold, exact=False)
        tp_overlap += len(pairs)
        tp_exact += len(_match(pred, gold, exact=True))
        matched_p = {id(p) for p, _ in pairs}
        matched_g = {id(g) for _, g in pairs}
        misses.update(g["name"] for g in gold if id(g) not in matched_g)
        false_places.update(f"{p['text']} -> {p['place']}" for p in pred
                            if id(p) not in matched_p)
        for p, g in pairs:
            d = distance_km(p["lat"], p["lon"], g["lat"], g["lon"])
            distances.append(d)
            ok = d <= KM
            within += ok
            by_kind.setdefault(p["kind"], [0, 0])
            by_kind[p["kind"]][0] += ok
            by_kind[p["kind"]][1] += 1
            if not ok:
                far[f"{g['name']} -> {p['place']} ({d:.0f} km)"] += 1
    distances.sort()
    return {
        "overlap": _prf(tp_overlap, n_pred, n_gold),
        "exact": _prf(tp_exact, n_pred, n_gold),
        "accuracy_at_161km": round(within / len(distances), 4) if distances else 0.0,
        "resolved_mentions": len(distances),
        "median_error_km": round(distances[len(distances) // 2], 1) if distances else None,
        "accuracy_at_161km_by_kind": {k: {"accuracy": round(a / n, 4), "mentions": n}
                                      for k, (a, n) in sorted(by_kind.items())},
        "misses": misses.most_common(),
        "false_places": false_places.most_common(),
        "far_resolutions": far.most_common(),
    }


def predict(articles: list[dict]) -> tuple[dict[str, list[dict]], float]:
    docs = {}
    for art in articles:
        docs[art["doc_id"]] = build_document(art["doc_id"], RawText(art["text"], {}, False), {},
                                             None)
    corpus = Corpus(GEOVIRUS.parent, docs)
    gaz = load_gazetteer()
    t = time.perf_counter()
    index = PlaceIndex.build(corpus, gaz)
    build_s = time.perf_counter() - t
    texts = {a["doc_id"]: a["text"] for a in articles}
    out: dict[str, list[dict]] = {}
    for fm in index.file_mentions(texts):
        place = gaz.places[fm.place]
        out.setdefault(fm.doc_id, []).append({
            "start": fm.start, "end": fm.end, "text": fm.text, "place": place.name,
            "kind": place.kind, "lat": place.lat, "lon": place.lon,
            "key": place.key, "country": place.country})
    return out, build_s


def score_seeds() -> dict[str, dict]:
    """Seed fixture precision/recall with the curated file and without it."""
    gaz = load_gazetteer()
    corpus = load_corpus(ROOT / "seeds")
    fixture = ROOT / "tests" / "fixtures" / "seed_places.json"
    out = {}
    for label, g in (("with_curated", gaz), ("without_curated", gaz.without_curated())):
        quality = score_fixture(PlaceIndex.build(corpus, g), fixture)
        out[label] = quality
        print(f"seeds {label}: precision {quality['precision']:.3f}, recall "
              f"{quality['recall']:.3f} ({quality['true_positives']}/{quality['predicted']} "
              f"predicted, {quality['labelled']} labelled)")
        for kind in ("false_positives", "false_negatives"):
            rows = Counter(tuple(r[2:]) for r in quality[kind])
            print(f"  {kind}: " + "; ".join(f"{p} ({c}) x{n}" for (p, c), n in
                                             rows.most_common()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    parser.add_argument("--misses", type=int, default=40, help="rows of each list to print")
    parser.add_argument("--seeds", action="store_true",
                        help="only score the seed fixture, with and without curated.toml")
    args = parser.parse_args()
    if args.seeds:
        write_results(ROOT / "benchmarks" / "results" / "seed_places.json",
                      {"machine": machine(), **score_seeds()})
        return 0
    if not GEOVIRUS.is_file():
        print(f"GeoVirus not found at {GEOVIRUS}")
        return 1
    articles = load_geovirus(GEOVIRUS)
    if args.limit:
        articles = articles[: args.limit]
    t = time.perf_counter()
    load_gazetteer()
    gaz_s = time.perf_counter() - t
    predictions, build_s = predict(articles)
    scores = evaluate(articles, predictions)
    o, e = scores["overlap"], scores["exact"]
    print(f"GeoVirus ({len(articles)} articles): overlap P {o['precision']:.3f} "
          f"R {o['recall']:.3f} F1 {o['f1']:.3f}; exact P {e['precision']:.3f} "
          f"R {e['recall']:.3f} F1 {e['f1']:.3f}; accuracy@161 km "
          f"{scores['accuracy_at_161km']:.3f} over {scores['resolved_mentions']} mentions "
          f"(median error {scores['median_error_km']} km)")
    halves = {}
    for half in (0, 1):  # stability: the same run scored on even and odd articles
        part = evaluate(articles[half::2], predictions)
        halves["even" if half == 0 else "odd"] = {k: part[k] for k in (
            "overlap", "accuracy_at_161km", "resolved_mentions", "accuracy_at_161km_by_kind")}
        print(f"  {'even' if half == 0 else 'odd'} articles: overlap F1 "
              f"{part['overlap']['f1']:.3f}, accuracy@161 {part['accuracy_at_161km']:.3f}")
    for kind, row in scores["accuracy_at_161km_by_kind"].items():
        print(f"  {kind:13s} accuracy@161 {row['accuracy']:.3f} ({row['mentions']})")
    for title, rows in (("misses", scores["misses"]), ("false places", scores["false_places"]),
                        ("resolved too far", scores["far_resolutions"])):
        print(f"-- {title} (by count) --")
        print("  " + "; ".join(f"{name} x{n}" for name, n in rows[: args.misses]))
    write_results(OUT, {"machine": machine(), "articles": len(articles),
                        "gazetteer_load_s": round(gaz_s, 3), "index_build_s": round(build_s, 3),
                        "halves": halves, **scores})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
