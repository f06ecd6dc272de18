"""Loader: every supported format, metadata, doc ids, and every bad-file case."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.corpus import CorpusError, load_corpus
from tests.conftest import write_corpus

ARTICLE = (
    "Floods close the coastal road\n\n"
    "Heavy rain closed the coastal road on Monday. Officials said repairs would take a week. "
    "Residents were told to use the mountain pass instead.\n"
)


def test_seeds_load_with_manifest_metadata(seed_corpus) -> None:
    assert len(seed_corpus) == 5
    dcnf = seed_corpus.get("001_1bcaefff16c7f4bd")
    assert dcnf.source == "Daily Caller News Foundation"
    assert dcnf.author == "Russ Read"
    assert dcnf.title == "US-Backed Forces Score Their Biggest Victory Over ISIS Yet"
    # Unknown fields stay empty / "unknown": nothing invented.
    first = seed_corpus.get("000_b1d97025c559431c")
    assert first.source == "unknown" and first.author == ""
    assert seed_corpus.get("003_e2bfb13aa5e2df8e").title == ""
    assert not seed_corpus.skipped


def test_positions_are_indexes_in_document(seed_corpus) -> None:
    for doc in seed_corpus.documents.values():
        assert [s.position for s in doc.sentences] == list(range(len(doc.sentences)))
        assert all(s.doc_id == doc.doc_id for s in doc.sentences)


def test_recursive_formats_and_doc_ids(tmp_path: Path) -> None:
    write_corpus(tmp_path, {
        "a.txt": ARTICLE,
        "sub/b.md": "---\ntitle: Markdown piece\noutlet: The Gazette\nauthor: Ann Lee\n---\n"
                    "# Markdown piece\n\nThe **council** voted on [the plan](http://x.org) today. "
                    "It passed by nine votes to two.\n",
        "sub/deeper/c.html": "<html><head><title>Web story</title>"
                             "<meta property='og:site_name' content='Web Daily'></head><body>"
                             "<nav>Home > World</nav><script>var x=1;</script>"
                             "<h1>Web story</h1><p>The bridge reopened after two years of work. "
                             "Traffic returned within hours.</p><footer>© 2024 Web Daily</footer>"
                             "</body></html>",
        "notes.csv": "a,b\n1,2\n",
    })
    corpus = load_corpus(tmp_path)
    assert set(corpus.documents) == {"a", "sub/b", "sub/deeper/c"}
    md = corpus.get("sub/b")
    assert (md.title, md.source, md.author) == ("Markdown piece", "The Gazette", "Ann Lee")
    assert md.sentences[0].text == "The council voted on the plan today."
    html = corpus.get("sub/deeper/c")
    assert html.title == "Web story" and html.source == "Web Daily"
    texts = [s.text for s in html.sentences]
    assert texts == ["The bridge reopened after two years of work.",
                     "Traffic returned within hours."]
    assert corpus.get("a").title == "Floods close the coastal road"


def test_bad_files_are_skipped_and_named(tmp_path: Path, caplog) -> None:
    write_corpus(tmp_path, {
        "good.txt": ARTICLE,
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "empty.txt": "",
        "blank.md": "   \n\n  \n",
        "big.txt": "Word " * 400,
        "latin1.txt": "Caf\xe9 owners in Mosul reopened on Friday. They sold tea.\n"
                      .encode("latin-1"),
    })
    (tmp_path / "missing.txt").symlink_to(tmp_path / "nowhere.txt")
    with caplog.at_level(logging.WARNING, logger="bot.corpus.loader"):
        corpus = load_corpus(tmp_path, max_bytes=1000)
    assert set(corpus.documents) == {"good", "latin1"}
    assert "Café owners in Mosul reopened on Friday." in corpus.get("latin1").text
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert set(reasons) == {"binary.txt", "empty.txt", "blank.md", "big.txt", "missing.txt"}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "too large" in reasons["big.txt"] and "MAX_FILE_BYTES" in reasons["big.txt"]
    assert "unreadable" in reasons["missing.txt"]
    for path in reasons:  # one log line naming each file
        assert sum(path in r.getMessage() for r in caplog.records) == 1


def test_missing_and_empty_corpus_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"does not exist.*CORPUS_DIR"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no readable"):
        load_corpus(tmp_path / "empty")
