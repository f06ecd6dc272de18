"""Sentences quoted alone must stand alone; key figures keep what they measure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.compare import Comparer
from bot.engine.figures import extract_figures
from bot.engine.standalone import _REPORTING_VERBS, stands_alone
from bot.engine.timewords import day_time, deictic_time, fits_date, relative_time


@pytest.mark.parametrize("text", [
    "Hawija, Al-Qa’im, Tal Afar.",  # a list fragment
    "Wal-Mart agreed to suspend firearms sales in its California stores in 2003,",  # cut off
    "And Tal Afar is where some of the fiercest ISIS fighters came from.",
    "No, they are not all ISIS.",
    "He had decided to support the plans for a new runway.",
    "They’re also still launching attacks on other areas of Mosul.",
    # an opening phrase that points back as a connective does
    "Based on this, Alatas said, Indonesia was skeptical about Portugal's sincerity.",
    "As a result, job creation became a key issue in last year's election.",
    "Of these, 83% were happy with the experience.",
    "In that case, the bank will cut its rates again.",
    "Analysts, however, pointed to the dollar's inability to extend that rally.",
    # a preposition and a demonstrative noun phrase (session 12: BBC bench topics' unique
    # points), and "the latter" / "the former" with its two things in the sentence before
    "On this subject, Morris appears almost evangelical.",
    "For that reason, some White House officials say the endorsement means little.",
    "Of those asked, 62% were unaware that someone had paid for the results.",
    "Under this deal, the Argentine market will be opened to Venezuelan investment.",
    "The trade deficit is a large part of the latter.",
    "The latter is the seed around which the couch potato culture has developed.",
    # a short opening phrase naming nobody, then "he", "she" or "they" (session 13: a
    # topic comparison's point, news_claim_heldout12's reader defects)
    "For his proposal to succeed, he needs to own 75% of the shares.",
    "After the meeting, he said the deal was off.",
    "Last year, they made a loss of £5m.",
    # session 22: some of a set named before; a phrase naming others, then "he"; a share
    # of a survey's people saying what they think, the survey named elsewhere
    "Some of them want to book computing capacity of more than 5,000 processors each.",
    "Most of those convicted were either members or friends of the two families.",
    "Along with Work and Pensions Secretary Alan Johnson, he then went on to attack the plans.",
    "Like New Labour, he called himself a libertarian.",
    "Meantime, 32% said Mr Blair was a good prime minister and 38% disagreed.",
    "Three-quarters said Mr Blunkett was right to go to court.",
    "More than a third of respondents said they were concerned about viruses.",
    # session 28: the rest of a set, or the other of two, named before
    "The rest would come from its parent company, China Aviation Oil Holding Company.",
    "The remainder will be paid in shares.",
    "The other is China Construction Bank.",
    "The others were released without charge.",
    "The same does not hold for a patent.",
    "The first are chosen by the magazine's writers, the second are voted for by readers.",
    "In comparison, blockbuster films took £11.5m in their first three days.",
    "Many of its businesses were previously state owned and have huge workforces.",
    "When he created it, the site was supposed to be a forum on India and Pakistan.",
    "If they want to turn the evening into a pub crawl, they simply text the word NEXT.",
    "Speaking after a summit meeting he said the EU would never reach agreement.",
    "Speaking at the Soccerex forum in Dubai, he said a listing was one of the options.",
    # session 66: the like of what the sentence before named (BBC politics/002, 242: the
    # Scotland brief's "Similar measures ... in Scotland")
    "Similar measures are being brought in at the same time in Scotland.",
    "Similar protests took place in Paris.",
    # session 66: a profile's chronology entry has no subject (DUC d30037t)
    "1982-83: Invades Lebanon in June 1982 to drive out PLO guerrillas.",
    "1981: Defense minister in Begin government.",
])
def test_sentences_that_lean_on_their_context_do_not_stand_alone(text):
    assert not stands_alone(text)


@pytest.mark.parametrize("text", [
    # the opening phrase names who "he" is, or the subject is a name or "it"
    "When Mr Brown arrived, he said the deal was off.",
    "In his speech, Mr Blair said the plan would work.",
    "At the moment, it is unclear whether the talks will resume.",
    "Iraqi forces retook Mosul on Saturday after a nine-month campaign.",
    "Nobody expected the vote to pass so quickly.",
    "Thousands fled the city.",
    "The IMF said that, according to data provided by the Liberians, GDP rose by 2%.",
    "In this year's budget, the chancellor raised the duty on fuel.",
    "For Microsoft, the ruling opens a key market in Europe.",
    "Mr Brown, the chancellor, said taxes would rise.",
    "As a result of the strike, 500 flights were cancelled on Monday.",  # no comma after
    "At this year's conference, Microsoft unveiled a tablet computer.",  # a time, not a noun
    "The former home secretary said he would stand again at the election.",
    "Sumitomo withdrew its offer for UFJ, enabling the latter to merge with Mitsubishi.",
    "Many of those who lost savings were pensioners.",  # the sentence says who
    "About 70% were using the file-sharing program BitTorrent.",  # no view of a survey's
    "Some 32% said in a poll for the BBC that they would vote Labour.",  # names its poll
    "With no modem installed in her computer, Ms Jones had to borrow access from friends.",
    # a noun after "rest" or "other" says which
    "The rest of the world is catching up.",
    "Other firms have also expressed an interest in MCI.",  # ("The other ..." does not:
    # test_a_definite_description_standing_for_an_earlier_name)
    "The first half of the year was strong.",  # a noun after "first"
    "In comparison with last year, sales rose 5%.",  # says with what
    "When he arrived, Mr Brown said the deal was off.",  # the main clause names him
    "Once they have the documentation, those subject to controls must register.",
    "Speaking to the BBC, Mr Blair said the war was right.",
    "Speaking on Radio 4, Mr Howard said he told ministers to wait.",
    "Speaking at the conference Mr Brown said they said nothing new.",
    "1996: The party won 40 seats in the election.",  # a dated entry with its subject
    "Other than its warning on tax, the NIESR report was optimistic.",
])
def test_plain_reporting_stands_alone(text):
    assert stands_alone(text)


@pytest.mark.parametrize(("text", "found"), [
    # session 22's blind check: spans counted from the day of writing, a month with no year
    ("Two weeks' ago the group announced it would cut costs.", "Two weeks' ago"),
    ("Napster will launch the service in the next few months.", "next few months"),
    ("Products should appear by the end of the decade.", "the end of the decade"),
    ("Ms Simonetti started her blog in January.", "in January"),
    ("The Act comes into effect on 1 January.", "1 January"),
    ("The draft was agreed upon last May.", "last May"),
    ("Sales rose in November 2004.", ""),
    ("The deal was signed on 1 January, 2005.", ""),
    ("Growth slowed after the 11 September attacks.", ""),
    ("He may resign.", ""),
])
def test_time_words_a_reader_cannot_place(text: str, found: str) -> None:
    from bot.engine.timewords import month_time

    assert (relative_time(text) or month_time(text)) == found


@pytest.mark.parametrize("text", [
    "Secondly it has also underlined the view that the election campaign has kicked off.",
    "Thirdly through the media and also what we will be doing is holding a conference.",
])
def test_an_ordinal_adverb_opens_on_a_list_begun_before(text: str) -> None:
    from bot.engine.standalone import leans_back

    assert leans_back(text)


@pytest.mark.parametrize(("text", "found"), [
    ("Rockstar has seen San Andreas pull in £24m over the weekend.", "over the weekend"),
    ("Stops in Shrewsbury and west London are planned for later in the week.",
     "later in the week"),
    ("Telewest will launch similar services later in the year.", "later in the year"),
    ("The weekend papers carried the story.", ""),
])
def test_a_weekend_or_a_later_week_is_placed_only_by_the_articles_date(text: str,
                                                                       found: str) -> None:
    from bot.engine.timewords import relative_time

    assert relative_time(text) == found

@pytest.mark.parametrize(("text", "found"), [
    ("During the year WPP bought US rival Grey Global.", "During the year"),
    ("New trade rules are to be introduced in the new year.", "in the new year"),
    ("The extent of damages will be assessed in the New Year.", "in the New Year"),
    ("It plans a further £105m of savings over the coming year.", "the coming year"),
    ("Sales have doubled over the past decade.", "over the past decade"),
    ("It will offer data speeds of 3.6Mbps from next summer.", "next summer"),
    ("The bid for the leadership last autumn split the party.", "last autumn"),
    ("Profits should rise this financial year.", "this financial year"),
    # counted from a time the sentence names, a report's year, a dated quarter, a name
    ("BMW sold more than 100 compared with just ten the previous year.", ""),
    ("Profit rose 52% for the year to £198m from £130m a year earlier.", ""),
    ("GM's profits fell 37% in the last quarter of 2004.", ""),
    ("He was knighted in the New Year Honours.", ""),
    ("Revenue over the year to March 2005 rose 5%.", ""),
    # days, weeks or months counted from the day of writing (session 70: blind check 27,
    # compare check 9); not a span a date ends, nor years
    ("BT reports that more people signed up for broadband in the last three months than in "
     "any other quarter.", "the last three months"),
    ("Over the next four days, hundreds of candidates will be whittled down.",
     "the next four days"),
    ("US retailers have reported strong sales over the past 10 days after a slow start.",
     "the past 10 days"),
    ("Germany's economy shrank 0.2% in the last three months of 2004.", ""),
    ("Sales rose over the last 12 months to 31 March.", ""),
    ("The amount of data stored has grown by 400% in the last three years.", ""),
    # session 76: a year "to" a verb is the year of writing (answers check 35), and a
    # sentence or quotation opening on days, weeks or months from now (compare checks 5,
    # 8, 19); not a duration inside a sentence
    ("The Nikkei index gained 7.6% during the year to close at 11,488.76 points.",
     "during the year"),
    ("Sales during the year to the end of March rose 5%.", ""),
    ("In four days, Britain's biggest union Unison will start balloting 800,000 workers.",
     "In four days"),
    ('"In three months, we should rebuild 70% of the damage," said the governor.',
     "In three months"),
    ("The price of both benchmark crudes has dropped 12% in two days.", ""),
    ("In two days of trading, shares fell 4%.", ""),
])
def test_the_year_or_season_of_writing_by_other_words(text: str, found: str) -> None:
    from bot.engine.timewords import relative_time

    assert relative_time(text) == found



def test_relative_time_words_need_the_articles_own_date():
    text = "Iraqi forces are claiming victory in the battle for Mosul today."
    assert relative_time(text) == "today"
    assert not fits_date(text, date(2017, 7, 10), date(2026, 12, 1))
    assert not fits_date(text, None, date(2026, 12, 1))
    assert fits_date(text, date(2026, 12, 1), date(2026, 12, 1))
    assert fits_date("Mosul was retaken in July 2017.", None, date(2026, 12, 1))


def test_key_figures_keep_their_measure():
    labels = {f.text: f.label for f in extract_figures(
        "Over 160 people were killed, up to 190,000 people have been displaced and the "
        "strike left 70,000 nurses without a pay rise; the firm cut 1,200 jobs last year.")}
    assert labels["Over 160 people"] == "Over 160 people killed"
    assert labels["up to 190,000 people"] == "up to 190,000 people displaced"
    assert labels["70,000 nurses"] == "70,000 nurses without a pay rise"
    assert labels["1,200 jobs"] == "1,200 jobs cut"  # the verb before the figure
    assert extract_figures("Over 160 people were killed.")[0].to_dict()["measure"] == "killed"


@pytest.mark.parametrize(("text", "label"), [
    ("The prime minister spoke of the wrongful jailing of 11 people for the bombings.",
     "11 people jailed"),  # a noun of what was done to them
    ("More than £550m could now be returned to the public sector.",
     "More than £550m returned"),  # after a modal
    ("The National Audit Office said the Dome cost taxpayers £28.7m to maintain.",
     "£28.7m cost"),
    ("The carrier is cutting costs by nearly $1bn a year.", "nearly $1bn"),  # not its cost
    ("Annual bonus rates were cut from 2.5% to 2%.", "2.5%"),  # "cut from": no object
    ("About 120,000 people are expected to attend the show.", "About 120,000 people"),
])
def test_key_figures_find_their_measure_around_them(text, label):
    assert extract_figures(text)[0].label == label


def test_unique_points_stand_alone_and_tolls_of_different_events_do_not_contradict():
    def doc(doc_id: str, source: str, *texts: str) -> Document:
        return Document(doc_id, doc_id, [Sentence(t, doc_id, i) for i, t in enumerate(texts)],
                        source=source)

    corpus = Corpus(Path("."), {d.doc_id: d for d in (
        doc("a", "Wire A", "At least 40 people were killed when a bomb hit a crowded market.",
            "And they said the market would reopen next week after repairs."),
        doc("b", "Wire B", "Floods have killed 300 people after weeks of heavy monsoon rain.",
            "Aid agencies flew food and clean water to villages cut off by the water."))})
    result = Comparer(corpus).compare(documents=["a", "b"]).to_dict()
    assert all(stands_alone(u["text"]) for u in result["unique"])
    assert not any(u["text"].startswith("And they") for u in result["unique"])
    # two tolls of other events, neither with a scope that says what it measures apart: no
    # conflict, and no "figures on different things" either (session 72: nothing a reader
    # of the comparison needs)
    assert result["conflicts"] == []


def test_digest_quotes_no_stale_today_and_no_leaning_sentence(tmp_path):
    from datetime import UTC, datetime, timedelta

    from bot.corpus import load_corpus
    from bot.engine import Engine
    from bot.engine.digest import build_digest
    from tests.conftest import write_corpus

    root = write_corpus(tmp_path / "corpus", {
        "mosul.txt": "---\ntitle: Mosul victory\nsource: Wire\npublished: 2017-07-10\n---\n"
                     "Iraqi forces are claiming victory in the battle for Mosul today. "
                     "And they say the fight for the old city is finally over. "
                     "The offensive to retake Mosul began in October with heavy air support. "
                     "Thousands of families fled the western districts during the offensive.",
        "bridge.txt": "---\ntitle: Bridge\nsource: Herald\n---\n"
                      "The council approved a new bridge over the river on Monday."})
    engine = Engine(load_corpus(root))
    now = datetime(2026, 6, 10, 7, 0, tzinfo=UTC)
    seen = {"mosul": now - timedelta(hours=1), "bridge": now - timedelta(days=5)}
    digest = build_digest(engine, now=now, since=now - timedelta(hours=12), first_seen=seen)
    main = next(s for s in digest.to_dict()["sections"] if s["heading"] == "Main developments")
    texts = [i["text"] for i in main["items"]]
    assert texts and not any(t.startswith("And ") for t in texts)
    # "today" of 2017 is shown only with its article's date beside it
    assert all(i["anchor"] == "article of 10 July 2017" for i in main["items"]
               if "today" in i["text"])
    assert any("today" in t for t in texts)
    # an undated article's "today" is never quoted in a digest
    root2 = write_corpus(tmp_path / "undated", {
        "a.txt": "---\ntitle: Mosul\nsource: Wire\n---\n"
                 "Iraqi forces are claiming victory in the battle for Mosul today. "
                 "The offensive to retake Mosul began in October with heavy air support."})
    digest = build_digest(Engine(load_corpus(root2)), now=now, since=now - timedelta(hours=12),
                          first_seen={"a": now - timedelta(hours=1)})
    quoted = [i for s in digest.sections if s.heading != "Sources" for i in s.items]
    assert quoted and not any("today" in i.text for i in quoted)


# -- whole answers on the seeds: what a reader is shown ---------------------------------------

def _leaning_or_fragments(items) -> list[str]:
    from bot.engine.quotable import problems

    return [p.text for p in problems(items)
            if p.reason in ("fragment", "leans back", "refers back")]


def test_briefs_on_the_seeds_quote_no_fragment_and_no_opener_without_its_antecedent(seed_engine):
    # nor "Reading this quote from an Iraqi soldier ..." without the quotation before it
    from bot.engine.standalone import demonstrative_reference, follows

    places = [p.name for p in seed_engine.places.places().places[:8]]
    assert "Mosul" in places
    for place in places:
        brief = seed_engine.places.brief(place, 5)
        assert brief.sentences, place
        assert _leaning_or_fragments(brief.sentences) == [], place
        shown = brief.sentences
        assert not [s.text for k, s in enumerate(shown) if demonstrative_reference(s.text)
                    and not (k and follows(s, shown[k - 1]))], place


def test_briefs_and_digests_quote_no_speaker_they_leave_out():
    """'"...," he said.' or a bare quotation is shown in a brief only right after the
    sentence before it, and a digest line never quotes one."""
    from bot.engine.digest import _quotable
    from bot.engine.quotable import problems, quotable_picks

    doc = _doc("a", "The governor of Nineveh said the Mosul airport would reopen in August.",
               "\"We will rebuild Mosul street by street,\" he said.",
               "\"Mosul cannot wait another year for clean water.\"",
               "Officials in Baghdad expect the Mosul bridges to reopen before winter.",
               published="2026-06-10")
    corpus = Corpus(Path("."), {"a": doc})
    sents = doc.sentences
    # ranked best first: the quotations first, as a place's most central sentences may be
    picked = quotable_picks([1, 2, 3], sents, corpus, 3, lambda rows, n: rows[:n])
    # each quotation right after the sentence before it (brought in), or left out
    assert picked == [3, 0, 1]
    assert [p for p in problems([sents[r] for r in picked])
            if p.reason == "unnamed speaker"] == []
    on = date(2026, 6, 10)
    assert _quotable(corpus, sents[0], on) and _quotable(corpus, sents[3], on)
    assert not _quotable(corpus, sents[1], on) and not _quotable(corpus, sents[2], on)


def test_a_brief_leaves_out_an_undated_time_word_when_it_has_better_lines():
    """A brief's line whose "last week" its undated article cannot place is read as needing
    context 7 times in 10 (session 72): shown only when nothing else is there, not after
    the lines that stand alone as before."""
    from bot.engine.quotable import quotable_picks

    doc = _doc("a", "Ministers met in Davos last week to discuss the world economy.",
               "The World Economic Forum meets in Davos, Switzerland, every January.",
               "Davos is a ski resort in the Swiss canton of Graubunden.")
    corpus = Corpus(Path("."), {"a": doc})
    sents = doc.sentences
    assert quotable_picks([0, 1, 2], sents, corpus, 3, lambda rows, n: rows[:n]) == [1, 2]
    assert quotable_picks([0], sents, corpus, 3, lambda rows, n: rows[:n]) == [0]


@pytest.mark.parametrize(("text", "unnamed"), [
    # the close of a quotation an earlier sentence opened: whose words, it does not say
    ('We can just cut them off."', True),
    ("Talk of a casino on every High Street was just a scaring tactic.\u201d", True),
    # ... unless a reporting verb after the close names the speaker
    ('In any business, excess supply means one thing - cut prices," Mr Shipside said.', False),
    ('"I just could not think of things to say," a crestfallen Mr Lim confided.', False),
    ('They have decided to subscribe to your program," explains Curry.', False),
    # quotations the sentence opens itself, inside it, or a phrase it quotes
    ('Mr Blair called it "a scaring tactic".', False),
    ('The firm said it was "very pleased" with the result.', False),
    ("It's a ``good'' idea, the minister said.", False),
    # session 17's blind check of answers: reported by a pronoun with another verb...
    ("Chinese firms would be allowed to operate 15 oil fields in Venezuela, he confirmed.",
     True),
    ('"I have long understood China\'s argument," he told the joint committee.', True),
    ("Huge changes are afoot in 2005, he predicted, as broadcasters move online.", True),
    # ...or "I" outside a quotation, with no one said to say it
    ("I doubt many others have closed their accounts.", True),
    ("For me the problem is that I love to complete a goal.", True),
    ("I agree in many ways with what Mr Forsyth has said - we must act.", True),
    # named speakers, numerals, quotations: not
    ("I think it is wrong, Mr Brown said.", False),
    ('"I was lying," replied Mr Sullivan.', False),
    # verbs one rule had and another had not, before session 18's one list: each reads all
    ("I just couldn't seem to think of things to say,\" a crestfallen Mr Lim confided in "
     "the show's presenter.", False),
    ('"I think this is because the food industry has improved," he remarks.', True),
    # a plural pronoun's present: "they say", "they insist"
    ("Pupils should also be able to create their own games, they say.", True),
    ("The economy is growing fast, they insist.", True),
    ("Pupils should also be able to create their own games, teachers say.", False),
    ("Veterans of World War I marched through London.", False),
    ("A tractor driver was killed in a mine explosion, Interfax reported.", False),
    ('Mr Brown said: "I am happy with the result."', False),
    # session 22: speaking as "we", no one named for it
    ("We have suspended him as a member and as a candidate.", True),
    ("If we imprison people without trial, we are no better than those we are fighting.",
     True),
    ("Ms Roche believes legal migration is something we should welcome.", False),
    ("We will welcome them, the party's leader said.", False),
    ("The rise in US interest rates was expected.", False),  # "US" is no "us"
])
def test_a_sentence_whose_speaker_is_elsewhere_names_no_speaker(text, unnamed):
    from bot.engine.standalone import unnamed_speaker

    assert unnamed_speaker(text) is unnamed


@pytest.mark.parametrize(("past", "present", "base"), _REPORTING_VERBS,
                         ids=[forms[0] for forms in _REPORTING_VERBS])
def test_every_rule_reads_every_reporting_verb(past, present, base):
    """One list of reporting verbs: a verb added there names a speaker for all three rules
    (a base form only after a closing quote: '...," analysts say.')."""
    from bot.engine.standalone import closing_quotation, first_person, pronoun_speaker

    for form in (past, present):
        assert pronoun_speaker(f"The plan will work, he {form}.")
        assert not pronoun_speaker(f"The plan will work, Mr Brown {form}.")
        assert not first_person(f"I think the plan will work, Mr Brown {form}.")
        assert not closing_quotation(f'The plan will work," Mr Brown {form}.')
    if base:
        assert not closing_quotation(f'The plan will work," analysts {base}.')


def test_a_pronoun_ending_the_sentence_with_a_verb_of_saying_is_its_unnamed_speaker():
    """Blind check 26 (session 69) read '..., he went on.' as someone's words whose speaker
    the line hides; so do "joked", "concluded", "forecast" and the perfect ("it has
    confirmed") at a sentence's end. Where they do not end it, they say nothing of whose
    words these are ("He went on to win", "He promised to cut taxes": an opening pronoun,
    another rule's)."""
    from bot.engine.standalone import pronoun_speaker

    for tail in ("he went on", "she joked", "it concluded", "it forecast", "he promised",
                 "it has confirmed", "they have warned"):
        assert pronoun_speaker(f"Growth is set to accelerate, {tail}.")
        assert pronoun_speaker(f'"Growth is set to accelerate," {tail}.')
    for line in ("Mr Hunt went on to win the seat.", "Labour promised to cut taxes.",
                 "Growth is set to accelerate, the bank forecast.",
                 "He went on to win the seat, and then to lead the party."):
        assert not pronoun_speaker(line)


def test_a_sentence_opening_with_my_speaks_for_no_one_named() -> None:
    """"My" opening a sentence is first person ("My dad finally made the change ..." on a
    BBC comment page); the rule read only a lower-case "my" before."""
    from bot.engine.standalone import first_person, stands_alone

    assert first_person("My dad finally made the change earlier this month.")
    assert first_person("My advice to gaming widows is to join in.")
    assert not first_person("My dad finally made the change, Mr Brown said.")
    assert not first_person("Ask's My Jeeves service lets people customise their pages.")
    assert stands_alone("My Jeeves grew 20% last year, Ask said.")
    assert not first_person('"A fine result" My Jeeves staff called it on launch day.')


def test_a_list_item_leans_on_the_items_before_it() -> None:
    from bot.engine.standalone import leans_back

    assert leans_back("Second, stock markets do not trade the companies likely to be hit.")
    assert leans_back("Finally, the bill passed the Senate by 60 votes to 40.")
    assert not leans_back("Second-quarter profits rose 5% at the carmaker.")
    assert not leans_back("Second place went to Ferrari at the Monaco Grand Prix.")
    assert leans_back("First, inefficient state enterprises continue to receive protection.")
    assert leans_back("Firstly, we have our website.")
    assert not leans_back("First-half profits rose 5% at the carmaker.")


@pytest.mark.parametrize(("text", "leaning"), [
    # session 18's blind checks of answers: the firm, the body or the people are named before
    ("Where possible, it hopes to link the system with national records of nuclear imports.",
     True),
    ("Last week, it denied that its projects violated regulations.", True),
    ("Along with any number of senior cabinet colleagues, they are insisting their only job is "
     "to win the next election.", True),
    # "it" that is no one, or that the opening clause names
    ("In the end, it is clear that the deal will go ahead.", False),
    ("While the idea was popular amongst the children, it initially received some resistance "
     "from the teachers.", False),
    ("With the approach of the midterm elections, it turns out that the committee paid.", False),
    # a phrase that names its subject
    ("When Mr Brown arrived in Gateshead, he said the economy was strong.", False),
    # session 30 (blind check 14): a longer lower-case phrase, then "he", "she", "they"
    ("Realising that people like to use their camera phones in different ways, they have "
     "introduced more design features.", True),
    ("Seen as one of the more intellectual figures in the government, he was also working "
     "for Tony Blair.", True),
    ("When history takes a look back at great inventions like the car and transistor, they "
     "were defining technologies.", True),  # read: the phrase names them (1 of 2 misses)
    ("When Mr Brown arrived at the conference in Brighton on a wet afternoon, he said so.",
     False),
    # ... a phrase, then "this" or "that" as the subject
    ("With Germany making up a third of the eurozone's economy, this is a major problem.",
     True),
    ("If confirmed, that would be the best quarterly showing since early 2002.", True),
    ("While the separate unemployment rate went up to 5.5%, this was because more people "
     "were seeking work.", False),
    ("The Surrey team is already working on the next version, that will replace the face.",
     False),
    # ... "it" after a phrase naming others beside it
    ("Along with its headquarters in north London, it operates studios in Cambridge.", True),
    ("With the approach of the midterm elections, it turns out that the committee paid.",
     False),
    # ... an "-ing" clause with no subject, or a year, then the pronoun; "If that is ..."
    ("While teaching at the Massachussetts Institute of Technology he spent a month at the "
     "Bank of Israel.", True),
    ("After serving as a junior minister in the Attlee government, he became chancellor.",
     True),
    ("In August 2003 he even attended a state dinner in the Czech Republic.", True),
    ("In 1997 and 2001 they voted Labour.", True),
    ("If that was true then, Mr Brown changed his perspective.", True),
    ("While teaching at MIT, Stanley Fischer spent a month at the Bank of Israel.", False),
    ("In August 2003 Honda's robot attended a state dinner in the Czech Republic.", False),
    # ... a phrase holding commas of its own (an aside, a second phrase), then the pronoun
    # (session 53); not where the phrase is a subject or a speaker's, nor before "said"
    ("In recent appearances in court, where he is facing charges of corruption, he was seen "
     "with a black eye and a neck brace.", True),
    ("Three years ago, in another winter season, he came here to bury Yitzhak Rabin.", True),
    ("In the speech, which prompted a standing ovation, he also promised to end teenage "
     "unemployment.", True),
    ("In the early 1990s, during an interval when Ahmad Chalabi worked as a journalist, he "
     "traveled to Iraq.", False),
    ("The chancellor did not raise duty that year, but despite threats of more protests in "
     "2003, he added 1.28p per litre.", False),
    ("The latest statistics on search engines show that, on average, they use 2.2 terms.",
     False),
    ("As the information commissioner himself has said, if people are not marketing "
     "something, they are not in breach of the law.", False),
    # a verb whose complement was said before (session 58)
    ("The panel refused, to avoid appearing biased.", True),
    ("Mr Telford agreed, but added it was becoming increasingly difficult.", True),
    ("When it does not, it is tedious.", True),
    ("One who did not, Rep. Christopher Shays of Connecticut, said Saturday he would vote.",
     True),
    ("Mr Templeton said he agreed.", True),
    ("Under the proposals agreed, a voluntary contribution of 1% could be made.", False),
    ("The panel refused to release the names.", False),
    ("The two sides agreed on a ceasefire.", False),
    ("Prices did not rise in December.", False),
    # "then" a time an earlier sentence gives (session 31)
    ("Since then people outside the US get a message saying they are not authorised.", True),
    ("Until then, multimedia will be a message that is not getting through.", True),
    ("By then phones will be printed directly on to wrists, says Ian Pearson.", True),
    ("Since the 1990s, prices have more than doubled.", False),
    # one more item of a story whose first is told before (session 54)
    ("In a separate statement, the EU said that the US should back Ukraine's entry into the "
     "World Trade Organisation.", True),
    ("Separately, the IMF warned on Thursday that India's budget deficit was too large.", True),
    ("In a similar move the US Federal Trade Commission has won a court order.", True),
    ("In a further blow, the firm said it might need to borrow extra money.", True),
    ("In another development, Robin Cook gave his support to Mr Brown.", True),
    ("In a separate hearing next month the court will rule on the merger.", True),
    # session 72: separate from one told before, as "In a separate ..." (the blind checks
    # read "A separate study by Gartner has also said ..." as needing it 5 times in 5)
    ("A separate inquiry will report in March.", True),
    ("In a statement, the EU said that the US should back Ukraine's bid.", False),
    ("In a similarly worded letter, ministers asked for more time.", False),
    # a time counted from an event told before (session 54)
    ("A day earlier, 27 Palestinians and three Israeli soldiers were injured in similar "
     "clashes.", True),
    ("Two weeks later, Anwar was arrested at his home.", True),
    ("Hours later Sir Edward's hopes of a deal unravelled.", True),
    ("Only moments before, Democrats openly hissed the man.", True),
    ("The day after making his economic gamble, Mahathir set off a political crisis.", False),
    ("Hours before Friday's announcement, there was a funereal air at the headquarters.",
     False),
    ("Two years later than planned, the bridge opened.", False),
    # ... or uncounted (session 68)
    ("A short time later police arrested three 15-year-old boys from Shellharbour.", True),
    ("Later, the prime minister's official spokesman urged people to put her comments "
     "into context.", True),
    ("Afterwards he said outdoor activities were beneficial for children.", True),
    ("Shortly afterwards, Baykal said the Republicans would support the motion.", True),
    ("Later in unguarded, off-air comments, Mr Kilroy-Silk was heard saying so.", True),
    ("Later this week Mr Blair is expected to outline his party's manifesto.", False),
    ("Later in the year listeners will be able to download the software.", False),
    ("Latest figures show the economy grew by 0.7%.", False),
    # an answer to or a set-off against what was said before, comma or not (session 68)
    ("In fact, Malaysia isn't the only country trying self-defense mechanisms.", True),
    ("In short, the company wants a grant from the Australian Government.", True),
    ("In any case, margins in the PC market are now wafer thin.", True),
    ("By contrast moderators on Suprnova made sure files being shared were high quality.",
     True),
    ("Even so the title debuted at No 3 in the UK charts.", True),
    ("In contrast to Japan, the US population is expected to increase by 46%.", False),
    ("In factories across the region, output fell.", False),
    # "his" or "her" in an opening phrase before a subject that is not the person (session
    # 68, a Lee topic summary's line)
    ("Even before his address, Israeli helicopters and warplanes attacked targets in the "
     "West Bank.", True),
    ("Under his leadership in the 70's, ties with the United States were tense.", True),
    ("In his speech, Mr Blair contrasted the two parties.", False),
    ("After his surgery on Oct. 9, the general was moved to a clinic.", False),
    ("Since her abduction, several videos of Mrs Hassan have been broadcast.", False),
    # a connective set off by commas up to eight words in (session 68: a BBC comparison's
    # unique point)
    ("Yukos has won small victories, however, and is bullish about its chances in court.",
     True),
    ("The trillion-dollar debts of Japan's banks, for example, have had no effect.", True),
    ("Yukos, the Russian oil firm, has won small victories in court.", False),
    # (two clauses the connective joins: the seeds)
    ("U.S. forces provided air support, however, the terrorist group used civilians as "
     "human shields.", False),
    ("The passage of the inking law is, nevertheless, a clear step forward.", True),
    # one more time of something told before (session 55)
    ("Again, the Israeli leader accused the Palestinians of ignoring commitments in peace "
     "accords.", True),
    ("Once more, market forces overtook the investigation.", True),
    ('"Once again this government has shown crass insensitivity," he said.', True),
    ("Once completed, the 16-nation space station will have a mass of 1 million pounds.",
     False),
    ("Once the country's richest man, Mr Khodorkovsky is on trial for fraud.", False),
])
def test_an_opening_phrase_then_a_pronoun_leans_back(text, leaning):
    from bot.engine.standalone import leans_back

    assert leans_back(text) is leaning


@pytest.mark.parametrize(("text", "referring"), [
    ("Some of those questioned said they were looking to use a mobile service.", True),
    ("Only 51% of those polled had made up their minds about the constitution.", True),
    ("Almost a quarter (21%) of those polled for the Sunday Times said he should return.",
     False),
    ("More than half (54%) of those asked in a poll for mobile firm Intervoice said so.",
     False),
])
def test_those_questioned_in_a_survey_not_named_refer_back(text, referring):
    from bot.engine.standalone import demonstrative_reference

    assert demonstrative_reference(text) is referring


@pytest.mark.parametrize(("text", "referring"), [
    # compare check 22's two unique points of one article, both labels each needing the figure
    ("For Thailand, that figure is much lower at 0.1%.", True),
    ("Analysts said that figure is likely to rise and the country's tourist industry is "
     "likely to be hardest hit.", True),
    ('Mr Blair said: "Since Jack Straw gave those figures a couple of days ago they have not '
     'moved a great deal."', True),
    ("The owners say that figure is currently hovering around 57.1 percent.", True),
    # a conjunction before a plural, a figure the sentence gives, a defined figure
    ("Analysts said that figures show a slowdown in the housing market.", False),
    ("More than five million households have broadband and that number is growing fast.",
     False),
    ("Officials put the toll at 200, and aid agencies say that figure will rise.", False),
    ("Mr Brown rejected that figure of 40% as far too high.", False),
])
def test_that_figure_given_in_another_sentence_refers_back(text, referring):
    """Session 77: "that figure" / "those figures" with no number before it in the
    sentence: the figure is in another one (13 of 31,628 distinct BBC, DUC dev, seed and
    Lee sentences; 6 flagged by no rule before, each read: all need it)."""
    from bot.engine.standalone import demonstrative_reference, stands_alone

    assert demonstrative_reference(text) is referring
    assert stands_alone(text) is not referring


@pytest.mark.parametrize(("text", "referring"), [
    # answers check 39's topic-summary line, both labellers; and the like in other BBC text
    ("Initiatives like this are critical; if power adaptors continue to be made and used as "
     "they are now, consumer electronics will be responsible for more than 40% of "
     "electricity used in US homes, said the EPA.", True),
    ("Games awards like this have grown in importance.", True),
    ('"Any new technology like this has two components," said Steve Kleynhans.', True),
    ("In contests like those, it might well prove to be in the interest of a Democratic "
     "candidate to tape an advertisement.", True),
    # "that" alone as what someone said or felt (compare check 23, both labellers)
    ("Mr Kilroy-Silk said that worked out at £143,000 per successful asylum seeker.", True),
    ('"I feel that is a premature position to be taking," he said.', True),
    # a noun or a phrase follows: the like is named in the sentence
    ("Ministers would like that to change before the election.", False),
    ("A scheme like that of the Scottish Parliament would cost £10m.", False),
    ("Mr Kilroy-Silk said that workers would lose out under the plans.", False),
    ("Analysts feel that prices will rise further this year.", False),
])
def test_the_like_of_this_and_that_said_refer_back(text, referring):
    """Session 78: "like this" / "such as these" with no noun after it, and "that" alone
    as the subject of what someone said or felt, point to another sentence (19 of 28,884
    distinct seed, DUC dev and BBC sentences, 8 flagged by no rule before, each read: all
    lean back)."""
    from bot.engine.standalone import demonstrative_reference, stands_alone

    assert demonstrative_reference(text) is referring
    assert stands_alone(text) is not referring


@pytest.mark.parametrize(("text", "leaning"), [
    # answers check 39's topic-summary line, both labellers
    ("Tory headquarters says he cannot stand as a Conservative candidate because he is no "
     "longer an approved candidate.", True),
    ("The Tories said she broke a convention that British political figures do not act in "
     "a partisan way when abroad.", True),
    ("The US says he will not have to give up US citizenship to do so.", True),
    ("Prosecutors said he was motivated by wealth.", True),
    # a cleft's "it" is what follows; "they", the group itself; a named speaker
    ("UKIP officials claim it was in fact Mr Kilroy-Silk, not Mr Farage, who briefed "
     "newspapers.", False),
    ("Labour officials said they would fight the plans.", False),
    ("Labour leader Tony Blair said he would not take part in a TV debate.", False),
])
def test_a_group_saying_what_he_or_she_did_leans_back(text, leaning):
    """Session 78: a party, a country or a headquarters saying what "he" or "she" did or
    thinks, the person named in another sentence (5 of 28,884 distinct sentences newly
    flagged, each read: all lean back)."""
    from bot.engine.standalone import leans_back

    assert leans_back(text) is leaning


@pytest.mark.parametrize(("text", "leaning"), [
    # compare check 23's unique point, both labellers; and the like in BBC and DUC text
    ('In 2005 it "will rise toward 13,000", predicted Morgan Stanley equity strategist '
     'Naoki Kamiyama.', True),
    ("In April it will launch a hybrid version of its Highlander SUV.", True),
    ("Under the agreement, it will supply India with 7.5 million tonnes of LPG annually.",
     True),
    ("Next week, it will consider canceling the first-ever regular season games.", True),
    # an expletive "it", an adverb first, a clause of its own in the phrase, a question
    ("In 2005 it will be harder for small firms to borrow.", False),
    ("For the time being, it will still be a bit of an adventure to fly out of Gaza.", False),
    ("Washington argues that if the embargo is lifted, it could lead to a buying spree.",
     False),
    ("Why not try a foreign policy of compassion, it can only enhance our democracy.",
     False),
])
def test_it_with_a_modal_before_a_verb_of_doing_leans_back(text, leaning):
    """Session 78: after an opening phrase or time, "it will launch", "it could supply":
    no expletive "it" does something, so a firm or body named before does (6 of 28,884
    distinct seed, DUC dev and BBC sentences newly flagged, each read: all lean back)."""
    from bot.engine.standalone import leans_back

    assert leans_back(text) is leaning


@pytest.mark.parametrize(("text", "leaning"), [
    # answers check 39's topic-summary line, both labellers; and the like in BBC and DUC
    ("Labour has taken them off its website, saying members preferred other posters.", True),
    ("Mr McCabe has promised them about £8.1bn next year.", True),
    ("The Hutton inquiry cleared him of \"sexing up\" the dossier.", True),
    ("Twelve of them represent Labour, and one is a Liberal Democrat.", True),
    ("Nothing has changed for them yet.", True),
    # the speaker "him" may be; the subject's own; past the first few words (a name may come
    # first)
    ("Anwar said police beat him in custody.", False),
    ("Trade deficits carry with them both good and troubling signals about the economy.",
     False),
    ("Labour's plans for the Smiths would give them a tax cut.", False),
])
def test_them_or_him_early_in_a_sentence_leans_back(text, leaning):
    """Session 78: "them" or "him" as the object of a sentence's first verb or preposition
    stands for someone an earlier sentence names (38 of 28,884 distinct seed, DUC dev and
    BBC sentences newly flagged, each read: all lean back)."""
    from bot.engine.standalone import leans_back

    assert leans_back(text) is leaning


@pytest.mark.parametrize(("text", "fragment"), [
    # compare check 33, both labellers: cut off in its article
    ("Other issues to be discussed at the five-day conference range from China's", True),
    ("Police asked anyone who spots him to contact Sergeant Keith McDonald on", True),
    ("Other issues to be discussed at the conference range from China's debts to trade.",
     False),
    ("In 2003, the economy expanded by 1.3%", False),  # no stop, but whole
    ("Halo 2 is out on 9 November in the US and 11 November in the UK", False),
])
def test_a_sentence_cut_off_on_a_word_that_cannot_end_one_is_a_fragment(text, fragment):
    """Session 81: no closing stop and a last word no sentence ends on (an article, a
    preposition, a conjunction, a possessive): 3 of 28,884 distinct seed, DUC dev and BBC
    sentences, each read: all cut off."""
    from bot.engine.standalone import is_fragment

    assert is_fragment(text) is fragment


@pytest.mark.parametrize(("text", "fragment"), [
    ("In his budget Mr Chidambaram has:", True),  # compare check 24, both labellers
    ("Points raised in the report included:", True),
    ("Mr Chidambaram said: \"The budget is for the poor.\"", False),
])
def test_a_lists_heading_ending_on_a_colon_is_a_fragment(text, fragment):
    """Session 78: a sentence ending on a colon heads a list it does not hold (12 of 28,884
    distinct sentences, each read: all list headings)."""
    from bot.engine.standalone import is_fragment

    assert is_fragment(text) is fragment


@pytest.mark.parametrize(("text", "address"), [
    # two topic-summary lines of answers check 40, both labellers: an office checklist
    ("Do you feel confident about your work output without conferring with others?", True),
    ("Are you able to retain discipline and self motivate to get the job done?", True),
    ("How many times have you wanted to have a camera to hand to catch an unexpected event "
     "that would make headlines?", True),
    # a quotation's question is its speaker's; a question not to the reader
    ('"Do you really think so?" Mr Blair asked.', False),
    ("Will the euro survive the crisis?", False),
])
def test_a_question_to_the_reader_is_the_writers_address(text, address):
    """Session 78: a question put to "you" with no quotation mark is the writer's (or a
    reader's) address, whose words no answer can credit to anyone named (15 of 28,884
    distinct sentences, each read)."""
    from bot.engine.standalone import to_the_reader

    assert to_the_reader(text) is address


def test_tal_afar_brief_shows_the_antecedent_and_not_the_list_fragment(seed_engine):
    from bot.render.places import briefing_text

    brief = seed_engine.places.brief("Tal Afar", 2)
    texts = [s.text for s in brief.sentences]
    assert "Hawija, Al-Qa’im, Tal Afar." not in texts
    assert texts == ["Some ISIS leaders are thought to be holed up in Al-Qa’im, though this is "
                     "unconfirmed.",
                     "And Tal Afar is where some of the fiercest ISIS fighters came from."]
    # one line: the opener reads right after the sentence it leans on
    assert "unconfirmed. And Tal Afar is where" in briefing_text(brief)


def test_brief_key_figures_carry_their_measure_and_source(seed_engine):
    from bot.render.places import briefing_embed, briefing_text

    brief = seed_engine.places.brief("Mosul", 5)
    labels = [f.label for f in brief.figures]
    assert "over 160 people killed (The Mosul Offensive)" in labels
    assert all(f.source and f.label.endswith(f"({f.source})") for f in brief.figures)
    assert {"measure", "source", "label"} <= set(brief.to_dict()["figures"][0])
    assert "over 160 people killed (The Mosul Offensive)" in briefing_text(brief)
    field = next(f for f in briefing_embed(brief).fields if f.name == "Key figures")
    # Discord markdown escapes the brackets; the words are the same
    assert "over 160 people killed (The Mosul Offensive)" in (field.value or "").replace("\\", "")


def test_seed_summaries_by_count_stand_alone(seed_engine):
    summ = seed_engine.summarizer
    answers = [summ.summarize(document=d, sentences=n).sentences
               for d in seed_engine.corpus.documents for n in (3, 5)]
    answers += [summ.summarize(sentences=n).sentences for n in (3, 10)]
    answers += [summ.summarize(topic=t, sentences=5).sentences
                for t in ("Mosul", "civilians displaced", "victory")]
    for items in answers:
        assert items and _leaning_or_fragments(items) == []
    # the seeds' worst openers are never quoted alone
    shown = {s.text for items in answers for s in items}
    assert "No, they are not all ISIS." not in shown and "But hang on." not in shown
    # the seeds are undated: a document summary leaves their "today" out for an equally
    # ranked sentence ("Today’s declaration of victory means little ..." was quoted in
    # three of these); a span ("recently occupied territory") stays, marked undated; a
    # multi-document one keeps its concept picks, and a "today" it shows says its article
    # is undated
    n_docs = 2 * len(seed_engine.corpus.documents)
    in_docs = [s for items in answers[:n_docs] for s in items if relative_time(s.text)]
    assert [s.text for s in in_docs if day_time(s.text)] == []
    assert all(s.anchor == "undated article" for s in in_docs)
    shown_late = [s for items in answers[n_docs:] for s in items if relative_time(s.text)]
    assert shown_late and all(s.anchor == "undated article" for s in shown_late)


def test_seed_unique_points_prefer_a_sentence_no_date_is_missing_for(seed_engine):
    unique = [u for t in ("Mosul", "civilians displaced", "ISIS fighters", "victory")
              for u in seed_engine.comparer.compare(topic=t).unique]
    assert unique and [u.text for u in unique if deictic_time(u.text)] == []
    # a weekday its undated article cannot place ("retook ... Mosul Saturday", the wire's
    # lead) waits behind the source's lines that read alone (comparer._unique_tier; held-out
    # compare check 6); the retaking is still told, by "Victory was declared after ISF ..."
    assert all(u.anchor == "undated article" for u in unique if relative_time(u.text))
    caller = [u.text for u in unique if u.source == "Daily Caller News Foundation"]
    assert caller and not any("Saturday" in t for t in caller)
    assert any(t.startswith("Victory was declared after ISF cleared") for t in caller)


def _doc(doc_id: str, *texts: str, published: str = "", source: str = "Wire") -> Document:
    return Document(doc_id, doc_id, [Sentence(t, doc_id, i) for i, t in enumerate(texts)],
                    source=source, published=published)


def test_keep_quotable_brings_the_antecedent_or_gives_the_room_to_a_standalone_sentence():
    from bot.engine.quotable import keep_quotable

    sents = _doc("a", "The council voted to close the old bridge over the river on Monday.",
                 "But engineers said the bridge could stand for another decade.",
                 "Hawija, Kirkuk, Tal Afar.",
                 "Traffic will move to the new crossing two miles upstream by spring.").sentences
    # an opener picked without its antecedent: the antecedent comes in, the size holds
    # (the lowest-ranked other sentence makes room)...
    assert keep_quotable([1, 3], [1, 3, 0, 2], sents) == [0, 1]
    # ...unless the opener is the lowest-ranked: then it makes room itself
    assert keep_quotable([1, 3], [3, 1, 0, 2], sents) == [0, 3]
    # a fragment gives its room to the best sentence that stands alone
    assert keep_quotable([2, 3], [2, 3, 0, 1], sents) == [0, 3]
    # already quotable: unchanged
    assert keep_quotable([0, 1], [1, 0], sents) == [0, 1]


def test_a_sentence_inside_a_quotation_an_earlier_one_opened_is_the_speakers():
    """BBC copy runs a quotation over several sentences with one opening mark ('He said:
    "This is three-party politics. In the northern cities, ...'): the middle sentences
    carry no mark, and alone they read as the outlet's own statement."""
    from bot.engine.quotable import keep_quotable
    from bot.engine.standalone import inside_quotation, unnamed_speaker

    texts = ["Mr Kennedy is touring the north this week, his party said.",
             'He said: "This is three-party politics.',
             "In the northern cities, the contest is between Labour and the Liberal Democrats.",
             '"In southern seats it is the Conservatives we have to beat."',
             "The party's manifesto will be published on Thursday in London."]
    sents = [Sentence(t, "a", i, 1 if 1 <= i <= 3 else i) for i, t in enumerate(texts)]
    assert [inside_quotation(sents, r) for r in range(5)] == [False, False, True, True, False]
    assert unnamed_speaker(texts[2], quoted=True) and not unnamed_speaker(texts[2])
    # the quotation closed before it, or in another paragraph: the outlet's own words
    assert not unnamed_speaker(texts[4], quoted=inside_quotation(sents, 4))
    closed = [Sentence('He said: "This is three-party politics."', "b", 0, 0),
              Sentence(texts[2], "b", 1, 0)]
    assert not inside_quotation(closed, 1)
    # a multi-document summary does not show it apart from the sentence before it
    assert 2 not in keep_quotable([2, 4], [2, 4, 0, 1, 3], sents)
    assert 2 in keep_quotable([2, 4], [2, 4, 0, 1, 3], sents, need_speaker=False)


def test_a_summary_shows_this_thing_only_after_the_sentence_naming_it():
    """The seeds' whole-corpus summary opened an article's pick with "Reading this quote
    from an Iraqi soldier ..." without the quotation it reads."""
    from bot.engine.quotable import keep_quotable

    sents = _doc("a", "Soldiers said every family left in the Old City supported ISIS.",
                 "Reading this quote from an Iraqi soldier should have been jarring to me.",
                 "Aid agencies expect 20,000 more people to leave west Mosul this month.",
                 "The UN has opened two more camps south of the city for them.").sentences
    # picked without the sentence before it: left out, its room to one that stands alone
    assert keep_quotable([1, 2], [1, 2, 3, 0], sents) == [2, 3]
    assert keep_quotable([1, 2], [1, 2, 3, 0], sents, need_speaker=False) == [2, 3]
    # right after the sentence naming what it speaks of: kept
    assert keep_quotable([0, 1], [1, 0, 2, 3], sents) == [0, 1]


def test_keep_quotable_shows_no_quotation_whose_speaker_it_leaves_out():
    from bot.engine.quotable import keep_quotable

    sents = _doc("a", "The mayor said the council would close the old bridge on Monday.",
                 "``I don't think the plan is such a good idea,'' he said.",
                 "``Republicans certainly aren't going to let that happen.''",
                 "Traffic will move to the new crossing two miles upstream by spring.",
                 "The new crossing cost $40 million and took three years to build.").sentences
    # a quotation said by a pronoun, or by nobody, picked without the sentence before it:
    # left out, not brought in with it (that costs a multi-document summary its room);
    # its room goes to the best sentence that stands alone
    assert keep_quotable([1, 3], [1, 3, 4, 0, 2], sents) == [3, 4]
    assert keep_quotable([2, 3], [2, 3, 4, 0, 1], sents) == [3, 4]
    # shown after the sentence it follows, as its article wrote it: kept
    assert keep_quotable([0, 1], [0, 1, 3, 4, 2], sents) == [0, 1]
    # one article's summary (need_speaker off) keeps it where it was picked
    assert keep_quotable([1, 3], [1, 3, 4, 0, 2], sents, need_speaker=False) == [1, 3]


def test_relative_time_is_anchored_to_a_dated_article_and_shown(tmp_path):
    from bot.engine.items import SentenceItem
    from bot.engine.summary import SummaryResult
    from bot.render.summary import summary_text

    corpus = Corpus(Path("."), {"m": _doc(
        "m", "Iraqi forces are claiming victory in the battle for Mosul today.",
        published="2017-07-10")})
    item = SentenceItem.of(corpus, corpus.documents["m"].sentences[0])
    assert item.anchor == "article of 10 July 2017"
    assert item.to_dict()["anchor"] == "article of 10 July 2017"
    text = summary_text(SummaryResult("corpus", "default", [item]))
    assert "Mosul today. (article of 10 July 2017)" in text
    # an undated article's "today" is marked, never shown as if it meant this day
    undated = Corpus(Path("."), {"m": _doc("m", "Iraqi forces are claiming victory today.")})
    item = SentenceItem.of(undated, undated.documents["m"].sentences[0])
    assert item.anchor == "undated article"
    assert "victory today. (undated article)" in summary_text(
        SummaryResult("corpus", "default", [item]))
    timeless = Corpus(Path("."), {"m": _doc("m", "Iraqi forces retook Mosul in July 2017.")})
    assert SentenceItem.of(timeless, timeless.documents["m"].sentences[0]).anchor == ""


@pytest.mark.parametrize(("text", "phrase"), [
    ("The minister resigned on Monday after the vote.", "on Monday"),
    ("He said on Monday, 12 people died in the attack.", "on Monday"),
    ("Talks resume next weekend in Geneva.", "next weekend"),
    ("The minister resigned on Monday 3 July after the vote.", ""),
    ("The minister resigned on Monday, July 3, after the vote.", ""),
    ("The market is closed on Mondays.", ""),
])
def test_weekdays_without_a_date_are_relative_time(text, phrase):
    assert relative_time(text) == phrase


def test_an_unanchorable_today_gives_its_place_to_an_equally_ranked_sentence():
    from bot.engine.quotable import SWAP_SPAN, keep_quotable

    sents = _doc("a", "Iraqi forces are claiming victory in the battle for Mosul today.",
                 "The offensive to retake Mosul began in October with heavy air support.",
                 "Thousands of families fled the western districts during the offensive.",
                 "Aid agencies set up camps for the displaced south of the city.",
                 "Engineers began clearing rubble from the main roads of the old city.",
                 "Mosul was the largest city held by the group in Iraq.").sentences
    no_date = lambda doc_id: None  # noqa: E731
    dated = lambda doc_id: date(2017, 7, 10)  # noqa: E731
    # undated article: the "today" sentence makes way for the next one the ranking offers
    assert keep_quotable([0, 1], [0, 1, 2, 3], sents, published=no_date) == [1, 2]
    # dated article ("article of 10 July 2017" is shown beside it), or no dates asked: kept
    assert keep_quotable([0, 1], [0, 1, 2, 3], sents, published=dated) == [0, 1]
    assert keep_quotable([0, 1], [0, 1, 2, 3], sents) == [0, 1]
    # "on Monday" names the event's day: kept in its place (and marked "(undated article)")
    monday = _doc("m", "Iraqi forces claimed victory in the battle for Mosul on Monday.",
                  *(s.text for s in sents[1:])).sentences
    assert keep_quotable([0, 1], [0, 1, 2, 3], monday, published=no_date) == [0, 1]
    # a span ("last year") only places a figure in time: kept in its place, and marked
    span = _doc("y", "Profits at the firm rose by 12% compared with last year.",
                *(s.text for s in sents[1:])).sentences
    assert day_time(span[0].text) == "" and relative_time(span[0].text) == "last year"
    assert keep_quotable([0, 1], [0, 1, 2, 3], span, published=no_date) == [0, 1]
    # ... while a day phrase after a span in the same sentence is still found
    assert day_time("Sales fell last year, the firm said yesterday.") == "yesterday"
    # the next SWAP_SPAN candidates all say "today" too: nothing as good, so it stays
    # (and the answer marks it "(undated article)")
    many = _doc("b", *[f"Troops are advancing on district {k} of the old city today."
                       for k in range(SWAP_SPAN + 1)],
                "Mosul was the largest city held by the group in Iraq.").sentences
    assert keep_quotable([0], list(range(len(many))), many, published=no_date) == [0]
    # a word budget: the replacement must fit in the room the sentence leaves
    n_words = [len(s.text.split()) for s in sents]
    n_words[2] = 99
    assert keep_quotable([0, 1], [0, 1, 2, 5], sents, published=no_date, n_words=n_words,
                         words=n_words[0] + n_words[1]) == [1, 5]


def test_undated_today_leaves_summaries_and_unique_points(tmp_path):
    from bot.engine.summary import Summarizer
    from bot.render.compare import compare_text

    corpus = Corpus(Path("."), {"a": _doc(
        "a", "Iraqi forces are claiming victory in the battle for Mosul today.",
        "The offensive to retake Mosul began in October with heavy air support.",
        "Thousands of families fled the western districts during the offensive.",
        "Aid agencies set up camps for the displaced south of the city.",
        "Engineers began clearing rubble from the main roads of the old city.")})
    for n in (1, 2, 3):
        shown = Summarizer(corpus).summarize(document="a", sentences=n).sentences
        assert len(shown) == n and not any(relative_time(s.text) for s in shown), n
    # compare: a source's other sentence is preferred; when it has nothing else, no
    # unique point (three blind compare checks read 3 of 44 such labels alone; session 70)
    docs = {"a": _doc("a", "Iraqi forces are claiming victory in the battle for Mosul today.",
                      "Engineers began clearing rubble from the main roads of the old city.",
                      source="Wire A"),
            "b": _doc("b", "Floods have killed 300 people after weeks of heavy monsoon rain.",
                      source="Wire B"),
            "c": _doc("c", "Flood waters reached villages across the delta on Monday.",
                      source="Wire C")}
    result = Comparer(Corpus(Path("."), docs)).compare(documents=["a", "b", "c"])
    by_source = {u.source: u for u in result.unique}
    assert not relative_time(by_source["Wire A"].text)
    assert "Wire C" not in by_source and "on Monday" not in compare_text(result)
    assert by_source.keys() == {"Wire A", "Wire B"}


def test_names_are_not_relative_time_words():
    assert relative_time("Mr Balls told BBC Radio 4's Today programme he was sure.") == ""
    assert relative_time("He said: “Today we win.”") == "Today"
    assert relative_time("Today the vote takes place.") == "Today"


def test_figures_skip_addresses_and_take_the_verb_before():
    assert extract_figures("He returned to 10 Downing Street on Monday.") == []
    (killed,) = extract_figures("Floods have killed 300 people after weeks of rain.")
    assert killed.label == "300 people killed"


def test_angle_labels_keep_names_and_topic_words_and_drop_filler():
    from bot.engine.angles import angle_label

    texts = ["Up to 300 fighters hold part of the Old City.",
             "The Old City is the most densely populated part of Mosul.",
             "Ambulances rush people from the Old City to a medical clinic section.",
             "It is an easy issue to raise in this section of the city."]
    frames = {"humanitarian": ("medical", "families")}
    angle, terms = angle_label("humanitarian", "appeal", ["old", "section", "medical", "easy"],
                               texts, frames)
    assert terms == ["Old City", "medical"]
    assert angle == "humanitarian appeal: Old City, medical"
    assert angle_label("", "commentary", ["easy", "issue"], texts, frames) == ("commentary", [])
    assert angle_label("", "", ["easy"], texts, frames) == ("", [])


def test_angle_labels_show_each_name_once_as_a_reader_writes_it():
    from bot.engine.angles import angle_label

    texts = ["The Swiss government has frozen the general's accounts.",
             "Daily El Mundo said the general was too ill to be told.",
             "His wife spoke to a reporter from El Mundo on Friday.",
             "Chief prosecutor Ulf Noren said the cause was not known.",
             "Earlier, Noren had said it was a 50-50 chance.",
             "But Noren later retracted the remark.",
             "Troops from Australia landed at dawn.",
             "The Australian navy followed them.",
             "Officials said NASA's budget would fall.",
             "In January Cellnet launched its network."]
    # the sentence's first word is no part of a name, nor a date before it or a possessive
    # after it; a given name the text only writes with the surname goes with it
    assert angle_label("", "reporting", ["swiss", "mundo", "noren"], texts) == (
        "reporting: Swiss, El Mundo, Ulf Noren", ["Swiss", "El Mundo", "Ulf Noren"])
    # a thing named twice ("Daily El Mundo", "Australian") keeps its first term
    _, terms = angle_label("", "reporting",
                           ["mundo", "daily", "australia", "australian", "nasa", "cellnet"],
                           texts)
    assert terms == ["El Mundo", "Australia", "NASA", "Cellnet"]
    # a given name is taken only where it never comes without the surname
    assert angle_label("", "", ["noren"], [*texts, "Ulf Lundell sang."])[1] == ["Noren"]
    # a repeat leaves no gap in a label of three terms: the next term takes its place
    assert angle_label("", "reporting", ["australia", "australian", "noren", "nasa"],
                       texts, limit=3)[1] == ["Australia", "Ulf Noren", "NASA"]
    # a country and its people's word are one thing too ("Greece, Greek": DUC d30044t), a
    # name that only starts alike is another ("Austria", "Australia")
    greek = ["Greece denied it had sheltered the rebel leader.",
             "The Greek foreign minister said so on Friday.",
             "Officials in Turkey accused Greece.", "Police in Austria closed the border."]
    assert angle_label("political", "reporting", ["greece", "greek", "turkey"], greek,
                       limit=2) == ("political reporting: Greece, Turkey", ["Greece", "Turkey"])
    assert angle_label("", "", ["austria", "australia"], [*greek, *texts])[1] == [
        "Austria", "Australia"]


@pytest.mark.parametrize("text,said_by_pronoun", [
    ('"Current PC architecture is nearing its limits," he added.', True),
    ("The Motorola Razr V3 phone was typical of the attention to design, she added.", True),
    ("As with the 2004 US presidential election, he says, the outcome will be close.", True),
    ('"There are signs of a slowdown," he told BBC Radio 4\'s Today programme.', True),
    ("The company said it would cut 2,000 jobs, it said.", True),
    ('"It adds up to the same thing," said Mr Kennedy.', False),  # the speaker is named
    ("For most households, it adds up to exactly the same thing.", False),
    ("Troops were seen dancing as they continued to retake the city.", False),
    ("Mr Brown said he would not raise taxes.", False),
    # a question asked by a pronoun (bench_compare.py's tax topic showed it as a point)
    ('"How can it be right that the poorest 20% pay more in tax?" he asked.', True),
    ("Mr Brown asked whether the plan was fair to pensioners.", False),
])
def test_words_said_by_a_pronoun_the_sentence_does_not_name(text, said_by_pronoun):
    """A comparison shows its sentences apart from their articles: '"...," he added.' is
    nobody's claim there (bot.engine.compare.comparer.stands_alone)."""
    from bot.engine.compare.comparer import stands_alone as shown_in_comparison
    from bot.engine.standalone import pronoun_speaker

    assert pronoun_speaker(text) is said_by_pronoun
    assert shown_in_comparison(text) is (stands_alone(text) and not said_by_pronoun)


@pytest.mark.parametrize("rule,text,hit", [
    # open_quotation: its speaker comes in a later sentence, if at all
    ("open_quotation", '"Games in the classroom need to support the teacher.', True),
    ("open_quotation", "“We will win the next election.", True),
    ("open_quotation",
     'Dr Frasca said: "Political campaigns will continue to experiment with games.', False),
    ("open_quotation", '"It is fine," he said.', False),
    ("open_quotation", "“We will win,” said Mr Blair.", False),
    # bare_quotation: nothing in it says whose words they are
    ("bare_quotation", '"Current PC architecture is nearing its limits."', True),
    ("bare_quotation", "“Interest rates are likely to remain on hold for some time.”", True),
    ("bare_quotation", '"Current PC architecture is nearing its limits," he added.', False),
    ("bare_quotation", '"It is fine," said Mr Blair.', False),
    ("bare_quotation", 'Mr Blair said: "It is fine."', False),
    ("bare_quotation", '"Fine" and "good" were the words used.', False),
    # demonstrative_reference: "this trojan" is named in another sentence (news_claim_heldout10:
    # its point credited two other programs' sentences, "The virus ...", "... the worm")
    ("demonstrative_reference",
     "Computers running Microsoft Windows 95, 98, 2000, NT and XP are vulnerable to this "
     "trojan.", True),
    ("demonstrative_reference", "Investors in these two firms may now have to go to court.",
     True),
    ("demonstrative_reference", "Prices rose by 3% this year, the ONS said.", False),
    ("demonstrative_reference", "He said the plan is the wrong one for the country.", False),
    # (and "this" alone as what someone said: session 68)
    ("demonstrative_reference", "He said this is the wrong plan for the country.", True),
    ("demonstrative_reference", "The US describes this as its most important deal.", False),
])
def test_a_quotation_whose_speaker_the_sentence_does_not_give_is_not_shown_in_a_comparison(
        rule, text, hit):
    """Opened and not closed, or the whole sentence one quotation: shown apart from its
    article, nobody's claim."""
    from bot.engine import standalone
    from bot.engine.compare.comparer import stands_alone as shown_in_comparison

    assert getattr(standalone, rule)(text) is hit
    if hit:
        assert not shown_in_comparison(text)


@pytest.mark.parametrize("text,leaning", [
    ("A short statement presented in a written parliamentary answer did not suggest this.",
     True),
    ("Dr Khoo intends to take the company private, but he has always denied this.", True),
    ('"It really is no more complicated than that."', True),
    ("Nobody knew that the talks had failed.", False),
    ("The truth is this: nothing changes.", False),
    ("Valve has yet to say how many copies of the game were sold in this way.", True),
    ("Nobody expected the vote to go that way on Friday.", False),
])
def test_a_sentence_closing_on_a_demonstrative_does_not_stand_alone(text, leaning):
    """"... did not suggest this.": what "this" is was said in another sentence."""
    from bot.engine.standalone import ends_on_reference, stands_alone

    assert ends_on_reference(text) is leaning
    assert stands_alone(text) is not leaning


def test_wire_copy_typewriter_quotes_are_read_as_quotation_marks_in_a_comparison():
    """DUC 2004's AP and NYT files quote ``like this'': a comparison shows no sentence that
    is all one such quotation, or opens one it does not close, or whose speaker is "he"."""
    from bot.engine.compare.comparer import stands_alone as shown_in_comparison
    from bot.engine.standalone import curly_quotes

    assert curly_quotes("``Not yet,'' Cem said.") == "“Not yet,” Cem said."
    assert shown_in_comparison("``To announce the results is no justice,'' Cem told reporters.")
    assert not shown_in_comparison("``The practical effect is victory for the defendants.''")
    assert not shown_in_comparison("``We get complaints about Microsoft all the time, he said.")
    assert not shown_in_comparison("``It is over for the peace process,'' he said.")


@pytest.mark.parametrize(("text", "placed"), [
    # the reporter's "here" is where the story was filed (DUC 2004, seeds, BBC)
    ("Egyptian President Hosni Mubarak met here Sunday with Syrian President Hafez Assad.",
     True),
    ("Castro joked that police could have waited to avoid having the arrest of Pinochet "
     "overshadow the summit being held here.", True),
    ("Turkey wants Ocalan sent here for trial, but Italy says it cannot extradite him.", True),
    ("Basic logic says that those still here must be either ISIS members or supporters.",
     True),
    ("There are more than 6,000 companies here, showing their latest products.", True),
    # an idiom, a presentation, a place named with it, or a speaker's own "here"
    ("Peer-to-peer (P2P) networks are here to stay, analysts at Gartner say.", False),
    ("Here are some of the strangest queries of 2004, with their possible solutions.", False),
    ("Here in Cambridge we have green bins for compostable waste.", False),
    ("The rise in 1992 is neither here nor there for the radio playlists.", False),
    ("``We are here to help,'' the commander of Turkish land forces, Gen. Atilla Ates, "
     "said.", False),
])
def test_the_reporters_here_needs_the_dateline(text: str, placed: bool) -> None:
    from bot.engine.standalone import demonstrative_reference, here_reference

    assert here_reference(text) is placed
    assert demonstrative_reference(text) is placed


def test_a_wire_quotation_leans_back_as_a_quoted_one_does():
    """'"It won't be enthusiastically," he said.' leans back on what "it" is; wire copy's
    ``It won't be enthusiastically,'' he said. did not: the opening backquotes hid its
    first word (349 DUC dev sentences, each now read as its straight-quoted twin is)."""
    from bot.engine.standalone import leans_back

    for opener in ("``", '"', "“"):
        closer = {"``": "''", '"': '"', "“": "”"}[opener]
        assert leans_back(f"{opener}It won't be enthusiastically,{closer} he said.")
        assert leans_back(f"{opener}But there's some possibility.{closer}")
        assert not leans_back(f"{opener}Not yet,{closer} Cem said.")


def test_a_wire_quotation_s_tail_is_a_fragment_and_a_doubled_apostrophe_may_open_one():
    """The tail of a quotation an earlier sentence opened ("We have margin on everything,''
    said flight director Bob Castle.") is a fragment, as its curly twin is (168 DUC dev
    sentences); "''This is very painful for our family,'' a tearful Lucia Pinochet told
    reporters" (d30003t: the AP's '' opening a quotation) is a whole one."""
    from bot.engine.standalone import curly_quotes, is_fragment

    assert is_fragment("We have margin on everything,'' said flight director Bob Castle.")
    assert is_fragment("We have margin on everything,” said flight director Bob Castle.")
    assert is_fragment("And I think the league feels the same way.''")
    pinochet = ("''This is very painful for our family,'' a tearful Lucia Pinochet told "
                "reporters late Friday.")
    assert curly_quotes(pinochet).startswith("“This is very painful for our family,”")
    assert not is_fragment(pinochet)


@pytest.mark.parametrize("text,refers_back", [
    # "The" and a general noun standing for a name only an earlier sentence gives
    ("The firm said it would cut 500 jobs.", True),
    ("The company's shares fell 3% in early trading.", True),
    ("The report also found that one in five children lived in poverty.", True),
    ("The move follows a year of falling sales.", True),
    ("The deal values the group at $2bn.", True),
    ("The US firm says it wants to compete with companies such as Disney.", True),
    ("The German-US carmaker saw fourth quarter profits fall.", True),
    ("The software giant has denied the claims.", True),
    ("The firm, which makes cars, said sales were down 4%.", True),
    ('"The deal is good for shareholders," said Mr Smith.', True),
    # the sentence names it: apposition, a capitalised modifier, an author after "by"
    ("The firm, Acme Corp, said it would cut 500 jobs.", False),
    ("The company Microsoft said it would cut 500 jobs.", False),
    ("The Yukos deal was signed in Moscow.", False),
    ("The report by the Audit Commission found widespread waste.", False),
    ("The report, published by Ofcom, found widespread waste.", False),
    ("The figures released by the Ministry of Commerce show growth of 9%.", False),
    # a complement may define it; a new description; no general noun of the list
    ("The company behind Windows, Microsoft, said it would cut 500 jobs.", False),
    ("The decision to raise interest rates was expected by most analysts.", False),
    ("The largest company in Japan is Toyota.", False),
    ("The government said it would act on the report.", False),
    ("The minister said the figures were encouraging.", False),
    ("The economy grew by 3% last year.", False),
    ("The Bank of England held interest rates at 4.75%.", False),
    ("The ruling party won a majority of the seats.", False),
    # something new, any noun: what an earlier sentence introduced (session 70, check 27)
    ("The new gadget could make for interesting people-watching among Japanese commuters.",
     True),
    ("The new rules will apply to all scheduled and charter flights.", True),
    ("The new law banning hunting with dogs is poorly drafted, MPs say.", False),
    ("The new chairman of the Bar Council, Guy Mansfield QC, warned of a real risk.", False),
    ("The new iPod mini will go on sale in March.", False),
    # session 71 (check 28 and compare check 10): openings that are no organisation or
    # report, and a plural head with its verb's plain form
    ("The spokesman declined to comment on the security services.", True),
    ("The mayor said his comments would not affect the 2012 Olympic bid.", True),
    ("The changes include everything from the way chips for laptops are made.", True),
    ("The aim is to comment on international news events via games.", True),
    ("The exchange can delist a company if its debt exceeds its assets.", True),
    ("The firms want to make a system that ensures files play on the hardware.", True),
    ("The three firms claim that the Cell chip will be up to 10 times faster.", True),
    ("The aim of the new legislation was to provide a range of penalties.", False),
    ("The changes proposed by Lord Dubs were a complex undertaking.", False),
    ("The figures come after the Bank of England said approvals fell.", False),
    ("The firms Sony and Toshiba want to make a new system.", False),
    # the rest of a set an earlier sentence began (compare checks 3 and 10)
    ("The other main shareholders of EADS are the French government and DaimlerChrysler.",
     True),
    ("Three other ex-Columbia executives agreed settlements with the SEC.", True),
    ("Other firms have also expressed an interest in MCI.", False),
    ("Other than its warning on tax, the NIESR report was optimistic.", False),
    # session 72 (check 29 and every earlier check's labels): more heads no earlier
    # sentence of the line names
    ("The paper said Chinese officials had been irritated by Rover's disclosure.", True),
    ("The service will be priced at £4.50 for an hour's session.", True),
    ("The technology has the potential to transmit hundreds of megabits a second.", True),
    ("The event was carefully stage-managed to underline Cabinet unity.", True),
    ("The committee said the National Audit Office should investigate.", True),
    ("The impetus was the growing number of people with handsets.", True),
    ("The 600,000 connections take the total to almost 3.3 million.", True),
    ("The 12,575 cafes were shut in the three months to December.", True),
    ("The 2004 elections were won by the ruling party.", False),
    ("The 15 members of the board voted.", False),
    ("The paper by the IPPR says taxes should rise.", False),
    ("The Sun newspaper said the talks had failed.", False),
    ("The opposition also made political capital from the figures.", False),
])
def test_a_definite_description_standing_for_an_earlier_name(text, refers_back):
    """"The firm said it would cut 500 jobs.": shown apart from its article, nobody can tell
    which firm. It does not stand alone (so a comparison, a digest line or an antecedent
    is never it), but it does not lean back either: a summary's own picks keep it, as
    asking that cost the DUC and BBC summaries (QUALITY.md)."""
    from bot.engine.compare.comparer import stands_alone as shown_in_comparison
    from bot.engine.standalone import definite_reference, leans_back

    assert definite_reference(text) is refers_back
    assert stands_alone(text) is not refers_back
    assert shown_in_comparison(text) is not refers_back
    assert not leans_back(text)


@pytest.mark.parametrize("text,flagged", [
    # "The" + any lower-case noun standing for what an earlier sentence names
    ("The exchange can delist a company if its debt exceeds its assets for two years running.",
     True),
    ("The chip will be made of several different processing cores.", True),
    ("The airport has one passenger terminal and two runways.", True),
    ("The courts, the professor argues, never pounced.", True),
    ("The law faces a stiff test this weekend.", True),
    ("The conflict has killed nearly 37,000 people.", True),
    ("The new law marks a continuing trend towards tougher privacy rights.", True),
    ("The storage system has been incorporated into an application.", True),
    ("The singer's new album sold 20,000 copies.", True),
    ("\"The allowances are extremely generous,\" said Mr Ingram.", True),
    # defined by what follows, named, new, or one thing in the world
    ("The decline in the US dollar to a five-week low has also served to inflate prices.",
     False),
    ("The next generation of DVDs will hold six times as much.", False),
    ("The largest company in Japan is Toyota.", False),
    ("The man who shot him was arrested on Monday.", False),
    ("The Bank of England held interest rates at 4.75%.", False),
    ("The firm, Acme Corp, said it would cut 500 jobs.", False),
    ("The report by the Audit Commission found waste.", False),
    ("The tool, called Picasa, automatically detects photos.", False),
    ("The internationally recognised southern part of Cyprus is an EU member.", False),
    ("The trillion-dollar debts of Japan's banks have had no effect on markets.", False),
    ("The central problem is that the gameplay is not good enough.", False),
    ("The dollar suffered its biggest one-day fall in four months.", False),
    ("The US budget deficit is set to hit $368bn this year.", False),
    ("The government said it would act on the report.", False),
    ("The firm", False),
])
def test_an_opening_definite_description_of_any_noun(text, flagged):
    """``bare_definite``: "The exchange can delist ..." (which exchange?) is flagged; the
    noun defined by what follows, named beside it, or one of a kind is not. Too loose to
    hide a sentence (benchmarks/bench_bare_definite.py: a fresh sample read 30 of 40, short
    of 0.9): it hides nothing, a comparison asks it only to prefer one of a point's
    sentences over another."""
    from bot.engine.descriptions import bare_definite
    from bot.engine.standalone import definite_reference, leans_back

    assert bare_definite(text) is flagged
    if flagged and not definite_reference(text):
        assert stands_alone(text)
        assert not leans_back(text)


def test_a_comparison_shows_no_point_that_says_the_firm_without_naming_it():
    """Two wires on one job cut: each source's unique point is a sentence that names the
    firm, not "The firm said ..." picked up from the sentence before it."""
    corpus = Corpus(Path("."), {d.doc_id: d for d in (
        _doc("a", "Carmaker Volvo will close its plant in Gothenburg next spring.",
             "The firm said the closure would cost 500 jobs at the site.",
             source="Wire A"),
        _doc("b", "Brewer Heineken reported a record profit for the year on strong sales.",
             "The company's shares rose 4% in Amsterdam after the results.",
             source="Wire B"))})
    result = Comparer(corpus).compare(documents=["a", "b"]).to_dict()
    shown = [u["text"] for u in result["unique"]] + [c["text"] for c in result["consensus"]]
    assert shown
    assert not any(t.startswith("The firm") or t.startswith("The company") for t in shown)


def test_a_list_items_marker_does_not_hide_its_opening_pronoun():
    """BBC copy's bullet lines ("- They will also have to show ..."): the dash is no word,
    so the pronoun after it opens the sentence and leans back as it would without it."""
    from bot.engine.standalone import leans_back, opening_word

    item = "- They will also have to show they are unlikely to be a danger to public health."
    assert opening_word(item) == "they" and leans_back(item)
    assert not leans_back("- The UK will cut its fuel duty next year, the minister said.")
    assert opening_word("• \u201cWe will win,\u201d Mr Smith said.") == "we"
    # the AP marks an item "_ " (DUC d30006t): a connective after it leans back too, and
    # an item that is a sentence does not
    for item in ("_ Also, if the 63-percent threshold is met, a reduction of annual 20 "
                 "percent raises would take effect for multi-year contracts.",
                 "_ Finally, the players agreed to make marijuana a banned substance.",
                 "- Also, if the threshold is met, raises would be cut."):
        assert leans_back(item), item
    assert not leans_back("_ A salary cap credit would go into effect if the league pays "
                          "out more than 63 percent of revenues in salary.")


@pytest.mark.parametrize("name", ["standalone_answers_check", "standalone_answers_check2",
                                  "standalone_answers_check3", "standalone_answers_check4",
                                  "standalone_answers_check5", "standalone_answers_check6",
                                  "standalone_answers_check7", "standalone_answers_check8",
                                  "standalone_answers_check9", "standalone_answers_check10",
                                  "standalone_answers_check11",
                                  "standalone_answers_check12",
                                  "standalone_answers_check13",
                                  "standalone_answers_check14",
                                  "standalone_answers_check26",
                                  "standalone_answers_check27",
                                  "standalone_answers_check28",
                                  "standalone_answers_check29",
                                  "standalone_answers_check30",
                                  "standalone_answers_check31",
                                  "standalone_answers_check32",
                                  "standalone_answers_check33",
                                  "standalone_answers_check34",
                                  "standalone_answers_check35",
                                  "standalone_answers_check36",
                                  "standalone_answers_check37",
                                  "standalone_answers_check38",
                                  "standalone_answers_check39",
                                  "standalone_answers_check40",
                                  "standalone_answers_check41",
                                  "standalone_answers_check42",
                                  "standalone_answers_check43",
                                  "standalone_answers_check44",
                                  "standalone_answers_check45",
                                  "standalone_answers_check46",
                                  "standalone_answers_check47",
                                  "standalone_answers_check48",
                                  "standalone_answers_check49",
                                  "standalone_answers_check50",
                                  "standalone_answers_check51",
                                  "standalone_answers_check52"])
def test_the_blind_checks_of_answers_are_labelled(name: str) -> None:
    """scripts/sample_answers.py's draws of BBC topic summaries and place briefs, every line
    labelled blind by a helper (alone, or what it needs with a note), as the reader saw it."""
    import json

    path = Path(__file__).parent / "fixtures" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    # check 29 found 9 places named in two articles that no earlier check had drawn, check
    # 30 none (its 30 topic summaries only); check 45 only 22 topics not drawn before, and
    # check 46 drew nouns of 4 to 7 articles (--noun-df 4 7), whose summaries run shorter
    assert data["labelled_by"] and len(data["answers"]) in (30, 32, 39, 40)
    lines = [line for answer in data["answers"] for line in answer["lines"]]
    assert len(lines) >= (110 if name in ("standalone_answers_check45",
                                          "standalone_answers_check46",
                                          "standalone_answers_check50") else 140)
    for line in lines:
        assert line["text"] == " ".join(s["text"] for s in line["sentences"])
        if line["label"] == "alone":
            assert line["kind"] == ""
        else:
            assert line["label"] == "needs context"
            assert line["kind"] in data["kinds"] and line["note"]


@pytest.mark.parametrize("name", ["standalone_compare_check", "standalone_compare_check2",
                                  "standalone_compare_check3", "standalone_compare_check4",
                                  "standalone_compare_check5", "standalone_compare_check8",
                                  "standalone_compare_check9", "standalone_compare_check10",
                                  "standalone_compare_check11", "standalone_compare_check12",
                                  "standalone_compare_check13", "standalone_compare_check14",
                                  "standalone_compare_check15", "standalone_compare_check16",
                                  "standalone_compare_check17", "standalone_compare_check18",
                                  "standalone_compare_check19", "standalone_compare_check20",
                                  "standalone_compare_check21",
                                  "standalone_compare_check22",
                                  "standalone_compare_check23",
                                  "standalone_compare_check24",
                                  "standalone_compare_check25",
                                  "standalone_compare_check26",
                                  "standalone_compare_check27",
                                  "standalone_compare_check28",
                                  "standalone_compare_check29",
                                  "standalone_compare_check30",
                                  "standalone_compare_check31",
                                  "standalone_compare_check32",
                                  "standalone_compare_check33",
                                  "standalone_compare_check34",
                                  "standalone_compare_check35",
                                  "standalone_compare_check36"])
def test_the_blind_checks_of_comparisons_are_labelled(name: str) -> None:
    """scripts/sample_answers.py --compare: 24 BBC comparisons each, every consensus and
    conflict claim and 6 unique points drawn per answer, labelled blind as shown."""
    import json

    path = Path(__file__).parent / "fixtures" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["labelled_by"] and len(data["answers"]) == 24
    lines = [line for answer in data["answers"] for line in answer["lines"]]
    assert len(lines) >= 140
    assert {line["part"] for line in lines} <= {"consensus", "conflict", "unique"}
    for line in lines:
        assert line["label"] in ("alone", "needs context")
        assert (line["kind"] == "") == (line["label"] == "alone")
        assert line["label"] == "alone" or (line["kind"] in data["kinds"] and line["note"])


def test_the_end_redraw_of_session_72_was_labelled_blind() -> None:
    """tests/fixtures/standalone_relabel72.json: the lines session 72's changes brought into
    blind checks 29 and compare 11, and the kept lines whose notes changed (two rounds), and
    those its last rules brought into checks 30 and compare 12 (a third), labelled blind by
    two helpers each round, as shown (QUALITY.md, session 72)."""
    import json

    path = Path(__file__).parent / "fixtures" / "standalone_relabel72.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    lines = [line for answer in data["answers"] for line in answer["lines"]]
    assert len(lines) == 31 and data["labelled_by"]
    assert [sum(line["round"] == k for line in lines) for k in (1, 2, 3)] == [12, 14, 5]
    for line in lines:
        assert [x["labeller"] for x in line["labels"]] == [1, 2]
        for x in line["labels"]:
            assert (x["kind"] == "") == (x["label"] == "alone")
            assert x["label"] == "alone" or (x["kind"] in data["kinds"] and x["note"])
    assert sum(x["label"] == "alone" for line in lines for x in line["labels"]) == 41


def test_the_who_notes_were_judged_against_their_articles() -> None:
    """tests/fixtures/who_notes_check*.json: notes of bot.engine.referents drawn from the
    BBC set at five versions (80 each; the fourth: the notes session 20 added or changed;
    the fifth: all 102 session 21 added), each judged against its article;
    standalone_who_relabel.json: the lines of the earlier checks that now show one,
    labelled blind again as shown."""
    import json

    fixtures = Path(__file__).parent / "fixtures"
    for name, count in (("who_notes_check", 80), ("who_notes_check2", 80),
                        ("who_notes_check3", 80), ("who_notes_check4", 80),
                        ("who_notes_check5", 102)):
        notes = json.loads((fixtures / f"{name}.json").read_text("utf-8"))["notes"]
        assert len(notes) == count
        assert all(n["verdict"] in ("right", "name right, role wrong", "wrong person")
                   and n["who"] for n in notes)
    offices = json.loads((fixtures / "office_notes_check.json").read_text("utf-8"))["notes"]
    assert len(offices) == 60 and all(
        n["verdict"] in ("right", "wrong person", "unclear") and "the " in n["who"]
        for n in offices)
    relabel = json.loads((fixtures / "standalone_who_relabel.json").read_text("utf-8"))
    assert relabel["labelled_by"] and all(
        line["who"] and line["label"] in ("alone", "needs context") for line in relabel["lines"])


def test_the_what_notes_were_judged_against_their_articles() -> None:
    """tests/fixtures/what_notes_*.json: notes naming what a line's "the report" is
    ("the report: a report by Jupiter Research"), each judged against its article by a
    helper; tried in session 21 and not shipped (10 of 60 held-out notes wrong): python
    scripts/experiment_antecedents.py; tried again in session 26 without a parse, not
    shipped (5 of 40 held-out notes wrong): python scripts/experiment_what_notes.py."""
    import json

    fixtures = Path(__file__).parent / "fixtures"
    for path in sorted(fixtures.glob("what_notes_*.json")):
        data = json.loads(path.read_text("utf-8"))
        assert data["labelled_by"] and data["lines"], path.name
        for line in data["lines"]:
            assert line["verdict"] in ("right", "right but vague", "wrong", "unclear")
            assert line["note"] and line["text"] and line["doc_id"]
            assert line["verdict"] == "right" or line["comment"], line


def test_a_quotation_with_no_speaker_is_no_antecedent() -> None:
    """A brief showed '"I knew I had to stay very calm and passive - you cannot fight six
    men".' before "He had to spend an extra 24 hours in Nairobi ...": the pair hid whose
    words they were. A leaning sentence whose antecedent names no speaker is not shown."""
    from types import SimpleNamespace

    from bot.engine.quotable import with_antecedents

    def article(*texts: str) -> list[SimpleNamespace]:
        return [SimpleNamespace(text=t, doc_id="politics/144", position=k, paragraph=k)
                for k, t in enumerate(texts)]

    quoted = article('"I knew I had to stay very calm and passive - you cannot fight six men".',
                     "He had to spend an extra 24 hours in Nairobi before rejoining the "
                     "committee in Darfur.")
    assert with_antecedents([1], quoted) == []
    named = article("The MP said he was mugged by six men near his hotel in Nairobi.",
                    "He had to spend an extra 24 hours in Nairobi before rejoining the "
                    "committee in Darfur.")
    assert with_antecedents([1], named) == [0, 1]


def test_a_topic_summary_of_undated_articles_prefers_lines_it_can_date():
    """Topic lines come from many stories: "last week" or "on Tuesday" in an article with
    no date says nothing a reader can place (blind checks 4-5 marked 33 such lines). Among
    about equally good lines, one with no relative time is shown; a dated article's stays,
    with its date."""
    from bot.engine.summary import Summarizer

    def corpus(published: str) -> Corpus:
        return Corpus(Path("."), {
            "a": _doc("a", "Flood defences along the river failed last week, flooding homes "
                      "in three towns.", "Engineers inspected the flood defences.",
                      published=published, source="Wire A"),
            "b": _doc("b", "Flood defences on the coast held as storm waves hit the towns.",
                      "Residents praised the flood defences.", published=published,
                      source="Wire B"),
            "c": _doc("c", "Insurers expect flood claims to rise sharply this winter.",
                      published=published, source="Wire C")})

    undated = Summarizer(corpus("")).summarize(topic="flood defences towns", sentences=1)
    assert [s.text for s in undated.sentences if relative_time(s.text)] == []
    dated = Summarizer(corpus("2005-01-20")).summarize(topic="flood defences towns",
                                                        sentences=1)
    assert [s.text for s in dated.sentences] == [
        "Flood defences along the river failed last week, flooding homes in three towns."]
    assert dated.sentences[0].anchor == "article of 20 January 2005"


def test_a_topic_summary_prefers_a_line_that_names_the_firm():
    """"The firm said it would cut 500 jobs." lifted into a topic summary leaves the reader
    asking which firm; a line about as good that names it takes its place."""
    from bot.engine.summary import Summarizer

    corpus = Corpus(Path("."), {
        "a": _doc("a", "Carmakers across Europe face falling sales this winter.",
                  "The firm said it would cut 500 jobs at its car plants in Europe.",
                  source="Wire A"),
        "b": _doc("b", "Opel said it would cut 400 jobs at its car plants in Europe.",
                  "Unions called a strike at the plants.", source="Wire B"),
        "c": _doc("c", "Sales of new cars rose in Asia.", source="Wire C")})
    shown = Summarizer(corpus).summarize(topic="jobs car plants", sentences=1).sentences
    assert [s.text for s in shown] == [
        "Opel said it would cut 400 jobs at its car plants in Europe."]


@pytest.mark.parametrize(("text", "title", "head"), [
    # whose words or figures, named only by a general noun, the line and title naming none
    ("New mortgage loans in January fell to 79,000 from 82,000 in December, the bank said.",
     "house prices show slight increase", "bank"),
    ("According to the study, more than 45 million people now only use a mobile.",
     "home phones face unclear future", "study"),
    ("The paper said the document had been found in a London street.",
     "Pakistani women 'must not hide'", "paper"),
    ("The IMF has also revised eurozone forecasts, the paper said.", "IMF cuts forecast",
     "paper"),  # the IMF is the story, not the paper
    # the verb first, wire style (session 23, checks 10 and 11)
    ("Mobile TV will have to overcome several barriers before it is widely taken up though, "
     "said the report.", "mobiles 'not media players yet'", "report"),
    ("A typical episode of 24 was downloaded by about 100,000 people globally, said the "
     "report, and an estimated 20,000 of those were from within the UK.",
     "UK net users leading TV downloads", "report"),
    ("UK manufacturing grew at its slowest pace in one-and-a-half years in January, according "
     "to a survey.", "manufacturing recovery 'slowing'", "survey"),
    ("However, when it reported the results, the airline was upbeat about prospects.",
     "Ryanair in $4bn Boeing plane deal", ""),  # an object, no source
    ("Mr Smith said the report was wrong.", "report row", ""),  # the report is not the source
    # named: beside the noun, by a name in the line or title (an organisation), by a named
    # speaker holding the document, by the title saying whose it is
    ("Revenues at media group Reuters slipped 11%, the group said.", "weak dollar", ""),
    ("ICBC's profits were 74.7bn yuan in 2004, the bank said in a statement.", "profits", ""),
    ("The firm said it had met its main strategic objectives.",
     "France Telecom gets Orange boost", ""),
    ("The National Audit Office said although the latest figures showed fraud was falling, "
     "the EU had no common definition of fraud.", "fraud clampdown urged", ""),
    ("The report added that residential real estate activity remained strong.",
     "US economy still growing says Fed", ""),
    ("According to the report by the FCC, broadband is becoming increasingly popular.",
     "broadband steams ahead", ""),
    ("The government says unions will be consulted.", "strike threat", ""),  # not a source
    # session 79: a body of people an earlier sentence introduces
    ("The MPs found the system was nowhere near being fully functional.", "CSA 'failing'",
     "MPs"),
    ("The DCA had failed to provide early guidance, the MPs found.", "Court shake-up",
     "MPs"),
    ("It is viable to take down almost any website instantly, said the researchers.",
     "Bots threaten websites", "researchers"),
    ("The MPs found the system was failing.", "MPs attack CSA", ""),  # the title gives them
    ("The Tory MPs said they were concerned.", "Rebellion", ""),  # a party names them
    ("Many scientists say the climate is warming.", "Climate", ""),  # not "the"
])
def test_a_source_named_only_by_a_general_noun(text: str, title: str, head: str) -> None:
    from bot.engine.descriptions import definite_speaker

    assert definite_speaker(text, title) == head


def test_a_titles_first_word_is_a_name_only_when_the_article_writes_it_so() -> None:
    from bot.engine.descriptions import named_title

    assert named_title("Bombardier chief to leave company",
                       ["Shares in Bombardier fell.", "The firm said so."]) == \
        "Bombardier chief to leave company"
    assert named_title("House prices show slight increase",
                       ["House prices rose.", "The bank said so."]) == \
        "house prices show slight increase"
    # session 80: a quotation mark before the first word does not make it a name
    assert named_title("'Debate needed' on donations cap",
                       ["The Electoral Commission wants a debate.", "The watchdog said so."]) \
        == "'debate needed' on donations cap"
    assert named_title("'Blair will win', says Brown",
                       ["Mr Blair spoke.", "It was Blair's day."]) == \
        "'Blair will win', says Brown"
    # session 81: a possessive first word is read by its name
    assert named_title("Kennedy's cautious optimism", ["Mr Kennedy spoke."]) == \
        "Kennedy's cautious optimism"
    assert named_title("Britain's cautious optimism", ["Ministers spoke."]) == \
        "britain's cautious optimism"


@pytest.mark.parametrize(("text", "title", "head"), [
    # a reported event or document the line calls "the ..." without saying which
    ('Mr Howard later added there was not "one iota" of truth in the report.',
     "Howard rejects Blair claims", "report"),
    ("Shadow home secretary David Davis said the research appeared to acknowledge that "
     "CSOs were having no discernible effect on crime figures.", "Police helpers", "research"),
    ("Although the flaw was fixed, Microsoft has come under regular criticism.",
     "Microsoft patches browser", "flaw"),
    ("In 2000, Borders Council said the area's economy had suffered since the closure.",
     "Borders rail link campaign rally", "closure"),
    ("Company spokesman Glenn Waller said Exxon still considered the deal valid.",
     "Exxon in Russia row", "deal"),
    # defined or named where it stands, or by the title
    ("Lord Scarman will be remembered for the public inquiry he led into the riots.",
     "Scarman dies", ""),  # a contact clause says which
    ("The report by the Audit Commission found the rise in 2003.", "Councils", ""),
    ("Ministers backed the decision to raise rates.", "Rates up", ""),
    ("A report published on Monday found the rise, the report said.", "Rises", ""),
    ("A Norwegian court upheld the ruling against Bruvik.", "Norway upholds 'Napster' ruling",
     ""),  # the title names the ruling
    ("Only 13% of Europeans wanted to watch video while on the move.", "Mobile TV", ""),
    ("But there are obvious reasons why this is not the case at all.", "Doubts", ""),
    ("Mr Blair said talking was the only answer.", "Blair talks", ""),  # a new description
    ("He signed the Yukos deal in May.", "Oil firms", ""),  # capitalised: named
    # session 72: a law named by its capital alone (compare check 11)
    ("Officials said that although the Act does not provide exemptions, rules may bend.",
     "SEC to rethink post-Enron rules", "act"),
    ("While Russia has signed the Charter, it has never ratified it.", "Yukos case", "charter"),
    ("He gave $1bn to the Bill Gates Foundation.", "Vaccines", ""),
    ("Ministers hope the Act will pass.", "Terror Act row", ""),  # the title names it
    # session 79: more shell nouns, read off every earlier check's notes
    ("LVMH refused to comment on the reports.", "US firm 'bids for Lacroix label'", "reports"),
    ("Mr Griffin is the twelfth man to be arrested following the documentary.",
     "BNP leader Nick Griffin arrested", "documentary"),
    ("Mr Campbell has described the episode as a bit of a disaster.", "No pain, no gain?",
     "episode"),
    ("Some may just want the odd episode, others download regularly.", "TV downloads", ""),
    ("Fiat has yet to comment on the matter.", "Alfa Romeos 'to get GM engines'", ""),
])
def test_a_reported_event_named_only_the_report_inside_a_line(text: str, title: str,
                                                               head: str) -> None:
    from bot.engine.descriptions import inner_reference

    assert inner_reference(text, title) == head


@pytest.mark.parametrize(("title", "opening", "hidden", "named", "topic"), [
    # "..., the bank said.": which bank? (definite_speaker)
    # (the fourth quarter named: "in the quarter" alone is a period told before, session 69)
    ("house prices show slight increase", "Mortgage approvals rose in the fourth quarter.",
     "New mortgage loans in the fourth quarter fell to 79,000 from 82,000 a year earlier, the "
     "bank said.", "Nationwide said new mortgage loans in the fourth quarter fell to 80,000 "
     "from 83,000 a year earlier.", "mortgage loans quarter earlier"),
    # "... of truth in the report.": which report? (inner_reference)
    ("Howard rejects claims", "The Tory leader spoke in Kent.",
     "On the Tory tax plans, Mr Howard said there was no truth in the report.",
     "Mr Howard said the Guardian's story on the Tory tax plans held no truth.",
     "Howard truth tax plans"),
    # "The committee also said ...": which committee? (opening_description)
    ("Ministers publish animal bill", "Ministers published the bill in May.",
     "The committee also said some legal protections for farm animals were downgraded.",
     "The RSPCA said some legal protections for farm animals were downgraded.",
     "legal protections farm animals downgraded"),
    # "Starting in London, he visited ...": who? (subject_hidden)
    ("Labour opens its campaign", "Gordon Brown began the tour on Monday.",
     "Starting in London, he visited marginal constituencies to promise lower taxes.",
     "Gordon Brown visited marginal constituencies in London to promise lower taxes.",
     "marginal constituencies lower taxes"),
    # "..., the panel agreed ...": which panel? (inner_description)
    ("Net rules debated", "Ofcom held a debate in May.",
     "After Lord Currie left, the panel agreed that internet regulation could be a reality.",
     "The Ofcom panel agreed that internet regulation could be a reality within years.",
     "internet regulation reality"),
    # "... disputes the claim, ...": which claim? (inner_reference, a session 35 shell noun)
    ("Climate talks stall", "Delegates met in Buenos Aires.",
     "Europe, which disputes the claim, wants to press ahead with climate change talks.",
     "Europe wants to press ahead with climate change talks despite US objections.",
     "press ahead climate change talks"),
    # "Under the reforms, ...": which reforms? (opening_phrase)
    ("Top judge speaks out", "Lord Woolf spoke in London.",
     "Under the reforms, the Law Lords will be replaced as the highest court by a new court.",
     "Under the Constitutional Reform Bill the Law Lords will be replaced as the highest court.",
     "Law Lords replaced highest court"),
])
def test_a_topic_summary_prefers_a_line_that_says_whose_or_which(
        title: str, opening: str, hidden: str, named: str, topic: str) -> None:
    """A line lifted into a topic summary that leaves the reader asking which bank or which
    report gives its place to a line about as good that says so; in a place brief it comes
    after the lines that stand alone (read only with the titles)."""
    from bot.engine.descriptions import titles_of
    from bot.engine.quotable import quotable_order
    from bot.engine.summary import Summarizer

    corpus = Corpus(Path("."), {
        "a": Document("a", title, [Sentence(opening, "a", 0), Sentence(hidden, "a", 1)],
                      source="Wire A"),
        "b": _doc("b", named, "Buyers stayed away.", source="Wire B"),
        "c": _doc("c", "Sales of new cars rose in Asia.", source="Wire C")})
    shown = Summarizer(corpus).summarize(topic=topic, sentences=1).sentences
    assert [s.text for s in shown] == [named]
    rows = [corpus.documents["a"].sentences[1], corpus.documents["b"].sentences[0]]
    assert quotable_order([0, 1], rows, titles=titles_of(corpus)) == [1, 0]
    assert quotable_order([0, 1], rows) == [0, 1]  # without titles, nothing is read


@pytest.mark.parametrize(("text", "title", "flag"), [
    ("The committee also said some legal protections were downgraded.", "Animal bill", "committee"),
    ("The panel's aim was to define what constitutes cheating.", "Exam cheating study", "panel"),
    ("The claim was made at the latest hearing in the bankruptcy court.", "Yukos loses", "claim"),
    ("Care has since closed down all its operations in Iraq.", "Aid agency", "since"),
    ("Dr Williams has since criticised the government over its case for war.", "War", "since"),
    ("The panel's aim was to define what constitutes cheating.", "Panel to study cheating", ""),
    ("Ms Simonetti was suspended in September and has since lodged a complaint.", "Suit", ""),
    ("He has since then moved to Paris.", "Move", ""),  # "since then": leans_back reads it
    ("The government said it would act.", "Act", ""),  # known without a name
    ("The MPs said they were concerned.", "Concern", ""),  # capitalised: not read
    ("The Bank of England held rates.", "Rates", ""),
    ("The decline in the dollar continued.", "Dollar", ""),  # defined after the noun
    # session 79: a title of the kind does not say which one
    ("The game has been trialled in two secondary schools.", "Games enter the classroom",
     "game"),
    ("The gadget is expected to go on sale before the summer.", "Gadgets galore at fair",
     "gadget"),
    ("The game is weak, not completely unplayable.", "Bond game fails to shake or stir", ""),
    ("The originality award was won by Singstar.", "Half-Life 2 sweeps Bafta awards", ""),
    ("The mobile industry is keen to sell music.", "Mobiles 'not media players yet'", ""),
    # session 80: an irregular past after the head (compare check 29, both labellers)
    ("The title broke the UK sales record for video games in its first weekend of release.",
     "Slimmer PlayStation triple sales", "title"),
    ("The court heard how documents were taken by police.", "Labour trio on trial", "court"),
    ("The opening shot in that battle was fired at the weekend.", "Budget", ""),  # a noun
])
def test_a_line_opening_on_what_only_an_earlier_sentence_names(text: str, title: str,
                                                              flag: str) -> None:
    from bot.engine.descriptions import opening_description

    assert opening_description(text, title) == flag


@pytest.mark.parametrize(("text", "title", "flag"), [
    ("Europe, which disputes the claim, has signalled it wants talks.", "Blair presses US",
     "claim"),
    ("Mr Blair used the tactic before the Iraq war.", "Analysis: no pain, no gain?", "tactic"),
    ("She hopes the technology can be put on the website soon.", "Smart search", "technology"),
    # a concrete thing after a capitalised word inside the line is not read, even where the
    # name is not what it stands for (a known gap: "the technology" is Piero here)
    ("BBC Broadcast hopes the technology can be sold to third parties.", "Piero gives rugby "
     "perspective", ""),
    ("Mozilla browsers now have 7.4% of the market, the figures suggest.", "Firefox gains",
     "figures"),
    ("Ministers say the new plans would make payments simpler.", "Budget row", "plans"),
    ("Ministers say the new plans would make payments simpler.", "Plan to give elderly care "
     "control", ""),  # the title gives it (read for the singular)
    ("At least three people died in the tsunami disaster.", "Scots toll", ""),  # named
    ("Gordon Brown will need $10bn a year, the firm claims.", "Golden period", ""),  # a verb
    ("Some details of the Xbox were given, with the device shown.", "Game makers", ""),
    ("Owning all 10 gadgets will set the gadget lover back 7,455.", "Sony PSP", ""),
    ("We see the same in the technology industry.", "Greener computers", ""),  # a compound
    # session 79: a bill is named by its own title, never by a name before it
    ("Tony Blair said he would do everything he could to meet concerns about the bill.",
     "Blair's pledge to rebels", "bill"),
    ("Lord Falconer says there will be amendments when the bill goes to the Lords.",
     "Peers to debate", "bill"),
    ("Ministers say the bill will pass.", "Gambling bill row", ""),  # the title names it
    ("As a slice of science fiction, it fit the bill perfectly.", "Halo 2 review", ""),
])
def test_a_shell_noun_inside_a_line_that_nothing_names(text: str, title: str,
                                                        flag: str) -> None:
    """Session 35's shell nouns (SHELL_HEADS) in inner_reference: "the claim", "the tactic",
    "the technology" that nothing shown names; not a noun a modifier names, a verb, a thing
    a name before it may be, or a modifier of another noun."""
    from bot.engine.descriptions import inner_reference

    assert inner_reference(text, title) == flag


@pytest.mark.parametrize(("text", "title", "flag"), [
    ("Under the reforms, the Law Lords will be replaced.", "Judges' row", "reforms"),
    ("Of the immediate payment, the firm said it would pay $30m.", "Jet fuel", "payment"),
    ("In the capital, the volume of sales fell by 23%.", "House sales slow", "capital"),
    ("Despite the warnings, there are no reports of phones infected.", "Mobile virus",
     "warnings"),
    ("Under the agreement, Metlife will sell its products.", "Citigroup sells insurer",
     "agreement"),
    ("Under the agreement, Metlife will sell its products.", "Citigroup agrees sale", ""),
    ("In the meantime, Euronext began talks.", "LSE bid", ""),  # a phrase of time
    ("At the same time, about 100,000 people are expected.", "Davos", ""),
    ("On the other hand, slower exports would mean slower growth.", "Euro", ""),
    ("In the UK, sales rose.", "Sales", ""),  # a capitalised word: not read
    ("Despite the dip in profits, sales improved.", "Heineken", ""),  # defined after it
    ("The reforms, he said, were overdue.", "Reform", ""),  # no opening phrase
])
def test_a_line_opening_on_a_phrase_only_an_earlier_sentence_names(text: str, title: str,
                                                                   flag: str) -> None:
    from bot.engine.descriptions import opening_phrase

    assert opening_phrase(text, title) == flag


@pytest.mark.parametrize(("text", "title", "flag"), [
    ("After Lord Currie departed, the panel agreed that this could be a reality.",
     "Net regulation 'still possible'", "panel"),
    ("A spokesperson said the figures were not definitive.", "burglar defence guidelines",
     "figures"),
    ("The only niggle was that the interface was a bit confusing.", "mobile games", "interface"),
    ("Mr Blair said the two leaders had talked about Afghanistan.", "Pakistani women", "leaders"),
    ("A spokesperson said the figures were not definitive.", "crime figures rise", ""),  # title
    # session 80: an irregular past after the noun ("knew"), not a noun after it ("bid")
    ("A report said the hacks knew the reasons for the timing.", "rift claims", "hacks"),
    ("He added that the opening bid for the unit was $8bn.", "Yukos refuge call", ""),
    ("Mr Smith, the firm's chief, said sales rose.", "Sales rise", ""),  # an apposition
    ("Acme, the carmaker, said sales rose.", "Sales rise", ""),
    ("Profits rose as Shell said the firm had met its targets.", "oil profits", ""),  # a name
    ("Shell said the firm had met its targets.", "oil profits", "firm"),  # first word: unread
    ("Sales rose 3%, the company said.", "DaimlerChrysler sales rise", ""),  # a name in the title
    ("A report was published and officials said the report was wrong.", "Row", ""),
    ("Ministers said the government would act.", "Act", ""),  # known without a name
    ("Analysts said the decline in the dollar continued.", "Markets", ""),  # defined after
])
def test_a_clause_inside_a_line_opening_on_what_only_an_earlier_sentence_names(
        text: str, title: str, flag: str) -> None:
    from bot.engine.descriptions import inner_description, reference_hidden

    assert inner_description(text, title) == flag
    assert reference_hidden(SimpleNamespace(text=text, doc_id="a"), lambda _: title) == bool(flag)


@pytest.mark.parametrize(("text", "title", "flag"), [
    ("With his party's pledge already adopted by the government, he has switched tack.",
     "Tax pledge row", "his"),
    ("All come in handy as he seeks to establish his presence.", "sequel is criminally good",
     "he"),
    ("How will he achieve the breakthrough?", "UK party's secret weapon?", "he"),  # "UK": no name
    ("He said the plan would work.", "Plan row", ""),  # opening: leans_back reads it
    ("In his speech, Mr Blair said the plan would work.", "Plan row", ""),  # a name after it
    ("The veteran game maker says he has one problem.", "Game row", ""),  # a person noun
    ('"I think he is right," was the verdict.', "Verdict", ""),  # inside a quotation
    ("How will he achieve the breakthrough?", "Blair hopes for deal", ""),  # the title's name
    # session 81: the title is read as the line is, for a person: a firm or party in it is
    # no "he" (compare checks 29 and 32: "... says HP"), a possessive or hyphenated name is
    ("How will he achieve the breakthrough?", "deal for Labour", "he"),
    ("The job of firms such as HP now, she said in a speech at the Consumer Electronics Show "
     "(CES), was to ensure the worlds converged.", "more power to the people says HP", "she"),
    ("As to his own future, he is clear.", "Hague's six-figure earnings shown", ""),
    ("As to his own future, he is clear.", "Kilroy-Silk quits 'shameful' UKIP", ""),
    ("As to his own future, he is clear.", "the chancellor's budget", ""),
    # session 79: a firm, party or product is no one
    ("Microsoft had delivered kits to EA, but he said the company was still waiting.",
     "Xbox 2 may be unveiled in summer", "he"),
    ("Podcasts rely on his technology because it is the way they are distributed.",
     "'Podcasters' look to net money", "his"),
    ("Labour and the Tories have attacked his policies.", "Election policy row", "his"),
    ("Herve Gaymard said he would seek action at the next meeting.", "Dollar low", ""),
    ("B. Satyanarayana said he expected VW to co-sign a memorandum.", "VW plant", ""),
    # session 80: "the" and capitalised words name a thing, and many people are no "he"
    ("The job of firms now, she said in a speech at the Consumer Electronics Show, was to "
     "ensure the worlds converged.", "power to the firms", "she"),
    ("By 2010, the Hartz IV reforms should help cut the jobless rate, he added.",
     "Jobless level rises", "he"),
    ("The Prime Minister said he would act.", "Act now", ""),  # an office among them
    ("In Chicago, the Rev Jesse Jackson said he would march.", "march", ""),  # a title
    ("Eventually, women could win out in both life and physical sciences, he says.",
     "when invention turns to innovation", "he"),
    ("Security software should be easy to use, he added.", "more women turn to net security",
     "he"),
    ("Security software should be easy to use, he added.", "Chancellor rallies voters", ""),
])
def test_a_pronoun_in_a_line_that_names_no_one(text: str, title: str, flag: str) -> None:
    from bot.engine.descriptions import inner_pronoun, reference_hidden

    assert inner_pronoun(text, title) == flag
    assert reference_hidden(SimpleNamespace(text=text, doc_id="a"), lambda _: title) == bool(flag)


def test_a_line_set_aside_for_a_stronger_flaw_gives_way_to_a_milder_one():
    """"The firm said ..." (which firm?) set aside in a topic summary is swapped for a line
    about as good whose only flaw is "the report" inside it, when no clean line is near;
    the milder line itself is swapped only for a clean one."""
    from bot.engine.descriptions import inner_reference, titles_of
    from bot.engine.quotable import keep_quotable

    corpus = Corpus(Path("."), {
        "a": _doc("a", "Carmakers met in Paris.", "The firm said it would cut 500 jobs in "
                  "Europe.", source="Wire A"),
        "b": _doc("b", "Shares fell.", "Opel said there was no truth in the report.",
                  source="Wire B")})
    rows = [*corpus.documents["a"].sentences, *corpus.documents["b"].sentences]
    strong, mild = 1, 3
    assert inner_reference(rows[mild].text, "b") == "report"
    shown = keep_quotable([strong], [strong, mild], rows, stand_ins=True,
                          titles=titles_of(corpus))
    assert shown == [mild]
    assert keep_quotable([mild], [mild, strong], rows, stand_ins=True,
                         titles=titles_of(corpus)) == [mild]  # not for a stronger flaw


def test_the_definite_speaker_samples_were_labelled_blind_and_the_rule_holds_them() -> None:
    """benchmarks/bench_definite_speaker.py's two blind samples of BBC lines the rule flags
    (text and title only, labelled by helpers): the second, drawn after the rule's last
    change, read 27 of 30 as needing context; the rule as it stands still flags them all."""
    import json

    from bot.engine.descriptions import definite_speaker

    results = Path(__file__).parent.parent / "benchmarks" / "results"
    for name, size in (("definite_speaker_labels.jsonl", 40),
                       ("definite_speaker_labels2.jsonl", 30)):
        rows = [json.loads(line) for line in
                (results / name).read_text(encoding="utf-8").splitlines() if line]
        assert len(rows) == size
        assert all(r["label"] in ("needs", "alone") and r["why"] for r in rows)
    # drawn with each title as named_title read it against its article (not shipped here):
    # a sentence-case first word lower-cased can only leave the rule more to flag
    held = [r for r in rows if definite_speaker(r["text"], r["title"][:1].lower() + r["title"][1:])]
    assert len(held) == 30 and sum(r["label"] == "needs" for r in held) == 27


@pytest.mark.parametrize("name", ["standalone_relabel23", "standalone_relabel23b"])
def test_the_session_23_relabels_are_labelled_blind(name: str) -> None:
    """Lines that changed between two draws of the same answers, labelled blind among
    repeats of check 11 (QUALITY.md, session 23): every line labelled, the repeats mostly as
    the first time."""
    import json

    data = json.loads((Path(__file__).parent / "fixtures" / f"{name}.json").read_text(
        encoding="utf-8"))
    assert data["labelled_by"]
    check = json.loads((Path(__file__).parent / "fixtures" /
                        "standalone_answers_check11.json").read_text(encoding="utf-8"))
    first = {line["text"]: line["label"] for answer in check["answers"]
             for line in answer["lines"]}
    repeats = [line for line in data["lines"] if line["ref"]]
    assert len(repeats) >= 8
    assert sum(first[line["text"]] == line["label"] for line in repeats) >= len(repeats) - 1
    for line in data["lines"]:
        assert line["label"] in ("alone", "needs context")
        assert (line["kind"] == "") == (line["label"] == "alone")


def test_the_session_24_relabel_is_labelled_blind() -> None:
    """Lines whose who note session 24 changed (bare surnames, QUALITY.md), labelled blind
    among repeats of checks 1-10: every line labelled, the repeats mostly as the first
    time, and each changed line shown with a note its first draw did not have."""
    import json

    data = json.loads((Path(__file__).parent / "fixtures" / "standalone_relabel24.json")
                      .read_text(encoding="utf-8"))
    assert data["labelled_by"]
    repeats = [line for line in data["lines"] if line["side"] == "repeat"]
    changed = [line for line in data["lines"] if line["side"] == "changed"]
    assert len(repeats) >= 10 and len(changed) >= 10
    assert sum(line["first_label"] == line["label"] for line in repeats) >= len(repeats) - 2
    for line in data["lines"]:
        assert line["label"] in ("alone", "needs context")
        assert (line["kind"] == "") == (line["label"] == "alone")
    for line in changed:
        assert line["who"] and line["who"] != line["first_who"]
        assert line["first_label"] == "needs context"


def test_the_session_27_relabel_is_labelled_blind() -> None:
    """Lines session 27's two rules changed (QUALITY.md: the year of writing by other words,
    and "this" alone as an object inside a sentence), labelled blind among repeats: every
    line labelled, the repeats mostly as the first time, each gone line one the checks had
    read as needing context for what its rule now reads, and the new lines mostly alone."""
    import json

    from bot.engine.standalone import demonstrative_reference

    data = json.loads((Path(__file__).parent / "fixtures" / "standalone_relabel27.json")
                      .read_text(encoding="utf-8"))
    assert data["labelled_by"]
    sides: dict[tuple[str, str], list[dict]] = {}
    for line in data["lines"]:
        assert line["label"] in ("alone", "needs context")
        assert (line["kind"] == "") == (line["label"] == "alone")
        sides.setdefault((line["rule"], line["side"]), []).append(line)
    reads = {"year of writing": ("relative time", relative_time),
             "inner this": ("demonstrative", demonstrative_reference)}
    for rule, (kind, rule_reads) in reads.items():
        repeats, gone, new = (sides[(rule, side)] for side in ("repeat", "gone", "new"))
        assert len(repeats) >= 6 and len(gone) >= 3 and len(new) == 4
        assert sum(line["first_label"] == line["label"] for line in repeats) >= len(repeats) - 1
        for line in gone:
            assert line["first_kind"] == kind and rule_reads(line["text"])
        assert sum(line["label"] == "alone" for line in new) >= 2


@pytest.mark.parametrize(("text", "leans"), [
    ("The new legislation changes this, giving priority to creditors.", True),
    ("The prime minister denied all that as well, repeating his insistence.", True),
    ("Loyalty cards could play a role in this, particularly in reducing churn.", True),
    ("In an attempt to address this, the plan is for tests in maths.", True),
    ("They put veils on and all that, and they should not move out.", False),  # an idiom
    ("The firm said this year, profits rose.", False),  # a time
    ("This, he said, was wrong.", False),  # the opening: leans_back's
])
def test_this_alone_as_an_object_inside_a_sentence_stands_for_another(text: str,
                                                                      leans: bool) -> None:
    from bot.engine.standalone import demonstrative_reference

    assert demonstrative_reference(text) is leans


def test_the_session_28_relabel_is_labelled_blind() -> None:
    """The rest of a set, or the other of two, as the subject (session 28): both lines the
    rule took out of the 440 check answers were labelled as needing context; in their
    place one line reads alone; the repeats keep their first labels but one."""
    import json

    from bot.engine.standalone import leans_back

    data = json.loads((Path(__file__).parent / "fixtures" / "standalone_relabel28.json")
                      .read_text(encoding="utf-8"))
    assert data["labelled_by"]
    for line in data["lines"]:
        assert line["label"] in ("alone", "needs context")
        assert (line["kind"] == "") == (line["label"] == "alone")
    first = [line for line in data["lines"] if line["rule"] == "rest of them"]
    repeats, gone, new = ([line for line in first if line["side"] == side]
                          for side in ("repeat", "gone", "new"))
    assert len(repeats) == 6 and len(gone) == 2 and len(new) == 2
    assert sum(line["first_label"] == line["label"] for line in repeats) >= len(repeats) - 1
    for line in gone:
        assert line["label"] == "needs context" and leans_back(line["text"])
    for line in new:
        assert not leans_back(line["text"])
    assert sum(line["label"] == "alone" for line in new) >= 1
    # the second pass (pronoun subjects and the like, after check 12): every line it took
    # out leans back and had been read as needing context or shown beside one that did
    second = [line for line in data["lines"] if line["rule"] == "second pass"]
    gone = [line for line in second if line["side"] == "gone"]
    new = [line for line in second if line["side"] == "new"]
    repeats = [line for line in second if line["side"] == "repeat"]
    assert len(gone) == 10 and len(new) == 6 and len(repeats) == 8
    assert sum(line["first_label"] == line["label"] for line in repeats) >= len(repeats) - 1
    leaning = [line for line in gone if leans_back(line["text"])]
    assert len(leaning) == 6 and all(line["label"] == "needs context" for line in leaning)
    assert sum(line["label"] == "alone" for line in new) >= 3


def _check_answers(check: int) -> dict:
    """Blind check ``check``'s fixture (tests/fixtures/standalone_answers_check<N>.json)."""
    import json

    return json.loads((Path(__file__).parent / "fixtures"
                       / f"standalone_answers_check{check}.json").read_text(encoding="utf-8"))


def _drawn_before(lines: list[dict], check: int) -> None:
    """Check ``check`` was drawn before the change: its answers hold every line a relabel
    fixture says the change took out ('gone') and none it brought in ('new')."""
    data = _check_answers(check)
    shown = {(a["answer"], line["text"]) for a in data["answers"] for line in a["lines"]}
    for line in lines:
        if line["check"] == check:
            assert ((line["answer"], line["text"]) in shown) == (line["side"] == "gone")


def _swap_counts(lines: list[dict], checks: range) -> dict[str, tuple[int, int]]:
    """How many of a relabel fixture's lines of ``checks`` a change took out ('gone') and
    brought in ('new'), and how many of each need context."""
    counts = {}
    for side in ("gone", "new"):
        rows = [x for x in lines if x["check"] in checks and x["side"] == side]
        counts[side] = (len(rows), sum(x["label"] != "alone" for x in rows))
    return counts


def _held_out_relabel(name: str, check: int, held_out: dict, earlier: dict,
                      repeats: tuple[int, int]) -> list[dict]:
    """A relabel fixture's lines, after checking what its change took out and brought in on
    held-out ``check`` and on checks 1 to ``check - 1`` (:func:`_swap_counts`), how many
    repeats agree, and that ``check`` was drawn before the change (:func:`_drawn_before`)."""
    lines = _relabel_lines(name)
    assert _swap_counts(lines, range(check, check + 1)) == held_out
    assert _swap_counts(lines, range(1, check)) == earlier
    assert _repeats_agreeing(lines) == repeats
    _drawn_before([x for x in lines if x["side"] != "repeat"], check)
    return lines


def _variant_swaps(lines: list[dict], variant: str, checks: range
                   ) -> dict[str, tuple[int, int]]:
    """:func:`_swap_counts` of the lines a relabel fixture lists under ``variant``."""
    return _swap_counts([x for x in lines if variant in x["variants"]], checks)


def _repeats_agreeing(lines: list[dict]) -> tuple[int, int]:
    """How many of a relabel fixture's lines are repeats (lines the change keeps, labelled
    again), and how many of those got their first label again."""
    repeats = [x for x in lines if x["side"] == "repeat"]
    return len(repeats), sum(x["label"] == x["first_label"] for x in repeats)


def _gone_carry_check_labels(lines: list[dict], check: int) -> None:
    """A relabel fixture's lines labelled in held-out check ``check`` ("labelled_in":
    "check<N>") are lines the change took out, and carry that check's own labels."""
    labels = {(a["answer"], x["text"]): x["label"]
              for a in _check_answers(check)["answers"] for x in a["lines"]}
    for x in lines:
        if x.get("labelled_in") == f"check{check}":
            assert x["side"] == "gone" and labels[(x["answer"], x["text"])] == x["label"]


def _flagged_by_side(lines: list[dict], rule: Callable[[str, str], str]) -> dict[str, int]:
    """How many of a relabel fixture's 'gone' and 'new' lines ``rule(text, title)`` flags (a
    line flagged when any of its sentences is)."""
    return {side: sum(any(rule(s["text"], line["title"]) for s in line["sentences"])
                      for line in lines if line["side"] == side) for side in ("gone", "new")}


def _relabel_lines(name: str) -> list[dict]:
    """A relabel fixture's lines, each labelled alone or needing context with a kind."""
    import json

    data = json.loads((Path(__file__).parent / "fixtures" / f"{name}.json")
                      .read_text(encoding="utf-8"))
    assert data["labelled_by"]
    for line in data["lines"]:
        assert line["label"] in ("alone", "needs context")
        assert (line["kind"] == "") == (line["label"] == "alone")
    return data["lines"]


def test_the_session_29_relabel_is_labelled_blind() -> None:
    """The learned reader tried in session 29 (benchmarks/experiment_needs_context.py), on
    held-out check 13's answers: its swaps took out 18 lines, 6 needing context, and put in
    19, of which the blind relabel reads 8 as needing context: no gain, so not kept. The
    repeats agree with their first labels."""
    import json

    lines = _relabel_lines("standalone_relabel29")
    repeats, gone, new = ([line for line in lines if line["side"] == side]
                          for side in ("repeat", "gone", "new"))
    assert len(repeats) == 9 and len(gone) == 18 and len(new) == 19
    assert sum(line["first_label"] == line["label"] for line in repeats) >= len(repeats) - 1
    assert sum(line["label"] != "alone" for line in gone) == 6
    assert sum(line["label"] != "alone" for line in new) == 8
    check13 = json.loads((Path(__file__).parent / "fixtures"
                          / "standalone_answers_check13.json").read_text(encoding="utf-8"))
    labelled = {(a["answer"], line["text"]): line["label"] for a in check13["answers"]
                for line in a["lines"]}
    for line in gone:
        assert labelled[(line["answer"], line["text"])] == line["label"]


def test_the_session_30_relabel_is_labelled_blind() -> None:
    """Session 30's lead rule (bot.engine.summary.TOPIC_DEEP_SHARE, set before any label was
    read): on held-out check 14 it takes out 8 lines (1 needing context) and brings in 8
    (none needing it, labelled in check 14's own blind packet); on the topic answers of
    checks 1-12, 81 out (22 needing context) for 81 in (12), labelled blind by a second
    helper. Its topic relevance: about 42 out, 46 in."""
    import json

    fixtures = Path(__file__).parent / "fixtures"
    lines = _relabel_lines("standalone_relabel30")
    for line in lines:
        assert line["relevance"] in ("about", "partly", "not about")
        assert line["side"] in ("gone", "new")

    def needing(ref: bool, side: str) -> tuple[int, int]:
        rows = [x for x in lines if (x["ref"] == "check14") == ref and x["side"] == side]
        return len(rows), sum(x["label"] != "alone" for x in rows)

    assert needing(True, "gone") == (8, 1) and needing(True, "new") == (8, 0)
    assert needing(False, "gone") == (81, 22) and needing(False, "new") == (81, 12)
    about = {side: sum(x["relevance"] == "about" for x in lines if x["side"] == side)
             for side in ("gone", "new")}
    assert about == {"gone": 42, "new": 46}
    check14 = json.loads((fixtures / "standalone_answers_check14.json").read_text("utf-8"))
    shown = {(a["answer"], line["text"]): line["label"] for a in check14["answers"]
             for line in a["lines"]}
    for line in lines:
        if line["ref"] == "check14":
            assert ((line["answer"], line["text"]) in shown) == (line["side"] == "gone")
            if line["side"] == "gone":
                assert shown[(line["answer"], line["text"])] == line["label"]


def test_the_session_30_pronoun_rules_relabel_is_labelled_blind() -> None:
    """The leans_back rules read from check 14's misses: on checks 13 and 14 they take out
    10 lines (8 needing context) and bring in 7 (2 needing context, labelled blind among 7
    repeats); the 5 lines the lead rule brought into check 13 read alone."""
    lines = _relabel_lines("standalone_relabel30b")
    assert all(line["label"] == "alone" or line["note"] for line in lines)

    def count(round_: str, side: str) -> tuple[int, int]:
        rows = [x for x in lines if x["round"] == round_ and x["side"] == side]
        return len(rows), sum(x["label"] != "alone" for x in rows)

    assert count("pronoun rules", "gone") == (10, 8)
    assert count("pronoun rules", "new") == (7, 2)
    assert count("lead rule on check 13", "new") == (5, 0)
    repeats = [x for x in lines if x["side"] == "repeat"]
    assert len(repeats) == 12
    assert sum(x["first_label"] == x["label"] for x in repeats) >= len(repeats) - 1


def test_the_session_31_reference_rule_relabel_is_labelled_blind() -> None:
    """inner_reference ("... truth in the report."), fixed before held-out check 15's labels
    were read: on check 15 its swaps take out 5 lines (2 needing context) for 4 (1); on
    checks 1-12, which it was not read from, 78 (23) for 78 (22). As shipped (a stronger
    flaw gives way to this milder one; "Since then ..." leans back), read on those swap
    lines: checks 1-12 72 (20) for 72 (16), checks 13-14 24 (13) for 23 (7), check 15 5 (2)
    for 4 (0)."""

    lines = _relabel_lines("standalone_relabel31")

    def count(round_: str, checks: range, side: str) -> tuple[int, int]:
        rows = [x for x in lines if x["round"] == round_ and x["check"] in checks
                and x["side"] == side]
        return len(rows), sum(x["label"] != "alone" for x in rows)

    dev, design, held = range(1, 13), range(13, 15), range(15, 16)
    assert count("frozen rule", held, "gone") == (5, 2)
    assert count("frozen rule", held, "new") == (4, 1)
    assert count("frozen rule", dev, "gone") == (78, 23)
    assert count("frozen rule", dev, "new") == (78, 22)
    assert count("as shipped", dev, "gone") == (72, 20)
    assert count("as shipped", dev, "new") == (72, 16)
    assert count("as shipped", design, "gone") == (24, 13)
    assert count("as shipped", design, "new") == (23, 7)
    assert count("as shipped", held, "gone") == (5, 2)
    assert count("as shipped", held, "new") == (4, 0)
    _drawn_before(lines, 15)


def test_the_session_32_description_rule_relabel_is_labelled_blind() -> None:
    """opening_description ("The committee also said ...", "Care has since closed ..."),
    fixed before held-out check 16's labels were read: on check 16 its swaps take out 13
    lines (6 needing context) for 12 (2); on checks 1-12 133 (53) for 130 (27), 13-14 20
    (10) for 20 (8), 15 13 (10) for 13 (4). The rule flags 177 of the 179 lines taken out
    (the other two are place-brief lines that made way when the new order let in a line
    shown with the sentence before it) and 2 of those brought in, each in place of a line
    with a stronger flaw ("The organisers also hope ...")."""

    from bot.engine.descriptions import opening_description

    lines = _relabel_lines("standalone_relabel32")

    assert _swap_counts(lines, range(16, 17)) == {"gone": (13, 6), "new": (12, 2)}
    assert _swap_counts(lines, range(1, 13)) == {"gone": (133, 53), "new": (130, 27)}
    assert _swap_counts(lines, range(13, 15)) == {"gone": (20, 10), "new": (20, 8)}
    assert _swap_counts(lines, range(15, 16)) == {"gone": (13, 10), "new": (13, 4)}
    _drawn_before(lines, 16)
    assert _flagged_by_side(lines, opening_description) == {"gone": 177, "new": 2}


def test_the_reference_rule_flags_lines_that_need_context_more_often_than_others() -> None:
    """A blind sample of BBC sentences (tests/fixtures/inner_reference_labels.json, drawn
    after the rule was fixed): 22 of the 40 it flags need an earlier sentence, 8 of 40 it
    does not flag. Too loose to hide a line (as bare_definite), enough to prefer another."""
    import json

    from bot.engine.descriptions import inner_reference

    data = json.loads((Path(__file__).parent / "fixtures" / "inner_reference_labels.json")
                      .read_text(encoding="utf-8"))
    flagged = [r for r in data["rows"] if inner_reference(r["text"], r["title"])]
    others = [r for r in data["rows"] if not inner_reference(r["text"], r["title"])]
    assert len(flagged) == 40 and len(others) == 40
    assert sum(r["label"] != "alone" for r in flagged) == 22
    assert sum(r["label"] != "alone" for r in others) == 8


def test_the_opening_description_rule_on_a_blind_bbc_sample() -> None:
    """A blind sample of BBC sentences (tests/fixtures/opening_description_labels.json,
    drawn after the rule was fixed, none flagged by another rule): 13 of the 40 it flags
    need an earlier sentence, 9 of 40 it does not flag. A weak signal on sentences at
    large, where a title often tells which "the figure" is; a preference only."""
    import json

    from bot.engine.descriptions import opening_description

    data = json.loads((Path(__file__).parent / "fixtures" / "opening_description_labels.json")
                      .read_text(encoding="utf-8"))
    flagged = [r for r in data["sentences"] if opening_description(r["text"], r["title"])]
    others = [r for r in data["sentences"] if not opening_description(r["text"], r["title"])]
    assert len(flagged) == 40 and len(others) == 40
    assert all(r["flagged"] for r in flagged)
    assert sum(r["label"] != "alone" for r in flagged) == 13
    assert sum(r["label"] != "alone" for r in others) == 9


def test_the_session_33_subject_rule_relabel_is_labelled_blind() -> None:
    """subject_hidden ("Equally, it may mean ...", "In particular it aims to ..."), fixed
    before held-out check 17's labels were read, changes 5 of the 680 answers of checks
    1-17: on check 17 it takes out 1 line (needing context) for 1 (alone); on checks 1-16 4
    (2) for 4 (1). The rule flags 4 of the 5 lines taken out (the fifth, a quotation of
    "the charity's director", made way for the same quotation naming her, in a summary
    whose order the swap changed) and none of those brought in. The repeats agree."""
    from bot.engine.descriptions import subject_hidden

    lines = _relabel_lines("standalone_relabel33")

    assert _swap_counts(lines, range(17, 18)) == {"gone": (1, 1), "new": (1, 0)}
    assert _swap_counts(lines, range(1, 17)) == {"gone": (4, 2), "new": (4, 1)}
    assert _repeats_agreeing(lines) == (3, 3)
    _drawn_before(lines, 17)
    flagged = {side: sum(subject_hidden(SimpleNamespace(text=line["text"], doc_id=""),
                                        lambda _, t=line["title"]: t)
                         for line in lines if line["side"] == side) for side in ("gone", "new")}
    assert flagged == {"gone": 4, "new": 0}


def test_the_session_34_inner_description_relabel_is_labelled_blind() -> None:
    """inner_description ("..., the panel agreed ...", "... said the figures were ..."),
    fixed before held-out check 18's labels were read, changes 98 of the 720 answers of
    checks 1-18: on check 18 it takes out 8 lines (2 needing context) for 8 (none); on
    checks 1-17 91 (31) for 93 (19). The rule flags 96 of the 99 lines taken out (the other
    three made way in answers whose order the swaps changed) and none of those brought in
    but one since session 79 reads a title of the kind as naming no one thing ("..., the
    gadget has built-in wireless ..." under "Gadgets galore on show at fair", labelled as
    needing context). The 10 repeats, lines of check 18 the change keeps, agree with their
    first labels."""
    from bot.engine.descriptions import inner_description

    lines = _held_out_relabel("standalone_relabel34", 18, {"gone": (8, 2), "new": (8, 0)},
                              {"gone": (91, 31), "new": (93, 19)}, (10, 10))
    assert _flagged_by_side(lines, inner_description) == {"gone": 96, "new": 1}


def test_the_session_35_shell_noun_relabel_is_labelled_blind() -> None:
    """Session 35's shell nouns in inner_reference ("the claim", "the plans") and
    opening_phrase ("Under the reforms, ..."), fixed before held-out check 19's labels were
    read: on check 19 they take out 2 lines (first labels: 1 needing context; 2 on the
    relabel) for 2 (1); on checks 1-18, whose notes they were read from, 42 (34) for 43 (7).
    They flag 43 of the 44 lines taken out and none brought in; 9 of the 10 repeats agree
    with their first labels."""
    from bot.engine.descriptions import SHELL_HEADS, inner_reference, opening_phrase

    def rule(text: str, title: str) -> str:
        head = inner_reference(text, title)
        return opening_phrase(text, title) or (head if head in SHELL_HEADS else "")

    lines = _held_out_relabel("standalone_relabel35", 19, {"gone": (2, 2), "new": (2, 1)},
                              {"gone": (42, 34), "new": (43, 7)}, (10, 9))
    assert _flagged_by_side(lines, rule) == {"gone": 43, "new": 0}


def test_the_session_36_pronoun_relabel_is_labelled_blind() -> None:
    """Session 36's inner_pronoun ("he" or "his" in a line that names no one), fixed before
    held-out check 20's labels were read: it changes no answer of checks 19 and 20; on checks
    1-18, whose notes it was read from, 3 lines out (2 needing context) for 5 (1). The mend
    after the labels ("ex-boss" is a person) keeps the one line out labelled alone; the
    shipped rule flags the other 2 lines taken out and none brought in. 9 of the 10 repeats
    agree with their first labels."""
    from bot.engine.descriptions import inner_pronoun

    lines = _relabel_lines("standalone_relabel36")

    assert _swap_counts(lines, range(19, 21)) == {"gone": (0, 0), "new": (0, 0)}
    assert _swap_counts(lines, range(1, 19)) == {"gone": (3, 2), "new": (5, 1)}
    assert _repeats_agreeing(lines) == (10, 9)
    assert {x["check"] for x in lines if x["side"] == "repeat"} == {20}
    assert _flagged_by_side(lines, inner_pronoun) == {"gone": 2, "new": 0}
    kept = [x for x in lines if x["side"] == "gone" and not any(
        inner_pronoun(s["text"], x["title"]) for s in x["sentences"])]
    assert [(x["check"], x["label"]) for x in kept] == [(3, "alone")]


def test_the_session_37_position_relabel_is_labelled_blind() -> None:
    """Session 37's topic position shares (a topic sentence scores 1, 0.89 and 0.69 at its
    article's first, second or third, and fourth or later sentence), fixed before held-out
    check 21 was drawn: there 15 lines out (4 needing context) for 15 in (2), and topic
    relevance about the same (8 of the 15 lines out about the topic, 6 in, 3 and 5
    partly). On checks 1-20, of the changed lines no earlier fixture labelled, 14 out (4)
    for 106 in (6). 9 of the 10 repeats agree with their first labels."""
    from collections import Counter

    import bot.engine.summary as summary

    lines = _held_out_relabel("standalone_relabel37", 21, {"gone": (15, 4), "new": (15, 2)},
                              {"gone": (14, 4), "new": (106, 6)}, (10, 9))
    relevance = {side: Counter(x["relevance"] for x in lines
                               if x["check"] == 21 and x["side"] == side)
                 for side in ("gone", "new")}
    assert relevance == {"gone": {"about": 8, "partly": 3, "not about": 4},
                         "new": {"about": 6, "partly": 5, "not about": 4}}
    # more of the lines brought in open their articles than of the lines taken out
    first = {side: sum(x["sentences"][0]["position"] == 0 for x in lines
                       if x["check"] == 21 and x["side"] == side) for side in ("gone", "new")}
    assert first["new"] > first["gone"]
    assert summary.TOPIC_POSITION_SHARES[0] > summary.TOPIC_POSITION_SHARES[1] > (
        summary.TOPIC_DEEP_SHARE)


def test_the_session_38_leaning_trial_is_labelled_blind() -> None:
    """Session 38 tried scoring a topic line that leans on its article for what it names
    ("The firm said ...", "..., the report said.") by its own share, and kept neither
    variant: on held-out check 22 (drawn at c1ffcb2) variant A (pre-registered) takes 7 lines
    out, all read alone there, and variant B 4, while what they bring in holds lines that
    need context (the lines below that no earlier fixture labelled: A 3 with 1 needing
    context, B 1). On checks 1-21 the lines they bring in that no fixture had labelled need
    context about as often as those taken out did. All 10 repeats agree."""
    from collections import Counter

    lines = _relabel_lines("standalone_relabel38")

    assert _variant_swaps(lines, "A", range(22, 23)) == {"gone": (7, 0), "new": (3, 1)}
    assert _variant_swaps(lines, "B", range(22, 23)) == {"gone": (4, 0), "new": (1, 0)}
    assert _variant_swaps(lines, "A", range(1, 22)) == {"gone": (3, 2), "new": (29, 12)}
    assert _variant_swaps(lines, "B", range(1, 22)) == {"gone": (4, 2), "new": (26, 12)}
    assert _repeats_agreeing(lines) == (10, 10)
    _drawn_before([x for x in lines if x["side"] != "repeat"], 22)
    _gone_carry_check_labels(lines, 22)
    relevance = Counter((x["side"], x["relevance"]) for x in lines
                        if x["check"] == 22 and "A" in x["variants"])
    assert relevance["gone", "not about"] == 3 and relevance["new", "not about"] == 0


@pytest.mark.parametrize(("check", "commit", "seed", "answers", "lines", "alone",
                          "descriptions"), [
    (15, "336db47", 37, 40, 188, 146, 24),  # drawn before session 31's rules
    (16, "6a42411", 41, 40, 193, 143, 27),  # drawn before session 32's rule
    (17, "ae9020f", 43, 40, 193, 158, 14),  # drawn before session 33's rule
    (18, "1934b0f", 47, 40, 184, 149, 14),  # drawn before session 34's rule
    # drawn before session 35's rules; 30 topics and the only 2 places left undrawn
    (19, "b906bc2", 53, 32, 155, 108, 16),
    # drawn before session 36's rule, after session 35's; topics only (no place is left)
    (20, "fb9460a", 59, 30, 145, 110, 15),
    # drawn before session 37's topic position shares; topics only
    (21, "231a632", 61, 30, 150, 121, 17),
    # drawn before session 38's trial of leaning shares (not kept): the shipped code's check
    (22, "c1ffcb2", 67, 30, 148, 126, 11),
    # drawn before session 39's brief position shares: places named in two articles only
    # (every place named in three or more was drawn by checks 1-19), a stricter labeller
    (23, "1946c4d", 71, 40, 85, 43, 20),
])
def test_a_blind_check_is_labelled_held_out(check: int, commit: str, seed: int, answers: int,
                                            lines: int, alone: int, descriptions: int) -> None:
    """Checks 15-23 (drawn before the rules that session wrote or tried): 146 of 188, 143 of
    193, 158 of 193, 149 of 184, 108 of 155, 110 of 145, 121 of 150, 126 of 148 and 43 of 85
    lines read alone; definite descriptions are the largest kind left. Check 23's labeller
    is stricter (of 27 lines an earlier check had labelled, 10 it reads as needing context
    were read alone before) and its briefs draw on two articles each."""
    from collections import Counter

    data = _check_answers(check)
    shown = [line for a in data["answers"] for line in a["lines"]]
    assert data["commit"] == commit and data["seed"] == seed
    assert len(data["answers"]) == answers
    assert len(shown) == lines and sum(x["label"] == "alone" for x in shown) == alone
    assert Counter(x["kind"] for x in shown if x["label"] != "alone").most_common(1) == [
        ("definite description", descriptions)]


def test_the_session_39_brief_position_shares_are_labelled_blind() -> None:
    """Session 39 ranks a brief's sentences by centrality times their position's share of
    readers who found such a line alone (1, 1, 1, then 0.84 from an article's fourth
    sentence; checks 1-19's brief labels), pre-registered before held-out check 23 was drawn.
    On checks 1-19's 182 places it takes out 69 lines (18 needing context) for 69 (10 +
    1 = 11); relevance to the place goes up. On check 23 (places named in two articles, so
    most briefs have no choice to make) it changes 2 answers: out 1 alone and 1 needing
    context by check 23's labels, in 2 read alone, and one helper relabelling all four,
    side hidden, agrees. Variant B (also the antecedent runs last) was not kept: 81 out (24)
    for 99 in (27) on checks 1-19."""
    from collections import Counter

    lines = _relabel_lines("standalone_relabel39")

    assert _variant_swaps(lines, "A", range(1, 20)) == {"gone": (69, 18), "new": (69, 11)}
    assert _variant_swaps(lines, "B", range(1, 20)) == {"gone": (81, 24), "new": (99, 27)}
    assert _variant_swaps(lines, "A", range(23, 24)) == {"gone": (2, 1), "new": (2, 0)}
    changed23 = [x for x in lines if x["check"] == 23 and x["side"] != "repeat"]
    assert Counter((x["side"], x["same_labeller"]) for x in changed23) == {
        ("gone", "alone"): 1, ("gone", "needs context"): 1, ("new", "alone"): 2}
    assert [_repeats_agreeing([x for x in lines if x.get("round") == r])
            for r in ("dev", "check23")] == [(10, 8), (10, 9)]
    _drawn_before([x for x in lines if x["side"] != "repeat"], 23)
    _gone_carry_check_labels(lines, 23)
    relevance = Counter((x["side"], x["relevance"]) for x in lines
                        if x["check"] < 20 and "A" in x["variants"])
    assert (relevance["gone", "about"], relevance["new", "about"]) == (19, 37)
    assert (relevance["gone", "not about"], relevance["new", "not about"]) == (22, 16)


def test_a_brief_prefers_a_place_named_early_in_its_article() -> None:
    """Of two equally central sentences naming a place, the brief shows the one from an
    article's opening sentences first (BRIEF_DEEP_SHARE from the fourth on)."""
    from bot.corpus.model import Corpus, Document, Sentence
    from bot.engine.places import PlaceIndex

    filler = [f"Filler sentence number {n} says nothing about anywhere at all today." for n in
              range(4)]
    deep = "Floods in Lyon closed the main bridges across the river."
    early = "Floods in Lyon closed the main bridges across the city."
    docs = {"d0": [*filler, deep], "d1": [early, *filler]}
    documents = {d: Document(d, f"Doc {d}", [Sentence(t, d, i) for i, t in enumerate(ts)],
                             source=f"Outlet {d}") for d, ts in docs.items()}
    index = PlaceIndex.build(Corpus(Path("."), documents))
    assert [s.text for s in index.brief("Lyon", 2).sentences][:1] == [early]


def test_an_item_of_a_list_is_no_sentence_to_quote_alone() -> None:
    """BBC articles list measures line by line ("- Withdrawing from the 1951 United Nations
    Convention on refugees ...", "- lied about the dangers of smoking ...", "- Increased
    spending on primary education ... - Increased spending on health ..."): such items
    passed as sentences that read alone because the list's mark hid what opens them. An
    item opening with a verb or a gerund and no subject, or run together with the next
    item, is no sentence; an item that is a sentence reads as one (compare check 7's
    labeller read "- People coming to settle in the UK permanently ... will have to ..."
    alone)."""
    from bot.engine.standalone import is_fragment, stands_alone

    assert not stands_alone("- Withdrawing from the 1951 United Nations Convention on "
                            "refugees, which obliges countries to accept people.")
    assert is_fragment("- lied about the dangers of smoking and ignored research.")
    assert is_fragment("• A ban on smoking in all enclosed public places - The legislation "
                       "will be enforced by health officers.")
    assert stands_alone("- People coming to settle in the UK permanently from outside the "
                        "EU will have to pass a health check.")
    assert stands_alone("Mosul - the city ISIS held for three years - was retaken by Iraqi "
                        "forces on Saturday.")


@pytest.mark.parametrize(("text", "unnamed"), [
    # a DUC digest line (d30028t) and two more of DUC dev (session 68)
    ("``Turkey in particular ... repeatedly dynamites every effort'' for the creation of a "
     "climate of regional stability.", True),
    ("``For only the second time in American history'' a president would be impeached, went "
     "the standard line.", True),
    ('"All we\'re saying is, we\'re not in position to accept a hard cap." Monday\'s decision '
     "came less than two weeks later.", True),
    ("``The Turkish threats are the first outcome of the alliance,'' Hariri was quoted as "
     "saying.", False),
    ("``One's self-esteem gets utterly crushed at times like this,'' sighed Henry Hyde.",
     False),
    ("``We want prisoners, not Clinton,'' the crowd chanted.", False),
    ('"Junk" bonds rose for a third day in New York trading.', False),
])
def test_an_opening_quotation_whose_speaker_is_not_said_is_unnamed(text, unnamed):
    from bot.engine.standalone import unnamed_speaker

    assert unnamed_speaker(text) is unnamed


@pytest.mark.parametrize(("text", "referring"), [
    # "this" or "that" alone as the subject of what someone said (session 68: a DUC
    # digest's main development)
    ("White House officials said this would put off the nettlesome issue.", True),
    ("Mr Truss says that will mean Australian farmers will suffer.", True),
    ("Some experts believe this could require borrowing of up to $4.5 trillion.", True),
    ("He said that the plan would put off the issue.", False),
    ("This has saved over 40 jobs as well as the employment claims that would have arisen.",
     False),
    ("She said this week's figures were strong.", False),
])
def test_this_alone_as_the_subject_of_what_was_said_refers_back(text, referring):
    from bot.engine.standalone import demonstrative_reference

    assert demonstrative_reference(text) is referring


@pytest.mark.parametrize(("text", "addressed"), [
    # the writer turning to the reader (session 68: a DUC digest's place line)
    ("Consider a 1985 case, Aspen Skiing Co. vs. Aspen Highlands Skiing Corp.", True),
    ("Remember there were no WMD in Iraq.", True),
    ("Let us hope not.", True),
    ("Think of it as Donkey Kong meets Norman Cook.", True),
    # a web page's own address (session 69: a unique point of compare check 8)
    ("Listen again to the interview on the Radio Five Live website.", True),
    ("Click on the link under her photograph to read her story.", True),
    ("Listeners can now pause live radio, Mr Taylor said.", False),
    ("Ask Jeeves has bought the Bloglines website.", False),
    ("Considerable damage was done to the roof.", False),
    ("``Let's go do this,'' said commander Robert Cabana.", False),
])
def test_the_writer_turning_to_the_reader_is_no_one_named(text, addressed):
    from bot.engine.standalone import unnamed_speaker

    assert unnamed_speaker(text) is addressed


def test_that_year_or_that_period_counts_from_a_time_told_before():
    """Blind check 26 (session 69): "During that year, 3,500 people produced 56,000 cars."
    and "IBM has received 25,772 US patents in that period ..." were shown alone; the year
    and the period are in the sentence before. A sentence that tells the time itself
    first ("in June 1995 ... in March that year", "on Sept. 6, ... later that month", "if
    ... at that time") stands."""
    from bot.engine.standalone import needs_before

    for line in ("During that year, 3,500 people produced 56,000 cars.",
                 "IBM has received 25,772 US patents in that period.",
                 "On that day two prominent dissidents were detained.",
                 "The votes were later counted towards that month's local elections.",
                 # a hyphened word is no month range ("Jan-March" is): case counts
                 "The market-leading firm made 5,000 cars that year.",
                 "The decision-makers met again that week."):
        assert needs_before(line), line
    for line in ("Whiting was jailed in June 1995 after an attack in March that year.",
                 "Talks open on Sept. 6 and resume later that month in Thailand.",
                 "If the matter comes to the Senate, I will decide at that time.",
                 "Sky aims to have 10 million subscribers by 2010 and 25% of them by that "
                 "date.", "Sales rose that much in a single year.",
                 "Sales in the Jan-March quarter fell, the worst in that period."):
        assert not needs_before(line), line


@pytest.mark.parametrize(("line", "leans"), [
    # blind check 26 (session 69): each shown alone, each read as needing the one before
    ("Despite the warnings, there are so far no reports of any phones being infected.", True),
    ("Total sales were 30.1bn rupees, up 27% from the same 2004 period.", True),
    ("A deal with either bidder would create the biggest stock market operator in Europe.",
     True),
    ('"Contrack will keep working in Iraq," it said in a statement.', True),
    ("Over the same period almost 5,000 laptops were left in licensed cabs.", True),
    ("Halifax said prices rose by 3% in the two regions during the month.", True),
    ("Turnover for the quarter was up 4.3% to £1.97bn.", True),
    ("Turnover for the quarter to March was up 4.3% to £1.97bn.", False),
    ("One in five even admitted to getting up in the middle of the night to browse.", True),
    ("The SEC is pressing for the highest tier of financial penalties against the pair.",
     True),
    ("AMF is investigating claims that the duo were aware of an interest in Vivendi.", True),
    ("Qin Yongmin's and Wang Youcai's families were running out of options to help the pair.",
     False),
    ("The trio are chief executive Willie Walsh and two of his directors.", False),
    ("Critics fear it could allow killing by omission through withdrawing treatment.", True),
    ("Critics said it was predictable that capital controls would help.", False),
    ("Many said they were confused about the different ways to pay for phones.", False),
    ("The talks come ahead of an EU summit in Brussels later in the week.", False),
    # each names what it leans on, or says whose words these are
    ("Despite the fall in oil prices, the airline cut its forecast.", False),
    ("Despite the fact that sales fell, the firm hired more staff.", False),
    ("AMR lost $387m in the fourth quarter, against $111m for the same period a year "
     "earlier.", False),
    ("The protest came on the same day as a huge demonstration in Parliament Square.", False),
    ("Voters can back either Labour or the Conservatives.", False),
    ("Trees were planted on either side of the road.", False),
    ('"Contrack will keep working in Iraq," Contrack said in a statement.', False),
    # "So far" is "up to now": compare check 8's labellers both read the first alone; what
    # follows it is read as the opening
    ("So far, more than 100,000 people are believed to have been killed in Indonesia.", False),
    ("So far this year, the trade deficit is running 50 percent above last year's.", False),
    ("So far it has only received $11m from the US and the UK.", True),
    ("So far, however, neither have tabled a formal bid.", True),
    ("So the firm cut its forecast.", True),
    # a capital after the phrase's "his" names no one (a topic summary's line at HEAD)
    ("Through his English teacher, he made an approach to M16.", True),
    ("Through Mr Gordievsky's English teacher, he made an approach to M16.", False),
])
def test_what_an_earlier_sentence_told(line, leans):
    """An opening "Despite the <thing>," whose thing is told before, "the same period" no
    part of the sentence told, "either <one>" of two named before, and a pronoun's words
    "in a statement"; "So far, ..." read past: session 69's rules from blind checks 26 and
    compare check 8."""
    from bot.engine.standalone import needs_before

    assert needs_before(line) is leans


@pytest.mark.parametrize(("line", "leans"), [
    # compare check 9 and blind check 27 (session 70): each shown alone, read as needing
    # the sentence before by both labellers
    ("Now they have promised a figure but have yet to reveal which taxes would be targeted.",
     True),
    ("At the time, Titan was trying to get a higher price for a project in Benin.", True),
    ("BAA, which operates all three, said it was consulting with local communities.", True),
    # the same, written otherwise
    ("In 2003 it bought Romanian firm GeCAD Software.", True),
    ("On Friday he said he was willing to meet Prime Minister Vajpayee.", True),
    ("Last year it introduced the Windows XP Counterfeit Project.", True),
    ("At the time Lord Woolf had said the reduction would be rare.", True),
    ("The two are set to merge their venture capital operations.", True),
    ("Many commentators have suggested a bidding war between the two could break out.", True),
    # named in the sentence, an expletive "it", or no count standing for anyone
    ("Now Mr Brown is promising a modest increase.", False),
    ("In 2004 it was revealed that sales had fallen.", False),
    ("Last year, Mr Smith made a loss.", False),
    ("At the time of the scandal, Ahold was seen as Europe's Enron.", False),
    ("Music is the driving force, rather than films or any combination of the two.", False),
    ("Shell and BP said the two would bid together.", False),
    ("The three were identified as Sergeant Davis, Sergeant Petithory and Sergeant Prosser.",
     False),
    ("All three airports are run by BAA.", False),
    ("The two firms said sales rose.", False),
    # session 71 (check 28 and compare check 10): a comparison with what came before, an
    # estimate whose owner is not named
    ("By way of comparison Google's Desktop search tool catalogues search histories.", True),
    ("On a near-identical note, Medal of Honor: Pacific Assault does all it can.", True),
    ("According to its estimate, as much as 13.6% of the loans have been written off.",
     True),
    ("According to its latest accounts, Media Lab Europe said it spent 8.16m euros.", False),
    ("For its part, the long-running Medal of Honor series has added Pacific Assault.",
     False),
    # session 72 (checks 29 and compare 11): what was done or exemplified before, and a
    # speaker named only before an opening phrase
    ("Doing so would remove the exposure to the weak US dollar.", True),
    ("An example, is the famous rule that one divides and the other chooses.", True),
    ("One example was where thieves would set up a premium rate number.", True),
    ("In a report for the Foreign Policy Centre think tank, he says an attack is likely.",
     True),
    ("At home he said many people were turning to the Liberal Democrats.", True),
    ("In a speech in Northamptonshire, he said the forgotten majority backed Labour.", True),
    ("The government wanted to tackle this by moving to a culture of later retirement.",
     True),
    # after held-out checks 30 and compare 12 were labelled: a reply whose question is not
    # given, a closing "though", "A separate ...", "Whether this ..."
    ('"Not that I am aware of," Mr Myers replied.', True),
    ("Mr Milburn replied that they were not anti-Semitic.", True),
    ('Asked if he would stand again, Mr Hague replied: "No."', False),
    ("IPTV is about more than telcos, though.", True),
    ("Though small, the firm made a profit.", False),
    ("A separate study by Gartner has also said TV broadcasts to mobiles are unlikely.", True),
    ("Whether this will finally be enough to shift those polls remains to be seen.", True),
    ("Whether the bank will raise rates remains to be seen.", False),
    ("In Mr Brown's speech in Brighton, he said the economy was strong.", False),
    ("In a speech in Brighton, Mr Kennedy said many people were turning to his party.",
     False),
    ("An example of the new approach is the Oyster card.", False),
])
def test_a_time_or_a_count_standing_for_what_came_before(line, leans):
    """"Now they have promised ...", "At the time, Titan was ...", "BAA, which operates all
    three, ...": a time word with no comma before the pronoun, the time of an event told
    before, a count with no noun standing for people or things named before (session
    70)."""
    from bot.engine.standalone import needs_before

    assert needs_before(line) is leans


@pytest.mark.parametrize(("text", "title", "flag"), [
    # held-out check 31 (both labellers): which crossover vehicles the line does not say
    ("Speaking at a BMW event ahead of the Geneva motor show, Helmut Panke predicted demand "
     "for such crossover vehicles would soar in Europe.", "BMW reveals new models pipeline",
     "crossover"),
    ("The Home Office said it was up to the inquiry to decide if any such meeting was "
     "relevant.", "Row over visa", "meeting"),
    ("Sales rose for gadgets such as cordless phones.", "Phones", ""),  # "such as"
    ("Mr Howard felt no such constraint.", "Budget", ""),  # "no such"
    ("Buntes Fernsehen has been such a success that Telekom Austria will copy it.", "TV", ""),
    ("The cost of maintaining such schemes has led firms to close final salary schemes.",
     "Pensions", ""),  # the line names its schemes
    ("Panke predicted demand for such crossover vehicles would soar.", "Crossover sales", ""),
])
def test_such_a_kind_only_an_earlier_sentence_describes(text: str, title: str,
                                                        flag: str) -> None:
    """Session 73: "such <noun>" reads back (earlier checks' lines: 30 labels needing
    context, 16 alone among those no other rule flags): a preference, never a hide."""
    from bot.engine.descriptions import inner_such, reference_hidden

    assert inner_such(text, title) == flag
    assert reference_hidden(SimpleNamespace(text=text, doc_id="a"), lambda _: title) == bool(flag)
    assert stands_alone(text)  # not hidden: only a preference


@pytest.mark.parametrize(("text", "flagged"), [
    # held-out check 31 (both labellers): whose words, "he" does not say
    ('"The anniversary has reminded all of us of our duty," he was due to say.', True),
    ('"We have not defeated this problem," she is expected to tell delegates.', True),
    ('"It sets family against family," he will argue.', True),
    ('"Families are set against families," Mr Howard will argue.', False),
    # held-out compare check 13 (both labellers): what "it" is, the line does not say
    ("Whether it does actually provide a match for video phones remains to be seen.", True),
    ("Whether he has a lawyer or not, the government has already decided.", True),
    ("Whether it is hackers or staff, the issue is the same: how to secure data.", False),
    ("Whether the service will provide a match for video phones remains to be seen.", False),
    # held-out compare check 14 (both labellers): a share of a set the line does not name
    ("A third of them read unsolicited junk e-mail after receiving spam.", True),
    ("More than two thirds of its 28,000 staff have now accepted wage cuts.", True),
    ("A third of British adults read unsolicited junk e-mail.", False),
    # ... and a reply whose claim the line does not give (compare check 14, both labellers)
    ("Brown replies that no one thought the Berlin Wall would ever come down either.", True),
    ("The Tory leader countered that such agreements had been struck twice.", True),
    ("The Democrats immediately countered with a plan of their own.", False),
    ("Delays mean the check-in counters are still at the airport.", False),
    ("The replies to the Bank of England survey were gloomy.", False),  # the noun
    ("Written replies from the Home Office show 40 cases were reviewed.", False),
    # ... and an ordinal whose noun the sentence before gives (compare check 14)
    ("Two executives from AIG and one from Marsh & McLennan were the latest.", True),
    ("Two executives from AIG were the latest to plead guilty.", False),
    # Session 74 (read in held-out checks 33-35 and compare 15-18; 44 of the 31,634 listed
    # sentences newly read as leaning, each read: all lean back)
    # held-out compare check 15 (both labellers): which news, the line does not say
    ("Shares in Krispy Kreme sank 14.87% - or $1.83 - to close at $10.48 on the news.", True),
    ("The RAC welcomed the news, calling it an early Christmas present for motorists.", True),
    ("On the news, Oracle shares rose 15 cents on Nasdaq.", True),
    ("The RAC welcomed the news that fuel duty would be frozen.", False),
    ("Merck's shares tumbled more than 10% on the news and the company set aside millions.",
     True),  # session 79, answers check 43
    ("The news and weather follow at nine.", False),
    ("The BBC's news website had 2m visitors on election night.", False),
    # held-out check 33 (both labellers): set against what the sentence before said
    ("On the same note, the ESPN 2k5 and EA sports games have little to choose between them.",
     True),
    ("Equally, it may mean Hollywood studios ask for more to be put onto the average DVD.", True),
    ("Equally important is the price of the handsets.", False),
    # held-out compare check 15 (both labellers): more than the ones counted before
    ("Five more barristers are now reported to be threatening to resign.", True),
    ("Five more than last year's total have applied.", False),
    ("Five barristers are now reported to be threatening to resign.", False),
    # held-out check 35 (both labellers): a response to what the line does not give, and
    # "it" under a "their" nothing names
    ("The prime minister responds by scheduling his monthly press conference.", True),
    ("Markets responded by pushing the euro lower.", True),
    ("Mr Glazer's bid was turned down and responded by voting off three directors.", False),
    # held-out compare check 17 (both labellers): which news, what is to happen
    ("The news came after UKIP suspended a candidate.", True),
    ("For that to happen Varig's main shareholder would have to be removed.", True),
    ("The news channel came third in the ratings.", False),
    # held-out compare check 18 (both labellers): which firms, what is combined
    ("In both cases, their shares fell by some 4%.", True),
    ("Combining them at speed is the best fun, although it takes practice.", True),
    ("Signaling it does not want to be involved, Israel is limiting exercises.", False),
    ("Combining speed and skill is the best fun.", False),
    ("Everything it touches at Apple turns to gold.", False),
    ("Perhaps precisely because its graphics are so good that the story is not engaging.", True),
    ("Just because a person made naive decisions does not make them a terrorist.", False),
    ("Somehow it adds up to less than the sum of its parts.", True),
    ("Unfortunately, it is just part of life.", True),
    ("Unfortunately, the game is just part of life.", False),
    ("Under their vision, it would be one of five in the new super regiment.", True),
    ("Under the army's vision, it would be one of five in the new super regiment.", False),
    # Session 79: remarks an earlier sentence quoted, an example of what it said
    ("The comments come a day after John Snow said a strong dollar was in America's "
     "interest.", True),
    ("An IMF mission made the comments in a report published after 10 days of talks.", True),
    ("Mr Howard made his remarks during a speech in Westminster.", True),
    ('"Prices will fall," Mr Brown said, and made the comments again on the radio.', False),
    ("Mr Brown made the comments that angered the unions in May.", False),  # says which
    ("The comments section of the site was closed.", False),
    ("For example in West Ham, this might allow only women to be candidates.", True),
    ("For example the Sony walkman was the first truly portable player.", True),
    # ... and a point ranked against the one before (compare check 26, both labellers)
    ("More directly, once software patents are granted any programmer will have to worry.",
     True),
    ("Worse still, Asia's economic crisis is showing signs of going global.", True),
    ("More directly linked to the crisis are the banks.", False),
    ("Most importantly, Mr Curry says, people were bored with the radio.", False),
    # ... and a speaker who only agrees (compare check 27, both labellers)
    ("Mr Valentine, who grew up in Argentina, agreed.", True),
    ("CENTR, the Council of European National Top Level Domain Registries, agrees.", True),
    ("Forty-three per cent thought Mr Blunkett had done a good job and 17% disagreed.", False),
    ("The Tories say they will vote against it unless changes are agreed.", False),
    # Session 80: "prior" alone, before what an earlier sentence told (the seeds' digest)
    ("Iraqi troops were seen dancing in the streets prior as they continued to retake the "
     "last few feet of ground from ISIS forces.", True),
    ("He had visited the site the day prior.", True),
    ("Sales are expected to be 8% lower than the prior year.", False),
    ("No prior approval was needed before the vote.", False),
    ("David Prior, assistant clerk of the archives, says the catalogue opens up research.",
     False),
    # ... and a reply or result of what an earlier sentence told (a DUC dev digest's line)
    ("In response, Portugal's Foreign Ministry accused Indonesia of breaking promises.", True),
    ('"Accordingly, it seems very likely that some form of fiscal consolidation will be '
     'required."', True),
    ("As a consequence the government has taken action.", True),
    ("As such, it is an interesting indicator of how technology has advanced.", True),
    ("In response to criticism, Chinese officials defended the arrest.", False),
    ("As a consequence of the strike, prices rose.", False),
    ("In return for the funding, Turkey would keep inflation under control.", False),
])
def test_lines_the_held_out_checks_read_as_needing_the_one_before_lean_back(
        text: str, flagged: bool) -> None:
    """Sessions 73-74: a pronoun speaker to come, "Whether it ...", "on the news.", "Equally,
    ...", "Five more ...", "responds by ...", a sentence adverb before a pronoun, ...: each
    read in a held-out blind check, both labellers (the comments say which)."""
    from bot.engine.standalone import needs_before

    assert needs_before(text) is flagged


def test_a_topic_line_is_not_shown_with_an_antecedent_that_itself_needs_one() -> None:
    """Held-out check 31: a topic summary showed Yahoo's founder's words with the sentence
    before them, "The term was popularised by ... Jonathan Swift ...", itself opening on
    what only an earlier sentence names (checks 1-30's topic-summary runs whose first
    sentence is set aside so: 3 labels alone, 12 needing context). With ``stand_ins`` the
    opener goes and its room goes to a line that stands alone; without, as before."""
    from bot.engine.quotable import keep_quotable

    sents = _doc("a", "Yahoo began as a hobby of two students in 1994.",
                 "The term was popularised by the satirist Jonathan Swift in Gulliver's "
                 "Travels.",
                 "But they were certainly not sophisticated, the founders joked.",
                 "Yahoo now employs 7,600 workers around the world.").sentences
    assert keep_quotable([2, 3], [2, 3, 0, 1], sents) == [1, 2]
    assert keep_quotable([2, 3], [2, 3, 0, 1], sents, stand_ins=True,
                         titles=lambda _: "Yahoo celebrates a decade online") == [0, 3]


def test_a_topic_line_with_a_stronger_flaw_looks_further_down_for_a_clean_one() -> None:
    """Session 73: in a topic summary (``stand_ins``) a line opening "The firm said ..." or
    naming a day an undated article cannot place gives its place to a clean line of the next
    SWAP_SPAN_STRONG (8) the selection would take, not only of the next SWAP_SPAN (3): such
    lines read alone about a third of the time in checks 1-30, clean ones 0.85."""
    from bot.engine.quotable import SWAP_SPAN, SWAP_SPAN_STRONG, keep_quotable

    undated = [f"Sales of {kind} rose sharply on Tuesday." for kind in
               ("cars", "vans", "bikes", "boats", "trucks")]
    sents = _doc("a", "The firm said profits rose 5%.", *undated,
                 "Acme's profits rose 5% in 2004, Acme said.").sentences
    clean = len(sents) - 1
    ranked = list(range(len(sents)))
    assert SWAP_SPAN < clean <= SWAP_SPAN_STRONG
    kwargs = {"published": lambda _d: None, "days_only": False,
              "titles": lambda _d: "Sales round-up"}
    assert keep_quotable([0], ranked, sents, stand_ins=True, **kwargs) == [clean]
    # a one-article summary (no stand-ins) keeps the nearer swap rule: an undated day stays
    assert keep_quotable([1], ranked, sents, **kwargs) == [1]
