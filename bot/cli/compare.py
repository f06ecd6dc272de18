"""`briefbot compare`: what each source says, where they agree and where facts conflict."""

from __future__ import annotations

import argparse

from bot.cli.common import add_corpus_argument, add_json_argument, run_engine_command
from bot.engine import Engine


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--topic", help="free-text topic, e.g. 'Mosul offensive'")
    what.add_argument("--place", help="a place the corpus mentions (uses the place index)")
    what.add_argument("--documents", nargs="+", metavar="DOC",
                      help="two or more document ids or exact titles")
    add_corpus_argument(parser)
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from bot.engine.compare import compare_request
    from bot.render.compare import compare_text

    def body(engine: Engine) -> tuple[dict[str, object], str]:
        # the same rules as /compare: exactly one of topic, place or documents
        docs = list(args.documents or [])
        request = compare_request(topic=args.topic, place=args.place,
                                  document_a=docs[0] if docs else None,
                                  document_b=docs[1] if len(docs) > 1 else None)
        if "documents" in request:
            request["documents"] = docs  # the CLI may name more than two
        result = engine.comparer.compare(**request)
        return result.to_dict(), compare_text(result)

    return run_engine_command(args, body)
