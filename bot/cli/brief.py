"""`briefbot brief PLACE [--json] [--map FILE]`: a briefing on one place (no Discord)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import add_corpus_argument, add_json_argument, run_engine_command
from bot.engine import Engine
from bot.engine.places.index import MAX_SENTENCES
from bot.render.places import briefing_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("place", help="a place name in any common spelling (Tal Afar, Raqqa)")
    parser.add_argument("--sentences", type=int, default=5,
                        help=f"summary sentences (1-{MAX_SENTENCES}, default 5)")
    parser.add_argument("--map", type=Path, default=None, metavar="FILE",
                        help="also write the briefing's map as a PNG file")
    add_corpus_argument(parser)
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    def body(engine: Engine) -> tuple[dict[str, object], str]:
        briefing = engine.places.brief(args.place, sentences=getattr(args, "sentences", 5))
        text = briefing_text(briefing)
        map_path = getattr(args, "map", None)
        if map_path is not None:
            map_path.write_bytes(engine.places.map_png(briefing))
            text += f"\n\nmap written to {map_path}"
        return briefing.to_dict(), text

    return run_engine_command(args, body)
