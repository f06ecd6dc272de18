"""The feed tables: made by a migration step (SQLite and PostgreSQL), and place notes
that wait in the database, so a stop loses none and a restart posts each once."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    UniqueConstraint,
    create_engine,
    inspect,
    text,
)

from bot.corpus.feeds.follow import PlaceNotifier
from bot.localdiscord import DEFAULT_GENERAL_ID, run_bot
from bot.store import Store
from bot.store.feeds import FeedBase, FeedStore, NoteItem
from bot.store.migrations import MIGRATIONS, current_version, latest_version, migrate
from tests.bot_factory import bot_factory

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
OLD_FEED_TABLES = ("feed", "feed_subscription", "feed_item_seen", "feed_post", "place_follow")


def _schema_matches_the_models(engine) -> None:
    insp = inspect(engine)
    for table in FeedBase.metadata.sorted_tables:
        assert insp.has_table(table.name), table.name
        columns = {c["name"] for c in insp.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name


def test_a_database_from_before_the_feeds_gets_their_tables(db_url: str) -> None:
    engine = create_engine(db_url)
    assert migrate(engine, MIGRATIONS[:1]) == 1  # briefbot before the feed step
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO guild_digest VALUES (1, 10, '09:00', 'UTC', true, "
                          ":t, NULL, NULL)"), {"t": T0})
    assert not inspect(engine).has_table("feed")
    engine.dispose()
    store = FeedStore(db_url)
    try:
        assert current_version(store.engine) == latest_version() >= 2
        _schema_matches_the_models(store.engine)
        sub, created = store.subscribe(7, "https://example.com/feed.xml", 70, T0)
        assert created and store.subscriptions(7)[0].feed.url == sub.feed.url
        digest = Store(db_url)  # the digest store sees the same version: nothing to do
        assert digest.version == latest_version() and digest.get_settings(1) is not None
        digest.close()
    finally:
        store.close()


def test_feed_tables_an_older_briefbot_created_on_open_are_kept(db_url: str) -> None:
    engine = create_engine(db_url)
    migrate(engine, MIGRATIONS[:1])
    # the previous release created these five tables itself, outside the migrations,
    # its subscriptions without a keyword filter
    old = MetaData()
    for name in OLD_FEED_TABLES:
        if name != "feed_subscription":
            FeedBase.metadata.tables[name].to_metadata(old)
    Table("feed_subscription", old,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("guild_id", BigInteger, nullable=False, index=True),
          Column("feed_id", ForeignKey("feed.id", ondelete="CASCADE"), nullable=False),
          Column("channel_id", BigInteger, nullable=False),
          Column("created_at", DateTime(timezone=True), nullable=False),
          UniqueConstraint("guild_id", "feed_id", name="uq_feed_subscription"))
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO place_follow VALUES (1, 'iq-mosul', 'Mosul', 10, NULL)"))
        conn.execute(text("INSERT INTO feed (url, title, items, errors, next_fetch_at, gone) "
                          "VALUES ('https://x.example/f', 'X', 0, 0, :t, false)"), {"t": T0})
        conn.execute(text("INSERT INTO feed_subscription (guild_id, feed_id, channel_id, "
                          "created_at) SELECT 1, id, 10, :t FROM feed"), {"t": T0})
    engine.dispose()
    store = FeedStore(db_url)
    try:
        assert current_version(store.engine) == latest_version()
        _schema_matches_the_models(store.engine)
        assert [f.name for f in store.follows(1)] == ["Mosul"]
        [sub] = store.subscriptions(1)
        assert sub.feed.title == "X" and sub.keywords == ""
        store.subscribe(1, "https://x.example/f", 11, T0, "Basra")
        assert store.subscriptions(1)[0].keywords == "Basra"
    finally:
        store.close()


def test_notes_wait_in_the_database_and_are_posted_once(db_url: str) -> None:
    store = FeedStore(db_url)
    try:
        store.follow(1, "iq-basra", "Basra", 10)
        item = NoteItem("news/a", "Port reopens", "Gulf News", "https://g.example/a", "2026-11-30")
        assert store.queue_notes(1, "iq-basra", [item, item], T0) == 1
        assert store.queue_notes(1, "iq-basra", [item], T0) == 0  # held once
        reopened = FeedStore(db_url)
        assert reopened.pending_notes() == {(1, "iq-basra"): [item]}
        reopened.notes_posted(1, "iq-basra", ["news/a"], T0)
        assert reopened.pending_notes() == {}
        assert reopened.follows(1)[0].last_posted_at == T0
        store.queue_notes(1, "iq-basra", [item], T0)
        assert store.unfollow(1, "Basra") and store.pending_notes() == {}
        reopened.close()
    finally:
        store.close()


async def test_a_failed_note_stays_queued_and_the_interval_holds_the_next(tmp_path: Path) -> None:
    store = FeedStore(f"sqlite:///{tmp_path / 'notes.sqlite3'}")
    store.follow(1, "iq-basra", "Basra", 10)
    sent: list[tuple[int, str, list[str], str]] = []
    fail = [True]

    async def announce(channel: int, name: str, items: list, nonce: str) -> None:
        if fail[0]:
            raise ConnectionError("Discord is down")
        sent.append((channel, name, [i.doc_id for i in items], nonce))

    now = [T0]
    notifier = PlaceNotifier(store, announce, clock=lambda: now[0])
    store.queue_notes(1, "iq-basra", [NoteItem("a", "A", "S", "", "")], T0)
    assert await notifier.flush() == 0 and len(await notifier.pending()) == 1
    fail[0] = False
    assert await notifier.flush() == 1
    assert sent[0][:3] == (10, "Basra", ["a"]) and len(sent[0][3]) <= 25
    store.queue_notes(1, "iq-basra", [NoteItem("b", "B", "S", "", "")], T0)
    now[0] = T0 + timedelta(minutes=30)
    assert await notifier.flush() == 0  # within the hour: held
    now[0] = T0 + timedelta(minutes=61)
    assert await notifier.flush() == 1 and [s[2] for s in sent] == [["a"], ["b"]]
    store.close()


async def test_notes_pending_at_a_stop_are_posted_after_the_restart_once(
        tmp_path: Path, seeds_dir: Path, openapi_spec: object) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    make = bot_factory(tmp_path, corpus, extensions=("cogs.feeds",), allow_private_urls=True,
                       feed_poll_seconds=1)
    db = f"sqlite:///{tmp_path / 'briefbot.sqlite3'}"
    async with run_bot(make) as (ld, bot):
        it = await ld.invoke("follow", {"place": "Mosul", "channel": DEFAULT_GENERAL_ID})
        await it.wait_done(timeout=20)
        follow = bot.place_notifier.store.follows()[0]
        # a note about Mosul went out a minute ago: new articles wait for the next one
        bot.place_notifier.store.notes_posted(follow.guild_id, follow.place, [],
                                              datetime.now(UTC) - timedelta(minutes=1))
        engine = bot.engine
        about = [d for d in engine.corpus.documents
                 if "Mosul" in engine.corpus.documents[d].text][:2]
        assert about
        await bot.place_notifier.notice(engine, about)
        assert sum(map(len, (await bot.place_notifier.pending()).values())) == len(about)
        assert ld.channel_messages(DEFAULT_GENERAL_ID) == []
    # stopped with the note pending; the hour passes while the bot is down
    store = FeedStore(db)
    store.notes_posted(follow.guild_id, follow.place, [], datetime.now(UTC) - timedelta(hours=2))
    store.close()
    async with run_bot(make) as (ld, bot):
        note = (await ld.wait_for_channel_message(DEFAULT_GENERAL_ID, 1, timeout=30))[0]
        embed = note["embeds"][0]
        assert embed["title"] == f"New on {follow.name}: {len(about)} article" + \
            ("s" if len(about) > 1 else "")
        shown = embed["description"].replace("\\", "")  # markdown escapes
        for doc_id in about:
            assert engine.corpus.documents[doc_id].title[:40] in shown
        for _ in range(100):  # recorded just after the post
            if not await bot.place_notifier.pending():
                break
            await asyncio.sleep(0.05)
        assert await bot.place_notifier.pending() == {}
        assert await bot.place_notifier.flush() == 0
        assert len(ld.channel_messages(DEFAULT_GENERAL_ID)) == 1
    async with run_bot(make) as (ld, bot):  # and never again
        assert await bot.place_notifier.flush() == 0
        assert ld.channel_messages(DEFAULT_GENERAL_ID) == []
