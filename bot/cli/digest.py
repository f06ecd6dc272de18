"""`briefbot digest`: build the daily digest (no Discord, no database).

"New" means first seen after ``--since``; without the bot's database the CLI reads
first-seen times from file modification times.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.cli.common import add_corpus_argument, add_json_argument, run_engine_command
from bot.engine import Engine
from bot.engine.digest import build_digest
from bot.engine.errors import EngineInputError


def parse_since(raw: str) -> datetime:
    """ISO-8601 date or date-time; without a zone it is UTC."""
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise EngineInputError(
            f"--since must be an ISO-8601 date or time such as 2026-03-08 or "
            f"2026-03-08T09:00+01:00, got {raw!r}") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    add_json_argument(parser)
    parser.add_argument("--since", default=None,
                        help="what counts as new: documents first seen after this ISO-8601 "
                             "time (default: the last 24 hours)")
    parser.add_argument("--timezone", default="UTC",
                        help="IANA time zone for the date in the title (default UTC)")


def run(args: argparse.Namespace) -> int:
    from bot.render.digest import digest_text

    def body(engine: Engine) -> tuple[dict[str, object], str]:
        since = parse_since(args.since) if getattr(args, "since", None) else None
        tz = getattr(args, "timezone", None) or "UTC"
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise EngineInputError(f"--timezone must be an IANA zone such as Europe/London, "
                                   f"got {tz!r}") from None
        digest = build_digest(engine, since=since, timezone=tz)
        return digest.to_dict(), digest_text(digest)

    return run_engine_command(args, body)
