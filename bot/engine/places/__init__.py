"""Per-place briefings: gazetteer, mention extraction, the place index and offline maps."""

from bot.engine.places.briefing import (
    Briefing,
    DocumentRef,
    FigureItem,
    PlaceCount,
    PlaceInfo,
    PlacesListing,
    RelatedPlace,
)
from bot.engine.places.extract import Mention, PlaceExtractor
from bot.engine.places.gazetteer import Gazetteer, Place, load_gazetteer
from bot.engine.places.index import PlaceIndex
from bot.engine.places.normalise import name_key

__all__ = [
    "Briefing", "DocumentRef", "FigureItem", "Gazetteer", "Mention", "Place", "PlaceCount",
    "PlaceExtractor", "PlaceIndex", "PlaceInfo", "PlacesListing", "RelatedPlace",
    "load_gazetteer", "name_key",
]
