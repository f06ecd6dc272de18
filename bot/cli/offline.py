"""`briefbot offline`: the real bot against the local Discord, driven from the terminal.

Type slash commands as in Discord (``/summary sentences:3``); ``?`` lists commands and
``/summary ?`` a command's options. With ``--command`` one command runs and the process
exits; ``--json`` then prints only the REST requests the bot made for it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import re
import shlex
import sys
from typing import Any

from bot.cli.common import EXIT_CONFIG, EXIT_INPUT, add_corpus_argument
from bot.config import ConfigError, Settings, load_settings

log = logging.getLogger(__name__)

OFFLINE_TOKEN = "offline-token"
PROMPT = "briefbot> "
_PAIR = re.compile(r"^([\w-]+):(.*)$", re.DOTALL)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--command", dest="slash_command", default=None,
                        help='run one slash command and exit, e.g. "/summary sentences:3"')
    parser.add_argument("--json", action="store_true",
                        help="with --command: print the REST requests the bot made, as JSON")
    parser.add_argument("--user", choices=("admin", "member"), default="admin",
                        help="who types the commands (member lacks Manage Server)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait for the bot's answer (default 60)")
    parser.add_argument("--no-validate", action="store_true",
                        help="skip checking requests against Discord's OpenAPI spec")
    parser.add_argument("--log-level", default="WARNING", help="stderr log level")


def parse_command_line(line: str) -> tuple[str, dict[str, str]]:
    """``/digest set channel:news hour:"8"`` -> ("digest set", {"channel": "news", ...})."""
    text = line.strip().lstrip("/")
    try:
        tokens = shlex.split(text)
    except ValueError:  # an apostrophe in free text: fall back to plain words
        tokens = text.split()
    words: list[str] = []
    values: dict[str, str] = {}
    last: str | None = None
    for token in tokens:
        match = _PAIR.match(token)
        if match:
            last = match.group(1)
            values[last] = match.group(2)
        elif last is None:
            words.append(token)
        else:  # unquoted value with spaces: document:Mission Accomplished
            values[last] += " " + token
    if not words:
        raise ValueError("type a command, e.g. /summary sentences:3 (or ? for the list)")
    return " ".join(words), values


async def _settle(ld: Any, it: Any, finished: asyncio.Future[Any], timeout: float,
                  quiet: float = 0.4) -> None:
    """Wait for the answer and for the command to finish (a /brief adds its map by a later
    edit), then until the bot has made no request for ``quiet`` seconds."""
    await it.wait_done(timeout=timeout)
    with contextlib.suppress(TimeoutError):  # what was answered so far is shown
        await asyncio.wait_for(finished, timeout)
    seen = -1
    while seen != len(ld.requests):
        seen = len(ld.requests)
        await asyncio.sleep(quiet)


def _finished(bot: Any, timeout: float) -> asyncio.Future[Any]:
    """Resolves when the next slash command completes or fails (created before invoking)."""
    events = [asyncio.ensure_future(bot.wait_for(name, timeout=timeout))
              for name in ("app_command_completion", "app_command_failed")]

    async def first() -> None:
        _, pending = await asyncio.wait(events, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in events:
            if task.done() and not task.cancelled():
                task.exception()  # a timeout is not an error here: mark it retrieved

    return asyncio.ensure_future(first())


def _print_answer(it: Any) -> None:
    from bot.localdiscord.display import format_message

    for index, message in enumerate(it.responses):
        if index:
            print("---")
        print(format_message(message))


def _help(ld: Any, words: list[str]) -> str:
    from bot.localdiscord.display import format_command_help, format_command_list

    if not words:
        return format_command_list(ld.commands)
    for command in ld.commands:
        if command["name"] == words[0]:
            return format_command_help(command)
    return f"unknown command /{words[0]}; type ? for the list"


async def _run_one(ld: Any, bot: Any, line: str, user_id: int, timeout: float,
                   as_json: bool) -> int:
    from bot.localdiscord import LocalDiscordError

    stripped = line.strip()
    if stripped == "?" or stripped.endswith(" ?"):
        words = stripped.rstrip("?").strip().lstrip("/").split()
        print(_help(ld, words))
        return 0
    try:
        name, values = parse_command_line(line)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    mark = len(ld.requests)
    finished = _finished(bot, timeout)
    try:
        it = await ld.invoke(name, values, user_id=user_id)
        await _settle(ld, it, finished, timeout)
    except LocalDiscordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except TimeoutError as exc:
        print(f"error: the bot did not answer: {exc}", file=sys.stderr)
        return EXIT_INPUT
    finally:
        finished.cancel()
    if as_json:
        json.dump([r.summary() for r in ld.requests_since(mark)], sys.stdout, indent=2,
                  ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_answer(it)
    return 0


async def _repl(ld: Any, bot: Any, user_id: int, timeout: float) -> int:
    print("Connected to the local Discord. Type a slash command, ? for the list, quit to exit.")
    while True:
        try:
            line = await asyncio.to_thread(input, PROMPT)
        except EOFError:
            print()
            return 0
        if line.strip() in ("quit", "exit", "q"):
            return 0
        if line.strip():
            await _run_one(ld, bot, line, user_id, timeout, as_json=False)


async def offline_main(settings: Settings, args: argparse.Namespace) -> int:
    from bot.client import BriefBot, stop_on_signals
    from bot.localdiscord import (
        DEFAULT_ADMIN_ID,
        DEFAULT_MEMBER_ID,
        GuildSpec,
        LocalDiscord,
        run_bot,
    )
    from bot.localdiscord.state import default_guild

    guild = default_guild()
    if settings.dev_guild_id:
        guild = GuildSpec(id=settings.dev_guild_id, name=guild.name, channels=guild.channels,
                          roles=guild.roles)
    ld = LocalDiscord(guilds=[guild], validate=not args.no_validate)
    stop_on_signals()
    user_id = DEFAULT_MEMBER_ID if args.user == "member" else DEFAULT_ADMIN_ID

    def make_bot() -> BriefBot:
        return BriefBot(settings, guild_ready_timeout=0.1)

    async with run_bot(make_bot, local=ld, token=OFFLINE_TOKEN, ready_timeout=args.timeout,
                       check_violations=False) as (ld, bot):
        if args.slash_command:
            code = await _run_one(ld, bot, args.slash_command, user_id, args.timeout, args.json)
        else:
            code = await _repl(ld, bot, user_id, args.timeout)
    for violation in ld.violations:
        print(f"spec violation: {violation}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging

    if args.json and not args.slash_command:
        print("error: --json needs --command", file=sys.stderr)
        return EXIT_CONFIG
    try:
        settings = load_settings(corpus_dir=args.corpus)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(args.log_level, secrets=[settings.discord_token])
    try:
        return asyncio.run(offline_main(settings, args))
    except (KeyboardInterrupt, asyncio.CancelledError):  # Ctrl-C, SIGTERM: closed in order
        return 0
    except Exception as exc:
        from bot.corpus.loader import CorpusError
        from bot.store import StoreError

        if isinstance(exc, CorpusError | StoreError):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        raise
