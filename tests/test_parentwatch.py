"""Pool workers end with the process that started them (bot/engine/parentwatch.py).

A real parent process (python -c) starts a spawn-context ProcessPoolExecutor, prints its
worker's pid and is then killed with SIGKILL, as the chaos test and the OOM killer do.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PARENT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from bot.engine.parentwatch import watch_parent
watched = sys.argv[1] == "watched"
pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                           initializer=watch_parent if watched else None,
                           initargs=(os.getpid(), 0.2) if watched else ())
print(pool.submit(os.getpid).result(), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    """Running: a zombie (exited, not yet reaped by its new parent) counts as gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def _worker_of_killed_parent(mode: str) -> int:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, mode], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    assert _alive(worker)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    return worker


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_watched_worker_exits_when_its_parent_is_killed() -> None:
    worker = _worker_of_killed_parent("watched")
    assert _gone_within(worker, 15), f"worker {worker} outlived its killed parent"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_an_unwatched_worker_outlives_its_killed_parent() -> None:
    """The control: without the watch a pool worker stays (what the watch is for)."""
    worker = _worker_of_killed_parent("plain")
    try:
        assert not _gone_within(worker, 2.0)
    finally:
        os.kill(worker, signal.SIGKILL)
