"""Opening a store (and its migration's back-off sleep) never runs on the bot's event loop.

The real bot opens both of its stores in ``cog_load`` (``cogs/digest.py``: ``Store``;
``cogs/feeds.py``: ``FeedStore``); opening one migrates the schema, and on SQLite a process
that loses a migration race with another one sleeps (``time.sleep``) before reading the
version again. Run on the loop, that sleep would stall every shard's heartbeat and every
command. Here each store's first migration attempt loses such a race, and the test checks
that the migration and its sleep ran in a thread with no running event loop.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import OperationalError

from bot.localdiscord import run_bot
from bot.store import migrations
from tests.bot_factory import bot_factory


def _on_a_loop() -> bool:
    """Whether the calling thread is running an event loop (a blocking call here stalls it)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def test_stores_open_and_migrations_back_off_off_the_event_loop(
        tmp_path: Path, seeds_dir: Path, openapi_spec: object,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, bool, int]] = []  # (call, on a running loop, thread)
    lost: set[int] = set()  # engines whose first attempt already lost its race
    real_migrate = migrations._migrate

    def racing_migrate(engine, steps, name):  # type: ignore[no-untyped-def]
        seen.append(("migrate", _on_a_loop(), threading.get_ident()))
        if id(engine) not in lost:
            lost.add(id(engine))
            raise OperationalError("INSERT INTO schema_version", {},
                                   sqlite3.OperationalError("database is locked"))
        return real_migrate(engine, steps, name)

    def recorded_sleep(seconds: float) -> None:
        seen.append(("sleep", _on_a_loop(), threading.get_ident()))
        time.sleep(min(seconds, 0.01))

    monkeypatch.setattr(migrations, "_migrate", racing_migrate)
    monkeypatch.setattr(migrations, "time", SimpleNamespace(sleep=recorded_sleep))
    make = bot_factory(tmp_path, seeds_dir, extensions=("cogs.digest", "cogs.feeds"))
    async with run_bot(make) as (_ld, bot):
        loop_thread = threading.get_ident()
        assert bot.get_cog("DigestCog") is not None and bot.get_cog("FeedsCog") is not None
        assert bot.digest_service.store.version == migrations.latest_version()
    # two stores, each: a lost race, one back-off sleep, a second attempt that succeeds
    assert [c for c, _, _ in seen].count("sleep") == 2, seen
    assert [c for c, _, _ in seen].count("migrate") == 4, seen
    assert not any(on_loop for _, on_loop, _ in seen), seen
    assert loop_thread not in {thread for _, _, thread in seen}
