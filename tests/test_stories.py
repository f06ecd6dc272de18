"""A line quoted from deep in its article comes with the article's first sentence."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.items import SentenceItem
from bot.engine.places import PlaceIndex
from bot.engine.stories import STORY_FROM, with_stories
from bot.render.places import briefing_embed, briefing_text
from bot.render.summary import STORY_LABEL

FIXTURES = Path(__file__).parent / "fixtures"

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
    c = corpus(ELECTROLUX, NEAR)
    brief = PlaceIndex.build(c).brief("Leeds", 5)
    stories = {(i.doc_id, i.position): i.story for i in brief.sentences}
    assert stories[("d0", 3)] == ELECTROLUX[0]
    assert ("d1", 0) in stories  # d1's opening is quoted: no note under its deep line
    assert all(story == "" for (doc, _), story in stories.items() if doc == "d1")
    embed = briefing_embed(brief, with_map=False).description or ""
    assert f"↳ *{STORY_LABEL}* Electrolux saw its shares rise 14%" in embed
    text = briefing_text(brief)
    assert f"{STORY_LABEL} {ELECTROLUX[0]}" in text
    assert text.count(STORY_LABEL) == 1


def test_blind_check_24_reads_deep_lines_better_with_their_article_opening() -> None:
    """Held-out check 24 (seed 73, 40 places named in two BBC articles, drawn with the
    change, pre-registered): two blind labellers, each seeing half the briefs with the
    openings and half without. 64 of the 95 lines carry an opening; with it 54 of their 64
    labels read alone, without it 45 (0.84 against 0.70); 10 lines go from needing context
    to alone and 1 the other way. As shipped, 80 of the 95 lines read alone."""
    data = json.loads((FIXTURES / "standalone_answers_check24.json").read_text("utf-8"))
    lines = [x for a in data["answers"] for x in a["lines"]]
    assert data["seed"] == 73 and len(data["answers"]) == 40 and len(lines) == 95
    noted = [x for x in lines if x["story"]]
    assert len(noted) == 64
    for x in lines:  # each line read once by each labeller; a note only where there is one
        assert sorted(r["labeller"] for r in x["labels"]) == [1, 2]
        assert sum(r["story_shown"] for r in x["labels"]) == (1 if x["story"] else 0)
    read = Counter((r["story_shown"], r["label"]) for x in noted for r in x["labels"])
    assert (read[True, "alone"], read[False, "alone"]) == (54, 45)
    flips = Counter(tuple(r["label"] for r in sorted(x["labels"], key=lambda r: r["story_shown"]))
                    for x in noted)
    assert (flips["needs context", "alone"], flips["alone", "needs context"]) == (10, 1)
    # as shipped: the label of the labeller who saw the answer with its openings
    for a in data["answers"]:
        for x in a["lines"]:
            shipped = {1: "A", 2: "B"}
            mine = next(r for r in x["labels"] if shipped[r["labeller"]] == a["half"])
            assert mine["label"] == x["label"]
    assert sum(x["label"] == "alone" for x in lines) == 80
