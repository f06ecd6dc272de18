"""The digest survives SIGKILL anywhere on its path (a bounded run; the full one with
at least 50 kills is ``python benchmarks/bench_chaos.py``)."""

from __future__ import annotations

from pathlib import Path

from tests.chaos import chaos_run


async def test_killed_bots_post_each_digest_once_or_record_why_not(tmp_path: Path,
                                                                   openapi_spec) -> None:
    report = await chaos_run(tmp_path, kills=2, servers=2, seed=13, max_kills_per_round=2)
    assert report.kills >= 2
    assert report.problems() == [], report
    assert report.posted + report.failed_recorded == report.servers
    assert report.refused_requests == 0
