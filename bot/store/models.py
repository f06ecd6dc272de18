"""The current schema as SQLAlchemy 2 models (history lives in :mod:`bot.store.migrations`).

Times are stored as UTC; SQLite drops the zone, so :func:`utc` puts it back on read.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite returns it naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class SchemaVersion(Base):
    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GuildDigestRow(Base):
    """One server's digest settings and its last posting error (shown by /digest show)."""

    __tablename__ = "guild_digest"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    local_time: Mapped[str] = mapped_column(String(5))  # "HH:MM", 24-hour
    timezone: Mapped[str] = mapped_column(String(64))  # IANA name
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DigestLogRow(Base):
    """A digest slot (server, local date) claimed once; the row records how the post went.

    Manual posts (``/digest now``) have ``local_date`` NULL: they claim no slot.
    """

    __tablename__ = "digest_log"
    __table_args__ = (UniqueConstraint("guild_id", "local_date", name="uq_digest_slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, index=True)
    local_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    kind: Mapped[str] = mapped_column(String(16))  # scheduled | catch-up | manual
    channel_id: Mapped[int] = mapped_column(BigInteger)
    scheduled_for: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                           nullable=True)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))  # sending | posted | failed
    posted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_documents: Mapped[int] = mapped_column(Integer, default=0)


class DocumentSeenRow(Base):
    """When the bot first saw a document: "new since the last digest" is read from here."""

    __tablename__ = "documents_seen"

    doc_id: Mapped[str] = mapped_column(String(512), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
