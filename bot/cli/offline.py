"""`briefbot offline`: the real bot against the local Discord, driven from the terminal.

Type slash commands as in Discord (``/summary sentences:3``); ``?`` lists commands and
``/summary ?`` a command's options; ``next``, ``prev`` or a button's label clicks that
button on the last answer that has buttons (a component interaction, as a click sends).
Answers are shown as a Discord client shows them (see ``bot.localdiscord.display``).
With ``--command`` one command runs and the process exits; ``--json`` then prints only
the REST requests the bot made for it. Settings live in a temporary database unless
``--database URL`` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import importlib.util
import json
import logging
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.cli.common import EXIT_CONFIG, EXIT_INPUT, add_corpus_argument
from bot.config import ConfigError, Settings, load_settings
from bot.render.common import count

log = logging.getLogger(__name__)

OFFLINE_TOKEN = "offline-token"
PROMPT = "briefbot> "
#: after the command has finished, how long without a request means it is done
QUIET_SECONDS = 0.15
_BUTTON = 2
_PAGE_WORDS = {"next", "prev", "previous"}
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
    parser.add_argument("--database", default=None, metavar="URL",
                        help="keep digest settings in this SQLAlchemy URL (default: a "
                             "temporary database removed at exit)")
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
                  quiet: float = QUIET_SECONDS) -> None:
    """Wait for the answer and for the command to finish (a /brief adds its map by a later
    edit), then until the bot has made no request for ``quiet`` seconds."""
    await it.wait_done(timeout=timeout)
    with contextlib.suppress(TimeoutError):  # what was answered so far is shown
        await asyncio.wait_for(finished, timeout)
    await _quiet(ld, quiet)


async def _quiet(ld: Any, quiet: float = QUIET_SECONDS) -> None:
    """Until the bot has made no request for ``quiet`` seconds."""
    seen = -1
    while seen != len(ld.requests):
        seen = len(ld.requests)
        await asyncio.sleep(quiet)


def _finished(bot: Any, timeout: float) -> asyncio.Future[Any]:
    """Resolves when the next slash command completes or fails (created before invoking)."""
    events = [asyncio.ensure_future(bot.wait_for(name, timeout=timeout))
              for name in ("app_command_completion", "app_command_failed")]

    async def first() -> None:
        try:
            await asyncio.wait(events, return_when=asyncio.FIRST_COMPLETED)
        finally:  # also when cancelled (the answer timed out): nothing left to log later
            for task in events:
                if not task.done():
                    task.cancel()
                elif not task.cancelled():
                    task.exception()  # a timeout is not an error here: mark it retrieved

    return asyncio.ensure_future(first())


def corpus_line(corpus: Any) -> str:
    """"Read 5 documents (153 sentences) from seeds/; skipped 0", then one line per
    skipped file and why, so a user sees at once what of their folder was used."""
    root = Path(corpus.root)
    with contextlib.suppress(ValueError):
        root = root.resolve().relative_to(Path.cwd().resolve())
    sentences = sum(len(d.sentences) for d in corpus.documents.values())
    lines = [f"Read {count(len(corpus.documents), 'document')} "
             f"({count(sentences, 'sentence')}) from {root.as_posix().rstrip('/')}/; "
             f"skipped {len(corpus.skipped)}"]
    lines.extend(f"  skipped {item.path}: {item.reason}" for item in corpus.skipped)
    return "\n".join(lines)


def _words(label: str) -> str:
    return " ".join(re.findall(r"\w+", label.casefold()))


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for row in message.get("components") or []:
        for item in [row, *(row.get("components") or [])]:
            if item.get("type") == _BUTTON and item.get("custom_id"):
                found.append(item)
    return found


def find_button(message: dict[str, Any], typed: str) -> dict[str, Any] | None:
    """The button a typed word presses: its label (``next``, ``Next ▶``), or a prefix of
    it (``prev`` for "◀ Previous"); ``None`` if no button matches."""
    want = _words(typed)
    if not want:
        return None
    buttons = [b for b in _buttons(message) if _words(b.get("label") or "")]
    for match in (lambda w: w == want, lambda w: w.startswith(want)):
        hits = [b for b in buttons if match(_words(b.get("label") or ""))]
        if hits:
            return hits[0]
    return None


class Session:
    """One user at the prompt: runs commands, and presses the buttons of the last
    answer that has any, through the same component interaction a click sends."""

    def __init__(self, ld: Any, bot: Any, user_id: int, timeout: float) -> None:
        from bot.localdiscord.display import Directory

        self.ld, self.bot, self.user_id, self.timeout = ld, bot, user_id, timeout
        self.directory = Directory.from_world(ld.world)
        self.last_with_buttons: int | None = None  # message id

    def show(self, messages: list[dict[str, Any]]) -> None:
        from bot.localdiscord.display import format_message

        for index, message in enumerate(messages):
            if index:
                print("---")
            print(format_message(message, self.directory))
            if _buttons(message):
                self.last_with_buttons = int(message["id"])

    def channels_hint(self) -> str:
        usable = [f"#{c.name}" for g in self.ld.world.guilds.values() for c in g.channels
                  if c.id not in self.ld.world.deleted_channels and c.type == 0]
        return "channels: " + ", ".join(usable)

    def help(self, words: list[str]) -> str:
        from bot.localdiscord.display import format_command_help, format_command_list

        if not words:
            return format_command_list(self.ld.commands) + (
                "\nnext / prev (or a button's label) turn the pages of the last answer")
        for command in self.ld.commands:
            if command["name"] == words[0]:
                text = format_command_help(command)
                if ": channel, " in text:
                    text += "\n" + self.channels_hint()
                return text
        return f"unknown command /{words[0]}; type ? for the list"

    def button_for(self, line: str) -> dict[str, Any] | None:
        if line.startswith("/") or self.last_with_buttons is None:
            return None
        message = self.ld.world.messages.get(self.last_with_buttons)
        return find_button(message, line) if message else None

    async def press(self, button: dict[str, Any]) -> int:
        from bot.localdiscord import LocalDiscordError

        mid = self.last_with_buttons
        assert mid is not None
        if button.get("disabled"):
            print(f"error: [{button.get('label')}] is disabled (no page that way)",
                  file=sys.stderr)
            return EXIT_INPUT
        try:
            it = await self.ld.click(mid, button["custom_id"], user_id=self.user_id)
            await it.wait_done(timeout=self.timeout)
            await _quiet(self.ld)
        except (LocalDiscordError, TimeoutError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_INPUT
        replies = [m for m in it.responses if int(m["id"]) != mid]
        shown = self.ld.world.messages.get(mid)
        self.show(([shown] if shown is not None else []) + replies)
        return 0

    async def run_line(self, line: str, *, as_json: bool = False) -> int:
        from bot.localdiscord import LocalDiscordError

        stripped = line.strip()
        if stripped == "?" or stripped.endswith(" ?"):
            print(self.help(stripped.rstrip("?").strip().lstrip("/").split()))
            return 0
        button = self.button_for(stripped)
        if button is not None:
            return await self.press(button)
        try:
            name, values = parse_command_line(line)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_INPUT
        if name in _PAGE_WORDS:
            print("error: nothing to page: no answer with buttons yet", file=sys.stderr)
            return EXIT_INPUT
        mark = len(self.ld.requests)
        finished = _finished(self.bot, self.timeout)
        try:
            it = await self.ld.invoke(name, values, user_id=self.user_id)
            await _settle(self.ld, it, finished, self.timeout)
        except LocalDiscordError as exc:
            hint = f"; {self.channels_hint()}" if "no channel" in str(exc) else ""
            print(f"error: {exc}{hint}", file=sys.stderr)
            return EXIT_INPUT
        except TimeoutError as exc:
            print(f"error: the bot did not answer: {exc}", file=sys.stderr)
            return EXIT_INPUT
        finally:
            finished.cancel()
        if as_json:
            json.dump([r.summary() for r in self.ld.requests_since(mark)], sys.stdout,
                      indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            self.show(it.responses)
        return 0


async def _repl(session: Session) -> int:
    print("Connected to the local Discord. Type a slash command, ? for the list, "
          "next/prev to turn pages, quit to exit.")
    print(session.channels_hint())
    while True:
        try:
            line = await asyncio.to_thread(input, PROMPT)
        except EOFError:
            print()
            return 0
        if line.strip() in ("quit", "exit", "q"):
            return 0
        if line.strip():
            await session.run_line(line)


_DEFINES = re.compile(r"app_commands\.(?:command|Group)\(\s*name=\"([\w-]+)\"")


def extensions_for(command_line: str, extensions: tuple[str, ...]) -> tuple[str, ...]:
    """The extension that defines the command a one-shot run types: loading only it
    spares importing the others (the digest's database and scheduler, the place index)
    on every quick try. Every extension when it cannot tell."""
    try:
        name = parse_command_line(command_line)[0].split()[0]
    except ValueError:
        return extensions
    for extension in extensions:
        spec = importlib.util.find_spec(extension)
        if spec is None or spec.origin is None:
            continue
        source = Path(spec.origin).read_text(encoding="utf-8")
        if name in _DEFINES.findall(source):
            return (extension,)
    return extensions


class _QuietLag(logging.Filter):
    """Drops discord.py's "Can't keep up, websocket is N s behind": in offline mode the
    "websocket" is this same process, and the warning only interrupts the prompt."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Can't keep up" not in record.getMessage()


@contextlib.contextmanager
def _database(settings: Settings, url: str | None) -> Iterator[Settings]:
    """``--database URL`` keeps settings there; otherwise a temporary SQLite file that
    disappears with the session, so trying a command leaves nothing scheduled behind."""
    if url:
        yield dataclasses.replace(settings, database_url=url)
        return
    with tempfile.TemporaryDirectory(prefix="briefbot-offline-") as folder:
        path = Path(folder) / "offline.sqlite3"
        yield dataclasses.replace(settings, database_url=f"sqlite:///{path}")


async def offline_main(settings: Settings, args: argparse.Namespace) -> int:
    from bot.client import EXTENSIONS, BriefBot, stop_on_signals
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
    one_shot = bool(args.slash_command)

    extensions = (extensions_for(args.slash_command, EXTENSIONS) if one_shot
                  else EXTENSIONS)

    def make_bot() -> BriefBot:
        # a one-shot command loads its own extension and builds only the index it needs;
        # the prompt loads them all and warms every index
        return BriefBot(settings, guild_ready_timeout=0.1, warm=not one_shot,
                        extensions=extensions)

    async with run_bot(make_bot, local=ld, token=OFFLINE_TOKEN, ready_timeout=args.timeout,
                       check_violations=False) as (ld, bot):
        print(corpus_line(bot.engine.corpus), file=sys.stderr)
        session = Session(ld, bot, user_id, args.timeout)
        if one_shot:
            code = await session.run_line(args.slash_command, as_json=args.json)
        else:
            code = await _repl(session)
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
    if args.database and "://" not in args.database:
        print(f"error: --database must be a SQLAlchemy URL such as "
              f"sqlite:///briefbot.sqlite3, got {args.database!r}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(args.log_level, secrets=[settings.discord_token])
    logging.getLogger("discord.gateway").addFilter(_QuietLag())
    try:
        with _database(settings, args.database) as session_settings:
            return asyncio.run(offline_main(session_settings, args))
    except (KeyboardInterrupt, asyncio.CancelledError):  # Ctrl-C, SIGTERM: closed in order
        return 0
    except Exception as exc:
        from bot.client import is_store_error
        from bot.corpus.loader import CorpusError

        if isinstance(exc, CorpusError) or is_store_error(exc):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        raise
