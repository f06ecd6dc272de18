"""Loader: every supported format, metadata, doc ids, and every bad-file case."""

from __future__ import annotations

import logging
import os
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


def test_web_escapes_left_in_plain_text_read_as_their_characters(tmp_path: Path) -> None:
    """The BBC set's "communiqu&#233;" and "Mr Blair&#191;s" (19 escapes in 16 of its
    articles): a reader is shown "communiqué" and "Mr Blair’s"; an "&" that is no escape
    stays, and an HTML page's own escapes are its parser's."""
    write_corpus(tmp_path, {
        "a.txt": "Summit ends\n\nThe communiqu&#233; praised Mr Blair&#191;s plan. "
                 "AT&T said profits rose &gt; 5% in Q&A season.\n",
        "b.html": "<html><body><h1>Page</h1><p>Shares in AT&amp;T rose &lt;1% on the news. "
                  "Traders wrote &amp;#233; in their notes.</p></body></html>",
    })
    corpus = load_corpus(tmp_path)
    assert [s.text for s in corpus.get("a").sentences] == [
        "The communiqué praised Mr Blair’s plan.", "AT&T said profits rose > 5% in Q&A season."]
    assert [s.text for s in corpus.get("b").sentences] == [
        "Shares in AT&T rose <1% on the news.", "Traders wrote &#233; in their notes."]


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


# hostile corpora -------------------------------------------------------------------------
def test_a_malformed_manifest_is_a_configuration_error_naming_file_and_key(
        tmp_path: Path) -> None:
    write_corpus(tmp_path, {"a.txt": ARTICLE, "sources.toml": 'documents = "x"\n'})
    with pytest.raises(CorpusError) as bad:
        load_corpus(tmp_path)
    assert str(tmp_path / "sources.toml") in str(bad.value) and "'documents'" in str(bad.value)
    assert str(tmp_path) not in bad.value.public  # what a Discord user may see
    (tmp_path / "sources.toml").write_text('"a.txt" = 5\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"key 'a\.txt' must be a table"):
        load_corpus(tmp_path)
    (tmp_path / "sources.toml").write_text('[documents\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="not valid TOML"):
        load_corpus(tmp_path)


def test_briefbot_offline_exits_2_on_a_malformed_manifest(tmp_path: Path) -> None:
    import subprocess
    import sys

    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLE,
                                                "sources.toml": 'documents = "x"\n'})
    done = subprocess.run(
        [sys.executable, "-m", "bot", "offline", "--corpus", str(corpus), "--no-validate",
         "--command", "/sources"], capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"})
    assert done.returncode == 2, done.stderr[-2000:]
    assert "sources.toml" in done.stderr and "'documents'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_is_parsed_and_hashed_from_the_same_bytes(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    import hashlib

    from bot.corpus.loader import load_file
    from bot.corpus.refresh import CorpusRefresher

    write_corpus(tmp_path, {"a.txt": ARTICLE})
    corpus = load_corpus(tmp_path)
    os.utime(tmp_path / "a.txt", ns=(10**9, 10**9))  # rewritten: its stamp changed
    versions = [ARTICLE.replace("Monday", "Tuesday").encode(),
                ARTICLE.replace("Monday", "Friday").encode()]
    real = Path.read_bytes

    def changing(self: Path) -> bytes:  # the file is rewritten between two reads
        return versions.pop(0) if self.name == "a.txt" and versions else real(self)

    monkeypatch.setattr(Path, "read_bytes", changing)
    report = CorpusRefresher(tmp_path, 10**6).rescan(corpus)
    doc = report.corpus.get("a")
    assert "Tuesday" in doc.text
    assert doc.content_hash == hashlib.sha256(
        ARTICLE.replace("Monday", "Tuesday").encode()).hexdigest()
    versions[:] = [ARTICLE.encode(), b"other bytes"]
    doc = load_file(tmp_path, tmp_path / "a.txt", {})
    assert doc.content_hash == hashlib.sha256(ARTICLE.encode()).hexdigest()


def test_links_out_of_the_corpus_are_never_read(tmp_path: Path) -> None:
    from bot.corpus.refresh import CorpusRefresher

    secret = tmp_path / "secret.txt"
    secret.write_text("The launch code is 0000. Nobody outside may read it.", encoding="utf-8")
    root = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLE})
    (root / "leak.txt").symlink_to(secret)
    (root / "inner.txt").symlink_to(root / "a.txt")  # a link inside the corpus is fine
    corpus = load_corpus(root)
    assert set(corpus.documents) == {"a", "inner"}
    assert "outside the corpus" in {s.path: s.reason for s in corpus.skipped}["leak.txt"]
    (root / "leak2.md").symlink_to(secret)
    report = CorpusRefresher(root, 10**6).rescan(corpus)
    assert all("launch code" not in d.text for d in (report.corpus or corpus).documents.values())
    assert ("leak2.md", "a link to a file outside the corpus directory: not read") in \
        report.failed


def test_file_names_are_escaped_in_logs(tmp_path: Path, caplog) -> None:
    write_corpus(tmp_path, {"a.txt": ARTICLE,
                            "x\n12:00:00 INFO    bot: forged.txt": b"\x00binary",
                            "\x1b[31mred.txt": b"\x00binary"})
    with caplog.at_level(logging.WARNING, logger="bot.corpus.loader"):
        corpus = load_corpus(tmp_path)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and all("\n" not in m and "\x1b" not in m for m in lines)
    assert any("x\\x0a12:00:00" in m for m in lines) and any("\\x1b[31m" in m for m in lines)
    assert all("\x1b" not in s.path and "\n" not in s.path for s in corpus.skipped)


def test_an_unknown_document_is_answered_with_the_closest_names_as_answers_show_them(
        ) -> None:
    """``Corpus.closest_documents``, what an unknown ``--document`` is answered with in the
    summary and the comparison: each suggestion is the name every answer uses (an untitled
    document's "(untitled) <first words>", not its id twice) and the id to type."""
    from bot.corpus.model import Corpus, Document, Sentence
    from bot.engine import Engine

    docs = {"a1": Document("a1", "Floods hit Leeds", [Sentence("Rivers rose in Leeds.", "a1", 0)]),
            "b2": Document("b2", "", [Sentence("Several reports from the front lines say so.",
                                                "b2", 0)])}
    corpus = Corpus(Path("."), docs)
    close = corpus.closest_documents("front lines reports", limit=2)
    assert close[0] == "(untitled) Several reports from the front lines… (b2)"
    assert "b2 (b2)" not in close and "Floods hit Leeds (a1)" in close
    engine = Engine(corpus)
    from bot.engine.errors import EngineInputError

    for ask in (lambda: engine.summarizer.summarize(document="front lines reports"),
                lambda: engine.comparer.compare(documents=["front lines reports", "a1"])):
        with pytest.raises(EngineInputError) as err:
            ask()
        assert err.value.extra["suggestions"][0].endswith("(b2)")
