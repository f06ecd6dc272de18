"""Which reference point for a country matches how GeoVirus places it (accuracy@161 km).

    pip install pygeolocate==1.0.11 hdx-python-country==4.2.5 geo-intel-offline==1.5.0 \
        countrystatecity-countries==2.0.1   # the candidates (none is a dependency)
    python benchmarks/bench_country_points.py

Runs the place index on GeoVirus (as bench_geoparsing.py does), keeps the mentions it
resolves to a country, and scores each candidate point for that country against the gold
coordinates (Wikipedia's), on the even articles (the development half), the odd ones and
all; and once per distinct (country, gold point), so that one frequent country (China: 50
mentions) does not decide the comparison. A missing package's row is left out.

Candidates, each a PyPI package's data (provenance and licence):
- countryinfo (the gazetteer's: the CIA World Factbook's point, the contiguous US at its
  geographic centre; MIT);
- countrystatecity-countries 2.0.1 (dr5hn's countries-states-cities database, ODbL);
- pygeolocate 1.0.11 (Google's DSPL canonical countries.csv; code MIT);
- hdx-python-country 4.2.5 (OCHA's Countries & Territories Taxonomy, its Latitude and
  Longitude columns; MIT; pulls in frictionless, openpyxl and more);
- geo-intel-offline 1.5.0 (Natural Earth 10m country polygons: their area centroid; MIT);
- the coordinate-wise median of countryinfo, pygeolocate and hdx-python-country.

Writes benchmarks/results/country_points.json.
"""

from __future__ import annotations

import csv
import gzip
import json
import statistics
import sys
from collections.abc import Callable
from importlib import resources
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _machine import machine, write_results  # noqa: E402
from bench_geoparsing import GEOVIRUS, KM, _match, load_geovirus, predict  # noqa: E402

from bot.engine.places.maps import distance_km  # noqa: E402

OUT = ROOT / "benchmarks" / "results" / "country_points.json"
Point = tuple[float, float]


def _dspl() -> dict[str, Point]:
    from pygeolocate import countries_csv

    text = next(v for v in vars(countries_csv).values() if isinstance(v, str) and "\nCN," in v)
    out = {}
    for line in text.splitlines():
        parts = line.split(",")
        if len(parts) >= 4 and len(parts[0]) == 2:
            try:
                out[parts[0]] = (float(parts[1]), float(parts[2]))
            except ValueError:
                continue
    return out


def _hdx() -> dict[str, Point]:
    name = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
    rows = list(csv.reader(resources.files("hdx.location").joinpath(name).open(
        encoding="utf-8")))
    head = rows[0]
    iso, lat, lon = (head.index(c) for c in ("ISO 3166-1 Alpha 2-Codes", "Latitude",
                                             "Longitude"))
    out = {}
    for row in rows[1:]:
        try:
            out[row[iso]] = (float(row[lat]), float(row[lon]))
        except ValueError:
            continue
    return out


def _csc() -> dict[str, Point]:
    data = json.loads(resources.files("countrystatecity_countries").joinpath(
        "data", "countries.json").read_text(encoding="utf-8"))
    return {c["iso2"]: (float(c["latitude"]), float(c["longitude"]))
            for c in data if c.get("latitude")}


def _polygons() -> dict[str, Point]:
    root = resources.files("geo_intel_offline").joinpath("data")
    with root.joinpath("metadata.json.gz").open("rb") as fh:
        meta = json.loads(gzip.decompress(fh.read()))
    with root.joinpath("polygons.json.gz").open("rb") as fh:
        polys = json.loads(gzip.decompress(fh.read()))
    out = {}
    for key, poly in polys.items():
        area = x = y = 0.0
        for ring in poly.get("exteriors") or [poly["exterior"]]:
            for (y0, x0), (y1, x1) in pairwise(ring):
                c = x0 * y1 - x1 * y0
                area, x, y = area + c, x + (x0 + x1) * c, y + (y0 + y1) * c
        if area:
            out[meta[key]["iso2"]] = (y / (3 * area), x / (3 * area))
    return out


def sources() -> dict[str, Callable[[str, Point], Point]]:
    out: dict[str, Callable[[str, Point], Point]] = {"countryinfo": lambda iso, own: own}
    tables: dict[str, dict[str, Point]] = {}
    for label, load in (("countrystatecity", _csc), ("pygeolocate_dspl", _dspl),
                        ("hdx_ocha", _hdx), ("natural_earth_polygon", _polygons)):
        try:
            tables[label] = load()
        except (ImportError, ModuleNotFoundError, FileNotFoundError) as exc:
            print(f"{label}: not installed ({exc})")
            continue
        out[label] = lambda iso, own, t=tables[label]: t.get(iso, own)
    if "pygeolocate_dspl" in tables and "hdx_ocha" in tables:
        dspl, hdx = tables["pygeolocate_dspl"], tables["hdx_ocha"]

        def median(iso: str, own: Point) -> Point:
            pts = [own, *(t[iso] for t in (dspl, hdx) if iso in t)]
            return (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))

        out["median_countryinfo_dspl_hdx"] = median
    return out


def main() -> int:
    if not GEOVIRUS.is_file():
        print(f"GeoVirus not found at {GEOVIRUS}")
        return 1
    articles = load_geovirus(GEOVIRUS)
    predictions, _ = predict(articles)
    candidates = sources()
    results: dict[str, dict] = {}
    for half, part in (("even", articles[0::2]), ("odd", articles[1::2]), ("all", articles)):
        mentions: list[tuple[str, Point, Point]] = []
        for art in part:
            for p, g in _match(predictions.get(art["doc_id"], []), art["gold"], False):
                if p["kind"] == "country":
                    mentions.append((p["country"], (p["lat"], p["lon"]), (g["lat"], g["lon"])))
        distinct = {(iso, gold): own for iso, own, gold in mentions}
        row: dict[str, dict] = {}
        for label, point in candidates.items():
            hits = sum(distance_km(*point(iso, own), *gold) <= KM for iso, own, gold in mentions)
            kinds = sum(distance_km(*point(iso, own), *gold) <= KM
                        for (iso, gold), own in distinct.items())
            row[label] = {"mentions": round(hits / len(mentions), 3),
                          "distinct_countries": f"{kinds}/{len(distinct)}"}
        results[half] = {"country_mentions": len(mentions), "by_source": row}
        print(f"{half} ({len(mentions)} country mentions, {len(distinct)} distinct):")
        for label, r in row.items():
            print(f"  {label:30s} accuracy@161 {r['mentions']:.3f}  distinct "
                  f"{r['distinct_countries']}")
    write_results(OUT, {"machine": machine(), **results})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
