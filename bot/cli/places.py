"""`briefbot places [--json]`: every place the corpus mentions, with counts (no Discord)."""

from __future__ import annotations

import argparse

from bot.cli.common import add_corpus_argument, add_json_argument, run_engine_command
from bot.engine import Engine
from bot.render.places import places_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    def body(engine: Engine) -> tuple[dict[str, object], str]:
        listing = engine.places.places()
        return listing.to_dict(), places_text(listing)

    return run_engine_command(args, body)
