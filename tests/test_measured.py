"""Key figures that are shares or amounts say what they measure, in their sentence's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.figures import extract_figures, is_conversion
from bot.engine.measured import measured_excerpt
from bot.engine.places import PlaceIndex, load_gazetteer


def _excerpt(text: str, figure: str) -> str:
    fig = next(f for f in extract_figures(text) if f.text == figure)
    return measured_excerpt(text, fig.span)


@pytest.mark.parametrize(("text", "figure", "excerpt"), [
    # the verb and its subject
    ("Phytopharm shares jumped 10.7% on the news.", "10.7%", "Phytopharm shares jumped 10.7%"),
    ("Growth slowed to 0.3% in the quarter ending September 30.", "0.3%",
     "Growth slowed to 0.3%"),
    ("The currency has strengthened 4% since late December.", "4%",
     "The currency has strengthened 4%"),
    ("Cairn's shares closed up 64 pence, or 6%, at 1130p on Thursday.", "6%",
     "Cairn's shares closed up 64 pence, or 6%"),
    ("The original size of Libya's funds was $400m, the central bank told Reuters.", "$400m",
     "The original size of Libya's funds was $400m"),
    ("Nonetheless, US crude is still 30% more expensive than at the start of 2004.", "30%",
     "US crude is still 30% more expensive"),
    # a change, then the level it led to in another unit: the change is the figure's
    ("Quarterly profits at TimeWarner jumped 76% to $1.13bn for the three months.", "76%",
     "Quarterly profits at TimeWarner jumped 76%"),
    ("The total number of Europeans online rose by 12% to 100 million over the past year.",
     "12%", "The total number of Europeans online rose by 12%"),
    # "up" or "down" after "were"
    ("Shares of MCI were up more than 4% in electronic trading.", "more than 4%",
     "Shares of MCI were up more than 4%"),
    # the noun the figure is of, or modifies
    ("Chile's copper industry has registered record earnings of $14.2bn in 2004.", "$14.2bn",
     "record earnings of $14.2bn"),
    ("He will fund a £1bn package to avoid big council tax rises.", "£1bn",
     "a £1bn package"),
    ("Ukraine has agreed to pay 30% more for natural gas supplied by Turkmenistan.", "30%",
     "Ukraine has agreed to pay 30% more for natural gas"),
    # the subject of the verb the figure's verb completes (session 68: "pay $850m", "slash
    # dlrs 19 billion"), not a pronoun's, a number's or across a comma
    ("Last month Marsh agreed to pay $850m to settle a lawsuit.", "$850m",
     "Marsh agreed to pay $850m"),
    ("Investment bank Morgan Stanley has forecast that India's mobile market is likely to grow "
     "by about 40% a year until 2007.", "about 40%",
     "India's mobile market is likely to grow by about 40%"),
    ("It has already offered to pay $300m to settle charges.", "$300m", "pay $300m"),
    ("One was to designate $20 billion as emergency spending.", "$20 billion",
     "designate $20 billion"),
    # the noun a verb describes
    ("In the last two years, it has imposed penalties totalling nearly $2bn on 15 funds.",
     "nearly $2bn", "penalties totalling nearly $2bn"),
    ("Budget airline Ryanair has ordered 70 planes, in a deal valued at $4bn.", "$4bn",
     "a deal valued at $4bn"),
    # a share of something
    ("Now almost 90% of Britons own a handset.", "almost 90%", "almost 90% of Britons"),
    ("Less than 20% of India's total population own a mobile.", "Less than 20%",
     "Less than 20% of India's total population"),
])
def test_a_share_or_an_amount_is_shown_in_the_words_that_say_what_it_is(text, figure, excerpt):
    found = _excerpt(text, figure)
    assert found == excerpt
    assert found in text  # verbatim: a reader finds it in the sentence


@pytest.mark.parametrize(("text", "figure"), [
    # one end of a range is not the figure
    ("Losing the season would cost the league between $35 million and $50 million.",
     "$35 million"),
    ("Ambev boosted its share of the beer market from 62% to 68%.", "62%"),
    ("Labour lead the Conservatives by 39% to 34% with the Liberal Democrats on 19%.", "39%"),
    ("Long term I think we're headed to $30-35 but not yet.", "$30"),
    ("Prices in the South East and London fell by 1.6% and 0.5% respectively.", "1.6%"),
    # the figure a comparison is made with
    ("Sales rose 5%, compared with 18.6% a year earlier.", "18.6%"),
    # the level a change started from (BBC business/053, DUC d30048t)
    ("The firm has cut its debt back to £160m from £610m.", "£610m"),
    ("Brazil's foreign reserves have fallen below dlrs 50 billion from dlrs 70 billion.",
     "dlrs 70 billion"),
    # a verb with no word for what it is
    ("Ministers said it should be 1.26% next year.", "1.26%"),
    ("The price of an average UK property now stands at £152,879.", "£152,879"),
    ("Growth was 4% in the third quarter and for the year it came in at 4.4%.", "4.4%"),
    # across a clause: "said, with wine sales ... up 25%"
    ("Chinese wine sales are growing, the department said, with wine sales up 25% at 61bn.",
     "25%"),
    # a participle the figure goes with is no verb another completes; a sum is no subject
    ("Young people are particularly hard hit with 37% out of work.", "37%"),
    ("These days that £25 would need to be near to £60 to buy as much.", "£60"),
])
def test_no_excerpt_where_the_words_do_not_say_what_the_figure_is(text, figure):
    assert _excerpt(text, figure) == ""


def test_an_excerpt_closes_every_bracket_it_opens():
    """Key figures read "dlrs 19 billion (23.5 billion reals" (DUC d30048t), "£99 (149 euros"
    and "a $2bn (1.53bn euros" (BBC): the phrase ran into a conversion and stopped inside
    its bracket. It now ends before a bracket it does not close, or is dropped when the
    figure itself sits after one ("raised 54bn rupees($1.2bn)" converts the rupees)."""
    for text, figure in [
        ("Eager to bolster the sagging economy, Cardoso wants to slash dlrs 19 billion (23.5 "
         "billion reals) from the budget deficit, and he's beginning by paring perks.",
         "dlrs 19 billion"),
        ("The launch price of £99 (149 euros) compares favourably with the US price of $149, "
         "according to John Houlihan.", "£99"),
        ("The 865 million share offer, a mix of new shares and sales by the government, "
         "raised 54bn rupees($1.2bn).", "$1.2bn"),
        ("It said Fiat was set to restructure its business after reaching a $2bn (1.53bn "
         "euros; £1.05bn) settlement with GM about Fiat's ownership.", "$2bn"),
    ]:
        found = _excerpt(text, figure)
        assert found.count("(") == found.count(")"), found
        assert found in text
    # a bracket closed inside the phrase stays
    text = "Shares in Wal-Mart (the world's biggest retailer) fell 3% on Monday."
    assert _excerpt(text, "3%").count("(") == _excerpt(text, "3%").count(")")


def test_a_conversion_in_brackets_is_no_figure_of_its_own():
    text = "Verizon won with a bid worth $6.8bn (£3.6bn), and its exposure is 100m euros " \
           "(£70m; $136m)."
    flags = {f.text: is_conversion(text, f.span[0]) for f in extract_figures(text)}
    assert flags == {"$6.8bn": False, "£3.6bn": True, "100m euros": False, "£70m": True,
                     "$136m": True}
    assert not is_conversion("More than half (54%) of those asked agreed.", 15)


def test_brief_key_figures_show_what_a_share_measures_and_skip_conversions():
    from bot.render.places import briefing_text

    texts = ["Ukraine has agreed to pay 30% more for natural gas supplied by Turkmenistan.",
             "The deal is worth $1.2bn (£640m) a year to Turkmenistan, officials in Kiev said.",
             "Ukraine imports about 45% of all its natural gas.",
             "Ukraine has 300 gas stations (12% of them in Kiev)."]
    doc = Document("gas", "Ukraine strikes Turkmen gas deal",
                   [Sentence(t, "gas", i) for i, t in enumerate(texts)])
    brief = PlaceIndex.build(Corpus(Path("."), {"gas": doc}), load_gazetteer()).brief(
        "Ukraine", 5)
    labels = [f.label for f in brief.figures]
    assert ("Ukraine has agreed to pay 30% more for natural gas (Ukraine strikes Turkmen gas "
            "deal)") in labels
    assert "about 45% of all its natural gas (Ukraine strikes Turkmen gas deal)" in labels
    assert not any("£640m" in label for label in labels)  # the conversion
    # a share in brackets is a figure of its own, no conversion, but nothing in its
    # sentence says what it is, so the brief does not show it bare (session 59)
    assert not is_conversion(texts[3], texts[3].index("12%"))
    assert not any(f.text == "12%" for f in brief.figures)
    item = next(f for f in brief.to_dict()["figures"] if f["text"] == "30%")
    assert item["excerpt"] == "Ukraine has agreed to pay 30% more for natural gas"
    assert ("Ukraine has agreed to pay 30% more for natural gas (Ukraine strikes Turkmen gas "
            "deal)") in briefing_text(brief)


def test_a_sentence_gives_a_brief_one_key_figure_for_words_two_figures_share():
    """"US oil prices closed up $1.26" and "US oil prices closed up $1.26 at $50.88" (BBC
    business/294), "56 pence" and "Shares in Wembley were up 56 pence, or 7.6%" (223):
    two figures of one sentence shown in the same words were two lines of one brief. The
    words holding the other take its place; words that only overlap it are left out."""
    texts = ["Elsewhere in the markets, US oil prices closed up $1.26 at $50.88 a barrel "
             "in New York.",
             "Shares in Wembley were up 56 pence, or 7.6%, in New York trading.",
             "In New York, a barrel of US crude oil closed up $2.80 at $51.15.",
             "New York has 4,000 taxis and 300 buses."]
    doc = Document("oil", "Oil above $50", [Sentence(t, "oil", i) for i, t in enumerate(texts)])
    brief = PlaceIndex.build(Corpus(Path("."), {"oil": doc}), load_gazetteer()).brief(
        "New York", 5)
    shown = [f.label.removesuffix(" (Oil above $50)") for f in brief.figures]
    for position in range(3):  # each of those sentences once
        said = [f for f in brief.figures if f.position == position]
        assert len(said) == 1, [f.label for f in said]
    assert "US oil prices closed up $1.26 at $50.88" in shown
    assert not any(label in ("$1.26", "US oil prices closed up $1.26") for label in shown)
    # two counts of one sentence are two facts in their own words
    assert {"4,000 taxis", "300 buses"} <= set(shown), shown


def test_key_figures_longer_than_a_field_are_dropped_whole_not_cut():
    from bot.engine.places.briefing import Briefing, FigureItem, PlaceInfo
    from bot.render.common import safe
    from bot.render.places import briefing_embed

    source = "A very long headline about the gas deal that Ukraine has struck " * 2
    figures = [FigureItem(f"{n}%", n, "gas", "%", 0, "", source.strip(),
                          f"Ukraine's imports of Turkmen gas rose {n}%") for n in range(10, 18)]
    brief = Briefing(PlaceInfo("ukr", "Ukraine", "Ukraine", 49.0, 32.0, "country", ""), 3,
                     figures=figures)
    field = next(f for f in briefing_embed(brief).fields if f.name == "Key figures")
    lines = (field.value or "").split("\n")
    assert len(field.value or "") <= 1024
    assert lines[-1].startswith("…and ") and lines[-1].endswith(" more")
    whole = {f"• {safe(f.label)}" for f in figures}  # Discord's escapes, whole
    assert all(line in whole for line in lines[:-1]) and len(lines) > 2
