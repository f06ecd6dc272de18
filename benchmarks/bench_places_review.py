"""The top 50 of `/places` on the 417 BBC politics articles, against a hand review.

    python benchmarks/bench_places_review.py [--top 50]

Reads ../shared/bbc-news-summary/articles/politics. Every name in REVIEWED was read in its
sentences by hand and judged a real place mention (notes say how a name is used when it is
used for an institution, as "Westminster" for Parliament: the convention of the geoparsing
sets, which annotate names used for their government). A name in the top N that is not in
REVIEWED is printed as UNREVIEWED: read it before trusting the list. Writes
benchmarks/results/places_politics_top50.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import machine, write_results  # noqa: E402

from bot.corpus.loader import load_corpus  # noqa: E402
from bot.engine.places import PlaceIndex  # noqa: E402

POLITICS = ROOT.parent / "shared" / "bbc-news-summary" / "articles" / "politics"
OUT = ROOT / "benchmarks" / "results" / "places_politics_top50.json"

# name -> note ("" = a plain place mention); judged by reading the sentences.
REVIEWED: dict[str, str] = {
    "United Kingdom": "", "Iraq": "", "United States": "", "London": "", "Wales": "",
    "England": "", "Europe": "", "Scotland": "", "Africa": "",
    "City of Westminster": "mostly 'Westminster' for Parliament (metonymy, as GeoVirus counts)",
    "China": "", "Germany": "", "Turkey": "", "Northern Ireland": "", "France": "",
    "Manchester": "", "Blackpool": "party conference venue", "Edinburgh": "",
    "Naval Station Guantanamo Bay": "'Guantanamo Bay' (the camp's location)",
    "Australia": "", "Afghanistan": "", "Brighton": "party conference venue",
    "Gateshead": "party conference venue", "Birmingham": "", "Cardiff": "", "Pakistan": "",
    "India": "", "Indonesia": "", "Ireland": "", "Bournemouth": "",
    "Brussels": "mostly EU summits held there",
    "Liverpool": "", "Middle East": "", "Rome": "", "Swansea": "", "Cuba": "", "Russia": "",
    "Leicester": "", "Powys": "", "Tanzania": "", "Cyprus": "", "Japan": "",
    "Baghdad": "",
    "Canterbury": "the city / constituency ('Archbishop of Canterbury' is not counted)",
    "Myanmar": "", "South Africa": "", "Washington": "mostly the US government (metonymy)",
    "West Ham": "the London district / constituency", "Israel": "", "Spain": "", "Albania": "",
    "Kenya": "", "Egypt": "", "Iran": "", "Aceh": "", "Beijing": "", "Bethnal Green": "",
    "Brixton": "", "East Kilbride": "", "Guantánamo": "", "Madrid": "", "The Netherlands": "",
    "Zimbabwe": "",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=50)
    args = parser.parse_args()
    if not POLITICS.is_dir():
        print(f"BBC politics articles not found at {POLITICS}")
        return 1
    index = PlaceIndex.build(load_corpus(POLITICS))
    rows = index.places().places[: args.top]
    out = []
    unreviewed = 0
    for rank, row in enumerate(rows, 1):
        known = row.name in REVIEWED
        unreviewed += not known
        out.append({"rank": rank, "name": row.name, "kind": row.kind, "country": row.country,
                    "mentions": row.mentions, "with_places_inside": row.with_contained,
                    "documents": row.documents, "reviewed_real_place": known,
                    "note": REVIEWED.get(row.name, "UNREVIEWED")})
        print(f"{rank:3d} {row.mentions:5d} {row.name}"
              + ("" if known else "   <- UNREVIEWED") + (f"  ({REVIEWED[row.name]})"
                                                       if REVIEWED.get(row.name) else ""))
    print(f"{len(rows) - unreviewed}/{len(rows)} of the top {args.top} reviewed as real places")
    write_results(OUT, {"machine": machine(), "documents": len(index.corpus.documents),
                        "top": out, "unreviewed": unreviewed})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
