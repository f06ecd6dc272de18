"""Start-up on a large corpus: the bot connects once the corpus is loaded and builds its
indexes in a worker meanwhile; commands asked before an index is ready wait for it off the
event loop, and autocomplete offers nothing rather than build an index on the loop."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from bot.corpus import load_corpus
from bot.engine import CAPABILITIES, Engine
from bot.localdiscord import run_bot
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
