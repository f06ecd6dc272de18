"""`briefbot` command line: one module per subcommand under bot/cli/."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from bot import __version__

SUBCOMMANDS: dict[str, str] = {
    "run": "connect to Discord with DISCORD_TOKEN",
    "offline": "run the real bot against a local Discord and type slash commands",
    "summary": "extractive summary of the corpus, a document or a topic",
    "sources": "list the corpus's documents",
    "brief": "briefing on one place",
    "places": "every place the corpus mentions",
    "compare": "compare what the sources say",
    "digest": "build the daily digest",
    "evaluate": "ROUGE evaluation on a summarisation dataset",
    "ingest": "fetch feeds or article links once into the corpus directory",
}


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(prog="briefbot", description="News briefings for Discord.")
    parser.add_argument("--version", action="version", version=f"briefbot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    for name, help_text in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(f"bot.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bot.cli.{name}":
                raise
            continue
        sp = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sp)
        modules[name] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    if args.command not in ("run", "offline"):
        import logging

        from bot.logs import setup_logging

        setup_logging("WARNING")
        logging.getLogger("bot.corpus.loader").setLevel(logging.WARNING)
    try:
        return int(modules[args.command].run(args))  # type: ignore[attr-defined]
    except BrokenPipeError:  # `briefbot sources | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
