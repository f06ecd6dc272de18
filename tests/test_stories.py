"""A line quoted from deep in its article comes with the article's first sentence."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.compare.comparer import claims_shown, claims_with_stories
from bot.engine.compare.model import (
    Comparison,
    ConsensusPoint,
    PointClaim,
    SourceCoverage,
    UniquePoint,
)
from bot.engine.items import SentenceItem
from bot.engine.places import PlaceIndex
from bot.engine.stories import STORY_FROM, with_stories
from bot.engine.summary import Summarizer
from bot.render.common import BEFORE_LABEL, STORY_LABEL
from bot.render.compare import compare_lines, compare_text
from bot.render.places import briefing_embed, briefing_text
from bot.render.summary import summary_text
from tests.test_standalone import _check_answers

ELECTROLUX = [
    "Electrolux saw its shares rise 14% after it said it would move more of its manufacturing "
    "to low-cost countries.",
    "The Swedish firm makes fridges, cookers and vacuum cleaners.",
    "Analysts welcomed the plan, which is expected to save money over five years.",
    "The company has two manufacturing sites in Leeds, where 900 people work.",
    "Unions said they would fight any closure of the plants in Yorkshire.",
]
LEANING = [
    "He called it his masochism strategy, and now he has signed up for more of it.",
    "The prime minister took questions from voters for two hours.",
    "Voters were chosen by a polling firm from every region of the country.",
    "One voter from Leeds asked about hospital waiting times in the north.",
]
NEAR = [
    "Flood defences costing £50m are to be built along the river in Leeds, the council said.",
    "Work on the walls and gates is due to begin in the spring and last three years.",
    "Hundreds of homes and businesses were flooded in the city in 2015.",
    "The council said the defences in Leeds would protect 3,000 homes from the river.",
]


def corpus(*docs: list[str]) -> Corpus:
    documents = {}
    for n, texts in enumerate(docs):
        doc_id = f"d{n}"
        documents[doc_id] = Document(doc_id, f"Story {n}",
                                     [Sentence(t, doc_id, i) for i, t in enumerate(texts)],
                                     source=f"Outlet {n}")
    return Corpus(Path("."), documents)


def items(c: Corpus, *rows: tuple[str, int]) -> list[SentenceItem]:
    return [SentenceItem.of(c, c.documents[d].sentences[p]) for d, p in rows]


def test_a_deep_line_comes_with_its_article_opening_once() -> None:
    c = corpus(ELECTROLUX)
    shown = with_stories(items(c, ("d0", 3), ("d0", 4)), c)
    assert STORY_FROM == 3
    assert shown[0].story == ELECTROLUX[0] and shown[0].to_dict()["story"] == ELECTROLUX[0]
    assert shown[1].story == ""  # the article's opening is shown once per answer


def test_no_opening_when_the_answer_quotes_the_articles_start_or_it_leans() -> None:
    c = corpus(ELECTROLUX, LEANING)
    # the answer already quotes d0's second sentence, near its opening
    assert [i.story for i in with_stories(items(c, ("d0", 3), ("d0", 1)), c)] == ["", ""]
    # d1 opens on "He called it ...": no use as context, so nothing is shown
    assert [i.story for i in with_stories(items(c, ("d1", 3)), c)] == [""]
    # a line from the first three sentences needs no opening
    assert [i.story for i in with_stories(items(c, ("d0", 2)), c)] == [""]


def test_a_brief_shows_the_opening_under_a_deep_line_in_discord_and_the_terminal() -> None:
    named = [*ELECTROLUX[:3], "Electrolux has two manufacturing sites in Leeds, where 900 "
             "people work.", ELECTROLUX[4]]  # a deep line that names its firm: no leaning
    c = corpus(named, NEAR)
    brief = PlaceIndex.build(c).brief("Leeds", 5)
    stories = {(i.doc_id, i.position): i.story for i in brief.sentences}
    assert stories[("d0", 3)] == ELECTROLUX[0]
    assert ("d1", 0) in stories  # d1's opening is quoted: not again under its deep line,
    # whose "The council said ..." leans on it: the sentence before it instead (session 82)
    assert stories[("d1", 0)] == "" and stories[("d1", 3)] == NEAR[2]
    embed = briefing_embed(brief, with_map=False).description or ""
    assert f"↳ *{STORY_LABEL}* Electrolux saw its shares rise 14%" in embed
    text = briefing_text(brief)
    assert f"{STORY_LABEL} {ELECTROLUX[0]}" in text
    assert text.count(STORY_LABEL) == 1 and text.count(BEFORE_LABEL) == 1
    # "The company has two manufacturing sites in Leeds" leans on its story: the sentence
    # before it is shown in the opening's place, under its own label (session 81)
    leaning = PlaceIndex.build(corpus(ELECTROLUX, NEAR)).brief("Leeds", 5)
    deep = next(i for i in leaning.sentences if (i.doc_id, i.position) == ("d0", 3))
    assert (deep.story, deep.story_before) == (ELECTROLUX[2], True)
    assert deep.to_dict()["story_before"] is True
    assert f"↳ *{BEFORE_LABEL}* Analysts welcomed the plan" in (
        briefing_embed(leaning, with_map=False).description or "")
    assert f"{BEFORE_LABEL} {ELECTROLUX[2]}" in briefing_text(leaning)


AGENCY = ["Flood defences costing £50m are to be built in Leeds, the council said.",
          "Work is due to begin in the spring and last three years.",
          "Engineers from the Environment Agency surveyed the river last year.",
          "The agency found that 3,000 homes in the city were at risk."]


def test_a_leaning_line_shows_the_sentence_before_it_when_that_reads_alone() -> None:
    """Session 81's blind paired check (``tests/fixtures/story_context_check81.json``): a
    line that leans on its story ("The agency found ...") read alone with the sentence
    before it 253 times in 286 labels, with its article's opening 211. That sentence is
    shown instead of the opening when it reads alone, is not the opening and the answer
    does not quote it; else the opening, as before."""
    c = corpus(AGENCY)
    line = items(c, ("d0", 3))
    shown = with_stories(line, c, deep=False, leaning=lambda _: True)[0]
    assert (shown.story, shown.story_before) == (AGENCY[2], True)
    # the answer quotes that sentence already: the opening
    both = with_stories(items(c, ("d0", 2), ("d0", 3)), c, deep=False,
                        leaning=lambda i: i.position == 3)
    assert (both[1].story, both[1].story_before) == (AGENCY[0], False)
    # the sentence before does not read alone ("It ..."): the opening
    leans = corpus([*AGENCY[:2], "It surveyed the river last year.", AGENCY[3]])
    shown = with_stories(items(leans, ("d0", 3)), leans, deep=False, leaning=lambda _: True)[0]
    assert (shown.story, shown.story_before) == (AGENCY[0], False)
    # the second sentence's sentence before is the opening itself
    firm = corpus(["Electrolux is to close two plants in Yorkshire, cutting 900 jobs.",
                   "The company said the plants were no longer competitive."])
    shown = with_stories(items(firm, ("d0", 1)), firm, deep=False, leaning=lambda _: True)[0]
    assert (shown.story, shown.story_before) == (firm.documents["d0"].sentences[0].text, False)
    # a deep line that does not lean keeps the opening
    shown = with_stories(items(c, ("d0", 3)), c, leaning=lambda _: False)[0]
    assert (shown.story, shown.story_before) == (AGENCY[0], False)


def _check(check: int) -> tuple[dict, list[dict], Counter, Counter]:
    """Check ``check``'s fixture, its lines, the (opening shown, label) counts of the lines
    given an opening, and their paired (label without, label with) counts."""
    data = _check_answers(check)
    lines = [x for a in data["answers"] for x in a["lines"]]
    noted = [x for x in lines if x["story"]]
    for x in lines:  # each line read once by each labeller; a note only where there is one
        assert sorted(r["labeller"] for r in x["labels"]) == [1, 2]
        assert sum(r["story_shown"] for r in x["labels"]) == (1 if x["story"] else 0)
    read = Counter((r["story_shown"], r["label"]) for x in noted for r in x["labels"])
    flips = Counter(tuple(r["label"] for r in sorted(x["labels"], key=lambda r: r["story_shown"]))
                    for x in noted)
    return data, lines, read, flips


def _as_shipped(data: dict, labeller: dict[str, int]) -> None:
    """A line's own label is the one of the labeller who saw its answer as shipped
    (``labeller``: half -> labeller)."""
    for a in data["answers"]:
        for x in a["lines"]:
            mine = next(r for r in x["labels"] if r["labeller"] == labeller[a["half"]])
            assert (mine["label"], mine["kind"]) == (x["label"], x["kind"])


def test_blind_check_24_reads_deep_lines_better_with_their_article_opening() -> None:
    """Held-out check 24 (seed 73, 40 places named in two BBC articles, drawn with the
    change, pre-registered): two blind labellers, each seeing half the briefs with the
    openings and half without. 64 of the 95 lines carry an opening; with it 54 of their 64
    labels read alone, without it 45 (0.84 against 0.70); 10 lines go from needing context
    to alone and 1 the other way. As shipped, 80 of the 95 lines read alone."""
    data, lines, read, flips = _check(24)
    assert data["seed"] == 73 and len(data["answers"]) == 40 and len(lines) == 95
    assert sum(bool(x["story"]) for x in lines) == 64
    assert (read[True, "alone"], read[False, "alone"]) == (54, 45)
    assert (flips["needs context", "alone"], flips["alone", "needs context"]) == (10, 1)
    _as_shipped(data, {"A": 1, "B": 2})  # shipped with the openings
    assert sum(x["label"] == "alone" for x in lines) == 80


def test_topic_summaries_show_no_article_openings_check_25() -> None:
    """The same openings in topic summaries (change T), pre-registered before held-out check
    25 (seed 79, 30 topics, drawn with T, two blind labellers as in check 24), was not kept:
    the 82 lines given an opening read alone 68 of 82 times with it and 60 without (0.829
    against 0.732, 8 lines from needing context to alone, none back), short of the rule's
    0.10 by a hair, and it added half again to the answers' length (650 -> 985 quoted
    characters an answer). As shipped, without openings, 115 of 144 lines read alone."""
    data, lines, read, flips = _check(25)
    assert data["seed"] == 79 and len(data["answers"]) == 30 and len(lines) == 144
    noted = sum(bool(x["story"]) for x in lines)
    assert noted == 82 and (read[True, "alone"], read[False, "alone"]) == (68, 60)
    assert read[True, "alone"] / noted - read[False, "alone"] / noted < 0.10
    assert (flips["needs context", "alone"], flips["alone", "needs context"]) == (8, 0)
    _as_shipped(data, {"A": 2, "B": 1})  # shipped without the openings
    assert sum(x["label"] == "alone" for x in lines) == 115
    c = corpus(ELECTROLUX, NEAR)
    shown = Summarizer(c).summarize(topic="plants Yorkshire", sentences=1).sentences
    assert [(i.doc_id, i.position) for i in shown] == [("d0", 4)]
    assert with_stories(shown, c)[0].story == ELECTROLUX[0]  # what a brief would show
    assert shown[0].story == ""  # a deep line that reads alone: no opening (session 74)


def test_a_topic_line_that_leans_on_its_story_comes_with_the_opening() -> None:
    """Session 74: a topic summary's line that stays though it leans on its story ("The
    company has two sites ...", "..., the group said.": ``descriptions.story_wanted``) is
    shown with its article's opening, from its second sentence on; a clean line is not
    (check 25 read every deep line's opening as half again the answer's length)."""
    c = corpus(ELECTROLUX, NEAR)
    shown = Summarizer(c).summarize(topic="900 people", sentences=1).sentences
    assert [(i.doc_id, i.position) for i in shown] == [("d0", 3)]
    # since session 81 the sentence before it, which reads alone, is shown in its place
    assert shown[0].story == ELECTROLUX[2] and shown[0].to_dict()["story"] == ELECTROLUX[2]
    assert f"{BEFORE_LABEL} {ELECTROLUX[2]}" in summary_text(
        Summarizer(c).summarize(topic="900 people", sentences=1))
    # from the second sentence on, when the answer does not quote the opening itself
    firm = corpus(["Electrolux is to close two plants in Yorkshire, cutting 900 jobs.",
                   "The company said the plants were no longer competitive."])
    leaning = items(firm, ("d0", 1))
    assert with_stories(leaning, firm, deep=False, leaning=lambda _: True)[0].story == \
        firm.documents["d0"].sentences[0].text
    assert with_stories(leaning, firm)[0].story == ""  # a brief's rule: fourth sentence on
    assert with_stories(items(firm, ("d0", 0), ("d0", 1)), firm,
                        leaning=lambda _: True)[1].story == ""
    # without ``deep`` a deep line that reads alone gets none
    assert with_stories(items(c, ("d0", 4)), c, deep=False,
                        leaning=lambda _: False)[0].story == ""


def test_a_unique_point_that_leans_on_its_story_comes_with_its_opening() -> None:
    """Session 74: a comparison's unique point from its article's second sentence on that
    leans on its story ("The company said ...") shows the opening too, once per article,
    unless the answer quotes the article's first sentence."""
    firm = ["Electrolux is to close two plants in Yorkshire, cutting 900 jobs.",
            "The company said the plants in Yorkshire were no longer competitive."]
    c = corpus(firm)
    point = UniquePoint("Outlet 0", "d0", firm[1], 1)
    shown = with_stories([point], c, leaning=lambda u: True)
    assert shown[0].story == firm[0]
    assert with_stories([point], c, [("d0", 0)], leaning=lambda u: True)[0].story == ""
    assert with_stories([point], c)[0].story == ""  # not leaning, not deep: none


def _point(c: Corpus, shown: str, *claims: tuple[str, int, str]) -> ConsensusPoint:
    credited = [PointClaim(c.documents[d].sentences[p].text, d, f"Outlet {d[1:]}", p, 0.9,
                           before=before) for d, p, before in claims]
    return ConsensusPoint(shown, [k.doc_id for k in credited], [k.source for k in credited],
                          [], 0.9, credited)


def test_a_consensus_claim_that_leans_on_its_story_comes_with_its_opening() -> None:
    """Session 77: a credited source's own sentence from its article's second sentence on
    that leans on its story ("The exchange can delist a company ...") shows the article's
    opening under it, as a unique point does: once per article, not when the answer quotes
    the article's first sentence, not under a claim already shown after the sentence
    before it, and a deep unique point of that article then shows it no more; in Discord,
    the terminal and JSON."""
    firm = ["Creditors of South Korea's top credit card firm LG Card say they will put it "
            "into liquidation unless its former parent backs a bail-out.",
            "Its shares were suspended on the Seoul stock exchange.",
            "The exchange can delist a company if its debt exceeds its assets for two years.",
            "The firm said it would pay its creditors in full."]
    other = ["South Korea's stock exchange can delist any firm if its debt exceeds its assets "
             "two years running, and LG Card has been in debt for a year."]
    c = corpus(firm, other)
    leaning = lambda claim: claim.position >= 2  # noqa: E731
    point = _point(c, other[0], ("d0", 2, ""), ("d1", 0, ""))
    again = _point(c, other[0], ("d0", 3, ""), ("d1", 0, ""))
    told = claims_with_stories([point, again], c, leaning)
    assert [k.story for k in told[0].claims] == [firm[0], ""]
    assert [k.story for k in told[1].claims] == ["", ""]  # the article's opening once
    assert told[0].claims[0].to_dict()["story"] == firm[0]
    # the answer quotes the article's opening elsewhere (a unique point, a conflict's
    # claim): none
    assert claims_with_stories([point], c, leaning, [("d0", 0)])[0].claims[0].story == ""
    assert claims_with_stories([point], c, leaning, [("d0", 1)])[0].claims[0].story == firm[0]
    # a claim shown after the sentence before it reads with that one: no opening
    after = _point(c, other[0], ("d0", 2, firm[1]), ("d1", 0, ""))
    assert claims_with_stories([after], c, leaning)[0].claims[0].story == ""
    assert claims_with_stories([point], c, lambda _: False)[0].claims[0].story == ""
    # a unique point from deep in the same article: the opening is shown, under the claim
    deep = UniquePoint("Outlet 0", "d0", firm[3], 3)
    assert with_stories([deep], c)[0].story == firm[0]
    assert with_stories([deep], c, claims_shown(told, []))[0].story == ""
    assert ("d0", 0) not in claims_shown([point], [])
    result = Comparison("topic", "exchange", [SourceCoverage(f"Outlet {n}", f"o{n}", [f"d{n}"],
                                                             2, "") for n in (0, 1)],
                        told, [], [], [])
    text = " ".join(compare_text(result).split())
    assert f"{STORY_LABEL} {firm[0]}" in text
    assert any(f"↳ *{STORY_LABEL}* {firm[0]}" in line for line in compare_lines(result))


LG_CARD = (
    ["Creditors of South Korea's top credit card firm LG Card have said they will put the "
     "company into liquidation if its ex-parent firm fails to back a bail-out.",
     "LG Card's shares were suspended on the Seoul stock exchange on Monday.",
     "Its creditors say the group must provide 1.2 trillion won of new money.",
     "The exchange can delist a company if its debt exceeds its assets for two years running.",
     "LG Group has refused to put more money into the card firm."],
    ["LG Card, South Korea's biggest credit card company, has been rescued by its creditors.",
     "Banks agreed to inject 1.2 trillion won into the card firm after LG Group gave way.",
     "South Korea's stock exchange can delist any firm if its debt exceeds its assets two "
     "years running.",
     "LG Card lost money in each of the past two years as bad debts rose."])


def test_a_claim_shows_no_opening_the_answer_quotes_as_a_unique_point() -> None:
    """Two reports of LG Card's rescue agree that the exchange can delist a firm in debt;
    the second report's claim ("The exchange can delist a company ...") leans on its story,
    but its article's first sentence is shown as a unique point of the same answer, so the
    claim shows no opening under it (the answer would quote that sentence twice); without
    the unique points it would."""
    from bot.engine import Engine
    from bot.engine.leaning import story_leaning

    c = corpus(*LG_CARD)
    result = Engine(c).comparer.compare(topic="exchange")
    claims = {(k.doc_id, k.position): k for p in result.consensus for k in p.claims}
    assert {("d0", 3), ("d1", 2)} <= set(claims)
    leaning = story_leaning(c)
    assert leaning(claims["d0", 3])
    assert ("d0", 0) in {(u.doc_id, u.position) for u in result.unique}
    assert claims["d0", 3].story == ""
    assert not any(u.story for u in result.unique if u.doc_id == "d0")
    alone = claims_with_stories(result.consensus, c, leaning)
    assert {(k.doc_id, k.position): k.story for p in alone for k in p.claims}["d0", 3] == \
        LG_CARD[0][0]


def _relabel(name: str, size: int) -> tuple[list[dict], Counter]:
    """A session 74 relabel's lines (``tests/fixtures/<name>.json``), checked as drawn: each
    relabelled by labellers 1 and 2, the flagged lines (and only they) shown with their
    article's opening and still flagged by ``story_wanted`` (a later rule may flag a control
    line too); and the "alone" counts by (side, "labels_before" or "labels")."""
    import json

    from bot.engine.descriptions import story_wanted

    data = json.loads((Path(__file__).parent / "fixtures" / f"{name}.json").read_text("utf-8"))
    lines = data["lines"]
    assert len(lines) == size and data["labelled_by"]
    alone: Counter = Counter()
    for line in lines:
        assert [r["labeller"] for r in line["labels"]] == [1, 2]
        assert bool(line["opening"]) == (line["side"] == "flag") and line["position"] >= 1
        if line["side"] == "flag":
            assert story_wanted(SimpleNamespace(text=line["text"], doc_id=line["doc_id"]),
                                lambda _, t=line["title"]: t)
        alone[line["side"], "labels_before"] += line["labels_before"].count("alone")
        alone[line["side"], "labels"] += sum(r["label"] == "alone" for r in line["labels"])
    return lines, alone


def test_the_session_74_relabel_reads_leaning_unique_points_better_with_the_opening() -> None:
    """tests/fixtures/standalone_relabel74b.json: the 26 unique points of compare checks
    9-18 (second sentence on, no opening shown) that story_wanted flags read alone in 19 of
    their 52 first labels; shown with their article's opening to two new blind labellers,
    30 of 52 (0.365 -> 0.577; 7 points better, 1 worse); 26 unflagged control points 51 of
    52 then and now."""
    _, alone = _relabel("standalone_relabel74b", 52)
    assert (alone["flag", "labels_before"], alone["flag", "labels"]) == (19, 30)
    assert (alone["ctrl", "labels_before"], alone["ctrl", "labels"]) == (51, 51)


def test_the_session_74_relabel_reads_leaning_topic_lines_better_with_the_opening() -> None:
    """tests/fixtures/standalone_relabel74.json: the 40 topic-summary lines of checks 26-34
    that story_wanted flags read alone in 38 of their 80 first labels (without openings);
    shown with their article's opening to two new blind labellers, 55 of 80 (0.475 ->
    0.688; 12 lines read better, 2 worse). 40 unflagged lines drawn as controls, shown as
    first shown, read 67 of 80 then and 68 of 80 now: the labellers' drift is small."""
    _, alone = _relabel("standalone_relabel74", 80)
    assert (alone["flag", "labels_before"], alone["flag", "labels"]) == (38, 55)
    assert (alone["ctrl", "labels_before"], alone["ctrl", "labels"]) == (67, 68)


def test_a_unique_point_from_deep_in_its_article_comes_with_its_opening() -> None:
    c = corpus(ELECTROLUX)
    deep = UniquePoint("Outlet 0", "d0", ELECTROLUX[3], 3)
    shown = with_stories([deep], c)
    assert shown[0].story == ELECTROLUX[0] and shown[0].to_dict()["story"] == ELECTROLUX[0]
    # the comparison quotes the article's second sentence elsewhere (a consensus claim)
    assert with_stories([deep], c, [("d0", 1)])[0].story == ""
    # a deep line of the same article quoted elsewhere does not show its opening
    assert with_stories([deep], c, [("d0", 4)])[0].story == ELECTROLUX[0]


def test_seed_comparison_shows_openings_under_deep_unique_points_only(seed_engine) -> None:
    result = seed_engine.comparer.compare(topic="Mosul")
    corpus_ = seed_engine.corpus
    quoted = [(c.doc_id, c.position) for p in result.consensus for c in p.claims]
    quoted += [(c.doc_id, c.position) for k in result.conflicts for c in k.claims]
    quoted += [(u.doc_id, u.position) for u in result.unique]
    opened = {d for d, p in quoted if p < STORY_FROM}
    storied = [u for u in result.unique if u.story and not u.story_before]
    before = [u for u in result.unique if u.story_before]
    assert storied, "the seeds' Mosul comparison quotes a deep line of an article"
    for u in result.unique:
        sentences = corpus_.documents[u.doc_id].sentences
        if u.story_before:  # since session 81: the sentence before a line that leans
            assert u.position >= 2 and u.story == sentences[u.position - 1].text
        elif u.story:
            assert u.position >= STORY_FROM and u.doc_id not in opened
            assert u.story == sentences[0].text
    assert len({u.doc_id for u in storied}) == len(storied)  # once per article
    claims = [k for p in result.consensus for k in p.claims if k.story]
    shown = len(storied) + sum(not k.story_before for k in claims)
    shown_before = len(before) + sum(k.story_before for k in claims)
    text = compare_text(result)
    assert text.count(STORY_LABEL) == shown and text.count(BEFORE_LABEL) == shown_before
    lines = compare_lines(result)
    assert sum(line.count(f"↳ *{STORY_LABEL}*") for line in lines) == shown
    assert sum(line.count(f"↳ *{BEFORE_LABEL}*") for line in lines) == shown_before
    assert all(u.to_dict()["story"] == u.story for u in result.unique)



def test_an_opening_that_says_today_is_dated_or_marked_undated(seed_engine) -> None:
    """The opening shown under a deep line is quoted too: its "today" is anchored like a
    quoted line's (the seeds' "Iraqi forces are claiming victory ... today" comes from an
    undated article), in the engine's item, Discord, the terminal and JSON."""
    today = ["Iraqi forces are claiming victory in the battle for the city today.",
             *ELECTROLUX[1:]]
    c = corpus(today)
    deep = with_stories(items(c, ("d0", 3)), c)[0]
    assert deep.story == today[0] and deep.story_anchor == "undated article"
    assert deep.to_dict()["story_anchor"] == "undated article"
    c.documents["d0"].published = "2017-07-10"
    dated = with_stories(items(c, ("d0", 3)), c)[0]
    assert dated.story_anchor == "article of 10 July 2017"
    assert with_stories(items(corpus(ELECTROLUX), ("d0", 3)), corpus(ELECTROLUX))[0] \
        .story_anchor == ""  # no relative time word, no note
    result = seed_engine.comparer.compare(topic="Mosul")
    storied = [u for u in result.unique if u.story]
    today_lines = [u for u in storied if "today" in u.story]
    assert today_lines, "the seeds' Mosul comparison opens a story that says 'today'"
    assert all(u.story_anchor == "undated article" for u in today_lines)
    text = compare_text(result)
    assert all(f"{u.story} (undated article)" in " ".join(text.split()) for u in today_lines)
    discord_lines = " ".join(compare_lines(result))
    assert discord_lines.count("(undated article)") >= len(today_lines)


def test_the_session_77_relabel_reads_leaning_consensus_claims_better_with_the_opening(
) -> None:
    """tests/fixtures/standalone_relabel77.json: the 23 distinct consensus claims of BBC
    comparisons that now show their article's opening (each with the point's headline
    above it, as shown), each labelled blind by two helpers without the opening and by two
    others with it (cross design, four helpers): 30 of 46 labels alone without it (0.652),
    35 of 46 with it (0.761); 4 lines better, 1 worse (one labeller pair reads "the
    country" from "dollar", the other does not). 24 other consensus claims, as shown, 66 of
    96 (0.688): most of their misses are an undated article's "last week" or "in December".
    A gain in the direction of sessions 74 and 75 (0.37 -> 0.58, 0.35 -> 0.60 on unique
    points and topic lines), smaller, as the headline above already names much of what
    the claim leaves out."""
    import json

    path = Path(__file__).parent / "fixtures" / "standalone_relabel77.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    lines = data["lines"]
    assert data["labelled_by"] and Counter(x["side"] for x in lines) == {"opening": 23,
                                                                         "ctrl": 24}
    alone: Counter = Counter()
    for x in lines:
        if x["side"] == "ctrl":
            assert [r["labeller"] for r in x["labels"]] == [1, 2, 3, 4] and not x["story"]
            alone["ctrl"] += sum(r["label"] == "alone" for r in x["labels"])
            continue
        without = [r["labeller"] for r in x["labels_without"]]
        assert x["story"] and x["position"] >= 1 and without in ([1, 3], [2, 4])
        assert sorted(without + [r["labeller"] for r in x["labels_with"]]) == [1, 2, 3, 4]
        for side in ("without", "with"):
            alone[side] += sum(r["label"] == "alone" for r in x[f"labels_{side}"])
        alone["better"] += sum(r["label"] == "alone" for r in x["labels_with"]) > sum(
            r["label"] == "alone" for r in x["labels_without"])
        alone["worse"] += sum(r["label"] == "alone" for r in x["labels_with"]) < sum(
            r["label"] == "alone" for r in x["labels_without"])
        for r in (*x["labels_without"], *x["labels_with"]):
            assert (r["kind"] == "") == (r["label"] == "alone")
    assert (alone["without"], alone["with"], alone["ctrl"]) == (30, 35, 66)
    assert (alone["better"], alone["worse"]) == (4, 1)


def test_story_context_check_81_reads_leaning_lines_alone_more_often_with_the_sentence_before(
        ) -> None:
    """Session 81, tests/fixtures/story_context_check81.json (``python
    scripts/sample_story_context.py --out FILE --topics 600 --seed 8101``, engine 6e6ec61):
    the 143 lines of 600 BBC topic summaries and every place brief (places in two articles or
    more) shown with their article's opening because they lean on their story, from their
    third sentence on, whose sentence before reads alone. Each line shown with the opening
    (A) in one packet and with the sentence before (B) in the other, half each way, each
    packet labelled blind by two helpers. Registered before the labels were read: B takes
    the opening's place if its lines read alone in at least 10 more labels and it is better
    on more lines than worse. A: 211 of 286 labels alone (0.738); B: 253 of 286 (0.885);
    B better on 29 lines, worse on 6."""
    import json

    data = json.loads((Path(__file__).parent / "fixtures" / "story_context_check81.json")
                      .read_text("utf-8"))
    lines, packets = data["lines"], data["packets"]
    assert len(lines) == 143 and data["labelled_by"]
    for line in lines:
        assert line["position"] >= 2 and line["A"] and line["B"] and line["A"] != line["B"]
    seen: dict[int, list[str]] = {}
    alone: Counter[str] = Counter()
    per_line: dict[int, Counter[str]] = {}
    for name, shown in packets.items():
        assert sorted(x["id"] for x in shown) == list(range(143))  # each line once a packet
        assert len(data["labels"][name]) == 143
        for item, labels in zip(shown, data["labels"][name], strict=True):
            seen.setdefault(item["id"], []).append(item["version"])
            assert len(labels) == 2
            for label in labels:
                assert label["label"] in ("alone", "needs context")
                if label["label"] == "alone":
                    alone[item["version"]] += 1
                    per_line.setdefault(item["id"], Counter())[item["version"]] += 1
    assert all(sorted(v) == ["A", "B"] for v in seen.values())  # each line both ways
    assert sum(v == ["A", "B"] for v in seen.values()) in (71, 72)  # half each way
    better = sum(c["B"] > c["A"] for c in per_line.values())
    worse = sum(c["B"] < c["A"] for c in per_line.values())
    assert (alone["A"], alone["B"], better, worse) == (211, 253, 29, 6)
    assert alone["B"] - alone["A"] >= 10 and better > worse  # the registered criterion


def test_the_story_context_script_crosses_its_packets_and_scores_each_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """scripts/sample_story_context.py on a made-up draw: each packet shows a line once,
    with the context its version names under its label; merged labels are scored per
    version and per line."""
    import json

    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "scripts"))
    import sample_story_context as script

    lines = [{"id": k, "answer": "/summary topic:x", "doc_id": f"d{k}", "position": 3,
              "text": f"The agency found {k}.", "title": f"Title {k}", "who": "",
              "anchor": "", "A": f"Opening {k}.", "A_anchor": "", "B": f"Before {k}."}
             for k in range(2)]
    data = {"lines": lines, "packets": {"1": [{"id": 0, "version": "A"},
                                              {"id": 1, "version": "B"}],
                                        "2": [{"id": 1, "version": "A"},
                                              {"id": 0, "version": "B"}]}}
    text = script.packet_text(data, "1")
    assert "[1] The agency found 0." in text and "The article opens: Opening 0." in text
    assert "Just before it, the article says: Before 1." in text and "Before 0" not in text
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for name, first, second in (("1", "alone", "alone"), ("2", "needs context", "alone")):
        files = []
        for reader in (1, 2):
            f = tmp_path / f"p{name}_{reader}.json"
            f.write_text(json.dumps([{"n": 1, "label": first, "kind": "", "note": ""},
                                     {"n": 2, "label": second, "kind": "", "note": ""}]))
            files.append(f)
        script.merge(path, name, files, "test")
    merged = json.loads(path.read_text("utf-8"))
    assert [x["label"] for x in merged["labels"]["2"][0]] == ["needs context"] * 2
    # line 0: A alone twice, B alone twice; line 1: B alone twice, A never
    script.score(path)
    out = capsys.readouterr().out
    assert "with the opening (A) 2 of 4" in out and "with the sentence before (B) 4 of 4" in out
    assert "B better on 1 lines, worse on 0" in out


def test_a_line_that_nearly_leans_shows_the_sentence_before_when_nothing_else_is_shown(
        ) -> None:
    """Session 81: a line with nothing under it that ``nearly`` picks (the leaning model at
    0.15, below its 0.35) shows the sentence before it, from its third sentence on, when
    that reads alone and the answer does not show it; since session 82 also when the answer
    shows the article's opening (check told82)."""
    c = corpus(AGENCY)
    line = items(c, ("d0", 3))
    shown = with_stories(line, c, deep=False, leaning=lambda _: False,
                         nearly=lambda _: True)[0]
    assert (shown.story, shown.story_before) == (AGENCY[2], True)
    assert with_stories(line, c, deep=False, leaning=lambda _: False,
                        nearly=lambda _: False)[0].story == ""
    # the answer quotes the article's opening: the sentence before all the same (session 82)
    both = with_stories(items(c, ("d0", 0), ("d0", 3)), c, deep=False,
                        leaning=lambda _: False, nearly=lambda _: True)
    assert [(i.story, i.story_before) for i in both] == [("", False), (AGENCY[2], True)]
    # ... and when another line shows it as its story
    under = with_stories(items(c, ("d0", 1), ("d0", 3)), c, deep=False,
                         leaning=lambda i: i.position == 1, nearly=lambda _: True)
    assert [i.story for i in under] == [AGENCY[0], AGENCY[2]]
    # the second sentence: its sentence before is the opening, which is not shown so
    second = with_stories(items(c, ("d0", 1)), c, deep=False, leaning=lambda _: False,
                          nearly=lambda _: True)[0]
    assert second.story == ""


def _band_counts(data: dict, skip: set[int]) -> tuple[int, int, int, int]:
    """A ``--band`` check's labels reading its lines alone with nothing (A) and with the
    sentence before (B), and the lines B reads better and worse, bar the ``skip`` ids."""
    alone: Counter[str] = Counter()
    per_line: dict[int, Counter[str]] = {}
    for name, shown in data["packets"].items():
        for item, labels in zip(shown, data["labels"][name], strict=True):
            if item["id"] in skip:
                continue
            for label in labels:
                if label["label"] == "alone":
                    alone[item["version"]] += 1
                    per_line.setdefault(item["id"], Counter())[item["version"]] += 1
    return (alone["A"], alone["B"], sum(c["B"] > c["A"] for c in per_line.values()),
            sum(c["B"] < c["A"] for c in per_line.values()))


def test_story_context_band_81_reads_nearly_leaning_lines_alone_more_often_with_the_sentence(
        ) -> None:
    """Session 81, tests/fixtures/story_context_band81.json (``python
    scripts/sample_story_context.py --out FILE --band 0.25 0.35 --seed 8102``, engine
    acc7b33): the 108 lines of 600 BBC topic summaries and every place brief shown with
    nothing under them that no rule reads as leaning and the model reads at 0.25-0.35, from
    their third sentence on, whose sentence before reads alone and is not in the answer;
    each shown with nothing (A) in one packet and with the sentence before (B) in the other,
    half each way, labelled blind by two helpers a packet. Registered before the labels
    were read: B is shown if it reads alone in at least 10 more labels and is better on
    more lines than worse. A: 178 of 216 alone (0.824); B: 208 of 216 (0.963); B better on
    17 lines, worse on none. The 92 lines whose answer did not show their article's
    opening (the product's rule, read after the labels): A 155, B 176 of 184, 12 and 0."""
    import json

    data = json.loads((Path(__file__).parent / "fixtures" / "story_context_band81.json")
                      .read_text("utf-8"))
    assert data["band"] == [0.25, 0.35] and data["A_is"] == "nothing"
    assert len(data["lines"]) == 108 and len(data["opening_shown"]) == 16
    for line in data["lines"]:
        assert line["A"] == "" and line["B"] and 0.25 <= line["probability"] < 0.35

    assert _band_counts(data, set()) == (178, 208, 17, 0)
    assert _band_counts(data, set(data["opening_shown"])) == (155, 176, 12, 0)
    a, b, better, worse = _band_counts(data, set())
    assert b - a >= 10 and better > worse  # the registered criterion


def test_story_context_low_81_reads_lines_at_015_to_025_alone_more_often_with_the_sentence(
        ) -> None:
    """Session 81, tests/fixtures/story_context_low81.json (``python
    scripts/sample_story_context.py --out FILE --band 0.15 0.25 --seed 8103``, engine
    8cda58c, where lines at 0.25 or more already showed the sentence before): the 248 lines
    read at 0.15-0.25, drawn, shown and labelled as in check band81. Registered before the
    labels were read, for a context line under about 6% more lines: the threshold goes to
    0.15 if B reads alone in at least 25 more labels and is better on at least twice as many
    lines as worse. A: 424 of 496 alone (0.855); B: 475 of 496 (0.958); 31 better, 2
    worse; the 224 lines whose answer did not show their article's opening: 383 and 427 of
    448, 27 and 2."""
    import json

    from bot.engine.leaning import BEFORE_THRESHOLD

    data = json.loads((Path(__file__).parent / "fixtures" / "story_context_low81.json")
                      .read_text("utf-8"))
    assert data["band"] == [0.15, 0.25] and data["A_is"] == "nothing"
    assert len(data["lines"]) == 248 and len(data["opening_shown"]) == 24
    for line in data["lines"]:
        assert line["A"] == "" and line["B"] and 0.15 <= line["probability"] <= 0.25  # rounded

    a, b, better, worse = _band_counts(data, set())
    assert (a, b, better, worse) == (424, 475, 31, 2)
    assert _band_counts(data, set(data["opening_shown"])) == (383, 427, 27, 2)
    assert b - a >= 25 and better >= 2 * worse  # the registered criterion, so:
    assert BEFORE_THRESHOLD == 0.15


def test_the_story_context_script_draws_lines_left_bare_because_their_opening_is_shown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``sample_story_context.py --told`` (session 82): a line with nothing under it that
    ``nearly`` picks, from its third sentence on, is drawn when the answer shows its
    article's opening (as a line, or as another line's story) and its sentence before reads
    alone and is not in the answer; both versions carry the opening as a note."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "scripts"))
    import sample_story_context as script

    c = corpus(AGENCY)
    opening, deep = items(c, ("d0", 0), ("d0", 3))
    drawn = script._told_candidates([opening, deep], c, "/summary topic:x", lambda _: True)
    assert [(x["position"], x["A"], x["B"], x["opening"]) for x in drawn] == [
        (3, "", AGENCY[2], AGENCY[0])]
    assert drawn[0]["B_anchor"] == "undated article"  # its "last year", as the answer marks it
    # not when the answer does not show the opening (the engine shows the sentence itself),
    # nor when nothing leans, nor when the sentence before is in the answer
    assert script._told_candidates([deep], c, "/summary topic:x", lambda _: True) == []
    assert script._told_candidates([opening, deep], c, "/summary topic:x",
                                   lambda _: False) == []
    assert script._told_candidates([opening, deep], c, "/summary topic:x", lambda _: True,
                                   {("d0", 2)}) == []
    # the opening shown under another line counts as shown
    from dataclasses import replace

    under = replace(items(c, ("d0", 1))[0], story=AGENCY[0])
    assert [x["position"] for x in script._told_candidates([under, deep], c, "x",
                                                            lambda _: True)] == [3]
    data = {"told": True, "lines": [{**drawn[0], "id": 0}],
            "packets": {"1": [{"id": 0, "version": "B"}], "2": [{"id": 0, "version": "A"}]}}
    assert f"first sentence: {AGENCY[0]}" in script.packet_text(data, "2")
    assert "Just before it" not in script.packet_text(data, "2")
    assert f"Just before it, the article says: {AGENCY[2]}" in script.packet_text(data, "1")


def test_story_context_told_82_reads_lines_alone_more_often_with_the_sentence_before(
        ) -> None:
    """Session 82, tests/fixtures/story_context_told82.json (``python
    scripts/sample_story_context.py --out FILE --told --topics 600 --seed 8201 --max-lines
    150``, engine bf89527, behaviour as at ce05788): of the 584 lines of 600 BBC noun-topic
    summaries, comparisons and every place brief that ``nearly`` picked and the engine left
    bare only because the answer showed their article's opening elsewhere, 150 drawn at
    random (145 unique points of comparisons, 3 summary lines, 2 brief lines); both
    versions note the opening the answer shows; A nothing more, B the sentence before;
    crossed packets, two blind helpers a packet. Registered before the labels were read: the
    engine shows the sentence before under such lines if B reads alone in at least 20 more
    labels than A and is better on at least twice as many lines as worse. A: 263 of 300
    (0.877); B: 288 of 300 (0.960); B better on 17 lines, worse on 1."""
    import json

    data = json.loads((Path(__file__).parent / "fixtures" / "story_context_told82.json")
                      .read_text("utf-8"))
    assert data["told"] and data["A_is"] == "nothing" and data["found"] == 584
    assert len(data["lines"]) == 150
    for line in data["lines"]:
        assert line["A"] == "" and line["B"] and line["opening"] and line["position"] >= 2
    assert Counter(x["answer"].split()[0] for x in data["lines"]) == {
        "/compare": 145, "/summary": 3, "/brief": 2}
    a, b, better, worse = _band_counts(data, set())
    assert (a, b, better, worse) == (263, 288, 17, 1)
    assert b - a >= 20 and better >= 2 * worse  # the registered criterion, so the engine:
    c = corpus(AGENCY)
    both = with_stories(items(c, ("d0", 0), ("d0", 3)), c, deep=False,
                        leaning=lambda _: False, nearly=lambda _: True)
    assert both[1].story_before
