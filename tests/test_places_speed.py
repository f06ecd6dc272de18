"""The place index's speed paths: entity tagging in workers (streamed, cached, failing
soft) and the gazetteer's cache file (shared strings, collector restored)."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest

from bot.engine.places import gazetteer as gz
from bot.engine.places import ner
from bot.engine.places.gazetteer import Gazetteer, Place


def test_label_job_tags_each_sentence_once_and_reads_the_cache_next_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CACHE_DIR", str(tmp_path))
    first, second = "Helena Kennedy flew from Paris to Mosul.", "Fighting in Basra went on."
    submitted: list[list[str]] = []
    real = ner._executor

    class Counting:
        def submit(self, fn: Callable[..., object], *args: object) -> Future[object]:
            if fn is ner.tag:
                submitted.append(list(args[0]))  # type: ignore[call-overload]
            return real().submit(fn, *args)

    monkeypatch.setattr(ner, "_executor", Counting)
    job = ner.LabelJob()
    job.add([first, first])
    job.add([first, second])  # the first again: not queued twice
    labels = job.result()
    assert sorted(t for chunk in submitted for t in chunk) == sorted([first, second])
    found = {first[s:e]: label for s, e, label in labels[first]}
    assert found.get("Helena Kennedy") == "PERSON" and found.get("Paris") == "GPE"

    def no_worker() -> None:
        raise AssertionError("cached labels must not be tagged again")

    monkeypatch.setattr(ner, "_executor", no_worker)
    again = ner.LabelJob()
    again.add([second, first])
    assert again.result() == labels and again.cached == 2


def test_label_job_without_workers_gives_no_labels_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("CACHE_DIR", str(tmp_path))

    def broken() -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(ner, "_executor", broken)
    job = ner.LabelJob()
    job.start()
    job.add([f"Sentence {i} about Mosul." for i in range(ner.CHUNK + 1)])
    with caplog.at_level(logging.WARNING, logger=ner.__name__):
        assert job.result() == {}
    assert sum("unavailable" in r.getMessage() for r in caplog.records) <= 1


def test_ner_alone_labels_as_the_fuller_pipeline_does() -> None:
    """The worker loads only ``ner`` (it has its own token-to-vector layer): the labels
    must be those of the pipeline with the shared tok2vec and the tagger in it."""
    from bot.engine.nlp import english

    texts = ["Helena Kennedy flew from Paris to Mosul on Monday.",
             "Voice of America said the Bank of England kept rates in London.",
             "Tal Afar and Hawija lie west of Kirkuk in Iraq."]
    fuller = english(("parser", "lemmatizer"))
    expected = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in fuller.pipe(texts)]
    assert ner.tag(texts) == expected
    assert ner._pipeline().pipe_names == ["ner"]


def _copy(text: str) -> str:
    """An equal string that is another object (as the build makes keys and parents)."""
    return "".join(list(text))


def _small_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    places = [
        Place(_copy("country:IQ"), "Iraq", "country", "IQ", 33.0, 44.0, None, 38_000_000),
        Place(_copy("a1:IQ:nineveh"), "Nineveh", "region", "IQ", 36.0, 42.5,
              _copy("country:IQ"), 3_000_000),
        Place(_copy("gn:1"), "Mosul", "city", "IQ", 36.34, 43.13, _copy("a1:IQ:nineveh"),
              1_700_000),
        Place(_copy("gn:2"), "Tal Afar", "city", "IQ", 36.38, 42.45, _copy("a1:IQ:nineveh"),
              200_000)]
    for place in places:
        gaz.places[_copy(place.key)] = place
        gaz.add_alias(place.name, _copy(place.key))
    gaz.add_alias("Mossul", "gn:1")
    gaz.add_alias("Tall Afar", "gn:2")
    gaz.extents["IQ"] = (29.0, 37.4, 38.8, 48.6)
    return gaz


def test_gazetteer_cache_round_trip_through_a_mapped_file(tmp_path: Path) -> None:
    gaz = _small_gazetteer()
    gz.write_mapped(gaz, tmp_path / "g.gazmap")
    loaded = gz.open_mapped(tmp_path / "g.gazmap")
    assert dict(loaded.places.items()) == gaz.places and dict(loaded.aliases) == gaz.aliases
    assert set(loaded.prefixes) == gaz.prefixes and dict(loaded.extents) == gaz.extents
    mosul = loaded.places["gn:1"]
    assert loaded.places["gn:1"] is mosul  # made once, then kept
    assert mosul.parent == "a1:IQ:nineveh"
    assert loaded.lookup("Tall Afar")[0].name == "Tal Afar"


def test_collector_pause_restores_a_disabled_collector_as_disabled() -> None:
    gc.disable()
    try:
        with gz._CollectorPaused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with gz._CollectorPaused():
        assert not gc.isenabled()
    assert gc.isenabled()
