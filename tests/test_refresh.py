"""Corpus refresh: new, changed, deleted and broken files; the atomic engine swap."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bot.corpus import load_corpus
from bot.corpus.refresh import CorpusRefresher, refresh_engine
from bot.engine import Engine
from tests.conftest import write_corpus

A = "Alpha town\n\nThe council met on Monday. It approved a new bridge over the river."
B = "Beta city\n\nFloods closed the main road. Crews worked through the night to reopen it."
C = "Gamma port\n\nShips waited outside the harbour. The strike ended on Friday evening."


def _corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", {"a.txt": A, "b.txt": B})


def test_unchanged_directory_builds_nothing(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    corpus = load_corpus(root)
    (root / "a.txt").touch()  # a new mtime is not a change
    report = CorpusRefresher(root, 10**6).rescan(corpus)
    assert not report.changed_anything
    assert report.summary().startswith("0 added, 0 changed, 0 removed, 0 failed")


def test_added_changed_and_removed_files(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    corpus = load_corpus(root)
    refresher = CorpusRefresher(root, 10**6)
    write_corpus(root, {"c.txt": C, "a.txt": A + " The mayor resigned the next day."})
    (root / "b.txt").unlink()
    report = refresher.rescan(corpus)
    assert report.added == ["c"] and report.changed == ["a"] and report.removed == ["b"]
    new = report.corpus
    assert new is not None and sorted(new.documents) == ["a", "c"]
    assert "mayor resigned" in new.documents["a"].text
    assert corpus.documents.keys() == {"a", "b"}  # the old corpus is untouched


def test_a_broken_file_keeps_its_last_good_version(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    corpus = load_corpus(root)
    good = corpus.documents["b"]
    (root / "b.txt").write_bytes(b"\x00\x01binary now")
    write_corpus(root, {"d.txt": b"\x00junk"})
    report = CorpusRefresher(root, 10**6).rescan(corpus)
    assert report.kept == ["b"]
    assert {p for p, _ in report.failed} == {"b.txt", "d.txt"}
    assert report.corpus is not None and report.corpus.documents["b"] is good
    assert "d" not in report.corpus.documents


def test_a_manifest_edit_reloads_metadata(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    corpus = load_corpus(root)
    refresher = CorpusRefresher(root, 10**6)
    write_corpus(root, {"sources.toml": '["a.txt"]\noutlet = "The Herald"\n'})
    report = refresher.rescan(corpus)
    assert report.corpus is not None
    assert report.corpus.documents["a"].source == "The Herald"


class FakeHost:
    """The three things refresh_engine needs from the bot."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.settings = SimpleNamespace(max_file_bytes=10**6)
        self.swaps: list[Engine] = []

    async def run_engine(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    def swap_engine(self, engine: Engine) -> None:
        self.engine = engine
        self.swaps.append(engine)


async def test_refresh_swaps_the_engine_only_on_change(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    host = FakeHost(Engine(load_corpus(root)))
    before = host.engine
    refresher = CorpusRefresher(root, 10**6)
    report = await refresh_engine(host, refresher)
    assert not report.changed_anything and host.swaps == []
    write_corpus(root, {"c.txt": C})
    report = await refresh_engine(host, refresher)
    assert report.added == ["c"] and host.swaps == [host.engine]
    assert host.engine is not before and "c" in host.engine.corpus.documents
    assert "c" not in before.corpus.documents  # commands in flight keep the old engine
