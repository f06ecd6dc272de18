"""Worker processes that end with the process that started them.

A ``ProcessPoolExecutor`` worker waits for its next task on a pipe whose both ends it holds,
so when its parent is killed (SIGKILL, the OOM killer, a crash) it is never told: it sleeps
on, holding its memory (a gazetteer build's or a tagger's, hundreds of MiB), until the machine
restarts. Each of the engine's and the bot's pools starts its workers with
:func:`watch_parent`, a daemon thread that ends the worker once it has been handed to
another parent. Written here because the standard library has no portable "die with the
parent" (Linux's ``PR_SET_PDEATHSIG`` fires when the *thread* that spawned the worker ends,
and pools spawn from whichever thread submits first).
"""

from __future__ import annotations

import logging
import os
import threading
import time

log = logging.getLogger(__name__)

CHECK_SECONDS = 1.0


def watch_parent(parent_pid: int, interval: float = CHECK_SECONDS) -> None:
    """In a worker process: exit (status 1) within ``interval`` seconds of ``parent_pid``
    no longer being this process's parent. Starts one daemon thread; returns at once."""

    def watch() -> None:
        while True:
            if os.getppid() != parent_pid:
                log.warning("worker %d: parent %d is gone, exiting", os.getpid(), parent_pid)
                os._exit(1)
            time.sleep(interval)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
