"""Scheduling and delivery of the daily digest: once per server per local day.

One APScheduler ``CronTrigger`` job per enabled server, in the server's time zone,
on the bot's event loop. The trigger is only the alarm clock: which day a run
belongs to is computed here (:func:`latest_slot`), and the digest log's unique
(server, local date) slot decides whether it is posted, so a second firing (the
repeated hour when clocks go back), a restart, or a catch-up racing the job cannot
post twice. A nonexistent local time (clocks go forward) is read as the wall time
before the change, the same instant APScheduler fires at: 02:30 on a spring-forward
night posts at 03:30 daylight time.

The slot is claimed (a committed log row, status "sending") before the post; the
post's outcome updates that row. A crash between the two leaves "sending": after a
restart that slot is *not* posted again (a possible miss is preferred to a duplicate).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiohttp
import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.engine.digest import Digest, build_digest
from bot.engine.errors import EngineInputError
from bot.render.digest import digest_embeds
from bot.store import DigestSettings, Store

if TYPE_CHECKING:  # pragma: no cover
    from bot.client import BriefBot
    from bot.engine import Engine

log = logging.getLogger(__name__)
T = TypeVar("T")

#: a job firing a little early (timer jitter, clock steps) still counts for its slot
SLACK = timedelta(seconds=30)
RETRY_DELAYS: tuple[float, ...] = (2.0, 10.0, 30.0)
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

Clock = Callable[[], datetime]
Sender = Callable[[int, list[discord.Embed]], Awaitable[int]]
RunCpu = Callable[..., Awaitable[Any]]


def utcnow() -> datetime:
    return datetime.now(UTC)


def parse_local_time(text: str) -> time:
    """"HH:MM" (24-hour) or a clear error saying what to type."""
    m = _HHMM.match(text.strip())
    if not m:
        raise EngineInputError(f"time must be HH:MM on a 24-hour clock, e.g. 07:30 or 18:00; "
                               f"got {text!r}")
    return time(int(m.group(1)), int(m.group(2)))


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise EngineInputError(f"unknown time zone {name!r}: pick an IANA name from the list, "
                               f"e.g. Europe/London or America/New_York") from None


@dataclass(frozen=True)
class Slot:
    """One scheduled digest: the server's local date and the UTC instant it is due."""

    local_date: date
    at: datetime

    @property
    def key(self) -> str:
        return self.local_date.isoformat()


def scheduled_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of local ``at`` on ``day`` (fold=0: the first of a repeated hour,
    the pre-change offset for a skipped one)."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def latest_slot(local_time: str, timezone: str, now: datetime) -> Slot:
    """The most recent slot due at or before ``now``."""
    tz, at = ZoneInfo(timezone), parse_local_time(local_time)
    today = now.astimezone(tz).date()
    for day in (today, today - timedelta(days=1), today - timedelta(days=2)):
        instant = scheduled_instant(day, at, tz)
        if instant <= now:
            return Slot(day, instant)
    raise AssertionError("unreachable: a slot is due within two days")  # pragma: no cover


def make_trigger(settings: DigestSettings) -> CronTrigger:
    at = parse_local_time(settings.local_time)
    return CronTrigger(hour=at.hour, minute=at.minute, timezone=ZoneInfo(settings.timezone))


@dataclass(frozen=True)
class Outcome:
    """What one attempt did: posted, failed, or why nothing was posted."""

    status: str  # posted | failed | already | missed | not-due | disabled
    detail: str = ""
    message_id: int | None = None
    channel_id: int | None = None


def describe_failure(exc: BaseException, channel_id: int) -> tuple[bool, str]:
    """(transient?, message for /digest show)."""
    if isinstance(exc, discord.NotFound):
        return False, (f"channel <#{channel_id}> no longer exists (404): "
                       f"choose another with /digest set")
    if isinstance(exc, discord.Forbidden):
        return False, (f"missing permission to post in <#{channel_id}> (403): give me View "
                       f"Channel, Send Messages and Embed Links there")
    if isinstance(exc, discord.DiscordServerError):
        return True, f"Discord server error {exc.status}"
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:
            return True, "rate limited by Discord (429)"
        return False, f"Discord refused the post ({exc.status}: {exc.text or 'no detail'})"
    if isinstance(exc, aiohttp.ClientError | TimeoutError | OSError):
        return True, f"network error ({type(exc).__name__})"
    return False, f"unexpected error ({type(exc).__name__}: {exc})"


class DigestService:
    """Owns the scheduler; every public coroutine logs its failures instead of raising them
    into the scheduler, so one server's problem never stops the others."""

    def __init__(
        self,
        *,
        store: Store,
        engine: Callable[[], Engine],
        send: Sender,
        run_cpu: RunCpu | None = None,
        grace: timedelta = timedelta(minutes=120),
        clock: Clock = utcnow,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self.store = store
        self._engine = engine
        self._send = send
        self._run_cpu = run_cpu or _to_thread
        self.grace = grace
        self.clock = clock
        self.retry_delays = tuple(retry_delays)
        self.scheduler: AsyncIOScheduler | None = None
        self._startup: asyncio.Task[None] | None = None

    @classmethod
    def for_bot(cls, bot: BriefBot, store: Store, **kwargs: Any) -> DigestService:
        async def send(channel_id: int, embeds: list[discord.Embed]) -> int:
            message = await bot.get_partial_messageable(channel_id).send(embeds=embeds)
            return message.id

        kwargs.setdefault("grace", timedelta(minutes=bot.settings.digest_grace_minutes))
        return cls(store=store, engine=lambda: bot.engine, send=send, run_cpu=bot.run_engine,
                   **kwargs)

    # lifecycle ----------------------------------------------------------------------------
    async def start(self) -> None:
        """Schedule every enabled server and post any digest missed while the bot was down."""
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        for settings in await self._db(self.store.enabled_settings):
            self.schedule(settings)
        self.scheduler.start()
        self._startup = asyncio.create_task(self.catch_up(), name="digest-catch-up")

    async def catch_up(self) -> list[Outcome]:
        outcomes = []
        for settings in await self._db(self.store.enabled_settings):
            outcomes.append(await self.run_due(settings.guild_id, kind="catch-up"))
        return outcomes

    def shutdown(self) -> None:
        if self._startup is not None and not self._startup.done():
            self._startup.cancel()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None

    def schedule(self, settings: DigestSettings) -> None:
        if self.scheduler is None:
            return
        if not settings.enabled:
            self.unschedule(settings.guild_id)
            return
        self.scheduler.add_job(
            self._job, make_trigger(settings), args=(settings.guild_id,),
            id=_job_id(settings.guild_id), replace_existing=True, coalesce=True,
            misfire_grace_time=int(self.grace.total_seconds()) or 1, max_instances=1)
        log.info("digest for guild %s scheduled daily at %s %s", settings.guild_id,
                 settings.local_time, settings.timezone)

    def unschedule(self, guild_id: int) -> None:
        if self.scheduler is not None and self.scheduler.get_job(_job_id(guild_id)):
            self.scheduler.remove_job(_job_id(guild_id))

    def next_run(self, guild_id: int) -> datetime | None:
        job = self.scheduler.get_job(_job_id(guild_id)) if self.scheduler else None
        return job.next_run_time if job is not None else None

    # running --------------------------------------------------------------------------------
    async def _job(self, guild_id: int) -> None:
        try:
            await self.run_due(guild_id, kind="scheduled")
        except Exception:  # never into the scheduler: other servers' jobs keep running
            log.exception("digest job for guild %s failed", guild_id)

    async def run_due(self, guild_id: int, *, kind: str = "scheduled") -> Outcome:
        """Post the server's due digest unless its slot is taken, not due, or too old."""
        settings = await self._db(self.store.get_settings, guild_id)
        if settings is None or not settings.enabled:
            return Outcome("disabled")
        now = self.clock()
        # only the alarm may be early; a catch-up at start must not post ahead of time
        slot = latest_slot(settings.local_time, settings.timezone,
                           now + SLACK if kind == "scheduled" else now)
        if slot.at < settings.updated_at:
            return Outcome("not-due", "the schedule was set after this slot")
        existing = await self._db(self.store.slot, guild_id, slot.key)
        if existing is not None:
            if existing.status == "sending":
                log.warning("digest for guild %s on %s was being sent when the bot stopped; "
                            "not sent again to avoid a duplicate", guild_id, slot.key)
            return Outcome("already", f"{slot.key}: {existing.status}")
        late = now - slot.at
        if late > self.grace:
            log.info("digest for guild %s on %s missed by %s (grace %s): skipped", guild_id,
                     slot.key, _minutes(late), _minutes(self.grace))
            return Outcome("missed", f"{slot.key} missed by {_minutes(late)}")
        log_id = await self._db(self.store.claim_slot, guild_id, slot.key,
                                settings.channel_id, slot.at, kind, now)
        if log_id is None:
            return Outcome("already", f"{slot.key}: claimed concurrently")
        return await self._build_and_post(settings, log_id)

    async def post_now(self, guild_id: int) -> Outcome:
        """/digest now: an extra post that claims no day slot."""
        settings = await self._db(self.store.get_settings, guild_id)
        if settings is None:
            return Outcome("disabled", "no digest channel set: use /digest set first")
        log_id = await self._db(self.store.start_manual, guild_id, settings.channel_id,
                                self.clock())
        return await self._build_and_post(settings, log_id)

    async def build(self, guild_id: int, timezone: str | None = None) -> Digest:
        """The server's digest as it would be posted now (also /digest preview)."""
        settings = await self._db(self.store.get_settings, guild_id)
        last = await self._db(self.store.last_posted, guild_id)
        first_seen = await self._db(self.store.first_seen)
        tz = timezone or (settings.timezone if settings else "UTC")
        return await self._run_cpu(build_digest, self._engine(), now=self.clock(),
                                   since=last.claimed_at if last else None,
                                   first_seen=first_seen, timezone=tz)

    async def _build_and_post(self, settings: DigestSettings, log_id: int) -> Outcome:
        try:
            digest = await self.build(settings.guild_id, settings.timezone)
            embeds = digest_embeds(digest)
        except Exception as exc:
            log.exception("digest for guild %s could not be built", settings.guild_id)
            error = f"the digest could not be built ({type(exc).__name__})"
            await self._db(self.store.finish, log_id, error=error, now=self.clock())
            return Outcome("failed", error, channel_id=settings.channel_id)
        outcome = await self._deliver(settings.channel_id, embeds)
        await self._db(self.store.finish, log_id, message_id=outcome.message_id,
                       error=outcome.detail if outcome.status == "failed" else None,
                       new_documents=len(digest.new_documents) + digest.more_new,
                       now=self.clock())
        if outcome.status == "posted":
            log.info("digest posted for guild %s in channel %s", settings.guild_id,
                     settings.channel_id)
        else:
            log.warning("digest for guild %s not posted: %s", settings.guild_id, outcome.detail)
        return outcome

    async def _deliver(self, channel_id: int, embeds: list[discord.Embed]) -> Outcome:
        """Post with retries and backoff for transient errors; permanent ones stop at once."""
        attempts = len(self.retry_delays) + 1
        for attempt in range(attempts):
            try:
                message_id = await self._send(channel_id, embeds)
                return Outcome("posted", message_id=message_id, channel_id=channel_id)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                transient, detail = describe_failure(exc, channel_id)
                if not transient or attempt == attempts - 1:
                    if transient:
                        detail = f"{detail}; gave up after {attempts} attempts"
                    return Outcome("failed", detail, channel_id=channel_id)
                delay = self.retry_delays[attempt]
                log.info("digest post to %s failed (%s); retry in %.1f s", channel_id, detail,
                         delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    # documents seen ----------------------------------------------------------------------------
    async def sync_documents(self, engine: Engine | None = None) -> None:
        """Record first-seen times for the corpus now loaded ("new" in the next digest)."""
        engine = engine or self._engine()
        hashes = {d.doc_id: d.content_hash or d.doc_id for d in engine.corpus.documents.values()}
        changes = await self._db(self.store.sync_documents, hashes, self.clock())
        if changes.added or changes.changed or changes.removed:
            log.info("documents seen: %d new, %d changed, %d removed", len(changes.added),
                     len(changes.changed), len(changes.removed))

    async def _db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Store calls off the event loop (a PostgreSQL round trip must not block it)."""
        return await asyncio.to_thread(fn, *args, **kwargs)


async def _to_thread(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await asyncio.to_thread(fn, *args, **kwargs)


def _job_id(guild_id: int) -> str:
    return f"digest:{guild_id}"


def _minutes(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 60:.0f} min"
