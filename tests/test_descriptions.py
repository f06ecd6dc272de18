"""Which report, plan or firm a shown line's "the report" or "the firm" is, in its
article's words (``bot.engine.descriptions``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.engine.descriptions import introductions, what_note
from bot.engine.items import SentenceItem
from bot.engine.summary import Summarizer
from bot.render.summary import sentence_lines
from tests.conftest import write_corpus

JUPITER = ["The UK is the fourth most digitally-savvy nation in Europe, according to a report "
           "by Jupiter Research.",
           "Broadband take-up rose by a third last year.",
           "Sweden, Denmark and Norway came out top in the report, but there were differences."]


def test_the_report_is_shown_with_the_articles_introduction() -> None:
    assert what_note(JUPITER[2], "Digital UK driven by net and TV", JUPITER, 2) == (
        "the report: a report by Jupiter Research")


@pytest.mark.parametrize(("article", "note"), [
    # a plan is named by what it is to do
    (["Chancellor Gordon Brown earlier backed a plan to freeze the foreign debts of all the "
      "affected nations.", "The chancellor said the plan would save the countries $3bn."],
     "the plan: a plan to freeze the foreign debts of all the affected nations"),
    # a firm by its descriptor and name, without the preposition before them
    (["The figures, from e-mail management firm Email Systems, will alarm firms.",
      "Attacks are on the increase, according to the firm."],
     "the firm: e-mail management firm Email Systems"),
    # research by its author
    (["Research by handset maker Nokia shows more people use mobiles.",
      "Women over 50 almost never use a mobile phone, the research found."],
     "the research: Research by handset maker Nokia"),
    # a name's possessive, and a named noun phrase
    (["The Commission's decision gave feta legal protection.",
      "Denmark and Germany appealed against the decision."],
     "the decision: The Commission's decision"),
    (["Cadbury said its Fuel for Growth cost-cutting programme saved £75m.",
      "The programme is set to close 20% of the group's factories."],
     "the programme: its Fuel for Growth cost-cutting programme"),
    # a modifier on the line must be in the introduction: "the holding company"
    (["The rest would come from its parent company, China Aviation Oil Holding Company.",
      "The holding company, owned by the government, holds most of the shares."],
     "the holding company: its parent company, China Aviation Oil Holding Company"),
    # a name in apposition
    (["The story came after the publication of a new book, Brown's Britain by Robert Peston.",
      "The book claims the premier went back on his pledge."],
     "the book: a new book, Brown's Britain by Robert Peston"),
])
def test_the_forms_news_copy_introduces_things_with(article: list[str], note: str) -> None:
    assert what_note(article[-1], "", article, len(article) - 1) == note


@pytest.mark.parametrize(("article", "title"), [
    # introduced without a name: nothing to show (not an older, other survey's name)
    (["A CBI survey found output rose.", "UK manufacturing slowed, according to a survey.",
      "The survey added that input prices rose."], ""),
    # the line names it itself
    ([*JUPITER[:2], "A report by Ofcom says take-up rose, and the report adds more."], ""),
    ([*JUPITER[:2], "The report by Ofcom says take-up rose."], ""),
    # the title names it
    (JUPITER, "Jupiter Research report ranks the UK fourth"),
    # the noun is a modifier: "the research centre"
    (["Dublin's hi-tech research centre opened.", "The research centre will close in 2006."],
     ""),
    # a new description, not a reference back
    ([*JUPITER[:2], "The first report said otherwise."], ""),
    # an organisation named in the line before "the firm" is its likelier antecedent
    (["Gazprom, the state gas firm, bid for Yukos' main unit.",
      "Yukos' lawyers claim the auction was illegal because the firm had filed for "
      "bankruptcy."], ""),
    # "the parent company of Yukos" is not "the company"
    (["The bid was made by the parent company of Yukos, Group Menatep.",
      "The company's effort to gain bankruptcy protection was dismissed."], ""),
    # "the firms" stand for a list of names
    (["Technology firms Sony, Philips and Samsung are developing a common system.",
      "The firms want a system that thwarts copying."], ""),
])
def test_no_note_where_the_article_names_nothing_or_the_line_says(
        article: list[str], title: str) -> None:
    assert what_note(article[-1], title, article, len(article) - 1) == ""


def test_the_nearest_introduction_is_the_antecedent() -> None:
    article = ["A report by the IMF praised the reforms.",
               "A later report by the OECD was harsher.",
               "The report said growth would slow."]
    assert what_note(article[2], "", article, 2) == "the report: A later report by the OECD"
    # a sentence before both introductions has none
    assert what_note("The report said so.", "", article, 0) == ""


def test_a_reference_back_is_no_introduction() -> None:
    assert list(introductions("The report said growth would slow.", "report")) == []
    assert list(introductions("Growth slowed, according to a survey.", "survey")) == [
        ("a survey", False)]
    assert list(introductions("It backed the Mental Capacity Bill on Tuesday.", "bill")) == [
        ("the Mental Capacity Bill", True)]


def test_answers_show_which_report_in_discord_and_json(tmp_path: Path) -> None:
    docs = {
        "digital.txt": "Digital UK driven by net and TV\n\n" + " ".join(JUPITER) + " Sweden "
        "had the most broadband homes in Europe, while Greece had the fewest.\n",
        "tv.txt": "Europe watches more digital TV\n\nDigital TV reached half of Europe's "
        "homes last year, with Sweden and the UK ahead of the rest of Europe.\n",
    }
    corpus = load_corpus(write_corpus(tmp_path / "c", dict(docs)))
    line = corpus.documents["digital"].sentences[2]
    item = SentenceItem.of(corpus, line)  # what every answer quotes a sentence as
    note = "the report: a report by Jupiter Research"
    assert item.who == note and item.to_dict()["who"] == note
    assert f"\\[{note}\\]" in "\n".join(sentence_lines([item]))
    # an answer that already shows the introduction does not say it again
    result = Summarizer(corpus).summarize(document="digital", sentences=3)
    texts = [i.text for i in result.sentences]
    assert JUPITER[0] in texts and JUPITER[2] in texts, texts
    assert [i.who for i in result.sentences if i.text == JUPITER[2]] == [""]
