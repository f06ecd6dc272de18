"""The digest survives SIGKILL anywhere on its path (a bounded run; the full one with
at least 50 kills is ``python benchmarks/bench_chaos.py``)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from tests.chaos import chaos_run


async def test_killed_bots_post_each_digest_once_or_record_why_not(tmp_path: Path,
                                                                   openapi_spec) -> None:
    report = await chaos_run(tmp_path, kills=2, servers=2, seed=13, max_kills_per_round=2)
    assert report.kills >= 2
    assert report.problems() == [], report
    assert report.posted + report.failed_recorded == report.servers
    assert report.refused_requests == 0


async def test_a_shutdown_request_lost_in_a_gateway_connect_is_repeated(monkeypatch) -> None:
    """Python 3.11's asyncio.wait_for swallows a cancellation that lands as its call ends
    (discord.py's gateway connect): the signal handler asks again until the bot closes."""
    from bot import client

    monkeypatch.setattr(client, "_INSIST_SECONDS", 0.05)
    swallowed = []

    async def main() -> None:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:  # dropped, as wait_for does
            swallowed.append(True)
        await asyncio.sleep(30)

    task = asyncio.create_task(main())
    await asyncio.sleep(0)
    client._stop(task, signal.SIGTERM)
    done, _ = await asyncio.wait([task], timeout=5)
    assert swallowed == [True]
    assert task in done and task.cancelled()
