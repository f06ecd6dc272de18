"""Start-up on a large corpus: the bot connects once the corpus is loaded and builds its
indexes in a worker meanwhile; commands asked before an index is ready wait for it off the
event loop, and autocomplete offers nothing rather than build an index on the loop."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.corpus.model import LazyDocument
from bot.corpus.snapshot import MappedSentences, _Table
from bot.engine import CAPABILITIES, LOAD_SHARE, Engine
from bot.engine.stored import IndexStore
from bot.localdiscord import LocalDiscord, run_bot
from tests.bot_factory import bot_factory


class GatedEngine(Engine):
    """The real engine, whose background warm-up starts only when the test says so (a
    stand-in for an index build that takes minutes on a large corpus)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()

    def warm(self, names=CAPABILITIES) -> None:
        if not self.gate.wait(timeout=60):
            raise TimeoutError("the test never opened the gate")
        super().warm(names)


async def test_ready_before_indexes_and_commands_wait_for_them(tmp_path: Path,
                                                               seeds_dir: Path) -> None:
    engine = GatedEngine(load_corpus(seeds_dir))
    async with run_bot(bot_factory(tmp_path, seeds_dir, engine=engine)) as (ld, bot):
        # connected and synced while no index is built yet
        assert {"summary", "brief", "compare"} <= {c["name"] for c in ld.commands}
        assert not any(engine.ready(name) for name in CAPABILITIES)
        assert bot.warming is not None and not bot.warming.done()

        # autocomplete answers at once, without building the place index on the loop
        assert await ld.autocomplete("brief", {"place": "Mos"}, focused="place") == []
        assert not engine.ready("places")

        # a command builds the index it needs in a worker and answers
        it = await ld.invoke("summary", {"sentences": 2})
        await it.wait_done(timeout=60)
        assert it.response["embeds"][0]["title"] == "Summary of the corpus"
        assert engine.ready("summarizer") and not engine.ready("places")

        engine.gate.set()
        await asyncio.wait_for(bot.warming, 60)
        assert all(engine.ready(name) for name in CAPABILITIES)
        choices = await ld.autocomplete("brief", {"place": "Mos"}, focused="place")
        assert choices and choices[0]["value"] == "Mosul"


def test_capability_built_once_under_concurrent_use(seeds_dir: Path) -> None:
    engine = Engine(load_corpus(seeds_dir))
    seen: list[int] = []
    barrier = threading.Barrier(4)

    def use() -> None:
        barrier.wait()
        seen.append(id(engine.places))

    threads = [threading.Thread(target=use) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(seen) == 4 and len(set(seen)) == 1  # one index, shared by every caller


def test_cogs_declare_the_engines_limits_without_importing_them() -> None:
    """The cogs restate two limits so that the engines' libraries load after connecting."""
    import cogs.places
    import cogs.summary
    from bot.engine import summary
    from bot.engine.places import index

    assert cogs.summary.ALGORITHMS == summary.ALGORITHMS
    assert cogs.summary.MAX_SENTENCES == summary.MAX_SENTENCES
    assert cogs.places.MAX_SENTENCES == index.MAX_SENTENCES


class SlowSummaryEngine(Engine):
    """The real engine, whose summary index finishes loading only when the test says so
    (a stand-in for the seconds a 20,000-document corpus takes)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()

    def _capability(self, name, build):
        if name == "summarizer" and not self.ready(name):
            inner = build

            def gated():
                if not self.gate.wait(timeout=60):
                    raise TimeoutError("the test never opened the gate")
                return inner()

            return super()._capability(name, gated)
        return super()._capability(name, build)


NOTICE = re.compile(r"Still loading the summary index, ready in about (\d+) s\. "
                    r"The answer will replace this message\.")


async def test_a_command_whose_index_is_loading_says_when_then_answers(
        tmp_path: Path, seeds_dir: Path, openapi_spec) -> None:
    cache = tmp_path / "cache"
    IndexStore(cache).record_seconds("summary", "build", 30.0)  # what the last build took
    engine = SlowSummaryEngine(load_corpus(seeds_dir), store_dir=cache)
    async with run_bot(bot_factory(tmp_path, seeds_dir, engine=engine, cache_dir=cache)) \
            as (ld, _bot):
        for _ in range(100):  # the warm-up estimates every index first, off the loop
            if engine.eta("summarizer") is not None:
                break
            await asyncio.sleep(0.1)
        it = await ld.invoke("summary", {"sentences": 2})
        await it.wait_done(timeout=30)  # answered at once, the index still loading
        notice = it.response
        match = NOTICE.fullmatch(notice["content"])
        assert match and 1 <= int(match.group(1)) <= 30, notice["content"]
        assert not notice["embeds"] and not engine.ready("summarizer")

        engine.gate.set()
        await it.wait_done(timeout=60, count=2)  # then the answer replaces the notice
        assert len(it.responses) == 1 and it.responses[0]["id"] == notice["id"]
        assert it.response["embeds"][0]["title"] == "Summary of the corpus"
        assert not it.response["content"]

        again = await ld.invoke("summary", {"sentences": 2})  # ready: no notice
        await again.wait_done(timeout=30)
        assert again.answers == 1 and again.response["embeds"]
    # the build's time is recorded for the next start's estimate
    assert "build" in IndexStore(cache).recorded_seconds("summary")


def test_estimates_come_from_the_recorded_load_and_build_times(tmp_path: Path,
                                                              seeds_dir: Path) -> None:
    cache = tmp_path / "cache"
    corpus = load_corpus(seeds_dir)
    first = Engine(corpus, store_dir=cache)
    first.plan()
    kind, guess = first._expected["summarizer"]
    assert kind == "build" and 0 < guess < 1  # from the corpus's size: a few hundred sentences
    assert first.eta("summarizer") == 1.0  # never "0 s"
    first.warm(["summarizer"])
    assert first.eta("summarizer") is None  # ready
    built = IndexStore(cache).recorded_seconds("summary")
    assert set(built) == {"build"}

    second = Engine(load_corpus(seeds_dir), store_dir=cache)  # a restart: stored, so a load
    IndexStore(cache).record_seconds("summary", "load", 12.0)
    second.plan(["summarizer"])
    assert second._expected["summarizer"] == ("load", 12.0)
    assert 11.0 <= second.eta("summarizer") <= 12.0
    second.warm(["summarizer"])
    recorded = IndexStore(cache).recorded_seconds("summary")
    assert recorded["build"] == built["build"] and recorded["load"] < 12.0

    # a stored index that turns out unusable is rebuilt: recorded as the build it was
    folder = next(p for p in (cache / "indexes" / "summary").iterdir() if p.is_dir())
    (folder / "features.npy").write_bytes(b"truncated")
    IndexStore(cache).record_seconds("summary", "build", 999.0)
    third = Engine(load_corpus(seeds_dir), store_dir=cache)
    third.warm(["summarizer"])
    assert third._expected["summarizer"][0] == "load"  # what the plan expected
    after = IndexStore(cache).recorded_seconds("summary")
    assert after["build"] < 999.0 and after["load"] == recorded["load"]

    other = Engine(load_corpus(seeds_dir), store_dir=tmp_path / "elsewhere")
    other.plan(["comparer"])
    assert other._expected["comparer"][0] == "build"  # nothing stored there


def test_the_first_restart_after_a_stored_build_expects_a_load(tmp_path: Path,
                                                                seeds_dir: Path) -> None:
    """Before the plan has read the fingerprints, the estimate is the recorded load time;
    with only a build recorded and its index stored, a fraction of the build, not all of
    it (a 20,000-document restart announced 106 s for a 0.4 s load)."""
    cache = tmp_path / "cache"
    built = Engine(load_corpus(seeds_dir), store_dir=cache)
    built.warm(["summarizer"])
    IndexStore(cache).record_seconds("summary", "build", 100.0)
    restart = Engine(load_corpus(seeds_dir), store_dir=cache)
    assert restart._recorded("summarizer") == ("load", pytest.approx(100.0 * LOAD_SHARE))
    assert restart.eta("summarizer") <= 100.0 * LOAD_SHARE

    nothing_stored = tmp_path / "other"
    IndexStore(nothing_stored).record_seconds("summary", "build", 100.0)
    fresh = Engine(load_corpus(seeds_dir), store_dir=nothing_stored)
    assert fresh._recorded("summarizer") == ("build", 100.0)


async def test_connecting_does_not_wait_for_the_command_sync(tmp_path: Path, seeds_dir: Path,
                                                            openapi_spec) -> None:
    """Discord keeps the commands of the last sync: a restart answers them from READY on,
    and the sync (one HTTP round trip, seconds when Discord is slow) runs meanwhile."""
    ld = LocalDiscord()
    ld.faults.delay(3.0, "PUT /applications/{application_id}/commands")
    async with run_bot(bot_factory(tmp_path, seeds_dir, extensions=("cogs.sources",)),
                       local=ld, wait_for_commands=False) as (ld, bot):
        assert bot.syncing is not None and not bot.syncing.done()
        assert not ld.commands
        await asyncio.wait_for(bot.syncing, 30)
        assert {c["name"] for c in ld.commands} == {"sources"}
        assert [c.name for c in bot.synced_commands] == ["sources"]


def test_the_cogs_load_without_the_engines_libraries() -> None:
    """Loading the cogs (before connecting) imports none of the engines' heavy libraries:
    they load after connecting, in the warm-up worker."""
    code = ("import sys, cogs.summary, cogs.sources, cogs.places, cogs.compare, cogs.admin;"
            "print(sorted(m for m in ('sklearn', 'nltk', 'sumy', 'scipy', 'requests',"
            " 'bot.engine.compare.comparer', 'bot.engine.summary') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip() == "[]"


def test_a_loaded_summary_index_makes_no_sentence_until_one_is_read(tmp_path: Path,
                                                                   monkeypatch) -> None:
    """Loading the stored summary index makes no ``Sentence`` object (a 20,000-document
    corpus has 430,000 of them); answers read the few rows they quote, identically."""
    root = tmp_path / "corpus"
    for k in range(12):
        (root / f"doc{k:02d}.txt").parent.mkdir(parents=True, exist_ok=True)
        (root / f"doc{k:02d}.txt").write_text(
            f"Story {k} about the harbour\n\n" + " ".join(
                f"The harbour board {k} met on day {d} and agreed plan {k * d}." for d in
                range(1, 9)), encoding="utf-8")
    cache = tmp_path / "cache"
    eager = Engine(load_corpus(root, cache_dir=cache), store_dir=cache)  # builds and stores
    expected = eager.summarizer.summarize(sentences=3).to_dict()

    made: list[int] = []  # every Sentence the mapped snapshot makes
    real = _Table.sentence
    monkeypatch.setattr(_Table, "sentence",
                        lambda self, i, *a: made.append(i) or real(self, i, *a))
    corpus = load_corpus(root, cache_dir=cache)  # from the snapshot: sentences not made yet
    lazy = [d for d in corpus.documents.values() if isinstance(d, LazyDocument)]
    assert len(lazy) == 12 and all(isinstance(d.sentences, MappedSentences) for d in lazy)
    engine = Engine(corpus, store_dir=cache)
    summarizer = engine.summarizer
    assert len(summarizer.index.sentences) == 12 * 8
    assert made == []  # loaded: still none made
    assert summarizer.summarize(sentences=3).to_dict() == expected
    first = summarizer.index.sentences[0]
    assert (first.doc_id, first.position) == ("doc00", 0)
    assert summarizer.index.sentences[-1].doc_id == "doc11"
    assert [s.position for s in summarizer.index.sentences[8:10]] == [0, 1]


def test_before_the_plan_the_estimate_is_the_last_recorded_load(tmp_path: Path,
                                                               seeds_dir: Path) -> None:
    """Right after connecting the warm-up may still be reading the fingerprints: a command
    then gets the last recorded time (a restart's load) rather than no estimate."""
    cache = tmp_path / "cache"
    store = IndexStore(cache)
    engine = Engine(load_corpus(seeds_dir), store_dir=cache)
    assert engine.eta("places") is None  # nothing recorded, nothing planned
    store.record_seconds("places", "build", 40.0)
    assert engine.eta("places") == 40.0
    store.record_seconds("places", "load", 6.0)
    assert engine.eta("places") == 6.0
