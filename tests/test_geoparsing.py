"""The world gazetteer, recognition in context, mention provenance and the counting rule."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from bot.corpus.loader import load_corpus
from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.places import PlaceIndex, load_gazetteer, ner
from bot.engine.places.evaluate import score_fixture
from bot.render.places import briefing_text, places_lines

ROOT = Path(__file__).resolve().parents[1]


def index_of(*docs: list[str]) -> PlaceIndex:
    documents = {}
    for n, texts in enumerate(docs):
        doc_id = f"d{n}"
        sents = [Sentence(t, doc_id, i) for i, t in enumerate(texts)]
        documents[doc_id] = Document(doc_id, f"Doc {n}", sents)
    return PlaceIndex.build(Corpus(Path("."), documents))


def found(index: PlaceIndex) -> dict[str, tuple[str, str]]:
    """mention text -> (place name, kind)"""
    return {m.text: (index.gaz.places[m.place].name, index.gaz.places[m.place].kind)
            for m in index.mentions}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_gazetteer_holds_divisions_abbreviations_and_containment() -> None:
    gaz = load_gazetteer()
    nsw = gaz.lookup("New South Wales")[0]
    assert (nsw.kind, nsw.country) == ("region", "AU")
    assert gaz.lookup("NSW")[0].key == nsw.key
    assert gaz.lookup("W.Va.")[0].name == "West Virginia"
    assert gaz.lookup("DRC")[0].key == "country:CD"
    assert gaz.lookup("Darfur")[0].country == "SD"
    # a country sits at its centre, not at its capital (Kenya's centre is ~200 km from Nairobi)
    kenya = gaz.lookup("Kenya")[0]
    assert km(kenya.lat, kenya.lon, 1.0, 38.0) < 100
    # town -> region -> country, and regions carry a bounding box for maps
    tal_afar = gaz.lookup("Tal Afar")[0]
    chain = gaz.ancestors(tal_afar.key)
    assert gaz.places[chain[0]].kind == "region" and chain[-1] == "country:IQ"
    assert nsw.key in gaz.extents
    # a state sits at its ISO 3166-2 centre, not at the middle of its (coastal) towns
    qld = gaz.lookup("Queensland")[0]
    assert km(qld.lat, qld.lon, -22.2, 144.6) < 50
    # country abbreviations are name forms of the gazetteer, not curated entries
    packaged = gaz.without_curated()
    for name, key in (("U.S.", "country:US"), ("USA", "country:US"), ("U.K.", "country:GB"),
                      ("UAE", "country:AE"), ("Calcutta", gaz.lookup("Kolkata")[0].key)):
        assert packaged.lookup(name)[0].key == key, name


def test_longest_match_hyphens_and_state_in_context() -> None:
    index = index_of(
        ["Floods hit New South Wales and New Mexico, while Guinea-Bissau was spared."],
        ["Officials in Atlanta said Georgia would close schools, as did Alabama."],
        ["Tbilisi said Georgia would talk to Russia."],
    )
    by_doc = {m.doc_id: [] for m in index.mentions}
    for m in index.mentions:
        place = index.gaz.places[m.place]
        by_doc[m.doc_id].append((m.text, place.name, place.kind, place.country))
    assert ("New South Wales", "New South Wales", "region", "AU") in by_doc["d0"]
    assert ("New Mexico", "New Mexico", "region", "US") in by_doc["d0"]
    assert ("Guinea-Bissau", "Guinea-Bissau", "country", "GW") in by_doc["d0"]
    assert not any(text in ("Wales", "Mexico", "Bissau") for text, *_ in by_doc["d0"])
    assert ("Georgia", "Georgia", "region", "US") in by_doc["d1"]
    assert ("Georgia", "Georgia", "country", "GE") in by_doc["d2"]


def test_written_as_a_division_and_generic_words() -> None:
    index = index_of(["The cow came from a Washington state farm, born in Canada."],
                     ["Officials in Washington said the talks would go on."],
                     ["Ferries to Plum Island and the Republic of Congo were cancelled."])
    got = {(m.doc_id, m.text): index.gaz.places[m.place] for m in index.mentions}
    assert got[("d0", "Washington")].kind == "region"
    assert got[("d1", "Washington")].kind == "city"
    assert not any(p.country == "IS" for p in got.values())  # "Island" is not Iceland
    assert got[("d2", "Republic of Congo")].key == "country:CG"


def test_names_that_are_not_places() -> None:
    index = index_of([
        "The fund lent US$5 million, Voice of America reported.",
        "Baroness Helena Kennedy spoke for the Chinese delegation.",
        "Three people caught the Marburg virus.",
    ])
    assert found(index) == {}
    assert index.demonyms[index.gaz.lookup("China")[0].key] == 1  # counts, not a mention


def test_small_town_needs_its_region_or_country_in_the_document() -> None:
    alone = index_of(["Campbell said the plan had failed."])
    assert found(alone) == {}
    beside = index_of(["Shelling hit Hawija and Kirkuk on Monday."])
    assert found(beside)["Hawija"] == ("Hawija", "city")


def test_seed_towns_found_without_the_curated_file() -> None:
    """The packaged data alone (curated places, aliases and phrases taken out) finds the
    seeds' towns and Mosul's halves and old city (derived for every large city), the Tigris
    and the Middle East (data/features.toml); only the al-Nuri mosque, a landmark, needs
    the curated file."""
    gaz = load_gazetteer().without_curated()
    assert not any(p.source == "curated" for p in gaz.places.values())
    index = PlaceIndex.build(load_corpus(ROOT / "seeds"), gaz)
    quality = score_fixture(index, ROOT / "tests" / "fixtures" / "seed_places.json")
    assert quality["precision"] >= 0.97 and quality["recall"] >= 0.97, quality
    names = {gaz.places[m.place].name for m in index.mentions}
    assert {"West Mosul", "East Mosul", "Old City of Mosul"} <= names
    points = {(round(gaz.places[m.place].lat, 1), round(gaz.places[m.place].lon, 1))
              for m in index.mentions}
    expected = {"Tal Afar": (36.38, 42.45), "Hawija": (35.33, 43.77),
                "Al-Qaim": (34.37, 41.09), "Kirkuk": (35.47, 44.39),
                "Raqqa": (35.95, 39.01), "Fallujah": (33.35, 43.78), "Mosul": (36.34, 43.13)}
    for name, (lat, lon) in expected.items():
        assert any(km(lat, lon, a, b) < 25 for a, b in points), name


def test_mentions_carry_offsets_into_the_file(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = ("Floods in Queensland\n\nHeavy rain hit “Brisbane” and Cairns in Queensland, "
            "Australia, on Monday.\n\nOfficials in Queensland said more rain was due.\n")
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    assert cli_main(["places", "--mentions", "--json", "--corpus", str(corpus)]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["mentions"]
    assert {r["text"] for r in rows} >= {"Brisbane", "Cairns", "Queensland", "Australia"}
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert set(r["place"]) == {"name", "kind", "country", "admin1", "lat", "lon"}
    cairns = next(r for r in rows if r["text"] == "Cairns")["place"]
    assert (cairns["country"], cairns["admin1"]) == ("Australia", "Queensland")
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


def test_counts_say_when_they_include_places_inside() -> None:
    index = index_of(["Queensland was flooded.", "Brisbane and Cairns were cut off.",
                      "Queensland asked for help."])
    row = next(p for p in index.places().places if p.name == "Queensland")
    assert (row.mentions, row.with_contained) == (2, 4)
    assert "2 mentions, 4 with places inside it" in places_lines(index.places())[0]
    briefing = index.brief("Queensland")
    assert (briefing.direct, briefing.mentions) == (2, 4)
    assert "2 mentions, 4 with places inside it" in briefing_text(briefing)


def test_alternate_name_query_says_what_it_shows() -> None:
    index = index_of(["Fighting in Mosul went on.", "Mosul was quiet."])
    assert index.brief("Mosel").note == "Showing Mosul for 'Mosel'"
    assert index.brief("Mosul").note == ""
    assert index.suggest("Mosu")[0] == "Mosul"


def test_entity_labels_come_from_another_process_and_are_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CACHE_DIR", str(tmp_path))
    sentence = "Helena Kennedy flew from Paris to Mosul."
    spans = ner.labels([sentence])[sentence]
    assert ner._pool is not None  # tagged in the worker process
    labels = {sentence[s:e]: label for s, e, label in spans}
    assert labels.get("Helena Kennedy") == "PERSON" and labels.get("Paris") == "GPE"

    def no_worker() -> None:
        raise AssertionError("cached labels must not be tagged again")

    monkeypatch.setattr(ner, "_executor", no_worker)
    assert ner.labels([sentence])[sentence] == spans
