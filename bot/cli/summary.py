"""``briefbot summary``: the /summary command in the terminal (same options, same JSON)."""

from __future__ import annotations

import argparse
import logging

from bot.cli.common import add_corpus_argument, add_json_argument, run_engine_command
from bot.engine import Engine
from bot.engine.summary import ALGORITHMS, MAX_SENTENCES, SummaryResult
from bot.render.common import count, quote

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--document", default=None, help="document id or exact title")
    parser.add_argument("--topic", default=None,
                        help="a topic or question: a focused summary of the whole corpus")
    parser.add_argument("--sentences", type=int, default=5,
                        help=f"number of sentences, 1-{MAX_SENTENCES} (default 5)")
    parser.add_argument("--words", type=int, default=None,
                        help="a word budget instead of a sentence count")
    parser.add_argument("--algorithm", default="default", choices=ALGORITHMS,
                        help="the project's ranker (default) or one of sumy's")
    add_json_argument(parser)


def format_text(result: SummaryResult) -> str:
    """One sentence per line, each followed by its attribution."""
    head = {"corpus": "Summary of the whole corpus",
            "document": f"Summary of {result.document}",
            "topic": f"Summary about {result.topic!r}"}[result.scope]
    lines = [f"{head} ({result.algorithm}, {count(len(result.sentences), 'sentence')}, "
             f"{count(result.words, 'word')})"]
    for item in result.sentences:
        where = item.source if item.source and item.source != "unknown" else "unknown source"
        title = f" — {item.title}" if item.title else ""
        url = f" <{item.url}>" if item.url else ""
        # the sentence with its notes: "(undated article)", "[Mr Wood: Ben Wood, ...]"
        lines.append(f"\n• {quote(item)}\n    [{where}{title}, {item.doc_id} #{item.position}]"
                     f"{url}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    def body(engine: Engine) -> tuple[dict[str, object], str]:
        result = engine.summarizer.summarize(
            document=args.document, topic=args.topic, sentences=args.sentences,
            words=args.words, algorithm=args.algorithm)
        return result.to_dict(), format_text(result)

    return run_engine_command(args, body)
