"""Who a shown line's "Mr Wood" or "the chancellor" is, in its article's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.compare.comparer import Comparer
from bot.engine.referents import who_note
from bot.engine.summary import Summarizer
from bot.render.compare import compare_lines, compare_text
from bot.render.summary import sentence_lines, sentence_text_lines

GARTNER = ["Camera phones are likely to prove an interesting battle ground at the show, said "
           "Ben Wood, principal analyst at research firm Gartner.",
           "Music is going to be a big theme for all the vendors at Cebit, said Mr Wood."]


def test_a_titled_surname_is_shown_with_the_articles_introduction() -> None:
    assert who_note(GARTNER[1], "Cebit opens to mobile music", GARTNER) == (
        "Mr Wood: Ben Wood, principal analyst at research firm Gartner")


@pytest.mark.parametrize(("article", "note"), [
    (["UK firms are trading online as never before, e-commerce minister Mike O'Brien says.",
      "Mr O'Brien said UK businesses were sprinting forward."],
     "Mr O'Brien: Mike O'Brien, e-commerce minister"),
    (["Gilles Babinet, chief executive of mobile music firm Musiwave, said downloads grow.",
      "Mr Babinet said the mobile phone had a number of advantages over PCs."],
     "Mr Babinet: Gilles Babinet, chief executive of mobile music firm Musiwave"),
    (["Former WorldCom chief Bernie Ebbers denied fraud.", "Mr Ebbers said so."],
     "Mr Ebbers: Bernie Ebbers, former WorldCom chief"),
    # a middle initial is part of the name, a courtesy title before it is not
    (["US President George W Bush spoke.", "Mr Bush said so."],
     "Mr Bush: George W Bush, US President"),
    (["Campaigners, including Labour backbencher Gwyneth Dunwoody, objected.",
      "Ms Dunwoody said so."], "Ms Dunwoody: Gwyneth Dunwoody, Labour backbencher"),
    (["The embargo will be lifted, UK Foreign Secretary Jack Straw has said.",
      "Mr Straw said so."], "Mr Straw: Jack Straw, UK Foreign Secretary"),
    (['"A sweetener," Anais Faraj, an analyst at Nomura told the BBC.', "Ms Faraj said so."],
     "Ms Faraj: Anais Faraj, an analyst at Nomura"),
    (["Iran's president, Mohammad Khatami, has unveiled a budget.", "Mr Khatami said so."],
     "Mr Khatami: Mohammad Khatami, Iran's president"),
    (["Ex-Downing Street media chief Alastair Campbell returns.", "Mr Campbell said so."],
     "Mr Campbell: Alastair Campbell, ex-Downing Street media chief"),
    (["Chief operating officer Toshiyuki Shiga joins.", "Mr Shiga said so."],
     "Mr Shiga: Toshiyuki Shiga, Chief operating officer"),
])
def test_the_role_comes_before_or_after_the_name(article: list[str], note: str) -> None:
    """Judged against their articles, 73 of 80 notes drawn from the BBC set were right and
    none named the wrong person; 4 of the 7 others dropped a sentence-opening "Former"."""
    assert who_note(article[1], "A title", article) == note


@pytest.mark.parametrize(("line", "title", "article"), [
    # named in full in the line, or in the title the reader sees beside it
    ("Ben Wood said Mr Wood's firm expects growth.", "Cebit", GARTNER),
    ("Mr Wood said sales would grow.", "Gartner's Ben Wood upbeat", GARTNER),
    # two people of that surname: which one is "Mr Howard"?
    ("Mr Howard claimed the tactic worked.", "Tory tactics",
     ["Tory leader Michael Howard borrowed from Australia.",
      "Strategist Lynton Crosby worked for John Howard, the Australian prime minister.",
      "Mr Howard claimed the tactic worked."]),
    # a judge's title: "Mr Justice" is no one's surname (a compound surname is noted from
    # the article's full name: test_a_two_word_surname_takes_the_articles_full_name)
    ("The finding by Mr Justice Harrison stands.", "Hunt ban",
     ["Chief Justice Lord Woolf sat.", "The finding by Mr Justice Harrison stands."]),
    # "Mr Howard" and "Mrs Howard" in one article: "Michael Howard's" may be either's
    ("Mrs Howard made her debut speech.", "Campaign trail",
     ["Michael Howard's campaign began.", "Mr Howard will host a news conference.",
      "Mrs Howard made her debut speech."]),
    # "Tory MP Howard Flight": Howard is his first name, not the surname of "Mr Howard"
    ("Mr Howard insisted he had played by the rules.", "Tory row",
     ["Tory MP Howard Flight was deselected.", "Mr Howard insisted he had played by the rules."]),
])
def test_no_note_where_the_reader_knows_or_the_article_does_not_say(
        line: str, title: str, article: list[str]) -> None:
    assert who_note(line, title, article) == ""


@pytest.mark.parametrize(("line", "article", "note"), [
    # a clause about the person is no role: the note gives the full name only
    ("Mr Voigt said the maps helped.",
     ['"We make maps," said Stefan Voigt, who works in the remote sensing department.',
      "Mr Voigt said the maps helped."], "Mr Voigt: Stefan Voigt"),
    # a participle and another clause's subject are no role
    ("Mr Yushchenko said the list was short.",
     ["Viktor Yushchenko, elected in December, has promised reviews.",
      "Mr Yushchenko said the list was short."], "Mr Yushchenko: Viktor Yushchenko"),
    ("Mr Abbasi was held for three years.",
     ["A letter has been sent to Feroz Abbasi, the men's solicitor says.",
      "Mr Abbasi was held for three years."], "Mr Abbasi: Feroz Abbasi"),
    # "Mr Morrow will succeed Shiro Tsuda": a verb, not a role, before the name
    ("Mr Tsuda will become chairman.",
     ["Mr Morrow will succeed Shiro Tsuda as president in April.",
      "Mr Tsuda will become chairman."], "Mr Tsuda: Shiro Tsuda"),
    # "as US President, Tony Blair has said": the office is another man's
    ("Mr Blair told the Guardian so.",
     ["Bush will be more consensual as he begins his second term as US President, Tony "
      "Blair has said.", "Mr Blair told the Guardian so."], "Mr Blair: Tony Blair"),
    # a plural is a list's role ("tycoons JP McManus and John Magnier"), not one person's
    ("Mr McManus said so.",
     ["Shares rose after the Irish horseracing tycoons JP McManus and John Magnier sold.",
      "Mr McManus said so."], "Mr McManus: JP McManus"),
    # a possessive full name is a full mention too ("Charles Clarke's planned orders")
    ("Mr Clarke said efforts would continue.",
     ['Charles Clarke\'s planned "control orders" mean house arrest.',
      "Mr Clarke said efforts would continue."], "Mr Clarke: Charles Clarke"),
    # "Mr Clarke" could be Ken or Charles: the article's own full name tells
    ("Mr Clarke said it would be a way of recognising young people.",
     ["Citizenship ceremonies could be introduced, Charles Clarke has said.",
      "Mr Clarke said it would be a way of recognising young people."],
     "Mr Clarke: Charles Clarke"),
])
def test_with_no_role_in_the_article_the_note_names_the_person(
        line: str, article: list[str], note: str) -> None:
    """The article names the person in full but says nothing of what they are that reads
    as a role: the reader still learns who "Mr Clarke" is, and no role is made up."""
    assert who_note(line, "A title", article) == note


@pytest.mark.parametrize(("article", "note"), [
    # the usual news attribution: ", said <role> <name>."
    (['New launches are "on hold", said Mercedes chief executive Eckhard Cordes.',
      "Mr Cordes said so."], "Mr Cordes: Eckhard Cordes, Mercedes chief executive"),
    (['"We expect customers to be mobile," said 3 spokesperson Belinda Henderson.',
      "Ms Henderson said so."], "Ms Henderson: Belinda Henderson, 3 spokesperson"),
    # a courtesy title between the role and the name
    (["But, says usability guru Dr Jakob Nielsen, some things have stayed constant.",
      "Dr Nielsen said so."], "Dr Nielsen: Jakob Nielsen, usability guru"),
    # a longer apposition, with "on" or "at"
    (['"Too much focus," said Dr Michael Bjorn, senior advisor on mobile media at Ericsson.',
      "Dr Bjorn said so."], "Dr Bjorn: Michael Bjorn, senior advisor on mobile media at Ericsson"),
    (["Ian Fogg, broadband and personal technology analyst at Jupiter Research, agreed.",
      "Mr Fogg said so."],
     "Mr Fogg: Ian Fogg, broadband and personal technology analyst at Jupiter Research"),
    # a capitalised apposition with its person noun before the preposition
    (["Andy Clarke, ERAA director of air transport, said the advice misleads.",
      "Mr Clarke said so."], "Mr Clarke: Andy Clarke, ERAA director of air transport"),
    # the organisation right after the name
    (['Rhian Beynon of the JCWI said the rules were "not proportionate".',
      "Ms Beynon said so."], "Ms Beynon: Rhian Beynon, of the JCWI"),
    # a capitalised word ending in "-ed" is a name, not a verb the role starts after
    (["Schools were singled out by Ofsted chief, David Bell, for not doing enough.",
      "Mr Bell said so."], "Mr Bell: David Bell, Ofsted chief"),
    # a role after "that", and one whose possessive stands for someone else
    (["A court ruled that former FBI man Jeffrey Royer fed information to a trader.",
      "Mr Royer said so."], "Mr Royer: Jeffrey Royer, former FBI man"),
    (["The claims were a joke, his lawyer Antony Townsden told the BBC.",
      "Mr Townsden said so."], "Mr Townsden: Antony Townsden, lawyer"),
    # what a review of session 20's diff found: a country ending in "-land" is no "of ...
    # and" left open
    (["John Smith of the Bank of England said rates would hold.", "Mr Smith said so."],
     "Mr Smith: John Smith, of the Bank of England"),
    # "claims" and "comments" are nouns here, not reporting verbs the role stops at
    (["John Smith, head of claims at Aviva, said costs rose.", "Mr Smith said so."],
     "Mr Smith: John Smith, head of claims at Aviva"),
    # a sentence's opening "As <role>," is its subject's role; "Like <x>," is not a role
    (["As chief operating officer, Toshiyuki Shiga will run Nissan.", "Mr Shiga said so."],
     "Mr Shiga: Toshiyuki Shiga, chief operating officer"),
    (["Like his lawyer, John Smith said the case was weak.", "Mr Smith said so."],
     "Mr Smith: John Smith"),
    # the office before the name says more than a country after it; an "of" with no name
    # after it is no organisation ("accused ..., led by ex-President Leonid Kuchma, of
    # corruption")
    (["The chairman, Ambassador Stefan Johannesson of Iceland, warned of delays.",
      "Mr Johannesson said so."], "Mr Johannesson: Stefan Johannesson, Ambassador"),
    (["It accused the government, led by ex-President Leonid Kuchma, of corruption.",
      "Mr Kuchma said so."], "Mr Kuchma: Leonid Kuchma, ex-President"),
])
def test_the_roles_news_copy_writes_most(article: list[str], note: str) -> None:
    assert who_note(article[1], "A title", article) == note


def test_an_office_is_shown_with_its_holder_not_a_former_one() -> None:
    article = ["Former chancellor Ken Clarke backed the euro.",
               "Chancellor Gordon Brown set out his plans on Wednesday.",
               "Mr Brown said the plans were prudent.",
               "Shadow chancellor Oliver Letwin attacked them.",
               "The chancellor said the rules would not stop UK spending."]
    assert who_note(article[4], "EU rules", article) == "the chancellor: Gordon Brown"
    assert who_note("The chancellor, Gordon Brown, spoke.", "EU rules", article) == ""
    # a name the article never speaks of again is no person ("the chancellor Sage Centre")
    hall = ["Mr Kennedy told the chancellor Sage Centre audience he had plans.",
            "The chancellor said the rules would not stop UK spending."]
    assert who_note(hall[1], "Spending", hall) == ""
    # a former holder is no holder: with no other name the note is left out
    former = ["Earlier, ex-Conservative chancellor Ken Clarke welcomed the relaxation.",
              "The chancellor said the rules would not stop UK spending."]
    assert who_note(former[1], "EU rules", former) == ""


def _corpus(tmp_path: Path, docs: dict[str, str]) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in docs.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_answers_show_the_note_in_discord_the_terminal_and_json(tmp_path: Path) -> None:
    docs = {
        "cebit.txt": "Cebit opens to mobile music\n\n" + " ".join(GARTNER) + " Handset makers "
        "brought dozens of music phones to the Cebit fair in Hanover this year.\n",
        "phones.txt": "Phone makers chase music fans\n\nSales of music phones doubled in "
        "Europe as handset makers chased music fans with new models. Music phones now make "
        "up a fifth of handset sales in Europe, the industry says.\n",
    }
    corpus = load_corpus(_corpus(tmp_path, docs))
    result = Summarizer(corpus).summarize(topic="music vendors Cebit", sentences=5)
    shown = [i for i in result.sentences if "said Mr Wood" in i.text]
    assert shown, [i.text for i in result.sentences]
    note = "Mr Wood: Ben Wood, principal analyst at research firm Gartner"
    assert shown[0].who == note and shown[0].to_dict()["who"] == note
    assert f"[{note}]" in "\n".join(sentence_text_lines(result.sentences))
    # Discord's line escapes the brackets (no masked link), which show as "[" and "]" there
    assert f"\\[{note}\\]" in "\n".join(sentence_lines(result.sentences))
    comparison = Comparer(corpus).compare(documents=["cebit", "phones"])
    wood = [u for u in comparison.unique if "said Mr Wood" in u.text]
    assert wood  # a unique point quoting Mr Wood carries the note too
    assert wood[0].who == note and wood[0].to_dict()["who"] == note
    assert f"[{note}]" in compare_text(comparison)
    assert f"[{note}]" in "\n".join(compare_lines(comparison))


def test_the_terminal_summary_shows_the_notes() -> None:
    """``briefbot summary`` printed the sentence bare: an undated "on Tuesday" lost its
    "(undated article)" there, which Discord and JSON showed."""
    from bot.cli.summary import format_text
    from bot.engine.items import SentenceItem
    from bot.engine.summary import SummaryResult

    note = "Mr Wood: Ben Wood, principal analyst at research firm Gartner"
    items = [SentenceItem(GARTNER[1], "cebit", "unknown", 1, "Cebit opens", who=note),
             SentenceItem("Vendors showed music phones on Tuesday.", "cebit", "unknown", 2,
                          "Cebit opens", anchor="undated article")]
    text = format_text(SummaryResult("document", "default", items, document="cebit"))
    assert f"said Mr Wood. [{note}]" in text
    assert "on Tuesday. (undated article)" in text


def test_an_answer_says_who_someone_is_once() -> None:
    """A note is not repeated where an earlier line of the answer already introduces the
    person ("Gilles Babinet, chief executive ..., said ..." then "Mr Babinet said ...")
    or showed the same note; another person's note stays."""
    from bot.engine.items import SentenceItem
    from bot.engine.referents import once

    wood = "Mr Wood: Ben Wood, principal analyst at research firm Gartner"
    items = once([SentenceItem(GARTNER[0], "c", "u", 0),
                  SentenceItem(GARTNER[1], "c", "u", 1, who=wood),
                  SentenceItem("Mr Babinet agreed.", "m", "u", 4,
                               who="Mr Babinet: Gilles Babinet, chief executive of Musiwave"),
                  SentenceItem("Mr Babinet said sales grew.", "m", "u", 5,
                               who="Mr Babinet: Gilles Babinet, chief executive of Musiwave")])
    assert [i.who for i in items] == [
        "", "", "Mr Babinet: Gilles Babinet, chief executive of Musiwave", ""]


def _article_doc(doc_id: str, *texts: str) -> Document:
    return Document(doc_id, doc_id, [Sentence(t, doc_id, i) for i, t in enumerate(texts)])


def test_an_office_the_article_never_pairs_with_a_name_takes_the_corpus_holder() -> None:
    """BBC copy writes "the prime minister" and, elsewhere, "Tony Blair" without ever
    "Prime Minister Tony Blair" in one article: the corpus's other articles say who holds
    the office. Not where the article also names another holder ("Ariel Sharon")."""
    from bot.engine.referents import corpus_holders, who_of

    named = [_article_doc(f"uk{k}", f"Prime Minister Tony Blair spoke on day {k}.",
                          "Mr Blair said so.") for k in range(5)]
    israel = _article_doc("il", "Prime Minister Ariel Sharon met envoys.", "Mr Sharon said so.")
    blair = _article_doc("poll", "Tony Blair set out his pledges.",
                         "The prime minister said the pledges were costed.")
    visit = _article_doc("visit", "Tony Blair met Ariel Sharon in Jerusalem.",
                         "The prime minister said the talks went well.")
    docs = {d.doc_id: d for d in [*named, israel, blair, visit]}
    corpus = Corpus(Path("."), docs)
    assert corpus_holders(corpus)["prime minister"].name == "Tony Blair"
    line = "The prime minister said the pledges were costed."
    assert who_of(blair, line, corpus) == "the prime minister: Tony Blair"
    assert who_of(blair, line) == ""  # the article alone does not say
    assert who_of(visit, "The prime minister said the talks went well.", corpus) == ""
    # an article that names nobody of the office gets no note either
    other = _article_doc("x", "Ministers met.", "The prime minister said so.")
    more = Corpus(Path("."), {**docs, "x": other})
    assert who_of(other, "The prime minister said so.", more) == ""
    # another country's holder in the article ("German Chancellor Gerhard Schroeder"), or
    # only a surname ("Mr Blair", who could be another Blair): no note either
    berlin = _article_doc("de", "German Prime Minister Gerhard Schroeder met Tony Blair.",
                          "The prime minister said the talks went well.")
    surname = _article_doc("s", "Mr Blair spoke.", "The prime minister said so.")
    both = Corpus(Path("."), {**docs, "de": berlin, "s": surname})
    assert who_of(berlin, "The prime minister said the talks went well.", both) == ""
    assert who_of(surname, "The prime minister said so.", both) == ""


def test_a_famous_surname_the_article_never_names_in_full_takes_the_corpus_name() -> None:
    """The famous go unintroduced: an article says "Mr Howard" and never "Michael Howard".
    When nearly all the corpus's articles give that surname one first name, the note gives
    it; not for "Mrs", not where the corpus names two Howards about as often, not where it
    titles women by the surname too, and the article's own full name wins."""
    from bot.engine.referents import corpus_person, who_of

    def corpus(*extra: Document) -> Corpus:
        named = [_article_doc(f"uk{k}", f"Tory leader Michael Howard spoke on day {k}.",
                              "Mr Howard said so.") for k in range(5)]
        return Corpus(Path("."), {d.doc_id: d for d in [*named, *extra]})

    unintroduced = _article_doc("poll", "The Tories set out their pledges.",
                                "Mr Howard said the pledges were costed.")
    line = "Mr Howard said the pledges were costed."
    one = corpus(unintroduced)
    assert corpus_person(one, "Howard") == "Michael Howard"
    assert who_of(unintroduced, line, one) == "Mr Howard: Michael Howard"
    assert who_of(unintroduced, line) == ""  # the article alone does not say
    # "Mrs Howard" is not the corpus's man
    wife = _article_doc("w", "The couple arrived.", "Mrs Howard said so.")
    assert who_of(wife, "Mrs Howard said so.", corpus(wife)) == ""
    # the article's own full name, not the corpus's
    john = _article_doc("au", "Australian Prime Minister John Howard won.",
                        "Mr Howard said so.")
    assert who_of(john, "Mr Howard said so.", corpus(john)) == (
        "Mr Howard: John Howard, Australian Prime Minister")
    # two Howards about as often in the corpus, or women titled by the surname: no note
    others = [_article_doc(f"au{k}", f"John Howard spoke on day {k}.") for k in range(2)]
    assert who_of(unintroduced, line, corpus(unintroduced, *others)) == ""
    women = [_article_doc(f"ms{k}", f"Ms Howard spoke on day {k}.") for k in range(2)]
    assert who_of(unintroduced, line, corpus(unintroduced, *women)) == ""


@pytest.mark.parametrize(("article", "line", "note"), [
    (["Former civil service chief Lord Butler criticised the government.",
      "Lord Butler said ministers had too much freedom."],
     "Lord Butler said ministers had too much freedom.",
     "Lord Butler: former civil service chief"),
    (["Sir John Bourn, National Audit Office chief, published the report.",
      'Sir John said "substantial progress" had been made.'],
     'Sir John said "substantial progress" had been made.',
     "Sir John: Sir John Bourn, National Audit Office chief"),
    # a knight the article names once, without a role: the full name alone
    (["Sir Digby Jones spoke.", "Sir Digby added: \"I don't think he will.\""],
     "Sir Digby added: \"I don't think he will.\"", "Sir Digby: Sir Digby Jones"),
])
def test_a_peer_or_knight_is_shown_with_the_articles_introduction(
        article: list[str], line: str, note: str) -> None:
    assert who_note(line, "Untitled", article) == note


@pytest.mark.parametrize(("article", "line"), [
    # the line gives the role itself
    (["Lord Browne spoke.", "BP chief executive Lord Browne said profits rose."],
     "BP chief executive Lord Browne said profits rose."),
    # an office, not a peer
    (["The Lord Chancellor spoke.", "Lord Chancellor said so."], "Lord Chancellor said so."),
    # two knights called John: which one?
    (["Sir John Stevens and Sir John Bourn spoke.", "Sir John said so."], "Sir John said so."),
    # a lord the article gives no role
    (["Lord Smith spoke.", "Lord Smith said so."], "Lord Smith said so."),
])
def test_no_peer_note_where_the_line_says_or_the_article_does_not(
        article: list[str], line: str) -> None:
    assert who_note(line, "Untitled", article) == ""


def test_a_two_word_surname_takes_the_articles_full_name() -> None:
    """"Mr Baez Silva" and "Mrs Parker Bowles" were left without a note (the name went on
    after "Mr Baez"); a two-word surname takes the article's own full name and role, and
    nothing longer or unintroduced gets one."""
    article = ["\"The situation is bad,\" said Carlos Baez Silva, president of AARA, an "
               "association of savers.", "Few have recovered, Mr Baez Silva estimated."]
    assert who_note(article[1], "Untitled", article) == \
        "Mr Baez Silva: Carlos Baez Silva, president of AARA"
    assert who_note("Mrs Parker Bowles said so.", "Royal wedding",
                    ["Prince Charles and Camilla Parker Bowles are to marry.",
                     "Mrs Parker Bowles said so."]) == \
        "Mrs Parker Bowles: Camilla Parker Bowles"
    assert who_note("Mr Baez Silva Lopez said so.", "Untitled", article) == ""
    assert who_note("Mr Brown Labour said so.", "Untitled", ["Mr Brown Labour spoke."]) == ""


MILLAN = ['"It\'s just not accessible," says Manuel Millan, a native of San Diego, California.',
          "So, Millan and his friends launched a website.",
          "Millan says that Spain is just behind the United States and France in rap."]
FERGUSON = ["Michael Ferguson, 36, escaped after being allowed out of the Carstairs unit.",
            "Police are still searching for Ferguson, who failed to return on Monday.",
            "Police said Ferguson posed a danger to the public."]


def test_a_bare_surname_is_shown_with_the_articles_introduction() -> None:
    """"Millan says ..." and "Police said Ferguson ..." were read as needing context in
    the blind checks (the article gives the full name once, then the bare surname)."""
    assert who_note(MILLAN[2], "Web radio takes Spanish rap global", MILLAN) == (
        "Millan: Manuel Millan, a native of San Diego")
    assert who_note(FERGUSON[2], "Escaped prisoner report ordered", FERGUSON) == (
        "Ferguson: Michael Ferguson")
    # a possessive, and a line that names the person in full needs no note
    assert who_note("Millan's site grew.", "Untitled", MILLAN) == (
        "Millan: Manuel Millan, a native of San Diego")
    assert who_note(MILLAN[0], "Untitled", MILLAN) == ""
    # without a person's pronoun after a bare mention (nor a "Mr Millan", nor his words
    # under his full name: session 80's "says Manuel Millan" is a person speaking) no note
    assert who_note(MILLAN[2], "Untitled", [
        "Manuel Millan, a native of San Diego, California, runs the site.", MILLAN[2]]) == ""
    assert who_note(MILLAN[2], "Untitled", [MILLAN[0], MILLAN[2]]) == (
        "Millan: Manuel Millan, a native of San Diego")


SHAHEED = ['"Our nation is in peril here," said Ahmed Shaheed, the chief government spokesman.',
           "Shaheed noted that investment in a single tourist resort could run to $40m."]
LAHOUD = ["Parliament elected Emile Lahoud president on Thursday.",
          "Lahoud, a 62-year-old naval officer, said he would keep the army out of politics."]


def test_a_bare_surname_of_someone_quoted_in_full_or_not_in_the_census() -> None:
    """Session 80: the article quoting the full name ("said Ahmed Shaheed") shows a person
    ("Shaheed noted that ..." was read as naming no one, answers check 46); a surname the
    census does not list ("Lahoud", "Netanyahu", "Cochetel") is noted when the article
    gives it with one first name and nothing more ("Jose Maria Aznar" would be noted
    "Maria Aznar": no note); a wire quotation's close is no part of a role."""
    assert who_note(SHAHEED[1], "Asia shares defy post-quake gloom", SHAHEED) == (
        "Shaheed: Ahmed Shaheed, the chief government spokesman")
    assert who_note(LAHOUD[1], "Lebanon", LAHOUD) == "Lahoud: Emile Lahoud"
    aznar = ["Spanish Prime Minister Jose Maria Aznar spoke.", "Aznar, who was in Chile, "
             "said so.", "Aznar dismissed the reports."]
    assert who_note(aznar[2], "Untitled", aznar) == ""
    czechs = ["Liberty said statistics suggested Roma Czechs were more likely to be stopped.",
              "Czechs are now entitled to free movement."]
    assert who_note(czechs[1], "Untitled", czechs) == ""
    rubin = ["``We are watching,'' said Treasury Secretary Robert Rubin.",
             "Rubin, who spoke in Washington, said more."]
    assert who_note("Rubin said the talks went well.", "Untitled", rubin) == (
        "Rubin: Robert Rubin, Treasury Secretary")


@pytest.mark.parametrize(("article", "line"), [
    # a firm named after its founder: its shareholders, its "Industries", shares in it
    (["Founder James Hardie built the firm, and he ran it.", "James Hardie Industries grew.",
      "Hardie said profits rose."], "Hardie said profits rose."),
    (["Chief executive Bill Ford, who took over in 2001, spoke.",
      "Ford's profits rose 10%.", "Ford reported net income of $104m."],
     "Ford reported net income of $104m."),
    # no sign of a person: no "who", "he", "his" after a bare mention, nobody titled
    (["The German firm Robert Bosch makes parts.", "Bosch has stopped production."],
     "Bosch has stopped production."),
    # two people of the surname
    (["Michael Ferguson and Alex Ferguson met.", "Ferguson, who spoke first, smiled."],
     "Ferguson, who spoke first, smiled."),
    # a month, and a full mention whose first word is no first name
    (["Theresa May, who spoke for the family, was there.", "It ends in May."],
     "It ends in May."),
    (["Strathclyde Police asked anyone who spots him to call.", "Police said he ran."],
     "Police said he ran."),
    # part of a longer name
    (MILLAN, "Manuel Millan spoke again."),
])
def test_no_bare_surname_note_for_a_firm_a_month_or_two_people(
        article: list[str], line: str) -> None:
    assert who_note(line, "Untitled", article) == ""


def test_a_common_word_is_no_surname() -> None:
    """"Young people ..." beside "Will Young": the corpus writes "young" in lower case, so
    the capitalised word opening the line is not the singer; "Bush", written in lower case
    a few times beside hundreds of "Bush", stays a name."""
    from bot.engine.referents import lower_case_word, who_of

    article = ["Singer Will Young, who won Pop Idol, spoke.", "Young people love his songs."]
    doc = _article_doc("pop", *article)
    others = [_article_doc(f"o{k}", "The young and the old voted.") for k in range(3)]
    corpus = Corpus(Path("."), {d.doc_id: d for d in [doc, *others]})
    assert who_of(doc, article[1], corpus) == ""
    assert lower_case_word("young", ["The young voted.", "Young people voted."])
    assert not lower_case_word("Bush", ["Mr Bush spoke.", "He met Bush."] * 50
                               + ["A bush burned."])
    # with no lower-case use anywhere the bare surname is noted
    lone = _article_doc("f", *FERGUSON)
    assert who_of(lone, FERGUSON[2], Corpus(Path("."), {"f": lone})) == (
        "Ferguson: Michael Ferguson")


def test_first_names_alike_are_one_person() -> None:
    """"Frederick Forsyth" nine times and "Freddie Forsyth" once: "Mr Forsyth" is the
    thriller writer; "Michael" and "John Howard" stay two people."""
    article = ["But thriller writer Frederick Forsyth tells BBC News of his response.",
               "I agree with Frederick Forsyth.", "Freddie Forsyth is right.",
               "Mr Forsyth has done a good job."]
    assert who_note(article[3], "Untitled", article) == (
        "Mr Forsyth: Frederick Forsyth, thriller writer")
    howards = ["Michael Howard spoke.", "Michael Howard spoke again.", "John Howard replied.",
               "Mr Howard said so."]
    assert who_note(howards[3], "Untitled", howards) == ""


def test_a_verbs_object_is_no_role() -> None:
    """"Jurors recommended that the man, Jeremy Jaynes, serve nine years in prison" gave
    the role "serve nine years in prison and that his sister"; "ex-chief economic adviser
    to the Treasury" and "one of the developers sacked" stay roles."""
    jurors = ["Jurors recommended that the man, Jeremy Jaynes, serve nine years in prison.",
              "Mr Jaynes said so."]
    assert who_note(jurors[1], "Untitled", jurors) == "Mr Jaynes: Jeremy Jaynes"
    balls = ["Ed Balls, ex-chief economic adviser to the Treasury, stood.", "Mr Balls said so."]
    assert who_note(balls[1], "Untitled", balls) == (
        "Mr Balls: Ed Balls, ex-chief economic adviser to the Treasury")
    dev = ["Jason Parkinson, one of the developers sacked by Argonaut, spoke.",
           "Mr Parkinson said so."]
    assert who_note(dev[1], "Untitled", dev) == (
        "Mr Parkinson: Jason Parkinson, one of the developers sacked by Argonaut")


@pytest.mark.parametrize(("line", "article", "note"), [
    # the blind checks' unexplained initialisms (check 29: "The CSA said ...", "those on TPS
    # lists"), spelled out as the article once did
    ("The CSA said the aim of reaching 85% of the population was achievable.",
     "The Conseil Superieur de l'Audiovisuel (CSA), the French broadcasting regulator, "
     "said so.", "CSA: Conseil Superieur de l'Audiovisuel"),
    ("Labour says it avoids those on TPS lists.",
     "Some 14 million numbers are on the Telephone Preference Service (TPS) lists.",
     "TPS: Telephone Preference Service"),
    ("While the current MFA was not perfect, it helped poor countries.",
     "Quotas ended with the Multi-Fibre Arrangement (MFA).", "MFA: Multi-Fibre Arrangement"),
    ("S&P cut its rating.", "Ratings agency Standard & Poor's (S&P) said so.",
     "S&P: Standard & Poor's"),
    ("The IDS figures were lower.", "Research by Incomes Data Services' (IDS) team.",
     "IDS: Incomes Data Services"),
    # spelled out in the line itself, never in the article, or not by its capitals
    ("The Office for National Statistics (ONS) said growth slowed.",
     "The Office for National Statistics (ONS) said so.", ""),
    ("B&B said the buy-to-let market would grow.", "Bradford & Bingley said so.", ""),
    ("The BBC said so.", "The broadcaster (BBC) said so.", ""),
])
def test_an_initialism_is_noted_as_its_article_spells_it_out(line, article, note):
    assert who_note(line, "Title", [article, line]) == note


@pytest.mark.parametrize(("line", "article", "note"), [
    # answers check 45 (both labellers): "our correspondent" unnamed beside the line
    ('Opposition to raising the retirement age is "one thing all the unions are agreed on", '
     "our correspondent added.",
     ["BBC correspondent Stephen Cape said the unions were a formidable force."],
     "our correspondent: BBC correspondent Stephen Cape"),
    ("Our correspondent said it was the same projects.",
     ["A senior official, speaking to the BBC's defence correspondent Paul Adams, said so."],
     "our correspondent: the BBC's defence correspondent Paul Adams"),
    # no reporter of that kind named, two of them, or the line names its own
    ("Prices may rise, our correspondent says.", ["Shares fell in Shanghai."], ""),
    ("Prices may rise, our correspondent says.",
     ["BBC correspondent Ann Lee spoke.", "BBC business correspondent Tom Ford spoke."], ""),
    ("Prices may rise, our correspondent says.",
     ["BBC political editor Nick Robinson spoke."], ""),
    ("Our correspondent Ann Lee said prices may rise.", ["BBC correspondent Ann Lee spoke."], ""),
])
def test_our_correspondent_is_the_reporter_the_article_names(line, article, note):
    assert who_note(line, "Title", [*article, line]) == note


@pytest.mark.parametrize(("line", "article", "note"), [
    # answers checks 50 and 52 (both labellers): an institution by its kind alone, named in
    # full elsewhere in its article
    ("The federation said CSOs do not have the safety equipment to deal with it.",
     ["The Police Federation has warned against the plans."], "the federation: Police Federation"),
    ("The government has not accepted the commission's recommendation.",
     ["The Low Pay Commission has recommended a rise."], "the commission: Low Pay Commission"),
    ("The ministry said it would base its selection on speed.",
     ["Iraq's Ministry of Communications is to sell three licences."],
     "the ministry: Ministry of Communications"),
    ("He is secretary general of the council.", ["The Muslim Council of Britain said so."],
     "the council: Muslim Council of Britain"),
    # two institutions of the kind, or one unnamed beside the named one ("a US court"), or
    # two names joined by "and": nothing
    ("The court ruling is a blow to Yukos.",
     ["Yukos took its case to the European Court of Human Rights.",
      "Yukos argued that a US court could declare it bankrupt."], ""),
    ("The agency said so.", ["The Child Support Agency and the Benefits Agency met."], ""),
    ("The association is selecting a candidate.",
     ["Slough Conservative Association was suspended.",
      "The local Conservative association met in Arundel."], ""),
    # a capitalised kind is a name's short form; the line names it; a firm's kind
    ("The Commission said the deficit was too high.", ["The European Commission met."], ""),
    ("The Low Pay Commission said the commission would meet.",
     ["The Low Pay Commission met."], ""),
    ("The bank said prices would fall.", ["The Bank of England held rates at Halifax."], ""),
    ("The commission said on Thursday it would act.", ["The Electoral Commission met."],
     "the commission: Electoral Commission"),
])
def test_an_institution_named_by_its_kind_is_noted_as_its_article_names_it(line, article,
                                                                            note):
    assert who_note(line, "Title", [*article, line]) == note
