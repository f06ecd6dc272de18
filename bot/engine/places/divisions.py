"""Divisions news names that GeoNames splits (data/divisions.toml) added to the gazetteer.

GeoNames' second-level divisions of England and Wales are today's councils: Cheshire is
"Cheshire East" and "Cheshire West and Chester", Greater Manchester ten boroughs, Yorkshire
four counties and a city. News still names the whole ("a farm in Cheshire", "across Greater
Manchester", "a South Yorkshire company"), so each such division is entered as the list of
its GeoNames members and everything else is computed: its frame is the union of its
members' frames, its point that frame's middle, its people their sum; each member is
reparented under it, so "Crewe, Cheshire" finds Crewe inside Cheshire. A union of GeoNames
divisions is treated as one (source "geonames") by every rule that asks whether a
division holds towns. England's regions ("the North East", "the East Midlands") are entered
the same way over those counties, so a town is in its county and its region, and so are
Kenya's former provinces ("Nyanza", "the Rift Valley") over the counties GeoNames holds.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

from bot.engine.places.gazetteer import Gazetteer, Place, admin_names, slug, union_box
from bot.engine.places.normalise import fold

log = logging.getLogger(__name__)

DIVISIONS_PATH = Path(__file__).with_name("data") / "divisions.toml"


def add_divisions(gaz: Gazetteer, path: Path = DIVISIONS_PATH) -> None:
    """Each ``[[division]]`` of ``path`` as a district over its members (after GeoNames'
    divisions are in); a member may be a division entered earlier in the file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    by_name: dict[tuple[str, str], str] = {}
    for key, place in gaz.places.items():
        if place.kind in ("region", "district") and place.source == "geonames":
            for name in admin_names(place.name):
                by_name.setdefault((place.country, fold(name)), key)
    for entry in data.get("division", []):
        iso = entry["country"]
        members = [by_name.get((iso, fold(m))) for m in entry["members"]]
        missing = [m for m, k in zip(entry["members"], members, strict=True) if k is None]
        if missing:
            log.warning("division %s: members %s not in the gazetteer", entry["name"], missing)
        keys = [k for k in members if k is not None]
        if not keys:
            continue
        parents = {gaz.places[k].parent for k in keys}
        if len(parents) != 1:
            log.warning("division %s: members lie in %s", entry["name"], sorted(map(str, parents)))
        boxes = [gaz.extents[k] for k in keys if k in gaz.extents]
        if not boxes:
            continue
        box = union_box(boxes)
        key = f"div:{iso}:{slug(entry['name'])}"
        gaz.places[key] = Place(key, entry["name"], "district", iso, (box[0] + box[1]) / 2,
                                (box[2] + box[3]) / 2, gaz.places[keys[0]].parent,
                                sum(gaz.places[k].population for k in keys))
        gaz.extents[key] = box
        for k in keys:
            gaz.places[k] = gaz.places[k]._replace(parent=key)
        for alias in {entry["name"], *entry.get("aliases", [])}:
            gaz.add_alias(alias, key)
            by_name[(iso, fold(alias))] = key
