"""`briefbot ingest URL...`: fetch feeds or article links once into the corpus (no Discord)."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli.common import EXIT_CONFIG, EXIT_INPUT, EXIT_OK, add_json_argument, emit_json, fail
from bot.config import ConfigError, load_settings
from bot.corpus.feeds import CorpusWriter, Fetcher, Ingestor, IngestReport
from bot.corpus.loader import SkipFile

DUPLICATE_REASONS = ("already in the corpus", "same story as", "listed twice")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="+", metavar="URL", help="feed (RSS/Atom/JSON) or article")
    parser.add_argument("--corpus", default=None,
                        help="corpus directory to write to (default: CORPUS_DIR)")
    parser.add_argument("--no-pages", action="store_true",
                        help="use the feed entries' own text; do not fetch article pages")
    add_json_argument(parser)


async def ingest(args: argparse.Namespace) -> IngestReport:
    settings = load_settings(corpus_dir=args.corpus)
    writer = await asyncio.to_thread(CorpusWriter.open, settings.corpus_dir,
                                     settings.max_file_bytes)
    async with Fetcher(allow_private=settings.allow_private_urls,
                       max_bytes=settings.max_file_bytes) as fetcher:
        return await Ingestor(writer, fetcher, fetch_pages=not args.no_pages).ingest_urls(
            args.urls)


def report_text(report: IngestReport) -> str:
    lines = [f"{len(report.added)} added, {len(report.skipped)} skipped"]
    lines += [f"+ {a.doc_id}  {a.title} ({a.source}, {a.published or 'undated'})"
              for a in report.added]
    lines += [f"- {s.url}: {s.reason}" for s in report.skipped]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        report = asyncio.run(ingest(args))
    except ConfigError as exc:
        return fail(str(exc), as_json=args.json, code=EXIT_CONFIG)
    except (SkipFile, OSError) as exc:
        return fail(str(exc), as_json=args.json, code=EXIT_INPUT)
    if args.json:
        emit_json(report.to_dict())
    else:
        print(report_text(report))
    # exit 1 only when nothing came in and some link failed (not merely "already there")
    failed = [s for s in report.skipped if not s.reason.startswith(DUPLICATE_REASONS)]
    return EXIT_INPUT if failed and not report.added else EXIT_OK
