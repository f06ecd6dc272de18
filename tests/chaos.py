"""Chaos run of the daily digest: the real bot in a child process, SIGKILLed at random
points of the digest path, restarted, until every server's digest is settled.

The local Discord runs in this (parent) process and outlives every child; each round
gives a fresh database and a few servers whose digest is due now. A kill is chosen at
random for each child start:

- ``post``: when Discord receives a digest post (the message is stored, the reply is lost);
- ``after-post``: 0-80 ms after Discord answered a post (before or after it is recorded);
- ``retry``: Discord answers a post with 503, the bot is killed in its retry wait;
- ``lookup``: when a restarted bot looks for an unfinished post in the channel;
- ``timer``: at a random moment of start-up, building or posting.

A round ends with SIGTERM (the bot must exit 0 promptly), then each server's channel
is compared with its digest log: exactly one digest and "posted", or none and "failed"
with a reason (shown by /digest show). Anything else is a duplicate or a silent loss.

    python -m tests.chaos --kills 50        # the full run (benchmarks/bench_chaos.py)
    python -m tests.chaos child ...         # one bot process (started by the parent)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = {
    "harbour.txt": "---\ntitle: Harbour strike ends\nsource: Port News\n---\n"
                   "Dock workers ended their strike on Friday. Ships waited outside the harbour "
                   "for three days. The union said 400 workers took part.",
    "bridge.txt": "---\ntitle: Council approves bridge\nsource: City Herald\n---\n"
                  "The council approved a new bridge on Monday. Work starts in May. "
                  "The bridge will cost 12 million pounds.",
}
POST = "POST /channels/{channel_id}/messages"
LOOKUP = "GET /channels/{channel_id}/messages"
PLANS = ("post", "after-post", "retry", "lookup", "timer")


@dataclass
class ChaosReport:
    kills: int = 0
    kills_by_plan: dict[str, int] = field(default_factory=dict)
    rounds: int = 0
    servers: int = 0
    posted: int = 0
    failed_recorded: int = 0
    duplicates: int = 0
    silent_losses: int = 0
    misrecorded: int = 0
    bad_exits: list[str] = field(default_factory=list)
    refused_requests: int = 0
    seconds: float = 0.0

    def problems(self) -> list[str]:
        found = []
        if self.duplicates:
            found.append(f"{self.duplicates} duplicate digest(s)")
        if self.silent_losses:
            found.append(f"{self.silent_losses} silent loss(es)")
        if self.misrecorded:
            found.append(f"{self.misrecorded} misrecorded digest(s)")
        found += self.bad_exits
        return found


# the child: one bot process -------------------------------------------------------------
def child_main(args: argparse.Namespace) -> int:
    from bot.client import BriefBot, exit_promptly, stop_on_signals
    from bot.config import Settings
    from bot.digest_service import DigestService
    from bot.localdiscord import redirect_discord
    from bot.logs import setup_logging

    setup_logging("INFO", secrets=[])
    # short retry waits: a kill in the wait is one of the chaos points
    DigestService.__init__.__kwdefaults__["retry_delays"] = (0.3, 0.6, 1.0)
    settings = Settings(corpus_dir=Path(args.corpus), database_url=args.db,
                        corpus_rescan_seconds=0)

    async def main() -> None:
        stop_on_signals()
        with redirect_discord(args.base, args.gateway):
            try:
                async with BriefBot(settings, extensions=("cogs.digest",),
                                    guild_ready_timeout=0.1) as bot:
                    await bot.start("chaos-token")
            except asyncio.CancelledError:
                pass

    asyncio.run(main())
    exit_promptly(0)  # as `briefbot run` does after SIGTERM


# the parent --------------------------------------------------------------------------------
class Round:
    def __init__(self, workdir: Path, servers: int, rng: random.Random,
                 report: ChaosReport, max_kills: int) -> None:
        self.workdir, self.rng, self.report = workdir, rng, report
        self.servers, self.max_kills = servers, max_kills
        self.db = f"sqlite:///{workdir / 'chaos.sqlite3'}"
        self.proc: asyncio.subprocess.Process | None = None
        self.plan = ""
        self.posts_seen = 0
        self.kill_at_post = 1
        self.killed_this_start = False
        self.stopping = False
        self._tasks: set[asyncio.Task[None]] = set()

    def guilds(self) -> list[Any]:
        from bot.localdiscord import ChannelSpec, GuildSpec, RoleSpec
        from bot.localdiscord.state import ADMINISTRATOR

        return [GuildSpec(id=900000000000000000 + g, name=f"chaos {g}",
                          channels=[ChannelSpec(910000000000000000 + g, "news")],
                          roles=[RoleSpec(920000000000000000 + g, "Admin", ADMINISTRATOR)])
                for g in range(self.servers)]

    def configure(self, guilds: list[Any]) -> None:
        from bot.store import Store

        now = datetime.now(UTC)
        due = (now - timedelta(minutes=1)).strftime("%H:%M")
        store = Store(self.db)
        for guild in guilds:
            store.set_settings(guild.id, guild.channels[0].id, due, "UTC",
                               now - timedelta(days=1))
        store.close()

    def settled(self, guilds: list[Any]) -> bool:
        from bot.store import Store

        store = Store(self.db)
        try:
            for guild in guilds:
                history = store.history(guild.id, 5)
                if not history or any(h.status == "sending" for h in history):
                    return False
            return True
        finally:
            store.close()

    def kill(self, label: str) -> None:
        proc = self.proc
        if (proc is None or proc.returncode is not None or self.killed_this_start
                or self.stopping):
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
            self.killed_this_start = True
            self.report.kills += 1
            self.report.kills_by_plan[label] = self.report.kills_by_plan.get(label, 0) + 1

    async def hook(self, stage: str, method: str, template: str, path: str) -> None:
        route = f"{method} {template}"
        if self.killed_this_start or not self.plan:
            return
        if route == POST and stage == "before":
            self.posts_seen += 1
            if self.plan == "post" and self.posts_seen >= self.kill_at_post:
                self.kill("post")  # Discord goes on to store the message: the reply is lost
        elif route == POST and stage == "after" and self.plan == "after-post" and (
                self.posts_seen >= self.kill_at_post):
            delay = self.rng.uniform(0, 0.08)
            asyncio.get_running_loop().call_later(delay, self.kill, "after-post")
        elif route == LOOKUP and stage == "before" and self.plan == "lookup":
            self.kill("lookup")

    async def start_child(self, ld: Any, log_file: Any) -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.chaos", "child", "--base", ld.base_url,
            "--gateway", ld.gateway_url, "--db", self.db, "--corpus",
            str(self.workdir / "corpus"), cwd=str(ROOT), stdout=log_file,
            stderr=asyncio.subprocess.STDOUT)

    async def run(self) -> None:
        from bot.localdiscord import LocalDiscord

        (self.workdir / "corpus").mkdir(parents=True, exist_ok=True)
        for name, text in DOCS.items():
            (self.workdir / "corpus" / name).write_text(text, encoding="utf-8")
        guilds = self.guilds()
        self.configure(guilds)
        ld = LocalDiscord(guilds=guilds)
        ld.faults.hooks.append(self.hook)
        await ld.start()
        kills_here = 0
        try:
            with open(self.workdir / "children.log", "ab") as log_file:
                while True:
                    self.killed_this_start = False
                    self.posts_seen = 0
                    chaos = kills_here < self.max_kills
                    self.plan = self.rng.choice(PLANS) if chaos else ""
                    self.kill_at_post = self.rng.randint(1, self.servers)
                    ld.faults.clear()
                    if self.plan == "retry":
                        ld.faults.server_error(POST, count=self.rng.randint(1, 2), status=503)
                    mark = len(ld.requests)
                    self.proc = await self.start_child(ld, log_file)
                    if self.plan in ("timer", "retry"):
                        self._tasks.add(asyncio.get_running_loop().create_task(
                            self._timer(ld, len(ld.requests))))
                    outcome = await self._wait(guilds)
                    if outcome == "killed":
                        kills_here += 1
                        continue
                    if outcome == "settled":
                        await self._stop_gracefully(ld, mark)
                        break
        finally:
            if self.proc is not None and self.proc.returncode is None:
                self.proc.kill()
                await self.proc.wait()
            await ld.stop()
        self.check(ld, guilds)

    async def _timer(self, ld: Any, mark: int) -> None:
        """``timer``: 0-1.5 s after the bot's first request (login; the digest service
        starts right after); ``retry``: 0.05-0.6 s after Discord refused a post with 503."""
        proc = self.proc

        def started() -> bool:
            new = ld.requests[mark:]
            if self.plan == "retry":
                return any(r.status == 503 for r in new)
            return bool(new)

        for _ in range(2400):
            if started() or self.proc is not proc or proc is None or proc.returncode is not None:
                break
            await asyncio.sleep(0.025)
        low, high = (0.05, 0.6) if self.plan == "retry" else (0.0, 1.5)
        await asyncio.sleep(self.rng.uniform(low, high))
        if self.proc is proc:
            self.kill(self.plan)

    async def _wait(self, guilds: list[Any]) -> str:
        proc = self.proc
        assert proc is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.returncode is not None:
                if self.killed_this_start:
                    return "killed"
                self.report.bad_exits.append(f"bot exited by itself with {proc.returncode}")
                return "exited"
            if await asyncio.to_thread(self.settled, guilds):
                self.stopping = True  # whatever kill was planned, this start is done
                if self.killed_this_start:  # the kill landed after the last record
                    await proc.wait()
                    return "killed"
                return "settled"
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(proc.wait(), 0.2)
        self.report.bad_exits.append("a round did not settle within 120 s")
        return "exited"

    async def _stop_gracefully(self, ld: Any, mark: int) -> None:
        proc = self.proc
        assert proc is not None
        # a SIGTERM while Python is still importing ends the process the default way;
        # the bot's handler is installed before its first request (login)
        for _ in range(2400):
            if len(ld.requests) > mark or proc.returncode is not None:
                break
            await asyncio.sleep(0.025)
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        try:
            code = await asyncio.wait_for(proc.wait(), 15)
        except TimeoutError:
            self.report.bad_exits.append("SIGTERM: the bot did not exit within 15 s")
            return
        if code != 0:
            self.report.bad_exits.append(f"SIGTERM: exit code {code} after "
                                         f"{time.monotonic() - started:.1f} s")

    def check(self, ld: Any, guilds: list[Any]) -> None:
        from bot.store import Store

        store = Store(self.db)
        self.report.refused_requests += len(ld.refused)
        for guild in guilds:
            self.report.servers += 1
            posts = [m for m in ld.channel_messages(guild.channels[0].id) if m["embeds"]]
            history = store.history(guild.id, 5)
            status = history[0].status if history else "none"
            if len(posts) > 1:
                self.report.duplicates += len(posts) - 1
            if status == "posted" and len(posts) == 1:
                self.report.posted += 1
                if str(history[0].message_id) != posts[0]["id"]:
                    self.report.misrecorded += 1
            elif status == "failed" and history[0].error and not posts:
                self.report.failed_recorded += 1
                settings = store.get_settings(guild.id)
                if not (settings and settings.last_error):  # /digest show must say it
                    self.report.silent_losses += 1
            elif status == "failed" and posts:
                self.report.misrecorded += 1
            elif not posts:
                self.report.silent_losses += 1
        store.close()


async def chaos_run(workdir: Path, *, kills: int, servers: int = 3, seed: int = 0,
                    max_kills_per_round: int = 4) -> ChaosReport:
    """Rounds until at least ``kills`` SIGKILLs landed on the digest path."""
    from bot.localdiscord.spec import load_spec

    await asyncio.to_thread(load_spec)
    rng = random.Random(seed)
    report = ChaosReport()
    started = time.monotonic()
    while report.kills < kills:
        workdir_round = workdir / f"round{report.rounds}"
        workdir_round.mkdir(parents=True)
        await Round(workdir_round, servers, rng, report,
                    rng.randint(1, max_kills_per_round)).run()
        report.rounds += 1
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.chaos")
    sub = parser.add_subparsers(dest="mode")
    child = sub.add_parser("child")
    for name in ("--base", "--gateway", "--db", "--corpus"):
        child.add_argument(name, required=True)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--servers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.mode == "child":
        return child_main(args)
    import tempfile

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefbot-chaos-"))
    report = asyncio.run(chaos_run(workdir, kills=args.kills, servers=args.servers,
                                   seed=args.seed))
    print(json.dumps(report.__dict__, indent=2))
    return 1 if report.problems() else 0


if __name__ == "__main__":
    sys.exit(main())
