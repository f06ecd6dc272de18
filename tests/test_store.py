"""The store: migrations, the once-per-day slot, documents seen."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from bot.store import Store, describe_database
from bot.store.migrations import MIGRATIONS, current_version, migrate
from bot.store.models import Base

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    yield s
    s.close()


def test_migrations_build_the_schema_the_models_describe(store: Store) -> None:
    insp = inspect(store.engine)
    for table in Base.metadata.sorted_tables:
        assert insp.has_table(table.name), table.name
        columns = {c["name"] for c in insp.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    assert store.version == MIGRATIONS[-1][0]


def test_reopening_applies_nothing_twice_and_a_new_migration_once(db_url: str) -> None:
    url = db_url
    Store(url).set_settings(1, 10, "09:00", "UTC", T0)
    reopened = Store(url)
    assert reopened.get_settings(1) is not None  # data survived

    calls = []

    def v2(conn) -> None:
        calls.append(1)
        conn.execute(text("ALTER TABLE guild_digest ADD COLUMN note VARCHAR(20)"))

    nxt = MIGRATIONS[-1][0] + 1
    extended = (*MIGRATIONS, (nxt, v2))
    assert migrate(reopened.engine, extended) == nxt
    assert migrate(reopened.engine, extended) == nxt
    assert calls == [1]
    assert current_version(reopened.engine) == nxt
    assert "note" in {c["name"] for c in inspect(reopened.engine).get_columns("guild_digest")}


def test_a_slot_is_claimed_once(store: Store) -> None:
    store.set_settings(1, 10, "09:00", "UTC", T0)
    first = store.claim_slot(1, "2026-03-02", 10, T0 + timedelta(days=1), now=T0)
    assert first is not None
    assert store.claim_slot(1, "2026-03-02", 10, T0 + timedelta(days=1), now=T0) is None
    assert store.claim_slot(2, "2026-03-02", 10, T0, now=T0) is not None  # other server
    assert store.claim_slot(1, "2026-03-03", 10, T0, now=T0) is not None  # other day


def test_finish_records_the_post_and_the_error(store: Store) -> None:
    store.set_settings(1, 10, "09:00", "UTC", T0)
    ok = store.claim_slot(1, "2026-03-01", 10, T0, now=T0)
    store.finish(ok, message_id=99, now=T0 + timedelta(seconds=2))
    last = store.last_posted(1)
    assert last is not None and last.message_id == 99 and last.status == "posted"
    assert last.posted_at == T0 + timedelta(seconds=2)
    bad = store.claim_slot(1, "2026-03-02", 10, T0 + timedelta(days=1), now=T0)
    store.finish(bad, error="channel gone", now=T0 + timedelta(days=1))
    assert store.get_settings(1).last_error == "channel gone"
    assert store.last_posted(1).id == ok  # a failure is not a digest
    assert [e.status for e in store.history(1)] == ["failed", "posted"]
    store.set_settings(1, 11, "09:00", "UTC", T0 + timedelta(days=1))
    assert store.get_settings(1).last_error is None  # a new setting may have fixed it


def test_manual_posts_claim_no_slot(store: Store) -> None:
    store.set_settings(1, 10, "09:00", "UTC", T0)
    a = store.start_manual(1, 10, T0)
    b = store.start_manual(1, 10, T0)
    assert a != b
    assert store.claim_slot(1, "2026-03-01", 10, T0, now=T0) is not None


def test_documents_seen_keeps_the_first_time(store: Store) -> None:
    changes = store.sync_documents({"a": "h1", "b": "h2"}, T0)
    assert sorted(changes.added) == ["a", "b"]
    later = T0 + timedelta(hours=5)
    changes = store.sync_documents({"a": "h1", "b": "h2x", "c": "h3"}, later)
    assert changes.added == ["c"] and changes.changed == ["b"] and changes.removed == []
    seen = store.first_seen()
    assert seen["a"] == T0 and seen["b"] == T0 and seen["c"] == later
    changes = store.sync_documents({"a": "h1"}, later)
    assert sorted(changes.removed) == ["b", "c"]
    assert set(store.first_seen()) == {"a"}
    back = T0 + timedelta(days=1)
    assert store.sync_documents({"a": "h1", "c": "h3"}, back).added == ["c"]
    assert store.first_seen()["c"] == back


# a database this version cannot use is named, never half-used ----------------------------
def test_a_database_from_a_newer_version_is_refused_by_name(db_url: str) -> None:
    from bot.store import SchemaTooNew

    url = db_url
    Store(url).close()
    newer = Store(url)
    ours = MIGRATIONS[-1][0]
    with newer.engine.begin() as conn:  # what a newer briefbot would have written
        conn.execute(text("ALTER TABLE digest_log ADD COLUMN shard INTEGER NOT NULL DEFAULT 0"))
        conn.execute(text(f"INSERT INTO schema_version VALUES ({ours + 1}, '2027-01-01')"))
    newer.close()
    with pytest.raises(SchemaTooNew) as refused:
        Store(url)
    message = str(refused.value)
    assert describe_database(url) in message
    assert f"version {ours + 1}" in message and f"briefbot's {ours}" in message
    assert current_version(create_engine(url)) == ours + 1  # left as it was


def test_a_corrupt_database_is_refused_by_name(tmp_path: Path) -> None:
    from bot.store import StoreError

    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"this is not a database at all " * 200)
    with pytest.raises(StoreError) as refused:
        Store(f"sqlite:///{path}")
    assert str(path) in str(refused.value) and "not a database" in str(refused.value)


def test_a_read_only_database_opens_and_says_it_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    Store(f"sqlite:///{path}").set_settings(1, 10, "09:00", "UTC", T0)
    readonly = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert readonly.problem is not None and "cannot be written" in readonly.problem
    assert str(path) in readonly.problem
    assert readonly.get_settings(1) is not None  # still readable


def test_an_unrelated_integrity_error_is_not_taken_for_a_claimed_slot(
        sqlite_store: Store) -> None:
    store = sqlite_store
    with store.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON digest_log "
                          "BEGIN SELECT RAISE(ABORT, 'constraint failed: NOT NULL'); END"))
    with pytest.raises(Exception, match="constraint failed"):
        store.claim_slot(1, "2026-03-02", 10, T0, now=T0)


# several processes on one database --------------------------------------------------------
def test_stores_opening_an_empty_database_at_once_migrate_it_once(db_url: str) -> None:
    """Six stores (six connection pools, as six starting processes would have) open an
    empty database together: the schema is built once (the advisory lock on PostgreSQL,
    a re-read after a lost race on SQLite), every one opens it, one wins the slot."""
    start = threading.Barrier(6)
    results: list[tuple[int, int | None] | BaseException] = []

    def open_and_claim() -> None:
        start.wait()
        try:
            store = Store(db_url)
            results.append((store.version, store.claim_slot(7, "2026-03-02", 70, T0, now=T0)))
            store.close()
        except BaseException as exc:  # pragma: no cover - reported below
            results.append(exc)

    threads = [threading.Thread(target=open_and_claim) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(r, tuple) for r in results), results
    assert {version for version, _ in results} == {MIGRATIONS[-1][0]}  # type: ignore[misc]
    assert sum(log_id is not None for _, log_id in results) == 1  # type: ignore[misc]
    store = Store(db_url)
    with store.engine.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
    assert sorted(versions) == [v for v, _ in MIGRATIONS]
    assert [e.guild_id for e in store.history(7)] == [7]
    store.close()


def test_a_slot_raced_by_many_connections_is_claimed_exactly_once(db_url: str) -> None:
    """Eight stores (eight connection pools, as eight processes would have) claim the same
    slot at the same moment: the unique slot lets exactly one through."""
    stores = [Store(db_url) for _ in range(8)]
    start = threading.Barrier(len(stores))
    won: list[int | None] = [None] * len(stores)

    def claim(i: int) -> None:
        start.wait()
        won[i] = stores[i].claim_slot(3, "2026-03-05", 30, T0, now=T0)

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(w is not None for w in won) == 1
    assert len(stores[0].history(3)) == 1
    for s in stores:
        s.close()


def test_documents_seen_recorded_by_processes_at_once_keeps_one_row_each(db_url: str) -> None:
    stores = [Store(db_url) for _ in range(4)]
    hashes = {f"doc{i}": f"h{i}" for i in range(50)}
    start = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def sync(store: Store) -> None:
        start.wait()
        try:
            store.sync_documents(hashes, T0)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=sync, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stores[0].first_seen() == dict.fromkeys(hashes, T0)
    for s in stores:
        s.close()


def test_without_a_server_postgresql_tests_skip_outside_ci_and_fail_in_ci(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.db_fixtures import _unavailable

    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL tests skipped: no server"):
        _unavailable("no server")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run in CI: no server"):
        _unavailable("no server")
