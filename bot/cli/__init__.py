"""`briefbot` command line: one module per subcommand under bot/cli/.

Only the chosen subcommand's module is imported: ``briefbot --version`` and ``--help``
never load discord.py, scikit-learn or the engine, so they answer at once.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

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


def _chosen(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is one), if any."""
    return next((word for word in argv if word in SUBCOMMANDS), None)


def _load(name: str) -> Any | None:
    try:
        return importlib.import_module(f"bot.cli.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"bot.cli.{name}":
            raise
        return None


def build_parser(argv: Sequence[str] | None = None) -> tuple[argparse.ArgumentParser,
                                                              dict[str, Any]]:
    """The parser; only the subcommand named in ``argv`` gets its options (and its module
    imported). With ``argv=None`` every subcommand is loaded (for tests and docs)."""
    parser = argparse.ArgumentParser(prog="briefbot", description="News briefings for Discord.")
    parser.add_argument("--version", action="version", version=f"briefbot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = set(SUBCOMMANDS) if argv is None else {_chosen(argv)}
    modules: dict[str, Any] = {}
    for name, help_text in SUBCOMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if name in wanted:
            module = _load(name)
            if module is not None:
                module.add_arguments(sp)
                modules[name] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    collecting = gc.isenabled()
    # Start-up imports allocate hundreds of thousands of long-lived objects and hardly any
    # garbage cycles, yet set off a cyclic collection every 700 allocations: without them
    # the imports of a one-shot `offline --command` take 12-20 % less CPU (measured). Every
    # other command, and the prompt, collects as usual once parsed; a caller in this
    # process gets the collector back as it was.
    gc.disable()
    try:
        return _main(argv, collecting)
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str], collecting: bool) -> int:
    parser, modules = build_parser(argv)
    args = parser.parse_args(argv)
    if collecting and not (args.command == "offline" and args.slash_command):
        gc.enable()
    if not args.command:
        parser.print_help()
        return 2
    if args.command not in modules:
        parser.error(f"the {args.command} command is not installed")
    if args.command not in ("run", "offline"):
        import logging

        from bot.logs import setup_logging

        setup_logging("WARNING")
        logging.getLogger("bot.corpus.loader").setLevel(logging.WARNING)
    try:
        return int(modules[args.command].run(args))
    except BrokenPipeError:  # `briefbot sources | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
