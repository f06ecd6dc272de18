"""`briefbot run`: connect to the real Discord with DISCORD_TOKEN."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

import discord

from bot.cli.common import EXIT_CONFIG, add_corpus_argument
from bot.config import ConfigError, load_settings, prepare_database
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
    from bot.client import exit_promptly, startup_bot_class, stop_on_signals
    from bot.store import StoreError

    stopped = False

    async def main() -> None:
        nonlocal stopped
        stop_on_signals()
        try:
            async with (await startup_bot_class(settings))(settings) as bot:
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
