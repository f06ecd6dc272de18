"""`briefbot sources`: the documents of the corpus (no Discord)."""

from __future__ import annotations

import argparse

from bot.cli.common import add_corpus_argument, add_json_argument, run_engine_command
from bot.engine import Engine
from bot.render.sources import sources_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    def body(engine: Engine) -> tuple[dict[str, object], str]:
        corpus = engine.corpus
        data = {
            "documents": [d.to_dict() for d in corpus.documents.values()],
            "skipped": [{"path": s.path, "reason": s.reason} for s in corpus.skipped],
        }
        return data, sources_text(corpus)

    return run_engine_command(args, body)
