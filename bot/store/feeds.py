"""Feed subscriptions, each feed's fetch state, items seen, posts made and place notes.

Its tables live beside the digest tables in the same database and are made by the
migration steps of :mod:`bot.store.migrations` (opening a store migrates the database
as :class:`bot.store.Store` does); a change of shape here needs a new step there.
Calls are short synchronous transactions; async callers run them in a thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from bot.store import _sqlite_pragmas, describe_database
from bot.store.migrations import migrate
from bot.store.models import utc

log = logging.getLogger(__name__)


class FeedBase(DeclarativeBase):
    pass


class FeedRow(FeedBase):
    """One feed URL, fetched once however many servers follow it."""

    __tablename__ = "feed"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_fetch_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                             nullable=True)
    items: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    next_fetch_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    gone: Mapped[bool] = mapped_column(Boolean, default=False)


class FeedSubscriptionRow(FeedBase):
    __tablename__ = "feed_subscription"
    __table_args__ = (UniqueConstraint("guild_id", "feed_id", name="uq_feed_subscription"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, index=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feed.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: comma-separated words or phrases; when set, only articles naming one are posted
    keywords: Mapped[str] = mapped_column(Text, default="", server_default="")


class FeedItemSeenRow(FeedBase):
    """An entry (by GUID) a feed has listed: never posted again, even if re-published."""

    __tablename__ = "feed_item_seen"

    feed_id: Mapped[int] = mapped_column(ForeignKey("feed.id", ondelete="CASCADE"),
                                         primary_key=True)
    guid: Mapped[str] = mapped_column(String(1024), primary_key=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FeedPostRow(FeedBase):
    """A document announced in a channel: one story reaches a channel once, whatever
    feeds carried it."""

    __tablename__ = "feed_post"

    channel_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(512), primary_key=True)
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PlaceFollowRow(FeedBase):
    """/follow: a channel hears about new articles that mention a place."""

    __tablename__ = "place_follow"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    place: Mapped[str] = mapped_column(String(256), primary_key=True)  # gazetteer key
    name: Mapped[str] = mapped_column(String(256))
    channel_id: Mapped[int] = mapped_column(BigInteger)
    last_posted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                            nullable=True)


class PlaceNotePendingRow(FeedBase):
    """An article waiting for its place's next note (at most one note per interval):
    kept here, not in memory, so a restart posts it, once."""

    __tablename__ = "place_note_pending"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    place: Mapped[str] = mapped_column(String(256), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(512), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    published: Mapped[str] = mapped_column(String(64))
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class NoteItem:
    """One article of a place note (what the note lists about it)."""

    doc_id: str
    title: str
    source: str
    url: str
    published: str


@dataclass(frozen=True)
class FeedState:
    id: int
    url: str
    title: str
    etag: str | None
    last_modified: str | None
    last_fetch_at: datetime | None
    last_success_at: datetime | None
    items: int
    last_error: str | None
    errors: int
    next_fetch_at: datetime
    gone: bool

    @classmethod
    def of(cls, row: FeedRow) -> FeedState:
        return cls(row.id, row.url, row.title, row.etag, row.last_modified,
                   utc(row.last_fetch_at), utc(row.last_success_at), row.items, row.last_error,
                   row.errors, utc(row.next_fetch_at), row.gone)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Subscription:
    guild_id: int
    channel_id: int
    feed: FeedState
    keywords: str = ""


@dataclass(frozen=True)
class PlaceFollow:
    guild_id: int
    place: str
    name: str
    channel_id: int
    last_posted_at: datetime | None


def _now() -> datetime:
    return datetime.now(UTC)


class FeedStore:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine, name=describe_database(url))
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # subscriptions ---------------------------------------------------------------
    def subscribe(self, guild_id: int, url: str, channel_id: int,
                  now: datetime | None = None, keywords: str = "") -> tuple[Subscription, bool]:
        """(the subscription, whether it is new); a repeated add moves it to ``channel_id``
        and replaces its keyword filter."""
        now = now or _now()
        with self._session.begin() as s:
            feed = s.scalar(select(FeedRow).where(FeedRow.url == url))
            if feed is None:
                feed = FeedRow(url=url, title="", items=0, errors=0, next_fetch_at=now,
                               gone=False)
                s.add(feed)
                s.flush()
            elif feed.gone:  # re-added after a 410: try it again
                feed.gone, feed.next_fetch_at, feed.errors = False, now, 0
            sub = s.scalar(select(FeedSubscriptionRow).where(
                FeedSubscriptionRow.guild_id == guild_id, FeedSubscriptionRow.feed_id == feed.id))
            created = sub is None
            if sub is None:
                sub = FeedSubscriptionRow(guild_id=guild_id, feed_id=feed.id,
                                          channel_id=channel_id, created_at=now)
                s.add(sub)
            sub.channel_id, sub.keywords = channel_id, keywords
            s.flush()
            return Subscription(guild_id, channel_id, FeedState.of(feed), keywords), created

    def unsubscribe(self, guild_id: int, url: str) -> bool:
        with self._session.begin() as s:
            feed = s.scalar(select(FeedRow).where(FeedRow.url == url))
            if feed is None:
                return False
            gone = s.execute(delete(FeedSubscriptionRow).where(
                FeedSubscriptionRow.guild_id == guild_id,
                FeedSubscriptionRow.feed_id == feed.id)).rowcount
            left = s.scalar(select(func.count()).select_from(FeedSubscriptionRow)
                            .where(FeedSubscriptionRow.feed_id == feed.id))
            if not left:  # nobody follows it any more: forget it and what it listed
                s.execute(delete(FeedItemSeenRow).where(FeedItemSeenRow.feed_id == feed.id))
                s.delete(feed)
            return bool(gone)

    def subscriptions(self, guild_id: int | None = None,
                      feed_id: int | None = None) -> list[Subscription]:
        with self._session() as s:
            query = select(FeedSubscriptionRow, FeedRow).join(
                FeedRow, FeedRow.id == FeedSubscriptionRow.feed_id)
            if guild_id is not None:
                query = query.where(FeedSubscriptionRow.guild_id == guild_id)
            if feed_id is not None:
                query = query.where(FeedSubscriptionRow.feed_id == feed_id)
            rows = s.execute(query.order_by(FeedSubscriptionRow.id)).all()
            return [Subscription(sub.guild_id, sub.channel_id, FeedState.of(feed), sub.keywords)
                    for sub, feed in rows]

    # polling ---------------------------------------------------------------------
    def feed(self, feed_id: int) -> FeedState | None:
        with self._session() as s:
            row = s.get(FeedRow, feed_id)
            return FeedState.of(row) if row else None

    def due(self, now: datetime | None = None) -> list[FeedState]:
        now = now or _now()
        with self._session() as s:
            rows = s.scalars(select(FeedRow).where(FeedRow.next_fetch_at <= now,
                                                   FeedRow.gone.is_(False))
                             .order_by(FeedRow.next_fetch_at))
            return [FeedState.of(r) for r in rows]

    def next_due(self) -> datetime | None:
        with self._session() as s:
            when = s.scalar(select(func.min(FeedRow.next_fetch_at))
                            .where(FeedRow.gone.is_(False)))
            return utc(when)

    def record_fetch(self, feed_id: int, *, now: datetime, next_fetch_at: datetime,
                     error: str | None = None, etag: str | None = None,
                     last_modified: str | None = None, items: int | None = None,
                     title: str | None = None, gone: bool = False) -> None:
        """A fetch's outcome: a success clears the error count, a failure adds to it."""
        with self._session.begin() as s:
            row = s.get(FeedRow, feed_id)
            if row is None:
                return
            row.last_fetch_at, row.next_fetch_at = now, next_fetch_at
            if error is None:
                row.last_success_at, row.last_error, row.errors = now, None, 0
                if etag is not None or last_modified is not None:
                    row.etag, row.last_modified = etag, last_modified
                if items is not None:
                    row.items = items
                if title:
                    row.title = title[:500]
            else:
                row.last_error, row.errors, row.gone = error, row.errors + 1, gone

    def unseen(self, feed_id: int, guids: Iterable[str], now: datetime | None = None) -> set[str]:
        """Mark ``guids`` seen for the feed; return the ones it had not listed before."""
        now = now or _now()
        guids = list(dict.fromkeys(g[:1024] for g in guids))
        with self._session.begin() as s:
            known = set(s.scalars(select(FeedItemSeenRow.guid).where(
                FeedItemSeenRow.feed_id == feed_id)))
            fresh = [g for g in guids if g not in known]
            if fresh:  # one executemany: a first fetch of 50 entries is one statement
                s.execute(insert(FeedItemSeenRow), [
                    {"feed_id": feed_id, "guid": g, "first_seen": now} for g in fresh])
            return set(fresh)

    def unposted(self, channel_id: int, doc_ids: Iterable[str]) -> list[str]:
        doc_ids = list(dict.fromkeys(doc_ids))
        with self._session() as s:
            posted = set(s.scalars(select(FeedPostRow.doc_id).where(
                FeedPostRow.channel_id == channel_id, FeedPostRow.doc_id.in_(doc_ids))))
        return [d for d in doc_ids if d not in posted]

    def record_posts(self, channel_id: int, doc_ids: Iterable[str],
                     now: datetime | None = None) -> None:
        now = now or _now()
        for doc_id in doc_ids:
            try:
                with self._session.begin() as s:
                    s.add(FeedPostRow(channel_id=channel_id, doc_id=doc_id, posted_at=now))
            except IntegrityError:
                continue

    # place follows ---------------------------------------------------------------
    def follow(self, guild_id: int, place: str, name: str, channel_id: int) -> None:
        with self._session.begin() as s:
            row = s.get(PlaceFollowRow, (guild_id, place))
            if row is None:
                s.add(PlaceFollowRow(guild_id=guild_id, place=place, name=name,
                                     channel_id=channel_id))
            else:
                row.channel_id, row.name = channel_id, name

    def unfollow(self, guild_id: int, name: str) -> bool:
        """Stop following a place, given by key or by the name shown (its waiting notes
        go too)."""
        with self._session.begin() as s:
            places = list(s.scalars(select(PlaceFollowRow.place).where(
                PlaceFollowRow.guild_id == guild_id,
                (PlaceFollowRow.place == name) | (PlaceFollowRow.name == name))))
            if not places:
                return False
            s.execute(delete(PlaceNotePendingRow).where(
                PlaceNotePendingRow.guild_id == guild_id,
                PlaceNotePendingRow.place.in_(places)))
            s.execute(delete(PlaceFollowRow).where(PlaceFollowRow.guild_id == guild_id,
                                                   PlaceFollowRow.place.in_(places)))
            return True

    def follows(self, guild_id: int | None = None) -> list[PlaceFollow]:
        with self._session() as s:
            query = select(PlaceFollowRow)
            if guild_id is not None:
                query = query.where(PlaceFollowRow.guild_id == guild_id)
            return [PlaceFollow(r.guild_id, r.place, r.name, r.channel_id, utc(r.last_posted_at))
                    for r in s.scalars(query.order_by(PlaceFollowRow.place))]

    def queue_notes(self, guild_id: int, place: str, items: Iterable[NoteItem],
                    now: datetime | None = None) -> int:
        """Hold articles for the place's next note; an article already held is not
        held twice. Returns how many were new."""
        now = now or _now()
        with self._session.begin() as s:
            held = set(s.scalars(select(PlaceNotePendingRow.doc_id).where(
                PlaceNotePendingRow.guild_id == guild_id, PlaceNotePendingRow.place == place)))
            fresh = [i for i in dict((i.doc_id, i) for i in items).values()
                     if i.doc_id not in held]
            s.add_all(PlaceNotePendingRow(guild_id=guild_id, place=place, doc_id=i.doc_id,
                                          title=i.title, source=i.source, url=i.url,
                                          published=i.published[:64], queued_at=now)
                      for i in fresh)
            return len(fresh)

    def pending_notes(self) -> dict[tuple[int, str], list[NoteItem]]:
        """(server, place) -> the articles held for its next note, oldest first."""
        out: dict[tuple[int, str], list[NoteItem]] = {}
        with self._session() as s:
            rows = s.scalars(select(PlaceNotePendingRow).order_by(
                PlaceNotePendingRow.guild_id, PlaceNotePendingRow.place,
                PlaceNotePendingRow.queued_at, PlaceNotePendingRow.doc_id))
            for r in rows:
                out.setdefault((r.guild_id, r.place), []).append(
                    NoteItem(r.doc_id, r.title, r.source, r.url, r.published))
        return out

    def notes_posted(self, guild_id: int, place: str, doc_ids: Iterable[str],
                     now: datetime) -> None:
        """The note listing ``doc_ids`` was posted: forget them and start the interval,
        in one transaction."""
        with self._session.begin() as s:
            s.execute(delete(PlaceNotePendingRow).where(
                PlaceNotePendingRow.guild_id == guild_id, PlaceNotePendingRow.place == place,
                PlaceNotePendingRow.doc_id.in_(list(doc_ids))))
            row = s.get(PlaceFollowRow, (guild_id, place))
            if row is not None:
                row.last_posted_at = now
