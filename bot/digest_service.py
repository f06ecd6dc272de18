"""Scheduling and delivery of the daily digest: once per server per local day.

One APScheduler ``CronTrigger`` job per enabled server, in the server's time zone,
on the bot's event loop. The trigger is only the alarm clock: which day a run
belongs to is computed here (:func:`latest_slot`), and the digest log's unique
(server, local date) slot decides whether it is posted, so a second firing (the
repeated hour when clocks go back), a restart, or a catch-up racing the job cannot
post twice.

The slot is claimed (a committed log row, status "sending") before the post; the
post's outcome updates that row. Every attempt carries a ``nonce`` derived from the
slot with ``enforce_nonce``, so Discord returns the message it already created instead
of a second one when a retry follows an ambiguous failure (the connection dropped after
Discord accepted the post). A process that dies between the claim and the record
leaves "sending": the next start resumes that slot (:meth:`DigestService.resume`):
the channel is searched for the post, which is recorded if found; otherwise it is
posted again with the same nonce, or recorded as failed (shown by /digest show) when
it is too late or the channel cannot be checked. A slot is never silently dropped.

With several shard processes (``SHARD_COUNT``/``SHARD_IDS``) each process schedules,
resumes and catches up only the servers its shards hold (``owns``); the slot's unique
claim still decides if two processes both believe they own a server, so the digest is
posted once either way.

A local time in a spring-forward gap (02:30 on the night clocks jump from 02:00 to
03:00) is due right after the gap, at 03:00; a repeated hour (clocks go back) is due
at its first occurrence. The trigger is :class:`SlotTrigger`, computed by the same
:func:`slot_instant` that decides which day a run belongs to.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
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
from apscheduler.triggers.base import BaseTrigger

from bot.engine.digest import Digest, build_digest
from bot.engine.errors import EngineInputError
from bot.render.digest import digest_embeds
from bot.store import DigestLogEntry, DigestSettings, Store, StoreError

if TYPE_CHECKING:  # pragma: no cover
    from bot.client import BriefBot
    from bot.engine import Engine

log = logging.getLogger(__name__)
T = TypeVar("T")

#: a job firing a little early (timer jitter, clock steps) still counts for its slot
SLACK = timedelta(seconds=30)
RETRY_DELAYS: tuple[float, ...] = (2.0, 10.0, 30.0)
#: how long Discord is assumed to remember a nonce ("the past few minutes"): the short end
NONCE_WINDOW = timedelta(minutes=2)
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

Clock = Callable[[], datetime]
#: (channel, embeds, nonce) -> the message id
Sender = Callable[[int, list[discord.Embed], str], Awaitable[int]]
#: (channel, posted after, nonce) -> the id of the bot's message with that nonce, or None
Finder = Callable[[int, datetime, str], Awaitable[int | None]]
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


def _wall(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


def scheduled_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of local ``at`` on ``day``: the first of a repeated hour; for a
    time that does not exist (clocks jump forward past it), the end of the gap."""
    naive = datetime.combine(day, at)
    instant = naive.replace(tzinfo=tz).astimezone(UTC)  # fold=0
    if _wall(instant, tz) == naive:
        return instant
    # in a gap: the first second whose wall time is at or past ``at``
    # (invariant: wall(lo) < naive <= wall(hi))
    ends = (int(instant.timestamp()),
            int(naive.replace(tzinfo=tz, fold=1).astimezone(UTC).timestamp()))
    lo, hi = min(ends), max(ends)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _wall(datetime.fromtimestamp(mid, UTC), tz) >= naive:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, UTC)


def latest_slot(local_time: str, timezone: str, now: datetime) -> Slot:
    """The most recent slot due at or before ``now``."""
    tz, at = parse_timezone(timezone), parse_local_time(local_time)
    today = now.astimezone(tz).date()
    for day in (today + timedelta(days=1), today, today - timedelta(days=1),
                today - timedelta(days=2)):
        instant = scheduled_instant(day, at, tz)
        if instant <= now:
            return Slot(day, instant)
    raise AssertionError("unreachable: a slot is due within two days")  # pragma: no cover


def next_slot(local_time: str, timezone: str, after: datetime, *,
              inclusive: bool = True) -> Slot:
    """The first slot due at (``inclusive``) or after ``after``."""
    tz, at = parse_timezone(timezone), parse_local_time(local_time)
    today = after.astimezone(tz).date()
    for offset in range(-1, 4):
        day = today + timedelta(days=offset)
        instant = scheduled_instant(day, at, tz)
        if instant > after or (inclusive and instant == after):
            return Slot(day, instant)
    raise AssertionError("unreachable: a slot is due within three days")  # pragma: no cover


class SlotTrigger(BaseTrigger):
    """APScheduler trigger firing at each day's slot (gap and repeated hour handled as
    :func:`scheduled_instant` says), so the alarm and the slot arithmetic never disagree."""

    def __init__(self, local_time: str, timezone: str) -> None:
        parse_local_time(local_time), parse_timezone(timezone)  # fail now, not when firing
        self.local_time, self.timezone = local_time, timezone

    def get_next_fire_time(self, previous_fire_time: datetime | None,
                           now: datetime) -> datetime | None:
        if previous_fire_time is not None:
            start = max(previous_fire_time, now)
            return next_slot(self.local_time, self.timezone, start,
                             inclusive=start != previous_fire_time).at
        return next_slot(self.local_time, self.timezone, now).at

    def __str__(self) -> str:
        return f"slot[{self.local_time} {self.timezone}]"


def make_trigger(settings: DigestSettings) -> SlotTrigger:
    return SlotTrigger(settings.local_time, settings.timezone)


def slot_nonce(guild_id: int, key: str) -> str:
    """Discord's idempotency key for one post (a string of at most 25 characters)."""
    return "dg" + hashlib.sha256(f"{guild_id}:{key}".encode()).hexdigest()[:23]


def entry_nonce(entry: DigestLogEntry) -> str:
    return slot_nonce(entry.guild_id, entry.local_date or f"manual:{entry.id}")


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
    return False, problem_text(exc)


def problem_text(exc: BaseException) -> str:
    """A failure as an admin can read it: the bot's own messages as they are, anything
    else by kind only (no Python reprs, no paths)."""
    if isinstance(exc, EngineInputError | StoreError):
        return str(exc)
    return f"unexpected error ({type(exc).__name__}); details are in the bot's log"


def _is_digest_post(message: discord.Message, nonce: str) -> bool:
    """The bot's digest post for ``nonce``: by nonce when Discord echoes it, else by shape
    (a plain channel message, not an interaction answer, with the digest's footer)."""
    if message.nonce is not None:
        return str(message.nonce) == nonce
    if message.interaction_metadata is not None or message.webhook_id is not None:
        return False
    return any((e.footer.text or "").startswith("new since") for e in message.embeds)


class DigestService:
    """Owns the scheduler; every public coroutine logs its failures instead of raising them
    into the scheduler, so one server's problem never stops the others."""

    def __init__(
        self,
        *,
        store: Store,
        engine: Callable[[], Engine],
        send: Sender,
        find: Finder | None = None,
        run_cpu: RunCpu | None = None,
        grace: timedelta = timedelta(minutes=120),
        clock: Clock = utcnow,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        owns: Callable[[int], bool] | None = None,
    ) -> None:
        self.store = store
        self._engine = engine
        self._send = send
        self._find = find
        self._run_cpu = run_cpu or _to_thread
        self.grace = grace
        self.clock = clock
        self.retry_delays = tuple(retry_delays)
        #: whether a server's scheduled digest is this process's (its shard runs here)
        self.owns: Callable[[int], bool] = owns or (lambda _guild_id: True)
        self.scheduler: AsyncIOScheduler | None = None
        self._startup: asyncio.Task[None] | None = None
        self._stopping = False
        #: set once the loaded corpus is recorded as seen; a digest reads "new" after it
        self._synced = asyncio.Event()
        self._synced.set()

    @classmethod
    def for_bot(cls, bot: BriefBot, store: Store, **kwargs: Any) -> DigestService:
        async def send(channel_id: int, embeds: list[discord.Embed], nonce: str) -> int:
            # discord.py adds enforce_nonce: true whenever a nonce is given
            message = await bot.get_partial_messageable(channel_id).send(embeds=embeds,
                                                                         nonce=nonce)
            return message.id

        async def find(channel_id: int, after: datetime, nonce: str) -> int | None:
            me = bot.user.id if bot.user else None
            channel = bot.get_partial_messageable(channel_id)
            async for message in channel.history(limit=500, after=after - SLACK,
                                                 oldest_first=True):
                if message.author.id == me and _is_digest_post(message, nonce):
                    return message.id
            return None

        kwargs.setdefault("grace", timedelta(minutes=bot.settings.digest_grace_minutes))
        kwargs.setdefault("owns", bot.settings.owns_guild)
        return cls(store=store, engine=lambda: bot.engine, send=send, find=find,
                   run_cpu=bot.run_engine, **kwargs)

    # lifecycle ----------------------------------------------------------------------------
    async def start(self, *, sync: bool = False) -> None:
        """Schedule every enabled server, resume posts a stopped process left unfinished,
        and post any digest missed while the bot was down.

        With ``sync``, the corpus is recorded as seen in the start-up task rather than
        before it (20,000 documents took seconds before the bot could connect): until it
        is done, every digest waits for it before reading what is new (:meth:`build`).
        """
        if sync:
            self._synced.clear()
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        for settings in await self._db(self.store.enabled_settings):
            await self.schedule_or_record(settings)
        self.scheduler.start()
        self._startup = asyncio.create_task(self._start_up(), name="digest-catch-up")

    async def _start_up(self) -> None:
        if not self._synced.is_set():
            try:
                await self.sync_documents()
            except Exception:  # a failed record leaves "new" as it was; digests still run
                log.exception("could not record the corpus's documents as seen")
            finally:
                self._synced.set()
        await self.resume()
        await self.catch_up()

    async def catch_up(self) -> list[Outcome]:
        """Run every enabled server's due digest; one server's failure never stops the next."""
        outcomes = []
        for settings in await self._db(self.store.enabled_settings):
            if not self.owns(settings.guild_id):
                continue
            outcomes.append(await self._guarded(settings.guild_id, "catch-up"))
        return outcomes

    async def _guarded(self, guild_id: int, kind: str) -> Outcome:
        try:
            return await self.run_due(guild_id, kind=kind)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("digest %s for guild %s failed", kind, guild_id)
            detail = problem_text(exc)
            with contextlib.suppress(Exception):
                await self._db(self.store.record_error, guild_id, detail, self.clock())
            return Outcome("failed", detail)

    async def schedule_or_record(self, settings: DigestSettings) -> bool:
        """Schedule one server; a setting that cannot be used (a time zone this machine
        does not know) is recorded for that server's admins instead of raised."""
        try:
            self.schedule(settings)
        except Exception as exc:
            detail = problem_text(exc)
            log.error("digest for guild %s cannot be scheduled: %s", settings.guild_id, detail)
            await self._db(self.store.record_error, settings.guild_id, detail, self.clock())
            return False
        return True

    def shutdown(self) -> None:
        """Stop the scheduler; a post cut short stays "sending" and is resumed at next start."""
        self._stopping = True
        if self._startup is not None and not self._startup.done():
            self._startup.cancel()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None

    def schedule(self, settings: DigestSettings) -> None:
        if self.scheduler is None:
            return
        if not settings.enabled or not self.owns(settings.guild_id):
            # another process's shard holds this server: its digest is posted there
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
        await self._guarded(guild_id, "scheduled")  # never raises into the scheduler

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
        return await self._build_and_post(settings, log_id, settings.channel_id,
                                          slot_nonce(guild_id, slot.key))

    async def post_now(self, guild_id: int) -> Outcome:
        """/digest now: an extra post that claims no day slot."""
        settings = await self._db(self.store.get_settings, guild_id)
        if settings is None:
            return Outcome("disabled", "no digest channel set: use /digest set first")
        log_id = await self._db(self.store.start_manual, guild_id, settings.channel_id,
                                self.clock())
        return await self._build_and_post(settings, log_id, settings.channel_id,
                                          slot_nonce(guild_id, f"manual:{log_id}"))

    async def resume(self) -> list[Outcome]:
        """Settle every post a stopped process left "sending" (see the module docstring)."""
        outcomes = []
        for entry in await self._db(self.store.unfinished):
            if not self.owns(entry.guild_id):  # the owner's process resumes it
                continue
            try:
                outcomes.append(await self._resume(entry))
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.exception("resuming the digest of guild %s failed", entry.guild_id)
                detail = f"the bot stopped while posting this digest: {problem_text(exc)}"
                with contextlib.suppress(Exception):
                    await self._db(self.store.finish, entry.id, error=detail, now=self.clock())
                outcomes.append(Outcome("failed", detail, channel_id=entry.channel_id))
        return outcomes

    async def _resume(self, entry: DigestLogEntry) -> Outcome:
        nonce, now = entry_nonce(entry), self.clock()
        label = entry.local_date or "manual"
        found: int | None = None
        lookup_problem = "" if self._find is not None else "no way to read the channel"
        if self._find is not None:
            try:
                found = await self._find(entry.channel_id, entry.claimed_at, nonce)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                lookup_problem = describe_failure(exc, entry.channel_id)[1]
        if found is not None:
            log.info("digest %s for guild %s was posted before the bot stopped: recorded",
                     label, entry.guild_id)
            await self._db(self.store.finish, entry.id, message_id=found, now=now)
            return Outcome("posted", "found in the channel", found, entry.channel_id)
        due = entry.scheduled_for or entry.claimed_at
        settings = await self._db(self.store.get_settings, entry.guild_id)
        problem = ""
        if lookup_problem and now - entry.claimed_at > NONCE_WINDOW:
            problem = (f"the bot stopped while posting this digest and could not check the "
                       f"channel ({lookup_problem}); it may be missing")
        elif now - due > self.grace:
            problem = (f"the bot stopped while posting this digest; it was not in the channel "
                       f"and was {_minutes(now - due)} late at restart (grace "
                       f"{_minutes(self.grace)}): not posted")
        elif settings is None or not settings.enabled:
            problem = "the bot stopped while posting this digest and the digest is now off"
        if problem:
            log.warning("digest %s for guild %s: %s", label, entry.guild_id, problem)
            await self._db(self.store.finish, entry.id, error=problem, now=now)
            return Outcome("failed", problem, channel_id=entry.channel_id)
        assert settings is not None
        log.info("digest %s for guild %s was cut short when the bot stopped: posting it now",
                 label, entry.guild_id)
        return await self._build_and_post(settings, entry.id, entry.channel_id, nonce)

    async def build(self, guild_id: int, timezone: str | None = None) -> Digest:
        """The server's digest as it would be posted now (also /digest preview)."""
        settings = await self._db(self.store.get_settings, guild_id)
        last = await self._db(self.store.last_posted, guild_id)
        await self._synced.wait()
        first_seen = await self._db(self.store.first_seen)
        tz = timezone or (settings.timezone if settings else "UTC")
        return await self._run_cpu(build_digest, self._engine(), now=self.clock(),
                                   since=last.claimed_at if last else None,
                                   first_seen=first_seen, timezone=tz)

    async def _build_and_post(self, settings: DigestSettings, log_id: int, channel_id: int,
                              nonce: str) -> Outcome:
        try:
            digest = await self.build(settings.guild_id, settings.timezone)
            embeds = digest_embeds(digest)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("digest for guild %s could not be built", settings.guild_id)
            error = f"the digest could not be built ({problem_text(exc)})"
            await self._db(self.store.finish, log_id, error=error, now=self.clock())
            return Outcome("failed", error, channel_id=channel_id)
        outcome = await self._deliver(channel_id, embeds, nonce)
        await self._db(self.store.finish, log_id, message_id=outcome.message_id,
                       error=outcome.detail if outcome.status == "failed" else None,
                       new_documents=len(digest.new_documents) + digest.more_new,
                       now=self.clock())
        if outcome.status == "posted":
            log.info("digest posted for guild %s in channel %s", settings.guild_id, channel_id)
        else:
            log.warning("digest for guild %s not posted: %s", settings.guild_id, outcome.detail)
        return outcome

    async def _deliver(self, channel_id: int, embeds: list[discord.Embed],
                       nonce: str) -> Outcome:
        """Post with retries and backoff for transient errors; permanent ones stop at once.
        Every attempt carries the same nonce: a retry cannot create a second message."""
        attempts = len(self.retry_delays) + 1
        for attempt in range(attempts):
            try:
                message_id = await self._send(channel_id, embeds, nonce)
                return Outcome("posted", message_id=message_id, channel_id=channel_id)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self._stopping:  # the session closed under us: resumed at next start
                    raise asyncio.CancelledError from exc
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
