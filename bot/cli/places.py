"""`briefbot places [--json] [--mentions]`: every place the corpus mentions, with counts, or
every mention with its offsets into the document's file (no Discord)."""

from __future__ import annotations

import argparse

from bot.cli.common import add_corpus_argument, add_json_argument, run_engine_command
from bot.engine import Engine
from bot.render.places import mentions_text, places_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_json_argument(parser)
    parser.add_argument("--mentions", action="store_true",
                        help="list every mention with its character offsets in its file")


def run(args: argparse.Namespace) -> int:
    def body(engine: Engine) -> tuple[dict[str, object], str]:
        if getattr(args, "mentions", False):
            listing = engine.places.mention_listing()
            return listing.to_dict(), mentions_text(listing)
        listing = engine.places.places()
        return listing.to_dict(), places_text(listing)

    return run_engine_command(args, body)
