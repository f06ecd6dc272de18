"""`briefbot run`: connect to the real Discord with DISCORD_TOKEN.

``--prefork 0,1;2,3`` (POSIX, with a shard count): this process loads the corpus and
builds or maps every index once, freezes those objects out of the garbage collector's
reach (``gc.freeze``: a collection in a child would write to every object's header and
copy its page), then forks one child per shard group; each child runs the bot for its
shards on the parent's engine, sharing its memory copy-on-write. The parent waits,
passes SIGTERM/SIGINT on to the children and exits with the worst of their codes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import logging
import os
import signal
import sys
from typing import TYPE_CHECKING

import discord

from bot.cli.common import EXIT_CONFIG, add_corpus_argument
from bot.config import ConfigError, Settings, load_settings, parse_shards, prepare_database

if TYPE_CHECKING:  # pragma: no cover
    from bot.engine import Engine
from bot.corpus.loader import CorpusError
from bot.logs import setup_logging

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--shard-count", type=int, default=None, metavar="N",
                        help="shards in all (default: SHARD_COUNT, else Discord's "
                             "recommendation)")
    parser.add_argument("--shard-ids", default=None, metavar="IDS",
                        help="the shards this process runs, e.g. 0,1 (default: SHARD_IDS, "
                             "else all of them)")
    parser.add_argument("--prefork", default=None, metavar="GROUPS",
                        help="load the corpus and indexes once, then fork one process per "
                             "shard group, e.g. '0,1;2,3' (POSIX; needs --shard-count): the "
                             "processes share that memory copy-on-write")


def parse_groups(text: str, shard_count: int | None) -> list[tuple[int, ...]]:
    """``--prefork`` groups: shard ids per child, each below the shard count, no shard in
    two children."""
    if shard_count is None:
        raise ConfigError("--prefork needs --shard-count (or SHARD_COUNT): each child runs "
                          "some of a known number of shards")
    groups = [parse_shards(shard_count, part)[1] for part in text.split(";") if part.strip()]
    ids = [i for group in groups for i in group or ()]
    if not groups or len(ids) != len(set(ids)):
        raise ConfigError(f"--prefork takes shard groups separated by ';' with no shard in "
                          f"two groups, e.g. 0,1;2,3; got {text!r}")
    return [group or () for group in groups]


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(corpus_dir=args.corpus, require_token=True,
                                 shard_count=getattr(args, "shard_count", None),
                                 shard_ids=getattr(args, "shard_ids", None))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(settings.log_level, secrets=[settings.discord_token])
    try:
        prepare_database(settings.database_url)
    except OSError as exc:
        print(f"error: cannot create the database folder for DATABASE_URL: {exc}",
              file=sys.stderr)
        return EXIT_CONFIG
    log.info("settings database: %s", settings.database_url)
    if getattr(args, "prefork", None):
        try:
            groups = parse_groups(args.prefork, settings.shard_count)
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        return prefork(settings, groups)
    return serve(settings)


def prefork(settings: Settings, groups: list[tuple[int, ...]]) -> int:
    """Load once, fork one bot per shard group, wait for them (see the module's doc)."""
    from bot.client import load_engine

    try:
        engine = load_engine(settings)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    engine.warm()
    gc.collect()
    gc.freeze()
    children: dict[int, tuple[int, ...]] = {}
    for group in groups:
        pid = os.fork()
        if pid == 0:  # the child: its shards, the parent's engine; never returns
            code = 1
            try:
                code = serve(dataclasses.replace(settings, shard_ids=group), engine)
            except BaseException:
                log.exception("the process for shards %s failed", group)
            finally:
                logging.shutdown()
                for stream in (sys.stdout, sys.stderr):
                    with contextlib.suppress(Exception):
                        stream.flush()
                os._exit(code)
        children[pid] = group
        log.info("pre-forked process %d for shards %s", pid, ",".join(map(str, group)))

    def forward(sig: int, _frame: object) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, forward)
    worst = 0
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        code = os.waitstatus_to_exitcode(status)
        log.info("process %d (shards %s) exited with %d", pid,
                 ",".join(map(str, children.pop(pid, ()))), code)
        worst = max(worst, code)
    return worst


def serve(settings: Settings, engine: Engine | None = None) -> int:
    """Run the bot for ``settings``' shards until stopped (on ``engine`` if given)."""
    from bot.client import exit_promptly, startup_bot_class, stop_on_signals
    from bot.store import StoreError

    stopped = False

    async def main() -> None:
        nonlocal stopped
        stop_on_signals()
        try:
            async with (await startup_bot_class(settings))(settings, engine=engine) as bot:
                await bot.start(settings.discord_token)
        except asyncio.CancelledError:
            stopped = True
            log.info("stopped")

    try:
        asyncio.run(main())
    except (CorpusError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except discord.LoginFailure:
        print("error: Discord rejected DISCORD_TOKEN: reset the token in the developer portal "
              "and update .env", file=sys.stderr)
        return EXIT_CONFIG
    except discord.PrivilegedIntentsRequired:
        print("error: Discord refused the connection's intents", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        pass
    if stopped:  # closed in order on SIGTERM/SIGINT: do not wait for an index build
        exit_promptly(0)
    return 0
