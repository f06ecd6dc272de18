"""Boilerplate never reaches a sentence; headings are structure, not sentences."""

from __future__ import annotations

import re

import pytest

from bot.corpus.cleaning import normalise_text
from bot.corpus.segment import OfflineTokenizer, split_sentences

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
