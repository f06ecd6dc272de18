"""Boilerplate never reaches a sentence; headings are structure, not sentences."""

from __future__ import annotations

import re

import pytest

from bot.corpus.cleaning import normalise_text
from bot.corpus.segment import OfflineTokenizer, split_sentences
from tests.conftest import SEEDS

BOILERPLATE = [
    "You are here", "Home > News", "REUTERS/", "logo", "Font Size",
    "Pentagon/Foreign Policy Reporter",
    "Follow Russ Read", "Send tips", "@dailycallernewsfoundation.org", "republished",
    "licensing@", "Creative Commons", "(Source: The National)", "Raymond Cao",
]


@pytest.mark.parametrize("needle", BOILERPLATE)
def test_seed_boilerplate_removed(seed_corpus, needle: str) -> None:
    for sentence in (s for d in seed_corpus.documents.values() for s in d.sentences):
        assert needle.casefold() not in sentence.text.casefold(), sentence


def test_headings_are_structure_not_sentences(seed_corpus) -> None:
    offensive = seed_corpus.get("002_160402298ecf2569")
    assert offensive.headings == ["A General Summary", "Recent Developments"]
    texts = {s.text for s in offensive.sentences}
    assert "A General Summary" not in texts and "The Mosul Offensive" not in texts
    assert offensive.sentences[-1].section == "Recent Developments"
    listicle = seed_corpus.get("000_b1d97025c559431c")
    assert "1. ISIS still holds territory in west Mosul." in listicle.headings
    assert all(not re.match(r"^\d\. ", s.text) for s in listicle.sentences)


def test_kicker_and_repeated_title_dropped(seed_corpus) -> None:
    dcnf = seed_corpus.get("001_1bcaefff16c7f4bd")
    assert dcnf.sentences[0].text.startswith("U.S.-backed Iraqi Security Forces (ISF) retook")
    texts = " ".join(s.text for s in dcnf.sentences)
    assert "National Security" not in texts and dcnf.title not in texts


def test_invisible_characters_removed() -> None:
    assert normalise_text("Mo\u200bsul\u202e is\ufeff here\r\n") == "Mosul is here\n"


def test_segmenter_keeps_abbreviations_together() -> None:
    text = ("U.S.-backed Iraqi Security Forces (ISF) retook the city. "
            "Army Col. Pat Work of the 82nd Airborne Division spoke. It was 1.5 million people.")
    assert split_sentences(text) == [
        "U.S.-backed Iraqi Security Forces (ISF) retook the city.",
        "Army Col. Pat Work of the 82nd Airborne Division spoke.",
        "It was 1.5 million people.",
    ]


def test_sumy_accepts_offline_tokenizer() -> None:
    from sumy.parsers.plaintext import PlaintextParser

    doc = PlaintextParser.from_string("One sentence here. Another one there.",
                                      OfflineTokenizer()).document
    assert [str(s) for s in doc.sentences] == ["One sentence here.", "Another one there."]
    words = OfflineTokenizer().to_words("Tall 'Afar's U.S. forces")
    assert words == ("Tall", "Afar's", "U.S", "forces")


def test_a_file_without_metadata_keeps_its_headline_out_of_the_body(tmp_path) -> None:
    """Without sources.toml the title is read from the file: past page furniture ("You
    are here", a breadcrumb) to the headline, and a headline in headline case is one even
    when it ends in a full stop; neither becomes a sentence an answer could quote."""
    from bot.corpus.loader import load_corpus

    for name in ("000_b1d97025c559431c.txt", "002_160402298ecf2569.txt"):
        (tmp_path / name).write_bytes((SEEDS / name).read_bytes())
    corpus = load_corpus(tmp_path)
    listicle = corpus.get("000_b1d97025c559431c")
    assert listicle.title == "Mission Accomplished? Iraq Is Claiming Victory in Mosul… But Wait."
    assert listicle.sentences[0].text.startswith("Iraqi forces are claiming victory")
    texts = {s.text for d in corpus.documents.values() for s in d.sentences}
    assert "Iraq Is Claiming Victory in Mosul…" not in texts and "But Wait." not in texts
    assert corpus.get("002_160402298ecf2569").title == "The Mosul Offensive"


@pytest.mark.parametrize(("line", "headline"), [
    ("US-Backed Forces Score Their Biggest Victory Over ISIS Yet", True),
    ("Mission Accomplished? Iraq Is Claiming Victory in Mosul… But Wait.", True),
    ("Iraqi forces are claiming victory in the battle for Mosul today.", False),
    ("Iraq Fell.", False),  # too few words to tell
    ("The Mosul Offensive Began in October and Ended in July.", True),
    ("The offensive began in October.", False),
])
def test_headline_case(line: str, headline: bool) -> None:
    from bot.corpus.cleaning import headline_case

    assert headline_case(line) is headline


def test_a_wire_dateline_is_no_part_of_the_first_sentence(tmp_path) -> None:
    """DUC 2004's AP stories open "JAKARTA, Indonesia (AP) - As a U.N. envoy trotted ..."
    (d30034t; also "INNSBRUCK, Austria (AP) --", "WASHINGTON _"): a summary, brief or
    digest quoting the lede quoted the dateline with it (the DUC Indonesia digest line).
    It is dropped from the body; a capitalised acronym before a dash is no dateline."""
    from bot.corpus.loader import load_corpus

    stories = {
        "jakarta.txt": "JAKARTA, Indonesia (AP) - As a U.N. envoy trotted toward a helicopter, "
                       "protesters spilled onto the runway. Soldiers watched.",
        "wire.txt": "WASHINGTON _ NASA and the Russian Space Agency have agreed to go ahead. "
                    "The launch is set for Friday.",
        "reuters.txt": "NEW YORK (Reuters) -- Stocks fell on Monday. Bonds rose.",
        "dated.txt": "LONDON, Dec 6 (Reuters) - Shares rose on Friday. Bonds fell.",
        "nato.txt": "NATO - The alliance met on Monday in Brussels. Ministers agreed.",
        "plain.txt": "LONDON is wet today. It rained all week.",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    first = {doc_id: doc.sentences[0].text for doc_id, doc in corpus.documents.items()}
    assert first == {
        "jakarta": "As a U.N. envoy trotted toward a helicopter, protesters spilled onto the "
                   "runway.",
        "wire": "NASA and the Russian Space Agency have agreed to go ahead.",
        "reuters": "Stocks fell on Monday.",
        "dated": "Shares rose on Friday.",
        "nato": "NATO - The alliance met on Monday in Brussels.",
        "plain": "LONDON is wet today.",
    }


@pytest.mark.parametrize(("sentence", "clean"), [
    ("INKATHA The Commission finds that in 1986 the army conspired with Inkatha.",
     "The Commission finds that in 1986 the army conspired with Inkatha."),
    ("BUSINESS Business was central to the economy during the apartheid years.",
     "Business was central to the economy during the apartheid years."),
    ("P.W. BOTHA During the period that he presided as head of state, abuses grew.",
     "During the period that he presided as head of state, abuses grew."),
    ("DEAD OR ALIVE ULTIMATE Tecmo's Team Ninja are back with retooled versions.",
     "Tecmo's Team Ninja are back with retooled versions."),
    ("BILL GATES, WHIPPING BOY c.1998 N.Y. Times News Service Is Bill Gates a threat?",
     "Is Bill Gates a threat?"),
    # an acronym subject, or one before a title or a name, stays
    ("FUNCINPEC has demanded written guarantees for the safety of its members.", None),
    ("FUNCINPEC President Prince Norodom Ranariddh agreed to the deal.", None),
    ("UNICEF Director Carol Bellamy said children were at risk.", None),
    ("HSBC UK Chairman Stephen Green said profits rose.", None),
    ("ABN Amro, the Netherlands' largest bank, is to cut 2,850 jobs.", None),
])
def test_a_heading_run_into_a_sentence_is_dropped(sentence: str, clean: str | None) -> None:
    """DUC d31001t's excerpted report runs its headings in capitals into the next sentence
    ("INKATHA The Commission finds ..."), a BBC games round-up its titles ("ADVANCE WARS DS
    The UK Nintendo DS launch ..."), an NYT story its slug: a summary quoting the sentence
    quoted the heading."""
    from bot.corpus.cleaning import strip_run_in_heading

    assert strip_run_in_heading(sentence) == (clean or sentence)
