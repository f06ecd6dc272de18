"""The comparer on the seeds and on tiny inline corpora: contract, sources, figures, fixture."""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine import Engine
from bot.engine.compare import Comparer
from bot.engine.compare.comparer import copies
from bot.engine.compare.evaluate import load_fixture, score
from bot.engine.compare.figures import extract_figures
from bot.engine.errors import EngineInputError
from bot.engine.sources import SourceIndex
from bot.render.compare import compare_lines, compare_text

FIXTURE = Path(__file__).parent / "fixtures" / "seed_comparison.json"


def _doc(doc_id: str, source: str, title: str, *texts: str) -> Document:
    return Document(doc_id, title, [Sentence(t, doc_id, i) for i, t in enumerate(texts)],
                    source=source)


def _corpus(*docs: Document) -> Corpus:
    return Corpus(Path("."), {d.doc_id: d for d in docs})


@pytest.fixture(scope="module")
def seed_engine(seed_corpus) -> Engine:
    return Engine(seed_corpus)


@pytest.fixture(scope="module")
def seed_result(seed_engine) -> dict:
    return seed_engine.comparer.compare(topic="Mosul").to_dict()


def test_json_contract_keys_and_types(seed_result):
    assert {"sources", "consensus", "unique", "conflicts"} <= seed_result.keys()
    for s in seed_result["sources"]:
        assert {"source", "doc_ids", "sentences", "angle"} <= s.keys()
        assert isinstance(s["sentences"], int) and s["angle"]
    for c in seed_result["consensus"]:
        assert {"text", "doc_ids", "sources"} <= c.keys() and len(set(c["sources"])) >= 2
    for u in seed_result["unique"]:
        assert {"source", "doc_id", "text"} <= u.keys()
    for c in seed_result["conflicts"]:
        assert {"subject", "claims"} <= c.keys() and len({x["source"] for x in c["claims"]}) >= 2
        for claim in c["claims"]:
            assert {"text", "value", "doc_id", "source"} <= claim.keys()
    json.dumps(seed_result)


def test_an_angle_names_no_role_every_story_has(seed_result):
    # "military reporting: ISF, forces": a frame's word for what every story of its kind
    # has says nothing the frame does not
    roles = {"forces", "government", "officials", "president", "minister", "leader", "party",
             "policy", "company"}
    angles = {s["source"]: s for s in seed_result["sources"]}
    assert angles["Daily Caller News Foundation"]["frame"] == "military"
    assert "ISF" in angles["Daily Caller News Foundation"]["terms"]
    for source in angles.values():
        assert not ({t.lower() for t in source["terms"]} & (roles | {source["frame"]})), source


def test_unknown_outlets_stay_apart_and_one_outlet_is_grouped():
    corpus = _corpus(_doc("a", "unknown", "Same title", "x"), _doc("b", "", "Same title", "y"),
                     _doc("c", "Wire", "One", "z"), _doc("d", "wire", "Two", "w"))
    index = SourceIndex(corpus)
    assert index.of("c") == index.of("d") and index.of("c").doc_ids == ("c", "d")
    assert index.of("a") != index.of("b")
    assert index.label("a") != index.label("b") and "Same title" in index.label("a")


def test_one_story_filed_twice_under_two_headlines_is_one_source():
    """The BBC set files some articles twice ("Bank holds interest rate at 4.75%" / "UK
    interest rates held at 4.75%", the same text): every sentence of one was a "consensus"
    of two sources (13 of the 13 points on the topic "interest rates"). Documents of no
    known outlet that tell one story nearly word for word are one source in a comparison;
    known outlets and other stories are left alone."""
    body = ["The Bank of England has left interest rates on hold again at 4.75%, in a "
            "widely-predicted move.",
            "Rates went up five times from November 2003 but have remained unchanged since "
            "August as the bank sought to cool the housing market.",
            "Recent data has indicated a slowdown in manufacturing and consumer spending, as "
            "well as in mortgage approvals across the country."]
    other = ["Rising inflation pushed the central bank in Washington to raise its interest "
             "rates again, the fifth rise since June.",
             "Shares in carmakers fell sharply on the news from the factory strike."]
    corpus = _corpus(_doc("a", "", "Bank holds interest rate at 4.75%", *body),
                     _doc("b", "", "UK interest rates held at 4.75%", *body[:2],
                          body[2].replace("country", "UK")),
                     _doc("c", "", "US rates rise", *other),
                     _doc("d", "Wire", "Rates on hold", *body), _doc("e", "Post", "Held", *body))
    index = SourceIndex(corpus)
    stories = index.stories(index.group(["a", "b", "c", "d", "e"]))
    assert [s.doc_ids for s in stories] == [("a", "b"), ("c",), ("d",), ("e",)]
    assert stories[0].label == index.label("a")
    # only documents sharing a sentence word for word with another are read (the comparer
    # names them): others pass through unread
    assert len(index.stories(index.group(["a", "b", "c"]), suspects={"c"})) == 3
    assert len(index.stories(index.group(["a", "b", "c"]), suspects={"a", "b"})) == 2
    with pytest.raises(EngineInputError, match="only one source"):
        Comparer(corpus).compare(documents=["a", "b"])


def test_an_update_keeping_a_third_of_its_first_version_word_for_word_is_one_story():
    """A wire story's update rewrites its top and keeps the rest ("Crude oil prices back
    above $50" / "Winter freeze keeps oil above $50" in the BBC set: 6 sentences alike, 5-gram
    Jaccard 0.33): one voice, or every kept sentence reads as two sources agreeing. Two
    stories sharing fewer sentences, or a smaller share of them, stay two sources."""
    kept = ["Brent crude also rose in London trading, adding $1.89 to $48.62 at the close.",
            "Much of western Europe has been shivering under unseasonably low temperatures.",
            "The decline in the US dollar to a five-week low has also served to inflate prices.",
            "Several Opec members said a cut in production was unlikely, citing strong demand."]
    first = ["Cold weather across the United States has pushed crude above $50 a barrel.",
             "Freezing temperatures have increased demand for heating fuel, and stocks are low.",
             "A barrel of US crude oil closed up $2.80 to $51.15 in New York on Tuesday.",
             "Opec members said on Tuesday that it saw no reason to cut its output.",
             "Heating oil futures jumped by more than seven per cent in the morning session.",
             "Analysts warned that a long freeze could drain inventories within a fortnight.",
             "Natural gas prices followed, reaching their highest level since early autumn.",
             "Airlines said the rising cost of jet fuel would weigh on their quarterly results."]
    update = ["Oil prices carried on rising on Wednesday after the cold snap deepened.",
              "US crude was trading at $51.39 in Asian electronic trade early on Wednesday.",
              "Expectations that a rebound in the dollar would halt the rise were not borne out.",
              '"The primary factor is the weak dollar," said an analyst based in Singapore.']
    davos = ["World leaders gathered in the Swiss resort as the forum opened its doors.",
             "Aid for Africa and climate change topped the agenda of the week's first day.",
             "Bono and Bill Gates were among the speakers expected in the Alpine village.",
             "The chancellor flew in to press the case for debt relief for the poorest lands.",
             "Security was tight, with hundreds of police and soldiers on the snowy streets.",
             "Protesters planned marches in Zurich and Bern against the meeting's agenda.",
             "Chinese officials promised a flexible currency at a time of their choosing.",
             "Business chiefs said their confidence in the world economy had fallen this year.",
             "The meeting ends on Sunday with a session on the outlook for trade talks."]
    corpus = _corpus(_doc("a", "", "Crude oil prices back above $50", *first, *kept),
                     _doc("b", "", "Winter freeze keeps oil above $50", *update, *kept[:3]),
                     # two sentences alike: not enough
                     _doc("c", "", "Oil rebounds", *update[:1], *first[:1], *kept[3:],
                          "Traders said the market had overreacted to forecasts of snow."),
                     # three alike, but a quarter of the shorter one: background, no version
                     _doc("d", "", "Davos opens", *kept[:3], *davos))
    index = SourceIndex(corpus)
    stories = index.stories(index.group(["a", "b", "c", "d"]))
    assert [s.doc_ids for s in stories] == [("a", "b"), ("c",), ("d",)]


def test_a_source_holding_a_story_and_its_update_shows_each_unique_point_once():
    """DUC d30028t: a wire story and its update are one source; its unique points listed
    "Lebanon on Monday denied ..." twice, and "Iran ... plans to dispatch envoys" beside
    "... will dispatch envoys"."""
    story = ["Iran has offered to mediate between Syria and Turkey in the deepening dispute "
             "over rebel bases and plans to dispatch envoys to the two countries.",
             "Turkey's military alliance with Israel has been condemned by Iran and by Syria.",
             "Egypt already has launched a mediation effort to try to prevent a military "
             "confrontation over the border."]
    update = [story[0].replace("plans to dispatch", "will dispatch"), *story[1:]]
    corpus = _corpus(_doc("a", "", "Iran offers to mediate", *story),
                     _doc("b", "", "Iran offers to mediate (update)", *update),
                     _doc("c", "", "Greece warns", "Greece warned that mounting tension "
                          "between the two neighbours could lead to tragic results soon.",
                          "In the past, officials in Ankara accused Greece of harbouring "
                          "rebels and running training camps."))
    result = Comparer(corpus).compare(documents=["a", "b", "c"]).to_dict()
    mine = [u["text"] for u in result["unique"] if u["doc_id"] in ("a", "b")]
    assert len(mine) == len(set(mine)) >= 2
    assert sum("dispatch envoys" in t for t in mine) == 1


def test_the_same_file_twice_is_one_source_and_agrees_with_nobody():
    """news_claim_heldout7 (DUC): four clusters hold one article under two names (d30034t's
    C4 and C9 byte for byte); each of its sentences was a "consensus" of two sources, 94 of
    177 points. Files with the same bytes and no outlet are one source."""
    from dataclasses import replace

    text = "The central bank raised interest rates to curb rising inflation on Monday."
    a, b = _doc("a", "", "A", text), _doc("b", "", "B", text)
    c = _doc("c", "", "C", "Rising inflation pushed the central bank to raise interest rates.")
    copies = _corpus(replace(a, content_hash="h1"), replace(b, content_hash="h1"),
                     replace(c, content_hash="h2"))
    index = SourceIndex(copies)
    assert index.of("a") == index.of("b") and index.of("a").doc_ids == ("a", "b")
    assert index.of("c") != index.of("a")
    with pytest.raises(EngineInputError, match="only one source"):
        Comparer(copies).compare(documents=["a", "b"])
    # without hashes (documents made in memory) two texts stay two sources
    assert SourceIndex(_corpus(a, b)).of("a") != SourceIndex(_corpus(a, b)).of("b")
    [point] = Comparer(copies).compare(documents=["a", "b", "c"]).to_dict()["consensus"]
    assert len(point["sources"]) == 2


def test_seed_sources_are_the_five_voices(seed_result):
    labels = {s["source"] for s in seed_result["sources"]}
    assert {"Daily Caller News Foundation", "The National", "The Mosul Offensive"} <= labels
    assert len(labels) == 5


def test_size_rank_is_a_contradiction_and_displacement_different_measures(seed_result):
    by_subject = {c["subject"]: c for c in seed_result["conflicts"]}
    rank = next(c for s, c in by_subject.items() if "rank" in s)
    assert rank["kind"] == "contradiction"
    assert {x["value"].split("’s ")[-1] for x in rank["claims"]} == {
        "second largest city", "third most populous city"}
    displaced = next(c for s, c in by_subject.items() if "displaced" in s)
    assert displaced["kind"] == "different measures"
    assert {"002_160402298ecf2569", "003_e2bfb13aa5e2df8e"} <= {
        x["doc_id"] for x in displaced["claims"]}


@pytest.mark.parametrize("text, ranks", [
    # bench_compare.py's oil prices topic read these two as a contradiction (1st vs 5th)
    ("ONGC's interest is the latest twist in a saga that has seen one of the world's biggest "
     "oil producers brought to its knees.", []),
    ("It is now among the world's largest banks by assets.", []),
    ("Venezuela - the world's fifth largest oil exporter - sells about 60% of its output to "
     "the United States.", [5]),
    ("Gazprom, the world's biggest gas firm, said so.", [1]),
])
def test_one_of_the_biggest_is_a_place_in_a_top_group_not_a_rank(text, ranks):
    assert [f.lo for f in extract_figures(text) if f.type == "rank"] == ranks


def test_ranks_stated_of_two_different_names_are_no_conflict():
    """news_claim_heldout3 (BBC): "Munich Re, the world's largest reinsurance company" and
    "Swiss Re, the world's second biggest reinsurance firm" were reported as contradicting;
    they rank two companies. A rank with no name before it, or the same name, still
    compares (the seeds' "Iraq's second largest city" / "Mosul is Iraq's third ...")."""
    from bot.engine.compare.conflicts import Located, find_conflicts

    texts = ["Munich Re, the world's largest reinsurance company, said its exposure is small.",
             "Analysts at Swiss Re, the world's second biggest reinsurance firm, agreed.",
             "Germany's Munich Re, the world's second biggest reinsurer, disagreed.",
             "The world's second biggest reinsurance group said nothing."]
    figs = [extract_figures(t)[0] for t in texts]
    assert [f.holder for f in figs] == ["Munich Re", "Swiss Re", "Germany's Munich Re", ""]
    located = [Located(f, i, Sentence(t, f"d{i}", 0), f"source {i}", f"s{i}")
               for i, (f, t) in enumerate(zip(figs, texts, strict=True))]
    sim = np.ones((4, 4))

    def kinds(members: list[int]) -> list[str]:
        conflicts, _ = find_conflicts([located[i] for i in members], sim)
        return [c.kind for c in conflicts]

    assert kinds([0, 1]) == []  # two companies
    assert figs[0].key == figs[1].key  # the same measure: only the names tell them apart
    assert kinds([0, 3]) == ["contradiction"]  # no name before the second: compared
    assert kinds([1, 3]) == []  # second and second agree: an agreement, no conflict


def test_ranks_named_after_the_rank_or_through_a_pronoun_are_no_conflict():
    """news_claim_heldout5 (BBC): the Glazers, "making them Manchester United's second
    biggest shareholders", and "United's largest shareholders, the Irish horseracing tycoons
    JP McManus and John Magnier" were reported as contradicting: two holders, named through
    a pronoun and in apposition after the rank. A clause after the comma names nothing."""
    from bot.engine.compare.conflicts import Located, find_conflicts

    texts = ["At present, Mr Glazer and his family hold a 28.1% stake, making them "
             "Manchester United's second biggest shareholders.",
             "He needs the support of United's largest shareholders, the Irish horseracing "
             "tycoons JP McManus and John Magnier.",
             "The club's owners, United's largest shareholders, which bought in last year, "
             "said nothing.",
             "It has a presence in China's most populous provinces, including Sichuan.",
             "The airline will carry 70 million passengers a year, making it Europe's largest "
             "airline."]
    figs = [next(f for f in extract_figures(t) if f.type == "rank") for t in texts]
    assert [f.holder for f in figs] == ["Mr Glazer", "JP McManus and John Magnier", "", "", ""]
    located = [Located(f, i, Sentence(t, f"d{i}", 0), f"source {i}", f"s{i}")
               for i, (f, t) in enumerate(zip(figs, texts, strict=True))]
    sim = np.ones((3, 3))

    def kinds(members: list[int]) -> list[str]:
        conflicts, _ = find_conflicts([located[i] for i in members], sim[:len(members),
                                                                          :len(members)])
        return [c.kind for c in conflicts]

    assert figs[0].key == figs[1].key == figs[2].key  # the same measure
    assert kinds([0, 1]) == []  # two holders
    assert kinds([0, 2]) == ["contradiction"]  # no holder named with the second: compared


@pytest.mark.parametrize(("first", "second", "contradiction"), [
    # DUC 2004 d31043t (NIST data, quoted for evaluation): one claim, two years
    ("Lahoud, appointed army commander in 1989 amid a rebellion in the fractured military "
     "during the 1975-90 civil war, is credited with rebuilding the Lebanese army.",
     "Lahoud, elevated from rear admiral to general and appointed army commander in 1988 "
     "amid a rebellion in the fractured military during the 1975-90 civil war, is credited "
     "with rebuilding the Lebanese army.", True),
    # d30022t: the year of another event in a sentence sharing many words
    ("Wang was a student leader in 1989's influential Tiananmen Square democracy movement.",
     "Wang and Qin are the most well-known dissidents China has put on trial since Tiananmen "
     "Square student leader Wang Dan in 1996.", False),
    # d30048t: reserves since a default in August / reserves at the end of July
    ("Brazil has lost about dlrs 25 billion in foreign currency reserves since August when "
     "Russia defaulted on its debts.",
     "The country's foreign reserves have fallen below dlrs 50 billion, from dlrs 70 billion "
     "at the end of July.", False),
])
def test_two_dates_contradict_only_in_one_claim(seed_engine, first, second, contradiction):
    """Two dates carry no key: their sentences must also be one claim to the matcher once
    both carry the same date. On the 25 DUC dev clusters this left 2 contradictions of 4,
    both real (the two years of Lahoud's appointment; 22 / 19 injured)."""
    from bot.engine.compare.conflicts import Located, find_conflicts

    texts = [first, second]
    located = [Located(f, i, Sentence(t, f"d{i}", 0), f"source {i}", f"s{i}")
               for i, t in enumerate(texts) for f in extract_figures(t) if f.type == "date"]
    assert len(located) == 2
    sim = np.ones((2, 2))  # near-paraphrases by words: only the matcher tells them apart
    without, _ = find_conflicts(located, sim)
    assert [c.kind for c in without] == ["contradiction"]
    with_matcher, _ = find_conflicts(located, sim, seed_engine.comparer.matcher.first_stage_same)
    assert [c.kind for c in with_matcher] == (["contradiction"] if contradiction else [])


def test_campaign_length_phrased_differently_is_consistent(seed_result):
    for c in seed_result["conflicts"]:
        assert {x["type"] for x in c["claims"]} != {"duration"}
    lengths = [a for a in seed_result["agreements"] if "length" in a["subject"]]
    assert lengths and {x["doc_id"][:3] for x in lengths[0]["claims"]} == {"000", "001"}


@pytest.mark.parametrize(("text", "lo", "hi"), [
    ("more than eight months of fighting", 8 * 30.44, 10 * 30.44),
    ("a nearly nine-month operation", 0.85 * 9 * 30.44, 9 * 30.44),
])
def test_duration_intervals(text, lo, hi):
    (fig,) = extract_figures(text)
    assert fig.type == "duration" and fig.key == "campaign"
    assert fig.lo == pytest.approx(lo) and fig.hi == pytest.approx(hi)


def test_count_hedges_and_scopes():
    (up_to,) = extract_figures("Up to 190,000 people have been displaced by the fighting.")
    (over,) = extract_figures("Over 500,000 residents have fled since the ISIS takeover.")
    assert (up_to.lo, up_to.hi) == (0.0, 190_000) and over.lo == 500_000
    assert up_to.key == over.key == "people|displaced"
    assert up_to.scope != over.scope and not up_to.overlaps(over)


@pytest.mark.parametrize(("text", "counts"), [
    # the people are 14: a number between a count and its noun takes the noun
    ("Mobs burned 22 churches in Jakarta on Nov. 22, when 14 people were killed.",
     [("14 people", 14)]),
    ("Bishop Belo said between 30 and 40 people were reportedly killed near Alas.",
     [("between 30 and 40 people", (30, 40))]),  # a range, not 30 +- 5%
    ("A company of 100-120 UK troops is on standby.", [("100-120 UK troops", (100, 120))]),
    # each end of a range its own scale (heldout35: "1.5 million-2 million" read as 2 million)
    ("A further 1.5 million-2 million people are on job schemes.",
     [("1.5 million-2 million people", (1.5e6, 2e6))]),
    ("Between 1.5m and 2m people work there.", [("Between 1.5m and 2m people", (1.5e6, 2e6))]),
    ("There are 1.7m people needing care in England.", [("1.7m people", 1.7e6)]),
    ("In January 25 people were jailed.", [("25 people", 25)]),
    ("Five of the eight men held a news conference.", [("eight men", 8)]),
    ("A sample of 500 21 to 25-year olds showed young people care.", []),
])
def test_counts_take_their_own_noun(text, counts):
    found = [f for f in extract_figures(text) if f.type == "count"]
    assert [f.text for f in found] == [c for c, _ in counts]
    for fig, (_, value) in zip(found, counts, strict=True):
        lo, hi = value if isinstance(value, tuple) else (value * 0.95, value * 1.05)
        assert fig.lo == pytest.approx(lo) and fig.hi == pytest.approx(hi)


@pytest.mark.parametrize(("text", "keys"), [
    # the event word right before a count is its verb, and no other count's event
    ("A fire turned a dance hall into a deathtrap, killing 60 people and injuring 162 people.",
     [("60 people", "people|killed"), ("162 people", "people|injured")]),
    ("Eleven people were wrongly convicted of planting the IRA bombs which killed seven people.",
     [("Eleven people", ""), ("seven people", "people|killed")]),
    # an event word after a quotation opens, or before the count in another clause, is not it
    ('Mr Pound, who has two other teenage children, said: "I was a sailor but I wasn\'t dead."',
     [("two other teenage children", "")]),
    ("Following the death of a man in Swansea, a march was supported by more than 1,000 people.",
     [("more than 1,000 people", "")]),
    ("3000 people died in one morning in New York.", [("3000 people", "people|killed")]),
    # still read: after the count across commas, and a few words before it
    ("At least 200 people, most of them children, were killed.",
     [("At least 200 people", "people|killed")]),
    ("The death toll rose to 200 people.", [("200 people", "people|killed")]),
    ("The city is home to 1.5 million people.", [("1.5 million people", "people|population")]),
    # a share is measured against no count (heldout36: "90% of employees" beside staff counts)
    ("It said that 90% of employees had had to be replaced.", [("90% of employees", "")]),
])
def test_counts_take_their_own_event(text, keys):
    """What happened to a count (``figures._events``): news_claim_heldout30's and 34's
    "people killed" held an MP's two children, a march's supporters and the wrongly
    convicted; DUC's dance-hall fire read "killing 60 people and injuring 162" as 60
    injured."""
    found = [(f.text, f.key) for f in extract_figures(text) if f.type == "count"]
    assert found == keys


def test_a_year_is_a_figures_time_frame():
    """"Mitch killed about 10,000 people ... in 1998" beside a tsunami's toll (compare checks
    10 and 11): the year says it is another event, so the two never contradict, and they
    are shown apart as figures on different things, the year their scope; "Mitch" is noted
    as the article named it before ("Hurricane Mitch")."""
    (mitch,) = extract_figures("Mitch killed about 10,000 people and caused damage of "
                               "about $10bn in 1998.")[:1]
    assert mitch.scope == frozenset({"in 1998"})
    corpus = _corpus(
        _doc("a", "Wire A", "A", "Insurers said the giant waves killed at least 38,000 people.",
             "Claims on insurers such as Swiss Re will be below $10bn, said Swiss Re."),
        _doc("b", "Wire B", "B", "Aid matched the cash offered after Hurricane Mitch.",
             "Mitch killed about 10,000 people and caused damage of about $10bn in 1998.",
             "Its claims cost insurers such as Swiss Re $2bn, said Swiss Re."))
    compared = Comparer(corpus).compare(documents=["a", "b"])
    result = compared.to_dict()
    assert [(c["kind"], [x["scope"] for x in c["claims"]]) for c in result["conflicts"]] == [
        ("different measures", [[], ["in 1998"]])]
    # and the storm's bare name has its note, as a point's claims do (bot.engine.referents)
    assert [x["who"] for x in result["conflicts"][0]["claims"]] == ["", "Mitch: Hurricane Mitch"]
    assert "in 1998.” [Mitch: Hurricane Mitch]" in "\n".join(compare_lines(compared))


def test_counts_of_one_measure_in_two_unrelated_stories_are_not_set_side_by_side():
    """Compare check 13 (session 73, /compare topic:steel) showed "The Siemens plant at
    Boscholt ... employs 2,000 staff" (a story of the EU economy) beside Mittal's "It
    employs 50,000 staff in Kazakhstan alone" as figures on different things: two
    unrelated sentences. Counts of one measure whose sentences tell of different events
    are set side by side only when their stories share a name each writes twice (the
    seeds' two Mosul displacement figures, test above); the same pair in stories of one
    firm still is."""
    siemens = ("Germany's exporters are doing well, and Siemens is among them.",
               "The Siemens plant at Boscholt makes cordless phones and employs 2,000 staff.")
    mittal = ("Mittal Steel is to cut jobs in Kazakhstan.",
              "Mittal Steel employs 50,000 staff in Kazakhstan alone and has large "
              "operations in Romania.")
    apart = _corpus(_doc("a", "Wire A", "A", *siemens), _doc("b", "Wire B", "B", *mittal))
    assert Comparer(apart).compare(documents=["a", "b"]).to_dict()["conflicts"] == []
    together = _corpus(_doc("a", "Wire A", "A", *siemens),
                       _doc("b", "Wire B", "B", *mittal, "A customer, Siemens, said nothing.",
                            "It sells little steel to Siemens."))
    result = Comparer(together).compare(documents=["a", "b"]).to_dict()
    assert [c["kind"] for c in result["conflicts"]] == ["different measures"]


def test_same_scope_disjoint_counts_contradict_inline():
    corpus = _corpus(
        _doc("a", "Wire A", "A", "Officials said 40 people were killed in the blast in Kabul."),
        _doc("b", "Wire B", "B",
             "At least 90 people were killed in the blast in Kabul, police said."))
    result = Comparer(corpus).compare(documents=["a", "b"]).to_dict()
    assert [c["kind"] for c in result["conflicts"]] == ["contradiction"]


def _two_wires(first_a: str, first_b: str) -> Corpus:
    """Two outlets, each with one given sentence and one unrelated to anything."""
    return _corpus(
        _doc("a", "Wire A", "A", first_a,
             "Shares in carmakers fell sharply on the news from the factory strike."),
        _doc("b", "Wire B", "B", first_b,
             "The minister opened a new hospital wing in the northern town."))


def _inflation_corpus() -> Corpus:
    return _two_wires("The central bank raised interest rates to curb rising inflation.",
                      "Rising inflation pushed the central bank to raise interest rates.")


def test_paraphrased_point_is_consensus_and_lone_point_unique():
    result = Comparer(_inflation_corpus()).compare(documents=["a", "b"]).to_dict()
    assert len(result["consensus"]) == 1
    assert set(result["consensus"][0]["sources"]) == {"Wire A", "Wire B"}
    assert {u["text"][:6] for u in result["unique"]} == {"Shares", "The mi"}


@pytest.mark.parametrize("long_first", [True, False])
def test_a_point_shows_the_sentence_every_credited_one_states(long_first):
    """news_claim_heldout4 (BBC) read a credit as partial because the point showed the
    sentence that adds a detail ("designed to produce 12,600 MW") the other lacks. The
    sentence the others state whole is shown, whichever article comes first; the longer
    one stays credited with its own text. (Worded closer since session 15's credit
    threshold, 0.88: the pair as first written, the site said in other words, is no longer
    credited.)"""
    long_ = ("Officials said the Xiluodu dam, designed to produce 12,600 megawatts, is being "
             "built on the Jinshajiang river in southern China.")
    short = ("Officials said the Xiluodu dam is being built on the Jinshajiang river in "
             "southern China.")
    first, second = (long_, short) if long_first else (short, long_)
    result = Comparer(_two_wires(first, second)).compare(documents=["a", "b"]).to_dict()
    [point] = result["consensus"]
    assert point["text"] == short
    assert {c["text"] for c in point["claims"]} == {long_, short}


def test_a_point_restating_a_surer_one_in_other_words_is_left_out():
    """news_claim_heldout7 (DUC): two wires' versions of one fact, each credited through
    its own same-text copy, made two points no pair test had seen. Of two points whose
    shown sentences share words and read alike to MiniLM (DUPLICATE_COSINE), the weaker
    is left out; not when a veto tells them apart (another figure), nor when they share
    few words."""
    from bot.engine.compare.model import ConsensusPoint

    texts = [
        "Damascus also accuses Turkey of building a series of dams on the Euphrates River "
        "that threaten to reduce Syria's water supply.",
        "Egyptian President Hosni Mubarak met here Sunday with Syrian President Hafez Assad "
        "to try to defuse growing tension between Syria and Turkey.",
        "Syria also has accused Turkey of threatening its supply of water by building dams on "
        "the Euphrates River.",
        "Egyptian President Hosni Mubarak held talks Sunday with Syrian President Hafez Assad "
        "in Damascus and was expected to visit Turkey later this week.",
        "The statement said 22 people were injured in the army's attack on the village.",
        "The statement said 19 people were injured in the army's attack on the village.",
        "Shares in carmakers fell sharply on the news from the factory strike in the north.",
    ]
    comparer = Comparer(_corpus(_doc("a", "Wire A", "A", *texts)))
    if comparer.point_model is None:
        pytest.skip("no point model")
    points = [ConsensusPoint(t, ["a"], ["Wire A"], [], 0.9 - k / 100)
              for k, t in enumerate(texts)]
    kept = [p.text for p in comparer._not_restated(points)]
    assert kept == [texts[0], texts[1], texts[4], texts[5], texts[6]]


def test_bad_input_raises_engine_input_error(seed_engine):
    with pytest.raises(EngineInputError) as err:
        seed_engine.comparer.compare(documents=["no such doc", "The Mosul Offensive"])
    assert err.value.extra["suggestions"]
    with pytest.raises(EngineInputError):
        seed_engine.comparer.compare(topic="xylophone quokka")
    with pytest.raises(EngineInputError):
        seed_engine.comparer.compare(topic="Mosul", place="Mosul")
    with pytest.raises(EngineInputError):
        seed_engine.comparer.compare(documents=["The Mosul Offensive"])


def test_cli_json(capsys, seeds_dir):
    from bot.cli import compare

    args = argparse.Namespace(topic=None, place=None, corpus=seeds_dir, json=True,
                              documents=["001_1bcaefff16c7f4bd", "The Mosul Offensive"])
    assert compare.run(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["source"] for s in data["sources"]] == ["Daily Caller News Foundation",
                                                      "The Mosul Offensive"]
    args.documents = ["nope", "nothing"]
    assert compare.run(args) == 1
    assert "error" in json.loads(capsys.readouterr().out)


def test_fixture_scores_are_reported(seed_result):
    """Conflicts meet the 0.8 bar on the editor's fixture; every consensus point is right;
    consensus recall is 0 of 14 required points since session 8 (0.143 before; 0.929 with
    the overlap rule, which credited false claims on news clusters), far below the issue's
    0.93.

    Traced per gold point (the best pair of its evidence sentences; MiniLM cosine, matcher
    probability q, point-model probability p against its threshold, 0.49 now): most pairs are
    candidates (word overlap >= 0.12 or cosine >= 0.50) but are scored like the "partly"
    pairs of the news fixtures: cosine 0.43-0.74 and q 0.04-0.42 (news "same" pairs: median
    cosine 0.74-0.80, "partly" 0.51-0.57). "Victory was declared after ISF cleared..." /
    "Iraqi forces are claiming victory in the battle for Mosul" p 0.28; "ISF started its
    siege of the city in October" / "In October of last year, ... forces launched an
    offensive" p 0.11; "Mosul served as ISIS's de facto capital" / "Mosul is undoubtedly one
    of the group's strongholds" p 0.25. No decision fitted on the news fixtures at >= 0.9
    precision admits them (the best, sentence cosines alone, would admit pairs of 5).
    Found until session 8: far_from_over and territory_elsewhere, one credit ("This is NOT
    the end of ISIS in Iraq" / "This story isn't over ... 150,000 people live in territory
    still held by ISIS in Iraq") the matcher made alone (the topic's pool is over
    ENCODE_POOL, neither sentence encoded; calibrated q 0.59); such credits are now left
    out (the matcher alone was right on 14 of 20 of them on the BBC dev groups), and the
    point model, given both sentences, rejects it too (p 0.48 < 0.69). Honestly missed:
    civilians_remain (000:12 / 004:18 "residents who remained ... have nothing to do with
    ISIS" states a different claim; vetoed), displacement (the toll sentences disagree: a
    different-measures conflict).
    """
    scores = score(seed_result, load_fixture(FIXTURE))
    assert scores["conflicts"]["precision"] >= 0.8 and scores["conflicts"]["recall"] >= 0.8
    assert scores["consensus"]["precision"] >= 0.9
    assert {"civilians_remain", "displacement"} <= set(scores["consensus"]["missed"])


def test_every_required_seed_point_reaches_the_claim_decision(seed_engine, monkeypatch):
    """Candidate generation is not where the seed points are lost
    (benchmarks/diagnose_seed_points.py): for every required gold point, some pair of its
    evidence sentences from two documents is put to the claim matcher; the point model's
    decision then rejects most of them (QUALITY.md's seed diagnosis)."""
    comparer = seed_engine.comparer
    asked: set[tuple[str, str]] = set()
    ask, cheap = comparer.matcher.probabilities, comparer.matcher.cheap_probabilities

    def spy(pairs):
        asked.update(pairs)
        return ask(pairs)

    def cheap_spy(pairs):  # the pairs the point model cannot judge get the first stage only
        asked.update(pairs)
        return cheap(pairs)

    monkeypatch.setattr(comparer.matcher, "probabilities", spy)
    monkeypatch.setattr(comparer.matcher, "cheap_probabilities", cheap_spy)
    fixture = load_fixture(FIXTURE)
    comparer.compare(**fixture["query"])
    docs = comparer.corpus.documents
    unasked = []
    for gold in fixture["consensus"]:
        if not gold["required"]:
            continue
        texts = {d: [docs[d].sentences[p].text for p in ps] for d, ps in gold["evidence"].items()}
        if not any((a, b) in asked or (b, a) in asked
                   for da, db in itertools.combinations(texts, 2)
                   for a in texts[da] for b in texts[db]):
            unasked.append(gold["id"])
    assert unasked == []


def test_place_comparison_uses_the_place_index(seed_engine):
    result = seed_engine.comparer.compare(place="Raqqa").to_dict()
    assert {s["source"] for s in result["sources"]} == {"Daily Caller News Foundation",
                                                        "The National"}
    assert all(len(c["claims"]) >= 2 for c in result["consensus"])


def test_clauses_split_at_joints_and_figures_that_differ_are_not_consensus():
    from bot.engine.compare.align import split_clauses

    assert split_clauses("ISF started its siege of the city in October, quickly retaking "
                         "east Mosul by the end of January.") == [
        "ISF started its siege of the city in October",
        "quickly retaking east Mosul by the end of January."]
    assert len(split_clauses("But while it may be a key victory, the fight against ISIS "
                             "is far from over.")) == 2
    # a non-restrictive "where" clause states a claim of its own (the caliphate was
    # announced at the mosque), not the landmark list it hangs from
    assert split_clauses("Landmarks include the Great Mosque of al-Nuri, where the ISIS "
                         "leader announced the creation of a caliphate.") == [
        "Landmarks include the Great Mosque of al-Nuri",
        "where the ISIS leader announced the creation of a caliphate."]
    assert split_clauses("Aid goes where it is needed, the agency said.") == [
        "Aid goes where it is needed, the agency said."]
    corpus = _corpus(
        _doc("a", "Wire A", "A", "Mosul is Iraq's second largest city on the Tigris river."),
        _doc("b", "Wire B", "B", "Mosul is Iraq's third largest city on the Tigris river."))
    result = Comparer(corpus).compare(documents=["a", "b"]).to_dict()
    assert result["consensus"] == []
    assert [c["kind"] for c in result["conflicts"]] == ["contradiction"]


def test_paraphrase_classes_cover_inflections_but_not_lookalike_stems():
    from bot.engine.compare.text import StemAnalyzer

    analyze = StemAnalyzer()
    assert analyze("launching") == analyze("launched") == analyze("began")
    assert analyze("destruction") == analyze("destroyed")
    assert analyze("liberal") != analyze("liberated")  # "Liberal Democrats" retake nothing
    assert analyze("today recently") == []  # when, not what


def test_one_shared_word_or_a_short_generic_clause_does_not_outscore_a_paraphrase():
    from bot.engine.compare.align import Clause, ClauseSpace
    from bot.engine.compare.text import StemAnalyzer

    texts = ["they are all cities in Iraq",
             "wage an intense battle to wrestle back control of Iraq's second largest city",
             "the nearly nine-month operation to retake Iraq's second largest city",
             "which has a large Christian population",
             "large swaths of the province remain under rebel control"]
    sim = ClauseSpace([Clause(i, t) for i, t in enumerate(texts)], StemAnalyzer(), {},
                      {}).similarity()
    # the short clause is wholly inside the long one, yet the paraphrase is the better match
    assert sim[2, 1] > sim[0, 1] > 0
    assert sim[3, 4] == 0.0  # only "large" in common


def _rates_corpus() -> Corpus:
    return _two_wires(
        "The central bank raised interest rates to curb inflation.",
        "Borrowing costs were increased by the monetary authority to fight rising prices.")


def _asked(comparer: Comparer, monkeypatch) -> list[tuple[str, str]]:
    """Every pair the comparer asks its claim matcher about, recorded."""
    asked: list[tuple[str, str]] = []
    ask = comparer.matcher.probabilities

    def spy(pairs):
        asked.extend(pairs)
        return ask(pairs)

    monkeypatch.setattr(comparer.matcher, "probabilities", spy)
    comparer.compare(documents=["a", "b"])
    return asked


def test_pairs_close_in_meaning_are_asked_though_they_share_no_word(monkeypatch):
    """MiniLM nearest neighbours across sources are candidates, not only word overlap."""
    pytest.importorskip("onnxruntime")
    bank = ("The central bank raised interest rates to curb inflation.",
            "Borrowing costs were increased by the monetary authority to fight rising prices.")
    semantic = Comparer(_rates_corpus())
    assert semantic.point_model is not None
    assert bank in _asked(semantic, monkeypatch)
    plain = Comparer(_rates_corpus(), semantic=False)
    assert plain.point_model is None
    assert bank not in _asked(plain, monkeypatch)


def test_without_the_encoder_the_comparer_decides_as_before(monkeypatch):
    from bot.engine.compare import comparer as comparer_module

    corpus = _inflation_corpus()
    before = Comparer(corpus, semantic=False).compare(documents=["a", "b"]).to_dict()
    monkeypatch.setattr(comparer_module, "encoder", lambda: None)
    missing = Comparer(corpus)
    assert missing.compare(documents=["a", "b"]).to_dict() == before
    assert missing.point_model is None  # dropped once the encoder is found missing
    assert len(before["consensus"]) == 1


def test_point_model_matches_the_claim_weights_it_was_fitted_on():
    from bot.engine.compare import points

    model = points.read()
    assert model is not None and 0.0 < model.threshold < 1.0
    assert points.read(digest="fitted-on-other-weights") is None
    # the matcher's probability and the sentence cosine both raise the credit
    p = model.probabilities(np.array([0.2, 0.8, 0.2]), np.array([0.5, 0.5, 0.9]))
    assert p[1] > p[0] and p[2] > p[0]


def test_the_engine_sets_up_the_encoder_at_load_not_at_the_first_comparison(monkeypatch):
    """Engine.comparer (the warm-up thread's build) starts the MiniLM session and runs the
    matcher's two stages once; the first comparison then sets up nothing itself."""
    pytest.importorskip("onnxruntime")
    from bot.engine.compare import comparer as comparer_module

    made: list[object] = []
    real = comparer_module.encoder

    def counting():
        made.append(real())
        return made[-1]

    monkeypatch.setattr(comparer_module, "encoder", counting)
    engine = Engine(_inflation_corpus())
    comparer = engine.comparer
    assert made and made[0] is not None
    assert comparer._encoder is made[0] and comparer.point_model is not None

    def refuse():
        raise AssertionError("the first comparison set up the encoder")

    monkeypatch.setattr(comparer_module, "encoder", refuse)
    assert comparer.compare(documents=["a", "b"]).consensus


def test_warm_without_the_encoder_leaves_the_matcher_deciding_alone(monkeypatch):
    from bot.engine.compare import comparer as comparer_module

    monkeypatch.setattr(comparer_module, "encoder", lambda: None)
    comparer = Engine(_inflation_corpus()).comparer
    assert comparer.point_model is None and comparer._encoder is None


def test_a_comparison_encodes_in_the_encoder_thread_while_it_works_on(seed_engine, monkeypatch,
                                                                     encoder_runs):
    """The sentences judged by meaning and the texts the matcher's encoder stage asks for
    are encoded in the encoder's thread (prefetched), not by the comparing thread, and the
    answer is the one computed without prefetching."""
    comparer, enc = _cold_encoder(seed_engine)
    threads = encoder_runs(enc)
    prefetched = comparer.compare(topic="Mosul").to_dict()
    assert threads and all(t.startswith("encoder") for t in threads)

    enc._cache.clear()
    comparer.matcher._deep_pairs.clear()
    monkeypatch.setattr(enc, "prefetch", lambda texts: _done())
    assert comparer.compare(topic="Mosul").to_dict() == prefetched


def _cold_encoder(engine):
    """The engine's comparer and its encoder with nothing encoded yet."""
    pytest.importorskip("onnxruntime")
    comparer = engine.comparer
    enc = comparer._encoder
    assert enc is not None
    enc._cache.clear()
    comparer.matcher._deep_pairs.clear()
    return comparer, enc


def _done():
    from concurrent.futures import Future

    future: Future[None] = Future()
    future.set_result(None)
    return future


@pytest.mark.parametrize("text, kinds", [
    ("A nearly NINE-MONTH operation ended the siege.", ["duration"]),
    ("Mosul is Iraq's second Largest city.", ["rank"]),
    ("Over 160 PEOPLE were killed and 2,000 Families fled.", ["count", "count"]),
    ("The vote was delayed by the storm in the capital.", []),
])
def test_figure_patterns_are_asked_only_where_their_words_are(text, kinds):
    assert [f.type for f in extract_figures(text)] == kinds


def test_a_point_stating_a_surer_points_claim_is_left_out():
    """_distinct_points: clauses 0-1 (score 0.9) and 2-3 (0.6) are two points, and the
    matcher credits 3 with 1's claim: the weaker point is a duplicate; 4-5 (0.7) links to
    neither and stays."""
    from bot.engine.compare.comparer import _distinct_points

    claim = np.zeros((6, 6))
    for (i, j), v in {(0, 1): 0.9, (2, 3): 0.6, (1, 3): 0.5, (4, 5): 0.7}.items():
        claim[i, j] = claim[j, i] = v
    assert _distinct_points([[0, 1], [2, 3], [4, 5]], claim) == [[0, 1], [4, 5]]
    claim[1, 3] = claim[3, 1] = 0.0  # no credited link: both kept, in their order
    assert _distinct_points([[2, 3], [0, 1]], claim) == [[2, 3], [0, 1]]
    # a pair nobody could credit that the matcher reads as one claim (DUPLICATE_FLOOR)
    # still tells the two points apart as one claim told twice
    told = np.zeros((6, 6), dtype=bool)
    told[3, 0] = told[0, 3] = True
    assert _distinct_points([[0, 1], [2, 3], [4, 5]], claim, told) == [[0, 1], [4, 5]]


def test_a_large_pool_encodes_only_what_the_point_model_can_judge(seed_engine, monkeypatch):
    """In a pool over ENCODE_POOL sentences only the sentences of the closest candidates are
    encoded, and only pairs of those can be credited (_point_decision): the matcher's
    encoder stage is not spent on the others (they get its first stage, and count among
    the left out). Every text encoded is one of the encoded sentences or a clause of one
    (before, the seeds' Mosul comparison also encoded 12 clauses of sentences never judged)."""
    from bot.engine.compare import comparer as comparer_module

    comparer, enc = _cold_encoder(seed_engine)
    monkeypatch.setattr(comparer_module, "ENCODE_CORPUS", 0)  # as in a large corpus
    encoded: list[str] = []
    run = enc._run

    def spy(texts, *rest):
        encoded.extend(texts)
        return run(texts, *rest)

    monkeypatch.setattr(enc, "_run", spy)
    judged: list[list[int]] = []
    pool_of = comparer._semantic_pool

    def pool_spy(*args):
        judged.append(pool_of(*args))
        return judged[-1]

    monkeypatch.setattr(comparer, "_semantic_pool", pool_spy)
    rows: list[list[int]] = []
    clause_texts: dict[str, int] = {}
    pair_texts = comparer._pair_texts

    def rows_spy(clauses, pool_rows, *rest):
        rows.append(pool_rows)
        clause_texts.update((c.text, c.row) for c in clauses)
        return pair_texts(clauses, pool_rows, *rest)

    monkeypatch.setattr(comparer, "_pair_texts", rows_spy)
    comparer.compare(topic="Mosul")
    assert len(rows[0]) > comparer_module.ENCODE_POOL  # a large pool: only some encoded
    sentences = {comparer.sentences[rows[0][r]].text for r in judged[0]}
    assert 0 < len(sentences) <= comparer_module.ENCODE_CANDIDATES
    assert encoded
    outside = [t for t in encoded
               if t not in sentences and clause_texts.get(t) not in judged[0]]
    assert outside == []


def test_a_consensus_point_is_shown_only_by_a_sentence_that_stands_alone():
    """Two outlets state the same two claims with their clauses swapped (sure credits), but
    one of them opens by leaning on a sentence not shown ("For example, ..."): that point is
    left out and counted, the other is shown."""
    lean = ("For example, the central bank cut its main interest rate to 2% on Monday "
            "after the currency fell against the dollar.")
    alone = ("Carmakers in the region laid off 4,000 workers this year as exports to "
             "Europe collapsed in the first quarter.")
    lean_b = ("For example, after the currency fell against the dollar, the central bank "
              "cut its main interest rate to 2% on Monday.")
    alone_b = ("Exports to Europe collapsed in the first quarter, and carmakers in the "
               "region laid off 4,000 workers this year.")
    filler = ("Shares in mining companies rose sharply on the news from the copper mine.",
              "Farmers in the north protested against the new water charges on Friday.")
    corpus = _corpus(_doc("a", "Wire A", "A", lean, alone, filler[0]),
                     _doc("b", "Wire B", "B", filler[1], lean_b, alone_b))
    result = Comparer(corpus).compare(documents=["a", "b"])
    assert [p.text for p in result.consensus] in ([alone], [alone_b])
    assert result.left_out >= 1 and result.copied == 0


def test_a_text_copied_word_for_word_is_one_voice_not_consensus():
    """The BBC set's stories reuse background paragraphs word for word ("Tory backing for ID
    cards" / "Howard denies split over ID cards" share five sentences), and outlets print
    the same wire copy: a point every source states in the same words (but for a word or
    two) is one text, not sources agreeing each in its own words. It is counted, not shown;
    the same claim in other words beside the copy is consensus as before."""
    copy = ("Carmakers in the region laid off 4,000 workers this year as exports to "
            "Europe collapsed in the first quarter.")
    edited = copy.replace("laid off", "have laid off")  # a word changed: still a copy
    own = ("Exports to Europe collapsed in the first quarter, and carmakers in the region "
           "laid off 4,000 workers this year.")
    filler = ("Shares in mining companies rose sharply on the news from the copper mine.",
              "Farmers in the north protested against the new water charges on Friday.",
              "The new airport terminal opened two years late and far over its budget.")
    copied = Comparer(_corpus(_doc("a", "Wire A", "A", copy, filler[0]),
                              _doc("b", "Wire B", "B", filler[1], edited))
                      ).compare(documents=["a", "b"])
    assert copied.consensus == [] and copied.copied == 1
    assert copied.to_dict()["copied"] == 1
    text = "\n".join(compare_lines(copied))
    assert "1 text copied word for word not counted" in text
    assert "share only text copied word for word" in text
    told = Comparer(_corpus(_doc("a", "Wire A", "A", copy, filler[0]),
                            _doc("b", "Wire B", "B", filler[1], edited),
                            _doc("c", "Wire C", "C", own, filler[2]))
                    ).compare(documents=["a", "b", "c"])
    [point] = told.consensus
    assert set(point.sources) == {"Wire A", "Wire B", "Wire C"} and told.copied == 0
    assert copies(copy, edited) and not copies(copy, own)


def test_agreements_on_the_same_figures_are_listed_once():
    """Two pairs of sentences agreeing on "1975" were two identical lines."""
    from bot.engine.compare.conflicts import _merge_same_notes
    from bot.engine.compare.model import Claim, Conflict

    def claim(doc: str) -> Claim:
        return Claim(f"Indonesia invaded in 1975 ({doc}).", "1975", doc, doc.upper(), 0, "date")

    note = "figures agree within their stated precision: 1975"
    merged = _merge_same_notes([
        Conflict("date", "consistent", note, [claim("a"), claim("b")]),
        Conflict("date", "consistent", note, [claim("c"), claim("b")]),
        Conflict("date", "consistent", "figures agree within their stated precision: 1989",
                 [claim("d"), claim("e")])])
    assert [len(m.claims) for m in merged] == [3, 2]
    assert [c.doc_id for c in merged[0].claims] == ["a", "b", "c"]


def _one_probability_comparer(monkeypatch, corpus: Corpus,
                              probability: Callable[[float], float]
                              ) -> tuple[Comparer, list[tuple[np.ndarray, np.ndarray]]]:
    """The corpus's comparer with a point model that answers ``probability(its threshold)``
    for every pair, and the list that gets the (claim matrix, duplicate links) each of its
    comparisons hands ``_distinct_points``. Skips without the point model or the encoder."""
    from bot.engine.compare import comparer as comparer_module

    comparer = Engine(corpus).comparer
    if comparer.point_model is None or comparer._encoder is None:
        pytest.skip("the point model or the encoder is not installed")
    model = comparer.point_model
    answer = probability(model.threshold)
    monkeypatch.setattr(type(model), "probabilities",
                        lambda self, m, c, w: np.full(len(m), answer))
    seen: list[tuple[np.ndarray, np.ndarray]] = []
    distinct = comparer_module._distinct_points

    def spy(clusters, claim, told=None):
        seen.append((claim.copy(), told.copy()))
        return distinct(clusters, claim, told)

    monkeypatch.setattr(comparer_module, "_distinct_points", spy)
    return comparer, seen


def test_pairs_judged_more_likely_the_same_than_not_link_points_as_duplicates(
        monkeypatch, seed_corpus) -> None:
    """A pair the point model judged at 0.5 or more but under its credit threshold credits
    nobody, but reads its two points as one claim told twice (``DUPLICATE_JUDGED``), so the
    weaker point is left out; a vetoed pair never does."""
    from bot.engine.compare import claims
    from bot.engine.compare import comparer as comparer_module

    comparer, seen = _one_probability_comparer(monkeypatch, seed_corpus,
                                               lambda t: (0.5 + t) / 2)
    comparer.compare(topic="Mosul")
    claim, told = seen[-1]
    linked = int(told.sum())
    assert linked > 0 and not (claim > 0).any()  # linked as duplicates, credited to nobody
    monkeypatch.setattr(comparer_module, "DUPLICATE_JUDGED", None)
    comparer.compare(topic="Mosul")
    assert int(seen[-1][1].sum()) < linked
    monkeypatch.setattr(comparer_module, "DUPLICATE_JUDGED", 0.5)
    monkeypatch.setattr(claims, "veto", lambda a, b: "polarity")
    comparer.compare(topic="Mosul")
    assert int(seen[-1][1].sum()) < linked  # vetoed: never one claim


def test_a_cue_veto_does_not_keep_a_claim_told_twice_apart() -> None:
    """A pair the point model credits (``sure``) whose credit only a condition or tense cue
    refused still states one claim twice ("refused to apologise" / "would not apologise
    even if asked"); under the credit threshold, or with a polarity or figures veto (which
    may be a contradiction), it does not."""
    from bot.engine.compare.comparer import _same_claim_twice

    said = "The mayor refused to apologise for his remarks about the reporter on Tuesday."
    tense = ("The mayor said he would not apologise for his remarks about the reporter even "
             "if the prime minister asked.")
    negated = ("The mayor apologised for his remarks about the reporter on Tuesday.",
               "The mayor has not apologised for his remarks about the reporter.")
    figures = ("Prices rose 5% last year.", "Prices rose 9% last year.")
    assert _same_claim_twice((said, tense), (said, tense), sure=True)
    assert not _same_claim_twice((said, tense), (said, tense), sure=False)
    assert not _same_claim_twice(negated, negated, sure=True)
    assert not _same_claim_twice(figures, figures, sure=True)
    assert _same_claim_twice((said, said), (said, said), sure=False)  # no veto at all


def test_sure_pairs_refused_only_by_a_cue_link_points_as_duplicates(monkeypatch,
                                                                    seed_corpus) -> None:
    """Every judged pair at the point model's threshold, every veto a tense cue: nobody is
    credited, but the points are linked as one claim told twice (``DUPLICATE_CUES``); with
    no cue allowed, or a polarity veto, nothing is linked."""
    from bot.engine.compare import claims
    from bot.engine.compare import comparer as comparer_module

    comparer, seen = _one_probability_comparer(monkeypatch, seed_corpus, lambda t: t)
    monkeypatch.setattr(claims, "veto", lambda a, b: "tense")
    comparer.compare(topic="Mosul")
    claim, told = seen[-1]
    assert told.any() and not (claim > 0).any()
    monkeypatch.setattr(comparer_module, "DUPLICATE_CUES", frozenset())
    comparer.compare(topic="Mosul")
    assert not seen[-1][1].any()
    monkeypatch.setattr(comparer_module, "DUPLICATE_CUES", frozenset({"condition", "tense"}))
    monkeypatch.setattr(claims, "veto", lambda a, b: "polarity")
    comparer.compare(topic="Mosul")
    assert not seen[-1][1].any()


def test_a_bbc_claim_told_twice_under_a_condition_is_shown_once(monkeypatch, tmp_path) -> None:
    """news_claim_heldout3's dev group politics/075 labels two points one claim told twice:
    "... he said his comments were not racist and refused to apologise" and "... his comments
    may have been offensive but were not racist, and ... he would not apologise even if Mr
    Blair asked". The point model credits a pair of their sentences (0.75 at its threshold
    0.68), but a condition veto refused the credit, and both were shown; one is now (the
    rule was chosen on this dev group, so this is no blind check of it)."""
    import shutil

    from bot.corpus.loader import load_corpus
    from bot.engine.compare import comparer as comparer_module
    from tests.conftest import BBC

    if not (BBC / "articles").is_dir():
        pytest.skip(f"{BBC} not found")
    fixture = json.loads((Path(__file__).parent / "fixtures" / "news_claim_heldout3.json")
                         .read_text(encoding="utf-8"))
    group = next(g for g in fixture["groups"] if g["group"] == "politics/075")
    text = {q["point"]: q["text"] for q in fixture["points"] if q["cluster"] == "politics/075"}
    told = [(q["text"], text[q["duplicate_of"]]) for q in fixture["points"]
            if q["cluster"] == "politics/075" and q["duplicate"] == "same"]
    assert len(told) == 1
    for f in group["files"]:
        shutil.copy(BBC / "articles" / f"{f}.txt", tmp_path / f"{Path(f).name}.txt")
    engine = Engine(load_corpus(tmp_path))
    if engine.comparer.point_model is None:
        pytest.skip("the point model or the encoder is not installed")
    monkeypatch.setattr(comparer_module, "MAX_CONSENSUS", 10_000)
    # since session 12 a point of texts the group's stories copy word for word is one voice,
    # not consensus; since session 14's point model one of the two is credited with another
    # article's own wording ("He conceded his comments may have been offensive ..."): with
    # that rule on or off, the claim told twice is shown once at most, and with it off once
    assert len({p.text for p in engine.comparer.compare().consensus} & set(told[0])) <= 1
    monkeypatch.setattr(comparer_module, "_one_text", lambda point: False)
    shown = {p.text for p in engine.comparer.compare().consensus}
    assert len(shown & set(told[0])) == 1


def test_a_wire_report_quoting_officials_is_reporting_not_first_person():
    """DUC 2004's wire reports quote officials ``like this'': their "we" was counted as the
    outlet's own voice ("first-person: Greece, Reppas", "commentary: Mubarak"). A "we"
    inside a quotation is reporting; an outlet's own "we" and "you" still read as such."""
    from bot.engine.compare.comparer import _voice

    wire = ["``We will not accept threats to our security,'' the minister said on Monday.",
            "Turkey has sent 10,000 troops to its border with Syria, newspapers reported.",
            "``We are ready for any outcome,'' said Greek government spokesman Reppas."]
    assert _voice(wire) == "reporting"
    assert _voice([t.replace("``", '"').replace("''", '"') for t in wire]) == "reporting"
    assert _voice(["We must help the families of Mosul now.", "You can give today."]) == "appeal"
    assert _voice(["We think the battle is far from over.",
                   "Our view is that the city will take years to rebuild."]) == "first-person"


def test_a_stock_sentence_said_of_another_participant_is_no_credit():
    """news_claim_heldout10 (tech/008): stories of different viruses reuse one stock sentence,
    "PCs running Windows 95, 98, ME, NT, 2000, and XP could be vulnerable to the worm." (the
    Cellery worm's) / "... vulnerable to this trojan." (the Hackarmy trojan's), and the
    matcher credited each with the other. "the worm" and "this trojan" stand for the names
    their articles give before them, and neither article mentions the other's: two
    participants, no credit. The same sentence where both articles name one program is a
    credit."""
    from bot.engine.compare.participants import other_participants, resolve

    stock = ("PCs running Windows 95, 98, ME, NT, 2000 and XP could be vulnerable to the "
             "{}, security firms warned on Monday.")
    worm = ["A new Windows worm, the Cellery worm, turns a game into a weapon.",
            "Security firms say the Cellery worm spreads over office networks.",
            stock.format("worm")]
    trojan = ["Virus writers have released the Hackarmy trojan to attack websites.",
              "The Hackarmy trojan takes over PCs and sends floods of requests.",
              "Computers running Microsoft Windows 95, 98, 2000, NT and XP are vulnerable to this "
            "trojan, security firms warned on Monday."]
    assert resolve(worm[2], worm[:2]) == {"Cellery"}
    assert resolve(trojan[2], trojan[:2]) == {"Hackarmy"}
    assert other_participants((worm[2], {"Cellery"}, " ".join(worm)),
                              (trojan[2], {"Hackarmy"}, " ".join(trojan)))
    # an article naming the other's program, or a sentence naming no one, vetoes nothing
    assert not other_participants((worm[2], {"Cellery"}, " ".join(worm)),
                                  (trojan[2], {"Hackarmy"}, " ".join(trojan) + " Cellery"))
    assert not other_participants((worm[2], set(), " ".join(worm)),
                                  (trojan[2], set(), " ".join(trojan)))
    filler = "Shares in mining companies rose sharply on the news from the copper mine."
    apart = Comparer(_corpus(_doc("a", "Wire A", "Worm", *worm, filler),
                             _doc("b", "Wire B", "Trojan", *trojan))).compare(
        documents=["a", "b"])
    assert not any({"Wire A", "Wire B"} <= set(p.sources) and "vulnerable" in p.text
                   for p in apart.consensus)
    same = [trojan[0].replace("Hackarmy trojan", "Cellery worm"), trojan[1].replace(
        "Hackarmy trojan", "Cellery worm"), "Security firms warned on Monday that computers "
        "running Windows 95, 98, ME, NT, 2000 and XP could be vulnerable to the worm."]
    together = Comparer(_corpus(_doc("a", "Wire A", "Worm", *worm, filler),
                                _doc("b", "Wire B", "Worm too", *same))).compare(
        documents=["a", "b"])
    assert any({"Wire A", "Wire B"} <= set(p.sources) and "vulnerable" in p.text
               for p in together.consensus)


def test_a_claim_about_two_names_is_not_one_about_either():
    """news_claim_heldout26 (d30022t): "... urged that Xu and Qin be released" was credited
    with a sentence urging Xu's release alone; heldout3 and heldout25: "either Qwest or
    Verizon" with Qwest alone, "a merger between MCI and Verizon" with one between MCI and
    Qwest; heldout16: Mr Brown "joined by John Prescott and Alan Milburn" with Alan Milburn
    alone. Each was labelled partly or different. Lists of three or more names, names inside
    one name, and a clause joined after a comma are left alone."""
    from bot.engine.compare.participants import drops_a_paired_name, paired_names

    assert paired_names("U.S. officials urged that Xu and Qin be released.") == [("Xu", "Qin")]
    assert paired_names("Buying MCI would give either Qwest or Verizon access.") == [
        ("Qwest", "Verizon")]
    assert paired_names("In London and Paris, prices rose.") == [("London", "Paris")]
    assert paired_names("They chose the Toshiba and NEC-backed format.") == []
    assert paired_names("Sony, Microsoft and Nintendo will release machines.") == []
    assert paired_names("Flights land at Gaza International Airport, and Palestinian police "
                        "patrol it.") == []
    assert drops_a_paired_name("U.S. officials urged that Xu and Qin be released.",
                               "U.S. officials urged that Xu be released.")
    assert drops_a_paired_name("Mr Brown was joined by Alan Milburn.",  # either way round
                               "Mr Brown was joined by John Prescott and Alan Milburn.")
    assert drops_a_paired_name("A merger between MCI and Verizon would be the fifth deal.",
                               "A merger between MCI and Qwest would be the fifth deal.")
    assert not drops_a_paired_name(  # a possessive is the name
        "He said EA was still waiting on Sony and Nintendo's kits.",
        "He said EA was still waiting on Sony and Nintendo to send kits.")
    assert not drops_a_paired_name(  # neither name: nothing to say
        "Shares in Marks and Spencer rose.", "Shares in M&S rose.")
    assert not drops_a_paired_name(
        "The Pew Internet and American Life Project found MP3 players are popular.",
        "A study by the Pew Internet and American Life Project found MP3 players popular.")
    shown = ("U.S. officials on Monday urged China to release the dissidents Xu Wenli and Qin "
             "Yongmin, who were detained last week in Beijing.")
    both = ("On Monday U.S. officials urged China to release dissidents Xu Wenli and Qin "
            "Yongmin, who were arrested in Beijing last week.")
    one = ("U.S. officials on Monday urged China to release the dissident Xu Wenli, who was "
           "arrested in Beijing last week.")  # credited before the rule
    filler = "Shares in mining companies rose sharply on the news from the copper mine."
    wire_a = ["China detained several founders of the China Democracy Party last week.",
              "The party tried to register with the authorities in three provinces."]
    wire_b = ["Police in Beijing took the two men from their homes late on Friday.",
              "Rights groups abroad condemned the arrests as a blow to dialogue."]

    def credited(a: str, b: str) -> bool:
        result = Comparer(_corpus(_doc("a", "Wire A", "Dissidents", *wire_a, a, filler),
                                  _doc("b", "Wire B", "Arrests", *wire_b, b))).compare(
            documents=["a", "b"])
        return any({"Wire A", "Wire B"} <= set(p.sources) for p in result.consensus)

    assert credited(shown, both)
    assert not credited(shown, one)


def test_a_point_says_which_day_its_monday_counts_from():
    """Item 6 of issue 11: a consensus point's shown and credited sentences that say "on
    Monday", "this week" or the like carry their article's date ("article of 3 March 2005")
    or "undated article", in JSON, Discord and the terminal, as unique points do."""
    from bot.render.compare import compare_lines, compare_text

    shown = ("U.S. officials on Monday urged China to release the dissidents Xu Wenli and Qin "
             "Yongmin, who were detained last week in Beijing.")
    both = ("On Monday U.S. officials urged China to release dissidents Xu Wenli and Qin "
            "Yongmin, who were arrested in Beijing last week.")
    a = _doc("a", "Wire A", "Dissidents", "China detained several founders of the China "
             "Democracy Party last week.", "The party tried to register with the authorities "
             "in three provinces.", shown)
    a.published = "2005-03-03"
    b = _doc("b", "Wire B", "Arrests", "Police in Beijing took the two men from their homes "
             "late on Friday.", "Rights groups abroad condemned the arrests as a blow to "
             "dialogue.", both)
    result = Comparer(_corpus(a, b)).compare(documents=["a", "b"])
    (point,) = result.consensus
    anchors = {c.doc_id: c.anchor for c in point.claims}
    assert anchors == {"a": "article of 3 March 2005", "b": "undated article"}
    assert point.anchor == anchors["a" if point.text == shown else "b"]
    assert point.to_dict()["anchor"] == point.anchor
    assert all(c["anchor"] for c in point.to_dict()["claims"])
    text, lines = compare_text(result), "\n".join(compare_lines(result))
    for out in (text, lines):
        assert "(article of 3 March 2005)" in out and "(undated article)" in out
    plain = Comparer(_corpus(_doc("c", "Wire C", "C", "The dam will be finished in 2009."),
                             _doc("d", "Wire D", "D", "The dam is due to be finished in 2009.")))
    assert all(not p.anchor and not any(c.anchor for c in p.claims)
               for p in plain.compare(documents=["c", "d"]).consensus)


def test_pairs_dropping_a_paired_name_are_rarely_the_same_claim():
    """tests/fixtures/paired_names_check.json: 80 pairs of BBC and DUC sentences nobody had
    labelled, half of them flagged by the paired-name rule and half not, matched in the
    point model's probability, labelled blind in both directions. A flagged pair states
    the same claim far less often than its control: the rule removes mostly wrong credits."""
    import json

    from bot.engine.compare.participants import drops_a_paired_name

    rows = json.loads((FIXTURE.parent / "paired_names_check.json").read_text(encoding="utf-8"))[
        "pairs"]
    assert len(rows) == 80 and all(r["label_a_shown"] and r["label_b_shown"] for r in rows)
    flagged = [r for r in rows if drops_a_paired_name(r["a"], r["b"])]
    control = [r for r in rows if not drops_a_paired_name(r["a"], r["b"])]
    assert len(flagged) == 39

    def same_either_way(group: list[dict]) -> float:
        return sum("same" in (r["label_a_shown"], r["label_b_shown"]) for r in group) / len(group)

    assert same_either_way(flagged) <= 0.15
    assert same_either_way(flagged) < same_either_way(control) / 2


def test_a_rank_of_no_name_is_about_what_its_article_speaks_of():
    """news_claim_heldout11: "Shares in the fifth biggest US carrier had fallen ..." (the
    carrier is Continental, named only in the sentences around it) was reported as
    contradicting "US Airways, the seventh-largest US airline". A rank stated of no name
    is compared with a named one only when its article mentions that name (the seeds'
    "to retake Iraq's second largest city" is in an article about Mosul)."""
    a = ("Continental Airlines is to cut 4,000 jobs and close a hub to save money this year.",
         "Shares in the fifth biggest US carrier had fallen 6.87% on the news to $10.44 by "
         "1830 GMT.")
    b = ("Ground crews at US Airways, the seventh-largest US airline, face a court-imposed "
         "pay cut next month.",
         "Unions said the cuts would hit morale across the airline industry this winter.")

    def conflicts(first: str) -> list[tuple[str, str]]:
        corpus = _corpus(_doc("a", "Wire A", "Continental cuts", first, a[1]),
                         _doc("b", "Wire B", "Pay cut", *b))
        result = Comparer(corpus).compare(documents=["a", "b"])
        return [(c.kind, c.subject) for c in result.conflicts]

    assert conflicts(a[0]) == []
    mentioned = a[0] + " Rival US Airways is in bankruptcy protection."
    assert conflicts(mentioned) == [("contradiction", "airline size rank in US")]


def test_a_rank_that_leaves_its_noun_out_or_names_two_words_is_read_whole():
    """DUC d30048t: "Brazil is Latin America's biggest economy and the eighth-largest in
    the world" was read as a rank "in America" and a rank of no noun, so four wires' "the
    world's ninth-largest economy" met nothing; "the seventh-largest US airline" was a
    rank of "US" (any US rank met it). A rank that leaves its noun out takes the one
    before it, an owner may be two words, and a country's abbreviation is where it
    ranks."""
    figs = [f for f in extract_figures(
        "Brazil is Latin America's biggest economy and the eighth-largest in the world, and "
        "its collapse could hurt the continent.") if f.type == "rank"]
    assert [(f.text, f.key, f.lo, f.holder) for f in figs] == [
        ("Latin America's biggest economy", "size|latin america|economy", 1, "Brazil"),
        ("the eighth-largest in the world", "size|world|economy", 8, "Brazil")]
    [us] = extract_figures("Ground crews at US Airways, the seventh-largest US airline, "
                           "face a pay cut.")
    assert (us.key, us.lo) == ("size|us|airline", 7)
    assert [f.key for f in extract_figures(
        "United Bank is the third biggest in Nigeria in terms of branches.")] == []
    a = ("Brazil and the IMF moved closer Tuesday to agreement on a rescue package for the "
         "world's ninth-largest economy.")
    b = ("Brazil is Latin America's biggest economy and the eighth-largest in the world, and "
         "its collapse could hurt the continent.")
    corpus = _corpus(_doc("a", "Wire A", "Rescue", a, "Talks go on in Washington this week."),
                     _doc("b", "Wire B", "Summit", b, "Leaders met in Portugal on Saturday."))
    result = Comparer(corpus).compare(documents=["a", "b"])
    assert [(c.kind, c.subject) for c in result.conflicts] == [
        ("contradiction", "economy size rank in the world")]


def test_two_ranks_of_no_name_are_about_what_each_article_speaks_of():
    """news_claim_heldout23: "The world's second biggest insurer said ..." (Swiss Re's
    story) was reported as contradicting "..., the world's biggest insurer said." (Marsh &
    McLennan's). Two ranks stated of no name are one thing's only when each article
    mentions the name the other is about (the one it writes most often)."""
    a = ["Swiss Re said disasters around the globe cost insurers $42bn last year.",
         "The world's second biggest insurer said property claims reached record levels.",
         "Swiss Re expects premiums to rise in the spring."]
    b = ["Insurance broker Marsh has agreed to pay $850m to settle claims it cheated clients.",
         "A restructuring also led to a $337m charge, the world's biggest insurer said.",
         "Shares in Marsh rose 3% in New York."]

    def conflicts(first: list[str], second: list[str]) -> list[tuple[str, str]]:
        corpus = _corpus(_doc("a", "Wire A", "Storm claims", *first),
                         _doc("b", "Wire B", "Settlement", *second))
        result = Comparer(corpus).compare(documents=["a", "b"])
        return [(c.kind, c.subject) for c in result.conflicts]

    assert conflicts(a, b) == []
    # each story speaks of the other's firm: the two ranks may be one insurer's
    both = conflicts([*a, "Rival Marsh is under investigation."],
                     [*b, "Swiss Re was not named in the complaint."])
    assert [kind for kind, _ in both] == ["contradiction"]


def test_a_topic_of_an_abbreviation_the_word_index_drops_is_compared() -> None:
    """"UN" reads as the common word "un" (scikit-learn's stop list), so a topic of it found
    no word (heldout16's draw): the documents naming it as written are compared instead,
    and a topic no document names is still refused."""
    corpus = _corpus(
        _doc("a", "Wire A", "Aid", "The UN said aid convoys reached the city on Monday.",
             "Food prices in the city have doubled since the siege began in spring."),
        _doc("b", "Wire B", "Aid", "UN officials said the first aid convoys arrived on Monday.",
             "Hospitals in the city are short of fuel and medicine, doctors said."),
        _doc("c", "Wire C", "Markets", "Shares rose in London as oil prices fell for a third day.",
             "Traders expect the bank to hold rates in the next month."))
    engine = Engine(corpus)
    result = engine.comparer.compare(topic="UN")
    assert {d for s in result.to_dict()["sources"] for d in s["doc_ids"]} == {"a", "b"}
    with pytest.raises(EngineInputError, match="no word of the topic"):
        engine.comparer.compare(topic="WHO")


def _survey_corpus(*before: str) -> Corpus:
    """Two wires report one survey figure; wire A gives it in a sentence that reads only
    after the sentences ``before`` it ("It said that 36% ...")."""
    return _corpus(
        _doc("a", "Wire A", "Phone survey", *before,
             "It said that 36% of UK camera phone users had never sent a multimedia "
             "message, or MMS."),
        _doc("b", "Wire B", "MMS slow to catch on", "Figures gathered by Continental "
             "Research show that 36% of British camera phone users have never sent a "
             "multimedia message (MMS).", "Operators hope cheaper tariffs will change that."),
        _doc("c", "Wire C", "Tariffs", "Mobile operators cut the price of picture messages "
             "in January."))


def test_a_credited_sentence_that_leans_back_is_shown_after_the_one_before_it():
    """A credited source's evidence is its own sentence; when that reads only after the
    sentence before it ("It said ..."), the reader gets that one too, before it: in JSON
    (``claims[].before``), Discord and the terminal. Only when the one before reads alone
    (or leads back to one that does, the next test): a leaning sentence at the top of its
    article leaves nothing to read it after, so that source is not credited, and a point
    only one source is then credited with is no consensus."""
    opening = ("Continental Research surveyed 1,000 camera phone owners across Britain in "
               "December.")
    result = Comparer(_survey_corpus(opening)).compare(documents=["a", "b", "c"])
    [point] = result.consensus
    by_source = {c.source: c for c in point.claims}
    assert by_source["Wire A"].before == opening
    assert by_source["Wire B"].before == ""  # the shown sentence reads alone
    # the sentence before says "in December" and its article has no date: the claim is
    # marked for it (compare check 11's "In December, Poland requested ..."), the other not
    assert (by_source["Wire A"].anchor, by_source["Wire B"].anchor) == ("undated article", "")
    [claim] = [c for c in result.to_dict()["consensus"][0]["claims"] if c["source"] == "Wire A"]
    assert claim["before"] == opening and claim["text"].startswith("It said")
    discord_text = "\n".join(compare_lines(result))
    assert f"“{opening} It said that 36%" in discord_text
    assert f"{opening} It said that 36%" in " ".join(compare_text(result).split())

    leaning = "He said the survey was the largest of its kind."
    result = Comparer(_survey_corpus(leaning)).compare(documents=["a", "b", "c"])
    assert "Wire A" not in {c.source for p in result.consensus for c in p.claims}
    assert result.consensus == [] and result.left_out >= 1
    assert "It said that 36%" not in "\n".join(compare_lines(result))


def test_a_credited_sentence_reads_after_a_run_back_to_one_that_reads_alone():
    """Issue 11, "every sentence in every answer stands alone": "But he went back on his
    pledge ..., it says." leans on "It claims Mr Blair said ...", which leans on the
    sentence naming the book: a credit shows that run before it, up to two sentences
    (comparer.BEFORE_RUN), as its article wrote them; three back is too far to credit."""
    from bot.engine.compare import comparer as comparer_module

    opening = ("Continental Research surveyed 1,000 camera phone owners across Britain in "
               "December.")
    middle = "It published the figures on Monday."
    result = Comparer(_survey_corpus(opening, middle)).compare(
        documents=["a", "b", "c"])
    [point] = result.consensus
    [claim] = [c for c in point.claims if c.source == "Wire A"]
    assert claim.before == f"{opening} {middle}"
    assert f"“{opening} {middle} It said that 36%" in "\n".join(compare_lines(result))

    # a run longer than one claim's room is shown whole in Discord, not cut between its two
    # sentences (render.compare.BEFORE_CHARS)
    long_opening = opening[:-1] + (", in towns and cities from Cornwall to the Highlands, "
                                   "asking about picture messages and video calls.")
    long_middle = ("It published the figures on Monday, alongside a report on how much "
                   "people spend on mobile data each month.")
    assert len(f"{long_opening} {long_middle}") > 220
    shown = Comparer(_survey_corpus(long_opening, long_middle)).compare(
        documents=["a", "b", "c"])
    assert f"“{long_opening} {long_middle} It said that 36%" in "\n".join(
        compare_lines(shown))

    leaning = "It asked them in December."
    far = Comparer(_survey_corpus(opening, leaning, middle)).compare(
        documents=["a", "b", "c"])
    assert comparer_module.BEFORE_RUN == 2
    assert "Wire A" not in {c.source for p in far.consensus for c in p.claims}


def test_a_count_names_every_noun_it_counts() -> None:
    """Issue 11, item 5: "Tens of thousands of men, women, and children" was shown as
    "Tens of thousands of men"; nouns of the counted class joined to it belong to it, a
    noun of another kind does not."""
    from bot.engine.compare.figures import extract_figures

    seed = "Tens of thousands of men, women, and children are still living under ISIS control."
    assert [f.text for f in extract_figures(seed)] == [
        "Tens of thousands of men, women, and children"]
    assert [f.text for f in extract_figures("Some 400,000 working men and women marched.")] \
        == ["Some 400,000 working men and women"]
    assert [f.text for f in extract_figures("Some 40 people and three dogs died.")] \
        == ["Some 40 people"]


def test_a_sources_unique_points_come_in_their_articles_order(seed_engine) -> None:
    """Session 75: a source's unique points are shown in their article's order (its
    articles in the order of their best point), so a point that leans on its article's
    earlier sentence ("Mr Nath also announced ...") comes after it, not before."""
    for topic in ("Mosul", "ISIS", "civilians"):
        unique = seed_engine.comparer.compare(topic=topic).unique
        assert unique
        for a, b in itertools.pairwise(unique):
            if a.source == b.source and a.doc_id == b.doc_id:
                assert a.position < b.position
        runs = [u.doc_id for u in unique]
        # an article's points are shown together, never split by another article's
        seen = [d for k, d in enumerate(runs) if k == 0 or runs[k - 1] != d]
        assert len(seen) == len(set(seen))
