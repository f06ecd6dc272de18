"""The bot: loads the corpus once, loads the cogs, syncs the tree, handles errors in one place."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import importlib
import logging
import math
import multiprocessing
import os
import signal
import sys
import time
import weakref
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, NoReturn, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.corpus.loader import load_corpus
from bot.engine import Engine
from bot.engine.errors import EngineInputError
from bot.engine.parentwatch import watch_parent
from bot.render.common import CONTENT_LIMIT, trim

log = logging.getLogger(__name__)
T = TypeVar("T")
#: Discord's codes for an interaction past its 3 s window / its 15 min token
EXPIRED_INTERACTION_CODES = (10062, 10015)

#: what a user calls each engine capability's index
INDEX_LABELS = {"summarizer": "summary", "places": "place", "comparer": "comparison"}
#: a command whose index is further than this from ready says so at once; a shorter wait
#: shows only Discord's "thinking..."
LOADING_NOTICE_SECONDS = 2.0

EXTENSIONS: tuple[str, ...] = (
    "cogs.summary",
    "cogs.sources",
    "cogs.places",
    "cogs.compare",
    "cogs.digest",
    "cogs.admin",
    "cogs.feeds",
)


def load_engine(settings: Settings) -> Engine:
    """Load the corpus (CPU work: run it off the event loop); indexes are built later."""
    return Engine(load_corpus(settings.corpus_dir, max_bytes=settings.max_file_bytes,
                              cache_dir=settings.cache_dir), store_dir=settings.cache_dir)


def _background_priority(parent_pid: int) -> None:
    """In the map process: exit with the bot (see parentwatch), and yield the CPU to the
    bot's event loop when both want it (a map a second later is fine; an interaction
    acknowledged after 3 s is lost)."""
    watch_parent(parent_pid)
    with contextlib.suppress(AttributeError, OSError):  # not on this platform, or denied
        os.nice(10)


class BriefTree(app_commands.CommandTree):
    """One error handler for every slash command: short ephemeral message, logged traceback."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        try:
            await self._report_error(interaction, error)
        finally:
            # the failure counterpart of discord.py's "app_command_completion" event
            self.client.dispatch("app_command_failed", interaction)

    async def _report_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        name = interaction.command.qualified_name if interaction.command else "command"
        original = getattr(error, "original", error)
        if isinstance(original, discord.NotFound) and original.code in EXPIRED_INTERACTION_CODES:
            log.warning("/%s: the interaction expired before the answer reached Discord "
                        "(code %s); the user cannot be told", name, original.code)
            return
        if isinstance(original, EngineInputError):
            message = str(original)
        elif isinstance(error, app_commands.NoPrivateMessage):
            message = f"/{name} works only in a server, not in direct messages."
        elif isinstance(error, app_commands.MissingPermissions):
            perms = permission_names(error.missing_permissions)
            message = f"You need the {perms} permission to use /{name}."
        elif isinstance(error, app_commands.BotMissingPermissions):
            perms = permission_names(error.missing_permissions)
            message = f"I need the {perms} permission here to do that."
        elif isinstance(error, app_commands.CommandOnCooldown):
            message = f"Slow down: /{name} is available again in {error.retry_after:.0f} s."
        elif isinstance(error, app_commands.TransformerError):
            message = f"That value doesn't work for this option: {describe_value(error.value)}."
        elif isinstance(error, app_commands.CheckFailure):
            message = str(error) or f"You can't use /{name} here."
        else:
            log.error("/%s failed", name, exc_info=original)
            message = f"Sorry, /{name} failed on my side. The error was logged; please try again."
        await send_ephemeral(interaction, message)


def describe_value(value: object) -> str:
    """An option value as the user typed or picked it, never a Python repr."""
    if isinstance(value, discord.abc.GuildChannel | discord.Thread
                  | app_commands.AppCommandChannel | app_commands.AppCommandThread):
        kind = str(value.type).replace("_", " ")
        return f"#{value.name} is a {kind} channel; pick a text channel"
    if isinstance(value, discord.abc.Snowflake) and not isinstance(value, str | int):
        return f"{type(value).__name__.lower()} {value.id}"
    return f'"{value}"'


def stop_on_signals() -> None:
    """SIGTERM and SIGINT cancel the running main task, so ``async with BriefBot`` closes
    the bot in order (cogs unloaded, a digest cut short resumed at next start) instead of
    the process vanishing mid-write."""
    task = asyncio.current_task()
    if task is None:  # pragma: no cover
        return
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        # not on Windows, nor outside the main thread: the default handling stays
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, _stop, task, sig)


def exit_promptly(code: int = 0) -> NoReturn:
    """Leave after an orderly close without joining engine threads still building indexes
    (CPU work with nothing to save: the interpreter would otherwise wait for it, and a
    SIGTERM would take as long as the build)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


# the bots of this process, so that a signal can tell whether one has started closing
_BOTS: weakref.WeakSet[BriefBot] = weakref.WeakSet()
_INSIST_SECONDS = 1.0


def _stop(task: asyncio.Task[Any], sig: signal.Signals) -> None:
    log.info("%s received: shutting down", sig.name)
    task.cancel()
    asyncio.get_running_loop().call_later(_INSIST_SECONDS, _insist, task)


def _insist(task: asyncio.Task[Any]) -> None:
    """Cancel again until a bot has started closing: Python 3.11's ``asyncio.wait_for``
    drops a cancellation that lands just as the call it waits for finishes, and discord.py
    connects to the gateway through it (a SIGTERM at that moment was otherwise ignored)."""
    if task.done() or any(bot.closing for bot in _BOTS):
        return
    log.info("shutdown request was lost in a gateway connect: cancelling again")
    task.cancel()
    asyncio.get_running_loop().call_later(_INSIST_SECONDS, _insist, task)


def is_store_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the store's :class:`~bot.store.StoreError`, without importing
    the store (and SQLAlchemy) in a process whose extensions never opened one: a
    one-shot ``/summary`` has no database to fail on."""
    store = sys.modules.get("bot.store.migrations")
    return store is not None and isinstance(exc, store.StoreError)


def permission_names(permissions: Iterable[str]) -> str:
    """Permission flags as Discord's interface names them (manage_guild -> Manage Server)."""
    names = {"manage_guild": "Manage Server", "manage_channels": "Manage Channels"}
    return ", ".join(names.get(p, p.replace("_", " ").title()) for p in permissions)


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """Reply privately whether or not the interaction was already answered or deferred."""
    # a refusal may echo a 6,000-character option, or "@everyone" typed as a topic
    message = trim(discord.utils.escape_mentions(message), CONTENT_LIMIT)
    try:
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            # The first followup after a defer replaces the "thinking…" message and keeps
            # its visibility: remove it so the error reaches only the user who asked.
            try:
                await interaction.delete_original_response()
            except discord.HTTPException as exc:
                log.debug("could not remove the deferred message: %s", exc)
            await interaction.followup.send(message, ephemeral=True)
        elif interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException as exc:  # token expired or Discord down: nothing more to do
        log.warning("could not tell the user about an error: %s", exc)


class BriefBot(commands.Bot):
    """One gateway connection (no ``SHARD_COUNT``); :class:`ShardedBriefBot` otherwise."""

    def __init__(
        self,
        settings: Settings,
        *,
        engine: Engine | None = None,
        extensions: Iterable[str] = EXTENSIONS,
        warm: bool = True,
        **options: Any,
    ) -> None:
        discord.VoiceClient.warn_nacl = False  # a text-only bot: no voice warnings
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.default()  # no privileged intents
        intents.message_content = False
        intents.members = False
        intents.presences = False
        options.setdefault("guild_ready_timeout", 2.0)
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=BriefTree,
            **options,
        )
        self.settings = settings
        self.engine: Engine = engine  # type: ignore[assignment]  # set in setup_hook
        self.extension_names = tuple(extensions)
        self.warm_indexes = warm  # false for a one-shot command: build only what it needs
        self.failed_extensions: dict[str, str] = {}
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="engine")
        self.closing = False
        _BOTS.add(self)
        self._process_pool: ProcessPoolExecutor | None = None
        self.warming: asyncio.Task[None] | None = None  # the background index build
        self.syncing: asyncio.Task[None] | None = None  # the tree sync, while connecting
        #: modules (or functions) the extensions need but the bot loads after connecting,
        #: in the warm-up worker once the indexes are built (imports are seconds of CPU)
        self.warm_imports: list[str | Callable[[], object]] = []
        self.synced_commands: list[app_commands.AppCommand] = []

    async def run_engine(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run CPU work in the worker pool: the event loop is never blocked by the engine."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    async def run_isolated(self, fn: Callable[..., T], /, *args: Any) -> T:
        """Run work that holds the GIL for long stretches (map drawing) in a separate
        process: a worker thread would still stall the event loop for 100 ms and more."""
        if self._process_pool is None:
            self._process_pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_background_priority, initargs=(os.getpid(),))
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._process_pool, functools.partial(fn, *args))

    async def tell_if_loading(self, interaction: discord.Interaction, capability: str) -> bool:
        """After deferring: when the index a command needs is still loading and will take a
        while (the engine's estimate), say so now instead of Discord's "thinking...". True
        when told: the answer must then replace this message (``send_pages(...,
        replace=True)``)."""
        eta = self.engine.eta(capability)
        if eta is None or eta < LOADING_NOTICE_SECONDS:
            return False
        try:
            await interaction.edit_original_response(
                content=f"Still loading the {INDEX_LABELS[capability]} index, ready in about "
                        f"{math.ceil(eta)} s. The answer will replace this message.")
        except discord.HTTPException as exc:  # the answer still comes as a followup
            log.warning("could not say the %s index is loading: %s", capability, exc)
            return False
        return True

    async def setup_hook(self) -> None:
        if self.engine is None:
            self.engine = await self.run_engine(load_engine, self.settings)
        log.info(self.engine.corpus.report())
        for name in self.extension_names:
            try:
                await self.load_extension(name)
            except commands.ExtensionNotFound:
                log.info("extension %s not installed; skipped", name)
                self.failed_extensions[name] = "not found"
            except Exception as exc:
                original = getattr(exc, "original", exc)
                if is_store_error(original):  # named, never half-used: stop
                    raise original from None
                log.exception("extension %s failed to load; the others still load", name)
                self.failed_extensions[name] = f"{type(exc).__name__}: {exc}"
        guild = discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        # The sync is one HTTP round trip that connecting need not wait for: Discord keeps
        # the commands of the last sync, so a restarted bot answers them from READY on.
        self.syncing = asyncio.create_task(self._sync_tree(guild), name="tree-sync")
        # The indexes build in a worker while the bot connects: on a large corpus that
        # takes minutes. A command that needs one meanwhile waits for it (after deferring)
        # and autocomplete offers nothing until it is ready. Started last, so that loading
        # the extensions does not compete with it for the interpreter.
        if self.warm_indexes:
            self.warming = asyncio.create_task(self._warm(self.engine), name="engine-warm")

    async def _sync_tree(self, guild: discord.Object | None) -> None:
        try:
            self.synced_commands = await self.tree.sync(guild=guild)
        except discord.HTTPException as exc:  # the commands of the last sync still work
            log.error("could not sync the slash commands (%s); Discord keeps the last "
                      "synced set", exc)
            return
        log.info("synced %d commands %s", len(self.synced_commands),
                 f"to guild {guild.id}" if guild else "globally")

    def _deferred_imports(self) -> None:
        """What the extensions left for after connecting (their engines' libraries are
        mostly imported by the index builds already; their renderers, sumy's algorithms)."""
        for item in self.warm_imports:
            try:
                importlib.import_module(item) if isinstance(item, str) else item()
            except Exception:  # the command that needs it imports it again and reports
                log.exception("deferred import %s failed", item)

    async def _warm(self, engine: Engine) -> None:
        start = time.perf_counter()
        built = False
        try:
            await self.run_engine(engine.warm)
            built = True
        except Exception:  # each command retries the build it needs and reports its error
            log.exception("building the engine's indexes failed")
        await self.run_engine(self._deferred_imports)
        if not built:
            return
        log.info("indexes built in %.1f s", time.perf_counter() - start)
        # The corpus, gazetteer and indexes are millions of long-lived objects: without
        # this, each full collection walks them all, a pause of a second and more on the
        # event loop under load (200 concurrent commands: acks 3-4 s late). Frozen, they
        # are left out of collections; they are still freed by reference counting.
        gc.freeze()

    def swap_engine(self, engine: Engine) -> None:
        """Atomic corpus swap: commands in flight keep the engine they started with."""
        self.engine = engine
        self.dispatch("engine_swapped", engine)

    async def on_ready(self) -> None:
        shards = sorted(getattr(self, "shards", None) or [0])
        log.info("ready as %s in %d servers (shards %s of %s)", self.user, len(self.guilds),
                 ",".join(map(str, shards)), self.shard_count)

    async def close(self) -> None:
        self.closing = True
        if self.warming is not None:
            self.warming.cancel()  # the worker thread finishes its index on its own
        if self.syncing is not None:
            self.syncing.cancel()
        try:
            await super().close()
        finally:
            self.executor.shutdown(wait=False, cancel_futures=True)
            if self._process_pool is not None:
                self._process_pool.shutdown(wait=False, cancel_futures=True)


class ShardedBriefBot(BriefBot, commands.AutoShardedBot):
    """discord.py's AutoShardedBot: ``SHARD_COUNT`` shards, of which this process runs
    ``SHARD_IDS`` (all of them by default); each server's events, commands and scheduled
    digest go to the process running its shard."""

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        kwargs.setdefault("shard_count", settings.shard_count)
        if settings.shard_ids is not None:
            kwargs.setdefault("shard_ids", list(settings.shard_ids))
        super().__init__(settings, **kwargs)


def bot_class(settings: Settings, recommended: int = 1) -> type[BriefBot]:
    """AutoShardedBot when there is more than one shard (``SHARD_COUNT``, or else Discord's
    ``recommended`` count); for the one shard of a bot under 2,500 servers the plain client
    (the same single gateway connection; the 200-command load test missed its 3 s deadline
    with AutoShardedBot, see the README's scale-out note)."""
    if settings.shard_count is not None:
        return ShardedBriefBot
    return ShardedBriefBot if recommended > 1 else BriefBot


async def recommended_shards(token: str) -> int:
    """Discord's recommended shard count (``GET /gateway/bot``, what AutoShardedBot asks at
    connect). Raises :class:`discord.LoginFailure` for a rejected token; 1 (with a warning)
    when the gateway cannot be asked."""
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    try:
        await http.static_login(token)
        shards, _url, _limits = await http.get_bot_gateway()
        return max(1, int(shards))
    except discord.GatewayNotFound as exc:
        log.warning("GET /gateway/bot failed (%s): connecting with one shard", exc)
        return 1
    finally:
        await http.close()


async def startup_bot_class(settings: Settings) -> type[BriefBot]:
    """The client ``briefbot run`` starts: without ``SHARD_COUNT``, one process running all
    of Discord's recommended shards."""
    if settings.shard_count is not None:
        return ShardedBriefBot
    count = await recommended_shards(settings.discord_token)
    log.info("Discord recommends %d shard%s: running %s in this process", count,
             "" if count == 1 else "s", "it" if count == 1 else "all of them")
    return bot_class(settings, count)

