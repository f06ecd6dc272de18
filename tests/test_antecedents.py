"""What a shown line's "the report" or "the pact" is, in its article's earlier words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.corpus.model import Document, Sentence
from bot.engine.antecedents import what_note
from bot.engine.referents import once, who_of
from bot.engine.summary import Summarizer
from bot.render.summary import sentence_text_lines

JUPITER = ["Scandinavian countries lead Europe in their use of technology, a report by "
           "Jupiter Research says.",
           "Sweden, Denmark and Norway came out top in the report, but trends differed."]


def test_the_report_is_the_one_the_article_introduced() -> None:
    assert what_note(JUPITER[1], "Nordic nations top tech table", JUPITER, 1) == (
        "the report: a report by Jupiter Research")


@pytest.mark.parametrize(("article", "note"), [
    (["Mr Schroeder wants the EU's stability pact loosened.", "Paris agrees.",
      "He called for changes to the pact."], "the pact: the EU's stability pact"),
    (["The deal was signed by the Conlon and Maguire families.",
      "Most of those convicted were friends of the two families."],
     "the two families: the Conlon and Maguire families"),
    (["The Pensions Commission's report into UK retirement savings was published.",
      "The report added that higher taxes were needed."],
     "The report: the Pensions Commission's report into UK retirement savings"),
    (["Cairn said the Indian government had approved the plan.",
      "Cairn also said that the government believed tax was due."],
     "the government: the Indian government"),
])
def test_notes_name_the_thing(article: list[str], note: str) -> None:
    assert what_note(article[-1], "Untitled", article, len(article) - 1) == note


@pytest.mark.parametrize(("article", "title"), [
    # the title names the thing already
    (JUPITER, "Jupiter report finds Nordic lead"),
    # another number: "the services" are not "a service from the Norwegian ..."
    (["A service from the Norwegian Broadcasting Corporation started.",
      "The cost of the services will need to be addressed."], "Mobile TV"),
    # a modifier the earlier mention lacks: "the racing game" is not "the official UK games"
    (["Halo 2 led the official UK games chart.",
      "The racing game moved up one spot to first place."], "Chart news"),
    # two differently named formats: which is meant?
    (["Sony backs the Blu-ray format.", "Toshiba backs the HD-DVD format.",
      "Fox said the format would win."], "DVD war"),
    # the line names it already
    (["News Corp's decision surprised Sydney.",
      "Analysts said the decision to list News Corp in the US was expected."], "Listing"),
    # "a UK-listed company" does not say which company
    (["Cairn is a UK-listed company.", "The company has made new discoveries."],
     "Oil finds"),
    # a time modifier against another: "the current version" is not "the next version"
    (["The next version of Windows is due.", "The current version is four years old."],
     "Windows"),
    # a hypothetical "a Labour government" is not "the government"
    (["A Labour government would raise taxes, Mr Howard said.",
      "The government has postponed the report."], "Pensions"),
    # nothing before the first sentence
    (["The report by Ofcom said so."], "Ofcom"),
])
def test_no_note_where_the_article_does_not_say_which(article: list[str], title: str) -> None:
    assert what_note(article[-1], title, article, len(article) - 1) == ""


def _doc(doc_id: str, title: str, *texts: str) -> Document:
    return Document(doc_id, title, [Sentence(t, doc_id, i) for i, t in enumerate(texts)])


def test_who_of_gives_people_and_things_and_an_answer_gives_each_once() -> None:
    doc = _doc("nordic", "Nordic nations top tech table", JUPITER[0],
               "Ben Wood, an analyst at research firm Gartner, agreed.",
               "Mr Wood said Sweden came out top in the report.")
    assert who_of(doc, doc.sentences[2].text) == (
        "Mr Wood: Ben Wood, an analyst at research firm Gartner; "
        "the report: a report by Jupiter Research")
    from bot.engine.items import SentenceItem

    items = once([SentenceItem(JUPITER[0], "nordic", "u", 0),
                  SentenceItem(JUPITER[1], "nordic", "u", 1,
                               who="the report: a report by Jupiter Research")])
    assert [i.who for i in items] == ["", ""]  # the first line says which report


def test_a_summary_line_shows_which_report(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    (root / "nordic.txt").write_text(
        "Nordic nations top tech table\n\n" + " ".join(JUPITER) + " Broadband use grew fast "
        "in Finland and Iceland as well.\n", encoding="utf-8")
    (root / "chips.txt").write_text(
        "Chip sales slow\n\nChip sales slowed in Asia this year, analysts said. Memory prices "
        "fell by a fifth as makers built too many chips.\n", encoding="utf-8")
    result = Summarizer(load_corpus(root)).summarize(topic="Sweden Denmark Norway",
                                                     sentences=1)
    assert [i.text for i in result.sentences] == [JUPITER[1]]
    assert result.sentences[0].who == "the report: a report by Jupiter Research"
    assert "[the report: a report by Jupiter Research]" in "\n".join(
        sentence_text_lines(result.sentences))
