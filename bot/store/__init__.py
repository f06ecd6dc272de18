"""Persistent state behind one small API: digest settings, the digest log, documents seen.

``Store(url)`` takes any SQLAlchemy URL (SQLite by default, PostgreSQL when a
deployment outgrows one machine) and migrates the schema on open. Calls are short
synchronous transactions; async callers run them with ``asyncio.to_thread``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import create_engine, event, make_url, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.store.migrations import SchemaTooNew, StoreError, latest_version, migrate
from bot.store.models import DigestLogRow, DocumentSeenRow, GuildDigestRow, utc

log = logging.getLogger(__name__)

__all__ = ["DigestLogEntry", "DigestSettings", "DocumentChanges", "SchemaTooNew", "Store",
           "StoreError"]


@dataclass(frozen=True)
class DigestSettings:
    guild_id: int
    channel_id: int
    local_time: str
    timezone: str
    enabled: bool
    updated_at: datetime
    last_error: str | None = None
    last_error_at: datetime | None = None

    @classmethod
    def of(cls, row: GuildDigestRow) -> DigestSettings:
        return cls(row.guild_id, row.channel_id, row.local_time, row.timezone, row.enabled,
                   utc(row.updated_at), row.last_error, utc(row.last_error_at))  # type: ignore[arg-type]


@dataclass(frozen=True)
class DigestLogEntry:
    id: int
    guild_id: int
    local_date: str | None
    kind: str
    channel_id: int
    status: str
    claimed_at: datetime
    scheduled_for: datetime | None = None
    posted_at: datetime | None = None
    message_id: int | None = None
    error: str | None = None
    new_documents: int = 0

    @classmethod
    def of(cls, row: DigestLogRow) -> DigestLogEntry:
        return cls(row.id, row.guild_id, row.local_date, row.kind, row.channel_id, row.status,
                   utc(row.claimed_at), utc(row.scheduled_for), utc(row.posted_at),  # type: ignore[arg-type]
                   row.message_id, row.error, row.new_documents)


@dataclass
class DocumentChanges:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC)


def describe_database(url: str) -> str:
    """The database as an operator knows it: the file for SQLite, else the URL without
    its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


class Store:
    """Opening checks the database: one this version cannot use (written by a newer
    briefbot, corrupt, unreadable) raises :class:`StoreError` naming it. One that can be
    read but not written (read-only file, full disk) opens with ``problem`` set, so the
    bot starts, says so, and refuses changes with that reason."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = describe_database(url)
        self.problem: str | None = None  # for the operator's log: names the database
        self.user_problem: str | None = None  # for /digest show: no paths
        try:
            self.engine = create_engine(url)
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"database {self.name}: cannot open it ({exc})") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self.version = migrate(self.engine, name=self.name)
            self._probe_write()
        except StoreError:
            self.engine.dispose()
            raise
        except SQLAlchemyError as exc:
            reason = _db_reason(exc)
            if not _write_problem(reason):
                self.engine.dispose()
                raise StoreError(f"database {self.name} cannot be used: {reason}") from exc
            self.version = self._readable_version(reason)
            self.problem = (f"the database {self.name} cannot be written ({reason}): "
                            f"settings cannot change and digests cannot be recorded")
            self.user_problem = (f"the bot's database cannot be written ({reason}): digest "
                                 f"settings cannot change and digests are not posted until "
                                 f"the bot's operator fixes it")
            log.error("%s", self.problem)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def _probe_write(self) -> None:
        """Write and roll back: a read-only file or a full disk shows now, not at 08:00."""
        from bot.store.migrations import _version_table

        with self.engine.connect() as conn, conn.begin() as tx:
            conn.execute(_version_table.insert().values(version=-1, applied_at=_now()))
            tx.rollback()

    def _readable_version(self, reason: str) -> int:
        """A read-only database is usable only if it is already at this version."""
        from bot.store.migrations import current_version

        try:
            version = current_version(self.engine)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"database {self.name} cannot be used: {_db_reason(exc)}") from exc
        if version != latest_version():
            self.engine.dispose()
            raise StoreError(f"database {self.name} is at schema version {version}, this "
                             f"briefbot needs {latest_version()}, and it cannot be upgraded: "
                             f"{reason}")
        return version

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._session()

    # settings -----------------------------------------------------------------------
    def get_settings(self, guild_id: int) -> DigestSettings | None:
        with self.session() as s:
            row = s.get(GuildDigestRow, guild_id)
            return DigestSettings.of(row) if row else None

    def enabled_settings(self) -> list[DigestSettings]:
        with self.session() as s:
            rows = s.scalars(select(GuildDigestRow).where(GuildDigestRow.enabled.is_(True))
                             .order_by(GuildDigestRow.guild_id))
            return [DigestSettings.of(r) for r in rows]

    def set_settings(self, guild_id: int, channel_id: int, local_time: str, timezone: str,
                     now: datetime | None = None) -> DigestSettings:
        """Enable the digest (a new setting also clears the last error: it may be fixed)."""
        now = now or _now()
        with self._session.begin() as s:
            row = s.get(GuildDigestRow, guild_id)
            if row is None:
                row = GuildDigestRow(guild_id=guild_id)
                s.add(row)
            row.channel_id, row.local_time, row.timezone = channel_id, local_time, timezone
            row.enabled, row.updated_at = True, now
            row.last_error = row.last_error_at = None
            s.flush()
            return DigestSettings.of(row)

    def disable(self, guild_id: int, now: datetime | None = None) -> bool:
        with self._session.begin() as s:
            row = s.get(GuildDigestRow, guild_id)
            if row is None or not row.enabled:
                return False
            row.enabled, row.updated_at = False, now or _now()
            return True

    def record_error(self, guild_id: int, message: str | None,
                     now: datetime | None = None) -> None:
        """Remember the last posting problem (None clears it after a success)."""
        with self._session.begin() as s:
            row = s.get(GuildDigestRow, guild_id)
            if row is not None:
                row.last_error = message
                row.last_error_at = (now or _now()) if message else None

    # digest log -----------------------------------------------------------------------
    def claim_slot(self, guild_id: int, local_date: str, channel_id: int,
                   scheduled_for: datetime, kind: str = "scheduled",
                   now: datetime | None = None) -> int | None:
        """Claim (server, local date); the new log row's id, or None when already claimed.

        The unique constraint decides: two jobs, two processes or a restart racing for
        the same slot cannot both win.
        """
        row = DigestLogRow(guild_id=guild_id, local_date=local_date, kind=kind,
                           channel_id=channel_id, scheduled_for=scheduled_for,
                           claimed_at=now or _now(), status="sending", new_documents=0)
        try:
            with self._session.begin() as s:
                s.add(row)
        except IntegrityError:
            if self.slot(guild_id, local_date) is None:  # not the slot: a real failure
                raise
            return None
        return row.id

    def start_manual(self, guild_id: int, channel_id: int, now: datetime | None = None) -> int:
        """A /digest now post: logged, but claims no day slot."""
        row = DigestLogRow(guild_id=guild_id, local_date=None, kind="manual",
                           channel_id=channel_id, claimed_at=now or _now(), status="sending",
                           new_documents=0)
        with self._session.begin() as s:
            s.add(row)
        return row.id

    def finish(self, log_id: int, *, message_id: int | None = None, error: str | None = None,
               new_documents: int = 0, now: datetime | None = None) -> None:
        """Record how the claimed post went: posted (with its message) or failed."""
        now = now or _now()
        with self._session.begin() as s:
            row = s.get(DigestLogRow, log_id)
            if row is None:
                return
            row.new_documents = new_documents
            if error is None:
                row.status, row.posted_at, row.message_id, row.error = (
                    "posted", now, message_id, None)
            else:
                row.status, row.error = "failed", error
            guild = s.get(GuildDigestRow, row.guild_id)
            if guild is not None:
                guild.last_error = error
                guild.last_error_at = now if error else None

    def slot(self, guild_id: int, local_date: str) -> DigestLogEntry | None:
        with self.session() as s:
            row = s.scalar(select(DigestLogRow).where(DigestLogRow.guild_id == guild_id,
                                                      DigestLogRow.local_date == local_date))
            return DigestLogEntry.of(row) if row else None

    def unfinished(self) -> list[DigestLogEntry]:
        """Posts a stopped process left "sending", oldest first."""
        with self.session() as s:
            rows = s.scalars(select(DigestLogRow).where(DigestLogRow.status == "sending")
                             .order_by(DigestLogRow.id))
            return [DigestLogEntry.of(r) for r in rows]

    def last_posted(self, guild_id: int) -> DigestLogEntry | None:
        """The server's latest successful digest (its time is "since" for the next one)."""
        with self.session() as s:
            row = s.scalar(select(DigestLogRow)
                           .where(DigestLogRow.guild_id == guild_id,
                                  DigestLogRow.status == "posted")
                           .order_by(DigestLogRow.posted_at.desc(), DigestLogRow.id.desc())
                           .limit(1))
            return DigestLogEntry.of(row) if row else None

    def history(self, guild_id: int, limit: int = 5) -> list[DigestLogEntry]:
        with self.session() as s:
            rows = s.scalars(select(DigestLogRow).where(DigestLogRow.guild_id == guild_id)
                             .order_by(DigestLogRow.id.desc()).limit(limit))
            return [DigestLogEntry.of(r) for r in rows]

    # documents seen ----------------------------------------------------------------------
    def sync_documents(self, hashes: Mapping[str, str],
                       now: datetime | None = None) -> DocumentChanges:
        """Record the corpus as it is now: first-seen times for new documents, changes, removals.

        Shard processes loading the same corpus at once race to insert the same rows: the
        loser's transaction is rolled back and run again, finding the winner's rows.
        """
        now = now or _now()
        for attempt in range(3):
            try:
                return self._sync_documents(hashes, now)
            except IntegrityError:
                if attempt == 2:
                    raise
                log.debug("documents seen: another process recorded them first; reading again")
        raise AssertionError("unreachable")  # pragma: no cover

    def _sync_documents(self, hashes: Mapping[str, str], now: datetime) -> DocumentChanges:
        changes = DocumentChanges()
        with self._session.begin() as s:
            rows = {r.doc_id: r for r in s.scalars(select(DocumentSeenRow))}
            for doc_id, digest in hashes.items():
                row = rows.get(doc_id)
                if row is None:
                    s.add(DocumentSeenRow(doc_id=doc_id, content_hash=digest, first_seen=now,
                                          changed_at=now))
                    changes.added.append(doc_id)
                elif row.removed_at is not None:  # back again: new to readers once more
                    row.removed_at, row.first_seen, row.changed_at = None, now, now
                    row.content_hash = digest
                    changes.added.append(doc_id)
                elif row.content_hash != digest:
                    row.content_hash, row.changed_at = digest, now
                    changes.changed.append(doc_id)
            for doc_id, row in rows.items():
                if doc_id not in hashes and row.removed_at is None:
                    row.removed_at = now
                    changes.removed.append(doc_id)
        return changes

    def first_seen(self) -> dict[str, datetime]:
        with self.session() as s:
            rows = s.scalars(select(DocumentSeenRow).where(DocumentSeenRow.removed_at.is_(None)))
            return {r.doc_id: utc(r.first_seen) for r in rows}  # type: ignore[misc]


def _db_reason(exc: SQLAlchemyError) -> str:
    """The driver's own words (e.g. "attempt to write a readonly database"), no SQL."""
    orig = getattr(exc, "orig", None)
    return str(orig) if orig is not None else type(exc).__name__


def _write_problem(reason: str) -> bool:
    return any(w in reason.lower() for w in ("readonly", "read-only", "read only", "full"))


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """WAL lets readers run while a digest is being recorded; wait rather than fail on a lock."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
