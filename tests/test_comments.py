"""Readers' comments at the end of a page: found by the loader, never shown as the outlet's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.corpus.comments import COMMENTS_SECTION, comment_start, kind
from bot.corpus.segment import split_sentences
from bot.engine import Engine
from bot.engine.digest import build_digest
from bot.engine.errors import EngineInputError
from tests.conftest import write_corpus

STORY = [
    "Former chat show host Robert Kilroy-Silk launched his Veritas party in London on "
    "Wednesday, saying it would change the face of British politics.",
    "Mr Kilroy-Silk said the Veritas party would contest most seats at the election. "
    '"We shall be honest, open and straight," he told a news conference in London.',
    "Labour spokesman Fraser Kemp said Veritas was joining a crowded field on the right. "
    "UKIP leader Roger Knapman said he was glad to see the back of Mr Kilroy-Silk.",
    "The Veritas party will announce its policies on crime, tax and pensions over the "
    "next few weeks, a spokesman said.",
]
# seven readers' letters, their signatures cut, as the BBC prints them: the Veritas party
# and Ashfield in every one, so a ranker would take them if nothing stopped it
COMMENTS = [
    "The Veritas party is the BNP in an expensive suit! Veritas will win no seat in Ashfield.",
    "I think the Veritas party speaks for many voters in Ashfield on immigration.",
    "In my view the Veritas party launch was a publicity stunt and the name will doom it.",
    "Why would anyone in Ashfield vote for the Veritas party of Robert Kilroy-Silk?",
    "Kilroy-Silk and his Veritas party will split the vote in Ashfield, costing 5,000 votes.",
    "Good to see the parties of the right splintering. Veritas is a party of one man!",
    "My family in Ashfield will back the Veritas party at the general election.",
]
OTHER = [
    "Robert Kilroy-Silk's new Veritas party was launched in London on Wednesday.",
    "Mr Kilroy-Silk said the Veritas party would stand candidates in most seats, "
    "including Ashfield, where he is expected to challenge Geoff Hoon.",
    "UKIP officials said the Veritas party would be a parody of the party he had left.",
]


def _page(title: str, source: str, paragraphs: list[str]) -> str:
    return f"---\ntitle: {title}\nsource: {source}\npublished: 2026-12-02\n---\n" + \
        "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = write_corpus(tmp_path_factory.mktemp("comments") / "corpus", {
        "veritas.txt": _page("Kilroy launches Veritas party", "BBC", STORY + COMMENTS),
        "launch.txt": _page("Veritas party launched", "Wire", OTHER),
    })
    return Engine(load_corpus(root))


def _split(paragraphs: list[str]) -> list[list[str]]:
    return [split_sentences(p) for p in paragraphs]


def _comment_texts(engine: Engine) -> set[str]:
    return {s.text for d in engine.corpus.documents.values() for s in d.sentences
            if s.section == COMMENTS_SECTION}


def test_paragraph_kinds() -> None:
    assert kind(['"We shall be honest," he said.']) == "N"
    assert kind(["The plan would work, Mr Brown said."]) == "N"
    assert kind(["My family will back them."]) == "C"
    assert kind(["I think his views are shared by many."]) == "C"
    assert kind(["What about the Marine Chronometer?"]) == "C"
    # "I" inside a quotation is the speaker's, and the verb of saying names them
    assert kind(['"I will stand," Mr Kilroy-Silk said.']) == "N"
    assert kind(["Ships waited outside the harbour for three days."]) == "n"
    assert kind(["The US economy grew by 3%."]) == "n"  # "US" is no "us"


def test_comment_run_starts_after_the_story() -> None:
    assert comment_start(_split(STORY + COMMENTS)) == len(STORY)
    # a plain story, and a story with two letters after it: no comment run
    assert comment_start(_split(STORY + OTHER)) is None
    assert comment_start(_split(STORY + COMMENTS[:2])) is None
    # one writer's column: "I" and "you" throughout, no story before it, not enough
    column = ["I have never liked games consoles.", "You plug it in and it hums.",
              "My children love it, though.", "Is this the future?", "I doubt it!"]
    assert comment_start([[p] for p in column]) is None
    # ten and more letters with no story before them are a comment page all the same
    assert comment_start(_split(["Here is what you told us."] + COMMENTS * 2)) == 0


def test_loader_tags_the_run_and_keeps_every_sentence(engine: Engine) -> None:
    doc = engine.corpus.documents["veritas"]
    sections = [s.section for s in doc.sentences]
    story = sum(len(p.split(". ")) for p in STORY)  # every story sentence ends in ". " or "."
    assert COMMENTS_SECTION not in sections[:story - 1]
    comments = [s.text for s in doc.sentences if s.section == COMMENTS_SECTION]
    assert comments[0].startswith("The Veritas party is the BNP")
    assert comments[-1] == COMMENTS[-1]
    assert len(comments) == 9  # seven letters, two of them in two sentences
    assert all(s.section != COMMENTS_SECTION
               for s in engine.corpus.documents["launch"].sentences)


def test_no_answer_shows_a_readers_comment(engine: Engine) -> None:
    comments = _comment_texts(engine)
    assert len(comments) == 9
    summary = engine.summarizer.summarize(topic="Veritas party", sentences=5)
    shown = [s.text for s in summary.sentences]
    assert shown and not comments.intersection(shown)
    whole = engine.summarizer.summarize(document="veritas", sentences=6)
    assert whole.sentences and not comments.intersection(s.text for s in whole.sentences)

    brief = engine.places.brief("Ashfield", 5)
    assert brief.sentences and not comments.intersection(s.text for s in brief.sentences)
    # "costing 5,000 votes" is a reader's figure: not a key figure of the page
    assert all("5,000" not in f.text for f in brief.figures)

    comparison = engine.comparer.compare(topic="Veritas party")
    credited = json.dumps(comparison.to_dict())
    assert not [c for c in comments if c in credited]

    digest = build_digest(engine)
    assert not [c for c in comments if c in json.dumps(digest.to_dict())]


def test_comparing_pages_of_comments_only_says_why_nothing_is_compared(
        tmp_path: Path) -> None:
    letters = ["Here is what you told us about the Veritas party."] + COMMENTS * 2
    root = write_corpus(tmp_path / "corpus", {
        "a.txt": _page("Your views on Veritas", "BBC", letters),
        "b.txt": _page("Readers on Veritas", "Paper", letters[::-1])})
    engine = Engine(load_corpus(root))
    assert all(s.section == COMMENTS_SECTION for s in engine.corpus.documents["a"].sentences)
    with pytest.raises(EngineInputError, match="reader's comment"):
        engine.comparer.compare(documents=["a", "b"])


def test_the_comment_section_survives_the_snapshot(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus", {
        "veritas.txt": _page("Kilroy launches Veritas party", "BBC", STORY + COMMENTS)})
    cache = tmp_path / "cache"
    load_corpus(root, cache_dir=cache)
    again = load_corpus(root, cache_dir=cache)  # read back from the snapshot
    tagged = [s.text for s in again.documents["veritas"].sentences
              if s.section == COMMENTS_SECTION]
    assert len(tagged) == 9


RELABEL = Path(__file__).parent / "fixtures" / "standalone_relabel25.json"
BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "bbc-news-summary" / "articles"


def test_the_session_25_relabel_is_labelled_blind() -> None:
    """The lines leaving out readers' comments took from the checks' answers and the lines
    that replaced them, labelled blind among repeats (QUALITY.md, session 25): every line
    labelled, the repeats mostly as the first time, and the comments taken out read worse
    than what replaced them."""
    data = json.loads(RELABEL.read_text(encoding="utf-8"))
    assert data["labelled_by"]
    lines = data["lines"]
    for line in lines:
        assert line["label"] in ("alone", "needs context")
        assert (line["kind"] == "") == (line["label"] == "alone")
    repeats = [line for line in lines if line["side"] == "repeat"]
    assert len(repeats) >= 10
    assert sum(line["first_label"] == line["label"] for line in repeats) >= len(repeats) - 2

    def alone(side: str) -> float:
        rows = [line for line in lines if line["side"] == side]
        assert len(rows) >= 20
        return sum(line["label"] == "alone" for line in rows) / len(rows)

    assert alone("gone") <= 0.15 and alone("new") >= 0.5


@pytest.mark.skipif(not BBC.is_dir(), reason="needs ../shared/bbc-news-summary")
def test_the_relabelled_lines_are_where_the_loader_says() -> None:
    """On the BBC set every line taken out stands in a page's readers' comments and no
    line that replaced one does; 9 pages carry comments, none of them in the story part."""
    corpus = load_corpus(BBC)
    tagged = {(d.doc_id, s.position) for d in corpus.documents.values() for s in d.sentences
              if s.section == COMMENTS_SECTION}
    assert len({doc for doc, _ in tagged}) == 9
    lines = json.loads(RELABEL.read_text(encoding="utf-8"))["lines"]
    for line in lines:
        if line["side"] != "repeat":
            assert ((line["doc_id"], line["position"]) in tagged) == (line["side"] == "gone")
