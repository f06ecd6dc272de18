"""Resolution rules: world regions and features, qualifiers, lists, alternate names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.places import PlaceIndex, load_gazetteer
from bot.engine.places.gazetteer import Place

TEXTS = {
    "regions": "Talks on the Middle East, the Sahel and the Horn of Africa went on in the "
               "Balkans and the Caucasus, while boats crossed the Tigris river and the "
               "Mediterranean.",
    "inside": "Virgin Atlantic flew to Boston as Middle East respiratory syndrome spread.",
    "midland": "A Midland, Michigan newspaper office was shut.",
    "buffalo": "A girl from Buffalo, New York died of the flu.",
    "surrey": "Foot-and-mouth disease broke out in Surrey, UK last week.",
    "states": "Cases were found in Utah, Washington and Wyoming.",
    "countries": "Cholera hit Guinea, Liberia, Mali, Niger, and Senegal.",
    "capital": "Officials in Washington said the talks would go on.",
    "city of": "The city of Sao Paulo reported 327 deaths, Brazil said.",
    "alternate": "Flights from Nadi to Suva were cancelled, Fiji said.",
}


@pytest.fixture(scope="module")
def docs() -> dict[str, dict[str, Place]]:
    """Per text: mention text -> place, with the packaged gazetteer alone (the curated
    file left out). One index for all (each build starts an entity-tagging worker)."""
    gaz = load_gazetteer().without_curated()
    documents = {name: Document(name, name, [Sentence(text, name, 0)])
                 for name, text in TEXTS.items()}
    index = PlaceIndex.build(Corpus(Path("."), documents), gaz)
    out: dict[str, dict[str, Place]] = {name: {} for name in TEXTS}
    for m in index.mentions:
        out[m.doc_id][m.text] = gaz.places[m.place]
    return out


def test_regions_and_features_come_from_the_packaged_data(
        docs: dict[str, dict[str, Place]]) -> None:
    """Macro-regions never resolve to a namesake hamlet; each sits among its members."""
    doc = docs["regions"]
    middle_east = doc["Middle East"]
    assert (middle_east.kind, middle_east.country, middle_east.source) == (
        "region", "", "features")
    assert 20 < middle_east.lat < 38 and 30 < middle_east.lon < 55
    for text in ("the Sahel", "Horn of Africa", "the Balkans", "the Caucasus"):
        assert doc[text].kind == "region" and doc[text].source == "features", text
    assert (doc["Tigris river"].name, doc["Tigris river"].country) == ("Tigris", "IQ")
    assert doc["the Mediterranean"].kind == "sea"
    gaz = load_gazetteer()
    assert gaz.lookup("Middle East")[0].source == "features"
    sahel = gaz.lookup("Sahel")[0]
    lo_lat, hi_lat, lo_lon, hi_lon = gaz.extents[sahel.key]
    assert lo_lat < sahel.lat < hi_lat and lo_lon < sahel.lon < hi_lon


def test_feature_names_inside_longer_names_are_not_places(
        docs: dict[str, dict[str, Place]]) -> None:
    doc = docs["inside"]
    assert "Atlantic" not in doc and "Middle East" not in doc
    assert doc["Boston"].country == "US"


def test_a_comma_qualifier_fixes_both_names(docs: dict[str, dict[str, Place]]) -> None:
    assert (docs["midland"]["Midland"].country, docs["midland"]["Michigan"].kind) == (
        "US", "region")
    assert docs["buffalo"]["New York"].kind == "region"  # the state, not the city
    assert docs["buffalo"]["Buffalo"].country == "US"
    assert docs["surrey"]["Surrey"].country == "GB"


def test_names_in_a_list_are_of_one_kind(docs: dict[str, dict[str, Place]]) -> None:
    assert docs["states"]["Washington"].kind == "region"
    assert docs["countries"]["Niger"].key == "country:NE"
    assert docs["capital"]["Washington"].kind == "city"  # alone, still the capital


def test_the_text_naming_a_city_and_alternate_names(
        docs: dict[str, dict[str, Place]]) -> None:
    assert docs["city of"]["Sao Paulo"].kind == "city"
    assert docs["alternate"]["Nadi"].country == "FJ"  # not Na Di (its alternate name)
