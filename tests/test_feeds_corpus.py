"""Feeds into the corpus: a republished wire story is one document with several sources
(in sources.toml, /sources and /compare), and new articles are read alone, not with
the whole corpus."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.corpus.feeds.filters import FilterError, admits, parse_keywords
from bot.corpus.feeds.parse import Article
from bot.corpus.feeds.writer import Candidate, CorpusWriter
from bot.corpus.model import Republication
from bot.corpus.refresh import CorpusRefresher
from bot.engine.compare import Comparer
from bot.engine.sources import SourceIndex
from bot.render.sources import sources_lines, sources_text
from tests.conftest import write_corpus

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
WIRE = ("Engineers restored running water to forty thousand households in eastern Mosul on "
        "Friday after repairing the main pumping station that fighters had damaged during the "
        "battle for the city. The water directorate said the supply would be tested for "
        "contamination every day for a month before residents were told it was safe to drink "
        "without boiling. Families in the Zuhur district said they had carried water in "
        "plastic cans for more than a year.")
OTHER = ("The provincial council in Basra approved a budget on Thursday to dredge the old "
         "port channel so that larger cargo ships can dock again. Shipping agents said the "
         "work would take two years and cost more than the council had first estimated. "
         "Dock workers welcomed the plan but asked for their unpaid wages to be settled first.")


def _article(text: str, outlet: str, slug: str, title: str = "Water returns to Mosul",
             published: str = "2026-11-28") -> Candidate:
    url = f"https://{outlet.lower().replace(' ', '')}.example/news/{slug}?utm_source=rss"
    return Candidate(Article(url=url, title=title, text=text, source=outlet,
                             author="Staff", published=published), guid=f"{outlet}-{slug}")


def _write(root: Path, *cands: Candidate):
    return CorpusWriter.open(root).write(list(cands), NOW)


def test_a_wire_copy_becomes_another_source_of_the_story(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    added, skipped = _write(root, _article(WIRE, "Northern Wire", "water"),
                            _article(OTHER, "Gulf News", "basra", "Basra dredging"))
    assert len(added) == 2
    # another outlet republishes the wire story, lightly edited, under its own headline
    copy = WIRE.replace("on Friday", "on Friday morning") + " Local officials thanked the UN."
    added, skipped = _write(root, _article(copy, "Region Herald", "mosul-water",
                                           "Mosul: water back", "2026-11-29"))
    assert added == [] and len(skipped) == 1
    water = skipped[0].doc_id
    assert skipped[0].republication and "recorded as another source" in skipped[0].reason
    manifest = tomllib.loads((root / "sources.toml").read_text(encoding="utf-8"))
    also = manifest[f"{water}.txt"]["also"]
    assert [(a["outlet"], a["url"], a["published"]) for a in also] == [
        ("Region Herald", "https://regionherald.example/news/mosul-water", "2026-11-29")]
    doc = load_corpus(root).documents[water]
    assert doc.source == "Northern Wire"
    assert doc.republished == (Republication(
        "Region Herald", "https://regionherald.example/news/mosul-water", "2026-11-29",
        "Mosul: water back"),)
    assert doc.to_dict()["republished"][0]["source"] == "Region Herald"
    # the same copy again (another feed, tracking parameters): already known, nothing written
    before = (root / "sources.toml").read_text(encoding="utf-8")
    added, skipped = _write(root, _article(copy, "Region Herald", "mosul-water"))
    assert added == [] and skipped[0].reason == f"already in the corpus as {water}"
    assert (root / "sources.toml").read_text(encoding="utf-8") == before


def test_a_copy_of_a_hand_written_document_extends_its_own_entry(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus", {
        "mosul.txt": "Water in Mosul\n\n" + WIRE,
        "sources.toml": '# hand-written\n[documents."mosul.txt"]\noutlet = "The Wire"\n'})
    _added, skipped = _write(root, _article(WIRE, "Region Herald", "copy"))
    assert skipped[0].doc_id == "mosul" and skipped[0].republication
    text = (root / "sources.toml").read_text(encoding="utf-8")
    assert text.startswith('# hand-written\n[documents."mosul.txt"]')
    doc = load_corpus(root).documents["mosul"]
    assert doc.source == "The Wire" and [r.source for r in doc.republished] == ["Region Herald"]


def test_a_hand_written_inline_also_is_never_broken(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus", {
        "mosul.txt": "Water in Mosul\n\n" + WIRE,
        "sources.toml": '["mosul.txt"]\noutlet = "The Wire"\nalso = [{outlet = "AP"}]\n'})
    _added, skipped = _write(root, _article(WIRE, "Region Herald", "copy"))
    assert skipped[0].doc_id == "mosul"
    doc = load_corpus(root).documents["mosul"]  # still readable, its own "also" intact
    assert [r.source for r in doc.republished] == ["AP"]


def _story_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    _write(root, _article(WIRE, "Northern Wire", "water"),
           _article(WIRE.replace("forty thousand", "40,000"), "Region Herald", "copy"),
           _article(WIRE + " A second pumping station will reopen in March.", "City Times",
                    "copy2"),
           _article("Residents of eastern Mosul said on Friday that tap water had returned "
                    "after more than a year, but many said they would keep boiling it. The "
                    "water directorate said testing would continue for a month. Aid groups "
                    "had trucked water to the district since the battle for the city ended.",
                    "Kurdistan Daily", "residents", "Mosul residents wary of tap water"))
    return root


def test_sources_and_compare_show_the_other_outlets(tmp_path: Path) -> None:
    corpus = load_corpus(_story_corpus(tmp_path))
    assert len(corpus) == 2  # the wire story once, with two more outlets, and another story
    wire = next(d for d in corpus.documents.values() if d.source == "Northern Wire")
    assert [r.source for r in wire.republished] == ["Region Herald", "City Times"]
    index = SourceIndex(corpus)
    assert index.label(wire.doc_id) == "Northern Wire (also Region Herald, City Times)"
    assert index.of(wire.doc_id).also == ("Region Herald", "City Times")
    assert len(index.sources) == 2  # one voice, not three that agree
    listed = "\n".join(sources_lines(corpus))
    assert "Also published by [Region Herald](<https://regionherald.example/news/copy>)" \
        in listed
    assert "  also:   City Times https://citytimes.example/news/copy2 (2026-11-28)" \
        in sources_text(corpus)
    result = Comparer(corpus).compare(topic="Mosul water").to_dict()
    labels = [s["source"] for s in result["sources"]]
    assert sorted(labels) == ["Kurdistan Daily",
                              "Northern Wire (also Region Herald, City Times)"]


def test_new_articles_are_read_alone_and_a_republication_parses_nothing(tmp_path: Path) -> None:
    files = {f"old/{i:03d}.txt": f"Old story {i}\n\n" + OTHER.replace("Thursday", f"day {i}")
             for i in range(40)}
    root = write_corpus(tmp_path / "corpus", files)
    corpus = load_corpus(root)
    refresher = CorpusRefresher(root, 10**6)
    first = refresher.rescan(corpus)  # the loader's stamps: no file is opened
    assert not first.changed_anything and first.read == 0
    added, _ = _write(root, _article(WIRE, "Northern Wire", "water"))
    report = refresher.rescan(corpus)
    assert report.added == [added[0].doc_id] and report.changed == [] and report.read == 1
    assert report.corpus is not None
    assert all(report.corpus.documents[d] is corpus.documents[d] for d in corpus.documents)
    corpus = report.corpus
    # a wire copy: the story's metadata grows, its sentences are reused, no file is read
    _write(root, _article(WIRE, "Region Herald", "copy"))
    report = refresher.rescan(corpus)
    assert report.changed == [added[0].doc_id] and report.added == [] and report.read == 0
    assert report.corpus is not None
    new = report.corpus.documents[added[0].doc_id]
    assert [r.source for r in new.republished] == ["Region Herald"]
    assert new.sentences is corpus.documents[added[0].doc_id].sentences
    assert corpus.documents[added[0].doc_id].republished == ()  # the old corpus untouched
    # an edited entry (a corrected title) re-parses that document only
    path = root / "sources.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'title = "Water returns to Mosul"', 'title = "Water is back in Mosul"', 1),
        encoding="utf-8")
    report = refresher.rescan(report.corpus)
    assert report.changed == [added[0].doc_id] and report.read == 1
    assert report.corpus.documents[added[0].doc_id].title == "Water is back in Mosul"


def test_a_changed_file_is_read_again_and_a_broken_manifest_keeps_the_corpus(
        tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus", {"a.txt": "A\n\n" + OTHER, "b.txt": "B\n\n" + WIRE})
    corpus = load_corpus(root)
    refresher = CorpusRefresher(root, 10**6)
    refresher.rescan(corpus)
    write_corpus(root, {"a.txt": "A\n\n" + OTHER + " The vote was close."})
    report = refresher.rescan(corpus)
    assert report.changed == ["a"] and report.read == 1
    write_corpus(root, {"sources.toml": '["a.txt"\noutlet = '})
    from bot.corpus.loader import CorpusError

    with pytest.raises(CorpusError, match="not valid TOML"):
        refresher.rescan(report.corpus)


def test_keyword_filters_match_whole_words_and_phrases() -> None:
    words = parse_keywords(" Basra, oil  price,basra,, ")
    assert words == "Basra, oil price"
    assert admits(words, "Dredging begins in BASRA.") and admits(words, "the oil\nprice fell")
    assert not admits(words, "Basrah province") and not admits(words, "oil prices")
    assert admits("", "anything")
    with pytest.raises(FilterError, match="at most 20 keywords"):
        parse_keywords(",".join(str(i) for i in range(21)))
