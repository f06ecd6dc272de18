"""Sentences quoted alone must stand alone; key figures keep what they measure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.corpus.model import Corpus, Document, Sentence
from bot.engine.compare import Comparer
from bot.engine.figures import extract_figures
from bot.engine.standalone import fits_date, relative_time, stands_alone


@pytest.mark.parametrize("text", [
    "Hawija, Al-Qa’im, Tal Afar.",  # a list fragment
    "And Tal Afar is where some of the fiercest ISIS fighters came from.",
    "No, they are not all ISIS.",
    "He had decided to support the plans for a new runway.",
    "They’re also still launching attacks on other areas of Mosul.",
])
def test_sentences_that_lean_on_their_context_do_not_stand_alone(text):
    assert not stands_alone(text)


@pytest.mark.parametrize("text", [
    "Iraqi forces retook Mosul on Saturday after a nine-month campaign.",
    "Nobody expected the vote to pass so quickly.",
    "Thousands fled the city.",
])
def test_plain_reporting_stands_alone(text):
    assert stands_alone(text)


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
    assert all(c["kind"] != "contradiction" for c in result["conflicts"])


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
