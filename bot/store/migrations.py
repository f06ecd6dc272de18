"""Versioned schema migrations recorded in ``schema_version``.

Alembic would do this too; a short ordered list is enough for three tables and keeps
the bot free of another dependency and of migration scripts on disk. Each migration
is a function of a connection inside one transaction; it describes the tables as they
were *at that version* (never the current models), so old databases upgrade step by
step. Add a migration to change the schema; never edit an applied one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, OperationalError

log = logging.getLogger(__name__)

Migration = Callable[[Connection], None]


class StoreError(Exception):
    """The database cannot be used by this version; the message names it and says why."""


class SchemaTooNew(StoreError):
    """The database was written by a newer briefbot: refusing is safer than guessing."""


def _v1_initial(conn: Connection) -> None:
    md = MetaData()
    Table(
        "guild_digest", md,
        Column("guild_id", BigInteger, primary_key=True, autoincrement=False),
        Column("channel_id", BigInteger, nullable=False),
        Column("local_time", String(5), nullable=False),
        Column("timezone", String(64), nullable=False),
        Column("enabled", Boolean, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("last_error", Text, nullable=True),
        Column("last_error_at", DateTime(timezone=True), nullable=True),
    )
    Table(
        "digest_log", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("guild_id", BigInteger, nullable=False, index=True),
        Column("local_date", String(10), nullable=True),
        Column("kind", String(16), nullable=False),
        Column("channel_id", BigInteger, nullable=False),
        Column("scheduled_for", DateTime(timezone=True), nullable=True),
        Column("claimed_at", DateTime(timezone=True), nullable=False),
        Column("status", String(16), nullable=False),
        Column("posted_at", DateTime(timezone=True), nullable=True),
        Column("message_id", BigInteger, nullable=True),
        Column("error", Text, nullable=True),
        Column("new_documents", Integer, nullable=False),
        UniqueConstraint("guild_id", "local_date", name="uq_digest_slot"),
    )
    Table(
        "documents_seen", md,
        Column("doc_id", String(512), primary_key=True),
        Column("content_hash", String(64), nullable=False),
        Column("first_seen", DateTime(timezone=True), nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        Column("removed_at", DateTime(timezone=True), nullable=True),
    )
    md.create_all(conn)


def _v2_feeds(conn: Connection) -> None:
    """Feed subscriptions, fetch state, items seen, posts made, place follows and the
    place notes waiting for their hour. Databases from before this step may already
    hold the first five tables (the previous release created them on open): those
    are kept, and the column they lack (a subscription's keyword filter) is added."""
    md = MetaData()
    Table(
        "feed", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("url", String(2048), nullable=False, unique=True),
        Column("title", Text, nullable=False),
        Column("etag", Text, nullable=True),
        Column("last_modified", Text, nullable=True),
        Column("last_fetch_at", DateTime(timezone=True), nullable=True),
        Column("last_success_at", DateTime(timezone=True), nullable=True),
        Column("items", Integer, nullable=False),
        Column("last_error", Text, nullable=True),
        Column("errors", Integer, nullable=False),
        Column("next_fetch_at", DateTime(timezone=True), nullable=False),
        Column("gone", Boolean, nullable=False),
    )
    Table(
        "feed_subscription", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("guild_id", BigInteger, nullable=False, index=True),
        Column("feed_id", Integer, ForeignKey("feed.id", ondelete="CASCADE"), nullable=False,
               index=True),
        Column("channel_id", BigInteger, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("keywords", Text, nullable=False, server_default=""),
        UniqueConstraint("guild_id", "feed_id", name="uq_feed_subscription"),
    )
    Table(
        "feed_item_seen", md,
        Column("feed_id", Integer, ForeignKey("feed.id", ondelete="CASCADE"),
               primary_key=True),
        Column("guid", String(1024), primary_key=True),
        Column("first_seen", DateTime(timezone=True), nullable=False),
    )
    Table(
        "feed_post", md,
        Column("channel_id", BigInteger, primary_key=True, autoincrement=False),
        Column("doc_id", String(512), primary_key=True),
        Column("posted_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "place_follow", md,
        Column("guild_id", BigInteger, primary_key=True, autoincrement=False),
        Column("place", String(256), primary_key=True),
        Column("name", String(256), nullable=False),
        Column("channel_id", BigInteger, nullable=False),
        Column("last_posted_at", DateTime(timezone=True), nullable=True),
    )
    Table(
        "place_note_pending", md,
        Column("guild_id", BigInteger, primary_key=True, autoincrement=False),
        Column("place", String(256), primary_key=True),
        Column("doc_id", String(512), primary_key=True),
        Column("title", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("url", Text, nullable=False),
        Column("published", String(64), nullable=False),
        Column("queued_at", DateTime(timezone=True), nullable=False),
    )
    md.create_all(conn)  # checkfirst: tables from before this step are kept
    have = {c["name"] for c in inspect(conn).get_columns("feed_subscription")}
    if "keywords" not in have:
        conn.execute(text("ALTER TABLE feed_subscription ADD COLUMN keywords TEXT NOT NULL "
                          "DEFAULT ''"))


#: (version, migration), applied in order; the list only ever grows.
MIGRATIONS: tuple[tuple[int, Migration], ...] = ((1, _v1_initial), (2, _v2_feeds))

_version_table = Table(
    "schema_version", MetaData(),
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


def latest_version(migrations: Sequence[tuple[int, Migration]] = MIGRATIONS) -> int:
    return max(number for number, _ in migrations)


def current_version(engine: Engine) -> int:
    if not inspect(engine).has_table("schema_version"):
        return 0
    with engine.connect() as conn:
        versions = conn.execute(select(_version_table.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(engine: Engine, migrations: Sequence[tuple[int, Migration]] = MIGRATIONS, *,
            name: str = "") -> int:
    """Apply every migration newer than the database, each in its own transaction.

    A database at a version this code does not know (written by a newer briefbot) is
    refused before anything is written: its tables may have columns this code would
    violate.
    """
    if engine.dialect.name == "sqlite":
        return _migrate_sqlite(engine, migrations, name)
    with _migration_lock(engine):
        return _migrate(engine, migrations, name)


def _migrate_sqlite(engine: Engine, migrations: Sequence[tuple[int, Migration]],
                    name: str) -> int:
    """SQLite has no advisory lock: a process that loses a race with another one migrating
    the same file (table already there, version already recorded, database locked) reads
    the version again and carries on from there.

    The back-off below is a blocking ``time.sleep``, safe because no store is opened on an
    event loop: the bot opens both (``Store``, ``FeedStore``, whose constructors migrate)
    through ``asyncio.to_thread`` in ``cogs/digest.py`` and ``cogs/feeds.py``; nothing else
    in bot/ opens one (the feed benchmark does so through ``asyncio.to_thread`` too).
    tests/test_store_off_loop.py fails if the bot's migration or this sleep ever runs on
    the loop's thread."""
    for attempt in range(3):
        try:
            return _migrate(engine, migrations, name)
        except (OperationalError, IntegrityError) as exc:
            reason = str(getattr(exc, "orig", exc)).lower()
            racing = ("already exists" in reason or "unique" in reason or "locked" in reason)
            if not racing or attempt == 2:
                raise
            log.info("another process is migrating %s; reading its version again", name)
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


#: the PostgreSQL advisory lock key held while migrating ("briefbot" in ASCII)
MIGRATION_LOCK_KEY = 0x6272696566626F74


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Several processes starting at once migrate one at a time: on PostgreSQL a session
    advisory lock (the others wait, then find the schema current); SQLite's own write
    lock and the version table's primary key serialise the steps there."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            conn.commit()


def _migrate(engine: Engine, migrations: Sequence[tuple[int, Migration]], name: str) -> int:
    version = current_version(engine)
    newest = latest_version(migrations)
    if version > newest:
        raise SchemaTooNew(
            f"database {name or engine.url} has schema version {version}, newer than this "
            f"briefbot's {newest}: upgrade briefbot or point DATABASE_URL at another database")
    if version == newest:
        return version
    _version_table.metadata.create_all(engine, tables=[_version_table])
    for number, step in migrations:
        if number <= version:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(_version_table.insert().values(version=number,
                                                        applied_at=datetime.now(UTC)))
        log.info("database migrated to schema version %d", number)
        version = number
    return version
