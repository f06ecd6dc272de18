"""Place extraction, resolution and briefings on the seeds and tiny inline corpora."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.corpus.loader import load_corpus
from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.errors import EngineInputError
from bot.engine.figures import extract_figures
from bot.engine.places import PlaceIndex, load_gazetteer, name_key
from bot.engine.places.evaluate import score_fixture

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "seed_places.json"


@pytest.fixture(scope="module")
def seeds_index() -> PlaceIndex:
    return PlaceIndex.build(load_corpus(ROOT / "seeds"))


def figure_labels(text: str) -> list[str]:
    """The labels of every key figure ``extract_figures`` finds in ``text``."""
    from bot.engine.figures import extract_figures

    return [f.label for f in extract_figures(text)]


def inline_index(*docs: list[str]) -> PlaceIndex:
    documents = {}
    for n, texts in enumerate(docs):
        doc_id = f"d{n}"
        sents = [Sentence(t, doc_id, i) for i, t in enumerate(texts)]
        documents[doc_id] = Document(doc_id, f"Doc {n}", sents, source=f"Outlet {n}")
    return PlaceIndex.build(Corpus(Path("."), documents))


def names(index: PlaceIndex) -> dict[str, int]:
    return {p.name: p.mentions for p in index.places().places}


def test_seed_fixture_precision_and_recall(seeds_index: PlaceIndex) -> None:
    score = score_fixture(seeds_index, FIXTURE)
    assert score["labelled"] == len(json.loads(FIXTURE.read_text())["mentions"])
    assert score["precision"] >= 0.97, score["false_positives"]
    assert score["recall"] >= 0.97, score["false_negatives"]


@pytest.mark.parametrize(("spelling", "name", "country"), [
    ("Tal Afar", "Tal Afar", "IQ"), ("Tall Afar", "Tal Afar", "IQ"),
    ("Tall 'Afar", "Tal Afar", "IQ"), ("Tall ‘Afar", "Tal Afar", "IQ"),
    ("Raqqa", "Raqqa", "SY"), ("Ar Raqqah", "Raqqa", "SY"), ("ar-Raqqah", "Raqqa", "SY"),
    ("Fallujah", "Fallujah", "IQ"), ("Falluja", "Fallujah", "IQ"),
    ("Al Fallujah", "Fallujah", "IQ"), ("Al-Qa'im", "Al-Qaim", "IQ"),
    ("Al-Qa’im", "Al-Qaim", "IQ"), ("Al Qaim", "Al-Qaim", "IQ"), ("AL QAIM", "Al-Qaim", "IQ"),
])
def test_every_spelling_resolves_to_the_same_place(spelling: str, name: str,
                                                   country: str) -> None:
    best = load_gazetteer().lookup(spelling)[0]
    assert (best.name, best.country) == (name, country)


@pytest.mark.parametrize("spelling", ["Tall Afar", "Ar Raqqah", "Falluja", "Al Qaim"])
def test_variant_spellings_in_text_are_found(spelling: str) -> None:
    index = inline_index([f"Fighting continued in {spelling} on Monday, officials said."])
    canonical = load_gazetteer().lookup(spelling)[0].name
    assert names(index) == {canonical: 1}


def test_normaliser_folds_apostrophes_hyphens_and_articles() -> None:
    assert name_key("Tall ‘Afar") == name_key("Tall `Afar") == name_key("tall 'afar")
    assert name_key("al-Nuri") == name_key("Al Nuri") == "nuri"
    assert name_key("Ar Raqqah") == name_key("raqqa")


def test_organisations_and_ordinary_words_are_not_places() -> None:
    index = inline_index([
        "The city was taken by ISIS (Islamic State of Iraq and Syria) in 2014.",
        "The Daily Caller News Foundation reported the story.",
        "Its propaganda inspired attacks in Western countries.",
        "The Washington Post and the United Nations said so.",
    ])
    assert names(index) == {}


def test_peers_titles_oil_benchmarks_and_firms_are_not_places() -> None:
    """news_claim_heldout37 (session 16): the BBC set's place index listed Birkenhead for
    "Lord Nicholls of Birkenhead", Brent for Brent crude and Young for Ernst & Young; the
    places themselves are still found."""
    index = inline_index([
        "Lord Nicholls of Birkenhead said the law was incompatible with human rights.",
        "Brent crude rose to $50 a barrel.",
        "Ernst & Young audited the accounts, as Young & Rubicam did the adverts.",
        "Floods hit Birkenhead on Monday, and the borough of Brent voted to help.",
    ])
    assert names(index) == {"Birkenhead": 1, "Brent": 1}


def test_a_common_word_opening_a_sentence_is_no_town_or_district() -> None:
    """The BBC set's place index listed "Young" (a town and a district of New South Wales,
    a town in Uruguay) for five sentences opening "Young people ..."; the rule for common
    words opening a sentence asked only of names whose every meaning is a town."""
    index = inline_index(["Young people are particularly hard hit, with 37% out of work.",
                          "The economy of Gaza and the West Bank shrank again."],
                         ["Turnout among young voters fell, and many young families left."])
    assert names(index) == {"Gaza": 1, "West Bank": 1}
    # the town itself is still found where it is written as a place
    assert names(inline_index(["Floods hit Young, New South Wales, on Monday."])) == {
        "Young": 1, "New South Wales": 1}


def test_demonyms_count_toward_relevance_but_are_not_mentions() -> None:
    index = inline_index(["Iraqi forces advanced.", "Iraqi troops were seen dancing."])
    iraq = load_gazetteer().lookup("Iraq")[0].key
    assert names(index) == {}
    assert index.demonyms[iraq] == 2
    assert index.relevance(iraq) > 0


def test_district_needs_its_city_in_the_document() -> None:
    alone = inline_index(["Tourists walked through the Old City at dusk."])
    assert "Old City of Mosul" not in names(alone)
    with_city = inline_index(["Mosul is in ruins.", "Fighting raged in the Old City."])
    assert names(with_city)["Old City of Mosul"] == 1


def test_context_picks_the_consistent_candidate() -> None:
    index = inline_index(["Mosul fell.", "Hawija was a staging point for attacks on Kirkuk."])
    kirkuk = [p for p in index.places().places if p.name == "Kirkuk"]
    assert kirkuk and kirkuk[0].country == "IQ"


def test_city_briefing_covers_its_districts(seeds_index: PlaceIndex) -> None:
    briefing = seeds_index.brief("Mosul", sentences=10)
    direct = len(seeds_index.by_place[seeds_index.resolve("Mosul").key])
    assert briefing.mentions > direct  # Old City, West/East Mosul, al-Nuri add to Mosul
    relations = {r.name: r.relation for r in briefing.related}
    assert relations["Old City of Mosul"] == "child"
    parent = next(r for r in briefing.related if r.relation == "parent")
    assert seeds_index.gaz.places[parent.key].kind == "region"  # Nineveh governorate
    assert seeds_index.gaz.places[parent.key].country == "IQ"
    assert "country:IQ" in seeds_index.gaz.ancestors(briefing.place.key)
    scope = seeds_index.scope(briefing.place.key)
    rows = {(m.doc_id, m.position) for m in seeds_index.mentions if m.place in scope}
    assert all((s.doc_id, s.position) in rows for s in briefing.sentences)
    assert len({s.text for s in briefing.sentences}) == len(briefing.sentences)


def test_briefing_contract(seeds_index: PlaceIndex) -> None:
    data = seeds_index.brief("Ar Raqqah").to_dict()
    assert set(data) == {"place", "mentions", "documents", "sentences", "figures", "related"}
    assert set(data["place"]) == {"name", "country", "lat", "lon", "kind", "parent"}
    assert data["place"]["name"] == "Raqqa" and data["place"]["country"] == "Syria"
    assert data["mentions"] == 3
    assert all(set(d) == {"doc_id", "title", "source"} for d in data["documents"])
    assert all(set(r) == {"name", "count"} for r in data["related"])
    assert all("Raqqa" in s["text"] for s in data["sentences"])


def test_briefing_names_every_source_document_as_every_answer_does(
        seeds_index: PlaceIndex) -> None:
    """The seed with no title was listed by its hash ("003_e2bfb13aa5e2df8e"): a briefing
    names a document by its title, else "(untitled)" and its first words."""
    docs = seeds_index.brief("Mosul").documents
    assert len(docs) == 5
    assert all(d.title and d.title != d.doc_id for d in docs)
    assert any(d.title.startswith("(untitled) ") for d in docs)


def test_briefing_figures_come_from_place_sentences(seeds_index: PlaceIndex) -> None:
    figures = {f.text: f.value for f in seeds_index.brief("Mosul").figures}
    assert figures.get("Up to 300 ISIS fighters") == 300
    assert figures.get("over 500,000 residents") == 500_000


def test_a_brief_shows_no_figure_given_for_another_place() -> None:
    """A sentence listing a figure per place names every place of the list: Northern
    Ireland's brief showed England's house price as one of its key figures."""
    index = inline_index([
        "The ODPM data showed the average house price was £192,713 in England; £139,544 "
        "in Wales; £116,542 in Scotland, and £111,314 in Northern Ireland.",
        "Falling cigarette sales of 13% in New York and 16% in Ireland were reported."],
        ["The buyout saw the closure of 12 stores around Australia and the retention of 23 "
         "others in South Australia, Victoria and Tasmania.",
         "President Assad keeps 30,000 troops in Lebanon, Syria's neighbour."])
    ni = {f.text: f.label for f in index.brief("Northern Ireland").figures}
    assert ni == {"£111,314": "£111,314 in Northern Ireland (Outlet 0)"}
    england = {f.text: f.label for f in index.brief("England").figures}
    assert england == {"£192,713": "the average house price was £192,713 in England "
                                   "(Outlet 0)"}
    # the United Kingdom holds them all; a figure given for nobody stays in every brief
    assert len(index.brief("United Kingdom").figures) == 4
    assert [f.label for f in index.brief("Ireland").figures] == ["16% in Ireland (Outlet 0)"]
    # a figure keeps the places it is given for, a list of them too
    assert [f.label for f in index.brief("Tasmania").figures] == [
        "12 stores (Outlet 1)", "23 others in South Australia, Victoria and Tasmania (Outlet 1)"]
    assert [f.label for f in index.brief("Syria").figures] == [
        "30,000 troops in Lebanon (Outlet 1)"]


def test_a_brief_shows_no_figure_of_what_the_place_is_compared_with() -> None:
    """BBC business/256: "The advance, the second-fastest in Asia after China, was led by
    growth of 13.1% in the key manufacturing sector" (Singapore's) was a key figure of
    China's brief. A sentence that names the place only to compare something with it gives
    none of its figures; one that gives a figure for it still does."""
    index = inline_index([
        "The advance, the second-fastest in Asia after China, was led by growth of 13.1% in "
        "the key manufacturing sector.",
        "Exports from Japan rose faster than those from China, up 1,200 containers.",
        "The US deficit with China was $19.6bn in November, down from $19.7bn."], [])
    assert [f.text for f in index.brief("China").figures] == ["$19.6bn"]
    assert [f.text for f in index.brief("Japan").figures] == ["1,200 containers"]


def test_a_brief_shows_no_share_or_amount_without_words_for_it() -> None:
    """BBC briefs showed "9.1%" (China: "well above 2003's 9.1%"), "2.8%" and "$1.2974" as
    key figures: a share or an amount that nothing in its sentence says is what, and that is
    given for no place, tells a reader nothing. The brief leaves it out and shows the next
    figure that says what it is, the same figure too where a later sentence names it."""
    index = inline_index([
        "China's economy grew faster than predicted in 2004, well above 2003's 9.1%.",
        "China's exports rose 35% last year, the customs office in Beijing said.",
        "China's economy grew by 9.1% in 2003."])
    assert [f.label for f in index.brief("China").figures] == [
        "China's exports rose 35% (Outlet 0)", "China's economy grew by 9.1% (Outlet 0)"]


def test_places_listing_is_ranked_by_mentions(seeds_index: PlaceIndex) -> None:
    rows = seeds_index.places().to_dict()["places"]
    assert rows[0]["name"] == "Mosul"
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    assert all(set(r) == {"name", "mentions", "documents"} for r in rows)
    choices = seeds_index.autocomplete("")
    assert choices[0] == "Mosul" and len(choices) <= 25
    assert seeds_index.autocomplete("raq")[:2] == ["Raqqa", "Iraq"]


def test_unknown_place_gets_close_matches(seeds_index: PlaceIndex) -> None:
    with pytest.raises(EngineInputError) as err:
        seeds_index.brief("Mosull")
    assert err.value.extra["suggestions"][0] == "Mosul"
    assert seeds_index.resolve("Mosel").name == "Mosul"  # a GeoNames spelling of Mosul
    # far-off places are offered only when the whole name is close, not a partial match
    with pytest.raises(EngineInputError) as err:
        seeds_index.brief("Tal Afer")
    assert err.value.extra["suggestions"] == ["Tal Afar"]
    with pytest.raises(EngineInputError) as err:
        seeds_index.brief("Pariss")
    assert err.value.extra["suggestions"] == ["Paris"]


def test_known_place_the_corpus_never_mentions(seeds_index: PlaceIndex) -> None:
    with pytest.raises(EngineInputError) as err:
        seeds_index.brief("Paris")
    assert "no document in the corpus mentions it" in str(err.value)
    assert err.value.extra["place"]["country"] == "France"


def test_figures_keep_their_context() -> None:
    found = {f.text: (f.value, f.unit) for f in extract_figures(
        "Up to 300 ISIS fighters remain; 50,000+ people fled in June 2014 and "
        "as many as 1.5 million people lived there; profits rose 12% to £1.2bn.")}
    assert found["Up to 300 ISIS fighters"] == (300, "ISIS fighters")
    assert found["50,000+ people"] == (50_000, "people")
    assert found["as many as 1.5 million people"] == (1_500_000, "people")
    assert found["12%"] == (12, "%")
    assert found["£1.2bn"] == (1.2e9, "£")
    assert not any("2014" in t for t in found)


def test_a_number_in_a_name_is_no_figure() -> None:
    """BBC and Lee briefs showed "7 meeting taking place in London" (the G7), "16
    fighter-bombers blasted security" (F-16s), "11 protection in Houston" (Chapter 11),
    "24 Ore" (Il Sole 24 Ore) and "3D-like quality" as key figures."""
    for text in ["India was invited to the G7 meeting taking place in London.",
                 "Apache helicopters and F-16 fighter-bombers blasted security targets.",
                 "Yukos filed for Chapter 11 protection in Houston.",
                 "According to Il Sole 24 Ore, the plan is ready.",
                 "This offers incredible 3D-like quality of pictures."]:
        assert extract_figures(text) == [], text
    assert [f.value for f in extract_figures("The FTSE 100 index closed 15 points up.")] == [15]
    # counts beside names stay: a hedge, a scale, a possessive or a unit says so
    for text, figure in [("analysts Gartner More than 167 million handsets were sold",
                          "More than 167 million handsets"),
                         ("the courts awarded Varig 2bn reais", "2bn reais"),
                         ("like many of the UK's 70,000 BSL users", "70,000 BSL users"),
                         ("all but 92 of the Lords' 750 hereditary peers", "750 hereditary peers"),
                         ("speeds of up to 40Mbps", "up to 40Mbps"),
                         ("It cut A$68m from profit targets.", "$68m")]:
        assert figure in [f.text for f in extract_figures(text)], text


def test_a_range_is_one_figure_with_both_bounds():
    # "300 people killed" where the text says between 30 and 40, or 200 and 300, states
    # the upper bound as the count: the bare lower bound counts nothing and joins it
    labels = figure_labels

    assert labels("Bishop Belo said that between 30 and 40 people were reportedly "
                  "killed near Same.") == ["between 30 and 40 people killed"]
    assert labels("The United States has a total of 1,500 to 2,000 troops on the "
                  "ground.") == ["1,500 to 2,000 troops"]
    assert labels("Some 200,000-300,000 people fled.") == ["Some 200,000-300,000 people fled"]
    assert labels("between 10 and 15 percent of voters") == ["between 10 and 15 percent"]
    # no range: two figures with their own units, a duration, a score of years
    assert labels("Unemployment fell from 5.2% to 4.8% last year.") == ["5.2%", "4.8%"]
    assert labels("It paid between $2 and $3 a day.") == ["$2", "$3"]
    assert labels("Those aged 18 to 24 years voted.") == []
    # the upper end of a bare range bounds no other figure ("24 and 31%" was one)
    assert labels("Support stood at 22% among those aged 18-24 and 31% among the "
                  "rest.") == ["22%", "31%"]


def test_a_decade_or_an_age_band_is_no_figure() -> None:
    """Briefs listed "65s", "80s" and "10s" as key figures ("Among the over-65s, 70% said",
    "the cheesy 80s setting", "in their 30s"): a number with a bare "s" glued on names a
    decade or an age band, and counts nothing."""
    labels = figure_labels

    assert labels("Among the over-65s, 70% said they would vote.") == ["70%"]
    assert labels("Prices rose in the late '80s and into the '90s.") == []
    assert labels("He was an activist by his 20s.") == []
    assert labels("A film set in the 80s sold 2 million copies.") == ["2 million copies"]


def test_a_number_glued_to_a_name_or_after_a_slash_is_no_figure() -> None:
    """"security firm 3ami" gave the figure "3ami", "the 2006/07 season" "07 season" and
    "the 9/11 attacks" "11 attacks" (BBC tech/079, business/271, business/383): letters
    glued to a number count only when they are a unit ("3km", "50pc"); after a slash the
    number is part of a fraction, a season or a date."""
    labels = figure_labels

    assert labels("The security firm 3ami has 40 engineers.") == ["40 engineers"]
    assert labels("Since the 9/11 attacks, 12 airlines have gone.") == ["12 airlines"]
    assert labels("The 2006/07 season starts with an 802.11b network.") == []
    assert labels("The road is 3km long and the tax is 50pc.") == ["3km long", "50pc"]
    assert labels("Sales rose 10percent.") == ["10percent"]  # a share, glued
    # a unit the capital-letter rule knows is a unit here too ("3D" is a name, "5GWh" not)
    assert labels("The plant makes 5GWh and hums at 100kHz.") == ["5GWh", "100kHz"]


def test_a_clock_time_is_no_figure_and_a_name_plural_ends_the_count() -> None:
    """"2243 GMT" was a key figure five times in one DUC cluster (d31022t), "Some 83 MPs
    gave" and "more than 100 Kurds began" carried the verb after the counted people (BBC
    politics/008, DUC d30044t), and "about 300 U.S. companies" was cut to "about 300 U"
    (d30008t). A time with its zone counts nothing; a capitalised plural followed by a
    lower-case word ends what is counted, unless that word is the plural noun ("3,000 Hamas
    supporters"); a dotted abbreviation is one word, and "A.D." dates a year."""
    labels = figure_labels

    assert labels("The quake struck at 2243 GMT, and 12 towns lost power.") == [
        "12 towns lost"]
    assert labels("Some 83 MPs gave answers.") == ["Some 83 MPs"]
    assert labels("More than 100 Kurds began a hunger strike.") == ["More than 100 Kurds"]
    assert labels("About 3,000 Hamas supporters came.") == ["About 3,000 Hamas supporters"]
    assert labels("It groups about 300 U.S. companies in Asia.") == [
        "about 300 U.S. companies"]
    assert labels("The wall was built in 190 A.D. by the Romans.") == []


def test_the_end_of_a_span_of_years_is_no_figure() -> None:
    """"during the 1973-90 dictatorship" gave the key figure "90 dictatorship" of Chile
    (DUC d30003t), "the 1975-90 civil war" "90 civil war" six times in d31043t and "the
    1994-95 season" "95 season": two digits after a year and a dash end a span of years.
    A range of counts still counts ("1,500-2,000 people"), and so does a later figure."""
    labels = figure_labels

    assert labels("Three were killed during the 1973-90 dictatorship.") == []
    assert labels("It recovers from the 1975–90 civil war with 40 new banks.") == [
        "40 new banks"]
    assert labels("Games were lost in the 1994-95 season.") == []
    assert labels("About 1,500-2,000 people died.") == ["About 1,500-2,000 people died"]


def test_a_score_a_span_of_days_and_a_calibre_are_no_figures() -> None:
    """"rejected in a 2-1 decision" (BBC business/010, /104, /291), "a 3-0 victory" and "an
    unbeatable 2-0 lead" (Lee) were counts of decisions, victories and leads; "during the
    Nov. 12-18 APEC meetings" gave "18 APEC meetings" (DUC d30008t), ".22 calibre rifle" a
    count of rifles and "23 hrs straight" a count of hours. A falling "range" is a score,
    a vote or a ratio; the end of a span of days is a date; a number after a lone dot is
    no count; "hrs" is a duration. Rising ranges and later figures still count."""
    labels = figure_labels

    assert labels("The appeal was rejected in a 2-1 decision by 3 judges.") == ["3 judges"]
    assert labels("It won a 3-0 victory and a 60–40 share of 12 titles.") == ["12 titles"]
    assert labels("During the Nov. 12-18 APEC meetings, 40 aides came.") == ["40 aides"]
    assert labels("It sits on a rig with a .22 calibre rifle.") == []
    assert labels("The longest period I played was 23 hrs straight.") == []
    assert labels("Some 30-40 enterprises bid.") == ["Some 30-40 enterprises"]
    # a spaced dash after a date is no span: the count after it stands
    assert labels("On June 3 - 400 people died.") == ["400 people died"]


def test_a_ranking_a_share_s_base_and_a_word_that_is_no_noun_count_nothing() -> None:
    """Key-figure labels on the seeds, BBC, DUC and Lee read "100 list" ("an all-time top
    100 list of gadgets"), "10 US adults" ("One in 10 US adults"), "10 voters" ("Eight out
    of 10 do not trust"), "6 budget" ("the 2005-6 budget"), "1535 because", "105.17
    earlier", "233 through" and "14% compared": a ranking, the base of a share, the end of
    a span of years and a word that ends a noun phrase count nothing. Counts beside them
    stand, and a share's base with a scale still counts ("117 million out of 833 million
    handsets")."""
    labels = figure_labels

    assert labels("It compiled a top 100 list of gadgets sold by 40 shops.") == ["40 shops"]
    assert labels("One in 10 US adults, or 22 million people, have no access.") == [
        "22 million people"]
    assert labels("Eight out of 10 voters do not trust 12 parties.") == ["12 parties"]
    assert labels("He raised the 2005-6 budget and hired 300 nurses.") == ["300 nurses hired"]
    assert labels("He was executed for treason in 1535 because of his beliefs.") == []
    assert labels("It hit a low of 105.17 earlier in the day.") == []
    assert labels("Inflation could climb to 14% compared to 9%.") == ["14%", "9%"]
    assert labels("It will reach 117 million out of 833 million handsets shipped.")[-1] \
        == "833 million handsets shipped"
    # "top" as a verb before money, and a count with no ranking before it, still count
    assert labels("Sales should top $35 billion as 200 stores open.") == [
        "$35 billion", "200 stores"]
    # nor is "top" the verb a ranking, or a count before "in" a share's numerator
    assert labels("Sales could top 400 stores soon.") == ["400 stores"]
    assert labels("Police arrested 12 in 3 raids.") == ["3 raids"]


def test_a_number_that_names_a_thing_or_a_level_counts_nothing() -> None:
    """Key-figure labels of the BBC set read "777 plane" ("unveiled its new long-distance
    777 plane"), "18 certificate" ("GTA San Andreas has an 18 certificate"), "25,000 mark"
    ("rise above the 25,000 mark"), "6 figure salary" and "12 year-old girl": a number after
    an article or a possessive, before a singular noun, names a model, a rating or a level.
    A count's noun is plural ("a further 70 aircraft", "the 17 people found guilty"), a
    measure's unit keeps its figure ("a 30GB version", "a 9.0 magnitude earthquake") and
    a verb or a preposition between is no description ("the unit is 18 feet long")."""
    labels = figure_labels

    for text in ("Boeing has unveiled its new long-distance 777 plane.",
                 "GTA San Andreas has an 18 certificate.",
                 "The index will rise above the 25,000 mark for the first time.",
                 "I now earn a 6 figure salary.",
                 "The face is that of a 12 year-old girl, whose parents died.",
                 # after a name's possessive too (BBC business/069)
                 "It has been producing a rival to Boeing's 777 line for a year."):
        assert labels(text) == [], text
    assert labels("Ryanair has an option for a further 70 aircraft.") == ["70 aircraft"]
    assert labels("The UK's 70,000 BSL users want a say.") == ["70,000 BSL users"]
    assert labels("Of the 17 people found guilty, most were British.") == [
        "17 people found guilty"]
    assert labels("A 30GB version and a 9.0 magnitude earthquake.") == [
        "30GB version", "9.0 magnitude earthquake"]
    assert labels("The unit is 18 feet long.") == ["18 feet long"]
    assert labels("There were 25,000 dead and an estimated 400 people inside.") == [
        "25,000 dead", "an estimated 400 people inside"]


def test_a_name_opening_a_sentence_before_a_number_counts_nothing() -> None:
    """"Halo 2 won the best Xbox game category" and "Commodore 64 enthusiasts have written
    emulators" (BBC tech/057, 128) were counts of "won" and of enthusiasts: a number after
    a capitalised word is a name's ("Chapter 11"), and so after the sentence's first word
    unless that is a word any sentence may open with ("All 540 detainees", "However 60%")."""
    labels = figure_labels

    assert labels("Halo 2 won the best Xbox game category.") == []
    assert labels("Commodore 64 enthusiasts have written emulators for 300 games.") == [
        "300 games"]
    assert labels("All 540 detainees on Christmas Island are safe.") == ["540 detainees"]
    assert labels("Some 300 people fled.") == ["Some 300 people fled"]
    assert labels("\u201cHalo 2 sold 2.4 million copies,\u201d he said.") == [
        "2.4 million copies"]


def test_a_count_s_noun_after_and_is_its_noun() -> None:
    """"facing trial on 10 sexual misconduct and corruption charges" (DUC d30011t) read
    "10 sexual misconduct", "More than 2,000 business and political leaders" (BBC
    business/487) "2,000 business", "UK Coal operates 15 deep and surface mines" "15
    deep": the noun phrase stopped at "and", before the noun it counts. Counts of two
    things stay two ("12 fours and four sixes")."""
    labels = figure_labels

    assert labels("He faces trial on 10 sexual misconduct and corruption charges.") == [
        "10 sexual misconduct and corruption charges"]
    assert labels("More than 2,000 business and political leaders will attend.") == [
        "More than 2,000 business and political leaders"]
    assert labels("UK Coal operates 15 deep and surface mines.") == [
        "15 deep and surface mines"]
    assert labels("He hit 12 fours and four sixes.") == ["12 fours"]
    assert labels("Some 300 people and their families fled.")[0] == "Some 300 people"


def test_a_distance_that_says_where_something_is_counts_nothing() -> None:
    """DUC place briefs listed "40 kilometers" and "100 kilometers" as key figures of East
    Timor ("the villages of Alas and Same, 40 kilometers (25 miles) southeast of Dili"),
    "some 2,000 kilometers" of Indonesia and "about 40 kilometers" of Chechnya: a distance
    before a direction, "from", "away" or "above" places a thing and tells a reader
    nothing alone. A length stays ("measuring about 77 feet from end to end")."""
    labels = figure_labels

    for text, distance in (
            ("Troops raided the villages of Alas and Same, 40 kilometers (25 miles) "
             "southeast of Dili.", "40 kilometers"),
            ("The half-island territory lies some 2,000 kilometers (1,200 miles) "
             "southeast of Jakarta.", "some 2,000 kilometers"),
            ("The plant is about 20 miles from Lille.", "about 20 miles"),
            ("The modules orbit 240 miles above the Earth.", "240 miles")):
        assert not any(label.startswith(distance) for label in labels(text)), text
    assert labels("The pieces, together measuring about 77 feet from end to end, fit.") == [
        "about 77 feet"]
    assert labels("The unit is 41 feet long and 14 feet wide.") == ["41 feet long",
                                                                    "14 feet wide"]


def test_a_direction_read_with_a_distance_places_it_and_a_speed_keeps_its_time() -> None:
    """The noun phrase takes a direction after a plural ("80 kilometres north"), so the
    distance rule, which looked past it, kept "80 kilometres north" (BBC tech/006), "100
    kilometres west" and "240 kilometres north-east" (Lee) as key figures. A speed lost
    its time: "3km" for "At 3km/h" (tech/246), "110 kilometres" for "from 110 kilometres
    an hour" (Lee), a distance to a reader."""
    labels = figure_labels

    assert labels("The pilot scheme in the Huaral Valley, 80 kilometres north of the capital "
                  "Lima, aims to reach 6,000 farmers.") == ["6,000 farmers"]
    assert labels("The epicentre was in Burakin, 240 kilometres north-east of Perth.") == []
    assert labels("At 3km/h, it is closer to a leisurely jog.") == ["3km/h"]
    assert labels("Yesterday, winds of up to 80 kilometres an hour fanned blazes.") == [
        "up to 80 kilometres an hour"]
    assert labels("The road runs for 30 kilometres.") == ["30 kilometres"]


def test_a_time_of_day_counts_nothing_and_a_rate_keeps_its_base() -> None:
    """DUC briefs listed "6 p" among Russia's key figures ("shortly before 6 p.m.") and "43
    p" ("alerted at 11:43 p.m.", five wires); BBC tech/129 gave "7.5 connections" and "100
    people" for "7.5 connections per 100 people", a rate read as two counts."""
    labels = figure_labels

    assert labels("The meeting concluded shortly after 3 p.m.") == []
    assert labels("Fire officials were alerted at 11:43 p.m. (2243 GMT) Thursday.") == []
    assert labels("The launch went off at 3:36 Friday morning.") == []
    assert labels("The UK total translates into 7.5 connections per 100 people.") == [
        "7.5 connections per 100 people"]
    assert labels("They agreed to lower the price by $2 per 1,000 cubic metres.") == [
        "$2 per 1,000 cubic metres"]
    assert labels("The UK has surpassed Germany in broadband users per 100 people.") == []
    assert labels("Shares rose 20 per cent to 300p.") == ["20 per cent", "300p"]
    # a duration with a word about its unit is no count (BBC politics/345, tech/094)
    assert labels("He served in Parliament for 47 continuous years.") == []
    assert labels("Checking the menus took 45 human hours alone.") == []
    assert labels("It will be ready in 18 months' time for 300 cinemas.") == ["300 cinemas"]
    # a multiple keeps what it multiplies (BBC politics/105, 373: the France brief's "14
    # times")
    assert labels("Asians were 1.9 times more likely to be stopped.") == [
        "1.9 times more likely"]
    assert labels("Without it we would pay 14 times as much as France.") == [
        "14 times as much"]
    assert labels("The screensaver was downloaded more than 20,000 times.") == [
        "more than 20,000 times"]
    # a bare number as a verb's subject counts nothing (BBC business/370, tech/129)
    assert labels("A reading above 50 indicates a level of growth.") == []
    assert labels("The UK total of 5.3 million translates into 7.5 connections per 100 "
                  "people.") == ["7.5 connections per 100 people"]


def test_what_the_counted_did_to_something_is_no_measure_of_them() -> None:
    """DUC d30034t gave "about 500 students ended" for "about 500 students ended their noisy
    but peaceful rally", Lee "767 jetliner averted" ("the 767 jetliner averted a potentially
    serious incident") and "6,800 kilogram bomb called" ("a 6,800 kilogram bomb called the
    Daisy Cutter"). A past tense with its object after it is what the counted did: neither
    their measure nor a noun of them. A passive is what was done to them, and a share
    keeps its verb (no noun says what it counts)."""
    labels = figure_labels

    assert labels("Meanwhile, about 500 students ended their noisy but peaceful rally.") == [
        "about 500 students"]
    assert labels("Some 41 Kurds declared a hunger strike Monday.") == ["Some 41 Kurds"]
    assert labels("The US dropped a 6,800 kilogram bomb called the Daisy Cutter.") == [
        "6,800 kilogram bomb"]
    assert labels("Some 10,000 Turkish troops were deployed this week on the border.") == [
        "Some 10,000 Turkish troops deployed"]
    assert labels("Tutu said that more than 400 people had been notified that they would "
                  "be named.") == ["more than 400 people notified"]
    assert labels("In the poll, 63% supported a hunting ban.") == ["63% supported"]
    assert labels("Over 160 people killed in the fighting were buried.") == [
        "Over 160 people killed"]
    # nor a verb, a participle or an adverb after "people" (BBC business/263, tech/120,
    # business/105: "An estimated 50,000 people took", "28 people detained globally
    # suspected", "about 2,000 presently")
    assert labels("An estimated 50,000 people took out split-capital funds.") == [
        "An estimated 50,000 people"]
    assert labels("All 28 people detained globally are suspected of fraud.") == [
        "28 people detained"]
    assert labels("It will double output from about 2,000 presently.") == []
    assert labels("The firm has more than 50,000 people worldwide.") == [
        "more than 50,000 people worldwide"]
    # session 68: an object that is a number, a pronoun or a name (DUC d30008t "17 people
    # considered", d31001t "15 successfully argued themselves", BBC business/049 "3,500
    # people produced"); a verb's particle stays with it ("Some 600 schools signed up")
    assert labels("Police also arrested 17 people considered Anwar associates.") == [
        "17 people arrested"]
    assert labels("During that year, 3,500 people produced 56,000 cars.") == [
        "3,500 people", "56,000 cars"]
    assert labels("Only 15 successfully argued themselves out of the report.") == []
    assert labels("Some 20 people died Monday in the storm.") == ["Some 20 people died"]
    assert labels("It was the killing of a reported 460 unarmed Palestinians.") == [
        "460 unarmed Palestinians"]
    assert labels("Some 600 schools have already signed up for the mock elections.") == [
        "Some 600 schools signed up"]
    assert labels("About 700 construction workers have walked off the job.") == [
        "About 700 construction workers walked off"]
    # what is believed of them is what happened to them, or nothing (BBC tech, Lee)
    assert labels("So far, more than 100,000 people are believed to have been killed in "
                  "Indonesia.") == ["more than 100,000 people believed killed"]
    assert labels("Up to 500 Al Qaeda fighters are believed to have scattered into the "
                  "hills.") == ["Up to 500 Al Qaeda fighters"]
    # four words of a name's noun (Lee: "Around 100 British Royal Marine"), and no verb
    # after a noun ("The FSA's 60 strong investigation team looked into")
    assert labels("Around 100 British Royal Marine commandos are expected in Kabul.") == [
        "Around 100 British Royal Marine commandos"]
    assert labels("The FSA's 60 strong investigation team looked into the claims.") == []
    assert labels("They bid on top of the 14 already allocated.") == ["14 already allocated"]


def test_the_wires_dlrs_is_a_dollar_mark() -> None:
    """AP writes dollars as "dlrs" before the amount (35 sentences of DUC 2004 dev):
    "slash dlrs 19 billion (23.5 billion reals) from the budget" lost its amount, and "a
    dlrs 30 billion rescue package" and "paid a dlrs 3,200 fine" were counts of packages
    and fines. Both readers of figures, the brief's and the comparer's, take it as "$"."""
    from bot.engine.compare.figures import scaled_amounts
    from bot.engine.figures import extract_figures

    figures = extract_figures("Brazil awaits a dlrs 30 billion rescue package and paid "
                              "a dlrs 3,200 fine.")
    assert [(f.label, f.unit, f.value) for f in figures] == [
        ("dlrs 30 billion", "$", 30e9), ("dlrs 3,200", "$", 3200.0)]
    assert figures[0].share_or_amount
    [(mark, low, high)] = scaled_amounts("It will slash dlrs 19 billion from the deficit.")
    assert mark == "$" and low <= 19e9 <= high
    assert scaled_amounts("It will slash US$19 billion.")[0][0] == "$"
    # a word that merely ends in the letters is no mark
    assert [f.unit for f in extract_figures("Then the fidlrs 40 boats sailed.")] == ["boats"]


def test_a_plural_ends_what_a_figure_counts() -> None:
    """BBC briefs showed "about 100 employees due sacked" and "600,000 connections take" as
    key figures: the word after a lower-case plural is no more of the noun. Names of things
    that end in "s" go on, and a comparative still says what the figure is."""
    labels = {text: [f.label for f in extract_figures(text)] for text in [
        "The London-based company has sacked about 100 employees due to a severe cash crisis.",
        "The 600,000 connections take the total number of people signing up to 3.3 million.",
        "The poll of 20,000 people in 20 countries found that 59% wanted more.",
        "Porsche's rival takes on its 911 sports cars.",
        "Standard Life has lowered payouts for up to 50,000 with-profits investors.",
        "In London, the FTSE 100 index closed 15 points higher at 4,751."]}
    assert list(labels.values()) == [
        ["about 100 employees sacked"], ["600,000 connections"],
        ["20,000 people", "20 countries", "59% wanted"], ["911 sports cars"],
        ["up to 50,000 with-profits investors"], ["15 points higher"]]


def test_map_is_a_png_and_cached(seeds_index: PlaceIndex) -> None:
    briefing = seeds_index.brief("Tal Afar")
    png = seeds_index.map_png(briefing)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert seeds_index.map_png(briefing) is png


def test_cli_brief_and_places(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from bot.cli import brief, places

    out = tmp_path / "map.png"
    code = brief.run(argparse.Namespace(place="Falluja", json=True, corpus=ROOT / "seeds",
                                        sentences=5, map=out))
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["place"]["name"] == "Fallujah"
    assert out.read_bytes().startswith(b"\x89PNG")
    code = brief.run(argparse.Namespace(place="Mosull", json=True, corpus=ROOT / "seeds",
                                        sentences=5, map=None))
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and "Mosul" in data["suggestions"] and data["error"]
    code = places.run(argparse.Namespace(json=True, corpus=ROOT / "seeds"))
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["places"][0]["name"] == "Mosul"


def test_every_listed_place_name_can_be_briefed(seeds_index: PlaceIndex) -> None:
    """What the listing and autocomplete offer is what /brief accepts: on the BBC set the
    river "Thames" (found in text as "the River Thames") was listed, and briefing "Thames"
    answered that the town in New Zealand of that name appears in no document."""
    index = inline_index(["Flood barriers on the River Thames were closed on Monday."],
                         ["Boats on the Thames were stopped near London."])
    assert "Thames" in names(index)
    brief = index.brief("Thames", 2)
    assert brief.place.kind == "river" and brief.place.country == "United Kingdom"
    assert any("Thames" in s.text for s in brief.sentences)
    for listed in seeds_index.places().places:
        assert seeds_index.brief(listed.name, 1).place.name == listed.name


_RELATED_SCRIPT = """
import json
from pathlib import Path
from bot.corpus.loader import load_corpus
from bot.engine.places import PlaceIndex
index = PlaceIndex.build(load_corpus(Path("seeds")))
print(json.dumps({p.name: [[r.name, r.count, r.relation] for r in
                           index.brief(p.name, sentences=1).related]
                  for p in index.places().places[:15]}))
"""


def test_related_places_are_listed_in_the_same_order_in_every_process(
        seeds_index: PlaceIndex) -> None:
    """Equal counts go by name, not by the order of a set, which changes with the
    interpreter's string hashing: two processes with different hash seeds list the same
    related places in the same order (the seeds' briefs have such ties)."""
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _RELATED_SCRIPT], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]
    ties = 0
    for name in runs[0]:
        related = seeds_index.brief(name, sentences=1).related
        for relation in ("child", "co-mentioned"):
            listed = [(-r.count, r.name) for r in related if r.relation == relation]
            assert listed == sorted(listed), (name, relation)
            ties += len(listed) - len({c for c, _ in listed})
    assert ties > 0  # the check means something only where counts tie
