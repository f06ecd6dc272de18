"""The digest: content, rendering, CLI, and the service's once-per-day delivery rules."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import discord
import pytest

from bot.corpus import load_corpus
from bot.digest_service import DigestService, latest_slot, make_trigger, parse_local_time
from bot.engine import Engine
from bot.engine.compare.comparer import MAX_CORPUS_DOCUMENTS
from bot.engine.compare.model import Claim
from bot.engine.digest import _compared_with, _who_says, build_digest
from bot.engine.errors import EngineInputError
from bot.render.common import EMBED_TOTAL_LIMIT, safe
from bot.render.digest import digest_embeds, digest_text
from bot.store import Store
from tests.conftest import SEEDS, write_corpus

NY = "America/New_York"
DOCS = {
    "harbour.txt": "---\ntitle: Harbour strike ends\nsource: Port News\n---\n"
                   "Dock workers ended their strike on Friday. Ships waited outside the harbour "
                   "for three days. The union said 400 workers took part.",
    "bridge.txt": "---\ntitle: Council approves bridge\nsource: City Herald\n---\n"
                  "The council approved a new bridge on Monday. Work starts in May. "
                  "The bridge will cost 12 million pounds.",
    "floods.txt": "---\ntitle: Floods close road\nsource: Valley Times\n---\n"
                  "Floods closed the main road on Sunday. Crews worked through the night. "
                  "About 200 homes lost power for a day.",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = write_corpus(tmp_path_factory.mktemp("digest") / "corpus", DOCS)
    return Engine(load_corpus(root))


NOW = datetime(2026, 6, 10, 7, 0, tzinfo=UTC)


def _seen(engine: Engine, new: set[str]) -> dict[str, datetime]:
    return {d: NOW - (timedelta(hours=1) if d in new else timedelta(days=5))
            for d in engine.corpus.documents}


# the digest itself ----------------------------------------------------------------------
def test_new_documents_are_those_first_seen_since(engine: Engine) -> None:
    digest = build_digest(engine, now=NOW, since=NOW - timedelta(hours=12),
                          first_seen=_seen(engine, {"harbour", "floods"}), timezone=NY)
    data = digest.to_dict()
    assert set(data) == {"title", "generated_at", "new_documents", "sections"}
    assert {d["doc_id"] for d in data["new_documents"]} == {"harbour", "floods"}
    assert {d["source"] for d in data["new_documents"]} == {"Port News", "Valley Times"}
    assert "Wednesday 10 June 2026" in data["title"] and "3 documents" in data["title"]
    headings = [s["heading"] for s in data["sections"]]
    assert headings[0] == "Main developments" and headings[-1] == "Sources"
    main = data["sections"][0]["items"]
    assert main and all(i["doc_id"] in {"harbour", "floods"} for i in main)
    assert all(set(i) == {"text", "doc_id", "source", "anchor", "who"} for s in data["sections"]
               for i in s["items"])
    json.dumps(data)  # the contract is plain JSON


STORIES = {
    "a_port.txt": "---\ntitle: Port of Arden reopens\nsource: Port News\n---\n"
                  "The port of Arden reopened to container ships after a two-week strike. "
                  "Arden dock workers accepted a pay rise of four percent. "
                  "Shipping lines said Arden cargo volumes would recover within a month.",
    "b_bridge.txt": "---\ntitle: Bexley council approves bridge\nsource: City Herald\n---\n"
                    "Bexley council approved a new river bridge costing 12 million pounds. "
                    "Bexley residents had campaigned for a second river crossing for years. "
                    "Construction of the Bexley bridge is planned to take two years.",
    "c_floods.txt": "---\ntitle: Floods close Corran road\nsource: Valley Times\n---\n"
                    "Floods closed the main road into Corran after heavy rain. "
                    "About 200 homes in Corran lost power during the floods. "
                    "Corran engineers restored electricity to most homes by the evening.",
}


def test_main_developments_are_the_summarys_own_three(tmp_path: Path) -> None:
    # the summary's picks come back in reading order: the first three of nine were the
    # alphabetically first article's three lines (the port's only)
    engine = Engine(load_corpus(write_corpus(tmp_path / "corpus", STORIES)))
    digest = build_digest(engine, now=NOW, first_seen=_seen(engine, set(engine.corpus.documents)))
    section = next(s for s in digest.sections if s.heading == "Main developments")
    own = [s.text for s in engine.summarizer.summarize(sentences=3).sentences]
    assert [i.text for i in section.items] == own
    assert len({i.doc_id for i in section.items}) == 3


def test_nothing_new_says_so_and_repeats_the_top_story(engine: Engine) -> None:
    digest = build_digest(engine, now=NOW, since=NOW - timedelta(hours=12),
                          first_seen=_seen(engine, set()))
    data = digest.to_dict()
    assert data["new_documents"] == []
    assert [s["heading"] for s in data["sections"]] == ["Nothing new", "Top story"]
    assert len(data["sections"][0]["items"]) == 1
    top = data["sections"][1]["items"][0]
    assert top["doc_id"] in engine.corpus.documents
    assert top["text"] in engine.corpus.documents[top["doc_id"]].text


def test_render_fits_one_message_and_escapes_corpus_text(engine: Engine) -> None:
    digest = build_digest(engine, now=NOW, since=NOW - timedelta(days=30),
                          first_seen=_seen(engine, set(engine.corpus.documents)))
    digest.sections[0].items *= 200  # far more than fits
    digest.sections[0].items[0] = type(digest.sections[0].items[0])(
        "@everyone [click](http://x.y) **bold**", "harbour", "Port News")
    embeds = digest_embeds(digest)
    assert 1 <= len(embeds) <= 10
    assert sum(len(e) for e in embeds) <= EMBED_TOTAL_LIMIT
    main = embeds[0].fields[0].value
    assert "more" in main.splitlines()[-1]
    assert "[click](" not in main and "@everyone" not in main.replace("@\u200beveryone", "")
    assert "Harbour strike ends" in digest_text(digest)


def test_cli_digest_json(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import digest as cli

    args = argparse.Namespace(corpus=engine.corpus.root, json=True, since="2000-01-01",
                              timezone="UTC")
    assert cli.run(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["doc_id"] for d in data["new_documents"]} == set(engine.corpus.documents)
    args.since = "yesterday"
    assert cli.run(args) == 1
    assert "ISO-8601" in json.loads(capsys.readouterr().out)["error"]


# slot arithmetic ------------------------------------------------------------------------------
def test_time_parsing_and_slots() -> None:
    assert parse_local_time("7:05").minute == 5
    for bad in ("25:00", "09:60", "nine", "9"):
        with pytest.raises(EngineInputError):
            parse_local_time(bad)
    # 08:00 in New York (EDT, -4) is 12:00 UTC
    slot = latest_slot("08:00", NY, datetime(2026, 6, 10, 12, 0, tzinfo=UTC))
    assert slot.key == "2026-06-10" and slot.at == datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    slot = latest_slot("08:00", NY, datetime(2026, 6, 10, 11, 59, tzinfo=UTC))
    assert slot.key == "2026-06-09"


# the service with a fake Discord ------------------------------------------------------------
class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _http_error(cls: type[discord.HTTPException], status: int) -> discord.HTTPException:
    return cls(SimpleNamespace(status=status, reason="x"), {"code": 0, "message": "x"})


class FakeDiscord:
    """Records posts; ``failures[channel]`` is a list of exceptions raised in turn.

    ``lost_replies[channel]`` posts that many messages and then raises (the connection
    dropped after Discord accepted the post). Nonces deduplicate as Discord's do.
    """

    def __init__(self) -> None:
        self.posts: list[tuple[int, datetime, list[discord.Embed]]] = []
        self.failures: dict[int, list[BaseException]] = {}
        self.lost_replies: dict[int, int] = {}
        self.nonces: dict[str, int] = {}
        self.clock: Clock | None = None

    async def send(self, channel_id: int, embeds: list[discord.Embed], nonce: str) -> int:
        queue = self.failures.get(channel_id)
        if queue:
            raise queue.pop(0)
        assert self.clock is not None and len(nonce) <= 25
        # as strict as Discord: at most 10 embeds sharing 6,000 characters
        assert 1 <= len(embeds) <= 10 and sum(len(e) for e in embeds) <= EMBED_TOTAL_LIMIT
        if nonce not in self.nonces:
            self.posts.append((channel_id, self.clock(), embeds))
            self.nonces[nonce] = 1000 + len(self.posts)
        if self.lost_replies.get(channel_id):
            self.lost_replies[channel_id] -= 1
            raise aiohttp.ServerDisconnectedError()
        return self.nonces[nonce]

    async def find(self, channel_id: int, after: datetime, nonce: str) -> int | None:
        return self.nonces.get(nonce)

    def on(self, channel_id: int) -> list[datetime]:
        return [t for c, t, _ in self.posts if c == channel_id]


def _service(db_url: str, engine: Engine, clock: Clock, fake: FakeDiscord,
             grace_minutes: int = 120) -> DigestService:
    fake.clock = clock

    async def run_cpu(fn: Any, *args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    return DigestService(store=Store(db_url), engine=lambda: engine, send=fake.send,
                         find=fake.find, run_cpu=run_cpu,
                         grace=timedelta(minutes=grace_minutes), clock=clock,
                         retry_delays=(0.0, 0.0, 0.0))


def _configure(db_url: str, guild: int, channel: int, at: str, tz: str,
               when: datetime) -> None:
    store = Store(db_url)
    store.set_settings(guild, channel, at, tz, when)
    store.close()


async def test_due_digest_posts_to_its_channel_once(db_url: str, engine: Engine) -> None:
    clock, fake = Clock(datetime(2026, 6, 9, 20, 0, tzinfo=UTC)), FakeDiscord()
    _configure(db_url, 1, 10, "08:00", NY, clock.now)
    service = _service(db_url, engine, clock, fake)
    assert (await service.run_due(1)).status == "not-due"  # yesterday's slot predates the set
    clock.now = datetime(2026, 6, 10, 12, 0, 0, tzinfo=UTC)  # 08:00 EDT
    outcome = await service.run_due(1)
    assert outcome.status == "posted" and fake.on(10) == [clock.now]
    assert (await service.run_due(1)).status == "already"
    clock.now += timedelta(hours=1)
    restarted = _service(db_url, engine, clock, fake)  # a restart: new service, same database
    assert [o.status for o in await restarted.catch_up()] == ["already"]
    assert len(fake.posts) == 1


async def test_missed_digest_posts_once_within_grace(db_url: str, engine: Engine,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeDiscord()
    _configure(db_url, 1, 10, "09:00", "Europe/London", datetime(2026, 6, 1, tzinfo=UTC))
    _configure(db_url, 2, 20, "06:00", "Europe/London", datetime(2026, 6, 1, tzinfo=UTC))
    clock = Clock(datetime(2026, 6, 10, 8, 30, tzinfo=UTC))  # 09:30 BST: 30 min late
    service = _service(db_url, engine, clock, fake, grace_minutes=60)
    with caplog.at_level(logging.INFO, "bot.digest_service"):
        outcomes = {o.channel_id or 0: o.status for o in await service.catch_up()}
    assert outcomes == {10: "posted", 0: "missed"}  # 06:00 BST was 3.5 h ago: beyond grace
    assert "missed by 210 min" in caplog.text and "skipped" in caplog.text
    assert fake.on(10) == [clock.now] and fake.on(20) == []
    again = _service(db_url, engine, clock, fake, grace_minutes=60)
    assert [o.status for o in await again.catch_up()] == ["already", "missed"]
    assert len(fake.posts) == 1


async def test_permanent_failures_are_recorded_and_others_still_post(
        db_url: str, engine: Engine) -> None:
    fake = FakeDiscord()
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    _configure(db_url, 1, 10, "08:00", "UTC", t0)
    _configure(db_url, 2, 20, "08:00", "UTC", t0)
    _configure(db_url, 3, 30, "08:00", "UTC", t0)
    fake.failures[10] = [_http_error(discord.NotFound, 404)]
    fake.failures[20] = [_http_error(discord.Forbidden, 403)]
    clock = Clock(datetime(2026, 6, 10, 8, 0, tzinfo=UTC))
    service = _service(db_url, engine, clock, fake)
    outcomes = await service.catch_up()
    assert [o.status for o in outcomes] == ["failed", "failed", "posted"]
    store = service.store
    assert "no longer exists (404)" in store.get_settings(1).last_error
    assert "missing permission" in store.get_settings(2).last_error
    assert store.get_settings(3).last_error is None and fake.on(30) == [clock.now]
    assert store.slot(1, "2026-06-10").status == "failed"


async def test_transient_failures_are_retried(db_url: str, engine: Engine) -> None:
    fake = FakeDiscord()
    _configure(db_url, 1, 10, "08:00", "UTC", datetime(2026, 6, 1, tzinfo=UTC))
    fake.failures[10] = [_http_error(discord.DiscordServerError, 503),
                         _http_error(discord.HTTPException, 429), OSError("reset")]
    clock = Clock(datetime(2026, 6, 10, 8, 0, tzinfo=UTC))
    service = _service(db_url, engine, clock, fake)
    assert (await service.run_due(1, kind="catch-up")).status == "posted"
    assert fake.on(10) == [clock.now] and service.store.get_settings(1).last_error is None


@pytest.mark.parametrize(("local_time", "days", "expected_utc"), [
    # spring forward, 2026-03-08: 02:30 does not exist; posted once, right after the gap
    # (03:00 EDT)
    ("02:30", ("2026-03-07", "2026-03-08", "2026-03-09"),
     ["2026-03-07T07:30", "2026-03-08T07:00", "2026-03-09T06:30"]),
    # fall back, 2026-11-01: 01:30 happens twice; posted once, at the first (EDT)
    ("01:30", ("2026-10-31", "2026-11-01", "2026-11-02"),
     ["2026-10-31T05:30", "2026-11-01T05:30", "2026-11-02T06:30"]),
])
async def test_dst_transitions_post_once_at_the_intended_local_time(
        db_url: str, engine: Engine, local_time: str, days: tuple[str, ...],
        expected_utc: list[str]) -> None:
    fake = FakeDiscord()
    _configure(db_url, 1, 10, local_time, NY, datetime(2026, 1, 1, tzinfo=UTC))
    service = _service(db_url, engine, Clock(datetime(2026, 1, 1, tzinfo=UTC)), fake)
    trigger = make_trigger(service.store.get_settings(1))
    start = datetime.fromisoformat(days[0]).replace(tzinfo=UTC)
    fire = trigger.get_next_fire_time(None, start)
    firings = []
    while fire is not None and fire.astimezone(UTC) < start + timedelta(days=5):
        firings.append(fire)
        assert isinstance(service.clock, Clock)
        service.clock.now = fire.astimezone(UTC)
        await service.run_due(1)  # exactly what the scheduler's job does
        fire = trigger.get_next_fire_time(fire, fire)
    assert len(firings) >= 3
    posted = [t.strftime("%Y-%m-%dT%H:%M") for t in fake.on(10)]
    assert posted[:3] == expected_utc
    days_posted = [s.local_date for s in reversed(service.store.history(1, 10))]
    assert len(days_posted) == len(set(days_posted))  # one digest per local day
    assert list(days)[:3] == days_posted[:3]


def test_seed_digest_has_place_lines_from_new_documents(seed_engine: Engine) -> None:
    new = {"001_1bcaefff16c7f4bd", "003_e2bfb13aa5e2df8e"}
    seen = {d: NOW - (timedelta(hours=1) if d in new else timedelta(days=5))
            for d in seed_engine.corpus.documents}
    digest = build_digest(seed_engine, now=NOW, since=NOW - timedelta(days=1), first_seen=seen)
    places = next(s for s in digest.sections if s.heading == "Places")
    assert 1 <= len(places.items) <= 5
    for item in places.items:
        assert item.doc_id in new
        _name, _, sentence = item.text.partition(": ")
        assert sentence in seed_engine.corpus.documents[item.doc_id].text
    assert any(i.text.startswith("Mosul: ") for i in places.items)
    # each place line is a source's sentence: Discord shows whose, as for a development
    field = next(f for f in digest_embeds(digest)[0].fields if f.name == "Places")
    for item, line in zip(places.items, field.value.splitlines(), strict=True):
        assert line.endswith(f" — *{safe(item.source)}*"), line


def test_no_sentence_is_shown_twice_in_one_digest(seed_engine: Engine) -> None:
    # every seed new: "Thousands of people in Syria and Iraq ..." is a main development and
    # the first line naming Iraq and Syria; it was printed three times
    seen = {d: NOW - timedelta(hours=1) for d in seed_engine.corpus.documents}
    digest = build_digest(seed_engine, now=NOW, since=NOW - timedelta(days=1), first_seen=seen)
    texts = [item.text.partition(": ")[2] if section.heading == "Places" else item.text
             for section in digest.sections if section.heading in ("Main developments", "Places")
             for item in section.items]
    places = next(s for s in digest.sections if s.heading == "Places")
    assert len(places.items) >= 3
    assert len(texts) == len(set(texts))


def test_a_big_corpus_digest_shows_the_new_documents_disagreements(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # 21 documents, more than the comparer takes whole: the section was always left out
    # (and a traceback logged); the new documents are now compared among themselves
    files: dict[str, str | bytes] = {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    towns = ["Arden", "Bexley", "Corran", "Dunmore", "Elmstead", "Fenwick", "Glenholm",
             "Harlow", "Ivybridge", "Jarrow", "Kelso", "Lydney", "Morpeth", "Nairn",
             "Oakham", "Penrith"]
    for k, town in enumerate(towns):
        files[f"town_{k:02d}.txt"] = (
            f"---\ntitle: {town} fair opens\nsource: {town} Gazette\n---\n"
            f"The {town} autumn fair opened with {k + 3} stalls. Organisers in {town} "
            f"expect {100 * (k + 2)} visitors this year.")
    engine = Engine(load_corpus(write_corpus(tmp_path / "corpus", files)))
    assert len(engine.corpus) > MAX_CORPUS_DOCUMENTS
    new = {"001_1bcaefff16c7f4bd", "002_160402298ecf2569", "town_03"}
    seen = {d: NOW - (timedelta(hours=1) if d in new else timedelta(days=5))
            for d in engine.corpus.documents}
    with caplog.at_level(logging.DEBUG, logger="bot.engine.digest"):
        digest = build_digest(engine, now=NOW, first_seen=seen)
    section = next(s for s in digest.sections if s.heading == "Notable disagreements")
    assert [i.text.partition(":")[0] for i in section.items] == ["city size rank in Iraq"]
    assert "second largest" in section.items[0].text
    assert "third most populous" in section.items[0].text
    # each figure once, with every source giving it
    assert section.items[0].text.count("second largest") == 1
    assert "Daily Caller News Foundation and The National say" in section.items[0].text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    # one new document against the older ones naming its places: the seeds' contradiction
    # is found with only one side new (was: one new document, never compared); the towns
    # name none of its places, and are not compared
    seen = {d: NOW - (timedelta(hours=1) if d == "001_1bcaefff16c7f4bd" else timedelta(days=5))
            for d in engine.corpus.documents}
    chosen = _compared_with(engine, ["001_1bcaefff16c7f4bd"], MAX_CORPUS_DOCUMENTS)
    assert chosen[0] == "001_1bcaefff16c7f4bd"
    assert 2 <= len(chosen) <= 5 and not [d for d in chosen if d.startswith("town_")]
    digest = build_digest(engine, now=NOW, first_seen=seen)
    section = next(s for s in digest.sections if s.heading == "Notable disagreements")
    assert [i.text.partition(":")[0] for i in section.items] == ["city size rank in Iraq"]
    assert "second largest" in section.items[0].text
    assert "third most populous" in section.items[0].text
    # a contradiction between two older documents is not news: not shown
    seen = {d: NOW - (timedelta(hours=1) if d == "000_b1d97025c559431c" else timedelta(days=5))
            for d in engine.corpus.documents}
    digest = build_digest(engine, now=NOW, first_seen=seen)
    assert "Notable disagreements" not in [s.heading for s in digest.sections]
    # one new document sharing no place with any other: no section, no error
    caplog.clear()
    seen = {d: NOW - (timedelta(hours=1) if d == "town_03" else timedelta(days=5))
            for d in engine.corpus.documents}
    with caplog.at_level(logging.DEBUG, logger="bot.engine.digest"):
        digest = build_digest(engine, now=NOW, first_seen=seen)
    assert "Notable disagreements" not in [s.heading for s in digest.sections]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


# exactly once, and never silently lost ---------------------------------------------------
async def test_a_reply_lost_after_discord_accepted_the_post_does_not_duplicate(
        db_url: str, engine: Engine) -> None:
    fake = FakeDiscord()
    _configure(db_url, 1, 10, "08:00", "UTC", datetime(2026, 6, 1, tzinfo=UTC))
    fake.lost_replies[10] = 2  # posted, then the connection dropped, twice
    clock = Clock(datetime(2026, 6, 10, 8, 0, tzinfo=UTC))
    service = _service(db_url, engine, clock, fake)
    outcome = await service.run_due(1, kind="catch-up")
    assert outcome.status == "posted" and len(fake.posts) == 1
    assert service.store.slot(1, "2026-06-10").status == "posted"


async def test_a_slot_left_sending_is_resumed_found_posted_or_reported(
        db_url: str, engine: Engine) -> None:
    fake = FakeDiscord()
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    for guild in (1, 2, 3):
        _configure(db_url, guild, guild * 10, "08:00", "UTC", t0)
    store = Store(db_url)
    due = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
    for g in (1, 2):
        store.claim_slot(g, "2026-06-10", g * 10, due, "scheduled", due)
    store.claim_slot(3, "2026-06-07", 30, due - timedelta(days=3), "scheduled",
                     due - timedelta(days=3))
    # guild 1's post reached Discord before the process died; guild 2's never left
    fake.clock = Clock(due)
    from bot.digest_service import slot_nonce

    await fake.send(10, [discord.Embed(title="digest")], slot_nonce(1, "2026-06-10"))
    clock = Clock(due + timedelta(minutes=3))
    service = _service(db_url, engine, clock, fake)
    outcomes = await service.resume()
    assert [o.status for o in outcomes] == ["posted", "posted", "failed"]
    assert fake.on(10) == [due] and fake.on(20) == [clock.now] and fake.on(30) == []
    assert store.slot(1, "2026-06-10").message_id == 1001  # the message already there
    assert {store.slot(g, "2026-06-10").status for g in (1, 2)} == {"posted"}
    assert store.slot(3, "2026-06-07").status == "failed"
    assert "stopped while posting" in store.get_settings(3).last_error
    assert await service.resume() == []  # nothing left "sending"
    assert [o.status for o in await service.catch_up()] == ["already", "already", "posted"]


async def test_start_up_inside_a_spring_forward_gap_posts_todays_digest(
        db_url: str, engine: Engine) -> None:
    fake = FakeDiscord()
    _configure(db_url, 1, 10, "02:30", NY, datetime(2026, 3, 1, tzinfo=UTC))
    clock = Clock(datetime(2026, 3, 8, 7, 10, tzinfo=UTC))  # 03:10 EDT, just after the gap
    service = _service(db_url, engine, clock, fake)
    assert [o.status for o in await service.catch_up()] == ["posted"]
    assert service.store.slot(1, "2026-03-08").status == "posted"
    trigger = make_trigger(service.store.get_settings(1))
    nxt = trigger.get_next_fire_time(None, clock.now)
    assert nxt == datetime(2026, 3, 9, 6, 30, tzinfo=UTC)  # tomorrow 02:30 EDT


async def test_one_servers_unknown_zone_is_reported_and_the_others_still_post(
        db_url: str, engine: Engine) -> None:
    fake = FakeDiscord()
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    _configure(db_url, 1, 10, "08:00", "Mars/Olympus", t0)  # e.g. a zone tzdata dropped
    _configure(db_url, 2, 20, "08:00", "UTC", t0)
    clock = Clock(datetime(2026, 6, 10, 8, 0, tzinfo=UTC))
    service = _service(db_url, engine, clock, fake)
    await service.start()
    try:
        assert service.next_run(1) is None and service.next_run(2) is not None
        assert service._startup is not None
        await service._startup
    finally:
        service.shutdown()
    assert fake.on(20) == [clock.now] and fake.on(10) == []
    problem = service.store.get_settings(1).last_error
    assert "unknown time zone 'Mars/Olympus'" in problem
    assert [o.status for o in await service.catch_up()] == ["failed", "already"]


async def test_two_processes_that_both_think_they_own_a_server_post_its_digest_once(
        db_url: str, engine: Engine) -> None:
    """A shard moved between processes, or two started with the same SHARD_IDS: both run
    every server's catch-up at the same moment; the database lets one post each digest."""
    fake = FakeDiscord()
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    for guild in range(1, 7):
        _configure(db_url, guild, guild * 10, "08:00", "UTC", t0)
    clock = Clock(datetime(2026, 6, 10, 8, 5, tzinfo=UTC))
    first, second = (_service(db_url, engine, clock, fake) for _ in range(2))
    outcomes = await asyncio.gather(first.catch_up(), second.catch_up())
    statuses = sorted(o.status for run in outcomes for o in run)
    assert statuses == ["already"] * 6 + ["posted"] * 6
    assert sorted(c for c, _, _ in fake.posts) == [g * 10 for g in range(1, 7)]


async def test_a_process_leaves_other_shards_servers_to_their_own_process(
        db_url: str, engine: Engine) -> None:
    fake = FakeDiscord()
    t0 = datetime(2026, 6, 1, tzinfo=UTC)
    for guild in (1, 2, 3, 4):
        _configure(db_url, guild, guild * 10, "08:00", "UTC", t0)
    store = Store(db_url)
    due = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
    store.claim_slot(4, "2026-06-10", 40, due, "scheduled", due)  # left "sending"
    store.close()
    clock = Clock(due + timedelta(minutes=1))
    service = _service(db_url, engine, clock, fake)
    service.owns = lambda guild_id: guild_id % 2 == 1  # this process runs the odd ones
    await service.start()
    try:
        assert service._startup is not None
        await service._startup
        assert service.next_run(1) is not None and service.next_run(2) is None
    finally:
        service.shutdown()
    assert sorted(c for c, _, _ in fake.posts) == [10, 30]
    assert service.store.slot(4, "2026-06-10").status == "sending"  # its owner resumes it


async def test_start_records_the_corpus_as_seen_after_starting_and_digests_wait_for_it(
        db_url: str, engine: Engine) -> None:
    """The bot connects before 20,000 documents are recorded as seen; a digest built in
    the meantime waits for the record instead of reading "new" from a stale table."""
    fake = FakeDiscord()
    clock = Clock(datetime(2026, 6, 10, 8, 0, tzinfo=UTC))
    service = _service(db_url, engine, clock, fake)
    assert service.store.first_seen() == {}
    await service.start(sync=True)
    try:
        assert not service._synced.is_set()  # start returned before the record
        digest = await service.build(1)  # waits for it
        assert service._synced.is_set()
        assert set(service.store.first_seen()) == set(engine.corpus.documents)
        assert digest is not None
        assert service._startup is not None
        await service._startup
    finally:
        service.shutdown()


def test_a_disagreement_names_each_figure_once_with_its_sources() -> None:
    # the first three claims were listed: three sources agreeing on 22 hid the 19
    claims = [Claim("22 were hurt", "22 people", f"d{k}", source, 0, "count")
              for k, source in enumerate(("AP", "NYT", "Xinhua"))]
    claims += [Claim("19 men were hurt", "19 men", "d3", "Lusa", 0, "count"),
               Claim("22 were hurt", "22 people", "d4", "AP", 3, "count"),
               Claim("22 were hurt", "22 people", "d5", "Reuters", 0, "count")]
    said = _who_says(claims)
    assert said == "AP, NYT, Xinhua and 1 more say 22 people; Lusa says 19 men"
    assert _who_says(claims[2:4]) == "Xinhua says 22 people; Lusa says 19 men"
    many = [Claim("x", f"{n} dead", f"d{n}", f"S{n}", 0, "count") for n in range(5)]
    assert _who_says(many) == "S0 says 0 dead; S1 says 1 dead; S2 says 2 dead; 2 more figures"
    assert _who_says(many[:4]).endswith("; S2 says 2 dead; 1 more figure")


def test_main_developments_leave_out_the_background_an_article_recalls(
        seed_engine: Engine) -> None:
    # the seeds' summary picks "In June of 2014, the city of Mosul was taken ..." (an
    # undated article's background); the digest led with it as a development of today
    seen = {d: NOW - timedelta(hours=1) for d in seed_engine.corpus.documents}
    picks = [s.text for n in (3, 9)
             for s in seed_engine.summarizer.summarize(sentences=n).sentences]
    recalled = next(t for t in picks if t.startswith("In June of 2014, the city of Mosul"))
    digest = build_digest(seed_engine, now=NOW, since=NOW - timedelta(days=1), first_seen=seen)
    main = next(s for s in digest.sections if s.heading == "Main developments")
    assert len(main.items) == 3
    assert recalled not in [i.text for i in main.items]
    assert all(i.text in picks for i in main.items)  # still the summary's own lines


WIRES = {
    "a_fire.txt": "---\ntitle: Dance hall fire\nsource: Wire One\npublished: 2026-06-10\n---\n"
                  "A fire turned a dance hall in Goteborg into a deathtrap on Friday, killing at "
                  "least 60 people and injuring about 180 in Sweden's second-largest city. "
                  "Police said the hall held 400 teenagers, far beyond its approved capacity. "
                  "Investigators searched the building for the cause of the blaze.",
    "b_fire.txt": "---\ntitle: Goteborg fire\nsource: Wire Two\npublished: 2026-06-10\n---\n"
                  "A fire turned a dance hall in Goteborg into a deathtrap on Friday, killing 60 "
                  "people and injuring 162 others in Sweden's second-largest city. "
                  "The king of Sweden visited the injured in hospital on Saturday. "
                  "Most of the victims were teenagers from immigrant families.",
}


def test_a_digest_line_never_says_again_what_another_wire_said(tmp_path: Path) -> None:
    """Two wires' copies of one line are one line: the DUC d31022t digest showed "A fire
    turned a dance hall ... killing at least 60 people and injuring about 180" as a main
    development and the other wire's "... killing 60 people and injuring 162 others" as
    Sweden's place line; d30044t's main developments held both wires' "If Italy sends
    (Ocalan | the Kurd leader) back to Turkey, ``he'll be tortured ...''"."""
    from bot.engine.digest import _places
    from bot.engine.sources import SourceIndex

    engine = Engine(load_corpus(write_corpus(tmp_path / "corpus", WIRES)))
    docs = {d: engine.corpus.documents[d] for d in engine.corpus.documents}
    first, second = (next(iter(docs[d].sentences)) for d in sorted(docs))
    assert engine.summarizer.repeats(second, [first])
    assert not engine.summarizer.repeats(docs[sorted(docs)[1]].sentences[1], [first])
    on = NOW.date()
    lines = _places(engine, set(docs), SourceIndex(engine.corpus), on, {first.text}, [first])
    sweden = [i.text for i in lines if i.text.startswith("Sweden: ")]
    assert sweden and second.text not in sweden[0], sweden
    # and a whole digest shows no two lines that say the same
    digest = build_digest(engine, now=NOW, first_seen=_seen(engine, set(docs)))
    shown = [i.text.partition(": ")[2] if s.heading == "Places" else i.text
             for s in digest.sections if s.heading in ("Main developments", "Places")
             for i in s.items]
    assert not (first.text in shown and second.text in shown)


def test_a_question_is_no_development_but_a_reported_one_is(tmp_path: Path) -> None:
    """DUC d30046t's main developments held a column's "Why are the Republicans so
    obsessed, when ...?" (a question reports nothing). A sentence that reports a question
    ("Gates asked America Online executives in 1996: ``How much do we need to pay you''
    to damage Netscape?", d31033t) reports what was asked and stays quotable."""
    from bot.engine.digest import _quotable

    assert _each_sentence(tmp_path, _quotable, (
        "Why are the Republicans so obsessed with impeachment in Washington? Gates asked "
        "America Online executives in 1996: ``How much do we need to pay you'' to damage "
        "Netscape? The House voted to impeach the president.")) == [False, True, True]


def test_a_short_line_naming_no_one_is_no_development(tmp_path: Path) -> None:
    """DUC d30006t's main developments held "The sky would be the limit." (a hypothetical
    whose condition is in the sentence before). A line of eight words or fewer with no
    name and no figure says too little to be a development; a short one that names its
    subject ("Anwar said police beat him in custody.") or gives a figure stays."""
    from bot.engine.digest import _development

    assert _each_sentence(tmp_path, _development, (
        "The sky would be the limit. Anwar said police beat him in custody. The judge did "
        "not respond to the letter. The league lost 12 games. The players and the owners "
        "met for three hours without reaching a deal.")) == [False, True, False, True, True]


def _each_sentence(tmp_path: Path, check, text: str) -> list[bool]:
    """``check(corpus, sentence, today)`` of each sentence of a one-article corpus."""
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {"story.txt": text}))
    doc = next(iter(corpus.documents.values()))
    return [check(corpus, s, NOW.date()) for s in doc.sentences]


LEANING = {
    "a_plant.txt": "---\ntitle: Carmaker cuts jobs\nsource: Wire One\npublished: 2026-06-10\n---\n"
                   "A carmaker will cut 900 jobs across Europe, it said on Wednesday. "
                   "Union leaders in Goteborg said the closure would hit 900 families.",
    "b_trucks.txt": "---\ntitle: Truck orders rise\nsource: Wire Two\npublished: 2026-06-10\n---\n"
                    "Orders for heavy trucks rose by a fifth in May, a trade body said. "
                    "Volvo builds most of its trucks in Goteborg, Sweden's second city.",
}


def test_a_place_line_that_leans_on_its_story_gives_way_to_one_that_does_not(
        tmp_path: Path) -> None:
    """Session 80: a place line is the first new sentence naming the place that does not
    lean on its article's story ("Union leaders in Goteborg said the closure would hit 900
    families.": the closure of what?), when there is one; over the 26 DUC dev and seed
    digests 12 place sections changed ("Espina also warned that the issue was damaging
    relations ..." under Spain gave way to '"All we ask is that Spain stops meddling ...,"
    Espina said')."""
    from bot.engine.digest import _leaning, _places
    from bot.engine.sources import SourceIndex

    engine = Engine(load_corpus(write_corpus(tmp_path / "corpus", LEANING)))
    docs = engine.corpus.documents
    leaning, plain = docs["a_plant"].sentences[1], docs["b_trucks"].sentences[1]
    leans = _leaning(engine.corpus)
    assert leans(leaning) and not leans(plain)
    assert not leans(docs["a_plant"].sentences[0])  # an opening never leans on its story
    lines = _places(engine, set(docs), SourceIndex(engine.corpus), NOW.date())
    goteborg = [i.text for i in lines if "Goteborg" in i.text]
    assert goteborg and goteborg[0].endswith(plain.text), lines
    # with only the leaning line to say it, the place keeps that line
    only = _places(engine, {"a_plant"}, SourceIndex(engine.corpus), NOW.date())
    assert any(i.text.endswith(leaning.text) for i in only), only
